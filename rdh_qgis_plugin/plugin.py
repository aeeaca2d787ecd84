"""classFactory target: registers the Processing provider, the dock panels, the menu and translations."""
from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QAction

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

        sources = SourcesDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(DOCK_AREA, sources)
        self.docks.append(sources)
        for dock_class in (AnalysisDock, PublishDock):
            dock = dock_class(self.iface, self.iface.mainWindow())
            self.iface.addTabifiedDockWidget(DOCK_AREA, dock, [sources.objectName()], False)
            self.docks.append(dock)
        sources.raise_()
        for dock in self.docks:
            toggle = dock.toggleViewAction()
            toggle.setText(tr("{panel} panel").format(panel=dock.windowTitle()))
            self.add_menu_action(toggle)

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
