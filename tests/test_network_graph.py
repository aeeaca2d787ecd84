"""RoadGraph and its kernels against networkx and scipy.sparse.csgraph on random graphs."""
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from rdh_engine.errors import NodeError, ParameterError
from rdh_engine.network import RoadGraph

SEEDS = st.integers(0, 2**32 - 1)
FEW = settings(max_examples=25, deadline=None)


def random_graph(seed, *, n=None, simple=False):
    """A sparse random graph with isolated parts, parallel edges (unless ``simple``) and self-loops."""
    rng = np.random.default_rng(seed)
    n = n or int(rng.integers(2, 60))
    m = int(rng.integers(1, 3 * n))
    u = rng.integers(0, n, m)
    v = rng.integers(0, n, m)
    w = rng.uniform(0.1, 10.0, m)
    if simple:
        key = np.minimum(u, v) * n + np.maximum(u, v)
        _, first = np.unique(key, return_index=True)
        first = first[u[first] != v[first]]
        u, v, w = u[first], v[first], w[first]
    return n, u, v, w, rng


def scipy_dist(n, u, v, w, sources, directed, limit=np.inf):
    """scipy reference; duplicates reduced to their minimum first (csr_matrix would add them up)."""
    best = {}
    for a, b, c in zip(u, v, w):
        if not directed and a > b:
            a, b = b, a
        best[(a, b)] = min(c, best.get((a, b), np.inf))
    rows, cols = zip(*best) if best else ((), ())
    mat = csr_matrix((list(best.values()), (rows, cols)), shape=(n, n))
    return dijkstra(mat, directed=directed, indices=sources, limit=limit)


def check_predecessors(dist, pred, sources, u, v, w, directed):
    """Every reached node's predecessor lies on a shortest path, and following them reaches the source."""
    best = {}
    for a, b, c in zip(u, v, w):
        best[(a, b)] = min(c, best.get((a, b), np.inf))
        if not directed:
            best[(b, a)] = min(c, best.get((b, a), np.inf))
    for row, s in enumerate(sources):
        assert pred[row, s] == -1 and dist[row, s] == 0
        for node in np.flatnonzero(np.isfinite(dist[row])):
            if node == s:
                continue
            p = pred[row, node]
            assert dist[row, p] + best[(p, node)] == pytest.approx(dist[row, node])
            hops = 0
            while node != s:
                node = pred[row, node]
                hops += 1
                assert hops <= len(dist[row])
        assert (pred[row][np.isinf(dist[row])] == -1).all()


@FEW
@given(seed=SEEDS, directed=st.booleans(), renumber=st.sampled_from(["rcm", None]))
def test_shortest_paths_equal_scipy(seed, directed, renumber):
    n, u, v, w, rng = random_graph(seed)
    sources = rng.integers(0, n, 4)
    g = RoadGraph.from_arrays(u, v, w, n_nodes=n, directed=directed, renumber=renumber)
    dist, pred = g.shortest_paths(sources)
    assert dist.shape == pred.shape == (4, n)
    np.testing.assert_allclose(dist, scipy_dist(n, u, v, w, sources, directed))
    check_predecessors(dist, pred, sources, u, v, w, directed)


@FEW
@given(seed=SEEDS)
def test_cutoff_equals_scipy_limit(seed):
    n, u, v, w, rng = random_graph(seed)
    cutoff = float(rng.uniform(0, 15))
    dist, pred = RoadGraph.from_arrays(u, v, w, n_nodes=n).shortest_paths([0, n - 1], cutoff=cutoff)
    np.testing.assert_allclose(dist, scipy_dist(n, u, v, w, [0, n - 1], False, limit=cutoff))
    assert (pred[np.isinf(dist)] == -1).all()


@settings(max_examples=10, deadline=None)
@given(seed=SEEDS)
def test_hilbert_renumbering_and_parallel_change_nothing(seed):
    n, u, v, w, rng = random_graph(seed)
    xy = rng.random((n, 2))
    sources = np.arange(min(n, 7))
    plain = RoadGraph.from_arrays(u, v, w, n_nodes=n, renumber=None)
    curve = RoadGraph.from_arrays(u, v, w, n_nodes=n, renumber="hilbert", xy=xy)
    d0, _ = plain.shortest_paths(sources, parallel=False)
    d1, _ = curve.shortest_paths(sources, parallel=True)
    np.testing.assert_array_equal(d0, d1)
    vol0 = plain.assign(sources, np.arange(n), 1.0, parallel=False)
    vol1 = curve.assign(sources, np.arange(n), 1.0, parallel=True)
    np.testing.assert_allclose(vol0, vol1)


def networkx_assign(n, u, v, w, origins, destinations, demand):
    """Reference all-or-nothing assignment: one networkx shortest path per OD pair."""
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for i, (a, b, c) in enumerate(zip(u, v, w)):
        graph.add_edge(a, b, weight=c, edge_id=i)
    vol = np.zeros(len(u))
    for i, o in enumerate(origins):
        paths = nx.single_source_dijkstra_path(graph, o)
        for j, d in enumerate(destinations):
            for a, b in zip(paths.get(d, [])[:-1], paths.get(d, [])[1:]):
                vol[graph[a][b]["edge_id"]] += demand[i, j]
    return vol


@FEW
@given(seed=SEEDS)
def test_assign_equals_networkx(seed):
    n, u, v, w, rng = random_graph(seed, simple=True)
    if len(u) == 0:
        return
    origins = rng.integers(0, n, 5)
    destinations = rng.integers(0, n, 8)
    demand = rng.uniform(0, 100, (5, 8))
    vol = RoadGraph.from_arrays(u, v, w, n_nodes=n).assign(origins, destinations, demand)
    assert vol.shape == (len(u),)
    np.testing.assert_allclose(vol, networkx_assign(n, u, v, w, origins, destinations, demand))


