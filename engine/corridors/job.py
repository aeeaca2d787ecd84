"""The `corridors` job as an engine function: read the inputs (io readers), reconstruct, and return
one :class:`~rdh_engine.io.result.Result` (nothing is written here). Declared in
engine/jobs/corridors.py."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import geopandas as gpd

from .. import provenance as prov
from ..errors import ParameterError
from ..io.result import Result, Sidecar
from ..io.schemas import validate
from ..io.sources import read_places_geonames, read_road_network_layers
from ..io.tables import read_table
from ..network import build_network
from ..poe.registry import match_registry, read_poe
from ..poe.status import read_status
from .closures import closed_edges_by_period, crossing_poe_edges, registry_poe_edges
from .reconstruct import reconstruct

STYLES = {"edge_flows": "edge_flows", "edge_flows_by_period": "edge_flows", "corridors": "corridors",
          "od_flows": "od_flows", "fmp_points": "fmp_points"}

ProgressFactory = Callable[[str], Callable[..., None]]


def run(*, roads: str | Path, places: str | Path, fmp: str | Path, counts: str | Path,
        poe: str | Path | None = None, status: str | Path | None = None, stock: str | Path | None = None,
        period: str = "month", filter: tuple[str, ...] = (), k: int = 1, theta: float = 1.0, n_boot: int = 200,
        min_share: float = 0.02, seed: int = 0, max_memory_mb: float | None = None,
        include_proposed: bool = False, output: str | Path,
        progress: ProgressFactory | None = None) -> Result:
    """Migration corridors from flow-monitoring counts (see docs/corridors.md).

    Parameters are those of the ``corridors`` job (engine/jobs/corridors.py); ``output`` names the
    GeoPackage (its stem names the sidecars). ``progress(label)`` returns a progress callback.

    Returns
    -------
    Result
        Layers edge_flows, edge_flows_by_period, corridors, od_flows, fmp_points; the corridor
        series as ``<stem>_corridor_series.csv`` and its chart as ``.png``.
    """
    output = Path(output)
    counts_table = validate(read_table(counts), "fmp_counts", path=counts)
    road_lines, crossings = read_road_network_layers(roads, option="a layer named 'edges'")
    network = build_network(road_lines, crossings=crossings, include_proposed=include_proposed)
    closures = None
    if status:
        poe_edges = (registry_poe_edges(match_registry(network, read_poe(poe), crossings=crossings)) if poe
                     else crossing_poe_edges(network))
        closures = closed_edges_by_period(read_status(status), counts_table["date"], period, poe_edges)
    result = reconstruct(network, validate(read_table(fmp), "fmp", path=fmp), counts_table, read_places(places),
                         period=period, filters=parse_filters(filter), k=k, theta_per_h=theta, closures=closures,
                         stock=read_table(stock) if stock else None, n_boot=n_boot, min_share=min_share, seed=seed,
                         max_memory_mb=max_memory_mb, progress=progress("Corridors") if progress else None)
    record = prov.run_provenance(
        tool="rdh corridors", inputs=[p for p in (roads, places, fmp, counts, poe, status, stock) if p],
        parameters=result.parameters)
    series = result.corridor_series.merge(result.corridors[["corridor_id", "name"]], on="corridor_id")
    labels = dict(zip(result.corridors["corridor_id"], result.corridors["name"]))

    def chart(path: Path) -> Path:
        from ..io.charts import write_series_chart

        return write_series_chart(path, series, x="period", y="flow_persons_day", group="corridor_id",
                                  labels=labels, title="Flow per corridor / Flux par corridor",
                                  ylabel="persons/day — personnes/jour")

    stem = output.stem
    return Result(job="corridors", layers=result.layers(), styles=_available(STYLES), provenance=record,
                  tables={f"{stem}_corridor_series.csv": series},
                  sidecars={f"{stem}_corridor_series.png": Sidecar(chart)})


def read_places(path: str | Path) -> gpd.GeoDataFrame:
    """A gazetteer: the GeoNames export as shipped in sample_data, or a canonical `places` table."""
    table = read_table(path)
    if "geonameid" in table.columns:
        return read_places_geonames(path)
    table = validate(table, "places", path=path)
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs="EPSG:4326")


def parse_filters(values: tuple[str, ...] | list[str]) -> dict[str, list[str]]:
    """`--filter column=value[,value...]` (repeatable) -> {column: [values]}."""
    filters = {}
    for item in values:
        column, sep, accepted = item.partition("=")
        if not sep or not accepted:
            raise ParameterError(f"--filter expects COLUMN=VALUE[,VALUE...], got {item!r}")
        filters.setdefault(column.strip(), []).extend(v.strip() for v in accepted.split(","))
    return filters


def _available(styles: dict[str, str]) -> dict[str, str]:
    """The styles of ``styles`` that exist as house styles (a layer without one is written unstyled)."""
    from ..errors import InputNotFoundError
    from ..io.gpkg import style_path

    found = {}
    for layer, style in styles.items():
        try:
            style_path(style)
            found[layer] = style
        except InputNotFoundError:
            pass
    return found
