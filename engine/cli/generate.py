"""Click commands generated from job declarations (engine/jobs): one option per declared
parameter, `--config FILE.toml` checked against the declaration, `--manifest FILE` for the list of
what was written. See docs/jobs.md."""
from __future__ import annotations

import datetime
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import click

from ..jobs import jobs, runner
from ..jobs.model import DATE_FORMAT, JobSpec, JobUsageError, JobValueError, Param


class Pattern(click.ParamType):
    """A string that must match a regular expression in full."""

    name = "text"

    def __init__(self, pattern: str):
        self.pattern = pattern

    def convert(self, value, param, ctx):
        if not isinstance(value, str) or not re.fullmatch(self.pattern, value):
            self.fail(f"{value!r} does not match {self.pattern}", param, ctx)
        return value


def click_type(param: Param) -> click.ParamType | type:
    """The click type of a declared parameter."""
    kind = param.type
    if kind in ("vector", "table", "raster", "file"):
        return click.Path(exists=param.exists, dir_okay=False, path_type=Path)
    if kind == "folder":
        return click.Path(exists=param.exists, file_okay=False, path_type=Path)
    if kind == "output_file":
        return click.Path(dir_okay=False, path_type=Path)
    if kind == "output_folder":
        return click.Path(file_okay=False, path_type=Path)
    if kind == "int":
        if param.min is None and param.max is None:
            return int
        return click.IntRange(param.min, param.max, min_open=param.min_open, max_open=param.max_open)
    if kind == "float":
        if param.min is None and param.max is None:
            return float
        return click.FloatRange(param.min, param.max, min_open=param.min_open, max_open=param.max_open)
    if kind == "enum":
        return click.Choice(param.choices)
    if kind == "date":
        return click.DateTime([DATE_FORMAT])
    if kind == "string" and param.pattern:
        return Pattern(param.pattern)
    if kind in ("string", "bool"):
        return str if kind == "string" else bool
    raise AssertionError(kind)


def click_parameter(param: Param, *, enforce_required: bool = True) -> click.Parameter:
    """The click option (or argument) of a declared parameter; its destination is ``param.name``."""
    required = param.required and enforce_required
    if param.argument:
        return click.Argument([param.name], type=click_type(param), required=required,
                              nargs=-1 if param.multiple else param.nargs)
    decls = [*param.aliases, param.flag, param.name]
    show = param.default not in (None, False, "", ())
    if param.type == "bool":
        return click.Option(decls, is_flag=True, default=bool(param.default), help=param.help_en)
    # No default at all rather than default=None: click >= 8.3 takes an explicit None as a value given,
    # and would then let a required option be left out.
    default = {} if param.default is None else {"default": param.default}
    return click.Option(decls, type=click_type(param), required=required, multiple=param.multiple,
                        nargs=param.nargs, show_default=show, metavar=param.metavar or None, help=param.help_en,
                        **default)


def _toml_value(value: Any) -> Any:
    """TOML dates and datetimes as the YYYY-MM-DD strings click parses."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, list):
        return [_toml_value(v) for v in value]
    return value


def config_values(spec: JobSpec, path: Path) -> dict[str, Any]:
    """Option values of ``spec`` from a TOML file, checked against the declaration.

    Top-level keys and the table named after the command (which wins) apply; tables named after
    other jobs are ignored. Raises :class:`JobValueError` naming an unknown or ill-typed key.
    """
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    known = set(jobs())
    values = {}
    for key, value in data.items():
        if isinstance(value, dict):
            if key not in known:
                raise JobValueError(key, f"unknown table (tables are job names: {', '.join(sorted(known))})")
            continue
        values.update(spec.check({key: _toml_value(value)}))
    section = data.get(spec.name, {})
    for key, value in section.items():
        values.update(spec.check({key: _toml_value(value)}, where=f"[{spec.name}] "))
    return values


def _config_option(spec: JobSpec) -> click.Option:
    def load(ctx, _param, path):
        if path is None:
            return None
        try:
            values = config_values(spec, Path(path))
        except OSError as exc:
            raise click.BadParameter(f"cannot read {path}: {exc}") from None
        except UnicodeDecodeError:
            raise click.BadParameter(f"cannot read {path}: not a UTF-8 text file (a TOML file is plain text)") from None
        except tomllib.TOMLDecodeError as exc:
            raise click.BadParameter(f"cannot read {path}: not valid TOML ({exc})") from None
        except JobValueError as exc:
            raise click.BadParameter(f"{path}: {exc}") from None
        ctx.default_map = {**(ctx.default_map or {}), **values}
        return path

    return click.Option(["--config"], type=click.Path(exists=True, dir_okay=False), is_eager=True,
                        expose_value=False, callback=load,
                        help="TOML file with option values (command-line options override it); keys are the "
                             "option names, unknown keys and wrong types are refused.")


MANIFEST_HELP = "Also write the manifest of what was written (JSON; '-' prints it) to this file."


def write_manifest(manifest: dict[str, Any], target: str | Path) -> None:
    """Write ``manifest`` as JSON to ``target`` (atomically), or print it when ``target`` is ``-``."""
    text = json.dumps(manifest, indent=1, ensure_ascii=False)
    if str(target) == "-":
        click.echo(text)
        return
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(target)


class LazyGroup(click.Group):
    """A group whose subcommands (name -> ``"module:attribute"``, module relative to this package)
    are imported only when used, so that ``rdh --help`` stays light."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module, __package__), attribute), name)
        return super().get_command(ctx, name)


