"""Routable road graph: CSR arrays, Numba kernels, building from road lines, snapping points."""
from .graph import Path, RoadGraph, hilbert_order

__all__ = ["Path", "RoadGraph", "hilbert_order"]