def test_assign_directed_pairs_and_both_directions():
    # a path 0 - 1 - 2; edge 0 joins 0-1, edge 1 joins 1-2
    g = RoadGraph.from_arrays([0, 1], [1, 2], [1.0, 1.0], n_nodes=3)
    # OD pairs (1-D demand): 0->2 carries 5, 2->0 carries 3: both directions add up on each edge
    np.testing.assert_allclose(g.assign([0, 2], [2, 0], [5.0, 3.0]), [8.0, 8.0])
    directed = RoadGraph.from_arrays([0, 1], [1, 2], [1.0, 1.0], n_nodes=3, directed=True)
    np.testing.assert_allclose(directed.assign([0, 2], [2, 0], [5.0, 3.0]), [5.0, 5.0])  # 2->0 has no path


def test_unreachable_demand_is_reported(caplog):
    g = RoadGraph.from_arrays([0], [1], [1.0], n_nodes=3)
    vol = g.assign([0], [1, 2], 2.0)
    np.testing.assert_allclose(vol, [2.0])
    assert "2 of 4 demand has no path" in caplog.text


@FEW
@given(seed=SEEDS)
def test_masking_equals_deleting(seed):
    n, u, v, w, rng = random_graph(seed, simple=True)
    if len(u) < 2:
        return
    closed = rng.choice(len(u), size=max(1, len(u) // 4), replace=False)
    keep = np.setdiff1d(np.arange(len(u)), closed)
    g = RoadGraph.from_arrays(u, v, w, n_nodes=n)
    masked = g.without_edges(closed)
    deleted = RoadGraph.from_arrays(u[keep], v[keep], w[keep], n_nodes=n)
    sources = np.arange(min(n, 5))
    np.testing.assert_array_equal(masked.shortest_paths(sources)[0], deleted.shortest_paths(sources)[0])
    vol_m = masked.assign(sources, np.arange(n), 1.0)
    vol_d = deleted.assign(sources, np.arange(n), 1.0)
    np.testing.assert_allclose(vol_m[keep], vol_d)
    assert (vol_m[closed] == 0).all()
    # the original graph is untouched
    np.testing.assert_array_equal(g.shortest_paths(sources)[0], RoadGraph.from_arrays(u, v, w, n_nodes=n)
                                  .shortest_paths(sources)[0])


@settings(max_examples=15, deadline=None)
@given(seed=SEEDS, k=st.integers(1, 6))
def test_k_shortest_paths_equal_networkx(seed, k):
    n, u, v, w, rng = random_graph(seed, n=12, simple=True)
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(u.tolist(), v.tolist(), w.tolist()))
    s, t = 0, n - 1
    if s not in graph or t not in graph or not nx.has_path(graph, s, t):
        assert RoadGraph.from_arrays(u, v, w, n_nodes=n).k_shortest_paths(s, t, k=k) == []
        return
    ref = []
    for path in nx.shortest_simple_paths(graph, s, t, weight="weight"):
        ref.append(nx.path_weight(graph, path, "weight"))
        if len(ref) == k:
            break
    paths = RoadGraph.from_arrays(u, v, w, n_nodes=n).k_shortest_paths(s, t, k=k)
    np.testing.assert_allclose([p.cost for p in paths], ref)
    for p in paths:
        assert p.nodes[0] == s and p.nodes[-1] == t and len(set(p.nodes.tolist())) == len(p.nodes)
        assert p.cost == pytest.approx(w[p.edges].sum())


def test_k_shortest_paths_respect_masks():
    # square 0-1-2-3-0 plus diagonal 0-2; closing edge 4 (the diagonal) removes the cheapest route
    u, v, w = [0, 1, 2, 3, 0], [1, 2, 3, 0, 2], [1.0, 1.0, 1.0, 1.0, 0.5]
    g = RoadGraph.from_arrays(u, v, w, n_nodes=4).without_edges([4])
    paths = g.k_shortest_paths(0, 2, k=5)
    assert [p.cost for p in paths] == [2.0, 2.0]
    assert all(4 not in p.edges for p in paths)
    assert g.shortest_path(0, 2).cost == 2.0


def test_bad_input_raises_toolkit_errors():
    with pytest.raises(ParameterError, match="negative, NaN"):
        RoadGraph.from_arrays([0], [1], [-1.0], n_nodes=2)
    with pytest.raises(ParameterError, match="negative, NaN"):
        RoadGraph.from_arrays([0], [1], [np.nan], n_nodes=2)
    with pytest.raises(NodeError):
        RoadGraph.from_arrays([0], [5], [1.0], n_nodes=2)
    g = RoadGraph.from_arrays([0], [1], [1.0], n_nodes=2)
    with pytest.raises(NodeError, match=r"\[7\]"):
        g.shortest_paths([0, 7])
    with pytest.raises(KeyError):  # NodeError is also a KeyError
        g.assign([-1], [0], 1.0)
    with pytest.raises(ParameterError):
        g.without_edges([3])
    with pytest.raises(ParameterError):
        g.assign([0], [1], [[1.0, 2.0]])


@settings(max_examples=10, deadline=None)
@given(seed=SEEDS)
def test_cost_matrix_equals_scipy(seed):
    n, u, v, w, rng = random_graph(seed)
    origins, destinations = rng.integers(0, n, 3), rng.integers(0, n, 5)
    ref = scipy_dist(n, u, v, w, origins, False)[:, destinations]
    np.testing.assert_allclose(RoadGraph.from_arrays(u, v, w, n_nodes=n).cost_matrix(origins, destinations), ref)
