"""Disclosure control by declared role: the one protection rule of the toolkit.

Every layer, column and raster band that leaves the hub is looked up in the output catalogue
(:mod:`rdh_engine.catalogue`); what is not declared is refused (:class:`UndeclaredOutputError`,
naming the layer and column). By role:

* **counts** (persons, herds, animals, informants) — a cell whose *counted* value is in
  ``(0, threshold)`` is withheld (NULL, row flagged ``suppressed``); every other count is
  published after cell-key random rounding to the threshold base (:mod:`.cellkey`);
* **persons/day** (``rate_persons``) — turned back into the persons counted over the counting
  period (the row's ``period`` label, else the layer's counting span recorded in its provenance, else
  ``rate_days``), protected as a count, divided again;
* **derived** columns — recomputed from the protected columns (``formula``) or scaled with the
  count they derive from (``derived_from``): a share, a bootstrap bound or a residual never
  carries the exact count beside its perturbed version;
* **personal identifiers, free text** — dropped;
* **record-level layers** (``publication = internal``: per herd, per report) — withheld;
  transhumance alerts are published only as herds counted per admin-1 unit and month;
* **geometry from reports** — a line or cell is published only with at least ``min_herds`` herds,
  a line only along reports of at least ``min_informants`` informants (so only when the reports
  are known), a line or raster cell only when its herds were reported by at least
  ``min_informants`` distinct informants (counted exactly by the analysis in an internal raster
  written beside it; without it the layer or raster is withheld), dates at month resolution; a
  point or line end within ``min_report_distance_cells`` grid cells of an input report is cut back;
* **upstream public sources** (Missing Migrants) — published as upstream publishes them.

The same cell (same declared identity and true value) gets the same published value in every layer,
bundle and release, because the rounding draw comes from a keyed hash (``key``) of the cell.
"""
from __future__ import annotations

import dataclasses
import logging
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..catalogue import INTERNAL, UPSTREAM, LayerDecl, RasterDecl, Role, UndeclaredOutputError, declaration
from ..errors import ParameterError
from .cellkey import cell_labels, keyed_uniform, random_round
from .policy import ProtectionRules

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

SUPPRESSED = "suppressed"
COUNT_ROLES = frozenset({Role.COUNT_PERSONS, Role.COUNT_HERDS, Role.COUNT_ANIMALS, Role.COUNT_INFORMANTS})
DROPPED_ROLES = frozenset({Role.PERSONAL_IDENTIFIER, Role.FREE_TEXT})
IDENTITY_ROLES = frozenset({Role.IDENTIFIER, Role.CATEGORY, Role.DATE})
METRIC_CRS = "ESRI:102022"  # Africa Albers equal area: distances to reports in metres


@dataclasses.dataclass
class InformantGrid:
    """The distinct informants behind each cell of an analysis grid (the internal raster a layer's
    declaration names in ``informants_from``), with its georeferencing."""

    counts: np.ndarray
    transform: object
    crs: object


@dataclasses.dataclass
class Finding:
    """One line of the disclosure report: what protection did, or what an audit found."""

    layer: str
    rule: str
    column: str
    rows: int
    detail: str


def layer_declaration(name, gdf=None):
    """The declaration of vector layer ``name``; with ``gdf``, also checks that every column is
    declared. Raises :class:`UndeclaredOutputError` naming the layer and column."""
    decl = declaration(name)
    if not isinstance(decl, LayerDecl):
        raise UndeclaredOutputError(f"{name!r} is declared as a raster, not a layer; it cannot be published as one")
    if gdf is not None:
        declared = {c.name for c in decl.columns} | {SUPPRESSED}
        geometry = gdf.geometry.name if isinstance(gdf, gpd.GeoDataFrame) and gdf._geometry_column_name in gdf else None
        for column in gdf.columns:
            if column != geometry and column not in declared:
                raise UndeclaredOutputError(f"layer {name!r}: column {column!r} is not declared in the output "
                                            "catalogue; it cannot be published")
    return decl


