"""Calibration of the generated flow-monitoring counts against the published DTM figures
(sample_data/real/dtm_facts.csv), within the tolerances stated in rdh_engine.sample.calibration."""
import pandas as pd
import pytest

from rdh_engine.io.sources import read_places_geonames
from rdh_engine.sample import calibration as cal


@pytest.fixture(scope="module")
def facts(sample_data):
    return cal.read_facts(sample_data / "real" / "dtm_facts.csv")


@pytest.fixture(scope="module")
def counts(sample_data):
    return pd.read_csv(sample_data / "generated" / "fmp_counts.csv")


@pytest.fixture(scope="module")
def fmp(sample_data):
    return pd.read_csv(sample_data / "generated" / "fmp.csv")


@pytest.mark.parametrize("quarter,fact_id", [("2018Q3", "DTM001"), ("2019Q1", "DTM007"), ("2019Q2", "DTM008"),
                                             ("2019Q3", "DTM010")])
def test_regional_daily_average_per_quarter(counts, fmp, facts, quarter, fact_id):
    observed = cal.observed_daily_average(counts, fmp, freq="Q")[pd.Period(quarter, "Q")]
    assert observed == pytest.approx(facts[fact_id], rel=cal.TOLERANCE_QUARTER)


def test_quarter_on_quarter_changes(counts, fmp, facts):
    q = cal.observed_daily_average(counts, fmp, freq="Q")
    # DTM003: 2018-Q4 up 11 % on the 5,681 cited for Q3; DTM013: 2020-Q1 up 10 % on 2019-Q4.
    assert q[pd.Period("2018Q4", "Q")] == pytest.approx(facts["DTM003"] * 1.11, rel=cal.TOLERANCE_QUARTER)
    change = 100 * (q[pd.Period("2020Q1", "Q")] / q[pd.Period("2019Q4", "Q")] - 1)
    assert change == pytest.approx(facts["DTM013"], abs=cal.TOLERANCE_CHANGE_PP)


@pytest.mark.parametrize("first,second,fact_id", [("2020-02", "2020-03", "DTM014"), ("2020-01", "2020-04", "DTM016"),
                                                  ("2020-04", "2020-05", "DTM020"), ("2020-05", "2020-06", "DTM021")])
def test_covid_drop_and_recovery_2020(counts, fmp, facts, first, second, fact_id):
    m = cal.observed_daily_average(counts, fmp, freq="M")
    change = 100 * (m[pd.Period(second, "M")] / m[pd.Period(first, "M")] - 1)
    assert change == pytest.approx(facts[fact_id], abs=cal.TOLERANCE_CHANGE_PP)


@pytest.mark.parametrize("country,month,fact_id", [
    ("NER", "2019-02", "DTM037"), ("NER", "2019-04", "DTM038"), ("NER", "2020-02", "DTM039"),
    ("TCD", "2018-10", "DTM035"), ("TCD", "2019-04", "DTM044"), ("BFA", "2018-10", "DTM034"),
    ("BFA", "2018-06", "DTM036"), ("NGA", "2020-07", "DTM040")])
def test_country_daily_averages(counts, fmp, facts, country, month, fact_id):
    observed = cal.observed_daily_average(counts, fmp, freq="M", country=country)[pd.Period(month, "M")]
    assert observed == pytest.approx(facts[fact_id], rel=cal.TOLERANCE_COUNTRY)


def test_niger_nigeria_share_of_all_flows(counts, facts, sample_data):
    places = read_places_geonames(sample_data / "real" / "places_geonames.csv")
    country = places.drop_duplicates("name", keep=False).set_index("name")["country_iso3"]
    q4 = counts[pd.to_datetime(counts["date"]).dt.to_period("Q") == pd.Period("2018Q4", "Q")]
    pair = q4["origin"].map(country) + "-" + q4["destination"].map(country)
    assert pair.notna().all(), "every origin and destination resolves in the gazetteer"
    share = 100 * q4.loc[pair.isin(["NER-NGA", "NGA-NER"]), "count"].sum() / q4["count"].sum()
    assert share == pytest.approx(facts["DTM005"], abs=cal.TOLERANCE_SHARE_PP)
