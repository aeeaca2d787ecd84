"""`rdh export`: publication bundles (engine side, no QGIS needed) that never publish raw counts."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from click.testing import CliRunner
from lxml import etree
from owslib.iso import MD_Metadata
from shapely.geometry import Point, box

from rdh_engine.cli import cli
from rdh_engine.io.bundle import MANIFEST, export_bundle, read_manifest
from rdh_engine.io.gpkg import read_provenance, write_layers
from rdh_engine.io.sld import check_structure, sld_classes
from rdh_engine.publish.audit import audit_geopackage
from rdh_engine.publish.policy import KEY_ENV, ProtectionRules
from rdh_engine.provenance import file_sha256, run_provenance

RDH = str(Path(sys.executable).with_name("rdh"))
DEMO_LAYERS = ["roads", "admin0", "admin1", "places", "mmp_incidents"]


def rdh(*args):
    """The real console script (a new process)."""
    return subprocess.run([RDH, *map(str, args)], capture_output=True, text=True)


def rdh_in_process(*args):
    """The same command line through the click group in this process (no start-up cost)."""
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


KEY = bytes(range(32))


@pytest.fixture(autouse=True, scope="module")
def key_file(tmp_path_factory):
    """A key of the test's own (the console script reads it from the environment)."""
    import os

    old = os.environ.get(KEY_ENV)
    os.environ[KEY_ENV] = str(tmp_path_factory.mktemp("key") / "disclosure.key")
    yield
    if old is None:
        del os.environ[KEY_ENV]
    else:
        os.environ[KEY_ENV] = old


@pytest.fixture(scope="module")
def demo_bundle(demo_output, tmp_path_factory, key_file):
    out = tmp_path_factory.mktemp("publish")
    result = rdh("export", demo_output / "rdh_sources.gpkg", "-o", out, "--theme", "sources", "--no-qgis")
    assert result.returncode == 0, result.stderr
    return out / "sources"


def test_bundle_holds_every_documented_file(demo_bundle):
    manifest = read_manifest(demo_bundle)
    assert manifest["format"] == "rdh-publication-bundle" and manifest["classification"] == "public"
    assert list(manifest["layers"]) == DEMO_LAYERS
    expected = {"sources.gpkg", "disclosure_report.csv", "disclosure_report.json", MANIFEST}
    for name in DEMO_LAYERS:
        expected |= {f"{name}.sld", f"{name}.qml", f"{name}.iso19139.xml"}
    assert {p.name for p in demo_bundle.iterdir()} == expected
    assert manifest["files"] == {n: file_sha256(demo_bundle / n) for n in sorted(expected - {MANIFEST})}


def test_missing_migrants_incidents_are_published_as_upstream_with_attribution(demo_bundle, demo_output):
    gpkg = demo_bundle / "sources.gpkg"
    assert audit_geopackage(gpkg) == []
    mmp = gpd.read_file(gpkg, layer="mmp_incidents")
    raw = gpd.read_file(demo_output / "rdh_sources.gpkg", layer="mmp_incidents")
    assert mmp["dead"].equals(raw["dead"]) and "suppressed" not in mmp
    entry = read_manifest(demo_bundle)["layers"]["mmp_incidents"]
    assert entry["publication"] == "upstream" and "Missing Migrants Project" in entry["attribution"]
    assert "Already public upstream" in entry["lineage"]
    report = json.loads((demo_bundle / "disclosure_report.json").read_text(encoding="utf-8"))
    assert report["passes"] and report["global_reidentification_risk"]["mmp_incidents"] > 0
    assert "mmp_incidents,upstream" in (demo_bundle / "disclosure_report.csv").read_text(encoding="utf-8")


