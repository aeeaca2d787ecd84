"""Canonical table schemas (../docs/contract.md) as pandera schemas, column aliases and validation.

Each kind is a list of fields (canonical name, value type, required or not). From it come:
the header aliases accepted on read (French/English and export variants, matched accent- and
case-insensitively), the typing step that parses numbers, dates and codes the way spreadsheets
write them, and the pandera schema. Required columns must be present and typed; optional columns
are checked when present; extra columns are kept.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
"""
import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ..errors import SchemaError
from .countries import fold, to_iso3

STATUS = ["open", "partially_open", "fully_closed"]
POE_TYPES = ["land", "airport", "sea", "river"]
FLOW_TYPES = ["incoming", "outgoing", "internal"]
LINE_TYPES = ["LineString", "MultiLineString"]
POLYGON_TYPES = ["Polygon", "MultiPolygon"]
# Excel stores a date as days since 1899-12-30; 20000..80000 is 1954..2119, where the hub's dates live.
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
EXCEL_SERIAL_RANGE = (20000, 80000)


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # id, text, iso3, lon, lat, count, rate, number, date, month, bool, enum, geometry
    required: bool = True
    unique: bool = False
    values: tuple = ()
    nullable: bool = False  # a required column whose cells may be blank (unknown)


def _f(name, type_, required=True, **kw):
    return Field(name, type_, required, **kw)


FIELDS = {
    "fmp": [_f("fmp_id", "id", unique=True), _f("name", "text"), _f("country_iso3", "iso3"),
            _f("lon", "lon"), _f("lat", "lat"), _f("admin1", "text", False), _f("fmp_type", "text", False),
            _f("active_from", "date", False), _f("active_to", "date", False)],
    "fmp_counts": [_f("fmp_id", "id"), _f("date", "date"), _f("origin", "text"), _f("destination", "text"),
                   _f("count", "count"), _f("next_stop", "text", False), _f("nationality_iso3", "iso3", False),
                   _f("sex", "text", False), _f("age_group", "text", False), _f("transport_mode", "text", False),
                   _f("flow_type", "enum", False, values=tuple(FLOW_TYPES)), _f("vulnerability", "text", False)],
    "poe": [_f("poe_id", "id", unique=True), _f("name", "text"), _f("poe_type", "enum", values=tuple(POE_TYPES)),
            _f("country_iso3", "iso3"), _f("lon", "lon"), _f("lat", "lat"), _f("neighbour_iso3", "iso3", False),
            _f("admin1", "text", False)],
    "poe_status": [_f("poe_id", "id"), _f("status", "enum", values=tuple(STATUS)), _f("valid_from", "date"),
                   _f("valid_to", "date", False), _f("restrictions", "text", False)],
    "ki_reports": [_f("report_id", "id", unique=True), _f("date", "date"), _f("informant_id", "id"),
                   _f("lon", "lon"), _f("lat", "lat"), _f("herd_size", "count"), _f("herd_id", "text", False),
                   _f("species", "text", False), _f("direction", "text", False), _f("next_stop", "text", False),
                   _f("reason", "text", False), _f("alert", "text", False)],
    "mmp": [_f("incident_id", "id"), _f("date", "date"), _f("dead", "count", nullable=True),
            _f("missing", "count", nullable=True),
            _f("lon", "lon"), _f("lat", "lat"), _f("route", "text", False), _f("country_iso3", "iso3", False),
            _f("cause", "text", False), _f("survivors", "count", False), _f("source_quality", "number", False)],
    "idp": [_f("admin_pcode", "id"), _f("date", "date"), _f("idp_count", "count"), _f("admin_name", "text", False),
            _f("country_iso3", "iso3", False)],
    "movements": [_f("origin_iso3", "iso3"), _f("destination_iso3", "iso3"), _f("month", "month"),
                  _f("count", "count"), _f("movement_type", "text", False)],
    "roads": [_f("geometry", "geometry", values=tuple(LINE_TYPES)), _f("road_class", "text", False),
              _f("surface", "text", False), _f("border_crossing", "bool", False), _f("poe_id", "text", False),
              _f("penalty_h", "number", False)],
    "places": [_f("name", "text"), _f("lon", "lon"), _f("lat", "lat"), _f("country_iso3", "iso3", False),
               _f("population", "count", False), _f("alt_names", "text", False)],
    "od": [_f("origin", "text"), _f("destination", "text"), _f("flow", "rate"), _f("period", "text", False),
           _f("group", "text", False)],
    "admin": [_f("geometry", "geometry", values=tuple(POLYGON_TYPES)), _f("country_iso3", "iso3", False),
              _f("admin_pcode", "text", False), _f("name", "text", False)],
}
VECTOR_KINDS = {"roads", "admin"}
POINT_KINDS = {kind for kind, fields in FIELDS.items() if any(f.name == "lon" for f in fields)}

