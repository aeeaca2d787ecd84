"""The one writer: any Result becomes a GeoPackage 1.2 with styles and provenance, GeoTIFFs with
their .qml, CSV and PNG sidecars, and a manifest of exactly what was written."""
import sqlite3

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
from affine import Affine
from shapely.geometry import Point

from rdh_engine.io.gpkg import list_layers, read_provenance
from rdh_engine.io.result import Raster, Result, Sidecar, manifest_of, write_result


def _result():
    points = gpd.GeoDataFrame({"fmp_id": ["A", "B"], "flow": [3.0, 4.5]},
                              geometry=[Point(2.1, 13.5), Point(7.9, 16.9)], crs="EPSG:4326")
    table = pd.DataFrame({"date": ["2020-01-01", "2020-02-01"], "stranded": [1.0, 2.0]})
    grid = np.arange(12, dtype=np.float32).reshape(3, 4)

    def chart(path):
        path.write_bytes(b"\x89PNG\r\n\x1a\n")  # a sidecar renders itself to the path it is given
        return path

    return Result(job="demo-result", layers={"fmp_points": points, "timeline": table},
                  styles={"fmp_points": "fmp_points"},
                  rasters={"route_density.tif": Raster(grid, Affine(1000, 0, 0, 0, -1000, 3000), "EPSG:3857",
                                                       ["herds per cell"], style="route_density")},
                  tables={"out_series.csv": table}, sidecars={"out_series.png": Sidecar(chart)},
                  provenance={"tool": "rdh test", "parameters": {"k": 2}}, summary=["2 points"])


def test_write_result_writes_every_part_and_lists_it(tmp_path):
    out = tmp_path / "sub" / "out.gpkg"
    manifest = write_result(_result(), out)
    assert manifest["job"] == "demo-result"
    listed = [(o["name"], o["kind"], o["path"], o["layer"]) for o in manifest["outputs"]]
    assert listed == [("fmp_points", "layer", str(out), "fmp_points"), ("timeline", "table", str(out), "timeline"),
                      ("route_density", "raster", str(out.with_name("route_density.tif")), None),
                      ("out_series", "table", str(out.with_name("out_series.csv")), None),
                      ("out_series", "chart", str(out.with_name("out_series.png")), None)]
    assert all(o["title_en"] and o["title_fr"] for o in manifest["outputs"])
    assert list_layers(out) == ["fmp_points", "timeline"]
    assert read_provenance(out, "fmp_points")["parameters"] == {"k": 2}
    with sqlite3.connect(out) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200  # GeoPackage 1.2
        styled = {row[0] for row in db.execute("SELECT f_table_name FROM layer_styles")}
    assert styled == {"fmp_points"}
    with rasterio.open(out.with_name("route_density.tif")) as src:
        assert src.read(1).tolist() == np.arange(12).reshape(3, 4).tolist() and src.descriptions == ("herds per cell",)
    assert out.with_name("route_density.qml").is_file()
    assert pd.read_csv(out.with_name("out_series.csv"))["stranded"].tolist() == [1.0, 2.0]
    assert out.with_name("out_series.png").read_bytes().startswith(b"\x89PNG")
    assert manifest_of("demo-result", [out])["outputs"] == manifest["outputs"][:2]


def test_a_sidecar_can_go_where_the_user_asked(tmp_path):
    result = _result()
    elsewhere = tmp_path / "maps" / "chosen.png"
    result.sidecars["out_series.png"].path = elsewhere
    manifest = write_result(result, tmp_path / "out.gpkg")
    assert elsewhere.is_file() and not (tmp_path / "out_series.png").exists()
    assert manifest["outputs"][-1]["path"] == str(elsewhere)