def raster_declaration(name, n_bands):
    """The declaration of raster ``name`` holding ``n_bands`` bands (every band must be declared)."""
    decl = declaration(name)
    if not isinstance(decl, RasterDecl):
        raise UndeclaredOutputError(f"{name!r} is declared as a layer, not a raster; it cannot be published as one")
    if n_bands != len(decl.bands):
        raise UndeclaredOutputError(f"raster {name!r}: band {len(decl.bands) + 1} is not declared "
                                    f"({len(decl.bands)} declared, {n_bands} found); it cannot be published")
    return decl


def protect_layers(layers, *, rules=None, key, admin=None, reports=None, cell_m=None, cells=None, informants=None,
                   counting_days=None):
    """Protect ``{name: GeoDataFrame}``; returns ``(protected, findings)`` (see module doc).

    ``admin`` (admin-1 polygons with ``country_iso3``, ``adm1_name``) lets alerts be published as
    counts per unit; ``reports`` (points) and ``cell_m`` (the analysis grid, metres) let
    informant-derived line ends be kept away from the reports. ``informants``
    (``{layer: InformantGrid}``) holds the lines of layers declaring ``informants_from`` to
    ``min_informants`` along their whole length (without it they are withheld). ``cells`` (a dict),
    when given, receives every published cell of each layer (``{layer: {label: published value}}``)
    for the release register. ``counting_days`` (``{layer: days}``) gives the days counted behind
    the persons/day of a layer whose rows carry no period (default: the policy's ``rate_days``).
    """
    informants = informants or {}
    rules = rules or ProtectionRules()
    if rules.internal:
        log.warning("internal output: data protection skipped on request")
        return dict(layers), [Finding("*", "internal", "", 0, "marked internal: nothing withheld or perturbed")]
    if rules.location_level == "admin" and admin is None and "alerts" in layers:
        raise ParameterError("alerts are to be published per admin-1 unit, but the inputs hold no admin1 layer")
    out, findings = {}, []
    for name, gdf in layers.items():
        decl = layer_declaration(name, gdf)
        if decl.publication == UPSTREAM:
            out[name] = gdf
            findings.append(Finding(name, "upstream", "", len(gdf), f"already public upstream: published as "
                                    f"{decl.attribution} publishes it, with attribution"))
            continue
        if decl.publication == INTERNAL:
            findings.append(Finding(name, "withheld_layer", "", len(gdf),
                                    "record-level layer (one row per herd, report or person): never public"))
            if name == "alerts":
                counted = alerts_per_admin(gdf, admin)
                if counted is None:
                    findings.append(Finding(name, "withheld_layer", "", len(gdf), "no admin-1 units among the "
                                            "inputs: alerts are not published, not even as counts"))
                    continue
                name, gdf, decl = "alerts_admin1", counted, declaration("alerts_admin1")
            else:
                continue
        gdf, layer_findings = protect_layer(name, gdf, decl, rules=rules, key=key, reports=reports, cell_m=cell_m,
                                            cells=None if cells is None else cells.setdefault(name, {}),
                                            informants=informants.get(name), days=(counting_days or {}).get(name))
        out[name] = gdf
        findings += layer_findings
    return out, findings


