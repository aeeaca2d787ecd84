"""`reconstruct`: corridors, edge volumes with intervals, OD flows and FMP fit from FMP counts."""
import logging
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import LineString

from ..errors import EmptyResultError, ParameterError
from .assignment import dedup_weights, leg_stops, route_incidence, route_pairs, stop_pairs
from .estimate import complete_legs
from .extract import corridor_table, high_flow_chains
from ..io.gazetteer import Gazetteer
from .observations import build_legs, period_days

log = logging.getLogger(__name__)

WGS84 = "EPSG:4326"


@dataclass
class CorridorResult:
    """Outputs of :func:`reconstruct` (layer names of ../docs/contract.md), in EPSG:4326."""

    edge_flows: gpd.GeoDataFrame
    edge_flows_by_period: gpd.GeoDataFrame
    corridors: gpd.GeoDataFrame
    od_flows: gpd.GeoDataFrame
    fmp_points: gpd.GeoDataFrame
    corridor_series: pd.DataFrame
    parameters: dict = field(default_factory=dict)

    def layers(self):
        return {"edge_flows": self.edge_flows, "edge_flows_by_period": self.edge_flows_by_period,
                "corridors": self.corridors, "od_flows": self.od_flows, "fmp_points": self.fmp_points}


def reconstruct(network, fmp, counts, places, *, period="month", filters=None, k=1, theta_per_h=1.0,
                closures=None, stock=None, n_boot=200, min_share=0.02, snap_tolerance_m=25_000.0, seed=0,
                max_memory_mb=None, progress=None):
    """Reconstruct migration corridors from flow-monitoring counts.

    ``network``: a built :class:`~rdh_engine.network.RoadNetwork`; ``fmp``: the FMP catalogue (points,
    or a table with ``lon``/``lat``); ``counts``: canonical ``fmp_counts``; ``places``: the gazetteer.
    ``period``: day, week, month, quarter, year or all; ``filters``: e.g. ``{"flow_type": ["outgoing"]}``;
    ``k``/``theta_per_h``: logit assignment over k loopless routes (k=1: all-or-nothing);
    ``closures``: ``{period: [edge_id, ...]}`` of border-crossing edges closed in that period (see
    :func:`~rdh_engine.corridors.closures.closed_edges_by_period`);
    ``stock``: bilateral migrant stock (origin_iso3, destination_iso3, stock) for the gravity prior;
    ``n_boot``: bootstrap resamples of observation days for ``flow_p05``/``flow_p95``;
    ``min_share``: an edge is part of a corridor when it carries at least this share of all flow.
    ``max_memory_mb``: cap on the routing workspaces (see :func:`.assignment.route_pairs`).
    ``progress(done, total, step)`` is called between stages.
    """
    _check(k=k, n_boot=n_boot, min_share=min_share)
    steps = 6

    def tick(i, label):
        if progress:
            progress(i, steps, label)

    fmp_pts = _points(fmp, "FMP catalogue")
    fmp_snap = network.snap(fmp_pts, tolerance_m=snap_tolerance_m, id_column="fmp_id")
    fmp_nodes = {str(f): int(n) for f, n in zip(fmp_pts["fmp_id"], fmp_snap["nearest_node"]) if n >= 0}
    places = _points(places, "gazetteer")
    gazetteer = Gazetteer.from_places(places)
    labels = _places_in_counts(counts, gazetteer)
    snapped = network.snap(places.loc[labels], tolerance_m=snap_tolerance_m)
    place_nodes = {lab: int(n) for lab, n in zip(labels, snapped["nearest_node"]) if n >= 0}
    tick(1, "FMPs and places snapped to the road network")

    legs = build_legs(counts, fmp_nodes, place_nodes, places, period=period, filters=filters, gazetteer=gazetteer)
    days = period_days(legs["period"], legs["date"], period)
    node_info = _node_info(places, place_nodes)
    legs, unrouted = complete_legs(legs, node_info, stock=stock)
    if legs.empty:
        raise EmptyResultError("nothing to route: " + _why_nothing_routable(
            network, fmp_pts, fmp_snap, places.loc[labels], snapped, snap_tolerance_m))
    tick(2, "origin-destination matrices completed")

    stops = leg_stops(legs)
    sequences = list(dict.fromkeys(stops))
    position = {s: i for i, s in enumerate(sequences)}
    route_id = np.array([position[s] for s in stops], dtype=np.int64)
    legs["route_id"] = route_id
    per_closure = _route_by_closure(network, legs, sequences, closures, k=k, theta_per_h=theta_per_h,
                                    max_memory_mb=max_memory_mb)
    _require_routes(legs, per_closure)
    tick(3, "routes assigned")

    any_inc, any_nodes, _ = next(iter(per_closure.values()))
    legs["weight"] = dedup_weights(legs, route_id, any_nodes)
    by_period = _period_volumes(legs, per_closure, days, network.graph.n_edges, n_boot=n_boot, seed=seed)
    tick(4, "edge volumes and intervals")

    total_days = sum(days.values())
    overall = sum(v * days[p] for p, v in by_period["flow"].items()) / total_days
    lo = sum(v * days[p] for p, v in by_period["p05"].items()) / total_days
    hi = sum(v * days[p] for p, v in by_period["p95"].items()) / total_days
    edges = network.edges
    edge_flows = _edge_layer(edges, overall, lo, hi)
    edge_flows_by_period = _edge_period_layer(edges, by_period)
    od = _od_layer(legs, node_info, total_days)
    total_flow = od["flow_persons_day"].sum()
    node_names = _node_names(network, places)
    chains = high_flow_chains(edges, overall, min_flow=max(min_share * total_flow, 1e-9))
    table = corridor_table(chains, edges, overall, node_names, total_flow=total_flow)
    tick(5, "corridors extracted")

    corridors = _corridor_layer(table, edges)
    series = _corridor_series(table, by_period["flow"], edges)
    fmp_points = _fmp_layer(fmp_pts, fmp_snap, legs, unrouted, per_closure, total_days)
    tick(6, "done")
    params = {"period": period, "filters": filters or {}, "k": k, "theta_per_h": theta_per_h, "n_boot": n_boot,
              "min_share": min_share, "snap_tolerance_m": snap_tolerance_m, "seed": seed,
              "closed_edges": {p: list(v) for p, v in (closures or {}).items() if v},
              "counting_days": int(total_days),  # persons/day x counting_days = persons counted
              # every value a filtered column holds: what the register needs to tie breakdowns together
              "filter_domains": {c: sorted(counts[c].astype(str).str.lower().unique()) for c in (filters or {})
                                 if c in counts},
              # the records the filters split: breakdowns of the same window add up
              "counts_window": [str(pd.Timestamp(d).date()) for d in (pd.to_datetime(counts["date"]).min(),
                                                                      pd.to_datetime(counts["date"]).max())]}
    return CorridorResult(edge_flows, edge_flows_by_period, corridors, od, fmp_points, series, params)


