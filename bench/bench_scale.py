"""Scale benchmarks on synthetic OpenStreetMap-like networks (bench/osm_like.py), each measurement in
its own child process (wall seconds, peak RSS of the whole process and above the pre-run baseline).

Cases
- ``corridors_<n>``: corridor routing of 2,000 legs (random origin -> one of 50 FMPs -> random
  destination) on an n-edge network: ``route_pairs`` + ``route_incidence`` at k=1 (shortest paths)
  and k=3 (link-penalty choice sets, logit shares), optionally under a ``--max-memory-mb`` budget.
- ``choice_<n>``: k=3 choice sets for random OD pairs: link penalty (engine), Yen (engine),
  networkx ``shortest_simple_paths`` and igraph ``get_k_shortest_paths``: seconds per OD, and the
  quality of each set against Yen's (detour of the alternatives, overlap between the routes of one
  set, coverage of Yen's edges by the set).
- ``build_<n>``: ``build_network`` on n OSM-like road segments (topology, attributes, cache), and
  the second run from the cache.
- ``n1_<n>``: N-1 criticality: close each PoE (border edges of a synthetic two-country split) in turn
  and re-route only the affected ODs, serial and on a 2-worker Dask LocalCluster.

Run: ``.venv/bin/python bench/bench_scale.py [--cases corridors_1000000 ...] [--json out/bench_scale.json]``
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from kernels import reset_peak, rss_mb  # noqa: E402
from osm_like import osm_like_graph  # noqa: E402

N_LEGS = 2000
N_FMP = 50
DEFAULT_CASES = ("choice_10000", "choice_100000", "corridors_1000000", "n1_100000")


def graph_of(n_edges, seed=0):
    from rdh_engine.network import RoadGraph

    u, v, km, cost_h, road_class, xy = osm_like_graph(n_edges, seed=seed)
    return RoadGraph.from_arrays(u, v, cost_h, n_nodes=xy.shape[0], renumber="hilbert", xy=xy), km, xy


def main_component(g):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    _, label = connected_components(coo_matrix((np.ones(g.n_edges), (g.u, g.v)), shape=(g.n_nodes,) * 2),
                                    directed=False)
    return np.flatnonzero(label == np.bincount(label).argmax())


# ----------------------------------------------------------------------------- corridors
def run_corridors(n_edges, k, max_memory_mb):
    from rdh_engine.corridors.assignment import route_incidence, route_pairs, stop_pairs

    g, _, _ = graph_of(n_edges)
    nodes = main_component(g)
    rng = np.random.default_rng(7)
    fmps = rng.choice(nodes, N_FMP, replace=False)
    seqs = [(int(a), int(rng.choice(fmps)), int(b)) for a, b in rng.choice(nodes, (N_LEGS, 2))]
    route_pairs(g, stop_pairs(seqs[:2]), k=k, choice="penalty")  # compile / load kernels outside the timing
    base = rss_mb("VmRSS")
    reset_peak()
    t0 = time.perf_counter()
    routes = route_pairs(g, stop_pairs(seqs), k=k, choice="penalty", max_memory_mb=max_memory_mb)
    inc, _, ok = route_incidence(routes, seqs)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_mb": rss_mb("VmHWM") - base, "peak_total_mb": rss_mb("VmHWM"),
            "graph": repr(g), "pairs": len(routes.index), "legs_routed": int(ok.sum()),
            "incidence_nnz": int(inc.nnz)}


# ----------------------------------------------------------------------------- choice sets
def _set_quality(routes, yen, length):
    """Detour (cost of alternatives / shortest), overlap (length-weighted shared share between the
    routes of the set, mean over pairs of routes) and coverage of Yen's edges by the set."""
    detour = [r[0] / routes[0][0] for r in routes[1:]] if len(routes) > 1 else []
    over = []
    for i in range(len(routes)):
        for j in range(i + 1, len(routes)):
            a, b = set(routes[i][1]), set(routes[j][1])
            shared = length[list(a & b)].sum() if a & b else 0.0
            over.append(shared / min(length[list(a)].sum(), length[list(b)].sum()))
    yen_edges = set().union(*[set(r[1]) for r in yen]) if yen else set()
    ours = set().union(*[set(r[1]) for r in routes])
    cover = length[list(yen_edges & ours)].sum() / length[list(yen_edges)].sum() if yen_edges else np.nan
    return detour, over, cover


