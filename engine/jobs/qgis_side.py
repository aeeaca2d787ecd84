"""The `map`, `atlas` and `publish` jobs: declared here as plain data, run in QGIS.

Their click commands live in the plugin package (rdh_qgis_plugin/layouts/cli.py and
rdh_qgis_plugin/publish/cli.py) and join `rdh` through the ``rdh.commands`` entry points;
tests/test_jobs.py checks that those commands and these declarations agree.
"""
from .model import OVERWRITE, JobSpec, Param

_PUBLIC = Param("public", "bool", "A map for publication: only GeoPackages of public bundles written by `rdh export` "
                "(protected and audited), unchanged since.", "Une carte à publier : seulement des GeoPackages de "
                "lots publics écrits par `rdh export` (protégés et audités), inchangés depuis.", default=False)

_COMMON = (
    Param("project", "vector", "Styled GeoPackage(s) written by rdh (repeatable), or one .qgs/.qgz project.",
          "GeoPackage(s) stylé(s) écrit(s) par rdh (répétable), ou un projet .qgs/.qgz.", required=True,
          multiple=True, aliases=("-p",)),
    Param("layers", "string", "Layers to show, top first (default: all, points over lines over areas).",
          "Couches à afficher, du haut vers le bas (par défaut : toutes, points sur lignes sur surfaces).",
          multiple=True, metavar="NAME[,NAME...]"),
    Param("template", "string", "a4-landscape, a4-portrait, a3-landscape, a3-portrait, or a .qpt file.",
          "a4-landscape, a4-portrait, a3-landscape, a3-portrait, ou un fichier .qpt.", default="a4-landscape",
          aliases=("-t",)),
    Param("lang", "enum", "Language of the map's text and legend.", "Langue des textes et de la légende.",
          default="en", choices=("en", "fr")),
    Param("title", "string", "Map title (default: after the analysis shown, e.g. 'Migration corridors in West and "
          "Central Africa', in --lang).", "Titre de la carte (par défaut : selon l'analyse montrée, p. ex. "
          "« Corridors migratoires en Afrique de l'Ouest et du Centre », dans --lang)."),
    Param("subtitle", "string", "Subtitle (default: the period the data cover, or the closure scenario's date).",
          "Sous-titre (par défaut : la période couverte par les données, ou la date du scénario de fermeture)."),
    Param("period", "string", "Period covered, printed as the subtitle, e.g. '2024-01 to 2024-06'.",
          "Période couverte, imprimée comme sous-titre, p. ex. « 2024-01 à 2024-06 »."),
    Param("sources", "string", "Credits added to those of the layers shown.",
          "Crédits ajoutés à ceux des couches affichées.", advanced=True),
    Param("logo", "file", "Logo image (SVG/PNG) at the top right (default: the project variable rdh_logo; none).",
          "Image du logo (SVG/PNG) en haut à droite (par défaut : la variable de projet rdh_logo ; aucun).",
          advanced=True),
    Param("locator", "string", "Layer drawn in the inset locator map (default: admin0 when present).",
          "Couche dessinée dans la carte de situation (par défaut : admin0 si présente).", advanced=True,
          metavar="LAYER"),
    Param("dpi", "int", "Resolution of PNG pages and of rasterised parts of PDFs.",
          "Résolution des pages PNG et des parties matricielles des PDF.", default=200, min=50, max=600,
          advanced=True),
    Param("save_project", "output_file", "Also save the QGIS project with its layout (.qgz), to edit it in QGIS.",
          "Enregistre aussi le projet QGIS avec sa mise en page (.qgz), pour l'éditer dans QGIS.", advanced=True),
)

MAP = JobSpec(
    name="map",
    title_en="Map",
    title_fr="Carte",
    help_en="""One map (PDF and/or PNG) of styled layers, e.g. a regional overview.

The map frames --extent-of LAYER (only its features matching --filter when given), or all the
layers shown.""",
    help_fr="""Une carte (PDF et/ou PNG) de couches stylées, p. ex. une vue régionale.

La carte cadre --extent-of LAYER (seulement ses entités retenues par --filter s'il est donné), ou
toutes les couches affichées.""",
    runs_in="qgis",
    params=_COMMON + (
        Param("extent_of", "string", "Frame the map on this layer's features.",
              "Cadre la carte sur les entités de cette couche.", metavar="LAYER"),
        Param("filter", "string", "QGIS expression: frame only the --extent-of features it selects.",
              "Expression QGIS : ne cadre que les entités de --extent-of qu'elle sélectionne.", metavar="EXPR"),
        _PUBLIC,
        OVERWRITE,
        Param("output", "output_file", "Output .pdf or .png (repeatable: one map, several files).",
              "Fichier .pdf ou .png de sortie (répétable : une carte, plusieurs fichiers).", required=True,
              multiple=True, aliases=("-o",)),
    ),
)

