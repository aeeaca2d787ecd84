"""Border-closure impact, end to end: registry + network + flows -> the contract's output layers
(``poe_status``, ``poe_impact``, ``od_impact``, ``edge_change``, ``criticality``, ``timeline``)."""
import itertools
import logging
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..errors import ParameterError
from ..io.atomic import atomic_file
from ..io.schemas import STATUS
from .impact import Comparison, ImpactModel
from .registry import match_registry
from .status import CLOSED, CODE, OPEN, PARTIAL, codes_on
from .sweep import SERIAL, run_sweep

log = logging.getLogger(__name__)
OUT_CRS = "EPSG:4326"


@dataclass
class PoeAnalysis:
    """Everything one run needs: the network, the registry and its match, the placed flows, the model."""

    network: object
    poe: gpd.GeoDataFrame
    match: object
    od: pd.DataFrame
    model: ImpactModel

    @property
    def poe_ids(self):
        return self.poe["poe_id"].astype(str).to_numpy()

    def check_status(self, status):
        """Warn about status rows naming PoEs the registry does not hold (they are ignored)."""
        unknown = sorted(set(status["poe_id"]) - set(self.poe_ids))
        if unknown:
            log.warning("%d PoE id(s) in the status timeline are not in the registry and are ignored: %s",
                        len(unknown), ", ".join(unknown[:20]))
        return unknown

    def codes(self, *, status=None, date=None, overrides=None):
        """Status codes per PoE: all open, or the timeline's state on ``date``, then ``overrides``
        (``{poe_id: status}``) applied on top."""
        codes = np.full(self.model.n_poe, OPEN, dtype=np.int8)
        if date is not None:
            if status is None:
                raise ParameterError("a date needs a status timeline")
            codes = codes_on(status, date, self.poe_ids)
        if overrides:
            index = {p: i for i, p in enumerate(self.poe_ids)}
            unknown = sorted(set(map(str, overrides)) - set(index))
            if unknown:
                raise ParameterError(f"scenario names PoE(s) not in the registry: {', '.join(unknown[:10])}")
            for pid, st in overrides.items():
                if st not in CODE:
                    raise ParameterError(f"status {st!r} for {pid}: expected one of {', '.join(STATUS)}")
                codes[index[str(pid)]] = CODE[st]
        return codes

    def compare(self, baseline_codes, scenario_codes):
        return Comparison(self.model.evaluate(baseline_codes), self.model.evaluate(scenario_codes))

    def active_poes(self):
        """Indices of PoEs that can change anything: matched to the network or named as an OD end."""
        used = np.zeros(self.model.n_poe, bool)
        used[self.match.table["matched"].to_numpy()] = True
        if len(self.model.od_end_poe):
            used[self.model.od_end_poe[:, 1]] = True
        return np.flatnonzero(used)


def prepare(network, poe, od, *, crossings=None, tolerance_m=25_000.0, node_tolerance_m=50_000.0,
            partial_penalty_h=12.0, partial_capacity=1.0, edge_rule="most_open"):
    """Match the registry, build the :class:`ImpactModel` from ``od`` (placed by
    :func:`.flows.locate_od`)."""
    poe = poe.reset_index(drop=True)
    match = match_registry(network, poe, crossings=crossings, tolerance_m=tolerance_m,
                           node_tolerance_m=node_tolerance_m)
    index = {p: i for i, p in enumerate(poe["poe_id"].astype(str))}
    ends = [(k, index[p]) for col in ("origin_poe", "dest_poe") if col in od
            for k, p in enumerate(od[col]) if isinstance(p, str) and p in index]
    model = ImpactModel(
        graph=network.graph, cost_h=network.edges["cost_h"].to_numpy(float),
        length_km=network.edges["length_km"].to_numpy(float), edge_poe=match.edge_poe, n_poe=len(poe),
        od_origin=od["origin_node"].to_numpy(np.int64), od_dest=od["dest_node"].to_numpy(np.int64),
        od_flow=od["flow"].to_numpy(float), od_end_poe=np.array(sorted(set(ends)), np.int64).reshape(-1, 2),
        partial_penalty_h=float(partial_penalty_h), partial_capacity=float(partial_capacity), edge_rule=edge_rule)
    return PoeAnalysis(network=network, poe=poe, match=match, od=od, model=model)


