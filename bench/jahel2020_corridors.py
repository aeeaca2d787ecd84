"""Route the Jahel et al. (2020) surveyed livestock OD flows (Senegal / Mauritania, 2014) over the
authors' seasonal resistance surfaces, and summarise the corridors found.

Run: `.venv/bin/python bench/jahel2020_corridors.py [--factor N] [--current]` (prints the Markdown
table quoted in the README; tests/test_transhumance_jahel.py checks the numbers match it).

The routes run on the authors' 500 m resistance rasters (EPSG:31028) at their native resolution
(FACTOR = 1, about 90 s per season). ``--factor N`` averages them over N x N blocks first (a block
with any nodata cell is a barrier): faster, but not the same answer. At 2.5 km blocks (N = 5) a
border-crossing cell of the authors' raster is one 500 m cell inside a 2.5 km block that the
border line also crosses, so whether a route "passes a crossing point" is decided by the block,
and routes shorten through averaged costs: the dry season's share of crossing weight through
crossing points reads 0% instead of 36.5%, the mean route 190 km instead of 307 km. Each surveyed link
is one least-cost path (16-connectivity) between its two node cells, weighted by the survey weight.
"""
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import rasterio

from rdh_engine.transhumance_routes import route_od
from rdh_engine.transhumance_routes.products import density
from rdh_engine.transhumance_routes.routing import dense_cells

DATA = Path(__file__).resolve().parents[1] / "sample_data" / "real" / "jahel2020"
FACTOR = 1
NATIVE_M = 500.0
# Eight surveyed markets lie in Mali / Guinea, outside the study area (nodata): their flows enter
# or leave at the nearest study-area cell, up to 100 km away (as the authors' bounded model does).
SNAP_M = 100_000.0
CURRENT_FACTOR = 10  # the current map solves a sparse system per grid: 5 km cells keep it to seconds


def snap_cells(factor):
    return int(SNAP_M / (NATIVE_M * factor))


