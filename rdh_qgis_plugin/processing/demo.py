"""rdh:demo — `rdh demo` as a Processing algorithm (same engine code path as the CLI)."""
from pathlib import Path

from qgis.core import (
    Qgis, QgsProcessingAlgorithm, QgsProcessingOutputMultipleLayers,
    QgsProcessingOutputFile, QgsProcessingParameterFile, QgsProcessingParameterFolderDestination,
)

from ..i18n import tr
from .engine import run_engine

SOURCE_LAYERS = ("roads", "admin0", "admin1", "places", "mmp_incidents")


class DemoAlgorithm(QgsProcessingAlgorithm):
    DATA = "DATA"
    OUTPUT = "OUTPUT"
    GEOPACKAGE = "GEOPACKAGE"
    LAYERS = "LAYERS"

    def name(self):
        return "demo"

    def displayName(self):  # noqa: N802
        return tr("Sample-data demo: styled source layers")

    def group(self):
        return tr("Getting started")

    def groupId(self):  # noqa: N802
        return "start"

    def shortHelpString(self):  # noqa: N802
        return tr("Loads and validates the hub's sample source layers (roads, admin boundaries, places, "
                  "Missing Migrants incidents) and writes them to one GeoPackage with the house styles "
                  "embedded and provenance metadata. Same as `rdh demo` on the command line.")

    def createInstance(self):  # noqa: N802
        return DemoAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.DATA, tr("Sample data folder"), behavior=Qgis.ProcessingFileParameterBehavior.Folder))
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT, tr("Output folder")))
        self.addOutput(QgsProcessingOutputFile(self.GEOPACKAGE, tr("Styled GeoPackage")))
        self.addOutput(QgsProcessingOutputMultipleLayers(self.LAYERS, tr("Layers written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        data_dir = Path(self.parameterAsFile(parameters, self.DATA, context))
        output = Path(self.parameterAsString(parameters, self.OUTPUT, context))
        run_engine(["demo", "--steps", "sources", "--data", data_dir, "--output", output], feedback)
        gpkg = output / "rdh_sources.gpkg"
        return {self.OUTPUT: str(output), self.GEOPACKAGE: str(gpkg),
                self.LAYERS: [f"{gpkg}|layername={name}" for name in SOURCE_LAYERS]}
