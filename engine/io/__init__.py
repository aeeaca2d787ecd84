"""Readers and writers for every source layer, schemas and validation.

The names below are imported on first use, so that light modules of this package (``atomic``)
import without the GIS libraries (the QGIS plugin uses them inside QGIS's own Python)."""
import importlib

_EXPORTS = {"Gazetteer": ".gazetteer", "read_layer": ".gpkg", "write_layers": ".gpkg", "Report": ".report",
            "KINDS": ".schemas", "validate": ".schemas", "read_table": ".tables", "read_source": ".validation",
            "validate_file": ".validation"}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
