"""Points of entry: a registry shaped like the 469 PoEs IOM assessed in 2020-21 (371 land, 46
airports, 52 blue border) and a 2020-2021 status timeline following COBAP's country policies.

- land: every WCA side of the road network's border crossings (a crossing between two WCA countries
  gives two PoEs, one each side, placed POE_OFFSET_M inside the country on the road), the busiest
  kept; the registry carries the crossing's ``edge_id`` (a real road attribute, not truth);
- airports: each country's capital, then the largest towns (airport position = the town's, approximate);
- blue border: the sea ports of the cities/ports layer, then river towns on an international border.
Status: a PoE follows its country's COBAP status for its mode (land / air / sea, rivers as sea):
complete closure -> fully_closed, partial -> partially_open; each PoE reopens up to REOPEN_LAG_DAYS
later than its country, and some closed PoEs stay partially open for goods and returning nationals.
"""
import geopandas as gpd
import numpy as np
import pandas as pd

from ._common import METRIC_CRS, WCA, rng

N_LAND, N_AIRPORT, N_BLUE = 371, 46, 52
POE_OFFSET_M = 800.0
BORDER_TOWN_KM = 10.0
RIVER_TOWN_KM = 5.0
AIRPORT_SPACING_KM = 40.0
REOPEN_LAG_DAYS = 21
EXEMPT_SHARE = 0.15  # closed PoEs that stay partially open (goods, returning nationals)
STATUS_START, STATUS_END = pd.Timestamp("2020-01-01"), pd.Timestamp("2021-12-31")


def build_registry(roads_path, roads, places, admin0, admin1, rivers):
    land = _land(roads_path, roads, places)
    air = _airports(places)
    blue = _blue(roads_path, places, admin0, rivers)
    reg = pd.concat([land, air, blue], ignore_index=True)
    reg["lon"], reg["lat"] = reg["lon"].round(5), reg["lat"].round(5)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(reg["lon"], reg["lat"], crs=4326)).to_crs(METRIC_CRS)
    nearest = gpd.sjoin_nearest(points, admin1[["adm1_name", "geometry"]].to_crs(METRIC_CRS))
    reg["admin1"] = nearest[~nearest.index.duplicated()]["adm1_name"].reindex(reg.index)
    return reg[["poe_id", "name", "poe_type", "country_iso3", "lon", "lat", "neighbour_iso3", "admin1", "edge_id",
                "source"]]


def _town_name(points, places, country):
    """Name of the largest gazetteer place within 30 km in the same country (nearest otherwise)."""
    pool = places[places["country_iso3"] == country]
    if pool.empty:
        return [None] * len(points)
    names = []
    for p in points:
        dist = pool.distance(p)
        near = pool[dist < 30_000]
        names.append(near.sort_values(["population", "name"], ascending=[False, True])["name"].iloc[0]
                     if len(near) else pool.loc[dist.idxmin(), "name"])
    return names


def _land(roads_path, roads, places):
    xings = gpd.read_file(roads_path, layer="border_crossings_derived", engine="pyogrio").to_crs(METRIC_CRS)
    rows = []
    for x in xings.sort_values("edge_id").itertuples(index=False):
        line = roads.edges.geometry.get(x.edge_id)
        at = line.project(x.geometry) if line is not None else None
        for side, other, sign in ((x.from_ctry, x.to_ctry, -1.0), (x.to_ctry, x.from_ctry, 1.0)):
            if side not in WCA:
                continue
            point = x.geometry if line is None else line.interpolate(float(np.clip(at + sign * POE_OFFSET_M, 0,
                                                                                    line.length)))
            traffic = roads.edges["passes"].get(x.edge_id, 0.0)
            rows.append({"country_iso3": side, "neighbour_iso3": other, "edge_id": int(x.edge_id),
                         "geometry": point, "traffic": 0.0 if pd.isna(traffic) else float(traffic)})
    land = gpd.GeoDataFrame(rows, crs=METRIC_CRS)
    land = land.sort_values(["traffic", "edge_id", "country_iso3"], ascending=[False, True, True]).head(N_LAND)
    land = land.sort_values(["country_iso3", "edge_id"]).reset_index(drop=True)
    land["name"] = [f"{town} border post ({c}-{n})" for town, c, n in zip(
        _names_by_country(land, places), land["country_iso3"], land["neighbour_iso3"])]
    land["poe_type"], land["source"] = "land", "road_border_crossing"
    return _finish(land, "L")


def _names_by_country(gdf, places):
    names = pd.Series(index=gdf.index, dtype=object)
    for country, part in gdf.groupby("country_iso3"):
        names[part.index] = _town_name(part.geometry, places, country)
    return names


def _airports(places):
    towns = places[places["country_iso3"].isin(WCA)].copy()
    towns["capital"] = towns["feature_code"] == "PPLC"
    towns = towns.sort_values(["capital", "population", "name"], ascending=[False, False, True])
    chosen = []  # capitals first, then the largest towns, none within AIRPORT_SPACING_KM of another
    for per_country in (1, 5):
        for t in towns.itertuples():
            if len(chosen) == N_AIRPORT:
                break
            same = [c for c in chosen if c.country_iso3 == t.country_iso3]
            if len(same) >= per_country or (per_country == 1 and not t.capital) or any(
                    c.geometry.distance(t.geometry) < AIRPORT_SPACING_KM * 1000 for c in chosen) or t in chosen:
                continue
            chosen.append(t)
    chosen = pd.DataFrame(chosen)
    air = gpd.GeoDataFrame({"country_iso3": chosen["country_iso3"].values,
                            "name": [f"{n} airport" for n in chosen["name"]], "neighbour_iso3": None,
                            "edge_id": None, "poe_type": "airport", "source": "gazetteer_town_position"},
                           geometry=gpd.GeoSeries(list(chosen["geometry"]), crs=METRIC_CRS).values, crs=METRIC_CRS)
    return _finish(air.sort_values(["country_iso3", "name"]).reset_index(drop=True), "A")


