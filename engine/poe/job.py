"""The `poe-impact` job as an engine function: read the inputs (io readers), run the scenario and
the sweeps, and return one :class:`~rdh_engine.io.result.Result` (nothing is written here).
Declared in engine/jobs/poe_impact.py."""
from __future__ import annotations

import datetime
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import provenance as prov
from ..errors import ParameterError, RdhError
from ..io.gpkg import read_provenance
from ..io.result import Result, Sidecar
from ..io.schemas import STATUS
from ..io.sources import CROSSINGS_LAYER, read_road_network_layers
from ..io.tables import read_table
from ..jobs.model import JobUsageError
from ..network import build_network
from . import analysis as impact
from .flows import locate_od, read_flows, read_herds, read_od, read_places
from .registry import read_poe
from .status import change_dates, read_status, status_periods
from .sweep import SERIAL, dask_client

STYLES = {"poe_status": "poe_status", "poe_impact": "poe_impact", "od_impact": "od_impact",
          "edge_change": "edge_change", "criticality": "criticality"}

ProgressFactory = Callable[[str], Callable[..., None]]
Day = str | datetime.date | None


def read_scenario(path: str | Path) -> dict[str, str]:
    """A scenario file: a table with ``poe_id`` and ``status`` (the closures to apply)."""
    table = read_table(path)
    missing = {"poe_id", "status"} - set(table.columns)
    if missing:
        raise ParameterError(f"{path}: a scenario file needs the columns poe_id and status (missing "
                             f"{', '.join(sorted(missing))})")
    bad = ~table["status"].isin(STATUS)
    if bad.any():
        raise ParameterError(f"{path}: status must be one of {', '.join(STATUS)} (rows "
                             f"{', '.join(str(i + 2) for i in table.index[bad][:10])})")
    return dict(zip(table["poe_id"].astype(str), table["status"]))


def _day(value: Day) -> datetime.datetime | None:
    return None if value is None else pd.Timestamp(value).to_pydatetime()


