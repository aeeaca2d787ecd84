"""Transhumance routes from key-informant reports over seasonal cost surfaces.

``analyse(reports, surface, ...)`` chains each herd's reports in time order, joins them by
straight legs (or, with ``routing="least-cost"``, by least-cost legs of 16-connectivity on the
legs of 20 km or more), and derives the publishable products: ``herd_routes``,
``corridor_lines``, ``border_crossings``, ``alerts`` and the route-density and corridor-band
grids. ``route_od`` routes surveyed origin-destination flows when only zones are known.
"""
import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rasterio.features import rasterize

from ..errors import ParameterError
from .alerts import hazard_mask, predict_alerts, reported_hazards
from .products import (COARSEN_M, band_cells, band_raster, border_crossings, corridor_lines, country_grid, density,
                       herd_routes, informants_per_cell, route_cells)
from .bands import bridge_density, bridge_variance, probability_band
from .routing import (DEFAULT_ROUTING, EVIDENCE_FACTOR, EVIDENCE_RADIUS_M, MIN_ROUTED_LEG_M, ROUTINGS, LegRouter, Trip,
                      reconstruct_trips, route_od, split_trips)

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

BAND_LEVEL = 0.95
REPORT_ERROR_M = 2000.0  # position uncertainty of a key-informant report (for the Brownian bridge)
BRIDGE_MARGIN_M = 30000.0


def bridge_band(trip, surface, *, level=BAND_LEVEL, error_m=REPORT_ERROR_M):
    """(row0, col0, mask): the cells of ``trip``'s Brownian-bridge band holding ``level`` of the
    probability of where the herd was between its reports (see ``bands``)."""
    cells = trip.report_cells
    xy = surface.xy(cells)
    t = (trip.report_dates - trip.report_dates[0]).astype("timedelta64[s]").astype(float) / 86400.0
    keep = np.ones(len(t), bool)
    keep[1:] = np.diff(t) > 0
    xy, t = xy[keep], t[keep]
    if len(xy) < 2:
        return None
    sigma2 = bridge_variance(xy, t, error_m=error_m)
    if sigma2 is None:  # two reports: a bridge as wide as a tenth of the leg at its middle
        sigma2 = (0.2 * np.hypot(*(xy[-1] - xy[0]))) ** 2 / max(t[-1] - t[0], 1e-9)
    margin = (np.ceil(BRIDGE_MARGIN_M / np.array(surface.cellsize))).astype(int)
    r0, c0 = np.maximum(cells.min(axis=0) - margin, 0)
    r1, c1 = np.minimum(cells.max(axis=0) + margin + 1, surface.shape)
    rows, cols = np.mgrid[r0:r1, c0:c1]
    centres = surface.xy(np.column_stack([rows.ravel(), cols.ravel()]))
    density = bridge_density(centres, xy, t, sigma2=sigma2, error_m=error_m).reshape(rows.shape)
    return r0, c0, probability_band(density, surface.cellsize[0] * surface.cellsize[1], level)


@dataclass
class TranshumanceResult:
    """Layers (name -> GeoDataFrame, EPSG:4326) and grids on ``surface``'s grid.

    ``route_informants`` / ``band_informants``: distinct informants who reported the herds counted
    in each cell of ``herds_per_cell`` / ``corridor_band`` (internal: disclosure control holds the
    published cells to at least 3 of them)."""

    trips: list
    layers: dict
    herds_per_cell: np.ndarray
    animals_per_cell: np.ndarray
    corridor_band: np.ndarray
    surface: object = field(repr=False)
    route_informants: np.ndarray = field(repr=False, default=None)
    band_informants: np.ndarray = field(repr=False, default=None)


