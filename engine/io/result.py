"""One result type for every analysis, one writer, and the manifest of what was written.

An analysis returns a :class:`Result`: named vector layers and tables (one GeoPackage), rasters
(GeoTIFFs beside it, each with its house-style ``.qml``), CSV tables and charts (PNG) beside it, and
its provenance record. :func:`write_result` writes any Result atomically, file by file, and returns
the manifest the CLI prints (``--manifest``) and the QGIS plugin loads::

    {"job": NAME, "outputs": [{"name", "kind", "path", "layer", "title_en", "title_fr"}]}

``kind`` is ``layer`` (GeoPackage vector layer), ``table`` (GeoPackage attribute table or CSV),
``raster`` (GeoTIFF), ``chart`` (PNG) or ``file``. Titles come from the output catalogue
(engine/catalogue.py) when it declares the output, else they are the output's name. See docs/jobs.md.
"""
from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path
from typing import Any, Callable, Iterable

from ..catalogue import UndeclaredOutputError, declaration

MANIFEST_KINDS = ("layer", "table", "raster", "chart", "file")
_SUFFIX_KINDS = {".tif": "raster", ".tiff": "raster", ".csv": "table", ".png": "chart"}


@dataclasses.dataclass
class Raster:
    """A GeoTIFF of a result: ``array`` is 2-D or ``(bands, rows, cols)``; ``style`` a house raster style."""

    array: Any
    transform: Any
    crs: Any
    descriptions: list[str] = dataclasses.field(default_factory=list)
    nodata: float | None = None
    style: str | None = None


@dataclasses.dataclass
class Sidecar:
    """A file written beside the GeoPackage by ``render(path) -> path`` (a chart, a map, a cost surface).

    ``path`` overrides the default place (``<output folder>/<name>``); ``kind`` is a manifest kind.
    """

    render: Callable[[Path], Path]
    kind: str = "chart"
    path: Path | None = None


@dataclasses.dataclass
class Result:
    """What a job produced, before anything is written.

    Parameters
    ----------
    job : str
        The job's name (``corridors``).
    layers : dict
        ``{name: GeoDataFrame or DataFrame}``: the GeoPackage's layers and attribute tables, in order.
    styles : dict
        ``{layer: house style name}``; a layer not listed gets the style the output catalogue
        (engine/catalogue.py) declares for it, if any.
    rasters : dict
        ``{file name: Raster}`` written beside the GeoPackage (``route_density.tif``).
    tables : dict
        ``{file name: DataFrame}`` written beside it as CSV.
    sidecars : dict
        ``{file name: Sidecar}``: charts and other files written beside it (or where they say).
    provenance : dict
        The run's provenance record (stored on every layer).
    summary : list of str
        Lines the command line prints after writing (counts, totals).
    """

    job: str
    layers: dict[str, Any] = dataclasses.field(default_factory=dict)
    styles: dict[str, str] = dataclasses.field(default_factory=dict)
    rasters: dict[str, Raster] = dataclasses.field(default_factory=dict)
    tables: dict[str, Any] = dataclasses.field(default_factory=dict)
    sidecars: dict[str, Sidecar] = dataclasses.field(default_factory=dict)
    provenance: dict[str, Any] | None = None
    summary: list[str] = dataclasses.field(default_factory=list)


def write_result(result: Result, output: str | Path) -> dict[str, Any]:
    """Write ``result``: its layers to the GeoPackage ``output`` (1.2, styles and provenance embedded),
    then its rasters, CSV tables and sidecars beside it, each file atomically.

    Returns
    -------
    dict
        The manifest (see the module docstring), outputs in the order written.
    """
    from ..raster.cost_surface import write_geotiff
    from .charts import write_csv
    from .gpkg import write_layers

    output = Path(output)
    outputs = []
    if result.layers:
        import geopandas as gpd

        styles = {name: style for name in result.layers if (style := result.styles.get(name) or _style(name))}
        write_layers(output, result.layers, provenance=result.provenance, styles=styles or None)
        for name, layer in result.layers.items():
            outputs.append(_entry(name, "layer" if isinstance(layer, gpd.GeoDataFrame) else "table", output, name))
    for name, raster in result.rasters.items():
        path = write_geotiff(output.with_name(name), raster.array, transform=raster.transform, crs=raster.crs,
                             nodata=raster.nodata, descriptions=raster.descriptions,
                             style=raster.style or _style(Path(name).stem))
        outputs.append(_entry(Path(name).stem, "raster", path))
    for name, table in result.tables.items():
        outputs.append(_entry(Path(name).stem, "table", write_csv(output.with_name(name), table)))
    for name, sidecar in result.sidecars.items():
        target = Path(sidecar.path) if sidecar.path else output.with_name(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        outputs.append(_entry(Path(name).stem, sidecar.kind, sidecar.render(target) or target))
    return {"job": result.job, "outputs": outputs}


def result_paths(result: Result, output: str | Path) -> list[Path]:
    """Every file :func:`write_result` would write for ``result`` (to claim them before writing)."""
    output = Path(output)
    paths = [output] if result.layers else []
    for name, raster in result.rasters.items():
        paths += [output.with_name(name), output.with_name(name).with_suffix(".qml")]
    paths += [output.with_name(name) for name in result.tables]
    paths += [Path(sidecar.path) if sidecar.path else output.with_name(name) for name, sidecar in result.sidecars.items()]
    return paths


def _style(name: str) -> str | None:
    """The house style the output catalogue declares for ``name``, if any."""
    try:
        return declaration(name).style
    except UndeclaredOutputError:
        return None


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
    """The manifest of files a job wrote itself: one entry per GeoPackage layer or table, raster, CSV
    table, PNG chart or other file, in the order given."""
    outputs = []
    for path in map(Path, written):
        if path.suffix.lower() == ".gpkg" and path.is_file():
            for layer, kind in gpkg_contents(path):
                outputs.append(_entry(layer, kind, path, layer))
        else:
            outputs.append(_entry(path.stem, _SUFFIX_KINDS.get(path.suffix.lower(), "file"), path))
    return {"job": job, "outputs": outputs}


def gpkg_contents(path: str | Path) -> list[tuple[str, str]]:
    """``(name, "layer" | "table")`` of each layer of a GeoPackage, from its ``gpkg_contents`` table.

    Read with sqlite3, not GDAL: `rdh export` calls this after QGIS (which links its own GDAL) has
    run in the process.
    """
    import sqlite3

    with contextlib.closing(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT table_name, data_type FROM gpkg_contents ORDER BY rowid").fetchall()
    return [(name, "layer" if kind == "features" else "table") for name, kind in rows if name != "layer_styles"]
