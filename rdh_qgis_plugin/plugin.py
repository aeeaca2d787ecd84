"""classFactory target: registers the Processing provider, the dock panels, the menu and translations."""
from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QAction, QMainWindow

from .engine_runner import SETTING, EngineNotFound, find_rdh
from .i18n import install_translator, tr
from .processing.provider import RdhProvider

DOCK_AREA = Qt.DockWidgetArea.RightDockWidgetArea


class RdhPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.actions = []
        self.docks = []
        self.waiting_for_start = False

    def initProcessing(self):  # noqa: N802  (called by qgis_process for hasProcessingProvider=yes)
        if self.provider is None:
            self.provider = RdhProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        # The translator goes in first: every label below is translated when it is built.
        self.translator = install_translator()
        self.initProcessing()
        self.check_engine()
        self.add_docks()
        action = QAction(tr("Run the sample-data demo…"), self.iface.mainWindow())
        action.triggered.connect(self.open_demo_dialog)
        self.add_menu_action(action)

    def add_docks(self):
        from .gui.docks import AnalysisDock, PublishDock, SourcesDock

        window = self.iface.mainWindow()
        self.docks = [dock_class(self.iface, window) for dock_class in (SourcesDock, AnalysisDock, PublishDock)]
        for dock in self.docks:
            self.iface.addDockWidget(DOCK_AREA, dock)
        # One tab per dock, Sources in front. At QGIS start-up this waits for initializationCompleted:
        # QGIS restores its saved window layout after starting plugins, which would undo tabs made now.
        if window.isVisible():  # enabled from the plugin manager: QGIS is already up
            self.tabify_docks()
        else:
            self.iface.initializationCompleted.connect(self.tabify_docks)
            self.waiting_for_start = True
        for dock in self.docks:
            toggle = dock.toggleViewAction()
            toggle.setText(tr("{panel} panel").format(panel=dock.windowTitle()))
            self.add_menu_action(toggle)

    def tabify_docks(self):
        window = self.iface.mainWindow()
        sources = self.docks[0] if self.docks else None
        if sources is None or not isinstance(window, QMainWindow) or window.dockWidgetArea(sources) != DOCK_AREA:
            return  # unloaded meanwhile, or a host that does not put docks in a main window
        for dock in self.docks[1:]:
            window.tabifyDockWidget(sources, dock)
        sources.raise_()

    def add_menu_action(self, action):
        self.iface.addPluginToMenu(tr("&RDH Toolkit"), action)
        self.actions.append(action)

    def check_engine(self):
        """Say once, at load, what to install when the engine cannot be found."""
        try:
            find_rdh()
        except EngineNotFound:
            text = tr("RDH Toolkit cannot run its analyses yet: the RDH engine (the rdh command) was not found. "
                      "Install the toolkit (make setup in its folder), then select its .venv/bin/rdh in the "
                      "RDH Sources panel (or set RDH_EXECUTABLE, or the QGIS setting {setting}).").format(
                          setting=SETTING)
            QgsMessageLog.logMessage(text, "RDH Toolkit", Qgis.MessageLevel.Critical)
            self.iface.messageBar().pushMessage("RDH Toolkit", text, Qgis.MessageLevel.Critical, 0)
            return False
        return True

    def open_demo_dialog(self):
        from processing import execAlgorithmDialog

        execAlgorithmDialog("rdh:demo", {})

    def unload(self):
        if self.waiting_for_start:
            self.iface.initializationCompleted.disconnect(self.tabify_docks)
            self.waiting_for_start = False
        menu = tr("&RDH Toolkit")
        for action in self.actions:
            self.iface.removePluginMenu(menu, action)
        self.actions.clear()
        for dock in self.docks:
            dock.unload()
            self.iface.removeDockWidget(dock)
            dock.deleteLater()
        self.docks.clear()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
