"""Cell-key random rounding: the perturbation every published count goes through.

A count ``x`` is published as a multiple of the base ``b`` (the threshold): ``b*floor(x/b)`` or
``b*ceil(x/b)``, rounding up with probability ``(x mod b)/b`` (unbiased). The draw is not random
but keyed: ``u = HMAC-SHA256(key, cell label + true value)``, so the same cell with the same
count gets the same published value in every layer, bundle and release (averaging repeated
releases gains nothing), while without the key the draw is unpredictable. Every published value
is a multiple of ``b``: no sum or difference of published values is ever a count in (0, b).
"""
import hashlib
import hmac

import numpy as np


def keyed_uniform(key, labels):
    """One number in [0, 1) per label, from HMAC-SHA256 with ``key``."""
    out = np.empty(len(labels), dtype=np.float64)
    for i, label in enumerate(labels):
        digest = hmac.new(key, str(label).encode("utf-8"), hashlib.sha256).digest()
        out[i] = int.from_bytes(digest[:8], "big") / 2.0 ** 64
    return out


def random_round(values, draws, base):
    """``values`` (float array, NaN kept) rounded to multiples of ``base`` with the given ``draws``."""
    values = np.asarray(values, dtype=np.float64)
    scaled = values / base
    low = np.floor(scaled)
    up = np.asarray(draws) < (scaled - low)
    return (low + up) * base


def cell_labels(prefix, identities, values):
    """The label of each cell: what it is (``prefix``, its identity) and its true value."""
    return [f"{prefix}|{ident}|{value:.6g}" for ident, value in zip(identities, np.asarray(values, dtype=float))]


__all__ = ["cell_labels", "keyed_uniform", "random_round"]
