"""The Python package people install: a wheel and an sdist built from this tree, installed into a
clean venv WITHOUT QGIS (no system site-packages) with dependencies resolved from pyproject's
ranges (pip's cache, else the package index), where the engine's commands run on small data and
the QGIS-side commands say what to do instead."""
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
SOURCES = ("engine", "styles", "rdh_qgis_plugin", "setup.py", "pyproject.toml", "README.md", "LICENSE")
SYSTEM_PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").is_file() else sys.executable


def run(command, **kwargs):
    kwargs.setdefault("timeout", 1800)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, env=env, **kwargs)


@pytest.fixture(scope="session")
def dists(tmp_path_factory):
    """sdist (setup.py sdist) from a clean copy of the sources, and a wheel built FROM that sdist."""
    work = tmp_path_factory.mktemp("dists")
    src = work / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "wheels", ".*")
    for name in SOURCES:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, src / name, **(
            {"ignore": ignore} if (REPO / name).is_dir() else {}))
    dist = work / "dist"
    sdist = run([sys.executable, "setup.py", "-q", "sdist", "-d", dist], cwd=src)
    assert sdist.returncode == 0, sdist.stderr[-3000:]
    (tarball,) = dist.glob("rdh[-_]toolkit-*.tar.gz")
    wheel = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, tarball])
    assert wheel.returncode == 0, wheel.stderr[-3000:]
    (whl,) = dist.glob("rdh_toolkit-*.whl")
    return tarball, whl


@pytest.fixture(scope="session")
def clean_venv(dists, tmp_path_factory):
    """python3 -m venv (no system site-packages, so no QGIS) with the wheel and its dependencies."""
    venv = tmp_path_factory.mktemp("clean venv é") / "venv"  # a space and a non-ASCII letter too
    made = run([SYSTEM_PYTHON, "-m", "venv", venv])
    assert made.returncode == 0, made.stderr
    installed = run([venv / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q", dists[1]])
    assert installed.returncode == 0, installed.stderr[-3000:]
    return venv


def test_sdist_holds_the_sources_and_the_wheel_the_package(dists):
    tarball, whl = dists
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
    root = names[0].split("/")[0]
    for required in ("pyproject.toml", "setup.py", "engine/cli/__init__.py", "styles/roads.qml",
                     "rdh_qgis_plugin/metadata.txt"):
        assert f"{root}/{required}" in names, required
    import zipfile

    with zipfile.ZipFile(whl) as archive:
        wheel_names = archive.namelist()
        metadata = archive.read(next(n for n in wheel_names if n.endswith(".dist-info/METADATA"))).decode()
    assert "rdh_engine/cli/__init__.py" in wheel_names and "rdh_engine/styles/roads.qml" in wheel_names
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert not [r for r in requires if r.startswith("fiona")], "fiona is not used"
    geopandas = next(r for r in requires if r.startswith("geopandas"))
    assert "<2" in geopandas and "<1.2" not in geopandas, "ranges admit today's releases"


def test_clean_venv_has_no_qgis_and_the_current_releases(clean_venv):
    probe = run([clean_venv / "bin" / "python", "-c",
                 "import importlib.util as u, sys, importlib.metadata as m; "
                 "print(u.find_spec('qgis') is None, sys.prefix != sys.base_prefix, "
                 "*(m.version(p) for p in ('geopandas', 'pandas', 'shapely', 'pyproj', 'networkx')))"])
    assert probe.returncode == 0, probe.stderr
    no_qgis, in_venv, *versions = probe.stdout.split()
    assert no_qgis == "True" and in_venv == "True"
    print("resolved geopandas, pandas, shapely, pyproj, networkx:", versions)


def test_engine_commands_run_in_the_clean_venv(clean_venv, tmp_path):
    rdh = clean_venv / "bin" / "rdh"
    data = REPO / "tests" / "data"
    real = REPO / "sample_data" / "real"
    version = run([rdh, "--version"])
    assert version.returncode == 0 and version.stdout.startswith("rdh "), version.stderr
    steps = {
        "validate": ["validate", "--kind", "poe", data / "good" / "poe.csv"],
        "corridors": ["corridors", "--roads", data / "corridors" / "roads.gpkg", "--places",
                      data / "corridors" / "places.csv", "--fmp", data / "corridors" / "fmp.csv", "--counts",
                      data / "corridors" / "counts.csv", "-o", tmp_path / "c.gpkg"],
        "transhumance": ["transhumance", "--reports", data / "transhumance" / "ki_reports.csv", "--landcover",
                         real / "landcover_igbp_0p2deg.tif", "--season", "dry", "-o", tmp_path / "t" / "t.gpkg"],
        "poe-impact": ["poe-impact", "--roads", real / "roads.gpkg", "--places", real / "places_geonames.csv",
                       "--poe", data / "poe" / "poe.csv", "--status", data / "poe" / "status.csv", "--od",
                       data / "poe" / "od.csv", "--date", "2020-04-15", "--scheduler", "serial",
                       "-o", tmp_path / "i.gpkg"],
        "export": ["export", tmp_path / "c.gpkg", "-o", tmp_path / "pub", "--theme", "corridors"],
    }
    for name, args in steps.items():
        result = run([rdh, "-q", *args], cwd=tmp_path)
        assert result.returncode == 0, f"rdh {name}: {result.stderr[-3000:]}"
    for output in ("c.gpkg", "t/t.gpkg", "i.gpkg", "pub/corridors/corridors.gpkg", "pub/corridors/bundle.json"):
        assert (tmp_path / output).is_file(), output
    # without QGIS, export writes the bundle without the .qgz and says so
    assert not (tmp_path / "pub" / "corridors" / "corridors.qgz").exists()


@pytest.mark.parametrize("command", [["map", "-p", "x.gpkg", "--layers", "a", "-o", "m.pdf"],
                                     ["atlas", "-p", "x.gpkg", "--coverage", "a", "-o", "a.pdf"],
                                     ["publish", "."]])
def test_qgis_side_commands_say_what_to_do_without_qgis(clean_venv, tmp_path, command):
    (tmp_path / "x.gpkg").write_bytes(b"")
    result = run([clean_venv / "bin" / "rdh", *command], cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "needs QGIS" in result.stderr and "Processing toolbox" in result.stderr, result.stderr
