"""Seasonal cost surfaces for herd movement, from land cover and optional context layers.

A surface is a grid of relative costs per metre walked (1.0 = open grassland) in a projected CRS,
``inf`` where herds cannot pass. Weights live in a per-season TOML file (``cost_weights/dry.toml``,
``cost_weights/wet.toml``, documented inline); pass ``config=`` to use your own. The surface is
built on the grid the user picks (``bounds`` in the target CRS, ``resolution_m``) and written or read
as a GeoTIFF with rasterio.
"""
import logging
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pyproj
import rasterio
from affine import Affine
from rasterio.enums import Resampling
from rasterio.features import rasterize
from rasterio.warp import reproject
from scipy import ndimage

from .. import __version__
from ..errors import CRSError, EmptyResultError, InputNotFoundError, ParameterError
from ..io.atomic import atomic_file, write_bytes
from ..io.gpkg import style_path

log = logging.getLogger(__name__)

SEASONS = ("dry", "wet")
DEFAULT_CRS = "ESRI:102022"  # Africa Albers Equal Area Conic: one metric CRS for the whole region


@dataclass
class CostSurface:
    """A cost grid (cost per metre, ``inf`` = barrier) with its georeferencing."""

    cost: np.ndarray
    transform: Affine
    crs: pyproj.CRS
    season: str | None = None

    def __post_init__(self):
        self.crs = pyproj.CRS.from_user_input(self.crs)
        if not self.crs.is_projected:
            raise CRSError(f"a cost surface needs a projected (metric) CRS, got {self.crs.name}")
        if self.transform.b or self.transform.d:
            raise ParameterError("rotated grids are not supported")
        self.cost = np.asarray(self.cost, dtype=np.float64)

    @property
    def shape(self):
        return self.cost.shape

    @property
    def cellsize(self):
        """(row, col) cell size in metres."""
        return abs(self.transform.e), abs(self.transform.a)

    def cells(self, x, y):
        """(n, 2) int (row, col) of points given in the surface CRS (may fall outside the grid)."""
        cols, rows = ~self.transform * (np.asarray(x, float), np.asarray(y, float))
        return np.column_stack([np.floor(rows), np.floor(cols)]).astype(np.int64)

    def xy(self, cells):
        """(n, 2) x, y of cell centres."""
        cells = np.asarray(cells, dtype=float).reshape(-1, 2)
        xs, ys = self.transform * (cells[:, 1] + 0.5, cells[:, 0] + 0.5)
        return np.column_stack([xs, ys])

    def inside(self, cells):
        cells = np.asarray(cells).reshape(-1, 2)
        return (cells[:, 0] >= 0) & (cells[:, 0] < self.shape[0]) & (cells[:, 1] >= 0) & (cells[:, 1] < self.shape[1])


def load_weights(season=None, *, config=None):
    """The weights of ``season`` (shipped defaults) or of a TOML file ``config``, as a dict."""
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise InputNotFoundError(f"{path}: no such cost-weights file")
        text = path.read_text(encoding="utf-8")
    else:
        if season not in SEASONS:
            raise ParameterError(f"season must be one of {SEASONS}, got {season!r}")
        text = (resources.files(__package__) / "cost_weights" / f"{season}.toml").read_text(encoding="utf-8")
    try:
        weights = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"{config or season}: invalid TOML ({exc})") from None
    if "landcover" not in weights:
        raise ParameterError(f"{config or season}: the weights need a [landcover] table")
    return weights


def _number(value):
    return np.inf if isinstance(value, str) and value.lower() == "inf" else float(value)


def grid_for(bounds, *, resolution_m, crs=DEFAULT_CRS):
    """(transform, shape) of a north-up grid covering ``bounds`` (minx, miny, maxx, maxy in ``crs``)."""
    if not resolution_m > 0:
        raise ParameterError(f"resolution_m must be positive, got {resolution_m}")
    minx, miny, maxx, maxy = map(float, bounds)
    if not (maxx > minx and maxy > miny):
        raise ParameterError(f"empty bounds {bounds}")
    width = int(np.ceil((maxx - minx) / resolution_m))
    height = int(np.ceil((maxy - miny) / resolution_m))
    return Affine(resolution_m, 0, minx, 0, -resolution_m, maxy), (height, width)


