"""`rdh transhumance evaluate` (score reconstruction methods against GPS tracks) and
`rdh transhumance calibrate` (fit cost weights from GPS tracks): subcommands of `rdh transhumance`."""
import logging
from pathlib import Path

import click
import numpy as np
import pyogrio

from ..errors import SchemaError
from ..io.charts import write_csv
from ..io.tables import read_vector
from ..transhumance_routes.tracks import read_tracks
from ..raster.cost_surface import DEFAULT_CRS, SEASONS, build_cost_surface, context_grids, load_weights, \
    read_cost_surface
from ..transhumance_routes.calibration import CONTROLS, fit_step_selection, landcover_layers, weights_toml
from ..transhumance_routes.evaluation import METHODS, MIN_ROUTED_LEG_M, evaluate, harness_summary
from ..transhumance_routes.prior import PRIOR_STRENGTHS
from .progress import bar

log = logging.getLogger(__name__)

MARGIN_M = 50_000.0


class PriorStrength(click.ParamType):
    """``auto`` or a number >= 0."""

    name = "auto|FLOAT"

    def convert(self, value, param, ctx):
        if isinstance(value, float) or str(value).lower() == "auto":
            return value if isinstance(value, float) else "auto"
        try:
            number = float(value)
        except ValueError:
            self.fail(f"{value!r} is neither 'auto' nor a number", param, ctx)
        if number < 0:
            self.fail(f"{value!r} is negative", param, ctx)
        return number


