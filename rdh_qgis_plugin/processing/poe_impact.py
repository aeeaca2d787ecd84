"""rdh:poe_impact — `rdh poe-impact` as a Processing algorithm (the engine runs in the `rdh` worker)."""
from pathlib import Path

from qgis.core import (
    Qgis, QgsProcessingAlgorithm, QgsProcessingOutputFile, QgsProcessingOutputMultipleLayers,
    QgsProcessingParameterBoolean, QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber, QgsProcessingParameterString,
)

from ..i18n import tr
from .engine import run_engine

SCENARIO_LAYERS = ("poe_status", "poe_impact", "od_impact", "edge_change")
TABLE_FILTER = "Tables (*.csv *.xlsx *.xls *.gpkg)"


class PoeImpactAlgorithm(QgsProcessingAlgorithm):
    ROADS = "ROADS"
    PLACES = "PLACES"
    POE = "POE"
    STATUS = "STATUS"
    OD = "OD"
    FLOWS = "FLOWS"
    HERDS = "HERDS"
    DATE = "DATE"
    BASELINE_DATE = "BASELINE_DATE"
    SCENARIO = "SCENARIO"
    CRITICALITY = "CRITICALITY"
    TIMELINE = "TIMELINE"
    MONTE_CARLO = "MONTE_CARLO"
    SCHEDULER = "SCHEDULER"
    PARTIAL_PENALTY_H = "PARTIAL_PENALTY_H"
    PARTIAL_CAPACITY = "PARTIAL_CAPACITY"
    OUTPUT = "OUTPUT"
    LAYERS = "LAYERS"
    CHART = "CHART"

    def name(self):
        return "poe_impact"

    def displayName(self):  # noqa: N802
        return tr("Border-closure impact (points of entry)")

    def group(self):
        return tr("Border closures")

    def groupId(self):  # noqa: N802
        return "borders"

    def shortHelpString(self):  # noqa: N802
        return tr("Impact of closing points of entry on flows: for a date (status timeline) and/or a scenario "
                  "file (poe_id, status), every OD flow's extra km and hours or whether it is stranded, flow "
                  "lost and gained per PoE and volume change per road, against a baseline (all open or another "
                  "date). Optional: criticality of every PoE (N-1, and N-2 for the top pairs) and the impact on "
                  "every date a status changes, with a chart. Sweeps run on Dask: 'local' starts a cluster on "
                  "this machine, or give tcp://host:port. Same as `rdh poe-impact` on the command line.")

    def createInstance(self):  # noqa: N802
        return PoeImpactAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        def file_param(key, label, optional=False, extension=None, filter_=TABLE_FILTER):
            self.addParameter(QgsProcessingParameterFile(key, label, extension=extension or "", optional=optional,
                                                         fileFilter="" if extension else filter_))

        file_param(self.ROADS, tr("Road network (GeoPackage with layer 'edges')"), extension="gpkg")
        file_param(self.PLACES, tr("Gazetteer (places)"))
        file_param(self.POE, tr("PoE registry"))
        file_param(self.STATUS, tr("PoE status timeline"), optional=True)
        file_param(self.OD, tr("OD flows (origin, destination, flow)"), optional=True)
        file_param(self.FLOWS, tr("Corridors output (layer od_flows), instead of OD flows"), optional=True,
                   extension="gpkg")
        file_param(self.HERDS, tr("Transhumance output (layer herd_routes), instead of OD flows"), optional=True,
                   extension="gpkg")
        self.addParameter(QgsProcessingParameterString(self.DATE, tr("Scenario date (YYYY-MM-DD)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BASELINE_DATE, tr("Baseline date (YYYY-MM-DD; empty = every PoE open)"), optional=True))
        file_param(self.SCENARIO, tr("Scenario file (poe_id, status)"), optional=True)
        self.addParameter(QgsProcessingParameterBoolean(self.CRITICALITY, tr("Criticality (N-1, N-2)"), False))
        self.addParameter(QgsProcessingParameterBoolean(self.TIMELINE, tr("Timeline over every status change"),
                                                        False))
        self.addParameter(QgsProcessingParameterNumber(
            self.MONTE_CARLO, tr("Monte Carlo runs with uncertain statuses (0 = none)"),
            Qgis.ProcessingNumberParameterType.Integer, 0, minValue=0))
        self.addParameter(QgsProcessingParameterString(
            self.SCHEDULER, tr("Sweeps: 'local' (Dask on this machine), 'serial' or tcp://host:port"), "local"))
        self.addParameter(QgsProcessingParameterNumber(
            self.PARTIAL_PENALTY_H, tr("Hours added at a partially open PoE"),
            Qgis.ProcessingNumberParameterType.Double, 12.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.PARTIAL_CAPACITY, tr("Share of a flow that passes a partially open PoE"),
            Qgis.ProcessingNumberParameterType.Double, 1.0, minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Output GeoPackage"),
                                                                "GeoPackage (*.gpkg)"))
        self.addOutput(QgsProcessingOutputMultipleLayers(self.LAYERS, tr("Layers written")))
        self.addOutput(QgsProcessingOutputFile(self.CHART, tr("Timeline chart (PNG)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        def path(key):
            return self.parameterAsFile(parameters, key, context)

        def text(key):
            return self.parameterAsString(parameters, key, context).strip()

        output = Path(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        args = ["poe-impact", "--roads", path(self.ROADS), "--places", path(self.PLACES), "--poe", path(self.POE)]
        for key, option in ((self.STATUS, "--status"), (self.OD, "--od"), (self.FLOWS, "--flows"), (self.HERDS, "--herds"),
                            (self.SCENARIO, "--scenario")):
            if path(key):
                args += [option, path(key)]
        for key, option in ((self.DATE, "--date"), (self.BASELINE_DATE, "--baseline-date")):
            if text(key):
                args += [option, text(key)]
        criticality = self.parameterAsBool(parameters, self.CRITICALITY, context)
        timeline = self.parameterAsBool(parameters, self.TIMELINE, context)
        if criticality:
            args.append("--criticality")
        if timeline:
            args.append("--timeline")
        runs = self.parameterAsInt(parameters, self.MONTE_CARLO, context)
        if runs:
            args += ["--monte-carlo", runs]
        args += ["--scheduler", text(self.SCHEDULER) or "local",
                 "--partial-penalty-h", self.parameterAsDouble(parameters, self.PARTIAL_PENALTY_H, context),
                 "--partial-capacity", self.parameterAsDouble(parameters, self.PARTIAL_CAPACITY, context),
                 "--output", output]
        run_engine(args, feedback)
        names = (list(SCENARIO_LAYERS) + (["criticality"] if criticality else []) + (["timeline"] if timeline else [])
                 + (["monte_carlo"] if runs else []))
        chart = output.with_name(f"{output.stem}_timeline.png") if timeline else None
        return {self.OUTPUT: str(output), self.LAYERS: [f"{output}|layername={n}" for n in names],
                self.CHART: str(chart) if chart else None}
