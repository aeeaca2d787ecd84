"""PoE status timelines, registry matching, and closure scenarios on small networks worked by hand."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString

from rdh_engine.errors import ParameterError
from rdh_engine.io.sources import read_roads
from rdh_engine.network import build_network
from rdh_engine.poe import (ImpactModel, change_dates, compare, match_registry, read_poe, read_status, status_on,
                            status_periods)
from rdh_engine.poe.status import CLOSED, OPEN, PARTIAL, prepare_status

DATA = "tests/data/poe"


@pytest.fixture(scope="module")
def status(repo):
    return read_status(repo / DATA / "status.csv")


@pytest.fixture(scope="module")
def registry(repo):
    return read_poe(repo / DATA / "poe.csv")


@pytest.fixture(scope="module")
def sample_net(sample_data):
    path = sample_data / "real" / "roads.gpkg"
    crossings = gpd.read_file(path, layer="border_crossings_derived")
    return build_network(read_roads(path), crossings=crossings), crossings


# ----------------------------------------------------------------------------- status timelines
def test_status_on_a_date(status, registry):
    ids = registry["poe_id"]
    on = status_on(status, "2020-04-15", ids)
    assert on["SEN-GMB-KAR"] == "fully_closed" and on["SEN-SEA-DKR"] == "partially_open"
    assert on["MLI-DZA-TIN"] == "open"  # no record: open
    assert status_on(status, "2020-08-01", ids)["SEN-GMB-KAR"] == "partially_open"
    assert status_on(status, "2020-10-05", ids)["SEN-GMB-KAR"] == "open"
    assert status_on(status, "2020-03-22", ids)["SEN-GMB-KAR"] == "open"  # valid_to is inclusive
    assert status_on(status, "2020-03-23", ids)["SEN-GMB-KAR"] == "fully_closed"
    assert status_on(status, "2019-12-01", ids)["BEN-NGA-SEM"] == "fully_closed"


def test_change_dates_are_exactly_the_days_something_changes(status, registry):
    ids = registry["poe_id"]
    dates = change_dates(status, ids, start="2020-03-01", end="2021-12-31")
    assert pd.Timestamp("2020-03-23") in dates and pd.Timestamp("2020-07-15") in dates
    # 2020-03-22 ends KAR's first row and 2020-03-23 starts the next: one change, on the 23rd
    assert pd.Timestamp("2020-03-22") in dates  # ... but Aflao and Noé close on the 22nd
    for date in dates[1:]:
        assert (status_on(status, date - pd.Timedelta(days=1), ids) != status_on(status, date, ids)).any()
    # between two change dates nothing changes (checked weekly over the whole range)
    every = change_dates(status, ids)
    assert every[0] == pd.Timestamp("2019-08-20") and set(dates) <= set(every)
    for day in pd.date_range("2020-03-01", "2021-12-31", freq="7D"):
        last = every[every <= day][-1]
        assert (status_on(status, day, ids) == status_on(status, last, ids)).all(), day


def test_status_periods_and_overlaps():
    table = prepare_status(pd.DataFrame({
        "poe_id": ["A", "A", "A", "B"], "status": ["open", "fully_closed", "partially_open", "fully_closed"],
        "valid_from": ["2020-01-01", "2020-03-01", "2020-03-10", "2020-02-01"],
        "valid_to": [None, "2020-04-30", "2020-03-20", "2020-02-10"]}))
    # the row that started last wins: partially_open inside the closure
    assert status_on(table, "2020-03-15", ["A"])["A"] == "partially_open"
    assert status_on(table, "2020-03-25", ["A"])["A"] == "fully_closed"
    periods = status_periods(table, ["A", "B"])
    a = periods[periods["poe_id"] == "A"]
    assert a["status"].tolist() == ["open", "fully_closed", "partially_open", "fully_closed", "open"]
    assert a["valid_from"].dt.strftime("%m-%d").tolist() == ["01-01", "03-01", "03-10", "03-21", "05-01"]
    b = periods[periods["poe_id"] == "B"]
    assert b["status"].tolist() == ["open", "fully_closed", "open"]
    assert b["valid_to"].iloc[1] == pd.Timestamp("2020-02-10")
    with pytest.raises(ParameterError):
        prepare_status(pd.DataFrame({"poe_id": ["A"], "status": ["open"], "valid_from": ["2020-02-01"],
                                     "valid_to": ["2020-01-01"]}))


# ----------------------------------------------------------------------------- registry matching
def test_registry_matches_crossings_and_nodes(sample_net, registry, caplog):
    net, crossings = sample_net
    match = match_registry(net, registry, crossings=crossings)
    t = match.table.set_index("poe_id")
    assert list(match.unmatched["poe_id"]) == ["MLI-DZA-TIN"]
    assert "MLI-DZA-TIN" in caplog.text
    land = t[t["poe_type"] == "land"].drop(index="MLI-DZA-TIN")
    assert (land["match"] == "crossing").all() and (land["match_distance_m"] < 1_000).all()
    # each land PoE sits on border edges between its own two countries
    edges = net.edges
    for i, row in registry.iterrows():
        if row["poe_type"] != "land" or not t.loc[row["poe_id"], "matched"]:
            continue
        sides = edges.loc[match.edges_of(i), ["country_from", "country_to"]]
        assert all({a, b} == {row["country_iso3"], row["neighbour_iso3"]} for a, b in sides.to_numpy())
    assert t.loc["SEN-MRT-ROS", "n_edges"] == 2  # two links cross at Rosso: closing Rosso closes both
    assert (t.loc[["SEN-AIR-DSS", "NER-AIR-NIM", "SEN-SEA-DKR"], "match"] == "node").all()
    assert (t.loc[["SEN-AIR-DSS", "NER-AIR-NIM", "SEN-SEA-DKR"], "node_id"] >= 0).all()


def test_neighbour_restricts_the_match(sample_net, registry):
    net, crossings = sample_net
    wrong = registry[registry["poe_id"] == "SEN-MRT-ROS"].copy()
    wrong["neighbour_iso3"] = "GMB"  # Rosso is not on the Gambian border
    assert not match_registry(net, wrong, crossings=crossings).table["matched"].iloc[0]
    unknown = wrong.copy()
    unknown["neighbour_iso3"] = None
    assert match_registry(net, unknown, crossings=crossings).table["matched"].iloc[0]


# ----------------------------------------------------------------------------- scenarios by hand
def two_crossing_model(**kw):
    """Origin 0 to destination 3 through crossing A (edge 1, 10 km) or crossing B (edge 3, 30 km).

    0 -e0(10)- 1 -e1 A(10)- 3 ;  0 -e2(10)- 2 -e3 B(30)- 3 ;  destination 4 only through A: 3 -e4(5)- 4 is
    shared, and 5 hangs off node 1 beyond A: 1 -e5 (on A's side)- 5. Weights are hours = km / 10.
    """
    from rdh_engine.network import RoadGraph

    u = np.array([0, 1, 0, 2, 3, 1])
    v = np.array([1, 3, 2, 3, 4, 5])
    km = np.array([10.0, 10.0, 10.0, 30.0, 5.0, 7.0])
    g = RoadGraph.from_arrays(u, v, km / 10, n_nodes=6)
    edge_poe = np.array([[0, 1], [1, 3]])  # PoE 0 = crossing A, PoE 1 = crossing B
    od_end_poe = np.array([[2, 2]])  # OD 2 ends at PoE 2 (an airport at node 5)
    return ImpactModel(graph=g, cost_h=km / 10, length_km=km, edge_poe=edge_poe, n_poe=3,
                       od_origin=np.array([0, 0, 0]), od_dest=np.array([3, 4, 5]),
                       od_flow=np.array([100.0, 50.0, 20.0]),
                       od_end_poe=od_end_poe, **kw)


def test_closing_one_crossing_reroutes_by_the_detour():
    m = two_crossing_model()
    c = compare(m, [OPEN, OPEN, OPEN], [CLOSED, OPEN, OPEN])
    od = c.od_table()
    np.testing.assert_allclose(od["baseline_km"], [20, 25, 17])
    np.testing.assert_allclose(od["scenario_km"], [40, 45, 17])
    np.testing.assert_allclose(od["extra_km"], [20, 20, 0])
    np.testing.assert_allclose(od["extra_h"], [2, 2, 0])
    assert od["stranded"].tolist() == [0, 0, 0]
    assert od["new_poe"].tolist() == [[1], [1], []]
    poe = c.poe_table()
    np.testing.assert_allclose(poe["flow_lost"], [150, 0, 0])
    np.testing.assert_allclose(poe["flow_gained"], [0, 150, 0])
    edge = c.edge_table()
    np.testing.assert_allclose(edge["flow_change_persons_day"], [-150, -150, 150, 150, 0, 0])
    t = c.totals()
    assert t["stranded"] == 0 and t["extra_person_km"] == pytest.approx(150 * 20)
    assert t["flow_rerouted"] == 150


def test_closing_both_crossings_strands_and_a_closed_airport_strands_its_flows():
    m = two_crossing_model()
    c = compare(m, [OPEN, OPEN, OPEN], [CLOSED, CLOSED, CLOSED])
    od = c.od_table()
    assert od["stranded"].tolist() == [1, 1, 1]
    assert od["scenario_km"].isna().all()
    poe = c.poe_table()
    np.testing.assert_allclose(poe["stranded"], [150, 0, 20])  # flows that used A, and the airport's own
    assert c.totals()["stranded"] == 170
    assert c.totals()["n_od_stranded"] == 3


def test_partially_open_is_a_penalty_and_a_capacity():
    small = two_crossing_model(partial_penalty_h=1.0)
    od = compare(small, [OPEN] * 3, [PARTIAL, OPEN, OPEN]).od_table()
    np.testing.assert_allclose(od["extra_h"], [1, 1, 0])  # 1 h queue beats the 2 h detour
    np.testing.assert_allclose(od["extra_km"], [0, 0, 0])
    big = two_crossing_model(partial_penalty_h=5.0, partial_capacity=0.25)
    c = compare(big, [OPEN] * 3, [PARTIAL, PARTIAL, OPEN])
    od = c.od_table()
    np.testing.assert_allclose(od["extra_h"], [5, 5, 0])  # both slowed: stays on A
    np.testing.assert_allclose(od["flow_stranded"], [75, 37.5, 0])  # only a quarter passes
    assert od["stranded"].tolist() == [0, 0, 0]
    # e0 also carries the airport flow
    np.testing.assert_allclose(c.edge_table()["scenario_flow_persons_day"], [57.5, 37.5, 0, 0, 12.5, 20])
    with pytest.raises(ParameterError):
        two_crossing_model(partial_capacity=1.5)


def test_flows_from_a_corridors_output_and_place_resolution(tmp_path, sample_data, sample_net, registry):
    from rdh_engine.poe import locate_od, read_flows, read_places

    net, _ = sample_net
    gpkg = tmp_path / "corridors.gpkg"
    gpd.GeoDataFrame({"origin": ["Dakar", "Niamey"], "destination": ["Bamako", "Kano"],
                      "flow_persons_day": [12.5, 7.0]},
                     geometry=[LineString([(-17.4, 14.7), (-8.0, 12.6)]), LineString([(2.1, 13.5), (8.5, 12.0)])],
                     crs="EPSG:4326").to_file(gpkg, layer="od_flows")
    od = read_flows(gpkg)
    assert od["flow"].tolist() == [12.5, 7.0]
    places = read_places(sample_data / "real" / "places_geonames.csv")
    od.loc[2] = ["dakar", "SEN-AIR-DSS", 3.0]  # case-insensitive names; a PoE id as an OD end
    od.loc[3] = ["Nowhere-sur-Mer", "Dakar", 1.0]
    placed = locate_od(od, places, net, poe=registry)
    assert placed["origin"].tolist() == ["Dakar", "Niamey", "dakar"]  # the unknown place is left out
    assert placed["dest_poe"].tolist() == [None, None, "SEN-AIR-DSS"]
    assert (placed[["origin_node", "dest_node"]] >= 0).all().all()
    # among namesakes the most populous wins: Dakar is the capital, not a hamlet
    assert abs(placed["origin_lon"].iloc[0] + 17.44) < 0.1


def test_edge_rule_combines_the_poes_sharing_a_link():
    base = two_crossing_model()
    shared = dict(edge_poe=np.array([[0, 1], [1, 3], [2, 1]]))  # PoE 2 also sits on crossing A
    kw = {k: getattr(base, k) for k in ("graph", "cost_h", "length_km", "n_poe", "od_origin", "od_dest", "od_flow")}
    codes = np.array([CLOSED, OPEN, PARTIAL], np.int8)
    most_open = ImpactModel(**kw, **shared, od_end_poe=np.empty((0, 2), np.int64))
    strict = ImpactModel(**kw, **shared, od_end_poe=np.empty((0, 2), np.int64), edge_rule="most_restrictive")
    assert most_open.edge_status(codes)[1] == PARTIAL and strict.edge_status(codes)[1] == CLOSED
    assert most_open.edge_status(codes)[3] == OPEN == strict.edge_status(codes)[3]
    with pytest.raises(ParameterError):
        ImpactModel(**kw, **shared, od_end_poe=np.empty((0, 2), np.int64), edge_rule="average")


def test_herd_routes_from_transhumance_are_flows_in_heads(tmp_path, sample_net, registry):
    from rdh_engine.poe import locate_od, prepare, read_herds

    net, crossings = sample_net
    gpkg = tmp_path / "transhumance.gpkg"
    gpd.GeoDataFrame({"herd_id": ["H1", "H2"], "season": ["dry", "dry"], "length_km": [260.0, 210.0],
                      "herd_size": [350, 120]},
                     geometry=[LineString([(5.26, 14.89), (5.3, 14.0), (5.24, 13.06)]),  # Tahoua -> Sokoto
                               LineString([(-11.43, 14.45), (-12.18, 15.16)])],        # Kayes -> Sélibaby
                     crs="EPSG:4326").to_file(gpkg, layer="herd_routes")
    herds = read_herds(gpkg)
    assert herds["flow"].tolist() == [350, 120] and herds["origin"].iloc[0] == "H1 (dry) start"
    assert (herds["origin_lon"].iloc[0], herds["dest_lat"].iloc[0]) == (5.26, 13.06)
    placed = locate_od(herds, None, net, poe=registry)
    assert placed["origin_poe"].isna().all() and len(placed) == 2
    a = prepare(net, registry, placed, crossings=crossings)
    c = a.compare(a.codes(), a.codes(overrides={"NER-NGA-KON": "fully_closed"}))
    table = c.od_table()
    assert table["baseline_poe"].iloc[0] == [list(a.poe_ids).index("NER-NGA-KON")]
    assert table["extra_km"].iloc[0] > 0 and table["stranded"].iloc[0] == 0
    assert c.poe_table()["flow_lost"].iloc[list(a.poe_ids).index("NER-NGA-KON")] == 350
