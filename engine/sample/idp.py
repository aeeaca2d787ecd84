"""Generated IDP figures by admin-1 unit and assisted movements by month: plausible magnitudes and
trends for 2018-2021 (orders of magnitude from the crises the hub follows), clearly labelled as
generated. They calibrate nothing and carry no planted truth.

The admin code is the Natural Earth ``adm1_fips`` of sample_data/real/admin.gpkg (the sample admin
layer has no OCHA p-codes); ``admin_name`` and ``country_iso3`` are written too.
"""
import unicodedata

import numpy as np
import pandas as pd

from ._common import rng

# (country, admin-1 name, IDPs early 2018, IDPs end 2021): generated magnitudes, not published figures.
IDP_UNITS = [
    ("NGA", "Borno", 1_400_000, 1_600_000), ("NGA", "Adamawa", 180_000, 210_000), ("NGA", "Yobe", 120_000, 160_000),
    ("BFA", "Sanmatenga", 2_000, 480_000), ("BFA", "Soum", 5_000, 210_000), ("BFA", "Séno", 1_000, 170_000),
    ("BFA", "Bam", 500, 140_000), ("BFA", "Loroum", 500, 110_000), ("BFA", "Oudalan", 1_000, 100_000),
    ("BFA", "Yagha", 200, 80_000), ("MLI", "Mopti", 30_000, 160_000), ("MLI", "Gao", 25_000, 70_000),
    ("MLI", "Timbuktu", 20_000, 60_000), ("MLI", "Ségou", 3_000, 45_000), ("NER", "Diffa", 120_000, 115_000),
    ("NER", "Tillabéri", 15_000, 110_000), ("NER", "Tahoua", 2_000, 35_000), ("TCD", "Lac", 130_000, 400_000),
    ("CMR", "Extrême-Nord", 240_000, 340_000), ("CMR", "Nord-Ouest", 150_000, 330_000),
    ("CMR", "Sud-Ouest", 140_000, 300_000), ("CAF", "Ouaka", 90_000, 110_000),
    ("CAF", "Haute-Kotto", 60_000, 80_000), ("CAF", "Ouham", 70_000, 90_000),
]

# Assisted movements: (host country, home country, typical monthly returns in 2018-2019).
MOVEMENT_PAIRS = [
    ("NER", "GIN", 380), ("NER", "MLI", 260), ("NER", "CMR", 140), ("NER", "CIV", 130), ("NER", "SEN", 110),
    ("NER", "NGA", 90), ("NER", "GMB", 60), ("NER", "SLE", 50), ("NER", "BFA", 40), ("MLI", "GIN", 120),
    ("MLI", "CIV", 60), ("MLI", "SEN", 30), ("LBY", "NGA", 220), ("LBY", "GMB", 60), ("LBY", "MLI", 50),
    ("DZA", "NER", 400), ("MAR", "SEN", 40), ("MAR", "GIN", 60), ("MRT", "SEN", 20), ("TCD", "CMR", 15),
]


def _plain(text):
    return unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()


def idp_table(admin1, *, seed):
    gen = rng(seed, "idp")
    months = pd.date_range("2018-01-01", "2021-12-01", freq="MS")
    lookup = {(row.adm0_iso3, _plain(row.adm1_name)): row for row in admin1.itertuples()}
    frames = []
    for country, name, first, last in IDP_UNITS:
        unit = lookup.get((country, _plain(name)))
        if unit is None:
            continue
        t = np.linspace(0.0, 1.0, len(months))
        growth = 1 / (1 + np.exp(-10 * (t - 0.5)))  # displacement crises grow in waves, not lines
        trend = first + (last - first) * (growth - growth[0]) / (growth[-1] - growth[0])
        values = np.round(trend * gen.lognormal(0, 0.04, len(months)), -1)
        frames.append(pd.DataFrame({"admin_pcode": unit.adm1_fips, "date": months, "idp_count": values.astype(int),
                                    "admin_name": unit.adm1_name, "country_iso3": country}))
    return pd.concat(frames, ignore_index=True)


def movements_table(*, seed):
    """Monthly assisted movements (IOM-style returns), suspended while borders closed in 2020."""
    gen = rng(seed, "movements")
    months = pd.period_range("2018-01", "2021-12", freq="M")
    level = pd.Series(1.0, index=months)
    level[pd.Period("2020-03", "M")] = 0.5
    level[pd.period_range("2020-04", "2020-06", freq="M")] = 0.02
    level[pd.period_range("2020-07", "2020-12", freq="M")] = 0.6
    level[pd.period_range("2021-01", "2021-12", freq="M")] = 0.8
    rows = []
    for host, home, monthly in MOVEMENT_PAIRS:
        kind = "humanitarian_return" if host in ("DZA", "LBY") else "assisted_voluntary_return"
        counts = gen.poisson(monthly * level.to_numpy() * gen.lognormal(0, 0.2, len(months)))
        for month, count in zip(months, counts):
            rows.append({"origin_iso3": host, "destination_iso3": home, "month": str(month), "count": int(count),
                         "movement_type": kind})
    return pd.DataFrame(rows)
