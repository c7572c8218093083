"""The working tree's documents stand in for their blobs in history
(:func:`~generator.history.versions.present_files`)."""

from __future__ import annotations

from pathlib import Path

from generator.history.versions import present_files
from generator.load.portfolio import load_portfolio

ACCOUNTS = Path(__file__).resolve().parents[2] / "accounts"


def test_every_loaded_document_of_every_kind_is_offered() -> None:
    portfolio = load_portfolio(str(ACCOUNTS))
    found = present_files("accounts", portfolio.dossiers)
    every = [doc for d in portfolio.dossiers for doc in d.documents()]
    assert any(d.opportunities for d in portfolio.dossiers) and any(d.actions for d in portfolio.dossiers)
    assert len(found) == len(every)
    assert {id(doc) for doc in found.values()} == {id(doc) for doc in every}
