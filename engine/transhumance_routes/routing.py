"""Least-cost legs in growing windows, herd trips from key-informant reports, and OD-flow routing.

A leg between two cells is searched on a window around them, not the whole grid: a 5000x5000 grid
costs ~0.5 GB and a full reset per leg, while a leg between two reports a week apart spans a few
hundred cells. The window result is kept only when it is provably optimal: any path leaving the
window walks at least from each end to the window's edge, at no less than the cheapest cell cost,
so if the window path costs no more than that bound no outside path can beat it; otherwise the
window doubles (up to the whole grid).

Ties: on near-uniform ground many routes cost the same and a plain search returns an arbitrary
staircase. ``straightness`` (default 2%) raises costs slightly with the distance from the straight
line between the two reports, so the route closest to that line wins among (nearly) equal ones;
the route found then costs at most ``1 + straightness`` times the optimum (``straightness=0``:
exactly optimal).

Straight by default: validated against GPS-collar tracks (see docs/transhumance.md), least-cost
legs beat straight lines between the same reports by at most a few hundredths of the share of
route within 5 km, and not in every phase: on the Sahel's nearly flat surfaces weak preferences
become long detours. So legs are straight segments (``routing="straight"``) unless asked for
(``routing="least-cost"``), and even then only legs of at least ``min_routed_leg_m`` (20 km) are
routed: on shorter ones a least-cost path can only wander off the line between two reports.

Evidence: with least-cost routing, while routing a herd's trip, the cells within
``evidence_radius_m`` (default 5 km, about a report's position uncertainty) of its reports of the
same season in other cycles (other trips) cost ``evidence_factor`` (default 0.5) times their surface
cost, so a leg between two reports passes where the herd was seen in other years. This only helps
where a herd does repeat its route: the sample generator plants it so (each herd walks one planted
route in both cycles), which is where the gain measured in docs/transhumance.md comes from; no
source here shows that real herds do. A herd reported in one cycle only routes on the surface
alone, as does ``evidence_factor=1``. Other herds' reports are not used: herds one corridor apart
would pull each other off their routes (a movement prior from other herds' tracks is
``rdh_engine.transhumance_routes.prior``).
"""
import logging
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from skimage.draw import line

from ..errors import EmptyResultError, ParameterError
from ..raster import accumulated_cost, knight_crossed, least_cost_paths, path_cost, search_to

log = logging.getLogger(__name__)

MIN_MARGIN_CELLS = 16
MARGIN_FACTOR = 2.0  # first window: the leg's bounding box grown by this many times its longest side
# (measured: wide first windows prove optimal at once; growing and re-searching costs more)
EVIDENCE_FACTOR = 0.5
EVIDENCE_RADIUS_M = 5000.0
ROUTINGS = ("straight", "least-cost")
DEFAULT_ROUTING = "straight"
MIN_ROUTED_LEG_M = 20000.0
WET_MONTHS = (5, 6, 7, 8, 9)  # May-September: northward return; October-April: dry-season descent


def straight_cells(a, b):
    """(k, 2) cells of the straight segment a -> b (king moves, both ends included)."""
    rr, cc = line(int(a[0]), int(a[1]), int(b[0]), int(b[1]))
    return np.column_stack([rr, cc]).astype(np.int64)


def dense_cells(cells):
    """The path's cells plus the two cells each knight move crosses (for density and crossings)."""
    cells = np.asarray(cells, dtype=np.int64)
    if len(cells) < 2:
        return cells
    knight, first, second = knight_crossed(cells)
    return np.vstack([cells, first[knight], second[knight]])