# Header aliases, most specific first: when several columns match one canonical name, the first
# alias listed wins (so the MMP export's `iso3` beats its `country` for country_iso3).
ALIASES = {
    "fmp_id": ["id_fmp", "fmp_code", "code_fmp", "fmp_pcode", "fmp", "point_id", "id_point", "code_point",
               "flow_monitoring_point", "point_de_suivi", "id", "identifiant", "code"],
    "name": ["nom", "fmp_name", "poe_name", "name_en", "name_fr", "nom_du_point", "label", "libelle", "asciiname",
             "place_name", "nom_lieu", "localite", "lieu"],
    "country_iso3": ["iso3", "country_code", "code_pays", "iso_3", "pays_iso3", "adm0_iso3", "adm0_pcode", "iso",
                     "country", "pays"],
    "admin1": ["admin_1", "adm1", "adm1_name", "admin1_name", "region", "province"],
    "fmp_type": ["type_fmp", "type_de_point", "point_type", "type"],
    "active_from": ["actif_depuis", "active_since", "date_ouverture", "start_date", "date_debut", "debut", "from"],
    "active_to": ["actif_jusqu_a", "active_until", "date_fermeture", "end_date", "date_fin", "fin", "to"],
    "lon": ["longitude", "long", "lng", "lon_dd", "longitude_dd", "gps_longitude", "_gps_longitude", "coord_x", "x"],
    "lat": ["latitude", "lat_dd", "latitude_dd", "gps_latitude", "_gps_latitude", "coord_y", "y"],
    "date": ["date_observation", "date_obs", "observation_date", "date_collecte", "collection_date", "survey_date",
             "date_enquete", "report_date", "date_rapport", "incident_date", "date_incident", "date_of_incident",
             "reported_date", "jour", "day"],
    "origin": ["origine", "provenance", "lieu_de_provenance", "ville_de_provenance", "origin_name", "origin_place",
               "lieu_de_depart", "depart", "departure", "from_place"],
    "destination": ["final_destination", "destination_finale", "lieu_de_destination", "destination_final", "dest",
                    "to_place", "arrivee"],
    "next_stop": ["next_destination", "prochaine_destination", "destination_suivante", "prochaine_etape",
                  "prochain_arret"],
    "count": ["effectif", "nombre", "nombre_de_personnes", "nb_personnes", "individuals", "individus", "persons",
              "personnes", "total", "number", "nb", "n", "value", "valeur"],
    "nationality_iso3": ["nationality", "nationalite", "nationality_code", "nat_iso3"],
    "sex": ["sexe", "gender", "genre"],
    "age_group": ["tranche_d_age", "groupe_d_age", "age_category", "categorie_d_age", "age"],
    "transport_mode": ["mode_de_transport", "mode_transport", "moyen_de_transport", "means_of_transport",
                       "transport"],
    "flow_type": ["type_de_flux", "type_flux", "flow_direction", "direction_flux", "sens_flux"],
    "vulnerability": ["vulnerabilities", "vulnerabilite", "vulnerabilites"],
    "poe_id": ["id_poe", "poe_code", "code_poe", "id_pde", "pde_id", "code_pde", "poe", "id", "identifiant", "code"],
    "poe_type": ["type_poe", "type_pde", "type_de_point_d_entree", "crossing_type", "type"],
    "neighbour_iso3": ["neighbor_iso3", "iso3_voisin", "pays_voisin", "neighbour", "neighbor", "country_to",
                       "other_country"],
    "status": ["statut", "poe_status", "status_poe", "statut_pde", "etat", "state"],
    "valid_from": ["effective_from", "date_effet", "start_date", "date_debut", "debut", "start", "from", "depuis",
                   "du"],
    "valid_to": ["end_date", "date_fin", "fin", "end", "to", "until", "jusqu_au", "au"],
    "restrictions": ["restriction", "mesures", "measures", "conditions"],
    "report_id": ["id_rapport", "rapport_id", "submission_id", "_uuid", "uuid", "instance_id", "report", "id", "identifiant"],
    "informant_id": ["id_informateur", "ki_id", "informant", "informateur", "key_informant", "informateur_cle"],
    "herd_size": ["taille_troupeau", "taille_du_troupeau", "effectif_troupeau", "nb_animaux", "nombre_animaux",
                  "nombre_de_tetes", "heads", "animals", "cheptel"],
    "herd_id": ["id_troupeau", "troupeau_id", "troupeau"],
    "species": ["espece", "especes", "animal_species", "espece_animale", "type_animal"],
    "direction": ["sens_deplacement", "direction_mouvement", "sens", "heading"],
    "reason": ["raison", "motif", "motif_deplacement"],
    "alert": ["alerte", "alerts", "alertes"],
    "incident_id": ["id_incident", "mmp_id", "web_id", "main_id", "incident", "id", "identifiant"],
    "dead": ["number_dead", "total_dead", "dead_count", "deaths", "morts", "deces", "nombre_de_morts",
             "number_of_dead"],
    "missing": ["number_missing", "minimum_estimated_number_of_missing", "missing_count", "disparus",
                "nombre_de_disparus", "number_of_missing"],
    "route": ["migration_route", "route_migratoire", "itineraire"],
    "cause": ["cause_of_death", "cause_de_deces", "cause_du_deces", "cause_deces"],
    "survivors": ["number_of_survivors", "survivants", "nombre_de_survivants"],
    "source_quality": ["source_quality_score", "qualite_source", "qualite_de_la_source"],
    "admin_pcode": ["pcode", "p_code", "adm_pcode", "admin2_pcode", "adm2_pcode", "admin1_pcode", "adm1_pcode",
                    "code_admin"],
    "admin_name": ["adm_name", "admin2_name", "admin1_name", "nom_admin", "admin", "commune", "departement"],
    "idp_count": ["idps", "idp_individuals", "nb_pdi", "nombre_pdi", "nombre_de_pdi", "individus_pdi", "pdi",
                  "personnes_deplacees", "displaced", "idp"],
    "origin_iso3": ["origin_country", "country_of_origin", "pays_origine", "pays_d_origine", "from_iso3"],
    "destination_iso3": ["destination_country", "country_of_destination", "pays_destination",
                         "pays_de_destination", "to_iso3"],
    "month": ["mois", "year_month", "annee_mois", "period_month", "periode"],
    "movement_type": ["type_mouvement", "type_de_mouvement", "assistance_type", "type"],
    "road_class": ["class", "classe", "fclass", "highway", "road_type", "type_route", "categorie"],
    "surface": ["revetement", "surface_type", "type_surface"],
    "border_crossing": ["cross_border", "passage_frontalier", "is_border", "frontiere"],
    "penalty_h": ["border_penalty_h", "penalite_h", "border_delay_h", "delay_h"],
    "population": ["pop", "pop_total", "habitants"],
    "alt_names": ["alternatenames", "alternate_names", "aliases", "alias", "autres_noms", "noms_alternatifs"],
    "flow": ["flow_persons_day", "persons_day", "personnes_jour", "flux", "volume"],
    "period": ["periode"],
    "group": ["groupe", "population_group"],
}

