"""rdh:corridors — `rdh corridors` as a Processing algorithm (the engine runs in its worker)."""
from qgis.core import (
    QgsProcessingAlgorithm, QgsProcessingOutputMultipleLayers,
    QgsProcessingParameterEnum, QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber, QgsProcessingParameterString,
)

from ..i18n import tr
from .engine import run_engine

PERIODS = ["day", "week", "month", "quarter", "year", "all"]
LAYERS = ("edge_flows", "corridors", "od_flows", "fmp_points", "edge_flows_by_period")
TABLES = "CSV (*.csv);;Excel (*.xlsx);;GeoPackage (*.gpkg)"


class CorridorsAlgorithm(QgsProcessingAlgorithm):
    def name(self):
        return "corridors"

    def displayName(self):  # noqa: N802
        return tr("Migration corridors from flow-monitoring counts")

    def group(self):
        return tr("Analysis")

    def groupId(self):  # noqa: N802
        return "analysis"

    def shortHelpString(self):  # noqa: N802
        return tr("Routes the flows counted at flow monitoring points (origin → FMP → next stop → destination) "
                  "on the road network, shares partly declared origins and destinations out by IPF with a "
                  "gravity prior, and writes edge volumes (persons/day with a bootstrap 5–95% interval), named "
                  "corridors, straight OD lines and the observed/assigned fit at each FMP. With k above 1, "
                  "flow is shared over k alternative routes by a logit on travel time. Same as `rdh corridors`.")

    def createInstance(self):  # noqa: N802
        return CorridorsAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        def file(key, label, filters=TABLES, optional=False):
            self.addParameter(QgsProcessingParameterFile(key, label, fileFilter=filters, optional=optional))

        file("ROADS", tr("Road network"), "GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson)")
        file("PLACES", tr("Gazetteer of places"))
        file("FMP", tr("Flow monitoring points (catalogue)"))
        file("COUNTS", tr("Flow monitoring counts"))
        file("STATUS", tr("Point-of-entry status timeline (optional)"), optional=True)
        period_names = [tr("day"), tr("week"), tr("month"), tr("quarter"), tr("year"), tr("all")]   # PERIODS
        self.addParameter(QgsProcessingParameterEnum("PERIOD", tr("Period"), options=period_names,
                                                     defaultValue=PERIODS.index("month")))
        self.addParameter(QgsProcessingParameterString(
            "FILTER", tr("Filters (COLUMN=VALUES; separated by ';'), e.g. flow_type=outgoing"), optional=True))
        self.addParameter(QgsProcessingParameterNumber("K", tr("Routes per stop pair (k)"), defaultValue=1,
                                                       minValue=1, maxValue=10))
        self.addParameter(QgsProcessingParameterNumber(
            "THETA", tr("Route choice sensitivity (per hour)"), QgsProcessingParameterNumber.Type.Double,
            defaultValue=1.0, minValue=0.001))
        self.addParameter(QgsProcessingParameterNumber("N_BOOT", tr("Bootstrap resamples"), defaultValue=200,
                                                       minValue=0, maxValue=10_000))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_SHARE", tr("Minimum share of flow for a corridor edge"),
            QgsProcessingParameterNumber.Type.Double, defaultValue=0.02, minValue=0.0001, maxValue=0.99))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT", tr("Output GeoPackage"),
                                                                fileFilter="GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputMultipleLayers("LAYERS", tr("Layers written")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        args = ["corridors"]
        for key, option in (("ROADS", "--roads"), ("PLACES", "--places"), ("FMP", "--fmp"),
                            ("COUNTS", "--counts"), ("STATUS", "--status")):
            value = self.parameterAsFile(parameters, key, context)
            if value:
                args += [option, value]
        args += ["--period", PERIODS[self.parameterAsEnum(parameters, "PERIOD", context)],
                 "--k", self.parameterAsInt(parameters, "K", context),
                 "--theta", self.parameterAsDouble(parameters, "THETA", context),
                 "--n-boot", self.parameterAsInt(parameters, "N_BOOT", context),
                 "--min-share", self.parameterAsDouble(parameters, "MIN_SHARE", context), "-o", output]
        for item in filter(None, (f.strip() for f in self.parameterAsString(parameters, "FILTER", context).split(";"))):
            args += ["--filter", item]
        run_engine(args, feedback)
        return {"OUTPUT": output, "LAYERS": [f"{output}|layername={name}" for name in LAYERS]}
