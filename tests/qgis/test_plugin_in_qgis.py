"""The plugin in a real, headless QGIS: loading through qgis.utils, Processing, styled outputs."""
import os
import subprocess
import sysconfig
from pathlib import Path

import pytest
import qgis.utils
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

REPO = Path(__file__).resolve().parents[2]
PLUGIN = "rdh_qgis_plugin"


def test_plugin_loads_and_registers_its_provider(loaded_plugin):
    provider = QgsApplication.processingRegistry().providerById("rdh")
    assert provider is not None
    assert "rdh:demo" in [alg.id() for alg in provider.algorithms()]
    assert type(loaded_plugin).__name__ == "RdhPlugin"


def test_plugin_unload_removes_the_provider(qgis_iface):
    qgis.utils.iface = qgis_iface
    qgis.utils.plugin_paths = [str(REPO)]
    qgis.utils.updateAvailablePlugins()
    assert qgis.utils.loadPlugin(PLUGIN) and qgis.utils.startPlugin(PLUGIN)
    assert qgis.utils.unloadPlugin(PLUGIN)
    assert QgsApplication.processingRegistry().providerById("rdh") is None


def test_demo_geopackage_opens_in_qgis_with_house_styles(demo_output):
    gpkg = demo_output / "rdh_sources.gpkg"
    expected = {"roads": "categorizedSymbol", "admin0": "singleSymbol", "places": "RuleRenderer",
                "mmp_incidents": "RuleRenderer", "admin1": "singleSymbol"}
    for name, renderer in expected.items():
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        assert layer.isValid(), name
        assert layer.featureCount() > 0
        message, ok = layer.loadDefaultStyle()
        assert ok, f"{name}: no default style in the GeoPackage ({message})"
        assert layer.renderer().type() == renderer, name
        del layer
    roads = QgsVectorLayer(f"{gpkg}|layername=roads", "roads", "ogr")
    roads.loadDefaultStyle()
    labels = [c.label() for c in roads.renderer().categories()]
    assert "Road" in labels
    del roads


def test_demo_algorithm_runs_through_processing(qgis_processing, loaded_plugin, tmp_path, sample_data):
    import processing

    out = tmp_path / "demo"
    result = processing.run("rdh:demo", {"DATA": str(sample_data), "OUTPUT": str(out), "STEPS": "sources"})
    assert Path(result["OUTPUT"]) == out
    assert len(result["LAYERS"]) == 5 and result["LAYERS"][0] == f"{out / 'rdh_sources.gpkg'}|layername=roads"
    layer = QgsVectorLayer(result["LAYERS"][0], "roads", "ogr")
    assert layer.isValid() and layer.featureCount() == 1987
    QgsProject.instance().addMapLayer(layer)
    QgsProject.instance().removeAllMapLayers()


def test_demo_algorithm_runs_in_qgis_process(tmp_path, sample_data):
    """`qgis_process` sees the plugin and the venv (PYTHONPATH), as documented in the README."""
    env = dict(os.environ, QGIS_PLUGINPATH=str(REPO), QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
               PYTHONPATH=sysconfig.get_path("purelib"), QT_QPA_PLATFORM="offscreen")
    enable = subprocess.run(["qgis_process.bin", "plugins", "enable", PLUGIN], env=env,
                            capture_output=True, text=True, timeout=120)
    assert enable.returncode == 0, enable.stdout + enable.stderr
    out = tmp_path / "qp"
    run = subprocess.run(["qgis_process.bin", "run", "rdh:demo", "--", f"DATA={sample_data}", f"OUTPUT={out}",
                          "STEPS=sources"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    layer = QgsVectorLayer(f"{out / 'rdh_sources.gpkg'}|layername=places", "places", "ogr")
    assert layer.isValid() and layer.featureCount() == 8136
    del layer


def test_engine_failure_becomes_a_processing_error(qgis_processing, loaded_plugin, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    (tmp_path / "real").mkdir()  # looks like sample data, holds nothing
    with pytest.raises(QgsProcessingException, match="no such file"):
        processing.run("rdh:demo", {"DATA": str(tmp_path), "OUTPUT": str(tmp_path / "out"), "STEPS": "sources"})


def test_missing_engine_is_reported_with_what_to_do(qgis_iface, monkeypatch, tmp_path):
    from rdh_qgis_plugin import engine_runner

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("RDH_EXECUTABLE", raising=False)
    monkeypatch.setattr(engine_runner, "__file__", str(tmp_path / "plugin" / "engine_runner.py"))
    with pytest.raises(engine_runner.EngineNotFound, match="Install the RDH engine"):
        engine_runner.find_rdh()
