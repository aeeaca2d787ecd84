"""Paths as edge ids, re-weighting and link-penalty route choice sets against scipy on random graphs."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdh_engine.errors import ParameterError
from rdh_engine.network import RoadGraph

from .test_network_graph import random_graph, scipy_dist

SEEDS = st.integers(0, 2**32 - 1)
FEW = settings(max_examples=25, deadline=None)


def check_route(path, u, v, w, s, t, directed):
    """A valid walk from s to t over the given edges, with the declared cost."""
    nodes, edges = path.nodes, path.edges
    assert nodes[0] == s and nodes[-1] == t and nodes.size == edges.size + 1
    for a, b, e in zip(nodes[:-1], nodes[1:], edges):
        assert (u[e], v[e]) == (a, b) or (not directed and (u[e], v[e]) == (b, a))
    assert path.cost == pytest.approx(w[edges].sum())


@FEW
@given(seed=SEEDS, directed=st.booleans(), parallel=st.booleans())
def test_paths_are_shortest_and_valid(seed, directed, parallel):
    n, u, v, w, rng = random_graph(seed)
    g = RoadGraph.from_arrays(u, v, w, n_nodes=n, directed=directed)
    o = rng.integers(0, n, 30)
    d = rng.integers(0, n, 30)
    ref = scipy_dist(n, u, v, w, np.arange(n), directed)[o, d]
    ps = g.paths(o, d, parallel=parallel)
    np.testing.assert_allclose(ps.cost, ref)
    np.testing.assert_array_equal(ps.od, np.arange(30))
    for i in range(30):
        p = ps.path(i)
        if np.isfinite(ref[i]):
            check_route(p, u, v, w, o[i], d[i], directed)
        else:
            assert p is None and ps.ptr[i] == ps.ptr[i + 1]
    cost, ptr, edges = g.path_edges(o, d, parallel=parallel)
    np.testing.assert_array_equal(cost, ps.cost)
    np.testing.assert_array_equal(edges, ps.edges)
    np.testing.assert_array_equal(ptr, ps.ptr)


@FEW
@given(seed=SEEDS)
def test_with_weights_equals_a_rebuild_and_keeps_the_mask(seed):
    n, u, v, w, rng = random_graph(seed)
    w2 = rng.uniform(0.1, 10.0, w.size)
    closed = rng.choice(w.size, size=max(1, w.size // 5), replace=False)
    g = RoadGraph.from_arrays(u, v, w, n_nodes=n).without_edges(closed)
    rebuilt = RoadGraph.from_arrays(u, v, w2, n_nodes=n).without_edges(closed)
    src = np.arange(min(n, 6))
    np.testing.assert_array_equal(g.with_weights(w2).shortest_paths(src)[0], rebuilt.shortest_paths(src)[0])
    np.testing.assert_array_equal(g.weight, w)  # the original is untouched
    with pytest.raises(ParameterError):
        g.with_weights(w2[:-1])
    with pytest.raises(ParameterError):
        g.with_weights(np.where(np.arange(w.size) == 0, np.nan, w2))


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, directed=st.booleans(), k=st.integers(1, 5))
def test_link_penalty_routes_are_distinct_valid_paths_with_their_costs(seed, directed, k):
    n, u, v, w, rng = random_graph(seed, n=int(np.random.default_rng(seed).integers(5, 80)))
    closed = rng.choice(w.size, size=w.size // 6, replace=False)
    g = RoadGraph.from_arrays(u, v, w, n_nodes=n, directed=directed).without_edges(closed)
    keep = np.setdiff1d(np.arange(w.size), closed)
    o = rng.integers(0, n, 12)
    d = np.where(rng.random(12) < 0.5, d0 := rng.integers(0, n, 12), d0[0])  # some shared destinations
    ref = scipy_dist(n, u[keep], v[keep], w[keep], np.arange(n), directed)[o, d]
    ps = g.route_choices(o, d, k=k, max_detour=2.0)
    assert np.all(np.diff(ps.od) >= 0) and set(ps.od.tolist()) == set(range(12))
    for pair in range(12):
        idx = np.flatnonzero(ps.od == pair)
        if not np.isfinite(ref[pair]):
            assert idx.size == 1 and not np.isfinite(ps.cost[idx[0]])
            continue
        assert 1 <= idx.size <= k
        costs = ps.cost[idx]
        assert costs[0] == pytest.approx(ref[pair]) and np.all(np.diff(costs) >= 0)
        assert np.all(costs <= 2.0 * ref[pair] + 1e-9)
        seen = set()
        for i in idx:
            p = ps.path(i)
            check_route(p, u, v, w, o[pair], d[pair], directed)
            assert not np.isin(p.edges, closed).any()
            seen.add(tuple(p.edges.tolist()))
        assert len(seen) == idx.size


def test_link_penalty_finds_the_parallel_road():
    # two roads from 0 to 3: 0-1-3 (cost 2) and 0-2-3 (cost 2.2), and a long one 0-4-3 (cost 10)
    u, v, w = [0, 1, 0, 2, 0, 4], [1, 3, 2, 3, 4, 3], [1.0, 1.0, 1.1, 1.1, 5.0, 5.0]
    g = RoadGraph.from_arrays(u, v, w, n_nodes=5)
    ps = g.route_choices([0], [3], k=3, penalty=2.0, max_detour=1.5)
    assert [p.tolist() for p in (ps.path(0).nodes, ps.path(1).nodes)] == [[0, 1, 3], [0, 2, 3]]
    assert len(ps) == 2  # the long road is beyond the detour limit
    assert g.route_choices([3], [0], k=1).path(0).nodes.tolist() == [3, 1, 0]


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS, k=st.integers(1, 4))
def test_route_pairs_incidence_matches_the_routes(seed, k):
    from rdh_engine.corridors.assignment import route_pairs

    n, u, v, w, rng = random_graph(seed, n=40)
    g = RoadGraph.from_arrays(u, v, w, n_nodes=n)
    pairs = [(int(a), int(b)) for a, b in rng.integers(0, n, (15, 2))]
    ref = scipy_dist(n, u, v, w, np.arange(n), False)
    for choice in ("yen", "penalty"):
        routes = route_pairs(g, pairs, k=k, choice=choice, theta_per_h=0.5)
        for (a, b), i in routes.index.items():
            row = routes.incidence[i].toarray().ravel()
            if not np.isfinite(ref[a, b]):
                assert not routes.reachable[i] and row.sum() == 0
                continue
            assert routes.reachable[i] and routes.cost_h[i] == pytest.approx(ref[a, b])
            assert routes.main_nodes[i][0] == a and routes.main_nodes[i][-1] == b
            assert np.all(row <= 1 + 1e-9)  # shares of one pair's routes sum to 1
            if k == 1 and a != b:  # all-or-nothing: the shortest path's edges carry share 1
                assert w[row > 0].sum() == pytest.approx(ref[a, b])


def test_memory_budget_sets_threads_and_refuses_too_small():
    from rdh_engine.corridors.assignment import route_pairs, workspace_threads

    n, u, v, w, _ = random_graph(3, n=50)
    g = RoadGraph.from_arrays(u, v, w, n_nodes=n)
    with pytest.raises(ParameterError, match="too small") as err:
        route_pairs(g, [(0, 1)], k=3, choice="penalty", max_memory_mb=1e-4)
    least = float(str(err.value).split("at least ")[1].split(" MB")[0])
    threads = [workspace_threads(g, max_memory_mb=least * f, choice_set=True) for f in (1.001, 3, 100)]
    assert threads[0] == 1 and threads == sorted(threads)
    same = [route_pairs(g, [(0, 5), (3, 9)], k=2, choice="penalty", max_memory_mb=mb).incidence.toarray()
            for mb in (least * 1.001, None)]
    np.testing.assert_array_equal(*same)
