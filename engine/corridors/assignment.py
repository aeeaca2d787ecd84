"""Routing travel legs on the road graph: route shares per stop pair, leg-edge incidence, volumes.

A leg's stops (origin, FMP, optional next stop, destination) are joined pair by pair. With ``k=1``
each pair takes its shortest path (all-or-nothing); with ``k>1`` the flow is shared over up to k
loopless alternatives by a logit on travel time, ``share_i = exp(-theta * (t_i - t_min))``
(``theta`` per hour), so parallel roads share flow. Edge volumes are linear in demand, so routing
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


SOURCE_BATCH = 64  # sources per shortest-path tree call (bounds the dist/pred arrays' memory)


def route_pairs(graph, pairs, *, k=1, theta_per_h=1.0, progress=None):
    """Route every distinct (a, b) node pair; returns :class:`PairRoutes`.

    k=1 reads every pair's path off one shortest-path tree per distinct origin; k>1 runs Yen's
    k-shortest loopless paths per pair (exact, and far costlier on large networks).
    """
    if int(k) < 1:
        raise ParameterError(f"k must be >= 1, got {k}")
    if not theta_per_h > 0:
        raise ParameterError(f"theta must be > 0 (per hour of travel time), got {theta_per_h}")
    pairs = list(dict.fromkeys(pairs))
    paths_of = _tree_paths(graph, pairs) if int(k) == 1 else (
        lambda i, a, b: graph.k_shortest_paths(a, b, k=int(k)))
    rows, cols, vals, main, cost, ok = [], [], [], [], np.full(len(pairs), np.nan), np.zeros(len(pairs), bool)
    for i, (a, b) in enumerate(pairs):
        paths = paths_of(i, a, b)
        if not paths:
            main.append(np.array([a], np.int64))
            continue
        costs = np.array([p.cost for p in paths])
        share = np.exp(-theta_per_h * (costs - costs.min()))
        share /= share.sum()
        for s, path in zip(share, paths):
            rows.extend([i] * path.edges.size)
            cols.extend(path.edges.tolist())
            vals.extend([s] * path.edges.size)
        main.append(paths[0].nodes)
        cost[i], ok[i] = costs.min(), True
        if progress and (i + 1) % 200 == 0:
            progress(i + 1, len(pairs), "routing stop pairs")
    inc = sparse.csr_matrix((vals, (rows, cols)), shape=(len(pairs), graph.n_edges))
    inc.sum_duplicates()
    unreachable = [p for p, good in zip(pairs, ok) if not good]
    if unreachable:
        log.warning("%d stop pair(s) have no route on the network (closed crossings or disconnected roads)",
                    len(unreachable))
    return PairRoutes({p: i for i, p in enumerate(pairs)}, inc, main, cost, ok)


def _tree_paths(graph, pairs):
    """``paths_of(i, a, b)`` for k=1: shortest paths walked back on predecessor trees, computed
    for the pairs' distinct origins in batches, each edge the cheapest open one between its nodes."""
    origins = list(dict.fromkeys(a for a, _ in pairs))
    best = _cheapest_edges(graph)
    found = {}
    for start in range(0, len(origins), SOURCE_BATCH):
        batch = origins[start:start + SOURCE_BATCH]
        dist, pred = graph.shortest_paths(batch)
        row_of = {a: r for r, a in enumerate(batch)}
        for a, b in pairs:
            r = row_of.get(a)
            if r is None or not np.isfinite(dist[r, b]):
                continue
            nodes = [b]
            while nodes[-1] != a:
                nodes.append(int(pred[r, nodes[-1]]))
            nodes = np.array(nodes[::-1], dtype=np.int64)
            edges = np.array([best[(x, y)] for x, y in zip(nodes[:-1], nodes[1:])], dtype=np.int64)
            found[(a, b)] = [_Path(float(dist[r, b]), nodes, edges)]
    return lambda i, a, b: found.get((a, b), [])


@dataclass(frozen=True)
class _Path:
    cost: float
    nodes: np.ndarray
    edges: np.ndarray


def _cheapest_edges(graph):
    """(tail, head) -> id of the cheapest open edge between them (both ways when undirected)."""
    u, v, w, ids = graph.u, graph.v, graph.weight, np.arange(graph.n_edges)
    if not graph.directed:
        u, v, w, ids = np.r_[u, v], np.r_[v, u], np.r_[w, w], np.r_[ids, ids]
    keep = ~graph.mask[ids]
    order = np.argsort(w[keep], kind="stable")[::-1]  # cheapest written last, so it wins
    tails, heads, edge = u[keep][order].tolist(), v[keep][order].tolist(), ids[keep][order].tolist()
    return dict(zip(zip(tails, heads), edge))


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
