"""Slips that must never publish: each makes `rdh export` or `rdh publish`'s audit refuse, with a message."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import rasterio
from rasterio.transform import from_origin
from shapely.geometry import Point

from rdh_engine.io.gpkg import write_layers
from rdh_engine.publish.audit import audit_bundle
from rdh_engine.provenance import run_provenance

RDH = str(Path(sys.executable).with_name("rdh"))


@pytest.fixture
def env(tmp_path):
    import os

    return dict(os.environ, RDH_DISCLOSURE_KEY_FILE=str(tmp_path / "key"))


def rdh(env, *args):
    return subprocess.run([RDH, *map(str, args)], capture_output=True, text=True, env=env)


def fmp_points(**extra):
    return gpd.GeoDataFrame({"fmp_id": ["A", "B", "C"], "observed": [0.01, 2.0, 40.0], "assigned": [0.5, 1.0, 39.0],
                             "snap_distance_m": [1.0, 2.0, 3.0], "residual": [-0.49, 1.0, 1.0], **extra},
                            geometry=[Point(0, 12), Point(1, 13), Point(2, 14)], crs="EPSG:4326")


def gpkg(tmp_path, layers, name="in.gpkg"):
    return write_layers(tmp_path / name, layers, provenance=run_provenance(tool="test"))


def test_a_declared_layer_exports(tmp_path, env):
    result = rdh(env, "export", gpkg(tmp_path, {"fmp_points": fmp_points()}), "-o", tmp_path / "out", "--no-qgis")
    assert result.returncode == 0, result.stderr
    assert audit_bundle(tmp_path / "out" / "in")[0] == []


def test_an_undeclared_column_is_refused(tmp_path, env):
    result = rdh(env, "export", gpkg(tmp_path, {"fmp_points": fmp_points(nb_migrants=[1, 2, 3])}), "-o",
                 tmp_path / "out", "--no-qgis")
    assert result.returncode == 1
    assert "'fmp_points'" in result.stderr and "'nb_migrants'" in result.stderr and "not declared" in result.stderr
    assert not (tmp_path / "out" / "in").exists()


def test_a_renamed_layer_is_refused(tmp_path, env):
    result = rdh(env, "export", gpkg(tmp_path, {"fmp_points_v2": fmp_points()}), "-o", tmp_path / "out", "--no-qgis")
    assert result.returncode == 1 and "'fmp_points_v2'" in result.stderr and "not an output" in result.stderr


def test_an_informant_layer_under_another_name_is_refused(tmp_path, env):
    reports = gpd.GeoDataFrame({"informant_id": ["KI-1"], "phone": ["+227 90 00 00 00"], "herd_size": [3]},
                               geometry=[Point(1.2345, 13.5678)], crs="EPSG:4326")
    for name in ("roads", "field_notes"):
        result = rdh(env, "export", gpkg(tmp_path, {name: reports}, f"{name}.gpkg"), "-o", tmp_path / "out",
                     "--no-qgis")
        assert result.returncode == 1, name
        assert "informant_id" in result.stderr or "not an output" in result.stderr


def test_a_renamed_raster_and_an_extra_band_are_refused(tmp_path, env):
    source = gpkg(tmp_path, {"fmp_points": fmp_points()})
    profile = dict(driver="GTiff", height=4, width=4, dtype="float32", crs="ESRI:102022",
                   transform=from_origin(0, 40000, 10000, 10000))
    with rasterio.open(tmp_path / "herds_per_cell.tif", "w", count=1, **profile) as dst:
        dst.write(np.arange(16, dtype="float32").reshape(1, 4, 4))
    result = rdh(env, "export", source, "--raster", tmp_path / "herds_per_cell.tif", "-o", tmp_path / "out",
                 "--no-qgis")
    assert result.returncode == 1 and "'herds_per_cell'" in result.stderr
    with rasterio.open(tmp_path / "corridor_band.tif", "w", count=2, **profile) as dst:
        dst.write(np.ones((2, 4, 4), dtype="float32"))
    result = rdh(env, "export", source, "--raster", tmp_path / "corridor_band.tif", "-o", tmp_path / "out",
                 "--no-qgis")
    assert result.returncode == 1 and "band 2" in result.stderr


def test_an_edited_bundle_fails_the_audit_publish_runs(tmp_path, env):
    """`rdh publish` re-audits the files (tests/qgis/test_publish.py runs the command itself): an
    internal bundle relabelled public, or a public one with a count put back, fails."""
    source = gpkg(tmp_path, {"fmp_points": fmp_points()})
    assert rdh(env, "export", source, "-o", tmp_path / "out", "--theme", "raw", "--internal",
               "--no-qgis").returncode == 0
    manifest = json.loads((tmp_path / "out" / "raw" / "bundle.json").read_text(encoding="utf-8"))
    manifest["classification"] = "public"
    (tmp_path / "out" / "raw" / "bundle.json").write_text(json.dumps(manifest), encoding="utf-8")
    problems, _ = audit_bundle(tmp_path / "out" / "raw")
    assert {"small_count", "foreign_hash", "absolute_path"} <= {p.rule for p in problems}
    # what `rdh publish` runs before anything else, in a Python of its own
    audit = subprocess.run([sys.executable, "-m", "rdh_engine.publish", str(tmp_path / "out" / "raw")],
                           capture_output=True, text=True, env=env)
    assert audit.returncode == 1 and "fmp_points.observed" in audit.stdout

    assert rdh(env, "export", source, "-o", tmp_path / "out", "--theme", "ok", "--no-qgis").returncode == 0
    assert audit_bundle(tmp_path / "out" / "ok")[0] == []
    edited = tmp_path / "edited"
    shutil.copytree(tmp_path / "out" / "ok", edited)
    layer = gpd.read_file(edited / "ok.gpkg", layer="fmp_points")
    layer["observed"] = [0.01, 2.0, 40.0]
    layer.to_file(edited / "ok.gpkg", layer="fmp_points", driver="GPKG")
    assert "small_count" in {p.rule for p in audit_bundle(edited)[0]}


def test_a_weaker_policy_file_is_caught_by_the_default_audit(tmp_path, env):
    policy = tmp_path / "policy.toml"
    policy.write_text("threshold = 2\n", encoding="utf-8")
    source = gpkg(tmp_path, {"fmp_points": fmp_points()})
    result = rdh(env, "export", source, "--policy", policy, "-o", tmp_path / "out", "--no-qgis")
    assert result.returncode == 0, result.stderr
    assert "small_count" in {p.rule for p in audit_bundle(tmp_path / "out" / "in")[0]}


def test_a_release_under_another_key_is_refused_by_the_register(tmp_path, env):
    source = gpkg(tmp_path, {"fmp_points": fmp_points()})
    assert rdh(env, "export", source, "-o", tmp_path / "out", "--no-qgis").returncode == 0
    assert (tmp_path / "out" / "release_register.json").is_file()
    assert rdh(env, "export", source, "-o", tmp_path / "out", "--no-qgis").returncode == 0  # same key: fine
    other = rdh(env, "export", source, "-o", tmp_path / "out", "--no-qgis", "--key-file", tmp_path / "other.key")
    assert other.returncode == 1 and "another key" in other.stderr
    threshold = rdh(env, "export", source, "-o", tmp_path / "out", "--no-qgis", "--threshold", "10")
    assert threshold.returncode == 1 and "threshold" in threshold.stderr