def _why_nothing_routable(network, fmp_pts, fmp_snap, places, snapped, tolerance_m, listed=5):
    """Which FMPs and places are too far from the roads, with their distance to the nearest one."""
    parts = []
    for what, pts, snap, name in (("FMP", fmp_pts, fmp_snap, "fmp_id"), ("place", places, snapped, "name")):
        far = pts[snap["nearest_node"].to_numpy() < 0]
        if len(far):
            nearest = network.snap(far, tolerance_m=1e8)["snap_distance_m"].to_numpy() / 1000
            items = [f"{n} ({d:,.0f} km)" for n, d in zip(far[name].astype(str), nearest)][:listed]
            parts.append(f"{len(far)} of {len(pts)} {what}(s) farther than {tolerance_m / 1000:g} km from "
                         f"the nearest road: {', '.join(items)}")
    if not parts:
        parts.append("no count has both an origin and a destination found in the gazetteer and on the "
                     "network (check the place names and the --filter values)")
    return "; ".join(parts)


def _require_routes(legs, per_closure):
    """EmptyResultError when no leg has a route (a disconnected network); a warning with counts when some miss."""
    ok = np.zeros(len(legs), bool)
    for closed, (_, _, reachable) in per_closure.items():
        rows = legs["closure"].map(lambda c, closed=closed: c == closed).to_numpy(bool)
        ok[rows] = reachable[legs["route_id"].to_numpy()[rows]]
    if not ok.any():
        raise EmptyResultError(f"no route found for any of the {len(legs)} count row(s): their origins, FMPs and "
                               "destinations lie on parts of the road network that are not connected (check the "
                               "roads layer, or closures that cut every crossing)")
    if not ok.all():
        log.warning("%d of %d count row(s) have no route on the network (disconnected parts) and are left out",
                    int((~ok).sum()), len(legs))


