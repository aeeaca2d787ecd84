"""Breakdowns end to end: `rdh corridors --filter` runs exported as releases of one register.

Counts at two flow monitoring points over two weeks: 3 travellers at Tchirozerine (2 women, 1 man),
many at Agadez. Every release withholds the 3 at Tchirozerine and the persons/day are protected as
the persons counted over the two weeks the run recorded, not over a year; the release of the men,
after the total and the women, would tie total = women + men and is refused by the register.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from rdh_engine.io.gpkg import read_provenance

from . import corridor_fixtures as F

RDH = str(Path(sys.executable).with_name("rdh"))
DAYS = 14


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    rows = [("Agadez", f"2020-01-{day:02d}", "Zinder", "Arlit", 20 + day, sex) for day in (1, 7, DAYS)
            for sex in ("F", "M")]
    rows += [("Tchirozerine", "2020-01-05", "Agadez", "Arlit", 2, "F"), ("Tchirozerine", "2020-01-06", "Agadez",
                                                                         "Arlit", 1, "M")]
    table = F.counts([r[:5] for r in rows]).assign(sex=[r[5] for r in rows])
    d = F.write_inputs(tmp_path_factory.mktemp("breakdowns"), table)
    env = dict(os.environ, RDH_DISCLOSURE_KEY_FILE=str(d / "key"))
    out = {}
    for name, extra in (("all", []), ("women", ["--filter", "sex=F"]), ("men", ["--filter", "sex=m"])):
        gpkg = d / f"{name}.gpkg"
        result = rdh(env, "corridors", "--roads", d / "roads.gpkg", "--places", d / "places.csv", "--fmp",
                     d / "fmp.csv", "--counts", d / "counts.csv", "--period", "all", "--n-boot", "0", *extra,
                     "-o", gpkg)
        assert result.returncode == 0, result.stderr
        out[name] = gpkg
    return d, env, out


def rdh(env, *args):
    return subprocess.run([RDH, *map(str, args)], capture_output=True, text=True, env=env)


def test_the_run_records_its_counting_span_and_the_values_it_filtered_on(runs):
    _, _, gpkg = runs
    parameters = read_provenance(gpkg["men"], "fmp_points")["parameters"]
    assert parameters["counting_days"] == DAYS
    assert parameters["filters"] == {"sex": ["m"]} and parameters["filter_domains"] == {"sex": ["f", "m"]}
    assert parameters["counts_window"] == ["2020-01-01", f"2020-01-{DAYS}"]


def test_breakdowns_are_released_until_differencing_would_narrow_a_withheld_count(runs, tmp_path):
    _, env, gpkg = runs
    for name in ("all", "women"):
        result = rdh(env, "export", gpkg[name], "-o", tmp_path / "out", "--theme", name, "--no-qgis")
        assert result.returncode == 0, result.stderr
        bundle = tmp_path / "out" / name
        points = gpd.read_file(bundle / f"{name}.gpkg", layer="fmp_points").set_index("fmp_id")
        days = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))["layers"]["fmp_points"]
        assert days["counting_days"] == DAYS
        # 3 (or 2) persons counted at Tchirozerine: withheld, though 3/14 per day is 78 "per year"
        assert np.isnan(points.loc["FMP-TCH", "observed"]) and points.loc["FMP-TCH", "suppressed"]
        counted = points["observed"].dropna() * DAYS
        assert np.allclose(counted / 5, np.round(counted / 5)) and (counted >= 5).all()
    refused = rdh(env, "export", gpkg["men"], "-o", tmp_path / "out", "--theme", "men", "--no-qgis")
    assert refused.returncode == 1
    assert "narrowed by differencing" in refused.stderr and "fmp_points" in refused.stderr, refused.stderr
    assert "(all, all records): 1-4 -> 2-4" in refused.stderr
    assert not (tmp_path / "out" / "men").exists()
    register = json.loads((tmp_path / "out" / "release_register.json").read_text(encoding="utf-8"))
    assert [r["theme"] for r in register["releases"]] == ["all", "women"]


def test_a_release_in_another_register_is_not_tied(runs, tmp_path):
    # the men alone, in a register of their own: nothing to difference with
    _, env, gpkg = runs
    result = rdh(env, "export", gpkg["men"], "-o", tmp_path / "elsewhere", "--theme", "men", "--no-qgis")
    assert result.returncode == 0, result.stderr
    assert pd.isna(gpd.read_file(tmp_path / "elsewhere" / "men" / "men.gpkg", layer="fmp_points")
                   .set_index("fmp_id").loc["FMP-TCH", "observed"])
