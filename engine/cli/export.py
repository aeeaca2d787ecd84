"""`rdh export`: a publication bundle for the geoportal (docs/publishing.md; declared in
engine/jobs/tools.py)."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import click

from ..errors import RdhError
from ..jobs.tools import EXPORT
from .generate import job_command

# The QGIS side of the bundle (project, thumbnail) lives in the plugin package, which registers it as
# an entry point (the engine never names the plugin: tests/test_engine_is_qgis_free.py, test_layers.py).
FINISHER_ENTRY_POINTS = "rdh.bundle_finishers"


def qgis_side():
    """The plugin's bundle finisher (``finish_bundle(bundle_dir) -> [paths]``), or None when QGIS (or
    the plugin) is not importable here."""
    from importlib.metadata import entry_points

    if importlib.util.find_spec("qgis") is None:
        return None
    for entry in entry_points(group=FINISHER_ENTRY_POINTS):
        try:
            return entry.load()
        except ImportError:
            return None
    return None


def finish_in_child(folder):
    """Add the .qgz and thumbnail to the bundle being built in ``folder``, in a child process: a crash
    of QGIS there (a layer it cannot style, a broken driver) becomes an error, not a dead `rdh`, and
    the previous bundle stays in place. Returns the names of the files added."""
    # os._exit: the work is done and flushed; QGIS's own teardown may crash on exit.
    code = ("import os, sys; from importlib.metadata import entry_points; "
            f"finish_bundle = next(iter(entry_points(group={FINISHER_ENTRY_POINTS!r}))).load(); "
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
    from ..io.bundle import export_bundle

    added = []

    def finish(folder):
        added.extend(finish_in_child(folder))

    with_qgis = with_qgis and qgis_side() is not None
    bundle = export_bundle(list(inputs), out_dir, theme=theme, finish=finish if with_qgis else None, **options)
    return bundle, [bundle.path / name for name in added]


def run_export(*, inputs: list[str | Path], output: str | Path = "out/publish", theme: str | None = None,
               layer: tuple[str, ...] = (), raster: tuple[str | Path, ...] = (), policy: str | Path | None = None,
               key_file: str | Path | None = None, reports: str | Path | None = None,
               threshold: int | None = None, round: bool = False, grid_deg: float | None = None,
               informants_to_admin: bool = False, internal: bool = False, contact_email: str = "",
               no_qgis: bool = False, overwrite: bool = False, progress=None) -> list[Path]:
    """Run the export job (engine/jobs/tools.py): protect by declared role, style, document and audit
    ``inputs`` as one bundle in ``output``/``theme``; returns the bundle's files. ``output``/``theme``
    is replaced only if it is a bundle the toolkit wrote (else ``overwrite``), and only once the new
    bundle is complete."""
    from ..errors import ParameterError
    from ..io.atomic import allow_overwrite, check_name, check_output
    from ..io.tables import points_from_lonlat, read_table
    from ..publish.policy import load_key, load_policy

    inputs, out_dir, layers, rasters = [Path(p) for p in inputs], Path(output), list(layer), [Path(p) for p in raster]
    try:
        theme = check_name(theme if theme is not None else inputs[0].stem, option="--theme")
    except ParameterError as exc:
        raise click.BadParameter(str(exc).removeprefix("--theme "), param_hint="--theme") from None
    target = check_output(out_dir / theme, overwrite=overwrite, folder=True)  # before the work
    overrides = {k: v for k, v in (("threshold", threshold), ("grid_deg", grid_deg)) if v is not None}
    if round:
        overrides["method"] = "round"
    if informants_to_admin:
        overrides["location_level"] = "admin"
    rules = load_policy(policy, internal=internal, **overrides)
    report_points = points_from_lonlat(read_table(reports)) if reports else None
    with allow_overwrite([target] if overwrite else []):
        bundle, added = write_bundle(inputs, out_dir, theme=theme, with_qgis=not no_qgis, layers=layers or None,
                                     rasters=rasters, rules=rules, contact={"email": contact_email},
                                     progress=progress("Exporting") if progress else None,
                                     key=None if internal else load_key(key_file), reports=report_points)
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
    return sorted(p for p in Path(bundle.path).rglob("*") if p.is_file())


command = job_command(EXPORT)
