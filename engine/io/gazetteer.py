"""Place-name resolution: field names (origin, destination, next stop) to gazetteer places.

Names are matched accent-, case- and punctuation-insensitively against the GeoNames sample's names
and alternate names (French and English spellings: 'Agadès', 'Tombouctou' / 'Timbuktu') and against
admin-unit names. When a name matches several places, the most populous wins, unless a country is
given. Unresolved names come back with their closest spellings as suggestions.
"""
import difflib
from dataclasses import dataclass

import pandas as pd

from .countries import fold


@dataclass(frozen=True)
class Match:
    name: str  # as given
    place: str  # gazetteer name
    lon: float
    lat: float
    country_iso3: str
    source: str  # "places" or "admin"


class Gazetteer:
    """An index of folded names -> places. Build it with ``from_places`` or ``Gazetteer.load``."""

    def __init__(self, entries):
        # entries: DataFrame with key, name, lon, lat, country_iso3, population, source
        ranked = entries.sort_values(["population", "name"], ascending=[False, True], kind="stable")
        self._entries = ranked.reset_index(drop=True)
        self._by_key = self._entries.groupby("key", sort=False).indices
        self._keys = list(self._by_key)

    @classmethod
    def from_places(cls, places, *, admin=None):
        """``places``: canonical places (name, lon, lat, country_iso3, population, alt_names).
        ``admin``: optional admin polygons with ``name`` (or ``adm1_name``) and ``country_iso3``."""
        rows = []
        places = places.assign(
            alt_names=places["alt_names"].fillna("") if "alt_names" in places else "",
            population=pd.to_numeric(places["population"], errors="coerce").fillna(0) if "population" in places
            else 0.0,
            country_iso3=places["country_iso3"] if "country_iso3" in places else None)
        for rec in places.itertuples(index=False):
            for name in {rec.name, *str(rec.alt_names).split(";")}:
                key = fold(name)
                if key:
                    rows.append((key, rec.name, float(rec.lon), float(rec.lat), rec.country_iso3,
                                 float(rec.population), "places"))
        if admin is not None:
            name_col = next(c for c in ("name", "adm1_name", "admin_name") if c in admin)
            points = admin.geometry.representative_point()
            for name, iso3, point in zip(admin[name_col], admin.get("country_iso3", [None] * len(admin)), points):
                if isinstance(name, str) and fold(name):
                    rows.append((fold(name), name, point.x, point.y, iso3, -1.0, "admin"))
        entries = pd.DataFrame(rows, columns=["key", "name", "lon", "lat", "country_iso3", "population", "source"])
        return cls(entries.drop_duplicates(["key", "name", "country_iso3"]))

    @classmethod
    def load(cls, places_path, *, admin_path=None):
        """The gazetteer from a GeoNames places file (``read_places_geonames``) and an admin GeoPackage."""
        from .sources import read_admin, read_places_geonames

        admin = None
        if admin_path is not None:
            admin = pd.concat([read_admin(admin_path, level=0), read_admin(admin_path, level=1)], ignore_index=True)
            admin = admin.rename(columns={"adm0_iso3": "country_iso3"})
            admin["name"] = admin["adm1_name"].fillna(admin["name"]) if "adm1_name" in admin else admin["name"]
        return cls.from_places(read_places_geonames(places_path), admin=admin)

    def __len__(self):
        return len(self._entries)

    def lookup(self, name, *, country_iso3=None):
        """The best Match for ``name`` (in ``country_iso3`` when given), or None."""
        idx = self._by_key.get(fold(name))
        if idx is None:
            return None
        candidates = self._entries.iloc[idx]
        if country_iso3 is not None:
            candidates = candidates[candidates["country_iso3"] == country_iso3]
            if not len(candidates):
                return None
        best = candidates.iloc[0]
        return Match(str(name), best["name"], float(best["lon"]), float(best["lat"]), best["country_iso3"],
                     best["source"])

    def suggest(self, name, *, n=3):
        """Gazetteer names closest to ``name`` (difflib ratio), best first."""
        keys = difflib.get_close_matches(fold(name), self._keys, n=n, cutoff=0.6)
        return list(dict.fromkeys(self._entries.iloc[self._by_key[k][0]]["name"] for k in keys))

    def resolve(self, names, *, country_iso3=None):
        """Resolve each distinct name; returns ``(resolved, unresolved)`` DataFrames.

        ``resolved``: name, place, lon, lat, country_iso3, source. ``unresolved``: name, suggestions
        (';'-separated).
        """
        found, missing = [], []
        for name in pd.unique(pd.Series(list(names), dtype="string").dropna()):
            match = self.lookup(name, country_iso3=country_iso3)
            if match is None:
                missing.append((name, ";".join(self.suggest(name))))
            else:
                found.append(match)
        resolved = pd.DataFrame(found, columns=["name", "place", "lon", "lat", "country_iso3", "source"])
        return resolved, pd.DataFrame(missing, columns=["name", "suggestions"])


__all__ = ["Gazetteer", "Match"]
