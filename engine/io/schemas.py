"""Canonical table schemas (../docs/contract.md) as pandera schemas, and validation reports.

Required columns must be present and typed; optional columns are checked when present; extra
columns are kept.
"""
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ..errors import SchemaError

ISO3 = r"^[A-Z]{3}$"
STATUS = ["open", "partially_open", "fully_closed"]
POE_TYPES = ["land", "airport", "sea", "river"]
FLOW_TYPES = ["incoming", "outgoing", "internal"]


def _lon(required=True):
    return pa.Column(float, pa.Check.in_range(-180, 180), coerce=True, required=required, nullable=not required)


def _lat(required=True):
    return pa.Column(float, pa.Check.in_range(-90, 90), coerce=True, required=required, nullable=not required)


def _text(required=True, nullable=False, **kw):
    return pa.Column(str, required=required, nullable=nullable, coerce=True, **kw)


def _count(required=True, nullable=False):
    return pa.Column(float, pa.Check.ge(0), coerce=True, required=required, nullable=nullable)


def _date(required=True, nullable=False):
    return pa.Column("datetime64[ns]", coerce=True, required=required, nullable=nullable)


def _iso3(required=True):
    return pa.Column(str, pa.Check.str_matches(ISO3), coerce=True, required=required, nullable=not required)


def _schema(name, columns, unique=None):
    return pa.DataFrameSchema(columns, name=name, strict=False, unique=unique)


KINDS = {
    "fmp": _schema("fmp", {
        "fmp_id": _text(unique=True), "name": _text(), "country_iso3": _iso3(),
        "lon": _lon(), "lat": _lat(), "admin1": _text(False, True), "fmp_type": _text(False, True),
        "active_from": _date(False, True), "active_to": _date(False, True)}),
    "fmp_counts": _schema("fmp_counts", {
        "fmp_id": _text(), "date": _date(), "origin": _text(), "destination": _text(), "count": _count(),
        "next_stop": _text(False, True), "nationality_iso3": _text(False, True), "sex": _text(False, True),
        "age_group": _text(False, True), "transport_mode": _text(False, True),
        "flow_type": pa.Column(str, pa.Check.isin(FLOW_TYPES), required=False, nullable=True)}),
    "poe": _schema("poe", {
        "poe_id": _text(unique=True), "name": _text(), "poe_type": pa.Column(str, pa.Check.isin(POE_TYPES)),
        "country_iso3": _iso3(), "lon": _lon(), "lat": _lat(), "neighbour_iso3": _text(False, True)}),
    "poe_status": _schema("poe_status", {
        "poe_id": _text(), "status": pa.Column(str, pa.Check.isin(STATUS)), "valid_from": _date(),
        "valid_to": _date(False, True), "restrictions": _text(False, True)}),
    "ki_reports": _schema("ki_reports", {
        "report_id": _text(unique=True), "date": _date(), "informant_id": _text(), "lon": _lon(), "lat": _lat(),
        "herd_size": _count(), "herd_id": _text(False, True), "species": _text(False, True)}),
    "mmp": _schema("mmp", {
        "incident_id": _text(), "date": _date(), "dead": _count(nullable=True), "missing": _count(nullable=True),
        "lon": _lon(), "lat": _lat(), "route": _text(False, True), "country_iso3": _text(False, True)}),
    "idp": _schema("idp", {"admin_pcode": _text(), "date": _date(), "idp_count": _count()}),
    "movements": _schema("movements", {
        "origin_iso3": _iso3(), "destination_iso3": _iso3(), "month": _text(), "count": _count()}),
    "places": _schema("places", {
        "name": _text(), "lon": _lon(), "lat": _lat(), "country_iso3": _text(False, True),
        "population": _count(False, True), "alt_names": _text(False, True)}),
    "od": _schema("od", {"origin": _text(), "destination": _text(), "flow": _count()}),
    "roads": _schema("roads", {"geometry": pa.Column(nullable=False)}),
    "admin": _schema("admin", {"geometry": pa.Column(nullable=False)}),
}


def validate(df, kind, *, path=None):
    """Return ``df`` coerced to the canonical schema of ``kind``; raise SchemaError listing every failure.

    The error's ``failures`` is a DataFrame with one row per failing cell or check:
    ``column``, ``check``, ``row`` (as a spreadsheet shows it: the header is row 1, the first data
    row is row 2) and ``value``.
    """
    if kind not in KINDS:
        raise SchemaError(f"unknown kind {kind!r}; expected one of: {', '.join(sorted(KINDS))}", path=path)
    if len(df) == 0:
        raise SchemaError(f"{path or kind}: the table is empty", path=path)
    try:
        return KINDS[kind].validate(df, lazy=True)
    except SchemaErrors as exc:
        failures = failure_table(exc.failure_cases)
        raise SchemaError(_summary(path or kind, kind, failures), path=path, failures=failures) from None


def failure_table(cases):
    table = pd.DataFrame({
        "column": cases["column"].astype("string"),
        "check": cases["check"].astype(str),
        "row": pd.to_numeric(cases["index"], errors="coerce").astype("Int64") + 2,
        "value": cases["failure_case"].astype(str),
    })
    return table.reset_index(drop=True)


def _summary(where, kind, failures, *, limit=10):
    lines = [f"{where}: {len(failures)} problem(s) against the {kind!r} schema"]
    for rec in failures.head(limit).itertuples(index=False):
        at = f"row {rec.row}, " if pd.notna(rec.row) else ""
        lines.append(f"  {at}column {rec.column}: {rec.check} (value: {rec.value})")
    if len(failures) > limit:
        lines.append(f"  ... and {len(failures) - limit} more")
    return "\n".join(lines)
