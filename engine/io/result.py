"""What a job wrote, as a manifest the CLI prints (``--manifest``) and the QGIS plugin loads.

``{"job": NAME, "outputs": [{"name", "kind", "path", "layer", "title_en", "title_fr"}]}``, kind one
of ``layer`` (a GeoPackage vector layer), ``table`` (a GeoPackage attribute table or a CSV),
``raster`` (GeoTIFF), ``chart`` (PNG) or ``file``. See docs/jobs.md.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..catalogue import UndeclaredOutputError, declaration

MANIFEST_KINDS = ("layer", "table", "raster", "chart", "file")
_SUFFIX_KINDS = {".tif": "raster", ".tiff": "raster", ".csv": "table", ".png": "chart"}


def _titles(name: str) -> tuple[str, str]:
    try:
        decl = declaration(name)
    except UndeclaredOutputError:
        return name, name
    return decl.title_en or name, decl.title_fr or decl.title_en or name


def _entry(name: str, kind: str, path: Path, layer: str | None = None) -> dict[str, Any]:
    title_en, title_fr = _titles(name)
    return {"name": name, "kind": kind, "path": str(path), "layer": layer, "title_en": title_en,
            "title_fr": title_fr}


def manifest_of(job: str, written: Iterable[str | Path]) -> dict[str, Any]:
    """The manifest of the files ``written`` by ``job``: one entry per GeoPackage layer or table,
    raster, CSV table, PNG chart or other file, in the order written."""
    outputs = []
    for path in map(Path, written):
        if path.suffix.lower() == ".gpkg" and path.is_file():
            import pyogrio

            for layer, geometry in pyogrio.list_layers(path):
                outputs.append(_entry(layer, "layer" if geometry else "table", path, layer))
        else:
            outputs.append(_entry(path.stem, _SUFFIX_KINDS.get(path.suffix.lower(), "file"), path))
    return {"job": job, "outputs": outputs}
