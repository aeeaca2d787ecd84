"""`rdh`: the toolkit's command line (click). Owns exit codes and messages:
0 ok, 1 invalid data or failed analysis, 2 usage error."""
import importlib
import logging
import sys

import click

from .. import __version__
from ..errors import RdhError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="rdh", message="%(prog)s %(version)s")
@click.option("-v", "--verbose", "verbosity", flag_value=logging.DEBUG, help="Show debug messages.")
@click.option("-q", "--quiet", "verbosity", flag_value=logging.WARNING, help="Only show warnings and errors.")
@click.option("--progress-json", is_flag=True, hidden=True,
              help="Report progress as JSON lines on stderr (used by the QGIS plugin).")
@click.pass_context
def cli(ctx, verbosity, progress_json):
    """RDH Toolkit: migration corridors, transhumance routes and border-closure impacts for the
    Regional Data Hub (West and Central Africa).

    Every analysis also runs in QGIS (Processing toolbox, provider "RDH").
    """
    level = verbosity or logging.INFO
    # Other libraries speak only when something is wrong (or with --verbose).
    logging.basicConfig(level=max(level, logging.WARNING) if level > logging.DEBUG else level,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("rdh_engine").setLevel(level)
    ctx.ensure_object(dict).update(quiet=level >= logging.WARNING, progress_json=progress_json)


def main(argv=None):
    """Console-script entry point: turns toolkit errors into one clear line and exit code 1."""
    try:
        cli.main(args=argv, prog_name="rdh", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except RdhError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    sys.exit(0)


from . import (  # noqa: E402,F401  (importing a command module registers its command)
    bench, corridors, demo, export, poe_impact, provenance, sample, transhumance, transhumance_tools, validate,
)

# QGIS-side commands (publish, map, atlas) live in the plugin package: they render or serve with
# QGIS. Their modules import QGIS only when a command runs, and are looked up by name so that the
# engine never imports the plugin; each exposes register(cli). Without QGIS the commands say so.
QGIS_COMMAND_MODULES = ("rdh_qgis_plugin.publish.cli", "rdh_qgis_plugin.layouts.cli")
for _name in QGIS_COMMAND_MODULES:
    try:
        importlib.import_module(_name).register(cli)
    except ModuleNotFoundError as _exc:  # the plugin package is not installed beside the engine
        if _exc.name not in _name:
            raise
