"""engine/publish: protection by declared role, cell-key rounding, the audit and the policy."""
import geopandas as gpd
import numpy as np
import pytest
from rasterio.transform import from_origin
from shapely.geometry import LineString, Point, box

from rdh_engine.catalogue import OUTPUTS, LayerDecl, Role, UndeclaredOutputError
from rdh_engine.errors import ParameterError
from rdh_engine.publish.audit import audit_layers, audit_raster, global_risk
from rdh_engine.publish.cellkey import keyed_uniform, random_round
from rdh_engine.publish.policy import ProtectionRules, load_key, load_policy
from rdh_engine.publish.protect import SUPPRESSED, InformantGrid, protect_layers, protect_raster, report_frame

KEY = bytes(range(32))


def fmp_points(observed, assigned):
    n = len(observed)
    return gpd.GeoDataFrame({"fmp_id": [f"F{i}" for i in range(n)], "observed": observed, "assigned": assigned,
                             "snap_distance_m": [1.0] * n,
                             "residual": np.subtract(observed, assigned)},
                            geometry=[Point(i, 10) for i in range(n)], crs="EPSG:4326")


def test_every_output_declares_a_role_for_every_column():
    for decl in OUTPUTS.values():
        if isinstance(decl, LayerDecl):
            assert decl.title_en and decl.title_fr, decl.name
            for col in decl.columns:
                assert isinstance(col.role, Role)
                if col.role is Role.DERIVED_FROM_COUNTS:
                    assert col.formula or col.derived_from or col.share_of, (decl.name, col.name)


def test_counts_are_thresholded_on_what_was_counted_and_key_rounded():
    rules = ProtectionRules(rate_days=10)
    # 0.2 persons/day over 10 days = 2 persons counted: withheld; 0.6/day = 6 persons: published
    layer = fmp_points([0.0, 0.2, 0.6, 12.3], [0.0, 0.1, 0.5, 12.0])
    out, findings = protect_layers({"fmp_points": layer}, rules=rules, key=KEY)
    got = out["fmp_points"]
    assert got["observed"].isna().tolist() == [False, True, False, False]
    assert got[SUPPRESSED].tolist() == [False, True, False, False]
    counted = got["observed"].dropna().to_numpy() * 10
    assert np.allclose(counted % 5, 0) and counted[0] == 0
    np.testing.assert_allclose(got["residual"], got["observed"] - got["assigned"])
    assert {"cell_key_rounding", "small_count_withheld", "recomputed"} <= set(report_frame(findings)["rule"])
    assert audit_layers(out, rules=rules) == []
    assert [p.rule for p in audit_layers({"fmp_points": layer}, rules=rules)] == ["small_count", "small_count"]


def test_the_same_cell_gets_the_same_value_everywhere_and_another_key_another():
    layer = fmp_points(list(np.arange(5, 45, 0.7)), list(np.arange(5, 45, 0.7)))
    first, _ = protect_layers({"fmp_points": layer}, rules=ProtectionRules(rate_days=1), key=KEY)
    again, _ = protect_layers({"fmp_points": layer.iloc[::-1].reset_index(drop=True)},
                              rules=ProtectionRules(rate_days=1), key=KEY)
    other, _ = protect_layers({"fmp_points": layer}, rules=ProtectionRules(rate_days=1), key=b"another key 16by")
    a = first["fmp_points"].set_index("fmp_id")["observed"]
    assert a.equals(again["fmp_points"].set_index("fmp_id")["observed"].loc[a.index])
    assert not a.equals(other["fmp_points"].set_index("fmp_id")["observed"])
    # observed and assigned hold the same counts but are different cells: not one shared draw
    assert not first["fmp_points"]["observed"].equals(first["fmp_points"]["assigned"])


def test_shares_divide_by_a_protected_total():
    corridors = gpd.GeoDataFrame({"corridor_id": [1, 2], "name": ["a", "b"], "flow_persons_day": [12.34, 56.78],
                                  "share": [12.34 / 1000.17, 56.78 / 1000.17], "length_km": [1.0, 2.0],
                                  "countries": ["NER", "NER"], "poe_ids": ["", ""]},
                                 geometry=[LineString([(0, 0), (1, 1)])] * 2, crs="EPSG:4326")
    rules = ProtectionRules(rate_days=10)
    out, _ = protect_layers({"corridors": corridors}, rules=rules, key=KEY)
    got = out["corridors"]
    total = (got["flow_persons_day"] / got["share"]).to_numpy() * 10  # what an attacker reads back, in persons
    assert np.allclose(total, total[0]) and total[0] % 5 == pytest.approx(0, abs=1e-6)
    assert abs(total[0] - 10_001.7) <= 5


def test_random_rounding_is_unbiased():
    values = np.full(20000, 7.0)
    rounded = random_round(values, keyed_uniform(KEY, [f"c{i}" for i in range(len(values))]), 5)
    assert set(np.unique(rounded)) == {5.0, 10.0}
    assert abs(rounded.mean() - 7.0) < 0.1


