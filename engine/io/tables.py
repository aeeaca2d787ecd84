"""Reading tables and layers from the formats GIS officers receive (CSV, XLSX, GPKG, SHP, GeoJSON)."""
import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from ..errors import CRSError, InputNotFoundError, SchemaError

log = logging.getLogger(__name__)

VECTOR_SUFFIXES = {".gpkg", ".shp", ".geojson", ".json", ".fgb"}
TABLE_SUFFIXES = {".csv", ".txt", ".xlsx", ".xls"}


def read_table(path, *, layer=None):
    """Read a CSV/XLSX table or a vector layer; vector layers come back as GeoDataFrames."""
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in VECTOR_SUFFIXES:
        return read_vector(path, layer=layer)
    if suffix in {".csv", ".txt"}:
        return _read_csv(path)
    if suffix in {".xlsx", ".xls"}:
        return pd.read_excel(path, sheet_name=layer or 0)
    raise SchemaError(f"{path}: unsupported format {suffix!r} (expected CSV, XLSX, GPKG, SHP or GeoJSON)",
                      path=path)


def read_vector(path, *, layer=None):
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file")
    if layer is not None and layer not in {name for name, _ in pyogrio.list_layers(path)}:
        raise InputNotFoundError(f"{path}: no layer named {layer!r}")
    gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    if gdf.crs is None:
        raise CRSError(f"{path}: the layer has no CRS; assign one (e.g. EPSG:4326) before using it")
    return gdf


def _read_csv(path):
    try:
        return pd.read_csv(path, encoding="utf-8-sig", low_memory=False)
    except UnicodeDecodeError:
        log.warning("%s is not UTF-8; reading it as Latin-1 (Windows exports)", path)
        return pd.read_csv(path, encoding="latin-1", low_memory=False)


def points_from_lonlat(df, *, lon="lon", lat="lat", crs="EPSG:4326"):
    """A GeoDataFrame of points from WGS84 lon/lat columns (rows without coordinates get no geometry)."""
    geometry = gpd.points_from_xy(df[lon], df[lat], crs=crs)
    return gpd.GeoDataFrame(df, geometry=geometry, crs=crs)
