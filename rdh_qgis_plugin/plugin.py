"""classFactory target: registers the Processing provider, the menu and translations."""
from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtWidgets import QAction

from .engine_runner import EngineNotFound, find_rdh
from .i18n import install_translator, tr
from .processing.provider import RdhProvider


class RdhPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.actions = []

    def initProcessing(self):  # noqa: N802  (called by qgis_process for hasProcessingProvider=yes)
        if self.provider is None:
            self.provider = RdhProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.translator = install_translator()
        self.initProcessing()
        self.check_engine()
        action = QAction(tr("Run the sample-data demo…"), self.iface.mainWindow())
        action.triggered.connect(self.open_demo_dialog)
        self.iface.addPluginToMenu(tr("&RDH Toolkit"), action)
        self.actions.append(action)

    def check_engine(self):
        """Say once, at load, what to install when the engine cannot be found."""
        try:
            find_rdh()
        except EngineNotFound as exc:
            text = tr("RDH Toolkit cannot run its analyses yet. {reason}").format(reason=tr(str(exc)))
            QgsMessageLog.logMessage(text, "RDH Toolkit", Qgis.MessageLevel.Critical)
            self.iface.messageBar().pushMessage("RDH Toolkit", text, Qgis.MessageLevel.Critical, 0)
            return False
        return True

    def open_demo_dialog(self):
        from processing import execAlgorithmDialog

        execAlgorithmDialog("rdh:demo", {})

    def unload(self):
        for action in self.actions:
            self.iface.removePluginMenu(tr("&RDH Toolkit"), action)
        self.actions.clear()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            from qgis.PyQt.QtCore import QCoreApplication

            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
