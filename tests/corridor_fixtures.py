"""A small road network in Niger with named towns, for corridor tests (coordinates in lon/lat).

    Agadez (A) --- Tchirozerine (T) --- Arlit (R)          A-T-R: the direct road
        \\                               /
         `----- Ingall (I) -------------'                 A-I-R: a longer parallel road
    Zinder (Z) --- Agadez                                 Z-A: feeder
"""
import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString

TOWNS = {  # name: (lon, lat, population)
    "Agadez": (7.99, 16.97, 110_000), "Tchirozerine": (7.85, 17.25, 20_000), "Arlit": (7.39, 18.74, 80_000),
    "Ingall": (6.91, 16.78, 50_000), "Zinder": (8.99, 13.81, 320_000),
}
ROADS = [("Zinder", "Agadez"), ("Agadez", "Tchirozerine"), ("Tchirozerine", "Arlit"),
         ("Agadez", "Ingall"), ("Ingall", "Arlit")]


def places():
    return pd.DataFrame([{"name": n, "lon": x, "lat": y, "population": p, "country_iso3": "NER",
                          "alt_names": "Agades" if n == "Agadez" else ""} for n, (x, y, p) in TOWNS.items()])


def roads():
    lines = [LineString([TOWNS[a][:2], TOWNS[b][:2]]) for a, b in ROADS]
    return gpd.GeoDataFrame({"road_class": "primary", "name": [f"{a}-{b}" for a, b in ROADS]},
                            geometry=lines, crs="EPSG:4326")


def fmp(*names):
    return pd.DataFrame([{"fmp_id": f"FMP-{n[:3].upper()}", "name": n, "country_iso3": "NER",
                          "lon": TOWNS[n][0], "lat": TOWNS[n][1]} for n in names])


def counts(rows):
    """rows: (fmp town, date, origin, destination, count[, next_stop])."""
    out = []
    for r in rows:
        rec = {"fmp_id": f"FMP-{r[0][:3].upper()}", "date": r[1], "origin": r[2], "destination": r[3], "count": r[4]}
        if len(r) > 5:
            rec["next_stop"] = r[5]
        out.append(rec)
    return pd.DataFrame(out)
