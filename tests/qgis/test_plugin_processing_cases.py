"""Data-driven Processing tests: one run per tests/processing_cases/*.toml (format in that folder's README)."""
import tomllib
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer, QgsWkbTypes

from .plugin_helpers import rdh_provider  # noqa: F401  (fixture)

CASES = sorted((Path(__file__).resolve().parents[1] / "processing_cases").glob("*.toml"))
CASE_KEYS = {"algorithm", "description", "parameters", "expect", "error"}
EXPECT_KEYS = {"results", "layers", "files"}
LAYER_KEYS = {"output", "feature_count", "geometry", "crs", "fields", "renderer", "ranges"}


def _fill(value, places):
    if isinstance(value, str):
        return value.format(**places)
    if isinstance(value, list):
        return [_fill(item, places) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, places) for key, item in value.items()}
    return value


def _layer_source(results, output, name):
    value = results[output]
    if isinstance(value, (list, tuple)):
        matches = [uri for uri in value if uri.endswith(f"layername={name}")]
        assert len(matches) == 1, f"{output} holds no single layer named {name}: {value}"
        return matches[0]
    if value.endswith(".gpkg"):  # a whole GeoPackage (e.g. rdh:export's): the named layer in it
        return f"{value}|layername={name}"
    return value


def layer_facts(source, name, ranges):
    """Plain values read from the layer (no QGIS object outlives this call: pytest's failure
    reports keep frames alive, and a layer alive at QGIS exit segfaults)."""
    layer = QgsVectorLayer(source, name, "ogr")
    if not layer.isValid():
        return None
    _, styled = layer.loadDefaultStyle()
    fields = layer.fields()
    facts = {
        "feature_count": layer.featureCount(),
        "geometry": QgsWkbTypes.geometryDisplayString(layer.geometryType()),
        "crs": layer.crs().authid(),
        "fields": fields.names(),
        "renderer": layer.renderer().type() if styled else None,
        "ranges": {field: (layer.minimumValue(fields.indexOf(field)), layer.maximumValue(fields.indexOf(field)))
                   for field in ranges if fields.indexOf(field) >= 0},
    }
    del layer
    return facts


def check_layer(name, source, expected):
    assert not set(expected) - LAYER_KEYS, f"unknown keys for layer {name}: {set(expected) - LAYER_KEYS}"
    facts = layer_facts(source, name, expected.get("ranges", {}))
    assert facts is not None, f"{name}: cannot open {source}"
    for key in ("feature_count", "geometry", "crs", "renderer"):
        if key in expected:
            assert facts[key] == expected[key], f"{name}: {key}"
    missing = set(expected.get("fields", [])) - set(facts["fields"])
    assert not missing, f"{name}: fields missing {missing}"
    for field, (low, high) in expected.get("ranges", {}).items():
        assert field in facts["ranges"], f"{name}: no field {field}"
        lowest, highest = facts["ranges"][field]
        assert low <= lowest and highest <= high, f"{name}.{field}: values span {lowest}..{highest}"


@pytest.mark.parametrize("case_file", CASES, ids=[case.stem for case in CASES])
def test_processing_case(case_file, rdh_provider, tmp_path, sample_data, repo, request):
    import processing

    text = case_file.read_text(encoding="utf-8")
    case = tomllib.loads(text)
    assert not set(case) - CASE_KEYS, f"unknown keys: {set(case) - CASE_KEYS}"
    assert case.get("description"), "say what the case shows"
    places = {"sample_data": str(sample_data), "repo": str(repo), "tmp": str(tmp_path)}
    if "{demo_output}" in text:  # the session's `rdh demo` output, made only for the cases that use it
        places["demo_output"] = str(request.getfixturevalue("demo_output"))
    parameters = _fill(case.get("parameters", {}), places)
    if "error" in case:
        with pytest.raises(QgsProcessingException, match=case["error"]):
            processing.run(case["algorithm"], parameters)
        return
    results = processing.run(case["algorithm"], parameters)
    expect = _fill(case.get("expect", {}), places)
    assert expect, "a case checks something: give [expect...] tables or an error"
    assert not set(expect) - EXPECT_KEYS, f"unknown [expect] keys: {set(expect) - EXPECT_KEYS}"
    for output, value in expect.get("results", {}).items():
        assert results[output] == value, output
    for name, expected in expect.get("layers", {}).items():
        check_layer(name, _layer_source(results, expected.get("output", "OUTPUT"), name), expected)
    for path in expect.get("files", []):
        assert Path(path).is_file() and Path(path).stat().st_size > 0, f"{path} missing or empty"


def test_there_is_a_case_for_every_rdh_algorithm(rdh_provider):
    covered = {tomllib.loads(case.read_text(encoding="utf-8"))["algorithm"] for case in CASES}
    algorithms = {algorithm.id() for algorithm in rdh_provider.algorithms()}
    assert algorithms <= covered, f"add a tests/processing_cases/*.toml for {algorithms - covered}"
