"""Layers in the reader's language (class labels from the style's per-language labels, country
names by ISO code) and the temporal styles of IDPs and movements."""
from pathlib import Path

import pytest
from qgis.core import (
    QgsDateTimeRange, QgsFeature, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsVectorLayer,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime

from rdh_qgis_plugin.layouts import texts
from rdh_qgis_plugin.layouts.localize import MAP_NAME_FIELD, class_labels, localize_layer

STYLES = Path(__file__).resolve().parents[2] / "styles"


def styled(geometry, fields, style):
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326&" + "&".join(f"field={f}" for f in fields), style, "memory")
    _, ok = layer.loadNamedStyle(str(STYLES / f"{style}.qml"))
    assert ok
    return layer


def legend_labels(layer):
    renderer = layer.renderer()
    if hasattr(renderer, "rootRule"):
        return [rule.label() for rule in renderer.rootRule().children()]
    return [category.label() for category in renderer.categories()]


@pytest.mark.parametrize("lang, expected", [
    ("en", ["< 10 persons/day", "10–49 persons/day", "50–199 persons/day", "200 persons/day or more"]),
    ("fr", ["< 10 personnes/jour", "10–49 personnes/jour", "50–199 personnes/jour", "200 personnes/jour ou plus"]),
])
def test_flow_classes_keep_their_values_in_each_language(lang, expected):
    layer = localize_layer(styled("LineString", ["flow_persons_day:double"], "edge_flows"), lang)
    assert legend_labels(layer) == expected


def test_point_of_entry_labels_are_whole_sentences_per_language():
    layer = localize_layer(styled("Point", ["poe_type:string", "status:string"], "poe_status"), "fr")
    labels = legend_labels(layer)
    assert "Poste terrestre, fermé" in labels and "Aéroport, ouvert" in labels
    assert not any("/" in label or "Land" in label for label in labels)
    assert set(class_labels(layer, "en").values()) >= {"Land crossing, fully closed"}


def test_country_names_in_the_map_language():
    layer = styled("MultiPolygon", ["country_iso3:string", "name:string"], "admin0")
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["TCD", "Chad"])
    other = QgsFeature(layer.fields())
    other.setAttributes(["XXX", "Elsewhere"])
    layer.dataProvider().addFeatures([feature, other])
    localize_layer(layer, "fr")
    assert [f[MAP_NAME_FIELD] for f in layer.getFeatures()] == ["Tchad", "Elsewhere"]
    assert layer.labeling().settings().fieldName == MAP_NAME_FIELD
    localize_layer(layer, "en")
    assert [f[MAP_NAME_FIELD] for f in layer.getFeatures()] == ["Chad", "Elsewhere"]
    assert texts.country_name("CIV", "fr") == "Côte d'Ivoire"   # quoted safely in the expression


@pytest.mark.parametrize("style, field, value", [("idp", "date:date", "2020-03-15"),
                                                  ("movements", "month:string", "2020-03")])
def test_monthly_layers_animate_month_by_month(style, field, value):
    geometry = "MultiPolygon" if style == "idp" else "LineString"
    layer = styled(geometry, [field], style)
    properties = layer.temporalProperties()
    assert properties.isActive()
    feature = QgsFeature(layer.fields())
    feature.setAttributes([QDate(2020, 3, 15) if style == "idp" else value])
    feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(0, 0), QgsPointXY(1, 1)]) if style == "movements"
                        else QgsGeometry.fromWkt("MULTIPOLYGON(((0 0,1 0,1 1,0 0)))"))
    layer.dataProvider().addFeatures([feature])

    def shown_in(month):
        start = QDateTime(QDate(2020, month, 1), QTime(0, 0))
        context = QgsVectorLayerTemporalContext()
        context.setLayer(layer)
        expression = properties.createFilterString(context, QgsDateTimeRange(start, start.addMonths(1), True, False))
        return sum(1 for _ in layer.getFeatures(QgsFeatureRequest().setFilterExpression(expression)))

    assert [shown_in(m) for m in (2, 3, 4)] == [0, 1, 0]
