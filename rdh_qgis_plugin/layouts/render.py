"""Fill a layout template with a project's layers and export it: one map (PDF/PNG), or an atlas
series (one PDF, or one PDF/PNG per page; a filter expression exports only some pages)."""
import os
import shutil
import tempfile
import textwrap
from contextlib import contextmanager
from pathlib import Path

from qgis.core import (
    QgsApplication, QgsBasicNumericFormat, QgsCoordinateTransform, QgsExpression, QgsExpressionContextUtils,
    QgsFeature, QgsFeatureRequest, QgsFillSymbol, QgsGeometry, QgsLayoutExporter, QgsLayoutItemMap, QgsLayoutPoint,
    QgsLineSymbol, QgsMapLayerLegendUtils, QgsPrintLayout, QgsReadWriteContext, QgsRectangle, QgsRuleBasedRenderer,
    QgsSingleSymbolRenderer, QgsVectorLayer, QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument
from rdh_engine.errors import InputNotFoundError, ParameterError, RdhError
from rdh_engine.io.atomic import atomic_file, check_output, staging_dir

from . import templates, texts
from .localize import ISO_FIELDS, MAP_NAME_FIELD, localize_layer
from .project import content_layers

PROVENANCE_KEY = "RDH_PROVENANCE"  # rdh_engine.io.gpkg.PROVENANCE_KEY

FORMATS = ("pdf", "png")
PAGE_NAME_FIELDS = (MAP_NAME_FIELD, "name", "adm1_name", "corridor_id", "poe_id", "herd_id")


LEGEND_LINE_CHARS = 34   # legend labels longer than this wrap (fits the landscape panel and portrait columns)
SEA = "#d4e6f1"
LAND = "#f4f1ea"
COAST = "#6f9fbf"


class ExportError(RdhError, OSError):
    """QGIS could not write a map or atlas file."""


def resolve_template(template, lang):
    """A .qpt path, or a short name ``a4-landscape`` / ``a3-portrait``... for the hub's templates."""
    path = Path(template)
    if path.suffix.lower() == ".qpt":
        if not path.is_file():
            raise InputNotFoundError(f"no such layout template: {path}")
        return path
    paper, _, orientation = template.lower().replace("_", "-").partition("-")
    if paper not in templates.PAPERS or orientation not in templates.ORIENTATIONS:
        choices = ", ".join(f"{p}-{o}" for p in templates.PAPERS for o in templates.ORIENTATIONS)
        raise ParameterError(f"unknown template {template!r}: give a .qpt file or one of {choices}")
    return templates.template_path(paper, orientation, lang)


def load_layout(project, template, lang):
    path = resolve_template(template, lang)
    doc = QDomDocument()
    ok = doc.setContent(path.read_text(encoding="utf-8"))
    if not (ok[0] if isinstance(ok, tuple) else ok):
        raise ParameterError(f"{path} is not a layout template (invalid XML)")
    layout = QgsPrintLayout(project)
    _, loaded = layout.loadFromTemplate(doc, QgsReadWriteContext())
    if not loaded:
        raise ParameterError(f"{path}: QGIS could not load this layout template")
    manager = project.layoutManager()
    if manager.layoutByName(layout.name()) is not None:   # e.g. a project saved by --save-project
        layout.setName(manager.generateUniqueTitle())
    if not manager.addLayout(layout):   # the project owns it from here
        raise ParameterError(f"{path}: the project refused the layout {layout.name()!r}")
    return layout


def _item(layout, item_id, required=True):
    item = layout.itemById(item_id)
    if item is None and required:
        raise ParameterError(f"the layout template has no item with id {item_id!r}")
    return item


def fill(layout, project, *, lang, title=None, subtitle=None, period=None, sources=None, logo=None,
         locator_layer=None, atlas_layer=None):
    """Texts, legend, maps and locator of the hub's templates, for the project's visible layers.

    Without ``title``/``subtitle``, the map is titled after its first analysis layer and subtitled
    with the period its data cover (or the closure scenario's date), in ``lang``. ``logo``: an image
    file, else the project variable ``rdh_logo``; none by default."""
    shown = content_layers(project)
    if not shown:
        raise InputNotFoundError("the project has no visible layer to map")
    for layer in shown:
        localize_layer(layer, lang)
    names = [lyr.name() for lyr in shown]
    values = texts.furniture(lang)
    job = describe_job(shown)
    values["rdh_title"] = title or texts.map_title(names, lang, season=job.get("season"))
    if subtitle:
        values["rdh_subtitle"] = subtitle
    elif period:
        values["rdh_subtitle"] = texts.PERIOD_LABEL[lang].format(period=period)
    else:
        values["rdh_subtitle"] = job_subtitle(job, lang)
    values["rdh_sources"] = "; ".join(filter(None, [texts.credits_for(names, lang), sources]))
    for name, value in values.items():
        QgsExpressionContextUtils.setLayoutVariable(layout, name, value)

    main = _item(layout, templates.ITEM_MAIN_MAP)
    main.setCrs(project.crs())
    overlay = [_spotlight(project, atlas_layer)] if atlas_layer is not None else []
    extent = _extent(project, _framing_layers(shown))
    main.setLayers(overlay + _with_land_and_sea(project, shown, main, extent))
    main.setKeepLayerSet(True)
    # A label the frame would cut is left out (a cut "CENTRAL AFRICAN REPUB" reads as an error).
    main.setMapFlags(main.mapFlags() & ~QgsLayoutItemMap.MapItemFlag.ShowPartialLabels)
    main.setBackgroundColor(QColor(SEA))
    main.setExtent(_fit(extent, main))

    locator = _item(layout, templates.ITEM_LOCATOR, required=False)
    if locator is not None and locator_layer is not None:
        context = _locator_layer(project, locator_layer, highlight_atlas=locator_layer is atlas_layer)
        locator.setCrs(project.crs())
        locator.setLayers([context])
        locator.setKeepLayerSet(True)
        locator.setBackgroundColor(QColor(SEA))
        locator_extent = _extent(project, [locator_layer])
        locator_extent.combineExtentWith(main.extent())
        locator.setExtent(_fit(locator_extent, locator, margin=0.25))   # room around the page's frame
        for overview in locator.overviews().asList():
            overview.setLinkedMap(main)

    legend = _item(layout, templates.ITEM_LEGEND, required=False)
    if legend is not None:
        legend.setLinkedMap(main)
        legend.setTitle(values["rdh_legend_title"])
        _translate_legend(legend, lang)
    for item_id in (templates.ITEM_SCALE_BAR, templates.ITEM_NORTH_ARROW):
        item = _item(layout, item_id, required=False)
        if item is not None:
            item.setLinkedMap(main)
            main.addLabelBlockingItem(item)   # map labels keep clear of the furniture
    scale_bar = _item(layout, templates.ITEM_SCALE_BAR, required=False)
    if scale_bar is not None:
        scale_bar.setNumericFormat(_number_format(lang))
    if atlas_layer is None:
        place_furniture(layout, project, main, shown)
    _set_logo(layout, project, logo)
    layout.refresh()
    return layout


def _set_logo(layout, project, logo):
    """The logo from ``logo`` or the project variable ``rdh_logo``; without one the box goes."""
    logo = logo or QgsExpressionContextUtils.projectScope(project).variable("rdh_logo")
    item = _item(layout, templates.ITEM_LOGO, required=False)
    placeholder = _item(layout, "logo_placeholder", required=False)
    if placeholder is not None:   # the "Logo" text of templates written before logos became optional
        layout.removeLayoutItem(placeholder)
    if not logo:
        if item is not None:
            layout.removeLayoutItem(item)
        return
    if not Path(logo).is_file():
        raise InputNotFoundError(f"no such logo file: {logo}")
    _item(layout, templates.ITEM_LOGO).setPicturePath(str(Path(logo).resolve()))


# Layers that give a map its theme: the map is framed on their features (roads and countries are
# context, drawn around them).
CONTEXT_LAYERS = ("roads", "admin0", "admin1", "places")


def _framing_layers(shown):
    themed = [lyr for lyr in shown if lyr.name() not in CONTEXT_LAYERS and lyr.featureCount() > 0]
    return themed or shown


def describe_job(shown):
    """What produced the map's first analysis layer: ``{"layer", "season", "date", "period"}`` from its
    provenance record and its data (first and last period or date covered)."""
    job = {}
    for layer in shown:
        if layer.name() in CONTEXT_LAYERS:
            continue
        job["layer"] = layer.name()
        path, table = _gpkg_source(layer)
        if path is not None:
            try:
                parameters = _provenance(path, table).get("parameters", {}) or {}
            except (RdhError, OSError, ValueError, KeyError):
                parameters = {}
            job.update({k: parameters[k] for k in ("season", "date") if parameters.get(k)})
            job["period"] = _period_covered(path, table)
        break
    return job


def _provenance(path, table):
    """The RDH provenance record of ``table`` in the GeoPackage ``path`` (read with QGIS's own GDAL: the
    engine's readers need libraries QGIS's Python may not have)."""
    import json

    from osgeo import ogr

    source = ogr.Open(str(path))
    if source is None:
        raise OSError(f"cannot open {path}")
    layer = source.GetLayerByName(table)
    text = layer.GetMetadataItem(PROVENANCE_KEY) if layer is not None else None
    del layer, source
    if not text:
        raise KeyError(PROVENANCE_KEY)
    return json.loads(text)


def job_subtitle(job, lang):
    if job.get("date") and job.get("layer") in ("poe_impact", "od_impact", "criticality", "edge_change"):
        return texts.SCENARIO_LABEL[lang].format(date=texts.date_text(job["date"], lang))
    if job.get("date") and job.get("layer") == "poe_status":
        return texts.STATUS_LABEL[lang].format(date=texts.date_text(job["date"], lang))
    if job.get("period"):
        return texts.PERIOD_LABEL[lang].format(period=job["period"])
    return ""


def _gpkg_source(layer):
    uri = layer.source()
    path, _, rest = uri.partition("|")
    if not path.lower().endswith(".gpkg"):
        return None, None
    table = rest.partition("layername=")[2].split("|")[0] or layer.name()
    return path, table


# Where the period a layer covers is read: its own date columns, else its GeoPackage's per-period table.
_DATE_COLUMNS = ("date", "start_date", "end_date", "month")


def _period_covered(path, table):
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        tables = {name for (name,) in con.execute("SELECT table_name FROM gpkg_contents")}
        columns = {row[1] for row in con.execute(f'PRAGMA table_info("{table}")')}
        dates = [c for c in _DATE_COLUMNS if c in columns]
        if dates:
            lo = min(v for (v,) in [con.execute(f'SELECT min("{c}") FROM "{table}"').fetchone() for c in dates] if v)
            hi = max(v for (v,) in [con.execute(f'SELECT max("{c}") FROM "{table}"').fetchone() for c in dates] if v)
            return f"{str(lo)[:7]} – {str(hi)[:7]}" if lo and hi else None
        if "edge_flows_by_period" in tables:
            lo, hi = con.execute("SELECT min(period), max(period) FROM edge_flows_by_period").fetchone()
            return f"{lo} – {hi}" if lo else None
    return None


def _with_land_and_sea(project, shown, main, extent):
    """``shown`` with a land base and a coastline: the map's background is the sea, the land is
    drawn under the countries, and the coast gets its own line (not the dashed border style)."""
    names = [lyr.name() for lyr in shown]
    if "admin0" not in names:
        return shown
    admin0 = shown[names.index("admin0")]
    land, coast = _land_and_coast(project, admin0, extent)
    layers = list(shown)
    layers.insert(names.index("admin0"), coast)   # just above the countries, under the data
    layers.append(land)                            # at the bottom
    return layers


def _land_and_coast(project, admin0, extent):
    crs = admin0.crs()
    to_data = QgsCoordinateTransform(project.crs(), crs, project)
    # Clipped to a little more than the map: whole-world polygons reprojected to the map's conic CRS
    # smear across it (the antimeridian and the poles do not survive the projection).
    area = to_data.transformBoundingBox(QgsRectangle(extent).buffered(0.3 * max(extent.width(), extent.height())))
    ours = QgsGeometry.unaryUnion([f.geometry() for f in admin0.getFeatures() if f.hasGeometry()])
    iso = next((f for f in ISO_FIELDS if f in admin0.fields().names()), None)
    our_countries = {f[iso] for f in admin0.getFeatures()} if iso else set()
    world = QgsVectorLayer(str(Path(QgsApplication.pkgDataPath()) / "resources" / "data" / "world_map.gpkg")
                           + "|layername=countries", "world", "ogr")
    others = []
    if world.isValid():
        to_world = QgsCoordinateTransform(crs, world.crs(), project)
        back = QgsCoordinateTransform(world.crs(), crs, project)
        request = QgsFeatureRequest().setFilterRect(to_world.transformBoundingBox(area))
        for feature in world.getFeatures(request):
            if feature["ISO_A3"] in our_countries:   # drawn by the data's own, finer outline
                continue
            geometry = QgsGeometry(feature.geometry())
            geometry.transform(back)
            geometry = geometry.clipped(area)
            rest = geometry.difference(ours.buffer(0.02, 4))
            if not rest.isEmpty():
                others.append(rest)
    land_geometry = QgsGeometry.unaryUnion([ours, *others]) if others else ours
    neighbours = QgsGeometry.unaryUnion(others) if others else None
    coast_geometry = QgsGeometry(ours.constGet().boundary())
    if neighbours is not None:
        coast_geometry = coast_geometry.difference(neighbours.buffer(0.05, 4))

    land = QgsVectorLayer(f"MultiPolygon?crs={crs.authid()}", "land (base)", "memory")
    coast = QgsVectorLayer(f"MultiLineString?crs={crs.authid()}", "coastline (base)", "memory")
    for layer, geometry in ((land, land_geometry), (coast, coast_geometry)):
        feature = QgsFeature()
        feature.setGeometry(geometry)
        layer.dataProvider().addFeatures([feature])
        project.addMapLayer(layer, False)   # owned by the project, outside the layer tree (no legend)
    land.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": LAND, "outline_color": "#b5b5b5", "outline_width": "0.15", "outline_style": "dash"})))
    coast.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(
        {"color": COAST, "width": "0.35"})))
    return land, coast


