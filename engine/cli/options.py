"""Options shared by the analysis commands (names follow ../docs/contract.md)."""
import tomllib
from pathlib import Path

import click

from ..errors import ParameterError
from ..io.atomic import claim_outputs


def _load_config(ctx, _param, path):
    """--config FILE.toml: option defaults for this command (keys are option names, e.g. `period = "week"`;
    a table named after the command takes precedence over top-level keys)."""
    if path is None:
        return None
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise click.BadParameter(f"cannot read {path}: {exc}") from None
    section = data.get(ctx.info_name, {})
    flat = {k.replace("-", "_"): v for k, v in data.items() if not isinstance(v, dict)}
    flat.update({k.replace("-", "_"): v for k, v in section.items()})
    ctx.default_map = {**(ctx.default_map or {}), **flat}
    return path


config_option = click.option(
    "--config", type=click.Path(exists=True, dir_okay=False), is_eager=True, expose_value=False,
    callback=_load_config, help="TOML file with option values (command-line options override it).")


def input_option(name, help_text, *, required=True):
    return click.option(f"--{name}", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        required=required, help=help_text)


output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
                             help="Output GeoPackage (written atomically).")


overwrite_option = click.option(
    "--overwrite", is_flag=True,
    help="Replace existing outputs even if the toolkit did not write them (otherwise refused).")


def claim(*paths, overwrite=False):
    """Before any work: every output ``paths`` can be written, and an existing one is replaced only
    if the toolkit wrote it or ``overwrite`` (engine/io/atomic.py). Errors exit 1 naming the file."""
    ctx = click.get_current_context(silent=True)
    return claim_outputs(paths, overwrite=overwrite, on_close=ctx.call_on_close if ctx else None)


def parse_filters(values):
    """`--filter column=value[,value...]` (repeatable) -> {column: [values]}."""
    filters = {}
    for item in values:
        column, sep, accepted = item.partition("=")
        if not sep or not accepted:
            raise ParameterError(f"--filter expects COLUMN=VALUE[,VALUE...], got {item!r}")
        filters.setdefault(column.strip(), []).extend(v.strip() for v in accepted.split(","))
    return filters
