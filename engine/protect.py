"""Data protection before anything leaves the hub: small-count suppression, coarsened informant
positions and a disclosure-risk report.

Rules (in the spirit of IOM's Data Protection Manual: data minimisation, no re-identification of
persons from published figures):

* **Small counts.** In the count columns of a layer (persons, deaths, herds observed), a value
  ``0 < x < threshold`` (default 5) is withheld: written as NULL, and the row's boolean
  ``suppressed`` column says so. True zeros are kept (a zero discloses no one). With
  ``method="round"`` every count is rounded to a multiple of ``threshold`` instead (so 1 and 2
  become 0, 3 and 4 become 5); ``suppressed`` then flags the rows whose value was changed.
* **Key-informant positions.** Points of layers that carry informants' reports are moved to the
  centre of a regular grid cell (``grid_deg``, default 0.5 degrees, about 55 km) or, with ``admin``
  polygons, to the representative point of the admin unit they fall in; informant identifiers are
  dropped. ``lon``/``lat`` columns follow the new position.
* **Internal outputs** skip all of this only when the caller says ``internal=True``; the report
  then says that nothing was protected.

``audit_layers`` / ``audit_geopackage`` check any output against these rules.
"""
import dataclasses
import logging

import geopandas as gpd
import numpy as np
import pandas as pd

from .errors import ParameterError, RdhError
from .io.gpkg import list_layers, read_layer, read_provenance

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

DEFAULT_THRESHOLD = 5
DEFAULT_GRID_DEG = 0.5
SUPPRESSED = "suppressed"
METHODS = ("suppress", "round")

# Count columns per output layer (docs/contract.md). Columns that look like counts but are not
# (od_impact.stranded is a 0/1 flag; modelled flows are estimates, not persons observed) are
# deliberately absent. Layers not listed fall back to GENERIC_COUNT_COLUMNS.
COUNT_COLUMNS = {
    "mmp_incidents": ("dead", "missing", "dead_and_missing", "survivors"),
    "mmp": ("dead", "missing", "dead_and_missing", "survivors"),
    "fmp_counts": ("count",),
    "fmp_points": ("observed",),
    "idp": ("idp_count",),
    "movements": ("count",),
    "ki_reports": ("herd_size",),
    "herd_routes": ("herd_size",),
    "alerts": ("herd_size",),
    "od_routes": ("flow",),  # surveyed animals between two places: a small flow can be one herder's herd
    "poe_impact": ("stranded",),
    "criticality": ("stranded",),
    "timeline": ("stranded",),
    "od_impact": (),
    "roads": (), "admin0": (), "admin1": (), "places": (),
}
GENERIC_COUNT_COLUMNS = ("count", "idp_count", "dead", "missing", "dead_and_missing", "survivors", "herd_size",
                         "observed")
# Totals published beside their parts: a withheld part could be recovered by subtraction, so a
# row's total is withheld too when one of its parts is (secondary suppression).
TOTALS = {"dead_and_missing": ("dead", "missing")}

# Rasters whose cells are counts (every band): herds and animals per cell, herds per corridor band.
# Current maps (current_density) are modelled, not counted.
COUNT_RASTERS = ("route_density", "corridor_band")

# Layers whose points are where a key informant stood (transhumance reports and what derives from
# them point by point); any layer with an `informant_id` column counts as one too.
INFORMANT_LAYERS = ("ki_reports", "alerts")
INFORMANT_ID_COLUMNS = ("informant_id",)


@dataclasses.dataclass(frozen=True)
class ProtectionRules:
    """What to protect and how; stored with every protected output so an audit can re-check it."""

    threshold: int = DEFAULT_THRESHOLD
    method: str = "suppress"
    grid_deg: float = DEFAULT_GRID_DEG
    location_level: str = "grid"        # "grid" or "admin"
    internal: bool = False

    def __post_init__(self):
        if int(self.threshold) != self.threshold or self.threshold < 1:
            raise ParameterError(f"threshold must be a positive integer, got {self.threshold!r}")
        if self.method not in METHODS:
            raise ParameterError(f"method must be one of {METHODS}, got {self.method!r}")
        if not self.grid_deg > 0:
            raise ParameterError(f"grid_deg must be > 0, got {self.grid_deg!r}")
        if self.location_level not in ("grid", "admin"):
            raise ParameterError(f"location_level must be 'grid' or 'admin', got {self.location_level!r}")

    def as_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, record):
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in record.items() if k in fields})


