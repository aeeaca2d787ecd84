"""`rdh transhumance` end to end on the key-informant fixture and the real sample layers."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import rasterio
import shapely

from rdh_engine.io.gazetteer import Gazetteer
from rdh_engine.io.gpkg import read_provenance
from rdh_engine.io.schemas import validate
from rdh_engine.io.tables import points_from_lonlat
from rdh_engine.transhumance_routes import analyse
from rdh_engine.transhumance_routes.evaluation import line_scores

sys.path.insert(0, str(Path(__file__).parent / "data" / "transhumance"))

FIXTURE = Path(__file__).parent / "data" / "transhumance"
STYLES = Path(__file__).parents[1] / "styles"
CONTRACT_LAYERS = {"herd_routes", "corridor_lines", "border_crossings", "alerts"}


def rdh(*args, cwd):
    exe = Path(sys.executable).with_name("rdh")
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, sample_data):
    """Both seasons built from land cover with every context layer (run once for the module)."""
    out = tmp_path_factory.mktemp("transhumance")
    real = sample_data / "real"
    results = {}
    for season in ("dry", "wet"):
        target = out / season / f"{season}.gpkg"
        res = rdh("transhumance", "--reports", FIXTURE / "ki_reports.csv", "--landcover",
                  real / "landcover_igbp_0p05deg.tif", "--season", season, "--water", real / "water.gpkg",
                  "--roads", real / "roads.gpkg", "--admin", real / "admin.gpkg", "--poe", real / "roads.gpkg",
                  "--slope", real / "slope_deg_x100_5arcmin.tif", "--infrastructure",
                  real / "senegal_pastoral_infrastructure.gpkg", "--resolution-m", "5000",
                  "--current", "--current-max-cells", "20000",
                  "--save-cost", out / season / "cost.tif", "-o", target, cwd=out)
        assert res.returncode == 0, res.stderr
        results[season] = target
    return results


def test_outputs_follow_the_contract_for_both_seasons(runs):
    for season, gpkg in runs.items():
        layers = {name for name, _ in pyogrio.list_layers(gpkg)} - {"layer_styles"}
        assert layers == CONTRACT_LAYERS
        routes = gpd.read_file(gpkg, layer="herd_routes")
        assert list(routes.columns[:4]) == ["herd_id", "season", "length_km", "herd_size"]
        assert set(routes["season"]) == {season} and len(routes) == 6 and routes.crs.to_epsg() == 4326
        assert routes["length_km"].between(150, 600).all()
        assert read_provenance(gpkg, "herd_routes")["parameters"]["season"] == season
        with sqlite3.connect(gpkg) as con:  # house styles embedded as the layers' default styles
            styled = {row[0] for row in con.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault")}
        assert styled == CONTRACT_LAYERS
        with rasterio.open(gpkg.with_name("route_density.tif")) as src:
            assert src.count == 2 and src.descriptions == ("herds per cell", "animals per cell")
            herds = src.read(1)
            assert herds.max() >= 1 and src.crs.is_projected
        with rasterio.open(gpkg.with_name("corridor_band.tif")) as src:
            band = src.read(1)
        assert ((band > 0) | (herds == 0)).all()  # every routed cell lies in its band
        for raster in ("route_density", "corridor_band", "current_density"):  # house style beside each GeoTIFF
            assert gpkg.with_name(f"{raster}.qml").read_bytes() == (STYLES / f"{raster}.qml").read_bytes()
    dry = gpd.read_file(runs["dry"], layer="border_crossings")
    # fixture herds H01/H03/H05 start in Mauritania and end in Senegal or Mali in the dry season
    assert {"MRT"} == set(dry["from_iso3"]) and set(dry["to_iso3"]) <= {"SEN", "MLI"} and len(dry) >= 3
    assert pd.to_datetime(dry["date"]).between("2020-11-01", "2020-12-31").all()


def test_current_map_is_written_on_a_coarsened_grid_and_peaks_along_the_routes(runs):
    for gpkg in runs.values():
        with rasterio.open(gpkg.with_name("cost.tif")) as src:
            cost_shape, cost_transform = src.shape, src.transform
        with rasterio.open(gpkg.with_name("current_density.tif")) as src:
            current, transform, crs = src.read(1), src.transform, src.crs
        assert current.size <= 20000 < cost_shape[0] * cost_shape[1]
        factor = transform.a / cost_transform.a
        assert factor == int(factor) > 1 and (transform.c, transform.f) == (cost_transform.c, cost_transform.f)
        assert crs.is_projected and np.isfinite(current).any()
        routes = gpd.read_file(gpkg, layer="herd_routes").to_crs(crs.to_wkt())
        xy = shapely.get_coordinates(shapely.segmentize(routes.geometry.to_numpy(), 2000))
        cols, rows = ~transform * (xy[:, 0], xy[:, 1])
        on_routes = current[rows.astype(int), cols.astype(int)]
        # current concentrates between the herds' ends: most route cells are in its top quarter
        assert np.mean(on_routes > np.nanquantile(current, 0.75)) > 0.6


def test_no_informant_ids_or_exact_report_positions_are_published(runs):
    reports = pd.read_csv(FIXTURE / "ki_reports.csv")
    report_pts = shapely.points(reports[["lon", "lat"]].to_numpy())
    for gpkg in runs.values():
        for layer in CONTRACT_LAYERS:
            gdf = gpd.read_file(gpkg, layer=layer)
            text = gdf.drop(columns="geometry").astype(str).to_numpy().ravel()
            assert not any(v.startswith("INF") for v in text), layer
            assert "informant_id" not in gdf.columns
            if len(gdf):
                coords = shapely.points(shapely.get_coordinates(gdf.geometry.to_numpy()))
                # no published vertex coincides with a report position (to ~10 m)
                assert shapely.distance(coords[:, None], report_pts[None, :]).min() > 1e-4


def test_reconstructed_routes_track_the_planted_fixture(sample_data):
    """On the surface the fixture's routes were planted on (land cover + rivers, 5 km; scikit-image
    MCP, 8-connected), the reconstruction stays close to them. This surface is nearly flat (median
    cost 1.0), so many routes tie and straight lines between reports do as well: the clear win over
    straight lines is tested on structured surfaces in test_transhumance.py; the numbers of both
    are in docs/transhumance.md."""
    from make_fixture import surfaces  # tests/data/transhumance/make_fixture.py

    planted = gpd.read_file(FIXTURE / "planted_routes.geojson").to_crs("ESRI:102022")
    reports = pd.read_csv(FIXTURE / "ki_reports.csv")
    points = points_from_lonlat(validate(reports, "ki_reports"))
    for season, surface in surfaces(sample_data / "real").items():
        routes = analyse(points, surface, season=season, band_pct=None, routing="least-cost",
                         min_routed_leg_m=0).layers["herd_routes"].to_crs("ESRI:102022")
        assert len(routes) == 6
        scores = {"route": [], "straight": []}
        for rec in routes.itertuples():
            truth = planted[(planted.herd_id == rec.herd_id) & (planted.season == season)].geometry.iloc[0]
            herd = reports[(reports.herd_id == rec.herd_id)]
            herd = herd[pd.to_datetime(herd.date).dt.month.isin([5, 6, 7, 8, 9]) == (season == "wet")]
            pts = gpd.GeoSeries(gpd.points_from_xy(herd.lon, herd.lat), crs=4326).to_crs("ESRI:102022")
            straight = shapely.linestrings(np.column_stack([pts.x, pts.y]))
            scores["route"].append(line_scores(rec.geometry, truth))
            scores["straight"].append(line_scores(straight, truth))
        route, straight = pd.DataFrame(scores["route"]), pd.DataFrame(scores["straight"])
        # share of route length within 5 km of the planted route (reports 2 km noisy, grid 5 km)
        within = route["within_5km"].mean()
        assert within > 0.65 and within > straight["within_5km"].mean() - 0.1
        assert route["hausdorff_km"].mean() < straight["hausdorff_km"].mean() + 3.0


def test_ready_cost_raster_routes_every_season(runs, tmp_path):
    cost = runs["dry"].with_name("cost.tif")
    out = tmp_path / "routes.gpkg"
    res = rdh("transhumance", "--reports", FIXTURE / "ki_reports.csv", "--cost", cost, "--connectivity", "8",
              "-o", out, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    routes = gpd.read_file(out, layer="herd_routes")
    assert sorted(routes["season"].unique()) == ["dry", "wet"] and len(routes) == 12


def test_usage_and_data_errors_have_the_right_exit_codes(tmp_path, sample_data):
    ki = FIXTURE / "ki_reports.csv"
    lc = sample_data / "real" / "landcover_igbp_0p05deg.tif"
    assert rdh("transhumance", "--reports", ki, "-o", tmp_path / "x.gpkg", cwd=tmp_path).returncode == 2
    assert rdh("transhumance", "--reports", ki, "--landcover", lc, "-o", tmp_path / "x.gpkg",
               cwd=tmp_path).returncode == 2
    bad = tmp_path / "bad.csv"
    pd.read_csv(ki).drop(columns="herd_size").to_csv(bad, index=False)
    res = rdh("transhumance", "--reports", bad, "--landcover", lc, "--season", "dry", "-o", tmp_path / "x.gpkg",
              cwd=tmp_path)
    assert res.returncode == 1 and "herd_size" in res.stderr
    res = rdh("transhumance", "--reports", ki, "--cost", lc, "-o", tmp_path / "x.gpkg", cwd=tmp_path)
    assert res.returncode == 1 and "projected" in res.stderr


def test_closed_crossing_on_the_date_raises_an_alert(runs, tmp_path, sample_data):
    """A crossing H01 uses, closed from before --date, is ahead of the herd as reported by then."""
    crossings = gpd.read_file(runs["dry"], layer="border_crossings")
    h01 = crossings[crossings.herd_id == "H01"].iloc[0]
    pd.DataFrame({"poe_id": ["POE-T1"], "name": ["test crossing"], "poe_type": ["land"], "country_iso3": ["SEN"],
                  "lon": [h01.geometry.x], "lat": [h01.geometry.y]}).to_csv(tmp_path / "poe.csv", index=False)
    pd.DataFrame({"poe_id": ["POE-T1"], "status": ["fully_closed"], "valid_from": ["2020-11-01"]}).to_csv(
        tmp_path / "status.csv", index=False)
    real = sample_data / "real"
    out = tmp_path / "alerts.gpkg"
    res = rdh("transhumance", "--reports", FIXTURE / "ki_reports.csv", "--landcover",
              real / "landcover_igbp_0p05deg.tif", "--season", "dry", "--admin", real / "admin.gpkg",
              "--poe", tmp_path / "poe.csv", "--status", tmp_path / "status.csv", "--date", "2020-11-11",
              "--resolution-m", "5000", "-o", out, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    alerts = gpd.read_file(out, layer="alerts")
    hit = alerts[(alerts.herd_id == "H01") & (alerts.alert_type == "closed_crossing")]
    assert len(hit) == 1 and hit.iloc[0]["poe_id"] == "POE-T1"
    assert 0 < hit.iloc[0]["days_to_reach"] <= 14
    table = pd.read_csv(out.with_name("alerts.csv"))
    assert {"herd_id", "alert_type", "days_to_reach", "lon", "lat"} <= set(table.columns) and len(table) == len(alerts)


def test_od_flows_are_routed_between_gazetteer_places(tmp_path, sample_data):
    """Surveyed flows between market towns (--od, names resolved with --places) become one
    least-cost route per pair of the season, carrying its flow; an unknown name is reported with
    the closest spellings and its flow skipped."""
    real = sample_data / "real"
    od = pd.read_csv(FIXTURE / "od_livestock_markets.csv")
    od.loc[len(od)] = ["Dahraa", "Kaolack", 70, "dry"]  # misspelt: skipped, with a suggestion
    od.to_csv(tmp_path / "od.csv", index=False)
    out = tmp_path / "od_dry.gpkg"
    res = rdh("transhumance", "--od", tmp_path / "od.csv", "--places", real / "places_geonames.csv",
              "--landcover", real / "landcover_igbp_0p05deg.tif", "--season", "dry", "--water", real / "water.gpkg",
              "--current", "-o", out, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "Dahraa (did you mean: Dara" in res.stderr  # GeoNames spells Dahra "Dara"
    assert {name for name, _ in pyogrio.list_layers(out)} - {"layer_styles"} == {"od_routes", "corridor_lines"}
    routes = gpd.read_file(out, layer="od_routes")
    dry = od[(od.season == "dry") & (od.origin != "Dahraa")]
    assert sorted(zip(routes.origin, routes.destination, routes.flow)) == sorted(
        zip(dry.origin, dry.destination, dry.flow.astype(float)))
    gazetteer = Gazetteer.load(real / "places_geonames.csv")
    metric = routes.to_crs("ESRI:102022")
    for rec, line in zip(routes.itertuples(), metric.geometry):
        towns = [gazetteer.lookup(name) for name in (rec.origin, rec.destination)]
        ends = gpd.GeoSeries(gpd.points_from_xy([t.lon for t in towns], [t.lat for t in towns]),
                             crs=4326).to_crs("ESRI:102022")
        # route ends at the towns' cells (2.5 km grid), and no shorter than the straight line
        assert ends.iloc[0].distance(shapely.Point(line.coords[0])) < 2500
        assert ends.iloc[1].distance(shapely.Point(line.coords[-1])) < 2500
        assert rec.length_km * 1000 >= ends.iloc[0].distance(ends.iloc[1]) - 5000
    with rasterio.open(out.with_name("route_density.tif")) as src:
        links, flow = src.read(1), src.read(2)
        assert src.descriptions == ("OD links per cell", "flow per cell")
    assert links.max() >= 2 and flow.max() >= dry.flow.max() and flow.sum() > dry.flow.sum()
    assert out.with_name("current_density.tif").is_file() and not out.with_name("alerts.csv").exists()
    assert read_provenance(out, "od_routes")["parameters"]["season"] == "dry"


def test_od_mode_usage_and_data_errors(tmp_path, sample_data):
    real = sample_data / "real"
    lc = real / "landcover_igbp_0p05deg.tif"
    od = FIXTURE / "od_livestock_markets.csv"
    common = ("--landcover", lc, "--season", "dry", "-o", tmp_path / "x.gpkg")
    assert rdh("transhumance", "--od", od, *common, cwd=tmp_path).returncode == 2  # no --places
    both = rdh("transhumance", "--od", od, "--reports", FIXTURE / "ki_reports.csv", "--places",
               real / "places_geonames.csv", *common, cwd=tmp_path)
    assert both.returncode == 2 and "exactly one of --reports" in both.stderr
    nowhere = tmp_path / "nowhere.csv"
    pd.DataFrame({"origin": ["Atlantis"], "destination": ["El Dorado"], "flow": [10]}).to_csv(nowhere, index=False)
    res = rdh("transhumance", "--od", nowhere, "--places", real / "places_geonames.csv", *common, cwd=tmp_path)
    assert res.returncode == 1 and "gazetteer" in res.stderr


def test_transhumance_outputs_export_for_the_geoportal_with_bilingual_titles(runs, tmp_path):
    res = rdh("export", runs["dry"], "-o", tmp_path / "publish", "--theme", "transhumance_dry", "--no-qgis",
              cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    manifest = json.loads((tmp_path / "publish" / "transhumance_dry" / "bundle.json").read_text(encoding="utf-8"))
    titles = {name: layer["title"] for name, layer in manifest["layers"].items()}
    assert set(titles) == {"corridor_lines"}, "per-herd layers stay internal; alerts need admin-1 units"
    assert titles["corridor_lines"] == "Transhumance corridors / Couloirs de transhumance"


@pytest.mark.parametrize("method", ["suppress", "round"])
def test_rasters_export_protected_styled_and_documented(runs, tmp_path, method):
    """`rdh export --raster`: herd rasters lose every cell of fewer than 5 herds (six fixture herds:
    every routed cell), the current map is coarsened to blocks of about 0.5 degree, each comes with
    its house style and an ISO 19139 record that OWSLib reads."""
    from lxml import etree
    from owslib.iso import MD_Metadata

    folder = runs["dry"].parent
    rasters = [folder / f"{name}.tif" for name in ("route_density", "corridor_band", "current_density")]
    args = [a for r in rasters for a in ("--raster", r)] + (["--round"] if method == "round" else [])
    res = rdh("export", runs["dry"], *args, "-o", tmp_path, "--theme", "herds", "--no-qgis", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    bundle = tmp_path / "herds"
    manifest = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    assert set(manifest["rasters"]) == {"route_density", "corridor_band", "current_density"}
    for name, entry in manifest["rasters"].items():
        assert set(entry["files"]) == {f"{name}{ext}" for ext in (".tif", ".qml", ".sld", ".iso19139.xml")}
        assert all(f in manifest["files"] for f in entry["files"])
        record = MD_Metadata(etree.parse(str(bundle / f"{name}.iso19139.xml")))
        ident = record.identification[0] if isinstance(record.identification, list) else record.identification
        assert ident.title == entry["title"] and " / " in entry["title"]
    with rasterio.open(folder / "route_density.tif") as src:
        raw = src.read()
    with rasterio.open(bundle / "route_density.tif") as src:
        published = src.read()
        assert src.crs.is_projected and src.descriptions == ("herds per cell", "animals per cell")
    small = (raw > 0) & (raw < 5)
    assert small[0].any() and manifest["rasters"]["route_density"]["suppressed_cells"] > 0
    assert np.isnan(published[small]).all() and (published[raw == 0] == 0).all()
    assert not ((published > 0) & (published < 5)).any() and (np.nan_to_num(published) % 5 == 0).all()
    with rasterio.open(folder / "current_density.tif") as src, rasterio.open(bundle / "current_density.tif") as out:
        factor = round(0.5 * 111_320 / src.res[0])  # blocks of about 0.5 degree
        assert factor > 1 and out.res[0] == src.res[0] * factor and out.width == -(-src.width // factor)
    report = pd.read_csv(bundle / "disclosure_report.csv")
    assert "route_density" in set(report["layer"])


def test_raster_names_must_not_clash(runs, tmp_path):
    dup = tmp_path / "alerts.tif"  # named like a vector layer of the input
    dup.write_bytes(runs["dry"].with_name("corridor_band.tif").read_bytes())
    res = rdh("export", runs["dry"], "--raster", dup, "-o", tmp_path / "out", "--no-qgis", cwd=tmp_path)
    assert res.returncode == 1 and "clash" in res.stderr
