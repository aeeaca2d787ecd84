"""Regenerate the house styles (QML + SLD) with PyQGIS.

Run from the repository root with `make styles`; it writes styles/*.qml and *.sld, which are
committed so that the engine can embed them without QGIS. Legend labels are written per language:
each class is given as ("English", "Français"); the QML's own label is the English one and the
layer's custom property ``rdh_labels`` (saved in the QML, so embedded in every GeoPackage) holds
every language's labels keyed by the class (its filter expression, category value or raster value);
rdh_qgis_plugin.layouts.localize applies the reader's language. Palettes are colour-blind safe:
Okabe-Ito for categories, ColorBrewer sequential/diverging schemes marked colour-blind safe (YlOrRd,
PuOr, YlGnBu) for classes. Every class that depends on a count has a "withheld" class for counts withheld by
engine/publish/protect.py
(NULL), and small differences are never carried by colour alone (shape or width changes too).

Each style's renderer is categorized or rule-based with plain comparison filters, so that the SLD
export keeps one rule per class (see docs/styles.md for what SLD still loses).
"""
import json
import sys
import tempfile
from pathlib import Path

from qgis.core import (
    Qgis, QgsApplication, QgsCategorizedSymbolRenderer, QgsColorRampShader, QgsFillSymbol, QgsLineSymbol,
    QgsMarkerLineSymbolLayer, QgsMarkerSymbol, QgsPalLayerSettings, QgsRasterLayer, QgsRasterShader,
    QgsRendererCategory, QgsRuleBasedRenderer, QgsSingleBandPseudoColorRenderer, QgsSingleSymbolRenderer,
    QgsTextBufferSettings, QgsTextFormat, QgsVectorLayer, QgsVectorLayerSimpleLabeling, QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

REPO = Path(__file__).resolve().parents[1]
HERE = REPO / "styles"
DOC = REPO / "docs" / "styles.md"
MARKERS = ("<!-- sld-losses:start -->", "<!-- sld-losses:end -->")

# Okabe & Ito (2008), "Color Universal Design".
OI = {"orange": "#e69f00", "sky": "#56b4e9", "green": "#009e73", "yellow": "#f0e442", "blue": "#0072b2",
      "vermilion": "#d55e00", "purple": "#cc79a7", "black": "#000000", "grey": "#999999"}
# ColorBrewer (Brewer, Harrower; colorbrewer2.org), schemes flagged colour-blind safe.
YLORRD5 = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
YLGNBU4 = ["#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
PUOR5 = ["#b35806", "#f1a340", "#f7f7f7", "#998ec3", "#542788"]   # loss ... gain
WITHHELD = ("Withheld (fewer than 5)", "Masqué (moins de 5)")
LANGUAGES = ("en", "fr")
LABELS_PROPERTY = "rdh_labels"
NO_DATA_GREY = "#bdbdbd"
LAND = "#f4f1ea"   # land under the data; maps paint the sea SEA behind it
SEA = "#d4e6f1"


def memory_layer(geometry, name, fields):
    spec = "&".join(f"field={f}" for f in fields)
    return QgsVectorLayer(f"{geometry}?crs=EPSG:4326&{spec}", name, "memory")


def marker(color, size, shape="circle", outline="#ffffff", outline_width="0.2"):
    return QgsMarkerSymbol.createSimple({"name": shape, "color": color, "size": str(size),
                                         "outline_color": outline, "outline_width": outline_width})


def line(color, width, style="solid"):
    return QgsLineSymbol.createSimple({"color": color, "width": str(width), "line_style": style,
                                       "capstyle": "round", "joinstyle": "round"})


def fill(color, outline="#636363", outline_width="0.1", style="solid"):
    return QgsFillSymbol.createSimple({"color": color, "outline_color": outline,
                                       "outline_width": outline_width, "style": style})


def set_labels(layer, keyed):
    """Store every language's class labels on the layer (``keyed``: (key, (en, fr)) pairs)."""
    catalogue = {lang: {str(key): labels[i] for key, labels in keyed} for i, lang in enumerate(LANGUAGES)}
    layer.setCustomProperty(LABELS_PROPERTY, json.dumps(catalogue, ensure_ascii=False, sort_keys=True))
    return layer


def rule_based(layer, rules):
    """``rules``: ((en, fr) label, filter expression, symbol). QGIS draws every matching rule, so the
    filters given here are mutually exclusive by construction."""
    root = QgsRuleBasedRenderer.Rule(None)
    for labels, expression, symbol in rules:
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, labels[0]))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    return set_labels(layer, [(expression, labels) for labels, expression, _ in rules])


