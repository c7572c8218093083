"""Write N realistic synthetic accounts in the dossier format, deterministic by seed.

Per account: ``account.md`` (strategy with cited facts, 5 sources, 5 plans, initiatives,
issues, satisfaction, 3 years of KPIs, a small gifts register), 20 contacts over 4
reporting levels (each with who-knows-whom records for its owners), 40 activities over the
last year, 3 opportunities with stances and 4 action items — about 550 lines of YAML in all —
plus one ``roster.yml`` for the whole portfolio. The opportunities, actions and who-knows-whom
records come from a second random stream seeded by the account's slug, so the rest of the
corpus is what it was before they were added. The data is valid against the schema, so
loading it yields no errors; method rules may still warn, as they would on real data.

    python -m tests.bench.corpus --n 1000 --seed 1 --out /tmp/corpus

writes ``/tmp/corpus/accounts/...``. Every value comes from ``random.Random(seed)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
from collections.abc import Sequence

VERSION = "2"
"""Bumped whenever the output changes, so cached corpora under .cache/bench/ are rebuilt."""

TODAY = dt.date(2026, 11, 27)
"""Fixed 'today' so that a seed always gives the same files."""

SURNAMES = ("wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
            "hu", "guo", "he", "lin", "gao", "luo", "muller", "schmidt", "rossi", "garcia", "martin", "silva",
            "novak", "kowalski", "jensen", "smith", "brown", "tanaka", "sato", "kim", "park", "nguyen")
GIVEN = ("wei", "fang", "na", "min", "jing", "lei", "jun", "yan", "tao", "hui", "anna", "lukas", "marco", "sofia",
         "elena", "pablo", "ines", "jan", "eva", "james", "emma", "yuki", "hana", "minho", "linh", "omar", "lea")
INDUSTRIES = ("telecom", "utilities", "banking", "insurance", "rail", "automotive", "retail", "healthcare",
              "government", "oil-and-gas", "media", "logistics")
REGIONS = ("north", "south", "east", "west", "central", "emea", "apac", "latam")
WORDS = ("nordic", "global", "united", "pacific", "alpine", "delta", "summit", "harbor", "meridian", "atlas",
         "crescent", "pioneer", "vertex", "horizon", "keystone", "orbit", "cedar", "granite", "silver", "river")
SUFFIX = ("telecom", "energy", "bank", "rail", "motors", "health", "logistics", "media", "grid", "group")
DEPARTMENTS = ("Technology", "Procurement", "Finance", "Operations", "Strategy", "Network", "IT", "Marketing")
TITLES = {
    "executive": ("CEO", "CTO", "CFO", "COO"),
    "senior": ("VP Technology", "VP Procurement", "VP Operations", "Head of Strategy", "Chief Architect"),
    "middle": ("Director IT", "Procurement Manager", "Network Manager", "Finance Manager", "Programme Lead"),
    "staff": ("Engineer", "Analyst", "Buyer", "Architect", "Project Manager", "Specialist"),
}
ROLES = ("decision-maker", "economic-buyer", "executive-sponsor", "technical-evaluator", "approver", "influencer",
         "user", "blocker", "other")
DECIDING = ("decision-maker", "economic-buyer", "approver")
CHANNELS = ("industry-report", "shareholder-meeting", "analyst-day", "investor", "customer-website",
            "internal-publication", "annual-report", "coach", "competitor", "news")
OFFERINGS = ("core-network", "ran", "cloud", "edge", "security", "services", "automation")
COMPETITORS = ("Norvik", "Altan", "Corvid")
ACTIVITY_KINDS = ("visit", "meeting", "call", "event", "workshop", "meal", "exec-visit", "email")
INITIATIVES = ("benchmarking", "executive-visit", "cooperation-agreement", "innovation-centre")
TOPICS = ("5G core", "cloud migration", "data centre", "private network", "AI operations", "energy savings",
          "digital twin", "cyber security", "field service", "billing platform", "edge computing")


def _q(text: str) -> str:
    """A double-quoted YAML string, so that no value is read as another type."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _day(rng: random.Random, back: int, ahead: int = 0) -> dt.date:
    return TODAY + dt.timedelta(days=rng.randint(-back, ahead))


