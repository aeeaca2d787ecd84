"""`rdh transhumance`: seasonal herd routes, corridors, border crossings and alerts from
key-informant reports."""
from pathlib import Path

import logging

import click
import geopandas as gpd
import numpy as np
import pandas as pd

from .. import provenance
from ..errors import InputNotFoundError, SchemaError
from ..io.gazetteer import Gazetteer
from ..io.charts import write_csv
from ..io.gpkg import write_layers
from ..io.schemas import validate
from ..io.tables import points_from_lonlat, read_table, read_vector
from ..raster.cost_surface import DEFAULT_CRS, SEASONS, build_cost_surface, read_cost_surface, write_cost_surface, \
    write_geotiff
from ..transhumance_routes import EVIDENCE_FACTOR, EVIDENCE_RADIUS_M, analyse
from ..transhumance_routes.circuit import surface_current
from ..transhumance_routes.od import analyse_od
from . import cli
from .options import claim, config_option, overwrite_option
from .progress import bar

ATTRACTOR_LAYERS = {"boreholes": "boreholes_irh", "livestock_markets": "livestock_markets",
                    "vaccination_parks": "vaccination_parks"}
PASTURE_LAYER = "pastoral_suitability"  # pasture quality polygons (class column `pastoral`)
MARGIN_M = 100_000.0
log = logging.getLogger(__name__)


def _path(value):
    return Path(value) if value else None


@cli.command("transhumance")
@click.option("--reports", type=click.Path(dir_okay=False, path_type=Path),
              help="Key-informant reports (kind ki_reports: CSV, XLSX or GeoPackage).")
@click.option("--od", type=click.Path(dir_okay=False, path_type=Path),
              help="Instead of --reports: surveyed OD flows (kind od: origin, destination, flow; optional season) "
                   "between places, routed as one least-cost path per pair.")
@click.option("--places", type=click.Path(dir_okay=False, path_type=Path),
              help="Gazetteer locating the --od origins and destinations (GeoNames CSV; with --admin, admin "
                   "unit names too).")
@click.option("--cost", type=click.Path(dir_okay=False, path_type=Path),
              help="A ready cost GeoTIFF (projected CRS; cost per metre, nodata = barrier).")
@click.option("--landcover", type=click.Path(dir_okay=False, path_type=Path),
              help="IGBP land-cover GeoTIFF to build the seasonal cost surface from.")
@click.option("--season", type=click.Choice(SEASONS),
              help="Season to route (required with --landcover; with --cost, routes only that season).")
@click.option("--weights", "weights", type=click.Path(dir_okay=False, path_type=Path),
              help="Cost-weights TOML (default: the shipped one for --season).")
@click.option("--roads", type=click.Path(dir_okay=False, path_type=Path), help="Road lines (layer 'edges' if present).")
@click.option("--water", type=click.Path(dir_okay=False, path_type=Path),
              help="GeoPackage with 'rivers_lake_centerlines' and 'lakes' layers.")
@click.option("--slope", type=click.Path(dir_okay=False, path_type=Path), help="Slope GeoTIFF (degrees).")
@click.option("--protected", type=click.Path(dir_okay=False, path_type=Path),
              help="Protected areas and forest reserves (polygons): costlier, more so in the wet season.")
@click.option("--admin", type=click.Path(dir_okay=False, path_type=Path),
              help="Country polygons (layer 'adm0', column adm0_iso3): border costs and crossings.")
@click.option("--poe", type=click.Path(dir_okay=False, path_type=Path),
              help="Known border crossings: a points layer, or a poe registry table (poe_id, lon, lat).")
@click.option("--status", type=click.Path(dir_okay=False, path_type=Path),
              help="poe_status table; crossings fully_closed on --date are alert hazards.")
@click.option("--date", "as_of", help="Alert date (ISO; default: the latest report).")
@click.option("--conflict", type=click.Path(dir_okay=False, path_type=Path), help="Flagged conflict areas (vector).")
@click.option("--infrastructure", type=click.Path(dir_okay=False, path_type=Path),
              help="Pastoral infrastructure GeoPackage (boreholes_irh, livestock_markets, vaccination_parks as "
                   "attractors; pastoral_suitability polygons for pasture quality).")
