"""The OSM reader builds the expected network from a small .osm.pbf written by the test (pyosmium)."""
import numpy as np
import pytest

osmium = pytest.importorskip("osmium")

from rdh_engine.errors import InputNotFoundError  # noqa: E402
from rdh_engine.io.osm import read_osm_roads  # noqa: E402
from rdh_engine.network import build_network  # noqa: E402


def write_pbf(path):
    """A cross-shaped junction, a bridge over one arm, a footway, steps and a building.

        1 --- 2 --- 3        way 10 (primary) 1-2-3, way 11 (residential) 4-2-5: junction at node 2
              |              way 12 (trunk bridge) 6-7 crosses way 11 between 2 and 5, sharing no node
        6 ----+---- 7        way 13 (footway) 3-8: kept as a path; way 14 (steps) 8-9: left out
              |              way 15 (building) 20-21-22-20: not a road
              5
    """
    nodes = {1: (0.0, 0.0), 2: (0.01, 0.0), 3: (0.02, 0.0), 4: (0.01, 0.01), 5: (0.01, -0.02),
             6: (0.0, -0.01), 7: (0.02, -0.01), 8: (0.03, 0.0), 9: (0.04, 0.0),
             20: (0.05, 0.05), 21: (0.051, 0.05), 22: (0.051, 0.051)}
    ways = {10: ([1, 2, 3], {"highway": "primary", "name": "Route Nationale 1", "surface": "asphalt"}),
            11: ([4, 2, 5], {"highway": "residential"}),
            12: ([6, 7], {"highway": "trunk", "bridge": "yes"}),
            13: ([3, 8], {"highway": "footway"}),
            14: ([8, 9], {"highway": "steps"}),
            15: ([20, 21, 22, 20], {"building": "yes"})}
    with osmium.SimpleWriter(str(path)) as writer:
        for nid, (lon, lat) in nodes.items():
            writer.add_node(osmium.osm.mutable.Node(id=nid, location=(lon, lat), tags={}))
        for wid, (refs, tags) in ways.items():
            writer.add_way(osmium.osm.mutable.Way(id=wid, nodes=refs, tags=tags))


def test_osm_pbf_gives_segments_split_at_shared_nodes(tmp_path):
    pbf = tmp_path / "roads.osm.pbf"
    write_pbf(pbf)
    roads = read_osm_roads(pbf)
    assert roads.crs.to_epsg() == 4326
    pieces = sorted(zip(roads["osm_way_id"], roads["road_class"]))
    # way 10 and 11 split at node 2 (two pieces each); the bridge, the footway whole; steps and building out
    assert pieces == [(10, "primary"), (10, "primary"), (11, "residential"), (11, "residential"), (12, "trunk"),
                      (13, "path")]
    assert set(roads.loc[roads["osm_way_id"] == 10, "name"]) == {"Route Nationale 1"}
    assert roads.loc[roads["osm_way_id"] == 12, "bridge"].item() == "yes"

    net = build_network(roads, snap_tolerance_m=1.0)
    g = net.graph
    # nodes: 1, 2, 3, 4, 5, 6, 7, 8 (the bridge ends are their own component: it crosses, never joins)
    assert g.n_nodes == 8 and g.n_edges == 6
    assert len(net.components) == 2
    xy = np.column_stack([net.nodes.to_crs(4326).geometry.x, net.nodes.to_crs(4326).geometry.y])
    node_at = {tuple(np.round(p, 4)): i for i, p in enumerate(xy)}
    a, b = node_at[(0.0, 0.0)], node_at[(0.03, 0.0)]  # node 1 to node 8 through the junction
    path = g.shortest_path(a, b)
    assert len(path.edges) == 3
    assert g.shortest_path(node_at[(0.0, -0.01)], a) is None  # the bridge is not connected below


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputNotFoundError):
        read_osm_roads(tmp_path / "nothing.osm.pbf")
