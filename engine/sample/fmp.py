"""The FMP catalogue: the flow monitoring points named in public DTM documents, placed on the roads.

Each FMP counts the travellers on one road edge (its "counting edge", written to the truth). FMPs
within ON_NETWORK_KM of a road are placed ON that edge (a bus station or checkpoint on the way out of
town), so that snapping the point to the nearest road finds the same edge; the others keep their
gazetteer (or stated-area) position and are flagged ``off_network``.
"""
import re
import unicodedata

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point

from ._common import METRIC_CRS

ON_NETWORK_KM = 30.0
OUT_OF_TOWN_KM = 3.0  # FMPs sit on the road this far out of the town node, never on the node itself
CLEAR_M = 500.0

# FMPs without a GeoNames match: approximate position of the place the source describes
# (lon, lat, what the position stands for). Flagged position_method = stated_area.
STATED_AREA = {
    "Séguédine": (12.98, 20.20, "oasis on the Agadez-Dirkou-Libya track"),
    "Madama": (13.65, 21.97, "military post near the Libyan border"),
    "Dan Issa": (7.25, 13.22, "Niger-Nigeria border south of Maradi"),
    "Dan Barto": (8.37, 13.12, "Niger-Nigeria border south of Zinder"),
    "Heremakono": (-5.36, 11.07, "Mali-Burkina Faso border on the Sikasso-Bobo-Dioulasso road"),
    "Gogui": (-9.33, 15.57, "Mali-Mauritania border north of Nioro du Sahel"),
    "Benena": (-4.37, 13.08, "Mali-Burkina Faso border east of Tominian"),
    "Yendéré": (-4.96, 10.20, "Burkina Faso-Cote d'Ivoire border south of Niangoloko"),
    "Kalait": (20.90, 15.82, "Ennedi Ouest, on the Abeche-Fada road"),
    "Zouarké": (16.45, 20.43, "Tibesti, on the Faya-Zouar-Niger track"),
    "Rig-Rig": (14.35, 14.27, "Lac province near the Niger border"),
}

# When each FMP reported (from the source notes; assumptions flagged in docs/sample_data.md).
MALI_2016_2018 = {"Gao", "Kidal", "Menaka", "Mopti", "Kayes", "Segou", "Sikasso", "Bamako"}
ACTIVE_FROM = {"Madama": "2019-01-01", "Dan Issa": "2018-09-01", "Dan Barto": "2018-08-01",
               "Magaria": "2018-08-01", "Tahoua": "2018-08-01", "Rig-Rig": "2019-04-01",
               "Heremakono": "2019-01-01", "Place Kidal (Gao)": "2019-01-01", "Timbuktu": "2019-01-01",
               "Gogui": "2019-01-01", "Benena": "2019-01-01"}


