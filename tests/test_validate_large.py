"""A large counts file is validated in chunks: memory stays bounded, far below the file's size.

The issue asks for 200 MB. On the project's 2-core machine, shared by several jobs, 200 MB takes
about a minute, so the default here is 40 MB (same code path, same chunking); run the full size with
`RDH_LARGE_FILE_MB=200 make test PYTEST_ARGS=tests/test_validate_large.py`. Measured numbers are in
docs/sources.md.
"""
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[1] / "sample_data" / "real"
SIZE_MB = int(os.environ.get("RDH_LARGE_FILE_MB", "40"))
HEADER = "fmp_id,date,origin,next_stop,destination,nationality_iso3,sex,age_group,transport_mode,flow_type,count\n"
# Working set of one 50,000-row chunk of 11 text columns (parsed, typed, checked).
CHUNK_ALLOWANCE_MB = 64
FIRST_DAY = datetime.date(2020, 1, 1)
PLACES = ["Agadez", "Arlit", "Niamey", "Gao", "Bamako", "Kidal", "Zinder", "Tahoua"]

MEASURE = """
import datetime
import json
import os, resource, sys, time
from rdh_engine.io.validation import validate_file
t = time.perf_counter()
report, _ = validate_file(sys.argv[1], kind="fmp_counts", admin=sys.argv[2], places=sys.argv[3])
print(json.dumps({"rows": report.rows, "errors": report.errors, "warnings": report.warnings,
                  "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_counts(path, size_mb):
    """Blocks of 10,000 distinct rows, one day per block (fast to write, no duplicate rows)."""
    rows = []
    for i in range(10_000):
        o, n, d = PLACES[i % 8], PLACES[(i // 8) % 8], PLACES[(i // 64) % 8]
        rows.append(f"FMP-{i % 97:03d},@DATE@,{o},{n},{d},NER,{'male' if i % 2 else 'female'},adult,bus,"
                    f"outgoing,{10 + i % 50}\n")
    block = "".join(rows).replace("@DATE@", "{date}")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        day = 0
        while fh.tell() < size_mb * 1_000_000:
            fh.write(block.format(date=(FIRST_DAY + datetime.timedelta(days=day)).isoformat()))
            day += 1


def measure(path):
    out = subprocess.run([sys.executable, "-c", MEASURE, str(path), str(REAL / "admin.gpkg"),
                          str(REAL / "places_geonames.csv")], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


@pytest.mark.slow
def test_large_file_is_validated_in_bounded_memory(tmp_path):
    big, small = tmp_path / "big.csv", tmp_path / "small.csv"
    start = time.perf_counter()
    write_counts(big, SIZE_MB)
    small.write_text(big.open(encoding="utf-8").read(20_000).rsplit("\n", 1)[0] + "\n", encoding="utf-8")
    assert big.stat().st_size >= SIZE_MB * 1_000_000
    baseline, run = measure(small), measure(big)
    print(f"\n{SIZE_MB} MB, {run['rows']} rows: {run['seconds']:.1f} s, peak {run['peak_mb']:.0f} MB "
          f"(baseline {baseline['peak_mb']:.0f} MB); total {time.perf_counter() - start:.1f} s")
    assert run["errors"] == 0 and run["rows"] > 10_000 * SIZE_MB
    # Reading the whole file into pandas takes several times its size (11 text cells per row); in
    # chunks the cost is one chunk plus 8 bytes per row for the duplicate-row hashes (~24 at the end).
    assert run["peak_mb"] - baseline["peak_mb"] < CHUNK_ALLOWANCE_MB + 0.5 * SIZE_MB
