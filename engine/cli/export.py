"""`rdh export`: a publication bundle for the geoportal (docs/publishing.md)."""
import importlib
import importlib.util
from pathlib import Path

import click

from ..io.bundle import export_bundle
from ..protect import DEFAULT_GRID_DEG, DEFAULT_THRESHOLD, ProtectionRules
from . import cli
from .progress import bar

# The QGIS side of the bundle (project, thumbnail) lives in the plugin package; named by string so
# the engine never imports QGIS (tests/test_engine_is_qgis_free.py).
QGIS_BUNDLE_MODULE = "rdh_qgis_plugin.publish.project"


def qgis_side():
    """The plugin's bundle finisher, or None when QGIS (or the plugin) is not importable here."""
    if importlib.util.find_spec("qgis") is None or importlib.util.find_spec("rdh_qgis_plugin") is None:
        return None
    return importlib.import_module(QGIS_BUNDLE_MODULE)


def write_bundle(inputs, out_dir, *, theme, with_qgis=True, **options):
    """`rdh export` as a function (what `rdh demo` calls): the engine bundle, then the QGIS side
    (.qgz + thumbnail) when QGIS imports here. ``options`` go to ``export_bundle`` (rules, layers,
    contact, progress). Returns ``(bundle, files_added_by_qgis)``."""
    bundle = export_bundle(list(inputs), out_dir, theme=theme, **options)
    finisher = qgis_side() if with_qgis else None
    added = finisher.finish_bundle(bundle.path) if finisher is not None else []
    return bundle, added


@cli.command("export")
@click.argument("inputs", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default="out/publish", show_default=True, help="Folder that receives the bundle folder.")
@click.option("--theme", help="Bundle (map theme) name; default: the first input's file name.")
@click.option("--layer", "layers", multiple=True, help="Layer to publish (repeatable; default: all).")
@click.option("--raster", "rasters", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoTIFF to publish beside the layers (repeatable), e.g. route_density.tif of rdh transhumance; "
                   "count rasters lose their small counts too.")
@click.option("--threshold", type=click.IntRange(min=1), default=DEFAULT_THRESHOLD, show_default=True,
              help="Counts below this are withheld (or rounded).")
@click.option("--round", "round_counts", is_flag=True, help="Round counts to multiples of the threshold "
              "instead of withholding small ones.")
@click.option("--grid-deg", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_GRID_DEG,
              show_default=True, help="Grid cell (degrees) key-informant positions are coarsened to.")
@click.option("--informants-to-admin", is_flag=True,
              help="Coarsen key-informant positions to admin-1 units (layer admin1 of the inputs) instead.")
@click.option("--internal", is_flag=True, help="Skip data protection: for internal use only, never for the "
              "geoportal. The bundle is marked internal.")
@click.option("--contact-email", default="", help="Contact e-mail written into the metadata.")
@click.option("--no-qgis", is_flag=True, help="Skip the QGIS project and thumbnail even if QGIS is available.")
def export_cmd(inputs, out_dir, theme, layers, rasters, threshold, round_counts, grid_deg, informants_to_admin,
               internal, contact_email, no_qgis):
    """Protect, style and document RDH GeoPackages as one publication bundle in OUTPUT/THEME.

    Small counts are withheld (or rounded) and key-informant positions coarsened before anything
    is written; the bundle is audited and refused if anything slips through. With QGIS available
    the bundle also gets a styled QGIS project (.qgz) and a thumbnail.
    """
    rules = ProtectionRules(threshold=threshold, method="round" if round_counts else "suppress",
                            grid_deg=grid_deg, location_level="admin" if informants_to_admin else "grid",
                            internal=internal)
    theme = theme or inputs[0].stem
    bundle, added = write_bundle(inputs, out_dir, theme=theme, with_qgis=not no_qgis, layers=list(layers) or None,
                                 rasters=list(rasters), rules=rules, contact={"email": contact_email},
                                 progress=bar("Exporting"))
    for path in added:
        click.echo(f"  + {path.name}")
    if not added and not no_qgis:
        click.echo("QGIS is not importable here: bundle written without the .qgz project and thumbnail.", err=True)
    withheld = bundle.report["rows"].sum() if len(bundle.report) else 0
    click.echo(f"Wrote {bundle.path} ({len(bundle.layers)} layers, {len(rasters)} rasters; protection: "
               f"{'SKIPPED (internal)' if internal else f'{withheld} values/positions changed'})")
