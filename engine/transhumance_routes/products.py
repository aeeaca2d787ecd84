"""Publishable products of reconstructed trips: route lines, density and corridor-band rasters,
corridor lines with herd counts, and border crossings with dates.

Privacy: informant ids never leave ``routing``; every published coordinate is a grid-cell centre
rounded onto a ``coarsen_m`` grid, so no exact report position is written.
"""
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from rasterio.features import rasterize
from scipy import ndimage
from skimage.morphology import skeletonize

from .routing import dense_cells

COARSEN_M = 2000.0
OUT_CRS = "EPSG:4326"


def _coarse_xy(surface, cells, coarsen_m):
    xy = surface.xy(cells)
    if coarsen_m:
        xy = np.round(xy / coarsen_m) * coarsen_m
    keep = np.ones(len(xy), bool)
    keep[1:] = (np.diff(xy, axis=0) != 0).any(axis=1)
    return xy[keep]


def _line(xy):
    return shapely.linestrings(xy) if len(xy) >= 2 else None


def herd_routes(trips, surface, *, coarsen_m=COARSEN_M):
    """``herd_routes`` layer: one line per trip (herd_id, season, length_km, herd_size, ...)."""
    rows = []
    for t in trips:
        rows.append({"herd_id": t.herd_id, "season": t.season, "length_km": round(t.length_m / 1000.0, 1),
                     "herd_size": t.herd_size, "cycle": t.cycle, "n_reports": t.n_reports,
                     "start_date": pd.Timestamp(t.report_dates[0]).date().isoformat(),
                     "end_date": pd.Timestamp(t.report_dates[-1]).date().isoformat(),
                     "geometry": _line(_coarse_xy(surface, t.cells, coarsen_m))})
    cols = ["herd_id", "season", "length_km", "herd_size", "cycle", "n_reports", "start_date", "end_date", "geometry"]
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows, columns=cols), geometry="geometry", crs=surface.crs)
    gdf = gdf[gdf.geometry.notna()]
    return gdf.to_crs(OUT_CRS)


def route_cells(paths, shape):
    """Flat indices (into ``shape``) of the distinct cells each path crosses: its cells and the two
    cells each knight move crosses (what ``density`` counts)."""
    return [np.unique(np.ravel_multi_index(tuple(dense_cells(cells).T), shape)) for cells in paths]


def band_cells(trip, shape):
    """Flat indices of the distinct cells covered by ``trip``'s corridor band (any of its legs)."""
    parts = [np.ravel_multi_index((rows + r0, cols + c0), shape)
             for r0, c0, band in trip.bands for rows, cols in [np.nonzero(band)]]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def density(paths, shape, *, weights=None):
    """(herds, animals) per cell: how many paths cross each cell, and the weight they carry."""
    herds = np.zeros(shape, np.float32)
    animals = np.zeros(shape, np.float32)
    for i, cells in enumerate(route_cells(paths, shape)):
        herds.reshape(-1)[cells] += 1
        animals.reshape(-1)[cells] += 1.0 if weights is None else weights[i]
    return herds, animals


def band_raster(trips, shape):
    """Number of trips whose corridor band (near-optimal cells of any of their legs) covers each cell."""
    out = np.zeros(shape, np.uint16)
    for t in trips:
        out.reshape(-1)[band_cells(t, shape)] += 1
    return out


def informants_per_cell(cell_sets, informants, shape):
    """Distinct informants behind each cell: how many different informants reported the trips whose
    cells include it. ``cell_sets``: each trip's distinct cells (flat indices into ``shape``, from
    ``route_cells`` or ``band_cells``); ``informants``: each trip's distinct informant codes.

    Counted exactly, informant by informant: the union of the cells of the trips an informant
    reported (unique (cell, informant) pairs), then one count per cell over informants."""
    size = int(np.prod(shape))
    if not len(cell_sets):
        return np.zeros(shape, dtype=np.int32)
    trip = np.repeat(np.arange(len(informants)), [len(w) for w in informants])
    who = np.concatenate([np.asarray(w, dtype=np.int64) for w in informants])
    order = np.argsort(who, kind="stable")
    who, trip = who[order], trip[order]
    starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]]) if len(who) else np.zeros(0, dtype=int)
    pairs = [np.unique(np.concatenate([cell_sets[t] for t in group]))
             for group in np.split(trip, starts[1:])] if len(who) else []
    cells = np.concatenate(pairs) if pairs else np.zeros(0, dtype=np.int64)
    return np.bincount(cells, minlength=size).astype(np.int32).reshape(shape)


