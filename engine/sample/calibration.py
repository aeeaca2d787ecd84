"""Published DTM figures (sample_data/real/dtm_facts.csv) turned into calibration targets.

Flow monitoring counts are calibrated to three kinds of published figures:
- the regional daily average of individuals observed at FMPs per quarter (2018-Q3 .. 2019-Q3) and the
  changes quoted for 2019-Q4 -> 2020-Q1 and month to month in 2020 (the COVID-19 drop and recovery);
- country daily averages quoted for single months (Niger, Chad, Burkina Faso, Nigeria), used as
  shares of the regional figure;
- the Niger-Nigeria share of all flows (31 % in 2018-Q4).
The generator's FMP network (the 34 FMPs named in public documents) stands in for the whole regional
network, so Mali (and the Gambia from 2021) carries the share of countries whose FMPs are not named
(Guinea, Cameroon...).
"""
import numpy as np
import pandas as pd

FMP_COUNTRIES = ("NER", "NGA", "MLI", "BFA", "TCD", "GMB")
GMB_SHARE_2021 = 0.06  # assumption: four Gambian FMPs from 2021 (no published daily average)
QUARTER_FACTS = {"2018Q3": "DTM001", "2019Q1": "DTM007", "2019Q2": "DTM008", "2019Q3": "DTM010"}


def read_facts(path):
    facts = pd.read_csv(path, encoding="utf-8").set_index("fact_id")
    return facts["value"].astype(float)


def regional_monthly(facts):
    """Regional daily average of individuals observed at FMPs, one value per month 2018-2021."""
    q = {k: facts[v] for k, v in QUARTER_FACTS.items()}
    q["2018Q4"] = facts["DTM003"] * 1.11      # "increased [by] 11% ... (up from 5,681)"
    q["2018Q1"] = q["2018Q2"] = 0.92 * q["2018Q3"]  # assumption: network still growing in 2018-H1
    q["2019Q4"] = 0.98 * q["2019Q3"]          # assumption: no figure; a slight seasonal dip
    months = pd.period_range("2018-01", "2021-12", freq="M")
    values = pd.Series(np.nan, index=months)
    for quarter, value in q.items():
        values[values.index.asfreq("Q") == pd.Period(quarter, "Q")] = value
    # 2020: Q1 is +10 % on 2019-Q4 (DTM013) with March 30 % below February (DTM014); then the
    # January->April drop (DTM016) and the April->May and May->June rebounds (DTM020, DTM021).
    q1 = (1 + facts["DTM013"] / 100) * q["2019Q4"]
    jan = feb = 3 * q1 / (2 + (1 + facts["DTM014"] / 100))
    mar = feb * (1 + facts["DTM014"] / 100)
    apr = jan * (1 + facts["DTM016"] / 100)
    may = apr * (1 + facts["DTM020"] / 100)
    jun = may * (1 + facts["DTM021"] / 100)
    for month, value in zip(["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"],
                            [jan, feb, mar, apr, may, jun]):
        values[pd.Period(month, "M")] = value
    # Assumption (no published regional average): back to about the 2019 level after June 2020,
    # slowly easing in 2021 while borders stay partly closed.
    rest = values.index >= pd.Period("2020-07", "M")
    values[rest] = np.linspace(0.92, 0.88, rest.sum()) * q["2019Q3"]
    return values


def country_shares(facts, regional):
    """Share of the regional daily average observed at the FMPs of each country, per month."""
    def share(fact_id, month):
        return facts[fact_id] / regional[pd.Period(month, "M")]

    anchors = {  # month -> share of the regional average
        "NER": {"2018-11": 0.24, "2019-02": share("DTM037", "2019-02"), "2019-04": share("DTM038", "2019-04"),
                "2019-08": facts["DTM011"] / 100, "2020-02": share("DTM039", "2020-02")},
        "NGA": {"2018-11": facts["DTM006"] / 100, "2019-08": 0.25, "2020-02": 0.15,  # quoted with DTM015
                "2020-07": share("DTM040", "2020-07")},
        "BFA": {"2018-06": share("DTM036", "2018-06"), "2018-10": share("DTM034", "2018-10"),
                "2019-08": 0.19, "2020-02": 0.16},
        "TCD": {"2018-10": share("DTM035", "2018-10"), "2019-04": share("DTM044", "2019-04"), "2020-02": 0.11},
    }
    months = regional.index
    t = months.to_timestamp().asi8.astype(float)
    shares = pd.DataFrame(index=months, columns=list(FMP_COUNTRIES), dtype=float)
    for country, points in anchors.items():
        xs = np.array([pd.Period(m, "M").to_timestamp().value for m in points], dtype=float)
        shares[country] = np.interp(t, xs, np.array(list(points.values()), dtype=float))
    shares["GMB"] = np.where(months >= pd.Period("2021-01", "M"), GMB_SHARE_2021, 0.0)
    shares["MLI"] = 1.0 - shares.drop(columns="MLI").sum(axis=1)
    return shares


def niger_nigeria_share(facts):
    """Share of all flows that are Niger<->Nigeria movements (2018-Q4, DTM005)."""
    return facts["DTM005"] / 100


# Published figures the calibration test checks, with the tolerance it allows.
TOLERANCE_QUARTER = 0.05     # regional quarterly daily average, relative
TOLERANCE_COUNTRY = 0.15     # country monthly daily average, relative
TOLERANCE_CHANGE_PP = 8.0    # month-to-month change in 2020, percentage points
TOLERANCE_SHARE_PP = 4.0     # Niger-Nigeria share, percentage points


def observed_daily_average(counts, fmp, *, freq, country=None):
    """Daily average of individuals counted at FMPs per period (``freq`` "M" or "Q"), computed from
    weekly rows the way the hub does: total counted in the weeks starting in the period / days."""
    counts = counts.assign(date=pd.to_datetime(counts["date"]))
    periods = counts["date"].dt.to_period(freq)
    days = counts.groupby(periods)["date"].nunique() * counts.get("period_days", pd.Series(1, counts.index)).max()
    if country is not None:
        ids = set(fmp.loc[fmp["country_iso3"] == country, "fmp_id"])
        keep = counts["fmp_id"].isin(ids)
        counts, periods = counts[keep], periods[keep]
    return (counts.groupby(periods)["count"].sum() / days).reindex(days.index).fillna(0.0)
