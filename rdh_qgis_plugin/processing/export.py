"""rdh:export — "Export for the geoportal": `rdh export` as a Processing algorithm.

The engine runs in its own process (engine_runner); QGIS only passes parameters and loads the
bundle's GeoPackage afterwards.
"""
from pathlib import Path

from qgis.core import (
    Qgis, QgsProcessingAlgorithm, QgsProcessingOutputFile, QgsProcessingOutputFolder,
    QgsProcessingParameterBoolean, QgsProcessingParameterFile, QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber, QgsProcessingParameterString,
)

from ..i18n import tr
from .engine import run_engine


class ExportAlgorithm(QgsProcessingAlgorithm):
    INPUT = "INPUT"
    THEME = "THEME"
    RASTERS = "RASTERS"
    THRESHOLD = "THRESHOLD"
    ROUND = "ROUND"
    GRID_DEG = "GRID_DEG"
    INTERNAL = "INTERNAL"
    OUTPUT = "OUTPUT"
    BUNDLE = "BUNDLE"
    GEOPACKAGE = "GEOPACKAGE"
    PROJECT = "PROJECT"

    def name(self):
        return "export"

    def displayName(self):  # noqa: N802
        return tr("Export for the geoportal")

    def group(self):
        return tr("Publish")

    def groupId(self):  # noqa: N802
        return "publish"

    def shortHelpString(self):  # noqa: N802
        return tr("Writes a publication bundle for the regional geoportal from an RDH GeoPackage: counts below "
                  "the threshold withheld (or rounded), key-informant positions coarsened, then a GeoPackage "
                  "with embedded styles and metadata, an SLD and ISO 19139 metadata per layer, a disclosure "
                  "report, a styled QGIS project and a thumbnail. Same as `rdh export` on the command line.")

    def createInstance(self):  # noqa: N802
        return ExportAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("RDH GeoPackage"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterString(self.THEME, tr("Theme (bundle name)"), defaultValue="sources"))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.RASTERS, tr("Rasters to publish beside the layers (GeoTIFFs such as route_density.tif)"),
            Qgis.ProcessingSourceType.Raster, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.THRESHOLD, tr("Suppression threshold (counts below it are withheld)"),
            type=Qgis.ProcessingNumberParameterType.Integer, defaultValue=5, minValue=1))
        self.addParameter(QgsProcessingParameterBoolean(
            self.ROUND, tr("Round counts to multiples of the threshold instead"), defaultValue=False))
        self.addParameter(QgsProcessingParameterNumber(
            self.GRID_DEG, tr("Grid for key-informant positions (degrees)"),
            type=Qgis.ProcessingNumberParameterType.Double, defaultValue=0.5, minValue=0.001))
        self.addParameter(QgsProcessingParameterBoolean(
            self.INTERNAL, tr("Internal use only: skip data protection"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Publication folder")))
        self.addOutput(QgsProcessingOutputFolder(self.BUNDLE, tr("Bundle folder")))
        self.addOutput(QgsProcessingOutputFile(self.GEOPACKAGE, tr("Published GeoPackage")))
        self.addOutput(QgsProcessingOutputFile(self.PROJECT, tr("QGIS project")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsFile(parameters, self.INPUT, context)
        theme = self.parameterAsString(parameters, self.THEME, context)
        output = Path(self.parameterAsString(parameters, self.OUTPUT, context))
        args = ["export", source, "--output", output, "--theme", theme,
                "--threshold", self.parameterAsInt(parameters, self.THRESHOLD, context),
                "--grid-deg", self.parameterAsDouble(parameters, self.GRID_DEG, context)]
        for raster in self.parameterAsLayerList(parameters, self.RASTERS, context) or []:
            args += ["--raster", raster.source()]
        if self.parameterAsBoolean(parameters, self.ROUND, context):
            args.append("--round")
        if self.parameterAsBoolean(parameters, self.INTERNAL, context):
            feedback.reportError(tr("Data protection skipped: this bundle is for internal use only."))
            args.append("--internal")
        run_engine(args, feedback)
        bundle = output / theme
        return {self.OUTPUT: str(output), self.BUNDLE: str(bundle), self.GEOPACKAGE: str(bundle / f"{theme}.gpkg"),
                self.PROJECT: str(bundle / f"{theme}.qgz")}
