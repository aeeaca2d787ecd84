"""The dock panels built and driven headless: set values, run, wait for the task, check the layers."""
from qgis.core import Qgis, QgsApplication, QgsLayerTreeGroup

from rdh_qgis_plugin.gui.docks import AnalysisDock, PublishDock, SourcesDock

from .plugin_helpers import clean_project, rdh_provider, wait_until  # noqa: F401  (fixtures)


def test_sources_dock_runs_the_demo_and_adds_a_styled_group(qgis_iface, rdh_provider, clean_project,
                                                            sample_data, tmp_path):
    qgis_iface.messageBar().clear_messages()
    dock = SourcesDock(qgis_iface)
    assert dock.algorithm_combo.currentData() == "rdh:demo"
    assert "GeoPackage" in dock.help_label.text()
    dock.form.set_value("DATA", str(sample_data))
    dock.form.set_value("OUTPUT", str(tmp_path / "out"))
    dock.form.set_value("STEPS", "sources")
    task = dock.run()
    assert task is not None and not dock.run_button.isEnabled() and dock.cancel_button.isEnabled()
    wait_until(lambda: dock.task is None)
    assert dock.progress.value() == 100
    assert "5 layers" in dock.status_label.text(), dock.status_label.text()
    group = clean_project.layerTreeRoot().children()[0]
    assert isinstance(group, QgsLayerTreeGroup)
    assert group.name() == "RDH: " + dock.form.algorithm.displayName()
    layers = {node.layer().name(): node.layer() for node in group.findLayers()}
    assert set(layers) == {"roads", "admin0", "admin1", "places", "mmp_incidents"}
    assert layers["roads"].renderer().type() == "categorizedSymbol"
    assert layers["places"].featureCount() == 8136
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()
    (message,) = qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Success)
    assert "5 layers added" in message
    dock.unload()


def test_cancel_button_stops_the_run(qgis_iface, rdh_provider, clean_project, sample_data, tmp_path):
    from qgis.core import QgsTask

    dock = SourcesDock(qgis_iface)
    dock.form.set_value("DATA", str(sample_data))
    dock.form.set_value("OUTPUT", str(tmp_path / "out"))
    dock.form.set_value("STEPS", "sources")
    task = dock.run()
    wait_until(lambda: task.status() == QgsTask.TaskStatus.Running)
    dock.cancel_button.click()
    wait_until(lambda: dock.task is None)
    assert dock.status_label.text().endswith("failed: Cancelled")
    assert clean_project.layerTreeRoot().children() == []
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()
    dock.unload()


def test_dock_refuses_to_run_without_the_mandatory_file(qgis_iface, rdh_provider, clean_project):
    dock = SourcesDock(qgis_iface)
    dock.algorithm_combo.setCurrentIndex(dock.algorithm_combo.findData("rdh:loadsource"))
    assert dock.run() is None
    assert "Source file to validate" in dock.status_label.text()
    assert clean_project.layerTreeRoot().children() == []
    dock.unload()


def test_dock_default_output_is_a_temporary_folder(qgis_iface, rdh_provider, clean_project, sample_data):
    dock = SourcesDock(qgis_iface)
    dock.form.set_value("DATA", str(sample_data))
    dock.form.set_value("STEPS", "sources")
    task = dock.run()
    wait_until(lambda: dock.task is None)
    assert task.error == "" and len(task.layers) == 5
    assert "TEMPORARY_OUTPUT" not in task.results["OUTPUT"]
    dock.unload()


def test_analysis_and_publish_docks_offer_their_algorithms(qgis_iface, rdh_provider):
    """Each RDH algorithm shows in exactly one dock, chosen by its groupId()."""
    expected = {
        SourcesDock: {"rdh:demo", "rdh:loadsource"},
        AnalysisDock: {"rdh:corridors", "rdh:transhumance", "rdh:poe_impact"},
        PublishDock: {"rdh:export", "rdh:map", "rdh:atlas"},
    }
    for dock_class, algorithm_ids in expected.items():
        dock = dock_class(qgis_iface)
        combo = dock.algorithm_combo
        assert {combo.itemData(index) for index in range(combo.count())} == algorithm_ids, dock_class.__name__
        assert dock.form is not None and dock.run_button.isEnabled()
        assert dock.help_label.text() == rdh_provider.algorithm(combo.currentData().split(":")[1]).shortHelpString()
        dock.unload()
    assert set().union(*expected.values()) == {algorithm.id() for algorithm in rdh_provider.algorithms()}


