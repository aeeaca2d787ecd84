"""Place-name resolution: field names (origin, destination, next stop) to gazetteer places.

The toolkit's one gazetteer: corridors, transhumance and poe-impact all resolve names here.
Names are matched accent-, case- and punctuation-insensitively (:func:`place_key`: "N’Djamena",
"N'Djamena" and "n djamena" are the same) against the GeoNames sample's names and alternate names
(French and English spellings: 'Agadès', 'Tombouctou' / 'Timbuktu'), against admin-unit names and,
when given, PoE ids and names. A PoE id beats a place's own name, which beats another place's
alternate name, which beats a PoE name; among namesakes the most populous wins, unless a country is
given. Unresolved names come back with their closest spellings as suggestions.
"""
from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from .countries import fold

log = logging.getLogger(__name__)

# Folded forms of what forms write for an undeclared place; "-", "?" fold to "".
UNKNOWN = {"", "unknown", "inconnu", "inconnue", "nan", "none", "n a", "na"}
# Entry priority among entries sharing a key (lower wins), then population.
_PRIORITY = {"poe_id": 0, "name": 1, "alias": 2, "admin": 2, "poe_name": 3}


def place_key(name: object) -> str:
    """The key place names are matched on: accents, case and punctuation folded ('N’Djamena' -> 'n djamena')."""
    return fold(name)


def is_unknown(values: Iterable) -> pd.Series:
    """True where a declared place is missing ("unknown", "inconnu", blank, NaN...)."""
    values = pd.Series(values)
    return values.isna() | values.astype(str).map(place_key).isin(UNKNOWN)


@dataclass(frozen=True)
class Match:
    name: str  # as given
    place: str  # gazetteer name
    lon: float
    lat: float
    country_iso3: str
    source: str  # "places", "admin" or "poe"
    label: object = None  # row label of the place in the table the gazetteer was built from
    poe_id: str | None = None  # when the name is a PoE's id or name


class Gazetteer:
    """An index of folded names -> places. Build it with ``from_places`` or ``Gazetteer.load``."""

    _COLUMNS = ["key", "name", "lon", "lat", "country_iso3", "population", "source", "label", "poe_id", "priority"]

    def __init__(self, entries: pd.DataFrame):
        # entries: DataFrame with the _COLUMNS; the best entry of each key comes first
        ranked = entries.sort_values(["priority", "population", "order"], ascending=[True, False, True],
                                     kind="stable") if len(entries) else entries
        self._entries = ranked.reset_index(drop=True)
        self._by_key = self._entries.groupby("key", sort=False).indices
        self._keys = list(self._by_key)
        self._best = {key: int(idx[0]) for key, idx in self._by_key.items()}

    @classmethod
    def from_places(cls, places: pd.DataFrame | None, *, admin: pd.DataFrame | None = None,
                    poe: pd.DataFrame | None = None) -> "Gazetteer":
        """The gazetteer of canonical ``places`` (name, lon, lat; optional country_iso3, population,
        alt_names ';'-separated); ``admin``: optional admin polygons with ``name`` (or ``adm1_name``)
        and ``country_iso3``; ``poe``: optional PoE registry (poe_id, name, lon, lat), whose ids and
        names resolve to the PoE (``Match.poe_id``)."""
        rows = []
        if places is not None and len(places):
            places = places.assign(
                alt_names=places["alt_names"].fillna("") if "alt_names" in places else "",
                population=pd.to_numeric(places["population"], errors="coerce").fillna(0) if "population" in places
                else 0.0,
                country_iso3=places["country_iso3"] if "country_iso3" in places else None)
            for label, rec in zip(places.index, places.itertuples(index=False)):
                names = [(rec.name, "name")] + [(a, "alias") for a in str(rec.alt_names).split(";")]
                for name, role in names:
                    key = place_key(name)
                    if key:
                        rows.append((key, rec.name, float(rec.lon), float(rec.lat), rec.country_iso3,
                                     float(rec.population), "places", label, None, _PRIORITY[role]))
        if admin is not None:
            name_col = next(c for c in ("name", "adm1_name", "admin_name") if c in admin)
            points = admin.geometry.representative_point()
            for label, name, iso3, point in zip(admin.index, admin[name_col],
                                                admin.get("country_iso3", [None] * len(admin)), points):
                if isinstance(name, str) and place_key(name):
                    rows.append((place_key(name), name, point.x, point.y, iso3, -1.0, "admin", label, None,
                                 _PRIORITY["admin"]))
        if poe is not None:
            iso3 = poe["country_iso3"] if "country_iso3" in poe else [None] * len(poe)
            for label, pid, name, lon, lat, country in zip(poe.index, poe["poe_id"], poe["name"], poe["lon"],
                                                            poe["lat"], iso3):
                for key, role in ((place_key(pid), "poe_id"), (place_key(name), "poe_name")):
                    if key:
                        rows.append((key, str(name), float(lon), float(lat), country, -1.0, "poe", label, str(pid),
                                     _PRIORITY[role]))
        entries = pd.DataFrame(rows, columns=cls._COLUMNS).assign(order=np.arange(len(rows)))
        return cls(entries.drop_duplicates(["key", "name", "country_iso3", "source", "priority"]))

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

    def lookup(self, name: object, *, country_iso3: str | None = None) -> Match | None:
        """The best Match for ``name`` (in ``country_iso3`` when given), or None."""
        key = place_key(name)
        if country_iso3 is None:
            if key not in self._best:
                return None
            best = self._entries.iloc[self._best[key]]
        else:
            idx = self._by_key.get(key)
            if idx is None:
                return None
            candidates = self._entries.iloc[idx]
            candidates = candidates[candidates["country_iso3"] == country_iso3]
            if not len(candidates):
                return None
            best = candidates.iloc[0]
        return Match(str(name), best["name"], float(best["lon"]), float(best["lat"]), best["country_iso3"],
                     best["source"], best["label"], best["poe_id"])

    def labels(self, names: Iterable) -> tuple[pd.Series, list[str]]:
        """Row labels (in the table the gazetteer was built from) of each name: NaN where the name is
        undeclared (:func:`is_unknown`) or not found; and the sorted names not found (logged)."""
        names = pd.Series(list(names) if not isinstance(names, pd.Series) else names)
        unknown = is_unknown(names)
        rows = self._entries["label"]

        def label(name):
            position = self._best.get(place_key(name)) if isinstance(name, str) else None
            return np.nan if position is None else rows.iat[position]

        found = names.where(~unknown).map(label)
        missed = sorted(set(names[~unknown & found.isna()].astype(str)))
        if missed:
            log.warning("%d place name(s) not in the gazetteer, treated as undeclared: %s",
                        len(missed), ", ".join(missed[:15]))
        return found, missed

    def suggest(self, name, *, n=3):
        """Gazetteer names closest to ``name`` (difflib ratio), best first."""
        keys = difflib.get_close_matches(place_key(name), self._keys, n=n, cutoff=0.6)
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


__all__ = ["Gazetteer", "Match", "UNKNOWN", "is_unknown", "place_key"]
