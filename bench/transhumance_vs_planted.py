"""Score reconstructed herd routes against the sample generator's planted ones, beside straight
lines between the same reports.

    .venv/bin/python bench/transhumance_vs_planted.py sample_data/generated/ki_reports.csv \
        sample_data/generated/truth/herd_routes.geojson [--resolution-m 2500]

For each route: share of its length within 2 km and 5 km of the planted route, and the Hausdorff
distance, the planted line clipped to the stretch the reports span (a planted line covers the
whole planned route, also where a stranded herd never went). Surface: the engine's default
seasonal weights on land cover, rivers, lakes and roads.
"""
import argparse

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops

from rdh_engine.io.schemas import validate
from rdh_engine.io.tables import points_from_lonlat
from rdh_engine.raster.cost_surface import DEFAULT_CRS, build_cost_surface
from rdh_engine.transhumance_routes import analyse
from rdh_engine.transhumance_routes.routing import split_trips

REAL = "sample_data/real/"


def scores(line, truth):
    sample = shapely.points(shapely.get_coordinates(shapely.segmentize(line, 500)))
    d = shapely.distance(sample, truth)
    return (d <= 2000).mean(), (d <= 5000).mean(), shapely.hausdorff_distance(line, truth, densify=0.05) / 1000


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports")
    ap.add_argument("truth")
    ap.add_argument("--resolution-m", type=float, default=2500.0)
    ap.add_argument("--config-dir", help="folder with dry.toml / wet.toml weights (default: shipped)")
    args = ap.parse_args(argv)
    pts = points_from_lonlat(validate(pd.read_csv(args.reports), "ki_reports"))
    truth = gpd.read_file(args.truth).to_crs(DEFAULT_CRS)
    water = gpd.read_file(REAL + "water.gpkg", layer="rivers_lake_centerlines")
    lakes = gpd.read_file(REAL + "water.gpkg", layer="lakes")
    roads = gpd.read_file(REAL + "roads.gpkg", layer="edges")
    bounds = pts.to_crs(DEFAULT_CRS).total_bounds + np.array([-1e5, -1e5, 1e5, 1e5])
    trips = split_trips(pts.to_crs(DEFAULT_CRS))
    print("| season | method | routes | within 2 km | within 5 km | Hausdorff mean km | Hausdorff median km |")
    print("|---|---|---|---|---|---|---|")
    for season in ("dry", "wet"):
        config = f"{args.config_dir}/{season}.toml" if args.config_dir else None
        surface = build_cost_surface(REAL + "landcover_igbp_0p05deg.tif", season=season, bounds=bounds,
                                     resolution_m=args.resolution_m, config=config, water=water, lakes=lakes,
                                     roads=roads)
        routes = analyse(pts, surface, season=season, band_pct=None, alert_days=0).layers["herd_routes"]
        result = {"reconstructed": [], "straight lines": []}
        for rec in routes.to_crs(DEFAULT_CRS).itertuples():
            planted = truth[(truth.herd_id == rec.herd_id) & (truth.season == season) & (truth.cycle == rec.cycle)]
            herd = trips[(trips._herd == rec.herd_id) & (trips._season == season) & (trips._cycle == rec.cycle)]
            if planted.empty or len(herd) < 2:
                continue
            line = planted.geometry.iloc[0]
            ends = sorted([line.project(herd.geometry.iloc[0]), line.project(herd.geometry.iloc[-1])])
            line = shapely.ops.substring(line, *ends) if ends[1] > ends[0] else line
            straight = shapely.linestrings(np.column_stack([herd.geometry.x, herd.geometry.y]))
            result["reconstructed"].append(scores(rec.geometry, line))
            result["straight lines"].append(scores(straight, line))
        for method, rows in result.items():
            v = np.array(rows)
            print(f"| {season} | {method} | {len(v)} | {v[:, 0].mean():.2f} | {v[:, 1].mean():.2f} | "
                  f"{v[:, 2].mean():.1f} | {np.median(v[:, 2]):.1f} |")


if __name__ == "__main__":
    main()
