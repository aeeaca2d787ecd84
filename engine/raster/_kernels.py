"""Numba kernels for least-cost movement on a grid (accumulated cost, traceback).

The grid arrives flattened and padded with a 2-cell ring of barriers (``inf``), so neighbour
offsets never leave the array and the hot loop has no bounds checks. A move from cell a to b costs
``length * mean(cost of the cells it crosses)``: a and b for the 8 king moves (scikit-image's
MCP_Geometric convention), and a, b plus the two cells the segment crosses for knight moves (so a
knight move cannot jump over a thin barrier). Dijkstra uses the keyed, indexed binary heap of the
network kernels; on a grid the frontier is only a thin band of cells, so the heap starts small and
grows on demand (it stays in the CPU cache) and slots are int32 (4 bytes per cell).
"""
import numpy as np
from numba import njit

from .._heap import pop as _pop, sift_up as _sift_up

_SETTLED = -2


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
    is_target = np.zeros(n if targets.shape[0] > 0 else 1, dtype=np.uint8)
    n_targets = 0
    for t in targets:
        if is_target[t] == 0:
            is_target[t] = 1
            n_targets += 1
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
