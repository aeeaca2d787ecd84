"""`rdh poe-impact`: border-closure impact on flows (scenario, criticality N-1/N-2, timeline)."""
from contextlib import ExitStack
from pathlib import Path

import click
import geopandas as gpd
import pandas as pd
import pyogrio

from .. import provenance
from ..poe.sweep import SERIAL, dask_client
from ..errors import ParameterError
from ..io.gpkg import write_layers
from ..io.schemas import STATUS
from ..io.sources import read_roads
from ..io.tables import read_table
from ..network import build_network
from ..poe import (change_dates, criticality, impact_map, locate_od, monte_carlo, prepare, read_flows, read_herds,
                   read_od, read_places, read_poe, read_status, scenario_layers, status_periods, timeline,
                   timeline_chart)
from . import cli
from .options import claim, config_option, overwrite_option
from .progress import bar

STYLES = {"poe_status": "poe_status", "poe_impact": "poe_impact", "od_impact": "od_impact",
          "edge_change": "edge_change", "criticality": "criticality"}
CROSSINGS_LAYER = "border_crossings_derived"


def _check_scheduler(_ctx, _param, value):
    if value in ("local", "serial") or value.startswith(("tcp://", "tls://")):
        return value
    raise click.BadParameter("expected 'local', 'serial' or a scheduler address tcp://host:port")


def read_scenario(path):
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


@cli.command("poe-impact")
@config_option
@click.option("--roads", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="sample_data/real/roads.gpkg", show_default=True, help="Road lines (GeoPackage, SHP...).")
@click.option("--roads-layer", default="edges", show_default=True, help="Layer of the road lines.")
@click.option("--crossings-layer", default=CROSSINGS_LAYER, show_default=True,
              help="Layer of border-crossing points in the roads file (used when present).")
