"""rdh:loadsource — "Load and validate source": the `validate` job, then the valid source loaded.

The parameters are the `validate` job's (spec.json). The engine (in its own process) reads and
checks the file and, when it is valid, writes it as a GeoPackage layer with the house style
embedded, which is loaded; an invalid file stops the algorithm with the rows and columns at fault.
"""
import json
from pathlib import Path

from qgis.core import (
    QgsProcessingException, QgsProcessingOutputBoolean, QgsProcessingOutputString, QgsProcessingOutputVectorLayer,
)

from ..i18n import tr
from .engine import run_job
from .job_algorithm import LAYERS, JobAlgorithm

LAYER_OUT = "LAYER_OUT"
SUMMARY = "SUMMARY"
VALID = "VALID"
MAX_ISSUES_SHOWN = 30


class LoadSourceAlgorithm(JobAlgorithm):
    def initAlgorithm(self, config=None):  # noqa: N802
        super().initAlgorithm(config)
        self.addOutput(QgsProcessingOutputVectorLayer(LAYER_OUT, tr("Loaded layer")))
        self.addOutput(QgsProcessingOutputString(SUMMARY, tr("Validation report")))
        self.addOutput(QgsProcessingOutputBoolean(VALID, tr("Valid")))

    def job_values(self, parameters, context):
        """The source is always written (to a temporary GeoPackage unless a file is given) so it can be
        loaded, and the report always kept as JSON so a refusal can name the rows at fault."""
        values = super().job_values(parameters, context)
        values.setdefault("to_gpkg", str(self.workdir / "source.gpkg"))
        values.setdefault("report", str(self.workdir / "report.json"))
        return values

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.raise_preparation_error()
        try:
            manifest, stdout = run_job(self.job_name, self.values, feedback, self.workdir)
        except QgsProcessingException:
            report = Path(self.values["report"])
            if report.suffix == ".json" and report.exists():
                raise QgsProcessingException(describe(json.loads(report.read_text("utf-8")))) from None
            raise
        results = self.results(manifest)
        loaded = results[LAYERS]
        results.update({LAYER_OUT: loaded[0] if loaded else None, SUMMARY: stdout, VALID: True})
        return results


def describe(report):
    """The engine's JSON report as the message of a failed run: the rows and columns at fault."""
    lines = [tr("{path} is not a valid {kind} source: {n} error(s)").format(
        path=report["path"], kind=report["kind"] or "?", n=report["errors"])]
    for issue in [i for i in report["issues"] if i["severity"] == "error"][:MAX_ISSUES_SHOWN]:
        where = f"row {issue['row']}, " if issue["row"] is not None else ""
        lines.append(f"  {where}column {issue['column']}: {issue['rule']} ({issue['value']})")
    return "\n".join(lines)
