"""Shared helpers of the sample generator: seeded random streams, the real inputs, CSV output.

Every random draw comes from a stream named after its purpose, so changing one part of the
generator (say the transhumance herds) leaves every other file byte-identical.
"""
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..io.atomic import atomic_file

DEFAULT_SEED = 20200415
METRIC_CRS = "ESRI:102022"  # Africa Albers Equal Area Conic: distances good to ~1% over the region

# IOM's West and Central Africa region (23 countries): PoE registry and the FMP region.
WCA = ("BEN", "BFA", "CAF", "CIV", "CMR", "COG", "CPV", "GAB", "GHA", "GIN", "GMB", "GNB", "GNQ", "LBR",
       "MLI", "MRT", "NER", "NGA", "SEN", "SLE", "STP", "TCD", "TGO")

START = pd.Timestamp("2018-01-01")  # a Monday: weeks are ISO weeks
END = pd.Timestamp("2021-12-31")


def rng(seed, purpose):
    """An independent random generator for one purpose (stable across code changes elsewhere)."""
    return np.random.default_rng(np.random.SeedSequence([int(seed), zlib.crc32(purpose.encode())]))


def real_paths(data_dir):
    real = Path(data_dir) / "real"
    names = {
        "roads": "roads.gpkg", "places": "places_geonames.csv", "fmp_named": "fmp_locations_named.csv",
        "facts": "dtm_facts.csv", "cobap_policies": "cobap_policies.csv",
        "cobap_daily": "cobap_daily_status.csv", "stock": "undesa_migrant_stock.csv",
        "landcover": "landcover_igbp_0p05deg.tif", "water": "water.gpkg", "admin": "admin.gpkg",
        "population": "population_count_30min.tif",
    }
    return {key: real / name for key, name in names.items()}


def weeks():
    """Week starts (Mondays) covering 2018-2021."""
    return pd.date_range(START, END, freq="7D")


def write_csv(df, path):
    """Write ``df`` as UTF-8 CSV, the same bytes on every run (fixed float format, LF line ends),
    with ``generated`` = true so nobody mistakes it for real data."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df = df.copy()
    df["generated"] = "true"
    with atomic_file(path) as tmp:
        df.to_csv(tmp, index=False, lineterminator="\n", float_format="%.6g", encoding="utf-8",
                  date_format="%Y-%m-%d")
    return path
