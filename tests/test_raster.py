"""Grid least-cost kernels against scikit-image's MCP_Geometric and a networkx grid graph."""
import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from skimage.graph import MCP_Geometric

from rdh_engine.errors import ParameterError
from rdh_engine.raster import accumulated_cost, least_cost_path, least_cost_paths, path_cost

SEEDS = st.integers(0, 2**32 - 1)


def random_cost(seed, *, barriers=0.15):
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(3, 25, 2))
    cost = rng.uniform(0.1, 5.0, shape)
    walls = rng.random(shape) < barriers
    cost[walls] = rng.choice([np.inf, -1.0], walls.sum())  # skimage: negative and inf are barriers
    return cost, rng


def open_cells(cost, rng, k):
    free = np.argwhere(np.isfinite(cost) & (cost >= 0))
    return [tuple(c) for c in free[rng.choice(len(free), size=min(k, len(free)), replace=False)]]


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS, cellsize=st.sampled_from([1.0, 30.0, (2.0, 3.0)]))
def test_accumulated_cost_equals_skimage_mcp_geometric(seed, cellsize):
    cost, rng = random_cost(seed)
    sources = open_cells(cost, rng, 3)
    if not sources:
        return
    ours = accumulated_cost(cost, sources=sources, connectivity=8, cellsize=cellsize)
    sampling = (cellsize, cellsize) if np.isscalar(cellsize) else cellsize
    ref, _ = MCP_Geometric(cost, sampling=sampling).find_costs(sources)
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


def wide_cost(seed):
    """Costs spread over four orders of magnitude, with NaN, inf and negative barriers."""
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(3, 40, 2))
    cost = 10.0 ** rng.uniform(-2, 2, shape)
    walls = rng.random(shape) < rng.uniform(0, 0.3)
    cost[walls] = rng.choice([np.nan, np.inf, -1.0], walls.sum())
    return cost, rng


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, cellsize=st.sampled_from([1.0, (2.0, 3.0)]))
def test_bucket_queue_equals_skimage_at_8(seed, cellsize):
    cost, rng = wide_cost(seed)
    sources = open_cells(np.where(np.isnan(cost), -1.0, cost), rng, 2)
    if not sources:
        return
    ours = accumulated_cost(cost, sources=sources, connectivity=8, cellsize=cellsize, queue="buckets")
    sampling = (cellsize, cellsize) if np.isscalar(cellsize) else cellsize
    ref, _ = MCP_Geometric(np.nan_to_num(cost, nan=np.inf), sampling=sampling).find_costs(sources)
    ref[ref > 1e300] = np.inf  # skimage gives the largest float, not inf, to inf-cost cells
    np.testing.assert_allclose(ours, ref, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, connectivity=st.sampled_from([8, 16]))
def test_bucket_queue_equals_the_heap_kernel(seed, connectivity):
    cost, rng = wide_cost(seed)
    sources = open_cells(np.where(np.isnan(cost), -1.0, cost), rng, 3)
    if not sources:
        return
    buckets = accumulated_cost(cost, sources=sources, connectivity=connectivity, queue="buckets")
    heap = accumulated_cost(cost, sources=sources, connectivity=connectivity, queue="heap")
    np.testing.assert_allclose(buckets, heap, rtol=1e-12)
    np.testing.assert_array_equal(np.isinf(buckets), np.isinf(heap))
    zero = np.where(np.isfinite(cost) & (cost > 0), cost, np.inf)
    zero[tuple(sources[0])] = 0.0  # a zero-cost cell: no bucket width exists, the heap is used
    np.testing.assert_array_equal(accumulated_cost(zero, sources=sources[:1], connectivity=connectivity),
                                  accumulated_cost(zero, sources=sources[:1], connectivity=connectivity,
                                                   queue="heap"))


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS, connectivity=st.sampled_from([8, 16]))
def test_paths_follow_the_accumulated_cost(seed, connectivity):
    cost, rng = random_cost(seed)
    cells = open_cells(cost, rng, 4)
    if len(cells) < 2:
        return
    start, ends = cells[0], cells[1:]
    acc = accumulated_cost(cost, sources=[start], connectivity=connectivity)
    for end, path in zip(ends, least_cost_paths(cost, start=start, ends=ends, connectivity=connectivity)):
        if np.isinf(acc[end]):
            assert path is None
            continue
        assert tuple(path[0]) == start and tuple(path[-1]) == end
        steps = np.abs(np.diff(path, axis=0))
        assert ((steps.max(axis=1) <= (2 if connectivity == 16 else 1)) & (steps.sum(axis=1) <= 3)).all()
        assert path_cost(cost, path) == pytest.approx(acc[end])


