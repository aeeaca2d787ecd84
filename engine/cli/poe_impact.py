"""`rdh poe-impact`: border-closure impact on flows (declared in engine/jobs/poe_impact.py)."""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import click

from ..jobs.poe_impact import CROSSINGS_LAYER, JOB
from .generate import job_command

STYLES = {"poe_status": "poe_status", "poe_impact": "poe_impact", "od_impact": "od_impact",
          "edge_change": "edge_change", "criticality": "criticality"}


def read_scenario(path):
    """A scenario file: a table with ``poe_id`` and ``status`` (the closures to apply)."""
    from ..errors import ParameterError
    from ..io.schemas import STATUS
    from ..io.tables import read_table

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


def run_poe_impact(*, roads, roads_layer=None, crossings_layer=CROSSINGS_LAYER, places, poe, status=None, od=None,
                   flows=None, herds=None, date=None, baseline_date=None, scenario=None, criticality=False,
                   top_pairs=10, timeline=False, start, end, monte_carlo=0, uncertainty=0.2, seed=0,
                   scheduler="local", workers=2, partial_penalty_h=12.0, partial_capacity=1.0, edge_rule="most_open",
                   poe_tolerance_km=25.0, snap_km=100.0, chart=None, map=None, output) -> list[Path]:
    """Run the poe-impact job; returns the written files (maps and charts, then the GeoPackage)."""
    import pandas as pd

    from .. import provenance
    from ..io.gpkg import write_layers
    from ..io.sources import read_road_network_layers
    from ..network import build_network
    from ..poe import analysis as poe_analysis
    from ..poe import (change_dates, impact_map, locate_od, prepare, read_flows, read_herds, read_od, read_places,
                       read_poe, read_status, scenario_layers, status_periods, timeline_chart)
    from ..poe.sweep import SERIAL, dask_client
    from .progress import bar

    poe_path, status_path, od_path, flows_path, herds_path = poe, status, od, flows, herds
    scenario_path, do_criticality, do_timeline, mc_runs, map_path = scenario, criticality, timeline, monte_carlo, map
    output, roads = Path(output), Path(roads)
    start, end = pd.Timestamp(start).to_pydatetime(), pd.Timestamp(end).to_pydatetime()
    if sum(p is not None for p in (od_path, flows_path, herds_path)) != 1:
        raise click.UsageError("give the flows with exactly one of --od, --flows or --herds")
    if (date or baseline_date or do_timeline) and status_path is None:
        raise click.UsageError("--date, --baseline-date and --timeline need --status")
    progress = bar("poe-impact")
    steps = 4 + do_criticality + do_timeline + (mc_runs > 0)
    progress(0, steps, "reading inputs")
    poe = read_poe(poe_path)  # small tables first: their errors come before the slow part
    status = read_status(status_path) if status_path else None
    od = read_od(od_path) if od_path else read_flows(flows_path) if flows_path else read_herds(herds_path)
    overrides = read_scenario(scenario_path) if scenario_path else None
    road_lines, crossings = read_road_network_layers(roads, layer=roads_layer, crossings_layer=crossings_layer)
    progress(1, steps, "building the road network")
    network = build_network(road_lines, crossings=crossings)
    od = locate_od(od, read_places(places), network, poe=poe, snap_tolerance_m=snap_km * 1000)
    progress(2, steps, "matching PoEs")
    analysis = prepare(network, poe, od, crossings=crossings, tolerance_m=poe_tolerance_km * 1000,
                       partial_penalty_h=partial_penalty_h, partial_capacity=partial_capacity, edge_rule=edge_rule)
    if status is not None:
        analysis.check_status(status)
    baseline_codes = analysis.codes(status=status, date=baseline_date)
    scenario_codes = analysis.codes(status=status, date=date, overrides=overrides)
    progress(3, steps, "scenario against baseline")
    comparison = analysis.compare(baseline_codes, scenario_codes)
    out = scenario_layers(analysis, comparison)
    map_path = map_path or output.with_name(f"{output.stem}_map.png")
    map_path.parent.mkdir(parents=True, exist_ok=True)
    label = f"{date:%Y-%m-%d}" if date else "scenario"
    impact_map(analysis, out, map_path, title=f"Border-closure impact: {label} vs "
               f"{f'{baseline_date:%Y-%m-%d}' if baseline_date else 'all open'}")
    chart_path = None
    if do_criticality or do_timeline or mc_runs:
        with ExitStack() as stack:  # one cluster for every sweep of the run
            client = None if scheduler == SERIAL else stack.enter_context(dask_client(scheduler, n_workers=workers))
            done = 4
            if do_criticality:
                out["criticality"], out["criticality_n2"] = poe_analysis.criticality(
                    analysis, baseline_codes, top_pairs=top_pairs, client=client, progress=bar("criticality (N-1)"))
                progress(done, steps, "criticality")
                done += 1
            if do_timeline:
                dates = change_dates(status, analysis.poe_ids, start=start, end=end)
                if len(dates) == 0 or dates[0] > pd.Timestamp(start):
                    dates = dates.insert(0, pd.Timestamp(start))  # the state at the start of the range
                periods = status_periods(status, analysis.poe_ids, start=start, end=end)
                out["status_periods"] = periods.assign(valid_from=periods["valid_from"].dt.strftime("%Y-%m-%d"),
                                                       valid_to=periods["valid_to"].dt.strftime("%Y-%m-%d"))
                out["timeline"] = poe_analysis.timeline(analysis, status, dates, baseline_codes, client=client,
                                           progress=bar("timeline"))
                chart_path = chart or output.with_name(f"{output.stem}_timeline.png")
                chart_path.parent.mkdir(parents=True, exist_ok=True)
                timeline_chart(out["timeline"], chart_path, end=end)
                progress(done, steps, "timeline")
                done += 1
            if mc_runs:
                out["monte_carlo"] = poe_analysis.monte_carlo(analysis, scenario_codes, baseline_codes, runs=mc_runs,
                                                 p_uncertain=uncertainty, seed=seed, client=client,
                                                 progress=bar("Monte Carlo"))
                progress(done, steps, "Monte Carlo")
    parameters = {"date": date, "baseline_date": baseline_date, "scenario": scenario_path,
                  "criticality": do_criticality,
                  "top_pairs": top_pairs, "timeline": do_timeline, "start": start, "end": end, "monte_carlo": mc_runs,
                  "uncertainty": uncertainty, "seed": seed, "scheduler": scheduler,
                  "partial_penalty_h": partial_penalty_h, "partial_capacity": partial_capacity, "edge_rule": edge_rule,
                  "poe_tolerance_km": poe_tolerance_km, "snap_km": snap_km}
    inputs = [p for p in (roads, places, poe_path, status_path, od_path, flows_path, herds_path, scenario_path)
              if p]
    record = provenance.run_provenance(tool="rdh poe-impact", inputs=inputs, parameters=parameters)
    target = write_layers(output, out, provenance=record, styles=STYLES)
    totals = comparison.totals()
    matched = int(analysis.match.table["matched"].sum())
    click.echo(f"PoEs matched to the network: {matched} of {len(poe)}")
    unit = "heads" if herds_path else "persons/day"
    click.echo(f"Scenario vs baseline: {totals['stranded']:.0f} {unit} stranded ({totals['n_od_stranded']} OD), "
               f"{totals['flow_rerouted']:.0f} rerouted, {totals['extra_person_km']:.0f} extra "
               f"{'head' if herds_path else 'person'}-km")
    if mc_runs:
        q = out["monte_carlo"]["stranded"].quantile([0.05, 0.5, 0.95]).to_numpy()
        click.echo(f"Monte Carlo ({mc_runs} runs, uncertainty {uncertainty:g}): stranded p05 {q[0]:.0f}, "
                   f"median {q[1]:.0f}, p95 {q[2]:.0f} {unit}")
    for name, layer in out.items():
        click.echo(f"  {name:<15} {len(layer):>6} rows")
    written = [png for png in (map_path, chart_path) if png]
    for png in written:
        click.echo(f"Wrote {png}")
    click.echo(f"Wrote {target}")
    return [target, *written]


command = job_command(JOB, run=run_poe_impact)
