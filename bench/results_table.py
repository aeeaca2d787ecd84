"""Markdown table from `rdh bench --json` records: ``python bench/results_table.py out/bench.json``."""
import json
import sys

from kernels import summary  # bench/kernels.py: run as python bench/results_table.py


def table(records):
    lines = ["| case | method | seconds | peak MB | x engine | note |", "|---|---|---:|---:|---:|---|"]
    for case, method, seconds, peak, ratio, note in summary(records):
        cells = [f"{x:.3f}" if x is not None else "-" for x in (seconds,)]
        cells += [f"{peak:.1f}" if peak is not None else "-", f"{ratio:.2f}" if ratio is not None else "-"]
        lines.append(f"| {case} | {method} | {' | '.join(cells)} | {note} |")
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        sys.stdout.write(table(json.load(f)) + "\n")
