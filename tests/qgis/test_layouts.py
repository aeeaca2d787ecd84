"""The hub's layout templates, the project builder, `rdh map`, and the commands without QGIS."""
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from qgis.core import (
    QgsExpressionContextUtils, QgsLayoutItemMap, QgsPrintLayout, QgsProject, QgsReadWriteContext,
)
from qgis.PyQt.QtXml import QDomDocument

from rdh_engine.errors import InputNotFoundError
from rdh_qgis_plugin.layouts import project as rdh_project
from rdh_qgis_plugin.layouts import templates, texts

from ._maps import WCA, assert_not_blank, page_count, page_texts, rdh, rdh_in_process, render_page

ITEM_IDS = [value for name, value in vars(templates).items() if name.startswith("ITEM_")]
COMMITTED = sorted(templates.HERE.glob("rdh_*.qpt"))


def load(path, project):
    doc = QDomDocument()
    doc.setContent(Path(path).read_text(encoding="utf-8"))
    layout = QgsPrintLayout(project)
    _, ok = layout.loadFromTemplate(doc, QgsReadWriteContext())
    assert ok, path
    return layout


def furniture_of(layout):
    scope = QgsExpressionContextUtils.layoutScope(layout)
    # QGIS 3.40 reads an empty variable back from a template as NULL: compare it as "".
    return {name: scope.variable(name) or "" for name in texts.FURNITURE["en"]}


def test_every_paper_orientation_and_language_is_committed():
    expected = {templates.template_name(p, o, lang) for p in templates.PAPERS for o in templates.ORIENTATIONS
                for lang in texts.LANGUAGES}
    assert {p.name for p in COMMITTED} == expected


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.stem)
def test_committed_template_has_the_hub_furniture(path):
    _, paper, orientation, lang = path.stem.split("_")
    project = QgsProject()
    layout = load(path, project)
    for item_id in ITEM_IDS:
        assert layout.itemById(item_id) is not None, item_id
    size = layout.pageCollection().page(0).pageSize()
    short, long_ = templates.PAPERS[paper]
    assert (round(size.width()), round(size.height())) == \
        ((long_, short) if orientation == "landscape" else (short, long_))
    assert furniture_of(layout) == texts.furniture(lang)
    assert texts.DISCLAIMER[lang] == furniture_of(layout)["rdh_disclaimer"]
    assert Path(layout.itemById(templates.ITEM_NORTH_ARROW).picturePath()).is_file()
    assert isinstance(layout.itemById(templates.ITEM_LOCATOR), QgsLayoutItemMap)
    legend = layout.itemById(templates.ITEM_LEGEND)
    assert legend.legendFilterByMapEnabled()
    # Every piece of furniture sits on the page.
    page = layout.pageCollection().page(0).rect()
    for item_id in ITEM_IDS:
        rect = layout.itemById(item_id).sceneBoundingRect()
        assert page.contains(rect.adjusted(0.5, 0.5, -0.5, -0.5)), item_id


def test_generator_rebuilds_the_committed_templates(tmp_path):
    written = templates.write_all(tmp_path)
    assert sorted(p.name for p in written) == [p.name for p in COMMITTED]
    project = QgsProject()
    for fresh in written:
        new, old = load(fresh, project), load(templates.HERE / fresh.name, project)
        assert sorted(i.id() for i in new.items() if hasattr(i, "id") and i.id()) == \
            sorted(i.id() for i in old.items() if hasattr(i, "id") and i.id())
        assert furniture_of(new) == furniture_of(old)


def test_project_from_styled_geopackage(demo_output):
    gpkg = demo_output / "rdh_sources.gpkg"
    project = rdh_project.build_project([gpkg])
    names = [layer.name() for layer in rdh_project.content_layers(project)]
    assert names == ["places", "mmp_incidents", "roads", "admin0", "admin1"]   # points, lines, areas
    assert project.crs().authid() == rdh_project.MAP_CRS
    roads = rdh_project.layer_by_name(project, "roads")
    assert roads.renderer().type() == "categorizedSymbol"   # the embedded house style
    chosen = rdh_project.build_project([gpkg], layers=["admin0", "roads"])
    assert [lyr.name() for lyr in rdh_project.content_layers(chosen)] == ["admin0", "roads"]
    with pytest.raises(InputNotFoundError, match="corridors.*available: roads"):
        rdh_project.build_project([gpkg], layers=["corridors"])
    project.clear()
    chosen.clear()


