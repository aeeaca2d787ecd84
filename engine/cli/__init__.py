"""`rdh`: the toolkit's command line (click). Owns exit codes and messages:
0 ok, 1 invalid data, failed or empty analysis, or an output that cannot be written, 2 usage error
(including a bad --config); an internal error is one line plus a log file with the traceback.

The analysis commands are generated from their job declarations (engine/jobs, docs/jobs.md) and,
like every command, imported only when used: `rdh --version` and `rdh --help` load no analysis
library."""
import datetime
import errno
import importlib
import logging
import os
import platform
import sys
import tempfile
import traceback
from importlib.metadata import entry_points
from pathlib import Path

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
@click.option("--debug", is_flag=True, help="On an internal error, print the traceback (instead of only "
              "writing it to a log file).")
@click.pass_context
def cli(ctx, verbosity, progress_json, debug):
    """RDH Toolkit: migration corridors, transhumance routes and border-closure impacts for the
    Regional Data Hub (West and Central Africa).

    Every analysis also runs in QGIS (Processing toolbox, provider "RDH").
    """
    level = verbosity or logging.INFO
    # Other libraries speak only when something is wrong (or with --verbose).
    logging.basicConfig(level=max(level, logging.WARNING) if level > logging.DEBUG else level,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("rdh_engine").setLevel(level)
    ctx.ensure_object(dict).update(quiet=level >= logging.WARNING, progress_json=progress_json, debug=debug)


def main(argv=None):
    """Console-script entry point, the one error edge: toolkit errors (RdhError) become one clear line
    and exit 1, usage errors exit 2, and anything else an "internal error" line with the path of a log
    file holding the traceback (``--debug`` prints it instead)."""
    args = sys.argv[1:] if argv is None else [str(a) for a in argv]
    debug = "--debug" in args[:_first_command(args)] or os.environ.get("RDH_DEBUG") == "1"
    try:
        cli.main(args=args, prog_name="rdh", standalone_mode=False, obj={"argv": args})
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except RdhError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted: outputs not yet complete were not written (previous ones are intact).", err=True)
        sys.exit(130)
    except OSError as exc:  # a system failure outside the toolkit's writers: say what it means
        if debug:
            traceback.print_exc()
        click.echo(f"Error: {_system_error(exc)}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the edge: never a bare traceback
        if debug:
            traceback.print_exc()
        unreadable = _unreadable_input(exc)
        if unreadable:
            click.echo(f"Error: {unreadable}", err=True)
            sys.exit(1)
        log_path = _write_crash_log(args)
        kind = type(exc).__name__
        click.echo(f"Internal error ({kind}: {_one_line(exc)}). This is a bug in the toolkit, not a problem "
                   f"with your data; outputs not complete were not written. Details: "
                   f"{log_path or 'run again with --debug'} (please attach it to a bug report; --debug prints "
                   f"the traceback).", err=True)
        sys.exit(1)
    sys.exit(0)


def _first_command(args):
    """Index of the subcommand in ``args`` (options before it belong to `rdh` itself)."""
    for i, arg in enumerate(args):
        if not arg.startswith("-"):
            return i
    return len(args)


def _one_line(exc, limit=200):
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _system_error(exc):
    from ..io.atomic import _output_error

    where = getattr(exc, "filename", None)
    if getattr(exc, "errno", None) == errno.ENOENT and where:
        return f"no such file or folder: {where}"
    return str(_output_error(exc, where or "an output")) if where or exc.errno else _one_line(exc)


def _unreadable_input(exc):
    """One line for a file the GIS libraries cannot open (not a GeoPackage, GeoTIFF...), else None."""
    import sqlite3

    import rasterio.errors

    where = _file_in_traceback(exc)
    where = f"{where}: " if where else ""
    if type(exc).__module__.startswith("pyogrio") or isinstance(exc, rasterio.errors.RasterioIOError):
        return f"{where}cannot read it ({_one_line(exc)})"
    if isinstance(exc, sqlite3.DatabaseError):
        return f"{where}not a readable GeoPackage ({_one_line(exc)})"
    return None


def _file_in_traceback(exc):
    """The file the failing toolkit function was working on: the innermost ``path``-like local of a
    toolkit frame (readers and writers name their file ``path``, ``gpkg``, ``roads``...)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        # toolkit code: the engine and the packages that join `rdh` through entry points (rdh_*)
        if frame.f_globals.get("__name__", "").startswith("rdh_"):
            for name in ("path", "gpkg", "roads", "source", "src"):
                value = frame.f_locals.get(name)
                if isinstance(value, (str, Path)) and str(value) and Path(value).suffix:
                    found = value
                    break
        tb = tb.tb_next
    return found


def _write_crash_log(args):
    """The traceback of the exception being handled, in a log file; its path (None if none could be written)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rdh" / "logs"
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = (f"rdh {__version__} on Python {platform.python_version()}, {platform.platform()}\n"
            f"command: rdh {' '.join(args)}\n\n{traceback.format_exc()}")
    for folder in (base, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"rdh-crash-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None
