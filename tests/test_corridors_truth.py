"""Corridors recovered from the generated sample counts against the planted movements
(sample_data/generated/truth, written by independent tools: networkx on the roads)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import score_corridors  # noqa: E402


@pytest.mark.slow
@pytest.mark.parametrize("share, floors", [
    (0.0, {"precision": 0.9, "recall": 0.7, "spearman": 0.75}),   # measured 1.00 / 0.79 / 0.84
    (0.4, {"precision": 0.85, "recall": 0.7, "spearman": 0.7}),   # measured 0.95 / 0.81 / 0.80
])
def test_planted_corridors_are_recovered(share, floors, monkeypatch, repo):
    monkeypatch.chdir(repo)
    scores = score_corridors.run(partial_share=share)
    for name, floor in floors.items():
        assert scores[name] >= floor, f"{name} {scores[name]:.3f} < {floor} ({share:.0%} undeclared)"


def test_scores_are_computed_on_the_planted_core_edges():
    from rdh_engine.corridors.scoring import core_edges, score_edges

    planted = {1: 50.0, 2: 30.0, 3: 15.0, 4: 5.0}
    assert core_edges(planted, share=0.9) == {1, 2, 3}
    scores = score_edges({1: 40.0, 2: 35.0, 5: 20.0}, planted, share=0.9)
    assert scores["precision"] == pytest.approx(2 / 3) and scores["recall"] == pytest.approx(2 / 3)
