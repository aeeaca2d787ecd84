"""`rdh bench --quick`: the machinery and the JSON records (not the speed: timing belongs in bench/)."""
import json
import subprocess
import sys
from pathlib import Path

REQUIRED = {"case", "method", "seconds", "peak_mb"}


def test_quick_bench_writes_json_records(tmp_path):
    out = tmp_path / "bench.json"
    rdh = Path(sys.executable).with_name("rdh")
    result = subprocess.run([str(rdh), "bench", "--quick", "--json", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    records = json.loads(out.read_text())
    assert all(REQUIRED <= set(r) for r in records), [r for r in records if not REQUIRED <= set(r)]
    methods = {(r["case"], r["method"]) for r in records}
    for peer in ("engine", "scipy", "scipy_hilbert", "igraph", "rustworkx", "networkx"):
        assert ("assign_2000", peer) in methods
    assert {("grid_200", "engine"), ("grid_200", "skimage"), ("sp_2000", "engine")} <= methods
    assert all(r["seconds"] > 0 and r["peak_mb"] >= 0 for r in records)
    # every method assigned the same total volume (same graph, same sources, ties improbable)
    totals = {r["method"]: r["check"] for r in records if r["case"] == "assign_2000" and r["method"] != "networkx"}
    assert len(set(totals.values())) == 1, totals
    assert "assign_2000" in result.stdout and "x engine" in result.stdout