def protect_layer(name, gdf, decl, *, rules, key, reports=None, cell_m=None, cells=None, informants=None,
                  days=None):
    """Protect one public layer by the roles of its declared columns (``informants``: an
    :class:`InformantGrid` for a layer declaring ``informants_from``; ``days``: counted behind its
    persons/day when its rows carry no period, default the policy's ``rate_days``)."""
    gdf = gdf.copy()
    findings = []
    roles = {c.name: c for c in decl.columns if c.name in gdf.columns}
    dropped = [n for n, c in roles.items() if c.role in DROPPED_ROLES]
    if dropped:
        gdf = gdf.drop(columns=dropped)
        findings.append(Finding(name, "identifier_dropped", ",".join(dropped), len(gdf),
                                "personal identifiers and free text removed"))
    identity = _identities(gdf, [n for n, c in roles.items() if c.role in IDENTITY_ROLES])
    if decl.from_reports:
        gdf, identity, more = _aggregate_only(name, gdf, identity, roles, rules)
        findings += more
        if reports is not None and cell_m and isinstance(gdf, gpd.GeoDataFrame):
            gdf, identity, more = _away_from_reports(name, gdf, identity, reports,
                                                     rules.min_report_distance_cells * cell_m)
            findings += more
        gdf, identity, more = _informant_crowd(name, gdf, identity, reports, cell_m, rules)
        findings += more
        if decl.informants_from:
            gdf, identity, more = _informants_along(name, gdf, identity, informants, rules)
            findings += more
    raw = gdf.copy()
    withheld = np.zeros(len(gdf), dtype=bool)
    for column, spec in roles.items():
        if spec.role in COUNT_ROLES or spec.role is Role.RATE_PERSONS:
            days_counted = counting_days(gdf, rules, days=days) if spec.role is Role.RATE_PERSONS else 1.0
            counted = pd.to_numeric(raw[column], errors="coerce").to_numpy(dtype=float) * days_counted
            published, small = protect_counts(counted, identity, column=f"{decl.linked_set or name}|{column}",
                                              key=key, rules=rules, cells=cells)
            gdf[column] = published / days_counted
            withheld |= small
            findings.append(Finding(name, "cell_key_rounding", column, int(np.isfinite(published).sum()),
                                    f"counted values randomly rounded to multiples of {rules.threshold} "
                                    "with the secret key" + (" (persons/day x days counted)"
                                                             if spec.role is Role.RATE_PERSONS else "")))
            if small.any():
                findings.append(Finding(name, "small_count_withheld", column, int(small.sum()),
                                        f"{int(small.sum())} cell(s) counting 1 to {rules.threshold - 1} "
                                        "written as NULL"))
    for column, spec in roles.items():
        if spec.role is Role.DERIVED_FROM_COUNTS and spec.share_of:
            gdf[column] = _share(gdf, raw, spec, decl, name, rules, key, cells, days)
            findings.append(Finding(name, "recomputed", column, len(gdf), f"recomputed from the protected "
                                    f"{spec.share_of} over a key-rounded total"))
        elif spec.role is Role.DERIVED_FROM_COUNTS:
            gdf[column] = _derive(gdf, raw, spec)
            findings.append(Finding(name, "recomputed", column, len(gdf), "recomputed from the protected "
                                    + (f"columns ({spec.formula})" if spec.formula else f"{spec.derived_from}")))
    if any(c.role in COUNT_ROLES or c.role is Role.RATE_PERSONS for c in roles.values()):
        gdf[SUPPRESSED] = withheld
    return gdf, findings


def protect_counts(counted, identity, *, column, key, rules, cells=None):
    """``(published, withheld)`` for counted values ``counted`` of cells ``identity`` (see module doc)."""
    counted = np.asarray(counted, dtype=float)
    labels = cell_labels(column, identity, counted)
    draws = keyed_uniform(key, labels)
    published = random_round(counted, draws, rules.threshold)
    small = np.isfinite(counted) & (counted > 0) & (counted < rules.threshold)
    if rules.method == "suppress":
        published[small] = np.nan
    else:
        small = np.zeros(len(counted), dtype=bool)
    if cells is not None:
        cells.update((label, None if np.isnan(v) else float(v)) for label, v in zip(labels, published))
    return published, small


def counting_days(gdf, rules, *, days=None):
    """Days counted behind each row's persons/day: the row's ``period`` label when it names a
    calendar period (``2020Q2``, ``2020-05``), else ``days`` (the layer's counting span, from its
    provenance), else the policy's ``rate_days``."""
    default = float(days or rules.rate_days)
    if "period" not in gdf:
        return np.full(len(gdf), default)
    labels = gdf["period"].astype(str)
    lookup = {}
    for label in labels.unique():
        try:
            period = pd.Period(label)
            lookup[label] = float((period.end_time.normalize() - period.start_time.normalize()).days + 1)
        except (ValueError, TypeError, AttributeError):  # not a period label (or missing)
            lookup[label] = default
    return labels.map(lookup).to_numpy(dtype=float)


def _identities(gdf, columns):
    if not columns:
        return [str(i) for i in range(len(gdf))]
    # missing values as "" (with pandas 3, astype(str) leaves them missing)
    parts = gdf[columns].astype(object).where(gdf[columns].notna(), "").astype(str)
    return ["/".join(row) for row in parts.itertuples(index=False, name=None)]


def _derive(gdf, raw, spec):
    if spec.formula:
        return gdf.eval(spec.formula)
    base_raw = pd.to_numeric(raw[spec.derived_from], errors="coerce")
    base_new = pd.to_numeric(gdf[spec.derived_from], errors="coerce")
    ratio = (base_new / base_raw).where(base_raw != 0, 0.0)
    return pd.to_numeric(raw[spec.name], errors="coerce") * ratio


