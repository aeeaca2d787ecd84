"""Markdown table from `rdh bench --json` records: ``python bench/results_table.py out/bench.json``."""
import json
import sys


def table(records):
    by_case = {}
    for r in records:
        by_case.setdefault(r["case"], []).append(r)
    lines = ["| case | method | seconds | peak MB | x engine | note |", "|---|---|---:|---:|---:|---|"]
    for case, recs in by_case.items():
        engine = next((r for r in recs if r["method"] == "engine" and "seconds" in r), None)
        for r in recs:
            if "seconds" not in r:
                lines.append(f"| {case} | {r['method']} | - | - | - | {r.get('error', '')} |")
                continue
            ratio = f"{r['seconds'] / engine['seconds']:.2f}" if engine and r is not engine else "-"
            lines.append(f"| {case} | {r['method']} | {r['seconds']:.3f} | {r['peak_mb']:.1f} | {ratio} | "
                         f"{r.get('note', '')} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(table(json.load(open(sys.argv[1]))) + "\n")
