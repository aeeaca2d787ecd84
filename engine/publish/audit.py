"""The disclosure audit: re-checks a bundle as written against the policy, and measures its risk.

``audit_layers`` / ``audit_raster`` / ``audit_bundle`` return the *violations* (an empty list
passes); ``risk_measures`` gives the figures of the disclosure report (smallest published count,
global re-identification risk of record-level layers, distance from informant-derived geometry
to the input reports, the differencing check). The audit trusts nothing the bundle says about
itself: not its classification, not the rules it records.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import rasterio
import shapely

from ..catalogue import INTERNAL, UPSTREAM, RasterDecl, Role, UndeclaredOutputError, declaration
from ..errors import InputNotFoundError, RdhError
from ..io.gpkg import list_layers, read_layer
from ..provenance import file_sha256
from .policy import ProtectionRules
from .protect import (COUNT_ROLES, DROPPED_ROLES, METRIC_CRS, Finding, counting_days, informants_along_lines,
                      informants_near, layer_declaration, thin_cells)

MANIFEST = "bundle.json"
SHA256 = re.compile(r"\b[0-9a-f]{64}\b")
TOLERANCE = 1e-6


def _multiples(values, base):
    """Which finite values are (within float noise) multiples of ``base``."""
    scaled = values / base
    return np.isclose(scaled, np.round(scaled), atol=TOLERANCE * np.maximum(1, np.abs(scaled)))


def count_values(name, gdf, rules, *, days=None):
    """``{column: counted values}`` of the count and persons/day columns of a public layer
    (``days``: the layer's counting span, see :func:`~.protect.counting_days`)."""
    decl = layer_declaration(name)
    out = {}
    for spec in decl.columns:
        if spec.name in gdf and (spec.role in COUNT_ROLES or spec.role is Role.RATE_PERSONS):
            counted = counting_days(gdf, rules, days=days) if spec.role is Role.RATE_PERSONS else 1.0
            values = pd.to_numeric(gdf[spec.name], errors="coerce").to_numpy(dtype=float) * counted
            out[spec.name] = values
    return out


def audit_layers(layers, *, rules=None, reports=None, cell_m=None, informants=None, counting_days=None):
    """Violations of the policy in ``{name: GeoDataFrame}`` as published; ``informants``
    (``{layer: InformantGrid}``, when the auditor has them: rdh export does) checks the lines of
    layers declaring ``informants_from`` against ``min_informants`` all along; ``counting_days``
    (``{layer: days}``) are the days counted behind the persons/day of layers whose rows carry no period."""
    counting_days = counting_days or {}
    rules = rules or ProtectionRules()
    informants = informants or {}
    problems = []
    for name, gdf in layers.items():
        try:
            decl = layer_declaration(name, gdf)
        except UndeclaredOutputError as exc:
            problems.append(Finding(name, "undeclared", "", len(gdf), str(exc)))
            continue
        if decl.publication == UPSTREAM:
            continue
        if decl.publication == INTERNAL:
            problems.append(Finding(name, "record_level_layer", "", len(gdf),
                                    "record-level layer (per herd, report or person) in a public bundle"))
            continue
        for spec in decl.columns:
            if spec.name in gdf and spec.role in DROPPED_ROLES:
                problems.append(Finding(name, "identifier", spec.name, len(gdf),
                                        f"{spec.role.value} column published"))
        for column, values in count_values(name, gdf, rules, days=counting_days.get(name)).items():
            finite = values[np.isfinite(values)]
            bad = ((finite > 0) & (finite < rules.threshold)) | ~_multiples(finite, rules.threshold)
            if bad.any():
                problems.append(Finding(name, "small_count", column, int(bad.sum()),
                                        f"counted values not protected (not 0, not a multiple of {rules.threshold} "
                                        f"of at least {rules.threshold}): e.g. {finite[bad][:3].round(3).tolist()}"))
        if decl.from_reports:
            problems += _audit_from_reports(name, gdf, decl, rules, reports, cell_m)
        grid = informants.get(name)
        if decl.informants_from and grid is not None and len(gdf) and isinstance(gdf, gpd.GeoDataFrame):
            few = informants_along_lines(gdf, grid) < rules.min_informants
            if few.any():
                problems.append(Finding(name, "fewer_than_k_informants", "geometry", int(few.sum()),
                                        f"features whose herds were reported by fewer than {rules.min_informants} "
                                        "informants somewhere along them"))
    return problems


def _audit_from_reports(name, gdf, decl, rules, reports, cell_m):
    problems = []
    for spec in decl.columns:
        if spec.name not in gdf:
            continue
        if spec.role is Role.COUNT_HERDS:
            herds = pd.to_numeric(gdf[spec.name], errors="coerce")
            few = (herds.isna() | (herds < rules.min_herds)).to_numpy()
            if few.any():
                problems.append(Finding(name, "fewer_than_k_herds", spec.name, int(few.sum()),
                                        f"features drawn from reports with fewer than {rules.min_herds} herds"))
        if spec.role is Role.DATE:
            daily = gdf[spec.name].astype("string").str.fullmatch(r"\d{4}-\d{2}-\d{2}.*", na=False)
            if daily.any():
                problems.append(Finding(name, "date_resolution", spec.name, int(daily.sum()),
                                        "dates finer than the month in a layer drawn from reports"))
    if reports is not None and len(gdf) and isinstance(gdf, gpd.GeoDataFrame):
        few = informants_near(gdf, reports, cell_m or 10_000.0) < rules.min_informants
        if few.any():
            problems.append(Finding(name, "fewer_than_k_informants", "geometry", int(few.sum()),
                                    f"features along reports of fewer than {rules.min_informants} informants"))
    if reports is not None and cell_m and len(gdf):
        distances = end_distances_m(gdf, reports)
        limit = rules.min_report_distance_cells * cell_m
        close = distances < limit
        if close.any():
            problems.append(Finding(name, "near_report", "geometry", int(close.sum()),
                                    f"informant-derived points or line ends within {limit / 1000:.1f} km of a report"))
    return problems


def end_distances_m(gdf, reports):
    """Distance (m) from each point / line end of ``gdf`` to the nearest report."""
    ends = []
    for geom in gdf.to_crs(METRIC_CRS).geometry:
        if geom is None or geom.is_empty:
            continue
        parts = getattr(geom, "geoms", [geom])
        for part in parts:
            coords = np.asarray(part.coords) if part.geom_type != "Polygon" else np.empty((0, 2))
            if len(coords):
                ends += [coords[0], coords[-1]]
    if not ends or not len(reports):
        return np.array([])
    points = shapely.points(np.asarray(ends)[:, :2])
    targets = reports.to_crs(METRIC_CRS).geometry.to_numpy()
    tree = shapely.STRtree(targets)
    _, nearest = tree.query_nearest(points, return_distance=True, all_matches=False)
    return np.asarray(nearest, dtype=float)


def audit_raster(name, bands, *, rules=None, informants=None):
    """Violations of the policy in the bands of raster ``name`` as published; ``informants`` (the
    distinct informants behind each cell, when the auditor has them: rdh export does) checks that
    every published cell of a herd-count raster drawn from reports has ``min_informants``."""
    rules = rules or ProtectionRules()
    try:
        decl = declaration(name)
    except UndeclaredOutputError as exc:
        return [Finding(name, "undeclared", "", 0, str(exc))]
    if not isinstance(decl, RasterDecl) or len(decl.bands) != len(bands):
        return [Finding(name, "undeclared", "bands", len(bands), f"raster {name!r} does not match its declaration "
                        f"({len(decl.bands) if isinstance(decl, RasterDecl) else 0} band(s) declared)")]
    if decl.publication == INTERNAL:
        return [Finding(name, "record_level_layer", "", 0, "internal raster (counts of informants) in a public "
                        "bundle")]
    problems = []
    if informants is not None and decl.informants_from:
        thin = thin_cells(bands, informants, rules.min_informants)
        if thin.any():
            problems.append(Finding(name, "fewer_than_k_informants", "cells", int(thin.sum()),
                                    f"published cells whose herds were reported by fewer than "
                                    f"{rules.min_informants} informants"))
    herds_min = rules.min_herds if decl.from_reports else rules.threshold
    for spec, band in zip(decl.bands, np.asarray(bands, dtype=float)):
        if spec.role not in COUNT_ROLES:
            continue
        values = band[np.isfinite(band)]
        floor = herds_min if spec.role is Role.COUNT_HERDS else rules.threshold
        bad = ((values > 0) & (values < floor)) | ~_multiples(values, rules.threshold)
        if bad.any():
            problems.append(Finding(name, "small_count", spec.name, int(bad.sum()),
                                    f"cells not protected: e.g. {values[bad][:3].tolist()}"))
    return problems


def global_risk(gdf, decl):
    """Global re-identification risk of a record-level layer: the mean over records of 1 / (number
    of records sharing its quasi-identifiers: categories, dates, position to 0.01 degree)."""
    keys = [c.name for c in decl.columns if c.name in gdf and c.role in (Role.CATEGORY, Role.DATE)]
    frame = gdf[keys].astype(str) if keys else pd.DataFrame(index=gdf.index)
    if isinstance(gdf, gpd.GeoDataFrame) and gdf.geometry.notna().any():
        points = gdf.geometry.representative_point()
        frame = frame.assign(_x=points.x.round(2).astype(str), _y=points.y.round(2).astype(str))
    if not len(frame) or not len(frame.columns):
        return 0.0
    sizes = frame.groupby(list(frame.columns), dropna=False)[frame.columns[0]].transform("size")
    return float((1.0 / sizes).mean())


def risk_measures(layers, rasters, *, rules=None, reports=None, counting_days=None):
    """The figures of the disclosure report for a bundle's ``layers`` and ``rasters`` (``{name: bands}``)."""
    rules = rules or ProtectionRules()
    counting_days = counting_days or {}
    smallest, published, risks, distances = {}, 0, {}, {}
    for name, gdf in layers.items():
        try:
            decl = layer_declaration(name)
        except UndeclaredOutputError:
            continue
        if decl.record_level:
            risks[name] = round(global_risk(gdf, decl), 4)
        if decl.publication == UPSTREAM:
            continue
        for values in count_values(name, gdf, rules, days=counting_days.get(name)).values():
            positive = values[np.isfinite(values) & (values > 0)]
            published += int(np.isfinite(values).sum())
            if len(positive):
                smallest[name] = float(min(smallest.get(name, np.inf), positive.min()))
        if decl.from_reports and reports is not None:
            d = end_distances_m(gdf, reports)
            if len(d):
                distances[name] = {"min_km": round(float(d.min()) / 1000, 2),
                                   "median_km": round(float(np.median(d)) / 1000, 2)}
    for name, bands in rasters.items():
        decl = declaration(name)
        for spec, band in zip(decl.bands, np.asarray(bands, dtype=float)):
            if spec.role in COUNT_ROLES:
                positive = band[np.isfinite(band) & (band > 0)]
                published += int(np.isfinite(band).sum())
                if len(positive):
                    smallest[name] = float(min(smallest.get(name, np.inf), positive.min()))
    return {
        "smallest_published_count": smallest,
        "global_reidentification_risk": risks,
        "informant_line_end_distance_to_reports": distances,
        "differencing": (f"{published} published counted values, every one 0 or a multiple of {rules.threshold}: "
                         f"no sum or difference of them falls in (0, {rules.threshold})"),
    }


def audit_bundle(bundle_dir, *, rules=None, reports=None, cell_m=None, informants=None):
    """Re-audit bundle ``bundle_dir`` as written: every GeoPackage layer and GeoTIFF (whatever
    ``bundle.json`` says), the hashes and paths it carries. ``informants`` (``{raster: distinct
    informants per cell}``, from the internal rasters beside the sources; rdh export passes them)
    also checks every published herd-count cell against ``min_informants``. Returns
    ``(violations, measures)``."""
    informants = informants or {}
    bundle_dir = Path(bundle_dir)
    rules = rules or ProtectionRules()
    if not (bundle_dir / MANIFEST).is_file():
        raise InputNotFoundError(f"{bundle_dir} is not an RDH publication bundle (no {MANIFEST})")
    layers = {}
    for gpkg in sorted(bundle_dir.glob("*.gpkg")):
        for name in list_layers(gpkg):
            if name in layers:
                raise RdhError(f"layer {name!r} is in more than one GeoPackage of {bundle_dir}")
            layers[name] = read_layer(gpkg, name)
    rasters = {}
    for tif in sorted(bundle_dir.glob("*.tif")):
        with rasterio.open(tif) as src:
            rasters[tif.stem] = src.read(masked=True).astype(np.float32).filled(np.nan)
    days = {name: entry["counting_days"] for name, entry in
            json.loads((bundle_dir / MANIFEST).read_text(encoding="utf-8")).get("layers", {}).items()
            if isinstance(entry, dict) and entry.get("counting_days")}
    problems = audit_layers(layers, rules=rules, reports=reports, cell_m=cell_m, counting_days=days)
    for name, bands in rasters.items():
        behind = informants.get(name)
        problems += audit_raster(name, bands, rules=rules,
                                 informants=behind if behind is not None and behind.shape == bands.shape[1:] else None)
    problems += audit_private_traces(bundle_dir)
    for name, risk in risk_measures(layers, {}, rules=rules)["global_reidentification_risk"].items():
        if risk > rules.max_risk and declaration(name).publication != UPSTREAM:
            problems.append(Finding(name, "reidentification_risk", "", len(layers[name]),
                                    f"global re-identification risk {risk:.1%} above {rules.max_risk:.0%}"))
    measures = risk_measures(layers, {n: b for n, b in rasters.items() if _is_declared_raster(n)}, rules=rules,
                             reports=reports, counting_days=days)
    fewest = {name: fewest_informants(rasters[name], behind) for name, behind in informants.items()
              if name in rasters and behind.shape == rasters[name].shape[1:]}
    if fewest:
        measures["fewest_informants_behind_a_published_cell"] = {n: v for n, v in fewest.items() if v is not None}
    return problems, measures


def fewest_informants(bands, informants):
    """The fewest distinct informants behind any published (finite, not 0) cell of ``bands``, or
    None when no cell is published."""
    shown = (np.isfinite(bands) & (bands != 0)).any(axis=0)
    return int(np.asarray(informants)[shown].min()) if shown.any() else None


def _is_declared_raster(name):
    try:
        return isinstance(declaration(name), RasterDecl)
    except UndeclaredOutputError:
        return False


def audit_private_traces(bundle_dir):
    """Absolute paths, user names and hashes of files that are not in the bundle, anywhere in the
    bundle's text: manifest, metadata, provenance and styles."""
    bundle_dir = Path(bundle_dir)
    own = {file_sha256(p) for p in bundle_dir.rglob("*") if p.is_file() and p.name != MANIFEST}
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in bundle_dir.rglob("*")
             if p.is_file() and p.suffix in (".json", ".xml", ".qml", ".sld", ".csv")}
    for gpkg in bundle_dir.glob("*.gpkg"):
        for name in list_layers(gpkg):
            meta = pyogrio.read_info(gpkg, layer=name).get("layer_metadata") or {}
            texts[f"{gpkg.name}:{name}"] = json.dumps(meta)
    problems = []
    home = str(Path.home())
    for where, text in texts.items():
        foreign = sorted(set(SHA256.findall(text)) - own)
        if foreign:
            problems.append(Finding(where, "foreign_hash", "", len(foreign), "sha256 of a file that is not "
                                    f"published (e.g. {foreign[0][:12]}…): it lets unprotected data be confirmed"))
        if re.search(r"(?<![\w.])/(home|root|Users|tmp|work|srv|mnt)/", text) or (len(home) > 1 and home in text):
            problems.append(Finding(where, "absolute_path", "", 1, "an absolute path (or user name) is published"))
    return problems


