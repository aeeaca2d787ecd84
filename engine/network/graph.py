"""`RoadGraph`: a routable graph held as CSR arrays, with masking and the public routing calls.

Node ids and edge ids are the caller's (edge id = position in the input arrays). Inside, nodes may
be renumbered for memory locality (neighbours close in memory make Dijkstra's scattered reads hit
the cache); every public result is translated back, so the renumbering is invisible.
"""
import logging
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import reverse_cuthill_mckee

from ..errors import NodeError, ParameterError
from . import _kernels

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Path:
    """One route: total weight, node ids visited and edge ids used (in travel order)."""

    cost: float
    nodes: np.ndarray
    edges: np.ndarray


@dataclass(frozen=True)
class PathSet:
    """Many routes as flat arrays: route i has cost ``cost[i]`` (``inf`` when there is no route),
    edge ids ``edges[ptr[i]:ptr[i + 1]]`` and node ids ``nodes[ptr[i] + i:ptr[i + 1] + i + 1]``
    (one more node than edges; none when unreachable), in travel order. ``od[i]`` is the index of
    the OD pair the route serves (several routes per pair in a choice set, cheapest first)."""

    od: np.ndarray
    cost: np.ndarray
    ptr: np.ndarray
    edges: np.ndarray
    nodes: np.ndarray

    def __len__(self):
        return self.cost.size

    def path(self, i):
        """Route i as a :class:`Path` (None when unreachable)."""
        if not np.isfinite(self.cost[i]):
            return None
        a, b = self.ptr[i], self.ptr[i + 1]
        return Path(float(self.cost[i]), self.nodes[a + i:b + i + 1], self.edges[a:b])


def _threads():
    """Threads for the parallel kernels (numba's setting, which honours NUMBA_NUM_THREADS)."""
    import numba

    return max(1, int(numba.get_num_threads()))


