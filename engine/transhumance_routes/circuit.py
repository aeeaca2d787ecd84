"""Circuit-theory current maps (as in Circuitscape's pairwise mode, used by Jahel et al. 2020), with
scipy sparse solvers, to compare with the least-cost corridors.

Each passable cell is a node; 8 neighbours are joined by a conductance 1 / (step length x mean
resistance of the two cells). For each origin-destination pair a current equal to its weight enters
at the origin and leaves at the destination; the node current (half the absolute current through
the node's edges, plus half the injected current) is summed over pairs. The Laplacian is factorised
once: with zero net injection the voltages differences do not depend on where the circuit is
grounded, so a tiny conductance to ground on every node (1e-9 of the mean) replaces per-pair
grounding without changing the currents measurably.
"""
import logging

import numpy as np
from affine import Affine
from scipy import sparse
from scipy.sparse.linalg import splu

from ..errors import ParameterError

log = logging.getLogger(__name__)

_STEPS = ((0, 1), (1, 0), (1, 1), (1, -1))


def _graph(resistance, cellsize):
    res = np.asarray(resistance, dtype=np.float64)
    ok = np.isfinite(res) & (res > 0)
    index = np.full(res.shape, -1, dtype=np.int64)
    index[ok] = np.arange(int(ok.sum()))
    us, vs, gs = [], [], []
    rows, cols = res.shape
    for dr, dc in _STEPS:
        r0, r1 = 0, rows - dr
        c0, c1 = max(0, -dc), cols - max(0, dc)
        a = (slice(r0, r1), slice(c0, c1))
        b = (slice(r0 + dr, r1 + dr), slice(c0 + dc, c1 + dc))
        both = ok[a] & ok[b]
        length = np.hypot(dr * cellsize[0], dc * cellsize[1])
        us.append(index[a][both])
        vs.append(index[b][both])
        gs.append(1.0 / (length * 0.5 * (res[a][both] + res[b][both])))
    return index, np.concatenate(us), np.concatenate(vs), np.concatenate(gs)


def _factorised(u, v, g, n, ground):
    """LU of the grid Laplacian plus a conductance ``ground`` x mean degree from each node to ground."""
    degree = np.bincount(u, g, minlength=n) + np.bincount(v, g, minlength=n)
    lap = sparse.coo_matrix((np.concatenate([-g, -g]), (np.concatenate([u, v]), np.concatenate([v, u]))),
                            shape=(n, n)).tocsc()
    return splu((lap + sparse.diags(degree + ground * degree.mean())).tocsc())


def current_map(resistance, pairs, *, weights=None, cellsize=(1.0, 1.0), progress=None):
    """Summed node current of the ``pairs`` ((row, col) origin, (row, col) destination) on a
    resistance grid (NaN, inf and values <= 0 are barriers); NaN on barriers. ``weights``: current
    injected per pair (default 1)."""
    index, u, v, g = _graph(resistance, cellsize)
    n = int(index.max()) + 1
    if n < 2:
        raise ParameterError("the resistance grid has fewer than two passable cells")
    weights = np.ones(len(pairs)) if weights is None else np.asarray(weights, dtype=float)
    solver = _factorised(u, v, g, n, 1e-9)
    total = np.zeros(n)
    done = 0
    for (src, dst), w in zip(pairs, weights):
        s, t = index[tuple(src)], index[tuple(dst)]
        if s < 0 or t < 0 or s == t:
            log.warning("pair %s -> %s skipped (barrier cell or self-loop)", tuple(src), tuple(dst))
            continue
        rhs = np.zeros(n)
        rhs[s], rhs[t] = w, -w
        volts = solver.solve(rhs)
        flow = g * np.abs(volts[u] - volts[v])
        total += 0.5 * (np.bincount(u, flow, minlength=n) + np.bincount(v, flow, minlength=n) + np.abs(rhs))
        done += 1
        if progress:
            progress(done, len(pairs), "current map")
    out = np.full(index.shape, np.nan)
    out[index >= 0] = total[index[index >= 0]]
    return out


def effective_resistance(resistance, a, b, *, cellsize=(1.0, 1.0)):
    """Effective resistance between two cells (for checks against a reference)."""
    index, u, v, g = _graph(resistance, cellsize)
    n = int(index.max()) + 1
    rhs = np.zeros(n)
    rhs[index[tuple(a)]], rhs[index[tuple(b)]] = 1.0, -1.0
    volts = _factorised(u, v, g, n, 1e-12).solve(rhs)
    return float(volts[index[tuple(a)]] - volts[index[tuple(b)]])


def coarsened(cost, transform, factor):
    """(cost, transform) averaged over ``factor`` x ``factor`` blocks (edge blocks cover fewer
    cells). A block is a barrier when most of its cells are; otherwise it takes the mean of its
    passable cells."""
    if factor == 1:
        return np.asarray(cost, float), transform
    rows, cols = cost.shape
    pad = np.full((-(-rows // factor) * factor, -(-cols // factor) * factor), np.nan)
    pad[:rows, :cols] = np.where(np.isfinite(cost) & (cost >= 0), cost, np.inf)
    blocks = pad.reshape(pad.shape[0] // factor, factor, pad.shape[1] // factor, factor).swapaxes(1, 2)
    blocks = blocks.reshape(*blocks.shape[:2], -1)
    inside = ~np.isnan(blocks)
    barrier = np.isinf(blocks)
    passable = inside & ~barrier
    with np.errstate(invalid="ignore"):
        mean = np.where(passable, blocks, 0.0).sum(axis=2) / passable.sum(axis=2)
    out = np.where(barrier.sum(axis=2) * 2 > inside.sum(axis=2), np.inf, mean)
    return out, transform * Affine.scale(factor)


def surface_current(surface, pairs, *, weights=None, max_cells=250_000, progress=None):
    """Current map of ``pairs`` ((row, col) origin, (row, col) destination on ``surface``'s grid,
    ``weights`` units of current each, default 1) on ``surface`` averaged by whole blocks to at most
    ``max_cells`` cells (a sparse LU of a few hundred thousand nodes takes seconds; millions would
    not fit a laptop). Returns (current grid, its transform); NaN on barriers."""
    factor = max(1, int(np.ceil(np.sqrt(surface.cost.size / max_cells))))
    cost, transform = coarsened(surface.cost, surface.transform, factor)
    pairs = [(tuple(np.asarray(a) // factor), tuple(np.asarray(b) // factor)) for a, b in pairs]
    if not pairs:
        return np.full(cost.shape, np.nan), transform
    cellsize = (surface.cellsize[0] * factor, surface.cellsize[1] * factor)
    log.info("current map: %d pair(s) on %dx%d cells of %.0f m", len(pairs), *cost.shape, cellsize[0])
    return current_map(cost, pairs, weights=weights, cellsize=cellsize, progress=progress), transform


__all__ = ["coarsened", "current_map", "effective_resistance", "surface_current"]
