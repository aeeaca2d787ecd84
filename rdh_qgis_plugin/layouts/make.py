"""The hub's maps and atlases inside a running QGIS: what `rdh map` / `rdh atlas` do once QGIS is
up, and what the Processing algorithms rdh:map / rdh:atlas run in QGIS desktop (on the main thread).
Plain PyQGIS and the engine's pure-Python modules (errors, atomic writes): no click, no GIS wheels."""
import json
from pathlib import Path

BUNDLE_MANIFEST = "bundle.json"  # rdh_engine.io.bundle.MANIFEST


def check_public(sources):
    """``--public``: maps for publication are drawn from protected outputs only. Every GeoPackage shown
    must be the GeoPackage of a public bundle written by `rdh export` (audited as written), unchanged
    since (its SHA-256 is the one bundle.json records)."""
    from rdh_engine.errors import ParameterError
    from rdh_engine.provenance import file_sha256  # plain Python: importable in QGIS's own Python too

    for source in sources:
        path = Path(source).resolve()
        manifest_path = path.parent / BUNDLE_MANIFEST
        if not manifest_path.is_file():
            raise ParameterError(f"--public: {path} is not in a publication bundle; maps for publication are "
                                 "drawn from protected outputs only (export it with `rdh export` and map the "
                                 "bundle's GeoPackage)")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("classification") != "public":
            raise ParameterError(f"--public: the bundle of {path.name} is marked "
                                 f"{manifest.get('classification')!r} (unprotected), not public")
        recorded = (manifest.get("files") or {}).get(path.name)
        if recorded != file_sha256(path):
            raise ParameterError(f"--public: {path} is not the GeoPackage its bundle audited (changed since "
                                 "`rdh export`, or not listed in bundle.json); export it again")


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
             filter_expression=None, outputs, public=False):
    """`rdh map` inside a running QGIS (the command, or Processing in QGIS desktop); returns the files
    written (each atomically). ``public``: only from protected publication bundles (:func:`check_public`)."""
    from . import render
    from .project import build_project, layer_by_name

    if public:
        check_public(sources)
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
               filter_expression=None, page_name=None, per_page=False, formats=(), output, progress=None,
               public=False):
    """`rdh atlas` inside a running QGIS (the command, or Processing in QGIS desktop); returns
    ``(pages, files written)``. ``public``: only from protected publication bundles (:func:`check_public`)."""
    from . import render
    from .project import build_project, layer_by_name

    if public:
        check_public(sources)
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
