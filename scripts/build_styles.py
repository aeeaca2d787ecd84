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
    QgsRendererCategory, QgsGraduatedSymbolRenderer, QgsRendererRange,
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


# --- border-closure impact (rdh poe-impact) -------------------------------------------------------
POE_STATUS_COLOURS = [("open", "#009E73", "Open / Ouvert"),
                      ("partially_open", "#E69F00", "Partially open / Partiellement ouvert"),
                      ("fully_closed", "#D55E00", "Fully closed / Fermé")]


def poe_points(name):
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=status:string", name, "memory")
    cats = [QgsRendererCategory(value, QgsMarkerSymbol.createSimple(
        {"name": "triangle", "color": colour, "size": "3", "outline_color": "#222222", "outline_width": "0.2"}),
        label) for value, colour, label in POE_STATUS_COLOURS]
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", cats))
    return layer


def od_impact():
    layer = QgsVectorLayer("MultiLineString?crs=EPSG:4326&field=stranded:integer", "od_impact", "memory")
    cats = [
        QgsRendererCategory(0, QgsLineSymbol.createSimple({"color": "0,114,178,160", "width": "0.6"}),
                            "Route (rerouted or not) / Itinéraire"),
        QgsRendererCategory(1, QgsLineSymbol.createSimple(
            {"color": "#D55E00", "width": "0.8", "line_style": "dash"}), "Stranded / Bloqué"),
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer("stranded", cats))
    return layer


def edge_change():
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=flow_change_persons_day:double", "edge_change", "memory")
    bins = [(-1e12, -100, "#2166AC", "1.4", "Large loss / Forte baisse"),
            (-100, -0.5, "#92C5DE", "0.8", "Loss / Baisse"),
            (-0.5, 0.5, "#BBBBBB", "0.4", "No change / Inchangé"),
            (0.5, 100, "#F4A582", "0.8", "Gain / Hausse"),
            (100, 1e12, "#B2182B", "1.4", "Large gain / Forte hausse")]
    ranges = [QgsRendererRange(lo, hi, QgsLineSymbol.createSimple({"color": c, "width": w}), label)
              for lo, hi, c, w, label in bins]
    layer.setRenderer(QgsGraduatedSymbolRenderer("flow_change_persons_day", ranges))
    return layer


def criticality():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=rank:integer", "criticality", "memory")
    bins = [(1, 5, "#B2182B", "5", "Top 5 / 5 premiers"), (6, 20, "#EF8A62", "3.5", "Top 6-20 / 6e à 20e"),
            (21, 1e9, "#999999", "2", "Others / Autres")]
    ranges = [QgsRendererRange(lo, hi, QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": c, "size": s, "outline_color": "#ffffff", "outline_width": "0.2"}), label)
        for lo, hi, c, s, label in bins]
    layer.setRenderer(QgsGraduatedSymbolRenderer("rank", ranges))
    return layer


STYLES = {
    "roads": roads,
    "admin0": lambda: admin(0),
    "admin1": lambda: admin(1),
    "places": places,
    "mmp_incidents": mmp_incidents,
    "poe_status": lambda: poe_points("poe_status"),
    "poe_impact": lambda: poe_points("poe_impact"),
    "od_impact": od_impact,
    "edge_change": edge_change,
    "criticality": criticality,
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
