"""Alerts: herds predicted to reach a closed border crossing or a flagged conflict area within N days.

The prediction is deliberately simple and stated: from the herd's last report it keeps walking at
its observed speed (clipped to a plausible range) along the least-cost path towards its heading
(the report's ``direction`` if given, else the bearing of its last two reports, else south in the
dry season and north in the wet season), and the first hazard cell met on that path within N days
raises an alert.
"""
import geopandas as gpd
import numpy as np
import pandas as pd
from scipy import ndimage

from .products import COARSEN_M, OUT_CRS
from .routing import nearest_passable

COMPASS = {"n": 0, "nne": 22.5, "ne": 45, "ene": 67.5, "e": 90, "ese": 112.5, "se": 135, "sse": 157.5,
           "s": 180, "ssw": 202.5, "sw": 225, "wsw": 247.5, "w": 270, "wnw": 292.5, "nw": 315, "nnw": 337.5}
SPEED_KM_DAY = (5.0, 40.0)
DEFAULT_SPEED_KM_DAY = 15.0
HAZARD_CODES = {"closed_crossing": ("border_closed", "stranded"), "conflict_area": ("conflict",)}


def hazard_mask(surface, points, *, radius_m):
    """Cells within ``radius_m`` of any of ``points`` (a GeoDataFrame, any CRS)."""
    mask = np.zeros(surface.shape, bool)
    if points is None or len(points) == 0:
        return mask
    pts = points.to_crs(surface.crs)
    cells = surface.cells(pts.geometry.x, pts.geometry.y)
    cells = cells[surface.inside(cells)]
    mask[cells[:, 0], cells[:, 1]] = True
    if mask.any():
        dist = ndimage.distance_transform_edt(~mask, sampling=surface.cellsize)
        mask = dist <= radius_m
    return mask


def reported_hazards(reports):
    """Report points whose ``alert`` names a closed border or a conflict, by hazard type."""
    if "alert" not in reports.columns:
        return {}
    alert = reports["alert"].fillna("").astype(str).str.lower()
    return {kind: reports[alert.str.contains("|".join(words))] for kind, words in HAZARD_CODES.items()}


def _heading(trip, surface):
    direction = trip.last_report.get("direction") if trip.last_report is not None else None
    if isinstance(direction, str) and direction.strip().lower() in COMPASS:
        deg = np.deg2rad(COMPASS[direction.strip().lower()])
        return np.array([-np.cos(deg), np.sin(deg)])  # (row, col): north is -row
    if len(trip.last_cells) == 2 and (trip.last_cells[1] != trip.last_cells[0]).any():
        d = (trip.last_cells[1] - trip.last_cells[0]).astype(float) * surface.cellsize
        return d / np.hypot(*d)
    return np.array([1.0, 0.0]) if trip.season == "dry" else np.array([-1.0, 0.0])


def predict_alerts(trips, surface, router, hazards, *, days=14, as_of=None, max_gap_days=30,
                   crossings=None, coarsen_m=COARSEN_M):
    """``alerts`` layer. ``hazards`` maps an alert type to a boolean grid of hazard cells.

    Only trips still active at ``as_of`` (last report no older than ``max_gap_days``; default: the
    latest report date) are projected."""
    ends = [pd.Timestamp(t.report_dates[-1]) for t in trips]
    as_of = pd.Timestamp(as_of) if as_of is not None else (max(ends) if ends else pd.Timestamp.now())
    rows = []
    for trip, last in zip(trips, ends):
        if not (as_of - pd.Timedelta(days=max_gap_days) <= last <= as_of):
            continue
        span = trip.report_dates[-1] - trip.report_dates[0]
        span_days = max(span.astype("timedelta64[s]").astype(float) / 86400, 0)
        speed = trip.length_m / 1000.0 / span_days if span_days >= 1 else DEFAULT_SPEED_KM_DAY
        speed = float(np.clip(speed, *SPEED_KM_DAY))
        lead = days - (as_of - last).days  # days left in the horizon after the last report
        if lead <= 0:
            continue
        start = trip.cells[-1]
        reach_cells = speed * 1000.0 * lead / min(surface.cellsize)
        target = np.round(start + _heading(trip, surface) * reach_cells).astype(np.int64)
        target = np.clip(target, 0, np.array(surface.shape) - 1)
        target = nearest_passable(surface.cost, target, radius_cells=10)
        if target is None or (target == start).all():
            continue
        path, _, _ = router.leg(start, target, evidence=trip.evidence)  # along its route of other years
        if path is None:
            continue
        steps = np.hypot(*(np.diff(path, axis=0) * surface.cellsize).T)
        day_at = np.concatenate([[0.0], np.cumsum(steps)]) / 1000.0 / speed
        for kind, mask in hazards.items():
            hit = np.flatnonzero(mask[path[:, 0], path[:, 1]] & (day_at <= lead))
            if hit.size == 0:
                continue
            i = hit[0]
            reach = (last - as_of).days + float(day_at[i])
            rows.append({"herd_id": trip.herd_id, "season": trip.season, "alert_type": kind,
                         "days_to_reach": round(max(reach, 0.0), 1),
                         "expected_date": (last + pd.Timedelta(days=float(day_at[i]))).date().isoformat(),
                         "herd_size": trip.herd_size, "last_report_date": last.date().isoformat(),
                         "speed_km_day": round(speed, 1), "_cell": path[i]})
    cols = ["herd_id", "season", "alert_type", "days_to_reach", "expected_date", "herd_size",
            "last_report_date", "speed_km_day", "poe_id", "geometry"]
    if not rows:
        return gpd.GeoDataFrame(pd.DataFrame(columns=cols), geometry="geometry", crs=OUT_CRS)
    df = pd.DataFrame(rows)
    xy = surface.xy(np.vstack(df.pop("_cell").to_list()))
    df["poe_id"] = None
    if crossings is not None and len(crossings) and "poe_id" in crossings.columns:
        pts = crossings.to_crs(surface.crs)
        d = np.hypot(xy[:, None, 0] - pts.geometry.x.to_numpy()[None], xy[:, None, 1] - pts.geometry.y.to_numpy()[None])
        is_closed = (df["alert_type"] == "closed_crossing").to_numpy()
        df.loc[is_closed, "poe_id"] = pts["poe_id"].astype(str).to_numpy()[d.argmin(axis=1)][is_closed]
    if coarsen_m:
        xy = np.round(xy / coarsen_m) * coarsen_m
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=surface.crs)
    return gdf[cols].sort_values(["days_to_reach", "herd_id"]).reset_index(drop=True).to_crs(OUT_CRS)


__all__ = ["hazard_mask", "predict_alerts", "reported_hazards"]
