"""initGui/unload in a headless QGIS: docks, menu, the load-time engine check."""
import qgis.utils
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtWidgets import QPushButton

REPO_PLUGIN = "rdh_qgis_plugin"


def _start(qgis_iface, repo):
    qgis.utils.iface = qgis_iface
    qgis.utils.plugin_paths = [str(repo)]
    qgis.utils.updateAvailablePlugins()
    assert qgis.utils.loadPlugin(REPO_PLUGIN) and qgis.utils.startPlugin(REPO_PLUGIN)
    return qgis.utils.plugins[REPO_PLUGIN]


def test_init_gui_adds_three_docks_and_their_menu_entries(qgis_iface, repo):
    plugin = _start(qgis_iface, repo)
    try:
        assert [dock.objectName() for dock in plugin.docks] == ["RdhSourcesDock", "RdhAnalysisDock",
                                                                "RdhPublishDock"]
        sources = plugin.docks[0]
        assert sources.algorithm_combo.currentData() == "rdh:demo"  # the provider is in before the docks
        labels = [action.text() for action in plugin.actions]
        assert labels == ["RDH Sources panel", "RDH Analysis panel", "RDH Publish panel",
                          "Run the sample-data demo…", "Install the RDH engine…"]
    finally:
        assert qgis.utils.unloadPlugin(REPO_PLUGIN)
    assert plugin.docks == [] and plugin.actions == []
    assert QgsApplication.processingRegistry().providerById("rdh") is None


def test_missing_engine_is_said_once_at_load_with_what_to_do(qgis_iface, repo, monkeypatch, tmp_path):
    from qgis.core import QgsSettings

    from rdh_qgis_plugin import engine_runner

    monkeypatch.setattr(engine_runner, "__file__", str(tmp_path / "plugin" / "engine_runner.py"))
    monkeypatch.delenv("RDH_EXECUTABLE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    settings = QgsSettings()
    previous = settings.value(engine_runner.SETTING, "")
    settings.setValue(engine_runner.SETTING, "")
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    try:
        plugin = _start(qgis_iface, repo)
        item = bar.currentItem()
        assert item.level() == Qgis.MessageLevel.Critical and "the RDH engine is not installed" in item.text()
        (button,) = [b for b in item.findChildren(QPushButton) if b.text() == "Install the RDH engine…"]
        assert plugin.docks[0].engine_label.text().startswith("Not found")
        assert plugin.docks[0].install_button.isVisibleTo(plugin.docks[0])
        dialog = plugin.open_installer()  # what the message's and the panel's buttons open
        assert dialog.objectName() == "RdhEngineInstaller" and dialog.wheel is None  # no wheels/ in a checkout
        assert not dialog.install_button.isEnabled()
        button.click()  # the message's button opens the same (single) dialog
        assert plugin.installer_dialog is dialog
        assert qgis.utils.unloadPlugin(REPO_PLUGIN)
    finally:
        settings.setValue(engine_runner.SETTING, previous)
        bar.clear_messages()
        bar.clearWidgets()
