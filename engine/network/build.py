"""Build a routable :class:`RoadNetwork` from road lines, and snap points (FMPs, PoEs, places) onto it.

Any CRS in; topology and snapping happen in one explicit metric CRS, by default ESRI:102023
(Africa Equidistant Conic: distances within ~1% over West and Central Africa, where tolerances in
metres must mean metres). Lengths are geodesic (WGS84 ellipsoid), so they do not depend on it.

Steps: line ends closer than ``snap_tolerance_m`` become one node; a line is split where another
line's end touches its interior (T-junction) and, with ``split_crossings``, where two lines cross
without a shared vertex (note: this also joins bridges to the roads below them); every piece keeps
its line's attributes, with the data's ``length_km``/``travel_time_h`` shared out by length.
"""
import hashlib
import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops
from pyproj import CRS, Geod
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ..errors import CRSError, ParameterError
from .graph import RoadGraph

log = logging.getLogger(__name__)

METRIC_CRS = "ESRI:102023"  # Africa Equidistant Conic
CACHE_VERSION = 2
_GEOD = Geod(ellps="WGS84")

# Free-flow speeds (km/h) by road class, and factors by surface, used when the data carries no
# travel time. Indicative values for the region's networks; override with ``speeds_kmh=``.
SPEEDS_KMH = {
    "motorway": 100.0, "trunk": 80.0, "primary": 70.0, "secondary": 55.0, "tertiary": 45.0,
    "unclassified": 35.0, "residential": 25.0, "track": 20.0, "path": 5.0, "proposed": 40.0,
}
DEFAULT_SPEED_KMH = 40.0
SURFACE_FACTOR = {"paved": 1.0, "asphalt": 1.0, "concrete": 1.0, "gravel": 0.75, "unpaved": 0.6,
                  "dirt": 0.5, "sand": 0.35, "ground": 0.5}


@dataclass
class RoadNetwork:
    """A built road network: the routable graph plus the tables that explain it.

    ``edges``: one row per graph edge (row i = edge id i) with ``edge_id``, ``u``, ``v``,
    ``length_km``, ``travel_time_h``, ``border_crossing``, ``country_from``, ``country_to``,
    ``poe_id``, ``penalty_h``, ``cost_h`` (the graph weight), ``source_row`` (the input line) and
    ``component``. ``nodes``: ``node_id``, ``component``. Both in :attr:`crs` (metric).
    """

    graph: RoadGraph
    edges: gpd.GeoDataFrame
    nodes: gpd.GeoDataFrame
    components: pd.DataFrame
    crs: str = METRIC_CRS
    parameters: dict = field(default_factory=dict)

    def snap(self, points, *, tolerance_m=10_000.0, id_column=None):
        """Snap points to the nearest point *on an edge* (not just the nearest node).

        Returns a DataFrame (one row per point, same index) with ``edge_id``, ``fraction`` (0 at the
        edge's ``u`` end, 1 at ``v``), ``snap_distance_m``, ``nearest_node`` and ``geometry`` (the
        snapped point, metric CRS). Points with no edge within ``tolerance_m`` (or no location) get
        ``edge_id`` -1 and a warning naming them.
        """
        pts = _to_metric(points, self.crs, "points")
        lines = self.edges.geometry.values
        tree = shapely.STRtree(lines)
        geoms = pts.geometry.values
        located = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        located[located] = np.isfinite(shapely.get_coordinates(geoms[located])).all(axis=1)  # POINT (NaN NaN)
        out = pd.DataFrame({"edge_id": -1, "fraction": np.nan, "snap_distance_m": np.nan,
                            "nearest_node": -1}, index=pts.index)
        snapped = np.full(len(pts), None, dtype=object)
        if located.any():
            idx = np.flatnonzero(located)
            (p_i, e_i), d = tree.query_nearest(geoms[idx], max_distance=tolerance_m, return_distance=True,
                                               all_matches=False)
            rows = idx[p_i]
            lens = shapely.length(lines[e_i])
            along = shapely.line_locate_point(lines[e_i], geoms[rows])
            frac = np.where(lens > 0, along / np.where(lens > 0, lens, 1), 0.0)
            out.iloc[rows, out.columns.get_loc("edge_id")] = e_i
            out.iloc[rows, out.columns.get_loc("fraction")] = frac
            out.iloc[rows, out.columns.get_loc("snap_distance_m")] = d
            ends = self.edges[["u", "v"]].to_numpy()[e_i]
            out.iloc[rows, out.columns.get_loc("nearest_node")] = np.where(frac <= 0.5, ends[:, 0], ends[:, 1])
            snapped[rows] = shapely.line_interpolate_point(lines[e_i], along)
        missed = out["edge_id"] < 0
        if missed.any():
            names = pts.loc[missed, id_column] if id_column in pts else pts.index[missed]
            log.warning("%d of %d point(s) have no road within %.0f m (or no location) and were not snapped: %s",
                        missed.sum(), len(pts), tolerance_m, ", ".join(map(str, list(names)[:20])))
        if id_column is not None and id_column in pts:
            name = id_column if id_column not in out else f"point_{id_column}"
            out.insert(0, name, pts[id_column].to_numpy())
        return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(snapped, index=pts.index, crs=self.crs), crs=self.crs)


