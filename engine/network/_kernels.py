"""Numba kernels on CSR arrays: Dijkstra, many-source distances, fused all-or-nothing assignment, Yen.

Plain arrays in, arrays filled; no objects. The graph is a CSR adjacency over *internal* node ids:
``indptr`` (n+1), ``indices`` (arc heads), ``arc_tail``, ``arc_w`` (arc weights; ``inf`` = masked
arc, so closing an edge only rewrites weights, never the structure) and ``arc_edge`` (the input edge
id of every arc; an undirected edge has two arcs with the same id).

Dijkstra uses an indexed binary heap (decrease-key, so the heap never holds more than n entries).
Workspace convention shared by every kernel: ``dist`` starts all ``inf``, ``pred`` all -1 (the arc
that reached a node), ``pos`` all -1 (-1 never queued, -2 settled, >= 0 heap slot). ``_sssp`` leaves
state only on the nodes it settled (listed in ``order``); callers reset exactly those, so a search
costs O(settled), not O(n), and one workspace serves many sources.
"""
import numpy as np
from numba import njit, prange, types
from numba.typed import List

_SETTLED = -2
_PATH = types.int64[::1]


@njit(cache=True, nogil=True)
def _sift_up(hkey, hnode, pos, i):
    """Move slot i up. Keys live in the heap itself (``hkey``), so comparisons read contiguous
    memory instead of chasing ``dist[node]`` all over a large graph."""
    key = hkey[i]
    node = hnode[i]
    while i > 0:
        parent = (i - 1) >> 1
        if hkey[parent] <= key:
            break
        hkey[i] = hkey[parent]
        hnode[i] = hnode[parent]
        pos[hnode[i]] = i
        i = parent
    hkey[i] = key
    hnode[i] = node
    pos[node] = i


@njit(cache=True, nogil=True)
def _sift_down(hkey, hnode, pos, i, size):
    key = hkey[i]
    node = hnode[i]
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        right = child + 1
        if right < size and hkey[right] < hkey[child]:
            child = right
        if hkey[child] >= key:
            break
        hkey[i] = hkey[child]
        hnode[i] = hnode[child]
        pos[hnode[i]] = i
        i = child
    hkey[i] = key
    hnode[i] = node
    pos[node] = i


@njit(cache=True, nogil=True)
def _pop(hkey, hnode, pos, size):
    """Remove the minimum (slot 0); returns the new size."""
    size -= 1
    if size > 0:
        hkey[0] = hkey[size]
        hnode[0] = hnode[size]
        _sift_down(hkey, hnode, pos, 0, size)
    return size


@njit(cache=True, nogil=True)
def _sssp(indptr, indices, arc_w, source, cutoff, is_target, n_targets, dist, pred, pos, heap, order):
    # heap = (hkey, hnode): keys and nodes of the indexed binary heap
    """Dijkstra from ``source``; returns how many nodes it settled (listed in ``order``).

    Stops at ``cutoff`` (nodes farther stay unsettled) or once ``n_targets`` nodes flagged in
    ``is_target`` are settled (``n_targets <= 0``: search everything). On return only settled nodes
    carry state: ``dist``, ``pred`` (arc into the node, -1 for the source) and ``pos == -2``.
    """
    hkey, hnode = heap
    dist[source] = 0.0
    hkey[0] = 0.0
    hnode[0] = source
    pos[source] = 0
    size = 1
    n_settled = 0
    found = 0
    while size > 0:
        u = hnode[0]
        du = hkey[0]
        if du > cutoff:
            break
        size = _pop(hkey, hnode, pos, size)
        pos[u] = _SETTLED
        order[n_settled] = u
        n_settled += 1
        if n_targets > 0 and is_target[u]:
            found += 1
            if found >= n_targets:
                break
        for a in range(indptr[u], indptr[u + 1]):
            v = indices[a]
            pv = pos[v]
            if pv == _SETTLED:
                continue
            nd = du + arc_w[a]
            if nd < dist[v]:  # inf weights (masked arcs) never pass this test
                dist[v] = nd
                pred[v] = a
                if pv == -1:
                    pv = size
                    hnode[pv] = v
                    size += 1
                hkey[pv] = nd
                _sift_up(hkey, hnode, pos, pv)
    # Forget the frontier: only settled nodes keep state.
    for i in range(size):
        v = hnode[i]
        dist[v] = np.inf
        pred[v] = -1
        pos[v] = -1
    return n_settled


