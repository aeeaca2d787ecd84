"""The one gazetteer: every analysis folds and ranks place names the same way."""
import pandas as pd

from rdh_engine.io.gazetteer import Gazetteer, is_unknown, place_key

PLACES = pd.DataFrame({
    "name": ["N'Djamena", "Agadez", "Agadez", "Niamey"],
    "lon": [15.04, 7.99, 10.0, 2.11], "lat": [12.11, 16.97, 15.0, 13.51],
    "population": [1_000_000, 110_000, 50, 1_000_000],
    "alt_names": ["Ndjamena;Fort-Lamy", "Agadès", "", "Agadez"],  # Niamey's bogus alias must not win
}, index=[10, 11, 12, 13])
POE = pd.DataFrame({"poe_id": ["TCD-CMR-NGU", "NER-X"], "name": ["Nguéli", "Niamey"], "lon": [15.0, 2.0],
                    "lat": [12.0, 13.0]})


def test_apostrophes_accents_and_case_fold_the_same():
    assert place_key("N’Djamena") == place_key("N'Djamena") == place_key("n djamena") == place_key(" N-DJAMENA ")
    assert place_key("Agadès") == place_key("AGADES")


def test_labels_resolve_names_with_own_names_before_aliases_and_populous_namesakes_first():
    labels, missed = Gazetteer.from_places(PLACES).labels(["N’Djamena", "agades", "Agadez", "Fort Lamy",
                                                            "inconnu", None, "Atlantis"])
    assert labels.tolist()[:4] == [10, 11, 11, 10]
    assert labels.iloc[4:].isna().all() and missed == ["Atlantis"]
    assert is_unknown(["-", "Unknown", "n/a", "Zinder"]).tolist() == [True, True, True, False]


def test_poe_ids_beat_place_names_which_beat_poe_names():
    gazetteer = Gazetteer.from_places(PLACES, poe=POE)
    assert gazetteer.lookup("tcd-cmr-ngu").poe_id == "TCD-CMR-NGU"
    assert gazetteer.lookup("Nguéli").poe_id == "TCD-CMR-NGU"
    niamey = gazetteer.lookup("Niamey")
    assert niamey.poe_id is None and niamey.label == 13
    assert gazetteer.lookup("N’Djamena").label == 10
    assert Gazetteer.from_places(None, poe=POE).lookup("NER-X").poe_id == "NER-X"
