"""Sweeps on a real dask.distributed LocalCluster give exactly the serial results."""
import geopandas as gpd
import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

from rdh_engine.io.sources import read_roads
from rdh_engine.network import build_network
from rdh_engine.poe import (change_dates, criticality, locate_od, prepare, read_od, read_places, read_poe,
                            read_status, run_sweep, timeline)

DATA = "tests/data/poe"


@pytest.fixture(scope="module")
def analysis(sample_data, repo):
    path = sample_data / "real" / "roads.gpkg"
    crossings = gpd.read_file(path, layer="border_crossings_derived")
    net = build_network(read_roads(path), crossings=crossings)
    poe = read_poe(repo / DATA / "poe.csv")
    od = locate_od(read_od(repo / DATA / "od.csv"), read_places(sample_data / "real" / "places_geonames.csv"), net,
                   poe=poe)
    return prepare(net, poe, od, crossings=crossings, partial_capacity=0.5), read_status(repo / DATA / "status.csv")


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster


def test_criticality_on_dask_equals_serial(analysis, cluster):
    a, status = analysis
    base = a.codes(status=status, date="2020-10-15")
    serial = criticality(a, base, top_pairs=4, scheduler="serial")
    with Client(cluster) as client:
        dist = criticality(a, base, top_pairs=4, client=client)
        workers = client.scheduler_info()["workers"]
        assert len(workers) == 2
    pd.testing.assert_frame_equal(pd.DataFrame(serial[0]), pd.DataFrame(dist[0]), check_exact=True)
    pd.testing.assert_frame_equal(serial[1], dist[1], check_exact=True)
    assert len(serial[0]) == len(a.active_poes()) and len(serial[1]) == 6
    assert serial[0]["extra_person_km"].max() > 0


def test_timeline_through_a_scheduler_address_equals_serial(analysis, cluster):
    a, status = analysis
    dates = change_dates(status, a.poe_ids, start="2020-03-01", end="2021-12-31")
    base = a.codes()
    serial = timeline(a, status, dates, base, scheduler="serial")
    dist = timeline(a, status, dates, base, scheduler=cluster.scheduler_address)
    pd.testing.assert_frame_equal(serial, dist, check_exact=True)
    assert serial["stranded"].max() > 0 and serial["share_fully_closed"].max() > 0.5


def test_the_model_is_scattered_once_to_every_worker(analysis, cluster):
    a, status = analysis
    base_routes = a.model.evaluate(a.codes())
    scenarios = [a.codes(status=status, date=d) for d in ("2020-04-15", "2020-08-20", "2021-03-01")] * 4
    with Client(cluster) as client:
        sent = []
        scatter = client.scatter

        def counting_scatter(data, **kw):
            sent.append(kw.get("broadcast"))
            return scatter(data, **kw)

        client.scatter = counting_scatter  # observe the real call, do not replace it
        out = run_sweep(a.model, base_routes, scenarios, client=client)
    assert sent == [True]
    assert out == run_sweep(a.model, base_routes, scenarios)


def test_monte_carlo_on_dask_equals_serial_and_is_reproducible(analysis, cluster):
    from rdh_engine.poe import monte_carlo

    a, status = analysis
    codes, base = a.codes(status=status, date="2020-08-20"), a.codes()
    serial = monte_carlo(a, codes, base, runs=12, p_uncertain=0.3, seed=5)
    with Client(cluster) as client:
        dist = monte_carlo(a, codes, base, runs=12, p_uncertain=0.3, seed=5, client=client)
    pd.testing.assert_frame_equal(serial, dist, check_exact=True)
    assert serial["stranded"].nunique() > 1  # the draws matter
    certain = monte_carlo(a, codes, base, runs=3, p_uncertain=0.0, seed=1)
    expected = a.compare(base, codes).totals()
    for key, value in expected.items():
        assert certain[key].tolist() == pytest.approx([value] * 3)