def _check(*, k, n_boot, min_share):
    if int(k) < 1:
        raise ParameterError(f"k must be >= 1, got {k}")
    if int(n_boot) < 0:
        raise ParameterError(f"n_boot must be >= 0, got {n_boot}")
    if not 0 < min_share < 1:
        raise ParameterError(f"min_share must be between 0 and 1, got {min_share}")


def _points(table, what):
    if isinstance(table, gpd.GeoDataFrame) and table.crs is not None:
        return table
    if {"lon", "lat"} <= set(table.columns):
        return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs=WGS84)
    raise ParameterError(f"the {what} needs point geometries with a CRS or lon/lat columns")


def _places_in_counts(counts, gazetteer):
    names = pd.concat([counts[c] for c in ("origin", "destination", "next_stop") if c in counts]).dropna().unique()
    labels, _ = gazetteer.labels(names)
    return list(pd.unique(labels.dropna()))


def _node_info(places, place_nodes):
    info = pd.DataFrame({
        "node": [place_nodes[p] for p in place_nodes],
        "name": places.loc[list(place_nodes), "name"].to_numpy(),
        "lon": places.loc[list(place_nodes)].geometry.to_crs(WGS84).x.to_numpy(),
        "lat": places.loc[list(place_nodes)].geometry.to_crs(WGS84).y.to_numpy(),
        "population": pd.to_numeric(places.loc[list(place_nodes)].get("population", 0), errors="coerce"),
        "country_iso3": places.loc[list(place_nodes)].get("country_iso3", None),
    })
    info["population"] = info["population"].fillna(0)
    return info.sort_values("population", ascending=False).drop_duplicates("node").set_index("node")


def _route_by_closure(network, legs, sequences, closures, *, k, theta_per_h, max_memory_mb=None):
    """Route incidence per distinct set of closed edges: {closed edge ids: (incidence, nodes, ok)}."""
    closures = {p: frozenset(int(e) for e in ids) for p, ids in (closures or {}).items()}
    sets = {closures.get(p, frozenset()) for p in legs["period"].unique()} | {frozenset()}
    out = {}
    for closed in sorted(sets, key=len):
        graph = network.graph.without_edges(sorted(closed)) if closed else network.graph
        routes = route_pairs(graph, stop_pairs(sequences), k=k, theta_per_h=theta_per_h, max_memory_mb=max_memory_mb)
        out[closed] = route_incidence(routes, sequences)
    legs["closure"] = legs["period"].map(lambda p: closures.get(p, frozenset()))
    return out


def _period_volumes(legs, per_closure, days, n_edges, *, n_boot, seed):
    """Per period: point flow per edge (persons/day) and bootstrap 5th/95th percentiles over days."""
    rng = np.random.default_rng(seed)
    flow, p05, p95 = {}, {}, {}
    for period, group in legs.groupby("period", sort=True):
        inc, _, ok = per_closure[group["closure"].iat[0]]
        group = group[ok[group["route_id"].to_numpy()]]
        dates, date_idx = np.unique(group["date"].to_numpy(), return_inverse=True)
        demand = group["persons"].to_numpy() * group["weight"].to_numpy() / days[period]
        by_date = np.zeros((dates.size, inc.shape[0]))
        np.add.at(by_date, (date_idx, group["route_id"].to_numpy()), demand)
        per_date = np.asarray((inc.T @ by_date.T).T)  # dates x edges
        flow[period] = per_date.sum(axis=0)
        if n_boot and dates.size > 1:
            picks = rng.multinomial(dates.size, np.full(dates.size, 1.0 / dates.size), size=n_boot)
            boots = picks @ per_date
            p05[period], p95[period] = np.percentile(boots, [5, 95], axis=0)
        else:
            p05[period] = p95[period] = flow[period]
    return {"flow": flow, "p05": p05, "p95": p95}


def _edge_layer(edges, flow, lo, hi):
    layer = gpd.GeoDataFrame({
        "edge_id": edges["edge_id"].to_numpy(), "flow_persons_day": flow, "flow_p05": lo, "flow_p95": hi,
        "length_km": edges["length_km"].to_numpy(), "border_crossing": edges["border_crossing"].to_numpy(),
        "poe_id": edges["poe_id"].to_numpy()}, geometry=edges.geometry.values, crs=edges.crs)
    return layer[layer["flow_persons_day"] > 0].to_crs(WGS84).reset_index(drop=True)


