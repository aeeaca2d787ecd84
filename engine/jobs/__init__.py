"""Every analysis and tool as a declared job (see model.py and docs/jobs.md).

``jobs()`` lists the declarations in command order, ``job(name)`` finds one, ``spec()`` is what
``rdh spec --json`` prints and what the plugin ships frozen as rdh_qgis_plugin/spec.json.
"""
from __future__ import annotations

import importlib
from typing import Any, Callable

from . import corridors, poe_impact, qgis_side, tools, transhumance
from .model import SPEC_VERSION, JobSpec, JobValueError, Param

_ENGINE_PACKAGE = __name__.rpartition(".")[0]  # rdh_engine
_JOBS = (corridors.JOB, transhumance.JOB, poe_impact.JOB, *tools.JOBS, *qgis_side.JOBS)


def jobs() -> dict[str, JobSpec]:
    """Every declared job by name, in command order."""
    return {spec.name: spec for spec in _JOBS}


def job(name: str) -> JobSpec:
    """The job called ``name``; :class:`JobValueError` naming the known ones if there is none."""
    try:
        return jobs()[name]
    except KeyError:
        raise JobValueError(name, f"no such job (jobs: {', '.join(jobs())})") from None


def runner(spec: JobSpec) -> Callable[..., Any]:
    """The function that runs ``spec`` (imported on demand: analyses import heavy libraries)."""
    if not spec.run:
        raise JobValueError(spec.name, "this job runs in QGIS; its command comes from the plugin")
    module, _, function = spec.run.partition(":")
    return getattr(importlib.import_module(f"{_ENGINE_PACKAGE}.{module}"), function)


def spec() -> dict[str, Any]:
    """All declarations as JSON-ready data: ``{"spec_version": 1, "jobs": {name: {...}}}``."""
    return {"spec_version": SPEC_VERSION, "jobs": {name: s.to_dict() for name, s in jobs().items()}}


__all__ = ["JobSpec", "JobValueError", "Param", "SPEC_VERSION", "job", "jobs", "runner", "spec"]
