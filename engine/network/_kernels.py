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

from .._heap import pop as _pop, push, sift_up as _sift_up

_SETTLED = -2
_PATH = types.int64[::1]


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


# ----------------------------------------------------------------------------- paths as arcs
@njit(cache=True, nogil=True)
def _grow(buf, need):
    if need <= buf.shape[0]:
        return buf
    out = np.empty(max(need, 2 * buf.shape[0]), dtype=buf.dtype)
    out[:buf.shape[0]] = buf
    return out


@njit(cache=True, nogil=True)
def od_paths(indptr, indices, arc_w, arc_tail, origins, dstart, dstop, dnodes, rows):
    """Shortest paths of OD pairs as arcs, read off one search per origin (no n-sized output).

    For origin i in ``rows`` the search stops once its destinations ``dnodes[dstart[i]:dstop[i]]``
    are settled. Returns (which, cost, n_arcs, arcs): for each OD entry j in processing order,
    ``which`` = j, its cost (``inf`` unreachable) and arc count; ``arcs`` holds the paths one after
    the other in travel order. Memory: one O(n) workspace plus the paths themselves.
    """
    n = indptr.shape[0] - 1
    dist, pred, pos, heap, order = _workspace(n)
    is_target = np.zeros(n, dtype=np.uint8)
    n_od = 0
    for i in rows:
        n_od += dstop[i] - dstart[i]
    which = np.empty(n_od, dtype=np.int64)
    cost = np.empty(n_od)
    n_arcs = np.zeros(n_od, dtype=np.int64)
    arcs = np.empty(1024, dtype=np.int32)
    used = 0
    k = 0
    for i in rows:
        n_targets = 0
        for j in range(dstart[i], dstop[i]):
            d = dnodes[j]
            if is_target[d] == 0:
                is_target[d] = 1
                n_targets += 1
        ns = _sssp(indptr, indices, arc_w, origins[i], np.inf, is_target, n_targets, dist, pred, pos, heap, order)
        for j in range(dstart[i], dstop[i]):
            d = dnodes[j]
            which[k] = j
            cost[k] = dist[d]  # inf unless settled
            if pos[d] == _SETTLED:
                m = 0
                v = d
                while pred[v] >= 0:
                    m += 1
                    v = arc_tail[pred[v]]
                arcs = _grow(arcs, used + m)
                v = d
                for x in range(used + m - 1, used - 1, -1):
                    arcs[x] = pred[v]
                    v = arc_tail[pred[v]]
                used += m
                n_arcs[k] = m
            k += 1
            is_target[d] = 0
        _reset(order, ns, dist, pred, pos)
    return which, cost, n_arcs, arcs[:used].copy()


@njit(cache=True, nogil=True)
def _tree_to(rindptr, rarc, arc_tail, arc_w, target, h, nxt, pos, heap):
    """Distances ``h`` from every node to ``target`` and ``nxt`` (the first arc of a shortest path
    from the node to the target), by Dijkstra on the reversed arcs (``rarc[rindptr[v]:rindptr[v+1]]``
    are the arcs entering v). ``h``/``nxt``/``pos`` must start inf / -1 / -1; the caller resets them."""
    hkey, hnode = heap
    h[target] = 0.0
    hkey[0] = 0.0
    hnode[0] = target
    pos[target] = 0
    size = 1
    while size > 0:
        u = hnode[0]
        du = hkey[0]
        size = _pop(hkey, hnode, pos, size)
        pos[u] = _SETTLED
        for r in range(rindptr[u], rindptr[u + 1]):
            a = rarc[r]
            x = arc_tail[a]
            if pos[x] == _SETTLED:
                continue
            nd = du + arc_w[a]
            if nd < h[x]:
                h[x] = nd
                nxt[x] = a
                size = push(hkey, hnode, pos, size, x, nd)