def _share(gdf, raw, spec, decl, name, rules, key, cells, days=None):
    """A share recomputed as protected part / protected total: the total behind the shares (part /
    share, the same on every row) is protected like any count, so it cannot be read back exactly."""
    part = pd.to_numeric(raw[spec.share_of], errors="coerce")
    share = pd.to_numeric(raw[spec.name], errors="coerce")
    totals = (part / share)[(share > 0) & part.notna()]
    if not len(totals):
        return share
    days = float(days or rules.rate_days) if decl.column(spec.share_of).role is Role.RATE_PERSONS else 1.0
    total, _ = protect_counts(np.array([float(totals.median()) * days]), ["total"],
                              column=f"{decl.linked_set or name}|{spec.name}|total", key=key,
                              rules=rules.replace(method="round"), cells=cells)
    return pd.to_numeric(gdf[spec.share_of], errors="coerce") / (total[0] / days) if total[0] > 0 else share * np.nan


def _aggregate_only(name, gdf, identity, roles, rules):
    """Lines and cells drawn from reports: at least ``min_herds`` herds, dates to the month."""
    findings = []
    herds = [n for n, c in roles.items() if c.role is Role.COUNT_HERDS]
    keep = np.ones(len(gdf), dtype=bool)
    for column in herds:
        keep &= pd.to_numeric(gdf[column], errors="coerce").fillna(0).to_numpy() >= rules.min_herds
    if herds and (~keep).any():
        findings.append(Finding(name, "fewer_than_k_herds", herds[0], int((~keep).sum()),
                                f"{int((~keep).sum())} feature(s) with fewer than {rules.min_herds} herds withheld"))
    gdf = gdf.loc[keep].reset_index(drop=True)
    identity = [i for i, k in zip(identity, keep) if k]
    for column, spec in roles.items():
        if spec.role is Role.DATE and column in gdf:
            gdf[column] = month_of(gdf[column])
            findings.append(Finding(name, "month_resolution", column, len(gdf), "dates published as months"))
    return gdf, identity, findings


def informants_near(gdf, reports, distance_m):
    """Distinct informants (``informant_id``, else reports) within ``distance_m`` of each geometry."""
    if not len(gdf):
        return np.zeros(0, dtype=int)
    points = reports.to_crs(METRIC_CRS)
    who = np.asarray(points["informant_id"].astype(str) if "informant_id" in points else np.arange(len(points)))
    tree = shapely.STRtree(points.geometry.to_numpy())
    out = []
    for geom in gdf.to_crs(METRIC_CRS).geometry:
        hits = tree.query(geom, predicate="dwithin", distance=distance_m) if geom is not None else []
        out.append(len(set(who[hits])))
    return np.array(out, dtype=int)


def _informant_crowd(name, gdf, identity, reports, cell_m, rules):
    """Keep the features drawn from reports of at least ``min_informants`` informants (reports
    within one analysis cell); without the reports, none can be shown to, and all are withheld."""
    if not len(gdf) or not isinstance(gdf, gpd.GeoDataFrame):
        return gdf, identity, []
    if reports is None:
        return gdf.iloc[0:0], [], [Finding(name, "fewer_than_k_informants", "geometry", len(gdf),
                                           "the reports behind the layer are not known: no feature can be shown "
                                           f"to come from {rules.min_informants} informants, all withheld")]
    keep = informants_near(gdf, reports, cell_m or 10_000.0) >= rules.min_informants
    findings = []
    if (~keep).any():
        findings.append(Finding(name, "fewer_than_k_informants", "geometry", int((~keep).sum()),
                                f"features along reports of fewer than {rules.min_informants} informants withheld"))
    return gdf.loc[keep].reset_index(drop=True), [i for i, k in zip(identity, keep) if k], findings