def _edge_period_layer(edges, by_period):
    frames = []
    for period, flow in by_period["flow"].items():
        used = np.flatnonzero(flow > 0)
        frames.append(gpd.GeoDataFrame({
            "edge_id": edges["edge_id"].to_numpy()[used], "period": period, "flow_persons_day": flow[used],
            "flow_p05": by_period["p05"][period][used], "flow_p95": by_period["p95"][period][used],
            "length_km": edges["length_km"].to_numpy()[used]}, geometry=edges.geometry.values[used], crs=edges.crs))
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=edges.crs).to_crs(WGS84)


def _od_layer(legs, node_info, total_days):
    od = (legs.assign(flow=legs["persons"] * legs["weight"])
          .groupby(["origin_node", "destination_node"], as_index=False)["flow"].sum())
    od["flow_persons_day"] = od["flow"] / total_days
    o = node_info.loc[od["origin_node"]]
    d = node_info.loc[od["destination_node"]]
    lines = [LineString([(a, b), (c, e)]) for a, b, c, e in zip(o["lon"], o["lat"], d["lon"], d["lat"])]
    return gpd.GeoDataFrame({"origin": o["name"].to_numpy(), "destination": d["name"].to_numpy(),
                             "flow_persons_day": od["flow_persons_day"].to_numpy()}, geometry=lines, crs=WGS84)


def _node_names(network, places, *, radius_m=30_000.0, min_population=20_000):
    """Town name of the network nodes that have a sizeable place within ``radius_m`` (for corridor
    names); the most populous place wins a node."""
    population = pd.to_numeric(places["population"], errors="coerce").fillna(0) if "population" in places else None
    if population is None:
        return {}
    big = places[population >= min_population].to_crs(network.crs)
    big = big.iloc[np.argsort(-population[big.index].to_numpy(), kind="stable")]
    place_i, node_i = network.nodes.sindex.nearest(big.geometry, max_distance=radius_m, return_all=False)
    out = {}
    for p, n in zip(place_i, node_i):
        out.setdefault(int(network.nodes.index[n]), big["name"].iat[p])
    return out


def _corridor_layer(table, edges):
    geoms = [edges.geometry.iloc[ids].union_all() for ids in table["edge_ids"]]
    layer = gpd.GeoDataFrame(table.drop(columns="edge_ids"), geometry=geoms, crs=edges.crs)
    return layer.to_crs(WGS84)


def _corridor_series(table, flow_by_period, edges):
    length = edges["length_km"].to_numpy(float)
    rows = []
    for period, flow in flow_by_period.items():
        for cid, ids in zip(table["corridor_id"], table["edge_ids"]):
            rows.append({"corridor_id": cid, "period": period,
                         "flow_persons_day": float(np.average(flow[ids], weights=np.maximum(length[ids], 1e-9)))})
    return pd.DataFrame(rows, columns=["corridor_id", "period", "flow_persons_day"])


def _fmp_layer(fmp_pts, fmp_snap, legs, unrouted, per_closure, total_days):
    """Observed persons/day at each FMP against the flow the assignment routes through its node."""
    observed = pd.concat([legs, unrouted]).groupby("fmp_id")["persons"].sum() / total_days
    assigned = {}
    for closed, (_, nodes, ok) in per_closure.items():
        group = legs[legs["closure"] == closed]
        flow = (group["persons"] * group["weight"]).to_numpy() / total_days
        for rid, f in zip(group["route_id"].to_numpy(), flow):
            if ok[rid]:
                for node in nodes[rid]:
                    assigned[node] = assigned.get(node, 0.0) + f
    ids = fmp_pts["fmp_id"].astype(str)
    nodes = fmp_snap["nearest_node"].to_numpy()
    layer = gpd.GeoDataFrame({
        "fmp_id": ids.to_numpy(),
        "observed": observed.reindex(ids).fillna(0.0).to_numpy(),
        "assigned": [assigned.get(int(n), 0.0) if n >= 0 else 0.0 for n in nodes],
        "snap_distance_m": fmp_snap["snap_distance_m"].to_numpy(),
    }, geometry=fmp_pts.geometry.values, crs=fmp_pts.crs)
    layer["residual"] = layer["observed"] - layer["assigned"]
    return layer.to_crs(WGS84)