@dataclasses.dataclass
class Finding:
    """One line of the disclosure-risk report (or of an audit)."""

    layer: str
    rule: str
    column: str
    rows: int
    detail: str


def count_columns_for(layer, gdf):
    """The count columns of ``layer`` present in ``gdf``."""
    wanted = COUNT_COLUMNS.get(layer, GENERIC_COUNT_COLUMNS)
    return [c for c in wanted if c in gdf.columns]


def is_informant_layer(layer, gdf):
    return layer in INFORMANT_LAYERS or any(c in gdf.columns for c in INFORMANT_ID_COLUMNS)


def protect_layers(layers, *, rules=None, admin=None):
    """Protect every layer of ``{name: GeoDataFrame}``; returns ``(protected_layers, report)``.

    ``report`` is a list of :class:`Finding` saying what was withheld, rounded or moved.
    ``admin`` (polygons) is needed when ``rules.location_level == "admin"``.
    """
    rules = rules or ProtectionRules()
    if rules.internal:
        log.warning("internal output: data protection skipped on request")
        return dict(layers), [Finding("*", "internal", "", 0, "marked internal: nothing suppressed or moved")]
    if rules.location_level == "admin" and admin is None:
        raise ParameterError("location_level='admin' needs the admin polygons (admin=...)")
    out, report = {}, []
    for name, gdf in layers.items():
        gdf, findings = suppress_counts(gdf, count_columns_for(name, gdf), rules=rules, layer=name)
        report += findings
        if is_informant_layer(name, gdf):
            gdf, findings = coarsen_informants(gdf, rules=rules, admin=admin, layer=name)
            report += findings
        out[name] = gdf
    return out, report


def suppress_counts(gdf, columns, *, rules=None, layer=""):
    """Withhold (or round) small counts in ``columns``; adds the boolean ``suppressed`` column."""
    rules = rules or ProtectionRules()
    gdf = gdf.copy()
    hits = {}
    findings = []
    for col in columns:
        values = pd.to_numeric(gdf[col], errors="coerce")
        if rules.method == "suppress":
            hit = ((values > 0) & (values < rules.threshold)).to_numpy()
            new = values.astype("float64").mask(hit)
            what = f"{hit.sum()} value(s) in (0, {rules.threshold}) written as NULL"
        else:
            rounded = (np.floor(values / rules.threshold + 0.5) * rules.threshold)
            hit = (values.notna() & (rounded != values)).to_numpy()
            new = rounded
            what = f"{hit.sum()} value(s) rounded to a multiple of {rules.threshold}"
        gdf[col] = new.astype("Int64") if _all_whole(new) else new
        hits[col] = hit
        if hit.any():
            findings.append(Finding(layer, f"small_count_{rules.method}", col, int(hit.sum()), what))
    if rules.method == "suppress":
        findings += _suppress_totals(gdf, hits, layer)
    if columns:
        gdf[SUPPRESSED] = np.logical_or.reduce(list(hits.values()))
    return gdf, findings


def _suppress_totals(gdf, hits, layer):
    """Withhold (in place) the totals of rows where one of their parts was withheld."""
    findings = []
    for total, parts in TOTALS.items():
        parts = [p for p in parts if p in hits]
        if total not in hits or not parts:
            continue
        hit = np.logical_or.reduce([hits[p] for p in parts]) & gdf[total].notna().to_numpy()
        if hit.any():
            gdf.loc[hit, total] = pd.NA
            hits[total] = hits[total] | hit
            findings.append(Finding(layer, "secondary_suppress", total, int(hit.sum()),
                                    f"{hit.sum()} total(s) withheld because one of {', '.join(parts)} was"))
    return findings


def _all_whole(values):
    v = values.dropna()
    return bool(((v % 1) == 0).all())


