"""Warnings: things that do not break a schema but deserve a look before analysis.

Each check works on typed, canonical chunks and keeps what it needs across chunks (hashes, daily
sums), so a file is checked while it streams through.
"""
import datetime as dt

import numpy as np
import pandas as pd
import shapely

from .report import issues_frame
from .schemas import FIELDS

JUMP_FACTOR = 10
# Natural Earth 1:10m borders are generalised and border posts sit on the line: ~5 km of slack.
BORDER_TOLERANCE_DEG = 0.05
# The hub's study box (sample_data/PROVENANCE.md): a point outside it but inside once swapped is suspect.
STUDY_BOX = (-26.0, -14.0, 32.0, 38.0)
SWAP_DISTANCE_DEG = 1.0


class FutureDates:
    def __init__(self, kind, *, today=None):
        self.columns = [f.name for f in FIELDS[kind] if f.type == "date"]
        self.today = pd.Timestamp(today or dt.date.today())

    def chunk(self, df):
        out = []
        for col in self.columns:
            if col in df:
                future = df[col] > self.today
                out.append(issues_frame("date in the future", df.index[future] + 2, column=col,
                                        values=df.loc[future, col].dt.strftime("%Y-%m-%d")))
        return pd.concat(out) if out else None

    def finish(self):
        return None


class DuplicateRows:
    """Rows identical in every column to an earlier row (8 bytes kept per row)."""

    def __init__(self):
        self.hashes = []

    def chunk(self, df):
        self.hashes.append(pd.util.hash_pandas_object(df.drop(columns="geometry", errors="ignore").astype(str),
                                                      index=False).to_numpy())
        return None

    def finish(self):
        if not self.hashes:
            return None
        hashes = np.concatenate(self.hashes)
        self.hashes = []
        # Find the repeated hash values on a sorted copy, then only their rows: about 17 bytes per
        # row at the peak, where a hash table (pandas.duplicated) takes several times that.
        ordered = np.sort(hashes)
        repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        del ordered
        if not len(repeated):
            return None
        positions = np.flatnonzero(np.isin(hashes, repeated))
        values = pd.Series(hashes[positions], index=positions)
        later = values.duplicated(keep="first")
        first_row = values[~later]
        first_row = pd.Series(first_row.index + 2, index=first_row.to_numpy())
        return issues_frame("duplicate row", values.index[later] + 2, column="(all)",
                            values=[f"same as row {first_row[h]}" for h in values[later]])


class DuplicateIds:
    """Ids that must be unique (catalogues, registries, reports), across chunks: an error."""

    def __init__(self, kind):
        self.column = next((f.name for f in FIELDS[kind] if f.unique), None)
        self.ids = []

    def chunk(self, df):
        if self.column in df:
            self.ids.append(df[self.column].astype(str).to_numpy(dtype=object))
        return None

    def finish(self):
        if not self.ids:
            return None
        ids = pd.Series(np.concatenate(self.ids))
        dup = ids.duplicated(keep=False) & ids.notna()
        return issues_frame("duplicate id", dup.index[dup] + 2, column=self.column, values=ids[dup],
                            severity="error")


class CountJumps:
    """FMP daily totals that jump (or fall) JUMP_FACTOR-fold from one day to the next."""

    def __init__(self):
        self.parts = []

    def chunk(self, df):
        if {"fmp_id", "date", "count"} <= set(df.columns):
            rows = pd.Series(df.index + 2, index=df.index)
            self.parts.append(df.assign(_row=rows).groupby(["fmp_id", "date"], dropna=True)
                              .agg(total=("count", "sum"), row=("_row", "min")))
        return None

    def finish(self):
        if not self.parts:
            return None
        daily = pd.concat(self.parts).groupby(level=[0, 1]).agg(total=("total", "sum"), row=("row", "min"))
        daily = daily.reset_index().sort_values(["fmp_id", "date"])
        prev = daily.groupby("fmp_id")[["date", "total"]].shift()
        next_day = (daily["date"] - prev["date"]) == pd.Timedelta(days=1)
        high = np.maximum(daily["total"], prev["total"])
        low = np.minimum(daily["total"], prev["total"])
        jump = next_day & (low >= 0) & (high >= JUMP_FACTOR * low) & (high >= JUMP_FACTOR)
        hits = daily[jump]
        return issues_frame(
            f"count jumps {JUMP_FACTOR}x day to day", hits["row"], column="count",
            values=[f"{f} {p:g} -> {t:g} on {d:%Y-%m-%d}"
                    for f, p, t, d in zip(hits["fmp_id"], prev.loc[jump, "total"], hits["total"], hits["date"])])


