"""The Processing algorithms generated from the frozen job spec (rdh_qgis_plugin/spec.json).

- every job's Processing parameters match its declaration: names, types, defaults, bounds, advanced;
- a parameter added to a declaration appears in Processing with no other edit;
- an analysis runs from the toolbox API with project layers as inputs (a memory layer with a
  selection among them), and its styled results appear in the project; the same from a model.
"""
import copy
import json
from pathlib import Path

import pytest
from qgis.core import (
    Qgis, QgsApplication, QgsFeature, QgsFeatureRequest, QgsField, QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition, QgsProcessingFeedback, QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource, QgsProcessingModelOutput, QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource, QgsProcessingParameterNumber, QgsProject, QgsRasterLayer, QgsVectorLayer,
)
from qgis.PyQt.QtCore import QMetaType

from rdh_qgis_plugin.processing.parameters import ADVANCED, processing_name
from rdh_qgis_plugin.processing.provider import NOT_IN_PROCESSING, PLACES, RdhProvider
from rdh_qgis_plugin.processing.spec import load_spec, resolved_default

from .plugin_helpers import clean_project, rdh_provider  # noqa: F401  (fixtures)

SPEC = load_spec()
PROCESSING_TYPES = {"vector": "source", "table": "source", "raster": "raster", "file": "file", "folder": "file",
                    "output_file": "fileDestination", "output_folder": "folderDestination", "int": "number",
                    "float": "number", "bool": "boolean", "enum": "enum", "date": "datetime", "string": "string"}
# Parameters of the map and atlas jobs presented as QGIS users pick them (processing/maps.py).
PRESENTED = {("map", "project"): "multilayer", ("map", "extent_of"): "source", ("map", "filter"): "expression",
             ("atlas", "project"): "multilayer", ("atlas", "coverage"): "source", ("atlas", "filter"): "expression"}
DATA = Path(__file__).resolve().parents[1] / "data"
CORRIDORS = DATA / "corridors"
TRANSHUMANCE = DATA / "transhumance" / "ki_reports.csv"
POE = DATA / "poe"
COUNTS = [("FMP-AGA", "2020-01-05", "Zinder", "Arlit", 62), ("FMP-AGA", "2020-02-05", "Zinder", "Ingall", 29)]


def _algorithm_id(job):
    return "rdh:" + PLACES.get(job, (job.replace("-", "_"),))[0]


def _expected_type(job, param):
    if (job, param["name"]) in PRESENTED:
        return PRESENTED[(job, param["name"])]
    if param["type"] in ("vector", "table", "raster") and param["multiple"]:
        return "multilayer"
    if param["type"] in ("int", "float") and param["nargs"] > 1:
        return "string"
    return PROCESSING_TYPES[param["type"]]


JOBS = [job for job in SPEC["jobs"] if job not in NOT_IN_PROCESSING]


@pytest.mark.parametrize("job", JOBS)
def test_processing_parameters_match_the_spec(rdh_provider, job):
    algorithm = QgsApplication.processingRegistry().algorithmById(_algorithm_id(job))
    assert algorithm is not None, f"no algorithm for the job {job}"
    declared = SPEC["jobs"][job]["params"]
    assert [d.name() for d in algorithm.parameterDefinitions()] == [processing_name(p) for p in declared]
    for param in declared:
        made = algorithm.parameterDefinition(processing_name(param))
        where = f"{job}.{param['name']}"
        assert made.type() == _expected_type(job, param), where
        assert bool(made.flags() & ADVANCED) == param["advanced"], where
        assert made.flags() & Qgis.ProcessingParameterFlag.Optional != param["required"], where
        if (job, param["name"]) in PRESENTED:
            continue
        default = param["default"]
        if param["type"] in ("vector", "table", "raster", "file", "folder"):
            assert made.defaultValue() == resolved_default(default), where
        elif param["type"] == "bool":
            assert made.defaultValue() == bool(default), where
        elif param["type"] not in ("output_file", "output_folder") and param["nargs"] == 1:
            assert made.defaultValue() == default, where
        if param["type"] in ("int", "float") and param["nargs"] == 1:
            low = param["min"] + (1 if param["type"] == "int" and param["min_open"] else 0) \
                if param["min"] is not None else None
            high = param["max"] if param["max"] is not None else None
            assert made.dataType() == (Qgis.ProcessingNumberParameterType.Integer if param["type"] == "int"
                                       else Qgis.ProcessingNumberParameterType.Double), where
            if low is not None:
                assert made.minimum() == low, where
            if high is not None:
                assert made.maximum() == high, where
        if param["type"] == "enum":
            assert made.options() == param["choices"] and made.usesStaticStrings(), where
            assert made.allowMultiple() == param["multiple"], where


