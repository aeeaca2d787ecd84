"""Scores of reconstructed herd routes against known ones (planted by the sample generator, or GPS
tracks), always beside the same scores for straight lines between the same reports.

Per route: the share of its length within 2, 5 and 10 km of the known route, the mean distance of
the route to it and of it to the route, and the Hausdorff distance. A known route is clipped to the
stretch its reports span (a planted route covers the whole planned journey, also where a stranded
herd never went; a GPS track is cut at the first and last report times).

:func:`evaluate` is the validation harness on GPS tracks: for each replicate it samples reports
at random times on every track, reconstructs the route between them with each method (straight
lines; least-cost legs on the cost surface; least-cost legs on the surface lowered where *other*
herds went, the movement prior, with its strength chosen by cross-validation on those other herds
only), scores each against the track, and scores bands of equal area around the reports (a
buffer around the straight lines, the Brownian bridge, the least-cost band) by the share of the
track they hold (also randomized shortest paths). Nothing fitted ever sees the held-out herd.
"""
import logging
import zlib

import numpy as np
import pandas as pd
import shapely
import shapely.ops

from ..errors import ParameterError
from .bands import bridge_density, bridge_variance, distance_to_line, least_cost_excess, rsp_passages, top_cells
from .prior import PRIOR_RADIUS_M, PRIOR_STRENGTHS, herd_density, lines_by_herd, with_prior
from .routing import LegRouter, nearest_passable, split_trips
from .tracks import sample_report_times

log = logging.getLogger(__name__)

NEAR_M = (2000.0, 5000.0, 10000.0)
SAMPLE_STEP_M = 500.0
MIN_ROUTED_LEG_M = 20000.0
ROUTINGS = ("straight", "least-cost")
METHODS = ("straight", "least-cost", "least-cost + prior")
BAND_METHODS = ("straight buffer", "brownian bridge", "least-cost", "randomized shortest paths")
BAND_BUFFER_M = 5000.0
BAND_MARGIN_M = 20000.0
CV_REPORTS = 16


def line_scores(line, truth, *, near_m=NEAR_M, step_m=SAMPLE_STEP_M):
    """Scores of ``line`` against ``truth`` (shapely lines in one metric CRS): ``within_2km``,
    ``within_5km``, ``within_10km`` (share of points every ``step_m`` along ``line`` that near the
    truth), ``mean_km`` (their mean distance to it), ``track_to_route_km`` (mean distance of the
    truth's points to ``line``) and ``hausdorff_km``."""
    sample = shapely.points(shapely.get_coordinates(shapely.segmentize(line, step_m)))
    d = shapely.distance(sample, truth)
    out = {f"within_{m / 1000:g}km": float((d <= m).mean()) for m in near_m}
    out["mean_km"] = float(d.mean()) / 1000.0
    back = shapely.points(shapely.get_coordinates(shapely.segmentize(truth, step_m)))
    out["track_to_route_km"] = float(shapely.distance(back, line).mean()) / 1000.0
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


def reconstruct_line(xy, router, surface, *, routing="straight", min_routed_leg_m=MIN_ROUTED_LEG_M):
    """(k, 2) route through the report positions ``xy`` (surface CRS, time order): straight
    segments, or with ``routing="least-cost"`` least-cost legs (``router`` on ``surface``'s grid)
    between reports at least ``min_routed_leg_m`` apart (shorter legs, and legs from a report off
    the grid or with no passable path, stay straight)."""
    if routing not in ROUTINGS:
        raise ParameterError(f"routing must be one of {ROUTINGS}, got {routing!r}")
    xy = np.asarray(xy, float)
    parts = [xy[:1]]
    cells = surface.cells(xy[:, 0], xy[:, 1])
    for i in range(len(xy) - 1):
        a, b = xy[i], xy[i + 1]
        leg = None
        if routing == "least-cost" and np.hypot(*(b - a)) >= min_routed_leg_m:
            ca, cb = (nearest_passable(router.cost, c) if surface.inside(c)[0] else None for c in cells[i:i + 2])
            if ca is not None and cb is not None and tuple(ca) != tuple(cb):
                path, _, _ = router.leg(ca, cb)
                if path is not None and len(path) > 2:
                    leg = surface.xy(path[1:-1])
        parts.append(b[None] if leg is None else np.vstack([leg, b[None]]))
    out = np.vstack(parts)
    keep = np.ones(len(out), bool)
    keep[1:] = (np.diff(out, axis=0) != 0).any(axis=1)
    return out[keep]


def _track_seed(seed, *keys):
    return [int(seed)] + [zlib.crc32(str(k).encode()) for k in keys]


def _reports(track, n_reports, gen):
    times = sample_report_times(track, n_reports, gen)
    return times, track.at(times)


