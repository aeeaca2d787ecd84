"""`make plugin-zip`: what goes into the zip, and the zip installed into a fresh QGIS profile."""
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from qgis.core import QgsVectorLayer

from .plugin_helpers import install_zip, plugin_zip, qgis_process_env  # noqa: F401  (fixture)

PLUGIN = "rdh_qgis_plugin"


def test_zip_holds_the_plugin_folder_and_nothing_else(plugin_zip, repo):
    with zipfile.ZipFile(plugin_zip) as archive:
        names = archive.namelist()
        metadata = archive.read(f"{PLUGIN}/metadata.txt")
        info = archive.getinfo(f"{PLUGIN}/metadata.txt")
    version = next(line.split("=", 1)[1] for line in metadata.decode().splitlines() if line.startswith("version="))
    assert plugin_zip.name == f"rdh_qgis_plugin-{version}.zip"
    assert all(name.startswith(f"{PLUGIN}/") for name in names)
    assert metadata == (repo / PLUGIN / "metadata.txt").read_bytes()
    assert (info.external_attr >> 16) & 0o170000 != 0o120000  # a regular file, not a stored link
    for required in ("__init__.py", "plugin.py", "tasks.py", "installer.py", "gui/docks.py", "processing/provider.py",
                     "i18n/rdh_fr.qm", "i18n/rdh_en.qm", "LICENSE", "icon.png", "wheels/rdh_toolkit-0.1.0-py3-none-any.whl"):
        assert f"{PLUGIN}/{required}" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".ts")) or "/tests/" in n]


def test_zip_passes_the_plugins_qgis_org_checks(plugin_zip, repo):
    check = subprocess.run([sys.executable, str(repo / "scripts" / "check_plugin_zip.py"), str(plugin_zip)],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


def test_metadata_is_complete_and_declares_what_is_tested(repo):
    import configparser

    from qgis.core import Qgis

    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(repo / PLUGIN / "metadata.txt", encoding="utf-8")
    meta = parser["general"]
    for key in ("email", "tracker", "repository", "homepage", "icon", "changelog", "tags", "about"):
        assert meta.get(key, "").strip(), key
    assert not (repo / PLUGIN / "metadata.txt").is_symlink()
    tested = tuple(int(part) for part in Qgis.version().split(".")[:2])
    assert meta["qgisMinimumVersion"] == "3.40" and tested >= (3, 40), "the minimum is the LTR the tests run on"
    assert (repo / PLUGIN / meta["icon"]).is_file()


def test_zip_is_reproducible(plugin_zip, repo, tmp_path):
    again = subprocess.run([sys.executable, str(repo / "scripts" / "build_plugin_zip.py"), "--output", str(tmp_path)],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / plugin_zip.name).read_bytes() == plugin_zip.read_bytes()


def test_zip_installs_into_a_fresh_profile_and_runs_in_qgis_process(plugin_zip, tmp_path, sample_data):
    """Install from ZIP = unpack into <profile>/python/plugins; qgis_process then enables and runs it
    from there (no QGIS_PLUGINPATH, no PYTHONPATH: this checkout is invisible to it)."""
    profiles = tmp_path / "profiles-root"
    installed = install_zip(plugin_zip, profiles)
    assert (installed / "metadata.txt").is_file() and not (installed / "metadata.txt").is_symlink()
    rdh = Path(sys.executable).with_name("rdh")  # the engine, found as the `rdh` command
    env = qgis_process_env(profiles, RDH_EXECUTABLE=str(rdh))
    enable = subprocess.run(["qgis_process.bin", "plugins", "enable", PLUGIN], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert enable.returncode == 0, enable.stdout + enable.stderr
    ini = (profiles / "profiles" / "default" / "QGIS" / "QGIS3.ini").read_text()
    assert f"{PLUGIN}=true" in ini
    out = tmp_path / "out"
    run = subprocess.run(["qgis_process.bin", "--json", "run", "rdh:demo", "--", f"DATA={sample_data}",
                          f"OUTPUT={out}", "STEPS=sources"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads(run.stdout[run.stdout.index("{"):])["results"]
    assert results["OUTPUT"] == str(out)
    layer = QgsVectorLayer(results["LAYERS"][0], "roads", "ogr")
    assert layer.isValid() and layer.featureCount() == 1987
    del layer
