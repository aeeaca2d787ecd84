"""Crash consistency of every writing command: `kill -9` at several moments of a run leaves each output
either as it was (the previous run's) or complete and valid, never half-written; and a full disk (a
small tmpfs mounted here when running as root) ends in exit 1 with the previous outputs intact.

The kill moments are spread over the run's duration, more densely near its end, where the writes
happen (the duration is measured on a first, complete run).
"""
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyogrio
import pytest
import rasterio

from rdh_engine.io.gpkg import read_provenance

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
RDH = str(Path(sys.executable).with_name("rdh"))
KILL_FRACTIONS = (0.3, 0.6, 0.8, 0.9, 0.97, 1.02)

CORRIDORS = ["corridors", "--roads", DATA / "corridors/roads.gpkg", "--places", DATA / "corridors/places.csv",
             "--fmp", DATA / "corridors/fmp.csv", "--counts", DATA / "corridors/counts.csv", "--n-boot", "5",
             "-o", "{out}/c.gpkg"]
TRANSHUMANCE = ["transhumance", "--reports", DATA / "transhumance/ki_reports.csv", "--cost",
                DATA / "bad_commands/cost_ok.tif", "-o", "{out}/t.gpkg"]
VALIDATE = ["validate", "--kind", "fmp_counts", REPO / "sample_data/generated/fmp_counts.csv",
            "--to-gpkg", "{out}/v.gpkg", "--report", "{out}/v.json"]
EXPORT = ["export", DATA / "bad_commands/rdh_layers.gpkg", "--no-qgis", "-o", "{out}", "--theme", "b"]
POE = ["poe-impact", "--roads", REPO / "sample_data/real/roads.gpkg", "--places",
       REPO / "sample_data/real/places_geonames.csv", "--poe", DATA / "poe/poe.csv",
       "--status", DATA / "poe/status.csv", "--od", DATA / "poe/od.csv", "--date", "2020-04-15",
       "--scheduler", "serial", "-o", "{out}/i.gpkg"]
COMMANDS = {"validate": VALIDATE, "corridors": CORRIDORS, "transhumance": TRANSHUMANCE, "export": EXPORT,
            "poe-impact": POE}


def argv(args, out):
    return [RDH, *(str(a).replace("{out}", str(out)) for a in args)]


def snapshot(folder):
    """{relative path: sha256} of every file (temporary and lock files apart)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".rdh-part" not in p.as_posix()
            and not p.name.endswith(".rdh-lock")}


def assert_valid(path):
    """``path`` is a complete output of its kind."""
    suffix = path.suffix.lower()
    if suffix == ".gpkg":
        layers = [name for name, _ in pyogrio.list_layers(path) if name != "layer_styles"]
        assert layers and read_provenance(path, layers[0])["tool"].startswith("rdh"), path
    elif suffix == ".tif":
        with rasterio.open(path) as src:
            src.read(1)
            assert src.tags().get("RDH_TOOLKIT"), path
    elif suffix in (".json",) and path.name != ".rdh-outputs.json":
        json.loads(path.read_text(encoding="utf-8"))
    elif suffix == ".png":
        assert path.read_bytes()[-8:-4] == b"IEND", path
    elif suffix == ".csv":
        assert path.read_bytes().endswith(b"\n"), path
    if path.name == "bundle.json":
        manifest = json.loads(path.read_text(encoding="utf-8"))
        for name, digest in manifest["files"].items():
            assert hashlib.sha256((path.parent / name).read_bytes()).hexdigest() == digest, name


def check_outputs(out, previous):
    """Every output is the previous one or a complete, valid new one; nothing is missing."""
    now = snapshot(out)
    assert set(previous) <= set(now), f"outputs lost: {set(previous) - set(now)}"
    for name, digest in now.items():
        if previous.get(name) != digest:
            assert_valid(out / name)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_kill_minus_9_never_leaves_a_broken_or_missing_output(command, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    started = time.monotonic()
    first = subprocess.run(argv(COMMANDS[command], out), capture_output=True, text=True, cwd=REPO)
    duration = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    previous = snapshot(out)
    for name in previous:
        assert_valid(out / name)
    for fraction in KILL_FRACTIONS:
        proc = subprocess.Popen(argv(COMMANDS[command], out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=REPO, start_new_session=True)
        time.sleep(duration * fraction)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        check_outputs(out, previous)
        previous = snapshot(out)
    # The next complete run cleans what the killed ones left behind.
    final = subprocess.run(argv(COMMANDS[command], out), capture_output=True, text=True, cwd=REPO)
    assert final.returncode == 0, final.stderr
    assert not [p for p in out.rglob("*") if ".rdh-part" in p.name or p.name.endswith(".rdh-lock")]


def test_two_runs_on_one_output_never_corrupt_it(tmp_path):
    """Concurrent runs on the same output: the second waits for the first; both end well."""
    procs = [subprocess.Popen(argv(CORRIDORS, tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO) for _ in range(2)]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert_valid(tmp_path / "c.gpkg")
    assert not [p for p in tmp_path.iterdir() if ".rdh-part" in p.name or p.name.endswith(".rdh-lock")]


@pytest.mark.parametrize("command", ["validate", "corridors", "transhumance", "export"])
def test_full_disk_exits_1_and_keeps_the_previous_outputs(command, tmp_path, small_disk):
    disk = small_disk("16m")
    first = tmp_path / "first"
    first.mkdir()
    assert subprocess.run(argv(COMMANDS[command], first), capture_output=True, cwd=REPO).returncode == 0
    shutil.copytree(first, disk, dirs_exist_ok=True)
    previous = snapshot(disk)
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * max(0, free - 8192))  # almost nothing left
    result = subprocess.run(argv(COMMANDS[command], disk), capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 1, result.stderr
    assert "no space left" in result.stderr and "Traceback" not in result.stderr, result.stderr
    now = snapshot(disk)
    now.pop("filler")
    assert {k: v for k, v in now.items() if k in previous} == previous
    assert not [p for p in disk.rglob("*") if ".rdh-part" in p.name]
