"""The QGIS side of a publication bundle: a styled, grouped project (.qgz), a thumbnail and the
QGIS Server project. Runs headless in the toolkit's venv Python (which sees both the engine's
wheels and QGIS), never inside QGIS desktop: the Processing algorithm calls `rdh export`.
"""
import json
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem, QgsLayerMetadata, QgsMapRendererParallelJob, QgsMapSettings,
    QgsProject, QgsRasterLayer, QgsRectangle, QgsReferencedRectangle, QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

from ..qgis_app import qgis_app

MANIFEST = "bundle.json"
THUMBNAIL = "thumbnail.png"
SERVER_DIR = "server"
THUMBNAIL_SIZE = (480, 360)
BASE_LAYERS = ("admin1", "admin0", "roads", "places")
BASE_GROUP = "Base map / Fond de carte"
# Drawing order inside a group: areas under lines under points.
_GEOMETRY_ORDER = {"Polygon": 0, "MultiPolygon": 0, "LineString": 1, "MultiLineString": 1, "Point": 2,
                   "MultiPoint": 2}


def read_manifest(bundle_dir):
    path = Path(bundle_dir) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{bundle_dir} is not an RDH publication bundle (no {MANIFEST})")
    return json.loads(path.read_text(encoding="utf-8"))


def finish_bundle(bundle_dir):
    """Add ``<theme>.qgz`` and ``thumbnail.png`` to a bundle written by `rdh export`; returns their paths."""
    bundle_dir = Path(bundle_dir).resolve()
    manifest = read_manifest(bundle_dir)
    qgz = bundle_dir / f"{manifest['theme']}.qgz"
    thumbnail = bundle_dir / THUMBNAIL
    with qgis_app():
        project = build_project(bundle_dir, manifest)
        _write(project, qgz)
        render_thumbnail(project, thumbnail)
        project.clear()
        del project  # before exitQgis: a QgsProject outliving the application segfaults
    _refresh_manifest(bundle_dir, manifest, {"project": qgz.name, "thumbnail": thumbnail.name})
    return [qgz, thumbnail]


def write_server_project(bundle_dir, *, service_url=""):
    """Write ``server/<theme>.qgs``: the bundle's layers with WMS, WFS and OGC API Features on.

    It sits alone in ``server/`` so that QGIS Server's landing page, pointed at that folder,
    lists exactly the published project (not the desktop .qgz)."""
    bundle_dir = Path(bundle_dir).resolve()
    manifest = read_manifest(bundle_dir)
    path = bundle_dir / SERVER_DIR / f"{manifest['theme']}.qgs"
    path.parent.mkdir(exist_ok=True)
    with qgis_app():
        project = build_project(bundle_dir, manifest)
        configure_server(project, manifest, service_url=service_url)
        _write(project, path)
        project.clear()
        del project  # before exitQgis: a QgsProject outliving the application segfaults
    _refresh_manifest(bundle_dir, manifest, {"server_project": f"{SERVER_DIR}/{path.name}"})
    return path


def build_project(bundle_dir, manifest):
    """A QgsProject with every bundle layer, default style loaded, metadata set, grouped."""
    project = QgsProject()
    project.setTitle(_theme_title(manifest))
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    gpkg = Path(bundle_dir) / manifest["geopackage"]
    root = project.layerTreeRoot()
    names = list(manifest["layers"])
    data = [n for n in names if n not in BASE_LAYERS]
    rasters = manifest.get("rasters", {})
    base = [n for n in BASE_LAYERS if n in names]
    extent = QgsRectangle()
    extent.setMinimal()
    for group_name, short_name, members, grids in ((_theme_title(manifest), manifest["theme"], data, rasters),
                                                   (BASE_GROUP, "base_map", base, {})):
        if not members and not grids:
            continue
        group = root.addGroup(group_name)
        group.setCustomProperty("wmsShortName", short_name)
        group.setCustomProperty("wmsTitle", group_name)
        for name in sorted(members, key=lambda n: -_GEOMETRY_ORDER.get(manifest["layers"][n]["geometry_type"], 2)):
            layer = _styled_layer(gpkg, name, manifest)
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            extent.combineExtentWith(layer.extent())
        for name, entry in grids.items():  # under the theme's vector layers
            layer = _styled_raster(Path(bundle_dir), name, entry, manifest)
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            extent.combineExtentWith(QgsRectangle(*entry["bbox"]))
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    return project


def _styled_layer(gpkg, name, manifest):
    entry = manifest["layers"][name]
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise RuntimeError(f"{gpkg}: layer {name!r} does not open in QGIS")
    message, ok = layer.loadDefaultStyle()
    if not ok:
        raise RuntimeError(f"{gpkg}: layer {name!r} has no default style ({message})")
    layer.setMetadata(_layer_metadata(entry, manifest))
    _set_server_properties(layer, name, entry)
    return layer