def test_a_parameter_added_to_the_spec_appears_in_processing(qgis_processing, tmp_path):
    spec = copy.deepcopy(SPEC)
    params = spec["jobs"]["corridors"]["params"]
    new = {**next(p for p in params if p["name"] == "k"), "name": "max_hours", "type": "float", "default": 72.0,
           "unit": "h", "min": 0, "max": None, "min_open": True, "advanced": True,
           "help_en": "Longest route, in hours.", "help_fr": "Itinéraire le plus long, en heures."}
    params.insert(len(params) - 1, new)
    registry = QgsApplication.processingRegistry()
    provider = RdhProvider(spec)
    assert registry.addProvider(provider)
    try:
        made = registry.algorithmById("rdh:corridors").parameterDefinition("MAX_HOURS")
        assert made is not None and made.type() == "number"
        assert made.dataType() == Qgis.ProcessingNumberParameterType.Double
        assert made.defaultValue() == 72.0 and made.minimum() == 0 and made.flags() & ADVANCED
        assert made.description() == "Longest route, in hours [h]"
        algorithm = registry.createAlgorithmById("rdh:corridors")
        context = QgsProcessingContext()
        ok, message = algorithm.checkParameterValues({**_file_inputs(), "MAX_HOURS": 0, "OUTPUT": "x.gpkg"}, context)
        assert not ok and "MAX_HOURS" in message  # the open bound the spec declares
        # ...and its value reaches the job file under its spec name
        algorithm.prepare({**_file_inputs(), "MAX_HOURS": 48, "OUTPUT": str(tmp_path / "c.gpkg")}, context,
                          QgsProcessingFeedback())
        assert algorithm.values["max_hours"] == 48
    finally:
        registry.removeProvider(provider)


def _file_inputs():
    return {"ROADS": str(CORRIDORS / "roads.gpkg"), "PLACES": str(CORRIDORS / "places.csv"),
            "FMP": str(CORRIDORS / "fmp.csv"), "COUNTS": str(CORRIDORS / "counts.csv")}


def _counts_memory_layer():
    """The fixture's counts as a memory table, plus one row more that is not selected."""
    layer = QgsVectorLayer("None", "counts in memory", "memory")
    fields = [QgsField(name, QMetaType.Type.QString) for name in ("fmp_id", "date", "origin", "destination")]
    layer.dataProvider().addAttributes([*fields, QgsField("count", QMetaType.Type.Int)])
    layer.updateFields()
    features = []
    for row in [*COUNTS, ("FMP-AGA", "2020-03-05", "Zinder", "Arlit", 5000)]:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.selectByIds([f.id() for f in layer.getFeatures() if f["count"] != 5000])
    return layer


def _project_inputs(project):
    roads = QgsVectorLayer(f"{CORRIDORS / 'roads.gpkg'}", "roads", "ogr")
    places = QgsVectorLayer(f"file://{CORRIDORS / 'places.csv'}?delimiter=,&xField=lon&yField=lat&crs=EPSG:4326",
                            "places", "delimitedtext")
    fmp = QgsVectorLayer(str(CORRIDORS / "fmp.csv"), "fmp", "ogr")
    counts = _counts_memory_layer()
    for layer in (roads, places, fmp, counts):
        assert layer.isValid(), layer.name()
        project.addMapLayer(layer)
    return {"ROADS": roads.id(), "PLACES": places.id(), "FMP": fmp.id(),
            "COUNTS": QgsProcessingFeatureSourceDefinition(counts.id(), True)}


