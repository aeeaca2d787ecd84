"""`rdh demo`: the main job on the shipped sample data, everything written to one folder.

Each step after the first is an ordinary `rdh` command run with the sample files, printed before it
runs, so a GIS officer can copy any line and run it alone on their own data.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import click

from ..errors import RdhError
from ..jobs.tools import DEMO, DEMO_STEPS
from .generate import job_command

SOURCE_STYLES = {
    "roads": "roads",
    "admin0": "admin0",
    "admin1": "admin1",
    "places": "places",
    "mmp_incidents": "mmp_incidents",
}
STEPS = DEMO_STEPS
SCENARIO_DATE = "2020-04-15"  # mid-April 2020: most WCA borders closed (DTM)
WCA = "region_group = 'WCA'"


def run_demo(*, data: str | Path = "sample_data", output: str | Path = "out", steps: str = ",".join(DEMO_STEPS),
             progress=None) -> list[Path]:
    """Run the demo job (engine/jobs/tools.py): each step as its own `rdh` command; returns the output folder."""
    ctx = click.get_current_context()
    data_dir, out_dir = Path(data), Path(output)
    chosen = [s.strip() for s in steps.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(STEPS))
    if unknown:
        raise click.BadParameter(f"unknown step(s) {', '.join(unknown)}; choose from {', '.join(STEPS)}",
                                 param_hint="--steps")
    if not (data_dir / "real").is_dir():
        raise click.UsageError(f"{data_dir} is not the RDH sample data folder (no {data_dir / 'real'})")
    real, gen = data_dir / "real", data_dir / "generated"
    out_dir.mkdir(parents=True, exist_ok=True)
    runners = {
        "sources": lambda: _sources(data_dir, out_dir),
        "corridors": lambda: _run(ctx, "corridors", _corridor_args(real, gen, out_dir)),
        "transhumance": lambda: [_run(ctx, "transhumance", _transhumance_args(real, gen, out_dir, season))
                                 for season in ("dry", "wet")],
        "poe-impact": lambda: _run(ctx, "poe-impact", _poe_args(real, gen, out_dir)),
        "publish": lambda: _publish(ctx, out_dir),
        "maps": lambda: _maps(ctx, out_dir),
    }
    for step in (s for s in STEPS if s in chosen):
        click.echo(f"== {step}")
        runners[step]()
    click.echo(f"Demo outputs are in {out_dir}")
    return [out_dir]


def _sources(data_dir, out_dir):
    from .. import provenance
    from ..io.gpkg import write_layers
    from ..io.sources import load_sample_sources, sample_paths
    from .progress import bar

    layers = load_sample_sources(data_dir, progress=bar("Loading sources"))
    record = provenance.run_provenance(
        tool="rdh demo", inputs=sample_paths(data_dir).values(), parameters={"data": str(data_dir)})
    target = write_layers(out_dir / "rdh_sources.gpkg", layers, provenance=record, styles=SOURCE_STYLES)
    for name, gdf in layers.items():
        click.echo(f"  {name:<14} {len(gdf):>6} features")
    click.echo(f"Wrote {target}")


def _run(ctx, name, args):
    """Run one `rdh` command as typed, after printing it, in a process of its own: each QGIS-side
    command starts and stops its own QgsApplication, which can happen only once per process."""
    args = [str(a) for a in args]
    click.echo(f"$ rdh {name} " + " ".join(map(_quote, args)).replace(" --", " \\\n    --"))
    state = ctx.find_object(dict) or {}
    flags = [flag for flag, on in (("--quiet", state.get("quiet")), ("--progress-json", state.get("progress_json")))
             if on]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-m", "rdh_engine.cli", *flags, name, *args], env=env, check=False)
    if done.returncode != 0:
        raise RdhError(f"the demo stopped: `rdh {name}` failed (exit code {done.returncode}); see above")


def _quote(value):
    text = str(value)
    return f"'{text}'" if any(c in text for c in " '=;") else text


def _corridor_args(real, gen, out):
    return ["--roads", real / "roads.gpkg", "--places", real / "places_geonames.csv", "--fmp", gen / "fmp.csv",
            "--counts", gen / "fmp_counts.csv", "--poe", gen / "poe.csv", "--status", gen / "poe_status.csv",
            "--stock", real / "undesa_migrant_stock.csv", "--period", "quarter",
            "-o", out / "corridors" / "corridors.gpkg"]


def _transhumance_args(real, gen, out, season):
    return ["--reports", gen / "ki_reports.csv", "--landcover", real / "landcover_igbp_0p05deg.tif",
            "--season", season, "--roads", real / "roads.gpkg", "--water", real / "water.gpkg",
            "--admin", real / "admin.gpkg", "--poe", gen / "poe.csv", "--status", gen / "poe_status.csv",
            "--infrastructure", real / "senegal_pastoral_infrastructure.gpkg", "--current",
            "-o", out / f"transhumance_{season}" / "transhumance.gpkg"]


def _poe_args(real, gen, out):
    return ["--roads", real / "roads.gpkg", "--places", real / "places_geonames.csv", "--poe", gen / "poe.csv",
            "--status", gen / "poe_status.csv", "--flows", out / "corridors" / "corridors.gpkg",
            "--date", SCENARIO_DATE, "--criticality", "--timeline", "--scheduler", "serial",
            "-o", out / "poe_impact" / "poe_impact.gpkg"]


def _themes(out_dir):
    """Publication themes: the GeoPackages the analysis steps wrote."""
    candidates = {
        "sources": [out_dir / "rdh_sources.gpkg"],
        "corridors": [out_dir / "corridors" / "corridors.gpkg"],
        "transhumance_dry": [out_dir / "transhumance_dry" / "transhumance.gpkg"],
        "transhumance_wet": [out_dir / "transhumance_wet" / "transhumance.gpkg"],
        "poe_impact": [out_dir / "poe_impact" / "poe_impact.gpkg"],
    }
    return {theme: [p for p in paths if p.exists()] for theme, paths in candidates.items()
            if any(p.exists() for p in paths)}


# Bundles hold map layers; attribute-only tables (the impact timeline) stay with the analysis output.
PUBLISHED_LAYERS = {"poe_impact": ["poe_status", "poe_impact", "od_impact", "edge_change", "criticality"]}


# Rasters published beside a theme's layers (rdh transhumance writes them beside its GeoPackage).
PUBLISHED_RASTERS = ("route_density", "corridor_band", "current_density")


def _publish(ctx, out_dir):
    for theme, inputs in _themes(out_dir).items():
        only = sum((["--layer", name] for name in PUBLISHED_LAYERS.get(theme, [])), [])
        rasters = [inputs[0].with_name(f"{name}.tif") for name in PUBLISHED_RASTERS] if theme.startswith(
            "transhumance") else []
        only += sum((["--raster", path] for path in rasters if path.exists()), [])
        _run(ctx, "export", [*inputs, "-o", out_dir / "publish", "--theme", theme, *only])
    if _has_qgis() and (out_dir / "publish" / "sources").is_dir():
        _run(ctx, "publish", [out_dir / "publish" / "sources"])


def _maps(ctx, out_dir):
    if not _has_qgis():
        click.echo("  skipped: maps render with QGIS, which this Python cannot import")
        return
    sources = out_dir / "rdh_sources.gpkg"
    maps = out_dir / "maps"
    for lang in ("en", "fr"):
        _run(ctx, "map", ["-p", sources, "--layers", "mmp_incidents,roads,admin0", "--lang", lang,
                          "--extent-of", "admin0", "--filter", WCA,
                          "-o", maps / f"overview_{lang}.pdf", "-o", maps / f"overview_{lang}.png"])
        analyses = [("corridors", out_dir / "corridors" / "corridors.gpkg", "corridors,edge_flows,fmp_points"),
                    ("poe_impact", out_dir / "poe_impact" / "poe_impact.gpkg", "poe_impact,od_impact"),
                    ("transhumance", out_dir / "transhumance_dry" / "transhumance.gpkg", "herd_routes,corridor_lines")]
        for name, gpkg, layers in analyses:
            if gpkg.exists():
                # framed on the analysis' own features (the Sahel band for transhumance), titled after it
                _run(ctx, "map", ["-p", gpkg, "-p", sources, "--layers", f"{layers},roads,admin0", "--lang", lang,
                                  "-o", maps / f"{name}_{lang}.pdf", "-o", maps / f"{name}_{lang}.png"])
        atlas_sources = ["-p", sources] + sum((["-p", g] for _, g, _ in analyses if g.exists()), [])
        atlas_layers = ",".join([*(l.split(",")[0] for _, g, l in analyses if g.exists()), "roads", "admin0"])
        _run(ctx, "atlas", [*atlas_sources, "--layers", atlas_layers, "--lang", lang, "--coverage", "admin0",
                            "--filter", WCA, "-o", maps / f"atlas_countries_{lang}.pdf"])


def _has_qgis():
    return importlib.util.find_spec("qgis") is not None


command = job_command(DEMO)
