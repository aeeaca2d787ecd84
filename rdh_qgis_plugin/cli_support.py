"""Shared by the QGIS-side `rdh` commands (publish, map, atlas): they need QGIS in the process."""
import functools

import click

NEEDS_QGIS = ("`rdh {command}` needs QGIS, which this Python cannot import ({error}). In QGIS desktop, maps "
              "and atlases run inside QGIS from the Processing toolbox (provider RDH, group Maps). On the command "
              "line, use a Python that imports qgis: on Debian/Ubuntu install python3-qgis and use the "
              "toolkit's venv (`make setup`); see docs/install.md.")


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
