"""The `validate`, `export` and `demo` jobs (declarations only).

Defaults mirror engine constants (protection threshold, sample paths, source kinds) without
importing them, so that ``rdh --help`` stays fast; tests/test_jobs.py checks they agree.
"""
from .model import OVERWRITE, JobSpec, Param

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
        OVERWRITE,
    ),
)

EXPORT = JobSpec(
    name="export",
    title_en="Publication bundle",
    title_fr="Lot de publication",
    help_en="""Protect, style and document RDH GeoPackages as one publication bundle in OUTPUT/THEME.

Every layer, column and raster band must be declared in the output catalogue (exit 1
otherwise). Counts are protected by their declared role (small counts withheld, the rest
randomly rounded with the secret key), record-level layers withheld; the bundle is audited as
written (disclosure_report.json) and refused if it breaks the policy. With QGIS available the
bundle also gets a styled QGIS project (.qgz) and a thumbnail.""",
    help_fr="""Protège, style et documente des GeoPackages RDH en un lot de publication dans OUTPUT/THEME.

Chaque couche, colonne et bande raster doit être déclarée dans le catalogue des sorties (sortie 1
sinon). Les effectifs sont protégés selon leur rôle déclaré (petits effectifs masqués, les autres
arrondis aléatoirement avec la clé secrète), les couches au niveau de l'enregistrement retenues ; le lot
est audité tel qu'écrit (disclosure_report.json) et refusé s'il enfreint la politique. Avec QGIS, le lot
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
        Param("policy", "file", "Disclosure policy (TOML, docs/publishing.md); the options below override it.",
              "Politique de confidentialité (TOML, docs/publishing.md) ; les options ci-dessous la remplacent.",
              advanced=True),
        Param("key_file", "file", "Secret perturbation key (created on first use; default: $RDH_DISCLOSURE_KEY_FILE "
              "or ~/.config/rdh/disclosure.key). Never publish it.", "Clé secrète de perturbation (créée au premier "
              "usage ; par défaut : $RDH_DISCLOSURE_KEY_FILE ou ~/.config/rdh/disclosure.key). Ne jamais la publier.",
              exists=False, advanced=True),
        Param("reports", "table", "Key-informant reports (CSV with informant_id, lon, lat) behind transhumance "
              "layers: lines need reports of 3 informants along them and keep away from every report (default: "
              "found through the inputs' provenance).", "Rapports d'informateurs clés (CSV avec informant_id, lon, "
              "lat) derrière les couches de transhumance : les lignes doivent avoir des rapports de 3 informateurs "
              "le long d'elles et rester à l'écart de chaque rapport (par défaut : trouvés par la provenance des "
              "entrées).", kind="ki_reports", advanced=True),
        Param("threshold", "int", "No published count below this; counts are rounded to multiples of it (default: "
              "the policy's, 5).", "Aucun effectif publié en dessous ; les effectifs sont arrondis à ses multiples "
              "(par défaut : celui de la politique, 5).", min=1),
        Param("round", "bool", "Only round counts (with the key) to multiples of the threshold, withholding none.",
              "Arrondit seulement les effectifs (avec la clé) aux multiples du seuil, sans en masquer.",
              default=False),
        Param("grid_deg", "float", "Coarse grid (degrees) for the current map (default: the policy's, 0.5).",
              "Grille grossière (degrés) de la carte de courant (par défaut : celle de la politique, 0,5).",
              unit="°", min=0, min_open=True, advanced=True),
        Param("informants_to_admin", "bool", "Require the transhumance alerts to be published as herds counted per "
              "admin-1 unit (layer admin1 of the inputs): exit 1 when there is none. Informant positions themselves "
              "are never published.", "Exige que les alertes de transhumance soient publiées en troupeaux comptés "
              "par unité admin-1 (couche admin1 des entrées) : sortie 1 s'il n'y en a pas. Les positions des "
              "informateurs ne sont jamais publiées.", default=False, advanced=True),
        Param("internal", "bool", "Skip data protection: for internal use only, never for the geoportal. The "
              "bundle is marked internal.", "Saute la protection des données : usage interne seulement, jamais "
              "pour le géoportail. Le lot est marqué interne.", default=False, advanced=True),
        Param("contact_email", "string", "Contact e-mail written into the metadata.",
              "Courriel de contact écrit dans les métadonnées.", default="", advanced=True),
        Param("no_qgis", "bool", "Skip the QGIS project and thumbnail even if QGIS is available.",
              "Saute le projet QGIS et la vignette même si QGIS est disponible.", default=False, advanced=True),
        Param("overwrite", "bool", "Replace OUTPUT/THEME even if it is not a bundle the toolkit wrote.",
              "Remplace OUTPUT/THEME même si ce n'est pas un lot écrit par la boîte à outils.",
              default=False, advanced=True),
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
