"""The validation harness, the movement prior, the step-selection calibration and the straight
default, on GPS-like tracks simulated by the sample generator on known surfaces (truth known)."""
import tomllib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from affine import Affine
from click.testing import CliRunner
from scipy.ndimage import gaussian_filter

from rdh_engine.cli import cli
from rdh_engine.raster.cost_surface import CostSurface, build_cost_surface, context_grids
from rdh_engine.sample.transhumance import simulate_gps_tracks
from rdh_engine.transhumance_routes import analyse, reconstruct_trips
from rdh_engine.transhumance_routes.bands import bridge_variance, rsp_passages
from rdh_engine.transhumance_routes.calibration import fit_step_selection, landcover_layers
from rdh_engine.transhumance_routes.evaluation import (choose_prior_strength, evaluate, harness_summary,
                                                       reconstruct_line)
from rdh_engine.transhumance_routes.prior import herd_density, lines_by_herd, with_prior
from rdh_engine.transhumance_routes.routing import LegRouter, straight_cells
from rdh_engine.transhumance_routes.tracks import Track, tracks_from_lines, tracks_from_points

CRS = "EPSG:32628"
CELL = 1000.0
N = 240
TRANSFORM = Affine(CELL, 0, 300000, 0, -CELL, 1700000)
TRUE_MULT = {"cropland": 3.0, "roads": 0.4}


def _layers(seed=3):
    gen = np.random.default_rng(seed)
    field = gaussian_filter(gen.normal(size=(N, N)), 6)
    crop = (field > np.quantile(field, 0.6)).astype(float)
    road = np.zeros((N, N))
    for r in (60, 61, 62, 170, 171, 172):
        road[r, :] = 1
    for c in (80, 81, 82, 160, 161, 162):
        road[:, c] = 1
    return {"cropland": crop, "roads": road}


def _journeys(n, seed=1):
    gen = np.random.default_rng(seed)
    out = []
    for i in range(n):
        ox = 320000 + (i % 6) * 35000 + gen.normal(0, 5000)
        out.append((f"G{i + 1:02d}", (ox, 1680000), (ox + gen.normal(0, 20000), 1500000)))
    return out


@pytest.fixture(scope="module")
def known():
    layers = _layers()
    gdf = simulate_gps_tracks(layers, TRUE_MULT, transform=TRANSFORM, crs=CRS, journeys=_journeys(6), seed=7)
    cost = np.exp(sum(np.log(TRUE_MULT[k]) * v for k, v in layers.items()))
    return layers, gdf, tracks_from_lines(gdf, crs=CRS), CostSurface(cost, TRANSFORM, CRS)


def test_simulated_tracks_have_phases_and_times(known):
    _, gdf, tracks, _ = known
    assert set(gdf["phase"]) == {"outbound", "stay", "return"} and gdf.geometry.has_z.all()
    assert len(tracks) == 18
    for t in tracks:
        assert np.all(np.diff(t.t) > 0) and t.t[0] == 0
        assert t.t[1] == pytest.approx(0.25)  # Z read as days: one fix every 6 hours
    outbound = [t for t in tracks if t.phase == "outbound"]
    assert all(t.xy[-1, 1] < t.xy[0, 1] - 150000 for t in outbound)  # they walked south to the host area


def test_tracks_from_points_and_uniform_time():
    fixes = gpd.GeoDataFrame({"herd_id": ["A"] * 3 + ["B"] * 2, "phase": "outbound",
                              "time": ["2021-01-01T00:00", "2021-01-01T12:00", "2021-01-03", "2021-02-01",
                                       "2021-02-02"]},
                             geometry=gpd.points_from_xy([0, 1000, 3000, 0, 500], [0, 0, 0, 0, 0]), crs=CRS)
    tracks = tracks_from_points(fixes, crs=CRS)
    assert [t.herd_id for t in tracks] == ["A", "B"]
    assert tracks[0].t.tolist() == [0.0, 0.5, 2.0]
    assert tracks[0].at([1.25]).tolist() == [[2000.0, 0.0]]
    flat = gpd.GeoDataFrame({"herd_id": ["A"], "phase": ["stay"]},
                            geometry=[shapely.LineString([(0, 0), (3000, 0), (3000, 1000)])], crs=CRS)
    track = tracks_from_lines(flat, crs=CRS)[0]
    assert track.t.tolist() == [0.0, 3.0, 4.0]  # uniform along the line
    assert shapely.equals(track.between(1.0, 3.5), shapely.LineString([(1000, 0), (3000, 0), (3000, 500)]))