def _blue(roads_path, places, admin0, rivers):
    ports = gpd.read_file(roads_path, layer="cities_ports", engine="pyogrio").to_crs(METRIC_CRS)
    ports = ports[ports["port_locode"].fillna("").ne("")]
    # The country is the one the port lies in (the layer files Lome under its Ghanaian neighbour Aflao).
    ports["iso3"] = [admin0.distance(p).idxmin() for p in ports.geometry]
    ports = ports[ports["iso3"].isin(WCA)]
    sea = gpd.GeoDataFrame({"country_iso3": ports["iso3"].values, "name": [f"Port of {n}" for n in ports["port_name"]],
                            "neighbour_iso3": None, "edge_id": None, "poe_type": "sea", "source": "cities_ports"},
                           geometry=ports.geometry.values, crs=METRIC_CRS)
    river_lines = rivers.to_crs(METRIC_CRS).geometry.union_all()
    towns = places[places["country_iso3"].isin(WCA)].copy()
    towns = towns[towns.distance(river_lines) < RIVER_TOWN_KM * 1000]
    near_border, neighbour = [], []
    for t in towns.itertuples():
        others = admin0[admin0.index != t.country_iso3]
        dist = others.distance(t.geometry)
        near_border.append(dist.min() < BORDER_TOWN_KM * 1000)
        neighbour.append(dist.idxmin())
    towns["neighbour_iso3"] = neighbour
    towns = towns[np.array(near_border, dtype=bool)].sort_values(["population", "name"], ascending=[False, True])
    towns = towns.head(N_BLUE - len(sea))
    river = gpd.GeoDataFrame({"country_iso3": towns["country_iso3"].values,
                              "name": [f"{n} river crossing" for n in towns["name"]],
                              "neighbour_iso3": towns["neighbour_iso3"].values, "edge_id": None,
                              "poe_type": "river", "source": "gazetteer_river_border_town"},
                             geometry=towns.geometry.values, crs=METRIC_CRS)
    blue = pd.concat([sea, river], ignore_index=True).sort_values(["country_iso3", "poe_type", "name"])
    return _finish(gpd.GeoDataFrame(blue, crs=METRIC_CRS).reset_index(drop=True), "B")


def _finish(gdf, letter):
    wgs = gdf.to_crs(4326)
    out = pd.DataFrame(gdf.drop(columns="geometry"))
    out["lon"], out["lat"] = wgs.geometry.x.values, wgs.geometry.y.values
    seq = out.groupby("country_iso3").cumcount() + 1
    out["poe_id"] = [f"{c}-{letter}{i:03d}" for c, i in zip(out["country_iso3"], seq)]
    return out


MODE_COLUMN = {"land": "land_closure", "airport": "air_closure", "sea": "sea_closure", "river": "sea_closure"}


def country_status(cobap_daily):
    """Daily status per country and mode: fully_closed / partially_open / open (COBAP)."""
    daily = cobap_daily[cobap_daily["iso3"].isin(WCA)].copy()
    daily["date"] = pd.to_datetime(daily["date"])
    out = {}
    for mode, column in MODE_COLUMN.items():
        status = np.where(daily[column] > 0, np.where(daily["complete_closure"] > 0, 2, 1), 0)
        out[mode] = pd.Series(status, index=pd.MultiIndex.from_arrays([daily["iso3"], daily["date"]]))
    return out


STATUS_NAMES = np.array(["open", "partially_open", "fully_closed"])


def status_timeline(registry, cobap_daily, *, seed):
    """Run-length ``poe_status`` rows (poe_id, status, valid_from, valid_to, restrictions)."""
    gen = rng(seed, "poe-status")
    days = pd.date_range(STATUS_START, STATUS_END, freq="D")
    by_mode = country_status(cobap_daily)
    rows = []
    for poe in registry.itertuples(index=False):
        level = by_mode[poe.poe_type].get(poe.country_iso3)
        level = (level.reindex(days).fillna(0).to_numpy(int) if level is not None
                 else np.zeros(len(days), int))
        lag = int(gen.integers(0, REOPEN_LAG_DAYS + 1))
        exempt = gen.random() < EXEMPT_SHARE
        level = _lag_reopenings(level, lag)
        if exempt:
            level = np.minimum(level, 1)
        rows.extend(_runs(poe.poe_id, level, days, exempt))
    return pd.DataFrame(rows)


def _lag_reopenings(level, lag):
    """A PoE eases its status ``lag`` days after its country does (closures apply the same day)."""
    if lag == 0:
        return level
    out = level.copy()
    for i in range(1, len(level)):
        if level[i] < level[i - 1]:
            out[i:i + lag] = np.maximum(out[i:i + lag], level[i - 1])
    return out


def _runs(poe_id, level, days, exempt):
    change = np.flatnonzero(np.diff(level)) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change - 1, [len(level) - 1]])
    for s, e in zip(starts, ends):
        status = STATUS_NAMES[level[s]]
        restrictions = None
        if status == "partially_open":
            restrictions = "goods and returning nationals only" if exempt else "health screening, essential travel"
        yield {"poe_id": poe_id, "status": status, "valid_from": days[s], "valid_to": days[e],
               "restrictions": restrictions}
