"""The job model: every analysis declares its parameters once, as plain data.

A :class:`JobSpec` lists :class:`Param` declarations (name, type, default, unit, bounds or choices,
help in English and French, ...). The click commands, ``--config`` validation, ``rdh run --job``
and ``rdh spec --json`` (from which the QGIS plugin builds its Processing algorithms and docks)
are all derived from these declarations; see docs/jobs.md.

This module imports nothing heavy: ``rdh --help`` builds every command from it.
"""
from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Any

from ..errors import ParameterError

SPEC_VERSION = 1

#: The closed set of parameter types.
INPUT_TYPES = ("vector", "table", "raster", "file", "folder")
OUTPUT_TYPES = ("output_file", "output_folder")
VALUE_TYPES = ("string", "int", "float", "bool", "enum", "date")
TYPES = INPUT_TYPES + OUTPUT_TYPES + VALUE_TYPES

#: Where a job runs: in the engine's Python, or in a Python that imports QGIS (map, atlas, publish).
RUNS_IN = ("engine", "qgis")

DATE_FORMAT = "%Y-%m-%d"


class JobValueError(ParameterError):
    """A job value (from --config or a job file) is unknown or of the wrong type; names the key."""

    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")
        self.key = key


class JobUsageError(ParameterError):
    """Parameters that do not go together (e.g. two of three exclusive inputs): a usage error (exit 2)."""


@dataclasses.dataclass(frozen=True)
class Param:
    """One parameter of a job.

    Parameters
    ----------
    name : str
        Spec name: the long option name with ``_`` for ``-`` (``n_boot`` for ``--n-boot``); also the key
        in ``--config`` files (where ``n-boot`` is accepted too) and job files.
    type : str
        One of :data:`TYPES`.
    help_en, help_fr : str
        Help text in English and French.
    default : Any
        Default value (None: no default). Paths are strings, dates ``YYYY-MM-DD`` strings.
    unit : str
        Unit of a number (``km``, ``h``, ``m``, ``%``...), empty when none.
    min, max : float or None
        Bounds of an ``int`` or ``float``; ``min_open``/``max_open`` exclude the bound itself.
    choices : tuple of str
        Accepted values of an ``enum``.
    multiple : bool
        Repeatable option: the value is a list.
    nargs : int
        Values per use (``--bounds`` takes 4 numbers): the value is a list of ``nargs`` items.
    required : bool
        The job cannot run without it.
    advanced : bool
        A rare option (shown under "Advanced" in QGIS).
    aliases : tuple of str
        Short flags (``-o``).
    argument : bool
        A positional argument on the command line (``rdh validate PATH``) instead of an option.
    kind : str
        For inputs: the source kind of docs/sources.md (``fmp_counts``, ``poe``...) or a layer name it expects.
    exists : bool
        For inputs: the CLI checks that the file exists.
    pattern : str
        For strings: a regular expression the whole value must match.
    metavar : str
        How the value is shown in ``--help``.
    """

    name: str
    type: str
    help_en: str
    help_fr: str
    default: Any = None
    unit: str = ""
    min: float | None = None
    max: float | None = None
    min_open: bool = False
    max_open: bool = False
    choices: tuple[str, ...] = ()
    multiple: bool = False
    nargs: int = 1
    required: bool = False
    advanced: bool = False
    aliases: tuple[str, ...] = ()
    argument: bool = False
    kind: str = ""
    exists: bool = True
    pattern: str = ""
    metavar: str = ""

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"parameter {self.name}: unknown type {self.type!r} (one of {', '.join(TYPES)})")
        if (self.type == "enum") != bool(self.choices):
            raise ValueError(f"parameter {self.name}: choices go with type enum, and only with it")

    @property
    def flag(self) -> str | None:
        """The long option (``--n-boot``); None for a positional argument."""
        return None if self.argument else "--" + self.name.replace("_", "-")

    @property
    def is_input(self) -> bool:
        return self.type in INPUT_TYPES

    @property
    def is_output(self) -> bool:
        return self.type in OUTPUT_TYPES

    def to_dict(self) -> dict[str, Any]:
        """This declaration as JSON-ready data (the ``params`` items of ``rdh spec --json``)."""
        return {"name": self.name, "type": self.type, "flag": self.flag, "aliases": list(self.aliases),
                "argument": self.argument, "default": self.default, "unit": self.unit, "min": self.min,
                "max": self.max, "min_open": self.min_open, "max_open": self.max_open,
                "choices": list(self.choices), "multiple": self.multiple, "nargs": self.nargs,
                "required": self.required, "advanced": self.advanced, "help_en": self.help_en,
                "help_fr": self.help_fr, "kind": self.kind, "pattern": self.pattern}

    def check(self, value: Any, *, key: str | None = None) -> Any:
        """``value`` as read from TOML or JSON, checked against this declaration; returns it unchanged.

        Raises
        ------
        JobValueError
            Wrong type, out of bounds, not a choice (the message names ``key``, default: the name).
        """
        key = key or self.name
        if self.multiple or self.nargs > 1:
            if not isinstance(value, list):
                raise JobValueError(key, f"expected a list, got {_tname(value)}")
            if self.nargs > 1 and len(value) != self.nargs:
                raise JobValueError(key, f"expected {self.nargs} values, got {len(value)}")
            for item in value:
                self._check_one(item, key)
            return value
        self._check_one(value, key)
        return value

    def _check_one(self, value, key):
        kind = self.type
        if kind == "bool":
            if not isinstance(value, bool):
                raise JobValueError(key, f"expected true or false, got {_tname(value)}")
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise JobValueError(key, f"expected an integer, got {_tname(value)}")
            self._check_bounds(value, key)
        elif kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise JobValueError(key, f"expected a number, got {_tname(value)}")
            self._check_bounds(value, key)
        elif kind == "date":
            if isinstance(value, datetime.date):
                return
            if not isinstance(value, str):
                raise JobValueError(key, f"expected a date YYYY-MM-DD, got {_tname(value)}")
            try:
                datetime.datetime.strptime(value, DATE_FORMAT)
            except ValueError:
                raise JobValueError(key, f"expected a date YYYY-MM-DD, got {value!r}") from None
        else:  # paths, strings, enums
            if not isinstance(value, str):
                raise JobValueError(key, f"expected a string, got {_tname(value)}")
            if kind == "enum" and value not in self.choices:
                raise JobValueError(key, f"{value!r} is not one of {', '.join(self.choices)}")
            if self.pattern and not re.fullmatch(self.pattern, value):
                raise JobValueError(key, f"{value!r} does not match {self.pattern}")

    def _check_bounds(self, value, key):
        if self.min is not None and (value < self.min or (self.min_open and value == self.min)):
            raise JobValueError(key, f"{value} is below the minimum {self.min:g}"
                                     f"{' (excluded)' if self.min_open else ''}")
        if self.max is not None and (value > self.max or (self.max_open and value == self.max)):
            raise JobValueError(key, f"{value} is above the maximum {self.max:g}"
                                     f"{' (excluded)' if self.max_open else ''}")