def classes(field, breaks, symbols, labels, *, withheld=None):
    """Range rules ``breaks[i] <= field < breaks[i+1]`` (last one open) + optional NULL rule."""
    rules = []
    for i, (symbol, label) in enumerate(zip(symbols, labels)):
        lo = breaks[i]
        hi = breaks[i + 1] if i + 1 < len(breaks) else None
        expression = f'"{field}" >= {lo}' + (f' AND "{field}" < {hi}' if hi is not None else "")
        rules.append((label, expression, symbol))
    if withheld is not None:
        rules.append((WITHHELD, f'"{field}" IS NULL', withheld))
    return rules


def categorized(layer, field, categories):
    layer.setRenderer(QgsCategorizedSymbolRenderer(
        field, [QgsRendererCategory(value, symbol, labels[0]) for value, symbol, labels in categories]))
    return set_labels(layer, [(value, labels) for value, _, labels in categories])


def label_with(layer, field, size=8, color="#333333", *, expression=False, priority=5, caps=False,
               placement=None):
    """Labels with a white halo (readable over any data), a priority (0-10: points of interest
    win over country names) and no overlap with other labels or obstacle features."""
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.isExpression = expression
    settings.priority = priority
    fmt = QgsTextFormat()
    fmt.setSize(size)
    fmt.setColor(QColor(color))
    if caps:
        fmt.setCapitalization(Qgis.Capitalization.AllUppercase)
    halo = QgsTextBufferSettings()
    halo.setEnabled(True)
    halo.setSize(0.6)
    halo.setColor(QColor(255, 255, 255, 220))
    fmt.setBuffer(halo)
    settings.setFormat(fmt)
    if placement == "line":
        settings.placement = Qgis.LabelPlacement.Line   # along the line, above or below it
        settings.lineSettings().setPlacementFlags(Qgis.LabelLinePlacementFlag.AboveLine
                                                  | Qgis.LabelLinePlacementFlag.BelowLine)
    elif layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry:
        settings.placement = Qgis.LabelPlacement.Horizontal   # inside the area, several candidates
        settings.fitInPolygonOnly = True
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def obstacle(layer, factor=1.0):
    """No labels of its own, but other layers' labels avoid its features (incidents, flows)."""
    settings = QgsPalLayerSettings()
    settings.drawLabels = False
    settings.fieldName = "''"
    settings.isExpression = True
    obstacle_settings = settings.obstacleSettings()
    obstacle_settings.setIsObstacle(True)
    obstacle_settings.setFactor(factor)
    settings.setObstacleSettings(obstacle_settings)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def arrow_line(color, width, style="solid"):
    """A line with an arrow head at its end: movements read origin to destination."""
    symbol = line(color, width, style)
    head = QgsMarkerSymbol.createSimple({"name": "filled_arrowhead", "color": color, "size": str(2.0 + 1.5 * width),
                                         "outline_style": "no"})
    arrow = QgsMarkerLineSymbolLayer(True)
    arrow.setPlacements(Qgis.MarkerLinePlacement.LastVertex)
    arrow.setSubSymbol(head)
    symbol.appendSymbolLayer(arrow)
    return symbol


# --- source layers -----------------------------------------------------------------------------

