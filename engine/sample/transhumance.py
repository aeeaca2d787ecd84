"""Key-informant transhumance reports: planted herd routes over a cost grid, reported at irregular
intervals with position noise.

The grid (GRID_DEG cells over the Sahel belt) comes from MODIS land cover, Natural Earth rivers and
lakes and the road network; routes are least-cost paths from scikit-image's MCP_Geometric (not the
engine's raster kernels). Each herd descends south in the dry season (leaving October-December) and
returns north in the wet season (leaving May-June), on a different route because crops in the
fields make the farmland expensive in the wet season. Herds that reach a border COBAP reports as
completely closed (2020-2021) wait there, and informants raise a ``border_closed`` alert.

Each herd walks the same planted route in both cycles and every route is a least-cost path: both
are modelling choices, not observations, and they build in the gain least-cost routing with the
evidence of other cycles shows on these reports (docs/transhumance.md). ``simulate_gps_tracks``
makes GPS-like collar tracks by step selection on a known surface instead, for the validation
harness and the calibration (not part of ``rdh sample generate``).
"""
import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
from rasterio.enums import Resampling
from rasterio.features import rasterize
from rasterio.windows import from_bounds
from scipy.ndimage import gaussian_filter
from shapely.geometry import LineString
from skimage.graph import MCP_Geometric

from ._common import METRIC_CRS, rng

BOUNDS = (-17.5, 6.0, 24.5, 20.0)   # lon/lat box of the Sahel belt and the coastal countries' north
GRID_DEG = 0.1
CELL_KM = 11.0                      # ~0.1 degree at these latitudes (MCP cellsize)
# Cost of crossing one cell per IGBP land-cover class, dry and wet season.
IGBP_COST = {  # class: (dry, wet)
    0: (40, 40), 1: (5, 5), 2: (5, 5), 3: (5, 5), 4: (5, 5), 5: (4, 4), 6: (1.5, 1.5), 7: (1.2, 1.2),
    8: (1.5, 1.8), 9: (1.0, 1.3), 10: (1.0, 1.0), 11: (2.5, 4), 12: (1.6, 6), 13: (15, 15), 14: (1.8, 4.5),
    15: (40, 40), 16: (4, 3)}
RIVER_COST, ROAD_COST = 6.0, 1.3    # multipliers on cells crossed by a river / a main road
PASTURE_SMOOTH_CELLS, PASTURE_LOG_SD = 3.0, 0.35
SPEED_KM_DAY = (12.0, 22.0)
REPORT_EVERY_DAYS = 6.0             # mean gap between two reports on the same herd (exponential)
POSITION_NOISE_KM = 3.0
STRANDED_DAYS = 30                  # how long reports on a stranded herd go on
MAX_WAIT_DAYS = 30                  # after that a herd blocked at a closed border is stranded there

# Transhumance axes: (name, start lon/lat in the dry-season-start pastures, end lon/lat in the south).
CORRIDORS = [
    ("Hodh-Segou", (-7.3, 16.4), (-6.1, 13.9)), ("Assaba-Kayes", (-11.4, 16.5), (-10.8, 14.0)),
    ("Trarza-Ferlo", (-15.2, 17.2), (-14.6, 15.2)), ("Ferlo-Tambacounda", (-15.0, 15.4), (-13.4, 13.4)),
    ("Nioro-Kita", (-9.6, 15.3), (-9.4, 13.1)), ("Delta-Sikasso", (-4.3, 15.2), (-5.6, 11.4)),
    ("Gourma-Ouahigouya", (-1.7, 15.3), (-2.3, 13.3)), ("Dori-Bawku", (-0.1, 14.1), (-0.2, 11.0)),
    ("Djibo-Dapaong", (-1.5, 14.2), (0.3, 10.8)), ("Menaka-Tillaberi", (2.0, 15.9), (1.5, 14.0)),
    ("Tillaberi-Alibori", (1.4, 14.3), (2.8, 11.3)), ("Tahoua-Sokoto", (5.3, 15.4), (5.4, 12.3)),
    ("Tahoua-Borgou", (4.6, 15.0), (3.2, 10.2)), ("Zinder-Kano", (9.0, 14.6), (8.8, 11.6)),
    ("Diffa-Yobe", (12.3, 14.2), (11.7, 11.9)), ("Kanem-ExtremeNord", (15.3, 14.6), (14.4, 10.5)),
    ("Batha-Salamat", (18.4, 13.6), (20.3, 10.6)), ("Yobe-Adamawa", (11.5, 12.6), (12.3, 9.2)),
]
HERDS_PER_CORRIDOR = 2
CYCLES = (2019, 2020)               # dry season starting in that year, wet-season return the next year
SPECIES = ["cattle", "sheep_goats", "camels"]