def test_undeclared_layers_and_columns_are_refused():
    with pytest.raises(UndeclaredOutputError, match="'fmp_points_v2'"):
        protect_layers({"fmp_points_v2": fmp_points([1], [1])}, key=KEY)
    extra = fmp_points([1], [1]).assign(total=[3])
    with pytest.raises(UndeclaredOutputError, match="layer 'fmp_points': column 'total'"):
        protect_layers({"fmp_points": extra}, key=KEY)


def test_record_level_layers_are_withheld_and_upstream_ones_published_as_is():
    routes = gpd.GeoDataFrame({"herd_id": ["H1"], "season": ["dry"], "herd_size": [40.0]},
                              geometry=[LineString([(0, 12), (1, 13)])], crs="EPSG:4326")
    mmp = gpd.GeoDataFrame({"incident_id": ["i1"], "dead": [1.0], "missing": [2.0]}, geometry=[Point(1, 1)],
                           crs="EPSG:4326")
    out, findings = protect_layers({"herd_routes": routes, "mmp_incidents": mmp}, key=KEY)
    assert list(out) == ["mmp_incidents"] and out["mmp_incidents"]["dead"].tolist() == [1.0]
    assert {f.rule for f in findings} == {"withheld_layer", "upstream"}
    assert audit_layers(out) == []
    assert [p.rule for p in audit_layers({"herd_routes": routes})] == ["record_level_layer"]


# every cell of the lines' grid backed by 9 informants (that rule: tests/test_transhumance_informants.py)
CROWDED = {"corridor_lines": InformantGrid(np.full((30, 50), 9), from_origin(-1, 14, 0.1, 0.1), "EPSG:4326")}


def test_corridor_lines_need_k_herds_and_dates_go_to_the_month():
    lines = gpd.GeoDataFrame({"corridor_id": ["C1", "C2"], "season": ["dry", "dry"], "n_herds": [3, 12],
                              "n_animals": [900.0, 4000.0], "length_km": [80.0, 120.0]},
                             geometry=[LineString([(0, 12), (1, 13)]), LineString([(2, 12), (3, 13)])],
                             crs="EPSG:4326")
    far = [Point(x, 30) for x in (0, 1, 2)]  # reports far from every line: none anchors a line
    reports = gpd.GeoDataFrame({"informant_id": ["K1", "K2", "K3", "K4", "K5", "K6"]},
                               geometry=[Point(2.5, 12.5), Point(2.4, 12.4), Point(2.6, 12.6), *far], crs="EPSG:4326")
    out, findings = protect_layers({"corridor_lines": lines}, key=KEY, reports=reports, cell_m=10_000,
                                   informants=CROWDED)
    got = out["corridor_lines"]
    assert got["corridor_id"].tolist() == ["C2"] and got["n_herds"].iloc[0] in (10, 15)
    assert "fewer_than_k_herds" in {f.rule for f in findings}
    assert audit_layers(out, reports=reports) == []
    assert [p.rule for p in audit_layers({"corridor_lines": lines})] == ["small_count", "fewer_than_k_herds"]
    two = reports.iloc[[0, 1, 3]]  # only two informants along C2
    assert len(protect_layers({"corridor_lines": lines}, key=KEY, reports=two)[0]["corridor_lines"]) == 0
    unknown, findings = protect_layers({"corridor_lines": lines}, key=KEY)
    assert len(unknown["corridor_lines"]) == 0 and "not known" in findings[-3].detail


def test_line_ends_are_cut_back_from_the_reports():
    line = gpd.GeoDataFrame({"corridor_id": ["C1"], "season": ["dry"], "n_herds": [9], "n_animals": [900.0],
                             "length_km": [300.0]},
                            geometry=[LineString([(0, 12), (0.5, 12.2), (1.0, 12.4), (1.5, 12.6), (2, 12.8)])],
                            crs="EPSG:4326")
    reports = gpd.GeoDataFrame({"informant_id": ["K1", "K2", "K3", "K4", "K5"]},
                               geometry=[Point(0.001, 12.001), Point(2, 12.8), Point(1.0, 12.41), Point(1.01, 12.4),
                                         Point(1.25, 12.5)], crs="EPSG:4326")
    rules = ProtectionRules()
    out, findings = protect_layers({"corridor_lines": line}, key=KEY, reports=reports, cell_m=10_000, rules=rules,
                                   informants=CROWDED)
    coords = list(out["corridor_lines"].geometry.iloc[0].coords)
    assert coords[0] == pytest.approx((0.5, 12.2)) and coords[-1] == pytest.approx((1.5, 12.6))
    assert audit_layers(out, reports=reports, cell_m=10_000) == []
    assert [p.rule for p in audit_layers({"corridor_lines": line.assign(n_herds=10)}, reports=reports,
                                         cell_m=10_000)] == ["near_report"]


