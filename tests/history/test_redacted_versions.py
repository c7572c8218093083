"""A version redacted the quick way (account file alone) equals the full redaction of the same dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.history.redacted import Redactor, shared
from generator.history.versions import Key, Parsed
from generator.load.portfolio import load_portfolio
from generator.model.portfolio import Portfolio
from generator.redact import redaction
from tests.bench.corpus import write_corpus

SAMPLE = Path(__file__).resolve().parents[2] / "accounts"


@pytest.mark.parametrize("level", ["public", "internal", "restricted"])
def test_quick_redaction_matches_the_full_one(level: str) -> None:
    portfolio = load_portfolio(str(SAMPLE))
    quick_paths, with_work, _ = _compare(portfolio, level)
    if level != "public":
        assert quick_paths  # most sample dossiers take the quick way
    if level == "restricted":  # the sample's dossiers with opportunities and actions hold restricted contacts
        assert with_work  # opportunities and actions do not force the full redaction


@pytest.mark.parametrize("level", ["public", "internal", "restricted"])
def test_quick_redaction_matches_the_full_one_on_a_generated_corpus(level: str, tmp_path: Path) -> None:
    """The bench corpus's account files hold a gift register above ``internal``: there the account file alone is
    pruned (:meth:`Redactor._pruned`), which must give what the full redaction of the version gives."""
    portfolio = load_portfolio(write_corpus(str(tmp_path), 12, 3))
    quick_paths, _, pruned = _compare(portfolio, level)
    if level != "public":
        assert quick_paths
    if level == "internal":
        assert pruned  # account files whose gift register went, the rest of the version as parsed


@pytest.mark.parametrize("level", ["public", "internal", "restricted"])
def test_what_the_build_s_redaction_kept_as_it_was_is_not_looked_at_again(level: str, tmp_path: Path) -> None:
    """History is told which data objects the build's own redaction kept unchanged (:func:`shared`): the versions
    holding them skip the check, and still equal the full redaction."""
    portfolio = load_portfolio(write_corpus(str(tmp_path), 12, 3))
    shown = {d.slug: d for d in redaction(portfolio, level).portfolio.dossiers}
    clear = {k: v for d in portfolio.dossiers if d.slug in shown for k, v in shared(d, shown[d.slug]).items()}
    every = {id(doc.data) for d in portfolio.dossiers for doc in d.documents()}
    assert clear.keys() <= every
    if level == "internal":  # most files are kept as they were, the account files with a gift register are not
        assert clear and clear.keys() < every
    _compare(portfolio, level, clear)


def _compare(portfolio: Portfolio, level: str, clear: dict[int, Any] | None = None) -> tuple[int, int, int]:
    """Redact each dossier both ways and compare; how many took the quick way, how many of those had work
    (opportunities, actions) and how many had their account file pruned."""
    assert len(portfolio.dossiers) > 5
    redactor = Redactor(level, clear)
    quick_paths = with_work = pruned = 0
    for dossier in portfolio.dossiers:
        parsed: dict[Key, Parsed] = {}
        keys: list[Key] = []
        for doc, kind in [(dossier.account, "account"), *[(c, "contact") for c in dossier.contacts],
                          *[(a, "activity") for a in dossier.activities],
                          *[(o, "opportunity") for o in dossier.opportunities],
                          *[(a, "action") for a in dossier.actions]]:
            key = (doc.path, kind, doc.path)
            keys.append(key)
            parsed[key] = (doc, [])
        quick = redactor.dossier(dossier, keys, parsed)
        kept = redaction(Portfolio("", None, [dossier], []), level).portfolio.dossiers
        full = kept[0] if kept else None
        if quick is None or full is None:
            assert quick is None and full is None
            continue
        assert [d.data for d in quick.documents()] == [d.data for d in full.documents()], dossier.slug
        assert quick.contact_ids == full.contact_ids
        took = bool(quick.contacts) and quick.contacts[0] is dossier.contacts[0]
        quick_paths += took
        with_work += took and bool(dossier.opportunities or dossier.actions)
        pruned += took and quick.account.data is not dossier.account.data
    return quick_paths, with_work, pruned
