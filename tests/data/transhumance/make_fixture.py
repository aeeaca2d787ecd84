"""Regenerate the small key-informant fixture (synthetic, seeded): `ki_reports.csv` and the
planted routes `planted_routes.geojson` it was sampled from.

Herds walk scikit-image MCP_Geometric least-cost routes (not the engine's kernels) on the
engine's default seasonal surfaces at 5 km over Senegal / Mauritania / western Mali: southward in
the dry season (November), back north in the wet season (June). Informants report every 3-9 days,
with 2 km position noise. Run from the repository root with the venv Python.
"""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from skimage.graph import MCP_Geometric

from rdh_engine.raster.cost_surface import build_cost_surface

HERE = Path(__file__).parent
HERDS = [  # herd_id, (lon, lat) north end, (lon, lat) south end, herd size
    ("H01", (-15.2, 16.9), (-14.6, 15.2), 160), ("H02", (-15.0, 15.4), (-13.4, 13.4), 220),
    ("H03", (-11.4, 16.5), (-10.8, 14.0), 140), ("H04", (-9.6, 15.3), (-9.4, 13.1), 300),
    ("H05", (-13.0, 16.0), (-12.2, 14.0), 90), ("H06", (-14.2, 15.9), (-13.6, 13.8), 180),
]
CELL_M, SPEED_KM_DAY, NOISE_M = 5000.0, 15.0, 2000.0
SMOOTH_CELLS = 3


def surfaces(real=Path("sample_data/real")):
    box = gpd.GeoSeries([shapely.box(-17.5, 12.0, -8.5, 17.5)], crs=4326).to_crs("ESRI:102022").total_bounds
    water = gpd.read_file(real / "water.gpkg", layer="rivers_lake_centerlines")
    lakes = gpd.read_file(real / "water.gpkg", layer="lakes")
    return {s: build_cost_surface(real / "landcover_igbp_0p05deg.tif", season=s, bounds=box, resolution_m=CELL_M,
                                  water=water, lakes=lakes) for s in ("dry", "wet")}


def _smooth(xy, window=SMOOTH_CELLS):
    """Running mean of the cell centres (ends kept): 8-connected MCP routes on near-uniform ground
    are staircases with ties, herds walk the smooth line through them."""
    pad = np.vstack([np.repeat(xy[:1], window // 2, 0), xy, np.repeat(xy[-1:], window // 2, 0)])
    kernel = np.ones(window) / window
    return np.column_stack([np.convolve(pad[:, i], kernel, mode="valid") for i in range(2)])


def main():
    gen = np.random.default_rng(20201)
    surf = surfaces()
    reports, routes = [], []
    for herd_id, north, south, size in HERDS:
        for season, a, b, depart in (("dry", north, south, "2020-11-05"), ("wet", south, north, "2021-06-02")):
            s = surf[season]
            pts = gpd.GeoSeries(gpd.points_from_xy([a[0], b[0]], [a[1], b[1]]), crs=4326).to_crs(s.crs)
            start, end = map(tuple, s.cells(pts.x, pts.y))
            mcp = MCP_Geometric(np.where(np.isfinite(s.cost), s.cost, -1), sampling=(CELL_M, CELL_M))
            mcp.find_costs([start], [end])
            path = np.array(mcp.traceback(end))
            xy = _smooth(s.xy(path))
            routes.append({"herd_id": herd_id, "season": season, "geometry": shapely.linestrings(xy)})
            along = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))])
            day = 0.0
            when = pd.Timestamp(depart) + pd.Timedelta(days=int(gen.integers(0, 10)))
            while True:
                dist = min(day * SPEED_KM_DAY * 1000, along[-1])
                x = np.interp(dist, along, xy[:, 0]) + gen.normal(0, NOISE_M)
                y = np.interp(dist, along, xy[:, 1]) + gen.normal(0, NOISE_M)
                reports.append({"date": (when + pd.Timedelta(days=day)).date().isoformat(),
                                "informant_id": f"INF{gen.integers(1, 40):03d}", "x": x, "y": y,
                                "herd_size": int(round(size * gen.normal(1, 0.08), -1)), "herd_id": herd_id,
                                "species": "cattle", "direction": "S" if season == "dry" else "N",
                                "alert": "conflict_with_farmers" if gen.random() < 0.04 else None,
                                "_crs": s.crs})
                if dist >= along[-1]:
                    break
                day += float(gen.integers(3, 10))
    df = pd.DataFrame(reports)
    crs = df.pop("_crs").iloc[0]
    ll = gpd.GeoSeries(gpd.points_from_xy(df.pop("x"), df.pop("y")), crs=crs).to_crs(4326)
    df["lon"], df["lat"] = ll.x.round(4), ll.y.round(4)
    df = df.sort_values(["date", "herd_id"], kind="stable").reset_index(drop=True)
    df.insert(0, "report_id", [f"KI{i:04d}" for i in range(1, len(df) + 1)])
    cols = ["report_id", "date", "informant_id", "lon", "lat", "herd_size", "herd_id", "species", "direction", "alert"]
    df[cols].to_csv(HERE / "ki_reports.csv", index=False)
    gpd.GeoDataFrame(routes, crs=crs).to_crs(4326).to_file(HERE / "planted_routes.geojson", driver="GeoJSON")
    print(f"{len(df)} reports, {len(routes)} planted routes")


if __name__ == "__main__":
    main()
