"""Readers that turn the hub's real source files into canonical layers (../docs/contract.md)."""
import logging
from pathlib import Path

import pandas as pd

from .schemas import canonical_columns, validate
from .tables import choose_layer, points_from_lonlat, read_table, read_vector

log = logging.getLogger(__name__)

# ISO 3166 alpha-2 -> alpha-3 for the countries of the gazetteer (GeoNames uses alpha-2).
ISO2_TO_ISO3 = {
    "BJ": "BEN", "BF": "BFA", "CF": "CAF", "CI": "CIV", "CM": "CMR", "CD": "COD", "CG": "COG", "CV": "CPV",
    "DZ": "DZA", "EG": "EGY", "EH": "ESH", "GA": "GAB", "GH": "GHA", "GN": "GIN", "GM": "GMB", "GW": "GNB",
    "GQ": "GNQ", "LR": "LBR", "LY": "LBY", "MA": "MAR", "ML": "MLI", "MR": "MRT", "NE": "NER", "NG": "NGA",
    "SD": "SDN", "SN": "SEN", "SL": "SLE", "ST": "STP", "TD": "TCD", "TG": "TGO", "TN": "TUN",
}


def flownet_roads(roads):
    """Canonical road columns from the Trans-African network's OSRM attributes (when present):
    ``road_class``, ``border_crossing``, ``penalty_h``, ``length_km`` and ``travel_time_h``."""
    roads = roads.copy()
    if "cross_border" in roads:
        roads["border_crossing"] = roads["cross_border"].astype(bool)
    if "proposed" in roads:
        roads["road_class"] = roads["proposed"].map({True: "proposed", False: "trunk"}).fillna("trunk")
    if "border_time" in roads:
        roads["penalty_h"] = roads["border_time"].fillna(0.0) / 60.0
    if "distance" in roads:
        roads["length_km"] = roads["distance"] / 1000.0
    if "duration" in roads:
        roads["travel_time_h"] = roads["duration"] / 60.0
    return roads, []


def mmp_export(raw, *, path=None):
    """The MMP export's own conventions, made canonical: blank ids (IOM GDI rows) get a stable id
    ``GDI.<date>.<row>``; negative dead/missing/survivors are read as unknown. Returns the table and
    ``[(rule, rows, column, values)]`` warnings about what was changed."""
    mmp = canonical_columns(raw, "mmp")
    if not {"incident_id", "date"} <= set(mmp.columns):
        return mmp, []
    mmp = _fill_missing_ids(mmp)
    notes = []
    for col in ("dead", "missing", "survivors"):
        if col not in mmp:
            continue
        negative = pd.to_numeric(mmp[col], errors="coerce") < 0
        if negative.any():
            rows = mmp.index[negative] + 2
            if path is not None:  # `rdh validate` lists them in its report instead
                log.warning("%s: %d negative %r value(s) (rows %s) read as unknown",
                            path, negative.sum(), col, ", ".join(map(str, rows[:10])))
            notes.append(("negative count read as unknown", rows, col, mmp.loc[negative, col]))
            mmp.loc[negative, col] = None
    return mmp, notes


# Per-kind adapters applied before validation (the same for `rdh validate` and the readers).
ADAPTERS = {"roads": flownet_roads, "mmp": mmp_export}


def read_roads(path, *, layer="edges"):
    """Road lines with canonical columns (see ``flownet_roads``)."""
    roads, _ = flownet_roads(read_vector(path, layer=layer))
    return validate(roads, "roads", path=path)


CROSSINGS_LAYER = "border_crossings_derived"  # border-crossing points shipped beside the road lines
ROAD_AUX_LAYERS = (CROSSINGS_LAYER, "nodes", "cities_ports")  # point layers shipped beside the road lines


def read_road_network_layers(path, *, layer=None, crossings_layer=CROSSINGS_LAYER, option="--roads-layer"):
    """Road lines (canonical columns) and, when the file has it, the ``crossings_layer`` points.

    The road layer is ``layer`` when given, else ``edges``, else the file's only other layer
    (see :func:`~.tables.choose_layer`). Returns ``(roads, crossings or None)``.
    """
    import geopandas as gpd
    import pyogrio

    chosen = choose_layer(path, layer=layer, preferred=("edges",), ignore=(crossings_layer, *ROAD_AUX_LAYERS),
                          option=option)
    layers = {name for name, _ in pyogrio.list_layers(path)}
    crossings = gpd.read_file(path, layer=crossings_layer) if crossings_layer and crossings_layer in layers else None
    return read_roads(path, layer=chosen), crossings


def read_admin(path, *, level=0):
    return validate(read_vector(path, layer=f"adm{level}"), "admin", path=path)


def read_places_geonames(path):
    """The GeoNames gazetteer as canonical ``places`` (name, lon, lat, country_iso3, population, alt_names)."""
    raw = read_table(path)
    if "geonameid" not in raw.columns:  # a canonical places table (name, lon, lat, ...) is read as such
        return points_from_lonlat(validate(raw, "places", path=path))
    places = pd.DataFrame({
        "place_id": raw["geonameid"].astype(str),
        "name": raw["name"],
        "lon": raw["longitude"],
        "lat": raw["latitude"],
        "country_iso3": raw["country_code"].map(ISO2_TO_ISO3),
        "population": raw["population"].fillna(0),
        "feature_code": raw["feature_code"],
        "alt_names": raw["alternatenames"].fillna("").str.replace(",", ";", regex=False),
    })
    return points_from_lonlat(validate(places, "places", path=path))


def read_mmp(path):
    """IOM Missing Migrants Project incidents, in the MMP export's shape, as canonical ``mmp``."""
    mmp, _ = mmp_export(read_table(path), path=path)
    return points_from_lonlat(validate(mmp, "mmp", path=path))


def _fill_missing_ids(mmp):
    """Incidents from the IOM GDI extract carry no MMP id: give them a stable one from date and row."""
    blank = mmp["incident_id"].isna() | (mmp["incident_id"].astype(str).str.strip() == "")
    if blank.any():
        dates = pd.to_datetime(mmp.loc[blank, "date"], errors="coerce").dt.strftime("%Y%m%d").fillna("nodate")
        mmp.loc[blank, "incident_id"] = "GDI." + dates + "." + (mmp.index[blank] + 2).astype(str)
    return mmp


def sample_paths(data_dir):
    """The real source files shipped in ``sample_data/real``."""
    real = Path(data_dir) / "real"
    return {
        "roads": real / "roads.gpkg",
        "admin": real / "admin.gpkg",
        "places": real / "places_geonames.csv",
        "mmp": real / "mmp_incidents.csv",
    }


def load_sample_sources(data_dir, *, progress=None):
    """Read and validate the demo's source layers; returns ``{layer_name: GeoDataFrame}``.

    ``progress`` is called with (done, total, label) after each layer.
    """
    paths = sample_paths(data_dir)
    steps = [
        ("roads", lambda: read_roads(paths["roads"])),
        ("admin0", lambda: read_admin(paths["admin"], level=0)),
        ("admin1", lambda: read_admin(paths["admin"], level=1)),
        ("places", lambda: read_places_geonames(paths["places"])),
        ("mmp_incidents", lambda: read_mmp(paths["mmp"])),
    ]
    layers = {}
    for i, (name, read) in enumerate(steps, 1):
        layers[name] = read()
        if progress:
            progress(i, len(steps), name)
    return layers


__all__ = ["ADAPTERS", "flownet_roads", "load_sample_sources", "mmp_export", "read_admin", "read_mmp",
           "read_places_geonames", "read_roads", "sample_paths"]