class LegRouter:
    """Least-cost legs on one cost grid, each searched in the smallest window that proves optimal."""

    def __init__(self, cost, cellsize, *, connectivity=16, band_pct=None, straightness=0.02,
                 evidence_factor=EVIDENCE_FACTOR, evidence_radius_m=EVIDENCE_RADIUS_M):
        if connectivity not in (8, 16):
            raise ParameterError(f"connectivity must be 8 or 16, got {connectivity}")
        if not 0 < evidence_factor <= 1:
            raise ParameterError(f"evidence_factor must be in (0, 1], got {evidence_factor}")
        if evidence_radius_m < 0:
            raise ParameterError(f"evidence_radius_m must be >= 0, got {evidence_radius_m}")
        self.cost = np.asarray(cost, dtype=np.float64)
        self.cellsize = (float(cellsize[0]), float(cellsize[1]))
        self.connectivity = connectivity
        self.band_pct = band_pct
        self.straightness = straightness
        finite = self.cost[np.isfinite(self.cost) & (self.cost >= 0)]
        self.min_step = (finite.min() if finite.size else np.inf) * min(self.cellsize)
        self.evidence_factor = float(evidence_factor)
        dr, dc = (int(evidence_radius_m // size) for size in self.cellsize)
        disc = np.argwhere(np.ones((2 * dr + 1, 2 * dc + 1), bool)) - (dr, dc)
        self.evidence_disc = disc[np.hypot(disc[:, 0] * self.cellsize[0], disc[:, 1] * self.cellsize[1])
                                  <= evidence_radius_m]
        self.windows_grown = 0
        self.last_window = None  # (row0, col0, row1, col1) the last leg was settled in

    def leg(self, a, b, *, evidence=None):
        """(cells (k, 2), cost, band) for the least-cost path a -> b; cells ``None`` if unreachable.

        ``evidence``: (n, 2) cells where the herd was seen; the cells within the evidence radius of
        them cost ``evidence_factor`` times as much for this leg (the returned cost too).
        ``band`` is ``(row0, col0, mask)``: the cells whose best path through them costs at most
        (1 + band_pct/100) x the optimum (only when ``band_pct`` is set)."""
        a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
        pulled = evidence is not None and len(evidence) and self.evidence_factor < 1
        # a path outside the window may walk on evidence cells: bound it with their cost
        min_step = self.min_step * (self.evidence_factor if pulled else 1.0)
        rows, cols = self.cost.shape
        margin = max(MIN_MARGIN_CELLS, int(MARGIN_FACTOR * np.abs(a - b).max()))
        slack = 1.0 + (self.band_pct or 0.0) / 100.0
        while True:
            r0 = max(0, min(a[0], b[0]) - margin)
            r1 = min(rows, max(a[0], b[0]) + margin + 1)
            c0 = max(0, min(a[1], b[1]) - margin)
            c1 = min(cols, max(a[1], b[1]) + margin + 1)
            off = np.array([r0, c0])
            window = self.cost[r0:r1, c0:c1]
            if pulled:
                window = self._with_evidence(window, np.asarray(evidence, np.int64) - off)
            whole = (r0, c0, r1, c1) == (0, 0, rows, cols)
            path, reach = self._search(self._tie_broken(window, a - off, b - off), a - off, b - off)
            total = np.inf if path is None else path_cost(window, path, cellsize=self.cellsize)
            need = total * slack * (1 + self.straightness)
            box = (r0, c0, r1, c1)
            if whole or (path is not None and (self._rim_bound(reach, b - off, box, min_step) >= need
                                               or self._proven(window, a - off, b - off, box, need, min_step))):
                break
            margin *= 2
            self.windows_grown += 1
        self.last_window = (r0, c0, r1, c1)
        if path is None:
            return None, np.inf, None
        band = None
        if self.band_pct is not None:
            band = (r0, c0, self._band(window, a - off, b - off, total * slack))
        return path + off, total, band

    def _with_evidence(self, window, cells):
        """``window`` with the cells near ``cells`` (window coordinates) times the evidence factor."""
        near = (cells[:, None, :] + self.evidence_disc[None]).reshape(-1, 2)
        near = near[(near >= 0).all(axis=1) & (near < window.shape).all(axis=1)]
        factor = np.ones(window.shape)
        factor[near[:, 0], near[:, 1]] = self.evidence_factor
        return window * factor

    def _tie_broken(self, window, a, b):
        """The window's costs raised by up to ``straightness`` (a fraction) with the distance from the
        straight line a-b (relative to its length): among (nearly) equally cheap routes, the one
        closest to the line between the reports wins, instead of an arbitrary staircase."""
        if not self.straightness:
            return window
        rows, cols = np.ogrid[:window.shape[0], :window.shape[1]]
        d = (b - a) * self.cellsize
        length = max(np.hypot(*d), min(self.cellsize))
        off_line = np.abs((rows - a[0]) * self.cellsize[0] * d[1] - (cols - a[1]) * self.cellsize[1] * d[0]) / length
        return window * (1.0 + self.straightness * np.minimum(off_line / length, 1.0))

    def _search(self, window, a, b):
        """Least-cost path a -> b on ``window`` (raster kernels, stopping at b) and the reach grid:
        a lower bound of the accumulated cost from a to every cell (exact for the cells settled
        before b, the cost of b for the others, which Dijkstra had not reached more cheaply)."""
        path, accumulated = search_to(window, start=a, end=b, connectivity=self.connectivity, cellsize=self.cellsize)
        return path, np.minimum(accumulated, accumulated[tuple(b)])

    def _rim(self, shape, box):
        """Cells of the window's open rim (2 cells wide, as knight moves jump one)."""
        rows, cols = self.cost.shape
        rim = np.zeros(shape, bool)
        if box[0] > 0:
            rim[:2] = True
        if box[2] < rows:
            rim[-2:] = True
        if box[1] > 0:
            rim[:, :2] = True
        if box[3] < cols:
            rim[:, -2:] = True
        return rim

    def _rim_bound(self, reach, b, box, min_step):
        """Lower bound of the cost of a path that leaves the window, from the search's own reach
        (tie-broken costs are at most 1 + straightness times the real ones) plus the cheapest walk
        from the edge back to b."""
        rim = self._rim(reach.shape, box)
        if not rim.any():
            return np.inf
        from_a = reach[rim].min() / (1 + self.straightness)
        r0, c0, r1, c1 = box
        rows, cols = self.cost.shape
        gaps = [b[0] + 1 if r0 > 0 else np.inf, r1 - r0 - b[0] if r1 < rows else np.inf,
                b[1] + 1 if c0 > 0 else np.inf, c1 - c0 - b[1] if c1 < cols else np.inf]
        return from_a + max(min(gaps) - 3, 0) * min_step

    def _proven(self, window, a, b, box, need, min_step):
        """True if every path from a to b that leaves the window costs at least ``need`` (a and b in
        window coordinates). Cheap test first (cheapest cell cost x distance to the window edge),
        then the exact one: a leaving path passes a cell of the window's open rim (2 cells wide, as
        knight moves jump one), so it costs at least the least accumulated cost from a to the rim
        plus the least from the rim to b."""
        r0, c0 = box[0], box[1]
        if need <= self._exit_bound(a + (r0, c0), b + (r0, c0), box, min_step):
            return True
        rim = self._rim(window.shape, box)
        kw = dict(connectivity=self.connectivity, cellsize=self.cellsize)
        from_a = accumulated_cost(window, sources=[tuple(a)], **kw)[rim].min()
        if from_a >= need:
            return True
        return from_a + accumulated_cost(window, sources=[tuple(b)], **kw)[rim].min() >= need

    def _exit_bound(self, a, b, box, min_step):
        """Least cost of any path from a to b that leaves the window ``box`` (grid edges are walls)."""
        rows, cols = self.cost.shape
        r0, c0, r1, c1 = box

        def to_edge(p):
            gaps = [p[0] - r0 + 1 if r0 > 0 else np.inf, r1 - p[0] if r1 < rows else np.inf,
                    p[1] - c0 + 1 if c0 > 0 else np.inf, c1 - p[1] if c1 < cols else np.inf]
            return min(gaps)

        return (to_edge(a) + to_edge(b) - 1) * min_step

    def _band(self, window, a, b, limit):
        kw = dict(connectivity=self.connectivity, cellsize=self.cellsize)
        through = (accumulated_cost(window, sources=[tuple(a)], **kw)
                   + accumulated_cost(window, sources=[tuple(b)], **kw))
        return through <= limit * (1 + 1e-9)


@dataclass
class Trip:
    """One herd's movement in one season, reconstructed from its reports."""

    herd_id: str
    season: str
    cycle: str
    herd_size: float
    report_dates: np.ndarray
    cells: np.ndarray            # (k, 2) path cells, reports included
    cell_dates: np.ndarray       # datetime64[s] per path cell (interpolated along the legs)
    length_m: float
    cost: float
    n_reports: int
    last_cells: np.ndarray       # the last two report cells (heading for alerts)
    last_report: pd.Series = field(repr=False, default=None)
    bands: list = field(repr=False, default_factory=list)
    evidence: np.ndarray = field(repr=False, default=None)  # where the herd was seen in other cycles
    report_cells: np.ndarray = field(repr=False, default=None)  # (n, 2) the reports' cells, in time order
    informants: np.ndarray = field(repr=False, default=None)  # distinct codes of the informants of its reports


def season_of(dates, *, wet_months=WET_MONTHS):
    months = pd.DatetimeIndex(dates).month
    return np.where(np.isin(months, wet_months), "wet", "dry")


def cycle_of(dates, seasons):
    """Transhumance cycle label: the dry season starting in October of year Y and the wet-season
    return after it both belong to cycle ``Y-(Y+1)``."""
    d = pd.DatetimeIndex(dates)
    start = np.where((seasons == "dry") & (d.month >= 10), d.year, d.year - 1)
    return [f"{y}-{y + 1}" for y in start]


def split_trips(reports, *, max_gap_days=30, wet_months=WET_MONTHS):
    """Group reports (time-ordered) into trips: one herd, one season of one cycle, no gap longer
    than ``max_gap_days`` between consecutive reports. Reports without ``herd_id`` are chained per
    informant, under an anonymous id (``anon-0001``...): informant ids are never carried out."""
    df = reports.copy()
    herd = df["herd_id"] if "herd_id" in df.columns else pd.Series(np.nan, index=df.index)
    missing = herd.isna() | (herd.astype(str).str.strip() == "")
    informant = df["informant_id"].astype(str) if "informant_id" in df.columns else pd.Series("", index=df.index)
    anon = {k: f"anon-{i + 1:04d}" for i, k in enumerate(pd.unique(informant[missing]))}
    df["_herd"] = herd.astype(object).where(~missing, informant.map(anon))
    df["date"] = pd.to_datetime(df["date"])
    df["_season"] = df["season"].astype(str) if "season" in df.columns else season_of(df["date"], wet_months=wet_months)
    df["_cycle"] = cycle_of(df["date"], df["_season"].to_numpy())
    df = df.sort_values(["_herd", "date", "report_id"], kind="stable")
    gap = df.groupby("_herd")["date"].diff().dt.days.fillna(0)
    new_group = (df["_herd"] != df["_herd"].shift()) | (df["_season"] != df["_season"].shift()) | \
        (df["_cycle"] != df["_cycle"].shift()) | (gap > max_gap_days)
    df["_trip"] = new_group.cumsum()
    return df


def informant_codes(reports):
    """Integer code of each report's informant (``informant_id``). Informants who cannot be told
    apart share one code: reports without an id, and every report when there is no ``informant_id``
    column (unknown informants cannot be shown to be distinct)."""
    if "informant_id" not in reports.columns:
        return np.zeros(len(reports), dtype=np.int64)
    ids = reports["informant_id"].astype("string").str.strip().replace("", pd.NA)
    return pd.factorize(ids, use_na_sentinel=False)[0].astype(np.int64)


def nearest_passable(cost, cell, *, radius_cells=5):
    """The passable cell nearest ``cell`` within ``radius_cells`` (itself if passable), or None."""
    r, c = int(cell[0]), int(cell[1])
    if 0 <= r < cost.shape[0] and 0 <= c < cost.shape[1] and np.isfinite(cost[r, c]):
        return np.array([r, c], dtype=np.int64)
    r0, c0 = max(0, r - radius_cells), max(0, c - radius_cells)
    free = np.argwhere(np.isfinite(cost[r0:max(0, r + radius_cells + 1), c0:max(0, c + radius_cells + 1)]))
    if free.size == 0:
        return None
    return free[np.argmin(((free + [r0, c0] - [r, c]) ** 2).sum(axis=1))] + np.array([r0, c0])


def _all_outside(points, surface):
    """Why no report can be routed: where the reports are and where the cost surface is."""
    h, w = surface.cost.shape
    t = surface.transform
    x0, y0, x1, y1 = t.c, t.f + h * t.e, t.c + w * t.a, t.f
    px0, py0, px1, py1 = points.total_bounds
    passable = np.isfinite(surface.cost).mean() * 100
    return (f"all {len(points)} report(s) fall outside the cost surface or on barriers: the reports span "
            f"x {px0:,.0f}..{px1:,.0f}, y {py0:,.0f}..{py1:,.0f} and the surface x {x0:,.0f}..{x1:,.0f}, "
            f"y {y0:,.0f}..{y1:,.0f} ({surface.crs.to_string()}), {passable:.1f}% of its cells passable "
            f"(check the report coordinates, --bounds, or the land cover / cost raster)")


def snap_cells(surface, x, y, *, radius_cells=5):
    """Cells of points, moved to the nearest passable cell within ``radius_cells`` (-1 rows if none)."""
    cells = surface.cells(x, y)
    for i, cell in enumerate(cells):
        near = nearest_passable(surface.cost, cell, radius_cells=radius_cells) if surface.inside(cell)[0] else None
        cells[i] = near if near is not None else -1
    return cells


def reconstruct_trips(reports, surface, *, connectivity=16, band_pct=None, max_gap_days=30,
                      season=None, straightness=0.02, evidence_factor=EVIDENCE_FACTOR,
                      evidence_radius_m=EVIDENCE_RADIUS_M, routing=DEFAULT_ROUTING,
                      min_routed_leg_m=MIN_ROUTED_LEG_M, progress=None):
    """Trips (list of :class:`Trip`) joining each herd's reports by straight legs, or with
    ``routing="least-cost"`` by least-cost legs on ``surface`` for the legs of at least
    ``min_routed_leg_m`` (straight below)
    (a herd reported once, or always in the same cell, gives a one-cell trip: no route, but a
    position for alerts).

    ``reports``: a GeoDataFrame of ``ki_reports`` points (any CRS). ``season`` keeps only trips of
    that season. Reports outside the grid or on barriers (beyond 5 cells) are dropped with a warning.
    Least-cost legs are pulled towards the herd's reports of the same season in other cycles
    (``evidence_factor``, ``evidence_radius_m``: see the module docstring).
    """
    if routing not in ROUTINGS:
        raise ParameterError(f"routing must be one of {ROUTINGS}, got {routing!r}")
    if min_routed_leg_m < 0:
        raise ParameterError(f"min_routed_leg_m must be >= 0, got {min_routed_leg_m}")
    pts = reports.to_crs(surface.crs)
    df = split_trips(pts, max_gap_days=max_gap_days)
    df["_informant"] = informant_codes(df)
    if season is not None:
        df = df[df["_season"] == season]
    if df.empty:
        raise EmptyResultError(f"no report to route{f' in the {season} season' if season else ''} "
                               f"({len(pts)} report(s) in all)")
    cells = snap_cells(surface, df.geometry.x.to_numpy(), df.geometry.y.to_numpy())
    keep = cells[:, 0] >= 0
    if not keep.any():
        raise EmptyResultError(_all_outside(df, surface))
    if (~keep).any():
        log.warning("%d of %d report(s) fall outside the cost grid or on barriers and are skipped",
                    int((~keep).sum()), len(keep))
    df, cells = df[keep], cells[keep]
    router = LegRouter(surface.cost, surface.cellsize, connectivity=connectivity, band_pct=band_pct,
                       straightness=straightness, evidence_factor=evidence_factor,
                       evidence_radius_m=evidence_radius_m)
    same_herd_season = df.groupby(["_herd", "_season"], sort=False).indices
    trips = []
    groups = list(df.groupby("_trip", sort=True).indices.values())
    for done, idx in enumerate(groups, start=1):
        rows = df.iloc[idx]
        others = np.setdiff1d(same_herd_season[(rows["_herd"].iloc[0], rows["_season"].iloc[0])], idx)
        evidence = cells[others]  # where this herd was seen in the same season of other cycles
        trips.append(_trip(rows, cells[idx], router, evidence, routed_from_m=np.inf if routing == "straight"
                           else min_routed_leg_m))
        if progress:
            progress(done, len(groups), "routing herds")
    log.info("%d trip(s) from %d report(s); %d window(s) grown", len(trips), len(df), router.windows_grown)
    return trips


def _trip(rows, cells, router, evidence, *, routed_from_m=0.0):
    dates = rows["date"].to_numpy().astype("datetime64[s]")
    # drop consecutive duplicate cells (a herd reported twice at the same place)
    moved = np.ones(len(cells), bool)
    moved[1:] = (np.diff(cells, axis=0) != 0).any(axis=1)
    path_parts, date_parts, total_cost, bands = [cells[:1]], [dates[:1]], 0.0, []
    last_kept = 0
    for j in range(1, len(cells)):
        if not moved[j]:
            continue
        if np.hypot(*((cells[j] - cells[last_kept]) * router.cellsize)) >= routed_from_m:
            leg, leg_cost, band = router.leg(cells[last_kept], cells[j], evidence=evidence)
        else:
            leg = straight_cells(cells[last_kept], cells[j])
            leg_cost, band = path_cost(router.cost, leg, cellsize=router.cellsize), None
        if leg is None:
            log.warning("herd %s: no passable path between two reports; leg skipped", rows["_herd"].iloc[0])
            continue
        steps = np.hypot(*(np.diff(leg, axis=0) * router.cellsize).T)
        frac = np.cumsum(steps) / max(steps.sum(), 1e-9)
        span = (dates[j] - dates[last_kept]).astype(float)
        path_parts.append(leg[1:])
        date_parts.append(dates[last_kept] + (frac * span).astype("timedelta64[s]"))
        total_cost += leg_cost
        if band is not None:
            bands.append(band)
        last_kept = j
    path = np.vstack(path_parts)
    seg = np.diff(path, axis=0) * router.cellsize
    return Trip(herd_id=str(rows["_herd"].iloc[0]), season=str(rows["_season"].iloc[0]),
                cycle=str(rows["_cycle"].iloc[0]), herd_size=float(rows["herd_size"].median()),
                report_dates=dates, cells=path, cell_dates=np.concatenate(date_parts),
                length_m=float(np.hypot(seg[:, 0], seg[:, 1]).sum()), cost=total_cost,
                n_reports=len(rows), last_cells=cells[-2:], last_report=rows.iloc[-1], bands=bands,
                evidence=evidence, report_cells=cells, informants=np.unique(rows["_informant"].to_numpy()))


def route_od(od, zone_cells, cost, cellsize, *, connectivity=16, snap_radius_cells=5, progress=None):
    """Least-cost paths of OD flows between zones.

    ``od``: DataFrame with ``origin``, ``destination``, ``flow``; ``zone_cells``: {zone: (row, col)}.
    One search per origin serves all its destinations. Returns a list of dicts (origin,
    destination, flow, cells, cost); flows with an unknown zone, a self-loop or no path are skipped
    with a warning. Zone cells on a barrier move to the nearest passable cell within
    ``snap_radius_cells``.
    """
    zone_cells = {z: nearest_passable(cost, cell, radius_cells=snap_radius_cells) for z, cell in zone_cells.items()}
    zone_cells = {z: tuple(cell) for z, cell in zone_cells.items() if cell is not None}
    known = od["origin"].isin(zone_cells.keys()) & od["destination"].isin(zone_cells.keys())
    loops = od["origin"] == od["destination"]
    if (~known).any() or loops.any():
        log.warning("%d OD flow(s) skipped: %d with a zone outside the grid, %d self-loop(s)",
                    int((~known | loops).sum()), int((~known).sum()), int((loops & known).sum()))
    od = od[known & ~loops]
    out = []
    origins = list(od.groupby("origin", sort=True))
    for done, (origin, group) in enumerate(origins, start=1):
        ends = [zone_cells[d] for d in group["destination"]]
        paths = least_cost_paths(cost, start=zone_cells[origin], ends=ends, connectivity=connectivity,
                                 cellsize=cellsize)
        for (_, rec), path in zip(group.iterrows(), paths):
            if path is None:
                continue
            out.append({"origin": origin, "destination": rec["destination"], "flow": float(rec["flow"]),
                        "cells": path, "cost": path_cost(cost, path, cellsize=cellsize)})
        if progress:
            progress(done, len(origins), "routing OD flows")
    return out
