"""Runs the engine for QGIS: the `rdh` command line of the toolkit's venv, in a worker process.

Why a separate process: QGIS links its own GEOS, PROJ and GDAL into the process, and the dynamic
linker then binds the wheels' calls (shapely, pyproj, pyogrio) to QGIS's older copies. In
`qgis_process` and QGIS desktop that mismatch crashes (shapely's WKB writer refuses, pyproj
segfaults). A worker keeps each library with its own copy, leaves QGIS responsive, and makes
cancel a simple terminate. Processing algorithms, docks and `qgis_process` all go through here,
and through the same CLI users script with, so there is one code path.
"""
import json
import os
import shutil
import subprocess
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


def find_rdh():
    """Path of the `rdh` executable: the RDH_EXECUTABLE variable, the plugin setting, the PATH,
    or the `.venv` of the checkout the plugin runs from (development installs)."""
    candidates = [os.environ.get("RDH_EXECUTABLE"), QgsSettings().value(SETTING, "", type=str),
                  shutil.which("rdh"), str(Path(__file__).resolve().parents[1] / ".venv" / "bin" / "rdh")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise EngineNotFound(
        "The RDH engine (the `rdh` command) was not found. Run `make setup` in the toolkit's folder, then "
        f"either put its .venv/bin on the PATH, set RDH_EXECUTABLE, or set the QGIS setting {SETTING} "
        "to the full path of .venv/bin/rdh.")


def worker_env():
    env = {k: v for k, v in os.environ.items() if k not in _DROP_ENV}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def run_rdh(args, feedback=None):
    """Run `rdh --progress-json ARGS...`; relay progress and messages to a QgsProcessingFeedback.

    Returns the command's standard output. Raises EngineFailed (with the engine's message) on a
    non-zero exit and EngineCancelled when the user cancels (the worker is terminated).
    """
    command = [find_rdh(), "--progress-json", *map(str, args)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=worker_env(), bufsize=1)
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
