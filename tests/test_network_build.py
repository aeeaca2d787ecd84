"""Building the road network from lines: real sample roads, topology on small synthetic cases, snapping, cache."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from rdh_engine.errors import CRSError
from rdh_engine.io.sources import read_roads
from rdh_engine.io.tables import points_from_lonlat
from rdh_engine.network import METRIC_CRS, build_network


@pytest.fixture(scope="module")
def sample_roads(sample_data):
    path = sample_data / "real" / "roads.gpkg"
    return read_roads(path), gpd.read_file(path, layer="border_crossings_derived")


@pytest.fixture(scope="module")
def sample_net(sample_roads):
    roads, crossings = sample_roads
    return build_network(roads, crossings=crossings)


def test_sample_roads_build_into_one_component(sample_net, sample_roads):
    roads, _ = sample_roads
    net = sample_net
    assert net.graph.n_edges >= len(roads) and net.graph.n_nodes > 900
    assert len(net.components) == 1 and net.components.loc[0, "n_nodes"] == net.graph.n_nodes
    assert net.edges.crs == METRIC_CRS
    e = net.edges
    assert (e["length_km"] > 0).all() and (e["travel_time_h"] > 0).all()
    np.testing.assert_allclose(e["length_km"].sum(), roads["length_km"].sum(), rtol=1e-9)
    np.testing.assert_allclose(e["cost_h"], e["travel_time_h"] + e["penalty_h"])


def test_border_edges_carry_the_crossing_ids(sample_net, sample_roads):
    roads, crossings = sample_roads
    border = sample_net.edges[sample_net.edges["border_crossing"]]
    assert len(border) >= crossings["edge_id"].nunique()
    assert border["poe_id"].notna().all()
    # the PoE id placeholder is the crossing point's edge_id (no PoE registry yet)
    assert set(border["poe_id"]) == set(crossings["edge_id"].astype(str))
    assert (border["country_from"] != border["country_to"]).all()
    assert (border["penalty_h"] > 0).any()
    assert (sample_net.edges.loc[~sample_net.edges["border_crossing"], "penalty_h"] == 0).all()


def test_fmps_and_crossings_snap_onto_edges(sample_net, sample_data, sample_roads, caplog):
    _, crossings = sample_roads
    fmp = pd.read_csv(sample_data / "real" / "fmp_locations_named.csv")
    located = fmp.dropna(subset=["lon", "lat"])
    snapped = sample_net.snap(points_from_lonlat(located), tolerance_m=200_000, id_column="fmp_name")
    assert (snapped["edge_id"] >= 0).all(), snapped
    assert snapped["fraction"].between(0, 1).all()
    on_edge = sample_net.edges.geometry.values[snapped["edge_id"].to_numpy()].distance(snapped.geometry.values)
    assert (on_edge < 1e-3).all()  # a point ON the edge
    poe = sample_net.snap(crossings, tolerance_m=100_000, id_column="edge_id")
    assert (poe["edge_id"] >= 0).all() and poe["snap_distance_m"].median() < 1.0
    # towns without coordinates, or a tight tolerance, give a warning naming them
    sample_net.snap(points_from_lonlat(fmp), tolerance_m=1_000, id_column="fmp_name")
    assert "were not snapped" in caplog.text and "Séguédine" in caplog.text


def lines_gdf(lines, crs="EPSG:32631", **cols):
    return gpd.GeoDataFrame(cols, geometry=[LineString(c) for c in lines], crs=crs)


def test_snapping_tolerance_t_junctions_and_crossings():
    roads = lines_gdf([
        [(0, 0), (1000, 0)],           # 0: main road
        [(1003, 2), (2000, 0)],        # 1: starts 3.6 m from road 0's end
        [(500, 1), (500, 800)],        # 2: T-junction onto road 0's interior
        [(1500, -500), (1500, 500)],   # 3: crosses road 1 without a shared vertex
    ], road_class=["primary", "primary", "track", "track"])
    net = build_network(roads, crs="EPSG:32631", snap_tolerance_m=5.0)
    assert net.graph.n_edges == 5  # road 0 split at the T
    assert len(net.components) == 2  # road 3 only crosses (no split requested)
    crossed = build_network(roads, crs="EPSG:32631", snap_tolerance_m=5.0, split_crossings=True)
    assert crossed.graph.n_edges == 7 and len(crossed.components) == 1
    e = net.edges.sort_values("edge_id")
    t = e.loc[e["source_row"] == 2, "travel_time_h"].iloc[0]
    assert t == pytest.approx(e.loc[e["source_row"] == 2, "length_km"].iloc[0] / 20.0)  # track speed
    dist, _ = crossed.graph.shortest_paths([0])
    assert np.isfinite(dist).all()


def test_disconnected_network_is_reported(caplog):
    roads = lines_gdf([[(0, 0), (100, 0)], [(0, 500), (100, 500)]])
    net = build_network(roads, crs="EPSG:32631")
    assert list(net.components["n_nodes"]) == [2, 2]
    assert "2 connected components" in caplog.text


def test_crs_is_checked():
    roads = lines_gdf([[(0, 0), (1, 0)]])
    with pytest.raises(CRSError, match="no CRS"):
        build_network(roads.set_crs(None, allow_override=True))
    with pytest.raises(CRSError, match="projected"):
        build_network(roads, crs="EPSG:4326")


def test_border_penalty_and_nearest_crossing():
    roads = lines_gdf([[(0, 0), (1000, 0)], [(1000, 0), (2000, 0)]], crs="EPSG:32631",
                      country_from=["NER", "NER"], country_to=["NER", "NGA"], travel_time_h=[1.0, 1.0])
    crossings = gpd.GeoDataFrame({"poe_id": ["P1"]}, geometry=[Point(1990, 5)], crs="EPSG:32631")
    net = build_network(roads, crs="EPSG:32631", border_penalty_h=2.5, crossings=crossings)
    e = net.edges.set_index("source_row")
    assert list(e["border_crossing"]) == [False, True] and e.loc[1, "poe_id"] == "P1"
    assert list(e["cost_h"]) == [1.0, 3.5]
    assert net.graph.without_edges([int(e.loc[1, "edge_id"])]).shortest_paths([0])[0].max() == np.inf


def test_cache_is_reused_and_keyed_by_parameters(tmp_path, caplog, sample_roads):
    roads, _ = sample_roads
    roads = roads.iloc[:200]
    first = build_network(roads, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.graph"))) == 1
    caplog.set_level("INFO", logger="rdh_engine")
    again = build_network(roads, cache_dir=tmp_path)
    assert "loaded from cache" in caplog.text
    assert isinstance(again.graph.csr()[0], np.memmap)  # the graph arrays are memory-mapped
    np.testing.assert_array_equal(again.graph.shortest_paths([0, 5])[0], first.graph.shortest_paths([0, 5])[0])
    pd.testing.assert_frame_equal(pd.DataFrame(again.edges.drop(columns="geometry")),
                                  pd.DataFrame(first.edges.drop(columns="geometry")))
    build_network(roads, cache_dir=tmp_path, snap_tolerance_m=10.0)
    assert len(list(tmp_path.glob("*.graph"))) == 2


def test_proposed_links_can_be_left_out():
    """Links flagged as proposed (straight-line placeholders) are dropped with include_proposed=False."""
    roads = gpd.GeoDataFrame(
        {"road_class": ["trunk", "trunk", "proposed"]},
        geometry=[LineString([(0, 0), (1, 0)]), LineString([(1, 0), (2, 0)]), LineString([(0, 0), (2, 1)])],
        crs="EPSG:4326")
    kept = build_network(roads)
    dropped = build_network(roads, include_proposed=False)
    assert len(kept.edges) == 3 and len(dropped.edges) == 2
    assert dropped.parameters["include_proposed"] is False
