"""Routing travel legs on the road graph: route shares per stop pair, leg-edge incidence, volumes.

A leg's stops (origin, FMP, optional next stop, destination) are joined pair by pair. With ``k=1``
each pair takes its shortest path (all-or-nothing); with ``k>1`` the flow is shared over up to k
distinct alternatives (Yen's k shortest paths on small graphs, link penalties on large ones) by a
logit on travel time, ``share_i = exp(-theta * (t_i - t_min))`` (``theta`` per hour), so parallel
roads share flow. Edge volumes are linear in demand, so routing
is done once per distinct stop pair and volumes are a sparse matrix product.
"""
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from ..errors import ParameterError

log = logging.getLogger(__name__)


@dataclass
class PairRoutes:
    """Routes of distinct stop pairs: ``incidence`` (pairs x edges, route shares), the main route's
    nodes per pair, its cost, and whether the pair is reachable."""

    index: dict
    incidence: sparse.csr_matrix
    main_nodes: list
    cost_h: np.ndarray
    reachable: np.ndarray


YEN_MAX_EDGES = 50_000  # route choice "auto": Yen's exact k shortest paths up to this size, link penalties above
CHOICE_METHODS = ("auto", "yen", "penalty")


def route_pairs(graph, pairs, *, k=1, theta_per_h=1.0, choice="auto", max_memory_mb=None, progress=None):
    """Route every distinct (a, b) node pair; returns :class:`PairRoutes`.

    k=1 reads every pair's shortest path off one search per distinct origin. k>1 builds a choice set
    per pair: ``choice="yen"`` runs Yen's exact k shortest loopless paths (one search per spur node:
    small graphs and tests), ``"penalty"`` the link-penalty generator of
    :meth:`RoadGraph.route_choices` (k distinct realistic alternatives, scales to national road
    networks), ``"auto"`` Yen up to ``YEN_MAX_EDGES`` edges and link penalties above.
    ``max_memory_mb`` caps the routing workspaces (one per thread; fewer threads when the budget is
    tight); the routes themselves (a few arrays of edge ids) come on top.
    """
    if int(k) < 1:
        raise ParameterError(f"k must be >= 1, got {k}")
    if not theta_per_h > 0:
        raise ParameterError(f"theta must be > 0 (per hour of travel time), got {theta_per_h}")
    if choice not in CHOICE_METHODS:
        raise ParameterError(f"choice must be one of {', '.join(CHOICE_METHODS)}, not {choice!r}")
    k = int(k)
    pairs = list(dict.fromkeys(pairs))
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    use_yen = k > 1 and (choice == "yen" or (choice == "auto" and graph.n_edges <= YEN_MAX_EDGES))
    parallel = workspace_threads(graph, max_memory_mb=max_memory_mb, choice_set=k > 1 and not use_yen)
    if not pairs:
        routes = graph.paths(a, b)
    elif k == 1:
        routes = graph.paths(a, b, parallel=parallel)
    elif use_yen:
        routes = _yen_routes(graph, pairs, k, progress)
    else:
        routes = graph.route_choices(a, b, k=k, parallel=parallel)
    if progress:
        progress(len(pairs), len(pairs), "routing stop pairs")
    ok = np.zeros(len(pairs), bool)
    ok[routes.od[np.isfinite(routes.cost)]] = True
    cost = np.full(len(pairs), np.nan)
    np.fmin.at(cost, routes.od, np.where(np.isfinite(routes.cost), routes.cost, np.nan))
    # logit shares within each pair's choice set: exp(-theta * (t_i - t_min)), normalised
    good = np.isfinite(routes.cost)
    share = np.zeros(len(routes))
    share[good] = np.exp(-theta_per_h * (routes.cost[good] - cost[routes.od[good]]))
    total = np.bincount(routes.od, weights=share, minlength=len(pairs))
    share[good] /= total[routes.od[good]]
    n_edges = np.diff(routes.ptr)
    inc = sparse.csr_matrix((np.repeat(share, n_edges), (np.repeat(routes.od, n_edges), routes.edges)),
                            shape=(len(pairs), graph.n_edges))
    inc.sum_duplicates()
    first = np.ones(len(routes), bool)
    first[1:] = routes.od[1:] != routes.od[:-1]  # routes are grouped by pair, cheapest first
    main = [None] * len(pairs)
    for i in np.flatnonzero(first):
        main[routes.od[i]] = routes.path(i).nodes if good[i] else np.array([a[routes.od[i]]], np.int64)
    unreachable = int((~ok).sum())
    if unreachable:
        log.warning("%d stop pair(s) have no route on the network (closed crossings or disconnected roads)",
                    unreachable)
    return PairRoutes({p: i for i, p in enumerate(pairs)}, inc, main, cost, ok)


