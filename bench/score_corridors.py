"""Score `rdh corridors` against the sample generator's planted movements.

Runs the reconstruction on sample_data/generated with complete declarations, then with a share of
the counts' destinations and origins blanked ("partly declared"), and compares edge volumes with the
planted ones (truth/movements.csv): precision/recall of the planted edges carrying 90% of the flow,
and the Spearman correlation of edge volumes. Run: .venv/bin/python bench/score_corridors.py
"""
import sys

import geopandas as gpd
import numpy as np
import pandas as pd

from rdh_engine.corridors.reconstruct import reconstruct
from rdh_engine.corridors.scoring import score_edges
from rdh_engine.io.schemas import validate
from rdh_engine.io.sources import read_places_geonames, read_roads
from rdh_engine.network import build_network

REAL, GEN = "sample_data/real", "sample_data/generated"


def planted_volumes():
    """Persons/day per road edge_id over 2018-2021, summed over the planted movements."""
    moves = pd.read_csv(f"{GEN}/truth/movements.csv")
    weekly = pd.read_csv(f"{GEN}/truth/movement_weekly.csv")
    days = (pd.to_datetime(weekly["week"]).max() - pd.to_datetime(weekly["week"]).min()).days + 7
    per_day = weekly.groupby("movement_id")["persons"].sum() / days
    volumes = {}
    for move in moves.itertuples():
        for edge in str(move.edge_ids).split(";"):
            volumes[int(edge)] = volumes.get(int(edge), 0.0) + per_day.get(move.movement_id, 0.0)
    return volumes


def blank_declarations(counts, *, share, seed=0):
    """A copy of the counts with ``share`` of destinations and half as many origins unknown."""
    rng = np.random.default_rng(seed)
    partial = counts.copy()
    partial.loc[rng.random(len(partial)) < share, ["destination", "next_stop"]] = "unknown"
    partial.loc[rng.random(len(partial)) < share / 2, "origin"] = "unknown"
    return partial


def reconstructed_volumes(result, network, roads):
    """Persons/day per road edge_id: the largest volume among the network pieces of each road line."""
    flows = result.edge_flows.set_index("edge_id")["flow_persons_day"]
    road_id = roads["edge_id"].to_numpy()[network.edges["source_row"].to_numpy()]
    table = pd.DataFrame({"road": road_id, "flow": flows.reindex(network.edges["edge_id"]).fillna(0).to_numpy()})
    return table.groupby("road")["flow"].max().to_dict()


def run(*, partial_share=0.0, k=1):
    roads = read_roads(f"{REAL}/roads.gpkg")
    crossings = gpd.read_file(f"{REAL}/roads.gpkg", layer="border_crossings_derived")
    network = build_network(roads, crossings=crossings)
    counts = validate(pd.read_csv(f"{GEN}/fmp_counts.csv"), "fmp_counts")
    if partial_share:
        counts = blank_declarations(counts, share=partial_share)
    fmp = validate(pd.read_csv(f"{GEN}/fmp.csv"), "fmp")
    result = reconstruct(network, fmp, counts, read_places_geonames(f"{REAL}/places_geonames.csv"), period="all",
                         k=k, n_boot=0)
    return score_edges(reconstructed_volumes(result, network, roads), planted_volumes())


def main():
    rows = []
    for label, share in (("complete", 0.0), ("partly declared (40% destinations, 20% origins unknown)", 0.4)):
        scores = run(partial_share=share)
        rows.append({"declarations": label, **scores})
        print(rows[-1], file=sys.stderr)
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:.3f}"))


if __name__ == "__main__":
    main()
