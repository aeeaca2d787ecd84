"""A QGIS project from the toolkit's styled GeoPackages (or an existing .qgs/.qgz project).

Layers keep their GeoPackage names (``roads``, ``corridors``...), so maps and atlases name the
layers they show; the embedded default style (``layer_styles``) is applied on load.
"""
import sqlite3
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer, QgsWkbTypes,
)
from rdh_engine.errors import InputNotFoundError, ParameterError

# Metric, equal-area and centred on Africa: a scale bar in km is right across the whole region.
MAP_CRS = "ESRI:102022"
# Draw order when the caller does not give one: areas at the bottom, then lines, then points.
_GEOMETRY_ORDER = {QgsWkbTypes.GeometryType.PolygonGeometry: 0, QgsWkbTypes.GeometryType.LineGeometry: 1,
                   QgsWkbTypes.GeometryType.PointGeometry: 2}


def geopackage_layers(path):
    """Names of the feature tables of a GeoPackage, in file order."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        rows = con.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' "
                           "ORDER BY rowid").fetchall()
    return [name for (name,) in rows]


def open_layer(path, name):
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise InputNotFoundError(f"{path}: cannot open layer {name!r}")
    layer.loadDefaultStyle()   # the house style embedded by rdh_engine.io.gpkg.write_layers
    return layer


def build_project(sources, *, layers=None, crs=MAP_CRS):
    """A QgsProject with the layers of ``sources`` (GeoPackages, or one .qgs/.qgz).

    ``layers``: names to show, top of the map first (default: every layer of the GeoPackages,
    points over lines over areas). A name is looked up in the sources in the order given.
    """
    sources = [Path(s) for s in sources]
    for source in sources:
        if not source.exists():
            raise InputNotFoundError(f"no such file: {source}")
    project = QgsProject()
    projects = [s for s in sources if s.suffix.lower() in (".qgs", ".qgz")]
    if projects:
        if len(sources) > 1:
            raise ParameterError("give either one QGIS project or GeoPackages, not both")
        if not project.read(str(projects[0])):
            raise InputNotFoundError(f"{projects[0]}: {project.error()}")
        if layers:
            keep_only(project, layers)
        return project

    available = {}   # name -> first GeoPackage that has it
    for source in sources:
        for name in geopackage_layers(source):
            available.setdefault(name, source)
    if layers:
        missing = [name for name in layers if name not in available]
        if missing:
            raise InputNotFoundError(
                f"layer(s) {', '.join(missing)} not found in {', '.join(map(str, sources))} "
                f"(available: {', '.join(available)})")
        ordered = [open_layer(available[name], name) for name in layers]
    else:
        opened = [open_layer(path, name) for name, path in available.items()]
        ordered = sorted(opened, key=lambda lyr: -_GEOMETRY_ORDER.get(lyr.geometryType(), 0))
    project.setCrs(QgsCoordinateReferenceSystem(crs))
    root = project.layerTreeRoot()
    for layer in ordered:
        project.addMapLayer(layer, False)
        root.addLayer(layer)
    return project


def keep_only(project, names):
    """Drop the project's layers not named (a .qgs may hold more than the map should show)."""
    missing = [n for n in names if not project.mapLayersByName(n)]
    if missing:
        raise InputNotFoundError(f"layer(s) {', '.join(missing)} not in the project")
    project.removeMapLayers([lid for lid, lyr in project.mapLayers().items() if lyr.name() not in names])


def layer_by_name(project, name):
    found = project.mapLayersByName(name)
    if not found:
        names = ", ".join(sorted(lyr.name() for lyr in project.mapLayers().values()))
        raise InputNotFoundError(f"no layer named {name!r} in the project (layers: {names})")
    return found[0]


def content_layers(project):
    """Layers shown on the main map, top first (the project's layer tree order, visible ones)."""
    return [node.layer() for node in project.layerTreeRoot().findLayers()
            if node.isVisible() and node.layer() is not None]
