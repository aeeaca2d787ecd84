"""Corridors: consecutive high-volume edges merged into named chains."""
import numpy as np
import pandas as pd


def high_flow_chains(edges, flow, *, min_flow):
    """Chains of edges with ``flow >= min_flow``, split where the high-flow network branches.

    ``edges`` has ``u``, ``v`` (row i = edge id i). Returns a list of (edge ids, node ids) in travel order.
    """
    keep = np.flatnonzero(flow >= min_flow)
    adjacency = {}
    for e in keep:
        for a, b in ((edges["u"].iat[e], edges["v"].iat[e]), (edges["v"].iat[e], edges["u"].iat[e])):
            adjacency.setdefault(a, []).append((b, e))
    joints = {n for n, nbrs in adjacency.items() if len(nbrs) != 2}
    seen, chains = set(), []
    starts = sorted(joints) + sorted(adjacency)  # joints first; then loops with no joint
    for start in starts:
        for nxt, e in adjacency[start]:
            if e in seen:
                continue
            chain_edges, chain_nodes, node = [e], [start, nxt], nxt
            seen.add(e)
            while node not in joints and node != start:
                nxt_e = [(n, ee) for n, ee in adjacency[node] if ee not in seen]
                if not nxt_e:
                    break
                node, e = nxt_e[0]
                seen.add(e)
                chain_edges.append(e)
                chain_nodes.append(node)
            chains.append((np.array(chain_edges), np.array(chain_nodes)))
    return chains


def describe_chain(edge_ids, node_ids, edges, flow, node_names):
    """Name, flow, length, countries and crossings of one chain."""
    rows = edges.iloc[edge_ids]
    length = rows["length_km"].to_numpy(float)
    weighted = float(np.average(flow[edge_ids], weights=np.maximum(length, 1e-9)))
    towns = [node_names.get(n) for n in node_ids]
    named = [t for t in towns if t]
    ends = [t for t in (towns[0], towns[-1]) if t]
    middle = [t for t in named if t not in ends]
    parts = ([ends[0]] if ends else []) + middle[:1] + (ends[1:] if len(ends) > 1 else [])
    if not parts:
        parts = named[:1] or [f"node {node_ids[0]}"]
    countries = sorted(set(rows["country_from"].dropna()) | set(rows["country_to"].dropna()))
    crossings = [str(p) for p in rows.loc[rows["border_crossing"].astype(bool), "poe_id"].dropna()]
    return {
        "name": " – ".join(dict.fromkeys(parts)),
        "flow_persons_day": weighted,
        "length_km": float(length.sum()),
        "countries": ";".join(countries),
        "poe_ids": ";".join(dict.fromkeys(crossings)),
    }


def corridor_table(chains, edges, flow, node_names, *, total_flow):
    records = []
    for i, (edge_ids, node_ids) in enumerate(chains, 1):
        rec = describe_chain(edge_ids, node_ids, edges, flow, node_names)
        rec["corridor_id"] = i
        rec["share"] = rec["flow_persons_day"] / total_flow if total_flow > 0 else np.nan
        rec["edge_ids"] = edge_ids
        records.append(rec)
    table = pd.DataFrame(records, columns=["corridor_id", "name", "flow_persons_day", "share", "length_km",
                                           "countries", "poe_ids", "edge_ids"])
    table = table.sort_values("flow_persons_day", ascending=False, kind="stable").reset_index(drop=True)
    table["corridor_id"] = np.arange(1, len(table) + 1)
    return table
