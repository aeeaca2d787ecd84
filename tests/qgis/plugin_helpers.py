"""Fixtures and helpers shared by the plugin's headless tests (tasks, docks, translations)."""
import subprocess
import sys
import time

import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication


@pytest.fixture
def rdh_provider(qgis_processing):
    """The plugin's Processing provider, registered for one test (as initProcessing() does)."""
    from rdh_qgis_plugin.processing.provider import RdhProvider

    registry = QgsApplication.processingRegistry()
    provider = RdhProvider()
    assert registry.addProvider(provider)
    yield provider
    registry.removeProvider(provider)


@pytest.fixture
def clean_project():
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


def wait_until(condition, timeout_s=120.0):
    """Spin the Qt event loop (tasks report back through it) until `condition()` or the timeout."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"still waiting after {timeout_s} s")
        QCoreApplication.processEvents()
        time.sleep(0.02)


def run_task(task, timeout_s=120.0):
    """Start a task in QGIS's task manager and wait until its finished() has run on this thread."""
    outcome = []
    task.done.connect(outcome.append)
    QgsApplication.taskManager().addTask(task)
    wait_until(lambda: outcome, timeout_s)
    return outcome[0]


@pytest.fixture(scope="session")
def plugin_zip(repo, tmp_path_factory):
    """`scripts/build_plugin_zip.py` (what `make plugin-zip` runs), built once into a temp folder."""
    out = tmp_path_factory.mktemp("plugin-zip")
    result = subprocess.run([sys.executable, str(repo / "scripts" / "build_plugin_zip.py"), "--output", str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("rdh_qgis_plugin-*.zip")
    return path


def install_zip(zip_path, profiles_root, profile="default"):
    """Unpack the zip where QGIS's "Install from ZIP" puts it: <profile>/python/plugins/."""
    import zipfile

    plugins = profiles_root / "profiles" / profile / "python" / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(plugins)
    return plugins / "rdh_qgis_plugin"


def qgis_process_env(profiles_root, **extra):
    """Environment for qgis_process.bin that sees only the profile's plugins (not this checkout, not the venv)."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "QGIS_PLUGINPATH", "RDH_EXECUTABLE")}
    env.update(QGIS_CUSTOM_CONFIG_PATH=str(profiles_root), QT_QPA_PLATFORM="offscreen", **extra)
    return env


def stop(process):
    """End a QGIS desktop process started by a test: ask, then kill it if it has not quit within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