def _tname(value):
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


#: ``--overwrite``, the same on every job that writes files (``rdh export`` words its own).
OVERWRITE = Param("overwrite", "bool", "Replace existing outputs even if the toolkit did not write them (otherwise "
                  "refused).", "Remplace les sorties existantes même si la boîte à outils ne les a pas écrites "
                  "(sinon refusé).", default=False, advanced=True)


@dataclasses.dataclass(frozen=True)
class JobSpec:
    """One analysis (or tool) as a job: its parameters, outputs and where it runs.

    Parameters
    ----------
    name : str
        Command name (``poe-impact``); ``rdh run NAME`` and the keys of ``rdh spec --json`` use it.
    title_en, title_fr, help_en, help_fr : str
        Short title and longer help, English and French. ``help_en`` is also the command's ``--help``.
    params : tuple of Param
        In command-line order.
    runs_in : str
        ``engine`` or ``qgis`` (the job needs QGIS in the process: map, atlas, publish).
    run : str
        ``module:function`` (relative to ``rdh_engine``) called with the parameter values as keywords and
        ``progress`` (a factory ``progress(label) -> callback(done, total, step)``, or None); it returns
        a :class:`~rdh_engine.io.result.Result` (written by the one writer) or the paths it wrote.
        Empty for jobs whose command lives in the plugin (``runs_in="qgis"``).
    outputs : tuple of str
        Names of the layers, tables and rasters the job can write (see engine/catalogue.py).
    epilog : str
        Examples printed at the end of ``--help`` (kept verbatim).
    """

    name: str
    title_en: str
    title_fr: str
    help_en: str
    help_fr: str
    params: tuple[Param, ...]
    runs_in: str = "engine"
    run: str = ""
    outputs: tuple[str, ...] = ()
    epilog: str = ""

    def __post_init__(self):
        if self.runs_in not in RUNS_IN:
            raise ValueError(f"job {self.name}: runs_in must be one of {RUNS_IN}")
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"job {self.name}: duplicate parameter names")

    def param(self, name: str) -> Param:
        """The parameter called ``name`` (``-`` and ``_`` are the same)."""
        key = name.replace("-", "_")
        for p in self.params:
            if p.name == key:
                return p
        raise JobValueError(name, f"unknown parameter of {self.name} (known: {', '.join(p.name for p in self.params)})")

    def check(self, values: dict[str, Any], *, where: str = "") -> dict[str, Any]:
        """``values`` (keys: parameter names, ``-`` accepted for ``_``) checked against the spec.

        Returns the values keyed by parameter name. Raises :class:`JobValueError` naming the first
        unknown or ill-typed key (prefixed by ``where``, e.g. the config file and table).
        """
        checked = {}
        for key, value in values.items():
            shown = f"{where}{key}"
            try:
                param = self.param(key)
            except JobValueError:
                raise JobValueError(shown, f"unknown parameter of {self.name} (known: "
                                           f"{', '.join(p.name for p in self.params)})") from None
            checked[param.name] = param.check(value, key=shown)
        return checked

    def to_dict(self) -> dict[str, Any]:
        """This job as JSON-ready data (one entry of ``rdh spec --json``)."""
        return {"title_en": self.title_en, "title_fr": self.title_fr, "help_en": self.help_en,
                "help_fr": self.help_fr, "runs_in": self.runs_in, "params": [p.to_dict() for p in self.params],
                "outputs": list(self.outputs)}
