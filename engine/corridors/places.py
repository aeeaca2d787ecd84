"""Resolve the place names of flow-monitoring counts (origin, next stop, destination) to network nodes.

Names are matched case- and accent-insensitively against a gazetteer's ``name`` and ``alt_names``
(``;``-separated); when a name is ambiguous the most populous place wins, as a GIS officer would
read "Niamey" in a DTM form.
"""
import logging

import numpy as np
import pandas as pd

from ..io.countries import fold

log = logging.getLogger(__name__)

# Folded forms (see io.countries.fold) of what forms write for an undeclared place; "-", "?" fold to "".
UNKNOWN = {"", "unknown", "inconnu", "inconnue", "nan", "none", "n a", "na"}


def is_unknown(values):
    """True where a declared place is missing ("unknown", blank, NaN...)."""
    values = pd.Series(values)
    return values.isna() | values.astype(str).map(fold).isin(UNKNOWN)


def gazetteer_index(places):
    """Folded name -> row label of ``places``; the most populous place wins a shared name, and a
    place's own name wins over another place's alias."""
    pop = pd.to_numeric(places["population"], errors="coerce").fillna(0) if "population" in places else None
    order = places.index if pop is None else pop.sort_values(ascending=False, kind="stable").index
    aliases = places["alt_names"].fillna("").astype(str) if "alt_names" in places else None
    own, alias = {}, {}
    for label in order:
        own.setdefault(fold(places.at[label, "name"]), label)
        if aliases is not None:
            for name in aliases[label].split(";"):
                if name.strip():
                    alias.setdefault(fold(name), label)
    return {**alias, **own}


def resolve(names, places, *, index=None):
    """Row labels of ``places`` for each name (NaN where unknown or not found), and the unmatched names."""
    index = gazetteer_index(places) if index is None else index
    names = pd.Series(names)
    unknown = is_unknown(names)
    labels = names.where(~unknown).map(lambda n: index.get(fold(n), np.nan) if isinstance(n, str) else np.nan)
    missed = sorted(set(names[~unknown & labels.isna()].astype(str)))
    if missed:
        log.warning("%d place name(s) not in the gazetteer, treated as undeclared: %s",
                    len(missed), ", ".join(missed[:15]))
    return labels, missed
