"""The words on the maps, in English and French. Data keep English codes; maps speak the reader's
language: furniture, titles, legend titles, sources and country names come from the per-language
tables below; class labels come from each house style's own per-language labels (see localize.py).

New analysis layers get a proper legend title by adding their GeoPackage layer name here; a layer
not listed shows its own name. "\n" breaks a long title (the templates' legend wraps on it).
"""

LANGUAGES = ("en", "fr")

DISCLAIMER = {
    "en": "The boundaries and names shown and the designations used on this map do not imply "
          "official endorsement or acceptance by IOM.",
    "fr": "Les frontières et les noms indiqués et les désignations employées sur cette carte "
          "n'impliquent pas reconnaissance ou acceptation officielle de la part de l'OIM.",
}

# Layout variables the templates print (Layout properties > Variables in QGIS).
FURNITURE = {
    "en": {
        "rdh_lang": "en",
        "rdh_title": "Migration in West and Central Africa",
        "rdh_subtitle": "",
        "rdh_legend_title": "Legend",
        "rdh_sources_label": "Sources:",
        "rdh_sources": "",
        "rdh_disclaimer": DISCLAIMER["en"],
        "rdh_produced_label": "Produced:",
        "rdh_producer": "IOM Regional Data Hub (Dakar)",
    },
    "fr": {
        "rdh_lang": "fr",
        "rdh_title": "Migrations en Afrique de l'Ouest et du Centre",
        "rdh_subtitle": "",
        "rdh_legend_title": "Légende",
        "rdh_sources_label": "Sources :",
        "rdh_sources": "",
        "rdh_disclaimer": DISCLAIMER["fr"],
        "rdh_produced_label": "Réalisation :",
        "rdh_producer": "OIM, Hub régional de données (Dakar)",
    },
}

PERIOD_LABEL = {"en": "Period: {period}", "fr": "Période : {period}"}

# Map titles by analysis, chosen from the first analysis layer shown (see render.map_title).
# {season}, {date}, {period} come from the layer's provenance record.
TITLES = {
    "corridors": ("Migration corridors in West and Central Africa",
                  "Corridors migratoires en Afrique de l'Ouest et du Centre"),
    "edge_flows": ("Migration flows on the roads of West and Central Africa",
                   "Flux migratoires sur les routes d'Afrique de l'Ouest et du Centre"),
    "poe_impact": ("Impact of border closures on migration flows",
                   "Impact des fermetures de frontières sur les flux migratoires"),
    "od_impact": ("Impact of border closures on migration flows",
                  "Impact des fermetures de frontières sur les flux migratoires"),
    "criticality": ("Criticality of points of entry", "Criticité des points d'entrée"),
    "poe_status": ("Status of points of entry", "Statut des points d'entrée"),
    "herd_routes": ("Transhumance routes, {season}", "Routes de transhumance, {season}"),
    "corridor_lines": ("Transhumance corridors, {season}", "Couloirs de transhumance, {season}"),
}
SEASONS = {"dry": ("dry season", "saison sèche"), "wet": ("wet season", "saison des pluies")}
SCENARIO_LABEL = {"en": "Closures in force on {date}", "fr": "Fermetures en vigueur le {date}"}
STATUS_LABEL = {"en": "Status on {date}", "fr": "Statut au {date}"}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}

# Legend titles for the GeoPackage layers the toolkit writes (contract.md), source and analysis.
LAYER_TITLES = {
    "roads": ("Roads", "Routes"),
    "admin0": ("Countries", "Pays"),
    "admin1": ("First-level administrative\nunits", "Unités administratives\nde premier niveau"),
    "places": ("Places", "Localités"),
    "mmp_incidents": ("Missing Migrants incidents", "Incidents Migrants disparus"),
    "fmp": ("Flow monitoring points", "Points de suivi des flux"),
    "poe": ("Points of entry", "Points d'entrée"),
    "ki_reports": ("Key-informant reports", "Rapports d'informateurs clés"),
    "idp": ("Internally displaced persons", "Personnes déplacées internes"),
    "movements": ("Assisted movements", "Mouvements assistés"),
    "edge_flows": ("Flows on roads", "Flux sur les routes"),
    "corridors": ("Migration corridors\n(persons/day)", "Corridors migratoires\n(personnes/jour)"),
    "od_flows": ("Origin-destination flows", "Flux origine-destination"),
    "fmp_points": ("Flow monitoring points", "Points de suivi des flux"),
    "herd_routes": ("Transhumance routes", "Routes de transhumance"),
    "od_routes": ("Surveyed flows, routed", "Flux enquêtés, itinéraires"),
    "corridor_lines": ("Transhumance corridors", "Couloirs de transhumance"),
    "border_crossings": ("Border crossings", "Passages frontaliers"),
    "alerts": ("Alerts", "Alertes"),
    "poe_status": ("Points of entry status", "Statut des points d'entrée"),
    "poe_impact": ("Net flow change at\npoints of entry", "Variation nette des flux\naux points d'entrée"),
    "od_impact": ("Journeys after the closures", "Trajets après les fermetures"),
    "edge_change": ("Flow change on roads", "Variation des flux sur les routes"),
    "criticality": ("Point-of-entry criticality", "Criticité des points d'entrée"),
}

