"""Road lines from OpenStreetMap extracts (``.osm.pbf``, e.g. a HOT Export Tool or Geofabrik download).

Ways with a ``highway`` tag in :data:`HIGHWAY_CLASS` become road segments, split at every node that
two or more kept ways share (OpenStreetMap junctions are shared nodes) and at their ends, so that
:func:`~rdh_engine.network.build_network` finds the junctions from the segment ends alone (no
``split_crossings``): a bridge or flyover that shares no node with the road below stays unconnected,
as in reality. Needs the ``osmium`` package (pyosmium).

Road-class mapping (OSM ``highway`` -> toolkit ``road_class``, whose free-flow speeds are in
:data:`~rdh_engine.network.build.SPEEDS_KMH`):

=====================================================  ================
OSM ``highway``                                        ``road_class``
=====================================================  ================
motorway, motorway_link                                motorway
trunk, trunk_link                                      trunk
primary, primary_link                                  primary
secondary, secondary_link                              secondary
tertiary, tertiary_link                                tertiary
unclassified, road                                     unclassified
residential, living_street, service                    residential
track                                                  track
path, footway, bridleway                               path
=====================================================  ================

Other values (cycleway, steps, pedestrian, construction, proposed, platform, ...) are left out;
pass ``classes=`` to change the mapping. ``oneway`` is kept as a column but the network is built
undirected (foot and bus travel, which the toolkit models, rarely depend on it).
"""
import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..errors import InputNotFoundError, ParameterError, SchemaError

log = logging.getLogger(__name__)

HIGHWAY_CLASS = {
    "motorway": "motorway", "motorway_link": "motorway", "trunk": "trunk", "trunk_link": "trunk",
    "primary": "primary", "primary_link": "primary", "secondary": "secondary", "secondary_link": "secondary",
    "tertiary": "tertiary", "tertiary_link": "tertiary", "unclassified": "unclassified", "road": "unclassified",
    "residential": "residential", "living_street": "residential", "service": "residential", "track": "track",
    "path": "path", "footway": "path", "bridleway": "path",
}
KEPT_TAGS = ("name", "surface", "oneway", "bridge", "ref")


def read_osm_roads(path, *, classes=None):
    """Road segments from an OSM extract: a GeoDataFrame (EPSG:4326) of LineStrings with
    ``osm_way_id``, ``highway``, ``road_class``, ``name``, ``surface``, ``oneway``, ``bridge``,
    ``ref``, one row per piece of a way between junctions (see the module doc)."""
    try:
        import osmium
    except ImportError as exc:  # optional dependency
        raise ParameterError("reading .osm.pbf needs the 'osmium' package (pip install osmium)") from exc
    if not Path(path).is_file():
        raise InputNotFoundError(f"OSM file not found: {path}")
    classes = HIGHWAY_CLASS if classes is None else dict(classes)
    ways, refs, coords = [], [], []
    try:
        fp = (osmium.FileProcessor(str(path)).with_locations()
              .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY))
              .with_filter(osmium.filter.KeyFilter("highway")))
        for way in fp:
            highway = way.tags.get("highway")
            if highway not in classes:
                continue
            nodes = [(n.ref, n.location.lon, n.location.lat) for n in way.nodes if n.location.valid()]
            if len(nodes) < 2:
                continue
            ways.append((way.id, highway, *(way.tags.get(t) for t in KEPT_TAGS)))
            refs.append(np.array([n[0] for n in nodes], np.int64))
            coords.append(np.array([n[1:] for n in nodes], float))
    except RuntimeError as exc:  # osmium reports unreadable files as RuntimeError
        raise SchemaError(f"cannot read OSM file {path}: {exc}", path=path) from exc
    columns = ["osm_way_id", "highway", *KEPT_TAGS]
    if not ways:
        log.warning("no road ways (highway tags %s) in %s", ", ".join(sorted(classes)), path)
        return gpd.GeoDataFrame({c: [] for c in columns + ["road_class"]}, geometry=[], crs="EPSG:4326")
    all_refs = np.concatenate(refs)
    uniq, counts = np.unique(all_refs, return_counts=True)
    shared = set(uniq[counts > 1].tolist())
    rows, geoms = [], []
    for i, (r, xy) in enumerate(zip(refs, coords)):
        cuts = [0] + [j for j in range(1, r.size - 1) if int(r[j]) in shared] + [r.size - 1]
        for a, b in zip(cuts[:-1], cuts[1:]):
            rows.append(i)
            geoms.append(shapely.linestrings(xy[a:b + 1]))
    table = pd.DataFrame([ways[i] for i in rows], columns=columns)
    table.insert(2, "road_class", table["highway"].map(classes))
    out = gpd.GeoDataFrame(table, geometry=geoms, crs="EPSG:4326")
    log.info("%d OSM road ways read from %s, split into %d segments at junctions", len(ways), path, len(out))
    return out


__all__ = ["HIGHWAY_CLASS", "read_osm_roads"]
