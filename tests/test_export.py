"""`rdh export`: publication bundles (engine side, no QGIS needed) that never publish raw counts."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from click.testing import CliRunner
from lxml import etree
from owslib.iso import MD_Metadata
from shapely.geometry import Point, box

from rdh_engine.cli import cli
from rdh_engine.io.bundle import MANIFEST, export_bundle, read_manifest
from rdh_engine.io.gpkg import read_provenance, write_layers
from rdh_engine.io.sld import check_structure, sld_classes
from rdh_engine.protect import ProtectionRules, audit_geopackage
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


@pytest.fixture(scope="module")
def demo_bundle(demo_output, tmp_path_factory):
    out = tmp_path_factory.mktemp("publish")
    result = rdh("export", demo_output / "rdh_sources.gpkg", "-o", out, "--theme", "sources", "--no-qgis")
    assert result.returncode == 0, result.stderr
    return out / "sources"


def test_bundle_holds_every_documented_file(demo_bundle):
    manifest = read_manifest(demo_bundle)
    assert manifest["format"] == "rdh-publication-bundle" and manifest["classification"] == "public"
    assert list(manifest["layers"]) == DEMO_LAYERS
    expected = {"sources.gpkg", "disclosure_report.csv", MANIFEST}
    for name in DEMO_LAYERS:
        expected |= {f"{name}.sld", f"{name}.qml", f"{name}.iso19139.xml"}
    assert {p.name for p in demo_bundle.iterdir()} == expected
    assert manifest["files"] == {n: file_sha256(demo_bundle / n) for n in sorted(expected - {MANIFEST})}


def test_published_geopackage_passes_the_suppression_audit(demo_bundle, demo_output):
    gpkg = demo_bundle / "sources.gpkg"
    assert audit_geopackage(gpkg) == []
    assert audit_geopackage(demo_output / "rdh_sources.gpkg"), "the raw demo output must fail the audit"
    mmp = gpd.read_file(gpkg, layer="mmp_incidents")
    raw = gpd.read_file(demo_output / "rdh_sources.gpkg", layer="mmp_incidents")
    small = raw["dead"].between(1, 4)
    assert small.sum() > 100
    assert mmp.loc[small.to_numpy(), "dead"].isna().all() and mmp.loc[small.to_numpy(), "suppressed"].all()
    assert (mmp["dead"].dropna() >= 5).sum() + (mmp["dead"] == 0).sum() == mmp["dead"].notna().sum()
    report = (demo_bundle / "disclosure_report.csv").read_text(encoding="utf-8")
    assert f"mmp_incidents,small_count_suppress,dead,{int(small.sum())}," in report


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
    assert record["inputs"][0]["sha256"]
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
        == "Withheld (fewer than 5)"


def test_iso19139_reads_back_in_owslib(demo_bundle):
    record = MD_Metadata(etree.parse(str(demo_bundle / "mmp_incidents.iso19139.xml")))
    ident = record.identification[0] if isinstance(record.identification, list) else record.identification
    manifest = read_manifest(demo_bundle)["layers"]["mmp_incidents"]
    assert ident.title == manifest["title"]
    assert ident.abstract == manifest["abstract"] and "withheld" in ident.abstract
    assert [k.name for group in ident.keywords for k in group.keywords] == manifest["keywords"]
    assert ident.otherconstraints == ["CC BY 4.0"]
    assert [float(ident.bbox.minx), float(ident.bbox.miny)] == pytest.approx(manifest["bbox"][:2], abs=1e-6)
    assert [ident.temporalextent_start, ident.temporalextent_end] == manifest["temporal_extent"]
    assert record.dataquality.lineage.startswith("Produced by `rdh demo`")
    assert "counts in (0, 5) withheld" in record.dataquality.lineage


def ki_input(tmp_path):
    reports = gpd.GeoDataFrame(
        {"report_id": ["r1", "r2", "r3"], "informant_id": ["KI-07", "KI-07", "KI-12"],
         "herd_size": [3, 150, 40], "date": ["2024-01-03", "2024-02-10", "2024-03-01"]},
        geometry=[Point(1.2345, 13.5678), Point(1.31, 13.52), Point(-2.71, 11.02)], crs="EPSG:4326")
    record = run_provenance(tool="test", parameters={})
    return write_layers(tmp_path / "ki.gpkg", {"ki_reports": reports}, provenance=record, styles={"ki_reports": "ki_reports"})


def test_informant_positions_are_coarsened_and_ids_dropped(tmp_path):
    bundle = export_bundle([ki_input(tmp_path)], tmp_path / "out", theme="transhumance",
                           rules=ProtectionRules(grid_deg=0.25))
    got = gpd.read_file(bundle.path / "transhumance.gpkg", layer="ki_reports")
    assert "informant_id" not in got
    assert got.geometry.x.tolist() == [1.125, 1.375, -2.625] and got.geometry.y.tolist() == [13.625, 13.625, 11.125]
    assert got["herd_size"].isna().tolist() == [True, False, False]
    assert audit_geopackage(bundle.path / "transhumance.gpkg") == []
    assert audit_geopackage(bundle.path / "transhumance.gpkg", rules=ProtectionRules(grid_deg=0.5))
    assert bundle.manifest["layers"]["ki_reports"]["temporal_extent"] == ["2024-01-03", "2024-03-01"]
    assert set(bundle.report["rule"]) == {"small_count_suppress", "identifier_dropped", "location_grid"}


def test_informants_to_admin_units_of_the_bundle(tmp_path):
    reports = gpd.read_file(ki_input(tmp_path), layer="ki_reports")
    admin1 = gpd.GeoDataFrame({"name": ["East", "West"]}, geometry=[box(0, 10, 3, 15), box(-4, 10, 0, 15)],
                              crs="EPSG:4326")
    source = write_layers(tmp_path / "ki_admin.gpkg", {"ki_reports": reports, "admin1": admin1},
                          provenance=run_provenance(tool="test"))
    result = rdh_in_process("export", source, "-o", tmp_path / "out", "--theme", "ki", "--informants-to-admin",
                            "--no-qgis")
    assert result.returncode == 0, result.stderr
    got = gpd.read_file(tmp_path / "out" / "ki" / "ki.gpkg", layer="ki_reports")
    centres = admin1.geometry.representative_point()
    assert got.geometry.iloc[0].equals(centres.iloc[0]) and got.geometry.iloc[1].equals(centres.iloc[0])
    assert got.geometry.iloc[2].equals(centres.iloc[1])
    assert audit_geopackage(tmp_path / "out" / "ki" / "ki.gpkg") == []


def test_internal_bundles_need_the_flag_and_say_so(tmp_path):
    result = rdh_in_process("export", ki_input(tmp_path), "-o", tmp_path / "out", "--theme", "ki", "--internal", "--no-qgis")
    assert result.returncode == 0, result.stderr
    assert "SKIPPED (internal)" in result.stdout
    manifest = json.loads((tmp_path / "out" / "ki" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["classification"] == "internal"
    raw = gpd.read_file(tmp_path / "out" / "ki" / "ki.gpkg", layer="ki_reports")
    assert raw["informant_id"].tolist() == ["KI-07", "KI-07", "KI-12"]
    assert [p.rule for p in audit_geopackage(tmp_path / "out" / "ki" / "ki.gpkg")] == ["internal"]


def test_rounding_and_threshold_options(tmp_path):
    result = rdh_in_process("export", ki_input(tmp_path), "-o", tmp_path / "out", "--theme", "ki", "--round",
                 "--threshold", "10", "--no-qgis")
    assert result.returncode == 0, result.stderr
    got = gpd.read_file(tmp_path / "out" / "ki" / "ki.gpkg", layer="ki_reports")
    assert got["herd_size"].tolist() == [0, 150, 40]
    assert audit_geopackage(tmp_path / "out" / "ki" / "ki.gpkg") == []


def test_missing_layer_is_invalid_data_and_leaves_nothing(tmp_path, demo_output):
    result = rdh("export", demo_output / "rdh_sources.gpkg", "-o", tmp_path / "out", "--layer", "nope", "--no-qgis")
    assert result.returncode == 1
    assert "nope" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_re_export_replaces_the_bundle_in_one_step(tmp_path):
    source = ki_input(tmp_path)
    first = export_bundle([source], tmp_path / "out", theme="ki")
    (first.path / "stale.txt").write_text("old", encoding="utf-8")
    second = export_bundle([source], tmp_path / "out", theme="ki", rules=ProtectionRules(threshold=2))
    assert not (second.path / "stale.txt").exists()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["ki"]
    assert second.manifest["protection"]["threshold"] == 2


def test_publish_without_qgis_says_what_is_missing(tmp_path):
    """`rdh publish` lives in the plugin; where QGIS does not import, it says so (exit 1)."""
    code = ("import sys; sys.modules['qgis'] = None; "  # what find_spec sees where QGIS is not installed
            "from rdh_engine.cli import main; main(['publish', '.'])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "`rdh publish` needs QGIS" in result.stderr
