"""Validate a source file of any kind, streaming: the engine behind `rdh validate`.

``validate_file`` reads the file in chunks (CSV) or whole (XLSX, vector layers), maps aliased
headers to canonical names, checks each chunk against the kind's pandera schema, runs the
cross-row checks (duplicates, jumps, locations, future dates) and returns a Report. With
``keep=True`` it also returns the typed layer (only when the file is valid).
"""
import functools
import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString

from ..errors import ParameterError, SchemaError
from .checks import checks_for
from .countries import fold
from .gazetteer import Gazetteer
from .report import Report, issues_frame
from .schemas import (
    FIELDS, KINDS, POINT_KINDS, VECTOR_KINDS, canonical_columns, check_frame, column_mapping, missing_columns,
    required_columns,
)
from .sources import ADAPTERS
from .tables import CHUNK_ROWS, iter_table, points_from_lonlat, read_vector

log = logging.getLogger(__name__)

DEFAULT_ADMIN = Path("sample_data/real/admin.gpkg")
DEFAULT_PLACES = Path("sample_data/real/places_geonames.csv")


def guess_kind(columns, *, geom_type=None):
    """The kind whose required columns all appear (under any alias), preferring the most specific.

    Raises ParameterError when no kind fits or when two fit equally well.
    """
    if geom_type:
        if "LineString" in geom_type:
            return "roads"
        if "Polygon" in geom_type:
            return "admin"
        columns = [*columns, "lon", "lat"]
    scores = {}
    for kind in KINDS:
        if kind in VECTOR_KINDS or missing_columns(columns, kind):
            continue
        scores[kind] = (len(required_columns(kind)), len(column_mapping(columns, kind)))
    if not scores:
        closest = min((k for k in KINDS if k not in VECTOR_KINDS), key=lambda k: len(missing_columns(columns, k)))
        raise ParameterError(
            f"cannot tell which kind of source this is from its columns ({', '.join(map(str, columns))}); "
            f"closest is {closest!r}, which also needs {', '.join(missing_columns(columns, closest))}. "
            f"Give --kind (one of: {', '.join(KINDS)})")
    best = max(scores.values())
    tied = sorted(k for k, s in scores.items() if s == best)
    if len(tied) > 1:
        raise ParameterError(f"the columns fit several kinds equally well ({', '.join(tied)}); give --kind")
    return tied[0]


def load_adm0(path=DEFAULT_ADMIN):
    """Country polygons (``country_iso3``) for the "outside its stated country" check, or None."""
    path = Path(path) if path else None
    if path is None or not path.exists():
        return None
    return _adm0(str(path.resolve()), path.stat().st_mtime_ns)


# Reference layers are read once per process (keyed on path and modification time): a session that
# validates many files, or the test suite, does not re-read them each time.
@functools.lru_cache(maxsize=4)
def _adm0(path, mtime_ns):
    return canonical_columns(read_vector(path, layer="adm0"), "admin")


@functools.lru_cache(maxsize=4)
def _gazetteer(places, admin, mtime_ns):
    return Gazetteer.load(places, admin_path=admin)


def load_gazetteer(places=DEFAULT_PLACES, admin=DEFAULT_ADMIN):
    """The gazetteer for place-name checks, or None when the places file is missing."""
    if places is None or not Path(places).exists():
        return None
    admin = str(Path(admin).resolve()) if admin and Path(admin).exists() else None
    stamp = (Path(places).stat().st_mtime_ns, Path(admin).stat().st_mtime_ns if admin else 0)
    return _gazetteer(str(Path(places).resolve()), admin, stamp)


