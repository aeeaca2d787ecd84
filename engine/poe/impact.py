"""Closure scenarios on the road network: routes, reroutes and stranded flows against a baseline.

A scenario is one status code per registry PoE (OPEN, PARTIAL, CLOSED, see :mod:`.status`). A
border edge takes the *most open* status of the PoEs matched to it (any open post keeps the link
usable), or with ``edge_rule="most_restrictive"`` the most restrictive (a coarse network's link
stands for one border section closed as a whole); border edges matched to no PoE stay open
(unmonitored crossings). On the graph:

- ``fully_closed``: the PoE's edges are impassable; a flow that starts or ends at a closed PoE
  (airport, port, or any PoE named as an OD end) is stranded.
- ``partially_open``: ``partial_penalty_h`` hours are added to the crossing (queues, checks, quotas)
  and only a share ``partial_capacity`` of each flow gets through each partially open PoE it uses;
  the rest counts as stranded flow (``flow_stranded``), though the OD still has a route.

Flows follow the fastest route (generalised time ``cost_h`` of the network); kilometres are read
along it. :class:`ImpactModel` holds everything a scenario needs as plain arrays, so one copy can
be shipped to Dask workers and scenarios evaluated anywhere with identical results.
"""
import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..network import RoadGraph
from .status import CLOSED, OPEN, PARTIAL

log = logging.getLogger(__name__)
EDGE_RULES = ("most_open", "most_restrictive")


