"""`rdh validate`: check a source file against its kind's schema and print the report."""
from pathlib import Path

import click

from .. import provenance
from ..errors import InputNotFoundError, ParameterError, SchemaError
from ..io.gpkg import style_path, write_layers
from ..io.schemas import KINDS
from ..io.validation import DEFAULT_ADMIN, DEFAULT_PLACES, validate_file
from . import cli
from .options import claim, overwrite_option

# House style per kind (styles/<name>.qml); plain tables (counts, status, od) get none.
KIND_STYLES = {"fmp": "fmp", "poe": "poe", "ki_reports": "ki_reports", "mmp": "mmp", "places": "places",
               "roads": "roads", "admin": "admin", "idp": "idp", "movements": "movements"}


@cli.command("validate")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(sorted(KINDS)), default=None,
              help="Kind of source (see docs/sources.md). Guessed from the columns when omitted.")
@click.option("--layer", default=None, help="GeoPackage layer or XLSX sheet (default: the first).")
@click.option("--admin", "admin", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_ADMIN,
              show_default=True, help="GeoPackage with an adm0 layer, for the point-in-country check "
                                      "(skipped when the file does not exist).")
@click.option("--places", "places", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_PLACES,
              show_default=True, help="GeoNames places file: origin/destination/next-stop names are looked up in "
                                      "it (skipped when the file does not exist).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the report as FILE.csv (one line per issue) or FILE.json.")
@click.option("--to-gpkg", "to_gpkg", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="When the file is valid, write it as a styled GeoPackage layer named after the kind.")
@click.option("--max-rows", default=20, show_default=True, help="Rows listed per rule in the printed report.")
@overwrite_option
def validate_cmd(path, kind, layer, admin, places, report_path, to_gpkg, max_rows, overwrite):
    """Validate the source file PATH (CSV, XLSX, GeoPackage, Shapefile, GeoJSON).

    Prints, per rule, the rows that break it (row 1 is the header). Exit code 0 when the file is
    valid (warnings allowed), 1 when it is not, 2 on a usage error (e.g. the kind cannot be guessed).
    """
    if report_path is not None and report_path.suffix.lower() not in (".csv", ".json"):
        raise click.BadParameter("the report must end in .csv or .json", param_hint="--report")
    if not path.exists():
        raise click.BadParameter(f"{path}: no such file", param_hint="PATH")
    claim(report_path, to_gpkg, overwrite=overwrite)
    try:
        report, layer_data = validate_file(path, kind=kind, layer=layer, admin=admin, places=places, keep=to_gpkg is not None)
    except ParameterError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(report.text(limit=max_rows))
    if report_path is not None:
        click.echo(f"Wrote {report.write(report_path)}")
    if not report.ok:
        raise SchemaError(f"{path} is not a valid {report.kind} source ({report.errors} error(s))", path=path)
    if to_gpkg is not None:
        style = KIND_STYLES.get(report.kind)
        record = provenance.run_provenance(tool="rdh validate", inputs=[path],
                                           parameters={"kind": report.kind, "layer": layer})
        styles = {report.kind: style} if style and _has_style(style) else None
        click.echo(f"Wrote {write_layers(to_gpkg, {report.kind: layer_data}, provenance=record, styles=styles)}")


def _has_style(name):
    try:
        return style_path(name).is_file()
    except InputNotFoundError:  # a kind without a house style is written unstyled
        return False
