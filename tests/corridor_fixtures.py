"""A small road network in Niger with named towns, for corridor tests (coordinates in lon/lat).

    Agadez (A) --- Tchirozerine (T) --- Arlit (R)          A-T-R: the direct road
        \\                               /
         `----- Ingall (I) -------------'                 A-I-R: a longer parallel road
    Zinder (Z) --- Agadez                                 Z-A: feeder
"""
import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial import distance_matrix
from shapely.geometry import LineString

from rdh_engine.network import build_network

TOWNS = {  # name: (lon, lat, population)
    "Agadez": (7.99, 16.97, 110_000), "Tchirozerine": (7.85, 17.25, 20_000), "Arlit": (7.39, 18.74, 80_000),
    "Ingall": (6.91, 16.78, 50_000), "Zinder": (8.99, 13.81, 320_000),
}
ROADS = [("Zinder", "Agadez"), ("Agadez", "Tchirozerine"), ("Tchirozerine", "Arlit"),
         ("Agadez", "Ingall"), ("Ingall", "Arlit")]


def places():
    return pd.DataFrame([{"name": n, "lon": x, "lat": y, "population": p, "country_iso3": "NER",
                          "alt_names": "Agades" if n == "Agadez" else ""} for n, (x, y, p) in TOWNS.items()])


def roads():
    lines = [LineString([TOWNS[a][:2], TOWNS[b][:2]]) for a, b in ROADS]
    return gpd.GeoDataFrame({"road_class": "primary", "name": [f"{a}-{b}" for a, b in ROADS]},
                            geometry=lines, crs="EPSG:4326")


def fmp(*names, towns=None):
    where = {n: TOWNS[n][:2] for n in TOWNS} if towns is None else dict(zip(towns["name"], zip(towns["lon"], towns["lat"])))
    return pd.DataFrame([{"fmp_id": f"FMP-{n[:3].upper()}", "name": n, "country_iso3": "NER",
                          "lon": where[n][0], "lat": where[n][1]} for n in names])


def counts(rows):
    """rows: (fmp town, date, origin, destination, count[, next_stop])."""
    out = []
    for r in rows:
        rec = {"fmp_id": f"FMP-{r[0][:3].upper()}", "date": r[1], "origin": r[2], "destination": r[3], "count": r[4]}
        if len(r) > 5:
            rec["next_stop"] = r[5]
        out.append(rec)
    return pd.DataFrame(out)


def write_inputs(folder, counts_table):
    """The files `rdh corridors` reads, written into ``folder``: roads.gpkg, places.csv, fmp.csv
    (FMPs at Agadez and Tchirozerine) and ``counts_table`` as counts.csv."""
    roads().to_file(folder / "roads.gpkg", layer="roads")
    places().to_csv(folder / "places.csv", index=False)
    fmp("Agadez", "Tchirozerine").to_csv(folder / "fmp.csv", index=False)
    counts_table.to_csv(folder / "counts.csv", index=False)
    return folder


def random_network(rng, n=14):
    """Towns at random in central Niger joined by a spanning tree plus each town's 2 nearest links."""
    xy = np.column_stack([rng.uniform(5.0, 9.0, n), rng.uniform(13.5, 17.5, n)])
    towns = pd.DataFrame({"name": [f"T{i:02d}" for i in range(n)], "lon": xy[:, 0], "lat": xy[:, 1],
                          "population": rng.integers(5_000, 200_000, n), "country_iso3": "NER"})
    dist = distance_matrix(xy, xy)
    links = {tuple(sorted(p)) for p in zip(*minimum_spanning_tree(dist).nonzero())}
    for i in range(n):
        for j in np.argsort(dist[i])[1:3]:
            links.add(tuple(sorted((i, int(j)))))
    lines = [LineString([xy[a], xy[b]]) for a, b in sorted(links)]
    roads = gpd.GeoDataFrame({"road_class": rng.choice(["primary", "secondary", "track"], len(lines))},
                             geometry=lines, crs="EPSG:4326")
    return build_network(roads), towns


def networkx_volumes(network, towns, counts, fmps):
    """Reference all-or-nothing volumes: each count routed origin -> FMP -> destination with networkx."""
    g = nx.MultiGraph()
    for e in network.edges.itertuples():
        g.add_edge(e.u, e.v, key=e.edge_id, weight=e.cost_h)
    node_of = _nearest_nodes(network, towns)
    fmp_node = {f"FMP-{name[:3].upper()}": node_of[name] for name in fmps}
    days = (pd.to_datetime(counts["date"]).max() - pd.to_datetime(counts["date"]).min()).days + 1
    volumes = {}
    for row in counts.itertuples():
        stops = [node_of[row.origin], fmp_node[row.fmp_id], node_of[row.destination]]
        for a, b in zip(stops[:-1], stops[1:]):
            path = nx.shortest_path(g, a, b, weight="weight")
            for x, y in zip(path[:-1], path[1:]):
                key = min(g[x][y], key=lambda k: g[x][y][k]["weight"])
                volumes[key] = volumes.get(key, 0.0) + row.count / days
    return volumes


def _nearest_nodes(network, towns):
    pts = gpd.GeoDataFrame(towns, geometry=gpd.points_from_xy(towns["lon"], towns["lat"]), crs="EPSG:4326")
    pts = pts.to_crs(network.crs)
    return {name: int(network.nodes.distance(p).idxmin()) for name, p in zip(towns["name"], pts.geometry)}
