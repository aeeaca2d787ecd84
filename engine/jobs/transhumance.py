"""The `transhumance` job: seasonal herd routes from key-informant reports (declaration only).

Defaults mirror engine constants (EVIDENCE_FACTOR, DEFAULT_CRS...) without importing them, so that
``rdh --help`` stays fast; tests/test_jobs.py checks they agree.
"""
from .model import OVERWRITE, JobSpec, Param

JOB = JobSpec(
    name="transhumance",
    title_en="Transhumance routes",
    title_fr="Routes de transhumance",
    help_en="""Seasonal transhumance routes from key-informant reports (or surveyed OD flows) over a cost surface.

Chains each herd's reports in time order and joins them by straight legs (--routing least-cost:
least-cost paths on legs of 20 km or more), then writes
herd_routes, corridor_lines, border_crossings and alerts (OUTPUT) plus route_density.tif
(band 1 herds, band 2 animals per cell), corridor_band.tif (herds whose near-optimal band
covers the cell), informants_per_cell.tif (internal: distinct informants behind the herds of
each cell, which rdh export holds published cells to) and alerts.csv (the alerts as a table);
with --current, current_density.tif. Legs prefer ground where the same herd was reported in the
same season of other years (--evidence-factor). Informant ids and exact report positions are
not written.

With --od and --places instead of --reports (surveyed flows between places, e.g. markets or
communes), writes od_routes (one least-cost route per pair, with its flow) and corridor_lines,
and route_density.tif (band 1 OD links, band 2 flow per cell; no informants behind it, so rdh
export does not publish it).""",
    help_fr="""Routes saisonnières de transhumance à partir des rapports d'informateurs clés (ou de flux OD
enquêtés) sur une surface de coût.

Enchaîne les rapports de chaque troupeau dans l'ordre du temps et les relie par des tronçons droits
(--routing least-cost : chemins de moindre coût sur les tronçons d'au moins 20 km), puis écrit herd_routes, corridor_lines, border_crossings et alerts (OUTPUT) ainsi que
route_density.tif (bande 1 troupeaux, bande 2 animaux par cellule), corridor_band.tif,
informants_per_cell.tif (interne : informateurs distincts derrière les troupeaux de chaque cellule,
auxquels rdh export soumet les cellules publiées) et alerts.csv ; avec --current, current_density.tif. Les identifiants d'informateurs et les positions exactes des
rapports ne sont pas écrits.

Avec --od et --places au lieu de --reports (flux enquêtés entre lieux), écrit od_routes et
corridor_lines, et route_density.tif (bande 1 liens OD, bande 2 flux par cellule ; sans informateurs
derrière, rdh export ne le publie pas).""",
    epilog="""\b
rdh transhumance --reports ki.csv --landcover lc.tif --season dry -o dry.gpkg
rdh transhumance --od flows.csv --places places.csv --landcover lc.tif --season wet -o od.gpkg
rdh transhumance --reports ki.csv --cost cost.tif -o routes.gpkg

Subcommands: `rdh transhumance evaluate` scores the reconstruction methods against GPS tracks;
`rdh transhumance calibrate` fits cost weights from GPS tracks.""",
    run="transhumance_routes.job:run",
    outputs=("herd_routes", "corridor_lines", "border_crossings", "alerts", "od_routes", "route_density",
             "corridor_band", "current_density", "informants_per_cell"),
    params=(
        Param("reports", "table", "Key-informant reports (kind ki_reports: CSV, XLSX or GeoPackage).",
              "Rapports d'informateurs clés (type ki_reports : CSV, XLSX ou GeoPackage).", kind="ki_reports",
              exists=False),
        Param("od", "table", "Instead of --reports: surveyed OD flows (kind od: origin, destination, flow; optional "
              "season) between places, routed as one least-cost path per pair.",
              "Au lieu de --reports : flux OD enquêtés (type od : origin, destination, flow ; season facultatif) "
              "entre lieux, un chemin de moindre coût par paire.", kind="od", exists=False),
        Param("places", "table", "Gazetteer locating the --od origins and destinations (GeoNames CSV; with --admin, "
              "admin unit names too).", "Répertoire localisant les origines et destinations de --od (CSV "
              "GeoNames ; avec --admin, aussi les noms d'unités administratives).", kind="places", exists=False),
        Param("cost", "raster", "A ready cost GeoTIFF (projected CRS; cost per metre, nodata = barrier).",
              "Un GeoTIFF de coût prêt (SCR projeté ; coût par mètre, nodata = barrière).", exists=False),
        Param("landcover", "raster", "IGBP land-cover GeoTIFF to build the seasonal cost surface from.",
              "GeoTIFF d'occupation du sol IGBP pour construire la surface de coût saisonnière.", exists=False),
        Param("season", "enum", "Season to route (required with --landcover; with --cost, routes only that season).",
              "Saison à tracer (obligatoire avec --landcover ; avec --cost, seulement cette saison).",
              choices=("dry", "wet")),
        Param("weights", "file", "Cost-weights TOML (default: the shipped one for --season).",
              "TOML des poids de coût (par défaut : celui livré pour --season).", advanced=True, exists=False),
        Param("roads", "vector", "Road lines (layer 'edges' if present).",
              "Lignes des routes (couche 'edges' si présente).", kind="roads", exists=False),
        Param("water", "vector", "GeoPackage with 'rivers_lake_centerlines' and 'lakes' layers.",
              "GeoPackage avec les couches 'rivers_lake_centerlines' et 'lakes'.", exists=False),
        Param("slope", "raster", "Slope GeoTIFF (degrees).", "GeoTIFF de pente (degrés).", exists=False,
              advanced=True),
        Param("protected", "vector", "Protected areas and forest reserves (polygons): costlier, more so in the wet "
              "season.", "Aires protégées et forêts classées (polygones) : plus coûteuses, surtout en saison des "
              "pluies.", exists=False),
        Param("admin", "vector", "Country polygons (layer 'adm0', column adm0_iso3): border costs and crossings.",
              "Polygones des pays (couche 'adm0', colonne adm0_iso3) : coûts frontaliers et passages.",
              kind="admin", exists=False),
        Param("poe", "vector", "Known border crossings: a points layer, or a poe registry table (poe_id, lon, lat).",
              "Passages frontaliers connus : une couche de points, ou un registre poe (poe_id, lon, lat).",
              kind="poe", exists=False),
        Param("status", "table", "poe_status table; crossings fully_closed on --date are alert hazards.",
              "Table poe_status ; les passages fully_closed à --date sont des dangers pour les alertes.",
              kind="poe_status", exists=False),
        Param("date", "date", "Alert date (ISO; default: the latest report).",
              "Date des alertes (ISO ; par défaut : le dernier rapport)."),
        Param("conflict", "vector", "Flagged conflict areas (vector).", "Zones de conflit signalées (vecteur).",
              exists=False),
        Param("infrastructure", "vector", "Pastoral infrastructure GeoPackage (boreholes_irh, livestock_markets, "
              "vaccination_parks as attractors; pastoral_suitability polygons for pasture quality).",
              "GeoPackage des infrastructures pastorales (boreholes_irh, livestock_markets, vaccination_parks "
              "comme attracteurs ; polygones pastoral_suitability pour la qualité des pâturages).", exists=False),
        Param("resolution_m", "float", "Cell size of the built surface.", "Taille de cellule de la surface "
              "construite.", default=2500.0, unit="m", min=100, advanced=True),
        Param("crs", "string", "Projected CRS of the built surface.", "SCR projeté de la surface construite.",
              default="ESRI:102022", advanced=True),
        Param("bounds", "float", "Surface extent minx miny maxx maxy in --crs (default: the reports + 100 km).",
              "Emprise de la surface minx miny maxx maxy dans --crs (par défaut : les rapports + 100 km).",
              nargs=4, unit="m", advanced=True),
        Param("connectivity", "enum", "Moves per cell: 8 (king) or 16 (king and knight).",
              "Déplacements par cellule : 8 (roi) ou 16 (roi et cavalier).", default="16", choices=("8", "16"),
              advanced=True),
        Param("band_pct", "float", "Corridor band: cells within this %% of the optimal cumulative cost.",
              "Bande de corridor : cellules à moins de ce %% du coût cumulé optimal.", default=10.0, unit="%",
              min=0, advanced=True),
        Param("alert_days", "int", "Alert horizon: hazards a herd is predicted to reach within N days.",
              "Horizon d'alerte : dangers qu'un troupeau devrait atteindre dans les N jours.", default=14,
              unit="days", min=0),
        Param("max_gap_days", "int", "A longer gap between two reports of a herd starts a new trip.",
              "Un écart plus long entre deux rapports d'un troupeau commence un nouveau trajet.", default=30,
              unit="days", min=1, advanced=True),
        Param("min_corridor_herds", "int", "Corridor lines follow cells used by at least this many herds.",
              "Les lignes de corridor suivent les cellules utilisées par au moins ce nombre de troupeaux.",
              default=2, min=1, advanced=True),
        Param("evidence_factor", "float", "Cost multiplier near other reports of the season: routes prefer ground "
              "where herds were seen (1 = the surface alone).", "Multiplicateur de coût près des autres rapports "
              "de la saison : les routes préfèrent les terrains où des troupeaux ont été vus (1 = la surface "
              "seule).", default=0.5, min=0, min_open=True, max=1, advanced=True),
        Param("evidence_radius_m", "float", "Radius around each report for --evidence-factor.",
              "Rayon autour de chaque rapport pour --evidence-factor.", default=5000.0, unit="m", min=0,
              advanced=True),
        Param("routing", "enum", "Legs between reports: straight segments, or least-cost paths on the surface (only "
              "legs of --min-routed-leg-km or more). Straight is the default: against GPS-collar tracks least-cost "
              "legs did not do better (docs/transhumance.md).", "Tronçons entre rapports : segments droits, ou "
              "chemins de moindre coût sur la surface (seulement les tronçons d'au moins --min-routed-leg-km). "
              "Droit par défaut : face aux traces GPS de colliers, le moindre coût ne fait pas mieux "
              "(docs/transhumance.md).", default="straight", choices=("straight", "least-cost")),
        Param("min_routed_leg_km", "float", "With --routing least-cost, shorter legs stay straight.",
              "Avec --routing least-cost, les tronçons plus courts restent droits.", default=20.0, unit="km",
              min=0, advanced=True),
        Param("prior_tracks", "vector", "Lines of where herds have gone (GPS tracks, earlier routes, surveyed "
              "corridors; column herd_id): cost / (1 + a x share of herds within 5 km), for least-cost legs and "
              "alert walks.", "Lignes des passages connus des troupeaux (traces GPS, routes antérieures, "
              "couloirs enquêtés ; colonne herd_id) : coût / (1 + a x part des troupeaux à moins de 5 km), pour "
              "les tronçons de moindre coût et les marches d'alerte.", advanced=True),
        Param("prior_strength", "string", "The prior's a: 'auto' (chosen by leave-one-herd-out cross-validation "
              "on --prior-tracks) or a number >= 0.", "Le a de l'a priori : 'auto' (choisi par validation croisée "
              "en laissant un troupeau de côté sur --prior-tracks) ou un nombre >= 0.", default="auto",
              metavar="auto|FLOAT", advanced=True),
        Param("band_level", "float", "With straight routing, corridor_band.tif is the Brownian-bridge band holding "
              "this probability of where the herd was between reports (with least-cost routing: --band-pct).",
              "Avec des tronçons droits, corridor_band.tif est la bande de pont brownien qui contient cette "
              "probabilité de la position du troupeau entre deux rapports (en moindre coût : --band-pct).",
              default=0.95, min=0, max=1, min_open=True, max_open=True, advanced=True),
        Param("current", "bool", "Also write current_density.tif: a circuit-theory current map of the herds' trips "
              "(first to last report) or of the OD flows, to compare with the least-cost corridors.",
              "Écrit aussi current_density.tif : une carte de courant (théorie des circuits) des trajets des "
              "troupeaux ou des flux OD, à comparer aux corridors de moindre coût.", default=False),
        Param("current_max_cells", "int", "The current map runs on the surface averaged by blocks to at most this "
              "many cells.", "La carte de courant tourne sur la surface moyennée par blocs jusqu'à au plus ce "
              "nombre de cellules.", default=250_000, min=100, advanced=True),
        Param("save_cost", "output_file", "Also write the built cost surface to this GeoTIFF.",
              "Écrit aussi la surface de coût construite dans ce GeoTIFF.", advanced=True),
        OVERWRITE,
        Param("output", "output_file", "Output GeoPackage; the rasters (route_density.tif, ...) are written beside "
              "it.", "GeoPackage de sortie ; les rasters (route_density.tif, ...) sont écrits à côté.",
              required=True, aliases=("-o",)),
    ),
)
