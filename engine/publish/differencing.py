"""What differencing releases of different breakdowns reveals about withheld counts.

A breakdown (``rdh corridors --filter sex=F``) counts a subset of the records behind the
unfiltered release: the same cell (layer, column, identity, e.g. ``fmp_points.observed`` at one
flow monitoring point) published by releases over different subsets is tied by addition. Release
A (all travellers) withholds ``T`` in [1, 4]; releases B (``sex=F``) and C (``sex=M``) withhold
``F`` and ``M``: since ``T >= F + M >= 2``, an attacker holding the three learns ``T >= 2``.

Each cell is solved on its own. The records are split into *atoms*: for every filtered column,
each value named by a filter, plus "any other value" unless the filtered values are all the
column holds (``domains``, recorded by the run: ``sex`` in {F, M}); a release's cell is the sum of
the atoms its filter keeps. What a release published bounds that sum: a withheld cell lies in
``[1, threshold-1]``, a published value ``p`` within ``[p-(base-1), p+(base-1)]`` (cell-key
random rounding moves a count by less than the base), a published 0 is exact (``suppress``) or
below the base (``round``). An integer programme (scipy's HiGHS; counts are whole persons) then
gives, for every protected cell (withheld; under ``round``, published as 0), the smallest and
largest count consistent with every release: the cell is *revealed* when that range is narrower than what the cell's own
release already says. Releases whose constraints cannot all hold (another period, other
parameters: the cells are not sums of the same records) tie nothing and are skipped.
"""
from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import math

import numpy as np
from scipy.optimize import linprog

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

OTHER = "\x00other"  # the values no filter names
MAX_ATOMS = 50_000


@dataclasses.dataclass(frozen=True)
class Revealed:
    """A protected cell whose count the releases together narrow."""

    cell: str  # layer|column|identity
    release: str  # the theme that published it
    breakdown: str  # its filter, as text
    prior: tuple[int, int]  # what its own release says
    narrowed: tuple[int, int]  # what the releases together say


def filter_key(filters: dict | None) -> str:
    """A canonical text for a breakdown (``{column: [values]}``; ``{}`` = every record)."""
    # filters match values whatever their case (engine/corridors/observations.py)
    return json.dumps({c: sorted({str(v).lower() for v in ([vs] if isinstance(vs, str) else vs)})
                       for c, vs in sorted((filters or {}).items())},
                      ensure_ascii=False, sort_keys=True)


def revealed_cells(releases, *, threshold, method):
    """Protected cells of ``releases`` that differencing them narrows.

    ``releases``: ``[(theme, {layer: {"filter": {...}, "domains": {column: [values]}, "window":
    [first, last], "cells": {"column|identity": value or None}}})]`` (None = withheld; ``domains``:
    every value of the filtered columns in the records, when known; ``window``: the dates of the
    records the filter splits — only breakdowns of the same records are tied). Returns a list of
    :class:`Revealed`.
    """
    by_cell, domains = {}, {}
    for theme, layers in releases:
        for layer, entry in layers.items():
            for column, values in (entry.get("domains") or {}).items():
                domains.setdefault(column, set()).update(str(v).lower() for v in values)
            fkey = filter_key(entry.get("filter"))
            window = "/".join(entry.get("window") or ())
            for cell, value in entry["cells"].items():
                by_cell.setdefault((layer, cell, window), {}).setdefault(fkey, (theme, value))
    out, solved = [], {}
    for (layer, cell, _), seen in by_cell.items():
        if len(seen) < 2:
            continue  # one breakdown: nothing to difference
        pattern = tuple(sorted((f, v) for f, (_, v) in seen.items()))
        if not any(_protected(v, method) for _, v in pattern):
            continue
        if pattern not in solved:  # many cells share the same breakdowns and published values
            solved[pattern] = _narrowed(pattern, domains, threshold=threshold, method=method)
        for fkey, prior, narrowed in solved[pattern]:
            out.append(Revealed(f"{layer}|{cell}", seen[fkey][0], fkey, prior, narrowed))
    return out


def _protected(value, method):
    return value is None or (method == "round" and value == 0)


def _bounds(value, threshold, method):
    """What a release says of a cell's true count."""
    if value is None:
        return 1, threshold - 1
    if value == 0:
        return (0, 0) if method == "suppress" else (0, threshold - 1)
    low = value - (threshold - 1)
    return (max(low, threshold) if method == "suppress" else max(low, 0)), value + (threshold - 1)


def _narrowed(pattern, domains, *, threshold, method):
    """``[(filter, prior, narrowed)]`` for the protected cells of one cell's releases."""
    filters = [json.loads(f) for f, _ in pattern]
    columns = sorted({c for f in filters for c in f})
    pieces = []
    for column in columns:
        named = {v for f in filters for v in f.get(column, ())}
        rest = column not in domains or bool(domains[column] - named)
        pieces.append(sorted(named) + ([OTHER] if rest else []))
    n_atoms = math.prod(len(p) for p in pieces)
    if n_atoms > MAX_ATOMS:
        log.warning("%d breakdown combinations: too many to audit exactly, cell skipped", n_atoms)
        return []
    atoms = list(itertools.product(*pieces))
    rows = np.array([[all(a in f[c] for c, a in zip(columns, atom) if c in f) for atom in atoms]
                     for f in filters], dtype=float)
    bounds = [_bounds(v, threshold, method) for _, v in pattern]
    a_ub = np.vstack([rows, -rows])
    b_ub = np.array([hi for _, hi in bounds] + [-lo for lo, _ in bounds], dtype=float)
    integral = np.ones(len(atoms))
    out = []
    for i, (fkey, value) in enumerate(pattern):
        if not _protected(value, method):
            continue
        low = linprog(rows[i], A_ub=a_ub, b_ub=b_ub, bounds=(0, None), integrality=integral, method="highs")
        if low.status == 2:  # infeasible: these releases are not sums of the same records
            return []
        high = linprog(-rows[i], A_ub=a_ub, b_ub=b_ub, bounds=(0, None), integrality=integral, method="highs")
        narrowed = (round(low.fun), round(-high.fun))
        if narrowed[0] > bounds[i][0] or narrowed[1] < bounds[i][1]:
            out.append((fkey, bounds[i], narrowed))
    return out


__all__ = ["Revealed", "filter_key", "revealed_cells"]
