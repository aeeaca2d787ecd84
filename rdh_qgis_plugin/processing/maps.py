"""rdh:map and rdh:atlas — `rdh map` / `rdh atlas` as Processing algorithms.

Like every algorithm, they run the `rdh` command in a worker process (engine_runner): the worker
starts its own headless QGIS, opens the GeoPackage layers with their embedded house styles, fills
the hub's layout template and exports. Layers must therefore be GeoPackage layers (the toolkit's
outputs); the selection of the coverage layer becomes a filter (export selected pages only).
"""
from pathlib import Path

from qgis.core import (
    QgsProcessing, QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingOutputFile,
    QgsProcessingOutputFolder, QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
    QgsProcessingParameterExpression, QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination, QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
    QgsProcessingParameterString, QgsProcessingParameterVectorLayer, QgsProviderRegistry,
)

from ..i18n import map_language, tr
from .engine import run_engine

TEMPLATES = ("a4-landscape", "a4-portrait", "a3-landscape", "a3-portrait")
LANGUAGES = ("en", "fr")
PAGE_FORMATS = (("pdf",), ("png",), ("pdf", "png"))


def geopackage_source(layer):
    """(GeoPackage path, layer name) of a QGIS layer, or a clear error for other layers."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path") or ""
    if layer.providerType() != "ogr" or not path.lower().endswith(".gpkg"):
        raise QgsProcessingException(
            tr("{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer "
               "to a GeoPackage first.").format(name=layer.name()))
    return path, parts.get("layerName") or layer.name()


def layer_arguments(layers):
    """`-p GPKG ... --layers a,b,c` for layers that may come from several GeoPackages."""
    paths, names = [], []
    for layer in layers:
        path, name = geopackage_source(layer)
        if path not in paths:
            paths.append(path)
        names.append(name)
    args = [arg for path in paths for arg in ("-p", path)]
    return args + ["--layers", ",".join(names)] if names else args


class _LayoutAlgorithm(QgsProcessingAlgorithm):
    LAYERS = "LAYERS"
    TEMPLATE = "TEMPLATE"
    TEMPLATE_FILE = "TEMPLATE_FILE"
    LANG = "LANG"
    TITLE = "TITLE"
    PERIOD = "PERIOD"
    DPI = "DPI"

    def group(self):
        return tr("Maps")

    def groupId(self):  # noqa: N802
        return "maps"

    def add_layout_parameters(self, layers_optional):
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.LAYERS, tr("Layers to show (top first; GeoPackage layers)"), QgsProcessing.SourceType.TypeVector,
            optional=layers_optional))
        template_names = [tr("A4 landscape"), tr("A4 portrait"), tr("A3 landscape"), tr("A3 portrait")]  # TEMPLATES
        self.addParameter(QgsProcessingParameterEnum(self.TEMPLATE, tr("Template"), options=template_names,
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.TEMPLATE_FILE, tr("Own layout template (.qpt), instead of the above"), extension="qpt",
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.LANG, tr("Language"), options=["English", "Français"],
                                                     defaultValue=LANGUAGES.index(map_language())))
        self.addParameter(QgsProcessingParameterString(self.TITLE, tr("Title"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.PERIOD, tr("Period (subtitle)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.DPI, tr("Resolution of images (dpi)"), QgsProcessingParameterNumber.Type.Integer, defaultValue=200,
            minValue=50, maxValue=600))

    def layout_arguments(self, parameters, context):
        template = self.parameterAsFile(parameters, self.TEMPLATE_FILE, context) or \
            TEMPLATES[self.parameterAsEnum(parameters, self.TEMPLATE, context)]
        args = ["--template", template, "--lang", LANGUAGES[self.parameterAsEnum(parameters, self.LANG, context)],
                "--dpi", self.parameterAsInt(parameters, self.DPI, context)]
        for key, option in ((self.TITLE, "--title"), (self.PERIOD, "--period")):
            value = self.parameterAsString(parameters, key, context)
            if value:
                args += [option, value]
        return args


class MapAlgorithm(_LayoutAlgorithm):
    EXTENT_LAYER = "EXTENT_LAYER"
    FILTER = "FILTER"
    OUTPUT_PDF = "OUTPUT_PDF"
    OUTPUT_PNG = "OUTPUT_PNG"

    def name(self):
        return "map"

    def displayName(self):  # noqa: N802
        return tr("Map (PDF/PNG) with the hub's layout")

    def shortHelpString(self):  # noqa: N802
        return tr("One map of styled GeoPackage layers in the hub's layout (title, legend, scale bar, north "
                  "arrow, locator, sources, disclaimer), framed on the features of a layer (optionally "
                  "filtered), exported to PDF and/or PNG. Same as `rdh map`.")

    def createInstance(self):  # noqa: N802
        return MapAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_layout_parameters(layers_optional=False)
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.EXTENT_LAYER, tr("Frame the map on this layer (one of the layers shown)"), optional=True))
        self.addParameter(QgsProcessingParameterExpression(
            self.FILTER, tr("…only its features matching"), parentLayerParameterName=self.EXTENT_LAYER,
            optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_PDF, tr("Map PDF"), fileFilter="PDF (*.pdf)", optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_PNG, tr("Map PNG"), fileFilter="PNG (*.png)", optional=True, createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        args = ["map", *layer_arguments(self.parameterAsLayerList(parameters, self.LAYERS, context)),
                *self.layout_arguments(parameters, context)]
        extent_layer = self.parameterAsVectorLayer(parameters, self.EXTENT_LAYER, context)
        if extent_layer is not None:
            args += ["--extent-of", geopackage_source(extent_layer)[1]]
            expression = self.parameterAsExpression(parameters, self.FILTER, context)
            if expression:
                args += ["--filter", expression]
        outputs = {key: self.parameterAsFileOutput(parameters, key, context)
                   for key in (self.OUTPUT_PDF, self.OUTPUT_PNG)}
        outputs = {key: path for key, path in outputs.items() if path}
        if not outputs:
            raise QgsProcessingException(tr("Choose a PDF and/or a PNG file to write."))
        for path in outputs.values():
            args += ["-o", path]
        run_engine(args, feedback)
        return outputs


class AtlasAlgorithm(_LayoutAlgorithm):
    COVERAGE = "COVERAGE"
    SELECTED_ONLY = "SELECTED_ONLY"
    FILTER = "FILTER"
    PER_PAGE = "PER_PAGE"
    PAGE_FORMAT = "PAGE_FORMAT"
    OUTPUT = "OUTPUT"
    PAGES_FOLDER = "PAGES_FOLDER"

    def name(self):
        return "atlas"

    def displayName(self):  # noqa: N802
        return tr("Atlas (one page per feature)")

    def shortHelpString(self):  # noqa: N802
        return tr("An atlas series in the hub's layout: one page per feature of the coverage layer "
                  "(countries, admin1, corridors, points of entry), with the page's name in the title, "
                  "the map zoomed on it, the locator highlighting it and a legend of what the page shows. "
                  "One PDF, or one PDF/PNG per page into a folder. 'Selected features only' and the "
                  "filter export only some pages. Layers are GeoPackage layers with their embedded "
                  "house styles. Same as `rdh atlas`.")

    def createInstance(self):  # noqa: N802
        return AtlasAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.COVERAGE, tr("Coverage layer (one page per feature)")))
        self.addParameter(QgsProcessingParameterBoolean(
            self.SELECTED_ONLY, tr("Selected features only"), defaultValue=False))
        self.addParameter(QgsProcessingParameterExpression(
            self.FILTER, tr("Only features matching"), parentLayerParameterName=self.COVERAGE, optional=True))
        self.add_layout_parameters(layers_optional=True)
        self.addParameter(QgsProcessingParameterBoolean(
            self.PER_PAGE, tr("One file per page (into the pages folder)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterEnum(
            self.PAGE_FORMAT, tr("Page files"), options=["PDF", "PNG", "PDF + PNG"], defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Atlas PDF"), fileFilter="PDF (*.pdf)", optional=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.PAGES_FOLDER, tr("Pages folder"), optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputFile(self.OUTPUT, tr("Atlas PDF")))
        self.addOutput(QgsProcessingOutputFolder(self.PAGES_FOLDER, tr("Pages folder")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        coverage = self.parameterAsVectorLayer(parameters, self.COVERAGE, context)
        gpkg, coverage_name = geopackage_source(coverage)
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context)
        if layers and (gpkg, coverage_name) not in [geopackage_source(layer) for layer in layers]:
            raise QgsProcessingException(tr("Add the coverage layer to the layers shown, or leave them empty "
                                            "to show every layer of its GeoPackage."))
        args = ["atlas", *(layer_arguments(layers) if layers else ["-p", gpkg]),
                *self.layout_arguments(parameters, context), "--coverage", coverage_name]
        filters = []
        expression = self.parameterAsExpression(parameters, self.FILTER, context)
        if expression:
            filters.append(f"({expression})")
        if self.parameterAsBoolean(parameters, self.SELECTED_ONLY, context):
            fids = sorted(coverage.selectedFeatureIds())
            if not fids:
                raise QgsProcessingException(tr("'Selected features only' is on, but nothing is selected."))
            filters.append(f"$id IN ({', '.join(map(str, fids))})")
        if filters:
            args += ["--filter", " AND ".join(filters)]
        if self.parameterAsBoolean(parameters, self.PER_PAGE, context):
            folder = self.parameterAsString(parameters, self.PAGES_FOLDER, context)
            if not folder:
                raise QgsProcessingException(tr("Choose the folder that receives the pages."))
            formats = PAGE_FORMATS[self.parameterAsEnum(parameters, self.PAGE_FORMAT, context)]
            args += ["--per-page", *[a for fmt in formats for a in ("--format", fmt)], "-o", folder]
            run_engine(args, feedback)
            return {self.PAGES_FOLDER: str(Path(folder))}
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output:
            raise QgsProcessingException(tr("Choose the atlas PDF to write."))
        run_engine(args + ["-o", output], feedback)
        return {self.OUTPUT: output}
