"""The `validate`, `export` and `demo` jobs (declarations only).

Defaults mirror engine constants (protection threshold, sample paths, source kinds) without
importing them, so that ``rdh --help`` stays fast; tests/test_jobs.py checks they agree.
"""
from .model import JobSpec, Param

SOURCE_KINDS = ("admin", "fmp", "fmp_counts", "idp", "ki_reports", "mmp", "movements", "od", "places", "poe",
                "poe_status", "roads")
DEMO_STEPS = ("sources", "corridors", "transhumance", "poe-impact", "publish", "maps")

VALIDATE = JobSpec(
    name="validate",
    title_en="Validate a source file",
    title_fr="Valider un fichier source",
    help_en="""Validate the source file PATH (CSV, XLSX, GeoPackage, Shapefile, GeoJSON).

Prints, per rule, the rows that break it (row 1 is the header). Exit code 0 when the file is
valid (warnings allowed), 1 when it is not, 2 on a usage error (e.g. the kind cannot be guessed).""",
    help_fr="""Valide le fichier source PATH (CSV, XLSX, GeoPackage, Shapefile, GeoJSON).

Affiche, pour chaque règle, les lignes qui l'enfreignent (la ligne 1 est l'en-tête). Code de sortie 0
si le fichier est valide (avertissements permis), 1 sinon, 2 pour une erreur d'usage.""",
    run="cli.validate:run_validate",
    params=(
        Param("path", "file", "Source file to validate.", "Fichier source à valider.", required=True,
              argument=True, exists=False),
        Param("kind", "enum", "Kind of source (see docs/sources.md). Guessed from the columns when omitted.",
              "Type de source (voir docs/sources.md). Deviné d'après les colonnes s'il est omis.",
              choices=SOURCE_KINDS),
        Param("layer", "string", "GeoPackage layer or XLSX sheet (default: the first).",
              "Couche GeoPackage ou feuille XLSX (par défaut : la première)."),
        Param("admin", "vector", "GeoPackage with an adm0 layer, for the point-in-country check (skipped when the "
              "file does not exist).", "GeoPackage avec une couche adm0, pour le contrôle point-dans-pays (ignoré "
              "si le fichier n'existe pas).", default="sample_data/real/admin.gpkg", exists=False, advanced=True,
              kind="admin"),
        Param("places", "table", "GeoNames places file: origin/destination/next-stop names are looked up in it "
              "(skipped when the file does not exist).", "Fichier de lieux GeoNames : les noms d'origine, de "
              "destination et de prochaine étape y sont cherchés (ignoré si le fichier n'existe pas).",
              default="sample_data/real/places_geonames.csv", exists=False, advanced=True, kind="places"),
        Param("report", "output_file", "Also write the report as FILE.csv (one line per issue) or FILE.json.",
              "Écrit aussi le rapport dans FILE.csv (une ligne par problème) ou FILE.json."),
        Param("to_gpkg", "output_file", "When the file is valid, write it as a styled GeoPackage layer named after "
              "the kind.", "Si le fichier est valide, l'écrit comme couche GeoPackage stylée nommée d'après le "
              "type."),
        Param("max_rows", "int", "Rows listed per rule in the printed report.",
              "Lignes listées par règle dans le rapport affiché.", default=20, advanced=True),
    ),
)

