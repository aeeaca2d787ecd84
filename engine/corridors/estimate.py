"""Completing partly declared origins and destinations at each FMP.

Travellers often declare only where they come from, or only where they go. For each FMP and period
the full origin-destination matrix is estimated by iterative proportional fitting (IPF, the
entropy-maximising solution) from a seed made of the fully declared counts plus a gravity prior
(population x population / distance^2, weighted by the bilateral migrant stock when given), fitted to
the declared origin totals and destination totals. Each partly declared count is then shared out
over the cells its declaration allows, in proportion to the fitted matrix. Candidate places at an
FMP are those declared there in any period.
"""
import logging

import numpy as np
import pandas as pd

from .observations import declared

log = logging.getLogger(__name__)

PRIOR_WEIGHT = 0.1  # share of the seed given to the gravity prior; the declared counts dominate
MIN_DISTANCE_KM = 25.0  # keeps the gravity prior finite for neighbouring towns


def gravity_prior(origins, destinations, node_info, *, stock=None):
    """Gravity matrix between node sets: pop_o * pop_d / d_km^2, times (1 + migrant-stock share)."""
    o = node_info.loc[origins]
    d = node_info.loc[destinations]
    dist = _haversine_km(o["lon"].to_numpy()[:, None], o["lat"].to_numpy()[:, None],
                         d["lon"].to_numpy()[None, :], d["lat"].to_numpy()[None, :])
    g = (np.maximum(o["population"].to_numpy(float), 1.0)[:, None]
         * np.maximum(d["population"].to_numpy(float), 1.0)[None, :]
         / np.maximum(dist, MIN_DISTANCE_KM) ** 2)
    if stock is not None and len(stock):
        share = stock.groupby(["origin_iso3", "destination_iso3"])["stock"].sum()
        share = share / share.groupby(level=0).transform("sum")
        keys = pd.MultiIndex.from_arrays([np.repeat(o["country_iso3"].to_numpy(), len(d)),
                                          np.tile(d["country_iso3"].to_numpy(), len(o))])
        g = g * (1.0 + share.reindex(keys).fillna(0.0).to_numpy().reshape(g.shape))
    g[np.asarray(origins)[:, None] == np.asarray(destinations)[None, :]] = 0.0
    return g


def ipf(seed, row_totals, col_totals, *, max_iter=500, tol=1e-10):
    """Scale ``seed`` so that its row and column sums match the totals (which must agree in sum)."""
    x = np.array(seed, dtype=float)
    for _ in range(max_iter):
        rows = x.sum(axis=1)
        x *= np.divide(row_totals, rows, out=np.zeros_like(rows), where=rows > 0)[:, None]
        cols = x.sum(axis=0)
        x *= np.divide(col_totals, cols, out=np.zeros_like(cols), where=cols > 0)[None, :]
        if np.abs(x.sum(axis=1) - row_totals).max() <= tol * max(row_totals.sum(), 1.0):
            break
    return x


def complete_legs(legs, node_info, *, stock=None):
    """Legs with every origin and destination known: partly declared legs are split over the
    estimated OD cells (column ``estimated`` True); legs with no candidate place at their FMP are
    returned apart as the second value (they stay unassigned and show in the FMP residuals)."""
    kind = declared(legs)
    full = legs[kind == "complete"].assign(estimated=False)
    partial = legs[kind != "complete"].assign(kind=kind[kind != "complete"])
    if partial.empty:
        return full, partial.drop(columns="kind")
    origins = legs.loc[legs["origin_node"] >= 0].groupby("fmp_id")["origin_node"].unique()
    dests = legs.loc[legs["destination_node"] >= 0].groupby("fmp_id")["destination_node"].unique()
    pieces, dropped = [full], []
    for (period, fmp), group in partial.groupby(["period", "fmp_id"], sort=False):
        o_nodes = np.sort(origins.get(fmp, np.array([], np.int64)))
        d_nodes = np.sort(dests.get(fmp, np.array([], np.int64)))
        if not o_nodes.size or not d_nodes.size:
            dropped.append(group)
            continue
        known = full[(full["period"] == period) & (full["fmp_id"] == fmp)]
        fitted = _fit(known, group, o_nodes, d_nodes, node_info, stock)
        pieces.append(_split(group, fitted, o_nodes, d_nodes))
    dropped = pd.concat(dropped).drop(columns="kind") if dropped else partial.iloc[:0].drop(columns="kind")
    if len(dropped):
        log.warning("%.0f person(s) at FMPs where no origin or destination was ever declared cannot be "
                    "routed", dropped["persons"].sum())
    return pd.concat(pieces, ignore_index=True), dropped


def _fit(known, partial, o_nodes, d_nodes, node_info, stock):
    k = (known.pivot_table(index="origin_node", columns="destination_node", values="persons", aggfunc="sum")
         .reindex(index=o_nodes, columns=d_nodes).fillna(0.0).to_numpy())
    by_o = partial[partial["kind"] == "origin_only"].groupby("origin_node")["persons"].sum()
    by_d = partial[partial["kind"] == "destination_only"].groupby("destination_node")["persons"].sum()
    total = k.sum() + partial["persons"].sum()
    prior = gravity_prior(o_nodes, d_nodes, node_info, stock=stock)
    rows = k.sum(axis=1) + by_o.reindex(o_nodes).fillna(0.0).to_numpy()
    cols = k.sum(axis=0) + by_d.reindex(d_nodes).fillna(0.0).to_numpy()
    rows = rows if rows.sum() > 0 else prior.sum(axis=1)
    cols = cols if cols.sum() > 0 else prior.sum(axis=0)
    seed = k + PRIOR_WEIGHT * prior / max(prior.sum(), 1e-300) * max(total, 1.0)
    return ipf(seed, rows * total / rows.sum(), cols * total / cols.sum())


def _split(partial, fitted, o_nodes, d_nodes):
    """One output row per (partial leg, allowed OD cell), persons shared by the fitted matrix."""
    cells = pd.DataFrame({"origin_node": np.repeat(o_nodes, d_nodes.size),
                          "destination_node": np.tile(d_nodes, o_nodes.size), "w": fitted.ravel()})
    cells = cells[cells["w"] > 0]
    by_kind = {
        "origin_only": (["destination_node"], dict(on="origin_node"), "origin_node"),
        "destination_only": (["origin_node"], dict(on="destination_node"), "destination_node"),
        "none": (["origin_node", "destination_node"], dict(how="cross"), None),
    }
    out = []
    for kind, group in partial.groupby("kind", sort=False):
        unknown, how, key = by_kind[kind]
        total = cells.groupby(key)["w"].transform("sum") if key else cells["w"].sum()
        rows = group.drop(columns=unknown).merge(cells.assign(share=cells["w"] / total), **how)
        rows["persons"] = rows["persons"] * rows["share"]
        out.append(rows.drop(columns=["w", "share"]))
    return pd.concat(out, ignore_index=True).drop(columns="kind").assign(estimated=True)


def _haversine_km(lon1, lat1, lon2, lat2):
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(a))