def build_network(roads, *, crs=METRIC_CRS, snap_tolerance_m=50.0, split_crossings=False, directed=False,
                  speeds_kmh=None, border_penalty_h=0.0, crossings=None, cache_dir=None, include_proposed=True):
    """Build the routable network from road lines (a GeoDataFrame with a CRS).

    Attributes used when present (canonical ``roads`` columns): ``road_class``, ``surface``,
    ``length_km``, ``travel_time_h``, ``border_crossing``, ``poe_id``, ``penalty_h``, and the countries
    at each end (``country_from``/``country_to`` or ``from_ctry``/``to_ctry``). ``crossings``: border
    crossing points (e.g. layer ``border_crossings_derived``) giving border edges a ``poe_id``:
    matched on an ``edge_id`` column shared with the roads when both have one, else each point goes
    to the nearest border-crossing edge. The graph weight ``cost_h`` is travel time plus, on border
    crossings, the penalty (the data's ``penalty_h``, else ``border_penalty_h``).

    ``include_proposed``: keep links the data flags as proposed or unverified (``road_class``
    "proposed", or a true ``proposed`` column): straight-line placeholders where no road is mapped,
    which can pull long flows onto lines no one travels. Dropped when False.

    ``cache_dir``: reuse a previous build of the same input and parameters (keyed by a hash of both);
    the graph arrays are memory-mapped from ``.npy`` files, so a second run starts in seconds.
    """
    metric = _check_metric_crs(crs)
    roads = _to_metric(roads, metric, "roads")
    if not include_proposed:
        roads = drop_proposed(roads)
    params = dict(crs=metric, snap_tolerance_m=float(snap_tolerance_m), split_crossings=bool(split_crossings),
                  directed=bool(directed), speeds_kmh=dict(speeds_kmh or {}), border_penalty_h=float(border_penalty_h),
                  include_proposed=bool(include_proposed))
    if snap_tolerance_m < 0:
        raise ParameterError(f"snap_tolerance_m must be >= 0, got {snap_tolerance_m}")
    cache = _cache_path(cache_dir, roads, crossings, params) if cache_dir else None
    if cache is not None and cache.with_suffix(".graph").is_dir():
        log.info("road network loaded from cache %s", cache.name)
        return _load(cache, params)

    lines = _explode_lines(roads)
    pieces, u, v, nodes_xy = _topology(lines, float(snap_tolerance_m), bool(split_crossings))
    edges = _edge_attributes(pieces, lines, metric, speeds_kmh, float(border_penalty_h))
    edges.insert(1, "u", u)
    edges.insert(2, "v", v)
    if crossings is not None:
        edges["poe_id"] = _poe_ids(edges, roads, crossings, metric)
    edges["cost_h"] = edges["travel_time_h"] + np.where(edges["border_crossing"], edges["penalty_h"], 0.0)
    graph = RoadGraph.from_arrays(u, v, edges["cost_h"].to_numpy(), n_nodes=len(nodes_xy), directed=directed,
                                  renumber="hilbert" if len(nodes_xy) > 1 else None, xy=nodes_xy)
    nodes = gpd.GeoDataFrame({"node_id": np.arange(len(nodes_xy))},
                             geometry=shapely.points(nodes_xy), crs=metric)
    components = _components(graph, edges, nodes)
    network = RoadNetwork(graph=graph, edges=edges, nodes=nodes, components=components, crs=metric,
                          parameters=params)
    if cache is not None:
        _save(cache, network)
    return network


