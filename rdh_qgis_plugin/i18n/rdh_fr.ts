<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
  <context>
    <name>RdhPlugin</name>
    <message>
      <source>Open the Processing dialog for: {names}</source>
      <translation>Ouvrez la boîte de dialogue Processing pour : {names}</translation>
    </message>
    <message>
      <source>Missing or invalid value: {names}</source>
      <translation>Valeur manquante ou invalide : {names}</translation>
    </message>
    <message>
      <source>No algorithm for this panel is installed in this version of the RDH Toolkit.</source>
      <translation>Aucun algorithme de ce panneau n'est installé dans cette version de la boîte à outils RDH.</translation>
    </message>
    <message>
      <source>RDH Sources</source>
      <translation>Sources RDH</translation>
    </message>
    <message>
      <source>RDH Analysis</source>
      <translation>Analyses RDH</translation>
    </message>
    <message>
      <source>RDH Publish</source>
      <translation>Publication RDH</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>Exécuter</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>The rdh command of the toolkit's Python environment, e.g. /opt/rdh-toolkit/.venv/bin/rdh. Saved in the QGIS settings.</source>
      <translation>La commande rdh de l'environnement Python de la boîte à outils, par ex. /opt/rdh-toolkit/.venv/bin/rdh. Enregistrée dans les paramètres de QGIS.</translation>
    </message>
    <message>
      <source>Select the rdh command of the toolkit's environment</source>
      <translation>Sélectionnez la commande rdh de l'environnement de la boîte à outils</translation>
    </message>
    <message>
      <source>RDH Toolkit</source>
      <translation>Boîte à outils RDH</translation>
    </message>
    <message>
      <source>RDH engine (the rdh command):</source>
      <translation>Moteur RDH (la commande rdh) :</translation>
    </message>
    <message>
      <source>Engine found: {path}</source>
      <translation>Moteur trouvé : {path}</translation>
    </message>
    <message>
      <source>Running {name}…</source>
      <translation>Exécution de {name}…</translation>
    </message>
    <message>
      <source>Not found: install the toolkit (make setup) and select its .venv/bin/rdh.</source>
      <translation>Introuvable : installez la boîte à outils (make setup) et sélectionnez son .venv/bin/rdh.</translation>
    </message>
    <message>
      <source>RDH: {name}</source>
      <translation>RDH : {name}</translation>
    </message>
    <message>
      <source>{name}: {count} layers added to the group “{group}”.</source>
      <translation>{name} : {count} couches ajoutées au groupe « {group} ».</translation>
    </message>
    <message>
      <source>{name} failed: {error}</source>
      <translation>{name} a échoué : {error}</translation>
    </message>
    <message>
      <source>Not a working rdh command: {reason}</source>
      <translation>Cette commande rdh ne fonctionne pas : {reason}</translation>
    </message>
    <message>
      <source>exit code {code}</source>
      <translation>code de sortie {code}</translation>
    </message>
    <message>
      <source>&amp;RDH Toolkit</source>
      <translation>Boîte à outils &amp;RDH</translation>
    </message>
    <message>
      <source>Run the sample-data demo…</source>
      <translation>Lancer la démo sur les données d'exemple…</translation>
    </message>
    <message>
      <source>{panel} panel</source>
      <translation>Panneau {panel}</translation>
    </message>
    <message>
      <source>RDH Toolkit cannot run its analyses yet: the RDH engine (the rdh command) was not found. Install the toolkit (make setup in its folder), then select its .venv/bin/rdh in the RDH Sources panel (or set RDH_EXECUTABLE, or the QGIS setting {setting}).</source>
      <translation>La boîte à outils RDH ne peut pas encore lancer ses analyses : le moteur RDH (la commande rdh) est introuvable. Installez la boîte à outils (make setup dans son dossier), puis sélectionnez son .venv/bin/rdh dans le panneau Sources RDH (ou définissez RDH_EXECUTABLE, ou le paramètre QGIS {setting}).</translation>
    </message>
    <message>
      <source>Migration corridors from flow-monitoring counts</source>
      <translation>Corridors migratoires à partir des comptages de suivi des flux</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>Analyse</translation>
    </message>
    <message>
      <source>Routes the flows counted at flow monitoring points (origin → FMP → next stop → destination) on the road network, shares partly declared origins and destinations out by IPF with a gravity prior, and writes edge volumes (persons/day with a bootstrap 5–95% interval), named corridors, straight OD lines and the observed/assigned fit at each FMP. With k above 1, flow is shared over k alternative routes by a logit on travel time. Same as `rdh corridors`.</source>
      <translation>Affecte sur le réseau routier les flux comptés aux points de suivi des flux (origine → FMP → étape suivante → destination), répartit les origines et destinations partiellement déclarées par IPF avec un a priori gravitaire, et écrit les volumes par tronçon (personnes/jour avec un intervalle bootstrap 5–95 %), les corridors nommés, les lignes OD droites et l'ajustement observé/affecté à chaque FMP. Avec k supérieur à 1, le flux est réparti sur k itinéraires alternatifs par un logit sur le temps de trajet. Équivaut à `rdh corridors`.</translation>
    </message>
    <message>
      <source>Road network</source>
      <translation>Réseau routier</translation>
    </message>
    <message>
      <source>Gazetteer of places</source>
      <translation>Répertoire géographique des localités</translation>
    </message>
    <message>
      <source>Flow monitoring points (catalogue)</source>
      <translation>Points de suivi des flux (catalogue)</translation>
    </message>
    <message>
      <source>Flow monitoring counts</source>
      <translation>Comptages de suivi des flux</translation>
    </message>
    <message>
      <source>Point-of-entry status timeline (optional)</source>
      <translation>Chronologie des statuts des points d'entrée (facultatif)</translation>
    </message>
    <message>
      <source>day</source>
      <translation>jour</translation>
    </message>
    <message>
      <source>week</source>
      <translation>semaine</translation>
    </message>
    <message>
      <source>month</source>
      <translation>mois</translation>
    </message>
    <message>
      <source>quarter</source>
      <translation>trimestre</translation>
    </message>
    <message>
      <source>year</source>
      <translation>année</translation>
    </message>
    <message>
      <source>all</source>
      <translation>tout</translation>
    </message>
    <message>
      <source>Period</source>
      <translation>Période</translation>
    </message>
    <message>
      <source>Filters (COLUMN=VALUES; separated by ';'), e.g. flow_type=outgoing</source>
      <translation>Filtres (COLONNE=VALEURS ; séparés par ';'), par ex. flow_type=outgoing</translation>
    </message>
    <message>
      <source>Routes per stop pair (k)</source>
      <translation>Itinéraires par paire d'étapes (k)</translation>
    </message>
    <message>
      <source>Route choice sensitivity (per hour)</source>
      <translation>Sensibilité du choix d'itinéraire (par heure)</translation>
    </message>
    <message>
      <source>Bootstrap resamples</source>
      <translation>Rééchantillonnages bootstrap</translation>
    </message>
    <message>
      <source>Minimum share of flow for a corridor edge</source>
      <translation>Part minimale du flux pour un tronçon de corridor</translation>
    </message>
    <message>
      <source>Output GeoPackage</source>
      <translation>GeoPackage de sortie</translation>
    </message>
    <message>
      <source>Layers written</source>
      <translation>Couches écrites</translation>
    </message>
    <message>
      <source>Sample-data demo: styled source layers</source>
      <translation>Démo sur les données d'exemple : couches sources stylées</translation>
    </message>
    <message>
      <source>Getting started</source>
      <translation>Premiers pas</translation>
    </message>
    <message>
      <source>Loads and validates the hub's sample source layers (roads, admin boundaries, places, Missing Migrants incidents) and writes them to one GeoPackage with the house styles embedded and provenance metadata. Same as `rdh demo` on the command line.</source>
      <translation>Charge et valide les couches sources d'exemple du hub (routes, limites administratives, localités, incidents Missing Migrants) et les écrit dans un GeoPackage avec les styles maison intégrés et les métadonnées de provenance. Équivaut à `rdh demo` en ligne de commande.</translation>
    </message>
    <message>
      <source>Sample data folder</source>
      <translation>Dossier des données d'exemple</translation>
    </message>
    <message>
      <source>Output folder</source>
      <translation>Dossier de sortie</translation>
    </message>
    <message>
      <source>Styled GeoPackage</source>
      <translation>GeoPackage stylé</translation>
    </message>
    <message>
      <source>Cancelled</source>
      <translation>Annulé</translation>
    </message>
    <message>
      <source>Export for the geoportal</source>
      <translation>Export pour le géoportail</translation>
    </message>
    <message>
      <source>Publish</source>
      <translation>Publication</translation>
    </message>
    <message>
      <source>Writes a publication bundle for the regional geoportal from an RDH GeoPackage: counts below the threshold withheld (or rounded), key-informant positions coarsened, then a GeoPackage with embedded styles and metadata, an SLD and ISO 19139 metadata per layer, a disclosure report, a styled QGIS project and a thumbnail. Same as `rdh export` on the command line.</source>
      <translation>Écrit un lot de publication pour le géoportail régional à partir d'un GeoPackage RDH : effectifs sous le seuil masqués (ou arrondis), positions des informateurs clés généralisées, puis un GeoPackage avec styles et métadonnées intégrés, un SLD et des métadonnées ISO 19139 par couche, un rapport de divulgation, un projet QGIS stylé et une vignette. Équivaut à `rdh export` en ligne de commande.</translation>
    </message>
    <message>
      <source>RDH GeoPackage</source>
      <translation>GeoPackage RDH</translation>
    </message>
    <message>
      <source>Theme (bundle name)</source>
      <translation>Thème (nom du lot)</translation>
    </message>
    <message>
      <source>Rasters to publish beside the layers (GeoTIFFs such as route_density.tif)</source>
      <translation>Rasters à publier à côté des couches (GeoTIFF comme route_density.tif)</translation>
    </message>
    <message>
      <source>Suppression threshold (counts below it are withheld)</source>
      <translation>Seuil de masquage (les effectifs inférieurs sont masqués)</translation>
    </message>
    <message>
      <source>Round counts to multiples of the threshold instead</source>
      <translation>Arrondir plutôt les effectifs à des multiples du seuil</translation>
    </message>
    <message>
      <source>Grid for key-informant positions (degrees)</source>
      <translation>Grille pour les positions des informateurs clés (degrés)</translation>
    </message>
    <message>
      <source>Internal use only: skip data protection</source>
      <translation>Usage interne uniquement : ne pas appliquer la protection des données</translation>
    </message>
    <message>
      <source>Publication folder</source>
      <translation>Dossier de publication</translation>
    </message>
    <message>
      <source>Bundle folder</source>
      <translation>Dossier du lot</translation>
    </message>
    <message>
      <source>Published GeoPackage</source>
      <translation>GeoPackage publié</translation>
    </message>
    <message>
      <source>QGIS project</source>
      <translation>Projet QGIS</translation>
    </message>
    <message>
      <source>Data protection skipped: this bundle is for internal use only.</source>
      <translation>Protection des données non appliquée : ce lot est réservé à un usage interne.</translation>
    </message>
    <message>
      <source>Load and validate source</source>
      <translation>Charger et valider une source</translation>
    </message>
    <message>
      <source>Sources</source>
      <translation>Sources de données</translation>
    </message>
    <message>
      <source>Checks a hub source file (CSV, XLSX, GeoPackage, Shapefile, GeoJSON) against the schema of its kind — flow monitoring points and counts, points of entry and their status, transhumance reports, Missing Migrants incidents, IDPs, assisted movements, roads, places, OD flows, admin units — and, when it is valid, loads it with its house style. French and English column names are understood. Warnings (duplicates, jumps, swapped coordinates, points outside their country, future dates, unknown place names) are listed but do not stop the load. Same as `rdh validate FILE --to-gpkg OUT` on the command line.</source>
      <translation>Vérifie un fichier source du hub (CSV, XLSX, GeoPackage, Shapefile, GeoJSON) selon le schéma de son type — points et comptages de suivi des flux, points d'entrée et leur statut, rapports de transhumance, incidents Missing Migrants, PDI, mouvements assistés, routes, localités, flux OD, unités administratives — et, s'il est valide, le charge avec son style maison. Les noms de colonnes en français et en anglais sont reconnus. Les avertissements (doublons, sauts, coordonnées inversées, points hors de leur pays, dates futures, noms de lieux inconnus) sont listés mais n'empêchent pas le chargement. Équivaut à `rdh validate FILE --to-gpkg OUT` en ligne de commande.</translation>
    </message>
    <message>
      <source>Source file</source>
      <translation>Fichier source</translation>
    </message>
    <message>
      <source>Kind of source</source>
      <translation>Type de source</translation>
    </message>
    <message>
      <source>Layer or sheet (default: the first)</source>
      <translation>Couche ou feuille (par défaut : la première)</translation>
    </message>
    <message>
      <source>Admin boundaries GeoPackage (adm0 layer, for point-in-country checks)</source>
      <translation>GeoPackage des limites administratives (couche adm0, pour vérifier qu'un point est dans son pays)</translation>
    </message>
    <message>
      <source>Gazetteer (GeoNames places CSV, for place-name checks)</source>
      <translation>Répertoire géographique (CSV des localités GeoNames, pour vérifier les noms de lieux)</translation>
    </message>
    <message>
      <source>Validated layer</source>
      <translation>Couche validée</translation>
    </message>
    <message>
      <source>Loaded layer</source>
      <translation>Couche chargée</translation>
    </message>
    <message>
      <source>Validation report</source>
      <translation>Rapport de validation</translation>
    </message>
    <message>
      <source>Valid</source>
      <translation>Valide</translation>
    </message>
    <message>
      <source>{path} is not a valid {kind} source: {n} error(s)</source>
      <translation>{path} n'est pas une source {kind} valide : {n} erreur(s)</translation>
    </message>
    <message>
      <source>(guess from the columns)</source>
      <translation>(deviner d'après les colonnes)</translation>
    </message>
    <message>
      <source>Maps</source>
      <translation>Cartes</translation>
    </message>
    <message>
      <source>Map (PDF/PNG) with the hub's layout</source>
      <translation>Carte (PDF/PNG) avec la mise en page du hub</translation>
    </message>
    <message>
      <source>One map of styled GeoPackage layers in the hub's layout (title, legend, scale bar, north arrow, locator, sources, disclaimer), framed on the features of a layer (optionally filtered), exported to PDF and/or PNG. Same as `rdh map`.</source>
      <translation>Une carte de couches GeoPackage stylées avec la mise en page du hub (titre, légende, échelle graphique, flèche du nord, carte de localisation, sources, avertissement), cadrée sur les entités d'une couche (éventuellement filtrées), exportée en PDF et/ou PNG. Équivaut à `rdh map`.</translation>
    </message>
    <message>
      <source>Atlas (one page per feature)</source>
      <translation>Atlas (une page par entité)</translation>
    </message>
    <message>
      <source>An atlas series in the hub's layout: one page per feature of the coverage layer (countries, admin1, corridors, points of entry), with the page's name in the title, the map zoomed on it, the locator highlighting it and a legend of what the page shows. One PDF, or one PDF/PNG per page into a folder. 'Selected features only' and the filter export only some pages. Layers are GeoPackage layers with their embedded house styles. Same as `rdh atlas`.</source>
      <translation>Une série d'atlas avec la mise en page du hub : une page par entité de la couche de couverture (pays, admin1, corridors, points d'entrée), avec le nom de la page dans le titre, la carte zoomée dessus, la carte de localisation qui la met en évidence et une légende de ce que montre la page. Un seul PDF, ou un PDF/PNG par page dans un dossier. « Entités sélectionnées uniquement » et le filtre n'exportent que certaines pages. Les couches sont des couches GeoPackage avec leurs styles maison intégrés. Équivaut à `rdh atlas`.</translation>
    </message>
    <message>
      <source>A4 landscape</source>
      <translation>Format A4 paysage</translation>
    </message>
    <message>
      <source>A4 portrait</source>
      <translation>Format A4 portrait</translation>
    </message>
    <message>
      <source>A3 landscape</source>
      <translation>Format A3 paysage</translation>
    </message>
    <message>
      <source>A3 portrait</source>
      <translation>Format A3 portrait</translation>
    </message>
    <message>
      <source>Layers to show (top first; GeoPackage layers)</source>
      <translation>Couches à afficher (la plus haute en premier ; couches GeoPackage)</translation>
    </message>
    <message>
      <source>Template</source>
      <translation>Modèle</translation>
    </message>
    <message>
      <source>Own layout template (.qpt), instead of the above</source>
      <translation>Modèle de mise en page personnel (.qpt), à la place du précédent</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Langue</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Titre</translation>
    </message>
    <message>
      <source>Period (subtitle)</source>
      <translation>Période (sous-titre)</translation>
    </message>
    <message>
      <source>Resolution of images (dpi)</source>
      <translation>Résolution des images (ppp)</translation>
    </message>
    <message>
      <source>Frame the map on this layer (one of the layers shown)</source>
      <translation>Cadrer la carte sur cette couche (l'une des couches affichées)</translation>
    </message>
    <message>
      <source>…only its features matching</source>
      <translation>…uniquement ses entités correspondant à</translation>
    </message>
    <message>
      <source>Map PDF</source>
      <translation>Carte PDF</translation>
    </message>
    <message>
      <source>Map PNG</source>
      <translation>Carte PNG</translation>
    </message>
    <message>
      <source>Choose a PDF and/or a PNG file to write.</source>
      <translation>Choisissez un fichier PDF et/ou PNG à écrire.</translation>
    </message>
    <message>
      <source>Coverage layer (one page per feature)</source>
      <translation>Couche de couverture (une page par entité)</translation>
    </message>
    <message>
      <source>Selected features only</source>
      <translation>Entités sélectionnées uniquement</translation>
    </message>
    <message>
      <source>Only features matching</source>
      <translation>Uniquement les entités correspondant à</translation>
    </message>
    <message>
      <source>One file per page (into the pages folder)</source>
      <translation>Un fichier par page (dans le dossier des pages)</translation>
    </message>
    <message>
      <source>Page files</source>
      <translation>Fichiers des pages</translation>
    </message>
    <message>
      <source>Atlas PDF</source>
      <translation>PDF de l'atlas</translation>
    </message>
    <message>
      <source>Pages folder</source>
      <translation>Dossier des pages</translation>
    </message>
    <message>
      <source>Add the coverage layer to the layers shown, or leave them empty to show every layer of its GeoPackage.</source>
      <translation>Ajoutez la couche de couverture aux couches affichées, ou laissez celles-ci vides pour afficher toutes les couches de son GeoPackage.</translation>
    </message>
    <message>
      <source>Choose the atlas PDF to write.</source>
      <translation>Choisissez le PDF de l'atlas à écrire.</translation>
    </message>
    <message>
      <source>{name}: maps are made from GeoPackage layers (the toolkit's outputs); save the layer to a GeoPackage first.</source>
      <translation>{name} : les cartes sont faites à partir de couches GeoPackage (les sorties de la boîte à outils) ; enregistrez d'abord la couche dans un GeoPackage.</translation>
    </message>
    <message>
      <source>'Selected features only' is on, but nothing is selected.</source>
      <translation>« Entités sélectionnées uniquement » est activé, mais rien n'est sélectionné.</translation>
    </message>
    <message>
      <source>Choose the folder that receives the pages.</source>
      <translation>Choisissez le dossier qui reçoit les pages.</translation>
    </message>
    <message>
      <source>Border-closure impact (points of entry)</source>
      <translation>Impact des fermetures de frontières (points d'entrée)</translation>
    </message>
    <message>
      <source>Border closures</source>
      <translation>Fermetures de frontières</translation>
    </message>
    <message>
      <source>Impact of closing points of entry on flows: for a date (status timeline) and/or a scenario file (poe_id, status), every OD flow's extra km and hours or whether it is stranded, flow lost and gained per PoE and volume change per road, against a baseline (all open or another date). Optional: criticality of every PoE (N-1, and N-2 for the top pairs) and the impact on every date a status changes, with a chart. Sweeps run on Dask: 'local' starts a cluster on this machine, or give tcp://host:port. Same as `rdh poe-impact` on the command line.</source>
      <translation>Impact de la fermeture de points d'entrée (PoE) sur les flux : pour une date (chronologie des statuts) et/ou un fichier de scénario (poe_id, status), les km et heures supplémentaires de chaque flux OD ou son blocage, le flux perdu et gagné par PoE et la variation de volume par route, par rapport à une référence (tous ouverts ou une autre date). En option : la criticité de chaque PoE (N-1, et N-2 pour les paires principales) et l'impact à chaque date où un statut change, avec un graphique. Les balayages tournent sur Dask : 'local' démarre un cluster sur cette machine, ou indiquez tcp://hôte:port. Équivaut à `rdh poe-impact` en ligne de commande.</translation>
    </message>
    <message>
      <source>Road network (GeoPackage with layer 'edges')</source>
      <translation>Réseau routier (GeoPackage avec la couche 'edges')</translation>
    </message>
    <message>
      <source>Gazetteer (places)</source>
      <translation>Répertoire géographique (localités)</translation>
    </message>
    <message>
      <source>PoE registry</source>
      <translation>Registre des points d'entrée (PoE)</translation>
    </message>
    <message>
      <source>PoE status timeline</source>
      <translation>Chronologie des statuts des PoE</translation>
    </message>
    <message>
      <source>OD flows (origin, destination, flow)</source>
      <translation>Flux OD (origine, destination, flux)</translation>
    </message>
    <message>
      <source>Corridors output (layer od_flows), instead of OD flows</source>
      <translation>Sortie des corridors (couche od_flows), à la place des flux OD</translation>
    </message>
    <message>
      <source>Transhumance output (layer herd_routes), instead of OD flows</source>
      <translation>Sortie de la transhumance (couche herd_routes), à la place des flux OD</translation>
    </message>
    <message>
      <source>Scenario file (poe_id, status)</source>
      <translation>Fichier de scénario (poe_id, status)</translation>
    </message>
    <message>
      <source>Scenario date (YYYY-MM-DD)</source>
      <translation>Date du scénario (AAAA-MM-JJ)</translation>
    </message>
    <message>
      <source>Baseline date (YYYY-MM-DD; empty = every PoE open)</source>
      <translation>Date de référence (AAAA-MM-JJ ; vide = tous les PoE ouverts)</translation>
    </message>
    <message>
      <source>Criticality (N-1, N-2)</source>
      <translation>Criticité (N-1, N-2)</translation>
    </message>
    <message>
      <source>Timeline over every status change</source>
      <translation>Chronologie sur chaque changement de statut</translation>
    </message>
    <message>
      <source>Monte Carlo runs with uncertain statuses (0 = none)</source>
      <translation>Tirages Monte Carlo avec statuts incertains (0 = aucun)</translation>
    </message>
    <message>
      <source>Sweeps: 'local' (Dask on this machine), 'serial' or tcp://host:port</source>
      <translation>Balayages : 'local' (Dask sur cette machine), 'serial' ou tcp://hôte:port</translation>
    </message>
    <message>
      <source>Hours added at a partially open PoE</source>
      <translation>Heures ajoutées à un PoE partiellement ouvert</translation>
    </message>
    <message>
      <source>Share of a flow that passes a partially open PoE</source>
      <translation>Part d'un flux qui passe un PoE partiellement ouvert</translation>
    </message>
    <message>
      <source>Timeline chart (PNG)</source>
      <translation>Graphique de la chronologie (PNG)</translation>
    </message>
    <message>
      <source>RDH Toolkit (Regional Data Hub, West and Central Africa)</source>
      <translation>Boîte à outils RDH (Regional Data Hub, Afrique de l'Ouest et du Centre)</translation>
    </message>
    <message>
      <source>Transhumance routes from key-informant reports</source>
      <translation>Itinéraires de transhumance à partir des rapports d'informateurs clés</translation>
    </message>
    <message>
      <source>Transhumance</source>
      <translation>Transhumance pastorale</translation>
    </message>
    <message>
      <source>Chains each herd's key-informant reports in time order and joins them by least-cost paths over a seasonal cost surface (built from land cover, or a ready cost raster). Writes herd routes, corridor lines with herd counts, border crossings with dates and alerts (herds predicted to reach a closed crossing or a conflict area) to a GeoPackage, and route_density.tif and corridor_band.tif beside it. Informant ids and exact report positions are not written. With surveyed OD flows between places instead of reports, routes each pair (od_routes) and the corridors they share. Same as `rdh transhumance` on the command line.</source>
      <translation>Enchaîne dans l'ordre chronologique les rapports d'informateurs clés de chaque troupeau et les relie par des chemins de moindre coût sur une surface de coût saisonnière (construite à partir de l'occupation du sol, ou un raster de coût prêt à l'emploi). Écrit dans un GeoPackage les itinéraires des troupeaux, les lignes de couloirs avec les effectifs de troupeaux, les passages de frontière datés et les alertes (troupeaux susceptibles d'atteindre un point de passage fermé ou une zone de conflit), et à côté route_density.tif et corridor_band.tif. Les identifiants des informateurs et les positions exactes des rapports ne sont pas écrits. Avec des flux origine-destination enquêtés entre localités au lieu des rapports, trace l'itinéraire de chaque paire (od_routes) et les couloirs qu'ils partagent. Équivaut à `rdh transhumance` en ligne de commande.</translation>
    </message>
    <message>
      <source>Key-informant reports (CSV, XLSX or GeoPackage)</source>
      <translation>Rapports d'informateurs clés (CSV, XLSX ou GeoPackage)</translation>
    </message>
    <message>
      <source>Or: surveyed OD flows between places (origin, destination, flow)</source>
      <translation>Ou : flux origine-destination enquêtés entre localités (origine, destination, flux)</translation>
    </message>
    <message>
      <source>Gazetteer of places (for OD flows)</source>
      <translation>Répertoire des localités (pour les flux origine-destination)</translation>
    </message>
    <message>
      <source>Ready cost raster (instead of land cover)</source>
      <translation>Raster de coût prêt à l'emploi (à la place de l'occupation du sol)</translation>
    </message>
    <message>
      <source>Land cover raster (IGBP classes)</source>
      <translation>Raster d'occupation du sol (classes IGBP)</translation>
    </message>
    <message>
      <source>Season</source>
      <translation>Saison</translation>
    </message>
    <message>
      <source>Rivers and lakes (GeoPackage)</source>
      <translation>Cours d'eau et lacs (GeoPackage)</translation>
    </message>
    <message>
      <source>Roads</source>
      <translation>Routes</translation>
    </message>
    <message>
      <source>Countries (admin GeoPackage)</source>
      <translation>Pays (GeoPackage administratif)</translation>
    </message>
    <message>
      <source>Border crossings / points of entry</source>
      <translation>Points de passage frontaliers / points d'entrée</translation>
    </message>
    <message>
      <source>Pastoral infrastructure (GeoPackage)</source>
      <translation>Infrastructures pastorales (GeoPackage)</translation>
    </message>
    <message>
      <source>Cell size of the built surface (m)</source>
      <translation>Taille de cellule de la surface construite (m)</translation>
    </message>
    <message>
      <source>Connectivity</source>
      <translation>Connectivité</translation>
    </message>
    <message>
      <source>Corridor band (% above the optimal cost)</source>
      <translation>Bande de couloir (% au-dessus du coût optimal)</translation>
    </message>
    <message>
      <source>Alert horizon (days)</source>
      <translation>Horizon d'alerte (jours)</translation>
    </message>
    <message>
      <source>Cost factor where the herd was seen in other years (1 = none)</source>
      <translation>Facteur de coût là où le troupeau a été vu les autres années (1 = aucun)</translation>
    </message>
    <message>
      <source>Also compute a circuit-theory current map (current_density.tif)</source>
      <translation>Calculer aussi une carte de courant par la théorie des circuits (current_density.tif)</translation>
    </message>
    <message>
      <source>Herd routes</source>
      <translation>Itinéraires des troupeaux</translation>
    </message>
    <message>
      <source>Route density</source>
      <translation>Densité des itinéraires</translation>
    </message>
    <message>
      <source>Corridor band</source>
      <translation>Bande de couloir</translation>
    </message>
    <message>
      <source>Current map</source>
      <translation>Carte de courant</translation>
    </message>
    <message>
      <source>Give either a ready cost raster or a land cover raster (not both).</source>
      <translation>Indiquez soit un raster de coût prêt à l'emploi, soit un raster d'occupation du sol (pas les deux).</translation>
    </message>
    <message>
      <source>Give either key-informant reports or OD flows (not both).</source>
      <translation>Donnez soit des rapports d'informateurs clés, soit des flux origine-destination (pas les deux).</translation>
    </message>
    <message>
      <source>OD flows need a gazetteer of places.</source>
      <translation>Les flux origine-destination demandent un répertoire des localités.</translation>
    </message>
    <message>
      <source>dry</source>
      <translation>saison sèche</translation>
    </message>
    <message>
      <source>wet</source>
      <translation>saison des pluies</translation>
    </message>
    <message>
      <source>The algorithm could not start with these parameters.</source>
      <translation>L'algorithme n'a pas pu démarrer avec ces paramètres.</translation>
    </message>
    <message>
      <source>No Processing algorithm {id}</source>
      <translation>Aucun algorithme Processing {id}</translation>
    </message>
  </context>
</TS>
