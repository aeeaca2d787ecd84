"""Numba kernels for least-cost movement on a grid (accumulated cost, traceback).

The grid arrives flattened and padded with a 2-cell ring of barriers (``inf``), so neighbour
offsets never leave the array and the hot loop has no bounds checks. A move from cell a to b costs
``length * mean(cost of the cells it crosses)``: a and b for the 8 king moves (scikit-image's
MCP_Geometric convention), and a, b plus the two cells the segment crosses for knight moves (so a
knight move cannot jump over a thin barrier).

Two queues. ``grid_buckets`` (the default) is Dial's bucket queue generalised to real costs: every
move costs at least ``delta`` = shortest move length x cheapest cell, so with buckets ``delta``
wide all cells in the lowest non-empty bucket are final and are settled in any order, with no heap
at all (O(1) per queue operation; exact, not an approximation: each cell's cost is the same sum as
Dijkstra's). Buckets are circular (a move spans at most ``max move / delta`` buckets) and hold
linked entries from one pool, so memory is the frontier, and per cell only the cost, the
accumulated cost and a settled flag. ``grid_dijkstra`` keeps the keyed, indexed binary heap shared
with the network kernels (``engine/_heap.py``) for grids where the bucket count would explode
(zero-cost cells, extreme cost ranges).

The two queues repeat the few lines that cost a move, on purpose: with those lines in a shared
``@njit`` helper (even ``inline="always"``) both kernels ran about 2x slower on a 2000 x 2000 grid
(numba 0.61; bench/kernels.py grid cases), so the relaxation stays written out in each loop.
"""
import numpy as np
from numba import njit

from .._heap import pop as _pop, sift_up as _sift_up

_SETTLED = -2


@njit(cache=True, nogil=True)
def _target_mask(targets, n):
    """``(mask over the n cells, number of distinct targets)``; a 1-cell mask when there are none."""
    is_target = np.zeros(n if targets.shape[0] > 0 else 1, dtype=np.uint8)
    n_targets = 0
    for t in targets:
        if is_target[t] == 0:
            is_target[t] = 1
            n_targets += 1
    return is_target, n_targets



@njit(cache=True, nogil=True)
def grid_dijkstra(cost, sources, offsets, lengths, mid1, mid2, targets, dist, pred):
    """Accumulated cost from the ``sources`` (flat padded cell ids) into ``dist``; ``pred`` gets the
    move index that reached each cell (-1 for sources and unreached cells).

    ``mid1``/``mid2`` are the offsets of the crossed cells of each move (0 for king moves). Stops
    early once every cell in ``targets`` is settled (empty ``targets``: the whole grid).
    """
    n = cost.shape[0]
    pos = np.full(n, -1, dtype=np.int32)
    cap = max(1024, sources.shape[0] + offsets.shape[0])
    hkey = np.empty(cap)
    hnode = np.empty(cap, dtype=np.int32)
    is_target, n_targets = _target_mask(targets, n)
    size = 0
    for s in sources:
        if pos[s] == -1:
            dist[s] = 0.0
            hkey[size] = 0.0
            hnode[size] = s
            pos[s] = size
            size += 1
    n_moves = offsets.shape[0]
    found = 0
    while size > 0:
        a = hnode[0]
        da = hkey[0]
        size = _pop(hkey, hnode, pos, size)
        pos[a] = _SETTLED
        if size + n_moves > hkey.shape[0]:  # room for every neighbour of a
            hkey = np.concatenate((hkey, np.empty(hkey.shape[0])))
            hnode = np.concatenate((hnode, np.empty(hnode.shape[0], dtype=np.int32)))
        if n_targets > 0 and is_target[a]:
            found += 1
            if found >= n_targets:
                break
        ca = cost[a]
        for k in range(n_moves):
            b = a + offsets[k]
            pb = pos[b]
            if pb == _SETTLED:
                continue
            cb = cost[b]
            if cb == np.inf:
                continue
            if mid1[k] != 0:
                c1 = cost[a + mid1[k]]
                c2 = cost[a + mid2[k]]
                if c1 == np.inf or c2 == np.inf:
                    continue
                nd = da + lengths[k] * (ca + cb + c1 + c2) * 0.25
            else:
                nd = da + lengths[k] * (ca + cb) * 0.5
            if nd < dist[b]:
                dist[b] = nd
                pred[b] = k
                if pb == -1:
                    pb = size
                    hnode[pb] = b
                    size += 1
                hkey[pb] = nd
                _sift_up(hkey, hnode, pos, pb)
    return found


