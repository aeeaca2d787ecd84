"""Closure impacts on the sample network against an independent networkx computation."""
import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from rdh_engine.io.sources import read_roads
from rdh_engine.network import build_network
from rdh_engine.poe import locate_od, prepare, read_od, read_places, read_poe, read_status
from rdh_engine.poe.registry import crossing_points
from rdh_engine.poe.status import CLOSED, OPEN, PARTIAL

DATA = "tests/data/poe"
PENALTY_H = 12.0


@pytest.fixture(scope="module")
def world(sample_data, repo):
    path = sample_data / "real" / "roads.gpkg"
    crossings = gpd.read_file(path, layer="border_crossings_derived")
    net = build_network(read_roads(path), crossings=crossings)
    places = read_places(sample_data / "real" / "places_geonames.csv")
    poe = read_poe(repo / DATA / "poe.csv")
    od = locate_od(read_od(repo / DATA / "od.csv"), places, net, poe=poe)
    return net, crossings, places, poe, od


def reference(net, od, edge_state, end_closed, penalty_h=PENALTY_H):
    """networkx: per OD km along the fastest route (None if stranded), and edge volumes."""
    e = net.edges
    g = nx.Graph()
    g.add_nodes_from(range(net.graph.n_nodes))
    for eid, u, v, w in zip(e["edge_id"], e["u"], e["v"], e["cost_h"]):
        if edge_state[eid] == CLOSED:
            continue
        w = w + (penalty_h if edge_state[eid] == PARTIAL else 0.0)
        if not g.has_edge(u, v) or w < g[u][v]["w"]:  # parallel links: the faster one
            g.add_edge(u, v, w=w, eid=eid)
    km = []
    volume = np.zeros(len(e))
    for k, (s, t, flow) in enumerate(zip(od["origin_node"], od["dest_node"], od["flow"])):
        if end_closed[k] or not nx.has_path(g, s, t):
            km.append(None)
            continue
        path = nx.dijkstra_path(g, s, t, weight="w")
        ids = [g[a][b]["eid"] for a, b in zip(path[:-1], path[1:])]
        km.append(float(e["length_km"].to_numpy()[ids].sum()))
        volume[ids] += flow
    return km, volume


def edge_states(analysis, codes):
    """Independent of the model: a border edge is as open as the most open PoE matched to it."""
    state = np.full(analysis.model.graph.n_edges, OPEN)
    by_edge = {}
    for p, eid in analysis.match.edge_poe:
        by_edge.setdefault(eid, []).append(codes[p])
    for eid, c in by_edge.items():
        state[eid] = min(c)
    return state


def ends_closed(analysis, codes):
    index = {p: i for i, p in enumerate(analysis.poe_ids)}
    return np.array([any(isinstance(p, str) and codes[index[p]] == CLOSED for p in (o, d))
                     for o, d in zip(analysis.od["origin_poe"], analysis.od["dest_poe"])])