@click.option("--resolution-m", type=click.FloatRange(min=100), default=2500.0, show_default=True,
              help="Cell size of the built surface.")
@click.option("--crs", default=DEFAULT_CRS, show_default=True, help="Projected CRS of the built surface.")
@click.option("--bounds", nargs=4, type=float, default=None,
              help="Surface extent minx miny maxx maxy in --crs (default: the reports + 100 km).")
@click.option("--connectivity", type=click.Choice(["8", "16"]), default="16", show_default=True)
@click.option("--band-pct", type=click.FloatRange(min=0), default=10.0, show_default=True,
              help="Corridor band: cells within this %% of the optimal cumulative cost.")
@click.option("--alert-days", type=click.IntRange(min=0), default=14, show_default=True,
              help="Alert horizon: hazards a herd is predicted to reach within N days.")
@click.option("--max-gap-days", type=click.IntRange(min=1), default=30, show_default=True,
              help="A longer gap between two reports of a herd starts a new trip.")
@click.option("--min-corridor-herds", type=click.IntRange(min=1), default=2, show_default=True,
              help="Corridor lines follow cells used by at least this many herds.")
@click.option("--evidence-factor", type=click.FloatRange(min=0, min_open=True, max=1), default=EVIDENCE_FACTOR,
              show_default=True,
              help="Cost multiplier near other reports of the season: routes prefer ground where herds were "
                   "seen (1 = the surface alone).")
@click.option("--evidence-radius-m", type=click.FloatRange(min=0), default=EVIDENCE_RADIUS_M, show_default=True,
              help="Radius around each report for --evidence-factor.")
@click.option("--current", "current", is_flag=True,
              help="Also write current_density.tif: a circuit-theory current map of the herds' trips (first to "
                   "last report) or of the OD flows, to compare with the least-cost corridors.")
@click.option("--current-max-cells", type=click.IntRange(min=100), default=250_000, show_default=True,
              help="The current map runs on the surface averaged by blocks to at most this many cells.")
