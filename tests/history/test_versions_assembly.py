"""A version's dossier made from the version before it (:func:`~generator.history.versions.dossier_after`) is the one
assembling all its files gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
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


def test_a_version_whose_activity_changed_is_made_from_the_one_before(tmp_path: Path) -> None:
    """Activities carry no ``id`` (found by a helper: an edited activity raised AttributeError in every build)."""
    accounts = write_corpus(str(tmp_path / "corpus"), 2, 3)
    repo = Path(accounts).parent
    run = {"cwd": repo, "check": True, "env": {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull,
                                               "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
                                               "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}}
    subprocess.run(["git", "init", "-q"], **run)
    subprocess.run(["git", "add", "-A"], **run)
    subprocess.run(["git", "commit", "-qm", "all"], **run)
    activity = sorted(Path(accounts).glob("*/activities/*.md"))[0]
    activity.write_text(activity.read_text(encoding="utf-8") + "More notes.\n", encoding="utf-8")
    subprocess.run(["git", "commit", "-qam", "activity"], **run)
    history = History.read(accounts)
    assert history is not None
    slug = activity.parent.parent.name
    lineage = history.lineages[slug]
    old, new = lineage.versions[-2], lineage.versions[-1]
    keys = {v.index: keys_of(history.relative, slug, v) for v in (old, new)}
    parsed = BlobCache(history.top, None).parse({k for found in keys.values() for k in found})
    before = dossier_of(slug, keys[old.index], parsed)
    assert before is not None
    quick = dossier_after(before, old, new, history.relative, slug, parsed)
    assert quick is not None and quick == dossier_of(slug, keys[new.index], parsed)
    assert any(d.body.endswith("More notes.\n") for d in quick.activities)
