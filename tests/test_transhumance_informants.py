"""Public transhumance cells carry herds reported by at least 3 informants: the informants behind
each cell, counted exactly by `rdh transhumance` (internal informants_per_cell.tif), and
`rdh export --raster` withholding the cells (or the whole raster) that cannot be shown to have them."""
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from affine import Affine
from pyproj import Transformer

from rdh_engine.catalogue import declaration
from rdh_engine.io.tables import points_from_lonlat
from rdh_engine.publish import attacks
from rdh_engine.publish.audit import audit_layers, audit_raster
from rdh_engine.publish.protect import InformantGrid, informants_along_lines, protect_layers, protect_raster
from rdh_engine.raster.cost_surface import CostSurface, write_geotiff
from rdh_engine.transhumance_routes import analyse
from rdh_engine.transhumance_routes.products import band_cells, informants_per_cell, route_cells
from rdh_engine.transhumance_routes.routing import dense_cells, informant_codes

RDH = str(Path(sys.executable).with_name("rdh"))
KEY = b"test key for informants 32 bytes"
CRS = "ESRI:102022"
RASTERS = ("route_density", "corridor_band")


def rdh(*args, cwd):
    return subprocess.run([RDH, *map(str, args)], capture_output=True, text=True, cwd=cwd)


# --- the count itself -----------------------------------------------------------------------

def _brute_force(cell_sets, informants, size):
    """For each cell, the Python set of informants of the trips covering it."""
    seen = [set() for _ in range(size)]
    for cells, who in zip(cell_sets, informants):
        for c in cells:
            seen[c] |= set(int(w) for w in who)
    return np.array([len(s) for s in seen])


@pytest.mark.parametrize("seed", range(6))
def test_informants_per_cell_matches_a_brute_force_count_on_random_trips(seed):
    gen = np.random.default_rng(seed)
    shape = (gen.integers(5, 30), gen.integers(5, 30))
    size = int(shape[0] * shape[1])
    n_trips = int(gen.integers(0, 25))
    # random walks (king and knight moves) as paths, a few informants each out of a small pool
    paths, who = [], []
    for _ in range(n_trips):
        steps = gen.choice([-2, -1, 0, 1, 2], size=(int(gen.integers(1, 15)), 2))
        start = gen.integers(0, shape)
        path = np.clip(start + np.cumsum(np.vstack([[0, 0], steps]), axis=0), 0, np.array(shape) - 1)
        paths.append(path)
        who.append(np.unique(gen.integers(0, 6, size=int(gen.integers(1, 4)))))
    cells = route_cells(paths, shape)
    got = informants_per_cell(cells, who, shape)
    assert got.shape == shape
    np.testing.assert_array_equal(got.ravel(), _brute_force(cells, who, size))
    # the cells are the ones density counts: a path's dense cells, each once
    for path, flat in zip(paths, cells):
        dense = {tuple(c) for c in dense_cells(path)}
        assert set(flat.tolist()) == {r * shape[1] + c for r, c in dense}


def test_band_cells_are_the_union_of_the_legs_bands():
    class Trip:
        bands = [(1, 2, np.array([[True, False], [True, True]])), (2, 2, np.array([[True, True]]))]

    flat = band_cells(Trip, (5, 6))
    assert sorted(flat.tolist()) == sorted({1 * 6 + 2, 2 * 6 + 2, 2 * 6 + 3})
    Trip.bands = []
    assert band_cells(Trip, (5, 6)).size == 0


def test_unknown_informants_are_never_counted_as_distinct():
    reports = pd.DataFrame({"informant_id": ["A", "B", None, "", "A", None]})
    codes = informant_codes(reports)
    assert codes[0] == codes[4] and codes[0] != codes[1]
    assert codes[2] == codes[3] == codes[5] and len(set(codes)) == 3  # one shared unknown informant
    assert (informant_codes(reports.drop(columns="informant_id")) == 0).all()


