"""Seasonal cost surfaces: weights files, land-cover mapping, context layers, GeoTIFF round trip."""
import geopandas as gpd
import numpy as np
import pytest
import rasterio
import shapely
from affine import Affine

from rdh_engine.errors import CRSError, InputNotFoundError, ParameterError
from rdh_engine.raster.cost_surface import (CostSurface, build_cost_surface, load_weights, read_cost_surface,
                                            write_cost_surface, write_geotiff)

CRS = "EPSG:32628"
CELL = 1000.0
ORIGIN = (400_000.0, 1_700_000.0)  # top-left corner (x, y) of the 20x30 test grid


@pytest.fixture
def landcover(tmp_path):
    """20 x 30 grid of 1 km: grassland (10), a cropland block (12), one water cell (0)."""
    lc = np.full((20, 30), 10, np.uint8)
    lc[5:10, 5:10] = 12
    lc[15, 25] = 0
    path = tmp_path / "lc.tif"
    write_geotiff(path, lc, transform=Affine(CELL, 0, ORIGIN[0], 0, -CELL, ORIGIN[1]), crs=CRS, nodata=255)
    return path


def _box():
    return (ORIGIN[0], ORIGIN[1] - 20 * CELL, ORIGIN[0] + 30 * CELL, ORIGIN[1])


def _pts(xy):
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(*np.array(xy).T), crs=CRS)


def _cell_xy(r, c):
    return ORIGIN[0] + (c + 0.5) * CELL, ORIGIN[1] - (r + 0.5) * CELL


def test_shipped_weights_differ_by_season_as_documented():
    dry, wet = load_weights("dry"), load_weights("wet")
    assert dry["season"] == "dry" and wet["season"] == "wet"
    # crops stand in the fields in the wet season: cropland costs more than in the dry season
    assert wet["landcover"]["12"] > dry["landcover"]["12"]
    assert wet["rivers"]["multiplier"] > dry["rivers"]["multiplier"]
    assert dry["landcover"]["0"] == "inf"


