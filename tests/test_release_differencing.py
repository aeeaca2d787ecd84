"""Differencing releases of different breakdowns: the register's solver against brute force, and the
register refusing a release that narrows a withheld count."""
import itertools
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rdh_engine.publish.cellkey import random_round
from rdh_engine.publish.differencing import filter_key, revealed_cells
from rdh_engine.publish.policy import ProtectionRules
from rdh_engine.publish.register import REGISTER, ReleaseRefused, check_and_record

KEY = b"0123456789abcdef0123456789abcdef"
T = 5


def release(filter_, value, domains=None, cell="observed|FMP-1"):
    return {"fmp_points": {"filter": filter_, "domains": domains or {}, "cells": {cell: value}}}


def test_three_withheld_margins_narrow_the_total():
    # all travellers: 1-4; women: 1-4; men: 1-4; sex is F or M only -> total = F + M: total >= 2, parts <= 3
    releases = [("all", release({}, None)), ("f", release({"sex": ["F"]}, None, {"sex": ["F", "M"]})),
                ("m", release({"sex": ["M"]}, None, {"sex": ["F", "M"]}))]
    found = revealed_cells(releases, threshold=T, method="suppress")
    assert {r.release: (r.prior, r.narrowed) for r in found} == {"all": ((1, 4), (2, 4)), "f": ((1, 4), (1, 3)),
                                                                  "m": ((1, 4), (1, 3))}


def test_an_unknown_rest_of_the_column_ties_nothing():
    # total published 10 (6-14), women and men withheld: without knowing that sex holds only F and M,
    # the total may hold records of another value, and the parts stay 1-4 (with it: 2-4, see below)
    releases = [("all", release({}, 10.0)), ("f", release({"sex": ["F"]}, None)), ("m", release({"sex": ["M"]}, None))]
    assert revealed_cells(releases, threshold=T, method="suppress") == []


def test_a_published_total_narrows_its_withheld_parts():
    # total published 10 (6-14) = F + M with both withheld (1-4): F + M <= 8, so each part is 2-4
    sex = {"sex": ["F", "M"]}
    narrowed = [("all", release({}, 10.0)), ("m", release({"sex": ["M"]}, None, sex)),
                ("f", release({"sex": ["F"]}, None, sex))]
    found = {r.release: r.narrowed for r in revealed_cells(narrowed, threshold=T, method="suppress")}
    assert found == {"m": (2, 4), "f": (2, 4)}
    # total published 5 (5-9) = F + M: each part stays 1-4
    kept = [("all", release({}, 5.0)), ("m", release({"sex": ["M"]}, None, sex)),
            ("f", release({"sex": ["F"]}, None, sex))]
    assert revealed_cells(kept, threshold=T, method="suppress") == []


def test_releases_that_cannot_be_sums_of_the_same_records_tie_nothing():
    # another period or other parameters: "total" 50 but its two parts withheld cannot hold together
    releases = [("all", release({}, 50.0)), ("f", release({"sex": ["F"]}, None, {"sex": ["F", "M"]})),
                ("m", release({"sex": ["M"]}, None, {"sex": ["F", "M"]}))]
    assert revealed_cells(releases, threshold=T, method="suppress") == []


def test_filters_match_whatever_the_case():
    assert filter_key({"sex": ["f"], "age_group": "0-4"}) == filter_key({"age_group": ["0-4"], "sex": ["F"]})


def brute_force(true_atoms, filters, domains, threshold):
    """Every integer assignment of the atoms consistent with what was published (each atom at most
    the smallest upper bound of a release holding it): the exact range of each withheld cell."""
    columns = sorted(domains)
    atoms = list(itertools.product(*[sorted(domains[c]) for c in columns]))
    member = np.array([[all(a in f.get(c, domains[c]) for c, a in zip(columns, atom)) for atom in atoms]
                       for f in filters])
    truth = member @ true_atoms
    published = random_round(truth.astype(float), np.random.default_rng(0).random(len(truth)), threshold)
    withheld = (truth > 0) & (truth < threshold)
    published[withheld] = np.nan
    low = np.where(withheld, 1, np.where(published > 0, np.maximum(published - threshold + 1, threshold), 0))
    high = np.where(withheld, threshold - 1, np.where(published > 0, published + threshold - 1, 0))
    ceiling = [int(min([h for h, m in zip(high, member[:, j]) if m], default=0)) for j in range(len(atoms))]
    grid = np.stack(np.meshgrid(*[np.arange(c + 1) for c in ceiling], indexing="ij")).reshape(len(atoms), -1).T
    sums = grid @ member.T
    feasible = sums[np.all((sums >= low) & (sums <= high), axis=1)]
    return published, {i: (int(feasible[:, i].min()), int(feasible[:, i].max())) for i in np.flatnonzero(withheld)}


@settings(max_examples=60)
@given(st.lists(st.integers(0, 3), min_size=4, max_size=4),
       st.lists(st.sampled_from([{}, {"sex": ["F"]}, {"sex": ["M"]}, {"age": ["0-17"]}, {"age": ["18+"]},
                                 {"sex": ["F"], "age": ["0-17"]}, {"sex": ["M"], "age": ["18+"]}]),
                min_size=2, max_size=5, unique_by=filter_key))
