"""The Jahel et al. (2020) OD flows routed for both seasons give the numbers the README quotes."""
import importlib.util
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("jahel2020_corridors", REPO / "bench" / "jahel2020_corridors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _doc_table():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- jahel2020-table -->\n(.*?)<!-- /jahel2020-table -->", text, re.S).group(1)
    rows = [line.strip("|").split("|") for line in block.strip().splitlines()[2:]]
    return {cells[0].strip(): (cells[1].strip(), cells[2].strip()) for cells in rows}


@pytest.mark.slow  # native 500 m rasters: about 90 s per season
def test_jahel2020_od_routing_matches_the_documented_corridors():
    doc = _doc_table()
    script = _script()
    dry, wet = script.summarise("dry"), script.summarise("wet")
    assert set(doc) == set(dry) - {"season"}
    for key, (doc_dry, doc_wet) in doc.items():
        assert (str(dry[key]), str(wet[key])) == (doc_dry, doc_wet), key
    # the paper's headline: the wet season has far fewer links and animals on the move
    assert wet["weight_routed"] < dry["weight_routed"] and wet["max_links_per_cell"] < dry["max_links_per_cell"]
    assert dry["links_routed"] >= 0.95 * dry["links_surveyed"]