def grid_reference(cost, start, connectivity):
    """networkx Dijkstra on the grid with the documented move rule (knight moves average 4 cells)."""
    rows, cols = cost.shape
    ok = lambda r, c: 0 <= r < rows and 0 <= c < cols and np.isfinite(cost[r, c]) and cost[r, c] >= 0  # noqa: E731
    moves = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1) if (dr, dc) != (0, 0)]
    if connectivity == 16:
        moves += [(dr, dc) for dr in (-2, -1, 1, 2) for dc in (-2, -1, 1, 2) if abs(dr) != abs(dc)]
    g = nx.DiGraph()
    for r in range(rows):
        for c in range(cols):
            if not ok(r, c):
                continue
            for dr, dc in moves:
                cells = [(r, c), (r + dr, c + dc)]
                if abs(dr) == 2:
                    cells += [(r + dr // 2, c), (r + dr // 2, c + dc)]
                elif abs(dc) == 2:
                    cells += [(r, c + dc // 2), (r + dr, c + dc // 2)]
                if all(ok(*x) for x in cells):
                    g.add_edge((r, c), (r + dr, c + dc), weight=np.hypot(dr, dc) * np.mean([cost[x] for x in cells]))
    out = np.full(cost.shape, np.inf)
    for cell, d in nx.single_source_dijkstra_path_length(g, start).items():
        out[cell] = d
    return out


@settings(max_examples=10, deadline=None)
@given(seed=SEEDS)
def test_sixteen_connectivity_equals_networkx_grid(seed):
    cost, rng = random_cost(seed)
    cells = open_cells(cost, rng, 1)
    if not cells:
        return
    ours = accumulated_cost(cost, sources=cells, connectivity=16)
    np.testing.assert_allclose(ours, grid_reference(cost, cells[0], 16))
    assert (ours <= accumulated_cost(cost, sources=cells, connectivity=8) + 1e-9).all()


def test_nan_is_a_barrier_and_knights_do_not_jump_walls():
    cost = np.ones((5, 5))
    cost[:, 2] = np.nan  # a one-cell wall
    acc = accumulated_cost(cost, sources=[(2, 0)], connectivity=16)
    assert np.isinf(acc[:, 2:]).all() and np.isfinite(acc[:, :2]).all()
    assert least_cost_path(cost, start=(2, 0), end=(2, 4)) is None
    cost[4, 2] = 1.0  # a gap at the bottom
    path = least_cost_path(cost, start=(0, 0), end=(0, 4), connectivity=16)
    assert (4, 2) in map(tuple, path)


def test_straight_line_costs():
    cost = np.full((3, 10), 2.0)
    acc = accumulated_cost(cost, sources=[(1, 0)], connectivity=8, cellsize=100.0)
    assert acc[1, 9] == pytest.approx(9 * 100 * 2.0)
    assert acc[0, 1] == pytest.approx(np.sqrt(2) * 100 * 2.0)
    path = least_cost_path(cost, start=(1, 0), end=(1, 9), connectivity=8)
    np.testing.assert_array_equal(path, [(1, c) for c in range(10)])


def test_bad_arguments():
    cost = np.ones((4, 4))
    with pytest.raises(ParameterError, match="connectivity"):
        accumulated_cost(cost, sources=[(0, 0)], connectivity=4)
    with pytest.raises(ParameterError, match="outside"):
        accumulated_cost(cost, sources=[(9, 0)])
    cost[0, 0] = np.inf
    with pytest.raises(ParameterError, match="barrier"):
        accumulated_cost(cost, sources=[(0, 0)])
    with pytest.raises(ParameterError, match="cellsize"):
        accumulated_cost(cost, sources=[(1, 1)], cellsize=0)