def _styled_raster(bundle_dir, name, entry, manifest):
    layer = QgsRasterLayer(str(bundle_dir / f"{name}.tif"), name)
    if not layer.isValid():
        raise RuntimeError(f"{bundle_dir}: raster {name!r} does not open in QGIS")
    message, ok = layer.loadDefaultStyle()  # <name>.qml beside the GeoTIFF
    if not ok:
        raise RuntimeError(f"{bundle_dir}: raster {name!r} has no house style ({message})")
    layer.setMetadata(_layer_metadata(entry, manifest))
    _set_server_properties(layer, name, entry)
    return layer


def _layer_metadata(entry, manifest):
    meta = QgsLayerMetadata()
    meta.setIdentifier(entry.get("title", ""))
    meta.setTitle(entry["title"])
    meta.setAbstract(entry["abstract"])
    meta.setKeywords({"theme": entry["keywords"]})
    meta.setLicenses([entry["licence"]])
    meta.setRights([entry["attribution"]])
    meta.setHistory([entry["lineage"]])
    meta.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    contact = QgsLayerMetadata.Contact(manifest["contact"].get("organisation", ""))
    contact.organization = manifest["contact"].get("organisation", "")
    contact.email = manifest["contact"].get("email", "")
    contact.role = "pointOfContact"
    meta.addContact(contact)
    return meta


def _set_server_properties(layer, name, entry):
    # QGIS >= 3.38 moved these to serverProperties(); 3.22 has them on the layer.
    props = layer.serverProperties() if hasattr(layer, "serverProperties") else None
    target = props if hasattr(props, "setShortName") else layer
    target.setShortName(name)
    target.setTitle(entry["title"])
    target.setAbstract(entry["abstract"])
    target.setKeywordList(", ".join(entry["keywords"]))
    if entry.get("attribution"):
        target.setAttribution(entry["attribution"])


def configure_server(project, manifest, *, service_url=""):
    """WMS for every layer of the project; WFS (+ OGC API Features, which follows WFSLayers) for the
    vector layers."""
    layers = list(project.mapLayers().values())
    extent = project.viewSettings().defaultViewExtent()
    write = project.writeEntry
    write("WMSServiceCapabilities", "/", True)
    write("WMSRootName", "/", f"rdh_{manifest['theme']}")
    write("WMSServiceTitle", "/", _theme_title(manifest))
    write("WMSServiceAbstract", "/", "Published by the IOM Regional Data Hub (West and Central Africa) with the "
          "RDH Toolkit. Small counts are withheld and key-informant positions coarsened before publication.")
    write("WMSKeywordList", "/", ["RDH", "IOM", "migration", manifest["theme"]])
    write("WMSContactOrganization", "/", manifest["contact"].get("organisation", ""))
    write("WMSContactMail", "/", manifest["contact"].get("email", ""))
    write("WMSFees", "/", "none")
    entries = [*manifest["layers"].values(), *manifest.get("rasters", {}).values()]
    write("WMSAccessConstraints", "/", "; ".join(sorted({e["licence"] for e in entries})))
    write("WMSCrsList", "/", ["EPSG:4326", "EPSG:3857"])
    write("WMSExtent", "/", [f"{v:.6f}" for v in (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                                   extent.yMaximum())])
    write("WMSAddWktGeometry", "/", True)
    if service_url:
        write("WMSUrl", "/", service_url)
        write("WFSUrl", "/", service_url)
    features = [layer for layer in layers if isinstance(layer, QgsVectorLayer)]  # rasters: WMS only
    write("WFSLayers", "/", [layer.id() for layer in features])
    for layer in features:
        write("WFSLayersPrecision", "/" + layer.id(), 6)


def render_thumbnail(project, path, *, size=THUMBNAIL_SIZE):
    """A PNG of the project's layers over its default extent."""
    settings = QgsMapSettings()
    settings.setLayers(project.layerTreeRoot().layerOrder())
    settings.setDestinationCrs(project.crs())
    settings.setExtent(project.viewSettings().defaultViewExtent())
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor("#ffffff"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    if not job.renderedImage().save(str(path), "PNG"):
        raise RuntimeError(f"could not write the thumbnail {path}")
    return path


def _write(project, path):
    if not project.write(str(path)):
        raise RuntimeError(f"could not write the QGIS project {path}: {project.error()}")


def _theme_title(manifest):
    return f"RDH — {manifest['theme'].replace('_', ' ')}"


def _refresh_manifest(bundle_dir, manifest, added):
    from rdh_engine.io.bundle import write_manifest  # hashes every file of the bundle

    manifest.setdefault("qgis", {}).update(added)
    write_manifest(bundle_dir, manifest)
