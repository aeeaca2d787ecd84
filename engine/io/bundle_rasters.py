"""GeoTIFFs in a publication bundle (route density, corridor band, current map): protected like the
vector layers, styled with their house style and documented, beside the bundle's GeoPackage::

    <name>.tif              float32, deflate, no data = NaN, the source grid and CRS
    <name>.qml, <name>.sld  the house raster style
    <name>.iso19139.xml     ISO 19139 metadata (GeoTIFF distribution)

Each raster and band must be declared in the output catalogue; it is protected by its declared
roles (``rdh_engine.publish.protect.protect_raster``) and audited before it is written. Herd-count
rasters are held to the informants behind each cell, read from the internal raster their
declaration names (``informants_per_cell.tif``), which must lie beside them on the same grid.
"""
import uuid
from pathlib import Path

import numpy as np
import rasterio
from rasterio.crs import CRS
from rasterio.warp import transform_bounds

from ..catalogue import declaration
from ..errors import RdhError
from ..publish.audit import audit_raster
from ..publish.protect import InformantGrid, protect_raster
from .gpkg import house_style
from .iso19139 import iso19139_xml


def informant_grid_beside(source, decl):
    """The :class:`~rdh_engine.publish.protect.InformantGrid` an output of file ``source`` declares
    (``informants_from``), read from the internal raster of that name beside it; None when it
    declares none or the raster is missing."""
    if not getattr(decl, "informants_from", None) or source is None:
        return None
    name, band = decl.informants_from
    sidecar = Path(source).with_name(f"{name}.tif")
    if not sidecar.is_file():
        return None
    with rasterio.open(sidecar) as src:
        if src.count < band or src.crs is None:
            return None
        return InformantGrid(src.read(band, masked=True).filled(0), src.transform, src.crs.to_wkt())


def informants_beside(path):
    """The distinct informants behind each cell of raster ``path`` (2-D array), from
    :func:`informant_grid_beside`; None when there are none, or not on ``path``'s grid (shape,
    transform, CRS)."""
    path = Path(path)
    grid = informant_grid_beside(path, declaration(path.stem))
    if grid is None:
        return None
    with rasterio.open(path) as src:
        same = grid.counts.shape == src.shape and grid.transform == src.transform and \
            CRS.from_wkt(grid.crs) == src.crs
    return grid.counts if same else None


def export_raster(path, staging, *, rules, licence, contact, now, key=None, cells=None, reports=None,
                  informants=None):
    """Write raster ``path`` protected, styled and documented into ``staging``; ``informants``: the
    informants behind each of its cells (``informants_beside``).

    Returns ``(manifest entry or None when the raster is withheld, findings)``; raises RdhError if
    the protected raster fails the audit."""
    path = Path(path)
    name = path.stem
    with rasterio.open(path) as src:
        bands = src.read(masked=True).astype(np.float32).filled(np.nan)
        profile = {"driver": "GTiff", "count": src.count, "dtype": "float32", "crs": src.crs, "nodata": np.nan,
                   "compress": "deflate"}
        descriptions = [d or f"band {i + 1}" for i, d in enumerate(src.descriptions)]
        bbox = [float(v) for v in transform_bounds(src.crs, "EPSG:4326", *src.bounds)]
        crs = src.crs.to_string()
        transform, cell_size, geographic = src.transform, abs(src.res[0]), src.crs.is_geographic
    bands, transform, findings = protect_raster(name, bands, rules=rules, key=key, transform=transform,
                                                cell_size=cell_size, geographic=geographic, cells=cells,
                                                crs=profile["crs"], reports=reports, informants=informants)
    if bands is None:
        return None, findings
    profile.update(height=bands.shape[1], width=bands.shape[2], transform=transform)
    problems = audit_raster(name, bands, rules=rules, informants=informants)
    if problems:
        raise RdhError(f"protection failed its own audit: {name}: {problems[0].detail}")
    with rasterio.open(staging / f"{name}.tif", "w", **profile) as dst:
        dst.write(bands)
        for i, text in enumerate(descriptions, start=1):
            dst.set_band_description(i, text)
    decl = declaration(name)
    title = decl.title
    abstract = decl.abstract_en + (f"\n\n{decl.abstract_fr}" if decl.abstract_fr else "")
    if findings:
        abstract += "\n\n" + " ".join(f"{f.detail[0].upper()}{f.detail[1:]}." for f in findings)
    lineage = (f"GeoTIFF {path.name} written by the RDH Toolkit; "
               + ("INTERNAL: published without data protection." if rules.internal else
                  f"protected by rdh export (cells of fewer than {rules.min_herds} herds, or of herds reported by "
                  f"fewer than {rules.min_informants} informants, withheld, counts randomly "
                  f"rounded to multiples of {rules.threshold} with a secret key, modelled maps coarsened)."))
    keywords = [*(decl.keywords or (name,)), "RDH", "West and Central Africa"]
    files = {f"{name}.iso19139.xml": iso19139_xml(
        identifier=str(uuid.uuid5(uuid.NAMESPACE_URL, f"rdh:{name}:{now.isoformat()}")), title=title,
        abstract=abstract, keywords=keywords, licence=decl.licence or licence, attribution=decl.attribution,
        contact=contact, created=now.isoformat(), bbox=bbox, lineage=lineage, topic=decl.topic,
        layer_name=name, distribution_format="GeoTIFF")}
    style = house_style(decl.style or name)
    if style:
        files[f"{name}.qml"] = style["qml"]
        if style.get("sld"):
            files[f"{name}.sld"] = style["sld"]
    for filename, text in files.items():
        (staging / filename).write_text(text, encoding="utf-8")
    entry = {"title": title, "abstract": abstract, "keywords": keywords, "licence": decl.licence or licence,
             "attribution": decl.attribution, "bands": descriptions, "crs": crs,
             "bbox": bbox, "lineage": lineage,
             "suppressed_cells": sum(f.rows for f in findings if f.rule in ("fewer_than_k_herds",
                                                                            "fewer_than_k_informants",
                                                                            "small_count_withheld")),
             "files": sorted([f"{name}.tif", *files])}
    return entry, findings


__all__ = ["export_raster", "informant_grid_beside", "informants_beside"]
