"""Writes the small binary inputs of the hostile-input corpus (cases.toml) into this folder.

Run from the repository root: .venv/bin/python tests/data/bad_commands/make_data.py
"""
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
from rasterio.transform import from_origin
from shapely.geometry import LineString

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
REPO = DATA.parents[1]
RDH = str(Path(sys.executable).with_name("rdh"))


def roads_variants():
    roads = gpd.read_file(DATA / "corridors" / "roads.gpkg")
    folder = HERE / "roads_nodbf"
    folder.mkdir(exist_ok=True)
    roads.to_file(folder / "roads.shp")
    for extra in ("roads.dbf", "roads.cpg"):
        (folder / extra).unlink(missing_ok=True)
    roads[["geometry"]].to_file(HERE / "roads_geometry_only.geojson", driver="GeoJSON")
    cut = roads.copy()
    cut.loc[0, "geometry"] = LineString([(8.99, 13.81), (9.2, 14.0)])  # Zinder on its own piece of road
    cut.to_file(HERE / "roads_disconnected.gpkg", layer="roads")
    # The real network around Senegal and the Gambia with no border edge flagged.
    edges = gpd.read_file(REPO / "sample_data" / "real" / "roads.gpkg", layer="edges", bbox=(-18, 11, -11, 17))
    edges["cross_border"] = False
    edges.to_file(HERE / "roads_no_crossings.gpkg", layer="edges")


def cost_rasters():
    ki = pd.read_csv(DATA / "transhumance" / "ki_reports.csv")
    pts = gpd.GeoSeries(gpd.points_from_xy(ki["lon"], ki["lat"]), crs="EPSG:4326").to_crs("ESRI:102022")
    x0, y0, x1, y1 = pts.total_bounds
    cell = 10_000.0
    x0, y1 = x0 - 50_000, y1 + 50_000
    width, height = int((x1 - x0 + 100_000) / cell), int((y1 - y0 + 100_000) / cell)
    transform = from_origin(x0, y1, cell, cell)
    for name, value, crs in (("ok", 1.0, "ESRI:102022"), ("nan", np.nan, "ESRI:102022"), ("zero", 0.0, "ESRI:102022"),
                             ("negative", -1.0, "ESRI:102022"), ("nocrs", 1.0, None)):
        with rasterio.open(HERE / f"cost_{name}.tif", "w", driver="GTiff", width=width, height=height, count=1,
                           dtype="float32", crs=crs, transform=transform, compress="deflate") as dst:
            dst.write(np.full((height, width), value, np.float32), 1)


def rdh_layers():
    """An RDH GeoPackage (layer fmp, with provenance) and one holding a plain table (timeline)."""
    for path in (HERE / "rdh_layers.gpkg", HERE / "table_layer.gpkg"):
        path.unlink(missing_ok=True)
    subprocess.run([RDH, "validate", "--kind", "fmp", str(REPO / "sample_data" / "generated" / "fmp.csv"),
                    "--to-gpkg", str(HERE / "rdh_layers.gpkg")], check=True, capture_output=True)
    sys.path.insert(0, str(REPO))
    from rdh_engine.io.gpkg import write_layers

    fmp = gpd.read_file(HERE / "rdh_layers.gpkg", layer="fmp")
    timeline = pd.DataFrame({"date": ["2020-03-01", "2020-04-15"], "n_fully_closed": [0, 3]})
    write_layers(HERE / "table_layer.gpkg", {"fmp": fmp, "timeline": timeline},
                 provenance={"tool": "tests/data/bad_commands/make_data.py"})
    for registry in HERE.glob(".rdh-outputs.json"):
        os.unlink(registry)


if __name__ == "__main__":
    roads_variants()
    cost_rasters()
    rdh_layers()