def roads():
    """Proposed (unverified, straight-line) links dashed and pale: not a road anyone has mapped."""
    layer = memory_layer("LineString", "roads", ["road_class:string", "border_crossing:boolean"])
    return categorized(layer, "road_class", [
        ("trunk", line("#6e6e6e", 0.5), ("Road", "Route")),
        ("proposed", line("#b0b0b0", 0.3, "dash"),
         ("Proposed link (unverified)", "Liaison proposée (non vérifiée)")),
    ])


def admin(level):
    """Countries: land fill under thin borders (maps put the sea colour behind them and draw the
    coastline themselves, so a coast never looks like a border); admin1: dotted lines only."""
    layer = memory_layer("MultiPolygon", f"admin{level}", ["name:string"])
    if level == 0:
        style = {"color": LAND, "outline_color": "#8c8c8c", "outline_width": "0.3", "outline_style": "dash"}
    else:
        style = {"color": "0,0,0,0", "outline_color": "#999999", "outline_width": "0.2", "outline_style": "dot"}
    layer.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(style)))
    if level != 0:
        return layer
    # Names inside each country, below the data: lower priority than every point label. Maps and
    # the plugin swap the field for the name in the reader's language (layouts/localize.py).
    return label_with(layer, "name", size=7, color="#5a5a5a", priority=2, caps=True)


def places():
    layer = memory_layer("Point", "places", ["name:string", "population:double"])
    return rule_based(layer, classes("population", [0, 100000, 1000000], [
        marker("#444444", 1.0, outline_width="0"), marker("#444444", 1.8, outline_width="0"),
        marker("#222222", 2.8, outline_width="0"),
    ], [("Town (< 100,000)", "Ville (< 100 000)"), ("City (100,000–1 million)", "Ville (100 000–1 million)"),
        ("Metropolis (> 1 million)", "Métropole (> 1 million)")]))


def mmp_incidents():
    layer = memory_layer("Point", "mmp_incidents", ["dead:integer", "missing:integer", "suppressed:boolean"])
    color = "213,94,0,200"
    return rule_based(layer, [
        (("No deaths recorded (missing only)", "Aucun décès (disparus seulement)"), '"dead" = 0',
         marker(OI["sky"], 1.6, outline="#ffffff")),
        *classes("dead", [5, 20, 100], [marker(color, 2.2), marker(color, 3.4), marker(color, 5.0)], [
            ("5–19 dead", "5–19 morts"), ("20–99 dead", "20–99 morts"), ("100 or more dead", "100 morts ou plus")],
            withheld=marker("0,0,0,0", 1.6, outline=OI["vermilion"], outline_width="0.4")),
    ])


def fmp():
    layer = memory_layer("Point", "fmp", ["fmp_id:string", "name:string", "fmp_type:string"])
    layer.setRenderer(QgsSingleSymbolRenderer(marker(OI["blue"], 2.4, "triangle")))
    return label_with(layer, "name", size=7, color=OI["blue"])


def poe():
    layer = memory_layer("Point", "poe", ["poe_id:string", "name:string", "poe_type:string"])
    return categorized(layer, "poe_type", [
        (value, marker("#4d4d4d", 2.4, shape), labels) for value, shape, labels in POE_TYPES])


POE_TYPES = [("land", "square", ("Land crossing", "Poste terrestre")),
             ("airport", "triangle", ("Airport", "Aéroport")),
             ("sea", "circle", ("Seaport", "Port maritime")),
             ("river", "diamond", ("River crossing", "Poste fluvial"))]
POE_STATUS = [("open", OI["green"], ("open", "ouvert")),
              ("partially_open", OI["orange"], ("partially open", "partiellement ouvert")),
              ("fully_closed", OI["vermilion"], ("fully closed", "fermé"))]


