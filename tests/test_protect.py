"""engine/protect.py: small-count suppression, informant coarsening, disclosure report, audit."""
import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point, box

from rdh_engine.errors import ParameterError
from rdh_engine.io.gpkg import write_layers
from rdh_engine.protect import (
    SUPPRESSED, ProtectionRules, audit_geopackage, audit_layers, protect_layers, report_frame,
)
from rdh_engine.provenance import run_provenance


def incidents(dead, missing):
    n = len(dead)
    return gpd.GeoDataFrame({"incident_id": [f"i{i}" for i in range(n)], "dead": dead, "missing": missing},
                            geometry=[Point(i, i) for i in range(n)], crs="EPSG:4326")


def ki_reports(lons, lats):
    return gpd.GeoDataFrame({"report_id": range(len(lons)), "informant_id": [f"KI{i}" for i in range(len(lons))],
                             "lon": lons, "lat": lats, "herd_size": [120] * len(lons)},
                            geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")


def test_counts_below_threshold_become_null_with_a_flag():
    layers = {"mmp_incidents": incidents([0, 1, 4, 5, 30, None], [2, 0, 0, 7, 0, 3])}
    out, report = protect_layers(layers)
    got = out["mmp_incidents"]
    assert got["dead"].dropna().tolist() == [0, 5, 30]
    assert got["dead"].isna().tolist() == [False, True, True, False, False, True]
    assert got["missing"].isna().tolist() == [True, False, False, False, False, True]
    assert got[SUPPRESSED].tolist() == [True, True, True, False, False, True]
    table = report_frame(report).set_index("column")
    assert table.loc["dead", "rows"] == 2 and table.loc["missing", "rows"] == 2
    assert audit_layers(out) == []
    assert [p.column for p in audit_layers(layers)] == ["dead", "missing"]


def test_small_surveyed_od_flows_are_withheld():
    routes = gpd.GeoDataFrame({"origin": ["Dahra", "Matam"], "destination": ["Kaolack", "Kaédi"],
                               "flow": [3.0, 900.0]},
                              geometry=[box(0, 0, 1, 1).boundary, box(1, 1, 2, 2).boundary], crs="EPSG:4326")
    out, _ = protect_layers({"od_routes": routes})
    assert out["od_routes"]["flow"].isna().tolist() == [True, False]
    assert out["od_routes"][SUPPRESSED].tolist() == [True, False]


def test_totals_are_withheld_when_a_part_is():
    layer = incidents([3, 10, 0], [10, 2, 0])
    layer["dead_and_missing"] = [13, 12, 0]
    out, report = protect_layers({"mmp_incidents": layer})
    got = out["mmp_incidents"]
    assert got["dead_and_missing"].isna().tolist() == [True, True, False]
    assert ("secondary_suppress", "dead_and_missing", 2) in [(f.rule, f.column, f.rows) for f in report]
    assert audit_layers(out) == []
    leaky = got.copy()
    leaky["dead_and_missing"] = [13, 12, 0]
    assert [(p.column, p.rows) for p in audit_layers({"mmp_incidents": leaky})] == [("dead_and_missing", 2)]


def test_threshold_is_configurable():
    layers = {"mmp_incidents": incidents([3, 9, 10, 11], [0, 0, 0, 0])}
    out, _ = protect_layers(layers, rules=ProtectionRules(threshold=10))
    assert out["mmp_incidents"]["dead"].isna().tolist() == [True, True, False, False]
    assert audit_layers(out, rules=ProtectionRules(threshold=10)) == []
    assert audit_layers(out, rules=ProtectionRules(threshold=11))  # 10 < 11 is caught


def test_rounding_keeps_totals_close_and_leaves_no_small_values():
    rng = np.random.default_rng(1)
    dead = rng.integers(0, 40, 200)
    out, report = protect_layers({"mmp_incidents": incidents(dead, dead)}, rules=ProtectionRules(method="round"))
    got = out["mmp_incidents"]["dead"].to_numpy(dtype=float)
    assert (got % 5 == 0).all() and np.abs(got - dead).max() <= 2.5
    assert out["mmp_incidents"][SUPPRESSED].sum() == (dead % 5 != 0).sum()
    assert audit_layers(out, rules=ProtectionRules(method="round")) == []
    assert report[0].rule == "small_count_round"


def test_flags_and_modelled_values_are_not_counts():
    od = gpd.GeoDataFrame({"stranded": [0, 1, 1], "flow": [0.2, 3.0, 12.0]}, geometry=[None] * 3)
    out, report = protect_layers({"od_impact": od})
    assert out["od_impact"]["stranded"].tolist() == [0, 1, 1] and report == []


def test_informants_move_to_grid_centres_and_lose_their_ids():
    layers = {"ki_reports": ki_reports([13.1234, 13.4999, -1.01], [12.777, 12.01, 9.99])}
    out, report = protect_layers(layers, rules=ProtectionRules(grid_deg=0.5))
    got = out["ki_reports"]
    assert "informant_id" not in got
    assert got.geometry.x.tolist() == [13.25, 13.25, -1.25]
    assert got.geometry.y.tolist() == [12.75, 12.25, 9.75]
    assert got["lon"].tolist() == got.geometry.x.tolist()
    assert {f.rule for f in report} == {"identifier_dropped", "location_grid"}
    assert audit_layers(out) == []
    assert {p.rule for p in audit_layers(layers)} == {"identifier", "location"}
    # a finer grid than the one configured is caught by a coarser audit
    assert audit_layers(out, rules=ProtectionRules(grid_deg=1.0))


def test_informants_to_admin_units():
    admin = gpd.GeoDataFrame({"pcode": ["A", "B"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs="EPSG:4326")
    layers = {"ki_reports": ki_reports([0.1, 0.9, 1.5, 5.0], [0.2, 0.8, 0.5, 5.0])}
    rules = ProtectionRules(location_level="admin")
    out, _ = protect_layers(layers, rules=rules, admin=admin)
    got = out["ki_reports"]
    assert got.geometry.iloc[0].equals(got.geometry.iloc[1])          # same unit, same point
    assert got.geometry.iloc[2].within(admin.geometry.iloc[1])
    assert got.geometry.iloc[3] is None                               # outside every unit: withheld
    assert audit_layers(out, rules=rules, admin=admin) == []
    with pytest.raises(ParameterError):
        protect_layers(layers, rules=rules)


def test_internal_outputs_skip_protection_only_when_asked():
    layers = {"mmp_incidents": incidents([1, 2], [0, 0])}
    out, report = protect_layers(layers, rules=ProtectionRules(internal=True))
    assert out["mmp_incidents"]["dead"].tolist() == [1, 2]
    assert report[0].rule == "internal"


@pytest.mark.parametrize("bad", [dict(threshold=0), dict(threshold=2.5), dict(method="noise"), dict(grid_deg=0),
                                 dict(location_level="village")])
def test_rules_are_validated(bad):
    with pytest.raises(ParameterError):
        ProtectionRules(**bad)


def test_audit_geopackage_uses_the_recorded_rules(tmp_path):
    rules = ProtectionRules(threshold=10)
    out, _ = protect_layers({"mmp_incidents": incidents([7, 12], [0, 20])}, rules=rules)
    record = run_provenance(tool="test", parameters={"protection": rules.as_dict()})
    path = write_layers(tmp_path / "p.gpkg", out, provenance=record)
    assert audit_geopackage(path) == []
    # no recorded rules: the defaults (threshold 5) apply
    raw = write_layers(tmp_path / "raw.gpkg", {"mmp_incidents": incidents([1, 12], [0, 3])})
    assert [(p.layer, p.column, p.rows) for p in audit_geopackage(raw)] == [
        ("mmp_incidents", "dead", 1), ("mmp_incidents", "missing", 1)]
