"""Publishing in a real QGIS and QGIS Server: the bundle's .qgz and thumbnail, the server project
served by Debian's qgis_mapserver (started and stopped here), queried with OWSLib."""
import http.server
import io
import json
import shutil
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pyogrio
import pytest
from owslib.wfs import WebFeatureService
from owslib.wms import WebMapService
from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsRenderContext, QgsVectorLayer
from qgis.PyQt.QtGui import QImage

from click.testing import CliRunner

from rdh_engine.cli.export import write_bundle
from rdh_engine.io.bundle import export_bundle
from rdh_engine.io.gpkg import style_path
from rdh_engine.publish.audit import audit_geopackage
from rdh_engine.publish.policy import ProtectionRules
from rdh_qgis_plugin.publish.cli import publish

from .conftest import served

RDH = str(Path(sys.executable).with_name("rdh"))
REPO = Path(__file__).resolve().parents[2]
LAYERS = ["roads", "admin0", "admin1", "places", "mmp_incidents"]
pytestmark = pytest.mark.qgis


@pytest.fixture(scope="module")
def bundle(demo_output, tmp_path_factory):
    """What `rdh export` does with QGIS available (in-process here; the Processing test below runs the
    console script): the full bundle incl. project and thumbnail."""
    out = tmp_path_factory.mktemp("publish")
    result, added = write_bundle([demo_output / "rdh_sources.gpkg"], out, theme="sources")
    assert [p.name for p in added] == ["sources.qgz", "thumbnail.png"]
    return result.path


def non_blank(image):
    """True when an image holds more than one colour (sampled on a grid)."""
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours) > 3


def test_bundle_project_has_every_layer_styled_and_grouped(bundle):
    manifest = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    assert {"project": "sources.qgz", "thumbnail": "thumbnail.png"}.items() <= manifest["qgis"].items()
    assert set(manifest["files"]) >= {"sources.qgz", "thumbnail.png"}
    project = QgsProject()
    assert project.read(str(bundle / "sources.qgz"))
    groups = {g.name(): [layer.name() for layer in g.findLayers()] for g in project.layerTreeRoot().children()}
    assert groups == {"RDH — sources": ["mmp_incidents"], "Base map / Fond de carte": ["places", "roads", "admin1",
                                                                                         "admin0"]}
    for layer in project.mapLayers().values():
        assert layer.isValid(), layer.name()
        assert layer.source().startswith(str(bundle)), "layers must point into the bundle"
        assert layer.metadata().title() == manifest["layers"][layer.name()]["title"]
        assert layer.metadata().licenses() == [manifest["layers"][layer.name()]["licence"]]
    mmp = project.mapLayersByName("mmp_incidents")[0]
    assert mmp.renderer().type() == "RuleRenderer"
    assert mmp.renderer().rootRule().children()[-1].label() == "Withheld (fewer than 5)"
    assert "Masqué (moins de 5)" in json.loads(mmp.customProperty("rdh_labels"))["fr"].values()   # per language
    project.clear()
    thumb = QImage(str(bundle / "thumbnail.png"))
    assert (thumb.width(), thumb.height()) == (480, 360) and non_blank(thumb)


def test_exported_geopackage_opens_in_qgis_with_its_style(bundle):
    for name in LAYERS:
        layer = QgsVectorLayer(f"{bundle / 'sources.gpkg'}|layername={name}", name, "ogr")
        assert layer.isValid() and layer.featureCount() > 0
        message, ok = layer.loadDefaultStyle()
        assert ok, message
        del layer


