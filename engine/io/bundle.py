"""Publication bundles for the geoportal (docs/publishing.md describes the format).

A bundle is one folder per map theme::

    <theme>/
      <theme>.gpkg            protected layers, EPSG:4326, GeoPackage 1.2, default styles embedded,
                              title/abstract in gpkg_contents, ISO 19139 in gpkg_metadata,
                              provenance (with the protection rules) on every layer
      <layer>.sld             SLD 1.1 per layer (NamedLayer named after the layer)
      <layer>.qml             the same style for QGIS users
      <layer>.iso19139.xml    ISO 19139 metadata per layer
      <raster>.tif (+ .qml, .sld, .iso19139.xml)
                              GeoTIFFs given with rasters=, protected and styled (bundle_rasters)
      disclosure_report.csv   what protection withheld, rounded or moved
      bundle.json             manifest: theme, layers (title, abstract, bbox, temporal extent,
                              files), protection rules, lineage, sha256 of every file
    (+ <theme>.qgz, thumbnail.png, <theme>_server.qgs once the QGIS side has run)

The folder is built beside the target and swapped into place in one step (engine/io/atomic.py); an
existing folder is replaced only if it is an RDH bundle.
"""
import dataclasses
import datetime as _dt
import json
import logging
import sqlite3
import uuid
from pathlib import Path

import pandas as pd
import pyogrio

from .. import __version__
from ..errors import InputNotFoundError, ParameterError, RdhError
from ..protect import ProtectionRules, audit_layers, protect_layers, report_frame
from ..provenance import file_sha256, run_provenance
from .atomic import atomic_dir, check_name, write_text
from .bundle_rasters import export_raster
from .gpkg import PROVENANCE_KEY, embed_styles, house_style, list_layers, read_layer, write_layers
from .iso19139 import iso19139_xml
from .sld import rename

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

MANIFEST = "bundle.json"
REPORT = "disclosure_report.csv"
ISO_STANDARD_URI = "http://www.isotc211.org/2005/gmd"
DEFAULT_CONTACT = {"organisation": "IOM Regional Data Hub for West and Central Africa (RDH)", "email": "",
                   "url": ""}
DEFAULT_LICENCE = "CC BY 4.0 (IOM Regional Data Hub); inputs under their own licences (see lineage)"
DATE_COLUMNS = ("date", "valid_from", "valid_to", "month", "period")

# What the geoportal shows for each layer: title (English / French), abstract, keywords, licence,
# attribution, ISO topic category. Layers not listed get a generic entry naming the layer.
LAYER_INFO = {
    "roads": dict(
        title="Main roads (Trans-African network) / Routes principales (réseau transafricain)",
        abstract="Trunk roads and proposed links of the Trans-African road network used for routing.",
        keywords=["roads", "transport", "routes"], topic="transportation", licence="GPL-3.0; ODbL-1.0 (geometry)",
        attribution="S. Krantz (2024), flownet / World Bank PRWP 10893; road geometry © OpenStreetMap contributors"),
    "admin0": dict(
        title="Countries / Pays", abstract="Country boundaries (Natural Earth 1:10m).",
        keywords=["boundaries", "countries", "frontières"], topic="boundaries", licence="Public domain",
        attribution="Made with Natural Earth"),
    "admin1": dict(
        title="First-level administrative units / Unités administratives de premier niveau",
        abstract="Admin-1 boundaries (Natural Earth 1:10m, 2018 vintage: outdated in several countries).",
        keywords=["boundaries", "admin1", "régions"], topic="boundaries", licence="Public domain",
        attribution="Made with Natural Earth"),
    "places": dict(
        title="Places / Localités", abstract="Populated places with 1,000 inhabitants or more (GeoNames).",
        keywords=["places", "gazetteer", "localités"], topic="location", licence="CC BY 4.0",
        attribution="GeoNames (geonames.org)"),
    "mmp_incidents": dict(
        title="Missing migrants incidents / Incidents de migrants disparus",
        abstract="Incidents in which migrants died or went missing (IOM Missing Migrants Project).",
        keywords=["migration", "missing migrants", "migrants disparus", "IOM"], topic="society",
        licence="CC BY 4.0", attribution="IOM Missing Migrants Project (GMDAC)"),
    "herd_routes": dict(
        title="Transhumance herd routes / Itinéraires de transhumance des troupeaux",
        abstract="Seasonal herd routes reconstructed from key-informant reports by least-cost paths over a seasonal "
                 "cost surface; vertices are grid-cell centres coarsened to 2 km, informants are not identified.",
        keywords=["transhumance", "pastoralism", "herds", "pastoralisme"], topic="farming",
        licence=DEFAULT_LICENCE, attribution="IOM Transhumance Tracking Tool; RDH Toolkit"),
    "corridor_lines": dict(
        title="Transhumance corridors / Couloirs de transhumance",
        abstract="Centre lines of the corridors several herds (or surveyed OD flows) share, with typical herd and "
                 "animal counts along them.",
        keywords=["transhumance", "corridors", "couloirs"], topic="farming", licence=DEFAULT_LICENCE,
        attribution="IOM Transhumance Tracking Tool; RDH Toolkit"),
    "border_crossings": dict(
        title="Transhumance border crossings / Passages de frontière des troupeaux",
        abstract="Where and when reconstructed herd routes cross a national border, with the nearest known crossing.",
        keywords=["transhumance", "borders", "frontières"], topic="farming", licence=DEFAULT_LICENCE,
        attribution="IOM Transhumance Tracking Tool; RDH Toolkit"),
    "alerts": dict(
        title="Transhumance alerts / Alertes de transhumance",
        abstract="Herds predicted to reach a closed border crossing or a flagged conflict area within the horizon.",
        keywords=["transhumance", "early warning", "alerte précoce"], topic="farming", licence=DEFAULT_LICENCE,
        attribution="IOM Transhumance Tracking Tool; RDH Toolkit"),
    "od_routes": dict(
        title="Livestock flows between places / Flux de bétail entre localités",
        abstract="Surveyed origin-destination livestock flows routed as least-cost paths over a seasonal cost surface.",
        keywords=["transhumance", "livestock", "bétail", "flows"], topic="farming", licence=DEFAULT_LICENCE,
        attribution="RDH Toolkit; survey as cited in the lineage"),
}


