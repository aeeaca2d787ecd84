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
      disclosure_report.csv   what protection withheld, perturbed or moved (one row per action)
      disclosure_report.json  the audit of the bundle as written: violations, smallest published count,
                              re-identification risk, distance to reports, differencing check
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
import rasterio

from .. import __version__
from ..errors import InputNotFoundError, ParameterError, RdhError
from ..catalogue import UPSTREAM, declaration
from ..publish.audit import audit_bundle, audit_layers
from ..publish.policy import ProtectionRules, load_key
from ..publish.protect import protect_layers, raster_declaration, report_frame
from ..publish.register import check_and_record
from ..provenance import file_sha256, run_provenance
from .atomic import atomic_dir, check_name, write_text
from .bundle_rasters import export_raster, informant_grid_beside, informants_beside
from .gpkg import PROVENANCE_KEY, embed_styles, house_style, list_layers, read_layer, write_layers
from .iso19139 import iso19139_xml
from .tables import points_from_lonlat
from .sld import rename

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

MANIFEST = "bundle.json"
REPORT = "disclosure_report.csv"
AUDIT = "disclosure_report.json"
ISO_STANDARD_URI = "http://www.isotc211.org/2005/gmd"
DEFAULT_CONTACT = {"organisation": "IOM Regional Data Hub for West and Central Africa (RDH)", "email": "",
                   "url": ""}
