"""The Sources, Analysis and Publish docks.

Each dock offers the RDH Processing algorithms whose group id is in its `GROUPS` (an algorithm
plugs into a dock by its `groupId()`, no GUI code), shows their parameters with QGIS's own widgets
(algorithm_form.py) and runs the chosen one as a background task (tasks.py): progress bar, cancel,
results added to a layer group with their house styles.
"""
import subprocess

from qgis.core import Qgis, QgsApplication, QgsSettings
from qgis.gui import QgsDockWidget, QgsFileWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from .. import engine_runner
from ..i18n import tr
from ..tasks import AlgorithmTask
from .algorithm_form import AlgorithmForm

PROVIDER_ID = "rdh"


class AlgorithmDock(QgsDockWidget):
    """A dock over the RDH algorithms of some Processing groups; subclasses name the groups."""

    GROUPS = ()
    OBJECT_NAME = ""

    def __init__(self, iface=None, parent=None):
        super().__init__(self.title(), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.iface = iface
        self.task = None
        self.form = None
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.add_header(self.body_layout)

        self.algorithm_combo = QComboBox()
        self.algorithm_combo.currentIndexChanged.connect(self.show_algorithm)
        self.body_layout.addWidget(self.algorithm_combo)
        # Help text and parameters scroll together, so a long help never squeezes the form.
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.form_holder = QVBoxLayout()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.help_label)
        page_layout.addLayout(self.form_holder)
        page_layout.addStretch(1)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_area.setWidget(page)
        self.body_layout.addWidget(self.form_area, 1)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.run_button = QPushButton(tr("Run"))
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        self.body_layout.addLayout(buttons)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body_layout.addWidget(self.status_label)
        self.setWidget(body)

        registry = QgsApplication.processingRegistry()
        registry.providerAdded.connect(self.refresh)
        registry.providerRemoved.connect(self.refresh)
        self.refresh()
        self.set_running(False)

    # What subclasses say about themselves (translated at call time, after the translator is in).
    def title(self):
        raise NotImplementedError

    def empty_text(self):
        return tr("No algorithm for this panel is installed in this version of the RDH Toolkit.")

    def add_header(self, layout):
        """Widgets above the algorithm chooser (none by default)."""

    def algorithm_ids(self):
        provider = QgsApplication.processingRegistry().providerById(PROVIDER_ID)
        if provider is None:
            return []
        return [alg.id() for alg in provider.algorithms() if alg.groupId() in self.GROUPS]

    def refresh(self, *_provider_id):
        """Offer the algorithms registered now (providers come and go with plugins)."""
        current = self.algorithm_combo.currentData()
        self.algorithm_combo.blockSignals(True)
        self.algorithm_combo.clear()
        registry = QgsApplication.processingRegistry()
        for algorithm_id in self.algorithm_ids():
            self.algorithm_combo.addItem(registry.algorithmById(algorithm_id).displayName(), algorithm_id)
        index = self.algorithm_combo.findData(current)
        self.algorithm_combo.setCurrentIndex(max(index, 0))
        self.algorithm_combo.blockSignals(False)
        self.show_algorithm()

    def show_algorithm(self, *_index):
        algorithm_id = self.algorithm_combo.currentData()
        self.algorithm_combo.setVisible(self.algorithm_combo.count() > 1)
        if self.form is not None:
            self.form_holder.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        if algorithm_id is None:
            self.help_label.setText(self.empty_text())
            self.run_button.setEnabled(False)
            return
        algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        self.help_label.setText(algorithm.shortHelpString())
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        self.form = AlgorithmForm(algorithm, map_canvas=canvas)
        self.form_holder.addWidget(self.form)
        self.run_button.setEnabled(self.task is None)

    def set_running(self, running):
        self.run_button.setEnabled(not running and self.form is not None)
        self.cancel_button.setEnabled(running)
        self.algorithm_combo.setEnabled(not running)
        if running:
            self.progress.setValue(0)

    def run(self):
        """Check the values, then start the algorithm as a background task."""
        ok, message = self.form.check()
        if not ok:
            self.report(message, Qgis.MessageLevel.Warning)
            return None
        algorithm = self.form.algorithm
        task = AlgorithmTask(algorithm.id(), self.form.parameters(),
                             group_name=tr("RDH: {name}").format(name=algorithm.displayName()))
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        task.done.connect(self.task_done)
        self.task = task  # a Python reference keeps the task's wrapper alive while it runs
        self.set_running(True)
        self.status_label.setText(tr("Running {name}…").format(name=algorithm.displayName()))
        QgsApplication.taskManager().addTask(task)
        return task

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    def unload(self):
        """Before the plugin goes: stop a running task and stop following the registry."""
        self.cancel()
        registry = QgsApplication.processingRegistry()
        registry.providerAdded.disconnect(self.refresh)
        registry.providerRemoved.disconnect(self.refresh)

    def task_done(self, ok):
        task, self.task = self.task, None
        self.set_running(False)
        if ok:
            self.progress.setValue(100)
            self.report(tr("{name}: {count} layers added to the group “{group}”.").format(
                name=task.algorithm.displayName(), count=len(task.layers), group=task.group_name),
                Qgis.MessageLevel.Success)
        else:
            self.report(tr("{name} failed: {error}").format(name=task.algorithm.displayName(), error=task.error),
                        Qgis.MessageLevel.Critical)

    def report(self, text, level):
        self.status_label.setText(text)
        if self.iface is not None:
            self.iface.messageBar().pushMessage(tr("RDH Toolkit"), text, level, 10)


