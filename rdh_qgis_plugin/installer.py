"""Installs the RDH engine for the plugin: a private Python environment under the QGIS profile.

The analyses run in the engine's own Python (engine_runner.py), which a GIS officer does not
have. This module makes it: a virtual environment in ``<profile>/rdh_toolkit/engine`` made from a
Python the user already has (the one shipped with QGIS on Windows and macOS, the system
``python3`` on Linux), the engine wheel shipped inside the plugin zip (``wheels/``) installed into
it with its dependencies, from the package index or from a local folder of wheels (offline field
offices: ``pip install --no-index --find-links FOLDER``), then checked by running ``rdh --version``
and a tiny job (``rdh validate`` on a three-row file). It runs as a QgsTask (progress in the
dialog and the task manager); the dialog is opened from the plugin menu, from the Sources panel
when the engine is not found, and at load when no engine is found.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from qgis.core import QgsApplication, QgsSettings, QgsTask
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
    QPushButton, QRadioButton, QVBoxLayout,
)

from .engine_runner import SETTING, popen_options, venv_executable, worker_env
from .i18n import tr

WHEELS_DIR = Path(__file__).resolve().parent / "wheels"
WHEEL_PATTERN = "rdh_toolkit-*.whl"
FIND_LINKS_SETTING = "rdh_toolkit/wheel_folder"
# The tiny job: three points of entry, valid, so `rdh validate --kind poe` exits 0.
CHECK_KIND = "poe"
CHECK_CSV = (
    "poe_id,name,poe_type,country_iso3,lon,lat,neighbour_iso3\n"
    "SEN-L001,Kidira border post,land,SEN,-12.2186,14.4597,MLI\n"
    "NER-L001,Makalondi border post,land,NER,1.9841,12.8362,BFA\n"
    "TCD-A001,N'Djamena airport,air,TCD,15.0340,12.1337,\n"
)


def engine_venv():
    """Where the plugin keeps the engine: ``<QGIS profile>/rdh_toolkit/engine``."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "rdh_toolkit" / "engine"


