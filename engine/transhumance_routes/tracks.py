"""GPS tracks of herds (one per herd and phase, vertices in time order) and the sparse reports
sampled from them at random times, for validating reconstructed routes.

A track's times come from, in order: a points table with a time column (:func:`tracks_from_points`),
the lines' M or Z coordinates when they increase along the line (read as days), or, failing both,
uniform time along the line (a herd walking at constant speed).
"""
import logging
from pathlib import Path
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..errors import ParameterError, SchemaError
from ..io.tables import read_vector

log = logging.getLogger(__name__)

DAY_S = 86400.0


@dataclass
class Track:
    """One herd's GPS track in one phase: ``xy`` (n, 2) metres in the metric CRS it was read in,
    ``t`` (n,) days from the first fix, non-decreasing."""

    herd_id: str
    phase: str
    xy: np.ndarray
    t: np.ndarray

    @property
    def line(self):
        return shapely.linestrings(self.xy)

    def at(self, times):
        """(k, 2) positions at ``times`` (days), linear between fixes."""
        times = np.clip(np.asarray(times, float), self.t[0], self.t[-1])
        return np.column_stack([np.interp(times, self.t, self.xy[:, 0]), np.interp(times, self.t, self.xy[:, 1])])

    def between(self, t0, t1):
        """The stretch of the track walked between times ``t0`` and ``t1`` (a line)."""
        inner = (self.t > t0) & (self.t < t1)
        xy = np.vstack([self.at([t0]), self.xy[inner], self.at([t1])])
        keep = np.ones(len(xy), bool)
        keep[1:] = (np.diff(xy, axis=0) != 0).any(axis=1)
        xy = xy[keep]
        return shapely.linestrings(xy) if len(xy) >= 2 else shapely.points(xy[0])


def _uniform_times(xy):
    step = np.hypot(*np.diff(xy, axis=0).T)
    return np.concatenate([[0.0], np.cumsum(step)]) / 1000.0  # 1 km per "day": only the order matters


def tracks_from_lines(lines, *, crs, herd_col="herd_id", phase_col="phase"):
    """:class:`Track` list from a GeoDataFrame of lines (one per herd and phase, vertices in time
    order), reprojected to ``crs`` (metric). M (or else Z) coordinates that never decrease are
    times in days; otherwise time is uniform along the line. Multi-part lines are joined in order."""
    for col in (herd_col, phase_col):
        if col not in lines.columns:
            raise SchemaError(f"tracks need a {col!r} column (one line per herd and phase)")
    projected = lines.to_crs(crs)
    out = []
    for herd, phase, geom, raw in zip(projected[herd_col], projected[phase_col], projected.geometry, lines.geometry):
        if geom is None or geom.is_empty:
            continue
        xy = shapely.get_coordinates(geom)
        t = None
        for flag in ("include_m", "include_z"):
            try:
                coords = shapely.get_coordinates(raw, **{flag: True})
            except TypeError:  # shapely without M support
                continue
            third = coords[:, 2]
            increasing = np.all(np.diff(third) >= 0) and third[-1] > third[0]
            if len(third) == len(xy) and np.isfinite(third).all() and increasing:
                t = third - third[0]
                break
        if t is None:
            t = _uniform_times(xy)
        out.append(_clean(str(herd), str(phase), xy, t))
    return [t for t in out if t is not None]


def tracks_from_points(points, *, crs, time_col="time", herd_col="herd_id", phase_col="phase"):
    """:class:`Track` list from GPS fixes (points with herd, phase and a timestamp column)."""
    for col in (herd_col, phase_col, time_col):
        if col not in points.columns:
            raise SchemaError(f"GPS fixes need a {col!r} column")
    pts = points.to_crs(crs).copy()
    pts["_t"] = pd.to_datetime(pts[time_col], format="mixed")
    out = []
    for (herd, phase), group in pts.sort_values(time_col, kind="stable").groupby([herd_col, phase_col], sort=True):
        xy = np.column_stack([group.geometry.x, group.geometry.y])
        t = (group["_t"] - group["_t"].iloc[0]).dt.total_seconds().to_numpy() / DAY_S
        out.append(_clean(str(herd), str(phase), xy, t))
    return [t for t in out if t is not None]


def _clean(herd, phase, xy, t):
    """A Track without repeated times (the first fix of each time kept), or None if too short."""
    t = np.asarray(t, float)
    keep = np.ones(len(t), bool)
    keep[1:] = np.diff(t) > 0
    if keep.sum() < 2:
        log.warning("track of herd %s (%s) has fewer than two distinct fixes: skipped", herd, phase)
        return None
    return Track(herd, phase, np.asarray(xy, float)[keep], t[keep])


def sample_report_times(track, n_reports, gen):
    """``n_reports`` sorted times drawn uniformly over the track's duration."""
    if n_reports < 2:
        raise ParameterError(f"at least two reports per track are needed, got {n_reports}")
    return np.sort(gen.uniform(track.t[0], track.t[-1], n_reports))


__all__ = ["Track", "sample_report_times", "tracks_from_lines", "tracks_from_points"]


def read_tracks(path, *, crs, layer=None, time_column="time"):
    """GPS tracks of ``path`` (lines with ``herd_id`` and ``phase``; or fixes as points with a
    ``time_column``) as :class:`~rdh_engine.transhumance_routes.tracks.Track` objects in ``crs``.
    A file without ``phase`` is one phase per herd (``all``)."""
    if layer is None and Path(path).suffix.lower() == ".gpkg":
        names = [name for name, _ in pyogrio.list_layers(path) if name != "layer_styles"]
        layer = names[0] if names else None
    gdf = read_vector(path, layer=layer)
    if "phase" not in gdf.columns:
        gdf = gdf.assign(phase="all")
    kinds = set(shapely.get_type_id(gdf.geometry.to_numpy()))
    if kinds <= {0}:  # points: GPS fixes
        return tracks_from_points(gdf, crs=crs, time_col=time_column)
    if kinds <= {1, 5}:
        return tracks_from_lines(gdf, crs=crs)
    raise SchemaError(f"{path}: tracks must be lines (one per herd and phase) or GPS fixes (points)")