@dataclasses.dataclass
class Bundle:
    path: Path
    theme: str
    layers: list
    report: pd.DataFrame
    manifest: dict


def read_gpkg_layers(paths, *, only=None):
    """``{name: (GeoDataFrame, style_row_or_None, provenance_or_None)}`` from RDH GeoPackages."""
    found = {}
    for path in map(Path, paths):
        if not path.is_file():
            raise InputNotFoundError(f"no such file: {path}")
        styles = _default_styles(path)
        for name in list_layers(path):
            if only and name not in only:
                continue
            if name in found:
                raise ParameterError(f"layer {name!r} is in more than one input ({path})")
            meta = pyogrio.read_info(path, layer=name).get("layer_metadata") or {}
            prov = json.loads(meta[PROVENANCE_KEY]) if PROVENANCE_KEY in meta else None
            found[name] = (read_layer(path, name), styles.get(name), prov, path)
    missing = sorted(set(only or ()) - set(found))
    if missing:
        raise InputNotFoundError(f"layer(s) not found in the inputs: {', '.join(missing)}")
    return found


def _default_styles(path):
    with sqlite3.connect(path) as con:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone():
            return {}
        rows = con.execute("SELECT f_table_name, styleName, styleQML, styleSLD FROM layer_styles "
                           "WHERE useAsDefault ORDER BY id").fetchall()
    return {r[0]: {"name": r[1], "qml": r[2], "sld": r[3]} for r in rows}