def base_python():
    """A Python to make the environment from, or None: the Python QGIS runs the plugin with (QGIS's
    own on Windows and macOS, the system Python on Linux), else ``python3`` from the PATH."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    prefix = Path(sys.base_prefix)
    if sys.platform == "win32":  # QGIS runs as qgis-bin.exe: python.exe sits in its Python's prefix
        candidates = [prefix / "python.exe", prefix / "python3.exe"]
    else:  # macOS: QGIS.app/Contents/Frameworks/Python.framework/Versions/3.x; Linux: /usr
        candidates = [prefix / "bin" / f"python{version}", prefix / "bin" / "python3"]
    candidates.append(shutil.which("python3") or shutil.which("python"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


def bundled_wheel(folder=WHEELS_DIR):
    """The engine wheel shipped in the plugin zip (the newest if several), or None."""
    wheels = sorted(Path(folder).glob(WHEEL_PATTERN))
    return wheels[-1] if wheels else None


def install_steps(venv, *, python, wheel, find_links=None):
    """(label, command) pairs that make the environment, install the engine and check it."""
    venv = Path(venv)
    venv_python = str(venv_executable(venv, "python"))
    rdh = str(venv_executable(venv, "rdh"))
    source = ["--no-index", "--find-links", str(find_links)] if find_links else []
    return [
        (tr("Creating the Python environment"), [python, "-m", "venv", "--clear", str(venv)]),
        (tr("Installing the RDH engine and its libraries (several minutes)"),
         [venv_python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", *source,
          str(wheel)]),
        (tr("Checking the engine (rdh --version)"), [rdh, "--version"]),
        (tr("Running a tiny job (rdh validate)"), [rdh, "validate", "--kind", CHECK_KIND, "check_poe.csv"]),
    ]


class EngineInstallTask(QgsTask):
    """Runs the install steps in the background; ``line`` relays their output, ``done`` fires at the end
    (main thread) with success and the `rdh` path, which is then saved as the plugin's engine."""

    line = pyqtSignal(str)
    done = pyqtSignal(bool, str)

    def __init__(self, venv, *, python, wheel, find_links=None):
        super().__init__(tr("Installing the RDH engine"), QgsTask.Flag.CanCancel)
        self.venv = Path(venv)
        self.steps = install_steps(venv, python=python, wheel=wheel, find_links=find_links)
        self.rdh = str(venv_executable(self.venv, "rdh"))
        self.error = ""
        self.version = ""
        self.process = None

    def run(self):
        """Worker thread: no project or widget here; only processes and signals."""
        with tempfile.TemporaryDirectory(prefix="rdh-check-") as work:
            Path(work, "check_poe.csv").write_text(CHECK_CSV, encoding="utf-8")
            for index, (label, command) in enumerate(self.steps):
                if self.isCanceled():
                    self.error = tr("Cancelled")
                    return False
                self.line.emit(f"[{index + 1}/{len(self.steps)}] {label}")
                self.setProgress(100.0 * index / len(self.steps))
                code, output = self._run(command, cwd=work)
                if code != 0:
                    self.error = tr("{step} failed (exit code {code}):\n{output}").format(
                        step=label, code=code, output="\n".join(output[-15:]))
                    return False
                if command[1:] == ["--version"]:
                    self.version = output[-1] if output else ""
        self.setProgress(100)
        return True

    def _run(self, command, *, cwd):
        env = worker_env()
        env.pop("PIP_REQUIRE_VIRTUALENV", None)
        output = []
        try:
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=cwd,
                                            env=env, bufsize=1, **popen_options())
        except OSError as exc:
            return -1, [str(exc)]
        for text in self.process.stdout:
            text = text.rstrip()
            if text:
                output.append(text)
                self.line.emit(text)
            if self.isCanceled():
                self.process.terminate()
        return self.process.wait(), output

    def cancel(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        super().cancel()

    def finished(self, result):
        """Main thread: remember the engine for every later run (engine_runner.find_rdh)."""
        if result:
            QgsSettings().setValue(SETTING, self.rdh)
        self.done.emit(bool(result), self.rdh if result else self.error)


class EngineInstallerDialog(QDialog):
    """Install the RDH engine: where from (package index or a folder of wheels), progress, result."""

    def __init__(self, parent=None, *, venv=None, wheel=None, python=None):
        super().__init__(parent)
        self.setObjectName("RdhEngineInstaller")
        self.setWindowTitle(tr("Install the RDH engine"))
        self.venv = Path(venv) if venv else engine_venv()
        self.wheel = wheel or bundled_wheel()
        self.python = python or base_python()
        self.task = None
        self.ok = False
        layout = QVBoxLayout(self)
        intro = QLabel(tr("The RDH analyses run in their own Python environment, which this installs "
                          "into your QGIS profile (about 1 GB; nothing is changed in QGIS's Python).\n"
                          "Environment: {venv}\nPython used: {python}\nEngine package: {wheel}").format(
                              venv=self.venv, python=self.python or tr("not found"),
                              wheel=self.wheel.name if self.wheel else tr("not found in the plugin")))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.from_index = QRadioButton(tr("Download the libraries from the Python package index (internet)"))
        self.from_folder = QRadioButton(tr("Use a folder of wheels prepared for offline installs:"))
        folder = QgsSettings().value(FIND_LINKS_SETTING, "", type=str)
        (self.from_folder if folder else self.from_index).setChecked(True)
        layout.addWidget(self.from_index)
        layout.addWidget(self.from_folder)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setPlaceholderText(tr("Folder with the .whl files"))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self.pick_folder)
        row.addWidget(self.folder_edit)
        row.addWidget(browse)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        layout.addWidget(self.log)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.install_button = self.buttons.addButton(tr("Install"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.python is None or self.wheel is None:
            self.install_button.setEnabled(False)
            self.status.setText(tr("Cannot install here: no Python found to make the environment from, or no "
                                   "engine wheel in the plugin. See docs/install.md."))
        self.resize(640, 480)

    def pick_folder(self):
        folder = QFileDialog.getExistingDirectory(self, tr("Folder of wheels"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
            self.from_folder.setChecked(True)

    def find_links(self):
        return self.folder_edit.text().strip() if self.from_folder.isChecked() else None

    def start(self):
        """Start the install task (the dialog stays open and shows its progress)."""
        find_links = self.find_links()
        if self.from_folder.isChecked() and not (find_links and os.path.isdir(find_links)):
            self.status.setText(tr("Choose an existing folder of wheels."))
            return None
        if find_links:
            QgsSettings().setValue(FIND_LINKS_SETTING, find_links)
        self.install_button.setEnabled(False)
        self.log.clear()
        self.status.setText(tr("Installing…"))
        self.task = EngineInstallTask(self.venv, python=self.python, wheel=self.wheel, find_links=find_links)
        self.task.line.connect(self.log.appendPlainText)
        self.task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task.done.connect(self.task_done)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def task_done(self, ok, detail):
        self.ok = ok
        self.install_button.setEnabled(True)
        if ok:
            self.progress.setValue(100)
            self.status.setText(tr("The RDH engine is installed and works ({version}): {path}").format(
                version=self.task.version, path=detail))
        else:
            self.status.setText(tr("The installation failed: {error}").format(error=detail))
        self.task = None

    def reject(self):
        if self.task is not None:
            self.task.cancel()
        super().reject()
