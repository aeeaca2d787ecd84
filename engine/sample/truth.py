"""The planted truth, written next to the generated inputs (``truth/``) for tests and benchmarks.

- ``movements.csv``: one row per planted movement (OD pair x traveller group): mean persons/day,
  routed node and edge ids (``;``-separated, in travel order), the FMPs on the path;
- ``movement_weekly.csv``: travellers per movement and week (what every FMP on the path counted);
- ``od_flows.csv``: persons/day per OD pair and year (the ``od`` schema);
- ``fmp_edges.csv``: the road edge each FMP counts;
- ``herd_routes.geojson``: the planted herd routes (lines), one per herd, season and cycle.
"""
import json

import numpy as np
import pandas as pd

from ..io.atomic import write_text
from ._common import weeks, write_csv


def write_truth(folder, *, moves, travellers, counting, catalogue, herd_routes):
    folder.mkdir(parents=True, exist_ok=True)
    week_starts = weeks()
    mean_day = travellers.sum(axis=1) / (7.0 * len(week_starts))
    table = pd.DataFrame({
        "movement_id": moves["movement_id"], "origin": moves["origin"], "destination": moves["destination"],
        "origin_iso3": moves["origin_iso3"], "destination_iso3": moves["destination_iso3"],
        "nationality_iso3": moves["nationality_iso3"], "sex": moves["sex"], "age_group": moves["age_group"],
        "transport_mode": moves["transport_mode"], "flow_persons_day": np.round(mean_day, 2),
        "length_km": moves["length_km"].round(1), "travel_time_h": moves["travel_time_h"].round(2),
        "node_ids": moves["node_path"].map(_join), "edge_ids": moves["edge_path"].map(_join),
        "fmp_ids": moves["fmp_path"].map(_join)})
    weekly = pd.DataFrame({
        "movement_id": np.repeat(moves["movement_id"].to_numpy(), len(week_starts)),
        "week": np.tile(week_starts.to_numpy(), len(moves)), "persons": travellers.ravel()})
    years = week_starts.year.to_numpy()
    od_rows = []
    for year in np.unique(years):
        per_move = travellers[:, years == year].sum(axis=1) / (7.0 * (years == year).sum())
        part = pd.DataFrame({"origin": moves["origin"], "destination": moves["destination"], "flow": per_move})
        part = part.groupby(["origin", "destination"], as_index=False, sort=True)["flow"].sum()
        od_rows.append(part.assign(period=str(year), flow=part["flow"].round(2)))
    od = pd.concat(od_rows, ignore_index=True)
    edges = catalogue[["fmp_id", "position_method", "network_km"]].assign(
        edge_id=catalogue["fmp_id"].map(counting).astype(int))
    return {
        "truth_movements": write_csv(table, folder / "movements.csv"),
        "truth_movement_weekly": write_csv(weekly, folder / "movement_weekly.csv"),
        "truth_od_flows": write_csv(od, folder / "od_flows.csv"),
        "truth_fmp_edges": write_csv(edges, folder / "fmp_edges.csv"),
        "truth_herd_routes": _write_geojson(herd_routes, folder / "herd_routes.geojson"),
    }


def _join(values):
    return ";".join(str(v) for v in values)


def _write_geojson(gdf, path):
    """GeoJSON with sorted keys and rounded coordinates: the same bytes on every run."""
    features = []
    for rec in gdf.itertuples(index=False):
        props = {k: getattr(rec, k) for k in gdf.columns if k != "geometry"}
        props["generated"] = True
        coords = [[round(x, 4), round(y, 4)] for x, y in rec.geometry.coords]
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "LineString", "coordinates": coords}})
    doc = {"type": "FeatureCollection", "name": "herd_routes",
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, "features": features}
    write_text(path, json.dumps(doc, sort_keys=True, separators=(",", ":")) + "\n")
    return path
