"""The hub's maps and atlases inside a running QGIS: what `rdh map` / `rdh atlas` do once QGIS is
up, and what the Processing algorithms rdh:map / rdh:atlas run in QGIS desktop (on the main thread).
Plain PyQGIS and the engine's pure-Python modules (errors, atomic writes): no click, no GIS wheels."""
from pathlib import Path


def _locator(project, name, fallback=None):
    """The inset's layer: the one named, else admin0, else ``fallback``; areas only."""
    from qgis.core import QgsWkbTypes
    from rdh_engine.errors import ParameterError

    from .project import layer_by_name

    if name:
        layer = layer_by_name(project, name)
    else:
        found = project.mapLayersByName("admin0")
        layer = found[0] if found else fallback
    if layer is not None and layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:
        if name:
            raise ParameterError(f"--locator {name}: the inset map needs a polygon layer (countries, admin1)")
        return None
    return layer


def _save(project, path):
    """Save ``project`` with its layout to ``path`` (atomically) when given; the files written."""
    from rdh_engine.errors import OutputError
    from rdh_engine.io.atomic import atomic_file

    if path is None:
        return []
    with atomic_file(path) as tmp:
        if not project.write(str(tmp)):
            raise OutputError(f"could not save the project to {path}: {project.error()}")
    return [Path(path)]


def make_map(sources, *, layers=None, template="a4-landscape", lang="en", title=None, subtitle=None, period=None,
             extra_sources=None, logo=None, locator_name=None, dpi=200, save_project=None, extent_layer=None,
             filter_expression=None, outputs):
    """`rdh map` inside a running QGIS (the command, or Processing in QGIS desktop); returns the files
    written (each atomically)."""
    from . import render
    from .project import build_project, layer_by_name

    project = build_project(sources, layers=layers)
    try:
        layout = render.load_layout(project, template, lang)
        render.fill(layout, project, lang=lang, title=title, subtitle=subtitle, period=period,
                    sources=extra_sources, logo=logo, locator_layer=_locator(project, locator_name))
        if extent_layer:
            render.frame(layout, project, layer_by_name(project, extent_layer), filter_expression)
        written = list(render.export_layout(layout, outputs, dpi=dpi))
        return written + _save(project, save_project)
    finally:
        project.clear()
        del project


def make_atlas(sources, *, layers=None, template="a4-landscape", lang="en", title=None, subtitle=None, period=None,
               extra_sources=None, logo=None, locator_name=None, dpi=200, save_project=None, coverage_name,
               filter_expression=None, page_name=None, per_page=False, formats=(), output, progress=None):
    """`rdh atlas` inside a running QGIS (the command, or Processing in QGIS desktop); returns
    ``(pages, files written)``."""
    from . import render
    from .project import build_project, layer_by_name

    project = build_project(sources, layers=layers)
    try:
        coverage = layer_by_name(project, coverage_name)
        layout = render.load_layout(project, template, lang)
        render.fill(layout, project, lang=lang, title=title, subtitle=subtitle, period=period,
                    sources=extra_sources, logo=logo, atlas_layer=coverage,
                    locator_layer=_locator(project, locator_name, fallback=coverage))
        pages = render.configure_atlas(layout, coverage, filter_expression=filter_expression,
                                       page_name=page_name, progress=progress)
        written = render.export_atlas(layout, output, per_page=per_page, formats=tuple(formats or ("pdf",)),
                                      dpi=dpi)
        _save(project, save_project)
        return pages, written
    finally:
        project.clear()
        del project