class Grid:
    def __init__(self, landcover_path, water_path, roads, admin0):
        with rasterio.open(landcover_path) as src:
            window = from_bounds(*BOUNDS, transform=src.transform)
            shape = (round(window.height * src.res[1] / GRID_DEG), round(window.width * src.res[0] / GRID_DEG))
            self.landcover = src.read(1, window=window, out_shape=shape, resampling=Resampling.mode)
            self.transform = src.window_transform(window) * rasterio.Affine.scale(
                window.width / shape[1], window.height / shape[0])
        self.shape = self.landcover.shape
        rivers = gpd.read_file(water_path, layer="rivers_lake_centerlines", engine="pyogrio")
        lakes = gpd.read_file(water_path, layer="lakes", engine="pyogrio")
        self.river = self._burn(rivers.geometry)
        self.lake = self._burn(lakes.geometry)
        self.road = self._burn(roads.edges.to_crs(4326).geometry)
        codes = list(admin0.index)
        self.countries = np.array([""] + codes)
        self.country = rasterize(((g, i + 1) for i, g in enumerate(admin0.to_crs(4326).geometry)),
                                 out_shape=self.shape, transform=self.transform, fill=0, dtype="int32")

    def _burn(self, geoms):
        return rasterize(((g, 1) for g in geoms if g is not None), out_shape=self.shape, transform=self.transform,
                         fill=0, dtype="uint8", all_touched=True).astype(bool)

    def cost(self, season):
        pick = 0 if season == "dry" else 1
        table = np.full(256, 40.0)
        for cls, costs in IGBP_COST.items():
            table[cls] = costs[pick]
        cost = table[self.landcover]
        cost = np.where(self.river, cost * RIVER_COST, cost)
        cost = np.where(self.road, cost * ROAD_COST, cost)
        return np.where(self.lake | (self.country == 0), np.inf, cost)

    def cell(self, lon, lat):
        col, row = ~self.transform * (lon, lat)
        return int(row), int(col)

    def lonlat(self, cells):
        cells = np.asarray(cells, dtype=float)
        xs, ys = self.transform * (cells[:, 1] + 0.5, cells[:, 0] + 0.5)
        return np.column_stack([xs, ys])


def route(grid, cost, start, end):
    """Least-cost cell path (MCP_Geometric, 8-connected) from start to end cells."""
    mcp = MCP_Geometric(np.where(np.isfinite(cost), cost, -1.0), fully_connected=True)
    mcp.find_costs([start], [end])
    return np.array(mcp.traceback(end))


