"""The `poe-impact` job: border-closure impact on flows (declaration only)."""
from .model import OVERWRITE, JobSpec, Param

CROSSINGS_LAYER = "border_crossings_derived"

JOB = JobSpec(
    name="poe-impact",
    title_en="Border-closure impact",
    title_fr="Impact des fermetures de frontières",
    help_en="""Impact of border closures on flows: who is rerouted, by how much, and who is stranded.

Writes the layers poe_status, poe_impact, od_impact and edge_change (scenario: --date and/or
--scenario against the baseline), criticality and criticality_n2 (--criticality), timeline and a
chart and status_periods (--timeline), monte_carlo (--monte-carlo N). Sweeps run on Dask (embedded LocalCluster by
default).""",
    help_fr="""Impact des fermetures de frontières sur les flux : qui est dévié, de combien, et qui est bloqué.

Écrit les couches poe_status, poe_impact, od_impact et edge_change (scénario : --date et/ou --scenario
contre la référence), criticality et criticality_n2 (--criticality), timeline avec un graphique et
status_periods (--timeline), monte_carlo (--monte-carlo N). Les balayages tournent sur Dask (LocalCluster
intégré par défaut).""",
    run="poe.job:run",
    outputs=("poe_status", "poe_impact", "od_impact", "edge_change", "criticality", "criticality_n2", "timeline",
             "status_periods", "monte_carlo"),
    params=(
        Param("roads", "vector", "Road lines (GeoPackage, SHP...).", "Lignes des routes (GeoPackage, SHP...).",
              default="sample_data/real/roads.gpkg", kind="roads"),
        Param("roads_layer", "string", "Layer of the road lines (default: 'edges', or the file's only layer).",
              "Couche des lignes de routes (par défaut : 'edges', ou la seule couche du fichier).", advanced=True),
        Param("crossings_layer", "string", "Layer of border-crossing points in the roads file (used when present).",
              "Couche des points de passage frontaliers dans le fichier des routes (utilisée si présente).",
              default=CROSSINGS_LAYER, advanced=True),
        Param("places", "table", "Gazetteer (places).", "Répertoire des lieux (places).",
              default="sample_data/real/places_geonames.csv", kind="places"),
        Param("poe", "table", "PoE registry (kind poe).", "Registre des points d'entrée (type poe).",
              required=True, kind="poe"),
        Param("status", "table", "PoE status timeline (kind poe_status).",
              "Chronologie des statuts des points d'entrée (type poe_status).", kind="poe_status"),
        Param("od", "table", "OD flows (kind od: origin, destination, flow in persons/day).",
              "Flux origine-destination (type od : origin, destination, flow en personnes/jour).", kind="od"),
        Param("flows", "vector", "OD flows from an `rdh corridors` GeoPackage (layer od_flows), instead of --od.",
              "Flux OD d'un GeoPackage de `rdh corridors` (couche od_flows), au lieu de --od.", kind="od_flows"),
        Param("herds", "vector", "Herd movements from an `rdh transhumance` GeoPackage (layer herd_routes; flows "
              "in heads), instead of --od.", "Mouvements de troupeaux d'un GeoPackage de `rdh transhumance` "
              "(couche herd_routes ; flux en têtes), au lieu de --od.", kind="herd_routes"),
        Param("date", "date", "Scenario: the PoE statuses on this date.",
              "Scénario : les statuts des points d'entrée à cette date."),
        Param("baseline_date", "date", "Baseline: the statuses on this date (default: every PoE open).",
              "Référence : les statuts à cette date (par défaut : tous les points d'entrée ouverts)."),
        Param("scenario", "table", "Scenario file (poe_id, status), applied on top of --date (or of all open).",
              "Fichier de scénario (poe_id, status), appliqué par-dessus --date (ou tous ouverts).",
              kind="scenario"),
        Param("criticality", "bool", "N-1 over every PoE, N-2 over the top pairs.",
              "N-1 sur chaque point d'entrée, N-2 sur les paires les plus critiques.", default=False),
        Param("top_pairs", "int", "N-2: all pairs among this many most critical PoEs.",
              "N-2 : toutes les paires parmi ce nombre de points d'entrée les plus critiques.", default=10,
              min=0, max=100, advanced=True),
        Param("timeline", "bool", "Impact on every date a status changes.",
              "Impact à chaque date où un statut change.", default=False),
        Param("start", "date", "Timeline start.", "Début de la chronologie.", default="2020-03-01"),
        Param("end", "date", "Timeline end.", "Fin de la chronologie.", default="2021-12-31"),
        Param("monte_carlo", "int", "Runs of the scenario with uncertain statuses (0 = none).",
              "Tirages du scénario avec des statuts incertains (0 = aucun).", default=0, min=0, max=100_000,
              advanced=True),
        Param("uncertainty", "float", "Monte Carlo: chance that a PoE's reported status is wrong (then drawn at "
              "random).", "Monte Carlo : probabilité que le statut rapporté d'un point d'entrée soit faux (il est "
              "alors tiré au hasard).", default=0.2, min=0, max=1, advanced=True),
        Param("seed", "int", "Monte Carlo: random seed.", "Monte Carlo : graine aléatoire.", default=0,
              advanced=True),
        Param("scheduler", "string", "Sweeps: 'local' (embedded Dask LocalCluster), 'serial', or tcp://host:port of "
              "a Dask scheduler.", "Balayages : 'local' (LocalCluster Dask intégré), 'serial', ou tcp://hôte:port "
              "d'un ordonnanceur Dask.", default="local", pattern=r"local|serial|(tcp|tls)://.+", advanced=True),
        Param("workers", "int", "Workers of the embedded LocalCluster.", "Processus du LocalCluster intégré.",
              default=2, min=1, max=64, advanced=True),
        Param("partial_penalty_h", "float", "Hours added at a partially open PoE.",
              "Heures ajoutées à un point d'entrée partiellement ouvert.", default=12.0, unit="h", min=0,
              advanced=True),
        Param("partial_capacity", "float", "Share of each flow that gets through a partially open PoE (the rest is "
              "stranded).", "Part de chaque flux qui passe un point d'entrée partiellement ouvert (le reste est "
              "bloqué).", default=1.0, min=0, max=1, advanced=True),
        Param("edge_rule", "enum", "Status of a border link several PoEs share: the most open or the most "
              "restrictive of theirs.", "Statut d'un lien frontalier partagé par plusieurs points d'entrée : le "
              "plus ouvert ou le plus restrictif des leurs.", default="most_open",
              choices=("most_open", "most_restrictive"), advanced=True),
        Param("poe_tolerance_km", "float", "Largest distance from a land PoE to the border crossing it is matched "
              "to.", "Distance maximale entre un point d'entrée terrestre et le passage frontalier auquel il est "
              "apparié.", default=25.0, unit="km", min=0, advanced=True),
        Param("snap_km", "float", "Largest distance from an OD place to the road network.",
              "Distance maximale entre un lieu OD et le réseau routier.", default=100.0, unit="km", min=0,
              advanced=True),
        Param("chart", "output_file", "Timeline chart PNG (default: next to OUTPUT, <name>_timeline.png).",
              "Graphique PNG de la chronologie (par défaut : à côté de OUTPUT, <nom>_timeline.png).",
              advanced=True),
        Param("map", "output_file", "Scenario map PNG (default: next to OUTPUT, <name>_map.png).",
              "Carte PNG du scénario (par défaut : à côté de OUTPUT, <nom>_map.png).", advanced=True),
        OVERWRITE,
        Param("output", "output_file", "Output GeoPackage.", "GeoPackage de sortie.", required=True,
              aliases=("-o",)),
    ),
)
