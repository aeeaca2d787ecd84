"""Source layers written by `rdh demo` (sources step) and `rdh validate --to-gpkg`."""
from ..catalogue import INTERNAL, UPSTREAM, LayerDecl
from ._columns import R, col, measures

ROADS = LayerDecl(
    name="roads", geometry="LineString", style="roads",
    title_en="Main roads (Trans-African network)", title_fr="Routes principales (réseau transafricain)",
    abstract_en="Trunk roads and proposed links of the Trans-African road network used for routing.",
    abstract_fr="Routes principales et liaisons proposées du réseau routier transafricain utilisé pour les "
                "itinéraires.",
    keywords=("roads", "transport", "routes"), topic="transportation", licence="GPL-3.0; ODbL-1.0 (geometry)",
    attribution="S. Krantz (2024), flownet / World Bank PRWP 10893; road geometry © OpenStreetMap contributors",
    columns=(
        col("edge_id", "int64", R.IDENTIFIER, "road edge", "tronçon"),
        col("from_node", "int64", R.IDENTIFIER), col("to_node", "int64", R.IDENTIFIER),
        col("from_ctry", "str", R.CATEGORY), col("to_ctry", "str", R.CATEGORY),
        col("cross_border", "bool", R.CATEGORY), col("proposed", "bool", R.CATEGORY),
        col("upgrade_cat", "str", R.CATEGORY), col("border_crossing", "bool", R.CATEGORY),
        col("road_class", "str", R.CATEGORY), col("surface", "str", R.CATEGORY), col("poe_id", "str", R.IDENTIFIER),
        *measures("FX", "FY", "TX", "TY", "sp_distance", "distance", "duration", "speed_kmh", "passes", "gravity",
                  "gravity_rd", "border_dist", "total_dist", "border_time", "total_time", "duration_100kmh",
                  "total_time_100kmh", "rugg", "pop_wpop", "pop_wpop_km2", "cost_km", "ug_cost_km", "penalty_h"),
        col("length_km", "float64", R.MEASURE, unit="km"), col("travel_time_h", "float64", R.MEASURE, unit="h"),
    ))

_NE = dict(topic="boundaries", licence="Public domain", attribution="Made with Natural Earth")
ADMIN0 = LayerDecl(
    name="admin0", geometry="MultiPolygon", style="admin0", title_en="Countries", title_fr="Pays",
    abstract_en="Country boundaries (Natural Earth 1:10m).", abstract_fr="Frontières des pays (Natural Earth 1:10m).",
    keywords=("boundaries", "countries", "frontières"), **_NE,
    columns=(col("country_iso3", "str", R.IDENTIFIER), col("iso_a2", "str", R.IDENTIFIER),
             col("name", "str", R.CATEGORY), col("region_group", "str", R.CATEGORY)))
ADMIN1 = LayerDecl(
    name="admin1", geometry="MultiPolygon", style="admin1",
    title_en="First-level administrative units", title_fr="Unités administratives de premier niveau",
    abstract_en="Admin-1 boundaries (Natural Earth 1:10m, 2018 vintage: outdated in several countries).",
    abstract_fr="Limites administratives de niveau 1 (Natural Earth 1:10m, version 2018 : dépassée dans plusieurs "
                "pays).",
    keywords=("boundaries", "admin1", "régions"), **_NE,
    columns=(col("country_iso3", "str", R.IDENTIFIER), col("adm0_name", "str", R.CATEGORY),
             col("iso_a2", "str", R.IDENTIFIER), col("adm1_name", "str", R.CATEGORY),
             col("adm1_gn_name", "str", R.CATEGORY), col("adm1_fips", "str", R.IDENTIFIER),
             col("region_group", "str", R.CATEGORY), col("admin_pcode", "str", R.IDENTIFIER),
             col("name", "str", R.CATEGORY)))
ADMIN = LayerDecl(
    name="admin", geometry="MultiPolygon", style="admin", title_en="Administrative units",
    title_fr="Unités administratives", abstract_en="Administrative boundaries validated by rdh validate.",
    abstract_fr="Limites administratives validées par rdh validate.", topic="boundaries",
    columns=(col("country_iso3", "str", R.IDENTIFIER), col("admin_pcode", "str", R.IDENTIFIER),
             col("name", "str", R.CATEGORY)))
