"""Benchmarks of the network and grid kernels against their peers (run by ``rdh bench``, which loads
this file from the ``bench/`` folder of a source checkout).

Every (case, method) runs in a fresh child process (``rdh bench --child CASE METHOD``) so
that peak memory is measured cleanly: the child builds its inputs, resets the kernel's peak-RSS
counter (``/proc/self/clear_refs``), runs the method once and reports wall seconds and the peak RSS
above the pre-run baseline. Peers get the same graph (and scipy also a renumbered one: its best).

Cases
- ``assign_<n>``: all-or-nothing flow assignment, ``k`` sources, unit demand to every node, on a
  road-like graph (a jittered lattice with ~70% of the street segments, a few diagonals, random
  speeds, node ids shuffled as in real data).
- ``sp_<n>``: shortest paths (distances + predecessors) from 40 sources.
- ``grid_<N>``: accumulated cost from one source on an N x N grid (random costs, 5% barriers): the
  engine's bucket queue (``engine``), its binary heap (``engine_heap``) and scikit-image.
- ``build_<n>``: building the RoadGraph (CSR arrays, Hilbert renumbering) from edge arrays.
- ``compile``: numba compile time (fresh cache) and cache load time.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

SIZES_FULL = (10_000, 100_000, 1_000_000)
GRIDS_FULL = (2000, 5000)
SIZES_QUICK = (2_000,)
GRIDS_QUICK = (200,)
N_SOURCES = 40
NETWORKX_MAX_NODES = 10_000   # networkx is run on the smallest size only, with few sources (extrapolated)
NETWORKX_SOURCES = 4
REPEATS = 3
PEER_MAX_NODES = {"igraph": 1_000_000, "rustworkx": 1_000_000}


# ----------------------------------------------------------------------------- inputs
def road_like_graph(n, *, seed=0):
    """(u, v, weight_h, xy) of a road-like graph with about n nodes (ids shuffled)."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n)))
    n = side * side
    ij = np.arange(n).reshape(side, side)
    pairs = [
        (ij[:, :-1].ravel(), ij[:, 1:].ravel(), 0.7),     # east
        (ij[:-1, :].ravel(), ij[1:, :].ravel(), 0.7),     # north
        (ij[:-1, :-1].ravel(), ij[1:, 1:].ravel(), 0.08),  # a few diagonals
    ]
    keep = [rng.random(a.size) < p for a, _, p in pairs]
    u = np.concatenate([a[k] for (a, _, _), k in zip(pairs, keep)])
    v = np.concatenate([b[k] for (_, b, _), k in zip(pairs, keep)])
    xy = np.column_stack([(np.arange(n) % side), (np.arange(n) // side)]).astype(float)
    xy += np.random.default_rng(seed + 1).uniform(-0.3, 0.3, xy.shape)
    speed_kmh = np.random.default_rng(seed + 2).choice([30.0, 50.0, 80.0], u.size, p=[0.5, 0.35, 0.15])
    weight_h = np.hypot(*(xy[u] - xy[v]).T) / speed_kmh  # 1 lattice step = 1 km
    perm = np.random.default_rng(seed + 3).permutation(n)  # real data has no spatial id order
    new_xy = np.empty_like(xy)
    new_xy[perm] = xy
    return perm[u], perm[v], weight_h, new_xy


def _sources(n, k, seed=7):
    return np.random.default_rng(seed).choice(n, size=k, replace=False)


def grid_cost(side, *, seed=0):
    rng = np.random.default_rng(seed)
    cost = rng.uniform(0.5, 1.5, (side, side))
    cost[rng.random((side, side)) < 0.05] = np.inf
    cost[side // 2, side // 2] = 1.0
    return cost


# ----------------------------------------------------------------------------- peers' tree accumulation
def _tree_volumes(pred, tree_edge, dist, n_edges):
    """Edge volumes of unit demand to every reached node pushed up one shortest-path tree, vectorised:
    depth by pointer jumping, then one numpy pass per depth level (deepest first)."""
    reached = np.isfinite(dist)
    flow = reached.astype(np.float64)
    depth = _depths(pred)
    order = np.argsort(depth, kind="stable")[::-1]
    counts = np.bincount(depth, minlength=1)
    ends = np.cumsum(counts[::-1])
    start = 0
    for stop in ends[:-1]:  # every level except the roots (depth 0)
        nodes = order[start:stop]
        start = stop
        parents, inv = np.unique(pred[nodes], return_inverse=True)
        flow[parents] += np.bincount(inv, weights=flow[nodes])
    vol = np.zeros(n_edges)
    child = np.flatnonzero(pred >= 0)
    vol[tree_edge[child]] = flow[child]  # one tree edge per child node
    return vol


def _depths(pred):
    """Hop depth of every node in a predecessor tree (pointer jumping: O(n log depth))."""
    depth = (pred >= 0).astype(np.int64)
    anc = pred.copy()
    live = anc >= 0
    while live.any():
        idx = np.flatnonzero(live)
        depth[idx] += depth[anc[idx]]
        anc[idx] = anc[anc[idx]]
        live = anc >= 0
    return depth


def _arc_arrays(u, v, w):
    tail = np.concatenate([u, v])
    head = np.concatenate([v, u])
    return tail, head, np.concatenate([w, w]), np.concatenate([np.arange(u.size)] * 2)


def _tight_tree(dist, arcs, n):
    """Predecessor node and edge of each node from distances alone (for peers without predecessors)."""
    tail, head, w, eid = arcs
    ok = np.isfinite(dist[tail]) & (np.abs(dist[tail] + w - dist[head]) <= 1e-9 * np.maximum(1.0, dist[head]))
    ok &= dist[head] > 0
    h, first = np.unique(head[ok], return_index=True)
    pred = np.full(n, -1, dtype=np.int64)
    tree_edge = np.full(n, -1, dtype=np.int64)
    pred[h] = tail[ok][first]
    tree_edge[h] = eid[ok][first]
    return pred, tree_edge


# ----------------------------------------------------------------------------- methods
def _assign_engine(u, v, w, xy, sources, threads):
    from rdh_engine.network import RoadGraph

    g = RoadGraph.from_arrays(u, v, w, renumber="hilbert", xy=xy)
    targets = np.arange(g.n_nodes)

    def run():
        return g.assign(sources, targets, 1.0, parallel=None if threads > 1 else False)  # None: the default
    return run


def _scipy_csr(u, v, w, n):
    from scipy.sparse import csr_matrix

    return csr_matrix((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))


def _assign_scipy(u, v, w, xy, sources, renumber):
    from scipy.sparse.csgraph import dijkstra

    from rdh_engine.network import hilbert_order

    n = xy.shape[0]
    rank = np.arange(n)
    if renumber:
        rank[hilbert_order(xy[:, 0], xy[:, 1])] = np.arange(n)
        u, v, sources = rank[u], rank[v], rank[sources]
    mat = _scipy_csr(u, v, w, n)
    tail, head, _, eid = _arc_arrays(u, v, w)
    key = tail * n + head
    by = np.argsort(key)
    key, eid = key[by], eid[by]

    def run():
        dist, pred = dijkstra(mat, directed=True, indices=sources, return_predecessors=True)
        vol = np.zeros(u.size)
        for d, p in zip(dist, pred):
            p = p.astype(np.int64)
            p[p < 0] = -1
            child = np.flatnonzero(p >= 0)
            tree_edge = np.full(n, -1, dtype=np.int64)
            tree_edge[child] = eid[np.searchsorted(key, p[child] * n + child)]
            vol += _tree_volumes(p, tree_edge, d, u.size)
        return vol
    return run


def _assign_igraph(u, v, w, xy, sources):
    import igraph

    n = xy.shape[0]
    g = igraph.Graph(n=n, edges=np.column_stack([u, v]).tolist(), directed=False)
    g.es["w"] = w.tolist()
    arcs = _arc_arrays(u, v, w)

    def run():
        vol = np.zeros(u.size)
        for s in sources:
            dist = np.array(g.distances(source=[int(s)], weights="w")[0])
            pred, tree_edge = _tight_tree(dist, arcs, n)
            vol += _tree_volumes(pred, tree_edge, dist, u.size)
        return vol
    return run


def _assign_rustworkx(u, v, w, xy, sources):
    import rustworkx as rx

    n = xy.shape[0]
    g = rx.PyGraph(multigraph=True)
    g.add_nodes_from(range(n))
    g.add_edges_from(list(zip(u.tolist(), v.tolist(), w.tolist())))
    arcs = _arc_arrays(u, v, w)

    def run():
        vol = np.zeros(u.size)
        for s in sources:
            lengths = rx.dijkstra_shortest_path_lengths(g, int(s), float)
            dist = np.full(n, np.inf)
            reached = np.fromiter(lengths.keys(), np.int64, len(lengths))
            dist[reached] = np.fromiter(lengths.values(), float, len(lengths))
            dist[s] = 0.0
            pred, tree_edge = _tight_tree(dist, arcs, n)
            vol += _tree_volumes(pred, tree_edge, dist, u.size)
        return vol
    return run


def _assign_networkx(u, v, w, xy, sources):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(xy.shape[0]))
    for i, (a, b, c) in enumerate(zip(u.tolist(), v.tolist(), w.tolist())):
        g.add_edge(a, b, weight=c, edge_id=i)

    def run():
        vol = np.zeros(u.size)
        for s in sources:
            pred, dist = nx.dijkstra_predecessor_and_distance(g, int(s))
            flow = dict.fromkeys(dist, 1.0)
            for node in sorted(dist, key=dist.get, reverse=True):
                if pred[node]:
                    p = pred[node][0]
                    vol[g[p][node]["edge_id"]] += flow[node]
                    flow[p] += flow[node]
        return vol
    return run


def _sp_engine(u, v, w, xy, sources):
    from rdh_engine.network import RoadGraph

    g = RoadGraph.from_arrays(u, v, w, renumber="hilbert", xy=xy)
    return lambda: g.shortest_paths(sources)[0]


def _sp_scipy(u, v, w, xy, sources, renumber):
    from scipy.sparse.csgraph import dijkstra

    from rdh_engine.network import hilbert_order

    n = xy.shape[0]
    if renumber:  # results stay in the renumbered ids (mapping them back is not timed: scipy's best)
        rank = np.empty(n, dtype=np.int64)
        rank[hilbert_order(xy[:, 0], xy[:, 1])] = np.arange(n)
        u, v, sources = rank[u], rank[v], rank[sources]
    mat = _scipy_csr(u, v, w, n)
    return lambda: dijkstra(mat, directed=True, indices=sources, return_predecessors=True)[0]


def _grid_engine(cost, queue="auto"):
    from rdh_engine.raster import accumulated_cost

    c = cost.shape[0] // 2
    return lambda: accumulated_cost(cost, sources=[(c, c)], connectivity=8, queue=queue)


def _grid_skimage(cost):
    from skimage.graph import MCP_Geometric

    c = cost.shape[0] // 2
    return lambda: MCP_Geometric(cost).find_costs([(c, c)])[0]


def _setup(case, method):
    """The zero-argument callable to time for (case, method), inputs already built."""
    kind, size = case.rsplit("_", 1)
    size = int(size)
    if kind == "grid":
        cost = grid_cost(size)
        return {"engine": _grid_engine, "engine_heap": lambda c: _grid_engine(c, "heap"),
                "skimage": _grid_skimage}[method](cost)
    u, v, w, xy = road_like_graph(size)
    n = xy.shape[0]
    if kind == "build":
        from rdh_engine.network import RoadGraph

        return lambda: RoadGraph.from_arrays(u, v, w, renumber="hilbert", xy=xy).weight
    if kind == "sp":
        sources = _sources(n, N_SOURCES)
        if method == "engine":
            return _sp_engine(u, v, w, xy, sources)
        return _sp_scipy(u, v, w, xy, sources, renumber=method == "scipy_hilbert")
    sources = _sources(n, NETWORKX_SOURCES if method == "networkx" else N_SOURCES)
    makers = {
        "engine_1thread": lambda: _assign_engine(u, v, w, xy, sources, threads=1),
        "scipy": lambda: _assign_scipy(u, v, w, xy, sources, renumber=False),
        "scipy_hilbert": lambda: _assign_scipy(u, v, w, xy, sources, renumber=True),
        "igraph": lambda: _assign_igraph(u, v, w, xy, sources),
        "rustworkx": lambda: _assign_rustworkx(u, v, w, xy, sources),
        "networkx": lambda: _assign_networkx(u, v, w, xy, sources),
    }
    if method == "engine":
        import numba

        return _assign_engine(u, v, w, xy, sources, threads=numba.get_num_threads())
    return makers[method]()


# ----------------------------------------------------------------------------- measuring (child side)
def rss_mb(field):
    """This process's ``field`` of /proc/self/status (VmRSS, VmHWM) in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def reset_peak():
    """Reset this process's peak RSS (VmHWM) to its current RSS, where Linux allows it."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM (peak RSS) to the current RSS
    except OSError:
        pass


def measure_one(case, method, *, warmup=True):
    """Run one (case, method) in this process; returns a record. Cases below 1M nodes (grids up to 1000x1000) are
    run ``REPEATS`` times and the fastest run is kept (the machine may be shared: the minimum is the
    least disturbed run); peak memory is the highest over the runs."""
    run = _setup(case, method)
    if warmup and method.startswith("engine"):
        _warm_engine(case)
    size = int(case.rsplit("_", 1)[1])
    repeats = REPEATS if (size < 1_000_000 if not case.startswith("grid") else size <= 1000) else 1
    base = rss_mb("VmRSS")
    reset_peak()
    seconds = np.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = run()
        seconds = min(seconds, time.perf_counter() - t0)
    peak = rss_mb("VmHWM") - base
    check = float(np.nansum(np.where(np.isfinite(result), result, 0.0)))
    return {"case": case, "method": method, "seconds": seconds, "peak_mb": max(peak, 0.0), "check": check}


def _warm_engine(case):
    """Load the compiled kernels from numba's cache before timing (compile time is its own case)."""
    from rdh_engine.network import RoadGraph
    from rdh_engine.raster import accumulated_cost

    g = RoadGraph.from_arrays([0, 1], [1, 2], [1.0, 1.0])
    g.assign([0, 1], [2, 0], 1.0)
    g.assign([0], [2], 1.0, parallel=False)
    g.shortest_paths([0, 1])
    accumulated_cost(np.ones((3, 3)), sources=[(0, 0)])
    accumulated_cost(np.ones((3, 3)), sources=[(0, 0)], queue="heap")


def measure_compile():
    """Seconds for the first engine calls in a process: with a fresh numba cache (compile) here."""
    t0 = time.perf_counter()
    _warm_engine("")
    return time.perf_counter() - t0


# ----------------------------------------------------------------------------- driver (parent side)
def plan(*, quick=False, include_1m=True):
    """The list of (case, method, note) to run."""
    sizes = SIZES_QUICK if quick else tuple(s for s in SIZES_FULL if include_1m or s < 1_000_000)
    grids = GRIDS_QUICK if quick else GRIDS_FULL
    jobs = []
    for n in sizes:
        case = f"assign_{n}"
        for method in ("engine", "engine_1thread", "scipy", "scipy_hilbert", "igraph", "rustworkx"):
            if n <= PEER_MAX_NODES.get(method, n):
                jobs.append((case, method))
        if n <= NETWORKX_MAX_NODES:
            jobs.append((case, "networkx"))
    for n in sizes:
        jobs += [(f"sp_{n}", "engine"), (f"sp_{n}", "scipy"), (f"sp_{n}", "scipy_hilbert")]
    jobs.append((f"build_{max(sizes)}", "engine"))
    for side in grids:
        jobs += [(f"grid_{side}", "engine"), (f"grid_{side}", "engine_heap"), (f"grid_{side}", "skimage")]
    return jobs


def _child(args, env=None):
    cmd = [sys.executable, "-c", "from rdh_engine.cli import main; main()", "bench", "--child", *args]
    env = dict(env or os.environ, RDH_BENCH_DIR=os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_all(*, quick=False, include_1m=True, cases=None, methods=None, progress=None):
    """Run the plan in child processes; returns the records (networkx extrapolated to N_SOURCES)."""
    records = []
    if not quick:  # compiling everything takes a while: full runs only
        with tempfile.TemporaryDirectory() as cache:
            env = dict(os.environ, NUMBA_CACHE_DIR=cache)
            rec = _child(["compile", "fresh"], env=env)
            records.append({"case": "compile", "method": "engine_first_call_fresh_cache", **rec})
    _child(["compile", "warm"])  # fills the project's cache if the engine was just (re)installed
    records.append({"case": "compile", "method": "engine_first_call_warm_cache", **_child(["compile", "warm"])})
    jobs = [j for j in plan(quick=quick, include_1m=include_1m)
            if (not cases or j[0] in cases) and (not methods or j[1] in methods)]
    for i, (case, method) in enumerate(jobs, 1):
        rec = _child([case, method])
        rec.setdefault("case", case)
        rec.setdefault("method", method)
        if method == "networkx" and "seconds" in rec:
            rec["note"] = f"measured with {NETWORKX_SOURCES} sources, seconds scaled to {N_SOURCES}"
            rec["seconds"] *= N_SOURCES / NETWORKX_SOURCES
        records.append(rec)
        if progress:
            progress(i, len(jobs), f"{case} {method}")
    return records


def summary(records):
    """Rows (case, method, seconds, peak_mb, speedup of the engine over this method)."""
    by_case = {}
    for r in records:
        by_case.setdefault(r["case"], []).append(r)
    rows = []
    for case, recs in by_case.items():
        engine = next((r for r in recs if r["method"] == "engine" and "seconds" in r), None)
        for r in recs:
            ratio = (r["seconds"] / engine["seconds"]) if (engine and "seconds" in r and r is not engine) else None
            note = r.get("error") or r.get("note", "")
            rows.append((case, r["method"], r.get("seconds"), r.get("peak_mb"), ratio, note))
    return rows


def child_main(argv):
    """Entry point of a measuring child process (``rdh bench --child CASE METHOD``):
    returns the record as one JSON line for the parent."""
    if argv[0] == "compile":
        return json.dumps({"seconds": measure_compile(), "peak_mb": rss_mb("VmHWM")})
    return json.dumps(measure_one(argv[0], argv[1]))