@pytest.mark.parametrize("qml", sorted(style_path("roads").parent.glob("*.qml")), ids=lambda p: p.stem)
def test_every_house_style_loads_in_qgis(qml, tmp_path):
    text = qml.read_text(encoding="utf-8")
    if "<renderer-v2" not in text:  # raster style: hang it on a small GeoTIFF
        from osgeo import gdal

        tif = str(tmp_path / "r.tif")
        gdal.Translate(tif, gdal.Open(str(REPO / "sample_data" / "real" / "landcover_igbp_0p2deg.tif")),
                       srcWin=[0, 0, 8, 8])
        layer = QgsRasterLayer(tif, qml.stem)
        message, ok = layer.loadNamedStyle(str(qml))
        assert ok, message
        assert layer.renderer().type() == "singlebandpseudocolor"
        del layer
        return
    kind = {"0": "Point", "1": "LineString", "2": "MultiPolygon"}[text.split("<layerGeometryType>")[1][0]]
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:4326", qml.stem, "memory")
    message, ok = layer.loadNamedStyle(str(qml))
    assert ok, message
    assert layer.renderer() is not None and layer.renderer().symbols(QgsRenderContext())
    del layer


@pytest.fixture(scope="module")
def server(bundle):
    """`rdh publish` writes the server project; qgis_mapserver serves it on 127.0.0.1 only."""
    published = subprocess.run([RDH, "publish", str(bundle)], capture_output=True, text=True)
    assert published.returncode == 0, published.stderr
    project = bundle / "server" / "sources.qgs"
    assert project.is_file()
    with served(project) as url:
        yield url


def test_wms_capabilities_list_every_layer_with_title_and_abstract(server, bundle):
    manifest = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    wms = WebMapService(server, version="1.3.0", timeout=60)
    assert wms.identification.title == "RDH — sources"
    for name in LAYERS:
        assert name in wms.contents, name
        assert wms[name].title == manifest["layers"][name]["title"]
        assert wms[name].abstract == manifest["layers"][name]["abstract"]
    assert {"rdh_sources", "sources", "base_map"} <= set(wms.contents)


# The built landing page (a Vue app); QGIS Server answers "Template not found: index.html" without it.
LANDING_PAGE_APP = "resources/server/api/ogc/static/landingpage/index.html"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,800", "--virtual-time-budget=15000"]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (scripts/setup.sh)")
def test_landing_page_shows_the_published_project_in_chromium(server, tmp_path):
    """QGIS Server's landing page (web catalogue with a map of the project) in headless Chromium."""
    root = server.rsplit("/", 1)[0]
    with urllib.request.urlopen(f"{root}/index.json", timeout=30) as response:
        catalogue = json.loads(response.read())
    assert [p["title"] for p in catalogue["projects"]] == ["RDH — sources"]
    app = Path(QgsApplication.pkgDataPath()) / LANDING_PAGE_APP
    if not app.is_file():
        pytest.skip(f"QGIS Server's landing-page web app is not installed ({app}): Debian's 3.40 "
                    "packages ship only its sources; the catalogue (index.json) above is checked")
    shots = REPO / "out" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    target = shots / "geoportal_landing_page.png"
    target.unlink(missing_ok=True)
    run = subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium'}",
                          f"--screenshot={target}", f"{root}/"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 800) and non_blank(image)
    # the catalogue card's map draws the incidents in the house colour (WMS GetMap through Leaflet)
    assert sum(1 for x in range(0, 1280, 2) for y in range(0, 800, 2)
               if image.pixelColor(x, y).name() == "#d55e00") > 20


def test_wms_getmap_returns_a_styled_png(server):
    wms = WebMapService(server, version="1.3.0", timeout=60)
    response = wms.getmap(layers=["admin0", "mmp_incidents"], styles=["", ""], srs="EPSG:4326",
                          bbox=(-5, -20, 40, 36), size=(400, 300), format="image/png")
    data = response.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage.fromData(data, "PNG")
    assert non_blank(image)
    vermilion = sum(1 for x in range(image.width()) for y in range(0, image.height(), 2)
                    if image.pixelColor(x, y).name() in ("#d55e00",))
    assert vermilion > 50, "MMP incidents must be drawn with the house colour"