def place_furniture(layout, project, main, shown, corner_mm=(48.0, 18.0)):
    """Scale bar and north arrow in the map corners with the fewest data features (bottom corners
    preferred for the scale bar), so they hide neither data nor labels."""
    scale_bar = _item(layout, templates.ITEM_SCALE_BAR, required=False)
    arrow = _item(layout, templates.ITEM_NORTH_ARROW, required=False)
    if scale_bar is None and arrow is None:
        return
    frame_w, frame_h = main.rect().width(), main.rect().height()
    extent = main.extent()
    w = extent.width() * corner_mm[0] / frame_w
    h = extent.height() * corner_mm[1] / frame_h
    x_min, y_min, x_max, y_max = extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()
    corners = {
        "bottom_left": QgsRectangle(x_min, y_min, x_min + w, y_min + h),
        "bottom_right": QgsRectangle(x_max - w, y_min, x_max, y_min + h),
        "top_left": QgsRectangle(x_min, y_max - h, x_min + w, y_max),
        "top_right": QgsRectangle(x_max - w, y_max - h, x_max, y_max),
    }
    data = [lyr for lyr in shown if lyr.name() not in ("admin0", "admin1")]
    load = {name: _features_in(project, data, rect) for name, rect in corners.items()}
    order = sorted(corners, key=lambda name: (load[name], not name.startswith("bottom")))
    pad = 3.0
    x0, y0 = main.pos().x(), main.pos().y()
    if scale_bar is not None:
        corner = order.pop(0)
        scale_bar.refresh()
        size = scale_bar.sizeWithUnits()
        x = x0 + pad if corner.endswith("left") else x0 + frame_w - pad - size.width()
        y = y0 + frame_h - pad - size.height() if corner.startswith("bottom") else y0 + pad
        scale_bar.attemptMove(QgsLayoutPoint(x, y))
    if arrow is not None:
        corner = order.pop(0)
        size = arrow.sizeWithUnits()
        x = x0 + pad if corner.endswith("left") else x0 + frame_w - pad - size.width()
        y = y0 + frame_h - pad - size.height() if corner.startswith("bottom") else y0 + pad
        arrow.attemptMove(QgsLayoutPoint(x, y))


