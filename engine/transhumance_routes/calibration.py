"""Cost weights fitted from GPS tracks: a step-selection function (conditional logistic regression).

Each observed step (one fix to the next) is compared with ``controls`` steps from the same fix,
of lengths drawn from the same track's observed steps and uniform directions. A step's covariates are the mean
of each layer along it (land-cover class indicators, road and river cells...) and the cosine of its
angle to the end of the track (herds head somewhere; without it, layers that lie towards the
destination would look attractive). The conditional likelihood

    P(observed step) = exp(beta . x_0) / sum_j exp(beta . x_j)

is maximised with scipy (BFGS, analytic gradient); standard errors from the observed information.
A layer's cost multiplier is ``exp(-beta)``: a layer herds choose e^beta times as readily costs
e^-beta times as much (resistance as the inverse of selection), which is how the simulated tracks
of ``rdh_engine.sample.transhumance.simulate_gps_tracks`` are walked.
"""
import logging
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

from ..errors import ParameterError
from ..sample.transhumance import layer_values

log = logging.getLogger(__name__)

CONTROLS = 20
HEADING = "toward_end"
MIN_STEPS_ON_LAYER = 20  # a layer crossed by fewer observed steps is not fitted (too little information)


@dataclass
class StepSelectionFit:
    """Fitted coefficients (``names`` order) with standard errors; ``multipliers`` = exp(-beta)."""

    names: list
    coef: np.ndarray
    se: np.ndarray
    n_steps: int
    dropped: list

    @property
    def multipliers(self):
        return {n: float(np.exp(-c)) for n, c in zip(self.names, self.coef) if not n.startswith(HEADING)}

    def table(self):
        import pandas as pd

        return pd.DataFrame({"covariate": self.names, "coef": self.coef, "se": self.se,
                             "multiplier": np.exp(-self.coef)})


def step_design(tracks, layers, transform, *, controls=CONTROLS, seed=0):
    """(X (s, 1 + controls, K + P), names, n_on_covariate): covariates of each observed step (index 0)
    and its controls; the last P covariates are the cosine of the step's angle to the track's end,
    one per phase (zero for the steps of other phases)."""
    gen = np.random.default_rng(seed)
    starts, ends, goals, ctrl_len, phase_of = [], [], [], [], []
    phases = sorted({t.phase for t in tracks})
    for track in tracks:
        xy = track.xy
        move = np.hypot(*np.diff(xy, axis=0).T) > 0
        if not move.any():
            continue
        starts.append(xy[:-1][move])
        ends.append(xy[1:][move])
        goals.append(np.repeat(xy[-1:], move.sum(), axis=0))
        phase_of.append(np.full(move.sum(), phases.index(track.phase)))
        # control lengths from the same track's steps: a herd in transit and one grazing around its
        # camp do not make steps of the same length
        ctrl_len.append(gen.choice(np.hypot(*(ends[-1] - starts[-1]).T), (move.sum(), controls)))
    if not starts:
        raise ParameterError("no movement steps in the tracks")
    start, end, goal = np.vstack(starts), np.vstack(ends), np.vstack(goals)
    n = len(start)
    angle = gen.uniform(0, 2 * np.pi, (n, controls))
    length = np.vstack(ctrl_len)
    ctrl = start[:, None, :] + np.stack([np.cos(angle), np.sin(angle)], axis=2) * length[..., None]
    all_end = np.concatenate([end[:, None, :], ctrl], axis=1)  # (n, 1 + controls, 2)
    rep_start = np.repeat(start[:, None, :], controls + 1, axis=1)
    names = list(layers)
    x = layer_values(layers, transform, rep_start.reshape(-1, 2), all_end.reshape(-1, 2)).reshape(n, controls + 1, -1)
    step = all_end - rep_start
    to_goal = goal[:, None, :] - rep_start
    norm = np.hypot(*np.moveaxis(step, 2, 0)) * np.hypot(*np.moveaxis(to_goal, 2, 0))
    cosine = np.where(norm > 0, (step * to_goal).sum(axis=2) / np.maximum(norm, 1e-12), 0.0)
    on_layer = (x[:, 0, :] > 0).sum(axis=0)
    # one heading strength per phase: a herd in transit heads for its destination, one around its
    # camp hardly does
    phase_idx = np.concatenate(phase_of)
    heading = np.stack([np.where(phase_idx[:, None] == k, cosine, 0.0) for k in range(len(phases))], axis=2)
    heading_names = [HEADING if len(phases) == 1 else f"{HEADING}[{p}]" for p in phases]
    return np.concatenate([x, heading], axis=2), names + heading_names, np.append(on_layer, [len(x)] * len(phases))


def _nll(beta, x):
    eta = x @ beta
    lse = logsumexp(eta, axis=1)
    p = np.exp(eta - lse[:, None])
    value = -(eta[:, 0] - lse).sum()
    grad = -(x[:, 0, :] - (p[..., None] * x).sum(axis=1)).sum(axis=0)
    return value, grad