def workspace_threads(graph, *, max_memory_mb=None, choice_set=False):
    """Routing threads that fit in ``max_memory_mb`` (None: numba's thread count): each thread holds
    a workspace of a few arrays per node (and a copy of the arc weights for choice sets) on top of
    the graph itself. Raises :class:`ParameterError` when not even one workspace fits."""
    import numba

    threads = max(1, int(numba.get_num_threads()))
    if max_memory_mb is None:
        return threads
    n_arcs = graph.n_edges * (1 if graph.directed else 2)
    per_thread = graph.n_nodes * (45 if choice_set else 33) + (8 * n_arcs if choice_set else 0)
    base = graph.n_nodes * 24 + n_arcs * 24 + graph.n_edges * 25  # CSR, reverse arcs, edge arrays
    fit = int((float(max_memory_mb) * 2**20 - base) // per_thread)
    if fit < 1:
        raise ParameterError(f"max_memory_mb={max_memory_mb} is too small for this network "
                             f"({graph.n_nodes} nodes, {graph.n_edges} edges): routing needs at least "
                             f"{(base + per_thread) / 2**20:.3g} MB")
    return min(threads, fit)


def _yen_routes(graph, pairs, k, progress):
    """Yen's k shortest loopless paths per pair, as a PathSet."""
    from ..network import PathSet

    od, cost, edges, nodes, n_edges = [], [], [], [], []
    for i, (a, b) in enumerate(pairs):
        paths = graph.k_shortest_paths(a, b, k=k) or [None]
        for p in paths:
            od.append(i)
            cost.append(np.inf if p is None else p.cost)
            edges.append(np.empty(0, np.int64) if p is None else p.edges)
            nodes.append(np.array([-1], np.int64) if p is None else p.nodes)
            n_edges.append(0 if p is None else p.edges.size)
        if progress and (i + 1) % 200 == 0:
            progress(i + 1, len(pairs), "routing stop pairs")
    ptr = np.concatenate([[0], np.cumsum(n_edges)]).astype(np.int64)
    return PathSet(od=np.array(od, np.int64), cost=np.array(cost, float), ptr=ptr,
                   edges=np.concatenate(edges).astype(np.int64), nodes=np.concatenate(nodes).astype(np.int64))


def leg_stops(legs):
    """Stop sequences per leg: (origin, fmp[, via], destination) as tuples of node ids."""
    o, f, v, d = (legs[c].to_numpy() for c in ("origin_node", "fmp_node", "via_node", "destination_node"))
    return [tuple(int(n) for n in (oo, ff, vv, dd) if n >= 0) for oo, ff, vv, dd in zip(o, f, v, d)]


def stop_pairs(stops):
    return [(a, b) for seq in stops for a, b in zip(seq[:-1], seq[1:]) if a != b]


def route_incidence(routes, stops):
    """Routes (distinct stop sequences) x edges: the sum of their pairs' incidence rows, the main
    route's nodes, and whether every pair is reachable."""
    rows, cols, nodes, reachable = [], [], [], []
    for r, seq in enumerate(stops):
        ids = [routes.index[(a, b)] for a, b in zip(seq[:-1], seq[1:]) if a != b]
        rows.extend([r] * len(ids))
        cols.extend(ids)
        nodes.append(np.unique(np.concatenate([routes.main_nodes[i] for i in ids])) if ids
                     else np.array(seq, np.int64))
        reachable.append(bool(routes.reachable[ids].all()) if ids else True)
    pick = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(stops), len(routes.index)))
    return (pick @ routes.incidence).tocsr(), nodes, np.array(reachable)


def dedup_weights(legs, route_id, route_nodes):
    """1/m for a count seen at m FMPs that lie on each other's routes for the same period and OD.

    A traveller passing several FMPs is counted at each; each count is one measurement of the same
    flow, so the flow is their mean (each member weighted 1/m). FMPs on separate routes between the
    same places count different travellers and keep weight 1.
    """
    weight = np.ones(len(legs))
    keys = legs[["period", "origin_node", "destination_node"]].astype(str).agg("|".join, axis=1)
    for _, idx in legs.groupby(keys.to_numpy()).indices.items():
        fmps = pd.unique(legs["fmp_node"].to_numpy()[idx])
        if fmps.size < 2:
            continue
        first = {f: route_id[idx[legs["fmp_node"].to_numpy()[idx] == f][0]] for f in fmps}
        parent = {f: f for f in fmps}

        def root(f):
            while parent[f] != f:
                f = parent[f]
            return f

        for a in fmps:
            for b in fmps:
                if a < b and (b in route_nodes[first[a]] or a in route_nodes[first[b]]):
                    parent[root(a)] = root(b)
        size = pd.Series([root(f) for f in fmps], index=fmps).map(
            pd.Series([root(f) for f in fmps]).value_counts())
        weight[idx] = 1.0 / size.reindex(legs["fmp_node"].to_numpy()[idx]).to_numpy()
    return weight
