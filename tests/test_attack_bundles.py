"""The attack suite: public bundles built from the sample data through the CLI, attacked with only
what they contain (tests/test_demo_end_to_end.py runs the same checks on the full demo).

Each attack must recover nothing beyond what guessing gives: withheld or perturbed cells rebuilt
from other layers and rasters, linked tables differenced, informants located from every published
geometry, published hashes matched against the unprotected files."""
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import rasterio

from rdh_engine.io.gpkg import list_layers, read_provenance
from rdh_engine.io.tables import points_from_lonlat
from rdh_engine.publish import attacks
from rdh_engine.publish.audit import audit_bundle
from rdh_engine.publish.protect import informants_per_cell

RDH = str(Path(sys.executable).with_name("rdh"))
pytestmark = pytest.mark.slow
THRESHOLD = 5


def rdh(*args, env=None):
    return subprocess.run([RDH, "-q", *map(str, args)], capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def key_env(tmp_path_factory):
    import os

    return dict(os.environ, RDH_DISCLOSURE_KEY_FILE=str(tmp_path_factory.mktemp("key") / "disclosure.key"))


@pytest.fixture(scope="session")
def analyses(sample_data, tmp_path_factory, key_env):
    """The corridors, PoE-impact and dry-season transhumance outputs of the generated sample."""
    out = tmp_path_factory.mktemp("attack-inputs")
    real, gen = sample_data / "real", sample_data / "generated"
    runs = {
        "corridors": ["corridors", "--roads", real / "roads.gpkg", "--places", real / "places_geonames.csv",
                      "--fmp", gen / "fmp.csv", "--counts", gen / "fmp_counts.csv", "--poe", gen / "poe.csv",
                      "--status", gen / "poe_status.csv", "--period", "quarter", "-o", out / "corridors.gpkg"],
        "transhumance": ["transhumance", "--reports", gen / "ki_reports.csv", "--landcover",
                         real / "landcover_igbp_0p05deg.tif", "--season", "dry", "--resolution-m", "10000",
                         "--current", "-o", out / "th" / "transhumance.gpkg"],
    }
    for name, args in runs.items():
        result = rdh(*args, env=key_env)
        assert result.returncode == 0, result.stderr
    result = rdh("poe-impact", "--roads", real / "roads.gpkg", "--places", real / "places_geonames.csv", "--poe",
                 gen / "poe.csv", "--status", gen / "poe_status.csv", "--flows", out / "corridors.gpkg", "--date",
                 "2020-04-15", "--criticality", "--scheduler", "serial", "-o", out / "poe.gpkg", env=key_env)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def bundles(analyses, demo_output, tmp_path_factory, key_env):
    out = tmp_path_factory.mktemp("attack-publish")
    th = analyses / "th"
    exports = {
        "sources": [demo_output / "rdh_sources.gpkg"],
        "corridors": [analyses / "corridors.gpkg"],
        "poe_impact": [analyses / "poe.gpkg", *sum((["--layer", n] for n in ("poe_status", "poe_impact", "od_impact",
                                                                             "edge_change", "criticality")), [])],
        "transhumance": [th / "transhumance.gpkg", *sum((["--raster", th / f"{n}.tif"] for n in
                                                         ("route_density", "corridor_band", "current_density")), [])],
    }
    for theme, args in exports.items():
        result = rdh("export", *args, "-o", out, "--theme", theme, "--no-qgis", env=key_env)
        assert result.returncode == 0, result.stderr
    return out


def read(path, layer):
    return pyogrio.read_dataframe(path, layer=layer)


def test_every_bundle_passes_its_own_audit_and_reports_the_risk(bundles):
    for theme in ("sources", "corridors", "poe_impact", "transhumance"):
        problems, measures = audit_bundle(bundles / theme)
        assert problems == [], (theme, problems)
        report = json.loads((bundles / theme / "disclosure_report.json").read_text(encoding="utf-8"))
        assert report["passes"] and report["violations"] == []
        assert all(v >= THRESHOLD for v in report["smallest_published_count"].values())
        assert "no sum or difference" in report["differencing"]


def test_withheld_raster_cells_do_not_come_back_from_the_rest_of_the_bundle(bundles, analyses):
    th = analyses / "th"
    with rasterio.open(th / "route_density.tif") as src:
        truth = src.read()
    with rasterio.open(bundles / "transhumance" / "route_density.tif") as src:
        published = src.read()
    with rasterio.open(bundles / "transhumance" / "corridor_band.tif") as src:
        band = src.read(1)
    withheld = np.isnan(published[0]) & (truth[0] > 0)
    assert withheld.sum() > 100
    # the attacker's best sources for a withheld herd count: the corridor band at the same cell, the
    # published neighbours; and the animals band is withheld with the herds band
    assert np.isnan(published[1][withheld]).all()
    for guess in (band[withheld], np.full(withheld.sum(), np.nan)):
        exact, within = attacks.recovery_rates(truth[0][withheld], guess)
        base_exact, base_within = attacks.guessing_rates(truth[0][withheld])
        assert exact <= base_exact and within <= base_within
    # perturbed (published) cells: a published count equals the truth only where the truth is itself
    # a multiple of the base (what rounding cannot hide, and does not reveal: 5 stands for 1 to 9)
    shown = np.isfinite(published[0]) & (published[0] > 0)
    assert shown.any() and (published[0][shown] % THRESHOLD == 0).all()
    same = published[0][shown] == truth[0][shown]
    assert (truth[0][shown][same] % THRESHOLD == 0).all()


def test_every_published_herd_cell_is_backed_by_3_informants(bundles, analyses):
    """The herds behind every published route-density and corridor-band cell were reported by at
    least 3 distinct informants: scored with the analysis' internal count (not in the bundle)."""
    th = analyses / "th"
    with rasterio.open(th / "informants_per_cell.tif") as src:
        behind = src.read()
    assert not (bundles / "transhumance" / "informants_per_cell.tif").exists()
    for i, name in enumerate(("route_density", "corridor_band")):
        with rasterio.open(bundles / "transhumance" / f"{name}.tif") as src:
            published = src.read()
        assert (published[0] > 0).any(), name  # the rule leaves the crowded cells
        assert attacks.thinly_reported_cells(published, behind[i]) == 0, name
    report = json.loads((bundles / "transhumance" / "disclosure_report.json").read_text(encoding="utf-8"))
    assert min(report["fewest_informants_behind_a_published_cell"].values()) >= 3


def counted_days(bundle, layer):
    """The days behind a layer's persons/day, as the bundle states them (the attacker reads them too)."""
    return json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))["layers"][layer]["counting_days"]


