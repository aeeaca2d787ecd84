"""Bands around a herd's reconstructed route, each a ranking of the cells around it so that bands
of equal area can be compared (share of the true track each holds for its area):

- ``straight buffer``: distance to the straight lines between the reports;
- ``brownian bridge``: the Brownian-bridge utilisation density between consecutive reports (Horne
  et al. 2007): at time t between reports a (t_a) and b (t_b) the herd is around the point
  interpolated in time, with variance ``sigma2 (t - t_a)(t_b - t) / (t_b - t_a) + error^2``;
  ``sigma2`` (m^2 per day) is fitted by maximum likelihood on each report from its two neighbours;
- ``least-cost``: the ratio of the best cost through the cell to the leg's optimum (the corridor
  band of ``--band-pct``), the lowest over the legs;
- ``randomized shortest paths``: the expected number of passages through each cell of walks from
  one report to the next drawn with probability proportional to (random-walk probability) x
  exp(-theta x cost) (Saerens et al. 2009; Panzacchi et al. 2016): between the least-cost path
  (theta large) and a random walk (theta small). ``theta`` is set per leg so that a walk costing
  one optimal leg's cost more is e^RSP_SPREAD times less likely.

A probability band of level p holds the cells of highest density summing to p of the mass.
"""
import numpy as np
import shapely
from scipy import sparse
from scipy.optimize import minimize_scalar
from scipy.sparse.linalg import splu

from ..raster import accumulated_cost

BRIDGE_STEPS = 24
RSP_SPREAD = 20.0
RSP_MAX_CELLS = 250_000


def bridge_variance(xy, t, *, error_m):
    """Maximum-likelihood Brownian motion variance (m^2 per day) of reports ``xy`` at times ``t``
    (days), each report predicted from its two neighbours; None with fewer than three reports."""
    xy, t = np.asarray(xy, float), np.asarray(t, float)
    if len(xy) < 3:
        return None
    a, m, b = xy[:-2], xy[1:-1], xy[2:]
    ta, tm, tb = t[:-2], t[1:-1], t[2:]
    span = np.maximum(tb - ta, 1e-9)
    alpha = (tm - ta) / span
    mu = a + alpha[:, None] * (b - a)
    d2 = ((m - mu) ** 2).sum(axis=1)
    scale = span * alpha * (1 - alpha)

    def nll(log_s2):
        var = np.exp(log_s2) * scale + error_m ** 2
        return float(np.sum(np.log(var) + d2 / (2 * var)))

    res = minimize_scalar(nll, bounds=(np.log(1.0), np.log(1e12)), method="bounded")
    return float(np.exp(res.x))


def bridge_density(centres, xy, t, *, sigma2, error_m, steps=BRIDGE_STEPS):
    """Brownian-bridge density (sums to ~1 over an unbounded grid of unit area) at ``centres``
    (k, 2): the time-average of the bridges' positions between consecutive reports."""
    total = np.zeros(len(centres))
    duration = max(t[-1] - t[0], 1e-9)
    for i in range(len(xy) - 1):
        span = t[i + 1] - t[i]
        if span <= 0:
            continue
        frac = (np.arange(steps) + 0.5) / steps
        var = sigma2 * span * frac * (1 - frac) + error_m ** 2
        mu = xy[i] + frac[:, None] * (xy[i + 1] - xy[i])
        d2 = ((centres[None, :, :] - mu[:, None, :]) ** 2).sum(axis=2)
        dens = np.exp(-d2 / (2 * var[:, None])) / (2 * np.pi * var[:, None])
        total += dens.mean(axis=0) * span / duration
    return total


def probability_band(density, cell_area, level):
    """Boolean mask of the cells of highest density holding ``level`` of the mass."""
    flat = density.ravel() * cell_area
    order = np.argsort(-flat, kind="stable")
    mass = np.cumsum(flat[order])
    k = int(np.searchsorted(mass, level * mass[-1])) + 1
    mask = np.zeros(flat.size, bool)
    mask[order[:k]] = True
    return mask.reshape(density.shape)


