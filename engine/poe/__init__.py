"""Border-closure impact: PoE registry on the network, status timelines, closure scenarios against a
baseline (rerouted and stranded flows), criticality (N-1, N-2), timeline and Monte Carlo sweeps on Dask."""
from .analysis import (PoeAnalysis, criticality, impact_map, monte_carlo, prepare, scenario_layers, timeline,
                       timeline_chart)
from .flows import locate_od, read_flows, read_herds, read_od, read_places
from .impact import Comparison, ImpactModel, Routes, compare
from .registry import PoeMatch, match_registry, read_poe
from .status import change_dates, read_status, status_on, status_periods
from .sweep import dask_client, run_sweep

__all__ = ["Comparison", "ImpactModel", "PoeAnalysis", "PoeMatch", "Routes", "change_dates", "compare",
           "criticality", "dask_client", "impact_map", "locate_od", "match_registry", "monte_carlo", "prepare",
           "read_flows", "read_herds", "read_od", "read_places", "read_poe", "read_status", "run_sweep",
           "scenario_layers", "status_on", "status_periods", "timeline", "timeline_chart"]
