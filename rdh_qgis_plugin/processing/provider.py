from qgis.core import QgsProcessingProvider

from ..i18n import tr
from .corridors import CorridorsAlgorithm
from .demo import DemoAlgorithm
from .export import ExportAlgorithm
from .load_source import LoadSourceAlgorithm
from .maps import AtlasAlgorithm, MapAlgorithm
from .poe_impact import PoeImpactAlgorithm
from .transhumance import TranshumanceAlgorithm

# One algorithm per engine capability, in the order the toolbox lists them.
ALGORITHMS = (
    DemoAlgorithm,
    LoadSourceAlgorithm,
    CorridorsAlgorithm,
    TranshumanceAlgorithm,
    PoeImpactAlgorithm,
    ExportAlgorithm,
    MapAlgorithm,
    AtlasAlgorithm,
)


class RdhProvider(QgsProcessingProvider):
    def id(self):
        return "rdh"

    def name(self):
        return tr("RDH Toolkit")

    def longName(self):  # noqa: N802
        return tr("RDH Toolkit (Regional Data Hub, West and Central Africa)")

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
