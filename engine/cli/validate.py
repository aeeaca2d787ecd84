"""`rdh validate`: check a source file against its kind's schema and print the report
(declared in engine/jobs/tools.py)."""
from __future__ import annotations

from pathlib import Path

import click

from ..jobs.tools import VALIDATE
from .generate import job_command

# House style per kind (styles/<name>.qml); plain tables (counts, status, od) get none.
KIND_STYLES = {"fmp": "fmp", "poe": "poe", "ki_reports": "ki_reports", "mmp": "mmp", "places": "places",
               "roads": "roads", "admin": "admin", "idp": "idp", "movements": "movements"}


def run_validate(*, path: str | Path, kind: str | None = None, layer: str | None = None,
                 admin: str | Path = "sample_data/real/admin.gpkg",
                 places: str | Path = "sample_data/real/places_geonames.csv", report: str | Path | None = None,
                 to_gpkg: str | Path | None = None, max_rows: int = 20, progress=None) -> list[Path]:
    """Run the validate job (engine/jobs/tools.py); prints the report, returns the written files.

    Raises :class:`~rdh_engine.errors.SchemaError` when the file is not valid (exit code 1).
    """
    from .. import provenance
    from ..errors import ParameterError, SchemaError
    from ..io.gpkg import write_layers
    from ..io.validation import validate_file

    path, admin, places = Path(path), Path(admin), Path(places)
    report_path = Path(report) if report else None
    written = []
    if report_path is not None and report_path.suffix.lower() not in (".csv", ".json"):
        raise click.BadParameter("the report must end in .csv or .json", param_hint="--report")
    if not path.exists():
        raise click.BadParameter(f"{path}: no such file", param_hint="PATH")
    try:
        checked, layer_data = validate_file(path, kind=kind, layer=layer, admin=admin, places=places,
                                            keep=to_gpkg is not None)
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(checked.text(limit=max_rows))
    if report_path is not None:
        written.append(checked.write(report_path))
        click.echo(f"Wrote {written[-1]}")
    if not checked.ok:
        raise SchemaError(f"{path} is not a valid {checked.kind} source ({checked.errors} error(s))", path=path)
    if to_gpkg is not None:
        style = KIND_STYLES.get(checked.kind)
        record = provenance.run_provenance(tool="rdh validate", inputs=[path],
                                           parameters={"kind": checked.kind, "layer": layer})
        styles = {checked.kind: style} if style and _has_style(style) else None
        written.append(write_layers(to_gpkg, {checked.kind: layer_data}, provenance=record, styles=styles))
        click.echo(f"Wrote {written[-1]}")
    return written


def _has_style(name):
    from ..errors import InputNotFoundError
    from ..io.gpkg import style_path

    try:
        return style_path(name).is_file()
    except InputNotFoundError:  # a kind without a house style is written unstyled
        return False


command = job_command(VALIDATE)
