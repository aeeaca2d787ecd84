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
    QgsRendererCategory, QgsProperty,
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


def herd_routes():
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=season:string&field=herd_size:double", "herd_routes",
                           "memory")
    cats = [QgsRendererCategory(season, QgsLineSymbol.createSimple({"color": color, "width": "0.5"}), label)
            for season, color, label in (("dry", "#E69F00", "Dry season / Saison sèche"),
                                         ("wet", "#0072B2", "Wet season / Saison des pluies"))]
    layer.setRenderer(QgsCategorizedSymbolRenderer("season", cats))
    return layer


def corridor_lines():
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=n_herds:integer", "corridor_lines", "memory")
    symbol = QgsLineSymbol.createSimple({"color": "#D55E00", "width": "0.6", "capstyle": "round"})
    # line width grows with the number of herds using the corridor
    symbol.setDataDefinedWidth(QgsProperty.fromExpression('0.4 + 0.4 * sqrt(coalesce("n_herds", 1))'))
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def border_crossings():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=herd_id:string", "border_crossings", "memory")
    symbol = QgsMarkerSymbol.createSimple({"name": "diamond", "color": "#009E73", "size": "2.4",
                                           "outline_color": "#ffffff", "outline_width": "0.2"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def alerts():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=alert_type:string", "alerts", "memory")
    cats = [QgsRendererCategory(kind, QgsMarkerSymbol.createSimple(
                {"name": "triangle", "color": color, "size": "3.2", "outline_color": "#000000",
                 "outline_width": "0.2"}), label)
            for kind, color, label in (("closed_crossing", "#CC0000", "Closed crossing ahead / Passage fermé"),
                                       ("conflict_area", "#CC79A7", "Conflict area ahead / Zone de conflit"))]
    layer.setRenderer(QgsCategorizedSymbolRenderer("alert_type", cats))
    return layer


STYLES = {
    "roads": roads,
    "admin0": lambda: admin(0),
    "admin1": lambda: admin(1),
    "places": places,
    "mmp_incidents": mmp_incidents,
    "herd_routes": herd_routes,
    "corridor_lines": corridor_lines,
    "border_crossings": border_crossings,
    "alerts": alerts,
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