SCENARIOS = {
    "2020-04-15": dict(date="2020-04-15"),
    "2020-08-20 (partial reopenings)": dict(date="2020-08-20"),
    "2021-03-01": dict(date="2021-03-01"),
    "Karang alone": dict(overrides={"SEN-GMB-KAR": "fully_closed"}),
    "Kidira and Moussala": dict(overrides={"SEN-MLI-KID": "fully_closed", "SEN-MLI-MOU": "fully_closed"}),
    "Rosso partially open": dict(overrides={"SEN-MRT-ROS": "partially_open"}),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_scenario_matches_networkx(world, repo, name):
    net, crossings, _, poe, od = world
    a = prepare(net, poe, od, crossings=crossings, partial_penalty_h=PENALTY_H)
    status = read_status(repo / DATA / "status.csv")
    base_codes = a.codes()
    codes = a.codes(status=status, **SCENARIOS[name])
    c = a.compare(base_codes, codes)
    table = c.od_table()
    base_km, base_vol = reference(net, a.od, edge_states(a, base_codes), ends_closed(a, base_codes))
    scen_km, scen_vol = reference(net, a.od, edge_states(a, codes), ends_closed(a, codes))
    stranded = [k is None for k in scen_km]
    assert table["stranded"].astype(bool).tolist() == stranded
    expected_extra = [np.nan if s is None else s - b for b, s in zip(base_km, scen_km)]
    np.testing.assert_allclose(table["extra_km"], expected_extra, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(table["scenario_km"], [np.nan if k is None else k for k in scen_km], rtol=1e-9)
    # diverted volumes: the change on every edge
    np.testing.assert_allclose(c.edge_table()["flow_change_persons_day"], scen_vol - base_vol, atol=1e-9)
    np.testing.assert_allclose(c.totals()["stranded"], a.od["flow"][stranded].sum())
    # sweeps re-route only the ODs a change touches: same answer as routing everyone again
    quick = a.model.evaluate(codes, baseline=c.baseline)
    np.testing.assert_array_equal(quick.stranded, c.scenario.stranded)
    np.testing.assert_allclose(quick.km, c.scenario.km, rtol=1e-12)
    np.testing.assert_allclose(quick.hours, c.scenario.hours, rtol=1e-12)
    np.testing.assert_allclose(quick.edge_volume(), c.scenario.edge_volume(), atol=1e-9)
    if name == "2020-04-15":  # the fixture makes this scenario bite: reroutes and strandings
        assert 0 < sum(stranded) < len(stranded)
        assert (table["extra_km"] > 100).any()


EXTRA_OD = pd.DataFrame({
    "origin": ["Banjul", "Serekunda", "Brikama", "Dakar", "Kolda",
               "Tripoli", "Benghazi", "Tobruk", "Misratah", "Cairo"],
    "destination": ["Dakar", "Ziguinchor", "Kaolack", "Kolda", "Ziguinchor", "Cairo", "Alexandria", "Marsa Matruh",
                    "Benghazi", "Giza"],
    "flow": [10.0, 20, 30, 40, 50, 60, 70, 80, 90, 100]})


@pytest.mark.parametrize("pair", [("SEN", "GMB"), ("EGY", "LBY")])
def test_closing_every_crossing_between_two_countries_strands_exactly_the_flows_without_another_route(world, pair):
    net, crossings, places, _, od = world
    pts = crossing_points(net, crossings)
    chosen = pts[[{a, b} == set(pair) for a, b in zip(pts["country_a"], pts["country_b"])]]
    wgs = chosen.to_crs("EPSG:4326")
    registry = gpd.GeoDataFrame({
        "poe_id": "X" + chosen["crossing_id"], "name": "crossing " + chosen["crossing_id"], "poe_type": "land",
        "country_iso3": pair[0], "neighbour_iso3": pair[1], "lon": wgs.geometry.x, "lat": wgs.geometry.y},
        geometry=wgs.geometry.values, crs="EPSG:4326").reset_index(drop=True)
    flows = pd.concat([od.loc[od["origin_poe"].isna() & od["dest_poe"].isna(), ["origin", "destination", "flow"]],
                       EXTRA_OD], ignore_index=True)
    placed = locate_od(flows, places, net)
    assert len(placed) == len(flows)
    a = prepare(net, registry, placed, crossings=crossings)
    assert a.match.table["matched"].all() and len(registry) >= 2
    c = a.compare(a.codes(), np.full(len(registry), CLOSED, np.int8))
    # independent: remove every border edge between the two countries; which ODs still connect?
    e = net.edges
    cut = e["border_crossing"].to_numpy() & np.array([{f, t} == set(pair)
                                                       for f, t in zip(e["country_from"], e["country_to"])])
    g = nx.MultiGraph()
    g.add_nodes_from(range(net.graph.n_nodes))
    g.add_edges_from(zip(e.loc[~cut, "u"], e.loc[~cut, "v"]))
    no_route = np.array([not nx.has_path(g, s, t) for s, t in zip(placed["origin_node"], placed["dest_node"])])
    table = c.od_table()
    assert table["stranded"].astype(bool).tolist() == no_route.tolist()
    assert c.totals()["stranded"] == pytest.approx(placed["flow"][no_route].sum())
    used_pair = table["baseline_poe"].map(len).to_numpy() > 0
    rerouted = used_pair & ~no_route
    assert (table.loc[rerouted, "extra_h"] > 0).all()
    if pair == ("EGY", "LBY"):  # Egypt hangs on Libya in this network: Libya-Egypt flows are cut off
        assert no_route.sum() == 3
    else:  # the Gambia is reached through Guinea-Bissau: everyone rerouted, nobody stranded
        assert no_route.sum() == 0 and rerouted.sum() >= 3


def test_timeline_rows_are_the_scenarios_of_their_dates(world, repo):
    from rdh_engine.poe import change_dates, status_on, timeline

    net, crossings, _, poe, od = world
    a = prepare(net, poe, od, crossings=crossings)
    status = read_status(repo / DATA / "status.csv")
    dates = change_dates(status, a.poe_ids, start="2020-03-01", end="2021-12-31")
    table = timeline(a, status, dates, a.codes())
    assert len(table) == len(dates) >= 10
    for row, date in zip(table.itertuples(), dates):
        on = status_on(status, date, a.poe_ids)
        assert row.n_fully_closed == (on == "fully_closed").sum()
        assert row.share_fully_closed == pytest.approx((on == "fully_closed").mean())
        totals = a.compare(a.codes(), a.codes(status=status, date=date)).totals()
        assert row.stranded == pytest.approx(totals["stranded"])
        assert row.extra_person_km == pytest.approx(totals["extra_person_km"])
    # closures peak in spring 2020 and ease by 2021 (the fixture's COBAP-like story)
    peak = table.loc[table["share_fully_closed"].idxmax(), "date"]
    assert "2020-03-23" <= peak <= "2020-07-14"
    assert table["stranded"].iloc[-1] < table["stranded"].max()
