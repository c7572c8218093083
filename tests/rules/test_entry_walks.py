"""AP208/AP209 walk a dossier's entries once between them, and the roster's completeness is worked out once a check:
neither keeps an answer for a dossier or roster changed in place since (a test or a library caller may do that)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.config import Settings
from generator.load.portfolio import load_portfolio
from generator.rules import dossier_diagnostics
from generator.rules.base import roster_complete

SAMPLE = Path(__file__).resolve().parents[2] / "accounts"


def test_a_dossier_changed_in_place_after_its_check_is_walked_again() -> None:
    portfolio = load_portfolio(str(SAMPLE))
    dossier, settings = portfolio.dossiers[0], Settings()
    before = [d.code for d in dossier_diagnostics(portfolio.root, portfolio.roster, dossier, settings)]
    assert "AP209" not in before
    team = dossier.account.data.team
    team.append(dataclasses.replace(team[0]))  # the same member written twice
    try:
        after = [d.code for d in dossier_diagnostics(portfolio.root, portfolio.roster, dossier, settings)]
    finally:
        team.pop()
    assert after.count("AP209") == before.count("AP209") + 1


def test_the_rosters_completeness_follows_its_people() -> None:
    roster = load_portfolio(str(SAMPLE)).roster
    assert roster is not None and roster_complete(roster)
    people = roster.data.people
    people.append(dataclasses.replace(people[0], id="p-not-written"))  # a person with no place in the file
    try:
        assert not roster_complete(roster)
    finally:
        people.pop()
    assert roster_complete(roster)