def drop_proposed(roads):
    """``roads`` without the links flagged as proposed or unverified (logged with their count)."""
    flagged = np.zeros(len(roads), dtype=bool)
    if "road_class" in roads:
        flagged |= (roads["road_class"].astype("string") == "proposed").fillna(False).to_numpy(dtype=bool)
    if "proposed" in roads:
        flagged |= roads["proposed"].fillna(False).astype(bool).to_numpy()
    if flagged.any():
        log.info("%d proposed or unverified road link(s) left out of the network", int(flagged.sum()))
    return roads.loc[~flagged]


# ----------------------------------------------------------------------------- CRS
def _check_metric_crs(crs):
    parsed = CRS.from_user_input(crs)
    if not parsed.is_projected or parsed.axis_info[0].unit_name not in ("metre", "meter"):
        raise CRSError(f"{crs} is not a projected CRS in metres; topology and snapping need one "
                       f"(default {METRIC_CRS}, Africa Equidistant Conic)")
    return crs


def _to_metric(gdf, crs, what):
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise ParameterError(f"{what} must be a GeoDataFrame")
    if gdf.crs is None:
        raise CRSError(f"{what} have no CRS; assign one (e.g. EPSG:4326) before building the network")
    return gdf.to_crs(crs)


# ----------------------------------------------------------------------------- topology
def _explode_lines(roads):
    """Single LineStrings (multi-part lines split into parts), remembering the input row."""
    geoms = roads.geometry.values
    kind = shapely.get_type_id(geoms)
    ok = np.isin(kind, [1, 5]) & ~shapely.is_empty(geoms)  # LineString, MultiLineString
    if (~ok).any():
        log.warning("%d road feature(s) are not lines (or empty) and were left out", int((~ok).sum()))
    rows = np.flatnonzero(ok)
    parts, part_row = shapely.get_parts(geoms[rows], return_index=True)
    lines = gpd.GeoDataFrame(roads.iloc[rows[part_row]].drop(columns=roads.geometry.name).reset_index(drop=True),
                             geometry=parts, crs=roads.crs)
    lines["source_row"] = rows[part_row]
    lines = lines[shapely.length(lines.geometry.values) > 0].reset_index(drop=True)
    return lines