def _surface_options(func):
    for option in reversed([
        click.option("--cost", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="A ready cost GeoTIFF (projected CRS)."),
        click.option("--landcover", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="IGBP land-cover GeoTIFF to build the surface from (with --season)."),
        click.option("--season", type=click.Choice(SEASONS), help="Season of the weights."),
        click.option("--weights", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Cost-weights TOML (default: the shipped one for --season)."),
        click.option("--roads", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Road lines (layer 'edges' if present)."),
        click.option("--water", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="GeoPackage with 'rivers_lake_centerlines' (and 'lakes')."),
        click.option("--resolution-m", type=click.FloatRange(min=100), default=2500.0, show_default=True,
                     help="Cell size of the built surface."),
        click.option("--crs", default=DEFAULT_CRS, show_default=True, help="Projected CRS of the built surface."),
        click.option("--tracks", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
                     help="GPS tracks: lines with herd_id and phase (vertices in time order; M or Z = days, else "
                          "uniform time), or GPS fixes (points with herd_id, phase, --time-column). / Traces GPS."),
        click.option("--layer", help="Layer of --tracks (default: the first)."),
        click.option("--time-column", default="time", show_default=True, help="Timestamp column of GPS fixes."),
    ]):
        func = option(func)
    return func


def _layer(path, name):
    names = [n for n, _ in pyogrio.list_layers(path)]
    return read_vector(path, layer=name if name in names else None)


def _tracks_and_bounds(tracks, layer, time_column, crs):
    found = read_tracks(tracks, crs=crs, layer=layer, time_column=time_column)
    if not found:
        raise SchemaError(f"{tracks}: no track with two or more fixes")
    xy = np.vstack([t.xy for t in found])
    bounds = np.concatenate([xy.min(axis=0) - MARGIN_M, xy.max(axis=0) + MARGIN_M])
    return found, bounds


def _surface(cost, landcover, season, weights, roads, water, resolution_m, crs, bounds):
    if (cost is None) == (landcover is None):
        raise click.UsageError("give exactly one of --cost or --landcover")
    if cost is not None:
        return read_cost_surface(cost, season=season)
    if season is None:
        raise click.UsageError("--landcover needs --season dry|wet")
    rivers = lakes = None
    if water:
        rivers, lakes = _layer(water, "rivers_lake_centerlines"), _layer(water, "lakes")
    return build_cost_surface(landcover, season=season, bounds=bounds, resolution_m=resolution_m, crs=crs,
                              config=weights, roads=_layer(roads, "edges") if roads else None, water=rivers,
                              lakes=lakes)


@click.command("evaluate")
@_surface_options
@click.option("--reports-per-track", type=click.IntRange(min=2), default=16, show_default=True,
              help="Reports sampled at random times on each track.")
@click.option("--replicates", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--method", "methods", type=click.Choice(METHODS), multiple=True,
              help="Reconstruction methods (repeatable; default all). Straight lines are always scored.")
@click.option("--min-routed-leg-km", type=click.FloatRange(min=0), default=MIN_ROUTED_LEG_M / 1000, show_default=True,
              help="Least-cost legs only between reports at least this far apart.")
@click.option("--prior-strength", type=PriorStrength(), default="auto", show_default=True,
              help="Prior strength a; 'auto' = leave-one-herd-out cross-validation on the other herds, "
                   f"among {', '.join(f'{s:g}' for s in PRIOR_STRENGTHS)}.")
@click.option("--connectivity", type=click.Choice(["8", "16"]), default="16", show_default=True)
@click.option("--no-bands", is_flag=True, help="Skip the band comparison (faster).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Output CSV (one row per replicate, herd, phase and method); bands go to OUTPUT_bands.csv.")
def evaluate_cmd(cost, landcover, season, weights, roads, water, resolution_m, crs, tracks, layer, time_column,
                 reports_per_track, replicates, seed, methods, min_routed_leg_km, prior_strength, connectivity,
                 no_bands, output):
    """Score reconstructed routes against GPS tracks. / Évaluer les itinéraires reconstitués sur des traces GPS.

    For each replicate, samples --reports-per-track reports at random times on every track (one line
    per herd and phase), reconstructs the route between them with each method (straight lines;
    least-cost legs; least-cost legs with the prior of the other herds' tracks, its strength chosen
    on those other herds only) and scores it against the track: share of route within 2, 5 and 10
    km, mean distance, track-to-route distance, Hausdorff distance. Bands of equal area (a buffer
    around the straight lines, the Brownian bridge, the least-cost band) are scored by the share of
    the track they hold. Prints the mean per phase and method; writes every row to OUTPUT.

    \b
    rdh transhumance evaluate --tracks collars.gpkg --landcover lc.tif --season dry \\
        --reports-per-track 16 --replicates 10 -o scores.csv
    """
    if output.suffix.lower() != ".csv":
        raise click.UsageError("--output must be a .csv file")
    if cost is not None:
        surface = _surface(cost, landcover, season, weights, roads, water, resolution_m, crs, None)
        found, _ = _tracks_and_bounds(tracks, layer, time_column, surface.crs)
    else:
        found, bounds = _tracks_and_bounds(tracks, layer, time_column, crs)
        surface = _surface(cost, landcover, season, weights, roads, water, resolution_m, crs, bounds)
    methods = tuple(m for m in METHODS if m in methods or m == "straight") if methods else METHODS
    click.echo(f"{len(found)} track(s) of {len({t.herd_id for t in found})} herd(s); "
               f"{reports_per_track} reports per track, {replicates} replicate(s)")
    routes, bands, strengths = evaluate(found, surface, n_reports=reports_per_track, replicates=replicates, seed=seed,
                                        methods=methods, min_routed_leg_m=min_routed_leg_km * 1000,
                                        prior_strength=prior_strength, bands=not no_bands,
                                        connectivity=int(connectivity), progress=bar("Scoring"))
    table, band_table = harness_summary(routes, bands if len(bands) else None)
    write_csv(output, routes)
    written = [output]
    if len(bands):
        written.append(write_csv(output.with_name(f"{output.stem}_bands.csv"), bands))
    click.echo(_format(table, band_table, strengths))
    click.echo(f"Wrote {', '.join(map(str, written))}")


def _format(table, band_table, strengths):
    cols = ["within_2km", "within_5km", "within_10km", "mean_km", "track_to_route_km", "hausdorff_km", "gain_5km",
            "replicates_gain_ge_0.05"]
    lines = ["", "| phase | method | " + " | ".join(cols) + " |", "|---|---|" + "---|" * len(cols)]
    for (phase, method), row in table.iterrows():
        cells = [f"{row[c]:.3f}" if c.startswith("within") or c == "gain_5km" else
                 f"{int(row[c])}/{int(row['replicates'])}" if c.startswith("replicates") else f"{row[c]:.1f}"
                 for c in cols]
        lines.append(f"| {phase} | {method} | " + " | ".join(cells) + " |")
    if band_table is not None:
        lines += ["", "Share of the track inside bands of equal area (the 5 km buffer's around straight lines):",
                  "| phase | " + " | ".join(band_table.columns) + " |", "|---|" + "---|" * len(band_table.columns)]
        for phase, row in band_table.iterrows():
            lines.append(f"| {phase} | " + " | ".join(f"{v:.3f}" for v in row) + " |")
    if len(strengths):
        lines += ["", "Prior strength per held-out herd: " + ", ".join(
            f"{r.herd_id} {r.prior_strength:g}" for r in strengths.itertuples())]
    return "\n".join(lines)


@click.command("calibrate")
@_surface_options
@click.option("--controls", type=click.IntRange(min=1), default=CONTROLS, show_default=True,
              help="Control steps drawn per observed step.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Weights TOML to write (usable with `rdh transhumance --weights`).")
def calibrate_cmd(cost, landcover, season, weights, roads, water, resolution_m, crs, tracks, layer, time_column,
                  controls, seed, output):
    """Fit cost weights from GPS tracks (step selection). / Ajuster les poids de coût sur des traces GPS.

    Compares every GPS step with --controls random steps from the same fix (conditional logistic
    regression on land-cover classes, roads and rivers, with the heading towards the track's end)
    and writes --season's weights with the fitted multipliers (exp(-coefficient)) in place; weights
    the tracks say nothing about keep the shipped values. The fitted table is printed.

    \b
    rdh transhumance calibrate --tracks collars.gpkg --landcover lc.tif --season dry \\
        --roads roads.gpkg --water water.gpkg --resolution-m 1000 -o fitted_dry.toml
    """
    if landcover is None or cost is not None:
        raise click.UsageError("calibrate needs --landcover (the layers to fit), not --cost")
    if season is None:
        raise click.UsageError("calibrate needs --season dry|wet (the weights completed by the fit)")
    found, bounds = _tracks_and_bounds(tracks, layer, time_column, crs)
    rivers = _layer(water, "rivers_lake_centerlines") if water else None
    transform, classes, masks = context_grids(landcover, bounds=bounds, resolution_m=resolution_m, crs=crs,
                                              roads=_layer(roads, "edges") if roads else None, water=rivers)
    layers, reference = landcover_layers(found, classes, masks, transform)
    fit = fit_step_selection(found, layers, transform, controls=controls, seed=seed)
    text = weights_toml(fit, load_weights(season, config=weights), reference_class=reference)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    click.echo(f"{fit.n_steps} steps; reference land-cover class {reference}")
    click.echo(fit.table().to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    click.echo(f"Wrote {output}")


__all__ = ["read_tracks"]

