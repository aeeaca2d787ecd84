"""The real road network as a networkx graph, used to PLANT routes (independent of rdh_engine.network,
which is what gets scored against the planted truth)."""
from dataclasses import dataclass

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd

from ..io.sources import ISO2_TO_ISO3
from ._common import METRIC_CRS

TOWN_RADIUS_KM = 25.0  # a network node takes the name of the largest gazetteer place this close
BORDER_WAIT_MIN = 60.0  # people wait about an hour at a border (the edges' border_time is for freight)
TRACK_SPEED_KMH = 30.0  # "proposed" links (no OSRM route: Saharan tracks) are driven off-road


@dataclass
class Roads:
    edges: gpd.GeoDataFrame  # metric CRS, index = edge_id; "minutes" = planting weight
    nodes: gpd.GeoDataFrame  # metric CRS, index = node_id; columns name, country_iso3, population
    graph: nx.Graph          # weight = travel minutes incl. border waiting; attribute edge_id


def load_roads(roads_path, places):
    """Usable edges and nodes of the Trans-African network, nodes named after gazetteer towns."""
    edges = gpd.read_file(roads_path, layer="edges", engine="pyogrio")
    edges = edges.set_index("edge_id", drop=False).sort_index().to_crs(METRIC_CRS)
    track = edges["duration"].isna()
    edges.loc[track, "duration"] = edges.loc[track, "distance"] / 1000.0 / TRACK_SPEED_KMH * 60.0
    edges["minutes"] = edges["duration"] + np.where(edges["cross_border"].astype(bool), BORDER_WAIT_MIN, 0.0)
    nodes = gpd.read_file(roads_path, layer="nodes", engine="pyogrio").set_index("node_id", drop=False)
    nodes = nodes.sort_index().to_crs(METRIC_CRS)
    nodes = _name_nodes(nodes, places)
    graph = nx.Graph()
    graph.add_nodes_from(nodes.index.tolist())
    for rec in edges[["edge_id", "from_node", "to_node", "minutes", "distance"]].itertuples(index=False):
        graph.add_edge(int(rec.from_node), int(rec.to_node), weight=float(rec.minutes),
                       edge_id=int(rec.edge_id), km=float(rec.distance) / 1000.0)
    return Roads(edges=edges, nodes=nodes, graph=graph)


def gazetteer(places_path):
    """GeoNames places with a metric geometry; names used more than once are dropped, so every
    name the generator writes resolves to exactly one place."""
    raw = pd.read_csv(places_path, encoding="utf-8")
    places = pd.DataFrame({
        "name": raw["name"], "lon": raw["longitude"], "lat": raw["latitude"],
        "country_iso3": raw["country_code"].map(ISO2_TO_ISO3), "population": raw["population"].fillna(0),
        "feature_code": raw["feature_code"]})
    places = places[~places["name"].duplicated(keep=False) & places["country_iso3"].notna()]
    return gpd.GeoDataFrame(places, geometry=gpd.points_from_xy(places.lon, places.lat, crs=4326)
                            ).to_crs(METRIC_CRS).reset_index(drop=True)


def _name_nodes(nodes, places):
    # Among the places within the radius prefer the most populous (not just the nearest).
    within = gpd.sjoin(nodes[["geometry"]].set_geometry(nodes.buffer(TOWN_RADIUS_KM * 1000)),
                       places[["name", "country_iso3", "population", "geometry"]], predicate="contains")
    best = (within.reset_index().sort_values(["node_id", "population", "name"], ascending=[True, False, True])
            .drop_duplicates("node_id").set_index("node_id"))
    nodes = nodes.copy()
    nodes["name"] = best["name"].reindex(nodes.index)
    nodes["town_population"] = best["population"].reindex(nodes.index)
    nodes["country_iso3"] = nodes["iso3c"].where(nodes["iso3c"].notna(), best["country_iso3"].reindex(nodes.index))
    # One node per name: a town shared by two nodes keeps it on the nearer one only.
    nodes["dist_m"] = np.nan
    named = nodes["name"].notna()
    pts = places.set_index("name").geometry
    nodes.loc[named, "dist_m"] = [g.distance(pts[n]) for g, n in zip(nodes.geometry[named], nodes["name"][named])]
    dup = nodes[named].sort_values(["name", "dist_m"]).duplicated("name", keep="first")
    nodes.loc[dup[dup].index, "name"] = np.nan
    return nodes


def path_edges(graph, path_nodes):
    """Edge ids along a node path."""
    return [graph.edges[a, b]["edge_id"] for a, b in zip(path_nodes[:-1], path_nodes[1:])]