def poe_status():
    """Shape says the type, colour (and a thicker dark outline when closed) says the status."""
    layer = memory_layer("Point", "poe_status", ["poe_id:string", "poe_type:string", "status:string"])
    rules = []
    for ptype, shape, tlabels in POE_TYPES:
        for status, color, slabels in POE_STATUS:
            closed = status == "fully_closed"
            symbol = marker(color, 3.0, shape, outline="#000000" if closed else "#ffffff",
                            outline_width="0.6" if closed else "0.2")
            labels = tuple(f"{t}, {s}" for t, s in zip(tlabels, slabels))
            rules.append((labels, f"\"poe_type\" = '{ptype}' AND \"status\" = '{status}'", symbol))
    return rule_based(layer, rules)


def ki_reports():
    layer = memory_layer("Point", "ki_reports", ["report_id:string", "herd_size:integer"])
    layer.setRenderer(QgsSingleSymbolRenderer(marker(OI["purple"], 2.0, "square")))
    return layer


def monthly(layer, field):
    """Temporal properties on: each feature is shown for the calendar month of ``field`` (a date or
    a "YYYY-MM" text), so QGIS's temporal controller steps through the months instead of stacking them."""
    start = f"to_datetime(left(to_string(\"{field}\"), 7) || '-01')"
    properties = layer.temporalProperties()
    properties.setIsActive(True)
    properties.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions)
    properties.setStartExpression(start)
    properties.setEndExpression(f"{start} + make_interval(months:=1)")
    properties.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd)
    return layer


def idp():
    layer = memory_layer("MultiPolygon", "idp", ["admin_pcode:string", "idp_count:integer", "date:date"])
    monthly(layer, "date")
    return rule_based(layer, classes("idp_count", [5, 1000, 10000, 50000, 200000],
                                     [fill(c) for c in YLORRD5], [
        ("5–999 IDPs", "5–999 PDI"), ("1,000–9,999 IDPs", "1 000–9 999 PDI"),
        ("10,000–49,999 IDPs", "10 000–49 999 PDI"), ("50,000–199,999 IDPs", "50 000–199 999 PDI"),
        ("200,000 IDPs or more", "200 000 PDI ou plus")],
        withheld=fill(NO_DATA_GREY, style="b_diagonal")))


def movements():
    """Assisted movements between countries: line width by monthly count, an arrow head at the
    destination end so the direction reads without a legend."""
    layer = memory_layer("LineString", "movements", ["count:integer", "month:string"])
    monthly(layer, "month")
    widths = (0.4, 1.2, 2.0, 2.8)
    return rule_based(layer, classes("count", [0, 100, 500, 2000], [arrow_line(OI["blue"], w) for w in widths], [
        ("< 100 persons/month", "< 100 personnes/mois"), ("100–499 persons/month", "100–499 personnes/mois"),
        ("500–1,999 persons/month", "500–1 999 personnes/mois"),
        ("2,000 persons/month or more", "2 000 personnes/mois ou plus")],
        withheld=arrow_line(NO_DATA_GREY, 0.4, "dash")))


# --- analysis outputs --------------------------------------------------------------------------

FLOW_LABELS = [("< 10 persons/day", "< 10 personnes/jour"), ("10–49 persons/day", "10–49 personnes/jour"),
               ("50–199 persons/day", "50–199 personnes/jour"), ("200 persons/day or more", "200 personnes/jour ou plus")]
FLOW_BREAKS = [0, 10, 50, 200]


def flow_lines(name, field="flow_persons_day", color=OI["blue"]):
    layer = memory_layer("LineString", name, [f"{field}:double"])
    return rule_based(layer, classes(field, FLOW_BREAKS, [line(c, w) for c, w in zip(
        ["#9ecae1", color, color, "#08306b"], [0.3, 0.7, 1.4, 2.4])], FLOW_LABELS))


def corridors():
    return label_with(flow_lines("corridors"), "name", size=8, color="#08306b", priority=7, placement="line")


