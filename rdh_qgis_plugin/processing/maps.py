"""rdh:map and rdh:atlas — `rdh map` / `rdh atlas` as Processing algorithms.

They run here, in the QGIS process (maps need PyQGIS, which the engine's own Python may not have:
the environment the plugin installs has no QGIS), with the same layout code as the commands
(layouts.project / layouts.render): the GeoPackage layers are opened with their embedded house
styles into a private project, the hub's layout template is filled and exported. Layers must
therefore be GeoPackage layers (the toolkit's outputs); the selection of the coverage layer becomes
a filter (export selected pages only). They touch layouts and fonts, so they run on the main thread
(NoThreading), as Processing's own dialog runs such algorithms.
"""
import sys
from pathlib import Path

from qgis.core import (
    Qgis, QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingOutputFile,
    QgsProcessingOutputFolder, QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
    QgsProcessingParameterExpression, QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination, QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
    QgsProcessingParameterString, QgsProcessingParameterVectorLayer, QgsProviderRegistry, QgsWkbTypes,
)

from ..i18n import tr

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


def layout_code():
    """(render, project) modules of the plugin's layout code, importable in QGIS's own Python.

    They raise the engine's error classes (rdh_engine.errors, plain Python). Where QGIS's Python has
    no rdh_engine (the engine lives in its own environment), the engine wheel shipped in the plugin
    goes at the end of sys.path so that those pure-Python modules import from it; nothing compiled,
    and no analysis, is imported from it.
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
    from ..layouts import project, render

    return render, project


def run_layout(work):
    """``work(render, project_module)`` with the engine's errors turned into Processing errors."""
    render, project_module = layout_code()
    from rdh_engine.errors import RdhError

    try:
        return work(render, project_module)
    except (RdhError, OSError) as exc:
        raise QgsProcessingException(str(exc)) from None


def locator_of(project, fallback=None):
    """The inset map's layer, as `rdh map`/`rdh atlas` choose it by default: admin0 when shown, else
    ``fallback``; polygons only."""
    found = project.mapLayersByName("admin0")
    layer = found[0] if found else fallback
    return layer if layer is not None and layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry else None


