"""rdh:loadsource — "Load and validate source": `rdh validate --to-gpkg` then the styled layer.

The engine (in its own process) reads and checks the file and, when it is valid, writes it as a
GeoPackage layer with the house style embedded; this algorithm relays the report and loads that
layer. An invalid file stops the algorithm with the rows and columns at fault.
"""
import json
import tempfile
from pathlib import Path

from qgis.core import (
    QgsProcessing, QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingException, QgsProcessingOutputBoolean,
    QgsProcessingOutputString, QgsProcessingOutputVectorLayer, QgsProcessingParameterEnum,
    QgsProcessingParameterFile, QgsProcessingParameterFileDestination, QgsProcessingParameterString,
    QgsProcessingUtils,
)

from ..engine_runner import EngineCancelled, EngineFailed, EngineNotFound, run_rdh
from ..i18n import tr

# Same names as the engine's --kind (docs/sources.md); the first entry lets the engine guess.
KINDS = ["fmp", "fmp_counts", "poe", "poe_status", "ki_reports", "mmp", "idp", "movements", "roads", "places",
         "od", "admin"]
SAMPLE_REAL = Path(__file__).resolve().parents[2] / "sample_data" / "real"
MAX_ISSUES_SHOWN = 30


class LoadSourceAlgorithm(QgsProcessingAlgorithm):
    INPUT = "INPUT"
    KIND = "KIND"
    LAYER = "LAYER"
    ADMIN = "ADMIN"
    PLACES = "PLACES"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"
    VALID = "VALID"
    LAYER_OUT = "LAYER_OUT"

    def name(self):
        return "loadsource"

    def displayName(self):  # noqa: N802
        return tr("Load and validate source")

    def group(self):
        return tr("Sources")

    def groupId(self):  # noqa: N802
        return "sources"

    def shortHelpString(self):  # noqa: N802
        return tr("Checks a hub source file (CSV, XLSX, GeoPackage, Shapefile, GeoJSON) against the schema of "
                  "its kind — flow monitoring points and counts, points of entry and their status, transhumance "
                  "reports, Missing Migrants incidents, IDPs, assisted movements, roads, places, OD flows, "
                  "admin units — and, when it is valid, loads it with its house style. French and English "
                  "column names are understood. Warnings (duplicates, jumps, swapped coordinates, points "
                  "outside their country, future dates, unknown place names) are listed but do not stop the "
                  "load. Same as `rdh validate FILE --to-gpkg OUT` on the command line.")

    def createInstance(self):  # noqa: N802
        return LoadSourceAlgorithm()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(self.INPUT, tr("Source file")))
        self.addParameter(QgsProcessingParameterEnum(self.KIND, tr("Kind of source"), options=[tr("(guess from the columns)"), *KINDS],
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterString(self.LAYER, tr("Layer or sheet (default: the first)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterFile(
            self.ADMIN, tr("Admin boundaries GeoPackage (adm0 layer, for point-in-country checks)"), optional=True,
            extension="gpkg", defaultValue=_sample("admin.gpkg")))
        self.addParameter(QgsProcessingParameterFile(
            self.PLACES, tr("Gazetteer (GeoNames places CSV, for place-name checks)"), optional=True,
            extension="csv", defaultValue=_sample("places_geonames.csv")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT, tr("Validated layer"), fileFilter="GeoPackage (*.gpkg)", optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputVectorLayer(self.LAYER_OUT, tr("Loaded layer"),
                                                      QgsProcessing.SourceType.TypeVector))
        self.addOutput(QgsProcessingOutputString(self.REPORT, tr("Validation report")))
        self.addOutput(QgsProcessingOutputBoolean(self.VALID, tr("Valid")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsFile(parameters, self.INPUT, context)
        kind_index = self.parameterAsEnum(parameters, self.KIND, context)
        layer = self.parameterAsString(parameters, self.LAYER, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context) or \
            QgsProcessingUtils.generateTempFilename("source.gpkg")
        with tempfile.TemporaryDirectory(prefix="rdh-validate-") as tmp:
            report_path = Path(tmp) / "report.json"
            args = ["validate", source, "--to-gpkg", output, "--report", report_path]
            if kind_index > 0:
                args += ["--kind", KINDS[kind_index - 1]]
            if layer:
                args += ["--layer", layer]
            for flag, name in (("--admin", self.ADMIN), ("--places", self.PLACES)):
                value = self.parameterAsFile(parameters, name, context)
                args += [flag, value or Path(tmp) / "none"]  # a missing file turns that check off
            try:
                stdout = run_rdh(args, feedback)
            except EngineCancelled:
                raise QgsProcessingException(tr("Cancelled")) from None
            except (EngineNotFound, EngineFailed) as exc:
                if report_path.exists():
                    raise QgsProcessingException(_describe(json.loads(report_path.read_text("utf-8")))) from None
                raise QgsProcessingException(str(exc)) from None
            report = json.loads(report_path.read_text("utf-8"))
        feedback.pushInfo(stdout)
        uri = f"{output}|layername={report['kind']}"
        details = QgsProcessingContext.LayerDetails(Path(source).stem, context.project(), self.LAYER_OUT)
        context.addLayerToLoadOnCompletion(uri, details)
        return {self.OUTPUT: output, self.LAYER_OUT: uri, self.REPORT: stdout, self.VALID: bool(report["valid"])}


def _sample(name):
    path = SAMPLE_REAL / name
    return str(path) if path.exists() else None


def _describe(report):
    """The engine's JSON report as the message of a failed run: the rows and columns at fault."""
    lines = [tr("{path} is not a valid {kind} source: {n} error(s)").format(
        path=report["path"], kind=report["kind"] or "?", n=report["errors"])]
    for issue in [i for i in report["issues"] if i["severity"] == "error"][:MAX_ISSUES_SHOWN]:
        where = f"row {issue['row']}, " if issue["row"] is not None else ""
        lines.append(f"  {where}column {issue['column']}: {issue['rule']} ({issue['value']})")
    return "\n".join(lines)