def _topology(lines, tol, split_crossings):
    """Nodes (merged line ends), pieces (lines split at junctions) and each piece's end nodes."""
    geoms = lines.geometry.values
    starts = shapely.get_point(geoms, 0)
    ends = shapely.get_point(geoms, -1)
    cut_at = [[] for _ in range(len(geoms))]  # distances along each line where it must be split
    tree = shapely.STRtree(geoms)
    end_pts = np.concatenate([starts, ends])
    pt_i, line_i = tree.query(end_pts, predicate="dwithin", distance=max(tol, 1e-6))
    along = shapely.line_locate_point(geoms[line_i], end_pts[pt_i])
    length = shapely.length(geoms[line_i])
    inner = (along > tol) & (along < length - tol)  # another line's end on this line's interior
    for li, a in zip(line_i[inner], along[inner]):
        cut_at[li].append(a)
    if split_crossings:
        a_i, b_i = tree.query(geoms, predicate="crosses")
        keep = a_i < b_i
        for a, b in zip(a_i[keep], b_i[keep]):
            hits = shapely.get_parts(shapely.intersection(geoms[a], geoms[b]))
            hits = hits[shapely.get_type_id(hits) == 0]
            for p in hits:
                for li in (a, b):
                    d = shapely.line_locate_point(geoms[li], p)
                    if tol < d < shapely.length(geoms[li]) - tol:
                        cut_at[li].append(d)
    # Most lines (all of an OSM extract split at its junctions) have no cut: they are their own
    # piece, placed without a Python loop; only cut lines are split one by one.
    cut_lines = [i for i, c in enumerate(cut_at) if c]
    split = {}
    for i in cut_lines:
        g = geoms[i]
        total = g.length
        bounds = [0.0] + sorted(set(cut_at[i])) + [total]
        split[i] = [(a, b, g if (a == 0.0 and b == total) else shapely.ops.substring(g, a, b), total)
                    for a, b in zip(bounds[:-1], bounds[1:]) if b - a > 0]
    n_pieces = np.ones(len(geoms), np.int64)
    for i, parts in split.items():
        n_pieces[i] = len(parts)
    first = np.cumsum(n_pieces) - n_pieces
    pieces = np.empty(int(n_pieces.sum()), dtype=object)
    piece_line = np.repeat(np.arange(len(geoms)), n_pieces)
    frac0 = np.zeros(pieces.size)
    frac1 = np.ones(pieces.size)
    uncut = n_pieces == 1
    uncut[cut_lines] = False
    pieces[first[uncut]] = geoms[uncut]
    for i, parts in split.items():
        for j, (a, b, piece, total) in enumerate(parts):
            pieces[first[i] + j] = piece
            frac0[first[i] + j] = a / total
            frac1[first[i] + j] = b / total
    xy0 = shapely.get_coordinates(shapely.get_point(pieces, 0))
    xy1 = shapely.get_coordinates(shapely.get_point(pieces, -1))
    node_of, nodes_xy = _merge_points(np.vstack([xy0, xy1]), tol)
    u, v = node_of[: len(pieces)], node_of[len(pieces):]
    table = pd.DataFrame({"line": piece_line, "frac0": frac0, "frac1": frac1})
    return gpd.GeoDataFrame(table, geometry=pieces, crs=lines.crs), u, v, nodes_xy


def _merge_points(xy, tol):
    """Cluster points closer than ``tol`` (transitively) into nodes at the cluster mean."""
    from scipy.spatial import cKDTree

    pairs = cKDTree(xy).query_pairs(tol, output_type="ndarray") if tol > 0 else np.empty((0, 2), int)
    n = len(xy)
    adj = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    n_nodes, label = connected_components(adj, directed=False)
    counts = np.bincount(label, minlength=n_nodes)
    nodes_xy = np.column_stack([np.bincount(label, xy[:, k], n_nodes) / counts for k in (0, 1)])
    return label.astype(np.int64), nodes_xy


# ----------------------------------------------------------------------------- attributes
def _column(df, *names):
    for name in names:
        if name in df:
            return df[name]
    return None