def _features_in(project, layers, rect):
    count = 0
    for layer in layers:
        to_layer = QgsCoordinateTransform(project.crs(), layer.crs(), project)
        request = QgsFeatureRequest().setFilterRect(to_layer.transformBoundingBox(rect)).setNoAttributes()
        request.setLimit(1000)
        weight = 0.2 if layer.name() == "roads" else 1.0
        count += weight * sum(1 for _ in layer.getFeatures(request))
    return count


def _number_format(lang):
    """1,400 km in English, 1 400 km in French."""
    number_format = QgsBasicNumericFormat()
    number_format.setShowThousandsSeparator(True)
    if lang == "fr":
        number_format.setThousandsSeparator("\u202f")   # narrow no-break space
        number_format.setDecimalSeparator(",")
    return number_format


@contextmanager
def _quiet_gdal():
    """QGIS tries to georeference PNG pages in place, which GDAL's PNG driver refuses with a loud but
    harmless "ERROR 6"; the image itself is complete. Silence that one export step."""
    try:
        from osgeo import gdal
    except ImportError:
        yield
        return
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()


def _translate_legend(legend, lang):
    """Legend titles from texts.LAYER_TITLES (class labels are the layers' own, see localize.py)."""
    legend.setAutoUpdateModel(False)   # a private copy of the layer tree we may rename
    model = legend.model()
    for node in model.rootGroup().findLayers():
        node.setCustomProperty("legend/title-label", texts.layer_title(node.layer().name(), lang))
        for index, legend_node in enumerate(model.layerOriginalLegendNodes(node)):
            label = legend_node.data(0) or ""   # Qt.ItemDataRole.DisplayRole
            if len(label) > LEGEND_LINE_CHARS:   # the templates' legend breaks lines on "\n"
                QgsMapLayerLegendUtils.setLegendNodeUserLabel(
                    node, index, textwrap.fill(label, LEGEND_LINE_CHARS, break_long_words=False))
        model.refreshLayerLegend(node)