# ----------------------------------------------------------------------------- one scenario
def scenario_layers(analysis, comparison):
    """The four layers of one scenario against its baseline, in WGS84."""
    a, c = analysis, comparison
    ids = a.poe_ids
    status = np.asarray(STATUS, dtype=object)
    poe_pts = a.poe.to_crs(OUT_CRS).geometry.values
    info = a.match.table[["matched", "match", "crossing_id", "match_distance_m"]].reset_index(drop=True)
    registry_cols = [col for col in ("name", "poe_type", "country_iso3", "neighbour_iso3") if col in a.poe]
    base = a.poe[registry_cols].reset_index(drop=True)

    poe_status = gpd.GeoDataFrame(pd.concat([pd.DataFrame({"poe_id": ids}), base, pd.DataFrame({
        "status": status[c.scenario.codes], "baseline_status": status[c.baseline.codes]}), info], axis=1),
        geometry=poe_pts, crs=OUT_CRS)

    per_poe = c.poe_table()
    poe_impact = gpd.GeoDataFrame(pd.concat([pd.DataFrame({"poe_id": ids, "status": status[c.scenario.codes]}),
                                             base, per_poe], axis=1), geometry=poe_pts, crs=OUT_CRS)
    poe_impact = poe_impact[["poe_id", "status", "flow_lost", "flow_gained", "stranded", *registry_cols,
                             "baseline_flow", "scenario_flow", "geometry"]]

    od = c.od_table()
    registered = set(a.match.table["crossing_id"].dropna().str.split(";").explode())
    join = lambda sets: [";".join(ids[list(s)]) for s in sets]  # noqa: E731
    od_impact = pd.DataFrame({"origin": a.od["origin"].to_numpy(), "destination": a.od["destination"].to_numpy()})
    for col in ("baseline_km", "scenario_km", "extra_km", "extra_h", "stranded", "flow", "flow_stranded",
                "baseline_stranded", "baseline_h", "scenario_h"):
        od_impact[col] = od[col].to_numpy()
    od_impact["baseline_poe_ids"] = join(od["baseline_poe"])
    od_impact["scenario_poe_ids"] = join(od["scenario_poe"])
    od_impact["new_crossing"] = join(od["new_poe"])
    # crossings of the network the routes use, registered as PoEs or not (unmonitored crossings)
    base_x, scen_x = _crossings_used(a, c.baseline), _crossings_used(a, c.scenario)
    od_impact["baseline_crossings"] = [";".join(sorted(x)) for x in base_x]
    od_impact["scenario_crossings"] = [";".join(sorted(x)) for x in scen_x]
    od_impact["new_unregistered_crossing"] = [";".join(sorted(sx - bx - registered)) for bx, sx in zip(base_x, scen_x)]
    od_impact = gpd.GeoDataFrame(od_impact, geometry=_route_lines(a, c), crs=OUT_CRS)

    edges = a.network.edges
    change = c.edge_table()
    used = (change["baseline_flow_persons_day"] > 0) | (change["scenario_flow_persons_day"] > 0)
    registry_ids = pd.Series(ids[a.match.edge_poe[:, 0]]).groupby(a.match.edge_poe[:, 1]).agg(";".join)
    edge_change = gpd.GeoDataFrame({
        "edge_id": edges["edge_id"].to_numpy(), "length_km": edges["length_km"].to_numpy(),
        "border_crossing": edges["border_crossing"].to_numpy(),
        "poe_ids": pd.Series(np.arange(len(edges))).map(registry_ids).to_numpy(),
        "state": status[c.scenario.edge_state],
        **{col: change[col].to_numpy() for col in change}}, geometry=edges.geometry.values, crs=edges.crs)
    edge_change = edge_change[used.to_numpy()].to_crs(OUT_CRS).reset_index(drop=True)
    return {"poe_status": poe_status, "poe_impact": poe_impact, "od_impact": od_impact, "edge_change": edge_change}


