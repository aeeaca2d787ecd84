"""RDH Toolkit QGIS plugin: thin adapters (Processing algorithms, dock panels, tasks) over the engine.

The engine runs in the toolkit's own Python (see engine_runner.py), so loading the plugin imports
nothing beyond QGIS.
"""


def classFactory(iface):  # noqa: N802  (QGIS's entry-point name)
    from .plugin import RdhPlugin

    return RdhPlugin(iface)