def test_straight_is_the_default_and_least_cost_only_on_long_legs():
    cost = np.ones((60, 60))
    cost[10:50, 30] = np.inf  # a wall between the reports, open at both ends
    surf = CostSurface(cost, Affine(CELL, 0, 0, 0, -CELL, 60 * CELL), CRS)
    xy = surf.xy(np.array([[30, 5], [30, 55]]))
    reports = gpd.GeoDataFrame({"report_id": ["R1", "R2"], "date": ["2020-11-01", "2020-11-11"],
                                "informant_id": "I", "herd_id": "H", "herd_size": 100},
                               geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=CRS)
    straight = reconstruct_trips(reports, surf)[0]
    assert np.array_equal(straight.cells, straight_cells((30, 5), (30, 55)))
    routed = reconstruct_trips(reports, surf, routing="least-cost")[0]  # a 50 km leg: routed round the wall
    assert np.isfinite(cost[routed.cells[:, 0], routed.cells[:, 1]]).all()
    assert routed.length_m > straight.length_m + 10 * CELL
    short = reconstruct_trips(reports, surf, routing="least-cost", min_routed_leg_m=60 * CELL)[0]
    assert np.array_equal(short.cells, straight.cells)
    router = LegRouter(cost, surf.cellsize)
    line = reconstruct_line(xy, router, surf, routing="least-cost", min_routed_leg_m=20 * CELL)
    assert line[0].tolist() == xy[0].tolist() and line[-1].tolist() == xy[1].tolist() and len(line) > 2
    with pytest.raises(ValueError):
        reconstruct_trips(reports, surf, routing="zigzag")
    # the corridor band of straight routes is the Brownian bridge: it holds the straight route
    result = analyse(reports, surf, alert_days=0)
    assert (result.corridor_band[straight.cells[:, 0], straight.cells[:, 1]] >= 1).all()


def test_harness_scores_every_method_phase_and_replicate(known):
    _, _, tracks, surf = known
    routes, bands, strengths = evaluate(tracks, surf, n_reports=8, replicates=2, prior_strength=1.0)
    assert len(routes) == 2 * len(tracks) * 3 and set(routes["method"]) == {"straight", "least-cost",
                                                                            "least-cost + prior"}
    assert routes[["within_2km", "within_5km", "within_10km"]].apply(lambda c: c.between(0, 1)).all().all()
    assert (routes["within_2km"] <= routes["within_5km"]).all()
    assert (routes["within_5km"] <= routes["within_10km"]).all()
    assert (routes["hausdorff_km"] >= routes["mean_km"]).all()
    assert set(bands["band"]) == {"straight buffer", "brownian bridge", "least-cost", "randomized shortest paths"}
    assert strengths["prior_strength"].eq(1.0).all() and len(strengths) == 6
    # same reports for every method: the straight rows do not depend on which methods run
    alone, _, _ = evaluate(tracks, surf, n_reports=8, replicates=2, methods=("straight",), bands=False)
    both = routes[routes.method == "straight"].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, both)
    table, band_table = harness_summary(routes, bands)
    assert table.loc[("all", "straight"), "gain_5km"] == 0
    assert set(band_table.index) == {"outbound", "stay", "return", "all"}
    # with a report at every fix the straight reconstruction is the track itself
    dense, _, _ = evaluate(tracks[:1], surf, n_reports=400, replicates=1, methods=("straight",), bands=False)
    assert dense["within_2km"].iloc[0] > 0.97


def test_brownian_bridge_variance_recovers_the_simulated_diffusion():
    gen = np.random.default_rng(0)
    t = np.arange(400.0)
    xy = np.cumsum(gen.normal(0, 1000.0, (400, 2)), axis=0)  # variance 1e6 m^2 per day and axis
    assert bridge_variance(xy[::4], t[::4], error_m=1.0) == pytest.approx(1e6, rel=0.25)


def test_randomized_shortest_paths_go_round_a_wall_and_tend_to_the_least_cost_path():
    cost = np.ones((30, 40))
    cost[5:25, 20] = np.inf
    passages = rsp_passages(cost, [((15, 5), (15, 35))], (CELL, CELL))
    assert passages[15, 5] == pytest.approx(1.0, abs=0.05)  # every walk leaves the source about once
    assert passages[5:25, 20].sum() == 0  # never through the wall
    around = passages[:5, 20].sum() + passages[25:, 20].sum()
    assert 0.95 < around < 1.3  # every walk passes the wall's column at its ends, a few of them twice
    # a large spread concentrates the walks on the cheapest path (the straight row on flat ground)
    flat = rsp_passages(np.ones((30, 40)), [((15, 5), (15, 35))], (CELL, CELL), spread=500)
    assert flat[14:17, 5:36].sum(axis=0).min() > 0.9 and flat[:10].sum() < 0.01


