"""The `corridors` job: migration corridors from flow-monitoring counts (declaration only)."""
from .model import OVERWRITE, JobSpec, Param

JOB = JobSpec(
    name="corridors",
    title_en="Migration corridors",
    title_fr="Corridors migratoires",
    help_en="""Reconstruct migration corridors: which roads and crossings the counted flows use, how many
people a day travel each segment (with a bootstrap interval), and named corridors.

Writes OUTPUT (layers edge_flows, edge_flows_by_period, corridors, od_flows, fmp_points) and, beside it,
OUTPUT-stem_corridor_series.csv and .png (flow per corridor and period).""",
    help_fr="""Reconstitue les corridors migratoires : routes et points de passage empruntés par les flux
comptés, personnes par jour sur chaque tronçon (avec un intervalle bootstrap) et corridors nommés.

Écrit OUTPUT (couches edge_flows, edge_flows_by_period, corridors, od_flows, fmp_points) et, à côté,
<nom>_corridor_series.csv et .png (flux par corridor et par période).""",
    epilog="""\b
Example:
  rdh corridors --roads roads.gpkg --places places.csv --fmp fmp.csv --counts counts.csv \\
                --period quarter --k 3 -o corridors.gpkg""",
    run="corridors.job:run",
    outputs=("edge_flows", "edge_flows_by_period", "corridors", "od_flows", "fmp_points", "corridor_series"),
    params=(
        Param("roads", "vector", "Road lines (GeoPackage/Shapefile/GeoJSON).",
              "Lignes des routes (GeoPackage/Shapefile/GeoJSON).", required=True, kind="roads"),
        Param("places", "table", "Gazetteer of places (CSV with name, lon, lat; GeoNames export accepted).",
              "Répertoire des lieux (CSV avec name, lon, lat ; export GeoNames accepté).", required=True,
              kind="places"),
        Param("fmp", "table", "Flow monitoring point catalogue (kind `fmp`).",
              "Catalogue des points de suivi des flux (type `fmp`).", required=True, kind="fmp"),
        Param("counts", "table", "Daily FMP counts (kind `fmp_counts`).",
              "Comptages journaliers aux FMP (type `fmp_counts`).", required=True, kind="fmp_counts"),
        Param("poe", "table", "PoE registry (kind `poe`), matched to the network's border crossings; without it "
              "--status refers to the network's own crossing ids.",
              "Registre des points d'entrée (type `poe`), appariés aux passages frontaliers du réseau ; sans lui, "
              "--status désigne les passages du réseau par leurs identifiants.", kind="poe"),
        Param("status", "table", "PoE status timeline (kind `poe_status`): crossings fully closed in a period are "
              "impassable in it.",
              "Chronologie des statuts des points d'entrée (type `poe_status`) : un passage entièrement fermé "
              "pendant une période y est infranchissable.", kind="poe_status"),
        Param("stock", "table", "Bilateral migrant stock (origin_iso3, destination_iso3, stock) for the gravity "
              "prior.", "Stock bilatéral de migrants (origin_iso3, destination_iso3, stock) pour l'a priori "
              "gravitaire.", advanced=True, kind="stock"),
        Param("period", "enum", "Time step of the flows.", "Pas de temps des flux.", default="month",
              choices=("day", "week", "month", "quarter", "year", "all")),
        Param("filter", "string", "Keep counts whose COLUMN is one of VALUES (comma-separated); repeatable. "
              "Columns: nationality_iso3, flow_type, transport_mode, sex, age_group.",
              "Garde les comptages dont COLUMN vaut l'une des VALUES (séparées par des virgules) ; répétable. "
              "Colonnes : nationality_iso3, flow_type, transport_mode, sex, age_group.",
              multiple=True, metavar="COLUMN=VALUES"),
        Param("k", "int", "Routes per stop pair; above 1, flow is shared by a logit on travel time.",
              "Itinéraires par paire d'arrêts ; au-delà de 1, le flux est réparti par un logit sur le temps de "
              "trajet.", default=1, min=1, max=10),
        Param("theta", "float", "Logit sensitivity per hour of travel time (with --k above 1).",
              "Sensibilité du logit par heure de trajet (avec --k supérieur à 1).", default=1.0, unit="1/h",
              min=0, min_open=True, advanced=True),
        Param("n_boot", "int", "Bootstrap resamples of observation days for flow_p05/flow_p95.",
              "Rééchantillonnages bootstrap des jours d'observation pour flow_p05/flow_p95.", default=200,
              min=0, max=10_000, advanced=True),
        Param("min_share", "float", "Share of all flow an edge must carry to belong to a corridor.",
              "Part du flux total qu'un tronçon doit porter pour appartenir à un corridor.", default=0.02,
              min=0, max=1, min_open=True, max_open=True, advanced=True),
        Param("seed", "int", "Random seed of the bootstrap.", "Graine aléatoire du bootstrap.", default=0,
              advanced=True),
        Param("include_proposed", "bool", "Keep road links flagged as proposed or unverified (left out by default: "
              "they are straight-line placeholders, not roads).", "Garde les liaisons routières signalées comme "
              "projetées ou non vérifiées (écartées par défaut : ce sont des segments droits provisoires, pas des "
              "routes).", default=False, advanced=True),
        Param("max_memory_mb", "float", "Cap on the routing workspaces in MB (fewer routing threads when tight; "
              "default: no cap).", "Plafond des espaces de travail du routage, en Mo (moins de fils de calcul "
              "si serré ; par défaut : aucun).", unit="MB", min=1, advanced=True),
        OVERWRITE,
        Param("output", "output_file", "Output GeoPackage (written atomically).",
              "GeoPackage de sortie (écrit de façon atomique).", required=True, aliases=("-o",)),
    ),
)