def _rule_renderer(rules):
    root = QgsRuleBasedRenderer.Rule(None)
    for expression, symbol in rules:
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, filterExp=expression))
    return QgsRuleBasedRenderer(root)


def _spotlight(project, coverage):
    """A veil over every coverage feature but the current page's, so the page's area stands out."""
    veil = coverage.clone()
    veil.setName(f"{coverage.name()} (page highlight)")
    if coverage.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry:
        symbol = QgsFillSymbol.createSimple({"color": "255,255,255,150", "outline_style": "no"})
        veil.setRenderer(_rule_renderer([("$id <> @atlas_featureid", symbol)]))
    else:
        veil.setRenderer(_rule_renderer([]))  # lines and points: nothing to veil
    veil.setLabelsEnabled(False)
    project.addMapLayer(veil, False)   # owned by the project, outside the layer tree (no legend entry)
    return veil


def _locator_layer(project, layer, *, highlight_atlas):
    context = layer.clone()
    context.setName(f"{layer.name()} (locator)")
    rules = []
    if highlight_atlas:
        rules.append(("$id = @atlas_featureid", QgsFillSymbol.createSimple(
            {"color": "213,0,0,255", "outline_color": "255,255,255", "outline_width": "0.1"})))
    rules.append(("ELSE", QgsFillSymbol.createSimple(
        {"color": "242,239,233,255", "outline_color": "140,140,140", "outline_width": "0.1"})))
    context.setRenderer(_rule_renderer(rules))
    context.setLabelsEnabled(False)
    project.addMapLayer(context, False)
    return context


