"""Customer insight (客户洞察): how much of what a dossier states rests on public channels.

The article: "客户信息收集并非多神秘的东西，80%的信息都可以通过公开渠道获得" — collecting customer
information is no mystery; 80% of it is available publicly. :func:`public_share` measures it:
the share of the strategy's cited facts (and of the summary, when it cites sources) backed by at
least one source from a public channel (``PUBLIC_CHANNELS``). Well below 80% the team may be
leaning on a few insiders; well above is normal for a new account.
"""

from __future__ import annotations

from ..model import Account
from ..model.account import PUBLIC_CHANNELS, PUBLIC_SHARE_EXPECTED
from .figures import PERCENT, figure, missing
from .labels import msg
from .types import Figure, Value


def public_share(account: Account) -> Figure:
    """``100 × facts with a public source / facts with any source``, in %; n/a without cited facts."""
    key, formula = "insight.public_share", msg("f.public_share")
    channel = {s.id: s.channel for s in account.sources}
    strategy = account.strategy
    cited = [f.sources for f in strategy.facts if f.sources] if strategy else []
    if strategy and strategy.sources:
        cited.append(strategy.sources)
    public = sum(1 for sources in cited if any(channel.get(sid) in PUBLIC_CHANNELS for sid in sources))
    inputs: dict[str, Value] = {"cited facts": len(cited), "with a public source": public,
                                "expected %": PUBLIC_SHARE_EXPECTED}
    if not cited:
        return missing(key, formula, [msg("n.no_cited_facts")], inputs, unit=PERCENT)
    share = round(100 * public / len(cited), 1)
    return figure(key, share, formula, inputs, [], f"100 × {public} / {len(cited)}", PERCENT)