def informants_along_lines(gdf, grid):
    """The fewest distinct informants behind the herds along each line of ``gdf``: the count of
    ``grid`` (an :class:`InformantGrid`) taken, like a corridor's herds, as the most within one cell
    of each point of the line (points every half cell), and its minimum along the line. Points off
    the grid count 0."""
    from scipy import ndimage

    counts = ndimage.maximum_filter(np.asarray(grid.counts), size=3)
    step = abs(grid.transform.a) / 2
    out = []
    for geom in gdf.to_crs(grid.crs).geometry:
        if geom is None or geom.is_empty:
            out.append(0)
            continue
        xy = shapely.get_coordinates(shapely.segmentize(geom, step))
        cols, rows = ~grid.transform * (xy[:, 0], xy[:, 1])
        rows, cols = np.floor(rows).astype(int), np.floor(cols).astype(int)
        inside = (rows >= 0) & (rows < counts.shape[0]) & (cols >= 0) & (cols < counts.shape[1])
        out.append(int(counts[rows[inside], cols[inside]].min()) if inside.all() else 0)
    return np.array(out, dtype=int)


def _informants_along(name, gdf, identity, grid, rules):
    """Keep the lines whose herds were reported by at least ``min_informants`` informants all along
    (exact count of the analysis); without that count none can be shown to, and all are withheld."""
    if not len(gdf) or not isinstance(gdf, gpd.GeoDataFrame):
        return gdf, identity, []
    if grid is None:
        return gdf.iloc[0:0], [], [Finding(name, "fewer_than_k_informants", "geometry", len(gdf),
                                           "the count of informants behind the layer (informants_per_cell.tif, "
                                           "written by the same run) is not beside it: no feature can be shown to "
                                           f"come from {rules.min_informants} informants, all withheld")]
    keep = informants_along_lines(gdf, grid) >= rules.min_informants
    findings = []
    if (~keep).any():
        findings.append(Finding(name, "fewer_than_k_informants", "geometry", int((~keep).sum()),
                                f"features whose herds were reported by fewer than {rules.min_informants} "
                                "informants somewhere along them withheld"))
    return gdf.loc[keep].reset_index(drop=True), [i for i, k in zip(identity, keep) if k], findings


def month_of(values):
    """Dates as ``YYYY-MM``; values that are not dates (a ``2020-2021`` cycle) are kept."""
    text = values.astype("string")
    dates = pd.to_datetime(text.where(text.str.fullmatch(r"\d{4}-\d{2}-\d{2}.*", na=False)), errors="coerce")
    return text.where(dates.isna(), dates.dt.strftime("%Y-%m"))


def _away_from_reports(name, gdf, identity, reports, distance_m):
    """Cut informant-derived line ends (and drop points) within ``distance_m`` of a report."""
    crs = gdf.crs
    metric = gdf.to_crs(METRIC_CRS)
    tree = shapely.STRtree(reports.to_crs(METRIC_CRS).geometry.to_numpy())
    cut = 0
    geoms, keep = [], []
    for geom in metric.geometry:
        trimmed = _trim_ends(geom, tree, distance_m) if geom is not None else None
        cut += trimmed is not geom
        keep.append(trimmed is not None)
        geoms.append(trimmed)
    findings = []
    if cut:
        findings.append(Finding(name, "report_distance", "geometry", cut, f"line ends cut back (or points "
                                f"withheld) to keep {distance_m / 1000:.1f} km from every input report"))
    keep = np.array(keep, dtype=bool)
    out = gdf.loc[keep].copy()
    out = out.set_geometry(gpd.GeoSeries([g for g, k in zip(geoms, keep) if k], crs=METRIC_CRS).to_crs(crs).values)
    return out.reset_index(drop=True), [i for i, k in zip(identity, keep) if k], findings


def _trim_ends(geom, tree, distance_m):
    if geom.geom_type != "LineString":
        near = len(tree.query(geom, predicate="dwithin", distance=distance_m))
        return None if near else geom
    coords = np.asarray(geom.coords)
    near = np.array([len(tree.query(shapely.Point(c), predicate="dwithin", distance=distance_m)) > 0
                     for c in coords])
    if not near[0] and not near[-1]:
        return geom
    far = np.flatnonzero(~near)
    if len(far) < 2:
        return None
    return shapely.LineString(coords[far[0]:far[-1] + 1])


