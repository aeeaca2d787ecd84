"""Maps and atlas series: layout templates (.qpt) with the hub's furniture, and the code that builds
a QGIS project from styled GeoPackage layers, fills a template and exports PDF/PNG.

Everything here runs in a QGIS-capable Python (the toolkit's venv sees the system `qgis`); the
`rdh map` / `rdh atlas` commands (cli.py) are the headless entry points. Importing this package
imports nothing from QGIS, so the engine's CLI can register the commands cheaply.
"""
