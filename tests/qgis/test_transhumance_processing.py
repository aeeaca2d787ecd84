"""rdh:transhumance through QGIS Processing (the plugin calls the `rdh` CLI in a worker process)."""
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsRasterLayer, QgsVectorLayer

from rdh_qgis_plugin.tasks import load_styled_layer

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "data" / "transhumance" / "ki_reports.csv"


def test_transhumance_algorithm_is_registered(loaded_plugin):
    provider = QgsApplication.processingRegistry().providerById("rdh")
    assert "rdh:transhumance" in [alg.id() for alg in provider.algorithms()]


@pytest.mark.parametrize("season", ["dry", "wet"])
def test_transhumance_algorithm_writes_layers_and_rasters(qgis_processing, loaded_plugin, tmp_path, sample_data,
                                                          season):
    import processing

    real = sample_data / "real"
    result = processing.run("rdh:transhumance", {
        "REPORTS": str(FIXTURE), "LANDCOVER": str(real / "landcover_igbp_0p05deg.tif"),
        "SEASON": season, "WATER": str(real / "water.gpkg"),
        "ADMIN": str(real / "admin.gpkg"), "RESOLUTION_M": 10000.0, "CURRENT": season == "wet",
        "OUTPUT": str(tmp_path / f"{season}.gpkg")})
    routes = QgsVectorLayer(result["HERD_ROUTES"], "herd_routes", "ogr")
    assert routes.isValid() and routes.featureCount() == 6
    assert {f["season"] for f in routes.getFeatures()} == {season}
    layers = [uri.split("layername=")[1] for uri in result["LAYERS"] if "layername=" in uri]
    assert layers == ["herd_routes", "corridor_lines", "border_crossings", "alerts"]
    assert ("CURRENT_DENSITY" not in result) == (season == "dry")
    for key in ("ROUTE_DENSITY", "CORRIDOR_BAND") + (("CURRENT_DENSITY",) if season == "wet" else ()):
        styled = load_styled_layer(result[key])  # the house style beside the GeoTIFF is its default
        assert styled.renderer().type() == "singlebandpseudocolor", key
        raster = QgsRasterLayer(result[key], key)
        assert raster.isValid() and raster.crs().isValid()


def test_transhumance_algorithm_routes_od_flows(qgis_processing, loaded_plugin, tmp_path, sample_data):
    import processing

    real = sample_data / "real"
    result = processing.run("rdh:transhumance", {
        "OD": str(FIXTURE.with_name("od_livestock_markets.csv")), "PLACES": str(real / "places_geonames.csv"),
        "LANDCOVER": str(real / "landcover_igbp_0p05deg.tif"), "SEASON": "wet", "RESOLUTION_M": 5000.0,
        "OUTPUT": str(tmp_path / "od.gpkg")})
    routes = QgsVectorLayer(result["OD_ROUTES"], "od_routes", "ogr")
    assert routes.isValid() and routes.featureCount() == 10  # the fixture's ten wet-season pairs
    assert {f["season"] for f in routes.getFeatures()} == {"wet"} and "CORRIDOR_BAND" not in result
    assert QgsRasterLayer(result["ROUTE_DENSITY"], "density").isValid()


def test_transhumance_algorithm_wants_reports_or_od_flows(qgis_processing, loaded_plugin, tmp_path, sample_data):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException):
        processing.run("rdh:transhumance", {"LANDCOVER": str(sample_data / "real" / "landcover_igbp_0p05deg.tif"),
                                            "OUTPUT": str(tmp_path / "x.gpkg")})


def test_transhumance_algorithm_routes_least_cost_with_a_prior(qgis_processing, loaded_plugin, tmp_path, sample_data):
    """The routing choice and the movement prior reach the CLI (here the fixture's planted routes
    serve as where herds have gone, with a fixed strength)."""
    import processing

    from rdh_engine.io.gpkg import read_provenance

    real = sample_data / "real"
    result = processing.run("rdh:transhumance", {
        "REPORTS": str(FIXTURE), "LANDCOVER": str(real / "landcover_igbp_0p05deg.tif"), "SEASON": "dry",
        "RESOLUTION_M": 10000.0, "ROUTING": "least-cost", "PRIOR_TRACKS": str(FIXTURE.with_name("planted_routes.geojson")),
        "PRIOR_STRENGTH": "2", "OUTPUT": str(tmp_path / "prior.gpkg")})
    assert QgsVectorLayer(result["HERD_ROUTES"], "herd_routes", "ogr").featureCount() == 6
    params = read_provenance(tmp_path / "prior.gpkg", "herd_routes")["parameters"]
    assert params["routing"] == "least-cost" and params["prior_strength"] == 2.0
