"""Corridor reconstruction on a small Niger network whose answers are known by hand, and against an
independent networkx assignment on random legs."""
import numpy as np
import pytest

from rdh_engine.corridors.estimate import ipf
from rdh_engine.corridors.reconstruct import reconstruct
from rdh_engine.errors import ParameterError
from rdh_engine.network import build_network

from . import corridor_fixtures as F


@pytest.fixture(scope="module")
def network():
    return build_network(F.roads())


def edge_between(network, a, b):
    """Edge id of the fixture road between towns a and b."""
    return F.ROADS.index((a, b)) if (a, b) in F.ROADS else F.ROADS.index((b, a))


def flows(result):
    return dict(zip(result.edge_flows["edge_id"], result.edge_flows["flow_persons_day"]))


def test_one_fmp_complete_declarations_follow_the_shortest_road(network):
    counts = F.counts([("Agadez", "2020-01-01", "Zinder", "Arlit", 31), ("Agadez", "2020-01-15", "Zinder", "Arlit", 31)])
    result = reconstruct(network, F.fmp("Agadez"), counts, F.places(), period="month", n_boot=0)
    on_route = {edge_between(network, *p) for p in [("Zinder", "Agadez"), ("Agadez", "Tchirozerine"),
                                                    ("Tchirozerine", "Arlit")]}
    assert set(flows(result)) == on_route
    assert all(v == pytest.approx(2.0) for v in flows(result).values())  # 62 persons / 31 days
    fmp = result.fmp_points.set_index("fmp_id")
    assert fmp.loc["FMP-AGA", "observed"] == pytest.approx(2.0)
    assert fmp.loc["FMP-AGA", "residual"] == pytest.approx(0.0)


def test_next_stop_is_a_waypoint(network):
    counts = F.counts([("Agadez", "2020-01-01", "Zinder", "Arlit", 31, "Ingall")])
    result = reconstruct(network, F.fmp("Agadez"), counts, F.places(), period="month", n_boot=0)
    assert edge_between(network, "Agadez", "Ingall") in flows(result)
    assert edge_between(network, "Agadez", "Tchirozerine") not in flows(result)


def test_travellers_counted_at_two_fmps_on_one_route_are_not_double_counted(network):
    counts = F.counts([("Agadez", "2020-01-01", "Zinder", "Arlit", 30),
                       ("Tchirozerine", "2020-01-01", "Zinder", "Arlit", 32)])
    result = reconstruct(network, F.fmp("Agadez", "Tchirozerine"), counts, F.places(), period="month", n_boot=0)
    assert flows(result)[edge_between(network, "Zinder", "Agadez")] == pytest.approx(31 / 31)
    assert result.od_flows["flow_persons_day"].sum() == pytest.approx(1.0)


def test_fmps_on_separate_routes_count_different_travellers(network):
    counts = F.counts([("Tchirozerine", "2020-01-01", "Agadez", "Arlit", 31),
                       ("Ingall", "2020-01-01", "Agadez", "Arlit", 62)])
    result = reconstruct(network, F.fmp("Tchirozerine", "Ingall"), counts, F.places(), period="month", n_boot=0)
    assert result.od_flows["flow_persons_day"].sum() == pytest.approx(3.0)
    assert flows(result)[edge_between(network, "Agadez", "Ingall")] == pytest.approx(2.0)


def test_partly_declared_counts_are_shared_out_and_mass_is_conserved(network):
    counts = F.counts([("Agadez", "2020-01-01", "Zinder", "Arlit", 20), ("Agadez", "2020-01-01", "Zinder", "Ingall", 10),
                       ("Agadez", "2020-01-02", "Zinder", "unknown", 30), ("Agadez", "2020-01-02", "", "Arlit", 3)])
    result = reconstruct(network, F.fmp("Agadez"), counts, F.places(), period="month", n_boot=0)
    od = result.od_flows.set_index(["origin", "destination"])["flow_persons_day"]
    assert od.sum() * 31 == pytest.approx(63)
    # the unknown destinations follow the declared 2:1 split (IPF keeps the observed structure)
    assert od[("Zinder", "Arlit")] / od[("Zinder", "Ingall")] == pytest.approx(2.0, rel=0.15)
    fmp = result.fmp_points.set_index("fmp_id")
    assert fmp.loc["FMP-AGA", "assigned"] == pytest.approx(fmp.loc["FMP-AGA", "observed"])


def test_logit_over_k_routes_shares_flow_between_parallel_roads(network):
    counts = F.counts([("Agadez", "2020-01-01", "Agadez", "Arlit", 31)])
    result = reconstruct(network, F.fmp("Agadez"), counts, F.places(), period="month", n_boot=0, k=2,
                         theta_per_h=0.5)
    f = flows(result)
    direct = f[edge_between(network, "Agadez", "Tchirozerine")]
    detour = f[edge_between(network, "Agadez", "Ingall")]
    cost = network.edges["cost_h"].to_numpy()
    t_direct = cost[[edge_between(network, "Agadez", "Tchirozerine"), edge_between(network, "Tchirozerine", "Arlit")]].sum()
    t_detour = cost[[edge_between(network, "Agadez", "Ingall"), edge_between(network, "Ingall", "Arlit")]].sum()
    assert direct + detour == pytest.approx(1.0)
    assert detour / direct == pytest.approx(np.exp(-0.5 * (t_detour - t_direct)))


