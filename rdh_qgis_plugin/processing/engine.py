"""The one call Processing algorithms make to the engine (the `rdh` command in its worker process)."""
import json
from pathlib import Path

from qgis.core import QgsProcessingException

from ..engine_runner import EngineCancelled, EngineFailed, EngineNotFound, run_rdh
from ..i18n import tr


def run_engine(args, feedback):
    """`rdh ARGS` with progress relayed to ``feedback``; cancel and engine errors become
    QgsProcessingException (the engine's own message, which names file, row and column)."""
    try:
        return run_rdh(args, feedback)
    except EngineCancelled:
        raise QgsProcessingException(tr("Cancelled")) from None
    except (EngineNotFound, EngineFailed) as exc:
        raise QgsProcessingException(str(exc)) from None


def run_job(name, values, feedback, workdir):
    """`rdh run NAME --job job.json --manifest manifest.json` in the worker; returns (manifest, stdout).

    ``values`` are keyed by the spec's parameter names. The job file stays in ``workdir`` and the
    log shows the command, so a run from QGIS can be repeated on the command line.
    """
    workdir = Path(workdir)
    job_file, manifest_file = workdir / "job.json", workdir / "manifest.json"
    job_file.write_text(json.dumps(values, indent=1, ensure_ascii=False), encoding="utf-8")
    feedback.pushCommandInfo(f"rdh run {name} --job {job_file}")
    feedback.pushDebugInfo(json.dumps(values, ensure_ascii=False))
    stdout = run_engine(["run", name, "--job", job_file, "--manifest", manifest_file], feedback)
    for line in stdout.splitlines():
        if line.strip():
            feedback.pushInfo(line)
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.exists() else {}
    return {"job": name, "outputs": [], **manifest}, stdout