@njit(cache=True, nogil=True)
def _workspace(n):
    dist = np.full(n, np.inf)
    # int32 ids halve the memory traffic (graphs are limited to 2**31 - 1 arcs by RoadGraph)
    pred = np.full(n, -1, dtype=np.int32)
    pos = np.full(n, -1, dtype=np.int32)
    heap = (np.empty(n), np.empty(n, dtype=np.int32))
    order = np.empty(n, dtype=np.int32)
    return dist, pred, pos, heap, order


@njit(cache=True, nogil=True)
def _reset(order, n_settled, dist, pred, pos):
    for i in range(n_settled):
        v = order[i]
        dist[v] = np.inf
        pred[v] = -1
        pos[v] = -1


@njit(cache=True, nogil=True)
def sssp(indptr, indices, arc_w, source, cutoff):
    """Single-source Dijkstra on internal ids: (dist, pred_arc) arrays of length n (inf / -1)."""
    n = indptr.shape[0] - 1
    dist, pred, pos, heap, order = _workspace(n)
    no_target = np.zeros(1, dtype=np.uint8)
    _sssp(indptr, indices, arc_w, source, cutoff, no_target, 0, dist, pred, pos, heap, order)
    return dist, pred


@njit(cache=True, nogil=True)
def _rows(indptr, indices, arc_w, arc_tail, sources, cutoff, ext_id, rows, dist_out, pred_out):
    """Fill ``dist_out[i]``/``pred_out[i]`` (external node ids) for each row i in ``rows``."""
    n = indptr.shape[0] - 1
    dist, pred, pos, heap, order = _workspace(n)
    no_target = np.zeros(1, dtype=np.uint8)
    for i in rows:
        ns = _sssp(indptr, indices, arc_w, sources[i], cutoff, no_target, 0, dist, pred, pos, heap, order)
        for j in range(ns):
            v = order[j]
            dist_out[i, ext_id[v]] = dist[v]
            a = pred[v]
            if a >= 0:
                pred_out[i, ext_id[v]] = ext_id[arc_tail[a]]
        _reset(order, ns, dist, pred, pos)


@njit(cache=True, nogil=True)
def many_sources(indptr, indices, arc_w, arc_tail, sources, cutoff, ext_id, dist_out, pred_out):
    """Distances and predecessor nodes from every source, one after the other (one thread)."""
    _rows(indptr, indices, arc_w, arc_tail, sources, cutoff, ext_id,
          np.arange(sources.shape[0]), dist_out, pred_out)


@njit(cache=True, nogil=True, parallel=True)
def many_sources_parallel(indptr, indices, arc_w, arc_tail, sources, cutoff, ext_id, dist_out, pred_out,
                          n_threads):
    """As ``many_sources``, sources spread over ``n_threads`` (each with its own workspace)."""
    k = sources.shape[0]
    for t in prange(n_threads):
        _rows(indptr, indices, arc_w, arc_tail, sources, cutoff, ext_id,
              np.arange(t, k, n_threads), dist_out, pred_out)


@njit(cache=True, nogil=True)
def _cost_rows(indptr, indices, arc_w, sources, targets, cutoff, rows, out):
    """``out[i, j]`` = distance from ``sources[i]`` to ``targets[j]``; each search stops once all
    targets are settled (or at ``cutoff``)."""
    n = indptr.shape[0] - 1
    dist, pred, pos, heap, order = _workspace(n)
    is_target = np.zeros(n, dtype=np.uint8)
    n_targets = 0
    for t in targets:
        if is_target[t] == 0:
            is_target[t] = 1
            n_targets += 1
    for i in rows:
        ns = _sssp(indptr, indices, arc_w, sources[i], cutoff, is_target, n_targets, dist, pred, pos, heap, order)
        for j in range(targets.shape[0]):
            out[i, j] = dist[targets[j]]  # inf unless settled
        _reset(order, ns, dist, pred, pos)