def _extent(project, layers, expression=None):
    """Combined extent, in the project's CRS, of the layers' features (matching ``expression``)."""
    extent = QgsRectangle()
    extent.setNull()  # setMinimal() is deprecated in 3.40
    for layer in layers:
        transform = QgsCoordinateTransform(layer.crs(), project.crs(), project)
        if expression:
            request = QgsFeatureRequest().setFilterExpression(expression).setNoAttributes()
            for feature in layer.getFeatures(request):
                if feature.hasGeometry():
                    extent.combineExtentWith(transform.transformBoundingBox(feature.geometry().boundingBox()))
        else:
            extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
    if extent.isNull() or extent.isEmpty():
        raise RdhError(f"nothing to map: no feature matches {expression!r}" if expression
                       else "nothing to map: the layers are empty")
    return extent


def _fit(extent, map_item, margin=0.04):
    """``extent`` grown by ``margin`` and to the map frame's aspect ratio (nothing is cut off)."""
    rect = map_item.rect()
    ratio = rect.width() / rect.height()
    grown = QgsRectangle(extent)
    grown.grow(margin * max(extent.width(), extent.height()))
    if grown.width() / grown.height() < ratio:
        half = grown.height() * ratio / 2
        grown = QgsRectangle(grown.center().x() - half, grown.yMinimum(), grown.center().x() + half, grown.yMaximum())
    else:
        half = grown.width() / ratio / 2
        grown = QgsRectangle(grown.xMinimum(), grown.center().y() - half, grown.xMaximum(), grown.center().y() + half)
    return grown


