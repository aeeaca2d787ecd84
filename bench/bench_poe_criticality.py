"""Benchmark: N-1 criticality over every PoE of the sample network with baseline flows.

Methods, measured in one run on the same model:
- ``engine-serial``: the engine's scenario loop in this process (Numba Dijkstra + path tracing);
- ``engine-dask``: the same scenarios on a dask.distributed LocalCluster with 2 worker processes
  (model scattered once); cluster start-up is reported separately;
- ``networkx``: the same computation with networkx (Dijkstra per origin, paths walked in Python),
  run on a subset of scenarios and extrapolated to all (it is far slower).

Inputs: ``--poe/--status/--od`` (contract files, e.g. ``sample_data/generated/``); without them a
registry is derived from the network itself (one land PoE per border crossing, ports as sea PoEs,
the largest cities as airports) with gravity OD flows between the largest cities.
Results: a table on stdout, appended to ``bench/RESULTS_poe.md`` with ``--append``; ``--json FILE``
writes one record per measurement (case, method, seconds, peak_mb).

    .venv/bin/python bench/bench_poe_criticality.py --append
"""
import argparse
import datetime as dt
import json
import os
import platform
import time
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import psutil

from rdh_engine.io.sources import read_roads
from rdh_engine.network import build_network
from rdh_engine.poe import locate_od, prepare, read_od, read_places, read_poe, read_status, run_sweep
from rdh_engine.poe.registry import crossing_points
from rdh_engine.poe.status import CLOSED, OPEN, PARTIAL
from rdh_engine.poe.sweep import dask_client

ROADS = Path("sample_data/real/roads.gpkg")
PLACES = Path("sample_data/real/places_geonames.csv")


def rss_mb(pid=None):
    return psutil.Process(pid or os.getpid()).memory_info().rss / 2**20


def derived_inputs(net, crossings):
    """A registry and OD flows from the network itself (when no generated sample is given)."""
    pts = crossing_points(net, crossings).to_crs("EPSG:4326")
    land = pd.DataFrame({"poe_id": "L" + pts["crossing_id"], "name": "crossing " + pts["crossing_id"],
                         "poe_type": "land", "country_iso3": pts["country_a"], "neighbour_iso3": pts["country_b"],
                         "lon": pts.geometry.x, "lat": pts.geometry.y})
    cities = gpd.read_file(ROADS, layer="cities_ports").sort_values("population", ascending=False)
    ports = cities[cities["port_locode"].notna()]
    sea = pd.DataFrame({"poe_id": "S" + ports["port_locode"], "name": ports["port_name"], "poe_type": "sea",
                        "country_iso3": ports["iso3"], "lon": ports["lon"], "lat": ports["lat"]})
    big = cities.head(60)
    air = pd.DataFrame({"poe_id": "A" + big["node_id"].astype(str), "name": big["city"] + " airport",
                        "poe_type": "airport", "country_iso3": big["iso3"], "lon": big["lon"], "lat": big["lat"]})
    registry = pd.concat([land, sea, air], ignore_index=True).drop_duplicates("poe_id")
    poe = gpd.GeoDataFrame(registry, geometry=gpd.points_from_xy(registry["lon"], registry["lat"]), crs="EPSG:4326")
    top = big.head(40)
    rows = []
    for i, a in enumerate(top.itertuples()):
        for b in top.iloc[i + 1:].itertuples():
            d = np.hypot(a.lon - b.lon, a.lat - b.lat)
            rows.append((a.city, b.city, a.population * b.population / max(d, 0.5) ** 2))
    od = pd.DataFrame(rows, columns=["origin", "destination", "flow"]).nlargest(400, "flow")
    od["flow"] = od["flow"] / od["flow"].max() * 500
    return poe.reset_index(drop=True), od.reset_index(drop=True)


