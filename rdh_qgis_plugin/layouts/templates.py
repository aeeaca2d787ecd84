"""The hub's layout templates, built with PyQGIS: A4 and A3, portrait and landscape, English and
French. `python -m rdh_qgis_plugin.layouts.templates` (or `make layouts`) regenerates the committed
``rdh_<paper>_<orientation>_<lang>.qpt`` files beside this module.

Every text on the page reads a layout variable (``@rdh_title``, ``@rdh_disclaimer``...), so a
template opened in QGIS desktop shows its language's defaults, and `rdh map` / `rdh atlas` fill
the same variables for the language asked. Items have stable ids (ITEM_* below) that the filling
code looks up; keep them when editing a template by hand.
"""
import re
import sys
import uuid
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem, QgsExpressionContextUtils, QgsFillSymbol, QgsLayoutItem, QgsLayoutItemLabel,
    QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemMapOverview, QgsLayoutItemPicture,
    QgsLayoutItemScaleBar, QgsLayoutMeasurement, QgsLayoutPoint, QgsLayoutSize, QgsLegendStyle,
    QgsPathResolver, QgsPrintLayout, QgsProject, QgsReadWriteContext, QgsScaleBarSettings,
    QgsSymbolLayerUtils, QgsTextBufferSettings, QgsTextFormat, QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from . import texts
from .project import MAP_CRS

HERE = Path(__file__).resolve().parent
PAPERS = {"a4": (210.0, 297.0), "a3": (297.0, 420.0)}
ORIENTATIONS = ("landscape", "portrait")

ITEM_MAIN_MAP = "main_map"
ITEM_LOCATOR = "locator_map"
ITEM_LEGEND = "legend"
ITEM_SCALE_BAR = "scale_bar"
ITEM_NORTH_ARROW = "north_arrow"
ITEM_TITLE = "title"
ITEM_SUBTITLE = "subtitle"
ITEM_SOURCES = "sources"
ITEM_DISCLAIMER = "disclaimer"
ITEM_DATE = "production_date"
ITEM_LOGO = "logo"

_UUID = re.compile(r"\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}")
NORTH_ARROW_SVG = "arrows/NorthArrow_02.svg"
FONT_FAMILY = "Open Sans"   # QGIS ships it; Qt falls back to a sans serif when missing
INK = QColor("#1a1a1a")
IOM_BLUE = QColor("#0033a0")

TITLE_TEXT = ("[% @rdh_title %][% CASE WHEN length(coalesce(@atlas_pagename, '')) > 0 "
              "THEN ' — ' || @atlas_pagename ELSE '' END %]")
SUBTITLE_TEXT = "[% @rdh_subtitle %]"
SOURCES_TEXT = "[% @rdh_sources_label %] [% @rdh_sources %]"
DISCLAIMER_TEXT = "[% @rdh_disclaimer %]"
DATE_TEXT = "[% @rdh_produced_label %] [% format_date(now(), 'yyyy-MM-dd') %], [% @rdh_producer %]"


def template_name(paper, orientation, lang):
    return f"rdh_{paper}_{orientation}_{lang}.qpt"


def template_path(paper, orientation, lang):
    return HERE / template_name(paper, orientation, lang)


def _font(size_pt, bold=False):
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


def _place(item, x, y, w, h):
    item.attemptMove(QgsLayoutPoint(x, y))
    item.attemptResize(QgsLayoutSize(w, h))


def _label(layout, item_id, text, rect, size_pt, *, bold=False, color=INK,
           halign=Qt.AlignmentFlag.AlignLeft, valign=Qt.AlignmentFlag.AlignTop):
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    if hasattr(label, "setTextFormat"):   # QGIS >= 3.24 (setFont is gone in QGIS 4)
        text_format = QgsTextFormat.fromQFont(_font(size_pt, bold))
        text_format.setColor(color)
        label.setTextFormat(text_format)
    else:
        label.setFont(_font(size_pt, bold))
        label.setFontColor(color)
    label.setHAlign(halign)
    label.setVAlign(valign)
    layout.addLayoutItem(label)
    _place(label, *rect)
    return label


