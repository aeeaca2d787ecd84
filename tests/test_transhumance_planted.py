"""Reconstructed herd routes against the sample generator's planted ones (sample_data/generated:
36 herds, two cycles, routes planted with scikit-image MCP on the generator's own 0.1-degree cost
grid, reports about a week apart with 3 km noise). The numbers are in docs/transhumance.md."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from transhumance_vs_planted import planted_scores  # noqa: E402
from rdh_engine.transhumance_routes.evaluation import summary  # noqa: E402


@pytest.fixture(scope="module")
def scored(sample_data):
    generated = sample_data / "generated"
    return {factor: summary(planted_scores(generated / "ki_reports.csv", generated / "truth" / "herd_routes.geojson",
                                           evidence_factor=factor, real=sample_data / "real"))
            for factor in (0.5, 1.0)}


@pytest.mark.parametrize("season", ["dry", "wet"])
def test_reconstruction_beats_straight_lines_on_planted_routes(scored, season):
    table = scored[0.5]
    route, straight = table.loc[(season, "reconstructed")], table.loc[(season, "straight lines")]
    assert route.routes == straight.routes >= 60
    assert route.within_5km >= straight.within_5km + 0.05
    assert route.within_2km > straight.within_2km
    assert route.hausdorff_mean_km <= straight.hausdorff_mean_km - 1.0
    assert route.hausdorff_median_km <= straight.hausdorff_median_km - 1.0


@pytest.mark.parametrize("season", ["dry", "wet"])
def test_evidence_from_other_cycles_pulls_routes_onto_the_planted_ones(scored, season):
    """Each planted herd walks the same route in both cycles: its reports of the other cycle help."""
    with_evidence, surface_only = scored[0.5].loc[(season, "reconstructed")], scored[1.0].loc[(season, "reconstructed")]
    assert with_evidence.within_5km >= surface_only.within_5km + 0.03
    assert with_evidence.hausdorff_mean_km < surface_only.hausdorff_mean_km