def test_wfs_getfeature_serves_the_incidents_as_upstream_publishes_them(server, demo_output):
    """Missing Migrants incidents are public upstream (CC BY 4.0): served as published, attributed."""
    wfs = WebFeatureService(server, version="1.1.0", timeout=60)
    assert set(LAYERS) <= set(wfs.contents)
    assert wfs.contents["mmp_incidents"].title == "Missing migrants incidents / Incidents de migrants disparus"
    response = wfs.getfeature(typename=["mmp_incidents"], outputFormat="application/json")
    features = json.loads(response.read())["features"]
    assert len(features) == 5656
    raw = pyogrio.read_dataframe(demo_output / "rdh_sources.gpkg", layer="mmp_incidents")
    # Upstream ids repeat (one incident per line, some ids on several lines) and one carries a stray
    # byte-order mark (U+FEFF) that the server's JSON does not echo: compare the records as multisets.
    def record(incident_id, dead):
        return incident_id.lstrip("\ufeff"), -1.0 if dead is None or dead != dead else float(dead)  # -1: no value

    assert sorted(record(f["properties"]["incident_id"], f["properties"]["dead"]) for f in features) \
        == sorted(record(i, d) for i, d in zip(raw["incident_id"], raw["dead"]))
    assert audit_geopackage(demo_output / "rdh_sources.gpkg") == [], "upstream data pass the audit as they are"


def test_ogc_api_features_serves_the_same_records(server):
    root = server.rsplit("/", 1)[0]
    with urllib.request.urlopen(f"{root}/wfs3/collections/mmp_incidents/items.json?limit=2000", timeout=60) as response:
        items = json.loads(response.read())
    assert len(items["features"]) == 2000 and "suppressed" not in items["features"][0]["properties"]


class _Recorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.path, dict(self.headers), body))
        self.send_response(201)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *args):
        pass


def test_publish_to_uploads_the_bundle(bundle):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/api/v2/uploads/upload"
        # in-process (same code as `rdh publish`), to spare a QGIS start-up
        result = CliRunner().invoke(publish, [str(bundle), "--to", url, "--token", "s3cret"])
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 0, result.output
    assert "HTTP 201" in result.output
    path, headers, body = _Recorder.received[-1]
    assert path == "/api/v2/uploads/upload" and headers["Authorization"] == "Bearer s3cret"
    start = body.index(b"PK\x03\x04")
    archive = zipfile.ZipFile(io.BytesIO(body[start:]))
    assert {"sources.gpkg", "bundle.json", "mmp_incidents.sld", "mmp_incidents.iso19139.xml", "server/sources.qgs",
            "sources.qgz", "thumbnail.png"} <= set(archive.namelist())