def frame(layout, project, layer, expression=None):
    """Point the main map at ``layer``'s features (those matching ``expression``)."""
    if expression:
        _validate_expression(expression, "filter")
    main = _item(layout, templates.ITEM_MAIN_MAP)
    main.setExtent(_fit(_extent(project, [layer], expression), main))


def _validate_expression(expression, what):
    parsed = QgsExpression(expression)
    if parsed.hasParserError():
        raise ParameterError(f"invalid {what} expression {expression!r}: {parsed.parserErrorString()}")


def default_page_name(layer):
    fields = layer.fields().names()
    for name in PAGE_NAME_FIELDS:
        if name in fields:
            return QgsExpression.quotedColumnRef(name)
    return "@atlas_featurenumber"


def pdf_settings(dpi):
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = False
    settings.textRenderFormat = _always_text()   # selectable, searchable text (pdftotext reads it)
    return settings


def image_settings(dpi):
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    return settings


def _always_text():
    from qgis.core import Qgis, QgsRenderContext

    if hasattr(Qgis, "TextRenderFormat"):
        return Qgis.TextRenderFormat.AlwaysText
    return QgsRenderContext.TextRenderFormat.TextFormatAlwaysText


def _check(result, path):
    if result != QgsLayoutExporter.ExportResult.Success:
        raise ExportError(f"QGIS could not export {path} (layout exporter result {int(result)})")


# How a complete file of each format ends: QGIS reports success even when a full disk cut the file short.
_TRAILERS = {"pdf": b"%%EOF", "png": b"IEND\xaeB`\x82"}