def test_prior_counts_each_herd_once_and_lowers_cost():
    surf = CostSurface(np.ones((20, 20)), Affine(CELL, 0, 0, 0, -CELL, 20 * CELL), CRS)
    line = shapely.LineString([(500, 10500), (19500, 10500)])
    tracks = [Track("A", "outbound", shapely.get_coordinates(line), np.array([0.0, 1.0])),
              Track("A", "return", shapely.get_coordinates(line)[::-1], np.array([0.0, 1.0])),
              Track("B", "outbound", np.array([[10500, 500], [10500, 19500]]), np.array([0.0, 1.0]))]
    density = herd_density(lines_by_herd(tracks), surf, radius_m=0)
    assert density.max() == 1.0 and density[9, 3] == 0.5 and density[0, 0] == 0  # A counted once
    assert set(lines_by_herd(tracks, exclude={"A"})) == {"B"}
    lowered = with_prior(surf.cost, density, 3.0)
    assert lowered[9, 10] == 0.25 and lowered[0, 0] == 1.0


def test_prior_learnt_from_other_herds_on_a_shared_u_shaped_corridor():
    """Five herds walk round a U (down, east, up) on ground the cost surface shows as flat: held out
    in turn, each herd is reconstructed from five reports far better with the other herds' prior
    than by straight lines (which cut the corners), and cross-validation picks a strength above 0;
    on the flat surface alone least-cost legs are straight lines."""
    n = 160
    gen = np.random.default_rng(0)
    corner = np.array([[20, 150], [20, 15], [140, 15], [140, 100]]) * CELL
    tracks = []
    for i in range(5):
        xy = shapely.get_coordinates(shapely.segmentize(shapely.linestrings(corner + gen.normal(0, 1500, (4, 2))),
                                                        1000))
        xy = xy + gen.normal(0, 300, xy.shape)
        tracks.append(Track(f"U{i}", "outbound", xy, np.arange(len(xy)) * 0.2))
    surf = CostSurface(np.ones((n, n)), Affine(CELL, 0, 0, 0, -CELL, n * CELL), CRS)
    best, table = choose_prior_strength(tracks, surf, n_reports=5, min_routed_leg_m=10 * CELL)
    assert best > 0 and table["within_5km"].max() >= table.loc[table.strength == 0, "within_5km"].iloc[0] + 0.1
    routes, _, strengths = evaluate(tracks, surf, n_reports=5, replicates=2, bands=False,
                                    min_routed_leg_m=10 * CELL)
    assert (strengths["prior_strength"] > 0).all()
    mean = routes.groupby("method")["within_5km"].mean()
    assert mean["least-cost + prior"] >= mean["straight"] + 0.15
    assert mean["least-cost"] == pytest.approx(mean["straight"], abs=0.02)
    # held out means held out: a herd alone has no prior, however strong, so its own track never helps it
    alone, _, _ = evaluate(tracks[:1], surf, n_reports=5, replicates=2, bands=False, prior_strength=10.0,
                           min_routed_leg_m=10 * CELL)
    by_method = alone.pivot_table(index="replicate", columns="method", values="within_5km")
    np.testing.assert_allclose(by_method["least-cost + prior"], by_method["least-cost"])


def test_step_selection_recovers_the_simulated_weights():
    layers = _layers(seed=5)
    gdf = simulate_gps_tracks(layers, TRUE_MULT, transform=TRANSFORM, crs=CRS, journeys=_journeys(12, seed=4),
                              seed=11)
    fit = fit_step_selection(tracks_from_lines(gdf, crs=CRS), layers, TRANSFORM, controls=20, seed=1)
    got = fit.multipliers
    for name, true in TRUE_MULT.items():
        coef = -np.log(true)
        i = fit.names.index(name)
        assert abs(fit.coef[i] - coef) < max(3 * fit.se[i], 0.25), (name, got[name], true)
    heading = {p: fit.coef[fit.names.index(f"toward_end[{p}]")] for p in ("outbound", "stay", "return")}
    assert heading["outbound"] > 1 and heading["return"] > 1 and heading["stay"] < 0.5  # the simulated pulls


