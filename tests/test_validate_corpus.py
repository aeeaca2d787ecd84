"""The bad-input corpus (tests/data/bad/cases.toml): each case gives its exit code and message,
never a traceback, and never a partial output."""
import logging
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from pyogrio import read_dataframe

from rdh_engine.cli import main
from rdh_engine.cli.validate import KIND_STYLES
from rdh_engine.io.schemas import FIELDS

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
CASES = tomllib.loads((BAD / "cases.toml").read_text(encoding="utf-8"))["case"]
REAL = Path(__file__).resolve().parents[1] / "sample_data" / "real"
RDH = str(Path(sys.executable).with_name("rdh"))


def rdh(args, capsys, caplog):
    """`rdh ARGS` in this process (as the console script runs it): (exit code, all output)."""
    caplog.set_level(logging.INFO, logger="rdh_engine")
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return stop.value.code, "\n".join([out.out, out.err, caplog.text])


def validate_args(path, kind, *extra):
    return ["validate", path, *(["--kind", kind] if kind else []), "--admin", REAL / "admin.gpkg",
            "--places", REAL / "places_geonames.csv", *extra]


def test_corpus_has_at_least_25_cases():
    assert len(CASES) >= 25
    assert len({c["file"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_case(case, tmp_path, capsys, caplog):
    gpkg, report = tmp_path / "out.gpkg", tmp_path / "report.json"
    code, output = rdh(validate_args(BAD / case["file"], case["kind"], "--to-gpkg", gpkg, "--report", report),
                       capsys, caplog)
    assert code == case["exit"], output
    assert case["message"] in output, output
    assert "Traceback" not in output
    # Output only for a valid file: never a partial GeoPackage.
    assert gpkg.exists() == (code == 0)
    # .rdh-outputs.json lists what the toolkit wrote (engine/io/atomic.py); nothing else is hidden.
    assert not [p for p in tmp_path.glob(".*") if p.name != ".rdh-outputs.json"], "temporary files left behind"


def test_console_script_gives_message_not_traceback():
    for name, code in (("negative_counts.csv", 1), ("unknown_kind.csv", 2)):
        result = subprocess.run([RDH, "validate", str(BAD / name)], capture_output=True, text=True)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr and name in result.stdout + result.stderr


@pytest.mark.parametrize("good", sorted((DATA / "good").iterdir()), ids=lambda p: p.name)
def test_good_samples_round_trip_to_a_styled_geopackage(good, tmp_path, capsys, caplog):
    """Every kind: its sample validates clean, and --to-gpkg writes the canonical layer with its style."""
    out = tmp_path / "out.gpkg"
    code, output = rdh(validate_args(good, good.stem, "--to-gpkg", out), capsys, caplog)
    assert code == 0, output
    assert "(0 error(s), 0 warning(s))" in output
    layer = read_dataframe(out, layer=good.stem)
    required = [f.name for f in FIELDS[good.stem] if f.required]
    assert set(required) <= set(layer.columns) and len(layer) > 0
    with sqlite3.connect(out) as con:
        styles = dict(con.execute("SELECT f_table_name, styleName FROM layer_styles").fetchall()) \
            if good.stem in KIND_STYLES else {}
    assert styles.get(good.stem) == KIND_STYLES.get(good.stem)


def test_usage_errors_exit_2(tmp_path, capsys, caplog):
    assert rdh(["validate", BAD / "negative_counts.csv", "--kind", "nope"], capsys, caplog)[0] == 2
    assert rdh(["validate", tmp_path / "missing.csv"], capsys, caplog)[0] == 2
    code, output = rdh(["validate", BAD / "negative_counts.csv", "--report", tmp_path / "r.txt"], capsys, caplog)
    assert code == 2 and "must end in .csv or .json" in output