def export_bundle(inputs, out_dir, *, theme, layers=None, rasters=(), rules=None, admin=None, contact=None,
                  licence=DEFAULT_LICENCE, progress=None, finish=None):
    """Protect, style and document the layers of ``inputs`` into ``out_dir/theme`` (see module doc),
    and the GeoTIFFs ``rasters`` beside them (``bundle_rasters``). ``finish(folder)``, when given,
    completes the bundle (QGIS project, thumbnail) before it replaces the previous one.

    Raises RdhError if the protected layers fail the suppression audit (never publishes raw counts).
    """
    rules = rules or ProtectionRules()
    contact = {**DEFAULT_CONTACT, **(contact or {})}
    check_name(theme, option="theme")
    step = _stepper(progress, 5)
    found = read_gpkg_layers(inputs, only=layers)
    if not found:
        raise RdhError("the inputs hold no layers to export")
    rasters = [Path(p) for p in rasters]
    for path in rasters:
        if not path.is_file():
            raise InputNotFoundError(f"no such raster: {path}")
    names = [p.stem for p in rasters]
    clashes = sorted({n for n in names if names.count(n) > 1 or n in found})
    if clashes:
        raise ParameterError(f"raster name(s) clash with another layer or raster: {', '.join(clashes)}")
    step("read")
    raw = {name: gdf.to_crs("EPSG:4326") if gdf.crs is not None else gdf for name, (gdf, *_) in found.items()}
    if admin is None and rules.location_level == "admin" and "admin1" in raw:
        admin = raw["admin1"]
    protected, findings = protect_layers(raw, rules=rules, admin=admin)
    if not rules.internal:
        problems = audit_layers(protected, rules=rules, admin=admin)
        if problems:
            raise RdhError("protection failed its own audit: " + "; ".join(f"{p.layer}.{p.column}: {p.detail}"
                                                                          for p in problems))
    step("protected")

    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    record = run_provenance(tool="rdh export", inputs=sorted({str(p) for *_, p in found.values()}
                                                             | {str(p) for p in rasters}), now=now,
                            parameters={"theme": theme, "protection": rules.as_dict(),
                                        "layers": list(protected), "rasters": names})
    target = Path(out_dir) / theme
    with atomic_dir(target) as staging:
        gpkg = staging / f"{theme}.gpkg"
        write_layers(gpkg, protected, provenance=record)
        step("geopackage")
        entries = {}
        for name, gdf in protected.items():
            _, style, prov, source = found[name]
            entries[name] = _layer_entry(name, gdf, prov, source, rules, licence, contact, now)
            files = {f"{name}.iso19139.xml": entries[name].pop("_iso")}
            style = style or house_style(name)
            if style:
                files[f"{name}.qml"] = style["qml"]
                if style.get("sld"):
                    files[f"{name}.sld"] = rename(style["sld"], name)
            for filename, text in files.items():
                (staging / filename).write_text(text, encoding="utf-8")
            entries[name]["files"] = sorted(files)
        _document_geopackage(gpkg, entries, staging)
        raster_entries = {}
        for path in rasters:
            raster_entries[path.stem], raster_findings = export_raster(
                path, staging, rules=rules, licence=licence, contact=contact, now=now)
            findings += raster_findings
        step("styles and metadata")
        report = report_frame(findings)
        report.to_csv(staging / REPORT, index=False)
        manifest = {
            "format": "rdh-publication-bundle", "format_version": 1, "theme": theme,
            "created": now.isoformat(), "engine_version": __version__,
            "geopackage": gpkg.name, "crs": "EPSG:4326", "protection": rules.as_dict(),
            "classification": "internal" if rules.internal else "public",
            "contact": contact, "layers": entries, "rasters": raster_entries, "disclosure_report": REPORT,
            "provenance": record,
        }
        write_manifest(staging, manifest)
        if finish is not None:
            finish(staging)
    step("done")
    log.info("wrote bundle %s (%d layers)", target, len(protected))
    return Bundle(target, theme, list(protected), report, manifest)


def write_manifest(bundle_dir, manifest):
    """(Re)write bundle.json with the sha256 of every file currently in the bundle."""
    bundle_dir = Path(bundle_dir)
    manifest["files"] = {p.relative_to(bundle_dir).as_posix(): file_sha256(p) for p in sorted(bundle_dir.rglob("*"))
                         if p.is_file() and p.name != MANIFEST}
    write_text(bundle_dir / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n",
               record=False)


def read_manifest(bundle_dir):
    path = Path(bundle_dir) / MANIFEST
    if not path.is_file():
        raise InputNotFoundError(f"{bundle_dir} is not an RDH publication bundle (no {MANIFEST})")
    return json.loads(path.read_text(encoding="utf-8"))


def _layer_entry(name, gdf, prov, source, rules, licence, contact, now):
    info = LAYER_INFO.get(name, {})
    title = info.get("title", name.replace("_", " ").capitalize())
    abstract = info.get("abstract", f"Layer {name} produced by the RDH Toolkit.")
    if not rules.internal and "suppressed" in gdf:
        abstract += (f" Counts below {rules.threshold} are " +
                     ("withheld (NULL, flagged in `suppressed`)." if rules.method == "suppress"
                      else f"rounded to multiples of {rules.threshold} (changed rows flagged in `suppressed`)."))
    bbox = [float(v) for v in gdf.total_bounds] if len(gdf) and gdf.geometry.notna().any() else [-180, -90, 180, 90]
    temporal = _temporal_extent(gdf)
    lineage = _lineage(name, prov, source, rules)
    entry = {
        "title": title, "abstract": abstract, "keywords": info.get("keywords", [name]) + ["RDH", "West and Central Africa"],
        "licence": info.get("licence", licence), "attribution": info.get("attribution", "IOM Regional Data Hub"),
        "features": int(len(gdf)), "geometry_type": _geometry_type(gdf), "bbox": bbox,
        "temporal_extent": temporal, "lineage": lineage,
        "suppressed_rows": int(gdf["suppressed"].sum()) if "suppressed" in gdf else 0,
    }
    entry["_iso"] = iso19139_xml(
        identifier=str(uuid.uuid5(uuid.NAMESPACE_URL, f"rdh:{name}:{now.isoformat()}")), title=title,
        abstract=abstract, keywords=entry["keywords"], licence=entry["licence"], attribution=entry["attribution"],
        contact=contact, created=now.isoformat(), bbox=bbox, temporal=temporal, lineage=lineage,
        topic=info.get("topic", "society"), layer_name=name)
    return entry


