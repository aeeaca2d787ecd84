"""rdh:poe_impact in a real, headless QGIS: Processing runs the engine worker and the styled layers open."""
import json
from pathlib import Path

from qgis.core import QgsApplication, QgsVectorLayer

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "poe"


def test_poe_impact_algorithm_writes_styled_layers(qgis_processing, loaded_plugin, tmp_path, sample_data):
    import processing

    assert "rdh:poe_impact" in [a.id() for a in QgsApplication.processingRegistry().providerById("rdh").algorithms()]
    out = tmp_path / "impact.gpkg"
    result = processing.run("rdh:poe_impact", {
        "ROADS": str(sample_data / "real" / "roads.gpkg"), "PLACES": str(sample_data / "real" / "places_geonames.csv"),
        "POE": str(DATA / "poe.csv"), "STATUS": str(DATA / "status.csv"), "OD": str(DATA / "od.csv"),
        "DATE": "2020-04-15", "TIMELINE": True, "SCHEDULER": "serial", "OUTPUT": str(out)})
    assert Path(result["OUTPUT"]) == out and out.with_name("impact_timeline.png").is_file()
    names = [uri.split("layername=")[1] for uri in result["LAYERS"]]
    assert set(names) >= {"poe_status", "poe_impact", "od_impact", "edge_change", "timeline"}
    assert result["TIMELINE_OUTPUT"] == f"{out}|layername=timeline"  # the bool TIMELINE is a parameter
    for uri, name in zip(result["LAYERS"], names):
        layer = QgsVectorLayer(uri, name, "ogr")
        assert layer.isValid() and layer.featureCount() > 0, name
        if name in ("poe_status", "poe_impact", "od_impact", "edge_change"):  # the styled ones
            message, ok = layer.loadDefaultStyle()
            assert ok, f"{name}: {message}"
        del layer
    od = QgsVectorLayer(f"{out}|layername=od_impact", "od", "ogr")
    od.loadDefaultStyle()
    labels = [item.label() for item in od.renderer().legendSymbolItems()]
    assert "Stranded (no route left)" in labels, labels   # the house style, with its labels per language
    assert "Bloqués (plus d'itinéraire)" in json.loads(od.customProperty("rdh_labels"))["fr"].values()
    del od
