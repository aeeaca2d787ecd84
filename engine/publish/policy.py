"""The disclosure-control policy: what a public bundle must satisfy, and the secret perturbation key.

The policy is a TOML file (every key optional; defaults below)::

    threshold = 5                   # no published count below this; counts are rounded to this base
    method = "suppress"             # "suppress": counts in (0, threshold) withheld, the rest key-rounded;
                                    # "round": every count key-rounded (no value withheld)
    min_herds = 5                   # public transhumance lines and cells carry at least k herds
    min_informants = 3              # ... reported by at least this many informants (when the reports are known)
    max_risk = 0.03                 # global re-identification risk of record-level layers
    min_report_distance_cells = 0.5 # no informant-derived point or line end within this many grid cells of a report
    grid_deg = 0.5                  # coarse grid (degrees) for informant-derived points and the current map
    rate_days = 365                 # counting period behind persons/day when the output does not record one

The key is never part of the policy and never written into a bundle: see :func:`load_key`.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import secrets
import tomllib
from pathlib import Path

from ..errors import InputNotFoundError, ParameterError

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

DEFAULT_THRESHOLD = 5
DEFAULT_GRID_DEG = 0.5
METHODS = ("suppress", "round")
KEY_ENV = "RDH_DISCLOSURE_KEY_FILE"
KEY_BYTES = 32


@dataclasses.dataclass(frozen=True)
class ProtectionRules:
    """The policy (see module doc); stored with every protected output so an audit can re-check it."""

    threshold: int = DEFAULT_THRESHOLD
    method: str = "suppress"
    grid_deg: float = DEFAULT_GRID_DEG
    location_level: str = "grid"        # "admin": alerts must be published as counts per admin-1 unit
    internal: bool = False
    min_herds: int = 5
    min_informants: int = 3
    max_risk: float = 0.03
    min_report_distance_cells: float = 0.5
    rate_days: float = 365.0

    def __post_init__(self):
        for name in ("threshold", "min_herds", "min_informants"):
            value = getattr(self, name)
            if isinstance(value, bool) or int(value) != value or value < 1:
                raise ParameterError(f"{name} must be a positive integer, got {value!r}")
        if self.method not in METHODS:
            raise ParameterError(f"method must be one of {METHODS}, got {self.method!r}")
        if not self.grid_deg > 0:
            raise ParameterError(f"grid_deg must be > 0, got {self.grid_deg!r}")
        if self.location_level not in ("grid", "admin"):
            raise ParameterError(f"location_level must be 'grid' or 'admin', got {self.location_level!r}")
        if not 0 < self.max_risk <= 1:
            raise ParameterError(f"max_risk must be in (0, 1], got {self.max_risk!r}")
        if self.min_report_distance_cells < 0 or not self.rate_days > 0:
            raise ParameterError("min_report_distance_cells must be >= 0 and rate_days > 0")

    def as_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, record):
        fields = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(record) - fields)
        if unknown:
            raise ParameterError(f"unknown policy key(s): {', '.join(unknown)}")
        return cls(**record)

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)


def load_policy(path=None, **overrides):
    """The policy of TOML file ``path`` (defaults when None), with ``overrides`` applied on top."""
    record = {}
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise InputNotFoundError(f"no such policy file: {path}")
        try:
            record = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ParameterError(f"{path}: not a valid TOML policy ({exc})") from None
    return ProtectionRules.from_dict({**record, **overrides})


def default_key_path():
    """Where the installation's key lives: ``$RDH_DISCLOSURE_KEY_FILE``, else the user's config folder."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "rdh" / "disclosure.key"


def load_key(path=None):
    """The secret perturbation key (bytes). Created once (random, readable by its owner only) at
    ``path`` or :func:`default_key_path` when it does not exist yet. Losing it changes every
    perturbed value of the next release; publishing it lets anyone undo the perturbation."""
    path = Path(path) if path is not None else default_key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(KEY_BYTES) + "\n")
        log.warning("created a new disclosure-control key at %s: keep it, never publish it", path)
    text = path.read_text(encoding="utf-8").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise ParameterError(f"{path} is not a disclosure-control key (hex text expected)") from None
    if len(key) < 16:
        raise ParameterError(f"{path}: the key is too short ({len(key)} bytes, 16 or more needed)")
    return key


__all__ = ["DEFAULT_GRID_DEG", "DEFAULT_THRESHOLD", "KEY_ENV", "METHODS", "ProtectionRules", "default_key_path",
           "load_key", "load_policy"]
