"""The release register kept beside the bundles (``release_register.json``, never inside a bundle).

Differencing two releases of the same cells narrows a perturbed value when the two releases
perturbed it differently (another key, another base), and differencing releases of different
breakdowns (``--filter``) of the same cells can narrow a withheld count
(:mod:`.differencing`). The register records, per release, the key's fingerprint, the rules, a
keyed digest of every published cell (the register does not hold the true values), and, per
layer, its breakdown and what it published of each cell (public already). A new release is
refused when it would publish a cell already published under another key or base, give a
different value for a cell of the same true value, or, together with the earlier releases,
narrow a count that one of them withheld.
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
from .differencing import filter_key, revealed_cells

REGISTER = "release_register.json"


class ReleaseRefused(RdhError, ValueError):
    """A release that, differenced with an earlier one, would narrow a protected value."""


def key_fingerprint(key):
    return hashlib.sha256(b"rdh-disclosure-key|" + key).hexdigest()[:16]


def cell_digest(key, label):
    return hmac.new(key, b"register|" + label.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def check_and_record(out_dir, *, theme, key, rules, cells, breakdowns=None, now=None):
    """Refuse (:class:`ReleaseRefused`) or record the release of ``cells`` of ``theme`` in
    ``out_dir``'s register. ``cells``: ``{layer: {label: published or None}}`` (label = what the
    cell is + ``|`` + its true value); ``breakdowns``: the filter
    of the records each layer counts and the values its filtered columns hold
    (``{layer: {"filter": {column: [values]}, "domains": {column: [values]}}}``; absent: every record)."""
    path = Path(out_dir) / REGISTER
    register = _read(path)
    published = _published_cells(cells, breakdowns or {})
    # a theme exported again over the same breakdowns replaces its record (its bundle is replaced);
    # over other breakdowns, the earlier one may be out already and is kept
    earlier_releases = [r for r in register["releases"]
                        if not (r["theme"] == theme and _splits(r.get("breakdowns", {})) == _splits(published))]
    fingerprint = key_fingerprint(key)
    digests = {cell_digest(key, label): value for layer in cells.values() for label, value in layer.items()}
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
    _refuse_revealing(theme, published, earlier_releases, rules)
    register["releases"] = earlier_releases + [{
        "theme": theme, "created": (now or _dt.datetime.now(_dt.timezone.utc)).isoformat(timespec="seconds"),
        "key": fingerprint, "threshold": rules.threshold, "method": rules.method, "cells": digests,
        "breakdowns": published}]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".register-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(register, fh)
    os.replace(tmp, path)
    return path


def _read(path):
    """The register at ``path`` (empty when there is none yet); an unreadable one refuses the release:
    without it nothing can be checked against the earlier releases."""
    if not path.is_file():
        return {"releases": []}
    try:
        register = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(register.get("releases"), list):
            raise ValueError("no list of releases")
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise ReleaseRefused(f"the release register {path} cannot be read ({exc}): restore it from its backup; "
                             "without it this release cannot be checked against the earlier ones") from None
    return register


def _published_cells(cells, breakdowns):
    """``{layer: {"filter": ..., "cells": {what the cell is: published}}}``: what the release shows."""
    return {layer: {**{"filter": {}, "domains": {}, "window": []}, **breakdowns.get(layer, {}),
                    "cells": {label.rsplit("|", 1)[0]: value for label, value in labelled.items()}}
            for layer, labelled in cells.items() if labelled}


def _splits(published):
    """What a release's layers count, without the cells: equal for two exports of the same breakdowns."""
    return {layer: (filter_key(entry.get("filter")), tuple(entry.get("window") or ()))
            for layer, entry in published.items()}


def _refuse_revealing(theme, published, earlier_releases, rules):
    """Refuse a release that, with the earlier ones, narrows a withheld count (:mod:`.differencing`)."""
    earlier = [(r["theme"], r["breakdowns"]) for r in earlier_releases if r.get("breakdowns")]
    if not earlier:
        return
    found = revealed_cells([*earlier, (theme, published)], threshold=rules.threshold, method=rules.method)
    if found:
        where = ", ".join(f"{_cell_text(r.cell)} ({r.release}, {_breakdown_text(r.breakdown)}): "
                          f"{r.prior[0]}-{r.prior[1]} -> {r.narrowed[0]}-{r.narrowed[1]}" for r in found[:3])
        layers = sorted({r.cell.split("|", 1)[0] for r in found})
        raise ReleaseRefused(
            f"{len(found)} withheld count(s) would be narrowed by differencing this release with "
            f"{', '.join(sorted({t for t, _ in earlier}))} (layers {', '.join(layers)}): "
            f"{where}{' ...' if len(found) > 3 else ''}. Publish a coarser breakdown, or fewer breakdowns of "
            "the same counts.")


def _cell_text(cell):
    """``od_flows|fmp_counts|flow_persons_day|Agadez/Arlit`` -> ``od_flows.flow_persons_day at Agadez/Arlit``."""
    parts = cell.split("|", 3)
    return f"{parts[0]}.{parts[2]} at {parts[3]}" if len(parts) == 4 else cell


def _breakdown_text(fkey):
    filters = json.loads(fkey)
    return " & ".join(f"{c}={','.join(v)}" for c, v in filters.items()) or "all records"


def _same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


__all__ = ["REGISTER", "ReleaseRefused", "cell_digest", "check_and_record", "key_fingerprint"]
