"""`rdh corridors`: migration corridors from flow-monitoring counts (declared in engine/jobs/corridors.py)."""
from __future__ import annotations

from pathlib import Path

import click

from ..jobs.corridors import JOB
from .generate import job_command

CORRIDOR_STYLES = {"edge_flows": "edge_flows", "edge_flows_by_period": "edge_flows", "corridors": "corridors",
                   "od_flows": "od_flows", "fmp_points": "fmp_points"}


def run_corridors(*, roads, places, fmp, counts, poe=None, status=None, stock=None, period="month", filter=(),
                  k=1, theta=1.0, n_boot=200, min_share=0.02, seed=0, output) -> list[Path]:
    """Run the corridors job; returns the written files (GeoPackage, series CSV and PNG)."""
    from .. import provenance
    from ..corridors.closures import closed_edges_by_period, crossing_poe_edges, registry_poe_edges
    from ..corridors.reconstruct import reconstruct
    from ..io.schemas import validate
    from ..io.sources import read_road_network_layers
    from ..io.tables import read_table
    from ..network import build_network
    from ..poe.registry import match_registry, read_poe
    from ..poe.status import read_status
    from .options import parse_filters
    from .progress import bar

    roads, output = Path(roads), Path(output)
    counts_table = validate(read_table(counts), "fmp_counts", path=counts)
    road_lines, crossings = read_road_network_layers(roads, option="a layer named 'edges'")
    network = build_network(road_lines, crossings=crossings)
    closures = None
    if status:
        poe_edges = (registry_poe_edges(match_registry(network, read_poe(poe), crossings=crossings)) if poe
                     else crossing_poe_edges(network))
        closures = closed_edges_by_period(read_status(status), counts_table["date"], period, poe_edges)
    stock_table = read_table(stock) if stock else None
    result = reconstruct(network, validate(read_table(fmp), "fmp", path=fmp), counts_table, read_places(places),
                         period=period, filters=parse_filters(filter), k=k, theta_per_h=theta,
                         closures=closures, stock=stock_table, n_boot=n_boot, min_share=min_share, seed=seed,
                         progress=bar("Corridors"))
    record = provenance.run_provenance(
        tool="rdh corridors", inputs=[p for p in (roads, places, fmp, counts, poe, status, stock) if p],
        parameters=result.parameters)
    written = write_result(result, output, provenance=record)
    for path in written:
        click.echo(f"Wrote {path}")
    return written


def write_result(result, output, *, provenance):
    """The GeoPackage, the corridor time series (CSV) and its chart (PNG)."""
    from ..io.charts import write_csv, write_series_chart
    from ..io.gpkg import write_layers

    styles = {layer: style for layer, style in CORRIDOR_STYLES.items() if _has_style(style)}
    gpkg = write_layers(output, result.layers(), provenance=provenance, styles=styles)
    series = result.corridor_series.merge(result.corridors[["corridor_id", "name"]], on="corridor_id")
    csv = write_csv(output.with_name(f"{output.stem}_corridor_series.csv"), series)
    png = write_series_chart(output.with_name(f"{output.stem}_corridor_series.png"), series, x="period",
                             y="flow_persons_day", group="corridor_id",
                             labels=dict(zip(result.corridors["corridor_id"], result.corridors["name"])),
                             title="Flow per corridor / Flux par corridor", ylabel="persons/day — personnes/jour")
    return [gpkg, csv, png]


def read_places(path):
    """A gazetteer: the GeoNames export as shipped in sample_data, or a canonical `places` table."""
    import geopandas as gpd

    from ..io.schemas import validate
    from ..io.sources import read_places_geonames
    from ..io.tables import read_table

    table = read_table(path)
    if "geonameid" in table.columns:
        return read_places_geonames(path)
    table = validate(table, "places", path=path)
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs="EPSG:4326")


def _has_style(name):
    from ..errors import InputNotFoundError
    from ..io.gpkg import style_path

    try:
        style_path(name)
        return True
    except InputNotFoundError:
        return False


command = job_command(JOB, run=run_corridors)
