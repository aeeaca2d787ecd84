"""Run inside a real QGIS desktop (`qgis --code installer_session.py`) by test_plugin_repository.py.

What a new user does, step by step, in a fresh profile that knows the hub's plugin repository:
1. QGIS's own plugin installer (pyplugin_installer) reads the repository's plugins.xml and installs
   "RDH Toolkit" from it, which loads the plugin (it says the engine is missing);
2. the plugin's engine installer, opened from its menu, installs the engine from a local folder
   of wheels (offline) into the profile and checks it (`rdh --version`, a tiny job);
3. the Sources panel runs the sample-data demo with that engine;
4. rdh:map makes a map of the demo's layers in this QGIS process (QGIS's own Python, which has no
   rdh_engine: the layout code imports its error classes from the wheel shipped in the plugin).
A screenshot is taken after each step ($RDH_SHOTS/step<N>_*.png) and the facts are written to
$RDH_STATUS (JSON). QGIS is then left running; the test ends it.
"""
import json
import os
import traceback
from pathlib import Path

import qgis.utils
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget

STATUS = os.environ["RDH_STATUS"]
SHOTS = Path(os.environ["RDH_SHOTS"])
WHEELS = os.environ["RDH_WHEELS"]
DATA = os.environ["RDH_DATA"]
OUTPUT = os.environ["RDH_OUTPUT"]
PLUGIN = "rdh_qgis_plugin"
REPOSITORY = "rdh_hub"  # the key test_plugin_repository.py gives the hub's repository in the profile
facts = {}
state = {"step": "wait_for_qgis", "dialog": None, "dock": None}


def write_status(**extra):
    facts.update(extra)
    with open(STATUS + ".part", "w", encoding="utf-8") as handle:
        json.dump(facts, handle)
    os.replace(STATUS + ".part", STATUS)


def shot(name, widget=None):
    QApplication.processEvents()
    (widget or qgis.utils.iface.mainWindow()).grab().save(str(SHOTS / name))


def wait_for_qgis():
    window = qgis.utils.iface.mainWindow()
    if not window.isVisible():
        return None
    window.resize(1280, 800)
    from pyplugin_installer.installer_data import repositories

    import pyplugin_installer

    from qgis.core import QgsSettingsTree

    # experimental plugins are listed only with "Show also experimental plugins" (Settings tab)
    QgsSettingsTree.node("plugin-manager").childSetting("allow-experimental").setVariantValue(True)
    pyplugin_installer.instance()
    repositories.load()
    facts["repositories"] = {key: repo["url"] for key, repo in repositories.allEnabled().items()}
    repositories.requestFetching(REPOSITORY)  # only the hub's (no internet here for the official one)
    return "install_plugin"


def install_plugin():
    from pyplugin_installer.installer_data import plugins, repositories

    import pyplugin_installer

    if repositories.all()[REPOSITORY]["state"] == repositories.STATE_LOADING:
        return None
    facts["repository_states"] = {key: [repo["state"], repo["error"]] for key, repo in repositories.all().items()}
    plugins.rebuild()
    available = plugins.all().get(PLUGIN)
    facts["available"] = {key: available.get(key) for key in ("name", "zip_repository", "download_url",
                                                               "status", "experimental")} if available else None
    if not available:
        raise RuntimeError(f"{PLUGIN} not in the repository: {sorted(plugins.all())}")
    # the same call as the "Install Plugin" button of Plugins > Manage and Install Plugins
    pyplugin_installer.instance().installPlugin(PLUGIN, quiet=True, stable=not available["experimental"])
    facts["installed_file"] = __import__(PLUGIN).__file__ if PLUGIN in qgis.utils.plugins else None
    facts["plugin_loaded"] = PLUGIN in qgis.utils.plugins
    shot("step1_plugin_installed_from_repository.png")
    return "open_installer"


def open_installer():
    dialog = qgis.utils.plugins[PLUGIN].open_installer()
    dialog.from_folder.setChecked(True)
    dialog.folder_edit.setText(WHEELS)
    state["dialog"] = dialog
    facts["installer_python"] = dialog.python
    facts["installer_wheel"] = dialog.wheel.name if dialog.wheel else None
    shot("step2_engine_installer.png", dialog)
    if dialog.start() is None:
        raise RuntimeError(f"the installer did not start: {dialog.status.text()}")
    return "wait_for_engine"


def wait_for_engine():
    dialog = state["dialog"]
    if dialog.task is not None:
        return None
    facts["installer_ok"] = dialog.ok
    facts["installer_status"] = dialog.status.text()
    facts["installer_log_tail"] = dialog.log.toPlainText().splitlines()[-20:]
    shot("step3_engine_installed.png", dialog)
    if not dialog.ok:
        raise RuntimeError(dialog.status.text())
    dialog.accept()
    return "run_demo"


def run_demo():
    dock = qgis.utils.iface.mainWindow().findChild(QDockWidget, "RdhSourcesDock")
    dock.show()
    dock.raise_()
    facts["engine_label"] = dock.engine_label.text()
    dock.form.set_value("DATA", DATA)
    dock.form.set_value("OUTPUT", OUTPUT)
    dock.form.set_value("STEPS", "sources")  # the styled source layers (the whole chain takes minutes)
    dock.run()
    state["dock"] = dock
    return "wait_for_demo"


def wait_for_demo():
    dock = state["dock"]
    if dock.task is not None:
        return None
    canvas = qgis.utils.iface.mapCanvas()
    canvas.zoomToFullExtent()
    canvas.refreshAllLayers()
    canvas.waitWhileRendering()
    shot("step4_analysis_from_the_dock.png")
    facts["status_text"] = dock.status_label.text()
    facts["layers"] = sorted(layer.name() for layer in QgsProject.instance().mapLayers().values())
    facts["layer_sources"] = sorted(layer.source() for layer in QgsProject.instance().mapLayers().values())
    return "make_map"


def make_map():
    import processing

    # layers load under their catalogue titles: find admin0 by its source
    admin0 = next(layer for layer in QgsProject.instance().mapLayers().values()
                  if layer.source().endswith("layername=admin0"))
    png = str(Path(OUTPUT) / "map é.png")
    processing.run("rdh:map", {"PROJECT": [admin0], "EXTENT_OF": admin0, "FILTER": "region_group = 'WCA'",
                               "DPI": 50, "OUTPUT": png})
    import rdh_engine

    facts["map_png"] = png if Path(png).is_file() else None
    facts["rdh_engine_from"] = rdh_engine.__file__
    return "done"


STEPS = {"wait_for_qgis": wait_for_qgis, "install_plugin": install_plugin, "open_installer": open_installer,
         "wait_for_engine": wait_for_engine, "run_demo": run_demo, "wait_for_demo": wait_for_demo,
         "make_map": make_map}


def tick():
    timer.stop()  # steps may spin nested event loops (the installer's download dialog)
    try:
        following = STEPS[state["step"]]()
        if following:
            facts.setdefault("steps", []).append(state["step"])
            state["step"] = following
        if state["step"] == "done":
            write_status(done=True)
            return
    except Exception:  # noqa: BLE001  (report anything to the test instead of a dialog nobody sees)
        write_status(error=traceback.format_exc())
        return
    timer.start(250)


timer = QTimer()
timer.timeout.connect(tick)
timer.start(250)
