"""rdh:corridors through QGIS Processing (the engine runs in its worker process)."""
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from .. import corridor_fixtures as F


@pytest.fixture
def inputs(tmp_path):
    F.roads().to_file(tmp_path / "roads.gpkg")
    F.places().to_csv(tmp_path / "places.csv", index=False)
    F.fmp("Agadez").to_csv(tmp_path / "fmp.csv", index=False)
    F.counts([("Agadez", "2020-01-05", "Zinder", "Arlit", 62), ("Agadez", "2020-02-05", "Zinder", "Ingall", 29)]
             ).to_csv(tmp_path / "counts.csv", index=False)
    return {"ROADS": str(tmp_path / "roads.gpkg"), "PLACES": str(tmp_path / "places.csv"),
            "FMP": str(tmp_path / "fmp.csv"), "COUNTS": str(tmp_path / "counts.csv")}


def test_corridors_algorithm_writes_styled_layers(qgis_processing, loaded_plugin, inputs, tmp_path):
    import processing

    out = tmp_path / "corridors.gpkg"
    result = processing.run("rdh:corridors", {**inputs, "PERIOD": "quarter", "K": 2, "N_BOOT": 20, "OUTPUT": str(out)})
    assert result["OUTPUT"] == str(out)
    corridors = QgsVectorLayer(f"{out}|layername=corridors", "corridors", "ogr")
    assert corridors.isValid() and corridors.featureCount() >= 1
    names = [f["name"] for f in corridors.getFeatures()]
    assert any(n.startswith("Zinder – Agadez") for n in names)
    edges = QgsVectorLayer(f"{out}|layername=edge_flows", "edges", "ogr")
    assert edges.isValid() and edges.featureCount() == 5
    del corridors, edges


def test_bad_parameter_becomes_a_processing_error(qgis_processing, loaded_plugin, inputs, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match="cannot filter"):
        processing.run("rdh:corridors", {**inputs, "FILTER": "colour=red", "OUTPUT": str(tmp_path / "x.gpkg")})
