"""Shorthands for writing column declarations."""
from ..catalogue import Column, Role

R = Role


def col(name, dtype, role, en="", fr="", *, unit="", **extra):
    """A :class:`~rdh_engine.catalogue.Column` in one line."""
    return Column(name=name, dtype=dtype, role=role, unit=unit, description_en=en, description_fr=fr, **extra)


def measures(*names, dtype="float64", unit=""):
    """Columns that are not from people (lengths, times, costs), in one go."""
    return tuple(col(n, dtype, R.MEASURE, unit=unit) for n in names)


GEOMETRY = "geometry"