def plant_herds(grid, cobap_daily, places, *, seed):
    """Returns (truth herd routes GeoDataFrame, ki_reports DataFrame)."""
    gen = rng(seed, "transhumance")
    # Pasture and water vary within a land-cover class: a smooth random field (x0.5..x2) also
    # breaks the ties of a uniform grid, whose least-cost paths would be staircases.
    field = np.exp(gaussian_filter(gen.normal(0.0, 1.0, grid.shape), PASTURE_SMOOTH_CELLS))
    field = np.exp(np.log(field) / np.log(field).std() * PASTURE_LOG_SD)
    costs = {season: grid.cost(season) * field for season in ("dry", "wet")}
    closed = _closed_days(cobap_daily)
    towns = places[places["population"] >= 5000]
    informants = {}
    routes, reports = [], []
    herd_no = 0
    for name, (lon0, lat0), (lon1, lat1) in CORRIDORS:
        for _ in range(HERDS_PER_CORRIDOR):
            herd_no += 1
            herd_id = f"H{herd_no:03d}"
            north = _free_cell(grid, costs["dry"], lon0 + gen.normal(0, 0.3), lat0 + gen.normal(0, 0.2))
            south = _free_cell(grid, costs["dry"], lon1 + gen.normal(0, 0.3), lat1 + gen.normal(0, 0.2))
            species = SPECIES[2] if lat0 > 16 and gen.random() < 0.5 else SPECIES[int(gen.random() < 0.35)]
            size = int(round(gen.lognormal(np.log(180 if species == "cattle" else 300), 0.5), -1))
            paths = {"dry": route(grid, costs["dry"], north, south), "wet": route(grid, costs["wet"], south, north)}
            for year in CYCLES:
                for season, depart in (("dry", pd.Timestamp(f"{year}-10-15") + pd.Timedelta(days=int(gen.integers(0, 60)))),
                                       ("wet", pd.Timestamp(f"{year + 1}-05-10") + pd.Timedelta(days=int(gen.integers(0, 40))))):
                    track = _walk(grid, paths[season], depart, closed, gen)
                    coords = grid.lonlat(paths[season])
                    routes.append({"herd_id": herd_id, "corridor": name, "season": season, "cycle": f"{year}-{year + 1}",
                                   "species": species, "herd_size": size, "departure": depart.date().isoformat(),
                                   "arrival": track["date"].iloc[-1].date().isoformat(),
                                   "blocked_days": int(track["blocked"].sum()),
                                   "stranded": bool(track["stranded"].any()),
                                   "length_km": round(len(paths[season]) * CELL_KM, 0) if len(paths[season]) else 0,
                                   "geometry": LineString(np.round(coords, 4))})
                    reports.extend(_reports(herd_id, season, species, size, track, coords, grid, towns,
                                            informants, gen))
    routes = gpd.GeoDataFrame(routes, crs=4326)
    routes["length_km"] = routes.to_crs(METRIC_CRS).length.div(1000).round(1)
    ki = pd.DataFrame(reports).sort_values(["date", "herd_id"], kind="stable").reset_index(drop=True)
    ki.insert(0, "report_id", [f"KI{i:05d}" for i in range(1, len(ki) + 1)])
    return routes, ki


def _free_cell(grid, cost, lon, lat):
    """The passable cell nearest (lon, lat)."""
    r, c = grid.cell(lon, lat)
    ok = np.argwhere(np.isfinite(cost) & (cost < 10))
    return tuple(int(v) for v in ok[np.argmin((ok[:, 0] - r) ** 2 + (ok[:, 1] - c) ** 2)])


def _closed_days(cobap_daily):
    daily = cobap_daily[(cobap_daily["complete_closure"] > 0) & (cobap_daily["land_closure"] > 0)]
    return set(zip(daily["iso3"], pd.to_datetime(daily["date"])))


def _walk(grid, path, depart, closed, gen):
    """Day-by-day position (index into path) of a herd, waiting at borders that are closed."""
    countries = grid.countries[grid.country[path[:, 0], path[:, 1]]]
    rows, at, day, waited = [], 0.0, depart, 0
    while at < len(path) - 1:
        step = gen.uniform(*SPEED_KM_DAY) / CELL_KM * (gen.random() > 0.15)  # some rest days
        nxt = min(at + step, len(path) - 1)
        here, there = countries[int(at)], countries[int(nxt)]
        blocked = here != there and ((here, day) in closed or (there, day) in closed)
        if blocked:
            waited += 1
            if waited > MAX_WAIT_DAYS:  # stranded: the herd stays by the border, informants keep reporting it
                rows.extend({"date": day + pd.Timedelta(days=k), "index": int(at), "blocked": True, "stranded": True}
                            for k in range(STRANDED_DAYS))
                break
        else:
            at = nxt
        rows.append({"date": day, "index": int(at), "blocked": blocked, "stranded": False})
        day += pd.Timedelta(days=1)
    if not rows:
        rows.append({"date": depart, "index": 0, "blocked": False, "stranded": False})
    return pd.DataFrame(rows)


