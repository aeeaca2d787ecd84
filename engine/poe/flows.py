"""OD flows for closure scenarios: read (``od`` table or a corridors output), resolve the place
names against the gazetteer (and the PoE registry), and place them on network nodes."""
import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..errors import SchemaError
from ..io.gazetteer import Gazetteer
from ..io.schemas import validate
from ..io.sources import read_places_geonames
from ..io.tables import points_from_lonlat, read_table, read_vector

log = logging.getLogger(__name__)


def read_od(path):
    """An ``od`` table (origin, destination, flow in persons/day)."""
    od = validate(read_table(path), "od", path=path)
    od["origin"] = od["origin"].astype(str)
    od["destination"] = od["destination"].astype(str)
    return pd.DataFrame(od).reset_index(drop=True)


def read_flows(path):
    """OD flows from an ``rdh corridors`` GeoPackage (layer ``od_flows``) as an ``od`` table."""
    layer = read_vector(path, layer="od_flows")
    od = pd.DataFrame(layer.drop(columns=layer.geometry.name)).rename(columns={"flow_persons_day": "flow"})
    return validate(od, "od", path=path).reset_index(drop=True)


def read_herds(path):
    """Herd movements from an ``rdh transhumance`` GeoPackage (layer ``herd_routes``) as OD rows: from
    each route's first point to its last, ``flow`` = ``herd_size`` (heads), ends given as coordinates."""
    routes = read_vector(path, layer="herd_routes").to_crs("EPSG:4326")
    lines = routes.geometry.values
    ok = ~(shapely.is_missing(lines) | shapely.is_empty(lines))
    if (~ok).any():
        log.warning("%s: %d herd route(s) without geometry left out", path, int((~ok).sum()))
    routes, lines = routes[ok].reset_index(drop=True), lines[ok]
    parts = [shapely.get_parts(g) for g in lines]  # first vertex of the first part, last of the last
    start = shapely.get_coordinates(np.array([shapely.get_point(p[0], 0) for p in parts]))
    end = shapely.get_coordinates(np.array([shapely.get_point(p[-1], -1) for p in parts]))
    herd = routes["herd_id"].astype(str) if "herd_id" in routes else pd.Series(routes.index.astype(str))
    label = herd + (" (" + routes["season"].astype(str) + ")" if "season" in routes else "")
    od = pd.DataFrame({"origin": label + " start", "destination": label + " end",
                       "flow": pd.to_numeric(routes["herd_size"], errors="coerce"),
                       "origin_lon": start[:, 0], "origin_lat": start[:, 1], "dest_lon": end[:, 0],
                       "dest_lat": end[:, 1], "group": "herds"})
    return validate(od, "od", path=path).reset_index(drop=True)


def read_places(path):
    """A gazetteer: the GeoNames export as shipped, or any table with the canonical ``places`` columns."""
    raw = read_table(path)
    if "geonameid" in raw:
        return read_places_geonames(path)
    if isinstance(raw, gpd.GeoDataFrame):
        raw = pd.DataFrame(raw.drop(columns=raw.geometry.name))
    return points_from_lonlat(validate(raw, "places", path=path))


def locate_od(od, places, network, *, poe=None, snap_tolerance_m=100_000.0):
    """Resolve and snap OD ends. Returns the OD table with ``origin_node``, ``dest_node``,
    ``origin_poe``, ``dest_poe`` (PoE id when an end is a PoE) and the ends' lon/lat; rows whose ends
    cannot be resolved or snapped are dropped with a warning naming them. Ends that already carry
    coordinates (``origin_lon``/``origin_lat``, ``dest_lon``/``dest_lat``, e.g. herd routes) are
    kept as they are."""
    gazetteer = Gazetteer.from_places(places, poe=poe)

    def find(name):
        match = gazetteer.lookup(name)
        return None if match is None else (match.lon, match.lat, match.poe_id)

    od = od.copy()
    for end, col in (("origin", "origin"), ("dest", "destination")):
        found = od[col].map(find)
        lon, lat = (od[f"{end}_{c}"] if f"{end}_{c}" in od else pd.Series(np.nan, index=od.index)
                    for c in ("lon", "lat"))
        given = (lon.notna() & lat.notna()).to_numpy()
        od[f"{end}_lon"] = np.where(given, lon, found.map(lambda f: f[0] if f else np.nan))
        od[f"{end}_lat"] = np.where(given, lat, found.map(lambda f: f[1] if f else np.nan))
        od[f"{end}_poe"] = np.where(given, None, found.map(lambda f: f[2] if f else None))
    unknown = sorted(set(od.loc[od["origin_lon"].isna(), "origin"]) | set(od.loc[od["dest_lon"].isna(), "destination"]))
    if unknown:
        log.warning("%d place name(s) in the OD table are not in the gazetteer; their rows are left out: %s",
                    len(unknown), ", ".join(unknown[:20]))
    for end in ("origin", "dest"):
        pts = points_from_lonlat(od[[f"{end}_lon", f"{end}_lat"]], lon=f"{end}_lon", lat=f"{end}_lat")
        od[f"{end}_node"] = network.snap(pts, tolerance_m=snap_tolerance_m)["nearest_node"].to_numpy()
    keep = (od["origin_node"] >= 0) & (od["dest_node"] >= 0)
    if (~keep).any():
        log.warning("%d OD row(s) left out (place unknown or farther than %.0f km from any road)",
                    int((~keep).sum()), snap_tolerance_m / 1000)
    od = od[keep].reset_index(drop=True)
    if od.empty:
        raise SchemaError("no OD row could be placed on the road network")
    return od


__all__ = ["locate_od", "read_flows", "read_herds", "read_od", "read_places"]