def alerts_per_admin(alerts, admin):
    """Alerts as herds counted per admin-1 unit, season, alert type and month (None without units)."""
    if admin is None or not {"country_iso3", "adm1_name"} <= set(admin.columns):
        return None
    units = admin.to_crs(alerts.crs)[["country_iso3", "adm1_name", "geometry"]].reset_index(drop=True)
    joined = gpd.sjoin(alerts, units, how="inner", predicate="within")
    joined["month"] = month_of(joined["expected_date"])
    counted = (joined.groupby(["index_right", "season", "alert_type", "month"])["herd_id"].nunique()
               .rename("n_herds").reset_index())
    counted = counted.join(units, on="index_right").drop(columns="index_right")
    columns = ["country_iso3", "adm1_name", "season", "alert_type", "month", "n_herds", "geometry"]
    return gpd.GeoDataFrame(counted[columns], geometry="geometry", crs=alerts.crs)


# --- rasters ----------------------------------------------------------------------------------

def protect_raster(name, bands, *, rules=None, key, transform=None, cell_size=None, geographic=False, cells=None,
                   crs=None, reports=None, informants=None):
    """Protect raster ``name`` (float array (bands, rows, cols), NaN = no data) by its declared bands.

    Herd-count rasters drawn from reports: cells with fewer than ``min_herds`` herds, and cells whose
    herds were reported by fewer than ``min_informants`` distinct informants (``informants``: their
    number per cell, from the internal raster the declaration names in ``informants_from``), become
    no data in every band; the rest are key-rounded (cell identity: its centre). Without
    ``informants`` no cell can be shown to come from enough informants and the whole raster is
    withheld (``bands`` None). Modelled rasters drawn from reports (the current map) are averaged
    onto blocks of about ``grid_deg``, and a block is kept only when the input ``reports`` inside it
    come from at least ``min_informants`` informants (the whole map is withheld when the reports are
    not known). Internal rasters (``publication = internal``) are always withheld.
    Returns ``(bands, transform, findings)``.
    """
    rules = rules or ProtectionRules()
    bands = np.array(bands, dtype=np.float32)
    decl = raster_declaration(name, bands.shape[0])
    if rules.internal:
        return bands, transform, []
    if decl.publication == INTERNAL:
        return None, transform, [Finding(name, "withheld_layer", "", 0, "internal raster (counts of informants "
                                         "behind other outputs): never public")]
    findings = []
    roles = [b.role for b in decl.bands]
    counts = [i for i, r in enumerate(roles) if r in COUNT_ROLES]
    if not counts and decl.from_reports:
        if reports is None or transform is None:
            return None, transform, [Finding(name, "withheld_layer", "", 0, "map drawn from reports withheld: the "
                                             "reports are not known, so no block can be shown to hide them")]
        factor = _block_factor(cell_size, rules.grid_deg, geographic)
        bands, transform = block_mean(bands, factor, transform)
        findings.append(Finding(name, "coarsened", "cells", int(np.isfinite(bands[0]).sum()),
                                f"averaged onto blocks of {factor} x {factor} cells (about {rules.grid_deg} degree)"))
        few = informants_per_cell(reports, transform, bands.shape[1:], crs) < rules.min_informants
        few &= np.isfinite(bands[0])
        bands[:, few] = np.nan
        findings.append(Finding(name, "fewer_than_k_informants", "cells", int(few.sum()),
                                f"blocks holding reports of fewer than {rules.min_informants} informants withheld"))
        return bands, transform, findings
    herds = [i for i, r in enumerate(roles) if r is Role.COUNT_HERDS]
    if decl.from_reports and herds:
        if informants is None or np.shape(informants) != bands.shape[1:]:
            source = f"{decl.informants_from[0]}.tif" if decl.informants_from else "a count of informants"
            return None, transform, [Finding(name, "withheld_layer", "", 0, f"herd counts drawn from reports "
                                             f"withheld: {source}, written by the same run, is not beside the raster "
                                             "on the same grid, so no cell can be shown to come from "
                                             f"{rules.min_informants} informants")]
        few = np.zeros(bands.shape[1:], dtype=bool)
        for i in herds:
            few |= np.isfinite(bands[i]) & (bands[i] > 0) & (bands[i] < rules.min_herds)
        bands[:, few] = np.nan
        if few.any():
            findings.append(Finding(name, "fewer_than_k_herds", "cells", int(few.sum()),
                                    f"cells crossed by 1 to {rules.min_herds - 1} herds set to no data in every band"))
        thin = thin_cells(bands, informants, rules.min_informants)
        bands[:, thin] = np.nan
        findings.append(Finding(name, "fewer_than_k_informants", "cells", int(thin.sum()),
                                f"cells whose herds were reported by fewer than {rules.min_informants} informants "
                                "set to no data in every band"))
    rows, cols = np.nonzero(np.isfinite(bands[0]) & (bands[0] != 0))
    for i in counts:
        values = bands[i, rows, cols].astype(float)
        identity = [f"{r},{c}" if transform is None else "{:.3f},{:.3f}".format(*(transform * (c + 0.5, r + 0.5)))
                    for r, c in zip(rows, cols)]
        published, small = protect_counts(values, identity, column=f"{decl.linked_set or name}|{decl.bands[i].name}",
                                          key=key, rules=rules, cells=cells)
        bands[i, rows, cols] = published
        findings.append(Finding(name, "cell_key_rounding", decl.bands[i].name, len(values),
                                f"cell counts randomly rounded to multiples of {rules.threshold} with the secret key"))
        if small.any():
            findings.append(Finding(name, "small_count_withheld", decl.bands[i].name, int(small.sum()),
                                    f"cells counting 1 to {rules.threshold - 1} set to no data"))
    return bands, transform, findings