def networkx_n1(analysis, baseline_codes, scenario_indices):
    """The N-1 totals (stranded flow, extra person-km) with networkx, for the given PoE indices."""
    a = analysis
    e = a.network.edges
    od = a.od
    by_edge = {}
    for p, eid in a.match.edge_poe:
        by_edge.setdefault(int(eid), []).append(int(p))

    def routes(codes):
        g = nx.Graph()
        g.add_nodes_from(range(a.model.graph.n_nodes))
        for eid, u, v, w, km in zip(e["edge_id"], e["u"], e["v"], e["cost_h"], e["length_km"]):
            state = min((codes[p] for p in by_edge.get(eid, [])), default=OPEN)
            if state == CLOSED:
                continue
            w = w + (a.model.partial_penalty_h if state == PARTIAL else 0.0)
            if not g.has_edge(u, v) or w < g[u][v]["w"]:
                g.add_edge(u, v, w=w, km=km)
        km = np.full(len(od), np.nan)
        for s in np.unique(od["origin_node"]):
            _, paths = nx.single_source_dijkstra(g, int(s), weight="w")
            for k in np.flatnonzero(od["origin_node"].to_numpy() == s):
                path = paths.get(int(od["dest_node"].iloc[k]))
                if path is not None:
                    km[k] = sum(g[x][y]["km"] for x, y in zip(path[:-1], path[1:]))
        return km

    base = routes(baseline_codes)
    flow = od["flow"].to_numpy()
    out = []
    for i in scenario_indices:
        codes = baseline_codes.copy()
        codes[i] = CLOSED
        km = routes(codes)
        both = np.isfinite(base) & np.isfinite(km)
        out.append({"stranded": float(flow[np.isfinite(base) & ~np.isfinite(km)].sum()),
                    "extra_person_km": float((flow * np.where(both, km - base, 0.0)).sum())})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--poe")
    ap.add_argument("--status")
    ap.add_argument("--od")
    ap.add_argument("--date", default=None, help="baseline = the statuses on this date (default: all open)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--networkx-scenarios", type=int, default=20)
    ap.add_argument("--append", action="store_true", help="append the results to bench/RESULTS_poe.md")
    ap.add_argument("--json")
    args = ap.parse_args()

    crossings = gpd.read_file(ROADS, layer="border_crossings_derived")
    net = build_network(read_roads(ROADS), crossings=crossings)
    places = read_places(PLACES)
    if args.poe:
        poe, od, source = read_poe(args.poe), read_od(args.od), f"registry {args.poe}, flows {args.od}"
    else:
        poe, od = derived_inputs(net, crossings)
        source = "registry derived from the network (crossings, ports, 60 largest cities), 400 gravity OD flows"
    od = locate_od(od, places, net, poe=poe)
    a = prepare(net, poe, od, crossings=crossings)
    base_codes = a.codes(status=read_status(args.status) if args.status else None, date=args.date)
    baseline = a.model.evaluate(base_codes)
    active = a.active_poes()
    scenarios = []
    for i in active:
        codes = base_codes.copy()
        codes[i] = CLOSED
        scenarios.append(codes)
    a.model.evaluate(scenarios[0])  # numba compile / cache load outside the timings
    records = []

    def record(method, seconds, peak_mb, **extra):
        records.append({"case": f"n1_{len(scenarios)}poe_{len(od)}od", "method": method, "seconds": seconds,
                        "peak_mb": peak_mb, **extra})

    rss0 = rss_mb()
    t = time.perf_counter()
    serial = run_sweep(a.model, baseline, scenarios)
    record("engine-serial", time.perf_counter() - t, rss_mb() - rss0)

    t = time.perf_counter()
    with dask_client("local", n_workers=args.workers) as client:
        startup = time.perf_counter() - t
        run_sweep(a.model, baseline, scenarios[: args.workers * 2], client=client)  # workers import + compile
        t = time.perf_counter()
        dist = run_sweep(a.model, baseline, scenarios, client=client)
        seconds = time.perf_counter() - t
        workers_mb = sum(client.run(lambda: psutil.Process().memory_info().rss / 2**20).values())
    record(f"engine-dask-{args.workers}w", seconds, workers_mb, cluster_startup_s=startup)
    assert dist == serial, "Dask and serial results differ"

    k = min(args.networkx_scenarios, len(active))
    t = time.perf_counter()
    ref = networkx_n1(a, base_codes, active[:k])
    nx_seconds = (time.perf_counter() - t) * len(active) / k
    record("networkx (extrapolated)", nx_seconds, float("nan"), measured_scenarios=k)
    for r, s in zip(ref, serial[:k]):
        assert abs(r["stranded"] - s["stranded"]) < 1e-6
        assert abs(r["extra_person_km"] - s["extra_person_km"]) < 1e-3 * max(1, abs(r["extra_person_km"]))

    base_s = records[0]["seconds"]
    lines = [f"\n## N-1 criticality, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
             f"\nMachine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
             f"load average {os.getloadavg()[0]:.1f} (shared); {source}; network {net.graph.n_nodes} nodes, "
             f"{net.graph.n_edges} edges; {len(scenarios)} scenarios (one per matched PoE) x {len(od)} OD flows.\n",
             "| method | seconds | time / engine-serial | memory (MB) | note |", "|---|---:|---:|---:|---|"]
    for r in records:
        note = ("cluster start-up %.1f s, memory = workers' RSS" % r["cluster_startup_s"] if "cluster_startup_s" in r
                else f"{r['measured_scenarios']} scenarios measured" if "measured_scenarios" in r
                else "memory = RSS growth")
        mem = "" if np.isnan(r["peak_mb"]) else f"{r['peak_mb']:.0f}"
        lines.append(f"| {r['method']} | {r['seconds']:.2f} | {r['seconds'] / base_s:.1f}x | {mem} | {note} |")
    lines.append("\nDask and serial results identical; networkx agrees on the measured scenarios.")
    text = "\n".join(lines)
    print(text)
    if args.append:
        with open(Path(__file__).with_name("RESULTS_poe.md"), "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    if args.json:
        Path(args.json).write_text("\n".join(json.dumps(r) for r in records) + "\n")


if __name__ == "__main__":
    main()
