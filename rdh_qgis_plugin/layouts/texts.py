"""The words on the maps, in English and French. Data keep English codes; maps speak the reader's
language (layer titles, furniture, legend labels of bilingual styles).

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
        "rdh_title": "Migration in West and Central Africa",
        "rdh_subtitle": "Period: latest available data",
        "rdh_legend_title": "Legend",
        "rdh_sources_label": "Sources:",
        "rdh_sources": "",
        "rdh_disclaimer": DISCLAIMER["en"],
        "rdh_produced_label": "Produced:",
        "rdh_producer": "IOM Regional Data Hub (Dakar)",
        "rdh_logo_placeholder": "Logo",
    },
    "fr": {
        "rdh_title": "Migrations en Afrique de l'Ouest et du Centre",
        "rdh_subtitle": "Période : dernières données disponibles",
        "rdh_legend_title": "Légende",
        "rdh_sources_label": "Sources :",
        "rdh_sources": "",
        "rdh_disclaimer": DISCLAIMER["fr"],
        "rdh_produced_label": "Réalisation :",
        "rdh_producer": "OIM, Hub régional de données (Dakar)",
        "rdh_logo_placeholder": "Logo",
    },
}

PERIOD_LABEL = {"en": "Period: {period}", "fr": "Période : {period}"}

# Legend titles for the GeoPackage layers the toolkit writes (contract.md), source and analysis.
LAYER_TITLES = {
    "roads": ("Roads", "Routes"),
    "admin0": ("Countries", "Pays"),
    "admin1": ("First-level administrative\nunits", "Unités administratives\nde premier niveau"),
    "places": ("Places", "Localités"),
    "mmp_incidents": ("Missing Migrants incidents", "Incidents Migrants disparus"),
    "edge_flows": ("Flows on roads (persons/day)", "Flux sur les routes (personnes/jour)"),
    "corridors": ("Migration corridors", "Corridors migratoires"),
    "od_flows": ("Origin-destination flows", "Flux origine-destination"),
    "fmp_points": ("Flow monitoring points", "Points de suivi des flux"),
    "herd_routes": ("Transhumance routes", "Routes de transhumance"),
    "corridor_lines": ("Transhumance corridors", "Couloirs de transhumance"),
    "border_crossings": ("Border crossings", "Passages frontaliers"),
    "alerts": ("Alerts", "Alertes"),
    "poe_status": ("Points of entry status", "Statut des points d'entrée"),
    "poe_impact": ("Closure impact", "Impact des fermetures"),
    "criticality": ("Point-of-entry criticality", "Criticité des points d'entrée"),
}

# Credits printed under the map, for the layers actually shown (see sample_data/PROVENANCE.md).
CREDITS = {
    "roads": "Krantz (2024), World Bank; © OpenStreetMap contributors",
    "admin0": "Natural Earth",
    "admin1": "Natural Earth",
    "places": "GeoNames (CC BY 4.0)",
    "mmp_incidents": "IOM Missing Migrants Project (CC BY 4.0)",
    "edge_flows": "IOM DTM flow monitoring; RDH Toolkit",
    "corridors": "IOM DTM flow monitoring; RDH Toolkit",
    "od_flows": "IOM DTM flow monitoring; RDH Toolkit",
    "fmp_points": "IOM DTM flow monitoring",
    "herd_routes": "Key-informant reports; RDH Toolkit",
    "corridor_lines": "Key-informant reports; RDH Toolkit",
    "poe_status": "IOM DTM; COBAP",
    "poe_impact": "IOM DTM; COBAP; RDH Toolkit",
}


def furniture(lang):
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return dict(FURNITURE[lang])


def layer_title(name, lang):
    titles = LAYER_TITLES.get(name)
    return titles[LANGUAGES.index(lang)] if titles else name


def bilingual_label(label, lang):
    """House styles label classes "English / Français"; keep the reader's half."""
    parts = [p.strip() for p in label.split(" / ")]
    if len(parts) != 2:
        return label
    return parts[LANGUAGES.index(lang)]


def credits_for(layer_names):
    """One line of unique credits, in the order the layers are drawn."""
    seen = []
    for name in layer_names:
        for credit in CREDITS.get(name, "").split("; "):
            if credit and credit not in seen:
                seen.append(credit)
    return "; ".join(seen)
