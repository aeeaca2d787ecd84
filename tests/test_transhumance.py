"""Transhumance routes: leg optimality, path elongation, reconstruction quality against planted
routes, trips, products (density, band, corridors, crossings) and alerts."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from affine import Affine
from scipy import ndimage
from skimage.graph import MCP_Geometric

from rdh_engine.raster import accumulated_cost, path_cost
from rdh_engine.raster.cost_surface import CostSurface
from rdh_engine.transhumance_routes import LegRouter, analyse, reconstruct_trips, split_trips
from rdh_engine.transhumance_routes.evaluation import line_scores
from rdh_engine.transhumance_routes.products import band_raster, corridor_lines, density

CRS = "EPSG:32628"
CELL = 1000.0


def surface(cost):
    return CostSurface(np.asarray(cost, float), Affine(CELL, 0, 300_000, 0, -CELL, 1_600_000), CRS)


def smooth_cost(shape, seed, barriers=True):
    gen = np.random.default_rng(seed)
    cost = np.exp(ndimage.gaussian_filter(gen.normal(size=shape), 4) * 6) + 0.2
    if barriers:
        cost[gen.random(shape) < 0.03] = np.inf
    return cost


def reports_along(surf, paths, *, every, noise_cells, seed, start="2020-11-01", season_days=3):
    """Noisy reports every ``every`` cells along each planted path (one herd per path)."""
    gen = np.random.default_rng(seed)
    rows = []
    for h, path in enumerate(paths):
        idx = list(range(0, len(path), every))
        if idx[-1] != len(path) - 1:
            idx.append(len(path) - 1)
        for k, i in enumerate(idx):
            x, y = surf.xy(path[i])[0] + gen.normal(0, noise_cells * CELL, 2)
            rows.append({"report_id": f"R{h}-{k}", "date": pd.Timestamp(start) + pd.Timedelta(days=season_days * k),
                         "informant_id": f"I{gen.integers(100)}", "herd_size": 100 + 10 * h, "herd_id": f"H{h}",
                         "x": x, "y": y})
    df = pd.DataFrame(rows)
    return gpd.GeoDataFrame(df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df.x, df.y), crs=CRS)


def elongation(path):
    steps = np.hypot(*np.diff(path, axis=0).T).sum()
    return steps / np.hypot(*(path[-1] - path[0])) - 1


@pytest.mark.parametrize("connectivity, bound", [(16, 0.03), (8, 0.0824)])
def test_uniform_cost_elongation_within_the_connectivity_bound(connectivity, bound):
    router = LegRouter(np.ones((121, 121)), (CELL, CELL), connectivity=connectivity)
    worst = 0.0
    for deg in range(0, 91, 3):
        end = np.round([60 - 55 * np.sin(np.deg2rad(deg)), 60 + 55 * np.cos(np.deg2rad(deg))]).astype(int)
        path, cost, _ = router.leg((60, 60), end)
        worst = max(worst, elongation(path))
        assert cost == pytest.approx(path_cost(np.ones((121, 121)), path, cellsize=CELL))
    assert worst < bound
    if connectivity == 16:
        assert worst > 0.01  # knight moves do not make every direction exact (the bound is informative)


@pytest.mark.parametrize("connectivity", [8, 16])
def test_windowed_legs_are_globally_optimal(connectivity):
    gen = np.random.default_rng(7)
    cost = smooth_cost((90, 110), seed=3)
    router = LegRouter(cost, (CELL, CELL), connectivity=connectivity, straightness=0)
    tie_broken = LegRouter(cost, (CELL, CELL), connectivity=connectivity)  # default straightness 2%
    free = np.argwhere(np.isfinite(cost))
    for _ in range(12):
        a, b = free[gen.choice(len(free), 2, replace=False)]
        path, total, _ = router.leg(a, b)
        near = tie_broken.leg(a, b)[1]
        full = accumulated_cost(cost, sources=[tuple(a)], connectivity=connectivity, cellsize=CELL)[tuple(b)]
        if not np.isfinite(full):
            assert path is None
            continue
        assert total == pytest.approx(full, rel=1e-9)
        assert full * (1 - 1e-9) <= near <= full * 1.02
        assert tuple(path[0]) == tuple(a) and tuple(path[-1]) == tuple(b)
        if connectivity == 8:
            mcp = MCP_Geometric(np.where(np.isfinite(cost), cost, -1), sampling=(CELL, CELL))
            acc, _ = mcp.find_costs([tuple(a)], [tuple(b)])
            assert total == pytest.approx(acc[tuple(b)], rel=1e-9)


@pytest.mark.parametrize("connectivity", [8, 16])
def test_legs_with_evidence_are_optimal_on_the_pulled_surface(connectivity):
    """Evidence cells (3.5 km around where the herd was seen) cost half; a windowed leg equals the
    full-grid optimum on that surface, built here with a distance transform."""
    gen = np.random.default_rng(11)
    cost = smooth_cost((90, 110), seed=5)
    router = LegRouter(cost, (CELL, CELL), connectivity=connectivity, straightness=0, evidence_factor=0.5,
                       evidence_radius_m=3500)
    free = np.argwhere(np.isfinite(cost))
    for _ in range(10):
        a, b = free[gen.choice(len(free), 2, replace=False)]
        seen = free[gen.choice(len(free), 6, replace=False)]
        marks = np.ones(cost.shape, bool)
        marks[seen[:, 0], seen[:, 1]] = False
        pulled = np.where(ndimage.distance_transform_edt(marks) * CELL <= 3500, cost * 0.5, cost)
        path, total, _ = router.leg(a, b, evidence=seen)
        full = accumulated_cost(pulled, sources=[tuple(a)], connectivity=connectivity, cellsize=CELL)[tuple(b)]
        if not np.isfinite(full):
            assert path is None
            continue
        assert total == pytest.approx(full, rel=1e-9)
        assert total == pytest.approx(path_cost(pulled, path, cellsize=CELL), rel=1e-9)
        assert total <= router.leg(a, b)[1] * (1 + 1e-9)  # evidence only ever makes a leg cheaper


def test_evidence_options_are_checked():
    for bad in ({"evidence_factor": 0}, {"evidence_factor": 1.5}, {"evidence_radius_m": -1}):
        with pytest.raises(ValueError):
            LegRouter(np.ones((5, 5)), (CELL, CELL), **bad)


@pytest.mark.parametrize("connectivity", [8, 16])
def test_reconstruction_beats_straight_lines_against_planted_routes(connectivity):
    cost = smooth_cost((140, 140), seed=11)
    surf = surface(cost)
    mcp = MCP_Geometric(np.where(np.isfinite(cost), cost, -1), sampling=(CELL, CELL))
    gen = np.random.default_rng(5)
    free = np.argwhere(np.isfinite(cost))
    paths = []
    while len(paths) < 6:
        a, b = free[gen.choice(len(free), 2, replace=False)]
        if np.hypot(*(a - b)) < 80:
            continue
        mcp.find_costs([tuple(a)], [tuple(b)])
        paths.append(np.array(mcp.traceback(tuple(b))))
    reports = reports_along(surf, paths, every=25, noise_cells=0.7, seed=1)
    trips = reconstruct_trips(reports, surf, connectivity=connectivity, routing="least-cost", min_routed_leg_m=0)
    assert len(trips) == len(paths)
    scores = {"route": [], "straight": []}
    kw = dict(near_m=(2 * CELL,), step_m=CELL / 4)
    for trip in trips:
        h = int(trip.herd_id[1:])
        truth = shapely.linestrings(surf.xy(paths[h]))
        herd = reports[reports.herd_id == trip.herd_id]
        straight = shapely.linestrings(np.column_stack([herd.geometry.x, herd.geometry.y]))
        scores["route"].append(line_scores(shapely.linestrings(surf.xy(trip.cells)), truth, **kw))
        scores["straight"].append(line_scores(straight, truth, **kw))
    route, straight = pd.DataFrame(scores["route"]), pd.DataFrame(scores["straight"])
    # share of length within 2 km of the planted route, and Hausdorff distance: both better
    assert route["within_2km"].mean() > straight["within_2km"].mean() + 0.1
    assert route["hausdorff_km"].mean() < straight["hausdorff_km"].mean()
    assert route["within_2km"].mean() > 0.75


def test_trips_split_by_herd_season_cycle_and_gap_and_hide_informants():
    df = pd.DataFrame({
        "report_id": [f"R{i}" for i in range(7)],
        "date": ["2020-11-01", "2020-11-08", "2021-06-01", "2021-06-05", "2021-08-20", "2020-11-02", "2020-11-09"],
        "informant_id": ["A", "A", "B", "B", "B", "SECRET", "SECRET"],
        "herd_id": ["H1", "H1", "H1", "H1", "H1", None, ""],
        "herd_size": 50,
    })
    trips = split_trips(df, max_gap_days=30)
    groups = trips.groupby("_trip").agg(herd=("_herd", "first"), season=("_season", "first"),
                                        cycle=("_cycle", "first"), n=("report_id", "size"))
    assert groups[["herd", "season", "cycle", "n"]].values.tolist() == [
        ["H1", "dry", "2020-2021", 2], ["H1", "wet", "2020-2021", 2], ["H1", "wet", "2020-2021", 1],
        ["anon-0001", "dry", "2020-2021", 2]]
    assert "SECRET" not in set(trips["_herd"])


def _two_country_case():
    cost = np.ones((40, 80))
    surf = surface(cost)
    x0, y1 = surf.transform.c, surf.transform.f
    countries = gpd.GeoDataFrame(
        {"adm0_iso3": ["AAA", "BBB"]},
        geometry=[shapely.box(x0, y1 - 40 * CELL, x0 + 40 * CELL, y1), shapely.box(x0 + 40 * CELL, y1 - 40 * CELL,
                                                                                   x0 + 80 * CELL, y1)], crs=CRS)
    crossing = gpd.GeoDataFrame({"poe_id": ["P1"], "status": ["fully_closed"]},
                                geometry=[shapely.Point(x0 + 40 * CELL, y1 - 20.5 * CELL)], crs=CRS)
    return surf, countries, crossing


def test_products_density_band_corridors_and_border_crossings():
    surf, countries, crossing = _two_country_case()
    path = [(20, 5), (20, 30)]
    reports = reports_along(surf, [np.array(path), np.array(path)], every=1, noise_cells=0, seed=0,
                            start="2020-11-01", season_days=10)
    result = analyse(reports, surf, admin0=countries, crossings=crossing.assign(status="open"), band_pct=5,
                     alert_days=0)
    herds, animals = result.herds_per_cell, result.animals_per_cell
    assert herds.max() == 2 and herds[20, 5:31].min() == 2 and animals[20, 10] == 100 + 110
    assert (result.corridor_band >= herds.astype(bool) * 2).all()        # the band holds the route
    assert result.corridor_band.sum() > 2 * (herds > 0).sum()            # ...and near-optimal neighbours
    lines = result.layers["corridor_lines"]
    assert len(lines) >= 1 and lines["n_herds"].max() == 2
    assert lines.loc[0, "length_km"] == pytest.approx(25, abs=4)
    routes = result.layers["herd_routes"]
    assert set(routes.columns) >= {"herd_id", "season", "length_km", "herd_size"} and routes.crs.to_epsg() == 4326
    assert routes["length_km"].tolist() == [25.0, 25.0]
    assert result.layers["border_crossings"].empty  # both herds stay in AAA

    far = reports_along(surf, [np.array([(20, 5), (20, 75)])], every=1, noise_cells=0, seed=0, season_days=10)
    crossed = analyse(far, surf, admin0=countries, crossings=crossing.assign(status="open"), alert_days=0)
    bc = crossed.layers["border_crossings"]
    assert bc[["from_iso3", "to_iso3", "poe_id"]].values.tolist() == [["AAA", "BBB", "P1"]]
    # the border at column 40 is 35/70 of the way: halfway through the 10-day leg
    assert bc.loc[0, "date"] == "2020-11-06"


def test_alerts_for_herds_heading_to_a_closed_crossing():
    surf, countries, crossing = _two_country_case()
    # reports 2 days apart, 15 km apart: 7.5 km/day eastward; the last one 25 km from the border
    reports = reports_along(surf, [np.array([(20, 0), (20, 15)])], every=1, noise_cells=0, seed=0,
                            season_days=2)
    soon = analyse(reports, surf, crossings=crossing, alert_days=14, hazard_radius_m=5000).layers["alerts"]
    assert soon[["herd_id", "alert_type", "poe_id"]].values.tolist() == [["H0", "closed_crossing", "P1"]]
    # the hazard starts 5 km before the crossing (cell 35): 20 km at 7.5 km/day
    assert soon.loc[0, "days_to_reach"] == pytest.approx(20 / 7.5, abs=0.1)
    later = analyse(reports, surf, crossings=crossing, alert_days=1, hazard_radius_m=5000).layers["alerts"]
    assert later.empty
    opened = analyse(reports, surf, crossings=crossing.assign(status="open"), alert_days=14).layers["alerts"]
    assert opened.empty


def test_alerts_follow_the_herds_route_of_other_years():
    """This year the herd heads east along row 20, 12 km north of a closed crossing; last year it
    went by that crossing (then open). Walking ahead along last year's route raises the alert; on
    the surface alone the herd would pass 12 km away."""
    surf, _, _ = _two_country_case()
    x0, y1 = surf.transform.c, surf.transform.f
    crossing = gpd.GeoDataFrame({"poe_id": ["P2"], "status": ["fully_closed"]},
                                geometry=[shapely.Point(x0 + 40.5 * CELL, y1 - 32.5 * CELL)], crs=CRS)
    last_year = reports_along(surf, [np.array([(20, 0), (32, 25), (32, 40), (32, 55), (20, 79)])], every=1,
                              noise_cells=0, seed=0, start="2020-11-01", season_days=4)
    this_year = reports_along(surf, [np.array([(20, 0), (20, 15)])], every=1, noise_cells=0, seed=0,
                              start="2021-11-01", season_days=2)
    reports = pd.concat([last_year, this_year], ignore_index=True).assign(
        report_id=lambda d: [f"R{i}" for i in range(len(d))])
    kw = dict(crossings=crossing, alert_days=14, hazard_radius_m=3000)
    pulled = analyse(reports, surf, **kw).layers["alerts"]
    assert pulled[["herd_id", "alert_type", "poe_id"]].values.tolist() == [["H0", "closed_crossing", "P2"]]
    assert pulled.loc[0, "last_report_date"] == "2021-11-03"
    assert analyse(reports, surf, evidence_factor=1.0, **kw).layers["alerts"].empty


def test_density_counts_knight_moves_crossed_cells():
    herds, _ = density([np.array([(0, 0), (2, 1)])], (3, 3))
    assert herds.sum() == 4 and herds[1, 0] == 1 and herds[1, 1] == 1


def test_band_and_corridor_helpers_on_empty_input():
    assert band_raster([], (3, 3)).sum() == 0
    empty = corridor_lines(np.zeros((5, 5), np.float32), np.zeros((5, 5), np.float32), surface(np.ones((5, 5))))
    assert empty.empty and list(empty.columns)[:3] == ["corridor_id", "season", "n_herds"]
    herds = np.zeros((9, 9), np.float32)
    herds[2, 2] = herds[6, 6] = 2  # two isolated busy cells: no line between them
    isolated = corridor_lines(herds, herds, surface(np.ones((9, 9))), min_herds=2, merge_radius_cells=0)
    assert isolated.empty and list(isolated.columns) == list(empty.columns)
