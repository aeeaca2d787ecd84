from qgis.core import QgsProcessingProvider

from ..i18n import tr
from .corridors import CorridorsAlgorithm
from .demo import DemoAlgorithm


class RdhProvider(QgsProcessingProvider):
    def id(self):
        return "rdh"

    def name(self):
        return tr("RDH Toolkit")

    def longName(self):  # noqa: N802
        return tr("RDH Toolkit (Regional Data Hub, West and Central Africa)")

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in (DemoAlgorithm(), CorridorsAlgorithm()):
            self.addAlgorithm(algorithm)