def test_geopackage_metadata_styles_and_provenance(demo_bundle):
    gpkg = demo_bundle / "sources.gpkg"
    with sqlite3.connect(gpkg) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 10200
        contents = dict(con.execute("SELECT table_name, identifier FROM gpkg_contents"))
        styles = dict(con.execute("SELECT f_table_name, styleName FROM layer_styles WHERE useAsDefault"))
        iso = con.execute("SELECT count(*) FROM gpkg_metadata_reference r JOIN gpkg_metadata m ON m.id = r.md_file_id"
                          " WHERE m.md_standard_uri = 'http://www.isotc211.org/2005/gmd'").fetchone()[0]
    assert contents["mmp_incidents"] == "Missing migrants incidents / Incidents de migrants disparus"
    assert styles == {name: name for name in DEMO_LAYERS}
    assert iso == len(DEMO_LAYERS)
    record = read_provenance(gpkg, "places")
    assert record["tool"] == "rdh export" and record["parameters"]["protection"]["threshold"] == 5
    assert record["inputs"] == [{"name": "rdh_sources.gpkg"}], "public provenance: file names, no paths or hashes"
    ogrinfo = subprocess.run(["ogrinfo", "-so", str(gpkg), "mmp_incidents"], capture_output=True, text=True)
    assert ogrinfo.returncode == 0 and "Feature Count: 5656" in ogrinfo.stdout
    assert "DESCRIPTION=Incidents in which migrants died" in ogrinfo.stdout
    printed = rdh("provenance", gpkg, "--layer", "roads")
    assert printed.returncode == 0 and '"tool": "rdh export"' in printed.stdout


def test_sld_per_layer_is_named_after_it_and_valid(demo_bundle):
    for name in DEMO_LAYERS:
        sld = (demo_bundle / f"{name}.sld").read_text(encoding="utf-8")
        assert check_structure(sld) == []
        assert f"<se:Name>{name}</se:Name>" in sld
    assert [c["label"] for c in sld_classes((demo_bundle / "mmp_incidents.sld").read_text(encoding="utf-8"))][-1] \
        == "Withheld (fewer than 5)"  # SLD carries the style's own (English) labels; QGIS reads rdh_labels per language


def test_iso19139_reads_back_in_owslib(demo_bundle):
    record = MD_Metadata(etree.parse(str(demo_bundle / "mmp_incidents.iso19139.xml")))
    ident = record.identification[0] if isinstance(record.identification, list) else record.identification
    manifest = read_manifest(demo_bundle)["layers"]["mmp_incidents"]
    assert ident.title == manifest["title"]
    assert ident.abstract == manifest["abstract"] and "Projet Migrants disparus" in ident.abstract
    assert [k.name for group in ident.keywords for k in group.keywords] == manifest["keywords"]
    assert ident.otherconstraints == ["CC BY 4.0"]
    assert [float(ident.bbox.minx), float(ident.bbox.miny)] == pytest.approx(manifest["bbox"][:2], abs=1e-6)
    assert [ident.temporalextent_start, ident.temporalextent_end] == manifest["temporal_extent"]
    assert record.dataquality.lineage.startswith("Produced by `rdh demo`")
    assert "Already public upstream" in record.dataquality.lineage


def flows_input(tmp_path):
    points = gpd.GeoDataFrame({"fmp_id": ["A", "B", "C"], "observed": [0.002, 0.5, 3.0], "assigned": [0.1, 0.4, 2.0],
                               "snap_distance_m": [10.0, 20.0, 30.0], "residual": [-0.098, 0.1, 1.0]},
                              geometry=[Point(1.23, 13.5), Point(1.31, 13.52), Point(-2.71, 11.02)], crs="EPSG:4326")
    return write_layers(tmp_path / "flows.gpkg", {"fmp_points": points}, provenance=run_provenance(tool="test"))


def test_flows_are_protected_as_the_persons_counted(tmp_path):
    bundle = export_bundle([flows_input(tmp_path)], tmp_path / "out", theme="flows", key=KEY)
    got = gpd.read_file(bundle.path / "flows.gpkg", layer="fmp_points")
    counted = got["observed"] * 365  # rate_days: the counting period when the layer records none
    assert counted.isna().tolist() == [True, False, False] and (counted.dropna() % 5 == 0).all()
    assert got["suppressed"].tolist() == [True, False, False]
    assert ((got["observed"] - got["assigned"]) - got["residual"]).abs().max() < 1e-9
    assert audit_geopackage(bundle.path / "flows.gpkg") == []
    assert {"cell_key_rounding", "small_count_withheld", "recomputed"} <= set(bundle.report["rule"])