def _blocks(array, factor, how):
    rows, cols = (array.shape[0] // factor) * factor, (array.shape[1] // factor) * factor
    view = array[:rows, :cols].reshape(rows // factor, factor, cols // factor, factor)
    return how(view, axis=(1, 3))


def load(season, factor=FACTOR):
    """(cost grid, cell size m, border grid, node cells {node_id: (row, col)}, usable OD table)."""
    with rasterio.open(DATA / f"resistance_{season}_dw0.8_dr0.1.tif") as src:
        res = src.read(1, masked=True).astype(float).filled(np.nan)
        cell_m = abs(src.transform.a) * factor
    with rasterio.open(DATA / "border.tif") as src:
        border = src.read(1)
    with warnings.catch_warnings():  # all-NaN blocks (outside the study area) stay barriers
        warnings.simplefilter("ignore", RuntimeWarning)
        cost = _blocks(res, factor, np.nanmean)
    # 1 = border-crossing point, 0 = border line, 255 = not a border cell (per block: any)
    crossing = _blocks(border == 1, factor, np.any)
    line = _blocks(border == 0, factor, np.any)
    nodes = pd.read_csv(DATA / "nodes.csv")
    cells = {int(n): (int(r) // factor, int(c) // factor)
             for n, r, c in nodes[["node_id", "row", "col"]].itertuples(index=False)}
    od = pd.read_csv(DATA / "od_dry_wet.csv")
    od = od[(od["season"] == season) & od["both_nodes_in_raster"]]
    od = od.rename(columns={"origin_node": "origin", "dest_node": "destination", "weight": "flow"})
    return cost, cell_m, crossing, line, cells, od, nodes.set_index("node_id")


def _lonlat(cell, factor):
    from pyproj import Transformer

    with rasterio.open(DATA / "border.tif") as src:
        x, y = src.transform * ((cell[1] + 0.5) * factor, (cell[0] + 0.5) * factor)
        crs = src.crs
    return Transformer.from_crs(crs, 4326, always_xy=True).transform(x, y)


def summarise(season, factor=FACTOR):
    cost, cell_m, crossing, line, cells, od, nodes = load(season, factor)
    flows = route_od(od, cells, cost, (cell_m, cell_m), connectivity=16, snap_radius_cells=snap_cells(factor))
    outside = {n for n, c in cells.items() if not np.isfinite(cost[c])}
    weight = np.array([f["flow"] for f in flows])
    lengths_km = np.array([np.hypot(*(np.diff(f["cells"], axis=0) * cell_m).T).sum() / 1000 for f in flows])
    south = np.array([nodes.loc[f["destination"], "lat"] < nodes.loc[f["origin"], "lat"] for f in flows])
    crosses, at_point = [], []
    for f in flows:
        path = dense_cells(f["cells"])
        on_line = line[path[:, 0], path[:, 1]].any()
        on_point = crossing[path[:, 0], path[:, 1]].any()
        crosses.append(on_line or on_point)
        at_point.append(on_point)
    crosses, at_point = np.array(crosses), np.array(at_point)
    herds, animals = density([f["cells"] for f in flows], cost.shape, weights=weight)
    busiest = np.unravel_index(np.argmax(animals), animals.shape)
    lon, lat = _lonlat(busiest, factor)
    return {
        "season": season,
        "links_surveyed": int(len(od) + 0),
        "links_routed": len(flows),
        "links_with_a_node_outside_area": int((od["origin"].isin(outside) | od["destination"].isin(outside)).sum()),
        "weight_routed": float(weight.sum()),
        "mean_length_km": round(float(np.average(lengths_km, weights=weight)), 1),
        "southward_weight_pct": round(100 * float(weight[south].sum() / weight.sum()), 1),
        "border_crossing_weight_pct": round(100 * float(weight[crosses].sum() / weight.sum()), 1),
        "via_crossing_point_pct": round(100 * float(weight[at_point].sum() / max(weight[crosses].sum(), 1e-9)), 1),
        "max_links_per_cell": int(herds.max()),
        "max_weight_per_cell": float(animals.max()),
        "busiest_cell_lon_lat": (round(lon, 2), round(lat, 2)),
    }


def compare_current(season, factor=CURRENT_FACTOR):
    """Circuit-theory current map (Circuitscape-like, pairwise, weighted) against the least-cost
    routes' weight density on the same grid: Spearman correlation over passable cells, and the
    share of the top-decile current cells that least-cost routes cross."""
    from scipy.stats import spearmanr

    from rdh_engine.transhumance_routes.circuit import current_map

    cost, cell_m, _, _, cells, od, _ = load(season, factor)
    flows = route_od(od, cells, cost, (cell_m, cell_m), connectivity=16, snap_radius_cells=snap_cells(factor))
    _, weight_density = density([f["cells"] for f in flows], cost.shape, weights=[f["flow"] for f in flows])
    pairs = [(_snap(cost, cells[f["origin"]], factor), _snap(cost, cells[f["destination"]], factor)) for f in flows]
    current = current_map(cost, pairs, weights=[f["flow"] for f in flows], cellsize=(cell_m, cell_m))
    ok = np.isfinite(current)
    top = ok & (current >= np.nanquantile(current, 0.9))
    busiest = np.unravel_index(np.nanargmax(np.where(ok, current, -1)), current.shape)
    lon, lat = _lonlat(busiest, factor)
    return {"season": season, "spearman_current_vs_lcp": round(float(spearmanr(current[ok], weight_density[ok])[0]), 2),
            "top_decile_current_cells_on_lcp_pct": round(100 * float((weight_density[top] > 0).mean()), 1),
            "busiest_current_cell_lon_lat": (round(lon, 2), round(lat, 2))}


def _snap(cost, cell, factor):
    from rdh_engine.transhumance_routes.routing import nearest_passable

    return tuple(nearest_passable(cost, cell, radius_cells=snap_cells(factor)))


def main(argv=None):
    argv = list(argv or [])
    factor = int(argv[argv.index("--factor") + 1]) if "--factor" in argv else FACTOR
    rows = [summarise(s, factor) for s in ("dry", "wet")]
    keys = [k for k in rows[0] if k != "season"]
    print("| measure | dry | wet |\n|---|---|---|")
    for k in keys:
        print(f"| {k} | {rows[0][k]} | {rows[1][k]} |")
    if "--current" in (argv or []):
        current = [compare_current(s) for s in ("dry", "wet")]
        print(f"\ncircuit-theory current map at {CURRENT_FACTOR * 500 / 1000:g} km:")
        for k in [k for k in current[0] if k != "season"]:
            print(f"| {k} | {current[0][k]} | {current[1][k]} |")
    return rows


if __name__ == "__main__":
    main(sys.argv[1:])