def _reports(herd_id, season, species, size, track, coords, grid, towns, informants, gen):
    out, previous = [], None
    day = float(gen.exponential(REPORT_EVERY_DAYS / 2))
    while day < len(track):
        rec = track.iloc[int(day)]
        i = int(rec["index"])
        lon, lat = coords[i]
        noise = gen.normal(0, POSITION_NOISE_KM / 111.0, 2)
        r, c = grid.cell(lon, lat)
        country = grid.countries[grid.country[min(max(r, 0), grid.shape[0] - 1), min(max(c, 0), grid.shape[1] - 1)]]
        ahead = coords[min(i + 6, len(coords) - 1)]
        state = "stranded_at_border" if rec["stranded"] else "border_closed" if rec["blocked"] else None
        alert = state if state != previous else None  # an alert is raised once per event
        previous = state
        if alert is None and state is None and gen.random() < 0.02:
            alert = "conflict_with_farmers" if season == "wet" else "water_point_dry"
        out.append({"date": rec["date"], "informant_id": _informant(country, lon, lat, informants),
                    "lon": round(lon + noise[0], 4), "lat": round(lat + noise[1], 4),
                    "herd_size": int(max(10, round(size * gen.normal(1, 0.1), -1))), "herd_id": herd_id,
                    "species": species, "direction": _compass(coords[i], ahead),
                    "next_stop": _next_town(towns, ahead), "reason": "pasture" if season == "dry" else "return_to_rainy_season_pastures",
                    "alert": alert})
        day += max(1.0, gen.exponential(REPORT_EVERY_DAYS))
    return out


def _informant(country, lon, lat, informants):
    """Informants are stationed in 1-degree squares: one id per country and square."""
    key = (country or "XXX", int(np.floor(lon)), int(np.floor(lat)))
    if key not in informants:
        informants[key] = f"KI-{key[0]}-{sum(k[0] == key[0] for k in informants) + 1:02d}"
    return informants[key]


