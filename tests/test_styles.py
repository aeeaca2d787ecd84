"""House styles: one QML + SLD per layer type, legends in each language, SLD keeps the essential symbology.

The OGC SLD 1.1.0 / SE 1.1.0 XSDs are not available offline (no Debian or PyPI package ships
them), so the SLDs are checked with rdh_engine.io.sld.check_structure, which encodes the parts of
the schema QGIS's export uses, plus the symbology comparison with the QML.
"""
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from rdh_engine.io.gpkg import style_path
from rdh_engine.io.sld import check_structure, compare, qml_classes, rename, sld_classes

STYLES = Path(__file__).resolve().parents[1] / "styles"
SOURCE_LAYERS = ["roads", "admin0", "admin1", "places", "mmp_incidents", "fmp", "poe", "poe_status", "ki_reports",
                 "idp"]
OUTPUT_LAYERS = ["edge_flows", "corridors", "od_flows", "fmp_points", "herd_routes", "od_routes", "corridor_lines",
                 "border_crossings", "alerts", "poe_impact", "od_impact", "edge_change", "criticality",
                 "route_density", "corridor_band"]


@pytest.mark.parametrize("name", SOURCE_LAYERS + OUTPUT_LAYERS)
def test_every_layer_type_has_a_shipped_style(name):
    assert style_path(name).is_file() and style_path(name, ".sld").is_file()


@pytest.mark.parametrize("qml", sorted(STYLES.glob("*.qml")), ids=lambda p: p.stem)
def test_sld_is_structurally_valid_and_keeps_classes_labels_colours(qml):
    sld = qml.with_suffix(".sld").read_text(encoding="utf-8")
    assert check_structure(sld) == []
    essential, _losses = compare(qml.read_text(encoding="utf-8"), sld)
    assert essential == []


@pytest.mark.parametrize("qml", sorted(STYLES.glob("*.qml")), ids=lambda p: p.stem)
def test_every_class_has_a_label_in_each_language_and_classes_are_distinguishable(qml):
    """Labels per language (the style's ``rdh_labels`` property, keyed by class), never one string
    holding both languages that a map would have to split."""
    text = qml.read_text(encoding="utf-8")
    classes = qml_classes(text)
    if len(classes) > 1:
        labels = class_labels(text)
        assert set(labels) == {"en", "fr"}
        assert len(labels["en"]) == len(labels["fr"]) == len(classes)
        assert sorted(labels["en"].values()) == sorted(c["label"] for c in classes)
        assert labels["en"] != labels["fr"] or qml.stem in ("admin", "admin0", "admin1")
        for lang_labels in labels.values():
            assert not any(" / " in label for label in lang_labels.values()), lang_labels
        looks = {(c["color"], c["size"], c["shape"], c["dashed"], c["outline_width"]) for c in classes}
        assert len(looks) == len(classes), "two classes draw the same"


def class_labels(qml_text):
    root = ElementTree.fromstring(qml_text)
    for option in root.iter("Option"):
        if option.get("name") == "rdh_labels":
            return json.loads(option.get("value"))
    for prop in root.iter("property"):   # older custom property format
        if prop.get("key") == "rdh_labels":
            return json.loads(prop.get("value"))
    raise AssertionError("no rdh_labels custom property")


def test_structure_check_catches_broken_documents():
    good = (STYLES / "poe_status.sld").read_text(encoding="utf-8")
    assert check_structure("<StyledLayerDescriptor") and check_structure("<a/>")
    assert any("order" in p for p in check_structure(good.replace("<se:Description>", "<se:Description>", 1)
                                                     .replace("</ogc:Filter>", "</ogc:Filter><se:Name>x</se:Name>", 1)))
    assert any("#rrggbb" in p for p in check_structure(good.replace("#009e73", "green", 1)))
    assert any("SvgParameter" in p for p in check_structure(good.replace('name="fill"', 'name="colour"', 1)))


def test_compare_catches_lost_classes_and_colours():
    qml = (STYLES / "herd_routes.qml").read_text(encoding="utf-8")
    sld = (STYLES / "herd_routes.sld").read_text(encoding="utf-8")
    assert compare(qml, sld.replace("#e69f00", "#ff0000"))[0] == ["Dry season: colour #e69f00 became #ff0000"]
    one_rule = sld[:sld.index("<se:Rule>")] + sld[sld.rindex("<se:Rule>"):]
    assert "2 QML classes but 1 SLD rules" in compare(qml, one_rule)[0]


def test_rename_sets_the_layer_name_servers_match_on():
    sld = rename((STYLES / "roads.sld").read_text(encoding="utf-8"), "roads_2024")
    assert check_structure(sld) == []
    assert "<se:Name>roads_2024</se:Name>" in sld
    assert [c["color"] for c in sld_classes(sld)] == ["#6e6e6e", "#b0b0b0"]
