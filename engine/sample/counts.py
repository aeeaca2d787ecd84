"""Weekly flow-monitoring counts of the planted movements, calibrated to the published figures.

A *movement* is one OD pair and one traveller group (nationality, sex, age group, transport mode),
with one routed path. Its weekly volume is counted, unchanged, at every FMP active on its path
(FMPs count every traveller who passes: the truth and the counts agree exactly).

Why weekly rows: one row per FMP, day and movement for 2018-2021 would be ~200,000 rows (~18 MB);
weekly rows (``date`` = the Monday starting the week, ``period_days`` = 7) keep the file near 3 MB
and every figure the hub publishes (monthly and quarterly daily averages) can still be computed.

Calibration: per week, an iterative proportional fit of the movements' volumes to the daily average
expected at the FMPs of each country (and, in Niger and Nigeria, to the Niger-Nigeria share); see
calibration.py for the published figures. Cross-border movements shrink while COBAP reports a
complete land-border closure at either end (the fit then restores each country's total).
"""
import numpy as np
import pandas as pd

from . import calibration
from ._common import rng, weeks

IPF_ITERATIONS = 60
WEEKLY_NOISE_SIGMA = 0.08      # week-to-week variation of a movement's volume (lognormal)
CLOSURE_FACTOR = 0.3           # cross-border volume kept while a land border is completely closed
FLATTEN = 0.8
FEMALE_MAIN_GROUP = 0.12       # pairs whose main traveller group is women (markets, family visits)
GROUPS_TOP_PAIRS = 45          # the strongest OD pairs are split into two traveller groups
NER_NGA = frozenset({"NER", "NGA"})


def plant_movements(pairs, fmp, *, seed):
    """Traveller groups per OD pair (the movements), each with its share of the pair's volume.

    The pairs carrying most of the calibrated volume are split into a main group and a second one
    (women, children, another nationality or another transport mode); the others keep one group.
    """
    gen = rng(seed, "movement-groups")
    pairs = pairs.assign(weight=pairs["gravity"] * _flattening(pairs))
    order = pairs["weight"].rank(ascending=False, method="first")
    rows = []
    for pair, rank in zip(pairs.itertuples(index=False), order):
        mode = "truck" if pair.travel_time_h > 40 else "bus"
        sex = "female" if gen.random() < FEMALE_MAIN_GROUP else "male"
        main = {"nationality_iso3": pair.origin_iso3, "sex": sex, "age_group": "adult", "transport_mode": mode}
        groups = [dict(main, share=1.0)]
        if rank <= GROUPS_TOP_PAIRS:
            second = dict(main)
            kind = gen.choice(["female", "child", "nationality", "mode"], p=[0.35, 0.4, 0.15, 0.1])
            if kind == "female":
                second["sex"] = "female" if sex == "male" else "male"
            elif kind == "child":
                second["age_group"] = "child"
            elif kind == "nationality" and pair.destination_iso3 != pair.origin_iso3:
                second["nationality_iso3"] = pair.destination_iso3
            else:
                second["transport_mode"] = "car"
            share = gen.uniform(0.55, 0.8)
            groups = [dict(main, share=share), dict(second, share=1 - share)]
        for group in groups:
            rows.append({**pair._asdict(), **group})
    moves = pd.DataFrame(rows)
    moves.insert(0, "movement_id", [f"M{i:04d}" for i in range(1, len(moves) + 1)])
    moves["weight"] = moves["weight"] * moves["share"]
    moves["nernga"] = [frozenset({o, d}) == NER_NGA for o, d in zip(moves.origin_iso3, moves.destination_iso3)]
    return moves.drop(columns=["share"])


def _flattening(pairs):
    """Damping of gravity per OD pair. DTM puts FMPs where traffic is, so a remote FMP (Faya) is not a
    thousand times quieter than a Kano bus park: each FMP's total scales as its gravity ** (1 - FLATTEN)."""
    through = {}
    for fmps, g in zip(pairs["fmp_path"], pairs["gravity"]):
        for f in fmps:
            through[f] = through.get(f, 0.0) + g
    return pairs["fmp_path"].map(lambda fs: np.mean([through[f] ** -FLATTEN for f in fs]))


def active_matrix(fmp, week_starts):
    """Boolean (n_fmp, n_weeks): FMP reporting in that week."""
    start = pd.to_datetime(fmp["active_from"]).values[:, None]
    end = pd.to_datetime(fmp["active_to"]).fillna(pd.Timestamp("2099-01-01")).values[:, None]
    w = week_starts.values[None, :]
    return (w >= start) & (w <= end)


def land_closure_weekly(cobap_daily, week_starts):
    """Share of each week's days with a complete land-border closure, per country (COBAP)."""
    daily = cobap_daily.assign(date=pd.to_datetime(cobap_daily["date"]))
    daily["closed"] = ((daily["complete_closure"] > 0) & (daily["land_closure"] > 0)).astype(float)
    daily["week"] = daily["date"] - pd.to_timedelta(daily["date"].dt.dayofweek, unit="D")
    table = daily.pivot_table(index="week", columns="iso3", values="closed", aggfunc="mean")
    return table.reindex(week_starts).fillna(0.0)