def choose_prior_strength(tracks, surface, *, exclude=(), strengths=PRIOR_STRENGTHS, n_reports=CV_REPORTS,
                          seed=0, radius_m=PRIOR_RADIUS_M, min_routed_leg_m=MIN_ROUTED_LEG_M, connectivity=16):
    """(strength, table) chosen by leave-one-herd-out cross-validation on ``tracks`` (herds in
    ``exclude`` left out entirely): each herd in turn is reconstructed from ``n_reports`` reports
    sampled on its tracks, with the prior of the other herds at each strength; the strength with
    the highest mean share within 5 km wins (ties: the weakest). ``table``: mean score per strength."""
    herds = sorted({t.herd_id for t in tracks} - set(exclude))
    if len(herds) < 2:
        return 0.0, pd.DataFrame({"strength": [0.0], "within_5km": [np.nan]})
    scores = {s: [] for s in strengths}
    for herd in herds:
        density = herd_density(lines_by_herd(tracks, exclude={herd, *exclude}), surface, radius_m=radius_m)
        own = [t for t in tracks if t.herd_id == herd]
        samples = []
        for track in own:
            gen = np.random.default_rng(_track_seed(seed, "cv", track.herd_id, track.phase))
            times, xy = _reports(track, n_reports, gen)
            samples.append((track.between(times[0], times[-1]), xy))
        for strength in strengths:
            router = LegRouter(with_prior(surface.cost, density, strength), surface.cellsize,
                               connectivity=connectivity)
            for truth, xy in samples:
                route = shapely.linestrings(reconstruct_line(xy, router, surface, routing="least-cost",
                                                             min_routed_leg_m=min_routed_leg_m))
                scores[strength].append(line_scores(route, truth)["within_5km"])
    table = pd.DataFrame({"strength": list(scores), "within_5km": [np.mean(v) for v in scores.values()]})
    best = float(table.loc[table["within_5km"].idxmax(), "strength"])
    return best, table


def _band_scores(track, times, xy, surface, router, *, buffer_m, connectivity):
    """Share of the track (between the first and last report) held by each band, all of the area
    of the ``buffer_m`` buffer around the straight lines (counted in cells of ``surface``)."""
    truth = track.between(times[0], times[-1])
    pts = shapely.get_coordinates(shapely.segmentize(truth, SAMPLE_STEP_M))
    allxy = np.vstack([pts, xy])
    lo, hi = allxy.min(axis=0) - BAND_MARGIN_M, allxy.max(axis=0) + BAND_MARGIN_M
    (r0, c0), (r1, c1) = surface.cells([lo[0], hi[0]], [hi[1], lo[1]])
    r0, c0 = max(r0, 0), max(c0, 0)
    r1, c1 = min(r1 + 1, surface.shape[0]), min(c1 + 1, surface.shape[1])
    rows, cols = np.mgrid[r0:r1, c0:c1]
    centres = surface.xy(np.column_stack([rows.ravel(), cols.ravel()]))
    shape = rows.shape
    straight = shapely.linestrings(xy)
    dist = distance_to_line(centres, straight).reshape(shape)
    k = max(int((dist <= buffer_m).sum()), 1)
    cell_area = surface.cellsize[0] * surface.cellsize[1]
    error_m = max(surface.cellsize) / 2
    sigma2 = bridge_variance(xy, times, error_m=error_m)
    if sigma2 is None:  # two reports: a bridge as wide as a tenth of the leg at its middle
        sigma2 = (0.2 * np.hypot(*(xy[-1] - xy[0]))) ** 2 / max(times[-1] - times[0], 1e-9)
    bridge = bridge_density(centres, xy, times, sigma2=sigma2, error_m=error_m).reshape(shape)
    window = router.cost[r0:r1, c0:c1]
    legs = []
    for a, b in zip(surface.cells(xy[:-1, 0], xy[:-1, 1]), surface.cells(xy[1:, 0], xy[1:, 1])):
        ca, cb = nearest_passable(window, a - (r0, c0)), nearest_passable(window, b - (r0, c0))
        if ca is not None and cb is not None:
            legs.append((ca, cb))
    excess = least_cost_excess(window, legs, surface.cellsize, connectivity=connectivity)
    passages = rsp_passages(window, legs, surface.cellsize)
    masks = {"straight buffer": top_cells(dist, k, higher_is_better=False),
             "brownian bridge": top_cells(bridge, k, higher_is_better=True),
             "least-cost": top_cells(np.where(np.isfinite(excess), excess, np.inf), k, higher_is_better=False),
             "randomized shortest paths": top_cells(passages, k, higher_is_better=True)}
    at = surface.cells(pts[:, 0], pts[:, 1]) - (r0, c0)
    return {name: float(mask[at[:, 0], at[:, 1]].mean()) for name, mask in masks.items()}, k * cell_area / 1e6