def _edge_flows(path):
    layer = QgsVectorLayer(f"{path}|layername=edge_flows", "edge_flows", "ogr")
    rows = sorted(tuple(str(v) for v in f.attributes()) for f in layer.getFeatures())
    del layer
    return rows


def test_corridors_from_project_layers_and_a_selection_load_into_the_project(rdh_provider, clean_project, tmp_path):
    import processing

    inputs = _project_inputs(clean_project)
    out = tmp_path / "from_layers.gpkg"
    results = processing.runAndLoadResults("rdh:corridors", {**inputs, "K": 2, "N_BOOT": 20, "OUTPUT": str(out)})
    assert results["OUTPUT"] == str(out)
    assert results["CORRIDORS"] == f"{out}|layername=corridors"
    assert f"{out}|layername=edge_flows" in results["LAYERS"]
    # the selection (two of the three rows) is what the engine counted: same flows as the CSV file
    reference = tmp_path / "from_files.gpkg"
    processing.run("rdh:corridors", {**_file_inputs(), "K": 2, "N_BOOT": 20, "OUTPUT": str(reference)})
    assert _edge_flows(out) == _edge_flows(reference)
    loaded = {layer.source(): layer for layer in clean_project.mapLayers().values()}
    edge_flows = loaded[f"{out}|layername=edge_flows"]
    styled = QgsVectorLayer(f"{out}|layername=edge_flows", "styled", "ogr")
    styled.loadDefaultStyle()
    assert edge_flows.renderer().type() == styled.renderer().type() != "singleSymbol"
    del styled, edge_flows, loaded


