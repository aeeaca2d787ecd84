"""Scores of reconstructed edge volumes against known (planted) ones.

Used by the tests and the benchmark on the sample generator's planted truth; the engine never
reads that truth itself.
"""
import numpy as np
import pandas as pd
from scipy.stats import spearmanr


def core_edges(volumes, *, share=0.9):
    """The fewest edges that together carry ``share`` of the total volume."""
    v = pd.Series(volumes, dtype=float)
    v = v[v > 0].sort_values(ascending=False, kind="stable")
    if v.empty:
        return set()
    cumulative = v.cumsum() / v.sum()
    return set(v.index[: int(np.searchsorted(cumulative.to_numpy(), share) + 1)])


def score_edges(reconstructed, planted, *, share=0.9):
    """Precision and recall of the planted core edges (carrying ``share`` of the flow) and the Spearman
    correlation of volumes over every edge either side uses. Both inputs: {edge key: volume}."""
    rec, true = core_edges(reconstructed, share=share), core_edges(planted, share=share)
    hits = len(rec & true)
    keys = sorted(set(k for k, v in reconstructed.items() if v > 0) | set(k for k, v in planted.items() if v > 0))
    rho = spearmanr([reconstructed.get(k, 0.0) for k in keys], [planted.get(k, 0.0) for k in keys]).statistic
    return {"precision": hits / len(rec) if rec else np.nan, "recall": hits / len(true) if true else np.nan,
            "spearman": float(rho), "n_core_planted": len(true), "n_core_reconstructed": len(rec)}
