"""Which border crossings are closed in each analysis period, from a PoE status timeline."""
import pandas as pd

from .observations import period_labels


def closures_by_period(status, dates, period):
    """``{period: [poe_id, ...]}``: crossings ``fully_closed`` at the middle of each period.

    ``status``: canonical ``poe_status`` (poe_id, status, valid_from[, valid_to]); ``dates``: the
    observation dates that define the periods.
    """
    dates = pd.Series(pd.to_datetime(dates))
    labels = period_labels(dates, period)
    middle = dates.groupby(labels.to_numpy()).agg(lambda d: d.min() + (d.max() - d.min()) / 2)
    status = status.assign(valid_from=pd.to_datetime(status["valid_from"]),
                           valid_to=pd.to_datetime(status.get("valid_to", pd.Series(pd.NaT, index=status.index))))
    closed = status[status["status"] == "fully_closed"]
    out = {}
    for label, when in middle.items():
        active = (closed["valid_from"] <= when) & (closed["valid_to"].isna() | (closed["valid_to"] >= when))
        out[label] = sorted(closed.loc[active, "poe_id"].astype(str).unique())
    return out
