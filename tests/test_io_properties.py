"""Property-based tests: random rows fed to the readers and validation never crash with anything but
the toolkit's own SchemaError."""
import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rdh_engine.errors import SchemaError
from rdh_engine.io.schemas import ALIASES, FIELDS, VECTOR_KINDS, validate
from rdh_engine.io.validation import validate_file

TABLE_KINDS = sorted(set(FIELDS) - VECTOR_KINDS)
CELLS = st.one_of(
    st.none(), st.text(max_size=12), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1800, 1, 1), dt.date(2200, 1, 1)), st.booleans(),
    st.sampled_from(["", " ", "NA", "45352", "31/12/2024", "2024-13-01", "1 200", "12,5", "open", "fermé",
                     "Niger", "NER", "-0", "1e400", "nan", "Agadès", "\u00a0"]))
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def tables(draw):
    """A kind and a DataFrame whose headers are some of its fields (canonical or aliased) plus noise."""
    kind = draw(st.sampled_from(TABLE_KINDS))
    fields = draw(st.lists(st.sampled_from(FIELDS[kind]), unique_by=lambda f: f.name, min_size=1))
    headers = [draw(st.sampled_from([f.name, *ALIASES.get(f.name, [])])) for f in fields]
    headers += draw(st.lists(st.text("abcxyz_", min_size=1, max_size=6), max_size=2))
    headers = list(dict.fromkeys(headers))
    n = draw(st.integers(0, 6))
    rows = [[draw(CELLS) for _ in headers] for _ in range(n)]
    return kind, pd.DataFrame(rows, columns=headers, dtype=object)


@FAST
@given(tables())
def test_validate_frame_raises_only_schema_errors(case):
    kind, df = case
    try:
        out = validate(df, kind)
    except SchemaError as exc:
        assert str(exc)
    else:
        assert len(out) == len(df)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([("utf-8", ","), ("cp1252", ";"), ("utf-16", "\t")]))
def test_validate_file_raises_only_schema_errors(case, encoding_sep):
    kind, df = case
    encoding, sep = encoding_sep
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.csv"
        text = df.to_csv(index=False, sep=sep)
        path.write_bytes(text.encode(encoding, errors="replace"))
        try:
            report, _ = validate_file(path, kind=kind, admin=None, places=None)
        except SchemaError as exc:
            assert str(path) in str(exc)
        else:
            # (Row counts may differ from len(df): a lone '\r' cell is a line break to CSV readers.)
            assert report.ok == (report.errors == 0)
            assert str(path) in report.text()


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_csv_reader(blob):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "blob.csv"
        path.write_bytes(blob)
        try:
            validate_file(path, kind="fmp_counts", admin=None, places=None)
        except SchemaError as exc:
            assert "blob.csv" in str(exc)


@pytest.mark.parametrize("suffix", [".xlsx", ".gpkg", ".geojson", ".shp"])
@FAST
@given(blob=st.binary(max_size=200))
def test_random_bytes_never_crash_the_binary_readers(suffix, blob):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"blob{suffix}"
        path.write_bytes(blob)
        try:
            validate_file(path, kind="roads" if suffix != ".xlsx" else "fmp", admin=None, places=None)
        except SchemaError as exc:
            assert "blob" in str(exc)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_random_workbooks_raise_only_schema_errors(case):
    kind, df = case
    df = df.apply(lambda col: col.map(lambda v: v if not isinstance(v, str) else "".join(
        c for c in v if c.isprintable())))  # XLSX cannot hold control characters at all
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.xlsx"
        try:
            df.to_excel(path, index=False)
        except (OverflowError, ValueError):  # openpyxl cannot store it: not a workbook anyone has
            assume(False)
        try:
            report, _ = validate_file(path, kind=kind, admin=None, places=None)
        except SchemaError as exc:
            assert "random.xlsx" in str(exc)
        else:
            assert report.ok == (report.errors == 0)