def test_map_overview_png_and_pdf(demo_output, tmp_path):
    png, pdf = tmp_path / "overview.png", tmp_path / "overview.pdf"
    result = rdh("map", "-p", demo_output / "rdh_sources.gpkg", "--layers", "mmp_incidents,roads,admin0",
                 "--extent-of", "admin0", "--filter", WCA, "--title", "Regional overview", "--period", "2014-2024",
                 "--logo", templates.north_arrow_path(), "--dpi", "80", "-o", png, "-o", pdf)
    assert result.returncode == 0, result.stderr
    with Image.open(png) as image:   # A4 landscape at 80 dpi
        assert abs(image.size[0] - 297 / 25.4 * 80) <= 1 and abs(image.size[1] - 210 / 25.4 * 80) <= 1
        assert_not_blank(np.asarray(image.convert("RGB")))
    assert page_count(pdf) == 1
    text = page_texts(pdf)[0]
    for expected in ("Regional overview", "Period: 2014-2024", "Legend", "Roads", "Missing Migrants incidents",
                     "Countries", "Sources: IOM Missing Migrants Project", texts.DISCLAIMER["en"], "km"):
        assert expected in text, expected
    assert "Places" not in text
    assert "Logo" not in text, "the placeholder gives way to the logo"
    assert_not_blank(render_page(pdf, 1, tmp_path))


def test_map_in_french_a3_portrait(demo_output, tmp_path):
    pdf = tmp_path / "carte.pdf"
    result = rdh("map", "-p", demo_output / "rdh_sources.gpkg", "--layers", "roads,admin0", "--lang", "fr",
                 "--template", "a3-portrait", "-o", pdf)
    assert result.returncode == 0, result.stderr
    text = page_texts(pdf)[0]
    for expected in ("Migrations en Afrique de l'Ouest et du Centre", "Légende", "Routes", "Liaison proposée",
                     "Pays", "Sources :", "Réalisation :", texts.DISCLAIMER["fr"]):
        assert expected in text, expected
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "842 x 1191 pts" in out   # A3 portrait


@pytest.mark.parametrize("args, message", [
    (["--template", "a5-landscape"], "unknown template 'a5-landscape'"),
    (["--filter", WCA], "give that layer too"),
    (["--extent-of", "admin0", "--filter", "region_group = 'NOWHERE'"], "no feature matches"),
    (["--lang", "de"], "Invalid value for '--lang'"),
    (["--locator", "roads"], "the inset map needs a polygon layer"),
])
def test_bad_map_requests_fail_with_a_clear_message(demo_output, tmp_path, capsys, args, message):
    code, stderr = rdh_in_process(["map", "-p", demo_output / "rdh_sources.gpkg", *args, "-o", tmp_path / "m.pdf"],
                                  capsys)
    assert code in (1, 2)
    assert message in stderr
    assert not (tmp_path / "m.pdf").exists()


def test_cli_lists_the_map_commands():
    result = rdh("--help")
    assert result.returncode == 0
    assert "atlas" in result.stdout and "map" in result.stdout


@pytest.mark.parametrize("command, args", [("map", []), ("atlas", ["--coverage", "admin0"])])
def test_without_qgis_the_commands_say_they_need_it(command, args, demo_output, tmp_path):
    """A Python without the qgis package (blocked in sys.modules): a clear message and exit 1."""
    script = "import sys; sys.modules['qgis'] = None\nfrom rdh_engine.cli import main\nmain(sys.argv[1:])"
    argv = [command, "-p", str(demo_output / "rdh_sources.gpkg"), *args, "-o", str(tmp_path / "x.pdf")]
    result = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert f"`rdh {command}` needs QGIS" in result.stderr
    assert "python3-qgis" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_saved_project_feeds_the_next_atlas(demo_output, tmp_path, capsys):
    """--save-project writes a .qgz that `rdh atlas -p X.qgz` reuses (its layout name is taken)."""
    qgz, pdf = tmp_path / "saved.qgz", tmp_path / "togo.pdf"
    code, stderr = rdh_in_process(["map", "-p", demo_output / "rdh_sources.gpkg", "--layers", "roads,admin0",
                                   "--dpi", "50", "-o", tmp_path / "m.png", "--save-project", qgz], capsys)
    assert code == 0, stderr
    assert zipfile.is_zipfile(qgz)
    code, stderr = rdh_in_process(["atlas", "-p", qgz, "--layers", "admin0", "--coverage", "admin0",
                                   "--filter", "country_iso3 = 'TGO'", "-o", pdf], capsys)
    assert code == 0, stderr
    text = page_texts(pdf)[0]
    assert "— Togo" in text and "Countries" in text and "Roads" not in text
