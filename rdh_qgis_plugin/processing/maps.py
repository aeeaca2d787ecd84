"""rdh:map and rdh:atlas — the `map` and `atlas` jobs (runs_in "qgis"), with layers picked in QGIS.

Their parameters are the jobs' declarations (spec.json), as for every job, with three presented as
QGIS users pick them: the styled GeoPackage(s) (``project``) are the layers to show, chosen in the
project (their files and names become ``project`` and ``layers``); the layer to frame
(``extent_of``) or to page through (``coverage``) is a project layer, and ``filter`` an expression
on it. The selection of the coverage layer ("selected features only") becomes a filter too.
Unlike the analyses they run here, in the QGIS process, on the main thread (layouts and fonts):
maps need PyQGIS, which the engine's own Python may not have (the environment the plugin installs
has no QGIS). The same code as `rdh map` / `rdh atlas` (layouts/make.py) opens the GeoPackage layers
with their embedded house styles, fills the hub's layout template and exports.
"""
import sys

from qgis.core import (
    Qgis, QgsProcessingException, QgsProcessingFeatureSourceDefinition, QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource, QgsProcessingParameterMultipleLayers, QgsProviderRegistry,
)

from ..i18n import map_language, tr
from .inputs import vector_layer
from .job_algorithm import JobAlgorithm
from .parameters import definition, label, processing_name


def geopackage_source(layer):
    """(GeoPackage path, layer name) of a QGIS layer, or a clear error for other layers."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path") or ""
    if layer.providerType() != "ogr" or not path.lower().endswith(".gpkg"):
        raise QgsProcessingException(
            tr("{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer "
               "to a GeoPackage first.").format(name=layer.name()))
    return path, parts.get("layerName") or layer.name()


def layout_code():
    """The plugin's layout code (layouts/make.py), importable in QGIS's own Python.

    It raises the engine's error classes and writes through its atomic writer (plain-Python modules
    of rdh_engine). Where QGIS's Python has no rdh_engine (the engine lives in its own environment),
    the engine wheel shipped in the plugin goes at the end of sys.path so that those pure-Python
    modules import from it; nothing compiled, and no analysis, is imported from it.
    """
    try:
        import rdh_engine.errors  # noqa: F401
    except ImportError:
        from ..installer import bundled_wheel

        wheel = bundled_wheel()
        if wheel is None:
            raise QgsProcessingException(tr("The plugin's engine wheel (wheels/) is missing: reinstall the "
                                            "plugin.")) from None
        sys.path.append(str(wheel))
    from ..layouts import make

    return make


def _in_qgis(work):
    """``work(make)`` with the engine's errors turned into Processing errors."""
    make = layout_code()
    from rdh_engine.errors import RdhError

    try:
        return work(make)
    except (RdhError, OSError) as exc:
        raise QgsProcessingException(str(exc)) from None


def _common(values):
    """The keyword arguments of make_map/make_atlas shared by both, from the job's values."""
    return dict(layers=values.get("layers"), template=values.get("template", "a4-landscape"),
                lang=values.get("lang", "en"), title=values.get("title"), subtitle=values.get("subtitle"),
                period=values.get("period"), extra_sources=values.get("sources"), logo=values.get("logo"),
                locator_name=values.get("locator"), dpi=int(values.get("dpi", 200)),
                save_project=values.get("save_project"), public=bool(values.get("public")))


