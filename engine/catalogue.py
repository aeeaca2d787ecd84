"""The output catalogue: every layer, table and raster the toolkit writes, declared once.

Each declaration names the columns (or raster bands) with their dtype, unit, English and French
description and **disclosure role**, and the layer's house style, title and abstract in both
languages. The writer embeds these; export protects by role and refuses anything undeclared.

This module holds the vocabulary (roles, column/layer/raster declarations) and the lookup; the
declarations themselves live in ``engine/catalogue_outputs/`` (one module per analysis) and are
gathered into :data:`OUTPUTS` here.
"""
from __future__ import annotations

import dataclasses
import enum

from .errors import RdhError


class UndeclaredOutputError(RdhError, KeyError):
    """A layer, table, raster or column that the catalogue does not declare."""

    def __str__(self):  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class Role(str, enum.Enum):
    """What a column or band holds, for disclosure control."""

    COUNT_PERSONS = "count_persons"          # persons counted over ``period_days``
    COUNT_HERDS = "count_herds"              # distinct herds behind a value
    COUNT_ANIMALS = "count_animals"          # animals (herd sizes summed)
    COUNT_INFORMANTS = "count_informants"    # distinct key informants behind a value
    DERIVED_FROM_COUNTS = "derived_from_counts"  # rates, shares, flows/day: protected with ``derived_from``
    IDENTIFIER = "identifier"                # id of a public object (edge, PoE, corridor, admin unit)
    PERSONAL_IDENTIFIER = "personal_identifier"  # informant, herd or report id: never public
    FREE_TEXT = "free_text"                  # free text typed by people: never public
    CATEGORY = "category"                    # stable code (status, season, road class)
    MEASURE = "measure"                      # not from people (length_km, travel time, cost)
    DATE = "date"                            # a date or period label
    GEOMETRY_FROM_REPORTS = "geometry_from_reports"  # positions derived from individual reports
    PUBLIC_SOURCE = "public_source"          # already public upstream (Missing Migrants), published as is
    RATE_PERSONS = "rate_persons"            # persons/day from counts: protected as a count over the counting period


# How a declared output may leave the hub.
PUBLIC = "public"        # through disclosure control (rdh export)
INTERNAL = "internal"    # record level (per herd, per informant, per report): never in a public bundle
UPSTREAM = "upstream"    # already public upstream: published as the upstream publishes it, with attribution
PUBLICATIONS = (PUBLIC, INTERNAL, UPSTREAM)


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a declared layer or table."""

    name: str
    dtype: str
    role: Role
    unit: str = ""
    description_en: str = ""
    description_fr: str = ""
    derived_from: str | None = None  # for DERIVED_FROM_COUNTS: the count it is computed from
    period_days: float | None = None  # for counts of persons: the counting period, when fixed
    formula: str | None = None  # for DERIVED_FROM_COUNTS: recomputed from the protected columns (pandas eval)
    share_of: str | None = None  # for DERIVED_FROM_COUNTS: this column / one total behind every row (a share)


@dataclasses.dataclass(frozen=True)
class Band:
    """One band of a declared raster."""

    index: int
    name: str
    role: Role
    unit: str = ""
    description_en: str = ""
    description_fr: str = ""


@dataclasses.dataclass(frozen=True)
class LayerDecl:
    """A vector layer or a table (``geometry`` None) of a result."""

    name: str
    geometry: str | None
    columns: tuple[Column, ...]
    style: str | None = None
    title_en: str = ""
    title_fr: str = ""
    abstract_en: str = ""
    abstract_fr: str = ""
    linked_set: str | None = None  # layers derived from the same counts are protected together
    publication: str = PUBLIC
    keywords: tuple[str, ...] = ()
    topic: str = "society"         # ISO 19115 topic category
    licence: str = ""              # "" = the bundle's licence
    attribution: str = "IOM Regional Data Hub"
    record_level: bool = False     # one row per person, herd, report or incident (re-identification risk)
    # (internal raster, band) written beside the GeoPackage by the same run, counting the distinct
    # informants behind each cell's herds: export holds every published line to ``min_informants``
    informants_from: tuple[str, int] | None = None

    @property
    def title(self) -> str:
        return f"{self.title_en} / {self.title_fr}" if self.title_fr else self.title_en

    @property
    def from_reports(self) -> bool:
        """True when the geometry is derived from individual key-informant reports."""
        return any(c.role is Role.GEOMETRY_FROM_REPORTS for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise UndeclaredOutputError(f"layer {self.name!r} declares no column {name!r}")


@dataclasses.dataclass(frozen=True)
class RasterDecl:
    """A GeoTIFF of a result."""

    name: str
    bands: tuple[Band, ...]
    style: str | None = None
    title_en: str = ""
    title_fr: str = ""
    abstract_en: str = ""
    abstract_fr: str = ""
    linked_set: str | None = None
    publication: str = PUBLIC
    keywords: tuple[str, ...] = ()
    topic: str = "society"
    licence: str = ""
    attribution: str = "IOM Regional Data Hub"
    from_reports: bool = False     # cells derived from individual key-informant reports
    # (internal raster, band) written beside this one by the same run, counting the distinct
    # informants behind each cell's herds: export holds every published cell to ``min_informants``
    informants_from: tuple[str, int] | None = None

    @property
    def title(self) -> str:
        return f"{self.title_en} / {self.title_fr}" if self.title_fr else self.title_en


OUTPUTS: dict[str, LayerDecl | RasterDecl] = {}


def declaration(name: str) -> LayerDecl | RasterDecl:
    """The declaration of output ``name``; :class:`UndeclaredOutputError` if there is none."""
    try:
        return OUTPUTS[name]
    except KeyError:
        raise UndeclaredOutputError(
            f"{name!r} is not an output the toolkit declares; it cannot be published") from None


def _gather():
    from .catalogue_outputs import DECLARATIONS

    for decl in DECLARATIONS:
        if decl.name in OUTPUTS:
            raise RdhError(f"output {decl.name!r} is declared twice")
        if decl.publication not in PUBLICATIONS:
            raise RdhError(f"output {decl.name!r}: publication must be one of {PUBLICATIONS}")
        OUTPUTS[decl.name] = decl


_gather()