def test_unknown_season_and_missing_config_are_clear_errors(tmp_path):
    with pytest.raises(ParameterError, match="season"):
        load_weights("spring")
    with pytest.raises(InputNotFoundError):
        load_weights(config=tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("season = 'dry'\n")
    with pytest.raises(ParameterError, match="landcover"):
        load_weights(config=bad)


def test_landcover_classes_map_to_seasonal_costs(landcover):
    dry = build_cost_surface(landcover, season="dry", bounds=_box(), resolution_m=CELL, crs=CRS)
    wet = build_cost_surface(landcover, season="wet", bounds=_box(), resolution_m=CELL, crs=CRS)
    assert dry.shape == (20, 30) and dry.cellsize == (CELL, CELL)
    assert dry.cost[0, 0] == pytest.approx(1.0)                 # grassland
    assert dry.cost[7, 7] == pytest.approx(1.4)                 # harvested cropland
    assert wet.cost[7, 7] == pytest.approx(6.0)                 # crops in the field
    assert np.isinf(dry.cost[15, 25])                           # water


def test_context_layers_change_the_right_cells(landcover, tmp_path):
    river = gpd.GeoDataFrame(geometry=[shapely.LineString([_cell_xy(2, 0), _cell_xy(2, 29)])], crs=CRS)
    lake = gpd.GeoDataFrame(geometry=[shapely.box(ORIGIN[0], ORIGIN[1] - 19 * CELL, ORIGIN[0] + 3 * CELL,
                                                ORIGIN[1] - 16 * CELL)], crs=CRS)  # rows 16-18, cols 0-2
    countries = gpd.GeoDataFrame(
        {"adm0_iso3": ["AAA", "BBB"]},
        geometry=[shapely.box(ORIGIN[0], ORIGIN[1] - 20 * CELL, ORIGIN[0] + 20 * CELL, ORIGIN[1]),
                  shapely.box(ORIGIN[0] + 20 * CELL, ORIGIN[1] - 20 * CELL, ORIGIN[0] + 30 * CELL, ORIGIN[1])],
        crs=CRS)
    crossing = _pts([(ORIGIN[0] + 20 * CELL, ORIGIN[1] - 12.5 * CELL)])
    borehole = _pts([_cell_xy(12, 5)])
    reserve = gpd.GeoDataFrame(geometry=[shapely.box(ORIGIN[0] + 24 * CELL, ORIGIN[1] - 8 * CELL,
                                                     ORIGIN[0] + 28 * CELL, ORIGIN[1] - 5 * CELL)], crs=CRS)
    s = build_cost_surface(landcover, season="dry", bounds=_box(), resolution_m=CELL, crs=CRS, water=river,
                           lakes=lake, borders=countries, crossings=crossing, attractors={"boreholes": borehole},
                           protected=reserve.to_crs(4326))
    w = load_weights("dry")
    assert s.cost[6, 26] == pytest.approx(w["protected"]["multiplier"])  # any CRS is reprojected
    assert s.cost[2, 10] == pytest.approx(w["rivers"]["multiplier"])
    assert np.isinf(s.cost[17, 1])
    # the border between AAA and BBB runs at column 20: costly except near the crossing point
    assert s.cost[4, 20] == pytest.approx(w["borders"]["line_multiplier"])
    assert s.cost[12, 20] == pytest.approx(w["borders"]["crossing_multiplier"])
    assert s.cost[12, 5] == pytest.approx(w["attractors"]["boreholes"]["factor"])
    closed = crossing.assign(status="fully_closed")
    blocked = build_cost_surface(landcover, season="dry", bounds=_box(), resolution_m=CELL, crs=CRS,
                                 borders=countries, crossings=closed)
    assert np.isinf(blocked.cost[12, 20]) and np.isfinite(blocked.cost[4, 20])


def test_pasture_quality_by_season(landcover):
    """A flood-prone unit (P4) is good dry-season pasture but costly when flooded; N is not grazeable."""
    units = gpd.GeoDataFrame({"pastoral": ["P4", "N", "P1"]}, geometry=[
        shapely.box(ORIGIN[0] + 12 * CELL, ORIGIN[1] - 4 * CELL, ORIGIN[0] + 16 * CELL, ORIGIN[1]),    # rows 0-3
        shapely.box(ORIGIN[0] + 12 * CELL, ORIGIN[1] - 14 * CELL, ORIGIN[0] + 16 * CELL, ORIGIN[1] - 10 * CELL),
        shapely.box(ORIGIN[0] + 20 * CELL, ORIGIN[1] - 14 * CELL, ORIGIN[0] + 24 * CELL, ORIGIN[1] - 10 * CELL)],
        crs=CRS)
    dry, wet = (build_cost_surface(landcover, season=season, bounds=_box(), resolution_m=CELL, crs=CRS,
                                   pasture=units) for season in ("dry", "wet"))
    wd, ww = load_weights("dry")["pasture"], load_weights("wet")["pasture"]
    assert dry.cost[1, 14] == pytest.approx(wd["P4"]) and wet.cost[1, 14] == pytest.approx(ww["P4"])
    assert wd["P4"] < 1 < ww["P4"]
    assert dry.cost[12, 14] == pytest.approx(wd["N"]) and dry.cost[12, 22] == pytest.approx(wd["P1"])
    assert dry.cost[12, 18] == pytest.approx(1.0)  # between the units: grassland alone
    with pytest.raises(ParameterError, match="pastoral"):
        build_cost_surface(landcover, season="dry", bounds=_box(), resolution_m=CELL, crs=CRS,
                           pasture=units.rename(columns={"pastoral": "class"}))


def test_road_classes_from_config(landcover, tmp_path):
    roads = gpd.GeoDataFrame({"road_class": ["motorway", "track"]},
                             geometry=[shapely.LineString([_cell_xy(0, 0), _cell_xy(0, 29)]),
                                       shapely.LineString([_cell_xy(19, 0), _cell_xy(19, 29)])], crs=CRS)
    s = build_cost_surface(landcover, season="dry", bounds=_box(), resolution_m=CELL, crs=CRS, roads=roads)
    assert s.cost[0, 10] == pytest.approx(3.0) and s.cost[19, 10] == pytest.approx(0.8)
    custom = tmp_path / "mine.toml"
    custom.write_text('season = "dry"\n[landcover]\n10 = 2.0\n12 = 2.0\n0 = "inf"\n[roads]\nmultiplier = 0.5\n')
    s2 = build_cost_surface(landcover, season="dry", bounds=_box(), resolution_m=CELL, crs=CRS, roads=roads,
                            config=custom)
    assert s2.cost[5, 20] == pytest.approx(2.0) and s2.cost[19, 10] == pytest.approx(1.0)


def test_geographic_crs_is_refused(landcover):
    with pytest.raises(CRSError):
        build_cost_surface(landcover, season="dry", bounds=(-16, 14, -15, 15), resolution_m=0.01, crs="EPSG:4326")
    with pytest.raises(CRSError):
        CostSurface(np.ones((2, 2)), Affine(1, 0, 0, 0, -1, 0), "EPSG:4326")


def test_geotiff_round_trip_keeps_barriers_and_grid(landcover, tmp_path):
    s = build_cost_surface(landcover, season="wet", bounds=_box(), resolution_m=2 * CELL, crs=CRS)
    path = write_cost_surface(tmp_path / "cost.tif", s)
    back = read_cost_surface(path, season="wet")
    assert back.transform == s.transform and back.crs == s.crs
    np.testing.assert_allclose(back.cost[np.isfinite(s.cost)], s.cost[np.isfinite(s.cost)], rtol=1e-6)
    assert np.array_equal(np.isinf(back.cost), np.isinf(s.cost))
    with rasterio.open(path) as src:
        assert src.nodata == -1 and "wet" in src.descriptions[0]
    geo = tmp_path / "geo.tif"
    write_geotiff(geo, np.ones((3, 3), np.float32), transform=Affine(0.1, 0, -16, 0, -0.1, 15), crs="EPSG:4326")
    with pytest.raises(CRSError, match="projected"):
        read_cost_surface(geo)


def test_real_landcover_builds_a_regional_surface(sample_data):
    real = sample_data / "real"
    box = gpd.GeoSeries([shapely.box(-16.5, 14.0, -13.5, 16.5)], crs=4326).to_crs("ESRI:102022").total_bounds
    rivers = gpd.read_file(real / "water.gpkg", layer="rivers_lake_centerlines")
    s = build_cost_surface(real / "landcover_igbp_0p05deg.tif", season="wet", bounds=box, resolution_m=5000,
                           water=rivers, slope=real / "slope_deg_x100_5arcmin.tif")
    finite = s.cost[np.isfinite(s.cost)]
    assert finite.size > 0.9 * s.cost.size and finite.min() >= 0.5 and np.median(finite) < 3