def test_linked_tables_difference_to_nothing(bundles, analyses):
    gpkg = bundles / "corridors" / "corridors.gpkg"
    fmp = read(gpkg, "fmp_points")
    np.testing.assert_allclose(fmp["observed"] - fmp["assigned"], fmp["residual"], atol=1e-6)
    days = {layer: counted_days(bundles / "corridors", layer) for layer in ("edge_flows", "od_flows", "fmp_points")}
    assert set(days.values()) == {read_provenance(analyses / "corridors.gpkg", "od_flows")["parameters"]
                                  ["counting_days"]}  # the four years of counts, not a 365-day year
    for layer, column in (("edge_flows", "flow_persons_day"), ("od_flows", "flow_persons_day"),
                          ("fmp_points", "observed")):
        values = read(gpkg, layer)[column].to_numpy() * days[layer]
        assert attacks.differences_in_open_interval(values[:60], THRESHOLD) == []
    impact = bundles / "poe_impact" / "poe_impact.gpkg"
    stranded = read(impact, "poe_impact")["stranded"].to_numpy() * counted_days(bundles / "poe_impact", "poe_impact")
    od = read(impact, "od_impact")["flow_stranded"].to_numpy() * counted_days(bundles / "poe_impact", "od_impact")
    assert attacks.differences_in_open_interval(np.concatenate([stranded, od])[:80], THRESHOLD) == []
    # the exact counts behind the flows do not come back by multiplying with the days
    raw = read(analyses / "corridors.gpkg", "od_flows")["flow_persons_day"].to_numpy() * days["od_flows"]
    published = read(gpkg, "od_flows")["flow_persons_day"].to_numpy() * days["od_flows"]
    small = (raw > 0) & (raw < THRESHOLD)
    assert np.isnan(published[small]).all()
    exact, _ = attacks.recovery_rates(np.round(raw[~small]), np.round(published[~small]))
    assert exact <= (np.round(raw[~small]) % THRESHOLD == 0).mean() + 0.05


def test_informants_cannot_be_located_from_published_geometry(bundles, sample_data):
    reports = points_from_lonlat(pd.read_csv(sample_data / "generated" / "ki_reports.csv"))
    gpkg = bundles / "transhumance" / "transhumance.gpkg"
    published = set(list_layers(gpkg))
    assert not published & {"herd_routes", "border_crossings", "alerts", "ki_reports"}
    for name in published:
        layer = gpd.read_file(gpkg, layer=name)
        assert not {"herd_id", "informant_id", "report_id"} & set(layer.columns)
        if len(layer):
            errors = attacks.location_errors_km(attacks.vertices(layer), layer.crs, reports)
            assert np.median(errors) >= 25, name
    # the current map: published on blocks of about 55 km, each holding reports of 3 informants or more;
    # its peaks point at a crowd, never at one informant, and say no more than a guess inside the blocks
    with rasterio.open(bundles / "transhumance" / "current_density.tif") as src:
        band = src.read(1)
        assert src.res[0] >= 50_000
        peaks = attacks.raster_peaks(band, src.transform)
        crowd = informants_per_cell(reports, src.transform, band.shape, src.crs)
        rows, cols = rasterio.transform.rowcol(src.transform, peaks[:, 0], peaks[:, 1])
        assert len(peaks) and (crowd[rows, cols] >= 3).all()
        errors = attacks.location_errors_km(peaks, src.crs, reports)
        chance = attacks.chance_errors_km(band, src.transform, src.crs, reports)
    assert np.median(errors) >= 0.5 * np.median(chance)


def test_published_hashes_match_no_unprotected_file(bundles, analyses, demo_output, sample_data):
    candidates = [analyses / "corridors.gpkg", analyses / "poe.gpkg", analyses / "th" / "transhumance.gpkg",
                  *(analyses / "th").glob("*.tif"), demo_output / "rdh_sources.gpkg",
                  *(sample_data / "generated").glob("*.csv")]
    for theme in ("sources", "corridors", "poe_impact", "transhumance"):
        assert attacks.foreign_hashes(bundles / theme, candidates) == [], theme
        text = (bundles / theme / "bundle.json").read_text(encoding="utf-8")
        assert str(Path.home()) not in text and str(analyses) not in text