class _LayoutJobAlgorithm(JobAlgorithm):
    #: The spec parameter naming the layer the map is about (extent_of, coverage).
    SUBJECT = ""

    def flags(self):
        return super().flags() | Qgis.ProcessingAlgorithmFlag.NoThreading  # layouts and fonts: main thread

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.raise_preparation_error()
        values = self.values
        if not values.get("project"):
            raise QgsProcessingException(tr("Choose the layers to show."))

        def claim_and_make(make):
            from rdh_engine.io.atomic import claim_outputs

            claim_outputs(self.claimed(values), overwrite=bool(values.get("overwrite")))
            return self.make(make, values, feedback)

        written = _in_qgis(claim_and_make)
        for path in written:
            feedback.pushInfo(tr("Wrote {path}").format(path=path))
        return self.results({"job": self.job_name, "outputs": []})

    def parameter_definitions(self, param, lang):
        name = processing_name(param)
        if param["name"] == "project":
            made = QgsProcessingParameterMultipleLayers(
                name, tr("Layers to show (top first; GeoPackage layers)"), Qgis.ProcessingSourceType.Vector,
                optional=not param["required"])
        elif param["name"] == self.SUBJECT:
            made = QgsProcessingParameterFeatureSource(
                name, label(param, lang), [Qgis.ProcessingSourceType.VectorAnyGeometry],
                optional=not param["required"])
        elif param["name"] == "filter":
            made = QgsProcessingParameterExpression(name, label(param, lang),
                                                    parentLayerParameterName=self.SUBJECT.upper(), optional=True)
        elif param["name"] == "lang":
            made = definition(param, lang)
            made.setDefaultValue(map_language())  # maps speak the language of the QGIS interface by default
            return [made]
        else:
            return [definition(param, lang)]
        generic = definition(param, lang)
        made.setHelp(generic.help())
        made.setFlags(generic.flags())
        made.setMetadata(generic.metadata())
        return [made]

    def job_value(self, param, parameters, context):
        name = processing_name(param)
        if param["name"] == "project":
            layers = self.parameterAsLayerList(parameters, name, context) or []
            return list(dict.fromkeys(geopackage_source(layer)[0] for layer in layers)) or None, ""
        if param["name"] == "layers" and not parameters.get(name):
            layers = self.parameterAsLayerList(parameters, "PROJECT", context) or []
            return [geopackage_source(layer)[1] for layer in layers] or None, ""
        if param["name"] == self.SUBJECT:
            layer = vector_layer(self, name, parameters, context)
            return (geopackage_source(layer)[1] if layer is not None else None), ""
        if param["name"] == "filter":
            return self.subject_filter(parameters, context), ""
        return super().job_value(param, parameters, context)

    def subject_filter(self, parameters, context):
        """The expression, and with "selected features only" the selected features of the subject layer."""
        filters = []
        expression = self.parameterAsExpression(parameters, "FILTER", context)
        if expression:
            filters.append(f"({expression})")
        subject = parameters.get(self.SUBJECT.upper())
        if isinstance(subject, QgsProcessingFeatureSourceDefinition) and subject.selectedFeaturesOnly:
            layer = vector_layer(self, self.SUBJECT.upper(), parameters, context)
            fids = sorted(layer.selectedFeatureIds())
            if not fids:
                raise QgsProcessingException(tr("'Selected features only' is on, but nothing is selected."))
            filters.append(f"$id IN ({', '.join(map(str, fids))})")
        return " AND ".join(filters) or None

    def job_values(self, parameters, context):
        values = super().job_values(parameters, context)
        subject = values.get(self.SUBJECT)
        if subject and values.get("layers") and subject not in values["layers"]:
            raise QgsProcessingException(tr("Add the layer {name} to the layers shown.").format(name=subject))
        return values


class MapAlgorithm(_LayoutJobAlgorithm):
    SUBJECT = "extent_of"

    def claimed(self, values):
        return [*values.get("output", []), values.get("save_project")]

    def make(self, make, values, feedback):
        return make.make_map(values["project"], **_common(values), extent_layer=values.get("extent_of"),
                             filter_expression=values.get("filter"), outputs=list(values.get("output", [])))


class AtlasAlgorithm(_LayoutJobAlgorithm):
    SUBJECT = "coverage"

    def claimed(self, values):
        return [None if values.get("per_page") else values.get("output"), values.get("save_project")]

    def make(self, make, values, feedback):
        def progress(done, total, *_):
            feedback.setProgress(100.0 * done / max(total, 1))

        pages, written = make.make_atlas(
            values["project"], **_common(values), coverage_name=values.get("coverage"),
            filter_expression=values.get("filter"), page_name=values.get("page_name"),
            per_page=bool(values.get("per_page")), formats=tuple(values.get("format") or ("pdf",)),
            output=values.get("output"), progress=progress)
        feedback.pushInfo(tr("Wrote {pages} page(s) in {files} file(s)").format(pages=pages, files=len(written)))
        return written
