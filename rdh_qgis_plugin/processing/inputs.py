"""QGIS layers as the files the engine reads.

The engine runs in its own process and reads files. A layer that is a whole file (a GeoPackage
layer, a Shapefile, a CSV — loaded by OGR or as delimited text) is passed as that file, as on the
command line, so the engine finds the other layers it needs in it (roads.gpkg's crossings,
water.gpkg's lakes). A layer that is not file-backed (a memory layer, a web service), a selection
("selected features only"), a filtered or limited source, or a layer with a subset filter is
written first to a temporary file, as QGIS's own GDAL algorithms do: a GeoPackage layer named after
the source layer (the engine finds `od_flows`, `adm0`... by name), or a CSV for a table without
geometry (the engine reads tables' cells as text).
"""
import os
from pathlib import Path

from qgis.core import (
    QgsFeatureRequest, QgsProcessingException, QgsProcessingFeatureSourceDefinition, QgsProcessingUtils,
    QgsProviderRegistry, QgsVectorFileWriter, QgsVectorLayer, QgsWkbTypes,
)

from ..i18n import tr

FILE_PROVIDERS = ("ogr", "delimitedtext")


def file_of(layer):
    """``(path, layer name or "")`` of a file-backed layer, else ``(None, "")``."""
    if layer is None or layer.providerType() not in FILE_PROVIDERS + ("gdal",):
        return None, ""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path") or ""
    if not path or not os.path.isfile(path):
        return None, ""
    return path, parts.get("layerName") or ""


def _narrowed(value):
    """A feature source definition that keeps only some features (selection, limit, filter)."""
    if not isinstance(value, QgsProcessingFeatureSourceDefinition):
        return False
    return bool(value.selectedFeaturesOnly or value.featureLimit not in (-1, None)
                or getattr(value, "filterExpression", ""))


def source_file(algorithm, name, parameters, context, workdir, *, fallback_name):
    """The file the engine reads for the feature-source parameter ``name``: ``(path, layer name)``.

    ``layer name`` is set when the user chose one layer of a file (for the jobs that take it).
    """
    layer = vector_layer(algorithm, name, parameters, context)
    if layer is None:
        return None, ""
    path, layer_name = file_of(layer)
    if path and not _narrowed(parameters.get(name)) and not layer.subsetString():
        return path, layer_name
    source = algorithm.parameterAsSource(parameters, name, context)
    return write_temporary(source, workdir, layer_name or fallback_name, context), ""


def vector_layer(algorithm, name, parameters, context):
    """The layer behind a feature-source value (parameterAsVectorLayer does not read a source definition)."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        reference = value.source.valueAsString(context.expressionContext())
        reference = reference[0] if isinstance(reference, tuple) else reference
        return QgsProcessingUtils.mapLayerFromString(reference, context)
    return algorithm.parameterAsVectorLayer(parameters, name, context)


def layer_file(layer, context, workdir, *, fallback_name):
    """The file of one layer of a multiple-layer parameter (written out when not file-backed)."""
    path, _ = file_of(layer)
    if path and not (isinstance(layer, QgsVectorLayer) and layer.subsetString()):
        return path
    if not isinstance(layer, QgsVectorLayer):
        raise QgsProcessingException(tr("{name}: the engine reads files; save this layer to a file first.").format(
            name=layer.name()))
    return write_temporary(layer, workdir, file_of(layer)[1] or fallback_name, context)


def raster_file(layer):
    path, _ = file_of(layer)
    if layer is not None and not path:
        raise QgsProcessingException(tr("{name}: the engine reads files; save this layer to a file first.").format(
            name=layer.name()))
    return path


def write_temporary(source, workdir, layer_name, context):
    """Every feature of ``source`` (a feature source or layer) into ``workdir``: GeoPackage layer
    ``layer_name``, or ``layer_name.csv`` when it has no geometry."""
    spatial = QgsWkbTypes.geometryType(source.wkbType()) not in (
        QgsWkbTypes.GeometryType.NullGeometry, QgsWkbTypes.GeometryType.UnknownGeometry)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG" if spatial else "CSV"
    options.fileEncoding = "UTF-8"
    options.layerName = layer_name
    path = Path(workdir) / (f"{layer_name}.gpkg" if spatial else f"{layer_name}.csv")
    counter = 1
    while path.exists():
        counter += 1
        path = path.with_name(f"{layer_name}_{counter}{path.suffix}")
    crs = source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()
    writer = QgsVectorFileWriter.create(str(path), source.fields(), source.wkbType(), crs,
                                        context.transformContext(), options)
    if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        raise QgsProcessingException(writer.errorMessage())
    for feature in source.getFeatures(QgsFeatureRequest()):
        writer.addFeature(feature)
    error = writer.hasError()
    message = writer.errorMessage()
    del writer  # closes the file
    if error != QgsVectorFileWriter.WriterError.NoError:
        raise QgsProcessingException(message)
    return str(path)