def _edge_attributes(pieces, lines, metric, speeds_kmh, border_penalty_h):
    src = lines.iloc[pieces["line"].to_numpy()].reset_index(drop=True)
    share = (pieces["frac1"] - pieces["frac0"]).to_numpy()
    wgs = gpd.GeoSeries(pieces.geometry.values, crs=metric).to_crs("EPSG:4326")
    geodesic_km = _geodesic_lengths_m(wgs.values) / 1000.0

    data_km = _column(src, "length_km")
    length_km = geodesic_km.copy()
    if data_km is not None:  # road distance from the data (follows the real road), shared by length
        have = np.isfinite(data_km.to_numpy(dtype=float))
        length_km[have] = data_km.to_numpy(dtype=float)[have] * share[have]

    speeds = {**SPEEDS_KMH, **(speeds_kmh or {})}
    road_class = _column(src, "road_class")
    speed = (road_class.map(speeds).fillna(DEFAULT_SPEED_KMH).to_numpy(dtype=float) if road_class is not None
             else np.full(len(src), DEFAULT_SPEED_KMH))
    surface = _column(src, "surface")
    if surface is not None:
        speed = speed * surface.astype(str).str.lower().map(SURFACE_FACTOR).fillna(1.0).to_numpy()
    travel_time_h = length_km / speed
    data_h = _column(src, "travel_time_h")
    if data_h is not None:
        have = np.isfinite(data_h.to_numpy(dtype=float))
        travel_time_h[have] = data_h.to_numpy(dtype=float)[have] * share[have]

    c_from = _column(src, "country_from", "from_ctry")
    c_to = _column(src, "country_to", "to_ctry")
    country_from = c_from.astype(object).to_numpy() if c_from is not None else np.full(len(src), None, object)
    country_to = c_to.astype(object).to_numpy() if c_to is not None else np.full(len(src), None, object)
    flag = _column(src, "border_crossing")
    if flag is not None:
        border = flag.fillna(False).astype(bool).to_numpy()
    else:
        border = pd.notna(country_from) & pd.notna(country_to) & (country_from != country_to)
    penalty = _column(src, "penalty_h")
    penalty_h = (penalty.fillna(border_penalty_h).to_numpy(dtype=float) if penalty is not None
                 else np.full(len(src), border_penalty_h))
    # A split border edge pays the penalty once, on the piece that crosses (the one with the far end).
    last_piece = pieces["frac1"].to_numpy() >= 1.0
    penalty_h = np.where(border & last_piece, penalty_h, 0.0)
    poe = _column(src, "poe_id")
    edges = gpd.GeoDataFrame({
        "edge_id": np.arange(len(src)),
        "length_km": length_km,
        "travel_time_h": travel_time_h,
        "border_crossing": border,
        "country_from": country_from,
        "country_to": country_to,
        "poe_id": poe.astype(object).where(poe.notna(), None).to_numpy() if poe is not None
        else np.full(len(src), None, object),
        "penalty_h": penalty_h,
        "source_row": src["source_row"].to_numpy(),
    }, geometry=pieces.geometry.values, crs=metric)
    edges.loc[~edges["border_crossing"], "penalty_h"] = 0.0
    return edges


def _geodesic_lengths_m(lines):
    """Geodesic length (WGS84 ellipsoid) of each lon/lat LineString: every segment at once."""
    xy, line = shapely.get_coordinates(lines, return_index=True)
    same = line[1:] == line[:-1]
    _, _, d = _GEOD.inv(xy[:-1, 0][same], xy[:-1, 1][same], xy[1:, 0][same], xy[1:, 1][same])
    return np.bincount(line[:-1][same], weights=np.abs(d), minlength=len(lines))


def _poe_ids(edges, roads, crossings, metric):
    """PoE ids for border edges from crossing points (matched by a shared ``edge_id``, else nearest)."""
    poe = edges["poe_id"].to_numpy(dtype=object).copy()
    id_col = "poe_id" if "poe_id" in crossings else "edge_id" if "edge_id" in crossings else None
    if id_col is None:
        raise ParameterError("crossings need a 'poe_id' (or 'edge_id') column to name the crossings")
    ids = crossings[id_col].astype(str).to_numpy()
    border = edges["border_crossing"].to_numpy()
    if "edge_id" in crossings and "edge_id" in roads:
        # The crossing names the input line it lies on; every border piece of that line gets its id.
        line_key = roads["edge_id"].to_numpy()[edges["source_row"].to_numpy()]
        lookup = dict(zip(crossings["edge_id"].to_numpy(), ids))
        matched = np.array([lookup.get(k) for k in line_key], dtype=object)
    else:
        pts = _to_metric(crossings, metric, "crossings").geometry.values
        cand = np.flatnonzero(border)
        matched = np.full(len(edges), None, dtype=object)
        if cand.size:
            tree = shapely.STRtree(edges.geometry.values[cand])
            p_i, e_i = tree.query_nearest(pts, all_matches=False)
            matched[cand[e_i]] = ids[p_i]
    fill = border & pd.isna(poe) & pd.notna(matched)
    poe[fill] = matched[fill]
    missing = border & pd.isna(poe)
    if missing.any():
        log.warning("%d border-crossing edge(s) have no PoE id (no crossing point matched them)", missing.sum())
    return poe


