"""Transhumance rasters on the geoportal: `rdh transhumance` on the generated sample, `rdh export
--raster`, the bundle's QGIS project, and QGIS Server serving the protected route density by WMS
(never by WFS)."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import rasterio
from pyproj import Transformer
from owslib.wfs import WebFeatureService
from owslib.wms import WebMapService
from qgis.core import QgsProject, QgsRasterLayer
from qgis.PyQt.QtGui import QImage

from .conftest import served

RDH = str(Path(sys.executable).with_name("rdh"))
RASTERS = ("route_density", "corridor_band", "current_density")
pytestmark = pytest.mark.qgis


def rdh(*args):
    return subprocess.run([RDH, *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def routes(sample_data, tmp_path_factory):
    """`rdh transhumance` on the generated reports (dry season, 10 km cells, with the current map)."""
    out = tmp_path_factory.mktemp("herds")
    real, gen = sample_data / "real", sample_data / "generated"
    routes = out / "dry" / "transhumance.gpkg"
    run = rdh("transhumance", "--reports", gen / "ki_reports.csv", "--landcover", real / "landcover_igbp_0p05deg.tif",
              "--season", "dry", "--water", real / "water.gpkg", "--resolution-m", "10000", "--current",
              "-o", routes)
    assert run.returncode == 0, run.stderr
    return routes


@pytest.fixture(scope="module")
def bundle(routes):
    rasters = [a for name in RASTERS for a in ("--raster", routes.with_name(f"{name}.tif"))]
    exported = rdh("export", routes, *rasters, "-o", routes.parents[1] / "publish", "--theme", "herds")
    assert exported.returncode == 0, exported.stderr
    return routes.parents[1] / "publish" / "herds"


def test_bundle_project_holds_the_rasters_styled(bundle):
    project = QgsProject()
    assert project.read(str(bundle / "herds.qgz"))
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    for name in RASTERS:
        layer = layers[name]
        assert isinstance(layer, QgsRasterLayer) and layer.isValid()
        assert layer.renderer().type() == "singlebandpseudocolor", name
    manifest = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    assert layers["route_density"].metadata().title() == manifest["rasters"]["route_density"]["title"]
    project.clear()


def test_qgis_server_serves_the_protected_route_density_by_wms_only(bundle):
    published = rdh("publish", bundle)
    assert published.returncode == 0, published.stderr
    manifest = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    with rasterio.open(bundle / "route_density.tif") as src:
        herds = src.read(1)
        row, col = np.unravel_index(np.nanargmax(herds), herds.shape)
        lon, lat = Transformer.from_crs(src.crs, 4326, always_xy=True).transform(*(src.transform * (col + 0.5,
                                                                                                  row + 0.5)))
    assert not ((herds > 0) & (herds < 5)).any() and np.nanmax(herds) >= 5  # small counts withheld
    with served(bundle / "server" / "herds.qgs") as url:
        wms = WebMapService(url, version="1.3.0", timeout=60)
        for name in RASTERS:
            assert wms[name].title == manifest["rasters"][name]["title"]
        # a 2-degree window on the busiest cell (WMS 1.1.1: longitude first)
        response = WebMapService(url, version="1.1.1", timeout=60).getmap(
            layers=["route_density"], styles=[""], srs="EPSG:4326", bbox=(lon - 1, lat - 1, lon + 1, lat + 1),
            size=(200, 200), format="image/png", transparent=True)
        image = QImage.fromData(response.read(), "PNG")
        drawn = [image.pixelColor(x, y) for x in range(200) for y in range(200) if image.pixelColor(x, y).alpha() > 0]
        # the house ramp (YlGnBu: blue over red) draws the cells where 5 or more herds passed
        assert len(drawn) > 20 and all(c.blue() > c.red() for c in drawn)
        wfs = WebFeatureService(url, version="1.1.0", timeout=60)
        assert "corridor_lines" in wfs.contents and not set(RASTERS) & set(wfs.contents)
        assert "herd_routes" not in wfs.contents, "per-herd routes stay internal"


def test_export_algorithm_publishes_rasters(loaded_plugin, routes, tmp_path):
    import processing

    density = QgsRasterLayer(str(routes.with_name("route_density.tif")), "route_density")
    result = processing.run("rdh:export", {"INPUTS": [str(routes)], "THEME": "herds_qgis", "RASTER": [density],
                                           "OUTPUT": str(tmp_path)})
    manifest = json.loads((Path(result["OUTPUT"]) / "herds_qgis" / "bundle.json").read_text(encoding="utf-8"))
    assert list(manifest["rasters"]) == ["route_density"] and manifest["rasters"]["route_density"]["suppressed_cells"]
