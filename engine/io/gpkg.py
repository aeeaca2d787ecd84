"""GeoPackage output: atomic, GeoPackage 1.2 (QGIS 3.22), default style and provenance per layer."""
import datetime as _dt
import json
import logging
import sqlite3
from importlib import resources
from pathlib import Path

import pyogrio

from ..errors import InputNotFoundError, RdhError
from .atomic import atomic_file
from .tables import read_vector

log = logging.getLogger(__name__)

PROVENANCE_KEY = "RDH_PROVENANCE"

# The table QGIS reads default styles from (same DDL as QGIS's QgsOgrProviderUtils).
_LAYER_STYLES_DDL = """
CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
  styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
  update_time DATETIME DEFAULT CURRENT_TIMESTAMP)
"""


def style_path(style, suffix=".qml"):
    """Path of a house style shipped in ``rdh_engine/styles``."""
    path = resources.files("rdh_engine") / "styles" / f"{style}{suffix}"
    if not path.is_file():
        raise InputNotFoundError(f"no house style named {style!r} ({path})")
    return Path(str(path))


def house_style(name):
    """The house style ``name`` as ``{"name", "qml", "sld"}`` (SLD "" when none), or None if there is none."""
    try:
        qml = style_path(name)
    except InputNotFoundError:
        return None
    sld = qml.with_suffix(".sld")
    return {"name": name, "qml": qml.read_text(encoding="utf-8"),
            "sld": sld.read_text(encoding="utf-8") if sld.exists() else ""}


def write_layers(path, layers, *, provenance=None, styles=None):
    """Write ``{layer_name: GeoDataFrame}`` to one GeoPackage, atomically.

    ``styles`` maps a layer name to a house style name (``styles/<name>.qml``), embedded as the
    layer's default style; ``provenance`` (a dict) is stored as layer metadata on every layer.
    The file appears at ``path`` only once complete: an existing file is replaced in one step, and
    only if the toolkit wrote it (engine/io/atomic.py).
    """
    path = Path(path)
    if not layers:
        raise RdhError(f"{path}: nothing to write")
    with atomic_file(path) as tmp:
        meta = {PROVENANCE_KEY: json.dumps(provenance, sort_keys=True, default=str)} if provenance else None
        for i, (name, gdf) in enumerate(layers.items()):
            pyogrio.write_dataframe(
                gdf, tmp, layer=name, driver="GPKG", layer_metadata=meta,
                dataset_options={"VERSION": "1.2"} if i == 0 else None,
            )
        if styles:
            embed_styles(tmp, {name: style_path(s) for name, s in styles.items() if name in layers})
    log.info("wrote %s (%d layers)", path, len(layers))
    return path


def embed_styles(gpkg, qml_by_layer):
    """Store each QML as the layer's default style in the GeoPackage's ``layer_styles`` table."""
    now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with sqlite3.connect(gpkg) as con:
        con.execute(_LAYER_STYLES_DDL)
        for layer, qml in qml_by_layer.items():
            geom_col = con.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()
            sld = qml.with_suffix(".sld")
            con.execute("DELETE FROM layer_styles WHERE f_table_name = ?", (layer,))
            con.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column,"
                " styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time)"
                " VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, '', '', ?)",
                (layer, geom_col[0] if geom_col else "", qml.stem, qml.read_text(encoding="utf-8"),
                 sld.read_text(encoding="utf-8") if sld.exists() else "",
                 f"RDH house style {qml.stem}", now),
            )
        _register_layer_styles(con)


def _register_layer_styles(con):
    # GPKG readers warn about tables missing from gpkg_contents; register it as attributes.
    con.execute(
        "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
        "VALUES ('layer_styles', 'attributes', 'layer_styles')")


def read_layer(path, layer):
    return read_vector(path, layer=layer)


def read_provenance(path, layer=None):
    """The provenance record stored on ``layer`` (default: the first layer) of an RDH GeoPackage."""
    layer = layer or pyogrio.list_layers(path)[0][0]
    meta = pyogrio.read_info(path, layer=layer).get("layer_metadata") or {}
    if PROVENANCE_KEY not in meta:
        raise RdhError(f"{path}: layer {layer!r} carries no RDH provenance")
    return json.loads(meta[PROVENANCE_KEY])


def list_layers(path):
    return [name for name, _ in pyogrio.list_layers(path) if name != "layer_styles"]


__all__ = ["embed_styles", "house_style", "list_layers", "read_layer", "read_provenance", "style_path", "write_layers"]
