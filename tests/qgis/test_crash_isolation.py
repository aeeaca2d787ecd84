"""The QGIS-side commands run QGIS in a child process: a crash there (here a real SIGSEGV sent to the
child) is one error line and exit 1, never a dead `rdh`, and the previous map stays intact."""
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "bad_commands"
RDH = str(Path(sys.executable).with_name("rdh"))

pytestmark = [pytest.mark.qgis, pytest.mark.slow]


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the child process")
def test_a_segfault_in_qgis_is_an_error_and_the_previous_map_stays(tmp_path):
    out = tmp_path / "m.pdf"
    args = [RDH, "map", "-p", str(DATA / "rdh_layers.gpkg"), "--dpi", "50", "-o", str(out)]
    first = subprocess.run(args, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = hashlib.sha256(out.read_bytes()).hexdigest()
    # The run to crash renders at 600 dpi, so that its child is still at work when the signal comes
    # (at 50 dpi an idle machine finishes the map in under a second).
    slow = [*args[:args.index("--dpi") + 1], "600", *args[args.index("--dpi") + 2:]]
    proc = subprocess.Popen(slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    (child,) = children(proc.pid)
    time.sleep(0.5)
    os.kill(child, signal.SIGSEGV)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1, stderr
    assert "QGIS crashed" in stderr and "SIGSEGV" in stderr and "Traceback" not in stderr, stderr
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before


def test_map_on_a_full_disk_exits_1_and_keeps_the_good_pdf(small_disk):
    """QGIS reports success even when a full disk truncates the PDF: rdh checks the file is complete."""
    disk = small_disk("4m")
    args = [RDH, "map", "-p", str(DATA / "rdh_layers.gpkg"), "--dpi", "50", "-o", str(disk / "m.pdf")]
    assert subprocess.run(args, capture_output=True).returncode == 0
    before = hashlib.sha256((disk / "m.pdf").read_bytes()).hexdigest()
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - 4096))
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "incomplete PDF" in result.stderr and "Wrote" not in result.stdout, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert hashlib.sha256((disk / "m.pdf").read_bytes()).hexdigest() == before
    assert not [p for p in disk.iterdir() if ".rdh-part" in p.name]
