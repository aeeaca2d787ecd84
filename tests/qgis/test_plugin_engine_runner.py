"""The plugin's worker process (engine_runner.py) with what Windows and macOS users have: folders
with spaces and non-ASCII letters, and QGIS's own PROJ/GDAL/Python variables in the environment."""
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from rdh_qgis_plugin import engine_runner

pytestmark = pytest.mark.qgis
RDH = str(Path(sys.executable).with_name("rdh"))
# What OSGeo4W's qgis-ltr.bat exports before starting QGIS (values are examples).
WINDOWS_LIKE = {"PYTHONHOME": r"C:\OSGeo4W\apps\Python312", "PYTHONPATH": r"C:\OSGeo4W\apps\qgis-ltr\python",
                "PROJ_LIB": r"C:\OSGeo4W\share\proj", "PROJ_DATA": r"C:\OSGeo4W\share\proj",
                "GDAL_DATA": r"C:\OSGeo4W\apps\gdal\share\gdal", "GDAL_DRIVER_PATH": r"C:\OSGeo4W\apps\gdal\lib\gdalplugins",
                "Path": r"C:\OSGeo4W\bin;C:\Windows\system32", "QGIS_PREFIX_PATH": r"C:\OSGeo4W\apps\qgis-ltr"}


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setenv("RDH_EXECUTABLE", RDH)
    return RDH


def test_worker_env_drops_what_binds_python_and_proj_to_qgis_and_leaves_qgis_alone():
    qgis_environ = dict(WINDOWS_LIKE)
    env = engine_runner.worker_env(qgis_environ)
    assert not {"PYTHONHOME", "PYTHONPATH", "PROJ_LIB", "PROJ_DATA", "GDAL_DATA", "GDAL_DRIVER_PATH"} & set(env)
    assert env["Path"] == WINDOWS_LIKE["Path"] and env["QGIS_PREFIX_PATH"] == WINDOWS_LIKE["QGIS_PREFIX_PATH"]
    assert env["PYTHONUTF8"] == "1" and env["PYTHONIOENCODING"] == "utf-8"
    assert qgis_environ == WINDOWS_LIKE, "QGIS's own environment is never modified"
    lower = engine_runner.worker_env({"proj_lib": "x", "Gdal_Data": "y", "KEEP": "z"})  # Windows: any case
    assert "proj_lib" not in lower and "Gdal_Data" not in lower and lower["KEEP"] == "z"


def test_popen_options_are_utf8_and_hide_the_console_on_windows(monkeypatch):
    options = engine_runner.popen_options()
    assert options["encoding"] == "utf-8" and "creationflags" not in options
    monkeypatch.setattr(engine_runner.sys, "platform", "win32")
    monkeypatch.setattr(engine_runner.subprocess, "CREATE_NO_WINDOW", 0x08000000, raising=False)
    assert engine_runner.popen_options()["creationflags"] == 0x08000000


def test_venv_executables_follow_the_platform(monkeypatch):
    assert engine_runner.venv_executable("/v", "rdh") == Path("/v/bin/rdh")
    monkeypatch.setattr(engine_runner, "os", SimpleNamespace(name="nt"))  # this module's view only
    assert engine_runner.venv_executable("/v", "rdh") == Path("/v") / "Scripts" / "rdh.exe"


def test_an_analysis_runs_in_a_folder_with_spaces_and_accents(engine, repo, tmp_path, monkeypatch):
    """rdh corridors through the plugin's runner, inputs and outputs under 'Données terrain/Agadès é'."""
    for key, value in WINDOWS_LIKE.items():  # QGIS's variables must not reach the worker
        if key not in ("Path", "PYTHONHOME", "PYTHONPATH"):
            monkeypatch.setenv(key, value)
    folder = tmp_path / "Données terrain" / "Agadès é"
    shutil.copytree(repo / "tests" / "data" / "corridors", folder)
    out = folder / "résultats ü" / "corridors.gpkg"
    stdout = engine_runner.run_rdh(["corridors", "--roads", folder / "roads.gpkg", "--places", folder / "places.csv",
                                    "--fmp", folder / "fmp.csv", "--counts", folder / "counts.csv", "-o", out])
    assert f"Wrote {out}" in stdout  # non-ASCII path back through the UTF-8 pipe, intact
    assert out.is_file()
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{out}|layername=corridors", "corridors", "ogr")
    assert layer.isValid() and layer.featureCount() > 0
    del layer


def test_engine_errors_with_accents_come_back_readable(engine, tmp_path):
    bad = tmp_path / "fichiers é" / "poe_sans_colonnes.csv"
    bad.parent.mkdir()
    bad.write_text("nom,pays\nKidira,Sénégal\n", encoding="utf-8")
    with pytest.raises(engine_runner.EngineFailed) as failure:
        engine_runner.run_rdh(["validate", "--kind", "poe", bad])
    assert "poe_sans_colonnes.csv" in str(failure.value) and "\ufffd" not in str(failure.value)