class Locations:
    """Points outside their stated country, and lon/lat that look swapped (the point is far from its
    country, or outside the study box, and lands in it once swapped)."""

    def __init__(self, adm0=None, *, outside_country=True):
        self.outside_country = outside_country
        self.countries = {}
        if adm0 is not None:
            for iso3, geom in zip(adm0["country_iso3"], adm0.geometry):
                shapely.prepare(geom)
                self.countries[iso3] = geom

    def chunk(self, df):
        if not {"lon", "lat"} <= set(df.columns):
            return None
        lon, lat = df["lon"].to_numpy(dtype=float), df["lat"].to_numpy(dtype=float)
        known = ~(np.isnan(lon) | np.isnan(lat))
        swapped = known & ~_in_box(lon, lat) & _in_box(lat, lon)
        outside = np.zeros(len(df), dtype=bool)
        if self.countries and "country_iso3" in df:
            iso = df["country_iso3"].astype(object).where(df["country_iso3"].notna(), "").to_numpy()
            for code in set(iso[known]) & set(self.countries):
                rows = known & (iso == code)
                geom = self.countries[code]
                points = shapely.points(lon[rows], lat[rows])
                near = shapely.dwithin(geom, points, BORDER_TOLERANCE_DEG)
                # Swapped only when far off (a coastal or border point just outside is not swapped).
                far = ~shapely.dwithin(geom, points, SWAP_DISTANCE_DEG)
                near_swapped = shapely.dwithin(geom, shapely.points(lat[rows], lon[rows]), BORDER_TOLERANCE_DEG)
                idx = np.flatnonzero(rows)
                outside[idx[~near & ~(far & near_swapped)]] = self.outside_country
                swapped[idx[far & near_swapped]] = True
                swapped[idx[near]] = False
        def coords(i):
            return f"lon {lon[i]:g}, lat {lat[i]:g}"

        found = [issues_frame("likely swapped lat/lon", df.index[swapped] + 2, column="lon,lat",
                              values=[coords(i) for i in np.flatnonzero(swapped)])]
        if outside.any():
            found.append(issues_frame(
                "point outside its stated country", df.index[outside] + 2, column="country_iso3",
                values=[f"{df['country_iso3'].iloc[i]}: {coords(i)}" for i in np.flatnonzero(outside)]))
        return pd.concat(found)

    def finish(self):
        return None


class UnresolvedPlaces:
    """Place names (origin, destination, next stop) the gazetteer does not know, with suggestions."""

    COLUMNS = ("origin", "destination", "next_stop")

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.first_row = {}  # (column, name) -> first row it appears on

    def chunk(self, df):
        for col in self.COLUMNS:
            if col in df:
                names = df[col].dropna()
                firsts = names[~names.duplicated()]
                for name, index in zip(firsts, firsts.index):
                    self.first_row.setdefault((col, name), index + 2)
        return None

    def finish(self):
        names = {name for _, name in self.first_row}
        _, unresolved = self.gazetteer.resolve(sorted(names))
        hints = dict(zip(unresolved["name"], unresolved["suggestions"]))
        frames = []
        for col in self.COLUMNS:
            hits = sorted((row, name) for (c, name), row in self.first_row.items() if c == col and name in hints)
            if hits:
                frames.append(issues_frame(
                    "place name not in the gazetteer", [row for row, _ in hits], column=col,
                    values=[name + (f" (did you mean {hints[name].replace(';', ', ')}?)" if hints[name] else "")
                            for _, name in hits]))
        return pd.concat(frames) if frames else None


def _in_box(x, y):
    x0, y0, x1, y1 = STUDY_BOX
    return (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)


def checks_for(kind, *, adm0=None, gazetteer=None, today=None):
    """The cross-row checks that apply to ``kind``."""
    checks = [FutureDates(kind, today=today), DuplicateRows(), DuplicateIds(kind)]
    if kind == "fmp_counts":
        checks.append(CountJumps())
    if any(f.name == "lon" for f in FIELDS[kind]):
        # MMP records maritime incidents under the nearest country: offshore is normal there.
        checks.append(Locations(adm0, outside_country=kind != "mmp"))
    if gazetteer is not None and any(f.name in UnresolvedPlaces.COLUMNS for f in FIELDS[kind]):
        checks.append(UnresolvedPlaces(gazetteer))
    return checks
