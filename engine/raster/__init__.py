"""Least-cost movement on cost grids: accumulated cost surfaces and least-cost paths.

Costs are per unit distance (e.g. hours per metre); ``cellsize`` is the cell side in those
distance units (a number, or ``(row_size, col_size)``). NaN, infinite and negative costs are
barriers. With ``connectivity=8`` results equal scikit-image's ``MCP_Geometric`` (``sampling`` =
cellsize); ``connectivity=16`` adds knight moves (shorter, less zig-zag routes across open ground).
"""
import logging

import numpy as np

from ..errors import ParameterError
from . import _kernels

log = logging.getLogger(__name__)

_PAD = 2
_KING = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
_KNIGHT = [(-2, -1), (-2, 1), (-1, -2), (-1, 2), (1, -2), (1, 2), (2, -1), (2, 1)]


def _moves(connectivity, cellsize, width):
    """Flat offsets, lengths and crossed-cell offsets of each move on a padded grid ``width`` wide."""
    if connectivity not in (8, 16):
        raise ParameterError(f"connectivity must be 8 or 16, got {connectivity}")
    dy, dx = (float(cellsize), float(cellsize)) if np.isscalar(cellsize) else map(float, cellsize)
    if not (dy > 0 and dx > 0 and np.isfinite(dy) and np.isfinite(dx)):
        raise ParameterError(f"cellsize must be positive and finite, got {cellsize}")
    moves = _KING + (_KNIGHT if connectivity == 16 else [])
    offsets, lengths, mid1, mid2 = [], [], [], []
    for r, c in moves:
        offsets.append(r * width + c)
        lengths.append(np.hypot(r * dy, c * dx))
        if abs(r) == 2:  # crossed cells: the two beside the half-way point
            m1, m2 = (r // 2, 0), (r // 2, c)
        elif abs(c) == 2:
            m1, m2 = (0, c // 2), (r, c // 2)
        else:
            m1 = m2 = (0, 0)
        mid1.append(m1[0] * width + m1[1])
        mid2.append(m2[0] * width + m2[1])
    as_int = lambda a: np.asarray(a, dtype=np.int64)  # noqa: E731
    return as_int(offsets), np.asarray(lengths), as_int(mid1), as_int(mid2)


def _padded(cost):
    cost = np.asarray(cost, dtype=np.float64)
    if cost.ndim != 2 or cost.size == 0:
        raise ParameterError(f"cost must be a non-empty 2-D array, got shape {cost.shape}")
    padded = np.full((cost.shape[0] + 2 * _PAD, cost.shape[1] + 2 * _PAD), np.inf)
    inner = padded[_PAD:-_PAD, _PAD:-_PAD]
    inner[...] = cost
    inner[~(inner >= 0)] = np.inf  # NaN and negative costs are barriers
    return padded


def _cells(cells, shape, name):
    arr = np.asarray(cells, dtype=np.int64).reshape(-1, 2) if len(cells) else np.empty((0, 2), np.int64)
    if arr.shape[0] == 0:
        raise ParameterError(f"{name}: give at least one (row, col) cell")
    out = (arr[:, 0] < 0) | (arr[:, 0] >= shape[0]) | (arr[:, 1] < 0) | (arr[:, 1] >= shape[1])
    if out.any():
        raise ParameterError(f"{name}: cell(s) {arr[out][:5].tolist()} outside the {shape[0]}x{shape[1]} grid")
    return arr


def _flat(cells, width):
    return (cells[:, 0] + _PAD) * width + cells[:, 1] + _PAD


MAX_BUCKETS = 1 << 22  # above this many buckets (extreme cost ranges) the binary heap is used


def _run(cost, sources, targets, connectivity, cellsize, *, want_pred=True, queue="auto"):
    padded = _padded(cost)
    shape = (padded.shape[0] - 2 * _PAD, padded.shape[1] - 2 * _PAD)
    width = padded.shape[1]
    src = _cells(sources, shape, "sources")
    flat_cost = padded.ravel()
    src_flat = _flat(src, width)
    blocked = ~np.isfinite(flat_cost[src_flat])
    if blocked.any():
        raise ParameterError(f"source cell(s) {src[blocked][:5].tolist()} are barriers (NaN, inf or negative cost)")
    offsets, lengths, mid1, mid2 = _moves(connectivity, cellsize, width)
    tgt_flat = _flat(targets, width) if targets is not None else np.empty(0, np.int64)
    dist = np.full(flat_cost.shape[0], np.inf)
    lo, hi = _kernels.finite_range(flat_cost)
    delta = float(lengths.min() * lo)
    n_buckets = int(lengths.max() * hi / delta) + 2 if delta > 0 else MAX_BUCKETS + 1
    if queue not in ("auto", "heap", "buckets"):
        raise ParameterError(f'queue must be "auto", "heap" or "buckets", not {queue!r}')
    if queue == "heap" or n_buckets > MAX_BUCKETS:
        pred = np.full(flat_cost.shape[0], -1, dtype=np.int8)
        _kernels.grid_dijkstra(flat_cost, src_flat, offsets, lengths, mid1, mid2, tgt_flat, dist, pred)
    else:
        pred = np.full(flat_cost.shape[0] if want_pred else 1, -1, dtype=np.int8)
        _kernels.grid_buckets(flat_cost, src_flat, offsets, lengths, mid1, mid2, tgt_flat, delta, n_buckets,
                              dist, pred, want_pred)
    return dist, pred, offsets, width, shape


def accumulated_cost(cost, *, sources, connectivity=8, cellsize=1.0, queue="auto"):
    """Least accumulated cost from the nearest source to every cell (``inf`` where unreachable).

    ``sources`` is a list of (row, col) cells, each starting at 0. ``queue``: ``"auto"`` (bucket
    queue unless the cost range would need too many buckets), ``"buckets"`` or ``"heap"`` (binary
    heap); the results are the same, only the speed differs.
    """
    dist, _, _, width, shape = _run(cost, sources, None, connectivity, cellsize, want_pred=False, queue=queue)
    return dist.reshape(-1, width)[_PAD:_PAD + shape[0], _PAD:_PAD + shape[1]]


def least_cost_paths(cost, *, start, ends, connectivity=16, cellsize=1.0):
    """Least-cost paths from ``start`` (one cell or a list of cells) to each of ``ends``: a list of
    (k, 2) arrays of (row, col) cells, ``None`` for an unreachable end. One search serves all ends
    and stops once they are all reached."""
    start_cells = np.asarray(start, dtype=np.int64).reshape(-1, 2)
    ends = np.asarray(ends, dtype=np.int64).reshape(-1, 2)
    padded_shape = np.shape(cost)
    ends = _cells(ends, padded_shape, "ends")
    dist, pred, offsets, width, _ = _run(cost, start_cells, ends, connectivity, cellsize)
    paths = []
    for end in _flat(ends, width):
        if not np.isfinite(dist[end]):
            paths.append(None)
            continue
        flat = _kernels.traceback(pred, offsets, end)
        paths.append(np.column_stack([flat // width - _PAD, flat % width - _PAD]))
    unreachable = sum(p is None for p in paths)
    if unreachable:
        log.warning("%d of %d destination cell(s) cannot be reached from the start (barriers)",
                    unreachable, len(paths))
    return paths


def least_cost_path(cost, *, start, end, connectivity=16, cellsize=1.0):
    """The least-cost path from ``start`` to ``end`` as a (k, 2) array of (row, col) cells (start
    first, end last); ``None`` if barriers separate them."""
    return least_cost_paths(cost, start=start, ends=[end], connectivity=connectivity, cellsize=cellsize)[0]


def search_to(cost, *, start, end, connectivity=16, cellsize=1.0):
    """One search from ``start`` that stops once ``end`` is settled: (path, accumulated) with the
    least-cost path as (k, 2) cells (``None`` if barriers separate them) and the accumulated-cost
    grid (exact for the cells settled before ``end``, an upper bound or ``inf`` for the others)."""
    end = _cells([end], np.shape(cost), "end")
    dist, pred, offsets, width, shape = _run(cost, [start], end, connectivity, cellsize)
    accumulated = dist.reshape(-1, width)[_PAD:_PAD + shape[0], _PAD:_PAD + shape[1]]
    target = _flat(end, width)[0]
    if not np.isfinite(dist[target]):
        return None, accumulated
    flat = _kernels.traceback(pred, offsets, target)
    return np.column_stack([flat // width - _PAD, flat % width - _PAD]), accumulated


def knight_crossed(path):
    """(is_knight, first, second): for each move of a path of cells, whether it is a knight move
    and the two cells it passes between (the same rule as the kernels; for other moves, the start
    cell twice)."""
    path = np.asarray(path, dtype=np.int64).reshape(-1, 2)
    a, d = path[:-1], np.diff(path, axis=0)
    knight = (np.abs(d) == 2).any(axis=1)
    half = np.where(np.abs(d) == 2, d // 2, 0)
    vertical = (np.abs(d[:, 0]) == 2)[:, None]
    zero = np.zeros(len(d), np.int64)
    first = a + np.where(vertical, np.column_stack([half[:, 0], zero]), np.column_stack([zero, half[:, 1]]))
    second = a + np.where(vertical, np.column_stack([half[:, 0], d[:, 1]]), np.column_stack([d[:, 0], half[:, 1]]))
    return knight, np.where(knight[:, None], first, a), np.where(knight[:, None], second, a)


def path_cost(cost, path, *, cellsize=1.0):
    """Cost of walking a path of cells with the same move rule as the kernels: a move costs its
    length times the mean cost of its two cells (of four for a knight move: the two it passes
    between too). Barriers (NaN, inf, negative) make it ``inf``."""
    cost = np.asarray(cost, dtype=np.float64)
    path = np.asarray(path, dtype=np.int64).reshape(-1, 2)
    if len(path) < 2:
        return 0.0
    dy, dx = (float(cellsize), float(cellsize)) if np.isscalar(cellsize) else map(float, cellsize)
    d = np.diff(path, axis=0)
    lengths = np.hypot(d[:, 0] * dy, d[:, 1] * dx)
    knight, first, second = knight_crossed(path)

    def at(cells):
        values = cost[cells[:, 0], cells[:, 1]]
        return np.where(values >= 0, values, np.inf)

    ends = at(path[:-1]) + at(path[1:])
    per_move = np.where(knight, (ends + at(first) + at(second)) * 0.25, ends * 0.5)
    return float((lengths * per_move).sum())


__all__ = ["accumulated_cost", "knight_crossed", "least_cost_path", "least_cost_paths", "path_cost", "search_to"]
