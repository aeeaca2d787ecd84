"""Scores of reconstructed herd routes against known ones (planted by the sample generator, or GPS
tracks), beside the same scores for straight lines between the same reports.

Per route: the share of its length within 2 km and 5 km of the known route, and the Hausdorff
distance. A known route is clipped to the stretch its reports span (a planted route covers the
whole planned journey, also where a stranded herd never went).
"""
import numpy as np
import pandas as pd
import shapely
import shapely.ops

from .routing import split_trips

NEAR_M = (2000.0, 5000.0)
SAMPLE_STEP_M = 500.0


def line_scores(line, truth, *, near_m=NEAR_M, step_m=SAMPLE_STEP_M):
    """{"within_2km": share, "within_5km": share, "hausdorff_km": km} of ``line`` against ``truth``
    (shapely lines in one metric CRS); shares of points every ``step_m`` along ``line``."""
    sample = shapely.points(shapely.get_coordinates(shapely.segmentize(line, step_m)))
    d = shapely.distance(sample, truth)
    out = {f"within_{m / 1000:g}km": float((d <= m).mean()) for m in near_m}
    out["hausdorff_km"] = shapely.hausdorff_distance(line, truth, densify=0.05) / 1000.0
    return out


def score_routes(routes, reports, truth, *, crs, max_gap_days=30):
    """One row per (route, method): ``herd_id``, ``season``, ``cycle``, ``method``
    (``reconstructed`` / ``straight lines``) and the :func:`line_scores`.

    ``routes``: a ``herd_routes`` layer; ``reports``: the ``ki_reports`` points it was built from;
    ``truth``: known routes with ``herd_id``, ``season``, ``cycle``; all reprojected to ``crs``
    (metric). Routes without a known route or with fewer than two reports are skipped."""
    trips = split_trips(reports.to_crs(crs), max_gap_days=max_gap_days)
    truth = truth.to_crs(crs)
    rows = []
    for rec in routes.to_crs(crs).itertuples():
        known = truth[(truth.herd_id == rec.herd_id) & (truth.season == rec.season) & (truth.cycle == rec.cycle)]
        herd = trips[(trips._herd == rec.herd_id) & (trips._season == rec.season) & (trips._cycle == rec.cycle)]
        if known.empty or len(herd) < 2:
            continue
        line = known.geometry.iloc[0]
        ends = sorted([line.project(herd.geometry.iloc[0]), line.project(herd.geometry.iloc[-1])])
        if ends[1] > ends[0]:
            line = shapely.ops.substring(line, *ends)
        straight = shapely.linestrings(np.column_stack([herd.geometry.x, herd.geometry.y]))
        for method, geom in (("reconstructed", rec.geometry), ("straight lines", straight)):
            rows.append({"herd_id": rec.herd_id, "season": rec.season, "cycle": rec.cycle, "method": method,
                         **line_scores(geom, line)})
    return pd.DataFrame(rows)


def summary(scores):
    """Mean shares and mean / median Hausdorff distance by season and method."""
    return scores.groupby(["season", "method"]).agg(
        routes=("herd_id", "size"), within_2km=("within_2km", "mean"), within_5km=("within_5km", "mean"),
        hausdorff_mean_km=("hausdorff_km", "mean"), hausdorff_median_km=("hausdorff_km", "median"))


__all__ = ["line_scores", "score_routes", "summary"]