def coarsen_informants(gdf, *, rules=None, admin=None, layer=""):
    """Move informant points to grid-cell centres (or admin representative points); drop ids."""
    rules = rules or ProtectionRules()
    if gdf.crs is None or not gdf.crs.is_geographic:
        raise ParameterError(f"{layer}: informant layer must be in geographic coordinates (EPSG:4326)")
    gdf = gdf.copy()
    findings = []
    dropped = [c for c in INFORMANT_ID_COLUMNS if c in gdf.columns]
    if dropped:
        gdf = gdf.drop(columns=dropped)
        findings.append(Finding(layer, "identifier_dropped", ",".join(dropped), len(gdf),
                                "informant identifiers removed"))
    points = gdf.geometry.representative_point()
    if rules.location_level == "grid":
        x = _grid_centre(points.x.to_numpy(), rules.grid_deg)
        y = _grid_centre(points.y.to_numpy(), rules.grid_deg)
        detail = f"moved to the centre of a {rules.grid_deg} degree grid cell"
    else:
        units = admin.to_crs(gdf.crs)[["geometry"]].reset_index(drop=True)
        hit = gpd.sjoin(gpd.GeoDataFrame(geometry=points, crs=gdf.crs), units, how="left",
                        predicate="within")
        hit = hit[~hit.index.duplicated()]
        centres = units.geometry.representative_point()
        idx = hit["index_right"].to_numpy()
        inside = ~pd.isna(idx)
        x = np.full(len(gdf), np.nan)
        y = np.full(len(gdf), np.nan)
        x[inside] = centres.x.to_numpy()[idx[inside].astype(int)]
        y[inside] = centres.y.to_numpy()[idx[inside].astype(int)]
        detail = "moved to the representative point of their admin unit (NULL outside every unit)"
    gdf = gdf.set_geometry(gpd.points_from_xy(x, y, crs=gdf.crs))
    gdf.loc[np.isnan(x), gdf.geometry.name] = None
    for col, values in (("lon", x), ("lat", y)):
        if col in gdf.columns:
            gdf[col] = values
    findings.append(Finding(layer, f"location_{rules.location_level}", gdf.geometry.name, len(gdf), detail))
    return gdf, findings


def _grid_centre(values, step):
    return (np.floor(values / step) + 0.5) * step


def protect_raster(name, bands, *, rules=None):
    """Protect the count bands of raster ``name`` (a float array (bands, rows, cols), NaN = no data):
    cells holding a count in (0, threshold) become NaN (``suppress``) or every count is rounded to
    a multiple of the threshold (``round``). Returns ``(bands, findings)``; other rasters pass."""
    rules = rules or ProtectionRules()
    bands = np.array(bands, dtype=np.float32)
    if rules.internal or name not in COUNT_RASTERS:
        return bands, []
    if rules.method == "suppress":
        small = (bands > 0) & (bands < rules.threshold)
        bands[small] = np.nan
        detail = f"cells with a count in (0, {rules.threshold}) set to no data"
    else:
        rounded = np.round(bands / rules.threshold) * rules.threshold
        small = np.isfinite(bands) & (rounded != bands)
        bands = rounded.astype(np.float32)
        detail = f"cell counts rounded to multiples of {rules.threshold}"
    hits = int(small.sum())
    return bands, [Finding(name, "small_count", "cells", hits, detail)] if hits else []


def audit_raster(name, bands, *, rules=None):
    """Violations of ``rules`` in the bands of raster ``name`` (see :func:`protect_raster`)."""
    rules = rules or ProtectionRules()
    if rules.internal or name not in COUNT_RASTERS:
        return []
    values = np.asarray(bands, dtype=float)
    values = values[np.isfinite(values)]
    bad = (values > 0) & (values < rules.threshold) if rules.method == "suppress" else values % rules.threshold != 0
    if not bad.any():
        return []
    return [Finding(name, "small_count", "cells", int(bad.sum()), f"count cells not protected: e.g. "
                    f"{values[bad][:3].tolist()}")]


def report_frame(report):
    """The disclosure-risk report as a table (one row per finding)."""
    return pd.DataFrame([dataclasses.asdict(f) for f in report],
                        columns=[f.name for f in dataclasses.fields(Finding)])


# --- audit -------------------------------------------------------------------------------------