@njit(cache=True, nogil=True, parallel=True)
def cost_matrix(indptr, indices, arc_w, sources, targets, cutoff, out, n_threads):
    """Many-to-many shortest distances (sources spread over ``n_threads``)."""
    k = sources.shape[0]
    for t in prange(n_threads):
        _cost_rows(indptr, indices, arc_w, sources, targets, cutoff, np.arange(t, k, n_threads), out)


@njit(cache=True, nogil=True)
def _assign_rows(indptr, indices, arc_w, arc_tail, origins, dstart, dstop, dnodes, damount, rows, avol):
    """All-or-nothing assignment of the origins in ``rows``, added into ``avol`` (per arc: arcs are
    stored by tail node, so with a locality-preserving node order these writes stay local; callers
    fold arcs into edge ids once at the end).

    Origin i sends ``damount[j]`` to node ``dnodes[j]`` for j in ``dstart[i]:dstop[i]`` (origins may
    share one slice, e.g. the same demand to every node, so nothing of size origins x nodes is built).

    The accumulation is fused into the search: node demands are pushed up the shortest-path tree in
    reverse settling order (children are settled after their parent), so each origin costs one
    Dijkstra plus O(settled). The search stops once every destination of the origin is settled.
    Returns the demand that found no path (unreachable destinations).
    """
    n = indptr.shape[0] - 1
    dist, pred, pos, heap, order = _workspace(n)
    flow = np.zeros(n)
    is_target = np.zeros(n, dtype=np.uint8)
    lost = 0.0
    for i in rows:
        s = origins[i]
        n_targets = 0
        for j in range(dstart[i], dstop[i]):
            d = dnodes[j]
            flow[d] += damount[j]
            if is_target[d] == 0:
                is_target[d] = 1
                n_targets += 1
        ns = _sssp(indptr, indices, arc_w, s, np.inf, is_target, n_targets, dist, pred, pos, heap, order)
        for j in range(ns - 1, -1, -1):
            v = order[j]
            f = flow[v]
            a = pred[v]
            if f != 0.0 and a >= 0:
                avol[a] += f
                flow[arc_tail[a]] += f
            flow[v] = 0.0
            is_target[v] = 0
            dist[v] = np.inf
            pred[v] = -1
            pos[v] = -1
        for j in range(dstart[i], dstop[i]):  # what is left was never reached
            d = dnodes[j]
            lost += flow[d]
            flow[d] = 0.0
            is_target[d] = 0
    return lost


@njit(cache=True, nogil=True)
def assign(indptr, indices, arc_w, arc_tail, arc_edge, n_edges, origins, dstart, dstop, dnodes, damount):
    """Edge volumes (by edge id) and unassigned demand, one origin after the other."""
    avol = np.zeros(arc_w.shape[0])
    lost = _assign_rows(indptr, indices, arc_w, arc_tail, origins, dstart, dstop, dnodes, damount,
                        np.arange(origins.shape[0]), avol)
    return _edge_volumes(avol, arc_edge, n_edges), lost


@njit(cache=True, nogil=True)
def _edge_volumes(avol, arc_edge, n_edges):
    vol = np.zeros(n_edges)
    for a in range(avol.shape[0]):
        vol[arc_edge[a]] += avol[a]
    return vol


@njit(cache=True, nogil=True, parallel=True)
def assign_parallel(indptr, indices, arc_w, arc_tail, arc_edge, n_edges, origins, dstart, dstop, dnodes,
                    damount, n_threads):
    """As ``assign``, origins spread over ``n_threads``, each with its own arc volumes, summed at the end."""
    k = origins.shape[0]
    avols = np.zeros((n_threads, arc_w.shape[0]))
    lost = np.zeros(n_threads)
    for t in prange(n_threads):
        lost[t] = _assign_rows(indptr, indices, arc_w, arc_tail, origins, dstart, dstop, dnodes, damount,
                               np.arange(t, k, n_threads), avols[t])
    return _edge_volumes(avols.sum(axis=0), arc_edge, n_edges), lost.sum()