def _components(graph, edges, nodes):
    n = graph.n_nodes
    adj = coo_matrix((np.ones(graph.n_edges), (graph.u, graph.v)), shape=(n, n))
    n_comp, label = connected_components(adj, directed=False)
    nodes["component"] = label
    edges["component"] = label[graph.u]
    report = (edges.groupby("component").agg(n_edges=("edge_id", "size"), length_km=("length_km", "sum"))
              .reindex(range(n_comp), fill_value=0))
    report.insert(0, "n_nodes", np.bincount(label, minlength=n_comp))
    report = report.sort_values("n_nodes", ascending=False).rename_axis("component").reset_index()
    if n_comp > 1:
        big = report.iloc[0]
        log.warning("road network has %d connected components; the largest holds %d of %d nodes; "
                    "routes between components are impossible (see RoadNetwork.components)",
                    n_comp, big["n_nodes"], n)
    return report


# ----------------------------------------------------------------------------- cache
def _cache_path(cache_dir, roads, crossings, params):
    h = hashlib.sha256()
    h.update(f"v{CACHE_VERSION}".encode())
    h.update(repr(sorted(params.items())).encode())
    for frame in (roads, crossings):
        if frame is None:
            continue
        h.update(b"".join(shapely.to_wkb(frame.geometry.values, hex=False)))
        h.update(pd.util.hash_pandas_object(frame.drop(columns=frame.geometry.name).astype(str),
                                            index=False).to_numpy().tobytes())
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    return Path(cache_dir) / f"roadnet-{h.hexdigest()[:24]}"


_GRAPH_ARRAYS = ("u", "v", "weight", "order", "indptr", "indices", "arc_edge")


def _save(path, network):
    """One ``.npy`` file per graph array in ``<key>.graph/`` (memory-mapped when loaded, so a large
    network starts in seconds and its pages are shared by processes), the tables in ``<key>.pkl``."""
    import json
    import shutil

    g = network.graph
    indptr, indices, _, arc_edge, ext_id = g.csr()
    arrays = dict(u=g.u, v=g.v, weight=g.weight, order=ext_id, indptr=indptr, indices=indices, arc_edge=arc_edge)
    tmp = path.with_suffix(".graph.tmp")
    shutil.rmtree(tmp, ignore_errors=True)  # a previous run's unfinished entry (ours: .tmp under the cache key)
    tmp.mkdir()
    for name in _GRAPH_ARRAYS:
        np.save(tmp / f"{name}.npy", np.ascontiguousarray(arrays[name]))
    (tmp / "meta.json").write_text(json.dumps({"n_nodes": int(g.n_nodes), "directed": bool(g.directed)}))
    with open(path.with_suffix(".tmp.pkl"), "wb") as f:
        pickle.dump((network.edges, network.nodes, network.components), f)
    path.with_suffix(".tmp.pkl").replace(path.with_suffix(".pkl"))
    tmp.rename(path.with_suffix(".graph"))  # last: its presence marks a complete entry


def _load(path, params):
    import json

    folder = path.with_suffix(".graph")
    meta = json.loads((folder / "meta.json").read_text())
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _GRAPH_ARRAYS}
    graph = RoadGraph.from_csr(**arrays, **meta)
    with open(path.with_suffix(".pkl"), "rb") as f:
        edges, nodes, components = pickle.load(f)  # written by _save above, never foreign files
    return RoadNetwork(graph=graph, edges=edges, nodes=nodes, components=components, crs=params["crs"],
                       parameters=params)


__all__ = ["METRIC_CRS", "RoadNetwork", "SPEEDS_KMH", "build_network"]
