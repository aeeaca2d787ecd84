"""The release register kept beside the bundles (``release_register.json``, never inside a bundle).

Differencing two releases of the same cells narrows a perturbed value only when the two releases
perturbed it differently: with another key, or another base. The register records, per release,
the key's fingerprint, the rules, and a digest of every published cell (keyed: the register does
not hold the true values); a new release is refused when it would publish a cell already
published under another key or base, or give a different value for a cell of the same true value.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import os
import tempfile
from pathlib import Path

from ..errors import RdhError

REGISTER = "release_register.json"


class ReleaseRefused(RdhError, ValueError):
    """A release that, differenced with an earlier one, would narrow a protected value."""


def key_fingerprint(key):
    return hashlib.sha256(b"rdh-disclosure-key|" + key).hexdigest()[:16]


def cell_digest(key, label):
    return hmac.new(key, b"register|" + label.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def check_and_record(out_dir, *, theme, key, rules, cells, now=None):
    """Refuse (:class:`ReleaseRefused`) or record the release of ``cells`` (``{label: published}``,
    label = what the cell is + its true value) of ``theme`` in ``out_dir``'s register."""
    path = Path(out_dir) / REGISTER
    register = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"releases": []}
    fingerprint = key_fingerprint(key)
    digests = {cell_digest(key, label): value for label, value in cells.items()}
    for earlier in register["releases"]:
        if earlier["key"] != fingerprint:
            raise ReleaseRefused(f"release {earlier['theme']} of {earlier['created']} was perturbed with another key: "
                                 "differencing the two releases would narrow every perturbed value. Use the "
                                 "installation's key (--key-file) or start a new register with the data-protection "
                                 "focal point's approval.")
        if (earlier["threshold"], earlier["method"]) != (rules.threshold, rules.method):
            raise ReleaseRefused(f"release {earlier['theme']} of {earlier['created']} used threshold "
                                 f"{earlier['threshold']} ({earlier['method']}); this one uses {rules.threshold} "
                                 f"({rules.method}): the two roundings together narrow the true values")
        clash = [d for d, v in digests.items() if d in earlier["cells"] and not _same(earlier["cells"][d], v)]
        if clash:
            raise ReleaseRefused(f"{len(clash)} cell(s) of release {earlier['theme']} of {earlier['created']} would "
                                 "be published again with another value for the same true count")
    register["releases"] = [r for r in register["releases"] if r["theme"] != theme] + [{
        "theme": theme, "created": (now or _dt.datetime.now(_dt.timezone.utc)).isoformat(timespec="seconds"),
        "key": fingerprint, "threshold": rules.threshold, "method": rules.method, "cells": digests}]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".register-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(register, fh)
    os.replace(tmp, path)
    return path


def _same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


__all__ = ["REGISTER", "ReleaseRefused", "cell_digest", "check_and_record", "key_fingerprint"]
