"""The generated sample data: byte-identical regeneration, schemas, markers, PoE and transhumance
plausibility, and the planted truth's consistency with the counts."""
import ast
import hashlib
import json
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from rdh_engine.io.schemas import validate
from rdh_engine.io.sources import read_places_geonames
from rdh_engine.sample import DEFAULT_SEED, KINDS, generate, generated_paths


@pytest.fixture(scope="session")
def generated(sample_data):
    return sample_data / "generated"


@pytest.fixture(scope="session")
def table(generated):
    cache = {}

    def read(name):
        if name not in cache:
            cache[name] = pd.read_csv(generated / name, encoding="utf-8", keep_default_na=True)
        return cache[name].copy()

    return read


@pytest.mark.slow
def test_regenerates_byte_identically_with_the_default_seed(tmp_path, sample_data, generated):
    cpu = time.process_time()
    written = generate(tmp_path / "gen", data_dir=sample_data, seed=DEFAULT_SEED)
    assert time.process_time() - cpu < 60  # CPU seconds (wall time depends on the machine's load)
    committed = sorted(p.relative_to(generated) for p in generated.rglob("*")
                       if p.is_file() and p.name != ".rdh-outputs.json")  # the list of what rdh wrote
    fresh = sorted(Path(p).relative_to(tmp_path / "gen") for p in written.values())
    assert committed == fresh
    for rel in committed:
        assert (tmp_path / "gen" / rel).read_bytes() == (generated / rel).read_bytes(), rel