def calibrate(moves, fmp, facts, closures, *, seed):
    """Daily volume (persons/day) of every movement in every week: array (n_moves, n_weeks)."""
    week_starts = weeks()
    regional = calibration.regional_monthly(facts)
    shares = calibration.country_shares(facts, regional)
    months = week_starts.to_period("M")
    targets = shares.loc[months].mul(regional.loc[months].values, axis=0)  # (n_weeks, country)
    q4 = pd.Period("2018-11", "M")
    phi = calibration.niger_nigeria_share(facts) / (shares.at[q4, "NER"] + shares.at[q4, "NGA"])

    fmp_index = {f: i for i, f in enumerate(fmp["fmp_id"])}
    active = active_matrix(fmp, week_starts)
    countries = list(calibration.FMP_COUNTRIES)
    cells = [(c, k) for c in countries for k in ((True, False) if c in NER_NGA else (None,))]
    base = moves["weight"].to_numpy(float)
    base = base / base.sum()
    volume = np.zeros((len(moves), len(week_starts)))
    for w in range(len(week_starts)):
        a = np.zeros((len(cells), len(moves)))
        for s, (fmps, nernga) in enumerate(zip(moves["fmp_path"], moves["nernga"])):
            for f in fmps:
                if active[fmp_index[f], w]:
                    c = fmp.at[fmp_index[f], "country_iso3"]
                    a[cells.index((c, nernga if c in NER_NGA else None)), s] += 1
        target = np.array([targets.iat[w, countries.index(c)] * (1.0 if k is None else (phi if k else 1 - phi))
                           for c, k in cells])
        lam = base * _closure_factor(moves, closures.iloc[w])
        seen = a.sum(axis=0) > 0
        fit = (a.sum(axis=1) > 0) & (target > 0)
        for c in NER_NGA:  # no Niger-Nigeria movement seen yet in c: its whole target goes to the rest
            yes, no = cells.index((c, True)), cells.index((c, False))
            if not fit[yes] and fit[no]:
                target[no], target[yes] = target[no] + target[yes], 0.0
        for _ in range(IPF_ITERATIONS):
            ratio = np.ones(len(cells))
            ratio[fit] = target[fit] / np.maximum(a[fit] @ lam, 1e-12)
            expo = np.where(seen, a / np.maximum(a.sum(axis=0), 1), 0.0)
            lam = lam * np.exp(expo.T @ np.log(ratio))
        # Countries whose FMPs see none of the movements yet: their share goes to the others.
        observed_total = a[fit].sum(axis=0) @ lam
        if observed_total > 0:
            lam = lam * target.sum() / observed_total
        volume[:, w] = np.where(seen, lam, np.nan)
    # Weeks in which a movement passes no reporting FMP: same trend as the observed weeks.
    observed = np.nanmean(volume / base[:, None], axis=0)
    trend = pd.Series(observed).interpolate(limit_direction="both").to_numpy()
    volume = np.where(np.isnan(volume), base[:, None] * trend[None, :], volume)
    noise = rng(seed, "weekly-noise").lognormal(-WEEKLY_NOISE_SIGMA ** 2 / 2, WEEKLY_NOISE_SIGMA, volume.shape)
    return volume * noise


def _closure_factor(moves, closed_week):
    o = closed_week.reindex(moves["origin_iso3"]).fillna(0.0).to_numpy()
    d = closed_week.reindex(moves["destination_iso3"]).fillna(0.0).to_numpy()
    cross = (moves["origin_iso3"] != moves["destination_iso3"]).to_numpy()
    return np.where(cross, 1.0 - (1.0 - CLOSURE_FACTOR) * np.maximum(o, d), 1.0)


def draw_weekly(volume, *, seed):
    """Travellers per movement and week (Poisson around 7 x the daily volume)."""
    return rng(seed, "weekly-counts").poisson(7.0 * volume)


def count_rows(moves, fmp, travellers, node_names):
    """The ``fmp_counts`` table: one row per FMP, week and movement with travellers (count > 0)."""
    week_starts = weeks()
    active = active_matrix(fmp, week_starts)
    fmp_row = {f: i for i, f in enumerate(fmp["fmp_id"])}
    country = fmp.set_index("fmp_id")["country_iso3"]
    frames = []
    for s, mv in enumerate(moves.itertuples(index=False)):
        for f in dict.fromkeys(mv.fmp_path):
            mask = active[fmp_row[f]] & (travellers[s] > 0)
            if not mask.any():
                continue
            frames.append(pd.DataFrame({
                "fmp_id": f, "date": week_starts[mask], "origin": mv.origin, "destination": mv.destination,
                "count": travellers[s, mask], "next_stop": _next_stop(mv, f, node_names),
                "nationality_iso3": mv.nationality_iso3, "sex": mv.sex, "age_group": mv.age_group,
                "transport_mode": mv.transport_mode, "flow_type": _flow_type(mv, country[f]), "period_days": 7}))
    rows = pd.concat(frames, ignore_index=True)
    return rows.sort_values(["date", "fmp_id", "origin", "destination", "nationality_iso3", "sex", "age_group",
                             "transport_mode"], kind="stable").reset_index(drop=True)


def _flow_type(mv, fmp_country):
    if mv.origin_iso3 == fmp_country and mv.destination_iso3 == fmp_country:
        return "internal"
    return "outgoing" if mv.destination_iso3 != fmp_country else "incoming"


def _next_stop(mv, fmp_id, node_names):
    """The first named town after the FMP's counting edge (the destination when there is none)."""
    at = mv.fmp_path.index(fmp_id)
    edge = mv.fmp_edges[at]
    position = mv.edge_path.index(edge)
    for node in mv.node_path[position + 1:]:
        name = node_names.get(node)
        if isinstance(name, str):
            return name
    return mv.destination
