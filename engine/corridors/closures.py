"""Which border-crossing edges are closed in each analysis period, from a PoE status timeline."""
import pandas as pd

from ..poe.status import prepare_status, status_on
from .observations import period_labels


def crossing_poe_edges(network):
    """(poe_id, edge_id) of the network's own border crossings, when no PoE registry is given."""
    edges = network.edges[network.edges["border_crossing"].astype(bool) & network.edges["poe_id"].notna()]
    return pd.DataFrame({"poe_id": edges["poe_id"].astype(str).to_numpy(), "edge_id": edges.index.to_numpy()})


def registry_poe_edges(match):
    """(poe_id, edge_id) from a registry matched to the network (:class:`rdh_engine.poe.registry.PoeMatch`)."""
    ids = match.table["poe_id"].to_numpy()
    return pd.DataFrame({"poe_id": ids[match.edge_poe[:, 0]], "edge_id": match.edge_poe[:, 1]})


def closed_edges_by_period(status, dates, period, poe_edges):
    """``{period: [edge_id, ...]}``: edges whose every PoE is ``fully_closed`` at mid-period.

    An edge with several PoEs (posts on the same road) stays usable while any of them is open, as
    travellers take the open one. ``status``: canonical ``poe_status``; ``dates``: the observation
    dates that define the periods; ``poe_edges``: (poe_id, edge_id) pairs.
    """
    dates = pd.Series(pd.to_datetime(dates))
    labels = period_labels(dates, period)
    middle = dates.groupby(labels.to_numpy()).agg(lambda d: d.min() + (d.max() - d.min()) / 2)
    status = prepare_status(status)
    pairs = poe_edges.assign(poe_id=poe_edges["poe_id"].astype(str))
    poe_ids = pairs["poe_id"].unique()
    out = {}
    for label, when in middle.items():
        on_date = status_on(status, when, poe_ids)
        closed_poes = set(on_date.index[on_date.to_numpy() == "fully_closed"])
        by_edge = pairs.assign(closed=pairs["poe_id"].isin(closed_poes)).groupby("edge_id")["closed"].all()
        out[label] = sorted(int(e) for e in by_edge.index[by_edge.to_numpy()])
    return out


__all__ = ["closed_edges_by_period", "crossing_poe_edges", "registry_poe_edges"]