def fit_step_selection(tracks, layers, transform, *, controls=CONTROLS, seed=0, min_steps=MIN_STEPS_ON_LAYER):
    """:class:`StepSelectionFit` of ``layers`` (dict name -> grid on ``transform``, the tracks'
    metric CRS) from ``tracks`` (:class:`~.tracks.Track` list). Layers that fewer than
    ``min_steps`` observed steps touch are dropped (listed in ``dropped``)."""
    if controls < 1:
        raise ParameterError(f"controls must be >= 1, got {controls}")
    x, names, on_layer = step_design(tracks, layers, transform, controls=controls, seed=seed)
    keep = on_layer >= min_steps
    dropped = [n for n, k in zip(names, keep) if not k]
    # a layer uniform over every candidate carries no information either
    varies = np.ptp(x.reshape(-1, x.shape[2]), axis=0) > 0
    keep &= varies
    dropped += [n for n, k, v in zip(names, keep, varies) if not v and n not in dropped]
    x = x[..., keep]
    names = [n for n, k in zip(names, keep) if k]
    res = minimize(_nll, np.zeros(len(names)), args=(x,), jac=True, method="BFGS")
    beta = res.x
    eta = x @ beta
    p = np.exp(eta - logsumexp(eta, axis=1)[:, None])
    mean = (p[..., None] * x).sum(axis=1)
    info = np.einsum("sj,sjk,sjl->kl", p, x, x) - np.einsum("sk,sl->kl", mean, mean)
    try:
        se = np.sqrt(np.clip(np.diag(np.linalg.inv(info)), 0, None))
    except np.linalg.LinAlgError:
        se = np.full(len(names), np.nan)
    log.info("step selection: %d steps, %d covariates, converged=%s", len(x), len(names), res.success)
    return StepSelectionFit(names, beta, se, len(x), dropped)


def landcover_layers(tracks, classes, masks, transform, *, min_steps=MIN_STEPS_ON_LAYER):
    """(layers, reference class): one indicator layer ``landcover:<class>`` per IGBP class that at
    least ``min_steps`` observed steps touch, less the class most fixes lie on (the reference, cost
    kept), plus ``masks`` (e.g. roads, rivers) as they are."""
    fixes = np.vstack([t.xy for t in tracks])
    cols, rows = ~transform * (fixes[:, 0], fixes[:, 1])
    rows, cols = np.floor(rows).astype(int), np.floor(cols).astype(int)
    ok = (rows >= 0) & (rows < classes.shape[0]) & (cols >= 0) & (cols < classes.shape[1])
    at = classes[rows[ok], cols[ok]]
    values, counts = np.unique(at[at != 255], return_counts=True)
    if not len(values):
        raise ParameterError("no GPS fix falls on the land-cover grid")
    reference = int(values[np.argmax(counts)])
    layers = {f"landcover:{int(v)}": (classes == v).astype(float)
              for v, n in zip(values, counts) if v != reference and n >= min_steps}
    layers.update({name: mask.astype(float) for name, mask in masks.items()})
    return layers, reference


def _toml_value(value):
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not np.isfinite(value):
        return '"inf"'
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def _toml_table(prefix, table, lines):
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in table.items() if isinstance(v, dict)}
    if prefix:
        lines.append(f"\n[{prefix}]")
    for key, value in scalars.items():
        lines.append(f"{key} = {_toml_value(value)}")
    for key, value in tables.items():
        if all(not isinstance(v, dict) for v in value.values()) and prefix == "attractors":
            inner = ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items())
            lines.append(f"{key} = {{ {inner} }}")
        else:
            _toml_table(f"{prefix}.{key}" if prefix else key, value, lines)


def weights_toml(fit, base, *, reference_class=None):
    """TOML text of cost weights usable with ``--weights``: ``base`` (the season's weights dict)
    with the fitted multipliers in place: ``landcover:<class>`` covariates set that class's cost to
    the reference class's cost times the multiplier, ``roads`` and ``rivers`` set those sections'
    ``multiplier``. Weights without a fitted covariate keep ``base``'s value (said in the header)."""
    weights = {k: (dict(v) if isinstance(v, dict) else v) for k, v in base.items()}
    mult = fit.multipliers
    ref_cost = float(weights["landcover"].get(str(reference_class), 1.0)) if reference_class is not None else 1.0
    fitted = []
    for name, m in mult.items():
        if name.startswith("landcover:"):
            weights["landcover"][name.split(":", 1)[1]] = round(ref_cost * m, 4)
        elif name in ("roads", "rivers"):
            section = dict(weights.get(name, {}))
            section["multiplier"] = round(m, 4)
            weights[name] = section
        else:
            continue
        fitted.append(name)
    header = ["# Cost weights fitted by `rdh transhumance calibrate` (step selection, conditional logit)",
              f"# from {fit.n_steps} GPS steps; multiplier = exp(-coefficient), standard error in brackets.",
              f"# Reference land-cover class: {reference_class} (cost {ref_cost:g}); weights not fitted keep the",
              "# shipped defaults. Fitted:"]
    for name, c, s in zip(fit.names, fit.coef, fit.se):
        header.append(f"#   {name:<16} coef {c:+.3f} ({s:.3f})  multiplier {np.exp(-c):.3f}")
    if fit.dropped:
        header.append(f"# Not fitted (too few steps, or no contrast): {', '.join(fit.dropped)}")
    lines = header + [""]
    top = {k: v for k, v in weights.items() if not isinstance(v, dict)}
    for key, value in top.items():
        lines.append(f"{key} = {_toml_value(value)}")
    for key, value in weights.items():
        if isinstance(value, dict):
            _toml_table(key, value, lines)
    return "\n".join(lines) + "\n"


__all__ = ["StepSelectionFit", "fit_step_selection", "landcover_layers", "step_design", "weights_toml"]