@njit(cache=True, nogil=True)
def _same_prefix(path, other, length):
    if other.shape[0] < length:
        return False
    for i in range(length):
        if path[i] != other[i]:
            return False
    return True


@njit(cache=True, nogil=True)
def _same_path(a, b):
    return a.shape[0] == b.shape[0] and _same_prefix(a, b, a.shape[0])


@njit(cache=True, nogil=True)
def _path_to(pred, arc_tail, target):
    """Arcs from the search source to ``target``, in order."""
    n_arcs = 0
    v = target
    while pred[v] >= 0:
        n_arcs += 1
        v = arc_tail[pred[v]]
    path = np.empty(n_arcs, dtype=np.int64)
    v = target
    for i in range(n_arcs - 1, -1, -1):
        path[i] = pred[v]
        v = arc_tail[pred[v]]
    return path


@njit(cache=True, nogil=True)
def yen(indptr, indices, arc_w, arc_tail, source, target, k):
    """Yen's k shortest loopless paths from ``source`` to ``target`` as lists of arcs (cheapest first).

    Masked arcs (``inf`` weight) are never used. Spur searches ban arcs and root-path nodes by
    setting weights to ``inf`` on a private copy and restoring them afterwards.
    """
    n = indptr.shape[0] - 1
    w = arc_w.copy()
    dist, pred, pos, heap, order = _workspace(n)
    is_target = np.zeros(n, dtype=np.uint8)
    is_target[target] = 1
    found = List.empty_list(_PATH)
    found_cost = List.empty_list(types.float64)
    cand = List.empty_list(_PATH)
    cand_cost = List.empty_list(types.float64)

    ns = _sssp(indptr, indices, w, source, np.inf, is_target, 1, dist, pred, pos, heap, order)
    if pos[target] != _SETTLED:
        return found, found_cost
    found.append(_path_to(pred, arc_tail, target))
    found_cost.append(dist[target])
    _reset(order, ns, dist, pred, pos)
    banned = np.empty(w.shape[0], dtype=np.int64)
    while len(found) < k:
        prev = found[len(found) - 1]
        root_cost = 0.0
        for i in range(prev.shape[0]):
            spur = source if i == 0 else indices[prev[i - 1]]
            n_banned = 0
            for p in found:
                if _same_prefix(prev, p, i) and p.shape[0] > i and w[p[i]] < np.inf:
                    banned[n_banned] = p[i]
                    n_banned += 1
                    w[p[i]] = np.inf
            for j in range(i):  # root nodes (not the spur) may not be revisited
                x = arc_tail[prev[j]]
                for a in range(indptr[x], indptr[x + 1]):
                    if w[a] < np.inf:
                        banned[n_banned] = a
                        n_banned += 1
                        w[a] = np.inf
            ns = _sssp(indptr, indices, w, spur, np.inf, is_target, 1, dist, pred, pos, heap, order)
            if pos[target] == _SETTLED:
                spur_path = _path_to(pred, arc_tail, target)
                total = np.concatenate((prev[:i], spur_path))
                cost = root_cost + dist[target]
                new = True
                for c in cand:
                    if _same_path(c, total):
                        new = False
                        break
                if new:
                    cand.append(total)
                    cand_cost.append(cost)
            _reset(order, ns, dist, pred, pos)
            for j in range(n_banned):
                a = banned[j]
                w[a] = arc_w[a]
            root_cost += arc_w[prev[i]]
        if len(cand) == 0:
            break
        best = 0
        for j in range(1, len(cand)):
            if cand_cost[j] < cand_cost[best] or (cand_cost[j] == cand_cost[best]
                                                  and cand[j].shape[0] < cand[best].shape[0]):
                best = j
        found.append(cand.pop(best))
        found_cost.append(cand_cost.pop(best))
    return found, found_cost
