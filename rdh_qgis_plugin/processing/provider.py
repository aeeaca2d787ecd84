"""Processing provider "rdh": one algorithm per job of the frozen spec (spec.json).

Every algorithm is a JobAlgorithm made from its job's declaration; a job added to the spec appears
in the toolbox (and its dock) with no code here. What this module says is only where each job sits:
its algorithm id (kept stable: users' models and scripts name them) and its toolbox group, which
also decides its dock (gui/docks.py).
"""
from qgis.core import QgsProcessingProvider

from ..i18n import tr
from .job_algorithm import JobAlgorithm
from .load_source import LoadSourceAlgorithm
from .maps import AtlasAlgorithm, MapAlgorithm
from .spec import load_spec

# job -> (algorithm id, group id), in the order the toolbox lists them.
PLACES = {
    "demo": ("demo", "start"),
    "validate": ("loadsource", "sources"),
    "corridors": ("corridors", "analysis"),
    "transhumance": ("transhumance", "transhumance"),
    "poe-impact": ("poe_impact", "borders"),
    "export": ("export", "publish"),
    "map": ("map", "maps"),
    "atlas": ("atlas", "maps"),
}
# Jobs with more than their parameters in QGIS: the validation report, layers picked in the project.
CLASSES = {"validate": LoadSourceAlgorithm, "map": MapAlgorithm, "atlas": AtlasAlgorithm}
# `rdh publish` uploads to a geoportal or serves a bundle until stopped: a command-line step, not a
# Processing one.
NOT_IN_PROCESSING = ("publish",)


def group_names():
    return {"start": tr("Getting started"), "sources": tr("Sources"), "analysis": tr("Analysis"),
            "transhumance": tr("Transhumance"), "borders": tr("Border closures"), "publish": tr("Publish"),
            "maps": tr("Maps"), "other": tr("Other tools")}


def algorithms(spec=None):
    """One algorithm per job of ``spec`` (default: the frozen spec.json)."""
    jobs = (spec or load_spec())["jobs"]
    order = [name for name in PLACES if name in jobs] + [name for name in jobs if name not in PLACES]
    groups = group_names()
    made = []
    for name in order:
        if name in NOT_IN_PROCESSING:
            continue
        algorithm_id, group_id = PLACES.get(name, (name.replace("-", "_"), "other"))
        cls = CLASSES.get(name, JobAlgorithm)
        made.append(cls(name, jobs[name], algorithm_id=algorithm_id, group_id=group_id, group=groups[group_id]))
    return made


class RdhProvider(QgsProcessingProvider):
    def __init__(self, spec=None):
        super().__init__()
        self.spec = spec

    def id(self):
        return "rdh"

    def name(self):
        return tr("RDH Toolkit")

    def longName(self):  # noqa: N802
        return tr("RDH Toolkit (Regional Data Hub, West and Central Africa)")

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in algorithms(self.spec):
            self.addAlgorithm(algorithm)