class SourcesDock(AlgorithmDock):
    GROUPS = ("start", "sources")
    OBJECT_NAME = "RdhSourcesDock"

    def title(self):
        return tr("RDH Sources")

    def add_header(self, layout):
        """Where the engine is: the `rdh` command the algorithms run (engine_runner.find_rdh)."""
        layout.addWidget(QLabel(tr("RDH engine (the rdh command):")))
        self.engine_widget = QgsFileWidget()
        self.engine_widget.setToolTip(tr("The rdh command of the toolkit's Python environment, e.g. "
                                         "/opt/rdh-toolkit/.venv/bin/rdh. Saved in the QGIS settings."))
        self.engine_widget.setStorageMode(QgsFileWidget.StorageMode.GetFile)
        self.engine_widget.setDialogTitle(tr("Select the rdh command of the toolkit's environment"))
        self.engine_widget.fileChanged.connect(self.set_engine)
        layout.addWidget(self.engine_widget)
        self.engine_label = QLabel()
        self.engine_label.setWordWrap(True)
        layout.addWidget(self.engine_label)
        self.install_button = QPushButton(tr("Install the RDH engine…"))
        self.install_button.clicked.connect(self.open_installer)
        layout.addWidget(self.install_button)
        self.show_engine()

    def open_installer(self):
        """The plugin's engine installer (installer.py); the panel refreshes when it closes."""
        import qgis.utils

        plugin = qgis.utils.plugins.get("rdh_qgis_plugin")
        if plugin is not None:
            return plugin.open_installer()
        from ..installer import EngineInstallerDialog

        dialog = EngineInstallerDialog(self)
        dialog.finished.connect(lambda _result: self.show_engine())
        dialog.show()
        return dialog

    def set_engine(self, path):
        """Keep a picked `rdh` only if it runs (`rdh --version`); say why not otherwise."""
        ok, answer = engine_version(path)
        if not ok:
            self.engine_label.setText(tr("Not a working rdh command: {reason}").format(reason=answer))
            return
        QgsSettings().setValue(engine_runner.SETTING, path)
        self.show_engine(answer)

    def show_engine(self, version=""):
        try:
            path = engine_runner.find_rdh()
        except engine_runner.EngineNotFound:
            self.engine_label.setText(tr("Not found: install the RDH engine (button below), or select an "
                                         "existing rdh command."))
            self.install_button.setVisible(True)
            return
        self.install_button.setVisible(False)
        self.engine_widget.blockSignals(True)
        self.engine_widget.setFilePath(path)
        self.engine_widget.blockSignals(False)
        found = tr("Engine found: {path}").format(path=path)
        self.engine_label.setText(f"{found} ({version})" if version else found)


def engine_version(path):
    """(True, "rdh 0.1.0") when `path --version` works, else (False, the reason)."""
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60,
                                env=engine_runner.worker_env())
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    if result.returncode != 0 or not result.stdout.startswith("rdh "):
        lines = (result.stderr or result.stdout).strip().splitlines()
        return False, lines[-1] if lines else tr("exit code {code}").format(code=result.returncode)
    return True, result.stdout.strip()


class AnalysisDock(AlgorithmDock):
    # "borders" is rdh:poe_impact's group (Border closures in the Processing toolbox).
    GROUPS = ("analysis", "corridors", "transhumance", "borders")
    OBJECT_NAME = "RdhAnalysisDock"

    def title(self):
        return tr("RDH Analysis")


class PublishDock(AlgorithmDock):
    # "maps" is the group of rdh:map and rdh:atlas (Maps in the Processing toolbox).
    GROUPS = ("publish", "maps")
    OBJECT_NAME = "RdhPublishDock"

    def title(self):
        return tr("RDH Publish")