def corridor_lines(herds, animals, surface, *, season=None, min_herds=1, merge_radius_cells=1,
                   min_length_km=0.0, coarsen_m=COARSEN_M):
    """Centre lines of the corridors: the skeleton of cells crossed by ``min_herds`` or more routes
    (routes within ``merge_radius_cells`` of each other merged), split at junctions, each line with
    the typical (median) herd and animal counts along it."""
    mask = herds >= min_herds
    if merge_radius_cells:
        foot = ndimage.generate_binary_structure(2, 2)
        mask = ndimage.binary_closing(mask, foot, iterations=merge_radius_cells) | mask
        herds = ndimage.maximum_filter(herds, size=2 * merge_radius_cells + 1)
        animals = ndimage.maximum_filter(animals, size=2 * merge_radius_cells + 1)
    skel = skeletonize(mask)
    cells = np.argwhere(skel)
    cols = ["corridor_id", "season", "n_herds", "n_animals", "length_km", "geometry"]
    empty = gpd.GeoDataFrame(pd.DataFrame(columns=cols), geometry="geometry", crs=OUT_CRS)
    segments = []
    index = {tuple(c): i for i, c in enumerate(cells)}
    xy = surface.xy(cells)
    for i, (r, c) in enumerate(cells):
        for dr, dc in ((0, 1), (1, -1), (1, 0), (1, 1)):
            j = index.get((r + dr, c + dc))
            if j is not None:
                segments.append(shapely.linestrings(xy[[i, j]]))
    if not segments:  # no corridor, or isolated skeleton cells only
        return empty
    merged = shapely.line_merge(shapely.multilinestrings(segments))
    lines = list(merged.geoms) if hasattr(merged, "geoms") else [merged]
    rows = []
    for line in lines:
        coords = shapely.get_coordinates(line)
        at = surface.cells(coords[:, 0], coords[:, 1])
        length_km = line.length / 1000.0
        if length_km < min_length_km:
            continue
        if coarsen_m:
            coords = np.round(coords / coarsen_m) * coarsen_m
        rows.append({"season": season, "n_herds": int(np.median(herds[at[:, 0], at[:, 1]])),
                     "n_animals": float(np.median(animals[at[:, 0], at[:, 1]])),
                     "length_km": round(length_km, 1), "geometry": shapely.linestrings(coords)})
    gdf = gpd.GeoDataFrame(pd.DataFrame(rows, columns=cols[1:]), geometry="geometry", crs=surface.crs)
    gdf = gdf.sort_values(["n_herds", "length_km"], ascending=False).reset_index(drop=True)
    gdf.insert(0, "corridor_id", [f"C{i + 1:03d}" for i in range(len(gdf))])
    return gdf.to_crs(OUT_CRS)


def country_grid(admin0, surface, *, code="adm0_iso3"):
    """(grid of country indices, codes) with index 0 = outside every country."""
    shapes = admin0.to_crs(surface.crs)
    grid = rasterize(((g, i + 1) for i, g in enumerate(shapes.geometry) if g is not None),
                     out_shape=surface.shape, transform=surface.transform, fill=0, dtype="int32")
    return grid, np.array([""] + shapes[code].astype(str).tolist())


def border_crossings(trips, surface, countries, codes, *, crossings=None, radius_m=10000.0,
                     coarsen_m=COARSEN_M):
    """``border_crossings`` layer: each change of country along a trip, with its date and the
    nearest known crossing point (``poe_id``, ``status``) within ``radius_m``."""
    rows = []
    for t in trips:
        idx = countries[t.cells[:, 0], t.cells[:, 1]]
        known = np.flatnonzero(idx > 0)
        if len(known) < 2:
            continue
        change = known[1:][idx[known[1:]] != idx[known[:-1]]]
        before = known[:-1][idx[known[1:]] != idx[known[:-1]]]
        for i, j in zip(before, change):
            rows.append({"herd_id": t.herd_id, "season": t.season, "herd_size": t.herd_size,
                         "date": pd.Timestamp(t.cell_dates[j]).date().isoformat(),
                         "from_iso3": codes[idx[i]], "to_iso3": codes[idx[j]], "_cell": t.cells[j]})
    cols = ["herd_id", "season", "date", "from_iso3", "to_iso3", "poe_id", "poe_status", "distance_km",
            "herd_size", "geometry"]
    if not rows:
        return gpd.GeoDataFrame(pd.DataFrame(columns=cols), geometry="geometry", crs=OUT_CRS)
    df = pd.DataFrame(rows)
    xy = surface.xy(np.vstack(df.pop("_cell").to_list()))
    df["poe_id"], df["poe_status"], df["distance_km"] = None, None, np.nan
    if crossings is not None and len(crossings):
        pts = crossings.to_crs(surface.crs)
        pxy = np.column_stack([pts.geometry.x, pts.geometry.y])
        d = np.hypot(xy[:, None, 0] - pxy[None, :, 0], xy[:, None, 1] - pxy[None, :, 1])
        nearest = d.argmin(axis=1)
        close = d[np.arange(len(df)), nearest] <= radius_m
        ids = pts["poe_id"].astype(str).to_numpy() if "poe_id" in pts else pts.index.astype(str).to_numpy()
        status = pts["status"].astype(str).to_numpy() if "status" in pts else np.full(len(pts), None)
        df.loc[close, "poe_id"] = ids[nearest[close]]
        df.loc[close, "poe_status"] = status[nearest[close]]
        df.loc[close, "distance_km"] = np.round(d[np.arange(len(df)), nearest][close] / 1000.0, 1)
    if coarsen_m:
        xy = np.round(xy / coarsen_m) * coarsen_m
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=surface.crs)
    return gdf[cols].to_crs(OUT_CRS)