def job_command(spec: JobSpec, *, group: bool = False, subcommands: dict[str, str] | None = None) -> click.Command:
    """The click command of ``spec``: its options, ``--config`` and ``--manifest``.

    The command calls the job's run function with the values keyed by parameter name and
    ``progress`` (progress bars, or JSON lines with ``rdh --progress-json``). A returned
    :class:`~rdh_engine.io.result.Result` is written by the one writer next to ``output``; a job that
    writes its own files returns their paths. Either way the command prints what it wrote and
    returns the manifest (also written with ``--manifest``). With ``group``, the command is a group
    (``invoke_without_command``) other modules can add subcommands to; its required options are then
    checked only when no subcommand runs; ``subcommands`` (name -> ``"module:attribute"``) are
    imported when used.
    """
    def callback(manifest=None, **values):
        ctx = click.get_current_context()
        if group and ctx.invoked_subcommand is not None:
            return None
        if group:
            for param in spec.params:
                if param.required and values.get(param.name) in (None, ()):
                    raise click.MissingParameter(ctx=ctx, param=_find(ctx.command, param))
        result = run_job(spec, values)
        if manifest is not None:
            write_manifest(result, manifest)
        return result

    params = [click_parameter(p, enforce_required=not group) for p in spec.params]
    params.append(_config_option(spec))
    params.append(click.Option(["--manifest"], type=click.Path(dir_okay=False), help=MANIFEST_HELP))
    help_text = spec.help_en + (f"\n\n{spec.epilog}" if spec.epilog else "")
    if group:
        return LazyGroup(spec.name, params=params, callback=callback, help=help_text,
                         invoke_without_command=True, lazy=subcommands)
    return click.Command(spec.name, params=params, callback=callback, help=help_text)


def run_job(spec: JobSpec, values: dict[str, Any]) -> dict[str, Any]:
    """Run ``spec`` with ``values`` (parameter name -> converted value), write its Result, print its
    summary and what was written; returns the manifest."""
    import inspect

    from ..io.result import Result, manifest_of, result_paths, write_result
    from .outputs import claim
    from .progress import bar

    run = runner(spec)
    overwrite = bool(values.get("overwrite"))
    if "overwrite" in values and "overwrite" not in inspect.signature(run).parameters:
        values = {name: value for name, value in values.items() if name != "overwrite"}
    # Before any work: every declared output file can be written (an existing one only if ours).
    claim(*(values.get(p.name) for p in spec.params if p.type == "output_file"), overwrite=overwrite)
    try:
        outcome = run(**values, progress=bar)
    except JobUsageError as exc:
        raise click.UsageError(str(exc)) from None
    if isinstance(outcome, Result):
        claim(*result_paths(outcome, values["output"]), overwrite=overwrite)
        manifest = write_result(outcome, values["output"])
        for line in outcome.summary:
            click.echo(line)
        for path in dict.fromkeys(entry["path"] for entry in manifest["outputs"]):
            click.echo(f"Wrote {path}")
        return manifest
    return manifest_of(spec.name, outcome or [])


def _find(command: click.Command, param: Param) -> click.Parameter:
    return next(p for p in command.params if p.name == param.name)


def click_names(command: click.Command, spec: JobSpec) -> dict[str, str]:
    """Spec parameter name -> click parameter name of ``command`` (they differ in plugin commands,
    e.g. ``project`` -> ``sources``): options are matched by their long flag, arguments in order."""
    names = {}
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    for param in spec.params:
        if param.argument:
            names[param.name] = arguments.pop(0).name
            continue
        match = [p for p in command.params if isinstance(p, click.Option) and param.flag in p.opts]
        if not match:
            raise JobValueError(param.name, f"`rdh {spec.name}` has no option {param.flag}")
        names[param.name] = match[0].name
    return names