# Category spellings seen in field exports -> stable English codes (keys are folded, '_' for spaces).
VALUE_ALIASES = {
    "status": {"ouvert": "open", "open": "open", "opened": "open", "partially_open": "partially_open",
               "partial": "partially_open", "partiellement_ouvert": "partially_open", "partiel": "partially_open",
               "partiellement_ferme": "partially_open", "fully_closed": "fully_closed", "closed": "fully_closed",
               "ferme": "fully_closed", "completement_ferme": "fully_closed", "totalement_ferme": "fully_closed"},
    "poe_type": {"land": "land", "terrestre": "land", "road": "land", "routier": "land", "frontiere_terrestre": "land",
                 "airport": "airport", "aeroport": "airport", "air": "airport", "aerien": "airport",
                 "sea": "sea", "maritime": "sea", "port": "sea", "seaport": "sea", "port_maritime": "sea",
                 "river": "river", "fluvial": "river", "riviere": "river", "fleuve": "river"},
    "flow_type": {"incoming": "incoming", "entrant": "incoming", "entrants": "incoming", "entree": "incoming",
                  "in": "incoming", "outgoing": "outgoing", "sortant": "outgoing", "sortants": "outgoing",
                  "sortie": "outgoing", "out": "outgoing", "internal": "internal", "interne": "internal"},
}
TRUE_WORDS = {"true", "yes", "oui", "1", "y", "o", "vrai", "t"}
FALSE_WORDS = {"false", "no", "non", "0", "n", "faux", "f"}


