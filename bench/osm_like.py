"""Synthetic OpenStreetMap-like road networks for benchmarks (not real data; reproducible by seed).

OpenStreetMap roads differ from a clean lattice in ways that matter to routing and building:
most nodes have degree 2 (shape points along a way), junctions are often T-junctions, there are
dead ends (cul-de-sacs, tracks that stop), duplicated segments (two mappers drew one road), a
hierarchy of road classes with different speeds, and long roads (bridges, flyovers, trunk roads)
that cross the streets below without a junction. :func:`osm_like_graph` builds such a network
directly as edge arrays (for the 1M-5M-edge routing benchmarks); node ids are shuffled, as in
real extracts.
"""
import numpy as np

CLASS_SPEED_KMH = {"trunk": 80.0, "primary": 70.0, "secondary": 55.0, "tertiary": 45.0,
                   "unclassified": 35.0, "residential": 25.0, "track": 20.0}


def osm_like_graph(n_edges, *, seed=0, spacing_km=0.25):
    """(u, v, length_km, cost_h, road_class, xy) of an OSM-like network with about ``n_edges`` edges.

    A jittered street lattice keeps ~65% of its blocks' sides (so T-junctions and irregular blocks);
    every street side is a way of 1-4 segments through degree-2 shape nodes; 8% of junctions get a
    dead-end spur of 1-3 segments; 1% of segments are duplicated; every 8th street is tertiary, every
    24th secondary, every 48th primary, and trunk roads run diagonally across the lattice as chains of
    long segments touching the streets only at their own nodes (bridges: no junction where they cross).
    """
    rng = np.random.default_rng(seed)
    # about 2.3 segments per kept lattice side once shape nodes, spurs, trunks and duplicates are added
    side = max(4, int(np.sqrt(n_edges / (2 * 0.65 * 2.33))))
    n_lat = side * side
    ij = np.arange(n_lat).reshape(side, side)
    east = (ij[:, :-1].ravel(), ij[:, 1:].ravel(), np.repeat(np.arange(side), side - 1))
    north = (ij[:-1, :].ravel(), ij[1:, :].ravel(), np.tile(np.arange(side), side - 1))
    a = np.concatenate([east[0], north[0]])
    b = np.concatenate([east[1], north[1]])
    line = np.concatenate([east[2], north[2]])  # the street (row or column) a side lies on
    keep = rng.random(a.size) < 0.65
    rank = np.select([line % 48 == 0, line % 24 == 0, line % 8 == 0], [3, 2, 1], 0)
    keep |= rank > 0  # main roads are continuous
    a, b, rank = a[keep], b[keep], rank[keep]
    xy = np.column_stack([ij.ravel() % side, ij.ravel() // side]).astype(float) * spacing_km
    xy += rng.uniform(-0.3, 0.3, xy.shape) * spacing_km
    classes = np.array(["residential", "tertiary", "secondary", "primary"], dtype=object)
    street_class = classes[rank]
    residential = rank == 0
    street_class[residential] = rng.choice(["residential", "unclassified", "track"], residential.sum(),
                                           p=[0.7, 0.2, 0.1])
    us, vs, cls, xys = [], [], [], [xy]
    n_nodes = n_lat

    def chain(a, b, k, road_class):
        """Ways from a to b through k - 1 shape nodes each (k = segments per way)."""
        nonlocal n_nodes
        total_inner = int((k - 1).sum())
        t = (np.arange(total_inner) - np.repeat(np.cumsum(k - 1) - (k - 1), k - 1) + 1) / np.repeat(k, k - 1)
        wa, wb = np.repeat(a, k - 1), np.repeat(b, k - 1)
        bend = rng.normal(0, 0.04, (total_inner, 2)) * spacing_km
        pts = all_xy()
        inner_xy = pts[wa] * (1 - t)[:, None] + pts[wb] * t[:, None] + bend
        inner = n_nodes + np.arange(total_inner)
        n_nodes += total_inner
        xys.append(inner_xy)
        # node sequence of every way: a, inner..., b
        start = np.cumsum(k + 1) - (k + 1)
        seq = np.empty(int((k + 1).sum()), np.int64)
        seq[start] = a
        seq[start + k] = b
        mask = np.ones(seq.size, bool)
        mask[start] = mask[start + k] = False
        seq[mask] = inner
        is_seg = np.ones(seq.size, bool)
        is_seg[start + k] = False
        us.append(seq[:-1][is_seg[:-1]])
        vs.append(seq[1:][is_seg[:-1]])
        cls.append(np.repeat(road_class, k))

    def all_xy():
        return np.vstack(xys)

    chain(a, b, rng.choice([1, 2, 3, 4], a.size, p=[0.35, 0.35, 0.2, 0.1]), street_class)
    # dead-end spurs from random lattice junctions
    roots = rng.choice(n_lat, int(0.08 * n_lat), replace=False)
    ends = n_nodes + np.arange(roots.size)
    n_nodes += roots.size
    angle = rng.uniform(0, 2 * np.pi, roots.size)
    xys.append(xy[roots] + 0.6 * spacing_km * np.column_stack([np.cos(angle), np.sin(angle)]))
    chain(roots, ends, rng.choice([1, 2, 3], roots.size), np.full(roots.size, "track", dtype=object))
    # trunk roads: diagonals across the lattice, joined to it only at their ends (flyovers / bridges)
    n_trunk = max(1, side // 60)
    ta = rng.choice(n_lat, n_trunk * 6)
    tb = rng.choice(n_lat, n_trunk * 6)
    far = np.hypot(*(xy[ta] - xy[tb]).T)
    k = np.maximum(1, (far / (4 * spacing_km)).astype(np.int64))
    chain(ta, tb, k, np.full(ta.size, "trunk", dtype=object))
    u, v, road_class = np.concatenate(us), np.concatenate(vs), np.concatenate(cls)
    dup = rng.random(u.size) < 0.01  # a duplicated segment (two mappers, one road)
    u, v, road_class = np.r_[u, u[dup]], np.r_[v, v[dup]], np.r_[road_class, road_class[dup]]
    xy = all_xy()
    length_km = np.hypot(*(xy[u] - xy[v]).T) * rng.uniform(1.0, 1.15, u.size)  # roads wind a little
    cost_h = length_km / _speeds(road_class)
    perm = rng.permutation(n_nodes)  # real extracts have no spatial id order
    new_xy = np.empty_like(xy)
    new_xy[perm] = xy
    return perm[u], perm[v], length_km, cost_h, road_class, new_xy


def _speeds(road_class):
    names = np.array(list(CLASS_SPEED_KMH), dtype=object)
    speeds = np.array(list(CLASS_SPEED_KMH.values()))
    out = np.empty(road_class.size)
    for name, s in zip(names, speeds):
        out[road_class == name] = s
    return out


def degree_summary(u, v, n_nodes):
    """Shares of nodes by degree (1 = dead end, 2 = shape point, 3 = T-junction, 4+ = crossing)."""
    deg = np.bincount(np.concatenate([u, v]), minlength=n_nodes)
    return {d: float(np.mean(deg == d)) for d in (1, 2, 3)} | {"4+": float(np.mean(deg >= 4))}


def osm_like_lines(n_edges, *, seed=0, crs="ESRI:102023"):
    """The same network as road lines (a GeoDataFrame of two-point segments with ``road_class``,
    metric CRS around 12°N 2°E), as an OSM extract split at its nodes would give: duplicated
    segments, dead ends, and trunk segments crossing streets without a shared vertex (bridges)."""
    import geopandas as gpd
    import shapely

    u, v, _, _, road_class, xy = osm_like_graph(n_edges, seed=seed)
    xy_m = xy * 1000.0 + np.array([200_000.0, 1_300_000.0])
    coords = np.stack([xy_m[u], xy_m[v]], axis=1)
    return gpd.GeoDataFrame({"road_class": road_class}, geometry=shapely.linestrings(coords), crs=crs)