DEFAULT_LICENCE = "CC BY 4.0 (IOM Regional Data Hub); inputs under their own licences (see lineage)"
DATE_COLUMNS = ("date", "valid_from", "valid_to", "month", "period", "start_date", "expected_date")

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
                  licence=DEFAULT_LICENCE, progress=None, key=None, reports=None, finish=None):
    """Protect, style and document the layers of ``inputs`` into ``out_dir/theme`` (see module doc),
    and the GeoTIFFs ``rasters`` beside them (``bundle_rasters``). ``finish(folder)``, when given,
    completes the bundle (QGIS project, thumbnail) before it replaces the previous one.

    Every layer, column and raster band must be declared in the output catalogue
    (UndeclaredOutputError otherwise). ``key`` (bytes) is the secret perturbation key (default:
    the installation's, :func:`~rdh_engine.publish.policy.load_key`); ``reports`` (key-informant
    points) lets the audit measure how far informant-derived geometry stays from them (found
    through the inputs' provenance when not given). The bundle is audited as written and
    refused (RdhError, nothing published) when it breaks the policy; a public release is recorded
    in the release register beside the bundles, which refuses one that differencing would undo.
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
    for path in rasters:
        with rasterio.open(path) as src:
            raster_declaration(path.stem, src.count)
    step("read")
    raw = {name: gdf.to_crs("EPSG:4326") if gdf.crs is not None else gdf for name, (gdf, *_) in found.items()}
    if admin is None and "admin1" in raw:
        admin = raw["admin1"]
    key = key if key is not None else (None if rules.internal else load_key())
    if reports is None and not rules.internal:
        reports = _reports_from_provenance(found)
    cell_m = _analysis_cell_m(found)
    days = _counting_days(found)
    cells = {}
    line_informants = _line_informants(found)
    protected, findings = protect_layers(raw, rules=rules, key=key, admin=admin, reports=reports, cell_m=cell_m,
                                         cells=cells, informants=line_informants, counting_days=days)
    if not rules.internal:
        problems = audit_layers(protected, rules=rules, reports=reports, cell_m=cell_m, informants=line_informants,
                                counting_days=days)
        if problems:
            raise RdhError("protection failed its own audit: " + "; ".join(f"{p.layer}.{p.column}: {p.detail}"
                                                                          for p in problems))
    if not protected:
        raise RdhError("nothing left to publish: every layer is record level (see the disclosure report rules)")
    step("protected")

    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    sources = sorted({str(p) for *_, p in found.values()} | {str(p) for p in rasters})
    record = _export_provenance(sources, rules, theme, list(protected), names, now)
    out_dir = Path(out_dir)
    target = out_dir / theme
    with atomic_dir(target) as staging:
        gpkg = staging / f"{theme}.gpkg"
        write_layers(gpkg, protected, provenance=record)
        _declare_geometry_types(gpkg, protected)
        step("geopackage")
        entries = {}
        for name, gdf in protected.items():
            _, style, prov, source = found.get(name, found.get("alerts", (None, None, None, None)))
            entries[name] = _layer_entry(name, gdf, prov, source, rules, licence, contact, now)
            if name in days:  # the span behind persons/day: counts = flow x counting_days
                entries[name]["counting_days"] = days[name]
            files = {f"{name}.iso19139.xml": entries[name].pop("_iso")}
            style = style if name in found and style else house_style(declaration(name).style or name)
            if style:
                files[f"{name}.qml"] = style["qml"]
                if style.get("sld"):
                    files[f"{name}.sld"] = rename(style["sld"], name)
            for filename, text in files.items():
                (staging / filename).write_text(text, encoding="utf-8")
            entries[name]["files"] = sorted(files)
        _document_geopackage(gpkg, entries, staging)
        raster_entries = {}
        informants = {path.stem: informants_beside(path) for path in rasters}
        for path in rasters:
            entry, raster_findings = export_raster(path, staging, rules=rules, licence=licence, contact=contact,
                                                   now=now, key=key, cells=cells.setdefault(path.stem, {}),
                                                   reports=reports, informants=informants[path.stem])
            findings += raster_findings
            if entry is not None:
                raster_entries[path.stem] = entry
        step("styles and metadata")
        report = report_frame(findings)
        report.to_csv(staging / REPORT, index=False)
        manifest = {
            "format": "rdh-publication-bundle", "format_version": 2, "theme": theme,
            "created": now.isoformat(), "engine_version": __version__,
            "geopackage": gpkg.name, "crs": "EPSG:4326", "protection": rules.as_dict(),
            "classification": "internal" if rules.internal else "public",
            "contact": contact, "layers": entries, "rasters": raster_entries, "disclosure_report": REPORT,
            "disclosure_audit": AUDIT, "provenance": record,
        }
        write_manifest(staging, manifest)
        if not rules.internal:
            _audit_as_written(staging, rules, reports, cell_m, informants)
            write_manifest(staging, manifest)
        if finish is not None:  # the QGIS side (.qgz, thumbnail), before the bundle is swapped in
            finish(staging)
        if not rules.internal:
            check_and_record(out_dir, theme=theme, key=key, rules=rules, cells=cells, breakdowns=_breakdowns(found),
                             now=now)
    step("done")
    log.info("wrote bundle %s (%d layers)", target, len(protected))
    return Bundle(target, theme, list(protected), report, manifest)


def _audit_as_written(staging, rules, reports, cell_m, informants):
    """Audit the staged bundle as written, write disclosure_report.json, refuse when it fails."""
    problems, measures = audit_bundle(staging, rules=rules, reports=reports, cell_m=cell_m,
                                      informants={n: v for n, v in informants.items() if v is not None})
    write_audit(staging, problems, measures, rules)
    if problems:
        raise RdhError("the bundle breaks the disclosure policy: " + "; ".join(
            f"{p.layer}{'.' + p.column if p.column else ''}: {p.detail}" for p in problems[:5]))


def write_audit(bundle_dir, problems, measures, rules):
    """disclosure_report.json: the policy, the violations (none in a published bundle) and the measures."""
    record = {"policy": rules.as_dict(), "passes": not problems,
              "violations": [dataclasses.asdict(p) for p in problems], **measures}
    (Path(bundle_dir) / AUDIT).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _declare_geometry_types(gpkg, layers):
    """A layer left empty by protection is written with the generic type GEOMETRY, which QGIS does
    not match with its line or point house style: give it its declared type."""
    with sqlite3.connect(gpkg) as con:
        for name, gdf in layers.items():
            declared = declaration(name).geometry
            if declared and len(gdf) == 0:
                con.execute("UPDATE gpkg_geometry_columns SET geometry_type_name = ? WHERE table_name = ? "
                            "AND geometry_type_name = 'GEOMETRY'", (declared.upper(), name))


def _export_provenance(sources, rules, theme, layers, rasters, now):
    """Provenance of a bundle: a public one names its inputs by file name only (no paths, no hashes
    of the unprotected inputs: the hash of each published file is in bundle.json)."""
    parameters = {"theme": theme, "protection": rules.as_dict(), "layers": layers, "rasters": rasters}
    if rules.internal:
        return run_provenance(tool="rdh export", inputs=sources, now=now, parameters=parameters)
    record = run_provenance(tool="rdh export", now=now, parameters=parameters)
    record["inputs"] = [{"name": Path(p).name} for p in sources]
    return record


def _reports_from_provenance(found):
    """The key-informant reports behind informant-derived layers, when their provenance names a
    readable CSV with informant positions (``informant_id``, ``lon``, ``lat``)."""
    for name, (_, _, prov, _) in found.items():
        try:
            from_reports = declaration(name).from_reports
        except RdhError:
            continue
        if not (from_reports and prov):
            continue
        for item in prov.get("inputs", []):
            path = Path(item.get("path", ""))
            if path.suffix.lower() == ".csv" and path.is_file():
                header = pd.read_csv(path, nrows=0).columns
                if {"informant_id", "lon", "lat"} <= set(header):
                    return points_from_lonlat(pd.read_csv(path, usecols=["informant_id", "lon", "lat"]))
    return None


def _line_informants(found):
    """``{layer: InformantGrid}``: the exact informants behind the lines of the transhumance layers
    that declare them, from the internal raster beside their GeoPackage (undeclared layers are
    refused later, by protection)."""
    grids = {}
    for name, (*_, source) in found.items():
        try:
            grid = informant_grid_beside(source, declaration(name))
        except RdhError:
            continue
        if grid is not None:
            grids[name] = grid
    return grids


def _parameters(found):
    """``{layer: the parameters of the run that wrote it}``, from each layer's provenance."""
    return {name: (prov or {}).get("parameters", {}) for name, (_, _, prov, _) in found.items()}