def fmp_points():
    """Flow monitoring points sized by observed volume; withheld counts drawn hollow."""
    layer = memory_layer("Point", "fmp_points", ["fmp_id:string", "observed:integer", "assigned:double"])
    return rule_based(layer, classes("observed", [0, 100, 1000, 10000], [
        marker(OI["blue"], s, "triangle") for s in (2.0, 3.0, 4.2, 5.6)], [
        ("< 100 persons observed", "< 100 personnes observées"),
        ("100–999 persons observed", "100–999 personnes observées"),
        ("1,000–9,999 persons observed", "1 000–9 999 personnes observées"),
        ("10,000 persons observed or more", "10 000 personnes observées ou plus")],
        withheld=marker("0,0,0,0", 2.0, "triangle", outline=OI["blue"], outline_width="0.4")))


def herd_routes():
    layer = memory_layer("LineString", "herd_routes", ["herd_id:string", "season:string", "herd_size:integer"])
    return categorized(layer, "season", [
        ("dry", line(OI["orange"], 0.8), ("Dry season", "Saison sèche")),
        ("wet", line(OI["blue"], 0.8, "dash"), ("Wet season", "Saison des pluies")),
    ])


def od_routes():
    """Surveyed OD flows routed over the cost surface: width by flow (in the survey's unit)."""
    layer = memory_layer("LineString", "od_routes", ["origin:string", "destination:string", "flow:double"])
    return rule_based(layer, classes("flow", [0, 100, 500, 1000], [line(c, w) for c, w in zip(
        ["#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"], [0.4, 0.8, 1.5, 2.4])], [
        ("Flow < 100", "Flux < 100"), ("Flow 100–499", "Flux 100–499"), ("Flow 500–999", "Flux 500–999"),
        ("Flow 1,000 or more", "Flux 1 000 ou plus")]))


def corridor_lines():
    layer = memory_layer("LineString", "corridor_lines", ["season:string"])
    return categorized(layer, "season", [
        ("dry", line("#a6611a", 1.6), ("Dry-season corridor", "Couloir de saison sèche")),
        ("wet", line("#018571", 1.6, "dash"), ("Wet-season corridor", "Couloir de saison des pluies")),
    ])


def border_crossings():
    layer = memory_layer("Point", "border_crossings", ["herd_count:integer"])
    layer.setRenderer(QgsSingleSymbolRenderer(marker(OI["orange"], 3.2, "star", outline="#000000")))
    return layer


def alerts():
    layer = memory_layer("Point", "alerts", ["alert:string"])
    layer.setRenderer(QgsSingleSymbolRenderer(marker(OI["vermilion"], 3.2, "triangle", outline="#000000")))
    return layer


def poe_impact():
    """Diverging: net flow change at a crossing (gained − lost), PuOr (loss brown, gain purple)."""
    layer = memory_layer("Point", "poe_impact", ["poe_id:string", "status:string", "flow_lost:double",
                                                  "flow_gained:double", "stranded:integer"])
    net = '("flow_gained" - "flow_lost")'
    return rule_based(layer, [
        (("Loses 50 persons/day or more", "Perd 50 personnes/jour ou plus"), f"{net} <= -50", marker(PUOR5[0], 4.4)),
        (("Loses 5–49 persons/day", "Perd 5–49 personnes/jour"), f"{net} > -50 AND {net} <= -5", marker(PUOR5[1], 3.2)),
        (("Little change (±5)", "Peu de changement (±5)"), f"{net} > -5 AND {net} < 5",
         marker(PUOR5[2], 2.0, outline="#636363")),
        (("Gains 5–49 persons/day", "Gagne 5–49 personnes/jour"), f"{net} >= 5 AND {net} < 50", marker(PUOR5[3], 3.2)),
        (("Gains 50 persons/day or more", "Gagne 50 personnes/jour ou plus"), f"{net} >= 50", marker(PUOR5[4], 4.4)),
    ])


