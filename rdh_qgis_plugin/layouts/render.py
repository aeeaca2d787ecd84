"""Fill a layout template with a project's layers and export it: one map (PDF/PNG), or an atlas
series (one PDF, or one PDF/PNG per page; a filter expression exports only some pages)."""
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from qgis.core import (
    QgsBasicNumericFormat, QgsCoordinateTransform, QgsExpression, QgsFeatureRequest, QgsFillSymbol, QgsLayoutExporter,
    QgsLayoutItemMap, QgsMapLayerLegendUtils, QgsPrintLayout, QgsReadWriteContext, QgsRectangle,
    QgsRuleBasedRenderer, QgsWkbTypes, QgsExpressionContextUtils,
)
from qgis.PyQt.QtXml import QDomDocument
from rdh_engine.errors import InputNotFoundError, ParameterError, RdhError
from rdh_engine.io.atomic import atomic_file, check_output, staging_dir

from . import templates, texts
from .project import content_layers

FORMATS = ("pdf", "png")
PAGE_NAME_FIELDS = ("name", "adm1_name", "corridor_id", "poe_id", "herd_id")


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
    """Texts, legend, maps and locator of the hub's templates, for the project's visible layers."""
    shown = content_layers(project)
    if not shown:
        raise InputNotFoundError("the project has no visible layer to map")
    values = texts.furniture(lang)
    if title:
        values["rdh_title"] = title
    if subtitle:
        values["rdh_subtitle"] = subtitle
    elif period:
        values["rdh_subtitle"] = texts.PERIOD_LABEL[lang].format(period=period)
    values["rdh_sources"] = "; ".join(filter(None, [texts.credits_for(lyr.name() for lyr in shown), sources]))
    for name, value in values.items():
        QgsExpressionContextUtils.setLayoutVariable(layout, name, value)

    main = _item(layout, templates.ITEM_MAIN_MAP)
    main.setCrs(project.crs())
    overlay = [_spotlight(project, atlas_layer)] if atlas_layer is not None else []
    main.setLayers(overlay + shown)
    main.setKeepLayerSet(True)
    main.setExtent(_fit(_extent(project, shown), main))

    locator = _item(layout, templates.ITEM_LOCATOR, required=False)
    if locator is not None and locator_layer is not None:
        context = _locator_layer(project, locator_layer, highlight_atlas=locator_layer is atlas_layer)
        locator.setCrs(project.crs())
        locator.setLayers([context])
        locator.setKeepLayerSet(True)
        locator.setExtent(_fit(_extent(project, [locator_layer]), locator))
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
    scale_bar = _item(layout, templates.ITEM_SCALE_BAR, required=False)
    if scale_bar is not None:
        scale_bar.setNumericFormat(_number_format(lang))
    if logo:
        if not Path(logo).is_file():
            raise InputNotFoundError(f"no such logo file: {logo}")
        _item(layout, templates.ITEM_LOGO).setPicturePath(str(Path(logo).resolve()))
        placeholder = _item(layout, templates.ITEM_LOGO_PLACEHOLDER, required=False)
        if placeholder is not None:
            layout.removeLayoutItem(placeholder)
    layout.refresh()
    return layout


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
    """Legend titles from texts.LAYER_TITLES, and the reader's half of bilingual class labels."""
    legend.setAutoUpdateModel(False)   # a private copy of the layer tree we may rename
    model = legend.model()
    for node in model.rootGroup().findLayers():
        node.setCustomProperty("legend/title-label", texts.layer_title(node.layer().name(), lang))
        for index, legend_node in enumerate(model.layerOriginalLegendNodes(node)):
            label = legend_node.data(0) or ""   # Qt.ItemDataRole.DisplayRole
            if " / " in label:
                QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, texts.bilingual_label(label, lang))
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
    extent.setMinimal()
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
