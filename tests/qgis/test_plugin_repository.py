"""A new user's path, in a real QGIS desktop under Xvfb with a fresh profile: install the plugin from
the hub's plugin repository (`make plugin-repo`'s plugins.xml, as a file:// URL) through QGIS's own
plugin installer, install the engine with the plugin's installer from a local folder of wheels
(offline), run the sample-data demo from the Sources panel, make a map with rdh:map in QGIS. Screenshots of each step go to
out/screenshots/install_step*.png (docs/img/ holds copies for docs/install.md).

The folder of wheels is prepared once per session with `pip download` (pip's cache, else the
package index), as docs/install.md tells field offices to do.
"""
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from .plugin_helpers import stop
from .test_desktop_screenshots import display  # noqa: F401  (fixture: a private Xvfb)

pytestmark = [pytest.mark.qgis, pytest.mark.slow]
SESSION = Path(__file__).with_name("installer_session.py")
PLUGIN = "rdh_qgis_plugin"


@pytest.fixture(scope="session")
def plugin_repo(repo, tmp_path_factory):
    """`make plugin-repo` into a temp folder: plugins.xml + the zip, download URL file://."""
    out = tmp_path_factory.mktemp("plugin-repo")
    result = subprocess.run([sys.executable, str(repo / "scripts" / "build_plugin_zip.py"), "--output", str(out),
                             "--repo"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def wheel_folder(plugin_repo, tmp_path_factory):
    """A folder with the engine wheel and every dependency, as an offline office prepares it."""
    (zip_path,) = plugin_repo.glob(f"{PLUGIN}.*.zip")
    work = tmp_path_factory.mktemp("engine-wheel")
    with zipfile.ZipFile(zip_path) as archive:
        (name,) = [n for n in archive.namelist() if n.startswith(f"{PLUGIN}/wheels/") and n.endswith(".whl")]
        wheel = work / Path(name).name
        wheel.write_bytes(archive.read(name))
    folder = tmp_path_factory.mktemp("wheels")
    result = subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "-q",
                             "-d", str(folder), str(wheel)], capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


def test_plugins_xml_lists_the_zip_with_its_metadata(plugin_repo):
    root = ET.parse(plugin_repo / "plugins.xml").getroot()
    (entry,) = root.findall("pyqgis_plugin")
    assert entry.get("plugin_id") == PLUGIN and entry.get("name") == "RDH Toolkit"
    url = entry.findtext("download_url")
    assert url.startswith("file://") and Path(url[len("file://"):]).is_file()
    # QGIS's installer keys a plugin by its file name up to the first dot: that must be the folder name
    assert entry.findtext("file_name").partition(".")[0] == PLUGIN
    assert entry.findtext("qgis_minimum_version") == "3.40"
    for field in ("description", "about", "author_name", "tracker", "repository", "homepage", "icon", "tags"):
        assert entry.findtext(field), field


def write_profile(profiles_root, repo_xml):
    """A fresh profile whose only plugin repository is the hub's (the official one switched off)."""
    ini = profiles_root / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(
        "[app]\n"
        f"plugin_repositories\\rdh_hub\\url={repo_xml.as_uri()}\n"
        "plugin_repositories\\rdh_hub\\enabled=true\n\n"
        "[locale]\noverrideFlag=true\nuserLocale=en_US\n", encoding="utf-8")


def test_new_user_installs_plugin_and_engine_then_runs_an_analysis(display, plugin_repo, wheel_folder,  # noqa: F811
                                                                   tmp_path, repo, sample_data):
    profiles = tmp_path / "profiles root é"  # a space and a non-ASCII letter in every engine path
    write_profile(profiles, plugin_repo / "plugins.xml")
    shots = tmp_path / "shots"
    shots.mkdir()
    status = tmp_path / "status.json"
    venv_bin = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "QGIS_PLUGINPATH", "QT_QPA_PLATFORM", "RDH_EXECUTABLE",
                        "QGIS_CUSTOM_CONFIG_PATH", "VIRTUAL_ENV")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env.update(DISPLAY=display, XDG_RUNTIME_DIR=str(tmp_path), RDH_STATUS=str(status), RDH_SHOTS=str(shots),
               RDH_WHEELS=str(wheel_folder), RDH_DATA=str(sample_data), RDH_OUTPUT=str(tmp_path / "demo out"))
    qgis = subprocess.Popen(["qgis", "--profiles-path", str(profiles), "--nologo", "--noversioncheck",
                             "--code", str(SESSION)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 1500
        facts = {}
        while not (facts.get("done") or facts.get("error")):
            assert qgis.poll() is None, f"QGIS exited early ({qgis.returncode}): {qgis.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline, f"QGIS did not finish in time: {facts}"
            time.sleep(1)
            if status.exists():
                facts = json.loads(status.read_text(encoding="utf-8"))
    finally:
        stop(qgis)
    target = repo / "out" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    for picture in shots.glob("*.png"):
        shutil.copyfile(picture, target / f"install_{picture.name}")
    assert "error" not in facts, facts["error"] + json.dumps(facts, indent=1)[:3000]
    installed = profiles / "profiles" / "default" / "python" / "plugins" / PLUGIN
    assert facts["available"]["zip_repository"] == "rdh_hub"
    assert facts["plugin_loaded"] and facts["installed_file"] == str(installed / "__init__.py")
    assert (installed / "metadata.txt").is_file() and not (installed / "metadata.txt").is_symlink()
    assert facts["installer_wheel"].startswith("rdh_toolkit-") and facts["installer_ok"], facts["installer_status"]
    engine = profiles / "profiles" / "default" / "rdh_toolkit" / "engine"
    assert str(engine) in facts["installer_status"] and "rdh 0.1.0" in facts["installer_status"]
    assert any("valid (0 error(s)" in line for line in facts["installer_log_tail"]), facts["installer_log_tail"]
    # the engine is a clean environment: no QGIS, no system site-packages
    check = subprocess.run([str(engine / "bin" / "python"), "-c", "import importlib.util as u, sys; "
                            "print(u.find_spec('qgis') is None, sys.prefix != sys.base_prefix)"],
                           capture_output=True, text=True, timeout=120)
    assert check.stdout.split() == ["True", "True"], check.stdout + check.stderr
    assert str(engine) in facts["engine_label"]
    assert facts["layers"] == ["admin0", "admin1", "mmp_incidents", "places", "roads"], facts["status_text"]
    # the map was made in QGIS's own Python, the engine's error classes coming from the plugin's wheel
    assert facts["map_png"] and ".whl" in facts["rdh_engine_from"], facts
    assert sorted(p.name for p in shots.glob("*.png")) == [
        "step1_plugin_installed_from_repository.png", "step2_engine_installer.png", "step3_engine_installed.png",
        "step4_analysis_from_the_dock.png"]
