"""What an attacker would try on a public bundle, using only what it contains (plus, to score the
attempt, the truth the attacker does not have). The tests run these on bundles built from the
sample data; the measures say how much better than guessing each attack does.

* :func:`recovery_rates` — withheld or perturbed cells rebuilt from the rest of the bundle;
* :func:`differences_in_open_interval` — sums and differences of published counts that fall in
  ``(0, threshold)`` (a withheld value given back);
* :func:`location_errors_km` — informant positions read from published geometry (line vertices,
  points, peaks of rasters), scored against the input reports;
* :func:`foreign_hashes` — hashes in the bundle that match a file the attacker could hold;
* :func:`thinly_reported_cells` — published raster cells whose herds only one or two informants
  reported (scored with the analysis' internal count of informants per cell).
"""
from __future__ import annotations

import itertools
import re
import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from scipy import ndimage

from ..provenance import file_sha256
from .protect import METRIC_CRS

SHA256 = re.compile(r"\b[0-9a-f]{64}\b")


def recovery_rates(truth, guess):
    """``(exact, within_one)``: shares of cells whose true value ``guess`` gives exactly / within ±1."""
    truth, guess = np.asarray(truth, dtype=float), np.asarray(guess, dtype=float)
    ok = np.isfinite(guess)
    if not ok.any():
        return 0.0, 0.0
    diff = np.abs(truth - np.where(ok, guess, np.inf))
    return float((diff < 1e-6).mean()), float((diff <= 1 + 1e-6).mean())


def guessing_rates(truth, *, low=1, high=4):
    """The best a constant guess in ``low..high`` does on ``truth`` (the baseline of every attack)."""
    truth = np.asarray(truth, dtype=float)
    best = (0.0, 0.0)
    for g in range(low, high + 1):
        best = max(best, recovery_rates(truth, np.full(truth.shape, float(g))))
    return best


def differences_in_open_interval(values, threshold, *, max_terms=2):
    """Sums and differences of up to ``max_terms`` published values that land in (0, threshold)."""
    values = np.asarray(values, dtype=float)
    values = np.unique(values[np.isfinite(values)])
    found = []
    for n in range(1, max_terms + 1):
        for combo in itertools.combinations(values, n):
            for signs in itertools.product((1, -1), repeat=n):
                total = float(np.dot(signs, combo))
                if 1e-6 < total < threshold - 1e-6:
                    found.append(total)
    return found


def raster_peaks(band, transform, *, size=3):
    """Centres (x, y in the raster CRS) of the local maxima of ``band`` (NaN ignored)."""
    filled = np.nan_to_num(np.asarray(band, dtype=float), nan=-np.inf)
    peaks = (filled == ndimage.maximum_filter(filled, size=size)) & np.isfinite(filled) & (filled > 0)
    rows, cols = np.nonzero(peaks)
    xs, ys = transform * (cols + 0.5, rows + 0.5)
    return np.column_stack([xs, ys]) if len(rows) else np.empty((0, 2))


def location_errors_km(points_xy, crs, reports):
    """Distance (km) from each estimated position (x, y in ``crs``) to the nearest input report."""
    if not len(points_xy) or not len(reports):
        return np.array([])
    estimates = gpd.GeoSeries(shapely.points(np.asarray(points_xy)), crs=crs).to_crs(METRIC_CRS)
    tree = shapely.STRtree(reports.to_crs(METRIC_CRS).geometry.to_numpy())
    _, distance = tree.query_nearest(estimates.to_numpy(), return_distance=True, all_matches=False)
    return np.asarray(distance, dtype=float) / 1000.0


def vertices(gdf):
    """Every vertex of ``gdf``'s geometries (x, y in its CRS)."""
    coords = shapely.get_coordinates(gdf.geometry.dropna().to_numpy())
    return coords[:, :2]


def foreign_hashes(bundle_dir, candidates):
    """The sha256 values of ``candidates`` (files the attacker holds or can guess) found in the bundle."""
    wanted = {file_sha256(p): p for p in map(Path, candidates)}
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in Path(bundle_dir).rglob("*")
                    if p.is_file() and p.suffix in (".json", ".xml", ".csv", ".qml", ".sld"))
    text += " ".join(_gpkg_text(p) for p in Path(bundle_dir).glob("*.gpkg"))
    return sorted(str(wanted[h]) for h in set(SHA256.findall(text)) & set(wanted))


def _gpkg_text(path):
    """Every metadata record of a GeoPackage (ISO 19139 and GDAL's, where the provenance lives)."""
    with sqlite3.connect(path) as con:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_metadata'").fetchone():
            return ""
        return " ".join(str(r[0]) for r in con.execute("SELECT metadata FROM gpkg_metadata"))




def thinly_reported_cells(published, informants, *, min_informants=3):
    """How many cells of ``published`` ((bands, rows, cols) or (rows, cols)) hold a value (finite,
    not 0) although the herds behind them were reported by fewer than ``min_informants`` distinct
    informants (``informants``: the internal count per cell, on the same grid)."""
    published = np.asarray(published, dtype=float)
    published = published[None] if published.ndim == 2 else published
    shown = np.zeros(published.shape[1:], dtype=bool)
    for band in published:
        shown |= np.isfinite(band) & (band != 0)
    return int((shown & (np.asarray(informants) < min_informants)).sum())


def chance_errors_km(band, transform, crs, reports, *, n=1000, seed=0):
    """What guessing gives: distances (km) to the nearest report from points drawn uniformly inside
    the published cells of ``band`` (an attacker who only knows where the map has values)."""
    rows, cols = np.nonzero(np.isfinite(band) & (np.asarray(band) > 0))
    if not len(rows):
        return np.array([])
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(rows), n)
    xs, ys = transform * (cols[pick] + rng.random(n), rows[pick] + rng.random(n))
    return location_errors_km(np.column_stack([xs, ys]), crs, reports)


__all__ = ["chance_errors_km", "differences_in_open_interval", "foreign_hashes", "guessing_rates",
           "location_errors_km", "raster_peaks", "thinly_reported_cells",
           "recovery_rates", "vertices"]
