"""Numba kernels for closure scenarios: walking shortest-path trees back into edge lists."""
import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def trace_paths(pred, od_row, od_dest, adj_ptr, adj_nbr, adj_edge, weight, length_km):
    """Edges of each OD's route, read from a predecessor matrix (one row per origin).

    ``od_row[k]``: the row of pred holding OD k's origin; ``od_dest[k]``: its destination node
    (-1 = skip). Between consecutive nodes the cheapest usable edge is taken (the one Dijkstra
    relaxed). Returns (km per OD, path_ptr, path_edges): OD k's edges, destination first, are
    ``path_edges[path_ptr[k]:path_ptr[k + 1]]``. ODs without a route get NaN km and no edges.
    """
    n_od = od_row.size
    km = np.full(n_od, np.nan)
    counts = np.zeros(n_od, np.int64)
    # first pass: lengths, so the edge array is allocated once
    for k in range(n_od):
        t = od_dest[k]
        if t < 0:
            continue
        r = od_row[k]
        node = t
        steps = 0
        while pred[r, node] >= 0:
            node = pred[r, node]
            steps += 1
        counts[k] = steps
    path_ptr = np.zeros(n_od + 1, np.int64)
    for k in range(n_od):
        path_ptr[k + 1] = path_ptr[k] + counts[k]
    path_edges = np.empty(path_ptr[n_od], np.int64)
    for k in range(n_od):
        t = od_dest[k]
        if t < 0:
            continue
        r = od_row[k]
        node = t
        pos = path_ptr[k]
        total = 0.0
        while pred[r, node] >= 0:
            p = pred[r, node]
            best = -1
            best_w = np.inf
            for a in range(adj_ptr[node], adj_ptr[node + 1]):
                if adj_nbr[a] == p:
                    e = adj_edge[a]
                    if weight[e] < best_w:
                        best_w = weight[e]
                        best = e
            path_edges[pos] = best
            total += length_km[best]
            pos += 1
            node = p
        km[k] = total
    return km, path_ptr, path_edges
