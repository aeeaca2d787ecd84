"""Shared by the QGIS-side `rdh` commands (publish, map, atlas): they need QGIS in the process, and
they run it in a child process so that a crash inside QGIS (a segfault on a layer it cannot draw or
style) is reported as an error instead of killing `rdh`."""
import ctypes
import ctypes.util
import functools
import importlib.util
import os
import signal
import subprocess
import sys

import click

NEEDS_QGIS = ("`rdh {command}` needs QGIS, which this Python cannot import ({error}). In QGIS desktop, maps "
              "and atlases run inside QGIS from the Processing toolbox (provider RDH, group Maps). On the command "
              "line, use a Python that imports qgis: on Debian/Ubuntu install python3-qgis and use the "
              "toolkit's venv (`make setup`); see docs/install.md.")
CHILD_ENV = "RDH_QGIS_CHILD"
CRASHED = ("QGIS crashed while running `rdh {command}` (signal {signal}); nothing was written and earlier "
           "outputs are intact. Run with --debug for QGIS's messages, or check the layers and their styles")


def die_with_parent():
    """In a child process (preexec_fn): get SIGTERM when the parent dies, even by kill -9 (Linux)."""
    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _argv():
    """The `rdh` command line being run (rdh_engine.cli.main stores it), or None."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj.get("argv") if isinstance(obj, dict) else None


def _qgis_running():
    """True inside a running QgsApplication (QGIS desktop, a test session): the command runs there."""
    core = sys.modules.get("qgis.core")
    return core is not None and core.QgsApplication.instance() is not None


def run_isolated(command):
    """Run this very `rdh` command line again in a child process (which does the QGIS work) and end
    with its exit code; a crash (a signal) becomes one error line and exit 1."""
    argv = _argv()
    env = {**os.environ, CHILD_ENV: "1"}
    proc = subprocess.Popen([sys.executable, "-m", "rdh_engine.cli", *argv], env=env,
                            preexec_fn=die_with_parent if os.name == "posix" else None)
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        code = proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code < 0 and -code not in (signal.SIGTERM, signal.SIGINT):
        click.echo("Error: " + CRASHED.format(command=command, signal=signal.Signals(-code).name), err=True)
        raise SystemExit(1)
    raise SystemExit(code if code >= 0 else 1)


def needs_qgis(command):
    """Decorator: fail with a clear message (exit 1) when `qgis` cannot be imported; otherwise run
    the command in a child process (see run_isolated) when started from the `rdh` console script."""
    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            if os.environ.get(CHILD_ENV) != "1" and _argv() is not None and not _qgis_running():
                if importlib.util.find_spec("qgis") is None:
                    raise click.ClickException(NEEDS_QGIS.format(command=command, error="no module named 'qgis'"))
                run_isolated(command)
            try:
                import qgis.core  # noqa: F401
            except ImportError as exc:
                raise click.ClickException(NEEDS_QGIS.format(command=command, error=exc)) from None
            return func(*args, **kwargs)
        return run
    return decorate
