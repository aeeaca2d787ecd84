"""Routable road graph: CSR arrays, Numba kernels, building from road lines, snapping points."""
from .build import METRIC_CRS, RoadNetwork, build_network
from .graph import Path, PathSet, RoadGraph, hilbert_order

__all__ = ["METRIC_CRS", "Path", "PathSet", "RoadGraph", "RoadNetwork", "build_network", "hilbert_order"]
