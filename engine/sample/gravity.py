"""Planted origin-destination movements: a gravity model on town population and migrant stock,
routed on the real roads with networkx (independent of the engine's own routing).

Only OD pairs whose route passes at least one FMP counting edge are kept: for every FMP the
MOVEMENTS_PER_FMP strongest pairs through it, plus the TOP_PAIRS strongest overall.
"""
import networkx as nx
import numpy as np
import pandas as pd

from .roads import path_edges

MIN_TOWN_POPULATION = 40_000
MIN_MINUTES, MAX_MINUTES = 90.0, 4500.0   # 1.5 h .. 75 h of driving (incl. border waits)
DISTANCE_DECAY = 1.6
MOVEMENTS_PER_FMP = 3
TOP_PAIRS = 24
CROSS_BORDER_BASE = 0.1  # a border divides flows by ten, unless migrant stock says otherwise
STOCK_WEIGHT = 4.0


def migrant_stock_shares(stock_path, year=2020):
    """Share of each origin country's emigrants living in each destination country (UN DESA)."""
    stock = pd.read_csv(stock_path, encoding="utf-8")
    stock = stock[stock["year"] == year].groupby(["origin_iso3", "destination_iso3"])["stock"].sum()
    return stock / stock.groupby(level=0).transform("sum")


def plant_od_pairs(roads, counting_edges, stock_shares, *, countries):
    """OD pairs between towns with gravity weight, node path, edge path and FMPs on the path."""
    nodes = roads.nodes
    pop = np.fmax(nodes["population"].fillna(0), nodes["town_population"].fillna(0))
    towns = nodes[nodes["name"].notna() & (pop >= MIN_TOWN_POPULATION) & nodes["country_iso3"].isin(countries)]
    towns_pop = pop[towns.index]
    fmp_of_edge = {}
    for fmp, edge in counting_edges.items():
        fmp_of_edge.setdefault(int(edge), []).append(fmp)
    country = towns["country_iso3"].to_dict()
    name = towns["name"].to_dict()
    population = towns_pop.to_dict()
    shares = stock_shares.to_dict()
    pairs = []
    for o in towns.index:
        minutes, paths = nx.single_source_dijkstra(roads.graph, int(o), cutoff=MAX_MINUTES, weight="weight")
        fmps_to = _fmps_along_tree(roads.graph, minutes, paths, fmp_of_edge)
        for d in towns.index:
            if d == o or d not in minutes or minutes[d] < MIN_MINUTES or not fmps_to[d]:
                continue
            co, cd = country[o], country[d]
            border = 1.0 if co == cd else CROSS_BORDER_BASE + STOCK_WEIGHT * float(shares.get((co, cd), 0.0))
            weight = (population[o] * population[d]) ** 0.7 / (minutes[d] / 60.0) ** DISTANCE_DECAY * border
            pairs.append({"origin_node": int(o), "destination_node": int(d), "origin": name[o],
                          "destination": name[d], "origin_iso3": co, "destination_iso3": cd, "gravity": weight,
                          "travel_time_h": minutes[d] / 60.0, "node_path": paths[d], "fmp_path": list(fmps_to[d])})
    pairs = pd.DataFrame(pairs).sort_values(["gravity", "origin", "destination"], ascending=[False, True, True])
    keep = set(pairs.index[:TOP_PAIRS])
    for fmp in counting_edges.index:
        through = pairs[pairs["fmp_path"].map(lambda fs, f=fmp: f in fs)]
        keep.update(through.index[:MOVEMENTS_PER_FMP])
    chosen = pairs.loc[sorted(keep, key=list(pairs.index).index)].reset_index(drop=True)
    km = {data["edge_id"]: data["km"] for _, _, data in roads.graph.edges(data=True)}
    chosen["edge_path"] = chosen["node_path"].map(lambda nodes: path_edges(roads.graph, nodes))
    chosen["fmp_edges"] = chosen["fmp_path"].map(lambda fs: [int(counting_edges[f]) for f in fs])
    chosen["length_km"] = chosen["edge_path"].map(lambda es: sum(km[e] for e in es))
    return chosen


def _fmps_along_tree(graph, minutes, paths, fmp_of_edge):
    """FMPs passed on the way to every node of a shortest-path tree (parents before children)."""
    fmps = {}
    for node in sorted(minutes, key=minutes.get):
        path = paths[node]
        if len(path) == 1:
            fmps[node] = ()
            continue
        parent = path[-2]
        fmps[node] = fmps[parent] + tuple(fmp_of_edge.get(graph.edges[parent, node]["edge_id"], ()))
    return fmps
