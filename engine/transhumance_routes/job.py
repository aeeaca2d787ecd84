"""The `transhumance` job as an engine function: read the inputs (io readers), build or read the
cost surface, route the herds (or OD flows), and return one :class:`~rdh_engine.io.result.Result`
(nothing is written here). Declared in engine/jobs/transhumance.py."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import provenance as prov
from ..errors import InputNotFoundError, SchemaError
from ..io.gazetteer import Gazetteer
from ..io.result import Raster, Result, Sidecar
from ..io.schemas import validate
from ..io.sources import CROSSINGS_LAYER, ROAD_AUX_LAYERS
from ..io.tables import choose_layer, points_from_lonlat, read_table, read_vector
from ..jobs.model import JobUsageError
from ..poe.status import read_status, status_on
from ..raster.cost_surface import build_cost_surface, read_cost_surface, write_cost_surface
from . import analyse
from .circuit import surface_current
from .od import analyse_od

ATTRACTOR_LAYERS = {"boreholes": "boreholes_irh", "livestock_markets": "livestock_markets",
                    "vaccination_parks": "vaccination_parks"}
PASTURE_LAYER = "pastoral_suitability"  # pasture quality polygons (class column `pastoral`)
MARGIN_M = 100_000.0
# Written beside route_density.tif in report mode only: OD-flow cells count OD links from a survey
# table, not herds reported by informants, so their route_density has no informants behind it
# (and rdh export withholds it).
INFORMANTS_RASTER = "informants_per_cell.tif"
log = logging.getLogger(__name__)

ProgressFactory = Callable[[str], Callable[..., None]]


def run(*, reports=None, od=None, places=None, cost=None, landcover=None, season=None, weights=None, roads=None,
        water=None, slope=None, protected=None, admin=None, poe=None, status=None, date=None, conflict=None,
        infrastructure=None, resolution_m: float = 2500.0, crs: str = "ESRI:102022", bounds=None,
        connectivity: str | int = "16", band_pct: float = 10.0, alert_days: int = 14, max_gap_days: int = 30,
        min_corridor_herds: int = 2, evidence_factor: float = 0.5, evidence_radius_m: float = 5000.0,
        routing: str = "straight", min_routed_leg_km: float = 20.0, prior_tracks=None,
        prior_strength: str | float = "auto", band_level: float = 0.95,
        current: bool = False, current_max_cells: int = 250_000, save_cost=None, output,
        progress: ProgressFactory | None = None) -> Result:
    """Seasonal transhumance routes from key-informant reports or OD flows (see docs/transhumance.md).

    Parameters are those of the ``transhumance`` job (engine/jobs/transhumance.py); paths may be
    strings or Paths, ``date`` a date or ``YYYY-MM-DD``. ``progress(label)`` returns a progress callback.

    Returns
    -------
    Result
        Layers herd_routes, corridor_lines, border_crossings, alerts (or od_routes, corridor_lines);
        rasters route_density.tif, corridor_band.tif and the internal informants_per_cell.tif
        (reports), current_density.tif (``current``);
        alerts.csv; the built cost surface at ``save_cost``.

    Raises
    ------
    JobUsageError
        Not exactly one of ``cost``/``landcover`` or ``reports``/``od``; ``landcover`` without
        ``season``; ``od`` without ``places``.
    """
    bar = progress
    reports, od, places, cost, landcover, weights, roads, water, slope, protected, admin, poe, status, conflict, \
        infrastructure, save_cost, prior_tracks = (Path(p) if p else None for p in (
            reports, od, places, cost, landcover, weights, roads, water, slope, protected, admin, poe, status,
            conflict, infrastructure, save_cost, prior_tracks))
    strength = _prior_strength(prior_strength)
    as_of = date.strftime("%Y-%m-%d") if hasattr(date, "strftime") else date
    bounds = tuple(bounds) if bounds else None
    if (cost is None) == (landcover is None):
        raise JobUsageError("give exactly one of --cost or --landcover")
    if landcover is not None and season is None:
        raise JobUsageError("--landcover needs --season dry|wet")
    if (reports is None) == (od is None):
        raise JobUsageError("give exactly one of --reports (key-informant reports) or --od (surveyed OD flows)")
    if od is not None and places is None:
        raise JobUsageError("--od needs --places (a gazetteer to locate the origins and destinations)")
    if od is not None:
        table = validate(read_table(od), "od", path=od)
        points = _zones(table, places, admin)
    else:
        points = points_from_lonlat(validate(read_table(reports), "ki_reports", path=reports))
    admin0 = _read_layer(admin, "adm0") if admin else None
    crossings = _crossings(poe, status, as_of) if poe else None
    sidecars = {}
    inputs = [p for p in (reports, od, places, cost, landcover, weights, roads, water, slope, protected, admin, poe,
                          status, conflict, infrastructure, prior_tracks) if p]
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
        road_lines = _read_layer(roads, "edges", ignore=ROAD_AUX_LAYERS) if roads else None
        surface = build_cost_surface(landcover, season=season, bounds=bounds, resolution_m=resolution_m, crs=crs,
                                     config=weights, roads=road_lines,
                                     water=rivers, lakes=lakes, slope=slope, borders=admin0,
                                     protected=read_vector(protected) if protected else None, pasture=pasture,
                                     crossings=open_points, attractors=attractors)
        if save_cost:
            sidecars["cost_surface"] = Sidecar(lambda path: write_cost_surface(path, surface) or path, kind="raster",
                                               path=save_cost)
    if prior_tracks is not None:
        surface, strength = _with_prior(surface, prior_tracks, strength, connectivity=int(connectivity),
                                        min_routed_leg_m=min_routed_leg_km * 1000)
    params = {"season": season, "connectivity": int(connectivity),
              "resolution_m": resolution_m if cost is None else None, "crs": surface.crs.to_string(),
              "min_corridor_herds": min_corridor_herds, "current_max_cells": current_max_cells if current else None}
    if od is not None:
        result = analyse_od(table, points, surface, season=season, connectivity=int(connectivity),
                            min_corridor_links=min_corridor_herds, progress=bar("Routing OD flows") if bar else None)
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
                         evidence_radius_m=evidence_radius_m, routing=routing,
                         min_routed_leg_m=min_routed_leg_km * 1000, band_level=band_level,
                         progress=bar("Routing herds") if bar else None)
        params.update({"band_pct": band_pct, "alert_days": alert_days, "max_gap_days": max_gap_days, "date": as_of,
                       "evidence_factor": evidence_factor, "evidence_radius_m": evidence_radius_m,
                       "routing": routing, "min_routed_leg_km": min_routed_leg_km, "band_level": band_level,
                       "prior_strength": strength if prior_tracks else None})
        layers = result.layers
        band_text = (f"herds whose {band_level:.0%} Brownian-bridge band covers the cell" if routing == "straight"
                     else f"herds whose {band_pct:g}% corridor band covers the cell")
        grids = {"route_density.tif": (np.stack([result.herds_per_cell, result.animals_per_cell]),
                                       ["herds per cell", "animals per cell"]),
                 "corridor_band.tif": (result.corridor_band, [band_text])}
        # internal: the informants behind each cell's herds, which rdh export holds published cells to
        informants = (np.stack([result.route_informants, result.band_informants]),
                      ["informants behind route_density (herds per cell)", "informants behind corridor_band"])
        pairs = [(t.cells[0], t.cells[-1]) for t in result.trips if len(t.cells) > 1]
        pair_weights = None
    record = prov.run_provenance(tool="rdh transhumance", inputs=inputs, parameters=params)
    rasters = {name: Raster(grid.astype(np.float32) if grid.dtype.kind == "f" else grid, surface.transform,
                            surface.crs, descriptions, style=Path(name).stem)
               for name, (grid, descriptions) in grids.items()}
    if od is None:
        rasters[INFORMANTS_RASTER] = Raster(informants[0], surface.transform, surface.crs, informants[1])
    if current:
        amps, amps_transform = surface_current(surface, pairs, weights=pair_weights, max_cells=current_max_cells,
                                               progress=bar("Current map") if bar else None)
        rasters["current_density.tif"] = Raster(amps.astype(np.float32), amps_transform, surface.crs,
                                                ["current (circuit theory)"], nodata=np.nan, style="current_density")
    tables = {}
    if "alerts" in layers:
        alerts = layers["alerts"]
        tables["alerts.csv"] = alerts.drop(columns="geometry").assign(lon=alerts.geometry.x.round(3),
                                                                       lat=alerts.geometry.y.round(3))
    return Result(job="transhumance", layers=layers, styles={name: name for name in layers}, rasters=rasters,
                  tables=tables, sidecars=sidecars, provenance=record,
                  summary=[f"  {name:<17} {len(gdf):>6} features" for name, gdf in layers.items()])


def _prior_strength(value):
    """``auto`` or a number >= 0 (the --prior-strength option)."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return "auto"
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise JobUsageError(f"--prior-strength: {value!r} is neither 'auto' nor a number") from None
    if not number >= 0:
        raise JobUsageError(f"--prior-strength: {value!r} is negative")
    return number


