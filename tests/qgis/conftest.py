"""Fixtures for every headless-QGIS test module."""
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
