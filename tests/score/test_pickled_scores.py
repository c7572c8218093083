"""Scorecards pickled (the carried scores of a merge build) come back equal, field for field."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.load.portfolio import load_portfolio
from generator.score import score_portfolio
from generator.score.types import AccountScore, Figure, Msg, PersonScore, Rollup

REPO = Path(__file__).resolve().parents[2]


def test_the_sample_s_scorecards_come_back_equal_with_every_field() -> None:
    scores = score_portfolio(load_portfolio(str(REPO / "accounts")), load_settings(REPO / "mkdocs.yml"))
    kept = [*scores.accounts.values(), *scores.people.values(), *scores.rollups]
    again = pickle.loads(pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
    assert again == kept and repr(again) == repr(kept)
    assert {type(x) for x in again} == {AccountScore, PersonScore, Rollup}
    assert all(isinstance(figure, Figure) for score in again for figure in score.figures()
               if not isinstance(score, Rollup))


def test_the_state_is_the_fields_values_in_order_and_a_wrong_one_is_refused() -> None:
    msg = Msg("term", (("n", "3"),))
    figure = Figure("k", 1.5, "a / b", {"a": 3, "b": 2}, notes=(msg,))
    for obj in (msg, figure):
        assert obj.__getstate__() == tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))
    single = Rollup("tier", "S", 2, figure)
    assert pickle.loads(pickle.dumps(single)) == single
    with pytest.raises(ValueError):
        object.__new__(Msg).__setstate__(("only the key",))
    with pytest.raises(ValueError):
        object.__new__(Msg).__setstate__(("key", (), "a third value"))
    with pytest.raises(dataclasses.FrozenInstanceError):  # set from a state, the object is as frozen as ever
        pickle.loads(pickle.dumps(msg)).key = "other"
