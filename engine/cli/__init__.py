"""`rdh`: the toolkit's command line (click). Owns exit codes and messages:
0 ok, 1 invalid data or failed analysis, 2 usage error.

The analysis commands are generated from their job declarations (engine/jobs, docs/jobs.md) and,
like every command, imported only when used: `rdh --version` and `rdh --help` load no analysis
library."""
import importlib
import logging
import sys
from importlib.metadata import entry_points

import click

from .. import __version__
from ..errors import RdhError

# Commands of the engine, by name -> module (relative to this package) defining `command`. Modules are
# imported when their command is needed, so `rdh --version` imports no analysis library.
ENGINE_COMMANDS = {
    "corridors": ".corridors", "transhumance": ".transhumance", "poe-impact": ".poe_impact",
    "validate": ".validate", "export": ".export", "demo": ".demo", "provenance": ".provenance",
    "sample": ".sample", "bench": ".bench", "spec": ".jobs", "run": ".jobs",
}
# Commands from other packages (the QGIS plugin's map, atlas, publish) register as entry points of
# this group in their pyproject: `[project.entry-points."rdh.commands"] map = "module:command"`.
ENTRY_POINT_GROUP = "rdh.commands"
_MODULE_COMMAND = {"spec": "spec_cmd", "run": "run_cmd"}


class RdhGroup(click.Group):
    """The `rdh` group: commands are imported on first use (engine modules and entry points)."""

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *ENGINE_COMMANDS, *_plugin_commands()})

    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        if name in ENGINE_COMMANDS:
            module = importlib.import_module(ENGINE_COMMANDS[name], __name__)
            command = getattr(module, _MODULE_COMMAND.get(name, "command"))
        elif name in _plugin_commands():
            try:
                command = _plugin_commands()[name].load()
            except ModuleNotFoundError as exc:  # the entry point's package is gone from this environment
                raise click.UsageError(f"`rdh {name}` cannot load ({exc})") from None
        else:
            return None
        self.add_command(command, name)
        return command


_PLUGINS = {}


def _plugin_commands():
    """Entry points of ENTRY_POINT_GROUP by name, engine commands excluded (read once)."""
    if not _PLUGINS:
        found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name not in ENGINE_COMMANDS}
        _PLUGINS.update(found or {None: None})
    return {name: ep for name, ep in _PLUGINS.items() if name is not None}


@click.group(cls=RdhGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
