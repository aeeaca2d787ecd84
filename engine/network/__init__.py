"""Routable road graph: CSR arrays, Numba kernels, building from road lines, snapping points."""
from .build import METRIC_CRS, RoadNetwork, build_network
from .graph import Path, RoadGraph, hilbert_order

__all__ = ["METRIC_CRS", "Path", "RoadGraph", "RoadNetwork", "build_network", "hilbert_order"]
