"""Redaction shares what it leaves unchanged with the full portfolio, and never changes the full portfolio.

A profile's copy holds the loaded objects themselves wherever nothing in them is hidden (issue 18, P4:
a copy of the whole portfolio was 150 MB at 1,000 accounts). So two things must hold, and are tested
here beside the canary tests of tests/test_security_privacy.py: redacting, and every stage after it,
leaves the loaded portfolio exactly as it was; and nothing reachable from a narrower copy, shared or
not, holds a value the profile hides.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterator
from dataclasses import replace

import pytest

from generator import pipeline
from generator.config import load_settings
from generator.incremental.stages import COLD
from generator.load.portfolio import load_portfolio
from generator.model.document import Positions
from generator.model.portfolio import Portfolio
from generator.redact import apply_profile, redact_dossier, redaction
from generator.rules import validate
from tests.hostile_fixtures import RESTRICTED_CANARIES, write_canary_portfolio
from tests.test_pipeline_golden import ROOT, TODAY

LEVELS = ("public", "internal", "restricted")


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Portfolio:
    root = tmp_path_factory.mktemp("canary")
    write_canary_portfolio(root)
    return load_portfolio(str(root / "accounts"))


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    return load_portfolio(str(ROOT / "accounts"))


def _reachable(root: object) -> Iterator[object]:
    """Every object reachable from ``root`` through containers, dataclass fields and :class:`Positions`."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        yield obj
        if isinstance(obj, dict):
            stack += [*obj.keys(), *obj.values()]
        elif isinstance(obj, list | tuple | set | frozenset | Positions):
            stack += list(obj)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            stack += [getattr(obj, f.name) for f in dataclasses.fields(obj)]


def _texts(root: object) -> str:
    return "\n".join(obj for obj in _reachable(root) if isinstance(obj, str)).casefold()


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("by_dossier", [False, True])
@pytest.mark.parametrize("name", ["canary", "sample"])
def test_redaction_never_changes_the_portfolio(name: str, level: str, by_dossier: bool,
                                               request: pytest.FixtureRequest) -> None:
    portfolio: Portfolio = request.getfixturevalue(name)
    before = pickle.dumps(portfolio)
    red = redaction(portfolio, level, redact_dossier if by_dossier else None)
    assert pickle.dumps(portfolio) == before
    # The copy is a whole one of its own: the same as a redaction of a fresh load.
    fresh = load_portfolio(portfolio.root)
    assert repr(red.portfolio) == repr(redaction(fresh, level).portfolio)


def test_no_hidden_value_is_reachable_from_a_narrower_copy(canary: Portfolio) -> None:
    # The walk finds every canary in the full portfolio: the assertion below can fail.
    assert {k for k, v in RESTRICTED_CANARIES.items() if v.casefold() in _texts(canary)} == set(RESTRICTED_CANARIES)
    for level in ("public", "internal"):
        text = _texts(redaction(canary, level).portfolio)
        assert [k for k, v in RESTRICTED_CANARIES.items() if v.casefold() in text] == []
    assert all(v.casefold() in _texts(redaction(canary, "restricted").portfolio) for v in RESTRICTED_CANARIES.values())


def test_what_redaction_leaves_unchanged_is_shared(sample: Portfolio, canary: Portfolio) -> None:
    full = redaction(sample, "restricted").portfolio
    assert full.roster is sample.roster
    pairs = [(copy, original) for red, orig in zip(full.dossiers, sample.dossiers, strict=True)
             for copy, original in zip(red.documents(), orig.documents(), strict=True)]
    assert pairs and all(copy.data is original.data and copy is not original for copy, original in pairs)
    # The digests still differ: a cache keyed by content never mixes a profile's page with another's.
    assert all(copy.digest != original.digest for copy, original in pairs)
    # In the canary, the open contact lost a source and its personal block: a copy, the original intact.
    (dossier,) = redaction(canary, "internal").portfolio.dossiers
    (original,) = canary.dossiers
    copies = {doc.data.id: doc.data for doc in dossier.contacts}
    originals = {doc.data.id: doc.data for doc in original.contacts}
    assert copies["c-open"] is not originals["c-open"] and originals["c-open"].personal is not None
    assert copies["c-ceo"] is originals["c-ceo"]
    assert dossier.account.data.team is original.account.data.team  # an unchanged field of a changed object


def test_no_stage_changes_the_loaded_portfolio(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation, redaction, scoring, history and rendering in both languages read the full portfolio, never write it:
    the internal copy shares most of its objects."""
    settings = replace(load_settings(str(ROOT / "mkdocs.yml")), today=TODAY)
    loaded: list[tuple[Portfolio, bytes]] = []

    def load(root: str) -> Portfolio:
        portfolio = load_portfolio(root)
        loaded.append((portfolio, pickle.dumps(portfolio)))
        return portfolio

    monkeypatch.setattr(pipeline, "COLD", COLD._replace(load=load))
    gathered = pipeline.gather(settings, "internal", timeline=True)
    for lang in ("en", "zh"):
        assert pipeline.generate(gathered, settings, lang)
    ((portfolio, before),) = loaded
    assert pickle.dumps(portfolio) == before
    shared = {id(doc.data) for dossier in portfolio.dossiers for doc in dossier.documents()}
    assert any(id(doc.data) in shared for dossier in gathered.portfolio.dossiers for doc in dossier.documents())


def test_apply_profile_by_dossier_gives_the_same_copy(sample: Portfolio) -> None:
    settings = replace(load_settings(str(ROOT / "mkdocs.yml")), today=TODAY)
    validate(sample, settings)
    for profile in (None, *settings.profiles):
        whole = apply_profile(sample, settings, profile)
        each = apply_profile(sample, settings, profile, redact_dossier)
        assert repr(whole.portfolio) == repr(each.portfolio)
        assert (whole.removed_paths, whole.removed_locs, whole.removed_words) == (
            each.removed_paths, each.removed_locs, each.removed_words)