def test_alerts_are_published_per_admin_unit_of_the_bundle(tmp_path):
    alerts = gpd.GeoDataFrame({"herd_id": [f"H{i}" for i in range(6)], "season": ["dry"] * 6,
                               "alert_type": ["closed_crossing"] * 6, "expected_date": ["2021-02-11"] * 6,
                               "herd_size": [100.0] * 6}, geometry=[Point(1.5, 12.5)] * 6, crs="EPSG:4326")
    admin1 = gpd.GeoDataFrame({"country_iso3": ["NER", "BFA"], "adm1_name": ["East", "West"]},
                              geometry=[box(0, 10, 3, 15), box(-4, 10, 0, 15)], crs="EPSG:4326")
    source = write_layers(tmp_path / "alerts.gpkg", {"alerts": alerts, "admin1": admin1},
                          provenance=run_provenance(tool="test"))
    result = rdh_in_process("export", source, "-o", tmp_path / "out", "--theme", "alerts", "--no-qgis")
    assert result.returncode == 0, result.stderr
    gpkg = tmp_path / "out" / "alerts" / "alerts.gpkg"
    got = gpd.read_file(gpkg, layer="alerts_admin1")
    assert got["adm1_name"].tolist() == ["East"] and got["month"].tolist() == ["2021-02"]
    assert got["n_herds"].iloc[0] in (5, 10) and "herd_id" not in got
    assert "alerts" not in pyogrio.list_layers(gpkg)[:, 0]


def test_internal_bundles_need_the_flag_and_say_so(tmp_path):
    result = rdh_in_process("export", flows_input(tmp_path), "-o", tmp_path / "out", "--theme", "raw", "--internal",
                            "--no-qgis")
    assert result.returncode == 0, result.stderr
    assert "SKIPPED (internal)" in result.stdout
    manifest = json.loads((tmp_path / "out" / "raw" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["classification"] == "internal"
    raw = gpd.read_file(tmp_path / "out" / "raw" / "raw.gpkg", layer="fmp_points")
    assert raw["observed"].tolist() == [0.002, 0.5, 3.0]
    assert {p.rule for p in audit_geopackage(tmp_path / "out" / "raw" / "raw.gpkg")} == {"small_count"}


def test_rounding_and_threshold_options(tmp_path):
    result = rdh_in_process("export", flows_input(tmp_path), "-o", tmp_path / "out", "--theme", "f", "--round",
                            "--threshold", "10", "--no-qgis")
    assert result.returncode == 0, result.stderr
    got = gpd.read_file(tmp_path / "out" / "f" / "f.gpkg", layer="fmp_points")
    assert got["observed"].notna().all() and ((got["observed"] * 365).round(6) % 10 == 0).all()
    assert audit_geopackage(tmp_path / "out" / "f" / "f.gpkg", rules=ProtectionRules(threshold=10)) == []


def test_missing_layer_is_invalid_data_and_leaves_nothing(tmp_path, demo_output):
    result = rdh("export", demo_output / "rdh_sources.gpkg", "-o", tmp_path / "out", "--layer", "nope", "--no-qgis")
    assert result.returncode == 1
    assert "nope" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_re_export_replaces_the_bundle_in_one_step(tmp_path):
    source = flows_input(tmp_path)
    first = export_bundle([source], tmp_path / "out", theme="ki", key=KEY)
    (first.path / "stale.txt").write_text("old", encoding="utf-8")
    second = export_bundle([source], tmp_path / "out", theme="ki", key=KEY)
    assert not (second.path / "stale.txt").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ki", "release_register.json"]
    first_values = gpd.read_file(tmp_path / "out" / "ki" / "ki.gpkg", layer="fmp_points")["observed"]
    assert first_values.equals(gpd.read_file(second.path / "ki.gpkg", layer="fmp_points")["observed"])


def test_publish_without_qgis_says_what_is_missing(tmp_path):
    """`rdh publish` lives in the plugin; where QGIS does not import, it says so (exit 1)."""
    code = ("import sys; sys.modules['qgis'] = None; "  # what find_spec sees where QGIS is not installed
            "from rdh_engine.cli import main; main(['publish', '.'])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "`rdh publish` needs QGIS" in result.stderr
