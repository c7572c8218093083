"""Movement over time, read from the repository's own history.

* :mod:`.git` — the one place that talks to git: the first-parent log with each commit's
  changed blobs (renames followed), blobs read in bulk, a revision unpacked into a folder.
* :mod:`.versions` — every version of every account folder, parsed once per blob id.
* :mod:`.movement` — what the pages show: scorecards at quarter ends, contacts' support and
  intimacy moves, plans' progress, a change log by month and the portfolio's recent events.

Dates are the **committer dates (UTC) of the first-parent commits of ``HEAD``**: the day a
change reached the main branch, not the day someone started writing it.
"""