def run(*, roads: str | Path, roads_layer: str | None = None, crossings_layer: str = CROSSINGS_LAYER,
        places: str | Path, poe: str | Path, status: str | Path | None = None, od: str | Path | None = None,
        flows: str | Path | None = None, herds: str | Path | None = None, date: Day = None,
        baseline_date: Day = None, scenario: str | Path | None = None, criticality: bool = False,
        top_pairs: int = 10, timeline: bool = False, start: Day = "2020-03-01", end: Day = "2021-12-31",
        monte_carlo: int = 0, uncertainty: float = 0.2, seed: int = 0, scheduler: str = "local", workers: int = 2,
        partial_penalty_h: float = 12.0, partial_capacity: float = 1.0, edge_rule: str = "most_open",
        poe_tolerance_km: float = 25.0, snap_km: float = 100.0, chart: str | Path | None = None,
        map: str | Path | None = None, output: str | Path,
        progress: ProgressFactory | None = None) -> Result:
    """Impact of border closures on flows (see docs/poe_impact.md).

    Parameters are those of the ``poe-impact`` job (engine/jobs/poe_impact.py); ``output`` names the
    GeoPackage (its stem names the default map and chart). ``progress(label)`` returns a progress
    callback.

    Returns
    -------
    Result
        Layers poe_status, poe_impact, od_impact, edge_change; criticality and criticality_n2
        (``criticality``); status_periods and timeline plus the timeline chart (``timeline``);
        monte_carlo (``monte_carlo`` runs); the scenario map.

    Raises
    ------
    JobUsageError
        Not exactly one of ``od``, ``flows``, ``herds``; ``date``, ``baseline_date`` or ``timeline``
        without ``status``.
    """
    if sum(p is not None for p in (od, flows, herds)) != 1:
        raise JobUsageError("give the flows with exactly one of --od, --flows or --herds")
    if (date or baseline_date or timeline) and status is None:
        raise JobUsageError("--date, --baseline-date and --timeline need --status")
    date, baseline_date, start, end = _day(date), _day(baseline_date), _day(start), _day(end)
    output = Path(output)
    bar = progress or (lambda label: None)
    report = bar("poe-impact") or (lambda *a: None)
    steps = 4 + criticality + timeline + (monte_carlo > 0)
    report(0, steps, "reading inputs")
    registry = read_poe(poe)  # small tables first: their errors come before the slow part
    timeline_table = read_status(status) if status else None
    flows_table = read_od(od) if od else read_flows(flows) if flows else read_herds(herds)
    overrides = read_scenario(scenario) if scenario else None
    road_lines, crossings = read_road_network_layers(roads, layer=roads_layer, crossings_layer=crossings_layer)
    report(1, steps, "building the road network")
    network = build_network(road_lines, crossings=crossings)
    flows_table = locate_od(flows_table, read_places(places), network, poe=registry, snap_tolerance_m=snap_km * 1000)
    report(2, steps, "matching PoEs")
    analysis = impact.prepare(network, registry, flows_table, crossings=crossings,
                              tolerance_m=poe_tolerance_km * 1000, partial_penalty_h=partial_penalty_h,
                              partial_capacity=partial_capacity, edge_rule=edge_rule)
    if timeline_table is not None:
        analysis.check_status(timeline_table)
    baseline_codes = analysis.codes(status=timeline_table, date=baseline_date)
    scenario_codes = analysis.codes(status=timeline_table, date=date, overrides=overrides)
    report(3, steps, "scenario against baseline")
    comparison = analysis.compare(baseline_codes, scenario_codes)
    out = impact.scenario_layers(analysis, comparison)
    scenario_layers = dict(out)
    label = f"{date:%Y-%m-%d}" if date else "scenario"
    title = f"Border-closure impact: {label} vs {f'{baseline_date:%Y-%m-%d}' if baseline_date else 'all open'}"
    sidecars = {f"{output.stem}_map.png": Sidecar(lambda path: impact.impact_map(analysis, scenario_layers, path,
                                                                                 title=title) or path,
                                                  path=Path(map) if map else None)}
    if criticality or timeline or monte_carlo:
        with ExitStack() as stack:  # one cluster for every sweep of the run
            client = None if scheduler == SERIAL else stack.enter_context(dask_client(scheduler, n_workers=workers))
            done = 4
            if criticality:
                out["criticality"], out["criticality_n2"] = impact.criticality(
                    analysis, baseline_codes, top_pairs=top_pairs, client=client,
                    progress=bar("criticality (N-1)"))
                report(done, steps, "criticality")
                done += 1
            if timeline:
                dates = change_dates(timeline_table, analysis.poe_ids, start=start, end=end)
                if len(dates) == 0 or dates[0] > pd.Timestamp(start):
                    dates = dates.insert(0, pd.Timestamp(start))  # the state at the start of the range
                periods = status_periods(timeline_table, analysis.poe_ids, start=start, end=end)
                out["status_periods"] = periods.assign(valid_from=periods["valid_from"].dt.strftime("%Y-%m-%d"),
                                                       valid_to=periods["valid_to"].dt.strftime("%Y-%m-%d"))
                out["timeline"] = impact.timeline(analysis, timeline_table, dates, baseline_codes, client=client,
                                                  progress=bar("timeline"))
                series = out["timeline"]
                sidecars[f"{output.stem}_timeline.png"] = Sidecar(
                    lambda path: impact.timeline_chart(series, path, end=end) or path,
                    path=Path(chart) if chart else None)
                report(done, steps, "timeline")
                done += 1
            if monte_carlo:
                out["monte_carlo"] = impact.monte_carlo(analysis, scenario_codes, baseline_codes, runs=monte_carlo,
                                                        p_uncertain=uncertainty, seed=seed, client=client,
                                                        progress=bar("Monte Carlo"))
                report(done, steps, "Monte Carlo")
    parameters = {"date": date, "baseline_date": baseline_date, "scenario": scenario, "criticality": criticality,
                  "top_pairs": top_pairs, "timeline": timeline, "start": start, "end": end,
                  "monte_carlo": monte_carlo, "uncertainty": uncertainty, "seed": seed, "scheduler": scheduler,
                  "partial_penalty_h": partial_penalty_h, "partial_capacity": partial_capacity,
                  "edge_rule": edge_rule, "poe_tolerance_km": poe_tolerance_km, "snap_km": snap_km,
                  **(_counted_records(flows) if flows else {})}
    inputs = [p for p in (roads, places, poe, status, od, flows, herds, scenario) if p]
    record = prov.run_provenance(tool="rdh poe-impact", inputs=inputs, parameters=parameters)
    return Result(job="poe-impact", layers=out, styles=STYLES, sidecars=sidecars, provenance=record,
                  summary=_summary(analysis, comparison, out, registry, herds=herds is not None,
                                   runs=monte_carlo, uncertainty=uncertainty))


def _summary(analysis, comparison, out, registry, *, herds, runs, uncertainty) -> list[str]:
    totals = comparison.totals()
    matched = int(analysis.match.table["matched"].sum())
    unit = "heads" if herds else "persons/day"
    lines = [f"PoEs matched to the network: {matched} of {len(registry)}",
             f"Scenario vs baseline: {totals['stranded']:.0f} {unit} stranded ({totals['n_od_stranded']} OD), "
             f"{totals['flow_rerouted']:.0f} rerouted, {totals['extra_person_km']:.0f} extra "
             f"{'head' if herds else 'person'}-km"]
    if runs:
        q = out["monte_carlo"]["stranded"].quantile([0.05, 0.5, 0.95]).to_numpy()
        lines.append(f"Monte Carlo ({runs} runs, uncertainty {uncertainty:g}): stranded p05 {q[0]:.0f}, "
                     f"median {q[1]:.0f}, p95 {q[2]:.0f} {unit}")
    lines += [f"  {name:<15} {len(layer):>6} rows" for name, layer in out.items()]
    return lines


def _counted_records(flows):
    """What the persons/day of an ``rdh corridors`` GeoPackage count, from its provenance: the days
    counted and the breakdown (filter, filtered values, window). The disclosure control protects
    the persons counted, and the release register ties breakdowns of the same records."""
    try:
        parameters = read_provenance(flows, "od_flows").get("parameters", {})
    except RdhError:
        return {}
    return {k: parameters[k] for k in ("counting_days", "filters", "filter_domains", "counts_window")
            if parameters.get(k)}
