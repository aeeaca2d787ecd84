"""Corridor benchmark: the engine's reconstruction against the same assignment done with networkx.

Cases
- sample_year: a year of daily counts at 50 FMPs on the sample road network (sample_data/real/roads.gpkg),
  300 origin-destination town pairs, all-or-nothing (k=1) and logit over k=3 routes.
- scaled: a 700x700 grid road graph (about 1M edges) with 2,000 OD pairs routed through FMPs, k=1 and
  k=3 (link-penalty choice sets: the graph is above ``YEN_MAX_EDGES``); networkx on a subsample,
  extrapolated and labelled so. OSM-like networks: ``bench/bench_scale.py``.

Run: .venv/bin/python bench/bench_corridors.py [--quick] [--json FILE]
Prints seconds, peak memory (tracemalloc, Python allocations) and the ratio networkx / engine.
"""
import argparse
import os
import json
import sys
import time
import tracemalloc

import networkx as nx
import numpy as np
import pandas as pd

from rdh_engine.corridors.assignment import route_incidence, route_pairs, stop_pairs
from rdh_engine.corridors.reconstruct import reconstruct
from rdh_engine.io.sources import read_roads
from rdh_engine.network import RoadGraph, build_network


def record(records, **rec):
    """Keep a measurement and print it at once (a long run still shows what it has measured)."""
    records.append(rec)
    print(json.dumps(rec), file=sys.stderr, flush=True)


def measure(fn):
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out, seconds, peak


def nx_graph(u, v, w):
    g = nx.Graph()
    for a, b, c in zip(u.tolist(), v.tolist(), w.tolist()):
        if not g.has_edge(a, b) or g[a][b]["weight"] > c:
            g.add_edge(a, b, weight=c)
    return g


def nx_assign(g, legs):
    """Reference: each leg's stops joined by networkx shortest paths (each distinct stop pair routed
    once, as the engine does), persons accumulated per node pair."""
    vol, paths = {}, {}
    for stops, persons in legs:
        for a, b in zip(stops[:-1], stops[1:]):
            if (a, b) not in paths:
                paths[(a, b)] = nx.shortest_path(g, a, b, weight="weight")
            path = paths[(a, b)]
            for x, y in zip(path[:-1], path[1:]):
                key = (min(x, y), max(x, y))
                vol[key] = vol.get(key, 0.0) + persons
    return vol


def sample_year(records, quick):
    roads = read_roads("sample_data/real/roads.gpkg")
    network = build_network(roads)
    rng = np.random.default_rng(42)
    nodes = network.nodes.to_crs("EPSG:4326")
    main = network.edges["component"].eq(0)
    usable = np.unique(network.edges.loc[main, ["u", "v"]].to_numpy())
    towns = rng.choice(usable, size=120, replace=False)
    places = pd.DataFrame({"name": [f"Town{n}" for n in towns], "lon": nodes.geometry.x.to_numpy()[towns],
                           "lat": nodes.geometry.y.to_numpy()[towns], "population": rng.integers(1e4, 1e6, towns.size)})
    fmp_nodes = rng.choice(usable, size=50, replace=False)
    fmp = pd.DataFrame({"fmp_id": [f"F{i}" for i in range(50)], "name": "x", "country_iso3": "NER",
                        "lon": nodes.geometry.x.to_numpy()[fmp_nodes], "lat": nodes.geometry.y.to_numpy()[fmp_nodes]})
    pairs = [(rng.integers(towns.size), rng.integers(towns.size), rng.integers(50)) for _ in range(300)]
    pairs = [p for p in pairs if p[0] != p[1]]
    days = pd.date_range("2021-01-01", periods=int(os.environ.get("BENCH_DAYS", 60 if quick else 365)))
    rows = [{"fmp_id": f"F{f}", "date": d, "origin": f"Town{towns[o]}", "destination": f"Town{towns[t]}",
             "count": c} for (o, t, f) in pairs for d, c in zip(days, rng.poisson(6, days.size)) if c > 0]
    counts = pd.DataFrame(rows)
    print(f"sample_year: {len(counts):,} count rows, {len(pairs)} OD pairs, 50 FMPs, {days.size} days", file=sys.stderr)
    for k in (1, 3):
        _, s, mb = measure(lambda: reconstruct(network, fmp, counts, places, period="month", k=k, n_boot=100))
        record(records, case="sample_year", method=f"engine_k{k}", seconds=s, peak_mb=mb)
    g = nx_graph(network.edges["u"].to_numpy(), network.edges["v"].to_numpy(), network.edges["cost_h"].to_numpy())
    place_node = dict(zip(places["name"], towns))
    legs = [((place_node[r.origin], fmp_nodes[int(r.fmp_id[1:])], place_node[r.destination]), r.count)
            for r in counts.itertuples()]
    _, s, mb = measure(lambda: nx_assign(g, legs))
    record(records, case="sample_year", method="networkx_k1", seconds=s, peak_mb=mb)


