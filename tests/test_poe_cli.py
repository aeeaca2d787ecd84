"""`rdh poe-impact` end to end through the real console script."""
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from rdh_engine.io.gpkg import list_layers, read_provenance

DATA = Path("tests/data/poe")
CONTRACT = {
    "poe_impact": ["poe_id", "status", "flow_lost", "flow_gained", "stranded"],
    "od_impact": ["origin", "destination", "baseline_km", "scenario_km", "extra_km", "extra_h", "stranded", "flow"],
    "criticality": ["poe_id", "rank", "stranded", "extra_person_km"],
    "timeline": ["date", "n_fully_closed", "share_fully_closed", "stranded"],
}


def rdh(*args, cwd):
    exe = Path(sys.executable).with_name("rdh")
    return subprocess.run([str(exe), "-q", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def inputs(repo):
    return ["--roads", repo / "sample_data/real/roads.gpkg", "--places", repo / "sample_data/real/places_geonames.csv",
            "--poe", repo / DATA / "poe.csv", "--status", repo / DATA / "status.csv", "--od", repo / DATA / "od.csv"]


@pytest.fixture(scope="module")
def full_run(repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("poe") / "impact.gpkg"
    result = rdh("poe-impact", *inputs(repo), "--date", "2020-04-15", "--criticality", "--top-pairs", "4",
                 "--timeline", "--scheduler", "serial", "-o", out, cwd=repo)
    assert result.returncode == 0, result.stderr
    return out, result


def test_outputs_follow_the_contract(full_run):
    out, result = full_run
    layers = list_layers(out)
    assert set(layers) >= {"poe_status", "poe_impact", "od_impact", "edge_change", "criticality", "timeline"}
    for name, cols in CONTRACT.items():
        table = pyogrio.read_dataframe(out, layer=name)
        assert list(table.columns[: len(cols)]) == cols, name
    od = gpd.read_file(out, layer="od_impact")
    assert set(od["stranded"]) == {0, 1}
    assert od.loc[od["stranded"] == 1, "scenario_km"].isna().all()
    crit = gpd.read_file(out, layer="criticality")
    assert crit["rank"].tolist() == list(range(1, len(crit) + 1))
    timeline = pyogrio.read_dataframe(out, layer="timeline")
    assert timeline["date"].iloc[0] == "2020-03-01" and timeline["date"].is_monotonic_increasing
    periods = pyogrio.read_dataframe(out, layer="status_periods")
    karang = periods[periods["poe_id"] == "SEN-GMB-KAR"]
    assert karang["status"].tolist() == ["open", "fully_closed", "partially_open", "open"]
    assert karang["valid_from"].tolist()[1:] == ["2020-03-23", "2020-07-15", "2020-10-01"]
    assert read_provenance(out, "od_impact")["tool"] == "rdh poe-impact"
    for png in (out.with_name("impact_timeline.png"), out.with_name("impact_map.png")):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "stranded" in result.stdout


def test_scenario_file_and_baseline_date(repo, tmp_path):
    scenario = tmp_path / "closures.csv"
    pd.DataFrame({"poe_id": ["SEN-MLI-KID", "SEN-MLI-MOU"], "status": ["fully_closed", "fully_closed"]}).to_csv(
        scenario, index=False)
    config = tmp_path / "rdh.toml"
    config.write_text('[poe-impact]\npartial-penalty-h = 30.0\nscheduler = "serial"\n')
    out = tmp_path / "scenario.gpkg"
    result = rdh("poe-impact", "--config", config, *inputs(repo), "--scenario", scenario, "-o", out, cwd=repo)
    assert result.returncode == 0, result.stderr
    assert read_provenance(out)["parameters"]["partial_penalty_h"] == 30.0
    poe = gpd.read_file(out, layer="poe_impact").set_index("poe_id")
    assert poe.loc["SEN-MLI-KID", "status"] == "fully_closed" and poe.loc["SEN-GMB-KAR", "status"] == "open"
    od = gpd.read_file(out, layer="od_impact")
    assert (od.loc[od["origin"] == "Dakar", "extra_km"].fillna(0) >= 0).all()
    assert od.loc[(od["origin"] == "Dakar") & (od["destination"] == "Bamako"), "extra_km"].iloc[0] > 100


def test_bad_input_is_exit_1_and_bad_usage_exit_2(repo, tmp_path):
    bad = tmp_path / "status.csv"
    pd.DataFrame({"poe_id": ["X"], "status": ["half_open"], "valid_from": ["2020-01-01"]}).to_csv(bad, index=False)
    args = [a if a != repo / DATA / "status.csv" else bad for a in inputs(repo)]
    result = rdh("poe-impact", *args, "--date", "2020-04-01", "-o", tmp_path / "x.gpkg", cwd=repo)
    assert result.returncode == 1 and "status" in result.stderr
    no_flows = [a for a in inputs(repo)][:-2]
    result = rdh("poe-impact", *no_flows, "-o", tmp_path / "y.gpkg", cwd=repo)
    assert result.returncode == 2 and "--od" in result.stderr
    result = rdh("poe-impact", *inputs(repo), "--criticality", "--scheduler", "dask://x", "-o", tmp_path / "z.gpkg",
                 cwd=repo)
    assert result.returncode == 2 and "--scheduler" in result.stderr
