"""Fixtures for every headless-QGIS test module."""
import contextlib
import socket
import subprocess
import time
from pathlib import Path

import pytest
import qgis.utils
from qgis.core import QgsProject

REPO = Path(__file__).resolve().parents[2]
PLUGIN = "rdh_qgis_plugin"


@pytest.fixture
def loaded_plugin(qgis_iface, qgis_processing):
    """The plugin of this checkout, loaded and started through qgis.utils as QGIS does (stub iface),
    with its Processing provider registered; unloaded, and the project emptied, afterwards."""
    qgis.utils.iface = qgis_iface
    qgis.utils.plugin_paths = [str(REPO)]
    qgis.utils.updateAvailablePlugins()
    assert qgis.utils.loadPlugin(PLUGIN), "classFactory failed (see the QGIS message log)"
    assert qgis.utils.startPlugin(PLUGIN), "initGui failed (see the QGIS message log)"
    yield qgis.utils.plugins[PLUGIN]
    QgsProject.instance().removeAllMapLayers()
    assert qgis.utils.unloadPlugin(PLUGIN)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served(project):
    """Debian's qgis_mapserver serving ``project`` on 127.0.0.1 only; yields its OWS URL."""
    from rdh_qgis_plugin.publish.cli import mapserver_command, mapserver_env

    port = free_port()
    proc = subprocess.Popen(mapserver_command(project, f"127.0.0.1:{port}"), env=mapserver_env(project),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"qgis_mapserver did not start (exit code {proc.poll()})")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/ows"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