def _crossings_used(a, routes):
    """Per OD, the set of network crossing ids (border edges' ``poe_id``) its route passes."""
    edges = a.network.edges
    border = edges["border_crossing"].to_numpy()[routes.path_edges]
    ids = edges["poe_id"].where(edges["poe_id"].notna(), "edge:" + edges["edge_id"].astype(str)).astype(str)
    out = [set() for _ in range(a.model.n_od)]
    for od, cid in zip(routes.path_od[border], ids.to_numpy()[routes.path_edges[border]]):
        out[od].add(cid)
    return out


def _route_lines(a, c):
    """Each OD's scenario route (its baseline route if stranded; a straight line if neither exists)."""
    geoms = a.network.edges.geometry.values
    out = np.full(a.model.n_od, None, dtype=object)
    for routes in (c.baseline, c.scenario):  # scenario last: it wins where it exists
        has = np.diff(routes.path_ptr) > 0
        lines = np.full(a.model.n_od, None, dtype=object)
        if routes.path_edges.size:
            shapely.multilinestrings(geoms[routes.path_edges], indices=routes.path_od, out=lines)
        out[has] = lines[has]
    metric = gpd.GeoSeries(out, crs=a.network.crs).to_crs(OUT_CRS)
    straight = shapely.linestrings(np.stack([a.od[["origin_lon", "origin_lat"]].to_numpy(float),
                                             a.od[["dest_lon", "dest_lat"]].to_numpy(float)], axis=1))
    return np.where(metric.isna().to_numpy(), straight, metric.values)


# ----------------------------------------------------------------------------- sweeps
def criticality(analysis, baseline_codes, *, top_pairs=10, scheduler=SERIAL, n_workers=2, client=None,
                progress=None):
    """N-1 over every active PoE (closed alone on top of the baseline), ranked by flow stranded then
    extra person-km; then N-2 over all pairs of the ``top_pairs`` most critical. Returns
    (criticality GeoDataFrame, N-2 DataFrame)."""
    a = analysis
    baseline = a.model.evaluate(baseline_codes)
    active = a.active_poes()
    singles = []
    for i in active:
        codes = baseline_codes.copy()
        codes[i] = CLOSED
        singles.append(codes)
    summaries = run_sweep(a.model, baseline, singles, scheduler=scheduler, n_workers=n_workers, client=client,
                          progress=progress)
    table = pd.DataFrame(summaries)
    table.insert(0, "poe_index", active)
    table = table.sort_values(["stranded", "extra_person_km"], ascending=False, kind="stable")
    table.insert(1, "rank", np.arange(1, len(table) + 1))
    flow = baseline.poe_flow()
    ids = a.poe_ids
    crit = pd.DataFrame({"poe_id": ids[table["poe_index"]], "rank": table["rank"].to_numpy()})
    for col in ("stranded", "extra_person_km", "extra_person_h", "flow_rerouted", "n_od_stranded"):
        crit[col] = table[col].to_numpy()
    crit["baseline_flow"] = flow[table["poe_index"]]
    for col in ("name", "poe_type", "country_iso3", "neighbour_iso3"):
        if col in a.poe:
            crit[col] = a.poe[col].to_numpy()[table["poe_index"]]
    crit = gpd.GeoDataFrame(crit, geometry=a.poe.to_crs(OUT_CRS).geometry.values[table["poe_index"]], crs=OUT_CRS)

    top = table["poe_index"].to_numpy()[: max(0, int(top_pairs))]
    pairs = list(itertools.combinations(top, 2))
    doubles = []
    for i, j in pairs:
        codes = baseline_codes.copy()
        codes[[i, j]] = CLOSED
        doubles.append(codes)
    n2 = pd.DataFrame(run_sweep(a.model, baseline, doubles, scheduler=scheduler, n_workers=n_workers,
                                client=client) if doubles else [],
                      columns=["stranded", "n_od_stranded", "extra_person_km", "extra_person_h", "flow_rerouted"])
    single = dict(zip(table["poe_index"], table["stranded"]))
    n2.insert(0, "poe_id_a", [ids[i] for i, _ in pairs])
    n2.insert(1, "poe_id_b", [ids[j] for _, j in pairs])
    # flow stranded only when both close: the two are each other's alternative
    n2["stranded_synergy"] = n2["stranded"] - np.array([single[i] + single[j] for i, j in pairs], float)
    n2 = n2.sort_values(["stranded", "extra_person_km"], ascending=False, kind="stable").reset_index(drop=True)
    n2.insert(0, "rank", np.arange(1, len(n2) + 1))
    return crit, n2


