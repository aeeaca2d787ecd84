"""Shared by the QGIS-side `rdh` commands (publish, map, atlas): they need QGIS in the process."""
import functools

import click

NEEDS_QGIS = ("`rdh {command}` needs QGIS, which this Python cannot import ({error}). Install QGIS with its "
              "Python bindings (Debian/Ubuntu: apt-get install python3-qgis) and run the toolkit's venv "
              "(`make setup` creates it with access to the system's qgis).")


def needs_qgis(command):
    """Decorator: fail with a clear message (exit 1) when `qgis` cannot be imported."""
    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            try:
                import qgis.core  # noqa: F401
            except ImportError as exc:
                raise click.ClickException(NEEDS_QGIS.format(command=command, error=exc)) from None
            return func(*args, **kwargs)
        return run
    return decorate
