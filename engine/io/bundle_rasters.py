"""GeoTIFFs in a publication bundle (route density, corridor band, current map): protected like the
vector layers, styled with their house style and documented, beside the bundle's GeoPackage::

    <name>.tif              float32, deflate, no data = NaN, the source grid and CRS
    <name>.qml, <name>.sld  the house raster style
    <name>.iso19139.xml     ISO 19139 metadata (GeoTIFF distribution)

Count rasters (``rdh_engine.protect.COUNT_RASTERS``) lose their small counts first and are audited.
"""
import uuid
from pathlib import Path

import numpy as np
import rasterio
from rasterio.warp import transform_bounds

from ..errors import RdhError
from ..protect import audit_raster, protect_raster
from ..provenance import file_sha256
from .gpkg import house_style
from .iso19139 import iso19139_xml

TRANSHUMANCE = dict(topic="farming", attribution="IOM Transhumance Tracking Tool; RDH Toolkit")
RASTER_INFO = {
    "route_density": dict(
        title="Transhumance route density / Densité des itinéraires de transhumance",
        abstract="Herds (band 1) and animals (band 2) whose reconstructed routes cross each cell.",
        keywords=["transhumance", "route density", "densité"], **TRANSHUMANCE),
    "corridor_band": dict(
        title="Transhumance corridor band / Bande de couloir de transhumance",
        abstract="Herds whose near-optimal corridor band (cells within a tolerance of the least cost) covers "
                 "each cell.", keywords=["transhumance", "corridors", "couloirs"], **TRANSHUMANCE),
    "current_density": dict(
        title="Transhumance connectivity (circuit theory) / Connectivité de transhumance (théorie des circuits)",
        abstract="Circuit-theory current of the herds' trips (one unit per trip): where passage is likely.",
        keywords=["transhumance", "connectivity", "circuit theory", "connectivité"], **TRANSHUMANCE),
}


def export_raster(path, staging, *, rules, licence, contact, now):
    """Write raster ``path`` protected, styled and documented into ``staging``.

    Returns ``(manifest entry, findings)``; raises RdhError if the protected raster fails the audit."""
    path = Path(path)
    name = path.stem
    with rasterio.open(path) as src:
        bands = src.read(masked=True).astype(np.float32).filled(np.nan)
        profile = {"driver": "GTiff", "height": src.height, "width": src.width, "count": src.count,
                   "dtype": "float32", "crs": src.crs, "transform": src.transform, "nodata": np.nan,
                   "compress": "deflate"}
        descriptions = [d or f"band {i + 1}" for i, d in enumerate(src.descriptions)]
        bbox = [float(v) for v in transform_bounds(src.crs, "EPSG:4326", *src.bounds)]
        crs = src.crs.to_string()
    bands, findings = protect_raster(name, bands, rules=rules)
    problems = audit_raster(name, bands, rules=rules)
    if problems:
        raise RdhError(f"protection failed its own audit: {name}: {problems[0].detail}")
    with rasterio.open(staging / f"{name}.tif", "w", **profile) as dst:
        dst.write(bands)
        for i, text in enumerate(descriptions, start=1):
            dst.set_band_description(i, text)
    info = RASTER_INFO.get(name, {})
    title = info.get("title", name.replace("_", " ").capitalize())
    abstract = info.get("abstract", f"Raster {name} produced by the RDH Toolkit.")
    if findings:
        abstract += f" {findings[0].detail.capitalize()}."
    lineage = (f"GeoTIFF {path.name} (sha256 {file_sha256(path)[:12]}) written by the RDH Toolkit; "
               + ("INTERNAL: published without data protection." if rules.internal else
                  f"protected by rdh export (counts in (0, {rules.threshold}) "
                  f"{'withheld' if rules.method == 'suppress' else 'rounded'})."))
    keywords = info.get("keywords", [name]) + ["RDH", "West and Central Africa"]
    files = {f"{name}.iso19139.xml": iso19139_xml(
        identifier=str(uuid.uuid5(uuid.NAMESPACE_URL, f"rdh:{name}:{now.isoformat()}")), title=title,
        abstract=abstract, keywords=keywords, licence=licence, attribution=info.get("attribution", "IOM RDH"),
        contact=contact, created=now.isoformat(), bbox=bbox, lineage=lineage, topic=info.get("topic", "society"),
        layer_name=name, distribution_format="GeoTIFF")}
    style = house_style(name)
    if style:
        files[f"{name}.qml"] = style["qml"]
        if style.get("sld"):
            files[f"{name}.sld"] = style["sld"]
    for filename, text in files.items():
        (staging / filename).write_text(text, encoding="utf-8")
    entry = {"title": title, "abstract": abstract, "keywords": keywords, "licence": licence,
             "attribution": info.get("attribution", "IOM Regional Data Hub"), "bands": descriptions, "crs": crs,
             "bbox": bbox, "lineage": lineage, "suppressed_cells": sum(f.rows for f in findings),
             "files": sorted([f"{name}.tif", *files])}
    return entry, findings


__all__ = ["RASTER_INFO", "export_raster"]
