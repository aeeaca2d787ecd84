"""The PoE registry (contract kind ``poe``) matched to the road network.

Land PoEs are matched to the network's border-crossing edges: the crossing the registry names in an
``edge_id`` column when it has one, else the nearest crossing within ``tolerance_m`` (between the
PoE's two countries when ``neighbour_iso3`` is given); crossings lying
within ``colocated_m`` of that one go with it (parallel carriageways, duplicated links). Airports,
sea and river ports are matched to the nearest network node: they are *special nodes*, the ends of
flows that name them. PoEs with nothing within reach are reported as unmatched and play no part.

Where the network was built with crossing points (``build_network(crossings=...)``), each border
edge carries the crossing's id in ``poe_id``; a crossing is then the set of edges sharing that id.
"""
import logging
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..errors import EmptyResultError, ParameterError
from ..io.schemas import validate
from ..io.tables import points_from_lonlat, read_table

log = logging.getLogger(__name__)

NODE_TYPES = ("airport", "sea", "river")


def read_poe(path):
    """Read and validate a PoE registry (CSV/XLSX/GPKG) as WGS84 points."""
    table = read_table(path)
    if isinstance(table, gpd.GeoDataFrame):
        table = pd.DataFrame(table.drop(columns=table.geometry.name))
    poe = validate(table, "poe", path=path)
    poe["poe_id"] = poe["poe_id"].astype(str)
    return points_from_lonlat(poe.reset_index(drop=True))


@dataclass
class PoeMatch:
    """How each registry PoE sits on the network.

    ``table``: one row per PoE (registry order) with ``poe_id``, ``poe_type``, ``matched`` (bool),
    ``match`` (``crossing``/``node``/``none``), ``crossing_id``, ``n_edges``, ``node_id`` (-1 if none),
    ``match_distance_m``. ``edges``: (poe index, edge id) pairs, sorted.
    """

    table: pd.DataFrame
    edge_poe: np.ndarray  # (k, 2) rows of (poe index, edge id)

    @property
    def unmatched(self):
        return self.table[~self.table["matched"]]

    def edges_of(self, i):
        return self.edge_poe[self.edge_poe[:, 0] == i, 1]


def crossing_points(network, crossings=None):
    """One point per crossing (metric CRS) with ``crossing_id`` and the countries on either side.

    From ``crossings`` (points with the id the network's border edges carry, e.g. the layer
    ``border_crossings_derived`` with ``edge_id``) when given; otherwise each border edge is its own
    crossing, located at its midpoint."""
    edges = network.edges
    border = edges[edges["border_crossing"]]
    if crossings is not None:
        id_col = "poe_id" if "poe_id" in crossings else "edge_id"
        pts = crossings.to_crs(network.crs)
        out = gpd.GeoDataFrame({"crossing_id": pts[id_col].astype(str).to_numpy()}, geometry=pts.geometry.values,
                               crs=network.crs)
        countries = border.dropna(subset=["poe_id"]).drop_duplicates("poe_id").set_index("poe_id")
        out["country_a"] = out["crossing_id"].map(countries["country_from"])
        out["country_b"] = out["crossing_id"].map(countries["country_to"])
        return out[out["crossing_id"].isin(countries.index)].reset_index(drop=True)
    ids = border["poe_id"].where(border["poe_id"].notna(), "edge:" + border["edge_id"].astype(str))
    mid = shapely.line_interpolate_point(border.geometry.values, 0.5, normalized=True)
    return gpd.GeoDataFrame({"crossing_id": ids.astype(str).to_numpy(),
                             "country_a": border["country_from"].to_numpy(),
                             "country_b": border["country_to"].to_numpy()},
                            geometry=mid, crs=network.crs).drop_duplicates("crossing_id").reset_index(drop=True)


def _named_crossing(pts, i, crossing_index):
    """The crossing a registry row names in an ``edge_id`` column (the roads' crossing id), if any."""
    if "edge_id" not in pts:
        return None
    value = pts["edge_id"].iloc[i]
    if pd.isna(value):
        return None
    key = str(int(value)) if isinstance(value, (int, float, np.integer, np.floating)) else str(value)
    return crossing_index.get(key)