def fmp_id(country_iso3, name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return f"{country_iso3}-" + re.sub(r"[^A-Z0-9]+", "_", ascii_name.upper()).strip("_")


def build_catalogue(named_path, roads, admin0, admin1):
    """Return (catalogue DataFrame in the ``fmp`` schema, counting edge per fmp_id)."""
    named = pd.read_csv(named_path, encoding="utf-8")
    edges = roads.edges
    rows, taken = [], set()
    for rec in named.itertuples(index=False):
        geocoded = pd.notna(rec.lon)
        lon, lat, note = (rec.lon, rec.lat, f"GeoNames town {rec.gazetteer_match_name}") if geocoded \
            else STATED_AREA[rec.fmp_name]
        town = gpd.GeoSeries([Point(lon, lat)], crs=4326).to_crs(METRIC_CRS).iloc[0]
        dist_km = edges.distance(town) / 1000.0
        in_country = edges.intersects(admin0.loc[rec.country_iso3, "geometry"])
        near = edges[dist_km <= ON_NETWORK_KM]
        if len(near):
            edge_id = _choose_edge(near, in_country, rec.context, taken)
            point = _out_of_town(edges, edge_id, town)
            method = "gazetteer_on_road" if geocoded else "stated_area_on_road"
        else:  # counts the nearest road through its country (Saharan FMPs far from any mapped road)
            edge_id = int(dist_km[in_country].idxmin()) if in_country.any() else int(dist_km.idxmin())
            point = town
            method = "gazetteer_off_network" if geocoded else "stated_area_off_network"
        taken.add(edge_id)
        rows.append({"name": rec.fmp_name, "country_iso3": rec.country_iso3, "point": point,
                     "fmp_type": _fmp_type(rec.context, edges.loc[edge_id]), "edge_id": edge_id,
                     "position_method": method, "position_note": note,
                     "network_km": round(float(edges.geometry[edge_id].distance(point)) / 1000.0, 1),
                     "source_title": rec.source_title})
    cat = gpd.GeoDataFrame(rows, geometry=[r["point"] for r in rows], crs=METRIC_CRS).drop(columns="point")
    cat.insert(0, "fmp_id", [fmp_id(c, n) for c, n in zip(cat.country_iso3, cat.name)])
    wgs = cat.to_crs(4326)
    cat["lon"], cat["lat"] = wgs.geometry.x.round(5), wgs.geometry.y.round(5)
    cat["admin1"] = _admin1(wgs, admin1)
    cat["active_from"] = [ACTIVE_FROM.get(n, "2018-01-01") if c != "GMB" else "2021-01-01"
                          for n, c in zip(cat.name, cat.country_iso3)]
    cat["active_to"] = [("2018-12-31" if n in MALI_2016_2018 else None) for n in cat.name]
    counting = cat.set_index("fmp_id")["edge_id"]
    columns = ["fmp_id", "name", "country_iso3", "lon", "lat", "admin1", "fmp_type", "active_from",
               "active_to", "position_method", "position_note", "network_km", "source_title"]
    return pd.DataFrame(cat[columns]), counting


def _choose_edge(near, in_country, context, taken):
    """The busiest nearby road of the FMP's country (cross-border roads first for border FMPs),
    skipping roads already counted by another FMP of the same town (e.g. Kano's two bus parks)."""
    context = str(context) if pd.notna(context) else ""
    ours = near[in_country.reindex(near.index)]
    pool = ours if len(ours) else near
    free = pool[~pool.index.isin(list(taken))]
    pool = free if len(free) else pool
    border = "border" in context.lower() or "libya" in context.lower()
    key = pool["passes"].fillna(0.0) + np.where(pool["cross_border"].astype(bool) & border, 1e6, 0.0)
    return int(key.sort_values(ascending=False, kind="stable").index[0])


def _out_of_town(edges, edge_id, town):
    """Point of the edge nearest the town, at least OUT_OF_TOWN_KM from its ends (network nodes) and
    CLEAR_M from every other road, so that snapping it to the nearest road finds this edge."""
    line = edges.geometry[edge_id]
    others = edges.drop(index=edge_id)
    others = others[others.distance(line) < OUT_OF_TOWN_KM * 3000.0].geometry.union_all()
    margin = min(OUT_OF_TOWN_KM * 1000.0, line.length / 2)
    steps = np.arange(margin, line.length - margin + 1.0, 250.0)
    steps = steps[np.argsort(np.abs(steps - line.project(town)), kind="stable")]
    for at in steps:
        point = line.interpolate(float(at))
        if others.is_empty or point.distance(others) >= CLEAR_M:
            return point
    return line.interpolate(line.length / 2)


def _fmp_type(context, edge):
    context = str(context).lower()
    if any(word in context for word in ("park", "garage", "bus station", "ferry")):
        return "bus_station"
    if edge["cross_border"] and "border" in context:
        return "border_crossing"
    return "transit_point"


def _admin1(points, admin1):
    joined = gpd.sjoin(points[["geometry"]], admin1[["adm1_name", "geometry"]], predicate="within", how="left")
    return joined[~joined.index.duplicated()]["adm1_name"].reindex(points.index).values
