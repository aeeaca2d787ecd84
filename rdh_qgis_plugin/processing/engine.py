"""The one call Processing algorithms make to the engine (the `rdh` command in its worker process)."""
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