def least_cost_excess(window_cost, leg_cells, cellsize, *, connectivity=16):
    """Per cell, the lowest over legs of (best cost of a path through the cell) / (leg optimum)."""
    excess = np.full(window_cost.shape, np.inf)
    kw = dict(connectivity=connectivity, cellsize=cellsize)
    for a, b in leg_cells:
        if tuple(a) == tuple(b):
            continue
        from_a = accumulated_cost(window_cost, sources=[tuple(a)], **kw)
        best = from_a[tuple(b)]
        if not np.isfinite(best) or best <= 0:
            continue
        through = from_a + accumulated_cost(window_cost, sources=[tuple(b)], **kw)
        excess = np.minimum(excess, through / best)
    return excess


def rsp_passages(window_cost, leg_cells, cellsize, *, spread=RSP_SPREAD):
    """Expected passages per cell of randomized shortest paths (8 neighbours) between each leg's
    two cells (window coordinates), summed over legs; barriers (non-finite cost) are never entered.
    Legs on a window larger than RSP_MAX_CELLS are skipped (the sparse factorisation grows fast)."""
    rows, cols = window_cost.shape
    total = np.zeros(rows * cols)
    if rows * cols > RSP_MAX_CELLS or not leg_cells:
        return total.reshape(rows, cols)
    ok = np.isfinite(window_cost) & (window_cost > 0)
    idx = np.arange(rows * cols).reshape(rows, cols)
    src, dst, step = [], [], []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == dc == 0:
                continue
            a = idx[max(0, -dr):rows - max(0, dr), max(0, -dc):cols - max(0, dc)]
            b = idx[max(0, dr):rows - max(0, -dr) or None, max(0, dc):cols - max(0, -dc) or None]
            keep = ok.ravel()[a.ravel()] & ok.ravel()[b.ravel()]
            src.append(a.ravel()[keep])
            dst.append(b.ravel()[keep])
            step.append(np.full(keep.sum(), np.hypot(dr * cellsize[0], dc * cellsize[1])))
    src, dst, step = np.concatenate(src), np.concatenate(dst), np.concatenate(step)
    flat = np.where(ok, window_cost, 0).ravel()
    move_cost = step * (flat[src] + flat[dst]) / 2
    degree = np.bincount(src, minlength=rows * cols)
    p_ref = 1.0 / np.maximum(degree[src], 1)
    for a, b in leg_cells:
        s, t = int(a[0]) * cols + int(a[1]), int(b[0]) * cols + int(b[1])
        if s == t or not (ok.ravel()[s] and ok.ravel()[t]):
            continue
        optimum = np.hypot(*((np.asarray(b) - np.asarray(a)) * cellsize)) * np.median(flat[ok.ravel()])
        theta = spread / max(optimum, 1e-9)
        weight = p_ref * np.exp(-theta * move_cost)
        weight[src == t] = 0.0  # the target absorbs
        w = sparse.csc_matrix((weight, (src, dst)), shape=(rows * cols, rows * cols))
        lu = splu((sparse.identity(rows * cols, format="csc") - w).tocsc())
        e = np.zeros(rows * cols)
        e[t] = 1.0
        to_t = lu.solve(e)              # Z[:, t]
        e[t], e[s] = 0.0, 1.0
        from_s = lu.solve(e, trans="T")  # Z[s, :]
        if from_s[t] > 0:
            total += np.clip(from_s * to_t / from_s[t], 0, None)
    return total.reshape(rows, cols)


def top_cells(score, k, *, higher_is_better):
    """Boolean mask of the ``k`` best cells of ``score`` (ties broken by cell order)."""
    flat = score.ravel()
    order = np.argsort(-flat if higher_is_better else flat, kind="stable")
    mask = np.zeros(flat.size, bool)
    mask[order[:k]] = True
    return mask.reshape(score.shape)


def distance_to_line(centres, line):
    return shapely.distance(shapely.points(centres), line)


__all__ = ["bridge_density", "bridge_variance", "least_cost_excess", "probability_band", "rsp_passages", "top_cells"]