@click.option("--places", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default="sample_data/real/places_geonames.csv", show_default=True, help="Gazetteer (places).")
@click.option("--poe", "poe_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="PoE registry (kind poe).")
@click.option("--status", "status_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="PoE status timeline (kind poe_status).")
@click.option("--od", "od_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="OD flows (kind od: origin, destination, flow in persons/day).")
@click.option("--flows", "flows_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="OD flows from an `rdh corridors` GeoPackage (layer od_flows), instead of --od.")
@click.option("--herds", "herds_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Herd movements from an `rdh transhumance` GeoPackage (layer herd_routes; flows in heads), "
              "instead of --od.")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="Scenario: the PoE statuses on this date.")
@click.option("--baseline-date", type=click.DateTime(["%Y-%m-%d"]),
              help="Baseline: the statuses on this date (default: every PoE open).")
@click.option("--scenario", "scenario_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Scenario file (poe_id, status), applied on top of --date (or of all open).")
@click.option("--criticality", "do_criticality", is_flag=True, help="N-1 over every PoE, N-2 over the top pairs.")
@click.option("--top-pairs", default=10, show_default=True, type=click.IntRange(0, 100),
              help="N-2: all pairs among this many most critical PoEs.")
@click.option("--timeline", "do_timeline", is_flag=True, help="Impact on every date a status changes.")
@click.option("--start", type=click.DateTime(["%Y-%m-%d"]), default="2020-03-01", show_default=True,
              help="Timeline start.")
@click.option("--end", type=click.DateTime(["%Y-%m-%d"]), default="2021-12-31", show_default=True,
              help="Timeline end.")
@click.option("--monte-carlo", "mc_runs", default=0, show_default=True, type=click.IntRange(0, 100_000),
              help="Runs of the scenario with uncertain statuses (0 = none).")
@click.option("--uncertainty", default=0.2, show_default=True, type=click.FloatRange(0, 1),
              help="Monte Carlo: chance that a PoE's reported status is wrong (then drawn at random).")
@click.option("--seed", default=0, show_default=True, type=int, help="Monte Carlo: random seed.")
@click.option("--scheduler", default="local", show_default=True, callback=_check_scheduler,
              help="Sweeps: 'local' (embedded Dask LocalCluster), 'serial', or tcp://host:port of a Dask scheduler.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Workers of the embedded LocalCluster.")
@click.option("--partial-penalty-h", default=12.0, show_default=True, type=click.FloatRange(0),
              help="Hours added at a partially open PoE.")
@click.option("--partial-capacity", default=1.0, show_default=True, type=click.FloatRange(0, 1),
              help="Share of each flow that gets through a partially open PoE (the rest is stranded).")
@click.option("--edge-rule", type=click.Choice(["most_open", "most_restrictive"]), default="most_open",
              show_default=True, help="Status of a border link several PoEs share: the most open or the most "
              "restrictive of theirs.")
@click.option("--poe-tolerance-km", default=25.0, show_default=True, type=click.FloatRange(0),
              help="Largest distance from a land PoE to the border crossing it is matched to.")
@click.option("--snap-km", default=100.0, show_default=True, type=click.FloatRange(0),
              help="Largest distance from an OD place to the road network.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Timeline chart PNG (default: next to OUTPUT, <name>_timeline.png).")
@click.option("--map", "map_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Scenario map PNG (default: next to OUTPUT, <name>_map.png).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output GeoPackage.")
@overwrite_option
def poe_impact_cmd(roads, roads_layer, crossings_layer, places, poe_path, status_path, od_path, flows_path, herds_path, date,
                   baseline_date, scenario_path, do_criticality, top_pairs, do_timeline, start, end, mc_runs,
                   uncertainty, seed, scheduler, workers, partial_penalty_h, partial_capacity, edge_rule,
                   poe_tolerance_km, snap_km, chart, map_path, output, overwrite):
    """Impact of border closures on flows: who is rerouted, by how much, and who is stranded.

    Writes the layers poe_status, poe_impact, od_impact and edge_change (scenario: --date and/or
    --scenario against the baseline), criticality and criticality_n2 (--criticality), timeline and a
    chart and status_periods (--timeline), monte_carlo (--monte-carlo N). Sweeps run on Dask (embedded LocalCluster by
    default).
    """
    if sum(p is not None for p in (od_path, flows_path, herds_path)) != 1:
        raise click.UsageError("give the flows with exactly one of --od, --flows or --herds")
    if (date or baseline_date or do_timeline) and status_path is None:
        raise click.UsageError("--date, --baseline-date and --timeline need --status")
    claim(output, map_path or output.with_name(f"{output.stem}_map.png"),
          (chart or output.with_name(f"{output.stem}_timeline.png")) if do_timeline else None, overwrite=overwrite)
    progress = bar("poe-impact")
    steps = 4 + do_criticality + do_timeline + (mc_runs > 0)
    progress(0, steps, "reading inputs")
    poe = read_poe(poe_path)  # small tables first: their errors come before the slow part
    status = read_status(status_path) if status_path else None
    od = read_od(od_path) if od_path else read_flows(flows_path) if flows_path else read_herds(herds_path)
    overrides = read_scenario(scenario_path) if scenario_path else None
    road_lines = read_roads(roads, layer=roads_layer)
    layers = {name for name, _ in pyogrio.list_layers(roads)} if roads.suffix.lower() == ".gpkg" else set()
    crossings = gpd.read_file(roads, layer=crossings_layer) if crossings_layer in layers else None
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
                out["criticality"], out["criticality_n2"] = criticality(
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
                out["timeline"] = timeline(analysis, status, dates, baseline_codes, client=client,
                                           progress=bar("timeline"))
                chart_path = chart or output.with_name(f"{output.stem}_timeline.png")
                chart_path.parent.mkdir(parents=True, exist_ok=True)
                timeline_chart(out["timeline"], chart_path, end=end)
                progress(done, steps, "timeline")
                done += 1
            if mc_runs:
                out["monte_carlo"] = monte_carlo(analysis, scenario_codes, baseline_codes, runs=mc_runs,
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
    for png in (map_path, chart_path):
        if png:
            click.echo(f"Wrote {png}")
    click.echo(f"Wrote {target}")
