"""`rdh transhumance`: herd routes from key-informant reports (or surveyed OD flows) and their products.

Per-herd layers (routes, border crossings, alerts) are record level and stay internal; public
bundles carry aggregates only: corridor lines and raster cells with at least k herds reported by at
least 3 informants (counted exactly in the internal ``informants_per_cell`` raster), and alerts
counted per admin-1 unit and month (``alerts_admin1``, built by rdh export).
"""
from ..catalogue import INTERNAL, Band, LayerDecl, RasterDecl
from ._columns import R, col

_TT = dict(topic="farming", keywords=("transhumance", "pastoralism", "pastoralisme"), linked_set="ki_reports",
           attribution="IOM Transhumance Tracking Tool; RDH Toolkit")
_FROM_REPORTS = col("geometry", "geometry", R.GEOMETRY_FROM_REPORTS, "drawn from key-informant reports",
                    "tracé à partir des rapports d'informateurs clés")

HERD_ROUTES = LayerDecl(
    record_level=True,
    name="herd_routes", geometry="LineString", style="herd_routes", publication=INTERNAL,
    title_en="Transhumance herd routes", title_fr="Itinéraires de transhumance des troupeaux",
    abstract_en="Seasonal herd routes reconstructed from key-informant reports by least-cost paths (internal: one "
                "line per herd).",
    abstract_fr="Itinéraires saisonniers des troupeaux reconstitués à partir des rapports d'informateurs clés "
                "(interne : une ligne par troupeau).",
    columns=(col("herd_id", "str", R.PERSONAL_IDENTIFIER), col("season", "str", R.CATEGORY),
             col("length_km", "float64", R.MEASURE, unit="km"), col("herd_size", "float64", R.COUNT_ANIMALS),
             col("cycle", "str", R.DATE), col("n_reports", "int64", R.COUNT_INFORMANTS),
             col("start_date", "date", R.DATE), col("end_date", "date", R.DATE), _FROM_REPORTS), **_TT)
CORRIDOR_LINES = LayerDecl(
    name="corridor_lines", geometry="LineString", style="corridor_lines",
    title_en="Transhumance corridors", title_fr="Couloirs de transhumance",
    abstract_en="Centre lines of the corridors shared by several herds (or surveyed OD flows); only corridors "
                "used by at least k herds, reported by at least 3 informants, are published.",
    abstract_fr="Axes des couloirs empruntés par plusieurs troupeaux (ou flux OD enquêtés) ; seuls les couloirs "
                "empruntés par au moins k troupeaux, signalés par au moins 3 informateurs, sont publiés.",
    columns=(col("corridor_id", "str", R.IDENTIFIER), col("season", "str", R.CATEGORY),
             col("n_herds", "int64", R.COUNT_HERDS, "herds along the corridor", "troupeaux le long du couloir"),
             col("n_animals", "float64", R.COUNT_ANIMALS, "animals along the corridor", "animaux le long du couloir"),
             col("length_km", "float64", R.MEASURE, unit="km"), _FROM_REPORTS),
    informants_from=("informants_per_cell", 1), **_TT)
BORDER_CROSSINGS = LayerDecl(
    record_level=True,
    name="border_crossings", geometry="Point", style="border_crossings", publication=INTERNAL,
    title_en="Transhumance border crossings", title_fr="Passages de frontière des troupeaux",
    abstract_en="Where and when reconstructed herd routes cross a national border (internal: one point per herd).",
    abstract_fr="Où et quand les itinéraires reconstitués franchissent une frontière (interne : un point par "
                "troupeau).",
    columns=(col("herd_id", "str", R.PERSONAL_IDENTIFIER), col("season", "str", R.CATEGORY),
             col("date", "date", R.DATE),
             col("from_iso3", "str", R.CATEGORY), col("to_iso3", "str", R.CATEGORY), col("poe_id", "str", R.IDENTIFIER),
             col("poe_status", "str", R.CATEGORY), col("distance_km", "float64", R.MEASURE, unit="km"),
             col("herd_size", "float64", R.COUNT_ANIMALS), _FROM_REPORTS), **_TT)
ALERTS = LayerDecl(
    record_level=True,
    name="alerts", geometry="Point", style="alerts", publication=INTERNAL,
    title_en="Transhumance alerts", title_fr="Alertes de transhumance",
    abstract_en="Herds predicted to reach a closed border crossing or a flagged conflict area (internal: per herd).",
    abstract_fr="Troupeaux attendus à un point de passage fermé ou une zone de conflit signalée (interne : par "
                "troupeau).",
    columns=(col("herd_id", "str", R.PERSONAL_IDENTIFIER), col("season", "str", R.CATEGORY),
             col("alert_type", "str", R.CATEGORY), col("days_to_reach", "float64", R.MEASURE, unit="days"),
             col("expected_date", "date", R.DATE), col("herd_size", "float64", R.COUNT_ANIMALS),
             col("last_report_date", "date", R.DATE), col("speed_km_day", "float64", R.MEASURE, unit="km/day"),
             col("poe_id", "str", R.IDENTIFIER), col("lon", "float64", R.GEOMETRY_FROM_REPORTS),
             col("lat", "float64", R.GEOMETRY_FROM_REPORTS), _FROM_REPORTS), **_TT)