def _counting_days(found):
    """``{layer: days}`` counted behind the persons/day of each layer."""
    return {name: float(p["counting_days"]) for name, p in _parameters(found).items() if p.get("counting_days")}


def _breakdowns(found):
    """``{layer: {"filter": ..., "domains": ..., "window": ...}}``: the records each layer counts
    (``rdh corridors --filter``), every value the filtered columns hold and the dates of the
    records filtered."""
    return {name: {"filter": p.get("filters") or {}, "domains": p.get("filter_domains") or {},
                   "window": p.get("counts_window") or []} for name, p in _parameters(found).items()}


def _analysis_cell_m(found):
    """The analysis grid (metres) of informant-derived layers."""
    return next((float(p["resolution_m"]) for p in _parameters(found).values() if p.get("resolution_m")), None)


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
    decl = declaration(name)
    abstract = decl.abstract_en or f"Layer {name} produced by the RDH Toolkit."
    if decl.abstract_fr:
        abstract += f"\n\n{decl.abstract_fr}"
    if not rules.internal and decl.publication != UPSTREAM and "suppressed" in gdf:
        abstract += (f"\n\nCounts are randomly rounded to multiples of {rules.threshold} with a secret key"
                     + (f"; counts below {rules.threshold} are withheld (NULL, flagged in `suppressed`)."
                        if rules.method == "suppress" else "."))
    bbox = [float(v) for v in gdf.total_bounds] if len(gdf) and gdf.geometry.notna().any() else [-180, -90, 180, 90]
    temporal = _temporal_extent(gdf)
    lineage = _lineage(name, prov, source, rules, decl)
    entry = {
        "title": decl.title, "abstract": abstract,
        "keywords": [*(decl.keywords or (name,)), "RDH", "West and Central Africa"],
        "licence": decl.licence or licence, "attribution": decl.attribution,
        "features": int(len(gdf)), "geometry_type": _geometry_type(gdf), "bbox": bbox,
        "temporal_extent": temporal, "lineage": lineage, "publication": decl.publication,
        "suppressed_rows": int(gdf["suppressed"].sum()) if "suppressed" in gdf else 0,
    }
    entry["_iso"] = iso19139_xml(
        identifier=str(uuid.uuid5(uuid.NAMESPACE_URL, f"rdh:{name}:{now.isoformat()}")), title=decl.title,
        abstract=abstract, keywords=entry["keywords"], licence=entry["licence"], attribution=entry["attribution"],
        contact=contact, created=now.isoformat(), bbox=bbox, temporal=temporal, lineage=lineage,
        topic=decl.topic, layer_name=name)
    return entry


def _geometry_type(gdf):
    types = gdf.geometry.dropna().geom_type.unique().tolist()
    return types[0] if len(types) == 1 else ",".join(sorted(types)) or None


def _temporal_extent(gdf):
    for col in DATE_COLUMNS:
        if col in gdf:
            dates = pd.to_datetime(gdf[col], errors="coerce", format="mixed").dropna()
            if len(dates):
                return [dates.min().date().isoformat(), dates.max().date().isoformat()]
    return None


def _lineage(name, prov, source, rules, decl):
    parts = []
    if prov:
        inputs = ", ".join(Path(i.get("path") or i.get("name", "")).name for i in prov.get("inputs", []))
        parts.append(f"Produced by `{prov.get('tool')}` (rdh_engine {prov.get('engine_version')}) on "
                     f"{prov.get('created')} from {inputs or 'no file inputs'}.")
    else:
        parts.append(f"Copied from {Path(source).name if source else 'the toolkit'} (no RDH provenance recorded).")
    if rules.internal:
        parts.append("INTERNAL: published without data protection, on explicit request.")
    elif decl.publication == UPSTREAM:
        parts.append(f"Already public upstream: published as {decl.attribution} publishes it.")
    else:
        withheld = f"counts in (0, {rules.threshold}) withheld, " if rules.method == "suppress" else ""
        parts.append(f"Protected before publication by rdh export: {withheld}every count randomly rounded to a "
                     f"multiple of {rules.threshold} with a secret key (cell-key method), derived values recomputed, "
                     f"transhumance features with fewer than {rules.min_herds} herds, or whose herds were reported "
                     f"by fewer than {rules.min_informants} informants, withheld.")
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


__all__ = ["AUDIT", "Bundle", "MANIFEST", "export_bundle", "read_gpkg_layers", "read_manifest", "write_audit",
           "write_manifest"]