def edge_change():
    layer = memory_layer("LineString", "edge_change", ["edge_id:integer", "flow_change_persons_day:double"])
    f = '"flow_change_persons_day"'
    return rule_based(layer, [
        (("Loses 50 persons/day or more", "Perd 50 personnes/jour ou plus"), f"{f} <= -50", line(PUOR5[0], 2.0)),
        (("Loses 5–49 persons/day", "Perd 5–49 personnes/jour"), f"{f} > -50 AND {f} <= -5", line(PUOR5[1], 1.0)),
        (("Little change (±5)", "Peu de changement (±5)"), f"{f} > -5 AND {f} < 5", line("#cccccc", 0.3)),
        (("Gains 5–49 persons/day", "Gagne 5–49 personnes/jour"), f"{f} >= 5 AND {f} < 50", line(PUOR5[3], 1.0)),
        (("Gains 50 persons/day or more", "Gagne 50 personnes/jour ou plus"), f"{f} >= 50", line(PUOR5[4], 2.0)),
    ])


def od_impact():
    layer = memory_layer("LineString", "od_impact", ["extra_h:double", "stranded:integer"])
    return rule_based(layer, [
        (("Stranded (no route left)", "Bloqués (plus d'itinéraire)"), '"stranded" = 1', line(OI["vermilion"], 1.2, "dash")),
        *[(labels, f'"stranded" = 0 AND {expr}', line(c, w)) for labels, expr, c, w in [
            (("Detour < 2 h", "Détour < 2 h"), '"extra_h" < 2', YLGNBU4[0], 0.3),
            (("Detour 2–12 h", "Détour 2–12 h"), '"extra_h" >= 2 AND "extra_h" < 12', YLGNBU4[1], 0.7),
            (("Detour 12–48 h", "Détour 12–48 h"), '"extra_h" >= 12 AND "extra_h" < 48', YLGNBU4[2], 1.2),
            (("Detour 48 h or more", "Détour 48 h ou plus"), '"extra_h" >= 48', YLGNBU4[3], 1.8)]],
    ])


def criticality():
    layer = memory_layer("Point", "criticality", ["poe_id:string", "rank:integer", "extra_person_km:double"])
    return rule_based(layer, classes("rank", [1, 4, 11], [
        marker(YLORRD5[4], 5.0, "square", outline="#000000"), marker(YLORRD5[2], 3.6, "square"),
        marker(YLORRD5[0], 2.4, "square", outline="#636363")], [
        ("Most critical (ranks 1–3)", "Les plus critiques (rangs 1–3)"), ("Ranks 4–10", "Rangs 4–10"),
        ("Rank 11 and below", "Rang 11 et au-delà")]))


# --- rasters (transhumance) ------------------------------------------------------------------------

def raster_layer(name, tmp_dir):
    """A one-band float GeoTIFF to hang a raster style on (QGIS styles need a layer)."""
    from osgeo import gdal, osr

    path = str(Path(tmp_dir) / f"{name}.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, 2, 2, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((0, 1, 0, 2, 0, -1))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    ds = None
    return QgsRasterLayer(path, name)


def pseudocolor(layer, kind, items):
    """``items``: (value, colour, alpha 0-255, (en, fr) label)."""
    lo, hi = items[0][0], items[-1][0]
    ramp = QgsColorRampShader(lo, hi, None, kind)
    ramp.setColorRampItemList([QgsColorRampShader.ColorRampItem(v, _qcolor(c, a), labels[0])
                               for v, c, a, labels in items])
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    layer.setRenderer(QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader))
    return set_labels(layer, [(float(v), labels) for v, _, _, labels in items])


def _qcolor(hex_colour, alpha):
    colour = QColor(hex_colour)
    colour.setAlpha(alpha)
    return colour


def route_density(tmp_dir):
    """Herd routes crossing each cell: transparent where none, YlGnBu where many."""
    return pseudocolor(raster_layer("route_density", tmp_dir), QgsColorRampShader.Type.Interpolated, [
        (0, "#ffffff", 0, ("No route", "Aucun itinéraire")), (1, YLGNBU4[0], 200, ("1 route", "1 itinéraire")),
        (5, YLGNBU4[1], 220, ("5 routes", "5 itinéraires")), (20, YLGNBU4[2], 235, ("20 routes", "20 itinéraires")),
        (50, YLGNBU4[3], 255, ("50 routes or more", "50 itinéraires ou plus"))])


