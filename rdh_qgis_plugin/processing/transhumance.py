"""rdh:transhumance — `rdh transhumance` as a Processing algorithm (same engine code path as the CLI)."""
from pathlib import Path

from qgis.core import (
    Qgis, QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingOutputMultipleLayers, QgsProcessingOutputRasterLayer,
    QgsProcessingOutputVectorLayer, QgsProcessingParameterBoolean, QgsProcessingParameterEnum,
    QgsProcessingParameterFile, QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
)

from ..i18n import tr
from .engine import run_engine

LAYERS = ("herd_routes", "corridor_lines", "border_crossings", "alerts")
OD_LAYERS = ("od_routes", "corridor_lines")
SEASONS = ("dry", "wet")


class TranshumanceAlgorithm(QgsProcessingAlgorithm):
    REPORTS = "REPORTS"
    OD = "OD"
    PLACES = "PLACES"
    COST = "COST"
    LANDCOVER = "LANDCOVER"
    SEASON = "SEASON"
    WATER = "WATER"
    ROADS = "ROADS"
    ADMIN = "ADMIN"
    POE = "POE"
    INFRASTRUCTURE = "INFRASTRUCTURE"
    RESOLUTION = "RESOLUTION"
    CONNECTIVITY = "CONNECTIVITY"
    BAND_PCT = "BAND_PCT"
    ALERT_DAYS = "ALERT_DAYS"
    EVIDENCE = "EVIDENCE"
    CURRENT = "CURRENT"
    OUTPUT = "OUTPUT"
    LAYERS_OUT = "LAYERS"
    DENSITY = "DENSITY"
    BAND = "BAND"
    CURRENT_MAP = "CURRENT_MAP"
    ROUTES = "ROUTES"

    def name(self):
        return "transhumance"

    def displayName(self):  # noqa: N802
        return tr("Transhumance routes from key-informant reports")

    def group(self):
        return tr("Transhumance")

    def groupId(self):  # noqa: N802
        return "transhumance"

    def shortHelpString(self):  # noqa: N802
        return tr("Chains each herd's key-informant reports in time order and joins them by least-cost paths "
                  "over a seasonal cost surface (built from land cover, or a ready cost raster). Writes herd "
                  "routes, corridor lines with herd counts, border crossings with dates and alerts (herds "
                  "predicted to reach a closed crossing or a conflict area) to a GeoPackage, and "
                  "route_density.tif and corridor_band.tif beside it. Informant ids and exact report "
                  "positions are not written. With surveyed OD flows between places instead of reports, "
                  "routes each pair (od_routes) and the corridors they share. Same as `rdh transhumance` on "
                  "the command line.")

    def createInstance(self):  # noqa: N802
        return TranshumanceAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        file_param = QgsProcessingParameterFile
        self.addParameter(file_param(self.REPORTS, tr("Key-informant reports (CSV, XLSX or GeoPackage)"),
                                     optional=True))
        self.addParameter(file_param(self.OD, tr("Or: surveyed OD flows between places (origin, destination, flow)"),
                                     optional=True))
        self.addParameter(file_param(self.PLACES, tr("Gazetteer of places (for OD flows)"), optional=True))
        self.addParameter(file_param(self.COST, tr("Ready cost raster (instead of land cover)"), optional=True))
        self.addParameter(file_param(self.LANDCOVER, tr("Land cover raster (IGBP classes)"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.SEASON, tr("Season"), options=[tr("dry"), tr("wet")],
                                                     defaultValue=0))
        for key, label in ((self.WATER, tr("Rivers and lakes (GeoPackage)")), (self.ROADS, tr("Roads")),
                           (self.ADMIN, tr("Countries (admin GeoPackage)")),
                           (self.POE, tr("Border crossings / points of entry")),
                           (self.INFRASTRUCTURE, tr("Pastoral infrastructure (GeoPackage)"))):
            self.addParameter(file_param(key, label, optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.RESOLUTION, tr("Cell size of the built surface (m)"),
            type=Qgis.ProcessingNumberParameterType.Double, defaultValue=2500.0, minValue=100.0))
        self.addParameter(QgsProcessingParameterEnum(self.CONNECTIVITY, tr("Connectivity"), options=["16", "8"],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.BAND_PCT, tr("Corridor band (% above the optimal cost)"),
            type=Qgis.ProcessingNumberParameterType.Double, defaultValue=10.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.ALERT_DAYS, tr("Alert horizon (days)"), type=Qgis.ProcessingNumberParameterType.Integer,
            defaultValue=14, minValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.EVIDENCE, tr("Cost factor where the herd was seen in other years (1 = none)"),
            type=Qgis.ProcessingNumberParameterType.Double, defaultValue=0.5, minValue=0.01, maxValue=1.0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.CURRENT, tr("Also compute a circuit-theory current map (current_density.tif)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Output GeoPackage"), fileFilter="GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputVectorLayer(self.ROUTES, tr("Herd routes")))
        self.addOutput(QgsProcessingOutputMultipleLayers(self.LAYERS_OUT, tr("Layers written")))
        self.addOutput(QgsProcessingOutputRasterLayer(self.DENSITY, tr("Route density")))
        self.addOutput(QgsProcessingOutputRasterLayer(self.BAND, tr("Corridor band")))
        self.addOutput(QgsProcessingOutputRasterLayer(self.CURRENT_MAP, tr("Current map")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        output = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        if output.suffix.lower() != ".gpkg":
            output = output.with_suffix(".gpkg")
        cost = self.parameterAsFile(parameters, self.COST, context)
        landcover = self.parameterAsFile(parameters, self.LANDCOVER, context)
        if bool(cost) == bool(landcover):
            raise QgsProcessingException(tr("Give either a ready cost raster or a land cover raster (not both)."))
        season = SEASONS[self.parameterAsEnum(parameters, self.SEASON, context)]
        reports = self.parameterAsFile(parameters, self.REPORTS, context)
        od = self.parameterAsFile(parameters, self.OD, context)
        places = self.parameterAsFile(parameters, self.PLACES, context)
        if bool(reports) == bool(od):
            raise QgsProcessingException(tr("Give either key-informant reports or OD flows (not both)."))
        if od and not places:
            raise QgsProcessingException(tr("OD flows need a gazetteer of places."))
        source = ["--reports", reports] if reports else ["--od", od, "--places", places]
        args = ["transhumance", *source, "--season", season, "-o", output,
                "--connectivity", ("16", "8")[self.parameterAsEnum(parameters, self.CONNECTIVITY, context)],
                "--band-pct", self.parameterAsDouble(parameters, self.BAND_PCT, context),
                "--alert-days", self.parameterAsInt(parameters, self.ALERT_DAYS, context),
                "--evidence-factor", self.parameterAsDouble(parameters, self.EVIDENCE, context)]
        if cost:
            args += ["--cost", cost]
        else:
            args += ["--landcover", landcover,
                     "--resolution-m", self.parameterAsDouble(parameters, self.RESOLUTION, context)]
        for key, option in ((self.WATER, "--water"), (self.ROADS, "--roads"), (self.ADMIN, "--admin"),
                            (self.POE, "--poe"), (self.INFRASTRUCTURE, "--infrastructure")):
            value = self.parameterAsFile(parameters, key, context)
            if value:
                args += [option, value]
        current = self.parameterAsBoolean(parameters, self.CURRENT, context)
        if current:
            args.append("--current")
        run_engine(args, feedback)
        layers = LAYERS if reports else OD_LAYERS
        return {self.OUTPUT: str(output), self.ROUTES: f"{output}|layername={layers[0]}",
                self.LAYERS_OUT: [f"{output}|layername={name}" for name in layers],
                self.DENSITY: str(output.with_name("route_density.tif")),
                self.BAND: str(output.with_name("corridor_band.tif")) if reports else None,
                self.CURRENT_MAP: str(output.with_name("current_density.tif")) if current else None}