def hilbert_order(x, y, *, bits=16):
    """Permutation sorting points along a Hilbert curve (nearby points get nearby positions)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    side = (1 << bits) - 1

    def scale(a):
        lo, hi = np.nanmin(a), np.nanmax(a)
        return np.zeros(a.shape, np.int64) if hi <= lo else ((a - lo) / (hi - lo) * side).astype(np.int64)

    xi, yi = scale(x), scale(y)
    d = np.zeros(x.shape, dtype=np.int64)
    s = 1 << (bits - 1)
    while s > 0:  # classic xy -> d conversion, vectorised over points
        rx = (xi & s) > 0
        ry = (yi & s) > 0
        d += s * s * ((3 * rx) ^ ry)
        flip = ~ry
        swap_x = np.where(flip & rx, side - xi, xi)
        swap_y = np.where(flip & rx, side - yi, yi)
        xi, yi = np.where(flip, swap_y, swap_x), np.where(flip, swap_x, swap_y)
        s >>= 1
    return np.argsort(d, kind="stable")


def _spans(starts, lengths):
    """Indices ``starts[i] .. starts[i] + lengths[i] - 1`` for every i, concatenated."""
    lengths = np.asarray(lengths, np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, np.int64)
    offset = np.repeat(np.asarray(starts, np.int64) - (np.cumsum(lengths) - lengths), lengths)
    return offset + np.arange(total)


class RoadGraph:
    """A directed or undirected weighted graph in CSR form.

    Build it with :meth:`from_arrays`; :meth:`without_edges` returns a masked copy sharing the
    structure (closing edges rewrites weights only).
    """

    def __init__(self, *, u, v, weight, n_nodes, directed, order, mask=None):
        self.u, self.v, self.weight = u, v, weight
        self.n_nodes = int(n_nodes)
        self.n_edges = int(len(u))
        self.directed = bool(directed)
        # order[i] = external id of internal node i; rank = its inverse.
        self._ext_id = order
        self._rank = np.empty_like(order)
        self._rank[order] = np.arange(self.n_nodes, dtype=order.dtype)
        self.mask = np.zeros(self.n_edges, dtype=bool) if mask is None else mask
        self._build_csr()

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_arrays(cls, u, v, weight, *, n_nodes=None, directed=False, renumber="rcm", xy=None):
        """Graph from edge arrays: edge i joins node ``u[i]`` to ``v[i]`` with ``weight[i]``.

        ``n_nodes`` defaults to ``max(u, v) + 1``. ``renumber``: ``"rcm"`` (reverse Cuthill-McKee,
        from the topology), ``"hilbert"`` (along a Hilbert curve; needs ``xy``, an (n, 2) array of
        node coordinates) or ``None`` (keep the ids). It only changes speed, never results.
        """
        u = np.asarray(u)
        v = np.asarray(v)
        weight = np.asarray(weight, dtype=np.float64)
        if u.ndim != 1 or u.shape != v.shape or u.shape != weight.shape:
            raise ParameterError(f"u, v and weight must be 1-D arrays of one length "
                                 f"(got {u.shape}, {v.shape}, {weight.shape})")
        for name, arr in (("u", u), ("v", v)):
            if arr.size and not np.issubdtype(arr.dtype, np.integer):
                raise ParameterError(f"{name} must hold integer node ids (got {arr.dtype})")
        u = u.astype(np.int64)
        v = v.astype(np.int64)
        bad = ~np.isfinite(weight) | (weight < 0)
        if bad.any():
            idx = np.flatnonzero(bad)
            raise ParameterError(f"{idx.size} edge weight(s) are negative, NaN or infinite "
                                 f"(edge ids {idx[:10].tolist()}); weights must be finite and >= 0")
        top = int(max(u.max(initial=-1), v.max(initial=-1))) + 1
        n_nodes = top if n_nodes is None else int(n_nodes)
        low = min(int(u.min(initial=0)), int(v.min(initial=0)))
        if low < 0 or top > n_nodes:
            bad_ids = np.unique(np.concatenate([u, v]))
            bad_ids = bad_ids[(bad_ids < 0) | (bad_ids >= n_nodes)]
            raise NodeError(f"edge end(s) {bad_ids[:10].tolist()} are not node ids 0..{n_nodes - 1}")
        if max(n_nodes, 2 * len(u)) >= 2**31 - 1:
            raise ParameterError(f"graph too large: {n_nodes} nodes and {len(u)} edges (limit 2**31 - 1 arcs)")
        order = cls._order(u, v, n_nodes, directed, renumber, xy)
        return cls(u=u, v=v, weight=weight, n_nodes=n_nodes, directed=directed, order=order)

    @classmethod
    def from_csr(cls, *, u, v, weight, n_nodes, directed, order, indptr, indices, arc_edge):
        """Rebuild from arrays saved by :meth:`csr` (the network cache), skipping the CSR sort."""
        g = object.__new__(cls)
        g.u, g.v, g.weight = u, v, np.asarray(weight, dtype=np.float64)
        g.n_nodes, g.n_edges, g.directed = int(n_nodes), int(len(u)), bool(directed)
        g._ext_id = order
        g._rank = np.empty_like(order)
        g._rank[order] = np.arange(g.n_nodes, dtype=order.dtype)
        g.mask = np.zeros(g.n_edges, dtype=bool)
        g._indptr, g._indices, g._arc_edge = indptr, indices, arc_edge
        g._arc_tail = np.repeat(np.arange(g.n_nodes, dtype=np.int32), np.diff(indptr))
        g._set_arc_weights()
        return g

    @staticmethod
    def _order(u, v, n, directed, renumber, xy):
        if renumber is None or n == 0:
            return np.arange(n, dtype=np.int64)
        if renumber == "hilbert":
            if xy is None:
                raise ParameterError('renumber="hilbert" needs node coordinates (xy=)')
            xy = np.asarray(xy, dtype=float)
            if xy.shape != (n, 2):
                raise ParameterError(f"xy must have shape ({n}, 2), got {xy.shape}")
            return hilbert_order(xy[:, 0], xy[:, 1]).astype(np.int64)
        if renumber == "rcm":
            adj = csr_matrix((np.ones(len(u), dtype=np.int8), (u, v)), shape=(n, n))
            return reverse_cuthill_mckee(adj, symmetric_mode=False).astype(np.int64)
        raise ParameterError(f'renumber must be "rcm", "hilbert" or None, not {renumber!r}')

    def _build_csr(self):
        """Arcs grouped by internal tail node; undirected edges give two arcs with one edge id."""
        iu, iv = self._rank[self.u], self._rank[self.v]
        edge = np.arange(self.n_edges, dtype=np.int64)
        if self.directed:
            tail, head, arc_edge = iu, iv, edge
        else:
            tail = np.concatenate([iu, iv])
            head = np.concatenate([iv, iu])
            arc_edge = np.concatenate([edge, edge])
        # Sorting by (tail, head) also keeps each node's neighbours in memory order.
        by = np.lexsort((head, tail))
        # int32 ids: half the memory traffic in the kernels (from_arrays checks the sizes fit)
        self._arc_tail = tail[by].astype(np.int32)
        self._indices = head[by].astype(np.int32)
        self._arc_edge = arc_edge[by].astype(np.int32)
        self._indptr = np.zeros(self.n_nodes + 1, dtype=np.int64)
        np.cumsum(np.bincount(self._arc_tail, minlength=self.n_nodes), out=self._indptr[1:])
        self._set_arc_weights()

    def _set_arc_weights(self):
        w = self.weight[self._arc_edge]
        w[self.mask[self._arc_edge]] = np.inf
        self._arc_w = w

    def csr(self):
        """The internal CSR arrays (indptr, indices, arc weights with ``inf`` for masked edges, arc edge
        ids) and ``ext_id`` (external node id of each internal node), e.g. to cache or inspect."""
        return self._indptr, self._indices, self._arc_w, self._arc_edge, self._ext_id

    # ----------------------------------------------------------------- re-weighting and masking
    def with_weights(self, weight):
        """A copy with new edge weights (one per edge id, finite and >= 0), sharing the CSR structure
        and the mask: re-weighting costs one gather, no sort."""
        weight = np.asarray(weight, dtype=np.float64)
        if weight.shape != (self.n_edges,):
            raise ParameterError(f"weight must have one value per edge ({self.n_edges}), got shape {weight.shape}")
        bad = ~np.isfinite(weight) | (weight < 0)
        if bad.any():
            raise ParameterError(f"{int(bad.sum())} edge weight(s) are negative, NaN or infinite (edge ids "
                                 f"{np.flatnonzero(bad)[:10].tolist()}); close edges with without_edges instead")
        g = object.__new__(RoadGraph)
        g.__dict__.update(self.__dict__)
        g.weight = weight
        g._set_arc_weights()
        return g

    def without_edges(self, edge_ids):
        """A copy with these edges closed (both directions), sharing the CSR structure."""
        ids = self._edge_ids(edge_ids)
        g = object.__new__(RoadGraph)
        g.__dict__.update(self.__dict__)
        g.mask = self.mask.copy()
        g.mask[ids] = True
        g._set_arc_weights()
        return g

    # ----------------------------------------------------------------- queries
    def shortest_paths(self, sources, *, cutoff=None, parallel=None):
        """Distances and predecessor nodes from each source: two arrays of shape (len(sources), n).

        Unreachable nodes (or beyond ``cutoff``, a distance in weight units) get ``inf`` and -1; a
        source's own predecessor is -1. ``pred`` is int32 (node ids are limited to 2**31 - 1).
        ``parallel`` (default: with several sources and threads, on jobs of at least a million
        sources x nodes) spreads the sources over numba's threads.
        """
        src = self._node_ids(sources)
        cut = self._cutoff(cutoff)
        dist = np.full((src.size, self.n_nodes), np.inf)
        pred = np.full((src.size, self.n_nodes), -1, dtype=np.int32)  # like scipy: node ids fit in int32
        threads = self._n_threads(src.size, parallel)
        args = (self._indptr, self._indices, self._arc_w, self._arc_tail, self._rank[src], cut, self._ext_id,
                dist, pred)
        if threads > 1:
            _kernels.many_sources_parallel(*args, threads)
        else:
            _kernels.many_sources(*args)
        return dist, pred

    def cost_matrix(self, origins, destinations, *, cutoff=None):
        """Shortest distances from every origin to every destination: array (len(origins),
        len(destinations)), ``inf`` where unreachable. Cheaper than :meth:`shortest_paths` when the
        destinations are few or near: each search stops once they are all reached."""
        o = self._rank[self._node_ids(origins)]
        d = self._rank[self._node_ids(destinations)]
        out = np.full((o.size, d.size), np.inf)
        _kernels.cost_matrix(self._indptr, self._indices, self._arc_w, o, d, self._cutoff(cutoff), out,
                             self._n_threads(o.size, None))
        return out

    def assign(self, origins, destinations, demand, *, parallel=None):
        """All-or-nothing assignment: edge volumes (length n_edges, indexed by edge id).

        ``demand`` is a scalar (the same for every origin-destination pair), a matrix of shape
        (len(origins), len(destinations)), or a 1-D array of pair demands when ``origins`` and
        ``destinations`` are parallel arrays of OD pairs. An undirected edge's volume sums both
        directions. Demand with no path is left out and logged as a warning.
        """
        origins, dstart, dstop, dnodes, amount = self._demand(origins, destinations, demand)
        threads = self._n_threads(origins.size, parallel)
        args = (self._indptr, self._indices, self._arc_w, self._arc_tail, self._arc_edge, self.n_edges,
                origins, dstart, dstop, dnodes, amount)
        if threads > 1:
            vol, lost = _kernels.assign_parallel(*args, threads)
        else:
            vol, lost = _kernels.assign(*args)
        if lost > 0:
            total = amount.sum() * (origins.size if np.ndim(demand) == 0 else 1)
            log.warning("%.6g of %.6g demand has no path (destinations unreachable) and was not assigned",
                        lost, total)
        return vol

    def _demand(self, origins, destinations, demand):
        """Demand as kernel arrays (internal ids): per origin a slice [start, stop) of (node, amount)."""
        o = self._rank[self._node_ids(origins)]
        d = self._rank[self._node_ids(destinations)]
        demand = np.asarray(demand, dtype=np.float64)
        if not np.isfinite(demand).all() or (demand < 0).any():
            raise ParameterError("demand must be finite and >= 0")
        if demand.ndim == 0:  # one shared slice: no origins x destinations array
            amount = np.full(d.size, float(demand))
            return o, np.zeros(o.size, np.int64), np.full(o.size, d.size, np.int64), d, amount
        if demand.ndim == 2:
            if demand.shape != (o.size, d.size):
                raise ParameterError(f"demand matrix must have shape ({o.size}, {d.size}), got {demand.shape}")
            start = np.arange(o.size, dtype=np.int64) * d.size
            return o, start, start + d.size, np.tile(d, o.size), demand.ravel()
        if demand.ndim == 1 and o.size == d.size == demand.size:  # OD pairs: one search per distinct origin
            by = np.argsort(o, kind="stable")
            uniq, start = np.unique(o[by], return_index=True)
            stop = np.append(start[1:], o.size)
            return uniq, start.astype(np.int64), stop.astype(np.int64), d[by], demand[by]
        raise ParameterError("demand must be a scalar, a (len(origins), len(destinations)) matrix, or a 1-D "
                             f"array of OD-pair demands as long as origins and destinations; got shape {demand.shape} "
                             f"for {o.size} origins and {d.size} destinations")

    def paths(self, origins, destinations, *, parallel=None):
        """Shortest paths of OD pairs (parallel arrays of node ids) as a :class:`PathSet` (one route
        per pair, ``od`` = pair index). One search per distinct root, stopped once the pairs' other
        ends are reached: the root is the origin, or on an undirected graph whichever end the pairs
        share more (e.g. the FMP every leg passes), the path then read backwards. Memory is one O(n)
        workspace per thread plus the paths (no n-wide rows)."""
        o = self._rank[self._node_ids(origins)]
        d = self._rank[self._node_ids(destinations)]
        if o.size != d.size:
            raise ParameterError(f"origins and destinations must pair up (got {o.size} and {d.size})")
        flip = self._flip(o, d, root_is_origin=True)
        root, other = np.where(flip, d, o), np.where(flip, o, d)
        by = np.argsort(root, kind="stable")
        uniq, start = np.unique(root[by], return_index=True)
        stop = np.append(start[1:], o.size).astype(np.int64)
        start = start.astype(np.int64)
        dnodes = other[by]
        chunks = self._run_chunks(uniq.size, parallel, lambda rows: _kernels.od_paths(
            self._indptr, self._indices, self._arc_w, self._arc_tail, uniq, start, stop, dnodes, rows))
        which = by[np.concatenate([c[0] for c in chunks])]
        cost = np.empty(o.size)
        n_arcs = np.empty(o.size, np.int64)
        cost[which] = np.concatenate([c[1] for c in chunks])
        n_arcs[which] = np.concatenate([c[2] for c in chunks])
        flat = np.concatenate([c[3] for c in chunks])
        start_in_flat = np.empty(o.size, np.int64)
        start_in_flat[which] = np.cumsum(n_arcs[which]) - n_arcs[which]
        arcs = flat[_spans(start_in_flat, n_arcs)]
        arcs = self._reverse_flipped(arcs, n_arcs, flip)
        return self._path_set(np.arange(o.size), cost, n_arcs, arcs, o)

    def _flip(self, o, d, *, root_is_origin):
        """Per pair, whether to search it the other way round (undirected graphs only): the search
        root is the pair's end shared by more pairs, so pairs through a few hubs cost a few searches."""
        if self.directed or o.size == 0:
            return np.zeros(o.size, bool)
        uniq, inv = np.unique(np.concatenate([o, d]), return_inverse=True)
        degree = np.bincount(inv)
        deg_o, deg_d = degree[inv[:o.size]], degree[inv[o.size:]]
        return deg_d > deg_o if root_is_origin else deg_o > deg_d

    def _reverse_flipped(self, arcs, n_arcs, flip):
        """Routes found from the far end, read the right way round (each arc replaced by its twin)."""
        if not flip.any():
            return arcs
        _, _, twin = self._reverse_arcs()
        starts = np.cumsum(n_arcs) - n_arcs
        idx = _spans(starts, n_arcs)
        within = idx - np.repeat(starts, n_arcs)
        rev = np.repeat(flip, n_arcs)
        src = np.where(rev, np.repeat(starts + n_arcs - 1, n_arcs) - within, idx)
        out = arcs[src]
        out[rev] = twin[out[rev]]
        return out

    def path_edges(self, origins, destinations, *, parallel=None):
        """Shortest paths of OD pairs as edge ids: (cost, ptr, edges) with pair i's edges, in travel
        order, ``edges[ptr[i]:ptr[i + 1]]`` and ``cost[i]`` = ``inf`` when it has no route."""
        ps = self.paths(origins, destinations, parallel=parallel)
        return ps.cost, ps.ptr, ps.edges

    def route_choices(self, origins, destinations, *, k, penalty=1.5, max_detour=1.5, max_iter=None,
                      parallel=None):
        """Up to ``k`` distinct routes per OD pair by link penalties, as a :class:`PathSet`.

        Each pair's shortest route comes first; every further search multiplies the weights of the
        edges used by the routes found so far by ``penalty`` (so the next route avoids them where a
        reasonable detour exists) and keeps the result if it is new and at most ``max_detour`` times
        the shortest cost (costs reported are true, unpenalised costs). At most ``max_iter`` searches
        per pair (default ``2 * k``). Pairs are grouped by destination (on an undirected graph by
        whichever end more pairs share): one full search per group gives exact distances that guide
        A* searches for the penalised routes, which explore little beyond the route.
        """
        k = int(k)
        if k < 1:
            raise ParameterError(f"k must be >= 1, got {k}")
        if not penalty >= 1.0 or not np.isfinite(penalty):
            raise ParameterError(f"penalty must be a finite factor >= 1, got {penalty}")
        if not max_detour >= 1.0:
            raise ParameterError(f"max_detour must be >= 1, got {max_detour}")
        max_iter = 2 * k if max_iter is None else int(max_iter)
        o = self._rank[self._node_ids(origins)]
        d = self._rank[self._node_ids(destinations)]
        if o.size != d.size:
            raise ParameterError(f"origins and destinations must pair up (got {o.size} and {d.size})")
        flip = self._flip(o, d, root_is_origin=False)
        src, tgt = np.where(flip, d, o), np.where(flip, o, d)
        by = np.argsort(tgt, kind="stable")
        targets, start = np.unique(tgt[by], return_index=True)
        stop = np.append(start[1:], tgt.size).astype(np.int64)
        rindptr, rarc, twin = self._reverse_arcs()
        chunks = self._run_chunks(targets.size, parallel, lambda rows: _kernels.penalty_routes(
            self._indptr, self._indices, self._arc_w, self._arc_tail, twin, rindptr, rarc, targets,
            start.astype(np.int64), stop, src[by], rows, k, float(penalty), float(max_detour), max_iter))
        od, cost, arcs = [], [], []
        for js, cs, paths in chunks:
            for j, c, p in zip(js, cs, paths):
                pair = by[j]
                od.append(pair)
                cost.append(c)
                arcs.append(twin[p[::-1]] if flip[pair] else p)
        order = np.lexsort((np.array(cost), np.array(od, dtype=np.int64))) if od else np.empty(0, np.int64)
        od = np.array(od, dtype=np.int64)[order]
        cost = np.array(cost, dtype=np.float64)[order]
        arcs = [arcs[i] for i in order]
        n_arcs = np.array([a.size for a in arcs], dtype=np.int64)
        flat = np.concatenate(arcs).astype(np.int32) if arcs else np.empty(0, np.int32)
        missing = np.setdiff1d(np.arange(o.size), od)
        if missing.size:  # unreachable pairs get one empty route with cost inf
            starts = np.cumsum(n_arcs) - n_arcs
            od = np.concatenate([od, missing])
            order = np.argsort(od, kind="stable")
            cost = np.concatenate([cost, np.full(missing.size, np.inf)])[order]
            starts = np.concatenate([starts, np.zeros(missing.size, np.int64)])[order]
            n_arcs = np.concatenate([n_arcs, np.zeros(missing.size, np.int64)])[order]
            od = od[order]
            flat = flat[_spans(starts, n_arcs)]
        return self._path_set(od, cost, n_arcs, flat, o[od])

    def _path_set(self, od, cost, n_arcs, arcs, first_node):
        """A :class:`PathSet` in external ids from routes given as internal arcs."""
        ptr = np.zeros(od.size + 1, np.int64)
        np.cumsum(n_arcs, out=ptr[1:])
        edges = self._arc_edge[arcs].astype(np.int64)
        # nodes: route i's first node at slot ptr[i] + i (-1 when unreachable), then its arcs' heads
        first = np.zeros(ptr[-1] + od.size, bool)
        first[ptr[:-1] + np.arange(od.size)] = True
        nodes = np.empty(first.size, np.int64)
        nodes[first] = np.where(np.isfinite(cost), self._ext_id[first_node], -1)
        nodes[~first] = self._ext_id[self._indices[arcs]]
        return PathSet(od=od, cost=cost, ptr=ptr, edges=edges, nodes=nodes)

    def _reverse_arcs(self):
        """Arcs entering each node (``rarc[rindptr[v]:rindptr[v + 1]]``) and each arc's twin (the
        other direction of the same undirected edge, -1 when directed); computed once per structure."""
        cached = self.__dict__.get("_reverse")
        if cached is None or cached[0] is not self._indices:
            rarc = np.argsort(self._indices, kind="stable").astype(np.int32)
            rindptr = np.zeros(self.n_nodes + 1, np.int64)
            np.cumsum(np.bincount(self._indices, minlength=self.n_nodes), out=rindptr[1:])
            twin = np.full(self._indices.size, -1, np.int32)
            if not self.directed:
                by = np.argsort(self._arc_edge, kind="stable")
                first, second = by[0::2], by[1::2]
                twin[first], twin[second] = second, first
            cached = (self._indices, rindptr, rarc, twin)
            self._reverse = cached
        return cached[1:]

    def _run_chunks(self, n_rows, parallel, run):
        """``run(rows)`` over the row ids split among threads (the kernels release the GIL).
        ``parallel``: False (one thread), None/True (numba's thread count) or a number of threads."""
        if parallel is None or parallel is True:
            threads = _threads()
        else:
            threads = max(1, int(parallel))
        threads = min(threads, max(n_rows, 1))
        if threads == 1:
            return [run(np.arange(n_rows, dtype=np.int64))]
        from concurrent.futures import ThreadPoolExecutor

        parts = [np.arange(t, n_rows, threads, dtype=np.int64) for t in range(threads)]
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(run, parts))

    def shortest_path(self, source, target):
        """The shortest path from ``source`` to ``target`` as a :class:`Path`, or None if unreachable."""
        paths = self.k_shortest_paths(source, target, k=1)
        return paths[0] if paths else None

    def k_shortest_paths(self, source, target, *, k):
        """Up to ``k`` loopless paths from ``source`` to ``target``, cheapest first (Yen), avoiding
        masked edges."""
        if int(k) < 1:
            raise ParameterError(f"k must be >= 1, got {k}")
        s, t = self._node_ids([source, target])
        if s == t:
            return [Path(0.0, np.array([s]), np.empty(0, dtype=np.int64))]
        arcs, costs = _kernels.yen(self._indptr, self._indices, self._arc_w, self._arc_tail,
                                   self._rank[s], self._rank[t], int(k))
        out = []
        for a, c in zip(arcs, costs):
            nodes = np.concatenate([[self._arc_tail[a[0]]], self._indices[a]])
            out.append(Path(float(c), self._ext_id[nodes], self._arc_edge[a]))
        return out

    # ----------------------------------------------------------------- helpers
    def _node_ids(self, ids):
        arr = np.atleast_1d(np.asarray(ids))
        if arr.size and not np.issubdtype(arr.dtype, np.integer):
            if np.issubdtype(arr.dtype, np.floating) and np.all(arr == np.round(arr)):
                arr = arr.astype(np.int64)
            else:
                raise NodeError(f"node ids must be integers, got {arr[:5].tolist()}")
        arr = arr.astype(np.int64).ravel()
        bad = (arr < 0) | (arr >= self.n_nodes)
        if bad.any():
            raise NodeError(f"node id(s) {np.unique(arr[bad])[:10].tolist()} not in the graph "
                            f"(0..{self.n_nodes - 1})")
        return arr

    def _edge_ids(self, ids):
        arr = np.atleast_1d(np.asarray(ids)).astype(np.int64).ravel()
        bad = (arr < 0) | (arr >= self.n_edges)
        if bad.any():
            raise ParameterError(f"edge id(s) {np.unique(arr[bad])[:10].tolist()} not in the graph "
                                 f"(0..{self.n_edges - 1})")
        return arr

    @staticmethod
    def _cutoff(cutoff):
        if cutoff is None:
            return np.inf
        cutoff = float(cutoff)
        if np.isnan(cutoff) or cutoff < 0:
            raise ParameterError(f"cutoff must be >= 0, got {cutoff}")
        return cutoff

    # Below this many (sources x nodes) a second thread costs more to start than it saves
    # (measured: 40 sources on 10k nodes ran faster on one thread).
    PARALLEL_MIN_WORK = 1_000_000

    def _n_threads(self, n_sources, parallel):
        if parallel is False or n_sources < 2:
            return 1
        if parallel is None and n_sources * self.n_nodes < self.PARALLEL_MIN_WORK:
            return 1
        return min(_threads(), n_sources)

    def __repr__(self):
        kind = "directed" if self.directed else "undirected"
        return (f"RoadGraph({kind}, {self.n_nodes} nodes, {self.n_edges} edges, "
                f"{int(self.mask.sum())} masked)")


__all__ = ["Path", "PathSet", "RoadGraph", "hilbert_order"]
