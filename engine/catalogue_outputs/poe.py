"""`rdh poe-impact`: border-closure impact, criticality and timeline.

Every flow is the corridors' persons/day (counts over the counting period), so the whole output is
one linked set with the corridors (``fmp_counts``).
"""
from ..catalogue import LayerDecl
from ._columns import R, col

_POE = dict(keywords=("points of entry", "border closures", "points d'entrée", "fermetures"), topic="transportation",
            linked_set="fmp_counts", attribution="IOM Displacement Tracking Matrix; COBAP; RDH Toolkit")


def _rate(name, en="", fr=""):
    return col(name, "float64", R.RATE_PERSONS, en, fr, unit="persons/day")


def _per(name, of, unit):
    return col(name, "float64", R.DERIVED_FROM_COUNTS, derived_from=of, unit=unit)


_POE_INFO = (col("name", "str", R.CATEGORY), col("poe_type", "str", R.CATEGORY), col("country_iso3", "str", R.CATEGORY),
             col("neighbour_iso3", "str", R.CATEGORY))
POE_STATUS = LayerDecl(
    name="poe_status", geometry="Point", style="poe_status",
    title_en="Points of entry and their status", title_fr="Points d'entrée et leur statut",
    abstract_en="Status of each point of entry on the scenario date, matched to the road network.",
    abstract_fr="Statut de chaque point d'entrée à la date du scénario, apparié au réseau routier.",
    columns=(col("poe_id", "str", R.IDENTIFIER), *_POE_INFO, col("status", "str", R.CATEGORY),
             col("baseline_status", "str", R.CATEGORY), col("matched", "bool", R.CATEGORY),
             col("match", "str", R.CATEGORY), col("crossing_id", "str", R.IDENTIFIER),
             col("match_distance_m", "float64", R.MEASURE, unit="m"), col("valid_from", "date", R.DATE),
             col("valid_to", "date", R.DATE), col("restrictions", "str", R.CATEGORY)), **_POE)
POE_IMPACT = LayerDecl(
    name="poe_impact", geometry="Point", style="poe_impact",
    title_en="Border-closure impact per point of entry", title_fr="Impact des fermetures par point d'entrée",
    abstract_en="Persons per day lost, gained and stranded at each point of entry under the closure scenario.",
    abstract_fr="Personnes par jour perdues, gagnées et bloquées à chaque point d'entrée dans le scénario de "
                "fermeture.",
    columns=(col("poe_id", "str", R.IDENTIFIER), col("status", "str", R.CATEGORY), _rate("flow_lost"),
             _rate("flow_gained"), _rate("stranded", "persons per day stranded", "personnes par jour bloquées"),
             *_POE_INFO, _rate("baseline_flow"), _rate("scenario_flow")), **_POE)
OD_IMPACT = LayerDecl(
    name="od_impact", geometry="MultiLineString", style="od_impact",
    title_en="Border-closure impact per origin-destination pair",
    title_fr="Impact des fermetures par paire origine-destination",
    abstract_en="Detour and stranded flow of each origin-destination pair under the closure scenario.",
    abstract_fr="Détour et flux bloqué de chaque paire origine-destination dans le scénario de fermeture.",
    columns=(col("origin", "str", R.CATEGORY), col("destination", "str", R.CATEGORY),
             *(col(n, "float64", R.MEASURE, unit="km") for n in ("baseline_km", "scenario_km", "extra_km")),
             *(col(n, "float64", R.MEASURE, unit="h") for n in ("extra_h", "baseline_h", "scenario_h")),
             col("stranded", "int16", R.CATEGORY, "1 when the pair has no route left",
                 "1 si la paire n'a plus de route"),
             col("baseline_stranded", "int16", R.CATEGORY), _rate("flow"), _per("flow_stranded", "flow", "persons/day"),
             *(col(n, "str", R.CATEGORY) for n in ("baseline_poe_ids", "scenario_poe_ids", "new_crossing",
                                                    "baseline_crossings", "scenario_crossings",
                                                    "new_unregistered_crossing"))), **_POE)
EDGE_CHANGE = LayerDecl(
    name="edge_change", geometry="LineString", style="edge_change",
    title_en="Change of flow per road section", title_fr="Variation du flux par tronçon",
    abstract_en="Persons per day on each road section before and under the closure scenario.",
    abstract_fr="Personnes par jour sur chaque tronçon avant et pendant le scénario de fermeture.",
    columns=(col("edge_id", "int64", R.IDENTIFIER), col("length_km", "float64", R.MEASURE, unit="km"),
             col("border_crossing", "bool", R.CATEGORY), col("poe_ids", "str", R.CATEGORY),
             col("state", "str", R.CATEGORY),
             _rate("baseline_flow_persons_day"), _rate("scenario_flow_persons_day"),
             col("flow_change_persons_day", "float64", R.DERIVED_FROM_COUNTS, unit="persons/day",
                 formula="scenario_flow_persons_day - baseline_flow_persons_day")), **_POE)
_CRIT = (_rate("stranded"), _per("extra_person_km", "flow_rerouted", "person-km/day"),
         _per("extra_person_h", "flow_rerouted", "person-h/day"), _rate("flow_rerouted"),
         col("n_od_stranded", "int64", R.MEASURE, "origin-destination pairs stranded", "paires bloquées"))
CRITICALITY = LayerDecl(
    name="criticality", geometry="Point", style="criticality",
    title_en="Criticality of points of entry (N-1)", title_fr="Criticité des points d'entrée (N-1)",
    abstract_en="What closing each point of entry alone would cost: stranded and rerouted persons per day.",
    abstract_fr="Ce que coûterait la fermeture de chaque point d'entrée seul : personnes par jour bloquées "
                "et déviées.",
    columns=(col("poe_id", "str", R.IDENTIFIER), col("rank", "int64", R.MEASURE), *_CRIT, _rate("baseline_flow"),
             *_POE_INFO), **_POE)
CRITICALITY_N2 = LayerDecl(
    name="criticality_n2", geometry=None, title_en="Criticality of pairs of points of entry (N-2)",
    title_fr="Criticité des paires de points d'entrée (N-2)",
    columns=(col("rank", "int64", R.MEASURE), col("poe_id_a", "str", R.IDENTIFIER),
             col("poe_id_b", "str", R.IDENTIFIER),
             *_CRIT, _rate("stranded_synergy")), **_POE)
STATUS_PERIODS = LayerDecl(
    name="status_periods", geometry=None, title_en="Status periods of points of entry",
    title_fr="Périodes de statut des points d'entrée",
    columns=(col("poe_id", "str", R.IDENTIFIER), col("status", "str", R.CATEGORY), col("valid_from", "date", R.DATE),
             col("valid_to", "date", R.DATE)), **_POE)
TIMELINE = LayerDecl(
    name="timeline", geometry=None, title_en="Border-closure timeline", title_fr="Chronologie des fermetures",
    columns=(col("date", "date", R.DATE), col("n_fully_closed", "int64", R.MEASURE),
             col("share_fully_closed", "float64", R.MEASURE), col("n_partially_open", "int64", R.MEASURE),
             col("share_partially_open", "float64", R.MEASURE), *_CRIT), **_POE)

DECLARATIONS = (POE_STATUS, POE_IMPACT, OD_IMPACT, EDGE_CHANGE, CRITICALITY, CRITICALITY_N2, STATUS_PERIODS, TIMELINE)
