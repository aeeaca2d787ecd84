"""Incremental closure scenarios (only the ODs whose routes meet a change are routed again) equal
full re-solves, on random graphs, PoEs and closures."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdh_engine.network import RoadGraph
from rdh_engine.poe.impact import Comparison, ImpactModel
from rdh_engine.poe.status import CLOSED, OPEN, PARTIAL
from rdh_engine.poe.sweep import run_sweep

SEEDS = st.integers(0, 2**32 - 1)


def random_model(seed):
    """A connected-ish random road graph with PoEs on random edges and random ODs (some ending at PoEs)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(8, 60))
    tree_u = np.arange(1, n)
    tree_v = rng.integers(0, np.arange(1, n))  # a spanning tree, plus random extra roads
    m = int(rng.integers(n // 2, 3 * n))
    u = np.concatenate([tree_u, rng.integers(0, n, m)])
    v = np.concatenate([tree_v, rng.integers(0, n, m)])
    km = rng.uniform(1.0, 50.0, u.size)
    cost_h = km / rng.choice([30.0, 50.0, 80.0], u.size)
    n_poe = int(rng.integers(1, 10))
    pe = rng.choice(u.size, size=int(rng.integers(n_poe, 2 * n_poe + 1)), replace=True)
    edge_poe = np.unique(np.column_stack([rng.integers(0, n_poe, pe.size), pe]), axis=0)
    n_od = int(rng.integers(1, 40))
    od_end = rng.integers(0, n_od, int(rng.integers(0, 3)))
    od_end_poe = np.column_stack([od_end, rng.integers(0, n_poe, od_end.size)]).astype(np.int64)
    model = ImpactModel(graph=RoadGraph.from_arrays(u, v, cost_h, n_nodes=n), cost_h=cost_h, length_km=km,
                        edge_poe=edge_poe, n_poe=n_poe, od_origin=rng.integers(0, n, n_od),
                        od_dest=rng.integers(0, n, n_od), od_flow=rng.uniform(1, 100, n_od),
                        od_end_poe=od_end_poe.reshape(-1, 2), edge_rule=str(rng.choice(["most_open",
                                                                                          "most_restrictive"])))
    return model, rng


def assert_same_routes(a, b):
    np.testing.assert_array_equal(a.stranded, b.stranded)
    np.testing.assert_allclose(a.hours, b.hours, rtol=1e-12)
    np.testing.assert_allclose(a.km, b.km, rtol=1e-12)  # random weights: no ties between routes
    np.testing.assert_allclose(a.edge_volume(), b.edge_volume(), rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(a.poe_flow(), b.poe_flow(), rtol=1e-12, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS)
def test_incremental_scenarios_equal_full_re_solves(seed):
    model, rng = random_model(seed)
    baseline = model.evaluate(np.full(model.n_poe, OPEN, np.int8))
    for _ in range(4):
        codes = rng.choice([OPEN, PARTIAL, CLOSED], model.n_poe, p=[0.5, 0.2, 0.3]).astype(np.int8)
        full = model.evaluate(codes)
        incremental = model.evaluate(codes, baseline=baseline)
        assert_same_routes(incremental, full)
        assert Comparison(baseline, incremental).totals() == pytest.approx(Comparison(baseline, full).totals())


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS)
def test_n_minus_1_sweep_equals_full_re_solves(seed):
    model, _ = random_model(seed)
    open_ = np.full(model.n_poe, OPEN, np.int8)
    baseline = model.evaluate(open_)
    scenarios = []
    for p in range(model.n_poe):
        codes = open_.copy()
        codes[p] = CLOSED
        scenarios.append(codes)
    swept = run_sweep(model, baseline, scenarios)
    full = [Comparison(baseline, model.evaluate(codes)).totals() for codes in scenarios]
    assert swept == [pytest.approx(f) for f in full]


def test_a_closure_off_every_route_routes_nothing_again():
    # a path 0-1-2 with a spur 1-3; the PoE sits on the spur, the only OD is 0 -> 2
    g = RoadGraph.from_arrays([0, 1, 1], [1, 2, 3], [1.0, 1.0, 1.0], n_nodes=4)
    model = ImpactModel(graph=g, cost_h=np.ones(3), length_km=np.ones(3), edge_poe=np.array([[0, 2]]), n_poe=1,
                        od_origin=np.array([0]), od_dest=np.array([2]), od_flow=np.array([5.0]),
                        od_end_poe=np.empty((0, 2), np.int64))
    baseline = model.evaluate(np.array([OPEN], np.int8))
    calls = []
    route = model._route
    model._route = lambda *args: calls.append(args[3]) or route(*args)
    model.evaluate(np.array([CLOSED], np.int8), baseline=baseline)
    assert [c.size for c in calls] == [0]