def crossing_edges(network):
    """``{crossing_id: edge ids}`` for the network's border edges (see :func:`crossing_points`)."""
    border = network.edges[network.edges["border_crossing"]]
    ids = border["poe_id"].where(border["poe_id"].notna(), "edge:" + border["edge_id"].astype(str))
    return {str(k): g.to_numpy() for k, g in border["edge_id"].groupby(ids.astype(str))}


def match_registry(network, poe, *, crossings=None, tolerance_m=25_000.0, node_tolerance_m=50_000.0,
                   colocated_m=1_000.0):
    """Match registry PoEs (GeoDataFrame from :func:`read_poe`) to the network; see the module doc."""
    for name, value in (("tolerance_m", tolerance_m), ("node_tolerance_m", node_tolerance_m),
                        ("colocated_m", colocated_m)):
        if not value >= 0:
            raise ParameterError(f"{name} must be >= 0, got {value}")
    pts = poe.to_crs(network.crs)
    points = crossing_points(network, crossings)
    edges_by_crossing = crossing_edges(network)
    n = len(pts)
    table = pd.DataFrame({"poe_id": pts["poe_id"].astype(str).to_numpy(), "poe_type": pts["poe_type"].to_numpy(),
                          "matched": False, "match": "none", "crossing_id": None, "n_edges": 0, "node_id": -1,
                          "match_distance_m": np.nan})
    pairs = []
    is_node = table["poe_type"].isin(NODE_TYPES).to_numpy()
    land = np.flatnonzero(~is_node)
    if len(land) and not len(points):
        raise EmptyResultError(
            f"the road network has no border crossing, so none of the {len(land)} land PoE(s) of the registry "
            "can be matched: give roads whose border edges are flagged (column cross_border or border_crossing) "
            "or a border_crossings_derived points layer in the roads file")
    cross_geoms = points.geometry.values
    pair_key = [frozenset((a, b)) for a, b in zip(points["country_a"], points["country_b"])]
    crossing_index = {c: k for k, c in enumerate(points["crossing_id"])}
    for i in land:
        g = pts.geometry.values[i]
        d = shapely.distance(cross_geoms, g)
        ok = d <= tolerance_m
        neighbour = pts["neighbour_iso3"].iloc[i] if "neighbour_iso3" in pts else None
        if isinstance(neighbour, str) and neighbour:
            want = frozenset((pts["country_iso3"].iloc[i], neighbour))
            ok &= np.array([k == want for k in pair_key])
        named = _named_crossing(pts, i, crossing_index)
        if named is not None:  # the registry names its crossing: trust it over distance
            best = named
            ok = np.ones(len(d), bool)
        elif ok.any():
            best = np.flatnonzero(ok)[np.argmin(d[ok])]
        else:
            continue
        near = np.flatnonzero(ok & (shapely.distance(cross_geoms, cross_geoms[best]) <= colocated_m))
        ids = points["crossing_id"].to_numpy()[near]
        edge_ids = np.unique(np.concatenate([edges_by_crossing[c] for c in ids]))
        pairs.extend((i, e) for e in edge_ids)
        table.loc[i, ["matched", "match", "crossing_id", "n_edges", "match_distance_m"]] = [
            True, "crossing", ";".join(ids), len(edge_ids), float(d[best])]
    if is_node.any():
        nodes = network.nodes.geometry.values
        tree = shapely.STRtree(nodes)
        idx = np.flatnonzero(is_node)
        (p_i, n_i), d = tree.query_nearest(pts.geometry.values[idx], max_distance=node_tolerance_m,
                                          return_distance=True, all_matches=False)
        rows = idx[p_i]
        table.loc[rows, "matched"] = True
        table.loc[rows, "match"] = "node"
        table.loc[rows, "node_id"] = network.nodes["node_id"].to_numpy()[n_i]
        table.loc[rows, "match_distance_m"] = d
    missed = table[~table["matched"]]
    if len(missed):
        log.warning("%d of %d PoE(s) match no border crossing (within %.0f m) or node (within %.0f m) and are "
                    "left out: %s", len(missed), n, tolerance_m, node_tolerance_m, ", ".join(missed["poe_id"][:20]))
    edge_poe = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    return PoeMatch(table=table, edge_poe=edge_poe)


__all__ = ["NODE_TYPES", "PoeMatch", "crossing_edges", "crossing_points", "match_registry", "read_poe"]
