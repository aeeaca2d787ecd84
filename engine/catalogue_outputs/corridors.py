"""`rdh corridors`: migration corridors reconstructed from flow-monitoring counts.

Every flow is persons counted at the flow monitoring points divided by the days of the counting
period: protected as counts over that period (role ``rate_persons``), one linked set.
"""
from ..catalogue import LayerDecl
from ._columns import R, col

LINKED = "fmp_counts"
_FLOW = dict(unit="persons/day")


def _rate(name, en, fr):
    return col(name, "float64", R.RATE_PERSONS, en, fr, **_FLOW)


def _band(name, of):
    return col(name, "float64", R.DERIVED_FROM_COUNTS, f"bootstrap bound of {of}", f"borne bootstrap de {of}",
               derived_from=of, **_FLOW)


_MIG = dict(keywords=("migration", "corridors", "flows", "flux"), topic="transportation", linked_set=LINKED,
            attribution="IOM Displacement Tracking Matrix (flow monitoring); RDH Toolkit")

EDGE_FLOWS = LayerDecl(
    name="edge_flows", geometry="LineString", style="edge_flows",
    title_en="Migrant flows per road section", title_fr="Flux de migrants par tronçon routier",
    abstract_en="Persons per day on each road section, reconstructed from flow-monitoring counts over the road "
                "network.",
    abstract_fr="Personnes par jour sur chaque tronçon, reconstituées à partir des comptages aux points de "
                "suivi des flux.",
    columns=(col("edge_id", "int64", R.IDENTIFIER), _rate("flow_persons_day", "persons per day", "personnes par jour"),
             _band("flow_p05", "flow_persons_day"), _band("flow_p95", "flow_persons_day"),
             col("length_km", "float64", R.MEASURE, unit="km"), col("border_crossing", "bool", R.CATEGORY),
             col("poe_id", "str", R.IDENTIFIER)), **_MIG)
EDGE_FLOWS_BY_PERIOD = LayerDecl(
    name="edge_flows_by_period", geometry="LineString", style="edge_flows",
    title_en="Migrant flows per road section and period", title_fr="Flux de migrants par tronçon et par période",
    abstract_en="Persons per day on each road section, per counting period.",
    abstract_fr="Personnes par jour sur chaque tronçon, par période de comptage.",
    columns=(col("edge_id", "int64", R.IDENTIFIER), col("period", "str", R.DATE),
             _rate("flow_persons_day", "persons per day", "personnes par jour"),
             _band("flow_p05", "flow_persons_day"), _band("flow_p95", "flow_persons_day"),
             col("length_km", "float64", R.MEASURE, unit="km")), **_MIG)
CORRIDORS = LayerDecl(
    name="corridors", geometry="MultiLineString", style="corridors",
    title_en="Migration corridors", title_fr="Couloirs migratoires",
    abstract_en="The main corridors: chains of road sections carrying the largest reconstructed flows.",
    abstract_fr="Les principaux couloirs : enchaînements de tronçons portant les plus grands flux reconstitués.",
    columns=(col("corridor_id", "int64", R.IDENTIFIER), col("name", "str", R.CATEGORY),
             _rate("flow_persons_day", "persons per day", "personnes par jour"),
             col("share", "float64", R.DERIVED_FROM_COUNTS, "share of all flows", "part de tous les flux",
                 share_of="flow_persons_day"),
             col("length_km", "float64", R.MEASURE, unit="km"), col("countries", "str", R.CATEGORY),
             col("poe_ids", "str", R.CATEGORY)), **_MIG)
OD_FLOWS = LayerDecl(
    name="od_flows", geometry="LineString", style="od_flows",
    title_en="Origin-destination flows of migrants", title_fr="Flux origine-destination des migrants",
    abstract_en="Persons per day between origin and destination as declared at the flow monitoring points.",
    abstract_fr="Personnes par jour entre origine et destination déclarées aux points de suivi des flux.",
    columns=(col("origin", "str", R.CATEGORY), col("destination", "str", R.CATEGORY),
             _rate("flow_persons_day", "persons per day", "personnes par jour")), **_MIG)
FMP_POINTS = LayerDecl(
    name="fmp_points", geometry="Point", style="fmp_points",
    title_en="Flow monitoring points: observed and assigned flows",
    title_fr="Points de suivi des flux : flux observés et affectés",
    abstract_en="Persons per day counted at each flow monitoring point against the flow the reconstruction assigns.",
    abstract_fr="Personnes par jour comptées à chaque point de suivi contre le flux affecté par la reconstitution.",
    columns=(col("fmp_id", "str", R.IDENTIFIER),
             _rate("observed", "persons counted per day", "personnes comptées par jour"),
             _rate("assigned", "persons per day assigned", "personnes par jour affectées"),
             col("snap_distance_m", "float64", R.MEASURE, unit="m"),
             col("residual", "float64", R.DERIVED_FROM_COUNTS, "observed minus assigned", "observé moins affecté",
                 formula="observed - assigned", **_FLOW)), **_MIG)
CORRIDOR_SERIES = LayerDecl(
    name="corridor_series", geometry=None, title_en="Corridor flows per period",
    title_fr="Flux des couloirs par période",
    columns=(col("corridor_id", "int64", R.IDENTIFIER), col("period", "str", R.DATE),
             _rate("flow_persons_day", "persons per day", "personnes par jour"),
             col("name", "str", R.CATEGORY)), **_MIG)

DECLARATIONS = (EDGE_FLOWS, EDGE_FLOWS_BY_PERIOD, CORRIDORS, OD_FLOWS, FMP_POINTS, CORRIDOR_SERIES)
