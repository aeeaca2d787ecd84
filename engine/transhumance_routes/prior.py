"""A movement prior: where herds have gone (GPS tracks, earlier seasons' routes, surveyed
corridors) lowers the cost of walking there.

``herd_density`` counts, per cell, the share of herds whose lines pass within ``radius_m`` (each herd
counted once, however many lines or phases it has); the routed cost is
``cost / (1 + strength * density)``. The strength is chosen by leave-one-herd-out cross-validation
on the prior lines themselves (:func:`choose_prior_strength`, in ``evaluation``): each herd in turn
is held out, its lines are reconstructed from reports sampled on them with the prior of the other
herds, and the strength that keeps the reconstructions nearest the held-out lines wins
(0, no prior, is always a candidate).
"""
import numpy as np
from rasterio.features import rasterize
from scipy import ndimage

from ..errors import ParameterError

PRIOR_RADIUS_M = 5000.0
PRIOR_STRENGTHS = (0.0, 1.0, 3.0, 10.0)


def _disc(radius_m, cellsize):
    dr, dc = (max(0, int(radius_m // size)) for size in cellsize)
    rows, cols = np.ogrid[-dr:dr + 1, -dc:dc + 1]
    return np.hypot(rows * cellsize[0], cols * cellsize[1]) <= radius_m


def herd_density(lines_by_herd, surface, *, radius_m=PRIOR_RADIUS_M):
    """Share of herds (0..1) whose lines pass within ``radius_m`` of each cell of ``surface``.

    ``lines_by_herd``: {herd_id: [shapely lines in the surface CRS]}; each herd counts once."""
    if radius_m < 0:
        raise ParameterError(f"radius_m must be >= 0, got {radius_m}")
    count = np.zeros(surface.shape, np.float64)
    disc = _disc(radius_m, surface.cellsize)
    herds = 0
    for lines in lines_by_herd.values():
        lines = [g for g in lines if g is not None and not g.is_empty]
        if not lines:
            continue
        herds += 1
        mask = rasterize(((g, 1) for g in lines), out_shape=surface.shape, transform=surface.transform, fill=0,
                         dtype="uint8", all_touched=True).astype(bool)
        count += ndimage.binary_dilation(mask, structure=disc)
    return count / max(herds, 1)


def with_prior(cost, density, strength):
    """``cost / (1 + strength * density)`` (barriers stay barriers)."""
    if strength < 0:
        raise ParameterError(f"prior strength must be >= 0, got {strength}")
    return np.asarray(cost, float) / (1.0 + strength * density)


def lines_by_herd(tracks, *, exclude=()):
    """{herd_id: [lines]} of :class:`~.tracks.Track` objects, without the herds in ``exclude``."""
    out = {}
    for track in tracks:
        if track.herd_id not in exclude:
            out.setdefault(track.herd_id, []).append(track.line)
    return out


__all__ = ["PRIOR_RADIUS_M", "PRIOR_STRENGTHS", "herd_density", "lines_by_herd", "with_prior"]