ALERTS_ADMIN1 = LayerDecl(
    name="alerts_admin1", geometry="MultiPolygon", style="admin1",
    title_en="Transhumance alerts per admin-1 unit", title_fr="Alertes de transhumance par unité administrative",
    abstract_en="Herds expected at a closed crossing or a conflict area, counted per admin-1 unit, season and month.",
    abstract_fr="Troupeaux attendus à un passage fermé ou une zone de conflit, comptés par unité administrative de "
                "niveau 1, saison et mois.",
    columns=(col("country_iso3", "str", R.IDENTIFIER), col("adm1_name", "str", R.IDENTIFIER),
             col("season", "str", R.CATEGORY), col("alert_type", "str", R.CATEGORY), col("month", "date", R.DATE),
             col("n_herds", "int64", R.COUNT_HERDS, "herds alerted", "troupeaux en alerte")), **_TT)
OD_ROUTES = LayerDecl(
    name="od_routes", geometry="LineString", style="od_routes",
    title_en="Livestock flows between places", title_fr="Flux de bétail entre localités",
    abstract_en="Surveyed origin-destination livestock flows routed as least-cost paths over a seasonal cost surface.",
    abstract_fr="Flux de bétail origine-destination enquêtés, tracés par chemins de moindre coût.",
    columns=(col("origin", "str", R.CATEGORY), col("destination", "str", R.CATEGORY), col("season", "str", R.CATEGORY),
             col("flow", "float64", R.COUNT_ANIMALS, "surveyed flow", "flux enquêté"),
             col("length_km", "float64", R.MEASURE, unit="km")),
    **{**_TT, "attribution": "RDH Toolkit; survey as cited in the lineage"})

INFORMANTS_PER_CELL = RasterDecl(
    name="informants_per_cell", publication=INTERNAL,
    title_en="Informants behind the transhumance rasters",
    title_fr="Informateurs derrière les rasters de transhumance",
    abstract_en="Distinct key informants who reported the herds counted in each cell of route_density (band 1) "
                "and of corridor_band (band 2). Internal: rdh export reads it beside those rasters to withhold "
                "cells reported by fewer than 3 informants; it is never published.",
    abstract_fr="Informateurs clés distincts ayant signalé les troupeaux comptés dans chaque cellule de "
                "route_density (bande 1) et de corridor_band (bande 2). Interne : rdh export le lit à côté de ces "
                "rasters pour masquer les cellules signalées par moins de 3 informateurs ; il n'est jamais publié.",
    bands=(Band(1, "informants behind route_density (herds per cell)", R.COUNT_INFORMANTS,
                description_en="informants who reported the herds whose routes cross the cell",
                description_fr="informateurs ayant signalé les troupeaux dont l'itinéraire traverse la cellule"),
           Band(2, "informants behind corridor_band", R.COUNT_INFORMANTS,
                description_en="informants who reported the herds whose corridor band covers the cell",
                description_fr="informateurs ayant signalé les troupeaux dont la bande de couloir couvre la "
                               "cellule")),
    from_reports=True, **_TT)
ROUTE_DENSITY = RasterDecl(
    name="route_density", style="route_density",
    title_en="Transhumance route density", title_fr="Densité des itinéraires de transhumance",
    abstract_en="Herds (band 1) and animals (band 2) whose reconstructed routes cross each cell; cells crossed by "
                "fewer than k herds, or whose herds were reported by fewer than 3 informants, are withheld.",
    abstract_fr="Troupeaux (bande 1) et animaux (bande 2) dont l'itinéraire traverse chaque cellule ; les cellules "
                "traversées par moins de k troupeaux, ou dont les troupeaux ont été signalés par moins de 3 "
                "informateurs, sont masquées.",
    bands=(Band(1, "herds per cell", R.COUNT_HERDS), Band(2, "animals per cell", R.COUNT_ANIMALS)),
    from_reports=True, informants_from=("informants_per_cell", 1), **_TT)
CORRIDOR_BAND = RasterDecl(
    name="corridor_band", style="corridor_band",
    title_en="Transhumance corridor band", title_fr="Bande de couloir de transhumance",
    abstract_en="Herds whose near-optimal corridor band covers each cell; cells of fewer than k herds, or whose "
                "herds were reported by fewer than 3 informants, are withheld.",
    abstract_fr="Troupeaux dont la bande de couloir quasi optimale couvre chaque cellule ; moins de k troupeaux, "
                "ou moins de 3 informateurs : masqué.",
    bands=(Band(1, "herds whose corridor band covers the cell", R.COUNT_HERDS),), from_reports=True,
    informants_from=("informants_per_cell", 2), **_TT)
CURRENT_DENSITY = RasterDecl(
    name="current_density", style="current_density",
    title_en="Transhumance connectivity (circuit theory)",
    title_fr="Connectivité de transhumance (théorie des circuits)",
    abstract_en="Circuit-theory current of the herds' trips, published on a coarse grid that hides single reports.",
    abstract_fr="Courant (théorie des circuits) des trajets des troupeaux, publié sur une grille grossière qui "
                "masque les rapports individuels.",
    bands=(Band(1, "current (circuit theory)", R.MEASURE),), from_reports=True, **_TT)

DECLARATIONS = (HERD_ROUTES, CORRIDOR_LINES, BORDER_CROSSINGS, ALERTS, ALERTS_ADMIN1, OD_ROUTES, ROUTE_DENSITY,
                CORRIDOR_BAND, CURRENT_DENSITY, INFORMANTS_PER_CELL)
