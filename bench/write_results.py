"""Regenerate ``bench/RESULTS.md`` from the JSON records of one benchmark session.

    .venv/bin/python bench/write_results.py out/bench_kernels.json out/bench_scale.json ... > bench/RESULTS.md

Records from ``rdh bench --json`` (kernels: assignment, grids) and ``bench/bench_scale.py --json``
(corridors, choice sets, N-1, building) are told apart by their case names. The machine, library
versions and load averages are read at writing time and from the records.
"""
import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from kernels import summary  # noqa: E402

PACKAGES = ("numba", "numpy", "scipy", "scikit-image", "networkx", "igraph", "rustworkx", "dask", "osmium")


def versions():
    out = []
    for name in PACKAGES:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(out)


def fmt(x, spec=".2f"):
    return "-" if x is None else format(x, spec)


def kernel_table(records):
    lines = ["| case | method | seconds | peak MB | x engine | note |", "|---|---|---:|---:|---:|---|"]
    for case, method, seconds, peak, ratio, note in summary(records):
        lines.append(f"| {case} | {method} | {fmt(seconds, '.3f')} | {fmt(peak, '.1f')} | {fmt(ratio)} | {note} |")
    return lines


def grid_ratios(records):
    out = []
    by = {(r["case"], r["method"]): r for r in records if "seconds" in r}
    for case in sorted({r["case"] for r in records if r["case"].startswith("grid_")}):
        e, h, s = by.get((case, "engine")), by.get((case, "engine_heap")), by.get((case, "skimage"))
        if e and s:
            mem = e["peak_mb"] / s["peak_mb"] if s["peak_mb"] else float("nan")
            out.append(f"- **{case}**: skimage / engine (bucket queue) = **{s['seconds'] / e['seconds']:.2f}x** "
                       f"faster (goal >= 3x); peak memory engine / skimage = **{mem:.2f}** (goal <= 0.33)"
                       + (f"; heap kernel / bucket queue = {h['seconds'] / e['seconds']:.2f}x" if h else ""))
    for case in sorted({r["case"] for r in records if r["case"].startswith("assign_")}):
        e = by.get((case, "engine"))
        for peer in ("scipy", "scipy_hilbert"):
            sc = by.get((case, peer))
            if e and sc:
                out.append(f"- **{case}**: {peer} / engine = **{sc['seconds'] / e['seconds']:.2f}x** (goal >= 3x)")
    return out


def scale_tables(records):
    lines = []
    corr = [r for r in records if r["case"].startswith("corridors_")]
    if corr:
        lines += ["### Corridors: 2,000 legs through 50 FMPs on an OSM-like network", "",
                  "| case | method | seconds | peak MB above start | peak MB whole process | graph | load before |",
                  "|---|---|---:|---:|---:|---|---:|"]
        for r in corr:
            lines.append(f"| {r['case']} | {r['method']} | {fmt(r.get('seconds'), '.1f')} "
                         f"| {fmt(r.get('peak_mb'), '.0f')} | {fmt(r.get('peak_total_mb'), '.0f')} "
                         f"| {r.get('graph', r.get('error', ''))} "
                         f"| {r.get('load_before')} |")
        lines.append("")
    choice = [r for r in records if r["case"].startswith("choice_")]
    if choice:
        lines += ["### Choice sets (k=3): time per OD and quality against Yen's set", "",
                  "| case | method | s per OD | x link penalty | routes per OD | mean detour | mean overlap within set "
                  "| coverage of Yen's edges | load before |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        pen = {r["case"]: r for r in choice if r["method"] == "penalty" and "seconds_per_od" in r}
        for r in choice:
            base = pen.get(r["case"])
            ratio = r["seconds_per_od"] / base["seconds_per_od"] if base and "seconds_per_od" in r else None
            lines.append(f"| {r['case']} | {r['method']} | {fmt(r.get('seconds_per_od'), '.4f')} | {fmt(ratio)} "
                         f"| {fmt(r.get('routes_per_od'), '.2f')} | {fmt(r.get('mean_detour'), '.3f')} "
                         f"| {fmt(r.get('mean_overlap'), '.2f')} | {fmt(r.get('coverage_of_yen'), '.2f')} "
                         f"| {r.get('load_before')} |" + (f" {r['error']}" if "error" in r else ""))
        lines.append("")
    n1 = [r for r in records if r["case"].startswith("n1_")]
    if n1:
        lines += ["### N-1 criticality (close each PoE in turn, re-route the affected ODs)", "",
                  "| case | method | seconds | cluster start s | scenarios | PoEs | ODs | seconds for every PoE "
                  "| peak MB | load before |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for r in n1:
            lines.append(f"| {r['case']} | {r['method']} | {fmt(r.get('seconds'), '.1f')} "
                         f"| {fmt(r.get('cluster_start_s'), '.1f')} | {r.get('scenarios')} | {r.get('n_poe')} "
                         f"| {r.get('n_od')} | {fmt(r.get('seconds_all_poe'), '.1f')} "
                         f"| {fmt(r.get('peak_mb'), '.0f')} | {r.get('load_before')} |")
        lines.append("")
    build = [r for r in records if r["case"].startswith("build_") and "segments" in r]
    if build:
        lines += ["### Building from OSM-like segments", "",
                  "| case | segments | seconds | second run (cache) s | peak MB | graph | load before |",
                  "|---|---:|---:|---:|---:|---|---:|"]
        for r in build:
            lines.append(f"| {r['case']} | {r['segments']} | {fmt(r['seconds'], '.1f')} "
                         f"| {fmt(r.get('second_run_s'), '.2f')} "
                         f"| {fmt(r['peak_mb'], '.0f')} | {r['graph']} | {r.get('load_before')} |")
        lines.append("")
    return lines


def main(paths, notes=None):
    records = list({(r["case"], r["method"]): r for p in paths for r in json.loads(Path(p).read_text())}.values())
    # a (case, method) measured again in a later file replaces the earlier record
    kernels = [r for r in records if r["case"].split("_")[0] in ("compile", "assign", "sp", "build", "grid")
               and "segments" not in r]
    scale = [r for r in records if r not in kernels]
    machine = next((r["machine"] for r in records if "machine" in r), platform.platform())
    loads = [r["load_before"] for r in scale if "load_before" in r]
    out = ["# Benchmark results", "",
           "Regenerated by `bench/write_results.py` from one session's records (`rdh bench --json`, "
           "`bench/bench_scale.py --json`).", "",
           "## Machine", "",
           f"- {machine}; numba threads: {os.environ.get('NUMBA_NUM_THREADS', 'one per CPU')}.",
           f"- {versions()}.",
           f"- Load average before the scale runs: {min(loads):.1f} to {max(loads):.1f} on 2 cores "
           "(the machine was shared with ~8 other engineers' tests and benchmarks)." if loads else "", ""]
    if notes:
        out += [Path(notes).read_text().rstrip(), ""]
    if kernels:
        out += ["## Kernels against their peers (`rdh bench`)", "",
                "\"x engine\" = seconds of the method / seconds of the engine on the same case (above 1: the "
                "engine is faster); `peak MB` = peak RSS during the run above the RSS just before it.", ""]
        out += kernel_table(kernels) + [""] + grid_ratios(kernels) + [""]
    if scale:
        out += ["## Scale (`bench/bench_scale.py`, synthetic OpenStreetMap-like networks)", ""] + scale_tables(scale)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    args = sys.argv[1:]
    notes = None
    if "--notes" in args:
        i = args.index("--notes")
        notes = args[i + 1]
        args = args[:i] + args[i + 2:]
    main(args, notes)