EXPORT = JobSpec(
    name="export",
    title_en="Publication bundle",
    title_fr="Lot de publication",
    help_en="""Protect, style and document RDH GeoPackages as one publication bundle in OUTPUT/THEME.

Small counts are withheld (or rounded) and key-informant positions coarsened before anything
is written; the bundle is audited and refused if anything slips through. With QGIS available
the bundle also gets a styled QGIS project (.qgz) and a thumbnail.""",
    help_fr="""Protège, style et documente des GeoPackages RDH en un lot de publication dans OUTPUT/THEME.

Les petits effectifs sont masqués (ou arrondis) et les positions des informateurs clés dégradées avant
toute écriture ; le lot est audité et refusé si quelque chose passe au travers. Avec QGIS, le lot
reçoit aussi un projet QGIS stylé (.qgz) et une vignette.""",
    run="cli.export:run_export",
    params=(
        Param("inputs", "vector", "RDH GeoPackages to publish.", "GeoPackages RDH à publier.", required=True,
              multiple=True, argument=True),
        Param("output", "output_folder", "Folder that receives the bundle folder.",
              "Dossier qui reçoit le dossier du lot.", default="out/publish", aliases=("-o",)),
        Param("theme", "string", "Bundle (map theme) name; default: the first input's file name.",
              "Nom du lot (thème cartographique) ; par défaut : le nom du premier fichier."),
        Param("layer", "string", "Layer to publish (repeatable; default: all).",
              "Couche à publier (répétable ; par défaut : toutes).", multiple=True),
        Param("raster", "raster", "GeoTIFF to publish beside the layers (repeatable), e.g. route_density.tif of rdh "
              "transhumance; count rasters lose their small counts too.", "GeoTIFF à publier à côté des couches "
              "(répétable), p. ex. route_density.tif de rdh transhumance ; les petits effectifs des rasters de "
              "comptage sont aussi masqués.", multiple=True),
        Param("threshold", "int", "Counts below this are withheld (or rounded).",
              "Les effectifs inférieurs sont masqués (ou arrondis).", default=5, min=1),
        Param("round", "bool", "Round counts to multiples of the threshold instead of withholding small ones.",
              "Arrondit les effectifs aux multiples du seuil au lieu de masquer les petits.", default=False),
        Param("grid_deg", "float", "Grid cell (degrees) key-informant positions are coarsened to.",
              "Maille (degrés) à laquelle les positions des informateurs clés sont dégradées.", default=0.5,
              unit="°", min=0, min_open=True, advanced=True),
        Param("informants_to_admin", "bool", "Coarsen key-informant positions to admin-1 units (layer admin1 of the "
              "inputs) instead.", "Dégrade plutôt les positions des informateurs clés aux unités admin-1 (couche "
              "admin1 des entrées).", default=False, advanced=True),
        Param("internal", "bool", "Skip data protection: for internal use only, never for the geoportal. The "
              "bundle is marked internal.", "Saute la protection des données : usage interne seulement, jamais "
              "pour le géoportail. Le lot est marqué interne.", default=False, advanced=True),
        Param("contact_email", "string", "Contact e-mail written into the metadata.",
              "Courriel de contact écrit dans les métadonnées.", default="", advanced=True),
        Param("no_qgis", "bool", "Skip the QGIS project and thumbnail even if QGIS is available.",
              "Saute le projet QGIS et la vignette même si QGIS est disponible.", default=False, advanced=True),
    ),
)

DEMO = JobSpec(
    name="demo",
    title_en="Demo on the sample data",
    title_fr="Démonstration sur les données d'exemple",
    help_en="""Run the demo on the sample data and write its outputs to OUTPUT.

\b
sources       the real source layers, validated, as one styled GeoPackage (rdh_sources.gpkg)
corridors     migration corridors from the generated flow-monitoring counts (corridors/)
transhumance  dry- and wet-season herd routes from the generated key-informant reports
poe-impact    border-closure impact on 15 April 2020, N-1 criticality and the 2020-21 timeline
publish       publication bundles per theme (out/publish/) and a QGIS Server project
maps          regional overview maps and a per-country atlas, English and French (needs QGIS)""",
    help_fr="""Lance la démonstration sur les données d'exemple et écrit ses résultats dans OUTPUT.

Étapes : sources, corridors, transhumance, poe-impact, publish, maps (cette dernière exige QGIS).""",
    run="cli.demo:run_demo",
    params=(
        Param("data", "folder", "Sample data folder (as shipped in the repository).",
              "Dossier des données d'exemple (tel que livré dans le dépôt).", default="sample_data", exists=False),
        Param("output", "output_folder", "Folder that receives every output.",
              "Dossier qui reçoit tous les résultats.", default="out", aliases=("-o",)),
        Param("steps", "string", "Comma-separated steps to run, in this order: " + ", ".join(DEMO_STEPS) + ".",
              "Étapes à lancer, séparées par des virgules, dans cet ordre : " + ", ".join(DEMO_STEPS) + ".",
              default=",".join(DEMO_STEPS)),
    ),
)

JOBS = (VALIDATE, EXPORT, DEMO)