def header_key(name):
    """Header as matched against aliases: accents, case and punctuation folded ('Pays ' -> 'pays')."""
    return fold(name).replace(" ", "_")


def _alias_table(kind):
    names = [f.name for f in FIELDS[kind]]
    return {name: [header_key(name)] + [header_key(a) for a in ALIASES.get(name, []) if header_key(a) not in names]
            for name in names}


def column_mapping(columns, kind):
    """``{source header: canonical name}`` for the headers of ``columns`` that name a field of ``kind``.

    An exact canonical header wins; otherwise the first alias listed wins; a header is used once.
    """
    keys = {}
    for col in columns:
        keys.setdefault(header_key(col), col)
    mapping, used = {}, set()
    for name, aliases in _alias_table(kind).items():
        for alias in aliases:
            col = keys.get(alias)
            if col is not None and col not in used:
                mapping[col] = name
                used.add(col)
                break
    return mapping


def canonical_columns(df, kind):
    """``df`` with headers renamed to the canonical names of ``kind`` (extra columns kept as they are)."""
    mapping = {src: dst for src, dst in column_mapping(df.columns, kind).items() if src != dst}
    # A kept extra column may already carry a canonical name we are about to give another header.
    clashes = [dst for dst in mapping.values() if dst in df.columns and dst not in mapping]
    renamed = df.rename(columns={c: f"{c}_original" for c in clashes})
    return renamed.rename(columns=mapping)


def required_columns(kind):
    return [f.name for f in FIELDS[kind] if f.required and f.type != "geometry"]


def missing_columns(columns, kind):
    present = set(column_mapping(columns, kind).values())
    return [name for name in required_columns(kind) if name not in present]


def accepted_headers(name):
    return [name] + ALIASES.get(name, [])


# ---------------------------------------------------------------- typing (before pandera)

def _per_value(s, func):
    """``func`` applied once per distinct value (columns repeat a few codes over many rows)."""
    uniques = s.dropna().unique()
    return s.map(dict(zip(uniques, map(func, uniques))))


def _blank_to_na(s):
    """Text with surrounding spaces removed and blank cells as NA (done once per distinct value)."""
    if pd.api.types.is_string_dtype(s) or s.dtype == object:
        return _per_value(s, lambda v: str(v).strip() or None).astype("string")
    return s.astype("string").str.strip().replace("", pd.NA)


