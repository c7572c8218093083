"""A realistic git history for a generated corpus, and the two history benchmarks (H1, H2).

:func:`write_history` turns a corpus's ``accounts/`` into a git repository whose first-parent
history spans :data:`QUARTERS` quarters before the corpus's "today": the first commit holds
every file, then each account gets :data:`PER_QUARTER` commits a quarter, each moving one
contact's support or intimacy (and, once a quarter, a plan's progress in ``account.md``).
``git fast-import`` writes the tens of thousands of commits in seconds.

* H1: a cold ``mkdocs build`` with history against the same build without it (target ≤ 1.3×);
* H2: the rebuild after one new commit, history parses kept in the cache, against the same
  rebuild without history (target ≤ 1.1×).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

QUARTERS = 8
PER_QUARTER = 3
IDENTITY = "Bench <bench@example.com>"


def _data(text: bytes) -> bytes:
    return b"data %d\n" % len(text) + text + b"\n"


def write_history(accounts: str, repo: Path, today: dt.date, seed: int = 1) -> str:
    """A git repository at ``repo`` holding a copy of ``accounts`` with a history; returns its accounts folder."""
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True, env=env)
    rng = random.Random(seed)
    files: dict[str, bytes] = {}
    for folder, _, names in os.walk(accounts):
        for name in names:
            path = os.path.join(folder, name)
            files["accounts/" + os.path.relpath(path, accounts).replace(os.sep, "/")] = Path(path).read_bytes()
    start = today - dt.timedelta(days=91 * QUARTERS)
    stream = [_commit(sorted(files.items()), start, "corpus: every account")]
    slugs = sorted({p.split("/")[1] for p in files if p.count("/") >= 2})
    contacts = {s: sorted(p for p in files if p.startswith(f"accounts/{s}/contacts/")) for s in slugs}
    edits: list[tuple[int, str, str]] = []
    for q in range(QUARTERS):
        for k in range(PER_QUARTER):
            for slug in slugs:
                day = q * 91 + rng.randrange(91)
                edits.append((day * 86400 + rng.randrange(86400), slug, "plan" if k == 0 else "contact"))
    edits.sort()
    for seconds, slug, what in edits:
        if what == "plan":
            path = f"accounts/{slug}/account.md"
            files[path] = re.sub(rb"progress: (\d+)", lambda m: b"progress: %d" % ((int(m[1]) + 5) % 100),
                                 files[path], count=1)
            message = f"{slug}: plan progress"
        else:
            path = rng.choice(contacts[slug])
            key = rng.choice((b"support", b"intimacy"))
            files[path] = re.sub(key + rb": \d", key + b": %d" % rng.randint(1, 5), files[path], count=1)
            message = f"{slug}: {key.decode()} of {path.rsplit('/', 1)[-1][:-3]}"
        when = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)
        stream.append(_commit([(path, files[path])], when, message))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(stream), check=True, env=env)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=repo, check=True, env=env)
    return str(repo / "accounts")


def _commit(changes: list[tuple[str, bytes]], when: dt.date | dt.datetime, message: str) -> bytes:
    """One fast-import commit on main (each continues from the one before)."""
    stamp = int((when if isinstance(when, dt.datetime) else
                 dt.datetime.combine(when, dt.time(), tzinfo=dt.UTC)).timestamp())
    head = (b"commit refs/heads/main\n" + f"committer {IDENTITY} {stamp} +0000\n".encode()
            + _data(message.encode()))
    return head + b"".join(b"M 100644 inline " + p.encode() + b"\n" + _data(b) for p, b in changes) + b"\n"


def new_commit(accounts: str, seconds: int) -> None:
    """One more commit moving one contact's support, dated ``seconds`` (Unix time)."""
    repo = Path(accounts).parent
    contact = sorted(Path(accounts).glob("*/contacts/*.md"))[0]
    text = contact.read_text(encoding="utf-8")
    contact.write_text(re.sub(r"support: (\d)", lambda m: f"support: {int(m[1]) % 5 + 1}", text, count=1),
                       encoding="utf-8")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "bench@example.com", "GIT_COMMITTER_DATE": f"{seconds} +0000",
           "GIT_AUTHOR_DATE": f"{seconds} +0000"}
    subprocess.run(["git", "commit", "-q", "-am", "one more move"], cwd=repo, check=True, env=env)