def run_choice(n_edges, method, n_pairs):
    g, km, _ = graph_of(n_edges, seed=1)
    nodes = main_component(g)
    rng = np.random.default_rng(3)
    pairs = [(int(a), int(b)) for a, b in rng.choice(nodes, (n_pairs, 2))]
    k = 3

    def yen_sets():
        return [[(p.cost, p.edges.tolist()) for p in g.k_shortest_paths(a, b, k=k)] for a, b in pairs]

    if method == "penalty":
        g.route_choices([0], [1], k=k)  # compile
        def run():
            ps = g.route_choices([a for a, _ in pairs], [b for _, b in pairs], k=k)
            return [[(ps.cost[i], ps.edges[ps.ptr[i]:ps.ptr[i + 1]].tolist()) for i in np.flatnonzero(ps.od == j)]
                    for j in range(len(pairs))]
    elif method == "yen":
        g.k_shortest_paths(0, 1, k=2)
        run = yen_sets
    elif method == "networkx":
        import networkx as nx

        G = nx.Graph()
        best = {}
        for e, (a, b, w) in enumerate(zip(g.u.tolist(), g.v.tolist(), g.weight.tolist())):
            key = (min(a, b), max(a, b))
            if key not in best or g.weight[best[key]] > w:
                best[key] = e
        for (a, b), e in best.items():
            G.add_edge(a, b, weight=float(g.weight[e]), eid=e)

        def run():
            out = []
            for a, b in pairs:
                routes = []
                for path in nx.shortest_simple_paths(G, a, b, weight="weight"):
                    eids = [G[x][y]["eid"] for x, y in zip(path[:-1], path[1:])]
                    routes.append((float(g.weight[eids].sum()), eids))
                    if len(routes) == k:
                        break
                out.append(routes)
            return out
    elif method == "igraph":
        import igraph

        G = igraph.Graph(n=g.n_nodes, edges=np.column_stack([g.u, g.v]).tolist(), directed=False)

        def run():
            out = []
            for a, b in pairs:
                paths = G.get_k_shortest_paths(a, to=b, k=k, weights=g.weight.tolist(), output="epath")
                out.append([(float(g.weight[p].sum()), list(p)) for p in paths])
            return out
    else:
        raise SystemExit(f"unknown method {method}")
    base = rss_mb("VmRSS")
    reset_peak()
    t0 = time.perf_counter()
    sets = run()
    seconds = time.perf_counter() - t0
    peak = rss_mb("VmHWM") - base
    yen = yen_sets() if method != "yen" and n_edges <= 200_000 else (sets if method == "yen" else None)
    detours, overlaps, covers = [], [], []
    for j, routes in enumerate(sets):
        if not routes:
            continue
        d, o, c = _set_quality(routes, yen[j] if yen else [], km)
        detours += d
        overlaps += o
        covers.append(c)
    return {"seconds": seconds, "seconds_per_od": seconds / len(pairs), "peak_mb": peak, "pairs": len(pairs),
            "routes_per_od": float(np.mean([len(r) for r in sets])),
            "mean_detour": float(np.mean(detours)) if detours else None,
            "mean_overlap": float(np.mean(overlaps)) if overlaps else None,
            "coverage_of_yen": float(np.nanmean(covers)) if yen and covers else None}


# ----------------------------------------------------------------------------- N-1 criticality
def n1_model(n_edges):
    """Two countries split by a vertical line; PoEs on the edges that cross it; ODs between towns."""
    from rdh_engine.poe.impact import ImpactModel

    g, km, xy = graph_of(n_edges, seed=2)
    nodes = main_component(g)
    mid = np.median(xy[:, 0])
    side = xy[:, 0] < mid
    crossing = np.flatnonzero(side[g.u] != side[g.v])
    rng = np.random.default_rng(5)
    n_poe = min(470, crossing.size)
    poe_edges = rng.choice(crossing, n_poe, replace=False)
    # crossings without a PoE are closed tracks: every border edge is monitored or impassable
    cost = g.weight.copy()
    g = g.with_weights(cost).without_edges(np.setdiff1d(crossing, poe_edges))
    towns = rng.choice(nodes, 200, replace=False)
    west, east = towns[side[towns]], towns[~side[towns]]
    o = np.concatenate([np.repeat(west, east.size), np.repeat(east, west.size)])
    d = np.concatenate([np.tile(east, west.size), np.tile(west, east.size)])
    pick = rng.choice(o.size, min(2000, o.size), replace=False)
    return ImpactModel(graph=g, cost_h=cost, length_km=km, edge_poe=np.column_stack([np.arange(n_poe), poe_edges]),
                       n_poe=n_poe, od_origin=o[pick], od_dest=d[pick], od_flow=rng.uniform(1, 50, pick.size),
                       od_end_poe=np.empty((0, 2), np.int64))