def check_complete(path, fmt, target=None):
    """Raise ExportError unless ``path`` is a complete ``fmt`` file (a full disk truncates silently)."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            fh.seek(max(0, size - 1024))
            tail = fh.read()
    except OSError:
        size, tail = 0, b""
    if not size or _TRAILERS[fmt] not in tail:
        raise ExportError(f"QGIS wrote an incomplete {fmt.upper()} for {target or path} (is the disk full?); "
                          f"free some space and run again (the previous file, if any, is intact)")


def _format_of(path):
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ParameterError(f"{path}: give a .pdf or .png file name")
    return suffix


def export_layout(layout, outputs, *, dpi):
    """One map to each of ``outputs`` (.pdf, .png), each written atomically."""
    exporter = QgsLayoutExporter(layout)
    written = []
    for out in map(Path, outputs):
        fmt = _format_of(out)
        with atomic_file(out) as tmp:
            if fmt == "pdf":
                result = exporter.exportToPdf(str(tmp), pdf_settings(dpi))
            else:
                with _quiet_gdal():
                    result = exporter.exportToImage(str(tmp), image_settings(dpi))
            _check(result, out)
            check_complete(tmp, fmt, out)
        written.append(out)
    return written


def configure_atlas(layout, coverage, *, filter_expression=None, page_name=None, progress=None):
    """Turn on the layout's atlas over ``coverage``; returns the number of pages."""
    page_name = page_name or default_page_name(coverage)
    _validate_expression(page_name, "page name")
    atlas = layout.atlas()
    atlas.setCoverageLayer(coverage)
    atlas.setEnabled(True)
    atlas.setHideCoverage(False)
    atlas.setPageNameExpression(page_name)
    atlas.setSortFeatures(True)
    atlas.setSortExpression(page_name)
    if filter_expression:
        _validate_expression(filter_expression, "filter")
        atlas.setFilterFeatures(True)
        atlas.setFilterExpression(filter_expression)
    # Per-page files: "<page number>_<page name>", safe for every file system.
    atlas.setFilenameExpression(
        "lpad(to_string(@atlas_featurenumber), 3, '0') || '_' || "
        "regexp_replace(coalesce(@atlas_pagename, ''), '[^\\\\p{L}\\\\p{N}]+', '_')")
    main = _item(layout, templates.ITEM_MAIN_MAP)
    main.setAtlasDriven(True)
    if coverage.geometryType() == QgsWkbTypes.GeometryType.PointGeometry:
        main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Fixed)
        main.setScale(2_000_000)
    else:
        main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
        main.setAtlasMargin(0.08)
    pages = atlas.updateFeatures()
    if pages == 0:
        raise RdhError(f"the atlas has no page: no feature of {coverage.name()!r} matches "
                       f"{filter_expression!r}" if filter_expression else f"{coverage.name()!r} is empty")
    if progress is not None:
        done = iter(range(1, pages + 1))
        atlas.featureChanged.connect(lambda _feature: progress(next(done, pages), pages, atlas.currentFilename()))
    return pages


def export_atlas(layout, output, *, per_page=False, formats=("pdf",), dpi=200):
    """The atlas as one PDF (``output`` is the file), or one file per page and format (``output``
    is a folder). Returns the paths written."""
    atlas = layout.atlas()
    output = Path(output)
    if not per_page:
        if _format_of(output) != "pdf":
            raise ParameterError("a whole atlas goes to one .pdf; use --per-page for PNG pages")
        with atomic_file(output) as tmp:
            result, error = QgsLayoutExporter.exportToPdf(atlas, str(tmp), pdf_settings(dpi))
            if result != QgsLayoutExporter.ExportResult.Success:
                raise ExportError(f"QGIS could not export {output}: {error}")
            check_complete(tmp, "pdf", output)
        return [output]

    output.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(output / "atlas")
    try:
        for fmt in formats:
            # The exporter names files by the atlas filename expression, in the folder of its base path.
            base = str(staging / "page")
            if fmt == "pdf":
                result, error = QgsLayoutExporter.exportToPdfs(atlas, base, pdf_settings(dpi))
            elif fmt == "png":
                with _quiet_gdal():
                    result, error = QgsLayoutExporter.exportToImage(atlas, base, "png", image_settings(dpi))
            else:
                raise ParameterError(f"unknown page format {fmt!r}; choose from {', '.join(FORMATS)}")
            if result != QgsLayoutExporter.ExportResult.Success:
                raise ExportError(f"QGIS could not export the atlas pages to {output}: {error}")
        pages = sorted(staging.iterdir())
        for page in pages:  # every page complete before any replaces an earlier one
            check_complete(page, page.suffix.lower().lstrip("."), output / page.name)
            check_output(output / page.name)
        written = []
        for page in pages:
            target = output / page.name
            with atomic_file(target) as tmp:
                os.replace(page, tmp)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