@dataclass
class ImpactModel:
    """The routing problem shared by every scenario (see the module doc)."""

    graph: RoadGraph
    cost_h: np.ndarray           # per edge, the baseline weight
    length_km: np.ndarray        # per edge
    edge_poe: np.ndarray         # (k, 2): (poe index, edge id)
    n_poe: int
    od_origin: np.ndarray        # node per OD
    od_dest: np.ndarray          # node per OD
    od_flow: np.ndarray          # persons/day per OD
    od_end_poe: np.ndarray       # (m, 2): (od index, poe index) for OD ends that are PoEs
    partial_penalty_h: float = 12.0
    partial_capacity: float = 1.0
    edge_rule: str = "most_open"  # or "most_restrictive": how the PoEs sharing one border link combine

    def __post_init__(self):
        if self.edge_rule not in EDGE_RULES:
            raise ParameterError(f"edge_rule must be one of {', '.join(EDGE_RULES)}, not {self.edge_rule!r}")
        if not self.partial_penalty_h >= 0:
            raise ParameterError(f"partial_penalty_h must be >= 0, got {self.partial_penalty_h}")
        if not 0 <= self.partial_capacity <= 1:
            raise ParameterError(f"partial_capacity must be within [0, 1], got {self.partial_capacity}")
        self.poe_edge_count = np.bincount(self.edge_poe[:, 0], minlength=self.n_poe)

    @property
    def n_od(self):
        return self.od_flow.size

    def edge_status(self, codes):
        """Status code per edge: the most open (or most restrictive, see ``edge_rule``) of its PoEs;
        OPEN where no PoE is matched."""
        if self.edge_rule == "most_open":
            status = np.full(self.graph.n_edges, CLOSED + 1, dtype=np.int8)
            np.minimum.at(status, self.edge_poe[:, 1], codes[self.edge_poe[:, 0]])
            status[status > CLOSED] = OPEN
        else:
            status = np.full(self.graph.n_edges, OPEN, dtype=np.int8)
            np.maximum.at(status, self.edge_poe[:, 1], codes[self.edge_poe[:, 0]])
        return status

    def evaluate(self, codes, *, parallel=None, baseline=None):
        """Routes of every OD under the PoE statuses ``codes`` (int array, one per PoE).

        With ``baseline`` (a :class:`Routes`) and a scenario that only restricts more (no edge
        cheaper than in the baseline), only the ODs whose baseline route meets a change are routed
        again; the others keep their baseline route, which is still a fastest one. Sweeps use this.
        """
        codes = np.asarray(codes, dtype=np.int8)
        if codes.shape != (self.n_poe,):
            raise ParameterError(f"expected {self.n_poe} status codes, got shape {codes.shape}")
        est = self.edge_status(codes)
        weight = self.cost_h + np.where(est == PARTIAL, self.partial_penalty_h, 0.0)
        weight[est == CLOSED] = np.inf
        ods = np.arange(self.n_od)
        if baseline is not None and np.all(weight >= baseline.weight) and np.all(codes >= baseline.codes):
            changed = weight != baseline.weight
            affected = np.zeros(self.n_od, bool)
            affected[baseline.path_od[changed[baseline.path_edges]]] = True
            if len(self.od_end_poe):
                moved = codes[self.od_end_poe[:, 1]] != baseline.codes[self.od_end_poe[:, 1]]
                affected[self.od_end_poe[moved, 0]] = True
            affected &= ~baseline.stranded  # more restrictions never give a stranded flow a route
            ods = np.flatnonzero(affected)
        else:
            baseline = None
        sub_hours, sub_km, path_od, path_edges = self._route(codes, est, weight, ods, parallel)
        if baseline is None:
            hours, km = sub_hours, sub_km
        else:  # the unaffected keep their baseline route
            hours, km = baseline.hours.copy(), baseline.km.copy()
            hours[ods], km[ods] = sub_hours, sub_km
            keep = ~np.isin(baseline.path_od, ods)
            path_od = np.concatenate([baseline.path_od[keep], path_od])
            path_edges = np.concatenate([baseline.path_edges[keep], path_edges])
            order = np.argsort(path_od, kind="stable")
            path_od, path_edges = path_od[order], path_edges[order]
        return Routes(model=self, codes=codes, hours=hours, km=km, stranded=np.isnan(hours), path_od=path_od,
                      path_edges=path_edges, edge_state=est, weight=weight)

    def _route(self, codes, est, weight, ods, parallel):
        """Fastest routes of the ODs ``ods``: their hours and km (NaN = stranded), and their route
        edges as (od, edge) pairs in travel order. One search per distinct origin, stopped once its
        destinations are reached; memory is one workspace per thread plus the routes."""
        if ods.size == 0:
            return np.empty(0), np.empty(0), np.empty(0, np.int64), np.empty(0, np.int64)
        g = self.graph.with_weights(np.where(np.isfinite(weight), weight, 0.0))
        closed = np.flatnonzero(est == CLOSED)
        if closed.size:
            g = g.without_edges(closed)
        routes = g.paths(self.od_origin[ods], self.od_dest[ods], parallel=parallel)
        sub_hours = routes.cost.copy()
        if len(self.od_end_poe):
            position = np.full(self.n_od, -1)
            position[ods] = np.arange(ods.size)
            at = position[self.od_end_poe[:, 0]]
            end_codes = codes[self.od_end_poe[:, 1]]
            sub_hours[at[(at >= 0) & (end_codes == CLOSED)]] = np.inf
            # a partially open PoE at an OD end adds its penalty once per end
            part = (at >= 0) & (end_codes == PARTIAL)
            np.add.at(sub_hours, at[part], self.partial_penalty_h)
        stranded = ~np.isfinite(sub_hours)
        sub_hours[stranded] = np.nan
        n_edges = np.diff(routes.ptr)
        n_edges[stranded] = 0  # stranded at a closed end: no route kept
        keep = np.repeat(~stranded, np.diff(routes.ptr))
        which = np.repeat(np.arange(ods.size), n_edges)
        edges = routes.edges[keep]
        sub_km = np.bincount(which, weights=self.length_km[edges], minlength=ods.size).astype(np.float64)
        sub_km[stranded] = np.nan
        return sub_hours, sub_km, ods[which], edges


@dataclass
class Routes:
    """Every OD's route under one scenario."""

    model: ImpactModel
    codes: np.ndarray
    hours: np.ndarray      # NaN when stranded
    km: np.ndarray         # NaN when stranded
    stranded: np.ndarray   # bool
    path_od: np.ndarray    # route edges as (od, edge) pairs, grouped by od
    path_edges: np.ndarray
    edge_state: np.ndarray
    weight: np.ndarray     # the edge weights routed on (inf = closed)

    def __post_init__(self):
        m = self.model
        self.path_ptr = np.searchsorted(self.path_od, np.arange(m.n_od + 1))
        # PoEs each OD passes (unique pairs), from its route's edges and its ends
        poe_by_edge = _edge_to_poe_pairs(m, self.path_edges, self.path_od)
        pairs = np.vstack([poe_by_edge, m.od_end_poe]) if len(m.od_end_poe) else poe_by_edge
        self.od_poe = np.unique(pairs, axis=0) if len(pairs) else np.empty((0, 2), np.int64)
        partial_used = self.codes[self.od_poe[:, 1]] == PARTIAL if len(self.od_poe) else np.empty(0, bool)
        n_partial = np.bincount(self.od_poe[partial_used, 0], minlength=m.n_od)
        through = np.where(self.stranded, 0.0, m.partial_capacity ** n_partial)
        self.flow_passing = m.od_flow * through
        self.flow_stranded = m.od_flow - self.flow_passing

    def edge_volume(self):
        """Persons/day on each edge (flow that gets through, summed over the ODs using the edge)."""
        return np.bincount(self.path_edges, weights=self.flow_passing[self.path_od],
                           minlength=self.model.graph.n_edges)

    def poe_flow(self):
        """Persons/day passing each PoE (each OD counted once per PoE)."""
        return np.bincount(self.od_poe[:, 1], weights=self.flow_passing[self.od_poe[:, 0]],
                           minlength=self.model.n_poe)

    def poe_sets(self):
        """Per OD, the sorted PoE indices its route passes."""
        out = [[] for _ in range(self.model.n_od)]
        for od, p in self.od_poe:
            out[od].append(int(p))
        return out


