"""Disclosure control: everything that leaves the hub goes through here (docs/publishing.md).

* :mod:`.policy` — the policy (TOML) and the secret perturbation key;
* :mod:`.cellkey` — cell-key random rounding;
* :mod:`.protect` — protection by declared role (the one protection rule of the toolkit);
* :mod:`.audit` — the audit of a bundle as written and the figures of the disclosure report;
* :mod:`.register` — the release register that refuses releases differencing would undo;
* :mod:`.attacks` — what an attacker would try on a bundle (used by the tests and the report).
"""
from .audit import audit_bundle, audit_geopackage, audit_layers, audit_raster, risk_measures
from .policy import DEFAULT_GRID_DEG, DEFAULT_THRESHOLD, ProtectionRules, load_key, load_policy
from .protect import SUPPRESSED, Finding, protect_layers, protect_raster, report_frame

__all__ = ["DEFAULT_GRID_DEG", "DEFAULT_THRESHOLD", "SUPPRESSED", "Finding", "ProtectionRules", "audit_bundle",
           "audit_geopackage", "audit_layers", "audit_raster", "load_key", "load_policy", "protect_layers",
           "protect_raster", "report_frame", "risk_measures"]