@click.option("--save-cost", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the built cost surface to this GeoTIFF.")
@config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Output GeoPackage; the rasters (route_density.tif, ...) are written beside it.")
@overwrite_option
def transhumance_cmd(reports, od, places, cost, landcover, season, weights, roads, water, slope, protected, admin,
                     poe, status, as_of, conflict, infrastructure, resolution_m, crs, bounds, connectivity, band_pct,
                     alert_days, max_gap_days, min_corridor_herds, evidence_factor, evidence_radius_m, current,
                     current_max_cells, save_cost, output, overwrite):
    """Seasonal transhumance routes from key-informant reports (or surveyed OD flows) over a cost surface.

    Chains each herd's reports in time order and joins them by least-cost paths, then writes
    herd_routes, corridor_lines, border_crossings and alerts (OUTPUT) plus route_density.tif
    (band 1 herds, band 2 animals per cell), corridor_band.tif (herds whose near-optimal band
    covers the cell) and alerts.csv (the alerts as a table); with --current, current_density.tif.
    Legs prefer ground where the same herd was reported in the same season of other years
    (--evidence-factor). Informant ids and exact report positions are not written.

    With --od and --places instead of --reports (surveyed flows between places, e.g. markets or
    communes), writes od_routes (one least-cost route per pair, with its flow) and corridor_lines,
    and route_density.tif (band 1 OD links, band 2 flow per cell).

    \b
    rdh transhumance --reports ki.csv --landcover lc.tif --season dry -o dry.gpkg
    rdh transhumance --od flows.csv --places places.csv --landcover lc.tif --season wet -o od.gpkg
    rdh transhumance --reports ki.csv --cost cost.tif -o routes.gpkg
    """
    if as_of is not None:
        try:
            pd.Timestamp(as_of)
        except ValueError:
            raise click.BadParameter(f"{as_of!r} is not a date (give YYYY-MM-DD)", param_hint="--date") from None
    if (cost is None) == (landcover is None):
        raise click.UsageError("give exactly one of --cost or --landcover")
    if landcover is not None and season is None:
        raise click.UsageError("--landcover needs --season dry|wet")
    if (reports is None) == (od is None):
        raise click.UsageError("give exactly one of --reports (key-informant reports) or --od (surveyed OD flows)")
    if od is not None and places is None:
        raise click.UsageError("--od needs --places (a gazetteer to locate the origins and destinations)")
    rasters = ["route_density.tif"] + (["corridor_band.tif", "alerts.csv"] if od is None else []) \
        + (["current_density.tif"] if current else [])
    claim(output, save_cost, *(output.with_name(n) for n in rasters),
          *(output.with_name(n).with_suffix(".qml") for n in rasters if n.endswith(".tif")), overwrite=overwrite)
    if od is not None:
        table = validate(read_table(od), "od", path=od)
        points = _zones(table, places, admin)
    else:
        points = points_from_lonlat(validate(read_table(reports), "ki_reports", path=reports))
    admin0 = _read_layer(admin, "adm0") if admin else None
    crossings = _crossings(poe, status, as_of) if poe else None
    inputs = [p for p in (reports, od, places, cost, landcover, weights, roads, water, slope, protected, admin, poe,
                          status, conflict, infrastructure) if p]
    if cost is not None:
        surface = read_cost_surface(cost, season=season)
    else:
        if bounds is None:
            bounds = points.to_crs(crs).total_bounds + np.array([-MARGIN_M, -MARGIN_M, MARGIN_M, MARGIN_M])
        rivers = lakes = None
        if water:
            rivers, lakes = _read_layer(water, "rivers_lake_centerlines"), _read_layer(water, "lakes")
        attractors, pasture = {}, None
        if infrastructure:
            attractors = {name: _read_layer(infrastructure, layer) for name, layer in ATTRACTOR_LAYERS.items()}
            pasture = _optional_layer(infrastructure, PASTURE_LAYER)
        # Closed crossings are not baked into the surface: herds walk towards them (alerts).
        open_points = crossings.drop(columns="status") if crossings is not None else None
        surface = build_cost_surface(landcover, season=season, bounds=bounds, resolution_m=resolution_m, crs=crs,
                                     config=weights, roads=_read_layer(roads, "edges") if roads else None,
                                     water=rivers, lakes=lakes, slope=slope, borders=admin0,
                                     protected=read_vector(protected) if protected else None, pasture=pasture,
                                     crossings=open_points, attractors=attractors)
        if save_cost:
            write_cost_surface(save_cost, surface)
    params = {"season": season, "connectivity": int(connectivity),
              "resolution_m": resolution_m if cost is None else None, "crs": surface.crs.to_string(),
              "min_corridor_herds": min_corridor_herds, "current_max_cells": current_max_cells if current else None}
    if od is not None:
        result = analyse_od(table, points, surface, season=season, connectivity=int(connectivity),
                            min_corridor_links=min_corridor_herds, progress=bar("Routing OD flows"))
        layers = result.layers
        grids = {"route_density.tif": (np.stack([result.links_per_cell, result.flow_per_cell]),
                                       ["OD links per cell", "flow per cell"])}
        pairs = [(f["cells"][0], f["cells"][-1]) for f in result.flows]
        pair_weights = [f["flow"] for f in result.flows]
    else:
        result = analyse(points, surface, connectivity=int(connectivity), band_pct=band_pct,
                         max_gap_days=max_gap_days, season=season, admin0=admin0, crossings=crossings,
                         conflict_areas=read_vector(conflict) if conflict else None, alert_days=alert_days,
                         as_of=as_of, min_corridor_herds=min_corridor_herds, evidence_factor=evidence_factor,
                         evidence_radius_m=evidence_radius_m, progress=bar("Routing herds"))
        params.update({"band_pct": band_pct, "alert_days": alert_days, "max_gap_days": max_gap_days, "date": as_of,
                       "evidence_factor": evidence_factor, "evidence_radius_m": evidence_radius_m})
        layers = result.layers
        grids = {"route_density.tif": (np.stack([result.herds_per_cell, result.animals_per_cell]),
                                       ["herds per cell", "animals per cell"]),
                 "corridor_band.tif": (result.corridor_band,
                                       [f"herds whose {band_pct:g}% corridor band covers the cell"])}
        pairs = [(t.cells[0], t.cells[-1]) for t in result.trips if len(t.cells) > 1]
        pair_weights = None
    record = provenance.run_provenance(tool="rdh transhumance", inputs=inputs, parameters=params)
    write_layers(output, layers, provenance=record, styles={name: name for name in layers})
    for name, (grid, descriptions) in grids.items():
        write_geotiff(output.with_name(name), grid.astype(np.float32) if grid.dtype.kind == "f" else grid,
                      transform=surface.transform, crs=surface.crs, descriptions=descriptions,
                      style=Path(name).stem)
    written = list(grids)
    if current:
        amps, amps_transform = surface_current(surface, pairs, weights=pair_weights, max_cells=current_max_cells,
                                               progress=bar("Current map"))
        write_geotiff(output.with_name("current_density.tif"), amps.astype(np.float32), transform=amps_transform,
                      crs=surface.crs, nodata=np.nan, descriptions=["current (circuit theory)"],
                      style="current_density")
        written.append("current_density.tif")
    if "alerts" in layers:
        alerts = layers["alerts"]
        table = alerts.drop(columns="geometry").assign(lon=alerts.geometry.x.round(3), lat=alerts.geometry.y.round(3))
        write_csv(output.with_name("alerts.csv"), table)
        written.append("alerts.csv")
    for name, gdf in layers.items():
        click.echo(f"  {name:<17} {len(gdf):>6} features")
    click.echo(f"Wrote {output}, {', '.join(written)}")


def _zones(od_table, places, admin):
    """Points named ``zone`` for every origin and destination of ``od_table`` found in the gazetteer
    (GeoNames places, and admin units when ``admin`` is given); the others are reported and left out."""
    gazetteer = Gazetteer.load(places, admin_path=admin)
    resolved, unresolved = gazetteer.resolve(pd.concat([od_table["origin"], od_table["destination"]]))
    if len(unresolved):
        listed = "; ".join(f"{r.name} (did you mean: {r.suggestions or 'no close name'})"
                           for r in unresolved.head(10).itertuples())
        log.warning("%d place name(s) of the OD table not in the gazetteer, their flows are skipped: %s",
                    len(unresolved), listed)
    if resolved.empty:
        raise SchemaError("no origin or destination of the OD table was found in the gazetteer")
    return gpd.GeoDataFrame({"zone": resolved["name"]},
                            geometry=gpd.points_from_xy(resolved["lon"], resolved["lat"]), crs="EPSG:4326")


def _optional_layer(path, layer):
    """``layer`` of ``path``, or None when the file has no such layer."""
    import pyogrio

    return read_vector(path, layer=layer) if layer in {name for name, _ in pyogrio.list_layers(path)} else None


def _read_layer(path, layer):
    import pyogrio

    names = [name for name, _ in pyogrio.list_layers(path)]
    return read_vector(path, layer=layer if layer in names else None)


def _crossings(poe, status, as_of):
    """Crossing points with their status on ``as_of`` (``open`` when no status applies)."""
    if poe.suffix.lower() in {".csv", ".txt", ".xlsx", ".xls"}:
        points = points_from_lonlat(validate(read_table(poe), "poe", path=poe))
    else:
        points = _read_layer(poe, "border_crossings_derived")
        if "poe_id" not in points.columns:
            points["poe_id"] = [f"X{i + 1:04d}" for i in range(len(points))]
    points["status"] = "open"
    if status:
        table = validate(read_table(status), "poe_status", path=status)
        day = pd.Timestamp(as_of) if as_of else pd.Timestamp.now().normalize()
        valid_to = table["valid_to"] if "valid_to" in table else pd.Series(pd.NaT, index=table.index)
        live = table[(table["valid_from"] <= day) & (valid_to.isna() | (valid_to >= day))]
        latest = live.sort_values("valid_from").groupby("poe_id")["status"].last()
        points["status"] = points["poe_id"].astype(str).map(latest).fillna("open")
    if not len(points):
        raise InputNotFoundError(f"{poe}: no crossing points")
    return gpd.GeoDataFrame(points, geometry="geometry", crs=points.crs)
