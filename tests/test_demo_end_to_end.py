"""`rdh demo` end to end in a temp folder: every step, every output, and what is published passes
the data-protection audit."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import rasterio

from rdh_engine.io.gpkg import list_layers
from rdh_engine.io.tables import points_from_lonlat
from rdh_engine.publish import attacks
from rdh_engine.publish.audit import audit_bundle
from rdh_engine.publish.protect import informants_per_cell

RDH = str(Path(sys.executable).with_name("rdh"))


@pytest.fixture(scope="module")
def full_demo(tmp_path_factory, sample_data):
    out = tmp_path_factory.mktemp("full-demo")
    result = subprocess.run([RDH, "--quiet", "demo", "--data", str(sample_data), "--output", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out, result.stdout


def layers(path):
    return {name for name, _ in pyogrio.list_layers(path)}


@pytest.mark.slow
def test_every_analysis_writes_its_contract_layers(full_demo):
    out, stdout = full_demo
    assert {"edge_flows", "corridors", "od_flows", "fmp_points"} <= layers(out / "corridors" / "corridors.gpkg")
    for season in ("dry", "wet"):
        folder = out / f"transhumance_{season}"
        assert {"herd_routes", "corridor_lines", "border_crossings", "alerts"} <= layers(folder / "transhumance.gpkg")
        rasters = ("route_density.tif", "corridor_band.tif", "current_density.tif")
        assert all((folder / name).is_file() for name in rasters)
    impact = out / "poe_impact"
    assert {"poe_status", "poe_impact", "od_impact", "edge_change", "criticality", "timeline"} <= layers(
        impact / "poe_impact.gpkg")
    assert (impact / "poe_impact_timeline.png").stat().st_size > 10_000
    assert "$ rdh corridors --roads" in stdout, "each step prints the command it runs"


@pytest.mark.slow
def test_published_bundles_pass_the_protection_audit(full_demo):
    out, _ = full_demo
    themes = sorted(p.name for p in (out / "publish").iterdir() if (p / "bundle.json").is_file())
    assert themes == ["corridors", "poe_impact", "sources", "transhumance_dry", "transhumance_wet"]
    for theme in themes:
        manifest = json.loads((out / "publish" / theme / "bundle.json").read_text(encoding="utf-8"))
        assert manifest["classification"] == "public"
        problems, measures = audit_bundle(out / "publish" / theme)
        assert problems == [], f"{theme} breaks the disclosure policy: {problems[:3]}"
        report = json.loads((out / "publish" / theme / "disclosure_report.json").read_text(encoding="utf-8"))
        assert report["passes"] and report["violations"] == []
        if theme.startswith("transhumance"):
            assert set(manifest["rasters"]) == {"route_density", "corridor_band", "current_density"}
            assert not {"herd_routes", "border_crossings", "alerts"} & set(manifest["layers"])
    assert (out / "publish" / "release_register.json").is_file()
    assert (out / "publish" / "sources" / "server").is_dir(), "QGIS Server project for the sources theme"


@pytest.mark.slow
def test_maps_and_atlas_in_both_languages(full_demo):
    out, _ = full_demo
    for lang in ("en", "fr"):
        for name in ("overview", "corridors", "poe_impact", "transhumance"):
            assert (out / "maps" / f"{name}_{lang}.png").stat().st_size > 20_000
        info = subprocess.run(["pdfinfo", str(out / "maps" / f"atlas_countries_{lang}.pdf")],
                              capture_output=True, text=True).stdout
        pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
        assert pages and int(pages.group(1)) == 24, "one atlas page per WCA country"


@pytest.mark.slow
def test_attack_suite_recovers_nothing_from_the_demo_bundles(full_demo, sample_data):
    """tests/test_attack_bundles.py's attacks on every bundle `make demo` publishes."""
    out, _ = full_demo
    publish = out / "publish"
    reports = points_from_lonlat(pd.read_csv(sample_data / "generated" / "ki_reports.csv"))
    unprotected = [p for p in out.rglob("*") if p.suffix in (".gpkg", ".tif") and publish not in p.parents]
    for bundle in sorted(p.parent for p in publish.glob("*/bundle.json")):
        assert attacks.foreign_hashes(bundle, unprotected) == [], bundle.name
        entries = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))["layers"]
        for gpkg in bundle.glob("*.gpkg"):
            for name in list_layers(gpkg):
                layer = pyogrio.read_dataframe(gpkg, layer=name)
                days = entries.get(name, {}).get("counting_days") or 365  # persons/day x days counted
                counted = [layer[c].to_numpy(dtype=float) * (1 if c == "n_herds" else days) for c in layer.columns
                           if c in ("n_herds", "observed", "assigned", "flow_persons_day", "stranded")]
                for values in counted:
                    assert attacks.differences_in_open_interval(values[:50], 5) == [], (bundle.name, name)
        behind = out / bundle.name / "informants_per_cell.tif"  # transhumance_<season>: the analysis' own count
        if behind.exists():
            with rasterio.open(behind) as src:
                informants = src.read()
            for band, name in enumerate(("route_density", "corridor_band")):
                with rasterio.open(bundle / f"{name}.tif") as src:
                    assert attacks.thinly_reported_cells(src.read(), informants[band]) == 0, (bundle.name, name)
        current = bundle / "current_density.tif"
        if current.exists():
            with rasterio.open(current) as src:
                band = src.read(1)
                peaks = attacks.raster_peaks(band, src.transform)
                if len(peaks):
                    crowd = informants_per_cell(reports, src.transform, band.shape, src.crs)
                    rows, cols = rasterio.transform.rowcol(src.transform, peaks[:, 0], peaks[:, 1])
                    assert (crowd[rows, cols] >= 3).all(), "a current-map peak points at fewer than 3 informants"
