"""Write the small corridor network of tests/corridor_fixtures.py as files, for the Processing case
tests/processing_cases/corridors.toml. Run from the repository root: `.venv/bin/python tests/data/corridors/make_fixture.py`."""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests import corridor_fixtures as F  # noqa: E402

F.roads().to_file(HERE / "roads.gpkg", layer="roads")
F.places().to_csv(HERE / "places.csv", index=False)
F.fmp("Agadez").to_csv(HERE / "fmp.csv", index=False)
F.counts([("Agadez", "2020-01-05", "Zinder", "Arlit", 62), ("Agadez", "2020-02-05", "Zinder", "Ingall", 29)]
         ).to_csv(HERE / "counts.csv", index=False)
