"""Circuit-theory current maps against networkx's resistance distance and Kirchhoff's laws."""
import networkx as nx
import numpy as np
import pytest
from affine import Affine

from rdh_engine.transhumance_routes.circuit import coarsened, current_map, effective_resistance


def grid_graph(res, cellsize):
    g = nx.Graph()
    rows, cols = res.shape
    for r in range(rows):
        for c in range(cols):
            for dr, dc in ((0, 1), (1, 0), (1, 1), (1, -1)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < rows and 0 <= cc < cols and np.isfinite(res[r, c]) and np.isfinite(res[rr, cc]):
                    length = np.hypot(dr * cellsize[0], dc * cellsize[1])
                    g.add_edge((r, c), (rr, cc), r_ohm=length * 0.5 * (res[r, c] + res[rr, cc]))
    return g


@pytest.mark.parametrize("seed", [0, 1])
def test_effective_resistance_matches_networkx(seed):
    gen = np.random.default_rng(seed)
    res = gen.uniform(1, 10, (7, 9))
    res[3, 2:6] = np.inf
    a, b = (0, 0), (6, 8)
    expected = nx.resistance_distance(grid_graph(res, (2.0, 3.0)), a, b, weight="r_ohm", invert_weight=True)
    assert effective_resistance(res, a, b, cellsize=(2.0, 3.0)) == pytest.approx(expected, rel=1e-6)


def test_current_map_conserves_current_and_prefers_low_resistance():
    res = np.full((21, 21), 10.0)
    res[:, 8:13] = 1.0                 # a cheap north-south strip
    res[10, :] = np.where(np.arange(21) == 10, 1.0, np.inf)  # a wall with one gap in the strip
    cur = current_map(res, [((0, 10), (20, 10))], weights=[3.0])
    assert cur[0, 10] == pytest.approx(3.0, rel=1e-6) and cur[20, 10] == pytest.approx(3.0, rel=1e-6)
    assert cur[10, 10] == pytest.approx(3.0, rel=1e-6)   # all the current passes the gap
    assert np.isnan(cur[10, 0])
    assert cur[5, 10] > 10 * cur[5, 2]                    # the strip carries most of the flow
    both = current_map(res, [((0, 10), (20, 10)), ((20, 9), (0, 9))])
    assert both[10, 10] == pytest.approx(2.0, rel=1e-6)  # currents add over pairs


@pytest.mark.parametrize("factor", [1, 2, 3])
def test_coarsened_blocks_against_a_cell_by_cell_loop(factor):
    gen = np.random.default_rng(factor)
    cost = gen.uniform(1, 5, (10, 13))
    cost[gen.random(cost.shape) < 0.3] = np.inf
    out, transform = coarsened(cost, Affine(1000, 0, 0, 0, -1000, 0), factor)
    assert transform.a == 1000 * factor and out.shape == (-(-10 // factor), -(-13 // factor))
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            block = cost[r * factor:(r + 1) * factor, c * factor:(c + 1) * factor].ravel()
            passable = block[np.isfinite(block)]
            if 2 * (block.size - passable.size) > block.size:
                assert out[r, c] == np.inf
            else:
                assert out[r, c] == pytest.approx(passable.mean())