def validate_file(path, *, kind=None, layer=None, chunksize=CHUNK_ROWS, admin=DEFAULT_ADMIN,
                  places=DEFAULT_PLACES, today=None, keep=False):
    """Validate the source file ``path``; returns ``(report, layer)``.

    ``kind`` is guessed from the columns when None. ``layer`` picks a GeoPackage layer or an XLSX
    sheet. ``admin`` is a GeoPackage with an ``adm0`` layer for the location checks, ``places`` a
    GeoNames places file for the place-name checks (each skipped when missing). ``layer`` in the result is the typed GeoDataFrame (points built from lon/lat) when
    ``keep`` and the file is valid, else None. Unreadable files raise SchemaError / CRSError.
    """
    if kind is not None and kind not in KINDS:
        raise ParameterError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    path = Path(path)
    report = Report(path=str(path), kind=kind or "")
    checks = None
    kept = []
    for chunk in iter_table(path, layer=layer, chunksize=chunksize):
        chunk = _lonlat_from_points(chunk)
        if checks is None:
            if kind is None:
                try:
                    kind = guess_kind(list(chunk.columns), geom_type=_geom_type(chunk))
                except ParameterError as exc:
                    raise ParameterError(f"{path}: {exc}") from None
                report.notes.append(f"kind guessed from the columns: {kind} (give --kind to choose)")
            report.kind = kind
            names = {"origin", "destination", "next_stop"} & {f.name for f in FIELDS[kind]}
            checks = checks_for(kind, adm0=load_adm0(admin) if kind in POINT_KINDS else None,
                                gazetteer=load_gazetteer(places, admin) if names else None, today=today)
            mapping = {s: d for s, d in column_mapping(chunk.columns, kind).items() if s != d}
            if mapping:
                report.notes.append("columns read as: " + ", ".join(f"{s} -> {d}" for s, d in mapping.items()))
        if kind in ADAPTERS:
            chunk, changes = ADAPTERS[kind](chunk)
            for rule, rows, column, values in changes:
                report.add(issues_frame(rule, rows, column=column, values=values))
        typed, failures = check_frame(chunk, kind, unique=False)
        report.rows += len(chunk)
        report.add_failures(failures)
        if failures["row"].isna().any():  # missing columns: rows cannot be checked further
            return report, None
        for check in checks:
            report.add(check.chunk(typed))
        if keep:
            kept.append(typed)
    if checks is None or report.rows == 0:
        raise SchemaError(f"{path}: the table has a header but no data rows", path=path)
    for check in checks:
        report.add(check.finish())
    if not (keep and report.ok):
        return report, None
    return report, as_layer(pd.concat(kept) if len(kept) > 1 else kept[0], kind, admin=admin)


def as_layer(df, kind, *, admin=None):
    """The typed table as a map layer: points from lon/lat for point kinds, geometry kept for vector
    kinds, country-to-country lines for ``movements`` and admin-1 polygons for ``idp`` (from the
    ``admin`` GeoPackage, when given), no geometry for the other tables."""
    if kind in POINT_KINDS:
        return points_from_lonlat(df.drop(columns="geometry", errors="ignore"))
    if kind in VECTOR_KINDS:
        return gpd.GeoDataFrame(df, geometry="geometry", crs=df.crs)
    if kind == "movements" and admin and Path(admin).exists():
        return _movement_lines(df, load_adm0(admin))
    if kind == "idp" and admin and Path(admin).exists():
        return _idp_areas(df, canonical_columns(read_vector(admin, layer="adm1"), "admin"))
    return pd.DataFrame(df)


def _movement_lines(df, adm0):
    """One line per movement, between the two countries' representative points (None if unknown)."""
    centre = dict(zip(adm0["country_iso3"], adm0.geometry.representative_point()))
    lines = [LineString([centre[o], centre[d]]) if o in centre and d in centre and o != d else None
             for o, d in zip(df["origin_iso3"], df["destination_iso3"])]
    return gpd.GeoDataFrame(df, geometry=lines, crs=adm0.crs)


def _idp_areas(df, adm1):
    """Admin-1 polygon of each row, matched on the folded admin name within the country (None if unknown)."""
    names = adm1.get("adm1_name", adm1.get("name"))
    shapes = {(iso, fold(name)): geom for iso, name, geom in zip(adm1["country_iso3"], names, adm1.geometry)
              if isinstance(name, str)}
    countries = df["country_iso3"] if "country_iso3" in df else pd.Series(None, index=df.index)
    admin_names = df["admin_name"] if "admin_name" in df else pd.Series(None, index=df.index)
    geoms = [shapes.get((iso, fold(name))) if isinstance(name, str) else None
             for iso, name in zip(countries, admin_names)]
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, index=df.index, crs=adm1.crs), crs=adm1.crs)


def read_source(path, kind, *, layer=None, admin=DEFAULT_ADMIN, places=DEFAULT_PLACES):
    """Read and validate one source file of ``kind``; raise SchemaError listing the problems.

    Warnings are logged. Returns the canonical GeoDataFrame (or DataFrame for plain tables).
    """
    report, data = validate_file(path, kind=kind, layer=layer, admin=admin, places=places, keep=True,
                                 chunksize=None)
    if not report.ok:
        raise SchemaError(report.text(), path=path, failures=report.frame())
    if report.warnings:
        log.warning("%s", report.text())
    return data


def _geom_type(chunk):
    if isinstance(chunk, gpd.GeoDataFrame) and len(chunk):
        types = chunk.geometry.geom_type.dropna()
        return types.mode().iloc[0] if len(types) else None
    return None


def _lonlat_from_points(chunk):
    """Point layers (GPKG, SHP, GeoJSON) carry their position in the geometry: expose it as lon/lat."""
    if isinstance(chunk, gpd.GeoDataFrame) and len(chunk) and (chunk.geometry.geom_type == "Point").all():
        if not {"lon", "lat"} & set(map(str.lower, map(str, chunk.columns))):
            chunk = chunk.assign(lon=chunk.geometry.x, lat=chunk.geometry.y)
    return chunk


__all__ = ["as_layer", "guess_kind", "load_adm0", "read_source", "validate_file"]