# Credits printed under the map, for the layers actually shown (see sample_data/PROVENANCE.md).
# Each layer names credit keys; a key is printed once, in the map's language.
CREDIT_TEXTS = {
    "roads": ("Krantz (2024), World Bank; © OpenStreetMap contributors",
              "Krantz (2024), Banque mondiale ; © contributeurs d'OpenStreetMap"),
    "natural_earth": ("Natural Earth", "Natural Earth"),
    "geonames": ("GeoNames (CC BY 4.0)", "GeoNames (CC BY 4.0)"),
    "mmp": ("IOM Missing Migrants Project (CC BY 4.0)", "OIM, Projet Migrants disparus (CC BY 4.0)"),
    "dtm_fmp": ("IOM DTM flow monitoring", "OIM DTM, suivi des flux"),
    "dtm": ("IOM DTM", "OIM DTM"),
    "cobap": ("COBAP", "COBAP"),
    "ki": ("Key-informant reports", "Rapports d'informateurs clés"),
    "toolkit": ("RDH Toolkit analysis", "analyse RDH Toolkit"),
}
CREDITS = {
    "roads": ["roads"], "admin0": ["natural_earth"], "admin1": ["natural_earth"], "places": ["geonames"],
    "mmp_incidents": ["mmp"],
    "edge_flows": ["dtm_fmp", "toolkit"], "corridors": ["dtm_fmp", "toolkit"], "od_flows": ["dtm_fmp", "toolkit"],
    "fmp_points": ["dtm_fmp"],
    "herd_routes": ["ki", "toolkit"], "corridor_lines": ["ki", "toolkit"],
    "poe_status": ["dtm", "cobap"], "poe_impact": ["dtm", "cobap", "toolkit"], "od_impact": ["dtm_fmp", "toolkit"],
    "criticality": ["dtm", "cobap", "toolkit"],
}

# Country names on the maps: official short names (UN terminology, English and French) by ISO 3166
# alpha-3, for the countries of the region and its neighbours; others keep the data's name.
COUNTRY_NAMES = {
    "BEN": ("Benin", "Bénin"), "BFA": ("Burkina Faso", "Burkina Faso"),
    "CAF": ("Central African Republic", "République centrafricaine"), "CIV": ("Côte d'Ivoire", "Côte d'Ivoire"),
    "CMR": ("Cameroon", "Cameroun"), "COD": ("Democratic Republic of the Congo", "République démocratique du Congo"),
    "COG": ("Congo", "Congo"), "CPV": ("Cabo Verde", "Cabo Verde"), "DZA": ("Algeria", "Algérie"),
    "EGY": ("Egypt", "Égypte"), "ESH": ("Western Sahara", "Sahara occidental"), "GAB": ("Gabon", "Gabon"),
    "GHA": ("Ghana", "Ghana"), "GIN": ("Guinea", "Guinée"), "GMB": ("Gambia", "Gambie"),
    "GNB": ("Guinea-Bissau", "Guinée-Bissau"), "GNQ": ("Equatorial Guinea", "Guinée équatoriale"),
    "LBR": ("Liberia", "Libéria"), "LBY": ("Libya", "Libye"), "MAR": ("Morocco", "Maroc"), "MLI": ("Mali", "Mali"),
    "MRT": ("Mauritania", "Mauritanie"), "NER": ("Niger", "Niger"), "NGA": ("Nigeria", "Nigéria"),
    "SDN": ("Sudan", "Soudan"), "SEN": ("Senegal", "Sénégal"), "SLE": ("Sierra Leone", "Sierra Leone"),
    "STP": ("Sao Tome and Principe", "Sao Tomé-et-Principe"), "TCD": ("Chad", "Tchad"), "TGO": ("Togo", "Togo"),
    "TUN": ("Tunisia", "Tunisie"), "SSD": ("South Sudan", "Soudan du Sud"), "ETH": ("Ethiopia", "Éthiopie"),
    "AGO": ("Angola", "Angola"), "UGA": ("Uganda", "Ouganda"), "ESP": ("Spain", "Espagne"),
}


def _index(lang):
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return LANGUAGES.index(lang)


def furniture(lang):
    return dict(FURNITURE[LANGUAGES[_index(lang)]])


def layer_title(name, lang):
    titles = LAYER_TITLES.get(name)
    return titles[_index(lang)] if titles else name


def country_name(iso3, lang, default=None):
    names = COUNTRY_NAMES.get(iso3)
    return names[_index(lang)] if names else default


def country_name_expression(iso_field, name_field, lang):
    """A QGIS expression giving a country's name in ``lang`` from its ISO3 code (else the data's name)."""
    def quoted(text):
        return "'" + text.replace("'", "''") + "'"

    pairs = ", ".join(f"{quoted(iso)}, {quoted(names[_index(lang)])}" for iso, names in COUNTRY_NAMES.items())
    return f'coalesce(map_get(map({pairs}), "{iso_field}"), "{name_field}")'


def date_text(iso_date, lang):
    """2020-04-15 -> "15 April 2020" / "15 avril 2020"."""
    year, month, day = (int(part) for part in str(iso_date)[:10].split("-"))
    return f"{day} {MONTHS[lang][month - 1]} {year}"


def map_title(layer_names, lang, *, season=None):
    """The title of a map of these layers: its first analysis layer's theme, else the region's."""
    i = _index(lang)
    for name in layer_names:
        if name in TITLES:
            season_text = SEASONS.get(season, ("", ""))[i] if season else ""
            title = TITLES[name][i].format(season=season_text)
            return title.rstrip(", ") if not season_text else title
    return FURNITURE[lang]["rdh_title"]


def credits_for(layer_names, lang="en"):
    """One line of unique credits in ``lang``, in the order the layers are drawn."""
    i = _index(lang)
    seen = []
    for name in layer_names:
        for key in CREDITS.get(name, []):
            if key not in seen:
                seen.append(key)
    separator = " ; " if lang == "fr" else "; "
    return separator.join(CREDIT_TEXTS[key][i] for key in seen)