@njit(cache=True, nogil=True)
def traceback(pred, offsets, end):
    """Flat padded cell ids from the source that reached ``end`` to ``end`` (``end`` must be reached)."""
    n = 1
    c = end
    while pred[c] >= 0:
        c -= offsets[pred[c]]
        n += 1
    path = np.empty(n, dtype=np.int64)
    c = end
    for i in range(n - 1, -1, -1):
        path[i] = c
        if i > 0:
            c -= offsets[pred[c]]
    return path


@njit(cache=True, nogil=True)
def grid_buckets(cost, sources, offsets, lengths, mid1, mid2, targets, delta, n_buckets, dist, pred, want_pred):
    """As ``grid_dijkstra`` with a circular bucket queue of ``n_buckets`` buckets ``delta`` wide
    (``delta`` > 0 must not exceed the cheapest move; ``n_buckets`` > max move / ``delta`` + 1).
    ``pred`` is only written when ``want_pred``."""
    n = cost.shape[0]
    settled = np.zeros(n, dtype=np.uint8)
    head = np.full(n_buckets, -1, dtype=np.int32)
    cap = 4096
    e_cell = np.empty(cap, dtype=np.int32)
    e_next = np.empty(cap, dtype=np.int32)
    free = -1
    used = 0
    live = 0
    inv = 1.0 / delta
    is_target, n_targets = _target_mask(targets, n)
    for s in sources:
        if dist[s] != 0.0:
            dist[s] = 0.0
            if used == cap:
                e_cell = np.concatenate((e_cell, np.empty(cap, dtype=np.int32)))
                e_next = np.concatenate((e_next, np.empty(cap, dtype=np.int32)))
                cap *= 2
            e = used
            used += 1
            e_cell[e] = s
            e_next[e] = head[0]
            head[0] = e
            live += 1
    n_moves = offsets.shape[0]
    found = 0
    cur = 0
    while live > 0:
        slot = cur % n_buckets
        while head[slot] != -1:
            e = head[slot]
            head[slot] = e_next[e]
            a = e_cell[e]
            e_next[e] = free  # the entry goes back to the pool
            free = e
            live -= 1
            if settled[a]:
                continue
            settled[a] = 1
            if n_targets > 0 and is_target[a]:
                found += 1
                if found >= n_targets:
                    return found
            da = dist[a]
            ca = cost[a]
            for k in range(n_moves):
                b = a + offsets[k]
                if settled[b]:
                    continue
                cb = cost[b]
                if cb == np.inf:
                    continue
                if mid1[k] != 0:
                    c1 = cost[a + mid1[k]]
                    c2 = cost[a + mid2[k]]
                    if c1 == np.inf or c2 == np.inf:
                        continue
                    nd = da + lengths[k] * (ca + cb + c1 + c2) * 0.25
                else:
                    nd = da + lengths[k] * (ca + cb) * 0.5
                if nd < dist[b]:
                    dist[b] = nd
                    if want_pred:
                        pred[b] = k
                    if free >= 0:
                        x = free
                        free = e_next[x]
                    else:
                        if used == cap:
                            e_cell = np.concatenate((e_cell, np.empty(cap, dtype=np.int32)))
                            e_next = np.concatenate((e_next, np.empty(cap, dtype=np.int32)))
                            cap *= 2
                        x = used
                        used += 1
                    bucket = max(int(nd * inv), cur)  # rounding never sends a cell to a passed bucket
                    bs = bucket % n_buckets
                    e_cell[x] = b
                    e_next[x] = head[bs]
                    head[bs] = x
                    live += 1
        cur += 1
    return found


@njit(cache=True, nogil=True)
def finite_range(cost):
    """Smallest and largest finite value of ``cost`` (inf, -inf when there is none)."""
    lo = np.inf
    hi = -np.inf
    for c in cost:
        if c < np.inf:
            if c < lo:
                lo = c
            if c > hi:
                hi = c
    return lo, hi