def build_cost_surface(landcover, *, season, bounds, resolution_m, crs=DEFAULT_CRS, config=None,
                       roads=None, water=None, lakes=None, slope=None, protected=None, pasture=None,
                       borders=None, crossings=None, attractors=None):
    """Build the ``season`` cost surface on the grid ``bounds`` / ``resolution_m`` / ``crs``.

    ``landcover`` is a GeoTIFF path of IGBP classes (MODIS MCD12C1); ``slope`` an optional GeoTIFF
    of slope (degrees, or the sample data's degrees x 100 when its name says ``x100``).
    Vector inputs are GeoDataFrames in any CRS: ``roads`` (lines, optional ``road_class``),
    ``water`` (river lines), ``lakes`` and ``protected`` (polygons), ``pasture`` (pasture-quality
    polygons with a ``pastoral`` class: P1..P4, N), ``borders`` (country polygons:
    their boundaries get the border-line multiplier), ``crossings`` (points; a ``status`` column
    equal to ``fully_closed`` makes the crossing impassable) and ``attractors`` (a dict naming a
    weight entry, e.g. ``{"boreholes": points}``).
    """
    weights = load_weights(season, config=config)
    crs = pyproj.CRS.from_user_input(crs)
    if not crs.is_projected:
        raise CRSError(f"build the cost surface in a projected CRS, not {crs.name}")
    transform, shape = grid_for(bounds, resolution_m=resolution_m, crs=crs)
    classes = _warp(landcover, transform, shape, crs, Resampling.mode, fill=255).astype(np.int64)
    table = np.full(256, _number(weights["landcover"].get("nodata", "inf")))
    for key, value in weights["landcover"].items():
        if key != "nodata":
            table[int(key)] = _number(value)
    cost = table[np.clip(classes, 0, 255)]

    def burn(gdf, **kw):
        return _burn(gdf, transform, shape, crs, **kw)

    rivers_w = weights.get("rivers", {})
    if water is not None and len(water):
        cost[burn(water, all_touched=True)] *= _number(rivers_w.get("multiplier", 1.0))
    if lakes is not None and len(lakes):
        cost[burn(lakes)] = _number(rivers_w.get("lake", "inf"))
    if roads is not None and len(roads):
        road_w = weights.get("roads", {})
        by_class = road_w.get("class", {})
        default = _number(road_w.get("multiplier", 1.0))
        if "road_class" in roads.columns and by_class:
            factors = roads["road_class"].map(lambda c: _number(by_class.get(str(c), default)))
        else:
            factors = np.full(len(roads), default)
        # Cells under several roads take the most repulsive class (a motorway is not made easier
        # by a track beside it).
        cost *= _factor_grid(roads, factors, transform, shape, crs)
    if slope is not None:
        degrees = _warp(slope, transform, shape, crs, Resampling.bilinear, fill=np.nan).astype(float)
        if "x100" in Path(slope).name:
            degrees /= 100.0
        cost *= 1.0 + _number(weights.get("slope", {}).get("per_degree", 0.0)) * np.nan_to_num(degrees)
    if protected is not None and len(protected):
        cost[burn(protected)] *= _number(weights.get("protected", {}).get("multiplier", 1.0))
    if pasture is not None and len(pasture):
        if "pastoral" not in pasture.columns:
            raise ParameterError("pasture polygons need a 'pastoral' column (P1, P2, P3, P4 or N)")
        table = weights.get("pasture", {})
        factors = pasture["pastoral"].astype(str).map(lambda c: _number(table.get(c, 1.0)))
        cost *= _factor_grid(pasture, factors, transform, shape, crs)  # touching units: the costlier
    border_w = weights.get("borders", {})
    if borders is not None and len(borders):
        lines = borders.to_crs(crs).boundary
        line_mask = _burn(lines.to_frame("geometry"), transform, shape, crs, all_touched=True)
        if crossings is not None and len(crossings):
            near = cells_near(crossings, transform, shape, crs, radius_m=float(border_w.get("crossing_radius_m", 5000)))
            cost[line_mask & near] *= _number(border_w.get("crossing_multiplier", 1.0))
            line_mask &= ~near
        cost[line_mask] *= _number(border_w.get("line_multiplier", 1.0))
    if crossings is not None and len(crossings) and "status" in crossings.columns:
        closed = crossings[crossings["status"].astype(str) == "fully_closed"]
        if len(closed):
            cost[cells_near(closed, transform, shape, crs, radius_m=float(border_w.get("crossing_radius_m", 5000)))] = \
                _number(border_w.get("closed", "inf"))
    for name, points in (attractors or {}).items():
        spec = weights.get("attractors", {}).get(name)
        if spec is None:
            raise ParameterError(f"no attractor weights named {name!r} in the {season} config "
                                 f"(known: {', '.join(weights.get('attractors', {}))})")
        if len(points):
            cost[cells_near(points, transform, shape, crs, radius_m=float(spec["radius_m"]))] *= float(spec["factor"])
    cost[~(cost >= 0)] = np.inf
    log.info("%s cost surface: %dx%d cells of %.0f m, %.1f%% impassable", season, shape[0], shape[1],
             resolution_m, 100.0 * np.isinf(cost).mean())
    return CostSurface(cost, transform, crs, season=weights.get("season", season))