def scaled(records, quick, n_pairs=None):
    n = 300 if quick else 700
    idx = np.arange(n * n).reshape(n, n)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    rng = np.random.default_rng(7)
    w = rng.uniform(1.0, 2.0, u.size)
    graph = RoadGraph.from_arrays(u, v, w, n_nodes=n * n)
    n_pairs = n_pairs or (200 if quick else 2000)
    fmps = rng.integers(0, n * n, 50)
    seqs = [(int(a), int(rng.choice(fmps)), int(b)) for a, b in rng.integers(0, n * n, (n_pairs, 2))]
    print(f"scaled: {graph!r}, {n_pairs} OD legs through 50 FMPs", file=sys.stderr)
    route_pairs(graph, stop_pairs(seqs[:2]), k=1)  # compile outside the timing
    _, s, mb = measure(lambda: route_incidence(route_pairs(graph, stop_pairs(seqs), k=1), seqs))
    record(records, case=f"scaled_{u.size}_edges", method="engine_k1", seconds=s, peak_mb=mb)
    g = nx_graph(u, v, w)
    sub = seqs[: max(n_pairs // 20, 10)]
    _, s, mb = measure(lambda: nx_assign(g, [(seq, 1.0) for seq in sub]))
    record(records, case=f"scaled_{u.size}_edges", method="networkx_k1_extrapolated",
           seconds=s * len(seqs) / len(sub), peak_mb=mb)
    few = seqs[:3]
    _, s, mb = measure(lambda: route_incidence(route_pairs(graph, stop_pairs(seqs), k=3), seqs))
    record(records, case=f"scaled_{u.size}_edges", method="engine_k3", seconds=s, peak_mb=mb)
    _, s, mb = measure(lambda: [list(zip(range(3), nx.shortest_simple_paths(g, a, b, weight="weight")))
                                for seq in few[:1] for a, b in zip(seq[:-1], seq[1:])])
    record(records, case=f"scaled_{u.size}_edges", method="networkx_k3_extrapolated",
           seconds=s * len(seqs), peak_mb=mb)


def report(records):
    frame = pd.DataFrame(records)
    print(frame.to_string(index=False, float_format=lambda x: f"{x:,.2f}"))
    for case, part in frame.groupby("case"):
        secs = dict(zip(part["method"], part["seconds"]))
        for k in ("1", "3"):
            eng = secs.get(f"engine_k{k}") or secs.get(f"engine_k{k}_extrapolated")
            ref = secs.get(f"networkx_k{k}") or secs.get(f"networkx_k{k}_extrapolated")
            if eng and ref:
                print(f"{case}: k={k} networkx / engine = {ref / eng:,.1f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--json", help="write the records (case, method, seconds, peak_mb) to this file")
    parser.add_argument("--pairs", type=int, help="OD legs of the scaled case (default 2000; 200 with --quick)")
    parser.add_argument("--skip-sample", action="store_true", help="only the scaled case")
    args = parser.parse_args()
    records = []
    if not args.skip_sample:
        sample_year(records, args.quick)
    scaled(records, args.quick, args.pairs)
    report(records)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(records, fh, indent=1)


if __name__ == "__main__":
    main()
