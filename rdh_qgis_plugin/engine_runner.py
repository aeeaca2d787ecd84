"""Runs the engine for QGIS: the `rdh` command line of the toolkit's venv, in a worker process.

Why a separate process: QGIS links its own GEOS, PROJ and GDAL into the process, and the dynamic
linker then binds the wheels' calls (shapely, pyproj, pyogrio) to QGIS's older copies. In
`qgis_process` and QGIS desktop that mismatch crashes (shapely's WKB writer refuses, pyproj
segfaults). A worker keeps each library with its own copy, leaves QGIS responsive, and makes
cancel a simple terminate. Processing algorithms, docks and `qgis_process` all go through here,
and through the same CLI users script with, so there is one code path.

Windows and macOS by construction (docs/install.md lists what is checked by review): the worker
gets no console window (CREATE_NO_WINDOW), its pipes are UTF-8 whatever the code page
(PYTHONUTF8/PYTHONIOENCODING for it, utf-8 decoding here), arguments go as a list (paths with
spaces and non-ASCII letters need no quoting), and QGIS's own environment is never modified: the
worker gets a copy without the PROJ/GDAL data variables that QGIS sets for its own libraries.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from qgis.core import QgsSettings

SETTING = "rdh_toolkit/rdh_executable"
PROGRESS_PREFIX = "RDH-PROGRESS "
# QGIS may export these for its own PROJ/GDAL; they break the wheels' copies (see README).
_DROP_ENV = ("PYTHONHOME", "PYTHONPATH", "PROJ_LIB", "PROJ_DATA", "GDAL_DATA", "GDAL_DRIVER_PATH")


class EngineNotFound(RuntimeError):
    pass


class EngineFailed(RuntimeError):
    pass


class EngineCancelled(RuntimeError):
    pass


def venv_executable(venv, name):
    """``name`` inside a virtual environment: Scripts\\name.exe on Windows, bin/name elsewhere."""
    venv = Path(venv)
    return venv / "Scripts" / f"{name}.exe" if os.name == "nt" else venv / "bin" / name


def find_rdh():
    """Path of the `rdh` executable: the RDH_EXECUTABLE variable, the plugin setting, the engine the
    plugin installed (installer.py), the PATH, or the `.venv` of the checkout the plugin runs from."""
    from .installer import engine_venv  # the private venv under the QGIS profile

    candidates = [os.environ.get("RDH_EXECUTABLE"), QgsSettings().value(SETTING, "", type=str),
                  str(venv_executable(engine_venv(), "rdh")), shutil.which("rdh"),
                  str(venv_executable(Path(__file__).resolve().parents[1] / ".venv", "rdh"))]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise EngineNotFound(
        "The RDH engine (the `rdh` command) was not found. Install it from the plugin (Plugins > RDH Toolkit > "
        "Install the RDH engine…), or point the QGIS setting "
        f"{SETTING} (or RDH_EXECUTABLE) at an existing rdh command.")


def worker_env(base=None):
    """The worker's environment: a copy of QGIS's (``base``) without the variables that bind Python or
    the PROJ/GDAL data to QGIS's own copies, and with UTF-8 standard streams."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if k.upper() not in _DROP_ENV}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    return env


def popen_options():
    """Options every worker process gets: UTF-8 text pipes, and no console window on Windows."""
    options = {"encoding": "utf-8", "errors": "replace"}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NO_WINDOW
    return options


def run_rdh(args, feedback=None):
    """Run `rdh --progress-json ARGS...`; relay progress and messages to a QgsProcessingFeedback.

    Returns the command's standard output. Raises EngineFailed (with the engine's message) on a
    non-zero exit and EngineCancelled when the user cancels (the worker is terminated).
    """
    command = [find_rdh(), "--progress-json", *map(str, args)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=worker_env(), bufsize=1,
                            **popen_options())
    messages = []
    for line in proc.stderr:
        if feedback is not None and feedback.isCanceled():
            proc.terminate()
            proc.wait()
            raise EngineCancelled("cancelled")
        line = line.rstrip("\n")
        if line.startswith(PROGRESS_PREFIX):
            step = json.loads(line[len(PROGRESS_PREFIX):])
            if feedback is not None:
                feedback.setProgress(100.0 * step["done"] / max(step["total"], 1))
                if step.get("step"):
                    feedback.pushInfo(step["step"])
        elif line:
            messages.append(line)
            if feedback is not None:
                feedback.pushInfo(line)
    stdout = proc.stdout.read()
    if proc.wait() != 0:
        detail = "\n".join(m for m in messages if not m.startswith("INFO")) or "\n".join(messages[-5:])
        raise EngineFailed(detail or f"rdh exited with code {proc.returncode}")
    return stdout
