"""PoE status timelines (contract kind ``poe_status``): the state of every PoE on a date, and the
dates when any state changes.

A status row holds from ``valid_from`` to ``valid_to`` (both inclusive; no ``valid_to`` = until the
next row). When rows overlap on a date, the one that started last wins. A PoE with no row covering a
date is taken as ``open`` (the registry lists it, nothing says it was restricted).
"""
import logging

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..io.schemas import STATUS, validate
from ..io.tables import read_table

log = logging.getLogger(__name__)

# Status codes used by the scenario engine: the order is the severity (higher = more restricted).
OPEN, PARTIAL, CLOSED = 0, 1, 2
CODE = {s: i for i, s in enumerate(STATUS)}


def read_status(path):
    """Read and validate a ``poe_status`` table (CSV/XLSX/GPKG)."""
    table = read_table(path)
    return prepare_status(validate(table, "poe_status", path=path))


def prepare_status(status):
    """A validated status table with ``poe_id`` as text and the dates as timestamps."""
    status = status.copy()
    status["poe_id"] = status["poe_id"].astype(str)
    status["valid_from"] = pd.to_datetime(status["valid_from"])
    status["valid_to"] = pd.to_datetime(status["valid_to"]) if "valid_to" in status else pd.NaT
    bad = status["valid_to"].notna() & (status["valid_to"] < status["valid_from"])
    if bad.any():
        raise ParameterError(f"{int(bad.sum())} status row(s) end before they start "
                             f"(poe_id {', '.join(status.loc[bad, 'poe_id'].head(5))})")
    return status


def status_on(status, date, poe_ids):
    """Status (``open``/``partially_open``/``fully_closed``) of each PoE in ``poe_ids`` on ``date``,
    as a Series indexed by ``poe_id``."""
    return pd.Series(np.asarray(STATUS, dtype=object)[codes_on(status, date, poe_ids)],
                     index=pd.Index(list(map(str, poe_ids)), name="poe_id"), name="status")


def codes_on(status, date, poe_ids):
    """Like :func:`status_on`, as int8 codes (OPEN, PARTIAL, CLOSED) in the order of ``poe_ids``."""
    date = pd.Timestamp(date)
    live = status[(status["valid_from"] <= date) & (status["valid_to"].isna() | (status["valid_to"] >= date))]
    latest = live.sort_values("valid_from", kind="stable").drop_duplicates("poe_id", keep="last")
    by_id = dict(zip(latest["poe_id"], latest["status"].map(CODE)))
    return np.array([by_id.get(str(p), OPEN) for p in poe_ids], dtype=np.int8)


def change_dates(status, poe_ids, *, start=None, end=None):
    """Dates when the status of at least one PoE in ``poe_ids`` changes (the first date of each new
    state), sorted; the first date with any record is included. ``start``/``end`` clip the range."""
    starts = status["valid_from"]
    ends = status["valid_to"].dropna() + pd.Timedelta(days=1)  # the day after a period ends
    candidates = pd.DatetimeIndex(pd.concat([starts, ends]).drop_duplicates()).sort_values()
    if start is not None:
        candidates = candidates[candidates >= pd.Timestamp(start)]
    if end is not None:
        candidates = candidates[candidates <= pd.Timestamp(end)]
    kept, previous = [], None
    for date in candidates:
        codes = codes_on(status, date, poe_ids)
        if previous is None or (codes != previous).any():
            kept.append(date)
        previous = codes
    return pd.DatetimeIndex(kept, name="date")


def status_periods(status, poe_ids, *, start=None, end=None):
    """One row per PoE and period of constant status: ``poe_id``, ``status``, ``valid_from``, ``valid_to``
    (inclusive; NaT = open-ended)."""
    ids = list(map(str, poe_ids))
    dates = change_dates(status, ids, start=start, end=end)
    if len(dates) == 0:
        return pd.DataFrame(columns=["poe_id", "status", "valid_from", "valid_to"])
    codes = np.vstack([codes_on(status, d, ids) for d in dates])  # (dates, PoEs)
    rows = []
    for j, pid in enumerate(ids):
        col = codes[:, j]
        begins = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
        for k, b in enumerate(begins):
            last = dates[begins[k + 1]] - pd.Timedelta(days=1) if k + 1 < len(begins) else pd.NaT
            rows.append((pid, STATUS[col[b]], dates[b], last))
    return pd.DataFrame(rows, columns=["poe_id", "status", "valid_from", "valid_to"])


__all__ = ["CLOSED", "CODE", "OPEN", "PARTIAL", "change_dates", "codes_on", "prepare_status", "read_status",
           "status_on", "status_periods"]
