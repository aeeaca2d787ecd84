"""The validation harness (`rdh transhumance evaluate`) on GPS-like tracks simulated over Senegal, where
the truth is known: which reconstruction method to use by default, and what the bands hold.

    .venv/bin/python bench/transhumance_tracks.py [--scenario surface|weak] [--replicates 10]
        [--reports 16] [--write tracks.gpkg]

Nine herds walk from the Ferlo (northern Senegal) to host areas in the south-east and back, one
fix every 6 hours (rdh_engine.sample.transhumance.simulate_gps_tracks: step selection with a pull
towards the phase's goal). ``--scenario surface``: the herds choose steps by the engine's own
dry-season weights (land cover, roads, rivers), so the cost surface used to reconstruct them is
the true one, the best case for least-cost routing. ``--scenario weak``: they choose by weak
preferences unrelated to the surface's weights (roads x0.8, cropland x1.3, as the step-selection
fit on real collars found, issue #20), and the reconstruction uses the engine's weights: the
realistic case. Reports: ``--reports`` per track at uniformly random times; scores and bands as in
rdh_engine.transhumance_routes.evaluation. ``--write`` saves the tracks (lines Z, Z = days) for
`rdh transhumance evaluate --tracks`.
"""
import argparse

import geopandas as gpd
import numpy as np
from pyproj import Transformer

from rdh_engine.raster.cost_surface import DEFAULT_CRS, build_cost_surface, context_grids, load_weights
from rdh_engine.sample.transhumance import simulate_gps_tracks
from rdh_engine.transhumance_routes.evaluation import evaluate, harness_summary
from rdh_engine.transhumance_routes.tracks import tracks_from_lines

REAL = "sample_data/real"
BOUNDS_LONLAT = (-17.0, 12.6, -11.5, 16.6)
RESOLUTION_M = 2500.0
# (origin in the Ferlo, host area) lon/lat per herd
HERDS = [((-15.2, 15.9), (-13.6, 13.6)), ((-14.9, 15.7), (-13.2, 13.4)), ((-15.5, 15.6), (-14.0, 13.7)),
         ((-14.6, 15.8), (-12.9, 13.8)), ((-15.0, 15.4), (-13.9, 13.3)), ((-14.4, 15.5), (-12.7, 13.5)),
         ((-15.7, 15.8), (-14.6, 13.9)), ((-14.2, 15.3), (-12.5, 13.2)), ((-15.3, 15.2), (-13.4, 13.1))]
WEAK = {"landcover:12": 1.3, "landcover:14": 1.3, "roads": 0.8}


def simulate(scenario, *, seed=20):
    """(tracks GeoDataFrame, dry-season cost surface built from the shipped weights)."""
    to_m = Transformer.from_crs(4326, DEFAULT_CRS, always_xy=True)
    x, y = to_m.transform([BOUNDS_LONLAT[0], BOUNDS_LONLAT[2]], [BOUNDS_LONLAT[1], BOUNDS_LONLAT[3]])
    bounds = (min(x), min(y), max(x), max(y))
    water = gpd.read_file(f"{REAL}/water.gpkg", layer="rivers_lake_centerlines")
    lakes = gpd.read_file(f"{REAL}/water.gpkg", layer="lakes")
    roads = gpd.read_file(f"{REAL}/roads.gpkg", layer="edges")
    surface = build_cost_surface(f"{REAL}/landcover_igbp_0p05deg.tif", season="dry", bounds=bounds,
                                 resolution_m=RESOLUTION_M, water=water, lakes=lakes, roads=roads)
    transform, classes, masks = context_grids(f"{REAL}/landcover_igbp_0p05deg.tif", bounds=bounds,
                                              resolution_m=RESOLUTION_M, roads=roads, water=water)
    layers = {f"landcover:{c}": (classes == c).astype(float) for c in np.unique(classes) if c != 255}
    layers.update({k: v.astype(float) for k, v in masks.items()})
    if scenario == "surface":
        weights = load_weights("dry")
        mult = {f"landcover:{k}": float(v) for k, v in weights["landcover"].items()
                if k != "nodata" and np.isfinite(float(v))}
        mult.update({"roads": weights["roads"]["multiplier"], "rivers": weights["rivers"]["multiplier"]})
        mult = {k: v for k, v in mult.items() if k in layers}
    else:
        mult = {k: v for k, v in WEAK.items() if k in layers}
    journeys = []
    for i, (origin, host) in enumerate(HERDS):
        journeys.append((f"S{i + 1:02d}", to_m.transform(*origin), to_m.transform(*host)))
    gdf = simulate_gps_tracks(layers, mult, transform=transform, crs=DEFAULT_CRS, journeys=journeys, seed=seed)
    return gdf, surface


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", choices=("surface", "weak"), default="weak")
    ap.add_argument("--replicates", type=int, default=10)
    ap.add_argument("--reports", type=int, default=16)
    ap.add_argument("--write", help="also write the simulated tracks to this GeoPackage")
    args = ap.parse_args(argv)
    gdf, surface = simulate(args.scenario)
    if args.write:
        gdf.to_file(args.write, driver="GPKG")
    tracks = tracks_from_lines(gdf, crs=surface.crs)
    routes, bands, strengths = evaluate(tracks, surface, n_reports=args.reports, replicates=args.replicates)
    table, band_table = harness_summary(routes, bands)
    cols = ["within_2km", "within_5km", "within_10km", "mean_km", "track_to_route_km", "hausdorff_km", "gain_5km"]
    print(f"scenario {args.scenario}: {len(tracks)} tracks, {args.reports} reports, {args.replicates} replicates")
    print("| phase | method | " + " | ".join(cols) + " | replicates gain >= 0.05 |")
    print("|---|---|" + "---|" * (len(cols) + 1))
    for (phase, method), r in table.iterrows():
        print(f"| {phase} | {method} | " + " | ".join(f"{r[c]:.3f}" if c.startswith(("within", "gain")) else
                                                    f"{r[c]:.1f}" for c in cols)
              + f" | {int(r['replicates_gain_ge_0.05'])}/{int(r['replicates'])} |")
    print("\n| phase | " + " | ".join(band_table.columns) + " |\n|---|" + "---|" * len(band_table.columns))
    for phase, r in band_table.iterrows():
        print(f"| {phase} | " + " | ".join(f"{v:.3f}" for v in r) + " |")
    print("\nprior strength per held-out herd:", dict(zip(strengths.herd_id, strengths.prior_strength)))


if __name__ == "__main__":
    main()