@njit(cache=True, nogil=True)
def _astar(indptr, indices, w, h, source, target, g, pred, pos, heap, order):
    """A* from ``source`` to ``target`` on weights ``w`` with the lower bound ``h`` (exact distances
    to the target on weights <= ``w``: consistent, so settled nodes are final). Returns the number
    of settled nodes; the caller reads the path from ``pred`` and then calls ``_forget``."""
    hkey, hnode = heap
    g[source] = 0.0
    hkey[0] = h[source]
    hnode[0] = source
    pos[source] = 0
    size = 1
    ns = 0
    while size > 0:
        u = hnode[0]
        size = _pop(hkey, hnode, pos, size)
        pos[u] = _SETTLED
        order[ns] = u
        ns += 1
        if u == target:
            break
        gu = g[u]
        for a in range(indptr[u], indptr[u + 1]):
            v = indices[a]
            if pos[v] == _SETTLED or h[v] == np.inf:
                continue
            nd = gu + w[a]
            if nd < g[v]:
                g[v] = nd
                pred[v] = a
                size = push(hkey, hnode, pos, size, v, nd + h[v])
    for i in range(size):  # the frontier: settled nodes are in order[:ns]
        v = hnode[i]
        g[v] = np.inf
        pred[v] = -1
        pos[v] = -1
    return ns


@njit(cache=True, nogil=True)
def _arcs_back(pred, arc_tail, target):
    return _path_to(pred, arc_tail, target).astype(np.int32)


@njit(cache=True, nogil=True)
def _penalise(w, arc_w, arc_twin, path, penalty):
    for a in path:
        w[a] *= penalty
        b = arc_twin[a]
        if b >= 0:
            w[b] *= penalty


@njit(cache=True, nogil=True)
def penalty_routes(indptr, indices, arc_w, arc_tail, arc_twin, rindptr, rarc, targets, tstart, tstop, sources,
                   rows, k, penalty, max_detour, max_iter):
    """Link-penalty choice sets: up to ``k`` distinct routes from each source to its target.

    Sources are grouped by target: target t = ``targets[i]`` (i in ``rows``) serves the sources
    ``sources[tstart[i]:tstop[i]]``. One reverse search from the target gives every source its
    shortest route and exact distances to the target; each further route is an A* search on a
    private copy of the weights where the arcs of the routes found so far (both directions of an
    edge) were multiplied by ``penalty``, guided by those distances (still a lower bound, since
    penalties only raise weights), so it explores little beyond the route. A route is kept if it is
    new and its true cost is within ``max_detour`` times the shortest; at most ``max_iter`` searches
    per source. Returns (source entry j, cost, arcs) per route, grouped by j, shortest first.
    """
    n = indptr.shape[0] - 1
    h = np.full(n, np.inf)
    nxt = np.full(n, -1, dtype=np.int32)
    g, pred, pos, heap, order = _workspace(n)
    w = arc_w.copy()
    out_j = List.empty_list(types.int64)
    out_cost = List.empty_list(types.float64)
    out_arcs = List.empty_list(types.int32[::1])
    for i in rows:
        t = targets[i]
        _tree_to(rindptr, rarc, arc_tail, arc_w, t, h, nxt, pos, heap)
        for v in range(n):  # _tree_to settles every reachable node; clear positions for the A*
            pos[v] = -1
        for j in range(tstart[i], tstop[i]):
            s = sources[j]
            if h[s] == np.inf:
                continue
            m = 0
            v = s
            while v != t:
                m += 1
                v = indices[nxt[v]]
            first = np.empty(m, dtype=np.int32)
            v = s
            for x in range(m):
                first[x] = nxt[v]
                v = indices[nxt[v]]
            best = h[s]
            found = List.empty_list(types.int32[::1])
            found.append(first)
            out_j.append(j)
            out_cost.append(best)
            out_arcs.append(first)
            if k > 1 and m > 0:
                tried = List.empty_list(types.int32[::1])
                _penalise(w, arc_w, arc_twin, first, penalty)
                tried.append(first)
                it = 1
                while len(found) < k and it < max_iter:
                    it += 1
                    ns = _astar(indptr, indices, w, h, s, t, g, pred, pos, heap, order)
                    path = _arcs_back(pred, arc_tail, t)
                    _reset(order, ns, g, pred, pos)
                    true_cost = 0.0
                    for a in path:
                        true_cost += arc_w[a]
                    new = True
                    for p in found:
                        if p.shape[0] == path.shape[0] and np.all(p == path):
                            new = False
                            break
                    if new and true_cost <= max_detour * best:
                        found.append(path)
                        out_j.append(j)
                        out_cost.append(true_cost)
                        out_arcs.append(path)
                    _penalise(w, arc_w, arc_twin, path, penalty)
                    tried.append(path)
                for p in tried:  # restore the weights this source penalised
                    for a in p:
                        w[a] = arc_w[a]
                        b = arc_twin[a]
                        if b >= 0:
                            w[b] = arc_w[b]
        for v in range(n):
            h[v] = np.inf
            nxt[v] = -1
    return out_j, out_cost, out_arcs