PLACES = LayerDecl(
    name="places", geometry="Point", style="places", title_en="Places", title_fr="Localités",
    abstract_en="Populated places with 1,000 inhabitants or more (GeoNames).",
    abstract_fr="Localités de 1 000 habitants ou plus (GeoNames).",
    keywords=("places", "gazetteer", "localités"), topic="location", licence="CC BY 4.0",
    attribution="GeoNames (geonames.org)",
    columns=(col("place_id", "str", R.IDENTIFIER), col("name", "str", R.CATEGORY),
             col("lon", "float64", R.MEASURE, unit="degree"), col("lat", "float64", R.MEASURE, unit="degree"),
             col("country_iso3", "str", R.CATEGORY), col("population", "float64", R.MEASURE, unit="persons"),
             col("feature_code", "str", R.CATEGORY), col("alt_names", "str", R.CATEGORY)))

_MMP = ("incident_id", "incident_type", "date", "year", "region", "country", "country_iso3", "route", "dead",
        "missing", "dead_and_missing", "survivors", "cause", "origin", "location", "lat", "lon", "source_quality",
        "source_dataset", "coord_check")
MMP_INCIDENTS = LayerDecl(
    record_level=True,
    name="mmp_incidents", geometry="Point", style="mmp_incidents", publication=UPSTREAM,
    title_en="Missing migrants incidents", title_fr="Incidents de migrants disparus",
    abstract_en="Incidents in which migrants died or went missing (IOM Missing Migrants Project), published as "
                "the Missing Migrants Project publishes them.",
    abstract_fr="Incidents au cours desquels des migrants sont morts ou ont disparu (Projet Migrants disparus de "
                "l'OIM), publiés tels que le Projet les publie.",
    keywords=("migration", "missing migrants", "migrants disparus", "IOM"), licence="CC BY 4.0",
    attribution="IOM Missing Migrants Project (GMDAC), missingmigrants.iom.int",
    columns=tuple(col(n, "any", R.PUBLIC_SOURCE) for n in _MMP))
MMP = LayerDecl(name="mmp", geometry="Point", style="mmp", publication=UPSTREAM,
                title_en=MMP_INCIDENTS.title_en, title_fr=MMP_INCIDENTS.title_fr,
                abstract_en=MMP_INCIDENTS.abstract_en, abstract_fr=MMP_INCIDENTS.abstract_fr,
                keywords=MMP_INCIDENTS.keywords, licence="CC BY 4.0", attribution=MMP_INCIDENTS.attribution,
                columns=MMP_INCIDENTS.columns, record_level=True)

FMP = LayerDecl(
    name="fmp", geometry="Point", style="fmp", title_en="Flow monitoring points", title_fr="Points de suivi des flux",
    abstract_en="Flow monitoring points of the Displacement Tracking Matrix.",
    abstract_fr="Points de suivi des flux de la Matrice de suivi des déplacements.",
    columns=(col("fmp_id", "str", R.IDENTIFIER), col("name", "str", R.CATEGORY), col("country_iso3", "str", R.CATEGORY),
             col("lon", "float64", R.MEASURE), col("lat", "float64", R.MEASURE), col("admin1", "str", R.CATEGORY),
             col("fmp_type", "str", R.CATEGORY), col("active_from", "date", R.DATE), col("active_to", "date", R.DATE),
             # the hub's catalogue extras (kept by the readers, as in sample_data/generated/fmp.csv)
             col("position_method", "str", R.CATEGORY, "what the position stands for", "ce que la position représente"),
             col("position_note", "str", R.FREE_TEXT), col("network_km", "float64", R.MEASURE, unit="km"),
             col("source_title", "str", R.CATEGORY), col("generated", "bool", R.CATEGORY)))
POE = LayerDecl(
    name="poe", geometry="Point", style="poe", title_en="Points of entry", title_fr="Points d'entrée",
    abstract_en="Official points of entry (land, air, sea, river).",
    abstract_fr="Points d'entrée officiels (terrestres, aériens, maritimes, fluviaux).",
    columns=(col("poe_id", "str", R.IDENTIFIER), col("name", "str", R.CATEGORY), col("poe_type", "str", R.CATEGORY),
             col("country_iso3", "str", R.CATEGORY), col("lon", "float64", R.MEASURE), col("lat", "float64", R.MEASURE),
             col("neighbour_iso3", "str", R.CATEGORY), col("admin1", "str", R.CATEGORY)))
