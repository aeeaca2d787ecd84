"""Shared fixtures. pytest-qgis starts a real QgsApplication before this file is imported."""
import os
import shutil
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