def audit_geopackage(path, *, rules=None, reports=None, cell_m=None):
    """Violations of the policy in every layer of the GeoPackage ``path`` (see :func:`audit_layers`)."""
    layers = {name: read_layer(path, name) for name in list_layers(path)}
    return audit_layers(layers, rules=rules, reports=reports, cell_m=cell_m)


__all__ = ["audit_bundle", "audit_geopackage", "audit_layers", "audit_private_traces", "audit_raster",
           "end_distances_m", "fewest_informants", "global_risk", "main", "risk_measures"]


def main(argv=None):
    """``python -m rdh_engine.publish BUNDLE [--policy FILE]``: exit 0 when the bundle passes,
    1 with one line per violation otherwise. `rdh publish` runs it in a process of its own: the
    audit reads GeoPackages and GeoTIFFs with the wheels' GDAL, which must not meet QGIS's."""
    import argparse


    from .policy import load_policy

    parser = argparse.ArgumentParser(prog="python -m rdh_engine.publish")
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--policy", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        problems, _ = audit_bundle(args.bundle, rules=load_policy(args.policy))
    except RdhError as exc:
        print(f"{args.bundle}: {exc}")
        return 1
    for p in problems:
        print(f"{p.layer}{'.' + p.column if p.column else ''}: {p.detail}")
    return 1 if problems else 0