def evaluate(tracks, surface, *, n_reports=16, replicates=10, seed=0, methods=METHODS,
             min_routed_leg_m=MIN_ROUTED_LEG_M, prior_strength="auto", prior_strengths=PRIOR_STRENGTHS,
             prior_radius_m=PRIOR_RADIUS_M, bands=True, band_buffer_m=BAND_BUFFER_M, connectivity=16,
             progress=None):
    """Validation harness: ``(routes, bands, strengths)`` DataFrames.

    ``tracks``: :class:`~.tracks.Track` list in ``surface``'s CRS. For each replicate, every track
    gets ``n_reports`` reports at uniformly random times; each method in ``methods``
    (:data:`METHODS`) reconstructs the route between them (least-cost legs only for legs of at
    least ``min_routed_leg_m``), scored by :func:`line_scores` against the track between the first
    and last report: ``routes`` has one row per replicate, herd, phase and method. The prior of a
    herd is built from the other herds' tracks only; ``prior_strength="auto"`` chooses its
    strength by :func:`choose_prior_strength` among the other herds (nested leave-one-herd-out),
    a number fixes it (``strengths`` has the strength per herd). ``bands`` (when ``bands``): one row
    per replicate, herd, phase and band method (:data:`BAND_METHODS`) with ``coverage`` (share of
    the track inside) at the area of a ``band_buffer_m`` buffer around the straight lines."""
    unknown = set(methods) - set(METHODS)
    if unknown:
        raise ParameterError(f"unknown method(s) {sorted(unknown)}; known: {', '.join(METHODS)}")
    if replicates < 1:
        raise ParameterError(f"replicates must be >= 1, got {replicates}")
    herds = sorted({t.herd_id for t in tracks})
    plain = LegRouter(surface.cost, surface.cellsize, connectivity=connectivity)
    priors, strengths = {}, []
    if "least-cost + prior" in methods:
        for herd in herds:
            if prior_strength == "auto":
                strength, _ = choose_prior_strength(tracks, surface, exclude={herd}, strengths=prior_strengths,
                                                    seed=seed, radius_m=prior_radius_m,
                                                    min_routed_leg_m=min_routed_leg_m, connectivity=connectivity)
            else:
                strength = float(prior_strength)
            density = herd_density(lines_by_herd(tracks, exclude={herd}), surface, radius_m=prior_radius_m)
            priors[herd] = LegRouter(with_prior(surface.cost, density, strength), surface.cellsize,
                                     connectivity=connectivity)
            strengths.append({"herd_id": herd, "prior_strength": strength})
            log.info("herd %s: prior strength %g", herd, strength)
    rows, band_rows = [], []
    total = replicates * len(tracks)
    for rep in range(replicates):
        for i, track in enumerate(tracks):
            gen = np.random.default_rng(_track_seed(seed, rep, track.herd_id, track.phase))
            times, xy = _reports(track, n_reports, gen)
            truth = track.between(times[0], times[-1])
            key = {"replicate": rep, "herd_id": track.herd_id, "phase": track.phase}
            for method in methods:
                router = priors.get(track.herd_id) if method == "least-cost + prior" else plain
                routing = "straight" if method == "straight" else "least-cost"
                line = shapely.linestrings(reconstruct_line(xy, router, surface, routing=routing,
                                                            min_routed_leg_m=min_routed_leg_m))
                rows.append({**key, "method": method, **line_scores(line, truth)})
            if bands:
                cover, area = _band_scores(track, times, xy, surface, plain, buffer_m=band_buffer_m,
                                           connectivity=connectivity)
                band_rows.extend({**key, "band": name, "area_km2": area, "coverage": c} for name, c in cover.items())
            if progress:
                progress(rep * len(tracks) + i + 1, total, "scoring reconstructions")
    return pd.DataFrame(rows), pd.DataFrame(band_rows), pd.DataFrame(strengths)


def harness_summary(routes, bands=None):
    """Mean scores per phase (and ``all``) and method, with the gain over straight lines in the share
    within 5 km and the number of replicates where the method beats straight lines by 0.05."""
    def table(df):
        per_rep = df.groupby(["replicate", "method"])["within_5km"].mean().unstack()
        out = df.groupby("method")[["within_2km", "within_5km", "within_10km", "mean_km", "track_to_route_km",
                                    "hausdorff_km"]].mean()
        gain = per_rep.sub(per_rep["straight"], axis=0) if "straight" in per_rep else per_rep * np.nan
        out["gain_5km"] = gain.mean()
        out["replicates_gain_ge_0.05"] = (gain >= 0.05).sum()
        out["replicates"] = len(per_rep)
        return out

    parts = [table(g).assign(phase=phase) for phase, g in routes.groupby("phase", sort=True)]
    parts.append(table(routes).assign(phase="all"))
    out = pd.concat(parts).reset_index().set_index(["phase", "method"])
    if bands is not None and len(bands):
        cover = bands.groupby(["phase", "band"])["coverage"].mean()
        cover_all = bands.groupby("band")["coverage"].mean()
        band_table = pd.concat([cover.unstack(), cover_all.to_frame().T.set_axis(["all"])])
        return out, band_table
    return out, None


__all__ = ["BAND_METHODS", "METHODS", "MIN_ROUTED_LEG_M", "ROUTINGS", "choose_prior_strength", "evaluate",
           "harness_summary", "line_scores", "reconstruct_line", "score_routes", "summary"]