class Writer:
    """Generates one portfolio; one instance per corpus so the random stream is reproducible."""

    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.people = [f"p-{self.rng.choice(GIVEN)}-{self.rng.choice(SURNAMES)}-{i}" for i in range(max(8, n // 2))]

    def roster(self) -> str:
        """``roster.yml``: everyone; the first few are managers of the rest."""
        lines = ["people:"]
        managers = self.people[: max(2, len(self.people) // 10)]
        for i, pid in enumerate(self.people):
            parts = pid.split("-")
            lines += [f"  - id: {pid}", f"    name: {_q(parts[1].title() + ' ' + parts[2].title())}",
                      f"    title: {_q('Sales Director' if pid in managers else 'Account Manager')}",
                      f"    email: {pid[2:]}@example.com", f"    region: {REGIONS[i % len(REGIONS)]}"]
            if pid not in managers:
                lines.append(f"    manager: {managers[i % len(managers)]}")
        return "\n".join(lines) + "\n"

    def account(self, index: int) -> tuple[str, dict[str, str]]:
        """``(slug, {relative path: text})`` for one account folder."""
        rng = self.rng
        slug = f"{rng.choice(WORDS)}-{rng.choice(SUFFIX)}-{index:05d}"
        team = rng.sample(self.people, 4)
        contacts = self._contacts(team)
        ids = [c[0] for c in contacts]
        channels = rng.sample(CHANNELS, 5)
        sources = [f"s-{i}-{channel}" for i, channel in enumerate(channels)]
        plans = [f"pl-{i}" for i in range(5)]
        files = {"account.md": self._account_md(slug, team, ids, sources, plans)}
        extra = random.Random(slug)  # a stream of its own: adding these left the older records unchanged
        for cid, text in contacts:
            files[f"contacts/{cid}.md"] = _with_knows(text, extra)
        opportunities = [f"o-{i}-{extra.choice(TOPICS).replace(' ', '-').lower()}" for i in range(3)]
        for oid in opportunities:
            files[f"opportunities/{oid}.md"] = _opportunity(extra, oid, team, ids)
        for i in range(4):
            files[f"actions/a-{i}.md"] = _action(extra, f"a-{i}", team, ids, opportunities, plans)
        used: set[str] = set()
        for i in range(40):
            name, text = self._activity(i, team, ids, plans)
            while name in used:
                name = name + "-x"
            used.add(name)
            files[f"activities/{name}.md"] = text
        return slug, files

    def _account_md(self, slug: str, team: list[str], ids: list[str], sources: list[str], plans: list[str]) -> str:
        rng = self.rng
        tier = rng.choice("SSAABBC")
        name = " ".join(w.title() for w in slug.split("-")[:2]) + f" {int(slug.rsplit('-', 1)[1])}"
        out = [
            "---", f"name: {_q(name)}", f"tier: {tier}", f"industry: {rng.choice(INDUSTRIES)}",
            f"region: {rng.choice(REGIONS)}", f"market: {rng.choice(('saline-alkali', 'breakthrough', 'mature'))}",
            "currency: EUR", f"segment: {_q(rng.choice(('carriers', 'enterprise', 'public sector')))}", "team:",
        ]
        for person, role in zip(team, ("AR", "SR", "FR", "sponsor"), strict=True):
            out += [f"  - person: {person}", f"    role: {role}"]
        topics = rng.sample(TOPICS, 4)
        out += [
            "strategy:", f"  horizon: {_q('2026-2030')}",
            f"  summary: {_q(f'{name} moves its core business to {topics[0]} and {topics[1]} by 2030.')}",
            f"  fit: {rng.randint(2, 5)}", f"  trend: {rng.choice(('converging', 'stable', 'diverging'))}",
            f"  position: {rng.choice(('main-channel', 'edge'))}", "  investment_areas:",
            *(f"    - {_q(t)}" for t in topics[:3]),
            f"  business_scope: {_q('Fixed and mobile services, enterprise ICT, wholesale.')}",
            f"  organization: {_q('Three business groups under a central technology office.')}",
            f"  edge_detail: {_q('One level down the edge is ' + topics[3] + '.')}", "  facts:",
        ]
        for i in range(3):
            out += [f"    - text: {_q(f'Budget for {topics[i]} grows {rng.randint(5, 40)}% a year.')}",
                    f"      sources: {_flow(rng.sample(sources, 2))}"]
        out += [f"  sources: {_flow(sources[:2])}", "sources:"]
        for sid in sources:
            out += [f"  - id: {sid}", f"    channel: {sid.split('-', 2)[2]}",
                    f"    title: {_q('Annual report and investor briefing ' + str(rng.randint(2023, 2026)))}",
                    f"    collected: {_day(rng, 500)}", f"    url: https://example.com/{slug}/{sid}",
                    f"    review_by: {_day(rng, 0, 400)}"]
        out.append("plans:")
        for pid, layer in zip(plans, ("key", "key", "general", "general", "organizational"), strict=True):
            status = rng.choice(("planned", "in-progress", "in-progress", "done"))
            out += [f"  - id: {pid}", f"    layer: {layer}",
                    f"    goal: {_q(f'Raise {layer} relationships around {rng.choice(topics)}')}",
                    f"    owner: {rng.choice(team)}", f"    due: {_day(rng, 30, 300)}", f"    status: {status}",
                    f"    progress: {100 if status == 'done' else rng.randint(0, 90)}"]
            if layer == "key":
                out.append(f"    target: {rng.choice(ids[:6])}")
            elif layer == "general":
                out.append(f"    department: {rng.choice(DEPARTMENTS)}")
        out.append("initiatives:")
        for i, kind in enumerate(rng.sample(INITIATIVES, 3)):
            out += [f"  - id: in-{i}", f"    kind: {kind}", f"    title: {_q(kind.replace('-', ' ').title())}",
                    f"    status: {rng.choice(('planned', 'in-progress', 'done'))}", f"    date: {_day(rng, 300, 60)}",
                    f"    people: {_flow(team[:2])}", f"    contacts: {_flow(ids[:2])}"]
            if kind == "cooperation-agreement":
                out.append(f"    until: {TODAY.year + 2}-12-31")
        out.append("issues:")
        for i in range(2):
            opened = _day(rng, 200, -20)
            out += [f"  - id: is-{i}", f"    title: {_q('Slow response on ' + rng.choice(topics))}",
                    f"    kind: {rng.choice(('issue', 'complaint'))}", f"    opened: {opened}",
                    "    status: closed", f"    closed: {opened + dt.timedelta(days=rng.randint(3, 20))}",
                    f"    contact: {rng.choice(ids)}", f"    owner: {team[0]}"]
        out.append("satisfaction:")
        for year in (TODAY.year - 1, TODAY.year):
            out += [f"  - date: {year}-06-30", f"    score: {rng.randint(3, 5)}", f"    survey: {_q('Annual survey')}",
                    f"    respondents: {rng.randint(5, 40)}"]
        out.append("kpi:")
        sales = rng.randint(2, 80) * 250_000
        for year in range(TODAY.year - 2, TODAY.year + 1):
            sales = int(sales * rng.uniform(0.9, 1.3))
            out += [f"  - year: {year}", f"    sales: {sales}", f"    profit: {int(sales * rng.uniform(0.05, 0.2))}",
                    f"    headcount: {rng.randint(2, 20)}", f"    target: {int(sales * rng.uniform(0.9, 1.1))}"]
        out.append("gifts:")
        for i in range(2):
            out += [f"  - id: g-{i}", f"    date: {_day(rng, 300)}", f"    recipient: {rng.choice(ids)}",
                    "    kind: gift", f"    description: {_q('Book on ' + rng.choice(topics))}",
                    f"    value: {rng.randint(10, 45)}", "    currency: EUR",
                    f"    purpose: {_q('Thank-you after a workshop')}", f"    given_by: {team[0]}",
                    "    public_official: false", f"    approved_by: {team[3]}"]
        out += ["---", "", f"# {name}", "",
                f"{name} is a {rng.choice(INDUSTRIES)} customer. We lead on {topics[0]}; "
                f"the competitor holds {topics[1]}.", "", "## History", "",
                "First contract in 2019; renewed twice. 客户关系稳定，组织关系需要加强。", ""]
        return "\n".join(out)

    def _contacts(self, team: list[str]) -> list[tuple[str, str]]:
        """20 contacts: 1 executive, 3 senior, 6 middle, 10 staff, each reporting one level up."""
        rng = self.rng
        result: list[tuple[str, str]] = []
        levels: dict[str, list[str]] = {}
        used: set[str] = set()
        plan = [("executive", 1, None), ("senior", 3, "executive"), ("middle", 6, "senior"), ("staff", 10, "middle")]
        for level, count, above in plan:
            for _ in range(count):
                given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
                cid = f"c-{given}-{surname}"
                while cid in used:
                    cid += "-x"
                used.add(cid)
                levels.setdefault(level, []).append(cid)
                role = rng.choice(ROLES[:3] if level == "executive" else ROLES)
                # A portfolio that passes CI: deciding people are won over (else AP303 fails the check).
                support = rng.randint(4, 5) if role in DECIDING else rng.randint(2, 5)
                lines = ["---", f"id: {cid}", f"name: {_q(given.title() + ' ' + surname.title())}",
                         f"title: {_q(rng.choice(TITLES[level]))}", f"department: {_q(rng.choice(DEPARTMENTS))}",
                         f"level: {level}", f"role: {role}",
                         f"influence: {rng.randint(3, 5) if level in ('executive', 'senior') else rng.randint(1, 3)}",
                         f"intimacy: {rng.randint(1, 5)}", f"support: {support}",
                         f"owners: {_flow(rng.sample(team, rng.randint(1, 2)))}",
                         f"review_by: {_day(rng, 0, 365)}"]
                if above:
                    lines.append(f"reports_to: {rng.choice(levels[above])}")
                if rng.random() < 0.1:
                    lines.append("coach: true")
                if rng.random() < 0.5:
                    lines.append(f"goals: {_q('Deliver ' + rng.choice(TOPICS) + ' on time')}")
                lines += ["---", "", f"Met first at a {rng.choice(TOPICS)} workshop. Prefers short agendas.", ""]
                result.append((cid, "\n".join(lines)))
        return result

    def _activity(self, i: int, team: list[str], ids: list[str], plans: list[str]) -> tuple[str, str]:
        rng = self.rng
        date = _day(rng, 365)
        kind = rng.choice(ACTIVITY_KINDS)
        who = rng.sample(ids, rng.randint(1, 3))
        lines = ["---", f"date: {date}", f"kind: {kind}",
                 f"summary: {_q(f'{kind.title()} on {rng.choice(TOPICS)}; agreed next steps')}",
                 f"contacts: {_flow(who)}", f"people: {_flow(rng.sample(team, rng.randint(1, 2)))}",
                 f"quality: {rng.randint(2, 5)}"]
        if rng.random() < 0.4:
            lines.append(f"opinions: [{_q('Wants faster delivery')}]")
        if rng.random() < 0.3:
            lines.append(f"plan: {rng.choice(plans)}")
        lines += ["---", "", f"Notes: discussed {rng.choice(TOPICS)} with {who[0]}.", ""]
        return f"{date}-{kind}-{who[0][2:]}", "\n".join(lines)


def _with_knows(contact: str, rng: random.Random) -> str:
    """A contact file with a who-knows-whom record for each owner, as ``accountplan migrate knows`` writes."""
    owners = next(line for line in contact.splitlines() if line.startswith("owners: "))
    people = owners[len("owners: ["):-1].split(", ")
    knows = ["knows:"] + [f"  - {{person: {p}, strength: {rng.choice(('unknown', '2', '3', '4'))}}}" for p in people]
    return contact.replace(owners + "\n", owners + "\n" + "\n".join(knows) + "\n", 1)


def _opportunity(rng: random.Random, oid: str, team: list[str], ids: list[str]) -> str:
    """An opportunity with stances of a few contacts (known ones: deciders' stances are known, as AP320 asks)."""
    stage = rng.choice(("lead", "qualified", "proposal", "negotiation", "won", "lost"))
    lines = ["---", f"id: {oid}", f"name: {_q(rng.choice(TOPICS).title() + ' programme')}",
             f"unit: {_q(rng.choice(DEPARTMENTS))}", f"offerings: {_flow(rng.sample(OFFERINGS, 2))}",
             f"value: {rng.randrange(100, 5000) * 1000}", "currency: EUR", f"stage: {stage}",
             f"decision: {_day(rng, 0, 300)}", f"competitors: {_flow(rng.sample(COMPETITORS, 1))}",
             f"sponsor: {team[0]}", "stances:"]
    for cid in rng.sample(ids, 3):
        lines.append(f"  - {{contact: {cid}, support: {rng.randint(2, 5)}, favours: {rng.choice(COMPETITORS)}}}")
    return "\n".join([*lines, "---", "", "Deal notes.", ""])


def _action(rng: random.Random, aid: str, team: list[str], ids: list[str], opportunities: list[str],
            plans: list[str]) -> str:
    """An action item serving a contact, an opportunity and sometimes a plan."""
    lines = ["---", f"id: {aid}", f"title: {_q('Follow up on ' + rng.choice(TOPICS))}", f"owner: {rng.choice(team)}",
             f"due: {_day(rng, 0, 30)}", f"status: {rng.choice(('open', 'open', 'done'))}",
             f"contact: {rng.choice(ids)}", f"opportunity: {rng.choice(opportunities)}"]
    if rng.random() < 0.5:
        lines.append(f"plan: {rng.choice(plans)}")
    return "\n".join([*lines, "---", ""])


def write_corpus(out: str, n: int, seed: int) -> str:
    """Write ``out/accounts`` with ``n`` accounts; returns the accounts folder. Replaces what was there."""
    root = os.path.join(out, "accounts")
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    writer = Writer(n, seed)
    with open(os.path.join(root, "roster.yml"), "w", encoding="utf-8") as handle:
        handle.write(writer.roster())
    for index in range(n):
        slug, files = writer.account(index)
        for rel, text in files.items():
            path = os.path.join(root, slug, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``--n``, ``--seed``, ``--out``."""
    p = argparse.ArgumentParser(prog="python -m tests.bench.corpus", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100, help="number of accounts")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="folder to write accounts/ into")
    args = p.parse_args(argv)
    root = write_corpus(args.out, args.n, args.seed)
    print(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
