"""Regenerate the house styles (QML + SLD) with PyQGIS.

Run from the repository root with `make styles`; it writes styles/*.qml and *.sld, which are
committed so that the engine can embed them without QGIS. Legend labels are bilingual
(English / French); palettes are colour-blind safe (Okabe-Ito / ColorBrewer).
"""
import sys
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsFillSymbol, QgsLineSymbol, QgsMarkerSymbol, QgsPalLayerSettings, QgsSingleSymbolRenderer,
    QgsTextFormat, QgsVectorLayer, QgsVectorLayerSimpleLabeling, QgsCategorizedSymbolRenderer,
    QgsGraduatedSymbolRenderer, QgsRendererCategory, QgsRendererRange,
)
from qgis.PyQt.QtGui import QColor

HERE = Path(__file__).resolve().parents[1] / "styles"


def roads():
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=road_class:string&field=border_crossing:boolean",
                           "roads", "memory")
    cats = [
        QgsRendererCategory("trunk", QgsLineSymbol.createSimple({"color": "#6e6e6e", "width": "0.5"}),
                            "Road / Route"),
        QgsRendererCategory("proposed", QgsLineSymbol.createSimple(
            {"color": "#b0b0b0", "width": "0.3", "line_style": "dash"}), "Proposed link / Liaison proposée"),
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer("road_class", cats))
    return layer


def admin(level):
    layer = QgsVectorLayer(f"MultiPolygon?crs=EPSG:4326&field=name:string", f"admin{level}", "memory")
    style = {"color": "0,0,0,0", "outline_color": "#333333" if level == 0 else "#999999",
             "outline_width": "0.6" if level == 0 else "0.2",
             "outline_style": "solid" if level == 0 else "dot"}
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(style)))
    if level == 0:
        settings = QgsPalLayerSettings()
        settings.fieldName = "name"
        fmt = QgsTextFormat()
        fmt.setSize(8)
        fmt.setColor(QColor("#333333"))
        settings.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)
    return layer


def places():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string&field=population:double", "places", "memory")
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#444444", "size": "1.2",
                                           "outline_style": "no"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def mmp_incidents():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=dead:double&field=missing:double", "mmp", "memory")
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "213,94,0,180", "size": "2",
                                           "outline_color": "#ffffff", "outline_width": "0.2"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _label(layer, field, size=7, color="#333333"):
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    fmt = QgsTextFormat()
    fmt.setSize(size)
    fmt.setColor(QColor(color))
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def fmp():
    """Flow monitoring points: blue triangles labelled with their name."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=fmp_id:string&field=name:string", "fmp", "memory")
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "triangle", "color": "#0072B2", "size": "3", "outline_color": "#ffffff", "outline_width": "0.3"})))
    _label(layer, "name")
    return layer


def poe():
    """Points of entry by type (Okabe-Ito colours)."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=poe_type:string&field=name:string", "poe", "memory")
    looks = [("land", "square", "#E69F00", "Land crossing / Frontière terrestre"),
             ("airport", "star", "#56B4E9", "Airport / Aéroport"),
             ("sea", "diamond", "#0072B2", "Seaport / Port maritime"),
             ("river", "pentagon", "#009E73", "River crossing / Passage fluvial")]
    cats = [QgsRendererCategory(value, QgsMarkerSymbol.createSimple(
        {"name": shape, "color": color, "size": "3.2", "outline_color": "#222222", "outline_width": "0.2"}), label)
        for value, shape, color, label in looks]
    layer.setRenderer(QgsCategorizedSymbolRenderer("poe_type", cats))
    _label(layer, "name")
    return layer


def ki_reports():
    """Transhumance key-informant reports; alerts stand out."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=alert:string&field=herd_size:double", "ki", "memory")
    looks = [("", "circle", "#009E73", "2", "Report / Rapport"),
             ("conflict", "cross2", "#D55E00", "3.5", "Alert: conflict / Alerte : conflit"),
             ("blocked", "cross2", "#CC79A7", "3.5", "Alert: route blocked / Alerte : passage bloqué")]
    cats = [QgsRendererCategory(value, QgsMarkerSymbol.createSimple(
        {"name": shape, "color": color, "size": size, "outline_color": color, "outline_width": "0.4"}), label)
        for value, shape, color, size, label in looks]
    layer.setRenderer(QgsCategorizedSymbolRenderer("alert", cats))
    return layer


def _graduated(layer, field, ranges, make_symbol):
    items = [QgsRendererRange(lo, hi, make_symbol(color, i), label)
             for i, (lo, hi, color, label) in enumerate(ranges)]
    renderer = QgsGraduatedSymbolRenderer(field, items)
    layer.setRenderer(renderer)
    return layer


def idp():
    """Internally displaced persons per admin unit (ColorBrewer YlOrRd)."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=idp_count:double", "idp", "memory")
    ranges = [(0, 10000, "#ffffb2", "< 10 000"), (10000, 50000, "#fecc5c", "10 000 – 50 000"),
              (50000, 200000, "#fd8d3c", "50 000 – 200 000"), (200000, 1e9, "#e31a1c", "> 200 000")]
    return _graduated(layer, "idp_count", ranges, lambda color, i: QgsFillSymbol.createSimple(
        {"color": color, "outline_color": "#7f7f7f", "outline_width": "0.2"}))


def movements():
    """Assisted movements between countries: line width by count."""
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=count:double", "movements", "memory")
    ranges = [(0, 100, "#0072B2", "< 100"), (100, 500, "#0072B2", "100 – 500"),
              (500, 2000, "#0072B2", "500 – 2 000"), (2000, 1e9, "#0072B2", "> 2 000")]
    return _graduated(layer, "count", ranges, lambda color, i: QgsLineSymbol.createSimple(
        {"color": color, "width": str(0.4 + 0.8 * i), "capstyle": "round"}))


STYLES = {
    "roads": roads,
    "admin0": lambda: admin(0),
    "admin1": lambda: admin(1),
    "places": places,
    "mmp_incidents": mmp_incidents,
    "mmp": mmp_incidents,
    "fmp": fmp,
    "poe": poe,
    "ki_reports": ki_reports,
    "idp": idp,
    "movements": movements,
    "admin": lambda: admin(0),
}


def main(out=HERE):
    app = QgsApplication([], False)
    app.initQgis()
    for name, build in STYLES.items():
        layer = build()
        msg, ok = layer.saveNamedStyle(str(out / f"{name}.qml"))
        if not ok:
            sys.exit(f"{name}: {msg}")
        msg, ok = layer.saveSldStyle(str(out / f"{name}.sld"))
        if not ok:
            sys.exit(f"{name}: {msg}")
        del layer
    app.exitQgis()


if __name__ == "__main__":
    main()
