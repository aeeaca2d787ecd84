"""Property tests: random linked tables with small counts; after protection no published value, and
no sum or difference of published values, is a count in (0, threshold)."""
import geopandas as gpd
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from rdh_engine.publish.attacks import differences_in_open_interval
from rdh_engine.publish.audit import audit_layers
from rdh_engine.publish.policy import ProtectionRules
from rdh_engine.publish.protect import protect_layers

KEY = b"property-test-key-0123456789abcd"
counts = st.lists(st.integers(min_value=0, max_value=30), min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(observed=counts, assigned=counts, days=st.sampled_from([1.0, 7.0, 91.0]), threshold=st.sampled_from([3, 5, 10]))
def test_no_published_combination_reveals_a_small_count(observed, assigned, days, threshold):
    n = min(len(observed), len(assigned))
    observed, assigned = np.array(observed[:n], float) / days, np.array(assigned[:n], float) / days
    layer = gpd.GeoDataFrame({"fmp_id": [f"F{i}" for i in range(n)], "observed": observed, "assigned": assigned,
                              "snap_distance_m": np.ones(n), "residual": observed - assigned},
                             geometry=[Point(i, 0) for i in range(n)], crs="EPSG:4326")
    rules = ProtectionRules(threshold=threshold, rate_days=days)
    out, _ = protect_layers({"fmp_points": layer}, rules=rules, key=KEY)
    got = out["fmp_points"]
    assert audit_layers(out, rules=rules) == []
    published = np.concatenate([got[c].to_numpy(dtype=float) * days for c in ("observed", "assigned", "residual")])
    assert differences_in_open_interval(published, threshold, max_terms=2) == []
    small = (observed * days > 0) & (observed * days < threshold)
    assert got["observed"][small].isna().all()
