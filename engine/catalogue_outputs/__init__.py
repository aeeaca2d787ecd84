"""Declarations of every layer, table and raster the toolkit writes, one module per analysis.

:mod:`rdh_engine.catalogue` gathers :data:`DECLARATIONS` into its ``OUTPUTS``; nothing else
should import these modules directly.
"""
from . import corridors, poe, sources, transhumance

DECLARATIONS = (*sources.DECLARATIONS, *corridors.DECLARATIONS, *transhumance.DECLARATIONS, *poe.DECLARATIONS)