def test_manifest_hashes_match_the_committed_files(generated):
    manifest = json.loads((generated / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["generated"] is True and manifest["seed"] == DEFAULT_SEED
    for rel, digest in manifest["files"].items():
        assert hashlib.sha256((generated / rel).read_bytes()).hexdigest() == digest, rel


def test_generated_data_is_small(generated):
    total = sum(p.stat().st_size for p in generated.rglob("*") if p.is_file())
    assert total < 5_000_000


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_validates_and_says_it_is_generated(sample_data, kind):
    df = pd.read_csv(generated_paths(sample_data)[kind])
    validate(df, kind)
    assert (df["generated"].astype(str).str.lower() == "true").all()


def test_truth_files_say_generated_and_od_flows_validate(generated, table):
    validate(table("truth/od_flows.csv"), "od")
    for csv in (generated / "truth").glob("*.csv"):
        assert (pd.read_csv(csv)["generated"].astype(str).str.lower() == "true").all(), csv
    routes = json.loads((generated / "truth" / "herd_routes.geojson").read_text(encoding="utf-8"))
    assert all(f["properties"]["generated"] is True for f in routes["features"])


def test_place_names_resolve_to_one_gazetteer_place(sample_data, table):
    places = read_places_geonames(sample_data / "real" / "places_geonames.csv")
    unique = set(places["name"].drop_duplicates(keep=False))
    counts = table("fmp_counts.csv")
    names = set(counts["origin"]) | set(counts["destination"]) | set(counts["next_stop"])
    assert names <= unique, sorted(names - unique)


# --- the planted truth agrees with the counts ------------------------------------------------

def test_every_planted_movement_is_counted_at_every_active_fmp_on_its_path(table):
    moves = table("truth/movements.csv")
    weekly = table("truth/movement_weekly.csv")
    counts = table("fmp_counts.csv")
    fmp = table("fmp.csv")
    key = ["origin", "destination", "nationality_iso3", "sex", "age_group", "transport_mode"]
    assert not moves.duplicated(key).any(), "a movement must be identifiable from the count columns"
    active_from = pd.to_datetime(fmp.set_index("fmp_id")["active_from"])
    active_to = pd.to_datetime(fmp.set_index("fmp_id")["active_to"]).fillna(pd.Timestamp("2099-01-01"))
    expected = []
    weekly = weekly.merge(moves[["movement_id", "fmp_ids", *key]], on="movement_id")
    weekly["week"] = pd.to_datetime(weekly["week"])
    for fmp_ids, part in weekly.groupby("fmp_ids"):
        for f in fmp_ids.split(";"):
            on = part[(part["week"] >= active_from[f]) & (part["week"] <= active_to[f]) & (part["persons"] > 0)]
            expected.append(on.assign(fmp_id=f))
    expected = pd.concat(expected)[["fmp_id", "week", *key, "persons"]].rename(columns={"week": "date"})
    counts["date"] = pd.to_datetime(counts["date"])
    joined = expected.merge(counts, on=["fmp_id", "date", *key], how="outer", indicator=True)
    assert (joined["_merge"] == "both").all(), joined[joined["_merge"] != "both"].head()
    assert (joined["persons"] == joined["count"]).all()


def test_truth_paths_are_connected_road_paths_through_the_fmp_edges(sample_data, table):
    edges = gpd.read_file(sample_data / "real" / "roads.gpkg", layer="edges").set_index("edge_id")
    moves = table("truth/movements.csv")
    fmp_edge = table("truth/fmp_edges.csv").set_index("fmp_id")["edge_id"]
    for mv in moves.itertuples():
        nodes = [int(n) for n in mv.node_ids.split(";")]
        path = [int(e) for e in mv.edge_ids.split(";")]
        assert len(nodes) == len(path) + 1
        for a, b, e in zip(nodes[:-1], nodes[1:], path):
            assert {a, b} == {int(edges.at[e, "from_node"]), int(edges.at[e, "to_node"])}, (mv.movement_id, e)
        for f in mv.fmp_ids.split(";"):
            assert int(fmp_edge[f]) in path


def test_fmps_on_the_network_snap_to_the_edge_they_count(sample_data, table):
    edges = gpd.read_file(sample_data / "real" / "roads.gpkg", layer="edges").to_crs("ESRI:102022")
    fmp = table("fmp.csv").merge(table("truth/fmp_edges.csv")[["fmp_id", "edge_id"]], on="fmp_id")
    on_road = fmp[fmp["position_method"].str.endswith("on_road")]
    assert len(on_road) >= 25
    points = gpd.GeoSeries(gpd.points_from_xy(on_road.lon, on_road.lat), crs=4326).to_crs("ESRI:102022")
    for p, counted in zip(points, on_road["edge_id"]):
        assert int(edges.loc[edges.distance(p).idxmin(), "edge_id"]) == counted


# --- points of entry ---------------------------------------------------------------------------

def test_poe_registry_has_the_shape_of_the_2020_21_assessment(table):
    poe = table("poe.csv")
    assert len(poe) == 469 and poe["poe_id"].is_unique
    counts = poe["poe_type"].value_counts()
    assert counts["land"] == 371 and counts["airport"] == 46 and counts["sea"] + counts["river"] == 52


def _status_on(status, day):
    day = pd.Timestamp(day)
    on = status[(pd.to_datetime(status["valid_from"]) <= day) & (pd.to_datetime(status["valid_to"]) >= day)]
    assert on["poe_id"].is_unique
    return on.set_index("poe_id")["status"]


def test_poe_timeline_is_contiguous_and_follows_cobap(sample_data, table):
    poe, status = table("poe.csv"), table("poe_status.csv")
    for poe_id, part in status.groupby("poe_id"):
        start, end = pd.to_datetime(part["valid_from"]), pd.to_datetime(part["valid_to"])
        assert start.iloc[0] == pd.Timestamp("2020-01-01") and end.iloc[-1] == pd.Timestamp("2021-12-31")
        assert ((start.iloc[1:].to_numpy() - end.iloc[:-1].to_numpy()) == np.timedelta64(1, "D")).all()
    assert set(status["poe_id"]) == set(poe["poe_id"])
    cobap = pd.read_csv(sample_data / "real" / "cobap_daily_status.csv")
    closed = cobap[(cobap["complete_closure"] > 0) & (cobap["land_closure"] > 0)]
    land = poe[poe["poe_type"] == "land"].set_index("poe_id")["country_iso3"]
    for day in ("2020-04-15", "2020-06-15", "2020-10-15", "2021-06-15"):
        now = _status_on(status, day)
        shut = set(closed.loc[closed["date"] == day, "iso3"])
        in_shut = land[land.isin(shut)].index
        assert (now[in_shut] != "open").all(), day  # a COBAP complete closure never leaves a land PoE open


def test_poe_status_agrees_with_dtm_border_figures(table, sample_data):
    facts = pd.read_csv(sample_data / "real" / "dtm_facts.csv").set_index("fact_id")["value"]
    poe, status = table("poe.csv"), table("poe_status.csv")
    land = poe[poe["poe_type"] == "land"]
    april = _status_on(status, "2020-04-15").reindex(poe["poe_id"]).to_numpy()
    # DTM017: borders closed in 14 countries in April 2020 (countries with most PoEs fully closed;
    # islands such as Cabo Verde have no land PoE, so all PoE types count).
    by_country = pd.Series(april == "fully_closed").groupby(poe["country_iso3"].to_numpy()).mean()
    assert abs((by_country > 0.5).sum() - facts["DTM017"]) <= 2
    # DTM024: Guinea and Guinea-Bissau had fully reopened their land borders by August 2020.
    august = _status_on(status, "2020-08-31").reindex(land["poe_id"])
    reopened = land.set_index("poe_id")["country_iso3"].isin(["GIN", "GNB"])
    assert (august[reopened.to_numpy()] == "open").all()
    # Partial closures and reopenings exist.
    assert {"open", "partially_open", "fully_closed"} <= set(status["status"])


# --- transhumance ------------------------------------------------------------------------------

def test_herd_routes_descend_in_the_dry_season_and_return_in_the_wet(generated):
    routes = gpd.read_file(generated / "truth" / "herd_routes.geojson")
    start_lat = routes.geometry.map(lambda g: g.coords[0][1])
    end_lat = routes.geometry.map(lambda g: g.coords[-1][1])
    dry = routes["season"] == "dry"
    assert (end_lat[dry] < start_lat[dry]).all() and (end_lat[~dry] > start_lat[~dry]).all()
    assert routes["length_km"].between(100, 1200).all()


def test_ki_reports_are_noisy_positions_near_the_planted_routes(generated, table, sample_data):
    routes = gpd.read_file(generated / "truth" / "herd_routes.geojson").to_crs("ESRI:102022")
    ki = table("ki_reports.csv")
    pts = gpd.GeoSeries(gpd.points_from_xy(ki.lon, ki.lat), crs=4326).to_crs("ESRI:102022")
    union = routes.groupby("herd_id").geometry.agg(lambda g: g.union_all())
    dist_km = np.array([p.distance(union[h]) for p, h in zip(pts, ki["herd_id"])]) / 1000
    assert np.median(dist_km) < 6 and dist_km.max() < 25 and dist_km.mean() > 0.5  # noisy, but close
    gaps = pd.to_datetime(ki["date"]).groupby(ki["herd_id"]).diff().dt.days.dropna()
    assert gaps.std() > 2  # irregular reporting
    assert 0 < ki["alert"].notna().mean() < 0.15  # a few alerts
    border = ki["alert"].isin(["border_closed", "stranded_at_border"])
    assert border.any() and (pd.to_datetime(ki.loc[border, "date"]) >= pd.Timestamp("2020-03-01")).all()  # COVID-19
    admin0 = gpd.read_file(sample_data / "real" / "admin.gpkg", layer="adm0")
    where = gpd.sjoin(gpd.GeoDataFrame(geometry=pts.to_crs(4326)), admin0, predicate="within")
    assert {"MLI", "NER", "BFA", "MRT", "SEN", "TCD", "NGA"} <= set(where["adm0_iso3"])
    herd_countries = where.groupby(ki.loc[where.index, "herd_id"])["adm0_iso3"].nunique()
    assert (herd_countries > 1).sum() >= 10  # many herds cross borders


# --- independence of the planted truth ---------------------------------------------------------

def test_the_generator_plants_with_independent_tools(repo):
    imported = set()
    for py in (repo / "engine" / "sample").glob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                imported.add(("." * node.level) + (node.module or ""))
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert "networkx" in imported and "skimage.graph" in imported
    assert not {m for m in imported if m.lstrip(".").split(".")[0] in {"network", "raster", "corridors",
                                                                       "transhumance_routes", "poe"}
                and m.startswith("..")}


def test_cli_sample_generate_help_and_usage_error(tmp_path):
    from click.testing import CliRunner

    from rdh_engine.cli import cli

    ok = CliRunner().invoke(cli, ["sample", "generate", "--help"])
    assert ok.exit_code == 0 and "--seed" in ok.output
    bad = CliRunner().invoke(cli, ["sample", "generate", "--data", str(tmp_path), "--out", str(tmp_path / "o")])
    assert bad.exit_code == 2 and "not the RDH sample data folder" in bad.output