def sources_of(layers):
    """(GeoPackage paths, layer names) of layers that may come from several GeoPackages."""
    paths, names = [], []
    for layer in layers:
        path, name = geopackage_source(layer)
        if path not in paths:
            paths.append(path)
        names.append(name)
    return [Path(p) for p in paths], names


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
            self.LAYERS, tr("Layers to show (top first; GeoPackage layers)"), Qgis.ProcessingSourceType.Vector,
            optional=layers_optional))
        self.addParameter(QgsProcessingParameterEnum(self.TEMPLATE, tr("Template"), options=list(TEMPLATES),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterFile(
            self.TEMPLATE_FILE, tr("Own layout template (.qpt), instead of the above"), extension="qpt",
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.LANG, tr("Language"), options=["English", "Français"],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterString(self.TITLE, tr("Title"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.PERIOD, tr("Period (subtitle)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.DPI, tr("Resolution of images (dpi)"), Qgis.ProcessingNumberParameterType.Integer, defaultValue=200,
            minValue=50, maxValue=600))

    def layout_options(self, parameters, context):
        """Template, language, title, period and dpi as the layout code takes them."""
        template = self.parameterAsFile(parameters, self.TEMPLATE_FILE, context) or \
            TEMPLATES[self.parameterAsEnum(parameters, self.TEMPLATE, context)]
        return {"template": template, "lang": LANGUAGES[self.parameterAsEnum(parameters, self.LANG, context)],
                "title": self.parameterAsString(parameters, self.TITLE, context) or None,
                "period": self.parameterAsString(parameters, self.PERIOD, context) or None,
                "dpi": self.parameterAsInt(parameters, self.DPI, context)}


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

    def flags(self):
        return super().flags() | Qgis.ProcessingAlgorithmFlag.NoThreading

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        paths, names = sources_of(self.parameterAsLayerList(parameters, self.LAYERS, context))
        options = self.layout_options(parameters, context)
        extent_layer = self.parameterAsVectorLayer(parameters, self.EXTENT_LAYER, context)
        extent_name = geopackage_source(extent_layer)[1] if extent_layer is not None else None
        expression = self.parameterAsExpression(parameters, self.FILTER, context) if extent_layer else ""
        outputs = {key: self.parameterAsFileOutput(parameters, key, context)
                   for key in (self.OUTPUT_PDF, self.OUTPUT_PNG)}
        outputs = {key: path for key, path in outputs.items() if path}
        if not outputs:
            raise QgsProcessingException(tr("Choose a PDF and/or a PNG file to write."))

        def work(render, layouts):
            project = layouts.build_project(paths, layers=names)
            try:
                layout = render.load_layout(project, options["template"], options["lang"])
                render.fill(layout, project, lang=options["lang"], title=options["title"],
                            period=options["period"], locator_layer=locator_of(project))
                if extent_name:
                    render.frame(layout, project, layouts.layer_by_name(project, extent_name), expression or None)
                for path in render.export_layout(layout, list(outputs.values()), dpi=options["dpi"]):
                    feedback.pushInfo(tr("Wrote {path}").format(path=path))
            finally:
                project.clear()

        run_layout(work)
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

    def flags(self):
        return super().flags() | Qgis.ProcessingAlgorithmFlag.NoThreading

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        coverage = self.parameterAsVectorLayer(parameters, self.COVERAGE, context)
        gpkg, coverage_name = geopackage_source(coverage)
        layers = self.parameterAsLayerList(parameters, self.LAYERS, context)
        if layers and (gpkg, coverage_name) not in [geopackage_source(layer) for layer in layers]:
            raise QgsProcessingException(tr("Add the coverage layer to the layers shown, or leave them empty "
                                            "to show every layer of its GeoPackage."))
        paths, names = sources_of(layers) if layers else ([Path(gpkg)], None)
        options = self.layout_options(parameters, context)
        filters = []
        expression = self.parameterAsExpression(parameters, self.FILTER, context)
        if expression:
            filters.append(f"({expression})")
        if self.parameterAsBoolean(parameters, self.SELECTED_ONLY, context):
            fids = sorted(coverage.selectedFeatureIds())
            if not fids:
                raise QgsProcessingException(tr("'Selected features only' is on, but nothing is selected."))
            filters.append(f"$id IN ({', '.join(map(str, fids))})")
        per_page = self.parameterAsBoolean(parameters, self.PER_PAGE, context)
        if per_page:
            output = self.parameterAsString(parameters, self.PAGES_FOLDER, context)
            if not output:
                raise QgsProcessingException(tr("Choose the folder that receives the pages."))
            formats = PAGE_FORMATS[self.parameterAsEnum(parameters, self.PAGE_FORMAT, context)]
        else:
            output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
            if not output:
                raise QgsProcessingException(tr("Choose the atlas PDF to write."))
            formats = ("pdf",)

        def progress(done, total, step=""):
            feedback.setProgress(100.0 * done / max(total, 1))

        def work(render, layouts):
            project = layouts.build_project(paths, layers=names)
            try:
                page_layer = layouts.layer_by_name(project, coverage_name)
                layout = render.load_layout(project, options["template"], options["lang"])
                render.fill(layout, project, lang=options["lang"], title=options["title"],
                            period=options["period"], atlas_layer=page_layer,
                            locator_layer=locator_of(project, fallback=page_layer))
                pages = render.configure_atlas(layout, page_layer, filter_expression=" AND ".join(filters) or None,
                                               progress=progress)
                written = render.export_atlas(layout, output, per_page=per_page, formats=formats,
                                              dpi=options["dpi"])
                feedback.pushInfo(tr("Wrote {pages} page(s) in {files} file(s)").format(pages=pages,
                                                                                      files=len(written)))
            finally:
                project.clear()

        run_layout(work)
        return {self.PAGES_FOLDER: str(Path(output))} if per_page else {self.OUTPUT: output}