def timeline(analysis, status, dates, baseline_codes, *, scheduler=SERIAL, n_workers=2, client=None, progress=None):
    """Impact of the statuses on each date against ``baseline_codes``: one row per date."""
    a = analysis
    scenarios = [codes_on(status, d, a.poe_ids) for d in dates]
    baseline = a.model.evaluate(baseline_codes)
    summaries = run_sweep(a.model, baseline, scenarios, scheduler=scheduler, n_workers=n_workers, client=client,
                          progress=progress)
    n = max(1, a.model.n_poe)
    closed = np.array([(s == CLOSED).sum() for s in scenarios], int)
    partial = np.array([(s == PARTIAL).sum() for s in scenarios], int)
    table = pd.DataFrame({"date": pd.DatetimeIndex(dates).strftime("%Y-%m-%d"), "n_fully_closed": closed,
                          "share_fully_closed": closed / n, "n_partially_open": partial,
                          "share_partially_open": partial / n})
    table = pd.concat([table, pd.DataFrame(summaries, index=table.index)], axis=1)
    first = ["date", "n_fully_closed", "share_fully_closed", "stranded"]  # the contract's key columns
    return table[first + [c for c in table.columns if c not in first]]


def monte_carlo(analysis, codes, baseline_codes, *, runs=100, p_uncertain=0.2, seed=0, scheduler=SERIAL,
                n_workers=2, client=None, progress=None):
    """Impact under uncertain statuses: in each run, every PoE keeps its status ``codes`` except with
    probability ``p_uncertain``, when its status is drawn at random among the three (reports of
    PoE status are often late or contradictory). One row per run (``run``, then the totals);
    reproducible for a given ``seed``."""
    if not 0 <= p_uncertain <= 1:
        raise ParameterError(f"p_uncertain must be within [0, 1], got {p_uncertain}")
    if int(runs) < 1:
        raise ParameterError(f"runs must be >= 1, got {runs}")
    rng = np.random.default_rng(seed)
    codes = np.asarray(codes, dtype=np.int8)
    scenarios = []
    for _ in range(int(runs)):
        draw = rng.random(codes.size) < p_uncertain
        run = codes.copy()
        run[draw] = rng.integers(OPEN, CLOSED + 1, int(draw.sum()))
        scenarios.append(run)
    baseline = analysis.model.evaluate(baseline_codes)
    summaries = run_sweep(analysis.model, baseline, scenarios, scheduler=scheduler, n_workers=n_workers,
                          client=client, progress=progress)
    table = pd.DataFrame(summaries)
    table.insert(0, "run", np.arange(1, len(table) + 1))
    table.insert(1, "n_fully_closed", [int((s == CLOSED).sum()) for s in scenarios])
    return table


STATUS_COLOURS = {"open": "#009E73", "partially_open": "#E69F00", "fully_closed": "#D55E00"}


