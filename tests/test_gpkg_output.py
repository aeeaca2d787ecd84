"""GeoPackage outputs: version 1.2, embedded default styles, provenance, atomic writes."""
import sqlite3

import geopandas as gpd
import pytest
from shapely.geometry import Point

from rdh_engine.errors import InputNotFoundError
from rdh_engine.io.gpkg import read_provenance, write_layers
from rdh_engine.provenance import file_sha256, run_provenance


@pytest.fixture
def points():
    return gpd.GeoDataFrame({"name": ["Agadez", "Arlit"]},
                            geometry=[Point(7.99, 16.97), Point(7.39, 18.74)], crs="EPSG:4326")


def test_geopackage_is_version_1_2_with_default_styles(tmp_path, points):
    path = write_layers(tmp_path / "x.gpkg", {"places": points, "mmp_incidents": points},
                        styles={"places": "places", "mmp_incidents": "mmp_incidents"})
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 10200
        rows = con.execute("SELECT f_table_name, styleName, useAsDefault, styleQML, styleSLD FROM layer_styles"
                           " ORDER BY f_table_name").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [("mmp_incidents", "mmp_incidents", 1), ("places", "places", 1)]
    assert all(r[3].startswith("<!DOCTYPE qgis") and "<StyledLayerDescriptor" in r[4] for r in rows)


def test_provenance_round_trips_with_input_hashes(tmp_path, points, sample_data):
    source = sample_data / "real" / "dtm_facts.csv"
    record = run_provenance(tool="test", inputs=[source], parameters={"threshold": 5})
    path = write_layers(tmp_path / "x.gpkg", {"places": points}, provenance=record)
    back = read_provenance(path, "places")
    assert back["parameters"] == {"threshold": 5}
    assert back["inputs"] == [{"path": str(source), "sha256": file_sha256(source)}]
    assert back["engine_version"] and back["created"]


def test_failed_write_leaves_previous_file_untouched(tmp_path, points):
    path = write_layers(tmp_path / "x.gpkg", {"places": points})
    before = path.read_bytes()
    with pytest.raises(InputNotFoundError):
        write_layers(path, {"places": points.iloc[:1]}, styles={"places": "no_such_style"})
    assert path.read_bytes() == before
    # beside it only the list of what the toolkit wrote (engine/io/atomic.py)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".rdh-outputs.json", "x.gpkg"], \
        "temporary files must be cleaned up"
