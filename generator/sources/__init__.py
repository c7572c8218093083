"""Sources on the web: fetch a cited page, read what it says about itself, notice when it goes or changes.

:mod:`.fetch` fetches one page under a strict policy, :mod:`.extract` reads its title, date
and text fingerprint, :mod:`.add` writes a new source entry, :mod:`.check` re-checks every
cited page. The rest of the tool never touches the network.
"""