def _with_prior(surface, path, strength, *, connectivity, min_routed_leg_m):
    """``surface`` with its cost lowered where the herds of ``path`` went, and the strength used."""
    from .tracks import read_tracks
    from ..raster.cost_surface import CostSurface
    from .evaluation import choose_prior_strength
    from .prior import herd_density, lines_by_herd, with_prior

    tracks = read_tracks(path, crs=surface.crs)
    if strength == "auto":
        strength, table = choose_prior_strength(tracks, surface, connectivity=connectivity,
                                                min_routed_leg_m=min_routed_leg_m)
        log.info("prior strength by leave-one-herd-out cross-validation (share within 5 km): %s -> %g",
                 ", ".join(f"{r.strength:g}: {r.within_5km:.3f}" for r in table.itertuples()), strength)
    density = herd_density(lines_by_herd(tracks), surface)
    return CostSurface(with_prior(surface.cost, density, strength), surface.transform, surface.crs,
                       season=surface.season), strength


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


def _read_layer(path, layer, *, ignore=()):
    """``layer`` of ``path``, or its only layer (not counting ``ignore``); a file with several other
    layers is refused with a message listing them."""
    return read_vector(path, layer=choose_layer(path, preferred=(layer,), ignore=ignore,
                                                option=f"a layer named {layer!r}"))


def _crossings(poe, status, as_of):
    """Crossing points with their status on ``as_of`` (``open`` when no status applies)."""
    if poe.suffix.lower() in {".csv", ".txt", ".xlsx", ".xls"}:
        points = points_from_lonlat(validate(read_table(poe), "poe", path=poe))
    else:
        points = _read_layer(poe, CROSSINGS_LAYER)
        if "poe_id" not in points.columns:
            points["poe_id"] = [f"X{i + 1:04d}" for i in range(len(points))]
    points["status"] = "open"
    if status:
        day = pd.Timestamp(as_of) if as_of else pd.Timestamp.now().normalize()
        points["status"] = status_on(read_status(status), day, points["poe_id"].astype(str)).to_numpy()
    if not len(points):
        raise InputNotFoundError(f"{poe}: no crossing points")
    return gpd.GeoDataFrame(points, geometry="geometry", crs=points.crs)
