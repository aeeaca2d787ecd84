"""RDH Toolkit engine: migration corridors, transhumance routes and border-closure impacts.

A plain Python library (geopandas, shapely, pyproj, rasterio, networkx, numba, numpy); it never
imports QGIS or Qt. Installed under the import name ``rdh_engine``.
"""
import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
