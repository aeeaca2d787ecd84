"""Benchmark: reconstruct herd routes from N key-informant reports on an S x S cost grid, against
scikit-image's MCP_Geometric computing the same legs.

    .venv/bin/python bench/bench_transhumance.py                       # 10,000 reports, 5000 x 5000
    .venv/bin/python bench/bench_transhumance.py --size 2000 --reports 2000 --json out/bench.json

Reports: herds walk from random starts with a random heading, one report every ~40-80 cells (a
few days of walking at 1-2 km cells), 20 reports per herd. Methods, all on the same legs:
- ``rdh16`` / ``rdh8``: ``reconstruct_trips`` (windowed legs proven optimal, straightness 0 so the
  search is the plain least-cost one; band off), 16- and 8-connected;
- ``rdh8_legs``: the legs alone through ``LegRouter`` (8-connected), recording each final window;
- ``skimage_window``: MCP_Geometric (8-connected) on those same final windows, one
  ``find_costs`` + ``traceback`` per leg (the fair comparison: same cells searched);
- ``skimage_full``: MCP_Geometric on the whole grid for a sample of legs, extrapolated to all legs
  (what a plain per-leg call costs without windows).
Times are CPU seconds of the process (single-threaded work; on a shared machine wall time would
count the other jobs). Prints one line per method (seconds, ratio to rdh8_legs) and writes JSON
records (case, method, seconds, peak_mb) with ``--json``.
"""
import argparse
import json
import resource
import time

import geopandas as gpd
import numpy as np
import pandas as pd
from affine import Affine
from scipy import ndimage
from skimage.graph import MCP_Geometric

from rdh_engine.raster.cost_surface import CostSurface
from rdh_engine.transhumance_routes import LegRouter, reconstruct_trips
from rdh_engine.transhumance_routes.routing import snap_cells

CELL = 1000.0
ROUTED = {"routing": "least-cost", "min_routed_leg_m": 0.0}  # this bench times the least-cost legs


def make_case(size, n_reports, seed=0, per_herd=20):
    gen = np.random.default_rng(seed)
    field = ndimage.gaussian_filter(gen.normal(size=(size, size)).astype(np.float32), 8)
    cost = np.exp(field / field.std() * 0.5).astype(np.float64)
    cost[gen.random((size, size)) < 0.01] = np.inf
    rows = []
    for h in range(int(np.ceil(n_reports / per_herd))):
        pos = gen.uniform(0.1 * size, 0.9 * size, 2)
        heading = gen.uniform(0, 2 * np.pi)
        for k in range(per_herd):
            if len(rows) >= n_reports:
                break
            rows.append({"report_id": f"R{len(rows)}", "date": pd.Timestamp("2020-11-01") + pd.Timedelta(days=4 * k),
                         "informant_id": "x", "herd_size": 100, "herd_id": f"H{h}",
                         "x": (pos[1] + 0.5) * CELL, "y": -(pos[0] + 0.5) * CELL})
            heading += gen.normal(0, 0.3)
            pos = np.clip(pos + gen.uniform(40, 80) * np.array([np.sin(heading), np.cos(heading)]), 1, size - 2)
    df = pd.DataFrame(rows)
    surface = CostSurface(cost, Affine(CELL, 0, 0, 0, -CELL, 0), "EPSG:32628")
    reports = gpd.GeoDataFrame(df.drop(columns=["x", "y"]), geometry=gpd.points_from_xy(df.x, df.y), crs="EPSG:32628")
    return surface, reports


def legs_of(trips_reports, surface):
    """(a, b) report-cell pairs in trip order (the legs every method computes)."""
    out = []
    for _, herd in trips_reports.groupby("herd_id", sort=False):
        cells = snap_cells(surface, herd.geometry.x, herd.geometry.y)
        out.extend(zip(cells[:-1], cells[1:]))
    return out


def timed(fn):
    """CPU seconds of this process (the machine is shared: wall time would measure the neighbours)."""
    t0 = time.process_time()
    value = fn()
    return time.process_time() - t0, value


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def skimage_legs(cost, legs, windows):
    mcp_cost = np.where(np.isfinite(cost), cost, -1.0)
    total = 0.0
    for (a, b), (r0, c0, r1, c1) in zip(legs, windows):
        win = mcp_cost[r0:r1, c0:c1]
        mcp = MCP_Geometric(win, sampling=(CELL, CELL))
        start, end = (a[0] - r0, a[1] - c0), (b[0] - r0, b[1] - c0)
        acc, _ = mcp.find_costs([start], [end])
        if np.isfinite(acc[end]):
            mcp.traceback(end)
            total += acc[end]
    return total


def rdh_legs(cost, legs):
    """The legs alone with LegRouter (8-connected, plain optimum), and the window each was settled in."""
    router = LegRouter(cost, (CELL, CELL), connectivity=8, straightness=0)
    windows = []
    for a, b in legs:
        router.leg(a, b)
        windows.append(router.last_window)
    return windows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=5000)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--full-sample", type=int, default=5, help="legs timed with skimage on the whole grid")
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    case = f"{args.reports} reports, {args.size}x{args.size}"
    t_make, (surface, reports) = timed(lambda: make_case(args.size, args.reports))
    legs = legs_of(reports, surface)
    print(f"{case}: {len(legs)} legs (case built in {t_make:.1f} s)")
    records = []

    def record(method, seconds, note=""):
        records.append({"case": case, "method": method, "seconds": round(seconds, 3), "peak_mb": round(peak_mb(), 1)})
        print(f"  {method:<16} {seconds:9.2f} s  {note}")

    reconstruct_trips(reports.iloc[:40], surface, connectivity=16, straightness=0, **ROUTED)  # JIT warm-up
    t16, trips16 = timed(lambda: reconstruct_trips(reports, surface, connectivity=16, straightness=0, **ROUTED))
    record("rdh16", t16)
    t8, trips8 = timed(lambda: reconstruct_trips(reports, surface, connectivity=8, straightness=0, **ROUTED))
    record("rdh8", t8)
    tlegs, windows = timed(lambda: rdh_legs(surface.cost, legs))
    record("rdh8_legs", tlegs, "legs only (no report handling)")
    tsk, _ = timed(lambda: skimage_legs(surface.cost, legs, windows))
    record("skimage_window", tsk, f"same windows; ratio skimage/rdh8_legs = {tsk / tlegs:.2f}")
    sample = legs[: args.full_sample]
    full = [(0, 0, *surface.shape)] * len(sample)
    tfull, _ = timed(lambda: skimage_legs(surface.cost, sample, full))
    est = tfull / len(sample) * len(legs)
    record("skimage_full", est,
           f"extrapolated from {len(sample)} legs ({tfull:.1f} s); ratio/rdh8_legs = {est / tlegs:.0f}")
    if args.json:
        with open(args.json, "w") as fh:
            for rec in records:
                fh.write(json.dumps(rec) + "\n")
    return records


if __name__ == "__main__":
    main()