def test_corridors_in_a_model_fed_by_another_algorithm(rdh_provider, clean_project, tmp_path):
    """A model: the project's counts (memory layer) filtered by QGIS's own algorithm, whose output
    feeds rdh:corridors; the model's results load into the project."""
    import processing

    inputs = _project_inputs(clean_project)
    model = QgsProcessingModelAlgorithm("corridors of large counts", "rdh tests")
    model.addModelParameter(QgsProcessingParameterFeatureSource("counts", "counts"),
                            QgsProcessingModelParameter("counts"))
    model.addModelParameter(QgsProcessingParameterNumber("minimum", "minimum", defaultValue=10),
                            QgsProcessingModelParameter("minimum"))
    extract = QgsProcessingModelChildAlgorithm("native:extractbyexpression")
    extract.setChildId("large")
    extract.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("counts")])
    extract.addParameterSources("EXPRESSION", [QgsProcessingModelChildParameterSource.fromStaticValue(
        '"count" >= 10')])
    model.addChildAlgorithm(extract)
    corridors = QgsProcessingModelChildAlgorithm("rdh:corridors")
    corridors.setChildId("corridors")
    for key, value in {**_file_inputs(), "K": 2, "N_BOOT": 20}.items():
        if key != "COUNTS":
            corridors.addParameterSources(key, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    corridors.addParameterSources("COUNTS", [QgsProcessingModelChildParameterSource.fromChildOutput("large",
                                                                                                   "OUTPUT")])
    output = QgsProcessingModelOutput("corridors_gpkg")
    output.setChildOutputName("OUTPUT")
    output.setChildId("corridors")
    corridors.setModelOutputs({"corridors_gpkg": output})
    model.addChildAlgorithm(corridors)
    model.updateDestinationParameters()
    out = tmp_path / "model.gpkg"
    results = processing.runAndLoadResults(model, {"counts": inputs["COUNTS"], "minimum": 10,
                                                   "corridors:corridors_gpkg": str(out)})
    assert results["corridors:corridors_gpkg"] == str(out)
    assert _edge_flows(out) == _edge_flows_reference(tmp_path)
    sources = {layer.source() for layer in clean_project.mapLayers().values()}
    assert f"{out}|layername=corridors" in sources and f"{out}|layername=edge_flows" in sources


def _edge_flows_reference(tmp_path):
    import processing

    reference = tmp_path / "reference.gpkg"
    processing.run("rdh:corridors", {**_file_inputs(), "K": 2, "N_BOOT": 20, "OUTPUT": str(reference)})
    return _edge_flows(reference)


def test_job_file_holds_spec_names_and_typed_values(rdh_provider, tmp_path):
    """What the worker receives: the JSON `rdh run` reads, keyed by the spec's names."""
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("rdh:poe_impact")
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    parameters = {"POE": str(CORRIDORS / "fmp.csv"), "DATE": "2020-04-15", "CRITICALITY": True,
                  "EDGE_RULE": "most_restrictive", "OUTPUT": str(tmp_path / "i.gpkg")}
    assert algorithm.prepare(parameters, context, QgsProcessingFeedback())
    values = algorithm.values
    assert values["date"] == "2020-04-15" and values["criticality"] is True
    assert values["edge_rule"] == "most_restrictive" and values["output"] == str(tmp_path / "i.gpkg")
    assert values["roads"].endswith("sample_data/real/roads.gpkg")  # the spec's default, found in the toolkit
    assert values["start"] == "2020-03-01" and values["workers"] == 2
    json.dumps(values)  # plain JSON


def _memory_copy(path, name, keep):
    """A memory layer with the rows of a CSV (as text), those passing ``keep`` selected."""
    source = QgsVectorLayer(str(path), name, "ogr")
    layer = source.materialize(QgsFeatureRequest())
    layer.setName(name)
    layer.selectByIds([f.id() for f in layer.getFeatures() if keep(f)])
    del source
    return layer


def test_transhumance_from_project_layers_with_a_selection(rdh_provider, clean_project, tmp_path, sample_data):
    """Key-informant reports of five of the six herds selected in a memory layer: five routes."""
    import processing

    real = sample_data / "real"
    reports = _memory_copy(TRANSHUMANCE, "reports", lambda f: f["herd_id"] != "H01")
    landcover = QgsRasterLayer(str(real / "landcover_igbp_0p05deg.tif"), "landcover")
    admin = QgsVectorLayer(f"{real / 'admin.gpkg'}|layername=adm0", "countries", "ogr")
    for layer in (reports, landcover, admin):
        assert layer.isValid()
        clean_project.addMapLayer(layer)
    out = tmp_path / "dry.gpkg"
    results = processing.runAndLoadResults("rdh:transhumance", {
        "REPORTS": QgsProcessingFeatureSourceDefinition(reports.id(), True), "LANDCOVER": landcover.id(),
        "SEASON": "dry", "ADMIN": admin.id(), "RESOLUTION_M": 10000.0, "OUTPUT": str(out)})
    routes = QgsVectorLayer(results["HERD_ROUTES"], "routes", "ogr")
    assert routes.featureCount() == 5 and "H01" not in {f["herd_id"] for f in routes.getFeatures()}
    del routes
    sources = {layer.source() for layer in clean_project.mapLayers().values()}
    assert f"{out}|layername=herd_routes" in sources and str(out.with_name("route_density.tif")) in sources


def test_poe_impact_from_project_layers_with_a_selection(rdh_provider, clean_project, tmp_path, sample_data):
    """The road layer picked inside its GeoPackage (its name goes to roads_layer), the OD flows a
    memory layer of which only the Dakar rows are selected."""
    import processing

    real = sample_data / "real"
    roads = QgsVectorLayer(f"{real / 'roads.gpkg'}|layername=edges", "roads", "ogr")
    od = _memory_copy(POE / "od.csv", "od", lambda f: f["origin"] == "Dakar")
    poe = QgsVectorLayer(str(POE / "poe.csv"), "poe", "ogr")
    for layer in (roads, od, poe):
        assert layer.isValid()
        clean_project.addMapLayer(layer)
    out = tmp_path / "impact.gpkg"
    results = processing.runAndLoadResults("rdh:poe_impact", {
        "ROADS": roads.id(), "POE": poe.id(), "STATUS": str(POE / "status.csv"),
        "OD": QgsProcessingFeatureSourceDefinition(od.id(), True), "DATE": "2020-04-15", "SCHEDULER": "serial",
        "OUTPUT": str(out)})
    impact = QgsVectorLayer(results["OD_IMPACT"], "od_impact", "ogr")
    origins = {f["origin"] for f in impact.getFeatures()}
    del impact
    assert origins == {"Dakar"}
    sources = {layer.source() for layer in clean_project.mapLayers().values()}
    assert f"{out}|layername=od_impact" in sources and f"{out}|layername=poe_impact" in sources
