"""A real QGIS desktop under Xvfb, with the plugin installed from its zip into a fresh profile:
the Sources dock runs the demo; screenshots go to out/screenshots/plugin_<lang>.png and to the
training course (docs/tutorial/img/), one QGIS start per language, about 15-30 s each."""
import json
import os
import shutil
import subprocess
import time

import pytest

from .plugin_helpers import install_zip, plugin_zip, stop  # noqa: F401  (fixture)

pytestmark = [pytest.mark.qgis, pytest.mark.slow]
SESSION = os.path.join(os.path.dirname(__file__), "desktop_session.py")
EXPECTED = {
    "en": {"sources": "RDH Sources", "analysis": "RDH Analysis", "run": "Run",
           "group": "RDH: Demo on the sample data", "locale": "en_US"},
    "fr": {"sources": "Sources RDH", "analysis": "Analyses RDH", "run": "Exécuter",
           "group": "RDH : Démonstration sur les données d'exemple", "locale": "fr_FR"},
}


@pytest.fixture(scope="module")
def display():
    """A private X server (Xvfb picks a free display number and reports it on a pipe)."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=30)


def write_profile(profiles_root, locale, rdh):
    """QGIS3.ini of a fresh profile: plugin enabled, UI language, engine path (as the Sources dock saves it)."""
    ini = profiles_root / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(f"[PythonPlugins]\nrdh_qgis_plugin=true\n\n[locale]\noverrideFlag=true\nuserLocale={locale}\n\n"
                   f"[rdh_toolkit]\nrdh_executable={rdh}\n", encoding="utf-8")


def run_desktop(display, profiles_root, env_extra, status, timeout_s=180):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "QGIS_PLUGINPATH", "QT_QPA_PLATFORM", "RDH_EXECUTABLE",
                        "QGIS_CUSTOM_CONFIG_PATH")}
    env.update(DISPLAY=display, **env_extra)
    qgis = subprocess.Popen(["qgis", "--profiles-path", str(profiles_root), "--nologo", "--noversioncheck",
                             "--code", SESSION], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout_s
        while not status.exists():
            assert qgis.poll() is None, f"QGIS exited early ({qgis.returncode}): {qgis.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline, "QGIS did not report back in time"
            time.sleep(0.5)
        return json.loads(status.read_text(encoding="utf-8"))
    finally:
        stop(qgis)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_desktop_loads_the_zipped_plugin_and_runs_the_demo_from_the_dock(
        language, display, plugin_zip, tmp_path, repo, sample_data):
    from pathlib import Path
    import sys

    expected = EXPECTED[language]
    profiles = tmp_path / "profiles-root"
    installed = install_zip(plugin_zip, profiles)
    write_profile(profiles, expected["locale"], Path(sys.executable).with_name("rdh"))
    shot = tmp_path / "shot.png"
    status = run_desktop(display, profiles, {
        "RDH_DESKTOP_STATUS": str(tmp_path / "status.json"), "RDH_DESKTOP_SHOT": str(shot),
        "RDH_DESKTOP_DATA": str(sample_data), "RDH_DESKTOP_OUTPUT": str(tmp_path / "out"),
        "XDG_RUNTIME_DIR": str(tmp_path)}, tmp_path / "status.json")
    assert "error" not in status, status.get("error")
    assert status["plugin_loaded"]
    assert status["plugin_file"] == str(installed / "__init__.py")  # the zip's copy, not this checkout
    assert status["docks"]["RdhSourcesDock"] == expected["sources"]
    assert status["docks"]["RdhAnalysisDock"] == expected["analysis"]
    assert status["sources_visible"] and status["run_text"] == expected["run"]
    assert status["tabified"] == ["RdhAnalysisDock", "RdhPublishDock"], status  # one tab per panel
    assert status["groups"] == [expected["group"]], status["status_text"]
    assert status["layers"] == ["admin0", "admin1", "mmp_incidents", "places", "roads"]
    assert status["renderers"]["roads"] == "categorizedSymbol"
    screenshots = repo / "out" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    target = screenshots / f"plugin_{language}.png"
    shutil.copyfile(shot, target)
    # The training course shows this very screenshot, so it stays current with the plugin.
    shutil.copyfile(shot, repo / "docs" / "tutorial" / "img" / f"plugin_{language}.png")
    from PIL import Image

    with Image.open(target) as image:
        assert image.size[0] >= 1000 and image.size[1] >= 600
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50  # not blank
