"""rdh:loadsource in a real, headless QGIS: a good file loads styled, a bad one stops with its rows."""
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


class Messages(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.text = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
        self.text.append(error)

    def pushInfo(self, info):  # noqa: N802
        self.text.append(info)


def test_loadsource_is_registered(loaded_plugin):
    ids = [alg.id() for alg in QgsApplication.processingRegistry().providerById("rdh").algorithms()]
    assert "rdh:loadsource" in ids


@pytest.mark.parametrize(("name", "kind", "renderer"), [
    ("poe.csv", "poe", "categorizedSymbol"), ("fmp.csv", "fmp", "singleSymbol"),
    ("movements.csv", "movements", "RuleRenderer"), ("roads.gpkg", "roads", "categorizedSymbol")])
def test_good_source_loads_with_its_house_style(loaded_plugin, tmp_path, name, kind, renderer):
    import processing

    out = tmp_path / f"{kind}.gpkg"
    result = processing.run("rdh:loadsource", {"PATH": str(DATA / "good" / name), "KIND": kind,
                                               "TO_GPKG": str(out)}, feedback=Messages())
    assert result["VALID"] is True and "valid (0 error(s)" in result["SUMMARY"]
    layer = QgsVectorLayer(result["LAYER_OUT"], kind, "ogr")
    assert layer.isValid() and layer.featureCount() > 0
    message, ok = layer.loadDefaultStyle()
    assert ok, message
    assert layer.renderer().type() == renderer
    del layer


def test_kind_is_guessed_when_not_given(loaded_plugin, tmp_path):
    import processing

    result = processing.run("rdh:loadsource", {"PATH": str(DATA / "good" / "ki_reports.csv"),
                                               "TO_GPKG": str(tmp_path / "ki.gpkg")})
    assert result["LAYER_OUT"].endswith("layername=ki_reports")


def test_bad_source_stops_with_rows_and_columns(loaded_plugin, tmp_path):
    import processing

    feedback = Messages()
    out = tmp_path / "bad.gpkg"
    with pytest.raises(QgsProcessingException) as failure:
        processing.run("rdh:loadsource", {"PATH": str(DATA / "bad" / "negative_counts.csv"),
                                          "KIND": "fmp_counts", "TO_GPKG": str(out)}, feedback=feedback)
    text = "\n".join([*feedback.text, str(failure.value)])
    assert "row 3, column count: negative count" in text, text
    assert not out.exists()
