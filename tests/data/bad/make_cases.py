"""Regenerate the binary and oddly-encoded cases of the bad-input corpus, and the small vector
samples in tests/data/good (cut from sample_data/real), from the repo root:
`.venv/bin/python tests/data/bad/make_cases.py`. Plain-text cases are hand-written files next to
this script; cases.toml lists every case with its expected exit code and message."""
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point, Polygon

HERE = Path(__file__).resolve().parent
GOOD = HERE.parent / "good"
REAL = HERE.parents[2] / "sample_data" / "real"


def good_vectors():
    """Roads around Niamey (GeoPackage) and three countries (GeoJSON), small enough to commit twice."""
    roads = gpd.read_file(REAL / "roads.gpkg", layer="edges", engine="pyogrio", bbox=(0.5, 12.5, 4.0, 14.5))
    roads[["edge_id", "from_ctry", "to_ctry", "cross_border", "proposed", "distance", "duration", "border_time",
           "geometry"]].to_file(GOOD / "roads.gpkg", layer="edges", engine="pyogrio")
    adm0 = gpd.read_file(REAL / "admin.gpkg", layer="adm0", engine="pyogrio")
    small = adm0[adm0["adm0_iso3"].isin(["NER", "BFA", "MLI"])].copy()
    small["geometry"] = small.geometry.simplify(0.05)
    small[["adm0_iso3", "name", "geometry"]].to_file(GOOD / "admin.geojson", engine="pyogrio")


def main():
    good_vectors()
    fmp = (GOOD / "fmp.csv").read_text(encoding="utf-8")
    (HERE / "latin1_accents.csv").write_bytes(fmp.encode("cp1252"))
    (HERE / "utf8_bom.csv").write_bytes(b"\xef\xbb\xbf" + fmp.encode("utf-8"))
    (HERE / "utf16_excel_unicode.txt").write_bytes(fmp.replace(",", "\t").encode("utf-16"))
    (HERE / "empty.csv").write_bytes(b"")

    counts = pd.read_csv(GOOD / "fmp_counts.csv", dtype=str)
    with pd.ExcelWriter(HERE / "excel_dates.xlsx") as xl:  # real date cells and bare serial numbers
        sheet = counts.copy()
        sheet["date"] = [pd.Timestamp(d) if i % 2 else (pd.Timestamp(d) - pd.Timestamp("1899-12-30")).days
                         for i, d in enumerate(sheet["date"])]
        sheet["count"] = sheet["count"].astype(int)
        sheet.to_excel(xl, index=False, sheet_name="Comptages")
    (HERE / "corrupt.xlsx").write_text("this is not a workbook\n", encoding="utf-8")
    (HERE / "old_format.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))

    roads = gpd.GeoDataFrame({"road_class": ["trunk", "trunk"]},
                             geometry=[LineString([(2.1, 13.5), (3.2, 13.0)]), LineString([(3.2, 13.0), (4.0, 12.4)])],
                             crs="EPSG:4326")
    shp = HERE / "no_crs"
    shp.mkdir(exist_ok=True)
    roads.to_file(shp / "roads.shp", engine="pyogrio")
    (shp / "roads.prj").unlink()
    garbage = HERE / "garbage_prj"
    garbage.mkdir(exist_ok=True)
    roads.to_file(garbage / "roads.shp", engine="pyogrio")
    (garbage / "roads.prj").write_text('GEOGCS["made up by a broken export"', encoding="utf-8")
    roads.to_crs("EPSG:32631").to_file(HERE / "projected_utm.gpkg", engine="pyogrio")
    gpd.GeoDataFrame({"road_class": ["trunk"]}, geometry=[None], crs="EPSG:4326").to_file(
        HERE / "null_geometry.gpkg", engine="pyogrio")
    bowtie = Polygon([(0, 12), (1, 13), (1, 12), (0, 13), (0, 12)])
    gpd.GeoDataFrame({"name": ["Bowtie"], "country_iso3": ["BFA"]}, geometry=[bowtie], crs="EPSG:4326").to_file(
        HERE / "invalid_geometry.geojson", engine="pyogrio")
    points = gpd.GeoDataFrame({"name": ["Niamey"]}, geometry=[Point(2.1, 13.5)], crs="EPSG:4326")
    points.to_file(HERE / "points_as_roads.gpkg", engine="pyogrio")
    # Web-Mercator metres written into a GPKG that declares EPSG:4326 (a classic mis-labelled export).
    metres = roads.to_crs("EPSG:3857").set_crs("EPSG:4326", allow_override=True)
    metres.to_file(HERE / "wrong_crs_declared.gpkg", engine="pyogrio")
    fmp_points = pd.read_csv(GOOD / "fmp.csv").drop(columns=["lon", "lat"])
    positions = pd.read_csv(GOOD / "fmp.csv")
    gpd.GeoDataFrame(fmp_points, geometry=gpd.points_from_xy(positions["lon"], positions["lat"]),
                     crs="EPSG:4326").to_file(HERE / "fmp_points_layer.gpkg", engine="pyogrio")


if __name__ == "__main__":
    main()