def run_n1(n_edges, method, n_scenarios):
    from rdh_engine.poe.status import CLOSED, OPEN
    from rdh_engine.poe.sweep import dask_client, run_sweep

    model = n1_model(n_edges)
    open_ = np.full(model.n_poe, OPEN, np.int8)
    baseline = model.evaluate(open_)
    count = model.n_poe if n_scenarios is None else min(n_scenarios, model.n_poe)
    scenarios = [np.where(np.arange(model.n_poe) == p, CLOSED, OPEN).astype(np.int8) for p in range(count)]
    base = rss_mb("VmRSS")
    reset_peak()
    t0 = time.perf_counter()
    if method == "serial":
        out = run_sweep(model, baseline, scenarios)
        startup = 0.0
    else:
        with dask_client("local", n_workers=2) as client:
            startup = time.perf_counter() - t0
            out = run_sweep(model, baseline, scenarios, client=client)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "cluster_start_s": startup, "peak_mb": rss_mb("VmHWM") - base,
            "scenarios": count, "n_poe": model.n_poe, "n_od": model.n_od,
            "seconds_all_poe": seconds / count * model.n_poe,
            "check": float(sum(r["extra_person_km"] for r in out))}


# ----------------------------------------------------------------------------- building
def run_build(n_edges, method):
    import tempfile

    from rdh_engine.network import build_network

    from osm_like import osm_like_lines

    lines = osm_like_lines(n_edges)
    with tempfile.TemporaryDirectory() as cache:
        build_network(lines.iloc[:50])  # imports and kernels outside the timing
        base = rss_mb("VmRSS")
        reset_peak()
        t0 = time.perf_counter()
        net = build_network(lines, cache_dir=cache if method == "cached" else None)
        seconds = time.perf_counter() - t0
        peak = rss_mb("VmHWM") - base
        out = {"seconds": seconds, "peak_mb": peak, "segments": len(lines), "graph": repr(net.graph)}
        if method == "cached":  # the second run: loaded from the cache, graph arrays memory-mapped
            t0 = time.perf_counter()
            build_network(lines, cache_dir=cache)
            out["second_run_s"] = time.perf_counter() - t0
    return out


# ----------------------------------------------------------------------------- driver
def plan(cases):
    jobs = []
    for case in cases:
        kind, n = case.rsplit("_", 1)
        n = int(n)
        if kind == "corridors":
            jobs += [(case, "k1", ""), (case, "k3", "")]
            if n >= 1_000_000:
                jobs.append((case, "k3", "400"))
        elif kind == "choice":
            methods = ["penalty", "yen", "networkx", "igraph"]
            jobs += [(case, m, "") for m in methods]
        elif kind == "n1":
            jobs += [(case, "serial", ""), (case, "dask", "")]
        elif kind == "build":
            jobs.append((case, "cached", ""))
    return jobs


def child(case, method, extra):
    kind, n = case.rsplit("_", 1)
    n = int(n)
    if kind == "corridors":
        return run_corridors(n, int(method[1:]), float(extra) if extra else None)
    if kind == "choice":
        return run_choice(n, method, 20 if n <= 20_000 else 4)
    if kind == "n1":
        return run_n1(n, method, None if n <= 200_000 else 60)
    if kind == "build":
        return run_build(n, method)
    raise SystemExit(f"unknown case {case}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", default=list(DEFAULT_CASES))
    parser.add_argument("--methods", nargs="*", help="only these methods (e.g. penalty k3)")
    parser.add_argument("--json", help="write the records to this file")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    records = []
    for case, method, extra in plan(args.cases):
        if args.methods and method not in args.methods:
            continue
        load = os.getloadavg()[0]
        t0 = time.time()
        out = subprocess.run([sys.executable, __file__, "--child", case, method, extra], capture_output=True, text=True)
        if out.returncode != 0:
            rec = {"error": (out.stderr.strip().splitlines() or ["?"])[-1]}
        else:
            rec = json.loads(out.stdout.strip().splitlines()[-1])
        rec = {"case": case, "method": method + (f"_budget{extra}MB" if extra else ""), **rec,
               "load_before": round(load, 2), "wall_child_s": round(time.time() - t0, 1)}
        records.append(rec)
        print(json.dumps(rec), flush=True)
    if args.json:
        machine = f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps([{**r, "machine": machine} for r in records], indent=1))


if __name__ == "__main__":
    main()