def impact_map(analysis, layers, path, *, title="Border-closure impact"):
    """A PNG map of one scenario: roads (grey), volume change (blue = fewer, red = more persons/day),
    stranded flows' former routes (dashed), PoEs by status (size = flow lost)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    roads = analysis.network.edges.to_crs(OUT_CRS)
    change = layers["edge_change"]
    od = layers["od_impact"]
    poe = layers["poe_impact"]
    fig, ax = plt.subplots(figsize=(10, 8), dpi=110)
    roads.plot(ax=ax, color="#cccccc", linewidth=0.4)
    moved = change[change["flow_change_persons_day"].abs() > 1e-9]
    if len(moved):
        scale = 4.0 / max(moved["flow_change_persons_day"].abs().max(), 1e-9)
        moved.plot(ax=ax, color=np.where(moved["flow_change_persons_day"] > 0, "#B2182B", "#2166AC"),
                   linewidth=0.6 + scale * moved["flow_change_persons_day"].abs())
    lost = od[od["stranded"] == 1]
    if len(lost):
        lost.plot(ax=ax, color="#5e3c99", linewidth=1.2, linestyle="--")
    size = 15 + 200 * poe["flow_lost"] / max(poe["flow_lost"].max(), 1e-9)
    poe.plot(ax=ax, color=poe["status"].map(STATUS_COLOURS), markersize=size, marker="^", edgecolor="#222222",
             linewidth=0.3, zorder=5)
    focus = pd.concat([moved.geometry, poe.geometry]) if len(moved) else poe.geometry
    x0, y0, x1, y1 = gpd.GeoSeries(focus, crs=OUT_CRS).total_bounds
    pad = max(x1 - x0, y1 - y0) * 0.08 + 0.5
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)
    handles = [Line2D([], [], color="#B2182B", lw=2, label="more flow (persons/day)"),
               Line2D([], [], color="#2166AC", lw=2, label="less flow"),
               Line2D([], [], color="#5e3c99", lw=1.2, ls="--", label="stranded flow (former route)")]
    handles += [Line2D([], [], marker="^", color=c, lw=0, markersize=8, label=f"PoE {s.replace('_', ' ')}")
                for s, c in STATUS_COLOURS.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.9)
    ax.set_title(title)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect("equal")
    fig.tight_layout()
    try:
        with atomic_file(path) as tmp:
            fig.savefig(tmp, format="png", metadata={"Software": "RDH Toolkit"})
    finally:
        plt.close(fig)
    return path


def timeline_chart(table, path, *, end=None, title="Border closures and their impact"):
    """A PNG: share of PoEs fully closed / partially open (steps) and flow stranded over time; the
    last state is drawn on to ``end`` when given."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    table = table.copy()
    table["date"] = pd.to_datetime(table["date"])
    if end is not None and len(table) and pd.Timestamp(end) > table["date"].iloc[-1]:
        last = table.iloc[[-1]].copy()
        last["date"] = pd.Timestamp(end)
        table = pd.concat([table, last], ignore_index=True)
    dates = table["date"]
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=120)
    ax.step(dates, 100 * table["share_fully_closed"], where="post", color="#c0392b", label="PoEs fully closed (%)")
    ax.step(dates, 100 * table["share_partially_open"], where="post", color="#e67e22", label="PoEs partially open (%)")
    ax.set_ylabel("share of PoEs (%)")
    ax.set_ylim(0, 100)
    ax2 = ax.twinx()
    ax2.step(dates, table["stranded"], where="post", color="#2c3e50", linestyle="--",
             label="flow stranded (persons/day)")
    ax2.set_ylabel("flow stranded (persons/day)")
    ax2.set_ylim(bottom=0)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    lines = ax.get_legend_handles_labels()
    more = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + more[0], lines[1] + more[1], loc="upper right", fontsize=8)
    ax.set_title(title)
    fig.autofmt_xdate()
    fig.tight_layout()
    try:
        with atomic_file(path) as tmp:
            fig.savefig(tmp, format="png", metadata={"Software": "RDH Toolkit"})
    finally:
        plt.close(fig)
    return path


__all__ = ["PoeAnalysis", "criticality", "impact_map", "monte_carlo", "prepare", "scenario_layers", "timeline",
           "timeline_chart"]