def _line_reports(n_herds, n_informants, *, per_herd=True):
    """``n_herds`` herds walking the same line in Mali (dry season, a report every ~20 km); herd i
    reported by informant i mod ``n_informants`` (``per_herd``), else report j by informant j mod n."""
    rows = []
    lons = np.linspace(-6.0, -4.0, 11)
    for h in range(n_herds):
        for j, lon in enumerate(lons):
            who = h % n_informants if per_herd else j % n_informants
            rows.append({"report_id": f"R{h:02d}{j:02d}", "date": (pd.Timestamp("2020-11-02")
                                                                    + pd.Timedelta(days=2 * j)).date().isoformat(),
                         "informant_id": f"INF{who:02d}", "lon": round(lon, 4), "lat": 14.0,
                         "herd_size": 100 + h, "herd_id": f"H{h:02d}"})
    return pd.DataFrame(rows)


def _flat_surface(cell_m=5000.0):
    to = Transformer.from_crs(4326, CRS, always_xy=True)
    x0, y0 = to.transform(-7.0, 15.0)
    x1, y1 = to.transform(-3.0, 13.0)
    cols, rows = int((x1 - x0) // cell_m) + 1, int((y0 - y1) // cell_m) + 1
    return CostSurface(np.ones((rows, cols)), Affine(cell_m, 0, x0, 0, -cell_m, y0), CRS)


def test_analysis_counts_the_informants_behind_each_cell():
    surface = _flat_surface()
    for n_informants, per_herd in ((2, True), (3, True), (4, False)):
        result = analyse(points_from_lonlat(_line_reports(6, n_informants, per_herd=per_herd)), surface)
        routed = result.herds_per_cell > 0
        assert routed.sum() > 20 and (result.herds_per_cell[routed] == 6).all()
        assert (result.route_informants[routed] == n_informants).all()
        assert (result.route_informants[~routed] == 0).all()
        banded = result.corridor_band > 0
        assert banded.sum() >= routed.sum() and (result.band_informants[banded] == n_informants).all()
        assert (result.band_informants[~banded] == 0).all()


# --- protection and audit of one raster -------------------------------------------------------

def test_herd_rasters_withhold_cells_of_fewer_than_3_informants_or_all_without_the_count():
    herds = np.array([[0, 6, 7, 5], [6, 12, 0, 9]], dtype=np.float32)
    bands = np.stack([herds, herds * 100])
    informants = np.array([[0, 2, 3, 1], [3, 5, 0, 2]])
    out, _, findings = protect_raster("route_density", bands, key=KEY, informants=informants)
    thin = (herds > 0) & (informants < 3)
    assert np.isnan(out[:, thin]).all() and np.isfinite(out[:, ~thin]).all()
    assert (out[0][herds == 0] == 0).all()
    rule = next(f for f in findings if f.rule == "fewer_than_k_informants")
    assert rule.rows == int(thin.sum()) == 3
    assert audit_raster("route_density", out, informants=informants) == []
    leaked = audit_raster("route_density", np.where(np.isnan(out), 5.0, out), informants=informants)
    assert [p.rule for p in leaked] == ["fewer_than_k_informants"] and leaked[0].rows == 3
    assert attacks.thinly_reported_cells(out, informants) == 0
    # without the count (or with one on another grid) nothing can be shown: the raster is withheld
    for missing in (None, informants[:1]):
        withheld, _, findings = protect_raster("corridor_band", herds[None], key=KEY, informants=missing)
        assert withheld is None and findings[0].rule == "withheld_layer"
        assert "informants_per_cell.tif" in findings[0].detail
    # the count itself is internal: never published, and flagged if found in a bundle
    internal, _, findings = protect_raster("informants_per_cell", np.stack([informants, informants]), key=KEY)
    assert internal is None and "never public" in findings[0].detail
    assert audit_raster("informants_per_cell", np.stack([informants, informants]))[0].rule == "record_level_layer"
    assert declaration("informants_per_cell").publication == "internal"


def test_corridor_lines_need_3_informants_all_along_even_with_informants_near_them():
    """Two lines of 12 herds with reports of 3 informants beside them (the proximity rule is met);
    the herds along the second were reported by only 2 of them over part of its length."""
    transform = Affine(10_000, 0, 0, 0, -10_000, 200_000)
    counts = np.full((20, 40), 4)
    counts[12:, 20:27] = 2  # a stretch of the second line (y 50-80 km, x 200-270 km)
    grid = InformantGrid(counts, transform, CRS)
    lines = gpd.GeoDataFrame({"corridor_id": ["C1", "C2"], "season": ["dry"] * 2, "n_herds": [12, 12],
                              "n_animals": [900.0, 900.0], "length_km": [150.0, 150.0]},
                             geometry=[shapely.LineString([(15_000, 155_000), (165_000, 155_000)]),
                                       shapely.LineString([(165_000, 55_000), (315_000, 55_000)])], crs=CRS)
    along = informants_along_lines(lines, grid)
    assert along.tolist() == [4, 2]
    assert informants_along_lines(lines.translate(xoff=300_000), grid).tolist() == [0, 0]  # off the grid
    reports = gpd.GeoDataFrame({"informant_id": ["A", "B", "C"] * 2},
                               geometry=[shapely.Point(x, y + 4000) for y in (155_000, 55_000)
                                         for x in (60_000 + 100_000 * (y < 100_000), 90_000 + 100_000 * (y < 100_000),
                                                   120_000 + 100_000 * (y < 100_000))], crs=CRS)
    layers = {"corridor_lines": lines.to_crs("EPSG:4326")}
    out, findings = protect_layers(layers, key=KEY, reports=reports, cell_m=10_000,
                                   informants={"corridor_lines": grid})
    assert out["corridor_lines"]["corridor_id"].tolist() == ["C1"]
    assert [f.rows for f in findings if f.rule == "fewer_than_k_informants"] == [1]
    assert audit_layers(out, reports=reports, cell_m=10_000, informants={"corridor_lines": grid}) == []
    flagged = audit_layers({"corridor_lines": out["corridor_lines"].assign(geometry=layers["corridor_lines"]
                                                                           .geometry.iloc[[1]].to_numpy())},
                           informants={"corridor_lines": grid})
    assert "fewer_than_k_informants" in {p.rule for p in flagged}
    # without the count, no line can be shown to have them: all withheld, saying why
    out, findings = protect_layers(layers, key=KEY, reports=reports, cell_m=10_000)
    assert len(out["corridor_lines"]) == 0
    assert any("informants_per_cell.tif" in f.detail for f in findings if f.rule == "fewer_than_k_informants")


# --- through the command line -----------------------------------------------------------------

@pytest.fixture(scope="module")
def line_runs(tmp_path_factory):
    """`rdh transhumance` on six herds walking one line, reported by 2 and by 3 informants, over a
    flat ready cost surface."""
    out = tmp_path_factory.mktemp("informants")
    surface = _flat_surface()
    cost = write_geotiff(out / "cost.tif", surface.cost.astype(np.float32), transform=surface.transform, crs=CRS)
    runs = {}
    lone = pd.DataFrame([{"report_id": "LONE", "date": "2020-11-10", "informant_id": "INF99", "lon": -5.0,
                          "lat": 14.02, "herd_size": 50, "herd_id": "H99"}])  # one report: no route
    for n in (2, 3, "2+1"):
        reports = out / f"ki_{n}.csv"
        table = _line_reports(6, 2 if n == "2+1" else n)
        (pd.concat([table, lone]) if n == "2+1" else table).to_csv(reports, index=False)
        target = out / f"informants_{n}" / "transhumance.gpkg"
        res = rdh("transhumance", "--reports", reports, "--cost", cost, "--season", "dry", "-o", target, cwd=out)
        assert res.returncode == 0, res.stderr
        runs[n] = target
    return runs


def _export(gpkg, rasters, out, theme):
    args = [a for r in rasters for a in ("--raster", r)]
    out.mkdir(parents=True, exist_ok=True)
    res = rdh("export", gpkg, *args, "-o", out, "--theme", theme, "--no-qgis", cwd=out)
    assert res.returncode == 0, res.stderr
    bundle = out / theme
    return bundle, json.loads((bundle / "bundle.json").read_text(encoding="utf-8")), pd.read_csv(
        bundle / "disclosure_report.csv")


@pytest.mark.parametrize("n_informants", [2, 3])
def test_export_keeps_only_cells_reported_by_3_informants(line_runs, tmp_path, n_informants):
    gpkg = line_runs[n_informants]
    with rasterio.open(gpkg.with_name("informants_per_cell.tif")) as src:
        assert src.descriptions[0].startswith("informants behind route_density")
        behind = src.read()
    bundle, manifest, report = _export(gpkg, [gpkg.with_name(f"{n}.tif") for n in RASTERS], tmp_path, "line")
    assert set(manifest["rasters"]) == set(RASTERS)
    for i, name in enumerate(RASTERS):
        with rasterio.open(gpkg.with_name(f"{name}.tif")) as src:
            raw = src.read(1)
        with rasterio.open(bundle / f"{name}.tif") as src:
            published = src.read()
        counted = raw > 0
        assert counted.sum() > 20 and (raw[counted] >= 6).all()  # never withheld for want of herds
        assert (behind[i][counted] == n_informants).all()
        if n_informants < 3:
            assert np.isnan(published[:, counted]).all(), name
            rows = report[(report.layer == name) & (report.rule == "fewer_than_k_informants")]
            assert rows["rows"].tolist() == [int(counted.sum())]
        else:
            assert (published[0][counted] >= 5).all(), name
        assert attacks.thinly_reported_cells(published, behind[i]) == 0
    assert not (bundle / "informants_per_cell.tif").exists()
    audit = json.loads((bundle / "disclosure_report.json").read_text(encoding="utf-8"))
    fewest = audit.get("fewest_informants_behind_a_published_cell", {})
    assert fewest == ({} if n_informants < 3 else {"route_density": 3, "corridor_band": 3})


def test_corridor_lines_follow_the_exact_count_not_the_informants_nearby(line_runs, tmp_path):
    """With 3 informants the six herds' corridor is published; with 2, plus a third informant who
    reported a herd once beside the line (in the proximity count, not behind the corridor's herds),
    it is withheld."""
    bundle, _, _ = _export(line_runs[3], [], tmp_path / "three", "lines")
    assert len(gpd.read_file(bundle / "lines.gpkg", layer="corridor_lines")) >= 1
    gpkg = line_runs["2+1"]
    bundle, _, report = _export(gpkg, [], tmp_path / "two", "lines")
    assert len(gpd.read_file(bundle / "lines.gpkg", layer="corridor_lines")) == 0
    exact = report[(report.layer == "corridor_lines") & (report.rule == "fewer_than_k_informants")]
    assert len(exact) == 1 and "somewhere along them" in exact["detail"].iloc[0]


def test_without_the_informants_raster_beside_it_a_herd_raster_is_withheld(line_runs, tmp_path):
    gpkg = line_runs[3]
    copied = tmp_path / "copied"
    copied.mkdir()
    (copied / "route_density.tif").write_bytes(gpkg.with_name("route_density.tif").read_bytes())
    # beside corridor_band, an informants raster of another grid (cropped): not the same run's
    other = tmp_path / "other"
    other.mkdir()
    (other / "corridor_band.tif").write_bytes(gpkg.with_name("corridor_band.tif").read_bytes())
    with rasterio.open(gpkg.with_name("informants_per_cell.tif")) as src:
        write_geotiff(other / "informants_per_cell.tif", src.read()[:, 1:, :], transform=src.transform,
                      crs=src.crs)
    bundle, manifest, report = _export(gpkg, [copied / "route_density.tif", other / "corridor_band.tif"],
                                       tmp_path / "out", "copied")
    assert manifest["rasters"] == {} and not list(bundle.glob("*.tif"))
    for name in RASTERS:
        why = report[(report.layer == name) & (report.rule == "withheld_layer")]["detail"].tolist()
        assert len(why) == 1 and "informants_per_cell.tif" in why[0] and "3 informants" in why[0]


def test_the_informants_raster_itself_is_never_published(line_runs, tmp_path):
    gpkg = line_runs[3]
    bundle, manifest, report = _export(gpkg, [gpkg.with_name("informants_per_cell.tif")], tmp_path, "internal")
    assert manifest["rasters"] == {} and not (bundle / "informants_per_cell.tif").exists()
    why = report[report.layer == "informants_per_cell"]
    assert why["rule"].tolist() == ["withheld_layer"] and "never public" in why["detail"].iloc[0]
