"""classFactory target: registers the Processing provider, the dock panels, the menu and translations."""
from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QAction, QMainWindow, QPushButton

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
        self.installer_dialog = None

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
        action = QAction(tr("Install the RDH engine…"), self.iface.mainWindow())
        action.triggered.connect(self.open_installer)
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
        """Say once, at load, that the engine is missing, with a button that installs it."""
        try:
            find_rdh()
        except EngineNotFound:
            text = tr("RDH Toolkit cannot run its analyses yet: the RDH engine is not installed. Install it "
                      "(Plugins > RDH Toolkit > Install the RDH engine…), or point the QGIS setting {setting} "
                      "at an existing rdh command.").format(setting=SETTING)
            QgsMessageLog.logMessage(text, "RDH Toolkit", Qgis.MessageLevel.Critical)
            bar = self.iface.messageBar()
            item = bar.createMessage("RDH Toolkit", text)  # the message carries the install button
            button = QPushButton(tr("Install the RDH engine…"), item)
            button.clicked.connect(self.open_installer)
            item.layout().addWidget(button)
            bar.pushWidget(item, Qgis.MessageLevel.Critical, 0)
            return False
        return True

    def open_installer(self):
        """The engine installer dialog (installer.py), one at a time; returns it."""
        from .installer import EngineInstallerDialog

        if self.installer_dialog is None:
            self.installer_dialog = EngineInstallerDialog(self.iface.mainWindow())
            self.installer_dialog.finished.connect(self._installer_closed)
        self.installer_dialog.show()
        self.installer_dialog.raise_()
        return self.installer_dialog

    def _installer_closed(self, _result):
        dialog, self.installer_dialog = self.installer_dialog, None
        if dialog is not None:
            if dialog.ok:
                for dock in self.docks:
                    if hasattr(dock, "show_engine"):
                        dock.show_engine()
            dialog.deleteLater()

    def open_demo_dialog(self):
        from processing import execAlgorithmDialog

        execAlgorithmDialog("rdh:demo", {})

    def unload(self):
        if self.installer_dialog is not None:
            self.installer_dialog.reject()
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
