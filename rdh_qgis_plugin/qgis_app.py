"""A headless QGIS for the QGIS-side commands (publish, map, atlas): reuse the running application
(QGIS desktop, pytest-qgis) or start one offscreen for the duration of a command."""
import os
from contextlib import contextmanager


@contextmanager
def qgis_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # no display needed (see qgis-headless notes)
    from qgis.core import QgsApplication

    running = QgsApplication.instance()
    if running is not None:
        yield running
        return
    app = QgsApplication([], False)
    app.initQgis()
    try:
        yield app
    finally:
        # Every project and layer must be gone by now, or exitQgis() segfaults.
        app.exitQgis()