def corridor_band(tmp_dir):
    return pseudocolor(raster_layer("corridor_band", tmp_dir), QgsColorRampShader.Type.Exact, [
        (0, "#ffffff", 0, ("Outside corridors", "Hors couloirs")),
        (1, "#a6611a", 140, ("Dry-season corridor band", "Bande de couloir, saison sèche")),
        (2, "#018571", 140, ("Wet-season corridor band", "Bande de couloir, saison des pluies"))])


def current_density(tmp_dir):
    """Circuit-theory current: one unit per herd trip (or per unit of OD flow) entering at its start."""
    return pseudocolor(raster_layer("current_density", tmp_dir), QgsColorRampShader.Type.Interpolated, [
        (0, "#ffffff", 0, ("No current", "Aucun courant")),
        (0.05, YLORRD5[0], 150, ("0.05 trip", "0,05 trajet")), (0.2, YLORRD5[1], 190, ("0.2 trip", "0,2 trajet")),
        (0.5, YLORRD5[2], 220, ("0.5 trip", "0,5 trajet")),
        (1, YLORRD5[3], 240, ("1 trip (all its current)", "1 trajet (tout son courant)")),
        (5, YLORRD5[4], 255, ("5 trips or more", "5 trajets ou plus"))])

RASTER_STYLES = {"route_density": route_density, "corridor_band": corridor_band, "current_density": current_density}

STYLES = {
    "roads": roads, "admin0": lambda: admin(0), "admin1": lambda: admin(1), "places": places,
    "mmp_incidents": mmp_incidents, "fmp": fmp, "poe": poe, "poe_status": poe_status, "ki_reports": ki_reports,
    "idp": idp, "movements": movements,
    # the kinds of `rdh validate --to-gpkg` that are named differently from their layers
    "mmp": mmp_incidents, "admin": lambda: admin(0),
    "edge_flows": lambda: flow_lines("edge_flows"), "corridors": corridors,
    "od_flows": lambda: flow_lines("od_flows", color=OI["sky"]), "fmp_points": fmp_points,
    "herd_routes": herd_routes, "od_routes": od_routes, "corridor_lines": corridor_lines,
    "border_crossings": border_crossings,
    "alerts": alerts, "poe_impact": poe_impact, "edge_change": edge_change, "od_impact": od_impact,
    "criticality": criticality,
}


# Layers whose features other layers' labels avoid (data a label must not hide).
OBSTACLES = ("mmp_incidents", "mmp", "poe", "poe_status", "fmp_points", "poe_impact", "criticality",
             "border_crossings", "alerts")


def main(out=HERE):
    app = QgsApplication([], False)
    app.initQgis()
    for name, build in STYLES.items():
        layer = build()
        if name in OBSTACLES:
            obstacle(layer)
        msg, ok = layer.saveNamedStyle(str(out / f"{name}.qml"))
        if not ok:
            sys.exit(f"{name}: {msg}")
        msg, ok = layer.saveSldStyle(str(out / f"{name}.sld"))
        if not ok:
            sys.exit(f"{name}: {msg}")
        del layer
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in RASTER_STYLES.items():
            layer = build(tmp)
            for msg, ok in (layer.saveNamedStyle(str(out / f"{name}.qml")), layer.saveSldStyle(str(out / f"{name}.sld"))):
                if not ok:
                    sys.exit(f"{name}: {msg}")
            del layer  # before the GeoTIFF goes and before exitQgis (segfault otherwise)
    app.exitQgis()
    if out == HERE:
        write_losses_table()


def write_losses_table():
    """Regenerate the "what SLD loses" table in docs/styles.md from the styles just written."""
    from rdh_engine.io.sld import losses_markdown

    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(MARKERS[0])
    _, tail = rest.split(MARKERS[1])
    DOC.write_text(f"{head}{MARKERS[0]}\n{losses_markdown(HERE)}{MARKERS[1]}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