def build_layout(project, paper="a4", orientation="landscape", lang="en"):
    """A print layout with the hub's furniture on an empty page; maps follow the project's layers."""
    short, long_ = PAPERS[paper]
    width, height = (long_, short) if orientation == "landscape" else (short, long_)
    s = short / 210.0           # A3 = A4 scaled by sqrt(2): fonts and furniture grow with the page
    margin = 10.0 * s
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(template_name(paper, orientation, lang)[:-4])
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(width, height))
    QgsExpressionContextUtils.setLayoutVariables(layout, texts.furniture(lang))

    # Header: title and subtitle on the left, the logo (when one is given) on the right.
    logo_w, logo_h = 36.0 * s, 16.0 * s
    head_w = width - 2 * margin - logo_w - 4 * s
    # A landscape title has room for "theme — page name" on one line; a portrait one may wrap once.
    title_pt, title_lines = (15 * s, 1) if orientation == "landscape" else (13 * s, 2)
    title_h = title_lines * title_pt * 0.5   # mm: 1 pt = 0.353 mm, a line is about 1.4 x the size
    _label(layout, ITEM_TITLE, TITLE_TEXT, (margin, margin, head_w, title_h), title_pt, bold=True,
           color=IOM_BLUE)
    _label(layout, ITEM_SUBTITLE, SUBTITLE_TEXT, (margin, margin + title_h + 1 * s, head_w, 6 * s), 10 * s)
    logo = QgsLayoutItemPicture(layout)   # empty: filled from --logo or @rdh_logo, else removed
    logo.setId(ITEM_LOGO)
    logo.setPictureAnchor(QgsLayoutItem.ReferencePoint.UpperRight)
    layout.addLayoutItem(logo)
    _place(logo, width - margin - logo_w, margin, logo_w, logo_h)
    top = max(margin + logo_h, margin + title_h + 7 * s) + 3 * s

    # Footer: sources, disclaimer, production date (small print, full width).
    line_h = 4.2 * s
    lines = (2, 1, 1) if orientation == "landscape" else (2, 2, 1)
    footer_h = sum(lines) * line_h + 2 * s
    y = height - margin - footer_h + 2 * s
    for item_id, text, n in zip((ITEM_SOURCES, ITEM_DISCLAIMER, ITEM_DATE),
                                (SOURCES_TEXT, DISCLAIMER_TEXT, DATE_TEXT), lines):
        _label(layout, item_id, text, (margin, y, width - 2 * margin, n * line_h), 6.5 * s)
        y += n * line_h
    bottom = height - margin - footer_h

    # Main map, locator and legend: a side panel in landscape, a band under the map in portrait.
    gap = 4 * s
    if orientation == "landscape":
        panel_w = 68 * s
        map_rect = (margin, top, width - 2 * margin - panel_w - gap, bottom - top)
        locator_rect = (width - margin - panel_w, top, panel_w, panel_w * 0.62)
        legend_rect = (locator_rect[0], top + locator_rect[3] + gap, panel_w, bottom - top - locator_rect[3] - gap)
        legend_columns = 1
    else:
        band_h = 62 * s
        map_rect = (margin, top, width - 2 * margin, bottom - top - band_h - gap)
        locator_w = band_h * 1.25
        locator_rect = (width - margin - locator_w, bottom - band_h, locator_w, band_h)
        legend_rect = (margin, bottom - band_h, width - 2 * margin - locator_w - gap, band_h)
        legend_columns = 2

    main = QgsLayoutItemMap(layout)
    main.setId(ITEM_MAIN_MAP)
    main.setFrameEnabled(True)
    main.setFrameStrokeWidth(QgsLayoutMeasurement(0.3))
    main.setCrs(QgsCoordinateReferenceSystem(MAP_CRS))
    layout.addLayoutItem(main)
    _place(main, *map_rect)

    locator = QgsLayoutItemMap(layout)
    locator.setId(ITEM_LOCATOR)
    locator.setFrameEnabled(True)
    locator.setFrameStrokeWidth(QgsLayoutMeasurement(0.3))
    locator.setBackgroundColor(QColor("#d4e6f1"))   # the sea, as on the main map
    locator.setCrs(QgsCoordinateReferenceSystem(MAP_CRS))
    layout.addLayoutItem(locator)
    _place(locator, *locator_rect)
    overview = QgsLayoutItemMapOverview("main map extent", locator)
    overview.setLinkedMap(main)
    overview.setFrameSymbol(QgsFillSymbol.createSimple(
        {"color": "213,0,0,40", "outline_color": "213,0,0,255", "outline_width": "0.5"}))
    locator.overviews().addOverview(overview)

    legend = QgsLayoutItemLegend(layout)
    legend.setId(ITEM_LEGEND)
    legend.setTitle(texts.furniture(lang)["rdh_legend_title"])
    legend.setLinkedMap(main)
    legend.setLegendFilterByMapEnabled(True)   # per page: only what is visible on the map
    legend.setColumnCount(legend_columns)
    legend.setSplitLayer(True)
    legend.setWrapString("\n")
    for style, font in ((QgsLegendStyle.Style.Title, _font(10 * s, bold=True)),
                        (QgsLegendStyle.Style.Group, _font(8.5 * s, bold=True)),
                        (QgsLegendStyle.Style.Subgroup, _font(8 * s, bold=True)),
                        (QgsLegendStyle.Style.SymbolLabel, _font(7.5 * s))):
        if hasattr(QgsLegendStyle, "setTextFormat"):   # QGIS >= 3.30 (setStyleFont is gone in QGIS 4)
            legend.rstyle(style).setTextFormat(QgsTextFormat.fromQFont(font))
        else:
            legend.setStyleFont(style, font)
    # Compact rows: an analysis map's legend (three layers of four or five classes, roads, countries)
    # fits the landscape side panel.
    legend.setSymbolHeight(3.2 * s)
    legend.rstyle(QgsLegendStyle.Style.Symbol).setMargin(QgsLegendStyle.Side.Top, 1.4 * s)
    legend.rstyle(QgsLegendStyle.Style.SymbolLabel).setMargin(QgsLegendStyle.Side.Top, 1.4 * s)
    legend.setResizeToContents(False)
    layout.addLayoutItem(legend)
    _place(legend, *legend_rect)

    scale_bar = QgsLayoutItemScaleBar(layout)
    scale_bar.setId(ITEM_SCALE_BAR)
    scale_bar.setStyle("Single Box")
    scale_bar.setLinkedMap(main)
    scale_bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    scale_bar.setUnitLabel("km")
    scale_bar.setMapUnitsPerScaleBarUnit(1.0)   # label multiplier: distances are measured in km
    scale_bar.setNumberOfSegmentsLeft(0)
    scale_bar.setNumberOfSegments(2)
    scale_bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFitWidth)
    scale_bar.setMinimumBarWidth(25 * s)
    scale_bar.setMaximumBarWidth(45 * s)
    scale_bar.setUnitsPerSegment(100.0)
    # No box: a white halo keeps the numbers readable, and the maps keep their labels clear of it.
    scale_format = QgsTextFormat.fromQFont(_font(7 * s))
    halo = QgsTextBufferSettings()
    halo.setEnabled(True)
    halo.setSize(0.8)
    halo.setColor(QColor("#ffffff"))
    scale_format.setBuffer(halo)
    scale_bar.setTextFormat(scale_format)
    scale_bar.setBackgroundEnabled(False)
    layout.addLayoutItem(scale_bar)
    scale_bar.attemptMove(QgsLayoutPoint(map_rect[0] + 3 * s, map_rect[1] + map_rect[3] - 12 * s))

    arrow = QgsLayoutItemPicture(layout)
    arrow.setId(ITEM_NORTH_ARROW)
    arrow.setPicturePath(north_arrow_path())
    arrow.setLinkedMap(main)
    layout.addLayoutItem(arrow)
    _place(arrow, map_rect[0] + map_rect[2] - 13 * s, map_rect[1] + 3 * s, 10 * s, 15 * s)
    return layout


