"""`rdh corridors`: migration corridors from flow-monitoring counts."""
from pathlib import Path

import click
import geopandas as gpd
import pyogrio

from .. import provenance
from ..corridors.closures import closed_edges_by_period, crossing_poe_edges, registry_poe_edges
from ..corridors.reconstruct import reconstruct
from ..errors import InputNotFoundError
from ..io.charts import write_csv, write_series_chart
from ..io.gpkg import style_path, write_layers
from ..io.schemas import validate
from ..io.sources import read_places_geonames, read_roads
from ..io.tables import read_table
from ..network import build_network
from ..poe.registry import match_registry, read_poe
from ..poe.status import read_status
from . import cli
from .options import claim, config_option, input_option, output_option, overwrite_option, parse_filters
from .poe_impact import CROSSINGS_LAYER
from .progress import bar


@cli.command("corridors")
@input_option("roads", "Road lines (GeoPackage/Shapefile/GeoJSON).")
@input_option("places", "Gazetteer of places (CSV with name, lon, lat; GeoNames export accepted).")
@input_option("fmp", "Flow monitoring point catalogue (kind `fmp`).")
@input_option("counts", "Daily FMP counts (kind `fmp_counts`).")
@input_option("poe", "PoE registry (kind `poe`), matched to the network's border crossings; without it "
              "--status refers to the network's own crossing ids.", required=False)
@input_option("status", "PoE status timeline (kind `poe_status`): crossings fully closed in a period are "
              "impassable in it.", required=False)
@input_option("stock", "Bilateral migrant stock (origin_iso3, destination_iso3, stock) for the gravity prior.",
              required=False)
@click.option("--period", type=click.Choice(["day", "week", "month", "quarter", "year", "all"]), default="month",
              show_default=True, help="Time step of the flows.")
@click.option("--filter", "filters", multiple=True, metavar="COLUMN=VALUES",
              help="Keep counts whose COLUMN is one of VALUES (comma-separated); repeatable. Columns: "
                   "nationality_iso3, flow_type, transport_mode, sex, age_group.")
@click.option("--k", type=click.IntRange(1, 10), default=1, show_default=True,
              help="Routes per stop pair; above 1, flow is shared by a logit on travel time.")
@click.option("--theta", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="Logit sensitivity per hour of travel time (with --k above 1).")
@click.option("--n-boot", type=click.IntRange(0, 10_000), default=200, show_default=True,
              help="Bootstrap resamples of observation days for flow_p05/flow_p95.")
@click.option("--min-share", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.02,
              show_default=True, help="Share of all flow an edge must carry to belong to a corridor.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the bootstrap.")
@config_option
@output_option
@overwrite_option
def corridors_cmd(roads, places, fmp, counts, poe, status, stock, period, filters, k, theta, n_boot, min_share,
                  seed, output, overwrite):
    """Reconstruct migration corridors: which roads and crossings the counted flows use, how many
    people a day travel each segment (with a bootstrap interval), and named corridors.

    Writes OUTPUT (layers edge_flows, edge_flows_by_period, corridors, od_flows, fmp_points) and, beside it,
    OUTPUT-stem_corridor_series.csv and .png (flow per corridor and period).

    \b
    Example:
      rdh corridors --roads roads.gpkg --places places.csv --fmp fmp.csv --counts counts.csv \\
                    --period quarter --k 3 -o corridors.gpkg
    """
    claim(*output_paths(Path(output)), overwrite=overwrite)
    counts_table = validate(read_table(counts), "fmp_counts", path=counts)
    layers = [name for name, _ in pyogrio.list_layers(roads)]
    crossings = gpd.read_file(roads, layer=CROSSINGS_LAYER) if CROSSINGS_LAYER in layers else None
    network = build_network(read_roads(roads, layer="edges" if "edges" in layers else layers[0]), crossings=crossings)
    closures = None
    if status:
        poe_edges = (registry_poe_edges(match_registry(network, read_poe(poe), crossings=crossings)) if poe
                     else crossing_poe_edges(network))
        closures = closed_edges_by_period(read_status(status), counts_table["date"], period, poe_edges)
    stock_table = read_table(stock) if stock else None
    result = reconstruct(network, validate(read_table(fmp), "fmp", path=fmp), counts_table, read_places(places),
                         period=period, filters=parse_filters(filters), k=k, theta_per_h=theta,
                         closures=closures, stock=stock_table, n_boot=n_boot, min_share=min_share, seed=seed,
                         progress=bar("Corridors"))
    record = provenance.run_provenance(
        tool="rdh corridors", inputs=[p for p in (roads, places, fmp, counts, poe, status, stock) if p],
        parameters=result.parameters)
    for path in write_result(result, Path(output), provenance=record):
        click.echo(f"Wrote {path}")


CORRIDOR_STYLES = {"edge_flows": "edge_flows", "edge_flows_by_period": "edge_flows", "corridors": "corridors",
                   "od_flows": "od_flows", "fmp_points": "fmp_points"}


def output_paths(output):
    """The GeoPackage, the corridor time series (CSV) and its chart (PNG)."""
    return [output, output.with_name(f"{output.stem}_corridor_series.csv"),
            output.with_name(f"{output.stem}_corridor_series.png")]


def write_result(result, output, *, provenance):
    """The GeoPackage, the corridor time series (CSV) and its chart (PNG)."""
    styles = {layer: style for layer, style in CORRIDOR_STYLES.items() if _has_style(style)}
    _, csv_path, png_path = output_paths(output)
    gpkg = write_layers(output, result.layers(), provenance=provenance, styles=styles)
    series = result.corridor_series.merge(result.corridors[["corridor_id", "name"]], on="corridor_id")
    csv = write_csv(csv_path, series)
    png = write_series_chart(png_path, series, x="period",
                             y="flow_persons_day", group="corridor_id",
                             labels=dict(zip(result.corridors["corridor_id"], result.corridors["name"])),
                             title="Flow per corridor / Flux par corridor", ylabel="persons/day — personnes/jour")
    return [gpkg, csv, png]


def read_places(path):
    """A gazetteer: the GeoNames export as shipped in sample_data, or a canonical `places` table."""
    table = read_table(path)
    if "geonameid" in table.columns:
        return read_places_geonames(path)
    table = validate(table, "places", path=path)
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs="EPSG:4326")


def _has_style(name):
    try:
        style_path(name)
        return True
    except InputNotFoundError:
        return False
