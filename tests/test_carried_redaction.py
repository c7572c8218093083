"""Redacted copies carried between build processes share the dossier the next build loads (issue 18, P2/P4).

A copy pickled as it is would come back as a second, unshared portfolio in the merge build (≈175 MB at
1,000 accounts); :class:`generator.incremental.redact.Frozen` names each object the copy shares with its
loaded dossier by its place there and takes it from the dossier the next process loaded. Thawed, a copy must
be what redacting that dossier gives, share its objects as a fresh redaction does, thaw only against the
same files, and a damaged place must mean "redact again", never an error or a wrong object.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Any

import pytest

from generator.config import load_settings
from generator.incremental import redact as frozen_module
from generator.incremental.memo import Memo
from generator.incremental.redact import Frozen, carried_form, redact
from generator.load.portfolio import load_portfolio
from generator.model.keys import dossier_key
from generator.model.portfolio import Dossier, Portfolio
from generator.redact import apply_profile, redact_dossier
from tests.hostile_fixtures import write_canary_portfolio
from tests.test_pipeline_golden import ROOT, TODAY
from tests.test_redact_sharing import LEVELS

SETTINGS = replace(load_settings(str(ROOT / "mkdocs.yml")), today=TODAY)


def _twice(root: str) -> tuple[Portfolio, Portfolio]:
    """The same folder loaded twice: two processes' portfolios, equal values, no object in common."""
    return load_portfolio(root), load_portfolio(root)


@pytest.fixture(scope="module")
def portfolios(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Portfolio, Portfolio]]:
    canary = tmp_path_factory.mktemp("canary")
    write_canary_portfolio(canary)
    return [_twice(str(ROOT / "accounts")), _twice(str(canary / "accounts"))]


def _shared(copy: Dossier, loaded: Dossier) -> int:
    """How many of ``copy``'s documents hold their loaded document's data object itself."""
    mine = {id(doc.data) for doc in loaded.documents()}
    return sum(id(doc.data) in mine for doc in copy.documents())


@pytest.mark.parametrize("level", LEVELS)
def test_a_thawed_copy_is_the_redaction_of_the_next_process_dossier(
        portfolios: list[tuple[Portfolio, Portfolio]], level: str) -> None:
    for first, second in portfolios:
        for before, after in zip(first.dossiers, second.dossiers, strict=True):
            made = redact_dossier(before, level)
            frozen = pickle.loads(pickle.dumps(Frozen.of(made, before)))  # as sealed in a blob and read back
            thawed = frozen.thaw(after)
            fresh = redact_dossier(after, level)
            assert thawed == fresh, (before.slug, level)
            if fresh.dossier is not None:
                assert thawed.dossier is not None
                assert _shared(thawed.dossier, after) == _shared(fresh.dossier, after) > 0
                assert _shared(thawed.dossier, before) == 0  # nothing of the first process's dossier
                assert len(frozen.data) < len(pickle.dumps(made))  # the shared data is named, not carried


def test_a_copy_thaws_only_against_the_same_files(portfolios: list[tuple[Portfolio, Portfolio]]) -> None:
    first, second = portfolios[0]
    frozen = Frozen.of(redact_dossier(first.dossiers[0], "internal"), first.dossiers[0])
    assert frozen.thaw(second.dossiers[1]) is None


@pytest.mark.parametrize("place", [(10_000, 0, 0), (0, 7, 0), (0, 0, 10_000), (0, 2, 3), (0, 3, 1), ("0", 0, 0),
                                   (-1, 0, 0), (0, 0)])
def test_a_damaged_place_means_redacting_again(portfolios: list[tuple[Portfolio, Portfolio]], place: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = portfolios[0]
    made = redact_dossier(first.dossiers[0], "internal")
    assert made.dossier is not None
    # Every object the copy holds of its first document named by a place that is not there.
    monkeypatch.setattr(frozen_module, "_places", lambda dossier: {id(made.dossier.account.path): place})
    frozen = Frozen.of(made, first.dossiers[0])
    assert frozen.thaw(second.dossiers[0]) is None


def test_the_memo_thaws_carried_copies_and_seals_them_as_they_came(
        portfolios: list[tuple[Portfolio, Portfolio]]) -> None:
    first, second = portfolios[1]
    memo: Memo[Any] = Memo()
    redact(first, SETTINGS, None, memo)
    sealed = {key: carried_form(key, value) for key, value in memo._current.items()}
    assert all(isinstance(value, Frozen) for value in sealed.values())
    later: Memo[Any] = Memo()  # the next process: its memo seeded with the sealed copies
    later._previous = pickle.loads(pickle.dumps(sealed))
    later.start()
    carried_keys = set(later._previous)
    got = redact(second, SETTINGS, None, later)
    assert later.computed == 0
    assert got == apply_profile(second, SETTINGS, None)
    assert not any(isinstance(value, Frozen) for value in later._current.values())
    assert not later._previous  # each carried form let go once thawed: not held beside its copy to the build's end
    # Sealed again (frozen anew against the dossiers they were thawed against), they thaw to the same copies.
    again = {key: carried_form(key, value) for key, value in later._current.items()}
    assert set(again) == carried_keys and all(isinstance(value, Frozen) for value in again.values())
    by_key = {dossier_key(d): d for d in second.dossiers}
    assert all(again[key].thaw(by_key[key[2]]) == later._current[key] for key in again)
