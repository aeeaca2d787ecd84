"""Shared fixtures. pytest-qgis starts a real QgsApplication before this file is imported."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed and no per-example deadline: a red CI then always
# means a reproducible failure, never a slow machine or an unlucky draw. Locally they explore.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DATA = REPO / "sample_data"

try:  # QGIS 3.22: keep qgis.testing.start_app() from building a second app (segfault at exit)
    import qgis.testing
    from qgis.core import QgsApplication

    qgis.testing.QGISAPP = QgsApplication.instance()
except ImportError:  # engine-only environments
    pass


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def sample_data():
    return SAMPLE_DATA


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory):
    """`rdh demo --steps sources` run once into a temp folder (through the real console script)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("demo-out")
    rdh = Path(sys.executable).with_name("rdh")
    result = subprocess.run([str(rdh), "demo", "--steps", "sources", "--data", str(SAMPLE_DATA), "--output", str(out)],
                            capture_output=True, text=True, cwd=out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def sample_copy(tmp_path):
    """A writable copy of the sample data's real layers."""
    dst = tmp_path / "sample_data"
    shutil.copytree(SAMPLE_DATA / "real", dst / "real")
    return dst


@pytest.fixture
def small_disk(tmp_path):
    """``small_disk(size)``: a tmpfs of ``size`` ("16m") mounted below ``tmp_path`` (root only: skips
    otherwise), unmounted afterwards: a disk that fills up for the full-disk tests."""
    mounted = []

    def mount(size):
        if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a small tmpfs needs root")
        disk = tmp_path / f"disk{len(mounted)}"
        disk.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], capture_output=True,
                              text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(disk)
        return disk

    yield mount
    for disk in mounted:
        subprocess.run(["umount", str(disk)], check=True)
