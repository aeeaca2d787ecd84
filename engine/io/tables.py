"""Reading tables and layers from the formats GIS officers receive (CSV, XLSX, GPKG, SHP, GeoJSON).

Every reader failure becomes a SchemaError (or CRSError / InputNotFoundError) naming the file:
callers never see a parser's own exception.
"""
import codecs
import logging
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors

from ..errors import CRSError, InputNotFoundError, SchemaError

log = logging.getLogger(__name__)

VECTOR_SUFFIXES = {".gpkg", ".shp", ".geojson", ".json", ".fgb"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TABLE_SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES
WGS84 = "EPSG:4326"
DELIMITERS = ",;\t|"
CHUNK_ROWS = 50_000
_BLOCK = 1 << 20
_PYOGRIO_ERRORS = tuple(
    cls for cls in vars(pyogrio.errors).values() if isinstance(cls, type) and issubclass(cls, Exception))


def _existing(path):
    path = Path(path)
    if not path.exists():
        raise InputNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise SchemaError(f"{path}: is a folder, not a data file", path=path)
    if path.stat().st_size == 0:
        raise SchemaError(f"{path}: the file is empty (0 bytes)", path=path)
    return path


def read_table(path, *, layer=None, as_text=False):
    """Read a CSV/XLSX table or a vector layer whole; vector layers come back as GeoDataFrames.

    Column types are inferred (pandas' defaults) unless ``as_text``: then cells come as text, as
    validation reads them.
    """
    return next(iter_table(path, layer=layer, chunksize=None, as_text=as_text))


def iter_table(path, *, layer=None, chunksize=CHUNK_ROWS, as_text=True):
    """Yield the table in chunks of ``chunksize`` rows (CSV only; other formats come in one piece).

    Chunks keep a running index, so ``index + 2`` is the row number a spreadsheet shows. With
    ``as_text`` (the default) cells come as text, no guessing ('001' stays '001', 'NA' is Namibia):
    typing is the schema's job.
    """
    path = _existing(path)
    suffix = path.suffix.lower()
    if suffix in VECTOR_SUFFIXES:
        yield read_vector(path, layer=layer)
    elif suffix in CSV_SUFFIXES:
        yield from _iter_csv(path, chunksize, as_text=as_text)
    elif suffix in EXCEL_SUFFIXES:
        yield _read_excel(path, sheet=layer, as_text=as_text)
    elif suffix == ".xls":
        raise SchemaError(f"{path}: old Excel 97-2003 (.xls) files are not read; save it as .xlsx or CSV",
                          path=path)
    else:
        raise SchemaError(f"{path}: unsupported format {suffix!r} (expected CSV, XLSX, GPKG, SHP or GeoJSON)",
                          path=path)


def detect_encoding(path):
    """'utf-16' (BOM), 'utf-8-sig' when the whole file decodes as UTF-8, else 'cp1252' (Windows
    exports; Latin-1 when the file uses bytes cp1252 leaves undefined). Reads in 1 MB blocks."""
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        candidates = {name: codecs.getincrementaldecoder(name)() for name in ("utf-8-sig", "cp1252")}
        while (block := fh.read(_BLOCK)) and candidates:
            candidates = {name: dec for name, dec in candidates.items() if _decodes(dec, block)}
    for name, dec in candidates.items():
        if _decodes(dec, b"", final=True):
            return name
    return "latin-1"  # every byte is a Latin-1 character


def _decodes(decoder, block, final=False):
    try:
        decoder.decode(block, final)
        return True
    except UnicodeDecodeError:
        return False


def sniff_delimiter(header_line):
    """The delimiter used most in the header line (',' for a one-column file)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _iter_csv(path, chunksize, *, as_text):
    encoding = detect_encoding(path)
    if encoding not in ("utf-8-sig", "utf-16"):
        log.warning("%s is not UTF-8; reading it as %s (Windows export)", path, encoding)
    try:
        with open(path, encoding=encoding, newline="") as fh:
            header = fh.readline()
        if not header.strip():
            raise SchemaError(f"{path}: the first line is empty; expected a header row", path=path)
        text = {"dtype": str, "keep_default_na": False, "na_values": [""]} if as_text else {"low_memory": False}
        reader = pd.read_csv(path, sep=sniff_delimiter(header), encoding=encoding, skipinitialspace=True,
                             chunksize=chunksize, encoding_errors="strict", **text)
        if chunksize is None:
            yield _check_header(reader, path)
            return
        with reader:
            for chunk in reader:
                yield _check_header(chunk, path)
    except pd.errors.EmptyDataError:
        raise SchemaError(f"{path}: the file has no header row", path=path) from None
    except pd.errors.ParserError as exc:
        raise SchemaError(f"{path}: not a well-formed CSV table: {_first_line(exc)}", path=path) from None
    except (UnicodeError, ValueError) as exc:
        raise SchemaError(f"{path}: cannot be read as text ({_first_line(exc)})", path=path) from None


def _check_header(df, path):
    unnamed = [c for c in df.columns if str(c).startswith("Unnamed: ")]
    if unnamed:
        raise SchemaError(f"{path}: {len(unnamed)} column(s) have no header "
                          f"(columns {', '.join(str(df.columns.get_loc(c) + 1) for c in unnamed)})", path=path)
    duplicated = [c for c in df.columns if "." in str(c) and str(c).rsplit(".", 1)[0] in df.columns
                  and str(c).rsplit(".", 1)[1].isdigit()]
    if duplicated:
        raise SchemaError(f"{path}: duplicated header(s): "
                          f"{', '.join(sorted({str(c).rsplit('.', 1)[0] for c in duplicated}))}", path=path)
    df.columns = [str(c).strip() for c in df.columns]
    return df


def _read_excel(path, *, sheet=None, as_text=True):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's "no default style" noise
            df = pd.read_excel(path, sheet_name=sheet or 0, dtype=object if as_text else None, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SchemaError(f"{path}: not a readable Excel workbook ({_first_line(exc)})", path=path) from None
    except OverflowError:  # openpyxl turns a number beyond float range into inf, then fails on it
        raise SchemaError(f"{path}: a cell holds a number too large to read (beyond ±1.8e308)", path=path) from None
    df = df.dropna(how="all")
    if df.columns.size == 0:
        raise SchemaError(f"{path}: the sheet is empty", path=path)
    return _check_header(df, path)


def choose_layer(path, *, layer: str | None = None, preferred: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 option: str = "--layer") -> str:
    """The layer of ``path`` to read: ``layer`` when given (it must exist), else the first of
    ``preferred`` the file has, else its only layer (not counting ``ignore``).

    Raises
    ------
    InputNotFoundError
        ``layer`` is not in the file, or the file has several candidate layers and none is preferred
        (the message lists them and names ``option``).
    """
    path = _existing(path)
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except _PYOGRIO_ERRORS as exc:
        raise SchemaError(f"{path}: not a readable vector file ({_first_line(exc)})", path=path) from None
    if layer:
        if layer not in layers:
            raise InputNotFoundError(f"{path}: no layer named {layer!r} (layers: {', '.join(layers)})")
        return layer
    for name in preferred:
        if name in layers:
            return name
    candidates = [name for name in layers if name not in ignore]
    if len(candidates) == 1:
        return candidates[0]
    raise InputNotFoundError(f"{path} has several layers ({', '.join(layers)}): choose one with {option}")


def read_vector(path, *, layer=None):
    """A vector layer as a GeoDataFrame in WGS84: a layer without CRS is refused, any other CRS is
    transformed explicitly (and logged)."""
    path = _existing(path)
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
        if layer is not None and layer not in layers:
            raise InputNotFoundError(f"{path}: no layer named {layer!r} (layers: {', '.join(layers)})")
        if layer is None and len(layers) > 1:
            log.info("%s has layers %s; reading %r (choose another with --layer)", path, ", ".join(layers),
                     layers[0])
        layer = layer if layer is not None else layers[0]
        gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    except _PYOGRIO_ERRORS as exc:
        raise SchemaError(f"{path}: not a readable vector layer ({_first_line(exc)})", path=path) from None
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf:
        raise SchemaError(f"{path}: layer {layer!r} has no geometry column (a table, not a map layer; "
                          f"with rdh export, choose the map layers with --layer)", path=path)
    return to_wgs84(gdf, path=path)


def to_wgs84(gdf, *, path):
    if gdf.crs is None:
        raise CRSError(f"{path}: the layer has no CRS (unknown coordinate system); "
                       "assign one (e.g. EPSG:4326) before using it")
    bounds = gdf.total_bounds
    if gdf.crs.is_geographic and len(gdf) and not gdf.geometry.is_empty.all() and (
            abs(bounds[[0, 2]]).max() > 180 or abs(bounds[[1, 3]]).max() > 90):
        raise CRSError(f"{path}: coordinates up to {abs(bounds).max():.0f} do not fit the declared geographic CRS "
                       f"{gdf.crs.to_string()}; the CRS is probably wrong (projected metres?)")
    if not gdf.crs.equals(WGS84):
        log.info("%s: transforming from %s to %s", path, gdf.crs.to_string(), WGS84)
        try:
            gdf = gdf.to_crs(WGS84)
        except Exception as exc:  # pyproj raises several unrelated types for unusable CRSs
            raise CRSError(f"{path}: cannot transform from {gdf.crs.to_string()} to {WGS84} ({exc})") from None
    return gdf


def _first_line(exc):
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def points_from_lonlat(df, *, lon="lon", lat="lat", crs=WGS84):
    """A GeoDataFrame of points from WGS84 lon/lat columns (rows without coordinates get no geometry)."""
    geometry = gpd.points_from_xy(df[lon], df[lat], crs=crs)
    return gpd.GeoDataFrame(df, geometry=geometry, crs=crs)


__all__ = ["detect_encoding", "iter_table", "points_from_lonlat", "read_table", "read_vector", "sniff_delimiter",
           "to_wgs84"]