def test_docks_follow_the_provider_coming_and_going(qgis_iface, qgis_processing):
    from rdh_qgis_plugin.processing.provider import RdhProvider

    dock = SourcesDock(qgis_iface)
    assert dock.algorithm_combo.count() == 0 and not dock.run_button.isEnabled()
    provider = RdhProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    assert dock.algorithm_combo.currentData() == "rdh:demo" and dock.run_button.isEnabled()
    QgsApplication.processingRegistry().removeProvider(provider)
    assert dock.algorithm_combo.count() == 0
    dock.unload()


def test_engine_picker_keeps_a_working_rdh_and_refuses_anything_else(qgis_iface, rdh_provider, monkeypatch,
                                                                       tmp_path):
    import sys
    from pathlib import Path

    from qgis.core import QgsSettings

    from rdh_engine import __version__
    # The dock and the module patched below must come from one import: tests that load the plugin
    # through qgis.utils unload it afterwards, which drops rdh_qgis_plugin.* from sys.modules, so the
    # SourcesDock imported at the top of this file may hold an older engine_runner than a new import.
    from rdh_qgis_plugin import engine_runner
    from rdh_qgis_plugin.gui.docks import SourcesDock

    # A plugin copy with no .venv beside it, no RDH_EXECUTABLE, nothing on the PATH: as a fresh install.
    monkeypatch.setattr(engine_runner, "__file__", str(tmp_path / "plugin" / "engine_runner.py"))
    monkeypatch.delenv("RDH_EXECUTABLE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    settings = QgsSettings()
    previous = settings.value(engine_runner.SETTING, "")
    try:
        settings.setValue(engine_runner.SETTING, "")
        dock = SourcesDock(qgis_iface)
        assert dock.engine_label.text().startswith("Not found")
        broken = tmp_path / "rdh"
        broken.write_text("#!/bin/sh\necho 'ModuleNotFoundError: No module named geopandas' >&2\nexit 1\n")
        broken.chmod(0o755)
        dock.engine_widget.setFilePath(str(broken))
        assert settings.value(engine_runner.SETTING) == ""
        assert dock.engine_label.text() == "Not a working rdh command: ModuleNotFoundError: No module named geopandas"
        rdh = str(Path(sys.executable).with_name("rdh"))
        dock.engine_widget.setFilePath(rdh)
        assert settings.value(engine_runner.SETTING) == rdh
        assert engine_runner.find_rdh() == rdh
        assert dock.engine_label.text() == f"Engine found: {rdh} (rdh {__version__})"
        dock.unload()
    finally:
        settings.setValue(engine_runner.SETTING, previous)


def test_an_algorithm_plugs_into_a_dock_by_its_group_id(qgis_iface, qgis_processing, clean_project,
                                                        sample_data, tmp_path):
    """How the coming analyses join the Analysis dock: groupId "corridors" (say), no GUI code."""
    from qgis.core import QgsProcessingProvider

    from rdh_qgis_plugin.processing.job_algorithm import JobAlgorithm
    from rdh_qgis_plugin.processing.spec import load_spec

    class Provider(QgsProcessingProvider):
        def id(self):
            return "rdh"

        def name(self):
            return "RDH (test)"

        def loadAlgorithms(self):  # noqa: N802
            # the demo job under an analysis group id
            self.addAlgorithm(JobAlgorithm("demo", load_spec()["jobs"]["demo"], algorithm_id="corridors_stand_in",
                                           group_id="corridors"))

    provider = Provider()
    QgsApplication.processingRegistry().addProvider(provider)
    try:
        analysis, sources = AnalysisDock(qgis_iface), SourcesDock(qgis_iface)
        assert analysis.algorithm_combo.currentData() == "rdh:corridors_stand_in"
        assert sources.algorithm_combo.count() == 0  # each dock shows only its own groups
        analysis.form.set_value("DATA", str(sample_data))
        analysis.form.set_value("OUTPUT", str(tmp_path / "out"))
        analysis.form.set_value("STEPS", "sources")
        task = analysis.run()
        wait_until(lambda: analysis.task is None)
        assert task.error == "" and len(task.layers) == 5
        assert clean_project.layerTreeRoot().children()[0].name().startswith("RDH: ")
        for dock in (analysis, sources):
            dock.unload()
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