ATLAS = JobSpec(
    name="atlas",
    title_en="Atlas",
    title_fr="Atlas",
    help_en="""An atlas series: one page per feature of --coverage (countries, admin1, corridors, PoEs...).

Title, map extent, inset highlight and legend follow each page's feature; the legend lists only
what the page shows. Writes one PDF (OUTPUT.pdf), or with --per-page one file per page and
format into the folder OUTPUT.""",
    help_fr="""Une série d'atlas : une page par entité de --coverage (pays, admin1, corridors, points d'entrée...).

Le titre, l'emprise, la mise en évidence de la carte de situation et la légende suivent l'entité de
chaque page. Écrit un PDF (OUTPUT.pdf), ou avec --per-page un fichier par page et par format dans le
dossier OUTPUT.""",
    runs_in="qgis",
    params=_COMMON + (
        Param("coverage", "string", "One page per feature of this layer (e.g. admin0, admin1, corridors, "
              "poe_status).", "Une page par entité de cette couche (p. ex. admin0, admin1, corridors, poe_status).",
              required=True, metavar="LAYER"),
        Param("filter", "string", "QGIS expression: only the matching coverage features get a page (partial "
              "export).", "Expression QGIS : seules les entités de couverture retenues ont une page.",
              metavar="EXPR"),
        Param("page_name", "string", "Page name in the title and file names, also the page order (default: the "
              "name field).", "Nom de page dans le titre et les noms de fichiers, et ordre des pages (par défaut : "
              "le champ name).", metavar="EXPR", advanced=True),
        Param("per_page", "bool", "One file per page into the folder OUTPUT.",
              "Un fichier par page dans le dossier OUTPUT.", default=False),
        Param("format", "enum", "With --per-page: pdf and/or png pages (default: pdf).",
              "Avec --per-page : pages pdf et/ou png (par défaut : pdf).", choices=("pdf", "png"), multiple=True),
        _PUBLIC,
        OVERWRITE,
        Param("output", "output_file", "The atlas .pdf, or the folder for --per-page.",
              "Le .pdf de l'atlas, ou le dossier pour --per-page.", required=True, aliases=("-o",)),
    ),
)

PUBLISH = JobSpec(
    name="publish",
    title_en="Publish a bundle",
    title_fr="Publier un lot",
    help_en="""Write BUNDLE's QGIS Server project and optionally serve it or upload the bundle.

BUNDLE is a folder written by `rdh export`. It is audited again here, as it is on disk (what
bundle.json says about it is not trusted): a bundle that breaks the policy is not published.""",
    help_fr="""Écrit le projet QGIS Server du lot BUNDLE et, au choix, le sert ou téléverse le lot.

BUNDLE est un dossier écrit par `rdh export`. Il est audité de nouveau ici, tel qu'il est sur le disque
(ce que dit bundle.json n'est pas cru) : un lot qui enfreint la politique n'est pas publié.""",
    runs_in="qgis",
    params=(
        Param("bundle", "folder", "Bundle folder written by `rdh export`.", "Dossier de lot écrit par `rdh export`.",
              required=True, argument=True),
        Param("service_url", "string", "Public URL of the OGC service, written into the capabilities.",
              "URL publique du service OGC, écrite dans les capacités.", default=""),
        Param("serve", "string", "Serve the project with qgis_mapserver at HOST:PORT (e.g. 127.0.0.1:8010) until "
              "Ctrl-C; only on this machine (127.0.0.1) unless --public-bind.", "Sert le projet avec qgis_mapserver "
              "à HÔTE:PORT (p. ex. 127.0.0.1:8010) jusqu'à Ctrl-C ; seulement sur cette machine (127.0.0.1) sauf "
              "avec --public-bind.", metavar="HOST:PORT", advanced=True),
        Param("public_bind", "bool", "Allow --serve on an address other machines can reach (e.g. 0.0.0.0:8010).",
              "Autorise --serve sur une adresse que d'autres machines peuvent atteindre (p. ex. 0.0.0.0:8010).",
              default=False, advanced=True),
        Param("to", "string", "Upload the bundle (zip, multipart field `base_file`) to this geoportal endpoint.",
              "Téléverse le lot (zip, champ multipart `base_file`) vers ce point d'accès du géoportail.",
              metavar="URL"),
        Param("token", "string", "Bearer token for --to (or RDH_GEOPORTAL_TOKEN).",
              "Jeton Bearer pour --to (ou RDH_GEOPORTAL_TOKEN).", advanced=True),
        Param("policy", "file", "Disclosure policy (TOML) the bundle is audited against (default: the toolkit's "
              "defaults).", "Politique de confidentialité (TOML) selon laquelle le lot est audité (par défaut : "
              "celle de la boîte à outils).", advanced=True),
    ),
)

JOBS = (MAP, ATLAS, PUBLISH)