def _compass(a, b):
    angle = (np.degrees(np.arctan2(b[0] - a[0], b[1] - a[1])) + 360) % 360
    return ["N", "NE", "E", "SE", "S", "SW", "W", "NW"][int((angle + 22.5) // 45) % 8]


def _next_town(towns, lonlat):
    d = (towns["lon"] - lonlat[0]) ** 2 + (towns["lat"] - lonlat[1]) ** 2
    return towns.loc[d.idxmin(), "name"]


# GPS-like collar tracks walked by step selection on a known surface (truth for the validation
# harness and for `rdh transhumance calibrate`): every fix the herd picks one of GPS_CANDIDATES
# candidate steps (uniform direction, gamma length) with probability proportional to
#   exp(goal_pull * cos(angle to its goal) - sum_k log(multiplier_k) * x_k)
# where x_k is the mean of layer k along the step: a layer with multiplier m is chosen as if it
# cost m times as much, the model `calibrate` fits. Phases: outbound (origin -> host area), stay
# (wandering around goals re-drawn in the host area) and return (host area -> near the origin).
GPS_FIX_DAYS = 0.25
GPS_CANDIDATES = 24
GPS_STEP_M = {"outbound": 4000.0, "stay": 1500.0, "return": 4000.0}
GPS_GOAL_PULL = {"outbound": 2.0, "stay": 0.7, "return": 2.0}
STAY_FIXES, STAY_GOAL_EVERY, STAY_RADIUS_M = 120, 20, 15000.0
MAX_TRANSIT_FIXES = 2000
STEP_SAMPLES = 5


def layer_values(layers, transform, start, end, *, samples=STEP_SAMPLES):
    """(n, K) mean of each layer (dict order) at ``samples`` points along each step start -> end
    (metric coordinates; points off the grid read 0)."""
    start, end = np.atleast_2d(start).astype(float), np.atleast_2d(end).astype(float)
    frac = (np.arange(samples) + 0.5) / samples
    pts = start[:, None, :] + frac[None, :, None] * (end - start)[:, None, :]
    cols, rows = ~transform * (pts[..., 0], pts[..., 1])
    rows, cols = np.floor(rows).astype(np.int64), np.floor(cols).astype(np.int64)
    out = []
    for grid in layers.values():
        ok = (rows >= 0) & (rows < grid.shape[0]) & (cols >= 0) & (cols < grid.shape[1])
        vals = np.where(ok, grid[np.clip(rows, 0, grid.shape[0] - 1), np.clip(cols, 0, grid.shape[1] - 1)], 0.0)
        out.append(vals.mean(axis=1))
    return np.column_stack(out) if out else np.zeros((len(start), 0))


def _steps_to(gen, xy, goal, layers, log_mult, transform, *, phase, fixes=None, bounds):
    """Fixes from ``xy`` until near ``goal`` (or ``fixes`` steps): the step-selection walk."""
    out, step_m, pull = [xy], GPS_STEP_M[phase], GPS_GOAL_PULL[phase]
    for _ in range(fixes or MAX_TRANSIT_FIXES):
        if fixes is None and np.hypot(*(goal - xy)) <= step_m:
            break
        angle = gen.uniform(0, 2 * np.pi, GPS_CANDIDATES)
        length = gen.gamma(2.0, step_m / 2.0, GPS_CANDIDATES)
        ends = xy + np.column_stack([np.cos(angle), np.sin(angle)]) * length[:, None]
        ends = np.clip(ends, bounds[0], bounds[1])
        to_goal = np.arctan2(*(goal - xy)[::-1])
        score = pull * np.cos(angle - to_goal) - layer_values(layers, transform, np.repeat(xy[None], len(ends), 0),
                                                              ends) @ log_mult
        p = np.exp(score - score.max())
        xy = ends[gen.choice(len(ends), p=p / p.sum())]
        out.append(xy)
    return out


def simulate_gps_tracks(layers, multipliers, *, transform, crs, journeys, seed):
    """GPS-like tracks (GeoDataFrame of LineString Z: ``herd_id``, ``phase``, Z = days since the
    phase's first fix, one fix every GPS_FIX_DAYS) walked by step selection on ``layers`` (dict
    name -> grid on ``transform``, metric ``crs``) with the cost ``multipliers`` (dict name ->
    multiplier, the truth a calibration should recover). ``journeys``: (herd_id, origin xy, host
    area centre xy) per herd; each herd walks outbound, stays, and returns."""
    gen = rng(seed, "gps_tracks")
    log_mult = np.array([np.log(multipliers.get(name, 1.0)) for name in layers])
    shape = next(iter(layers.values())).shape
    x0, y1 = transform * (0, 0)
    x1, y0 = transform * (shape[1], shape[0])
    bounds = (np.array([x0, y0]), np.array([x1, y1]))
    rows = []
    for herd_id, origin, host in journeys:
        origin, host = np.asarray(origin, float), np.asarray(host, float)
        walk = {"outbound": _steps_to(gen, origin, host, layers, log_mult, transform, phase="outbound", bounds=bounds)}
        stay, xy = [], walk["outbound"][-1]
        for _ in range(STAY_FIXES // STAY_GOAL_EVERY):
            goal = host + gen.normal(0, STAY_RADIUS_M / 2, 2)
            part = _steps_to(gen, xy, goal, layers, log_mult, transform, phase="stay", fixes=STAY_GOAL_EVERY,
                             bounds=bounds)
            stay.extend(part if not stay else part[1:])
            xy = part[-1]
        walk["stay"] = stay
        home = origin + gen.normal(0, 10000.0, 2)
        walk["return"] = _steps_to(gen, xy, home, layers, log_mult, transform, phase="return", bounds=bounds)
        for phase, fixes in walk.items():
            xy = np.array(fixes)
            t = np.arange(len(xy)) * GPS_FIX_DAYS
            rows.append({"herd_id": herd_id, "phase": phase,
                         "geometry": LineString(np.column_stack([np.round(xy, 1), t]))})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)