def context_grids(landcover, *, bounds, resolution_m, crs=DEFAULT_CRS, roads=None, water=None):
    """(transform, IGBP class grid, {"roads": mask, "rivers": mask}) on the grid a surface of the same
    ``bounds`` / ``resolution_m`` / ``crs`` would have: the layers a calibration fits weights for."""
    crs = pyproj.CRS.from_user_input(crs)
    if not crs.is_projected:
        raise CRSError(f"use a projected CRS, not {crs.name}")
    transform, shape = grid_for(bounds, resolution_m=resolution_m, crs=crs)
    classes = _warp(landcover, transform, shape, crs, Resampling.mode, fill=255).astype(np.int64)
    masks = {}
    if roads is not None and len(roads):
        masks["roads"] = _burn(roads, transform, shape, crs, all_touched=True)
    if water is not None and len(water):
        masks["rivers"] = _burn(water, transform, shape, crs, all_touched=True)
    return transform, classes, masks


def _warp(path, transform, shape, crs, resampling, *, fill):
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such raster")
    with rasterio.open(path) as src:
        if src.crs is None:
            raise CRSError(f"{path}: the raster has no CRS")
        out = np.full(shape, fill, dtype=np.float64)
        reproject(rasterio.band(src, 1), out, dst_transform=transform, dst_crs=crs.to_wkt(),
                  resampling=resampling, dst_nodata=fill, src_nodata=src.nodata)
    return out


def _burn(gdf, transform, shape, crs, *, all_touched=False):
    geoms = [g for g in gdf.to_crs(crs).geometry if g is not None and not g.is_empty]
    if not geoms:
        return np.zeros(shape, bool)
    return rasterize(((g, 1) for g in geoms), out_shape=shape, transform=transform, fill=0,
                     dtype="uint8", all_touched=all_touched).astype(bool)


def _factor_grid(gdf, factors, transform, shape, crs):
    """Cost multipliers, one per geometry, burnt on the grid (1.0 elsewhere); a cell under several
    geometries takes the largest."""
    out = np.full(shape, np.nan)
    factors = np.asarray(factors, dtype=float)
    for value in np.unique(factors):
        mask = _burn(gdf[factors == value], transform, shape, crs, all_touched=True)
        out[mask] = np.fmax(out[mask], value)
    return np.where(np.isnan(out), 1.0, out)


