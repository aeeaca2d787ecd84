"""From daily flow-monitoring counts to travel legs: origin -> FMP (-> next stop) -> destination.

One *leg* is a sequence of network nodes a group of travellers passed, with the persons counted on
one date at one flow monitoring point (FMP). Periods, filters and name resolution happen here;
completing partly declared origins/destinations is in :mod:`.estimate`.
"""
import logging

import numpy as np
import pandas as pd

from ..errors import ParameterError
from ..io.gazetteer import Gazetteer, is_unknown

log = logging.getLogger(__name__)

PERIODS = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y", "all": None}
FILTER_COLUMNS = ("nationality_iso3", "flow_type", "transport_mode", "sex", "age_group")


def filter_counts(counts, filters):
    """Keep the rows whose columns take one of the accepted values: ``{"flow_type": ["outgoing"]}``."""
    keep = pd.Series(True, index=counts.index)
    for column, accepted in (filters or {}).items():
        if column not in FILTER_COLUMNS:
            raise ParameterError(f"cannot filter on {column!r}; use one of: {', '.join(FILTER_COLUMNS)}")
        if column not in counts:
            raise ParameterError(f"the counts have no {column!r} column to filter on")
        accepted = [accepted] if isinstance(accepted, str) else list(accepted)
        keep &= counts[column].astype(str).str.lower().isin([str(a).lower() for a in accepted])
    if not keep.any():
        raise ParameterError(f"no counts left after filtering on {filters}")
    return counts[keep]


def period_labels(dates, period):
    """The period each date falls in (``all``: one period spanning the observed dates)."""
    if period not in PERIODS:
        raise ParameterError(f"unknown period {period!r}; use one of: {', '.join(PERIODS)}")
    dates = pd.to_datetime(dates)
    if period == "all":
        span = f"{dates.min():%Y-%m-%d}/{dates.max():%Y-%m-%d}"
        return pd.Series(span, index=dates.index)
    return dates.dt.to_period(PERIODS[period]).astype(str)


def period_days(labels, dates, period):
    """Calendar days in each period label (``all``: the observed span)."""
    if period == "all":
        days = (pd.to_datetime(dates).max() - pd.to_datetime(dates).min()).days + 1
        return {label: days for label in pd.unique(labels)}
    first = pd.to_datetime(dates).groupby(labels).min()
    spans = {label: pd.Period(d, PERIODS[period]) for label, d in first.items()}
    return {label: (p.end_time.normalize() - p.start_time.normalize()).days + 1 for label, p in spans.items()}


def build_legs(counts, fmp_nodes, place_nodes, places, *, period="month", filters=None, gazetteer=None):
    """Travel legs with network nodes, one row per count row.

    ``fmp_nodes``: FMP id -> node; ``place_nodes``: place row label -> node. Returns a DataFrame with
    ``period``, ``date``, ``fmp_id``, ``fmp_node``, ``origin``/``destination`` (gazetteer names, NaN when
    undeclared or unknown), ``origin_node``/``via_node``/``destination_node`` (-1 when unknown) and
    ``persons``. ``gazetteer``: the :class:`~rdh_engine.io.gazetteer.Gazetteer` of ``places`` (built
    when not given).
    """
    counts = filter_counts(counts, filters)
    unknown_fmp = sorted(set(counts["fmp_id"].astype(str)) - set(fmp_nodes))
    if unknown_fmp:
        log.warning("counts from %d FMP(s) not in the catalogue (or not on the network) are left out: %s",
                    len(unknown_fmp), ", ".join(unknown_fmp[:10]))
        counts = counts[~counts["fmp_id"].astype(str).isin(unknown_fmp)]
    gazetteer = Gazetteer.from_places(places) if gazetteer is None else gazetteer
    legs = pd.DataFrame({
        "period": period_labels(counts["date"], period).to_numpy(),
        "date": pd.to_datetime(counts["date"]).to_numpy(),
        "fmp_id": counts["fmp_id"].astype(str).to_numpy(),
        "persons": pd.to_numeric(counts["count"], errors="coerce").fillna(0).to_numpy(float),
    })
    legs["fmp_node"] = legs["fmp_id"].map(fmp_nodes).astype(np.int64)
    for column in ("origin", "destination", "next_stop"):
        values = counts[column] if column in counts else pd.Series(np.nan, index=counts.index)
        labels, _ = gazetteer.labels(values.to_numpy())
        legs[column] = places["name"].reindex(labels.to_numpy()).to_numpy()
        legs[f"{column}_node"] = labels.map(place_nodes).fillna(-1).astype(np.int64).to_numpy()
    # the next stop is a waypoint only when it is a different place from the destination
    same = legs["next_stop_node"] == legs["destination_node"]
    legs["via_node"] = np.where(same, -1, legs["next_stop_node"])
    return legs.drop(columns=["next_stop", "next_stop_node"])


def declared(legs):
    """'complete', 'origin_only', 'destination_only' or 'none' for each leg."""
    o = legs["origin_node"] >= 0
    d = legs["destination_node"] >= 0
    return np.select([o & d, o, d], ["complete", "origin_only", "destination_only"], "none")


__all__ = ["FILTER_COLUMNS", "PERIODS", "build_legs", "declared", "filter_counts", "is_unknown", "period_days",
           "period_labels"]