@pytest.fixture()
def synthetic_inputs(tmp_path):
    """A land-cover GeoTIFF (grassland 10, cropland 12), roads in a GeoPackage ('edges'), and tracks
    walked on exactly the layers `calibrate` reads from them."""
    layers = _layers(seed=5)
    classes = np.where(layers["cropland"] > 0, 12, 10).astype("uint8")
    lc = tmp_path / "lc.tif"
    with rasterio.open(lc, "w", driver="GTiff", width=N, height=N, count=1, dtype="uint8", crs=CRS,
                       transform=TRANSFORM, nodata=255) as dst:
        dst.write(classes, 1)
    x0, y1 = TRANSFORM.c, TRANSFORM.f
    # each road three cells wide: a one-cell road at 1 km is crossed by too few 4 km steps to fit
    rows = [60.5, 61.5, 62.5, 170.5, 171.5, 172.5]
    cols = [80.5, 81.5, 82.5, 160.5, 161.5, 162.5]
    roads = gpd.GeoDataFrame(geometry=[shapely.LineString([(x0, y1 - r * CELL), (x0 + N * CELL, y1 - r * CELL)])
                                       for r in rows] +
                             [shapely.LineString([(x0 + c * CELL, y1), (x0 + c * CELL, y1 - N * CELL)]) for c in cols],
                             crs=CRS)
    roads_path = tmp_path / "roads.gpkg"
    roads.to_file(roads_path, layer="edges", driver="GPKG")
    return lc, roads_path, roads


def test_cli_calibrate_writes_weights_usable_with_weights(tmp_path, synthetic_inputs):
    lc, roads_path, roads = synthetic_inputs
    bounds = (TRANSFORM.c, TRANSFORM.f - N * CELL, TRANSFORM.c + N * CELL, TRANSFORM.f)
    transform, classes, masks = context_grids(lc, bounds=bounds, resolution_m=CELL, crs=CRS, roads=roads)
    truth = {"landcover:12": 3.0, "roads": 0.4}
    layers = {"landcover:12": (classes == 12).astype(float), "roads": masks["roads"].astype(float)}
    gdf = simulate_gps_tracks(layers, truth, transform=transform, crs=CRS, journeys=_journeys(12, seed=4), seed=3)
    tracks_path = tmp_path / "tracks.gpkg"
    gdf.to_file(tracks_path, driver="GPKG")
    out = tmp_path / "fitted.toml"
    res = CliRunner().invoke(cli, ["transhumance", "calibrate", "--tracks", str(tracks_path), "--landcover", str(lc),
                                   "--season", "dry", "--roads", str(roads_path), "--resolution-m", "1000", "--crs",
                                   CRS, "-o", str(out)])
    assert res.exit_code == 0, res.output
    weights = tomllib.loads(out.read_text())
    assert weights["season"] == "dry" and weights["landcover"]["0"] == "inf"
    assert weights["landcover"]["12"] == pytest.approx(3.0, rel=0.35)  # grassland (10) is the reference, cost 1
    assert weights["roads"]["multiplier"] == pytest.approx(0.4, rel=0.35)
    surface = build_cost_surface(lc, season="dry", bounds=bounds, resolution_m=CELL, crs=CRS, config=out,
                                 roads=roads)
    assert np.isfinite(surface.cost).all()


def test_cli_evaluate_writes_scores_and_prints_the_table(tmp_path, known):
    _, gdf, _, surf = known
    cost = tmp_path / "cost.tif"
    with rasterio.open(cost, "w", driver="GTiff", width=N, height=N, count=1, dtype="float32", crs=CRS,
                       transform=TRANSFORM) as dst:
        dst.write(surf.cost.astype("float32"), 1)
    tracks_path = tmp_path / "tracks.gpkg"
    gdf[gdf.herd_id.isin(["G01", "G02", "G03"])].to_file(tracks_path, driver="GPKG")
    out = tmp_path / "scores.csv"
    res = CliRunner().invoke(cli, ["transhumance", "evaluate", "--tracks", str(tracks_path), "--cost", str(cost),
                                   "--reports-per-track", "6", "--replicates", "2", "--prior-strength", "1", "-o",
                                   str(out)])
    assert res.exit_code == 0, res.output
    scores = pd.read_csv(out)
    assert len(scores) == 2 * 9 * 3 and {"within_2km", "track_to_route_km", "hausdorff_km"} <= set(scores.columns)
    assert len(pd.read_csv(tmp_path / "scores_bands.csv")) == 2 * 9 * 4
    assert "| all | straight |" in res.output and "brownian bridge" in res.output


def test_transhumance_is_a_group_whose_main_command_still_runs():
    runner = CliRunner()
    res = runner.invoke(cli, ["transhumance", "--help"])
    assert res.exit_code == 0 and "evaluate" in res.output and "calibrate" in res.output
    assert "--routing" in res.output and "--prior-tracks" in res.output
    missing = runner.invoke(cli, ["transhumance", "--reports", "x.csv", "--cost", "c.tif"])
    assert missing.exit_code == 2 and "--output" in missing.output

