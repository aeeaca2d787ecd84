"""Load benchmark: each command on hub-sized inputs, with wall time and peak memory (not a test).

    .venv/bin/python bench/load.py [--scale 1.0] [--json out/load.json] [--keep DIR]

At scale 1: 2,000,000 FMP count rows (`rdh validate`, `rdh corridors`), 500,000 road segments
(`rdh corridors`, a grid-like network over Niger) and 50,000 key-informant reports
(`rdh transhumance` over the shipped 0.05 degree land cover). `--scale 0.01` checks the machinery in
a minute. Each command runs as its own `rdh` process; its peak memory is the child's maximum
resident set size (getrusage), its time the wall time. Inputs are generated, seeded, into a
temporary folder (or --keep DIR).
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import linestrings

REPO = Path(__file__).resolve().parents[1]
RDH = str(Path(sys.executable).with_name("rdh"))
FULL = {"count_rows": 2_000_000, "road_segments": 500_000, "reports": 50_000}


def make_roads(path, n_segments, rng):
    """A jittered grid of road segments over Niger/Nigeria (lon 2..14, lat 10..18), ~n_segments long."""
    side = max(2, int(np.sqrt(n_segments / 2)))
    lon = np.linspace(2, 14, side)
    lat = np.linspace(10, 18, side)
    x, y = np.meshgrid(lon, lat)
    x = x + rng.normal(0, 0.2 * (lon[1] - lon[0]), x.shape)
    y = y + rng.normal(0, 0.2 * (lat[1] - lat[0]), y.shape)
    horizontal = np.stack([np.stack([x[:, :-1], y[:, :-1]], -1), np.stack([x[:, 1:], y[:, 1:]], -1)], -2)
    vertical = np.stack([np.stack([x[:-1], y[:-1]], -1), np.stack([x[1:], y[1:]], -1)], -2)
    coords = np.concatenate([horizontal.reshape(-1, 2, 2), vertical.reshape(-1, 2, 2)])
    roads = gpd.GeoDataFrame({"road_class": np.full(len(coords), "primary")}, geometry=linestrings(coords),
                             crs="EPSG:4326")
    roads.to_file(path, layer="roads", engine="pyogrio")
    return len(roads), (x, y)


def make_places_fmp_counts(folder, n_rows, grid, rng):
    x, y = grid
    pick = rng.choice(x.size, size=60, replace=False)
    places = pd.DataFrame({"name": [f"Town{i:02d}" for i in range(60)], "lon": x.flat[pick].round(4),
                           "lat": y.flat[pick].round(4), "population": rng.integers(5_000, 500_000, 60),
                           "country_iso3": "NER"})
    places.to_csv(folder / "places.csv", index=False)
    fmp = places.iloc[:20].rename(columns={"name": "fmp_name"})
    fmp = pd.DataFrame({"fmp_id": [f"FMP{i:02d}" for i in range(20)], "name": fmp["fmp_name"],
                        "country_iso3": "NER", "lon": fmp["lon"], "lat": fmp["lat"]})
    fmp.to_csv(folder / "fmp.csv", index=False)
    days = pd.date_range("2019-01-01", "2021-12-31").strftime("%Y-%m-%d").to_numpy()
    counts = pd.DataFrame({"fmp_id": rng.choice(fmp["fmp_id"].to_numpy(), n_rows),
                           "date": rng.choice(days, n_rows),
                           "origin": rng.choice(places["name"].to_numpy()[20:40], n_rows),
                           "destination": rng.choice(places["name"].to_numpy()[40:], n_rows),
                           "count": rng.integers(1, 200, n_rows)})
    counts.to_csv(folder / "counts.csv", index=False)


def make_reports(path, n_reports, rng):
    """Herds of 5 to 15 reports walking south-west across the Sahel (Mauritania/Mali/Senegal)."""
    rows, herd = [], 0
    while len(rows) < n_reports:
        herd += 1
        n = int(rng.integers(5, 16))
        lon0, lat0 = rng.uniform(-12, -4), rng.uniform(15, 17)
        start = pd.Timestamp("2020-11-01") + pd.Timedelta(days=int(rng.integers(0, 60)))
        for k in range(n):
            rows.append((f"R{len(rows):06d}", (start + pd.Timedelta(days=4 * k)).strftime("%Y-%m-%d"),
                         f"I{herd % 500:04d}", round(lon0 - 0.08 * k, 4), round(lat0 - 0.06 * k, 4),
                         int(rng.integers(20, 400)), f"H{herd:05d}"))
    pd.DataFrame(rows[:n_reports], columns=["report_id", "date", "informant_id", "lon", "lat", "herd_size",
                                            "herd_id"]).to_csv(path, index=False)


def measure(name, args, cwd):
    """Run `rdh ARGS`; (record, stderr tail)."""
    start = time.monotonic()
    proc = subprocess.Popen([RDH, *map(str, args)], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    err = proc.stderr.read()
    code = os.waitstatus_to_exitcode(status)
    return {"case": name, "method": "rdh", "seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
            "exit": code}, err.strip().splitlines()[-1:] if code else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    sizes = {k: max(10, int(v * args.scale)) for k, v in FULL.items()}
    rng = np.random.default_rng(0)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="rdh-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    n_roads, grid = make_roads(folder / "roads.gpkg", sizes["road_segments"], rng)
    make_places_fmp_counts(folder, sizes["count_rows"], grid, rng)
    make_reports(folder / "ki.csv", sizes["reports"], rng)
    print(f"inputs in {folder}: {sizes['count_rows']:,} count rows, {n_roads:,} road segments, "
          f"{sizes['reports']:,} reports", flush=True)
    out = folder / "out"
    runs = [
        (f"validate_counts_{sizes['count_rows']}", ["validate", "--kind", "fmp_counts", folder / "counts.csv",
                                                      "--places", folder / "places.csv", "--admin", "none"]),
        (f"corridors_{sizes['count_rows']}rows_{n_roads}roads",
         ["corridors", "--roads", folder / "roads.gpkg", "--places", folder / "places.csv", "--fmp", folder / "fmp.csv",
          "--counts", folder / "counts.csv", "--n-boot", "20", "--overwrite", "-o", out / "corridors.gpkg"]),
        (f"transhumance_{sizes['reports']}reports",
         ["transhumance", "--reports", folder / "ki.csv", "--landcover",
          REPO / "sample_data/real/landcover_igbp_0p05deg.tif", "--season", "dry", "--overwrite",
          "-o", out / "transhumance.gpkg"]),
    ]
    machine = f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    records = []
    for name, command in runs:
        record, err = measure(name, command, folder)
        records.append({**record, "machine": machine, "scale": args.scale})
        print(f"{name:<45} {record['seconds']:>9.1f} s {record['peak_mb']:>9.1f} MB  exit {record['exit']} "
              f"{' '.join(err)}", flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(records, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