def test_internal_bundle_is_refused(tmp_path, demo_output):
    export_bundle([demo_output / "rdh_sources.gpkg"], tmp_path, theme="raw", layers=["mmp_incidents"],
                  rules=ProtectionRules(internal=True))
    manifest = json.loads((tmp_path / "raw" / "bundle.json").read_text(encoding="utf-8"))
    manifest["classification"] = "public"  # what bundle.json says is not trusted
    (tmp_path / "raw" / "bundle.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = CliRunner().invoke(publish, [str(tmp_path / "raw")])
    assert result.exit_code == 1 and "breaks the disclosure policy" in result.output
    assert not (tmp_path / "raw" / "server").exists()


def test_export_algorithm_runs_through_processing(qgis_iface, qgis_processing, demo_output, tmp_path):
    import processing
    import qgis.utils

    repo = REPO
    qgis.utils.iface = qgis_iface
    qgis.utils.plugin_paths = [str(repo)]
    qgis.utils.updateAvailablePlugins()
    assert qgis.utils.loadPlugin("rdh_qgis_plugin") and qgis.utils.startPlugin("rdh_qgis_plugin")
    try:
        result = processing.run("rdh:export", {"INPUTS": [str(demo_output / "rdh_sources.gpkg")], "THEME": "mmp",
                                               "THRESHOLD": 10, "OUTPUT": str(tmp_path)})
    finally:
        assert qgis.utils.unloadPlugin("rdh_qgis_plugin")
    bundle = Path(result["OUTPUT"]) / "mmp"
    assert (bundle / "mmp.qgz").is_file() and f"{bundle / 'mmp.gpkg'}|layername=mmp_incidents" in result["LAYERS"]
    assert audit_geopackage(bundle / "mmp.gpkg", rules=ProtectionRules(threshold=10)) == []


# A known incident of the sample data (Ceuta waters): QGIS Server 3.22 served it to GDAL's WFS client
# as POINT (35.8793 -5), latitude and longitude swapped; QGIS 3.36+ gets the axis order right.
KNOWN_INCIDENT = ("2014.MMP00018", -5.0, 35.8793)


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0", "2.0.0"])
def test_gdal_wfs_driver_reads_longitude_and_latitude_in_place(server, version):
    from osgeo import gdal

    gdal.UseExceptions()
    dataset = gdal.OpenEx(f"WFS:{server}?SERVICE=WFS&VERSION={version}", gdal.OF_VECTOR)
    layer = dataset.GetLayerByName("mmp_incidents")
    layer.SetAttributeFilter(f"incident_id = '{KNOWN_INCIDENT[0]}'")
    feature = layer.GetNextFeature()
    point = feature.GetGeometryRef()
    assert (point.GetX(), point.GetY()) == pytest.approx(KNOWN_INCIDENT[1:], abs=1e-6)
    assert (feature["lon"], feature["lat"]) == pytest.approx(KNOWN_INCIDENT[1:], abs=1e-6)
    del feature, layer, dataset  # the layer must not outlive its dataset (osgeo lifetime rule)


def _gml_pos(server, srs_name):
    from owslib.wfs import WebFeatureService

    wfs = WebFeatureService(server, version="1.1.0", timeout=60)
    gml = wfs.getfeature(typename=["mmp_incidents"], featureid=["mmp_incidents.1"], srsname=srs_name).read()
    root = ET.fromstring(gml)
    return [float(v) for v in root.find(".//{http://www.opengis.net/gml}pos").text.split()]


def test_owslib_wfs_1_1_gets_the_axis_order_of_the_crs_asked_for(server, bundle):
    """WFS 1.1: urn:ogc:def:crs:EPSG::4326 is latitude first (the CRS's own order), EPSG:4326 longitude first."""
    from osgeo import ogr

    source = ogr.Open(str(bundle / "sources.gpkg"))
    first = source.GetLayerByName("mmp_incidents").GetFeature(1)
    lon, lat = first["lon"], first["lat"]
    del first, source
    assert _gml_pos(server, "urn:ogc:def:crs:EPSG::4326") == pytest.approx([lat, lon])
    assert _gml_pos(server, "EPSG:4326") == pytest.approx([lon, lat])


def test_wfs_2_0_requests_are_answered_in_wfs_1_1(server):
    """QGIS Server implements WFS 1.0/1.1 and OGC API Features, not WFS 2.0: a client asking for 2.0.0
    is answered with 1.1.0 capabilities (version negotiation), which GDAL's driver follows (test above);
    OWSLib's WFS 2.0 reader cannot parse them, so OWSLib clients use version="1.1.0" (docs/install.md)."""
    with urllib.request.urlopen(f"{server}?SERVICE=WFS&REQUEST=GetCapabilities&VERSION=2.0.0", timeout=60) as r:
        root = ET.fromstring(r.read())
    assert root.tag == "{http://www.opengis.net/wfs}WFS_Capabilities" and root.get("version") == "1.1.0"


def test_ogc_api_features_serves_the_known_point_longitude_first(server):
    root = server.rsplit("/", 1)[0]
    query = urllib.parse.urlencode({"incident_id": KNOWN_INCIDENT[0]})
    with urllib.request.urlopen(f"{root}/wfs3/collections/mmp_incidents/items.json?{query}", timeout=60) as r:
        features = json.loads(r.read())["features"]
    assert len(features) == 1
    assert features[0]["geometry"]["coordinates"] == pytest.approx(KNOWN_INCIDENT[1:])


WMS = "{http://www.opengis.net/wms}"


def test_wms_capabilities_have_the_wms_1_3_structure_and_unique_layer_names(server):
    """The official WMS 1.3.0 schema is not available offline here (no pip/Debian package ships it):
    this checks the elements the schema makes mandatory, and that no layer name is used twice."""
    url = f"{server}?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0"
    with urllib.request.urlopen(url, timeout=60) as response:
        root = ET.fromstring(response.read())
    assert root.tag == f"{WMS}WMS_Capabilities" and root.get("version") == "1.3.0"
    assert root.findtext(f"{WMS}Service/{WMS}Name") == "WMS" and root.findtext(f"{WMS}Service/{WMS}Title")
    request = root.find(f"{WMS}Capability/{WMS}Request")
    for operation in ("GetCapabilities", "GetMap"):
        formats = request.findall(f"{WMS}{operation}/{WMS}Format")
        online = request.find(f"{WMS}{operation}/{WMS}DCPType/{WMS}HTTP/{WMS}Get/{WMS}OnlineResource")
        assert formats and online is not None and online.get("{http://www.w3.org/1999/xlink}href"), operation
    assert root.find(f"{WMS}Capability/{WMS}Exception/{WMS}Format") is not None
    top = root.findall(f"{WMS}Capability/{WMS}Layer")
    assert len(top) == 1, "WMS 1.3.0 has exactly one top-level layer"
    assert {c.text for c in top[0].findall(f"{WMS}CRS")} >= {"EPSG:4326", "EPSG:3857"}
    layers = list(top[0].iter(f"{WMS}Layer"))
    names = [layer.findtext(f"{WMS}Name") for layer in layers if layer.find(f"{WMS}Name") is not None]
    assert len(names) == len(set(names)), f"duplicate layer names: {sorted(names)}"
    for layer in layers:
        assert layer.findtext(f"{WMS}Title"), "every layer has a title"
    for layer in (lyr for lyr in layers if lyr.find(f"{WMS}Layer") is None):  # leaves: data layers
        box = layer.find(f"{WMS}EX_GeographicBoundingBox")
        assert box is not None, layer.findtext(f"{WMS}Name")
        west, east = float(box.findtext(f"{WMS}westBoundLongitude")), float(box.findtext(f"{WMS}eastBoundLongitude"))
        south, north = float(box.findtext(f"{WMS}southBoundLatitude")), float(box.findtext(f"{WMS}northBoundLatitude"))
        assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90


def test_public_maps_are_drawn_from_protected_bundles_only(bundle, demo_output, tmp_path):
    """`rdh map --public` takes the GeoPackage of a public bundle as `rdh export` audited it, and
    refuses an unprotected output or a bundle GeoPackage changed since."""
    args = ["--layers", "admin0", "--dpi", "50", "--public"]
    refused = subprocess.run([RDH, "map", "-p", str(demo_output / "rdh_sources.gpkg"), *args,
                              "-o", str(tmp_path / "raw.png")], capture_output=True, text=True)
    assert refused.returncode == 1 and "not in a publication bundle" in refused.stderr
    assert not (tmp_path / "raw.png").exists()
    made = subprocess.run([RDH, "map", "-p", str(bundle / "sources.gpkg"), *args, "-o", str(tmp_path / "ok.png")],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "ok.png").stat().st_size > 0
    copy = tmp_path / "copy"
    shutil.copytree(bundle, copy)
    with open(copy / "sources.gpkg", "ab") as handle:  # any change after the audit
        handle.write(b"\0")
    changed = subprocess.run([RDH, "map", "-p", str(copy / "sources.gpkg"), *args, "-o", str(tmp_path / "x.png")],
                             capture_output=True, text=True)
    assert changed.returncode == 1 and "not the GeoPackage its bundle audited" in changed.stderr