def audit_layers(layers, *, rules=None, admin=None):
    """Violations of ``rules`` in ``{name: GeoDataFrame}``; an empty list means the data passes.

    Checks: no count column holds a value in (0, threshold) (or, for ``method="round"``, a value
    that is not a multiple of the threshold); informant layers carry no identifier and every point
    sits on a grid-cell centre (``location_level="grid"``) or an admin representative point.
    """
    rules = rules or ProtectionRules()
    problems = []
    for name, gdf in layers.items():
        for col in count_columns_for(name, gdf):
            values = pd.to_numeric(gdf[col], errors="coerce").dropna()
            if rules.method == "suppress":
                bad = (values > 0) & (values < rules.threshold)
                rule = f"count in (0, {rules.threshold})"
            else:
                bad = (values % rules.threshold) != 0
                rule = f"count not a multiple of {rules.threshold}"
            if bad.any():
                problems.append(Finding(name, "small_count", col, int(bad.sum()),
                                        f"{rule}: e.g. {values[bad].iloc[:3].tolist()}"))
        if rules.method == "suppress":
            problems += _audit_totals(name, gdf, rules.threshold)
        if is_informant_layer(name, gdf):
            problems += _audit_locations(name, gdf, rules, admin)
    return problems


def _audit_totals(name, gdf, threshold):
    """A total beside withheld parts must not give back a small value by subtraction."""
    problems = []
    for total, parts in TOTALS.items():
        parts = [p for p in parts if p in gdf]
        if total not in gdf or not parts:
            continue
        values = gdf[parts].apply(pd.to_numeric, errors="coerce")
        recovered = pd.to_numeric(gdf[total], errors="coerce") - values.fillna(0).sum(axis=1)
        bad = values.isna().any(axis=1) & (recovered > 0) & (recovered < threshold)
        if bad.any():
            problems.append(Finding(name, "small_count", total, int(bad.sum()),
                                    f"total minus the shown parts ({', '.join(parts)}) gives a count "
                                    f"in (0, {threshold})"))
    return problems


def _audit_locations(name, gdf, rules, admin):
    problems = [Finding(name, "identifier", c, len(gdf), "informant identifier published")
                for c in INFORMANT_ID_COLUMNS if c in gdf.columns]
    geom = gdf.geometry[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    if len(geom) == 0:
        return problems
    if (geom.geom_type != "Point").any():
        problems.append(Finding(name, "location", gdf.geometry.name, int((geom.geom_type != "Point").sum()),
                                "informant layer holds non-point geometries"))
        geom = geom[geom.geom_type == "Point"]
    if rules.location_level == "grid":
        off = ~(_on_centres(geom.x.to_numpy(), rules.grid_deg) & _on_centres(geom.y.to_numpy(), rules.grid_deg))
        detail = f"point finer than the {rules.grid_deg} degree grid"
    else:
        if admin is None:
            raise ParameterError("auditing admin-level locations needs the admin polygons (admin=...)")
        centres = admin.to_crs(gdf.crs).geometry.representative_point()
        allowed = {(round(p.x, 9), round(p.y, 9)) for p in centres}
        off = np.array([(round(p.x, 9), round(p.y, 9)) not in allowed for p in geom])
        detail = "point not at an admin unit's representative point"
    if off.any():
        problems.append(Finding(name, "location", gdf.geometry.name, int(off.sum()), detail))
    return problems


def _on_centres(values, step):
    frac = values / step - 0.5
    return np.isclose(frac, np.round(frac), atol=1e-6)


def audit_geopackage(path, *, rules=None, admin=None):
    """Audit every layer of a GeoPackage. Without ``rules``, each layer is checked against the
    rules recorded in its provenance (``parameters.protection``), else the defaults. Admin-level
    informant positions are checked against ``admin``, else the GeoPackage's own ``admin1`` layer."""
    problems = []
    names = list_layers(path)
    if admin is None and "admin1" in names:  # admin-level coarsening is checked against the published units
        admin = read_layer(path, "admin1")
    for name in names:
        layer_rules = rules
        if layer_rules is None:
            try:
                recorded = read_provenance(path, name).get("parameters", {}).get("protection")
            except RdhError:
                recorded = None
            layer_rules = ProtectionRules.from_dict(recorded) if recorded else ProtectionRules()
        if layer_rules.internal:
            problems.append(Finding(name, "internal", "", 0, "layer is marked internal: not for publication"))
            continue
        problems += audit_layers({name: read_layer(path, name)}, rules=layer_rules, admin=admin)
    return problems


__all__ = ["COUNT_RASTERS", "DEFAULT_GRID_DEG", "DEFAULT_THRESHOLD", "Finding", "ProtectionRules", "SUPPRESSED",
           "audit_geopackage", "audit_layers", "audit_raster", "coarsen_informants", "count_columns_for",
           "protect_layers", "protect_raster", "report_frame", "suppress_counts"]
