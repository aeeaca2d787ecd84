"""Score reconstructed herd routes against the sample generator's planted ones, beside straight
lines between the same reports.

    .venv/bin/python bench/transhumance_vs_planted.py sample_data/generated/ki_reports.csv \
        sample_data/generated/truth/herd_routes.geojson [--resolution-m 2500] [--evidence-factor 1]

Scores (rdh_engine.transhumance_routes.evaluation): share of each route's length within 2 km and
5 km of the planted route, and the Hausdorff distance, the planted line clipped to the stretch the
reports span. Surface: the engine's default seasonal weights (or --config-dir) on land cover,
rivers, lakes and roads. tests/test_transhumance_planted.py checks the same numbers.
"""
import argparse

import geopandas as gpd
import numpy as np
import pandas as pd

from rdh_engine.io.schemas import validate
from rdh_engine.io.tables import points_from_lonlat
from rdh_engine.raster.cost_surface import DEFAULT_CRS, build_cost_surface
from rdh_engine.transhumance_routes import EVIDENCE_FACTOR, analyse
from rdh_engine.transhumance_routes.evaluation import score_routes, summary

REAL = "sample_data/real/"


def planted_scores(reports_csv, truth_path, *, resolution_m=2500.0, config_dir=None, evidence_factor=EVIDENCE_FACTOR,
                   real=REAL):
    """Per-route scores (both seasons) of the reconstruction and of straight lines."""
    pts = points_from_lonlat(validate(pd.read_csv(reports_csv), "ki_reports"))
    truth = gpd.read_file(truth_path)
    water = gpd.read_file(f"{real}/water.gpkg", layer="rivers_lake_centerlines")
    lakes = gpd.read_file(f"{real}/water.gpkg", layer="lakes")
    roads = gpd.read_file(f"{real}/roads.gpkg", layer="edges")
    bounds = pts.to_crs(DEFAULT_CRS).total_bounds + np.array([-1e5, -1e5, 1e5, 1e5])
    parts = []
    for season in ("dry", "wet"):
        config = f"{config_dir}/{season}.toml" if config_dir else None
        surface = build_cost_surface(f"{real}/landcover_igbp_0p05deg.tif", season=season, bounds=bounds,
                                     resolution_m=resolution_m, config=config, water=water, lakes=lakes, roads=roads)
        # the planted routes are least-cost paths: score the least-cost reconstruction on every leg
        routes = analyse(pts, surface, season=season, band_pct=None, alert_days=0, routing="least-cost",
                         min_routed_leg_m=0, evidence_factor=evidence_factor).layers["herd_routes"]
        parts.append(score_routes(routes, pts, truth, crs=DEFAULT_CRS))
    return pd.concat(parts, ignore_index=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports")
    ap.add_argument("truth")
    ap.add_argument("--resolution-m", type=float, default=2500.0)
    ap.add_argument("--config-dir", help="folder with dry.toml / wet.toml weights (default: shipped)")
    ap.add_argument("--evidence-factor", type=float, default=EVIDENCE_FACTOR,
                    help="cost multiplier near the season's reports (1: the surface alone)")
    args = ap.parse_args(argv)
    table = summary(planted_scores(args.reports, args.truth, resolution_m=args.resolution_m,
                                   config_dir=args.config_dir, evidence_factor=args.evidence_factor))
    print("| season | method | routes | within 2 km | within 5 km | Hausdorff mean km | Hausdorff median km |")
    print("|---|---|---|---|---|---|---|")
    for (season, method), r in table.iterrows():
        print(f"| {season} | {method} | {int(r.routes)} | {r.within_2km:.2f} | {r.within_5km:.2f} | "
              f"{r.hausdorff_mean_km:.1f} | {r.hausdorff_median_km:.1f} |")


if __name__ == "__main__":
    main()