def _geometry_type(gdf):
    types = gdf.geometry.dropna().geom_type.unique().tolist()
    return types[0] if len(types) == 1 else ",".join(sorted(types)) or None


def _temporal_extent(gdf):
    for col in DATE_COLUMNS:
        if col in gdf:
            dates = pd.to_datetime(gdf[col], errors="coerce").dropna()
            if len(dates):
                return [dates.min().date().isoformat(), dates.max().date().isoformat()]
    return None


def _lineage(name, prov, source, rules):
    parts = []
    if prov:
        inputs = ", ".join(f"{Path(i['path']).name} (sha256 {i['sha256'][:12]})" for i in prov.get("inputs", []))
        parts.append(f"Produced by `{prov.get('tool')}` (rdh_engine {prov.get('engine_version')}) on "
                     f"{prov.get('created')} from {inputs or 'no file inputs'}.")
    else:
        parts.append(f"Copied from {Path(source).name} (no RDH provenance recorded).")
    if rules.internal:
        parts.append("INTERNAL: published without data protection, on explicit request.")
    else:
        places = (f"{rules.grid_deg} degree grid cells" if rules.location_level == "grid" else "admin units")
        how = "withheld" if rules.method == "suppress" else "rounded"
        parts.append(f"Protected before publication by rdh export: counts in (0, {rules.threshold}) {how}, "
                     f"key-informant positions coarsened to {places}.")
    return " ".join(parts)


def _document_geopackage(gpkg, entries, staging):
    """Titles/abstracts in gpkg_contents, ISO 19139 in gpkg_metadata, default styles in layer_styles."""
    qml_paths = {name: staging / f"{name}.qml" for name in entries if (staging / f"{name}.qml").exists()}
    # embed_styles reads <layer>.sld beside each QML: the renamed per-layer SLDs are exactly that.
    embed_styles(gpkg, qml_paths)
    with sqlite3.connect(gpkg) as con:
        _ensure_metadata_tables(con)
        for name, entry in entries.items():
            con.execute("UPDATE gpkg_contents SET identifier = ?, description = ? WHERE table_name = ?",
                        (entry["title"], entry["abstract"], name))
            iso = (staging / f"{name}.iso19139.xml").read_text(encoding="utf-8")
            cur = con.execute("INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                              "VALUES ('dataset', ?, 'text/xml', ?)", (ISO_STANDARD_URI, iso))
            con.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) "
                        "VALUES ('table', ?, ?)", (name, cur.lastrowid))


def _ensure_metadata_tables(con):
    # Same DDL as the GeoPackage 1.2 metadata extension (GDAL creates them when it writes metadata).
    con.execute("CREATE TABLE IF NOT EXISTS gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, "
                "md_scope TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL, "
                "mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '')")
    con.execute("CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (reference_scope TEXT NOT NULL, "
                "table_name TEXT, column_name TEXT, row_id_value INTEGER, "
                "timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), "
                "md_file_id INTEGER NOT NULL, md_parent_id INTEGER, "
                "CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), "
                "CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id))")
    con.execute("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, "
                "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, "
                "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))")
    for table in ("gpkg_metadata", "gpkg_metadata_reference"):
        con.execute("INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_metadata', "
                    "'http://www.geopackage.org/spec120/#extension_metadata', 'read-write')", (table,))


def _stepper(progress, total):
    state = {"done": 0}

    def step(label):
        state["done"] += 1
        if progress:
            progress(min(state["done"], total), total, label)

    return step


__all__ = ["Bundle", "LAYER_INFO", "MANIFEST", "export_bundle", "read_gpkg_layers", "read_manifest",
           "write_manifest"]