def test_the_solver_finds_exactly_what_brute_force_finds(atoms, filters):
    domains = {"sex": ["F", "M"], "age": ["0-17", "18+"]}
    published, exact = brute_force(np.array(atoms), filters, domains, T)
    releases = [(f"r{i}", release(f, None if np.isnan(v) else float(v), domains))
                for i, (f, v) in enumerate(zip(filters, published))]
    found = {int(r.release[1:]): r.narrowed for r in revealed_cells(releases, threshold=T, method="suppress")}
    assert found == {i: r for i, r in exact.items() if r != (1, T - 1)}


def test_the_register_refuses_the_release_that_narrows_and_names_it(tmp_path):
    rules = ProtectionRules()
    sex = {"domains": {"sex": ["f", "m"]}}
    check_and_record(tmp_path, theme="all", key=KEY, rules=rules, cells={"fmp_points": {"s|c|A|3": None}})
    check_and_record(tmp_path, theme="women", key=KEY, rules=rules, cells={"fmp_points": {"s|c|A|1": None}},
                     breakdowns={"fmp_points": {"filter": {"sex": ["F"]}, **sex}})
    with pytest.raises(ReleaseRefused) as refused:
        check_and_record(tmp_path, theme="men", key=KEY, rules=rules, cells={"fmp_points": {"s|c|A|2": None}},
                         breakdowns={"fmp_points": {"filter": {"sex": ["M"]}, **sex}})
    message = str(refused.value)
    assert "fmp_points.c at A (all, all records): 1-4 -> 2-4" in message and "layers fmp_points" in message
    register = json.loads((tmp_path / REGISTER).read_text(encoding="utf-8"))
    assert [r["theme"] for r in register["releases"]] == ["all", "women"]  # the refused one is not recorded
    assert "3" not in json.dumps(register["releases"][0]["breakdowns"])  # no true value in the register


def test_the_register_keeps_what_a_release_published_not_the_true_counts(tmp_path):
    check_and_record(tmp_path, theme="all", key=KEY, rules=ProtectionRules(),
                     cells={"fmp_points": {"fmp_counts|observed|A|37": 40.0, "fmp_counts|observed|B|2": None}})
    register = json.loads((tmp_path / REGISTER).read_text(encoding="utf-8"))
    assert register["releases"][0]["breakdowns"]["fmp_points"]["cells"] == {
        "fmp_counts|observed|A": 40.0, "fmp_counts|observed|B": None}


def test_breakdowns_of_other_records_are_not_tied():
    # the same cells counted over another window of dates are other records: nothing adds up
    sex = {"sex": ["F", "M"]}
    releases = [("all", {"fmp_points": {"filter": {}, "window": ["2020-01-01", "2020-03-31"],
                                        "cells": {"observed|A": None}}}),
                ("f", {"fmp_points": {"filter": {"sex": ["F"]}, "domains": sex, "window": ["2020-01-01", "2020-06-30"],
                                      "cells": {"observed|A": None}}}),
                ("m", {"fmp_points": {"filter": {"sex": ["M"]}, "domains": sex, "window": ["2020-01-01", "2020-03-31"],
                                      "cells": {"observed|A": None}}})]
    assert revealed_cells(releases, threshold=T, method="suppress") == []
    releases[1][1]["fmp_points"]["window"] = ["2020-01-01", "2020-03-31"]
    assert {r.release for r in revealed_cells(releases, threshold=T, method="suppress")} == {"all", "f", "m"}


def test_a_theme_exported_again_over_another_breakdown_keeps_the_earlier_record(tmp_path):
    rules = ProtectionRules()
    sex = {"domains": {"sex": ["f", "m"]}}
    check_and_record(tmp_path, theme="flows", key=KEY, rules=rules, cells={"fmp_points": {"s|c|A|3": None}})
    check_and_record(tmp_path, theme="flows", key=KEY, rules=rules, cells={"fmp_points": {"s|c|A|3": None}})
    check_and_record(tmp_path, theme="flows", key=KEY, rules=rules, cells={"fmp_points": {"s|c|A|1": None}},
                     breakdowns={"fmp_points": {"filter": {"sex": ["F"]}, **sex}})
    register = json.loads((tmp_path / REGISTER).read_text(encoding="utf-8"))
    assert len(register["releases"]) == 2  # the same export twice is one release; the women's is another
    with pytest.raises(ReleaseRefused, match="narrowed by differencing"):
        check_and_record(tmp_path, theme="men", key=KEY, rules=rules, cells={"fmp_points": {"s|c|A|2": None}},
                         breakdowns={"fmp_points": {"filter": {"sex": ["M"]}, **sex}})


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"releases": "all"}', ""])
def test_an_unreadable_register_refuses_the_release(tmp_path, text):
    (tmp_path / REGISTER).write_text(text, encoding="utf-8")
    with pytest.raises(ReleaseRefused, match="cannot be read"):
        check_and_record(tmp_path, theme="all", key=KEY, rules=ProtectionRules(), cells={"fmp_points": {"c|A|3": None}})
    assert (tmp_path / REGISTER).read_text(encoding="utf-8") == text  # left as it was