def test_closed_crossing_reroutes_flow_in_its_period(network):
    closed_edge = edge_between(network, "Tchirozerine", "Arlit")
    counts = F.counts([("Agadez", "2020-01-01", "Agadez", "Arlit", 31), ("Agadez", "2020-02-01", "Agadez", "Arlit", 29)])
    result = reconstruct(network, F.fmp("Agadez"), counts, F.places(), period="month", n_boot=0,
                         closures={"2020-02": [closed_edge]})
    by_period = result.edge_flows_by_period
    feb = set(by_period.loc[by_period["period"] == "2020-02", "edge_id"])
    jan = set(by_period.loc[by_period["period"] == "2020-01", "edge_id"])
    assert closed_edge in jan and closed_edge not in feb
    assert edge_between(network, "Ingall", "Arlit") in feb


def test_bootstrap_interval_brackets_the_estimate(network):
    rows = [("Agadez", f"2020-01-{d:02d}", "Zinder", "Arlit", c)
            for d, c in zip(range(1, 29), np.random.default_rng(1).poisson(40, 28))]
    result = reconstruct(network, F.fmp("Agadez"), F.counts(rows), F.places(), period="month", n_boot=300)
    e = result.edge_flows
    assert (e["flow_p05"] <= e["flow_persons_day"] + 1e-9).all() and (e["flow_persons_day"] <= e["flow_p95"] + 1e-9).all()
    assert (e["flow_p95"] > e["flow_p05"]).all()


def test_corridor_is_named_by_its_towns_and_carries_all_flow(network):
    counts = F.counts([("Agadez", "2020-01-01", "Zinder", "Arlit", 62)])
    result = reconstruct(network, F.fmp("Agadez"), counts, F.places(), period="month", n_boot=0)
    top = result.corridors.iloc[0]
    assert top["name"] == "Zinder – Agadez – Arlit"
    assert top["share"] == pytest.approx(1.0)
    assert top["length_km"] == pytest.approx(network.edges["length_km"].iloc[[0, 1, 2]].sum())
    series = result.corridor_series
    assert list(series["period"]) == ["2020-01"] and series["flow_persons_day"].iat[0] == pytest.approx(2.0)


def test_filters_keep_only_matching_counts(network):
    counts = F.counts([("Agadez", "2020-01-01", "Zinder", "Arlit", 31), ("Agadez", "2020-01-01", "Zinder", "Ingall", 62)])
    counts["flow_type"] = ["outgoing", "internal"]
    result = reconstruct(network, F.fmp("Agadez"), counts, F.places(), filters={"flow_type": ["outgoing"]}, n_boot=0)
    assert list(result.od_flows["destination"]) == ["Arlit"]
    with pytest.raises(ParameterError, match="cannot filter"):
        reconstruct(network, F.fmp("Agadez"), counts, F.places(), filters={"colour": ["red"]})


def test_ipf_matches_margins_and_keeps_a_consistent_seed():
    seed = np.array([[4.0, 2.0], [1.0, 3.0]])
    fitted = ipf(seed, np.array([6.0, 4.0]), np.array([5.0, 5.0]))
    assert fitted.sum(axis=1) == pytest.approx([6.0, 4.0])
    assert fitted.sum(axis=0) == pytest.approx([5.0, 5.0])
    assert ipf(seed, seed.sum(axis=1), seed.sum(axis=0)) == pytest.approx(seed)


@pytest.mark.parametrize("seed", range(5))
def test_all_or_nothing_volumes_match_networkx(seed):
    """Random town pairs through random FMPs on a random planar-ish network: same edge volumes as a
    reference built with networkx shortest paths on the same graph."""
    rng = np.random.default_rng(seed)
    network, towns = F.random_network(rng)
    names = list(towns["name"])
    fmps = rng.choice(names, size=3, replace=False)
    rows, seen = [], set()
    while len(rows) < 25:  # each OD pair at one FMP only, so no count is a repeat of another
        o, d = rng.choice(names, size=2, replace=False)
        if (o, d) not in seen:
            seen.add((o, d))
            rows.append((rng.choice(fmps), f"2021-03-{rng.integers(1, 29):02d}", o, d, int(rng.integers(1, 50))))
    counts = F.counts(rows)
    result = reconstruct(network, F.fmp(*fmps, towns=towns), counts, towns, period="all", n_boot=0)
    expected = F.networkx_volumes(network, towns, counts, fmps)
    got = dict(zip(result.edge_flows["edge_id"], result.edge_flows["flow_persons_day"]))
    assert set(got) == set(k for k, v in expected.items() if v > 0)
    for edge, value in expected.items():
        assert got.get(edge, 0.0) == pytest.approx(value, rel=1e-9, abs=1e-12)