def thin_cells(bands, informants, min_informants):
    """Cells holding a value (finite, not 0, in any band) whose herds were reported by fewer than
    ``min_informants`` distinct informants (``informants``: their number per cell)."""
    bands = np.asarray(bands, dtype=float)
    shown = (np.isfinite(bands) & (bands != 0)).any(axis=0)
    return shown & ~(np.nan_to_num(np.asarray(informants, dtype=float)) >= min_informants)


def informants_per_cell(reports, transform, shape, crs):
    """Distinct informants (``informant_id``, else reports) whose reports fall in each cell of a grid."""
    points = reports.to_crs(crs) if crs is not None else reports
    cols, rows = ~transform * (points.geometry.x.to_numpy(), points.geometry.y.to_numpy())
    rows, cols = np.floor(rows).astype(int), np.floor(cols).astype(int)
    inside = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
    who = (reports["informant_id"].astype(str) if "informant_id" in reports else pd.Series(range(len(reports))))
    frame = pd.DataFrame({"r": rows[inside], "c": cols[inside], "who": np.asarray(who)[inside]})
    counts = np.zeros(shape, dtype=int)
    per = frame.groupby(["r", "c"])["who"].nunique()
    if len(per):
        idx = np.array(per.index.tolist())
        counts[idx[:, 0], idx[:, 1]] = per.to_numpy()
    return counts


def _block_factor(cell_size, grid_deg, geographic):
    if not cell_size:
        return 1
    target = grid_deg if geographic else grid_deg * 111_320.0
    return max(1, int(round(target / cell_size)))


def block_mean(bands, factor, transform=None):
    """Average ``bands`` over ``factor`` x ``factor`` blocks (NaN ignored); the coarser transform."""
    if factor <= 1:
        return bands, transform
    n, rows, cols = bands.shape
    pad_r, pad_c = (-rows) % factor, (-cols) % factor
    padded = np.pad(bands, ((0, 0), (0, pad_r), (0, pad_c)), constant_values=np.nan)
    blocks = padded.reshape(n, padded.shape[1] // factor, factor, padded.shape[2] // factor, factor)
    with warnings.catch_warnings():  # all-NaN blocks stay NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        out = np.nanmean(blocks, axis=(2, 4)).astype(np.float32)
    if transform is not None:
        transform = transform * transform.scale(factor, factor)
    return out, transform


def report_frame(findings):
    """The findings as a table (one row each)."""
    return pd.DataFrame([dataclasses.asdict(f) for f in findings],
                        columns=[f.name for f in dataclasses.fields(Finding)])


__all__ = ["COUNT_ROLES", "Finding", "InformantGrid", "SUPPRESSED", "alerts_per_admin", "block_mean", "counting_days",
           "informants_along_lines", "informants_near", "informants_per_cell",
           "layer_declaration", "month_of", "protect_counts", "protect_layer", "protect_layers", "protect_raster",
           "raster_declaration", "report_frame", "thin_cells"]