def cells_near(points, transform, shape, crs, *, radius_m):
    """Boolean grid: cells whose centre lies within ``radius_m`` of any point (a GeoDataFrame in any
    CRS; points outside the grid are ignored)."""
    mask = np.zeros(shape, bool)
    pts = points.to_crs(crs).geometry
    cols, rows = ~transform * (pts.x.to_numpy(), pts.y.to_numpy())
    rows, cols = np.floor(rows).astype(int), np.floor(cols).astype(int)
    ok = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
    mask[rows[ok], cols[ok]] = True
    if not mask.any():
        return mask
    dist = ndimage.distance_transform_edt(~mask, sampling=(abs(transform.e), abs(transform.a)))
    return dist <= radius_m


def write_geotiff(path, array, *, transform, crs, nodata=None, descriptions=None, style=None):
    """Write a 2-D array (or a (bands, rows, cols) stack) as a compressed, tiled GeoTIFF, atomically.
    ``style``: a house raster style (``styles/<style>.qml``) copied beside it as ``<name>.qml``, the
    style QGIS loads by default with the raster."""
    path = Path(path)
    data = np.asarray(array)
    data = data[None] if data.ndim == 2 else data
    profile = {"driver": "GTiff", "height": data.shape[1], "width": data.shape[2], "count": data.shape[0],
               "dtype": data.dtype, "crs": pyproj.CRS.from_user_input(crs).to_wkt(), "transform": transform,
               "compress": "deflate", "nodata": nodata}
    if data.shape[1] >= 256 and data.shape[2] >= 256:
        profile.update(tiled=True, blockxsize=256, blockysize=256)
    with atomic_file(path) as tmp:
        with rasterio.open(tmp, "w", **profile) as dst:
            dst.write(data)
            dst.update_tags(RDH_TOOLKIT=__version__)
            for i, text in enumerate(descriptions or [], start=1):
                dst.set_band_description(i, text)
    if style is not None:
        write_bytes(path.with_suffix(".qml"), style_path(style).read_bytes())
    return path


def write_cost_surface(path, surface):
    """Write a surface as float32 GeoTIFF (barriers as nodata -1)."""
    cost = np.where(np.isfinite(surface.cost), surface.cost, -1.0).astype(np.float32)
    return write_geotiff(path, cost, transform=surface.transform, crs=surface.crs, nodata=-1.0,
                         descriptions=[f"cost per metre ({surface.season or 'any'} season)"])


def read_cost_surface(path, *, season=None):
    """A ready cost GeoTIFF (projected CRS; nodata, NaN and negative values are barriers)."""
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError(f"{path}: no such cost raster")
    with rasterio.open(path) as src:
        if src.crs is None:
            raise CRSError(f"{path}: the cost raster has no CRS")
        if not src.crs.is_projected:
            raise CRSError(f"{path}: the cost raster must be in a projected (metric) CRS, got {src.crs}")
        cost = src.read(1, masked=True).astype(np.float64).filled(np.nan)
        transform, crs = src.transform, pyproj.CRS.from_wkt(src.crs.to_wkt())
    cost[~(cost >= 0)] = np.inf
    passable = np.isfinite(cost)
    if not passable.any():
        raise EmptyResultError(f"{path}: the cost raster has no passable cell (every cell is nodata, NaN or "
                               "negative); nothing can be routed")
    if not (cost[passable] > 0).any():
        raise EmptyResultError(f"{path}: the cost raster is zero wherever it is passable; least-cost routes "
                               "need positive costs (cost per metre)")
    return CostSurface(cost, transform, crs, season=season)


__all__ = ["CostSurface", "DEFAULT_CRS", "SEASONS", "build_cost_surface", "cells_near", "grid_for", "load_weights",
           "read_cost_surface", "write_cost_surface", "write_geotiff"]
