"""AP104 says the number as the file writes it (shortened), never ``inf``; charts have no empty ``<title>``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.load.portfolio import load_portfolio
from generator.render.svg import core

SAMPLE = Path(__file__).resolve().parent.parent / "accounts"


@pytest.mark.parametrize(("written", "said"), [("1" + "0" * 5000, "1000000000000000000…0000"),
                                                ("1e999", "1e999"), ("-1.0e+400", "-1.0e+400")])
def test_absurd_amount_is_said_as_written(tmp_path: Path, written: str, said: str) -> None:
    shutil.copytree(SAMPLE, tmp_path / "accounts")
    files = sorted((tmp_path / "accounts").glob("*/opportunities/*.md"))
    path = next(p for p in files if re.search(r"^value: \S+$", p.read_text(encoding="utf-8"), re.M))
    path.write_text(re.sub(r"^value: \S+$", f"value: {written}", path.read_text(encoding="utf-8"), count=1,
                           flags=re.M), encoding="utf-8")
    found = [d for d in load_portfolio(str(tmp_path / "accounts")).diagnostics if d.code == "AP104"]
    assert [d.message for d in found] == [f"{said} is beyond any real figure (at most 1e+15)"]
    assert "inf" not in found[0].message.replace(said, "")
    assert len(found[0].message) < 80


def test_no_empty_title_in_any_chart() -> None:
    assert core.title_el("") == "" and core.title_el("  ") == ""
    assert core.title_el("Tom Hale") == "<title>Tom Hale</title>"
    assert "<title></title>" not in core.document("x", 10, 10, "", "d", [])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_relationship_maps_of_the_sample_have_no_empty_title(lang: str) -> None:
    from generator.render.svg import labels
    from generator.render.svg.relmap import relationship_map

    portfolio = load_portfolio(str(SAMPLE))
    for dossier in portfolio.dossiers:
        words = labels.ZH if lang == "zh" else labels.EN
        drawn = relationship_map([c.data for c in dossier.contacts], portfolio.people, words)
        assert not re.search(r"<title>\s*</title>", drawn), dossier.slug
        assert f"<title>{words['legend.owner']}</title>" in drawn or not dossier.contacts