def _numbers(s):
    """Numbers as spreadsheets write them: '1 234', '12,5' (French decimal comma)."""
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return s.astype("float64")
    text = _blank_to_na(s).str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    text = text.where(~text.str.fullmatch(r"-?\d+,\d+", na=False), text.str.replace(",", ".", regex=False))
    return pd.to_numeric(text, errors="coerce").astype("float64")


def _date_text(value):
    """Date and datetime cells (XLSX) as ISO date text; anything else unchanged."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _dates(s):
    """ISO dates, day-first dates (31/12/2024, the hub's convention) and Excel serial day numbers."""
    if pd.api.types.is_datetime64_any_dtype(s):
        return (s.dt.tz_convert(None) if s.dt.tz is not None else s).astype("datetime64[ns]")
    text = _blank_to_na(_per_value(s, _date_text) if s.dtype == object else s)
    # utc=True: offsets in the data ('2024-03-01T10:00+01:00') must not make the column unparseable.
    iso = pd.to_datetime(text, errors="coerce", format="ISO8601", utc=True).dt.tz_convert(None)
    dayfirst = pd.to_datetime(text.where(iso.isna()), errors="coerce", format="%d/%m/%Y")
    dashed = pd.to_datetime(text.where(iso.isna() & dayfirst.isna()), errors="coerce", format="%d-%m-%Y")
    out = iso.fillna(dayfirst).fillna(dashed)
    # Only whole five-digit numbers can be Excel serials (keeps huge or infinite numbers out).
    serial = pd.to_numeric(text.where(text.str.fullmatch(r"\d{5}(?:\.0*)?", na=False)), errors="coerce")
    serial = serial.where(serial.between(*EXCEL_SERIAL_RANGE))
    out = out.where(serial.isna(), EXCEL_EPOCH + pd.to_timedelta(serial, unit="D"))
    return out.astype("datetime64[ns]")


def _months(s):
    dates = _dates(s)
    text = _blank_to_na(s)
    month_only = pd.to_datetime(text.where(dates.isna()), errors="coerce", format="%Y-%m")
    slash = pd.to_datetime(text.where(dates.isna() & month_only.isna()), errors="coerce", format="%m/%Y")
    return dates.fillna(month_only).fillna(slash).dt.strftime("%Y-%m").astype("string")


def _iso3(s):
    text = _blank_to_na(s)
    codes = _per_value(text, to_iso3)
    return codes.where(codes.notna(), text.str.upper()).astype("string")


def _enum(s, name):
    text = _blank_to_na(s)
    aliases = VALUE_ALIASES.get(name, {})
    known = _per_value(text, lambda v: aliases.get(header_key(v)))
    return known.where(known.notna(), text).astype("string")


def _bools(s):
    if pd.api.types.is_bool_dtype(s):
        return s.astype("boolean")
    keys = _blank_to_na(s).str.lower()
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[keys.isin(TRUE_WORDS)] = True
    out[keys.isin(FALSE_WORDS)] = False
    return out


_PARSERS = {"lon": (_numbers, "a number"), "lat": (_numbers, "a number"), "count": (_numbers, "a number"),
            "rate": (_numbers, "a number"),
            "number": (_numbers, "a number"), "date": (_dates, "a date (YYYY-MM-DD or DD/MM/YYYY)"),
            "month": (_months, "a month (YYYY-MM)"), "bool": (_bools, "yes/no")}


def type_columns(df, kind):
    """Parse the fields of ``kind`` present in ``df`` into their types.

    Returns ``(typed_df, failures)``: values that could not be parsed become null in ``typed_df``
    and are listed in ``failures`` (column, check, row, value), so pandera does not report them twice.
    """
    df = df.copy()
    problems = []
    for field in FIELDS[kind]:
        if field.name not in df or field.type == "geometry":
            continue
        raw = df[field.name]
        if field.type in _PARSERS:
            parse, expected = _PARSERS[field.type]
            typed = parse(raw)
            bad = typed.isna() & _blank_to_na(raw.astype(object).where(raw.notna(), None)).notna()
            if bad.any():
                problems.append(pd.DataFrame({"column": field.name, "check": f"not {expected}",
                                              "row": bad.index[bad] + 2, "value": raw[bad].astype(str)}))
            df[field.name] = typed
        elif field.type == "iso3":
            df[field.name] = _iso3(raw)
        elif field.type == "enum":
            df[field.name] = _enum(raw, field.name)
        else:
            df[field.name] = _blank_to_na(raw)
    return df, _concat_failures(problems)


# ---------------------------------------------------------------- pandera schemas

def _column(field, *, unique=True):
    nullable = field.nullable or not field.required
    if field.type in ("id", "text"):
        return pa.Column("string", nullable=nullable, required=field.required,
                         unique=field.unique and unique)
    if field.type == "iso3":
        return pa.Column("string", pa.Check.str_matches(r"^[A-Z]{3}$", error="not an ISO 3166 alpha-3 code"),
                         nullable=nullable, required=field.required)
    if field.type == "lon":
        return pa.Column(float, pa.Check.in_range(-180, 180, error="longitude outside -180..180"),
                         nullable=nullable, required=field.required)
    if field.type == "lat":
        return pa.Column(float, pa.Check.in_range(-90, 90, error="latitude outside -90..90"),
                         nullable=nullable, required=field.required)
    if field.type == "count":
        return pa.Column(float, [pa.Check.ge(0, error="negative count"),
                                 pa.Check(lambda s: s % 1 == 0, error="not a whole number")],
                         nullable=nullable, required=field.required)
    if field.type == "rate":
        return pa.Column(float, pa.Check.ge(0, error="negative flow"), nullable=nullable, required=field.required)
    if field.type == "number":
        return pa.Column(float, nullable=True, required=field.required)
    if field.type == "date":
        return pa.Column("datetime64[ns]", nullable=nullable, required=field.required)
    if field.type == "month":
        return pa.Column("string", nullable=nullable, required=field.required)
    if field.type == "bool":
        return pa.Column("boolean", nullable=True, required=False)
    if field.type == "enum":
        return pa.Column("string", pa.Check.isin(list(field.values), error=f"not one of {', '.join(field.values)}"),
                         nullable=nullable, required=field.required)
    if field.type == "geometry":
        return pa.Column(checks=[
            pa.Check(lambda s: ~s.is_empty, error="empty geometry"),
            pa.Check(lambda s: s.geom_type.isin(list(field.values)),
                     error=f"geometry is not a {' or '.join(field.values)}"),
            pa.Check(lambda s: s.is_valid, error="invalid geometry (self-intersection or bad ring)")],
            nullable=False, required=True)
    raise ValueError(field.type)


def _table_checks(kind):
    pairs = {"fmp": ("active_from", "active_to"), "poe_status": ("valid_from", "valid_to")}
    if kind not in pairs:
        return []
    start, end = pairs[kind]
    return [pa.Check(lambda df: ~(df[end] < df[start]) if start in df and end in df else pd.Series(True, df.index),
                     error=f"{end} before {start}")]


KINDS = {kind: pa.DataFrameSchema({f.name: _column(f) for f in fields}, checks=_table_checks(kind), name=kind,
                                  strict=False)
         for kind, fields in FIELDS.items()}
# The same without uniqueness, for chunks of a streamed file (ids are then checked across chunks).
_CHUNK_SCHEMAS = {kind: pa.DataFrameSchema({f.name: _column(f, unique=False) for f in fields},
                                           checks=_table_checks(kind), name=kind, strict=False)
                  for kind, fields in FIELDS.items()}


def validate(df, kind, *, path=None):
    """Return ``df`` with canonical headers and types for ``kind``; raise SchemaError listing every failure.

    The error's ``failures`` is a DataFrame with one row per failing cell or check:
    ``column``, ``check``, ``row`` (as a spreadsheet shows it: the header is row 1, the first data
    row is row 2) and ``value``.
    """
    where = path or kind
    if kind not in KINDS:
        raise SchemaError(f"unknown kind {kind!r}; expected one of: {', '.join(sorted(KINDS))}", path=path)
    if len(df) == 0:
        raise SchemaError(f"{where}: the table is empty", path=path)
    typed, failures = check_frame(df, kind)
    if len(failures):
        raise SchemaError(summary(where, kind, failures), path=path, failures=failures)
    return typed


def check_frame(df, kind, *, unique=True):
    """``(typed_df, failures)`` for ``df`` against ``kind``; ``failures`` is empty when it conforms.

    ``unique=False`` leaves id uniqueness to the caller (a chunk of a larger file).
    """
    df = canonical_columns(df, kind)
    missing = [name for name in required_columns(kind) if name not in df]
    if missing:
        return df, pd.DataFrame({
            "column": missing, "check": "missing column", "row": pd.array([pd.NA] * len(missing), dtype="Int64"),
            "value": [f"accepted headers: {', '.join(accepted_headers(m))}; found: {', '.join(map(str, df.columns))}"
                      for m in missing]})
    typed, parse_failures = type_columns(df, kind)
    try:
        typed = (KINDS if unique else _CHUNK_SCHEMAS)[kind].validate(typed, lazy=True)
        schema_failures = _concat_failures([])
    except SchemaErrors as exc:
        schema_failures = failure_table(exc.failure_cases)
    already = set(zip(parse_failures["column"], parse_failures["row"]))
    keep = [(c, r) not in already for c, r in zip(schema_failures["column"], schema_failures["row"])]
    failures = _concat_failures([parse_failures, schema_failures[keep]])
    return typed, failures.sort_values(["row", "column"], na_position="first", kind="stable").reset_index(drop=True)


def failure_table(cases):
    cases = cases[~cases["check"].astype(str).str.startswith("dtype(")]
    # A table-wide check (e.g. "valid_to before valid_from") lists every cell of a failing row: keep
    # one line per row, on the column the check names first.
    table_wide = cases["schema_context"].astype(str) == "DataFrameSchema"
    wide = cases[table_wide].drop_duplicates(["check", "index"]).copy()
    wide["column"] = wide["check"].astype(str).str.split().str[0]
    wide["failure_case"] = None
    cases = pd.concat([cases[~table_wide], wide]) if len(wide) else cases
    return pd.DataFrame({
        "column": cases["column"].astype("string").fillna("(row)"),
        "check": cases["check"].astype(str).replace({"not_nullable": "missing value",
                                                     "field_uniqueness": "duplicate id"}),
        "row": pd.to_numeric(cases["index"], errors="coerce").astype("Int64") + 2,
        "value": cases["failure_case"].map(lambda v: "" if v is None or v is pd.NA or v != v else str(v)),
    }).reset_index(drop=True)


def _concat_failures(frames):
    empty = pd.DataFrame({"column": pd.Series(dtype="string"), "check": pd.Series(dtype=str),
                          "row": pd.Series(dtype="Int64"), "value": pd.Series(dtype=str)})
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty
    out = pd.concat(frames, ignore_index=True)
    out["row"] = out["row"].astype("Int64")
    return out


def summary(where, kind, failures, *, limit=10):
    lines = [f"{where}: {len(failures)} problem(s) against the {kind!r} schema"]
    for rec in failures.head(limit).itertuples(index=False):
        at = f"row {rec.row}, " if pd.notna(rec.row) else ""
        lines.append(f"  {at}column {rec.column}: {rec.check} (value: {rec.value})")
    if len(failures) > limit:
        lines.append(f"  ... and {len(failures) - limit} more")
    return "\n".join(lines)


__all__ = ["ALIASES", "FIELDS", "KINDS", "POINT_KINDS", "VECTOR_KINDS", "canonical_columns", "check_frame",
           "column_mapping", "header_key", "missing_columns", "required_columns", "summary", "type_columns",
           "validate"]