def analyse(reports, surface, *, connectivity=16, band_pct=10.0, max_gap_days=30, season=None,
            admin0=None, crossings=None, conflict_areas=None, alert_days=14, as_of=None,
            hazard_radius_m=10000.0, min_corridor_herds=2, coarsen_m=COARSEN_M, straightness=0.02,
            evidence_factor=EVIDENCE_FACTOR, evidence_radius_m=EVIDENCE_RADIUS_M, routing=DEFAULT_ROUTING,
            min_routed_leg_m=MIN_ROUTED_LEG_M, band_level=BAND_LEVEL, progress=None):
    """Reconstruct the herds' routes and every product from ``reports`` (``ki_reports`` points).

    ``routing``: ``"straight"`` (default) or ``"least-cost"`` legs between reports, the latter only
    on legs of at least ``min_routed_leg_m``. The corridor band is, with straight routing, the
    Brownian-bridge probability band holding ``band_level`` of where the herd was between its
    reports; with least-cost routing, the cells within ``band_pct`` percent of the legs' optimal
    cost.

    ``admin0``: country polygons (``adm0_iso3``) for border crossings; ``crossings``: known crossing
    points (``poe_id``, optional ``status``; ``fully_closed`` ones are hazards for alerts);
    ``conflict_areas``: flagged conflict points or polygons (hazards). Reports whose ``alert`` names
    a closed border or a conflict add hazards around their position. Alerts look at the herds as
    reported up to ``as_of`` (default: the latest report). ``band_pct``: corridor-band
    tolerance in percent above the optimal cost (``None`` skips the band, with either routing). ``straightness``: tie
    breaking towards the straight line between reports; ``evidence_factor`` / ``evidence_radius_m``:
    legs prefer ground where the herd was reported in the same season of other cycles (see
    ``routing``); so do the walks ahead that predict alerts.
    """
    if band_pct is not None and band_pct < 0:
        raise ParameterError(f"band_pct must be >= 0, got {band_pct}")
    if alert_days < 0:
        raise ParameterError(f"alert_days must be >= 0, got {alert_days}")
    if not 0 < band_level < 1:
        raise ParameterError(f"band_level must be in (0, 1), got {band_level}")
    trips = reconstruct_trips(reports, surface, connectivity=connectivity, band_pct=band_pct,
                              max_gap_days=max_gap_days, season=season, straightness=straightness,
                              evidence_factor=evidence_factor, evidence_radius_m=evidence_radius_m,
                              routing=routing, min_routed_leg_m=min_routed_leg_m, progress=progress)
    seen = trips
    trips = [t for t in trips if len(t.cells) > 1]  # one-cell trips only feed the alerts
    if routing == "straight" and band_pct is not None:
        for t in trips:
            band = bridge_band(t, surface, level=band_level)
            t.bands = [band] if band is not None else []
    herds, animals = density([t.cells for t in trips], surface.shape, weights=[t.herd_size for t in trips])
    band = band_raster(trips, surface.shape)
    who = [t.informants for t in trips]
    route_informants = informants_per_cell(route_cells([t.cells for t in trips], surface.shape), who, surface.shape)
    band_informants = informants_per_cell([band_cells(t, surface.shape) for t in trips], who, surface.shape)
    layers = {"herd_routes": herd_routes(trips, surface, coarsen_m=coarsen_m),
              "corridor_lines": corridor_lines(herds, animals, surface, season=season, min_herds=min_corridor_herds,
                                               coarsen_m=coarsen_m)}
    if admin0 is not None:
        grid, codes = country_grid(admin0, surface)
        layers["border_crossings"] = border_crossings(trips, surface, grid, codes, crossings=crossings,
                                                      coarsen_m=coarsen_m)
    hazards = {kind: hazard_mask(surface, pts, radius_m=hazard_radius_m)
               for kind, pts in reported_hazards(reports).items()}
    if crossings is not None and "status" in crossings.columns:
        closed = crossings[crossings["status"].astype(str) == "fully_closed"]
        hazards["closed_crossing"] = hazards.get("closed_crossing", False) | hazard_mask(
            surface, closed, radius_m=hazard_radius_m)
    if conflict_areas is not None and len(conflict_areas):
        areas = conflict_areas.to_crs(surface.crs)
        burnt = rasterize(((g, 1) for g in areas.geometry.buffer(hazard_radius_m) if g is not None),
                          out_shape=surface.shape, transform=surface.transform, fill=0, dtype="uint8").astype(bool)
        hazards["conflict_area"] = hazards.get("conflict_area", False) | burnt
    router = LegRouter(surface.cost, surface.cellsize, connectivity=connectivity, evidence_factor=evidence_factor,
                       evidence_radius_m=evidence_radius_m)
    known = seen
    if as_of is not None:  # alerts look only at what informants had reported by that date
        dates = pd.to_datetime(reports["date"])
        known = reconstruct_trips(reports[dates <= pd.Timestamp(as_of)], surface, connectivity=connectivity,
                                  max_gap_days=max_gap_days, season=season, straightness=straightness,
                                  evidence_factor=evidence_factor, evidence_radius_m=evidence_radius_m,
                                  routing=routing, min_routed_leg_m=min_routed_leg_m)
    layers["alerts"] = predict_alerts(known, surface, router, hazards, days=alert_days, as_of=as_of,
                                      max_gap_days=max_gap_days, crossings=crossings, coarsen_m=coarsen_m)
    return TranshumanceResult(trips, layers, herds, animals, band, surface, route_informants, band_informants)


__all__ = ["BAND_LEVEL", "DEFAULT_ROUTING", "EVIDENCE_FACTOR", "EVIDENCE_RADIUS_M", "MIN_ROUTED_LEG_M", "ROUTINGS",
           "LegRouter", "TranshumanceResult", "Trip", "analyse", "bridge_band", "reconstruct_trips", "route_od",
           "split_trips"]
