"""`rdh corridors` end to end on files, with its errors."""
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from rdh_engine.io.gpkg import read_provenance

from . import corridor_fixtures as F

RDH = str(Path(sys.executable).with_name("rdh"))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    rows = [("Agadez", f"2020-{m:02d}-{day:02d}", "Zinder", "Arlit", 20 + day) for m in (1, 2, 3) for day in (3, 9, 17)]
    rows += [("Tchirozerine", "2020-02-10", "Agadez", "Arlit", 15), ("Agadez", "2020-03-11", "Zinder", "unknown", 9)]
    d = F.write_inputs(tmp_path_factory.mktemp("corridor-inputs"), F.counts(rows))
    pd.DataFrame({"poe_id": ["X1"], "status": ["fully_closed"], "valid_from": ["2020-03-01"]}).to_csv(
        d / "status.csv", index=False)
    return d


def run(*args):
    return subprocess.run([RDH, *map(str, args)], capture_output=True, text=True)


def common(d):
    return ["--roads", d / "roads.gpkg", "--places", d / "places.csv", "--fmp", d / "fmp.csv",
            "--counts", d / "counts.csv"]


def test_writes_the_contract_layers_series_and_provenance(inputs, tmp_path):
    out = tmp_path / "corridors.gpkg"
    result = run("corridors", *common(inputs), "--period", "month", "--k", "2", "--status", inputs / "status.csv",
                 "-o", out)
    assert result.returncode == 0, result.stderr
    layers = {name for name, _ in pyogrio.list_layers(out)}
    assert {"edge_flows", "corridors", "od_flows", "fmp_points", "edge_flows_by_period"} <= layers
    edge = gpd.read_file(out, layer="edge_flows")
    assert {"edge_id", "flow_persons_day", "flow_p05", "flow_p95", "length_km"} <= set(edge.columns)
    corridors = gpd.read_file(out, layer="corridors")
    assert {"corridor_id", "name", "flow_persons_day", "share", "length_km", "countries", "poe_ids"} <= set(corridors.columns)
    assert set(gpd.read_file(out, layer="fmp_points").columns) >= {"fmp_id", "observed", "assigned"}
    assert set(gpd.read_file(out, layer="od_flows").columns) >= {"origin", "destination", "flow_persons_day"}
    series = pd.read_csv(tmp_path / "corridors_corridor_series.csv")
    assert sorted(series["period"].unique()) == ["2020-01", "2020-02", "2020-03"]
    assert (tmp_path / "corridors_corridor_series.png").stat().st_size > 10_000
    record = read_provenance(out, "corridors")
    assert record["tool"] == "rdh corridors" and record["parameters"]["k"] == 2


def test_config_file_sets_options(inputs, tmp_path):
    config = tmp_path / "run.toml"
    config.write_text('period = "quarter"\n[corridors]\nn-boot = 10\n', encoding="utf-8")
    out = tmp_path / "c.gpkg"
    result = run("corridors", *common(inputs), "--config", config, "-o", out)
    assert result.returncode == 0, result.stderr
    record = read_provenance(out, "edge_flows")
    assert record["parameters"]["period"] == "quarter" and record["parameters"]["n_boot"] == 10


@pytest.mark.parametrize("args, code, message", [
    (["--k", "0"], 2, "--k"),
    (["--period", "fortnight"], 2, "--period"),
    (["--filter", "colour=red"], 1, "cannot filter on 'colour'"),
    (["--filter", "flow_type"], 1, "COLUMN=VALUE"),
])
def test_bad_parameters_are_refused_clearly(inputs, tmp_path, args, code, message):
    out = tmp_path / "bad.gpkg"
    result = run("corridors", *common(inputs), *args, "-o", out)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_invalid_counts_name_the_file_row_and_column(inputs, tmp_path):
    bad = tmp_path / "counts.csv"
    table = pd.read_csv(inputs / "counts.csv")
    table.loc[2, "count"] = -5
    table.to_csv(bad, index=False)
    args = common(inputs)
    args[args.index(inputs / "counts.csv")] = bad
    result = run("corridors", *args, "-o", tmp_path / "x.gpkg")
    assert result.returncode == 1
    assert "counts.csv" in result.stderr and "row 4" in result.stderr and "count" in result.stderr