def test_alerts_are_published_as_counts_per_admin_unit():
    alerts = gpd.GeoDataFrame({"herd_id": [f"H{i}" for i in range(7)], "season": ["dry"] * 7,
                               "alert_type": ["closed_crossing"] * 7,
                               "expected_date": ["2021-02-11"] * 6 + ["2021-03-01"],
                               "herd_size": [100.0] * 7}, geometry=[Point(0.5, 0.5)] * 6 + [Point(1.5, 0.5)],
                              crs="EPSG:4326")
    admin = gpd.GeoDataFrame({"country_iso3": ["NER", "NER"], "adm1_name": ["Tahoua", "Agadez"]},
                             geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs="EPSG:4326")
    out, _ = protect_layers({"alerts": alerts}, key=KEY, admin=admin)
    got = out["alerts_admin1"].set_index("adm1_name")
    assert got.loc["Tahoua", "n_herds"] in (5, 10) and np.isnan(got.loc["Agadez", "n_herds"])
    assert got.loc["Tahoua", "month"] == "2021-02" and "herd_id" not in got
    out, findings = protect_layers({"alerts": alerts}, key=KEY)
    assert out == {} and "not even as counts" in findings[-1].detail


def test_herd_rasters_withhold_cells_of_fewer_than_k_herds():
    herds = np.array([[0, 1, 4, 5], [6, 12, 0, 2]], dtype=np.float32)
    bands = np.stack([herds, herds * 100])
    informants = np.full(herds.shape, 3)  # every cell's herds reported by 3 informants (that rule: its own tests)
    out, _, findings = protect_raster("route_density", bands, key=KEY, informants=informants)
    few = (herds > 0) & (herds < 5)
    assert np.isnan(out[:, few]).all() and (out[0][herds == 0] == 0).all()
    assert (out[0][herds >= 5] % 5 == 0).all()
    assert audit_raster("route_density", out) == []
    assert audit_raster("route_density", bands)
    with pytest.raises(UndeclaredOutputError, match="band 3"):
        protect_raster("route_density", np.concatenate([bands, bands[:1]]), key=KEY)
    with pytest.raises(UndeclaredOutputError, match="herd_density"):
        protect_raster("herd_density", bands, key=KEY)


def test_current_map_is_coarsened_and_kept_only_where_informants_crowd():
    bands = np.random.default_rng(0).random((1, 12, 12)).astype(np.float32)
    transform = from_origin(0, 120_000, 10_000, 10_000)
    reports = gpd.GeoDataFrame({"informant_id": ["A", "B", "C", "D"]},
                               geometry=[Point(5_000, 115_000), Point(15_000, 105_000), Point(25_000, 95_000),
                                         Point(95_000, 5_000)], crs="ESRI:102022")
    out, coarse, findings = protect_raster("current_density", bands, key=KEY, transform=transform, cell_size=10_000,
                                           crs="ESRI:102022", reports=reports)
    assert out.shape == (1, 2, 2) and coarse.a == 60_000
    assert np.isfinite(out[0, 0, 0]) and np.isnan(out[0, 1, 1]) and np.isnan(out[0, 0, 1])
    withheld, _, findings = protect_raster("current_density", bands, key=KEY, transform=transform, cell_size=10_000)
    assert withheld is None and findings[0].rule == "withheld_layer"


def test_global_risk_of_record_level_layers():
    decl = OUTPUTS["mmp_incidents"]
    unique = gpd.GeoDataFrame({"route": ["a", "b"]}, geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:4326")
    assert global_risk(unique, decl) == 1.0  # every incident alone at its place: reported (upstream: not blocking)
    decl = OUTPUTS["border_crossings"]
    crowd = gpd.GeoDataFrame({"season": ["dry"] * 4, "from_iso3": ["MRT"] * 4}, geometry=[Point(0, 0)] * 4,
                             crs="EPSG:4326")
    assert global_risk(crowd, decl) == pytest.approx(0.25)
    assert global_risk(crowd.assign(from_iso3=["MRT", "MLI", "SEN", "NER"]), decl) == pytest.approx(1.0)


def test_internal_outputs_skip_protection_only_when_asked():
    layer = fmp_points([0.1], [0.1])
    out, findings = protect_layers({"fmp_points": layer}, rules=ProtectionRules(internal=True), key=None)
    assert out["fmp_points"]["observed"].tolist() == [0.1] and findings[0].rule == "internal"


@pytest.mark.parametrize("bad", [dict(threshold=0), dict(threshold=2.5), dict(method="noise"), dict(grid_deg=0),
                                 dict(location_level="village"), dict(max_risk=0), dict(min_herds=0)])
def test_rules_are_validated(bad):
    with pytest.raises(ParameterError):
        ProtectionRules(**bad)


def test_policy_file_and_key(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text("threshold = 10\nmin_herds = 8\n", encoding="utf-8")
    rules = load_policy(policy, internal=False)
    assert (rules.threshold, rules.min_herds, rules.max_risk) == (10, 8, 0.03)
    policy.write_text("treshold = 10\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="treshold"):
        load_policy(policy)
    key = load_key(tmp_path / "k" / "disclosure.key")
    assert len(key) == 32 and load_key(tmp_path / "k" / "disclosure.key") == key
    assert (tmp_path / "k" / "disclosure.key").stat().st_mode & 0o077 == 0
