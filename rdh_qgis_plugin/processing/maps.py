"""rdh:map and rdh:atlas — the `map` and `atlas` jobs (runs_in "qgis"), with layers picked in QGIS.

Their parameters are the jobs' declarations (spec.json), as for every job, with three presented as
QGIS users pick them: the styled GeoPackage(s) (``project``) are the layers to show, chosen in the
project (their files and names become ``project`` and ``layers``); the layer to frame
(``extent_of``) or to page through (``coverage``) is a project layer, and ``filter`` an expression
on it. The selection of the coverage layer ("selected features only") becomes a filter too.
Like every job they run in the `rdh` worker, which starts its own headless QGIS, opens the
GeoPackage layers with their embedded house styles, fills the hub's layout template and exports.
"""
from qgis.core import (
    QgsProcessing, QgsProcessingException, QgsProcessingFeatureSourceDefinition, QgsProcessingParameterExpression,
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


class _LayoutJobAlgorithm(JobAlgorithm):
    #: The spec parameter naming the layer the map is about (extent_of, coverage).
    SUBJECT = ""

    def parameter_definitions(self, param, lang):
        name = processing_name(param)
        if param["name"] == "project":
            made = QgsProcessingParameterMultipleLayers(
                name, tr("Layers to show (top first; GeoPackage layers)"), QgsProcessing.SourceType.TypeVector,
                optional=not param["required"])
        elif param["name"] == self.SUBJECT:
            made = QgsProcessingParameterFeatureSource(
                name, label(param, lang), [QgsProcessing.SourceType.TypeVectorAnyGeometry],
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


class AtlasAlgorithm(_LayoutJobAlgorithm):
    SUBJECT = "coverage"