def north_arrow_path():
    return QgsSymbolLayerUtils.svgSymbolNameToPath(NORTH_ARROW_SVG, QgsPathResolver())


def save_template(layout, path):
    """Write ``layout`` as a .qpt whose item uuids are stable (derived from the file name), so that
    regenerating the templates changes only what changed (run with QT_HASH_SEED=0, as `make layouts`
    does, for a stable attribute order too)."""
    path = Path(path)
    if not layout.saveAsTemplate(str(path), QgsReadWriteContext()):
        raise OSError(f"could not write the layout template {path}")
    xml = path.read_text(encoding="utf-8")
    stable = {}
    for found in _UUID.findall(xml):
        stable.setdefault(found, "{%s}" % uuid.uuid5(uuid.NAMESPACE_URL, f"rdh-layout:{path.name}:{len(stable)}"))
    path.write_text(_UUID.sub(lambda m: stable[m.group(0)], xml), encoding="utf-8")
    return path


def write_all(out_dir=HERE):
    """Write every paper x orientation x language template; returns the paths."""
    project = QgsProject()
    written = []
    for paper in PAPERS:
        for orientation in ORIENTATIONS:
            for lang in texts.LANGUAGES:
                layout = build_layout(project, paper, orientation, lang)
                written.append(save_template(layout, Path(out_dir) / template_name(paper, orientation, lang)))
    return written


def main():
    from ..qgis_app import qgis_app

    with qgis_app():
        for path in write_all():
            print(path)

if __name__ == "__main__":
    sys.exit(main())
