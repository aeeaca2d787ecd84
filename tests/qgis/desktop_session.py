"""Run inside a real QGIS desktop (`qgis --code desktop_session.py`) by test_desktop_screenshots.py.

Waits until the RDH plugin is loaded, runs the sample-data demo from the Sources dock (a background
task, as a user would), then writes what it saw to $RDH_DESKTOP_STATUS (JSON) and a screenshot of
the main window to $RDH_DESKTOP_SHOT. QGIS is then left running; the test ends it.
"""
import json
import os
import traceback

import qgis.utils
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget

STATUS = os.environ["RDH_DESKTOP_STATUS"]
SHOT = os.environ["RDH_DESKTOP_SHOT"]
DATA = os.environ["RDH_DESKTOP_DATA"]
OUTPUT = os.environ["RDH_DESKTOP_OUTPUT"]
state = {"ticks": 0, "dock": None, "task": None}


def write_status(**facts):
    with open(STATUS + ".part", "w", encoding="utf-8") as handle:
        json.dump(facts, handle)
    os.replace(STATUS + ".part", STATUS)


def finish():
    iface = qgis.utils.iface
    dock = state["dock"]
    window = iface.mainWindow()
    iface.mapCanvas().zoomToFullExtent()
    iface.mapCanvas().refreshAllLayers()
    iface.mapCanvas().waitWhileRendering()
    window.grab().save(SHOT)
    root = QgsProject.instance().layerTreeRoot()
    write_status(
        plugin_loaded="rdh_qgis_plugin" in qgis.utils.plugins,
        plugin_file=__import__("rdh_qgis_plugin").__file__,
        docks={d.objectName(): d.windowTitle() for d in window.findChildren(QDockWidget)
               if d.objectName().startswith("Rdh")},
        sources_visible=dock.isVisible(),
        tabified=sorted(d.objectName() for d in window.tabifiedDockWidgets(dock)),
        run_text=dock.run_button.text(),
        status_text=dock.status_label.text(),
        groups=[group.name() for group in root.children()],
        layers=sorted(layer.name() for layer in QgsProject.instance().mapLayers().values()),
        renderers={layer.name(): layer.renderer().type()
                   for layer in QgsProject.instance().mapLayers().values() if hasattr(layer, "renderer")},
    )


def tick():
    state["ticks"] += 1
    try:
        if state["dock"] is None:
            dock = qgis.utils.iface.mainWindow().findChild(QDockWidget, "RdhSourcesDock")
            if dock is None or not dock.isVisible():
                return
            state["dock"] = dock
            qgis.utils.iface.mainWindow().resize(1280, 800)
            dock.raise_()
            dock.form.set_value("DATA", DATA)
            dock.form.set_value("OUTPUT", OUTPUT)
            dock.form.set_value("STEPS", "sources")
            state["task"] = dock.run()
            return
        if state["dock"].task is None:  # the demo task has finished and added its layers
            timer.stop()
            QTimer.singleShot(1500, finish)  # let the canvas draw the new layers
    except Exception:  # noqa: BLE001  (report anything to the test instead of a dialog nobody sees)
        timer.stop()
        write_status(error=traceback.format_exc())


timer = QTimer()
timer.timeout.connect(tick)
timer.start(250)
