"""A version's dossier made from the version before it (:func:`~generator.history.versions.dossier_after`) is the one
assembling all its files gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from generator.history.versions import BlobCache, History, dossier_after, dossier_of, keys_of
from tests.bench.corpus import write_corpus
from tests.bench.history import write_history


def test_each_version_made_from_the_one_before_equals_its_full_assembly(tmp_path: Path) -> None:
    accounts = write_history(write_corpus(str(tmp_path / "corpus"), 6, 3), tmp_path / "repo", dt.date(2026, 11, 27))
    history = History.read(accounts)
    assert history is not None
    store = BlobCache(history.top, None)
    made = 0
    for slug, lineage in history.lineages.items():
        keys = {v.index: keys_of(history.relative, slug, v) for v in lineage.versions}
        parsed = store.parse({k for found in keys.values() for k in found})
        last = None
        for version in lineage.versions:
            full = dossier_of(slug, keys[version.index], parsed)
            if last is not None and full is not None:
                quick = dossier_after(last[1], last[0], version, history.relative, slug, parsed)
                assert quick is not None and quick == full, (slug, version.index)
                assert quick.contacts is not last[1].contacts and quick.stems is not last[1].stems
                made += 1
                last = (version, quick)
            elif full is not None:
                last = (version, full)
        assert last is not None
        extra = dataclasses.replace(last[0], files={**last[0].files, "contacts/c-new.md": "0" * 40})
        assert dossier_after(last[1], last[0], extra, history.relative, slug, parsed) is None  # another file: in full
    assert made > 20
