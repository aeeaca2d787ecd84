"""One Processing algorithm class for every job of the spec.

A :class:`JobAlgorithm` is made from one job's declaration (spec.json): its parameters are the
job's parameters (parameters.py), its outputs the layers, rasters and tables the job declares plus
``LAYERS`` (everything loadable it wrote). Running it:

1. ``prepareAlgorithm`` (main thread, where layers may be read): every value becomes a job value;
   layers that are not whole files are written to a temporary GeoPackage (inputs.py);
2. ``processAlgorithm`` (any thread): `rdh run NAME --job job.json --manifest manifest.json` in the
   worker process (engine.py), progress and cancel relayed;
3. the manifest's layers and rasters go to the results and are registered to load on completion
   (toolbox, batch, models; the docks' tasks load them into a group), with their embedded house
   style and their title in the plugin's language.
"""
import re
import uuid
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingException, QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputMapLayer, QgsProcessingOutputMultipleLayers, QgsProcessingUtils, QgsProviderRegistry,
    QgsWkbTypes,
)

from ..i18n import tr
from .engine import run_job
from .inputs import layer_file, raster_file, source_file
from .parameters import bound_problem, definition, processing_name
from .spec import language, localized, output_declarations

LAYERS = "LAYERS"
LOADED_KINDS = ("layer", "raster")
NOT_LOADED = ("layer_styles",)  # the GeoPackage's style table, not a result
_NUMBERS = re.compile(r"[\s,;]+")


class JobAlgorithm(QgsProcessingAlgorithm):
    """The Processing algorithm of one job (``job``: its declaration in spec.json)."""

    def __init__(self, job_name, job, *, algorithm_id=None, group_id="", group=""):
        super().__init__()
        self.job_name = job_name
        self.job = job
        self.algorithm_id = algorithm_id or job_name.replace("-", "_")
        self.group_id = group_id
        self.group_name = group
        self.values = {}
        self.workdir = None
        self.loadable = []
        self.last_results = {}
        self.preparation_error = ""

    # --- what the toolbox shows ---
    def name(self):
        return self.algorithm_id

    def displayName(self):  # noqa: N802
        return localized(self.job, "title")

    def group(self):
        return self.group_name

    def groupId(self):  # noqa: N802
        return self.group_id

    def shortHelpString(self):  # noqa: N802
        return localized(self.job, "help") + "\n\n" + tr("Same as `rdh {command}` on the command line.").format(
            command=self.job_name)

    def createInstance(self):  # noqa: N802
        return type(self)(self.job_name, self.job, algorithm_id=self.algorithm_id, group_id=self.group_id,
                          group=self.group_name)

    # --- parameters and outputs, from the declaration ---
    def initAlgorithm(self, config=None):  # noqa: N802
        lang = language()
        for param in self.job["params"]:
            for made in self.parameter_definitions(param, lang):
                self.addParameter(made)
        self.addOutput(QgsProcessingOutputMultipleLayers(LAYERS, tr("Layers written")))
        for name, output in self.output_names().items():
            self.addOutput(QgsProcessingOutputMapLayer(output, name))

    def parameter_definitions(self, param, lang):
        """The Processing parameters of one spec parameter (subclasses present some differently)."""
        return [definition(param, lang)]

    def output_names(self):
        """Declared output -> result name (capitals; ``_OUTPUT`` added where a parameter has the name)."""
        taken = {processing_name(p) for p in self.job["params"]} | {LAYERS}
        names = {}
        for item in output_declarations(self.job):
            name = item["name"].upper()
            names[item["name"]] = f"{name}_OUTPUT" if name in taken else name
        return names

    def params(self, *types):
        return [p for p in self.job["params"] if not types or p["type"] in types]

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        for param in self.params("float", "int", "string"):
            name = processing_name(param)
            if parameters.get(name) in (None, ""):
                continue
            if param.get("nargs", 1) > 1:
                if len(self._numbers(param, parameters, context)) != param["nargs"]:
                    return False, tr("{name}: give {n} numbers").format(name=name, n=param["nargs"])
                continue
            if param["type"] == "float":
                problem = bound_problem(param, self.parameterAsDouble(parameters, name, context))
                if problem:
                    return False, tr("{name} must be {bound}").format(name=name, bound=problem)
            if param["type"] == "string" and param.get("pattern"):
                value = self.parameterAsString(parameters, name, context)
                if not re.fullmatch(param["pattern"], value):
                    return False, tr("{name}: {value} does not match {pattern}").format(
                        name=name, value=value, pattern=param["pattern"])
        return True, ""

    # --- running ---
    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Main thread: read the layers and turn every value into a job value."""
        self.workdir = Path(QgsProcessingUtils.tempFolder()) / f"rdh-{self.job_name}-{uuid.uuid4().hex[:8]}"
        self.workdir.mkdir(parents=True, exist_ok=True)
        try:
            self.values = self.job_values(parameters, context)
        except QgsProcessingException as exc:
            # Raised again by processAlgorithm: a failed prepare() reaches the caller only as
            # "There were errors executing the algorithm".
            self.preparation_error = str(exc)
        return True

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.raise_preparation_error()
        manifest, _ = run_job(self.job_name, self.values, feedback, self.workdir)
        return self.results(manifest)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        """Main thread, with the caller's own context: register what to load (the layer details then
        keep their style post-processor; a worker thread's context is a copy that goes away)."""
        for order, (uri, title, output) in enumerate(self.loadable):
            load_on_completion(context, uri, title, output, group=self.displayName(), order=order)
        return dict(self.last_results)

    def raise_preparation_error(self):
        if self.preparation_error:
            raise QgsProcessingException(self.preparation_error)

    def job_values(self, parameters, context):
        """The job file's values, keyed by spec name; unset optional values are left out."""
        values = {}
        names = {p["name"] for p in self.job["params"]}
        for param in self.job["params"]:
            value, layer_name = self.job_value(param, parameters, context)
            if value is None or value == [] or value == "":
                continue
            values[param["name"]] = value
            # A layer chosen inside a multi-layer file: the jobs that take its name get it.
            layer_param = f"{param['name']}_layer"
            if layer_name and layer_param in names and not parameters.get(layer_param.upper()):
                values.setdefault(layer_param, layer_name)
        return values

    def job_value(self, param, parameters, context):  # noqa: C901  (one branch per type of the closed set)
        """``(value, layer name)`` of one parameter; value None when unset."""
        name, kind = processing_name(param), param["type"]
        definition_ = self.parameterDefinition(name)
        raw = parameters.get(name, definition_.defaultValue() if definition_ else None)
        if raw is None or (hasattr(raw, "isNull") and raw.isNull()):
            return None, ""
        multiple = param.get("multiple")
        if kind in ("vector", "table") and multiple:  # several layers of one file: that file once
            files = [layer_file(layer, context, self.workdir, fallback_name=param["kind"] or param["name"])
                     for layer in self.parameterAsLayerList(parameters, name, context)]
            return list(dict.fromkeys(files)), ""
        if kind in ("vector", "table"):
            return source_file(self, name, parameters, context, self.workdir,
                               fallback_name=param["kind"] or param["name"])
        if kind == "raster":
            if multiple:
                return [raster_file(layer) for layer in self.parameterAsLayerList(parameters, name, context)], ""
            return raster_file(self.parameterAsRasterLayer(parameters, name, context)), ""
        if kind in ("file", "folder"):
            return self.parameterAsFile(parameters, name, context) or None, ""
        if kind in ("output_file", "output_folder"):
            path = self.parameterAsFileOutput(parameters, name, context)
            return ([path] if multiple else path) if path else None, ""
        if kind in ("int", "float") and param.get("nargs", 1) > 1:
            return self._numbers(param, parameters, context), ""
        if kind == "int":
            return self.parameterAsInt(parameters, name, context), ""
        if kind == "float":
            return self.parameterAsDouble(parameters, name, context), ""
        if kind == "bool":
            return self.parameterAsBoolean(parameters, name, context), ""
        if kind == "enum":
            if multiple:
                return self.parameterAsEnumStrings(parameters, name, context), ""
            return self.parameterAsEnumString(parameters, name, context) or None, ""
        if kind == "date":
            when = self.parameterAsDateTime(parameters, name, context)
            return (when.date().toString("yyyy-MM-dd") if when.isValid() else None), ""
        text = self.parameterAsString(parameters, name, context).strip()
        if multiple:
            return [item.strip() for item in re.split(r"[\n;]", text) if item.strip()], ""
        return text or None, ""

    def _numbers(self, param, parameters, context):
        text = self.parameterAsString(parameters, processing_name(param), context).strip()
        cast = int if param["type"] == "int" else float
        try:
            return [cast(item) for item in _NUMBERS.split(text) if item]
        except ValueError:
            return []

    def results(self, manifest):
        """The results: destination parameters, ``LAYERS`` and one per declared output. What can be
        loaded (layers, rasters, GeoPackage tables) is kept for postProcessAlgorithm."""
        results = {processing_name(p): self.values.get(p["name"]) for p in self.params("output_file", "output_folder")}
        names = self.output_names()
        lang = language()
        self.loadable = []
        for entry in expand_folders(manifest.get("outputs", [])):
            if entry.get("layer") in NOT_LOADED:
                continue
            uri = entry["path"] + (f"|layername={entry['layer']}" if entry.get("layer") else "")
            output = names.get(entry["name"])
            if output:
                results[output] = uri
            if entry["kind"] in LOADED_KINDS or (entry["kind"] == "table" and entry["path"].endswith(".gpkg")):
                self.loadable.append((uri, localized(entry, "title", lang) or entry["name"], output or LAYERS))
        results[LAYERS] = [uri for uri, _, _ in self.loadable]
        self.last_results = results
        return results


