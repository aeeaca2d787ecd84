"""`rdh spec` and `rdh run`: the job declarations as JSON, and a job run from a JSON file."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..jobs import job, spec
from ..jobs.model import JobValueError
from .generate import click_names, write_manifest


@click.command("spec")
@click.option("--json", "as_json", is_flag=True, help="Print the declarations as JSON (the only format so far).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the JSON to this file instead of printing it (e.g. rdh_qgis_plugin/spec.json).")
def spec_cmd(as_json: bool, output: Path | None) -> None:
    """Print every job's declared parameters and outputs (see docs/jobs.md).

    The QGIS plugin ships a frozen copy (rdh_qgis_plugin/spec.json, `make spec`).
    """
    text = spec_json()
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    click.echo(f"Wrote {output}", err=True)


def spec_json() -> str:
    """The spec as the stable JSON text `rdh spec --json` prints (sorted keys within each item)."""
    return json.dumps(spec(), indent=1, ensure_ascii=False) + "\n"


@click.command("run")
@click.argument("name")
@click.option("--job", "job_file", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON object of parameter values, keyed by the spec's parameter names (e.g. n_boot, output).")
@click.option("--manifest", type=click.Path(dir_okay=False),
              help="Write the manifest of what was written (JSON; '-' prints it) to this file.")
@click.pass_context
def run_cmd(ctx: click.Context, name: str, job_file: Path, manifest: str | None) -> None:
    """Run the job NAME with the parameter values of a JSON file, without building a command line.

    Unknown keys and wrong types are refused (exit 2) before anything runs; missing required values
    and bounds are checked as on the command line. Same outputs as the equivalent `rdh NAME` call.

    \b
    rdh run corridors --job job.json --manifest out/manifest.json
    """
    try:
        declared = job(name)
    except JobValueError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        data = json.loads(job_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.BadParameter(f"cannot read {job_file}: {exc}", param_hint="--job") from None
    if not isinstance(data, dict):
        raise click.BadParameter(f"{job_file}: expected a JSON object of parameter values", param_hint="--job")
    try:
        values = declared.check(data)
    except JobValueError as exc:
        raise click.BadParameter(f"{job_file}: {exc}", param_hint="--job") from None
    command = ctx.parent.command.get_command(ctx.parent, name)
    if command is None:
        raise click.UsageError(f"`rdh {name}` is not available here (it runs in QGIS: is the plugin installed?)")
    names = click_names(command, declared)
    defaults = {names[key]: value for key, value in values.items()}
    with command.make_context(name, [], parent=ctx.parent, default_map=defaults) as sub:
        result = command.invoke(sub)
    if manifest is not None:
        from ..io.result import manifest_of

        if not isinstance(result, dict):  # plugin commands return nothing: list their declared outputs
            outputs = [values[p.name] for p in declared.params if p.is_output and values.get(p.name)]
            flat = [item for value in outputs for item in (value if isinstance(value, list) else [value])]
            result = manifest_of(name, flat)
        write_manifest(result, manifest)