IDP = LayerDecl(
    name="idp", geometry=None, style="idp", title_en="Internally displaced persons",
    title_fr="Personnes déplacées internes",
    abstract_en="Internally displaced persons per admin unit and date.",
    abstract_fr="Personnes déplacées internes par unité administrative et par date.",
    columns=(col("admin_pcode", "str", R.IDENTIFIER), col("date", "date", R.DATE),
             col("idp_count", "float64", R.COUNT_PERSONS, "persons counted", "personnes comptées", unit="persons"),
             col("admin_name", "str", R.CATEGORY), col("country_iso3", "str", R.CATEGORY)))
MOVEMENTS = LayerDecl(
    name="movements", geometry=None, style="movements", title_en="Assisted movements", title_fr="Mouvements assistés",
    abstract_en="Persons moved between countries per month.", abstract_fr="Personnes déplacées entre pays par mois.",
    columns=(col("origin_iso3", "str", R.IDENTIFIER), col("destination_iso3", "str", R.IDENTIFIER),
             col("month", "date", R.DATE), col("count", "float64", R.COUNT_PERSONS, unit="persons"),
             col("movement_type", "str", R.CATEGORY)))

# Record-level inputs: individual counts and reports never leave the hub as they are.
FMP_COUNTS = LayerDecl(
    record_level=True,
    name="fmp_counts", geometry=None, publication=INTERNAL, title_en="Flow monitoring counts",
    title_fr="Comptages aux points de suivi des flux",
    columns=(col("fmp_id", "str", R.IDENTIFIER), col("date", "date", R.DATE), col("origin", "str", R.CATEGORY),
             col("destination", "str", R.CATEGORY), col("count", "float64", R.COUNT_PERSONS, unit="persons"),
             col("next_stop", "str", R.CATEGORY), col("nationality_iso3", "str", R.CATEGORY),
             col("sex", "str", R.CATEGORY), col("age_group", "str", R.CATEGORY),
             col("transport_mode", "str", R.CATEGORY), col("flow_type", "str", R.CATEGORY),
             col("vulnerability", "str", R.FREE_TEXT)))
KI_REPORTS = LayerDecl(
    record_level=True,
    name="ki_reports", geometry="Point", style="ki_reports", publication=INTERNAL,
    title_en="Key-informant transhumance reports", title_fr="Rapports d'informateurs clés sur la transhumance",
    columns=(col("report_id", "str", R.PERSONAL_IDENTIFIER), col("date", "date", R.DATE),
             col("informant_id", "str", R.PERSONAL_IDENTIFIER), col("lon", "float64", R.GEOMETRY_FROM_REPORTS),
             col("lat", "float64", R.GEOMETRY_FROM_REPORTS), col("herd_size", "float64", R.COUNT_ANIMALS),
             col("herd_id", "str", R.PERSONAL_IDENTIFIER), col("species", "str", R.CATEGORY),
             col("direction", "str", R.CATEGORY), col("next_stop", "str", R.FREE_TEXT),
             col("reason", "str", R.FREE_TEXT),
             col("alert", "str", R.FREE_TEXT), col("generated", "bool", R.CATEGORY)))
OD = LayerDecl(
    name="od", geometry=None, title_en="Surveyed origin-destination flows",
    title_fr="Flux origine-destination enquêtés",
    abstract_en="Origin-destination flows as surveyed.", abstract_fr="Flux origine-destination tels qu'enquêtés.",
    columns=(col("origin", "str", R.CATEGORY), col("destination", "str", R.CATEGORY),
             col("flow", "float64", R.COUNT_ANIMALS, unit="animals"), col("period", "str", R.DATE),
             col("group", "str", R.CATEGORY)))

DECLARATIONS = (ROADS, ADMIN0, ADMIN1, ADMIN, PLACES, MMP_INCIDENTS, MMP, FMP, POE, IDP, MOVEMENTS, FMP_COUNTS,
                KI_REPORTS, OD)