def _edge_to_poe_pairs(model, path_edges, path_od):
    """(od, poe) pairs for every route edge that carries PoEs."""
    ep = model.edge_poe
    if not len(ep) or not path_edges.size:
        return np.empty((0, 2), np.int64)
    order = np.argsort(ep[:, 1], kind="stable")
    e_sorted, p_sorted = ep[order, 1], ep[order, 0]
    lo = np.searchsorted(e_sorted, path_edges, side="left")
    hi = np.searchsorted(e_sorted, path_edges, side="right")
    n = hi - lo
    od = np.repeat(path_od, n)
    idx = np.repeat(lo, n) + np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    return np.column_stack([od, p_sorted[idx]]).astype(np.int64)


@dataclass
class Comparison:
    """A scenario against a baseline: per OD, per PoE and per edge differences, and totals."""

    baseline: Routes
    scenario: Routes

    def od_table(self):
        b, s = self.baseline, self.scenario
        flow = b.model.od_flow
        base_sets, scen_sets = b.poe_sets(), s.poe_sets()
        new = [sorted(set(sc) - set(bs)) for bs, sc in zip(base_sets, scen_sets)]
        return pd.DataFrame({
            "baseline_km": b.km, "scenario_km": s.km, "extra_km": s.km - b.km,
            "baseline_h": b.hours, "scenario_h": s.hours, "extra_h": s.hours - b.hours,
            "stranded": s.stranded.astype(np.int8), "flow": flow, "flow_stranded": s.flow_stranded,
            "baseline_stranded": b.stranded.astype(np.int8),
            "baseline_poe": base_sets, "scenario_poe": scen_sets, "new_poe": new,
        })

    def poe_table(self):
        b, s = self.baseline, self.scenario
        before, after = b.poe_flow(), s.poe_flow()
        change = after - before
        newly = s.flow_stranded - b.flow_stranded
        stranded = np.zeros(b.model.n_poe)
        if len(b.od_poe):
            np.add.at(stranded, b.od_poe[:, 1], np.maximum(newly[b.od_poe[:, 0]], 0.0))
        return pd.DataFrame({"baseline_flow": before, "scenario_flow": after,
                             "flow_lost": np.maximum(-change, 0.0), "flow_gained": np.maximum(change, 0.0),
                             "stranded": stranded})

    def edge_table(self):
        before, after = self.baseline.edge_volume(), self.scenario.edge_volume()
        return pd.DataFrame({"baseline_flow_persons_day": before, "scenario_flow_persons_day": after, "flow_change_persons_day": after - before})

    def totals(self):
        """Headline numbers: flow newly stranded, extra person-km and person-hours of the rerouted."""
        b, s = self.baseline, self.scenario
        both = ~b.stranded & ~s.stranded
        flow = s.flow_passing
        extra_km = np.where(both, s.km - b.km, 0.0)
        extra_h = np.where(both, s.hours - b.hours, 0.0)
        rerouted = both & (np.abs(extra_h) > 1e-9)
        return {"stranded": float(np.sum(s.flow_stranded - b.flow_stranded)),
                "n_od_stranded": int(np.sum(s.stranded & ~b.stranded)),
                "extra_person_km": float(np.sum(flow * extra_km)),
                "extra_person_h": float(np.sum(flow * extra_h)),
                "flow_rerouted": float(np.sum(flow[rerouted]))}


def compare(model, baseline_codes, scenario_codes, *, parallel=None):
    """Evaluate both and return the :class:`Comparison`."""
    return Comparison(model.evaluate(baseline_codes, parallel=parallel),
                      model.evaluate(scenario_codes, parallel=parallel))


__all__ = ["Comparison", "ImpactModel", "Routes", "compare"]
