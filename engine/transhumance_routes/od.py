"""Routes of surveyed origin-destination flows when only the herds' zones are known (e.g. livestock
counts by commune or market pair, as in Jahel et al. 2020): one least-cost path per OD pair over the
season's surface, the flow carried along it, and the corridors the flows share.

Zone positions are public places (gazetteer places or admin units), not informants' positions, so
routes are published at the resolution of the cost grid.
"""
import logging
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..errors import ParameterError
from .products import OUT_CRS, corridor_lines, density
from .routing import route_od

log = logging.getLogger(__name__)

OD_ROUTE_COLUMNS = ["origin", "destination", "season", "flow", "length_km", "geometry"]


@dataclass
class ODResult:
    """``od_routes`` and ``corridor_lines`` layers (EPSG:4326) and the per-cell grids on ``surface``'s grid."""

    layers: dict
    flows: list                  # route_od records: origin, destination, flow, cells, cost
    links_per_cell: np.ndarray
    flow_per_cell: np.ndarray
    surface: object = field(repr=False)


def analyse_od(od, zones, surface, *, season=None, connectivity=16, snap_radius_cells=5, min_corridor_links=2,
               progress=None):
    """Route ``od`` flows (``origin``, ``destination``, ``flow``; optional ``season`` keeps the rows
    of ``season``) between ``zones`` (points, any CRS, named by a ``zone`` column) on ``surface``.

    Zones outside the grid or on barriers beyond ``snap_radius_cells`` are skipped with a warning.
    ``corridor_lines`` follow cells crossed by ``min_corridor_links`` or more OD routes; their
    ``n_herds`` counts OD links and ``n_animals`` the flow (in the survey's unit)."""
    missing = {"origin", "destination", "flow"} - set(od.columns)
    if missing:
        raise ParameterError(f"OD table lacks column(s): {', '.join(sorted(missing))}")
    if "zone" not in zones.columns:
        raise ParameterError("zones need a 'zone' column naming them")
    if season is not None and "season" in od.columns:
        od = od[od["season"].astype(str).str.lower() == season]
    pts = zones.to_crs(surface.crs)
    cells = surface.cells(pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy())
    inside = surface.inside(cells)
    if (~inside).any():
        log.warning("%d zone(s) outside the cost grid: %s", int((~inside).sum()),
                    ", ".join(map(str, pts["zone"][~inside][:5])))
    zone_cells = {zone: tuple(cell) for zone, cell, ok in zip(pts["zone"], cells, inside) if ok}
    flows = route_od(od, zone_cells, surface.cost, surface.cellsize, connectivity=connectivity,
                     snap_radius_cells=snap_radius_cells, progress=progress)
    links, carried = density([f["cells"] for f in flows], surface.shape, weights=[f["flow"] for f in flows])
    rows = []
    for f in flows:
        xy = surface.xy(f["cells"])
        if len(xy) < 2:  # both zones in one cell: nothing to draw
            continue
        rows.append({"origin": f["origin"], "destination": f["destination"], "season": season, "flow": f["flow"],
                     "length_km": round(float(np.hypot(*np.diff(xy, axis=0).T).sum()) / 1000.0, 1),
                     "geometry": shapely.linestrings(xy)})
    routes = gpd.GeoDataFrame(pd.DataFrame(rows, columns=OD_ROUTE_COLUMNS), geometry="geometry", crs=surface.crs)
    layers = {"od_routes": routes.to_crs(OUT_CRS),
              "corridor_lines": corridor_lines(links, carried, surface, season=season, min_herds=min_corridor_links,
                                               coarsen_m=None)}
    log.info("%d of %d OD flow(s) routed", len(flows), len(od))
    return ODResult(layers, flows, links, carried, surface)


__all__ = ["ODResult", "analyse_od"]
