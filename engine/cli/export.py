"""`rdh export`: a publication bundle for the geoportal (docs/publishing.md)."""
import importlib
import importlib.util
from pathlib import Path

import click
import pandas as pd

from ..io.bundle import export_bundle
from ..io.tables import points_from_lonlat
from ..publish.policy import DEFAULT_GRID_DEG, DEFAULT_THRESHOLD, load_key, load_policy
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
              help="GeoTIFF to publish beside the layers (repeatable), named as the catalogue declares it "
                   "(route_density, corridor_band, current_density of rdh transhumance); protected by its bands' "
                   "roles.")
@click.option("--policy", "policy_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Disclosure policy (TOML, docs/publishing.md); the options below override it.")
@click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Secret perturbation key (created on first use; default: $RDH_DISCLOSURE_KEY_FILE or "
                   "~/.config/rdh/disclosure.key). Never publish it.")
@click.option("--reports", "reports_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Key-informant reports (CSV with informant_id, lon, lat) behind transhumance layers: lines need "
                   "reports of 3 informants along them and keep away from every report (default: found through the "
                   "inputs' provenance).")
@click.option("--threshold", type=click.IntRange(min=1), default=None,
              help="No published count below this; counts are rounded to multiples of it "
                   f"[default: {DEFAULT_THRESHOLD}].")
@click.option("--round", "round_counts", is_flag=True, help="Only round counts (with the key) to multiples of the "
              "threshold, withholding none.")
@click.option("--grid-deg", type=click.FloatRange(min=0, min_open=True), default=None,
              help=f"Coarse grid (degrees) for the current map [default: {DEFAULT_GRID_DEG}].")
@click.option("--informants-to-admin", is_flag=True,
              help="Require the transhumance alerts to be published as herds counted per admin-1 unit (layer admin1 "
                   "of the inputs): exit 1 when there is none. Informant positions themselves are never published.")
@click.option("--internal", is_flag=True, help="Skip data protection: for internal use only, never for the "
              "geoportal. The bundle is marked internal.")
@click.option("--contact-email", default="", help="Contact e-mail written into the metadata.")
@click.option("--no-qgis", is_flag=True, help="Skip the QGIS project and thumbnail even if QGIS is available.")
def export_cmd(inputs, out_dir, theme, layers, rasters, policy_file, key_file, reports_file, threshold, round_counts,
               grid_deg, informants_to_admin, internal, contact_email, no_qgis):
    """Protect, style and document RDH GeoPackages as one publication bundle in OUTPUT/THEME.

    Every layer, column and raster band must be declared in the output catalogue (exit 1
    otherwise). Counts are protected by their declared role (small counts withheld, the rest
    randomly rounded with the secret key), record-level layers withheld; the bundle is audited as
    written (disclosure_report.json) and refused if it breaks the policy. With QGIS available the
    bundle also gets a styled QGIS project (.qgz) and a thumbnail.
    """
    overrides = {k: v for k, v in (("threshold", threshold), ("grid_deg", grid_deg)) if v is not None}
    if round_counts:
        overrides["method"] = "round"
    if informants_to_admin:
        overrides["location_level"] = "admin"
    rules = load_policy(policy_file, internal=internal, **overrides)
    reports = None
    if reports_file is not None:
        table = pd.read_csv(reports_file)
        reports = points_from_lonlat(table)
    theme = theme or inputs[0].stem
    bundle, added = write_bundle(inputs, out_dir, theme=theme, with_qgis=not no_qgis, layers=list(layers) or None,
                                 rasters=list(rasters), rules=rules, contact={"email": contact_email},
                                 progress=bar("Exporting"), key=None if internal else load_key(key_file),
                                 reports=reports)
    for path in added:
        click.echo(f"  + {path.name}")
    if not added and not no_qgis:
        click.echo("QGIS is not importable here: bundle written without the .qgz project and thumbnail.", err=True)
    report = bundle.report
    withheld = int(report.loc[report["rule"].isin(["small_count_withheld", "fewer_than_k_herds", "withheld_layer"]),
                              "rows"].sum()) if len(report) else 0
    protection = ("SKIPPED (internal)" if internal
                  else f"{withheld} values/features withheld, counts key-rounded; audit passed")
    click.echo(f"Wrote {bundle.path} ({len(bundle.layers)} layers, {len(rasters)} rasters; protection: {protection})")
