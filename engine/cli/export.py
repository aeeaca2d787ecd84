"""`rdh export`: a publication bundle for the geoportal (docs/publishing.md)."""
import importlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import click

from ..errors import ParameterError, RdhError
from ..io.atomic import allow_overwrite, check_name, check_output
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


def finish_in_child(folder):
    """Add the .qgz and thumbnail to the bundle being built in ``folder``, in a child process: a crash
    of QGIS there (a layer it cannot style, a broken driver) becomes an error, not a dead `rdh`, and
    the previous bundle stays in place. Returns the names of the files added."""
    # os._exit: the work is done and flushed; QGIS's own teardown may crash on exit.
    code = (f"import os, sys; from {QGIS_BUNDLE_MODULE} import finish_bundle; "
            "print('\\n'.join(p.name for p in finish_bundle(sys.argv[1])), flush=True); os._exit(0)")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    result = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        why = (f"it crashed (signal {-result.returncode})" if result.returncode < 0
               else lines[-1] if lines else f"exit code {result.returncode}")
        raise RdhError(f"QGIS could not make the bundle's project and thumbnail: {why}. The previous bundle, if "
                       f"any, is intact; rerun with --no-qgis to write the bundle without them")
    added = [line for line in result.stdout.splitlines() if line.strip()]
    missing = [name for name in added if not (Path(folder) / name).is_file()]
    if missing:
        raise RdhError(f"QGIS did not write {', '.join(missing)} into the bundle; the previous bundle, if any, "
                       f"is intact")
    return added


def write_bundle(inputs, out_dir, *, theme, with_qgis=True, **options):
    """`rdh export` as a function (what `rdh demo` calls): the engine bundle, completed by the QGIS
    side (.qgz + thumbnail, in a child process) when QGIS imports here, then swapped into place.
    ``options`` go to ``export_bundle`` (rules, layers, contact, progress). Returns
    ``(bundle, files_added_by_qgis)``."""
    added = []

    def finish(folder):
        added.extend(finish_in_child(folder))

    with_qgis = with_qgis and qgis_side() is not None
    bundle = export_bundle(list(inputs), out_dir, theme=theme, finish=finish if with_qgis else None, **options)
    return bundle, [bundle.path / name for name in added]


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
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT/THEME even if it is not a bundle the toolkit wrote.")
def export_cmd(inputs, out_dir, theme, layers, rasters, threshold, round_counts, grid_deg, informants_to_admin,
               internal, contact_email, no_qgis, overwrite):
    """Protect, style and document RDH GeoPackages as one publication bundle in OUTPUT/THEME.

    OUTPUT/THEME is replaced only if it is a bundle the toolkit wrote (else --overwrite), and only
    once the new bundle is complete. THEME is a plain name (no slashes, at most 64 characters).

    Small counts are withheld (or rounded) and key-informant positions coarsened before anything
    is written; the bundle is audited and refused if anything slips through. With QGIS available
    the bundle also gets a styled QGIS project (.qgz) and a thumbnail.
    """
    rules = ProtectionRules(threshold=threshold, method="round" if round_counts else "suppress",
                            grid_deg=grid_deg, location_level="admin" if informants_to_admin else "grid",
                            internal=internal)
    try:
        theme = check_name(theme if theme is not None else inputs[0].stem, option="--theme")
    except ParameterError as exc:
        raise click.BadParameter(str(exc).removeprefix("--theme "), param_hint="--theme") from None
    target = check_output(out_dir / theme, overwrite=overwrite, folder=True)  # before the work
    with allow_overwrite([target] if overwrite else []):
        bundle, added = write_bundle(inputs, out_dir, theme=theme, with_qgis=not no_qgis,
                                     layers=list(layers) or None, rasters=list(rasters), rules=rules,
                                     contact={"email": contact_email}, progress=bar("Exporting"))
    for path in added:
        click.echo(f"  + {path.name}")
    if not added and not no_qgis:
        click.echo("QGIS is not importable here: bundle written without the .qgz project and thumbnail.", err=True)
    withheld = bundle.report["rows"].sum() if len(bundle.report) else 0
    click.echo(f"Wrote {bundle.path} ({len(bundle.layers)} layers, {len(rasters)} rasters; protection: "
               f"{'SKIPPED (internal)' if internal else f'{withheld} values/positions changed'})")