def expand_folders(entries):
    """The manifest's entries, a folder (``rdh demo`` lists its output folder) replaced by the layers of
    the GeoPackages directly in it."""
    for entry in entries:
        folder = Path(entry["path"])
        if not folder.is_dir():
            yield entry
            continue
        for gpkg in sorted(folder.glob("*.gpkg")):
            for sublayer in QgsProviderRegistry.instance().querySublayers(str(gpkg)):
                kind = "layer" if sublayer.wkbType() not in (QgsWkbTypes.Type.NoGeometry, QgsWkbTypes.Type.Unknown) \
                    else "table"
                yield {"name": sublayer.name(), "kind": kind, "path": str(gpkg), "layer": sublayer.name()}


class DefaultStyle(QgsProcessingLayerPostProcessorInterface):
    """After loading: the layer's embedded default style (GeoPackage layer_styles, or the .qml beside a
    GeoTIFF), which Processing's loader does not apply by itself."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        layer.loadDefaultStyle()
        layer.triggerRepaint()


# The context owns each post-processor's C++ side (and deletes it); its Python side must stay
# referenced until Processing calls it, after the algorithm object is gone.
_STYLE_LOADERS = []


def load_on_completion(context, uri, title, output_name, *, group="", order=0):
    details = QgsProcessingContext.LayerDetails(title, context.project(), output_name)
    details.forceName = True
    details.layerSortKey = order  # the manifest's order (the context keeps them sorted by source)
    if group:
        details.groupName = group
    loader = DefaultStyle()
    _STYLE_LOADERS.append(loader)
    details.setPostProcessor(loader)
    context.addLayerToLoadOnCompletion(uri, details)
