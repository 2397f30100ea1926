"""Generate a synthetic sitrep project of any size, deterministically, written to the content-model contract.

    python bench/generate.py OUT_DIR --events 1000 [--sources N] [--actors N] [--places N] [--briefings N] [--seed N]

Every citation quotes a whole sentence of the cited source's archived text, and every cited source
is published on or before the date of what cites it (an event: its date; a key judgment: its
edition's as_of; actors, places, assumptions, scenarios, indicators: the first edition's as_of), so
each edition's as-of view holds everything dated by then. The result passes `check --strict`.
"""

from __future__ import annotations

import argparse
import bisect
import calendar
import datetime as dt
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml writes ten times faster; the output is the same YAML
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2020, 12, 31)
SOURCES_FROM = dt.date(2018, 12, 1)  # the first source predates every event, so each can cite one
CHUNK = 1000  # items per file when a collection is written as a folder

LIKELIHOODS = ["almost-no-chance", "very-unlikely", "unlikely", "roughly-even-chance", "likely", "very-likely", "almost-certain"]
PHRASES = {  # how a statement says each ICD 203 term (the check compares the words with the field)
    "almost-no-chance": "there is almost no chance that",
    "very-unlikely": "it is very unlikely that",
    "unlikely": "it is unlikely that",
    "roughly-even-chance": "there is a roughly even chance that",
    "likely": "it is likely that",
    "very-likely": "it is very likely that",
    "almost-certain": "it is almost certain that",
}
EVENT_TYPES = [
    "attack",
    "strike",
    "handover",
    "deployment",
    "statement",
    "threat",
    "sanction",
    "protest",
    "political",
    "plan",
    "other",
]
EVENT_WEIGHTS = [30, 10, 4, 6, 14, 8, 3, 8, 9, 4, 4]
ROLES = ["perpetrator", "target", "speaker", "involved"]
ACTOR_KINDS = ["armed-group", "political-party", "government-body", "state-force", "organization", "person", "coalition"]
PLACE_KINDS = ["city", "base", "airbase", "region", "border-crossing", "airport", "embassy"]
PLACE_SUFFIX = {
    "city": "",
    "base": "Camp ",
    "airbase": " Airbase",
    "region": " District",
    "border-crossing": " Crossing",
    "airport": " Airport",
    "embassy": " Embassy Compound",
}
PLACE_STATUSES = ["hosting-coalition", "attacked", "handed-over", "patriot-deployed", "planned", "withdrawn", "other"]
PROVINCES = ["Anbar", "Baghdad", "Basra", "Diyala", "Erbil", "Kirkuk", "Nineveh", "Salahuddin", "Wasit", "Babil", "Dhi Qar"]
COUNTRIES = ["IQ", "IQ", "IQ", "IR", "US", "GB", "SY", "TR"]
TAGS = [
    "rocket-attacks", "drone-attacks", "force-protection", "coalition-drawdown", "sanctions", "protests", "diplomacy",
    "militia-politics", "border-security", "oil-and-economy", "covid-19", "detentions", "air-defence", "elections",
    "retaliation", "kurdistan", "supply-routes", "information-operations",
]  # fmt: skip
OUTLETS = [
    "Tigris Ledger", "Gulf Wire", "Euphrates Monitor", "Levant Daily", "Basra Courier", "Northern Dispatch",
    "Capital Review", "Desert Star", "Mesopotamia Times", "Regional Observer", "Frontier Post", "Crescent News",
]  # fmt: skip
SYLLABLES = [
    "al",
    "ba",
    "dar",
    "far",
    "ha",
    "jab",
    "kar",
    "lam",
    "mar",
    "nas",
    "qa",
    "ra",
    "sa",
    "tam",
    "wa",
    "zar",
    "hud",
    "rim",
]
GROUP_WORDS = ["Brigades", "Front", "Movement", "Battalions", "Council", "Alliance", "Forces", "Bloc", "Committee", "Guard"]
SUBJECTS = [
    "Local officials", "A security source", "Witnesses", "The provincial council", "Police officers", "Two lawmakers",
    "A military spokesman", "Residents", "Coalition officials", "An interior ministry official", "Aid workers",
    "A tribal leader", "Border guards", "Hospital staff", "A government adviser",
]  # fmt: skip
VERBS = ["said", "told reporters", "confirmed", "reported", "stated", "told this newspaper", "wrote in a statement"]
CLAUSES = [
    "{n} rockets struck the area around {place} late in the evening",
    "a convoy was stopped at a checkpoint outside {place}",
    "talks on the future of {place} had resumed after a pause of {n} days",
    "{actor} moved about {n} fighters toward {place}",
    "supplies reached {place} by road for the first time in {n} weeks",
    "the road between {place} and the provincial capital was closed for {n} hours",
    "{actor} denied any role in the incident near {place}",
    "{n} people were detained after the clashes near {place}",
    "the water supply to {place} was cut for {n} days",
    "{actor} demanded the departure of foreign troops within {n} days",
    "engineers repaired {n} damaged buildings at {place}",
    "a drone was seen over {place} on {n} occasions this month",
    "{actor} announced a new commander for the sector around {place}",
    "the curfew in {place} would last another {n} days",
    "{actor} held a meeting with tribal elders from {place}",
    "{n} vehicles left {place} in the early hours",
]  # fmt: skip
TAILS = ["", "", " without giving details", " according to a statement", " in a televised address", " on condition of anonymity"]
TITLES = {
    "attack": "Rockets strike {place}",
    "strike": "Air strike hits {actor} positions near {place}",
    "handover": "{place} handed over to Iraqi forces",
    "deployment": "Troops deploy to {place}",
    "statement": "{actor} issues statement on {place}",
    "threat": "{actor} threatens forces at {place}",
    "sanction": "Sanctions imposed on {actor} leaders",
    "protest": "Protesters gather in {place}",
    "political": "{actor} reshuffles its leadership",
    "plan": "Plan drafted for the future of {place}",
    "other": "Incident reported near {place}",
}
OUTCOMES = [
    "keep up attacks on bases hosting coalition troops",
    "withdraw its fighters from the border districts",
    "win a larger share of seats in the next parliament",
    "accept a negotiated handover of the remaining bases",
    "escalate to strikes on government buildings",
    "lose control of the supply routes it now holds",
]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def latest(text: str) -> dt.date:
    """The last day a YYYY-MM-DD or YYYY-MM date can mean (the as-of rule's reading)."""
    if len(text) == 10:
        return day(text)
    year, month = int(text[:4]), int(text[5:7])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def kebab(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


@dataclass
class Source:
    id: str
    outlet: str | None
    published: str
    latest: dt.date
    sentences: list[str]


@dataclass
class Generator:
    """Builds one project's collections as plain data, then writes them out."""

    rng: random.Random
    events_n: int
    sources_n: int
    actors_n: int
    places_n: int
    briefings_n: int
    sources: list[Source] = field(default_factory=list)
    published: list[dt.date] = field(default_factory=list)  # each source's latest day, in source order
    cited: set[str] = field(default_factory=set)
    actors: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    ends: list[dt.date] = field(default_factory=list)  # each event's latest day, in event order
    as_of: list[dt.date] = field(default_factory=list)

    # --- helpers ------------------------------------------------------------------------------

    def name(self, words: int = 2) -> str:
        return " ".join(
            "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize() for _ in range(words)
        )

    def date_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def zipf(self, count: int) -> list[float]:
        """Cumulative weights that make a few items common and most rare, as in real reporting."""
        total, cumulative = 0.0, []
        for rank in range(count):
            total += 1.0 / (rank + 1) ** 0.8
            cumulative.append(total)
        return cumulative

    def pick(self, items: Sequence[Any], cumulative: list[float]) -> Any:
        return self.rng.choices(items, cum_weights=cumulative)[0]

    def sentence(self) -> str:
        clause = self.rng.choice(CLAUSES).format(
            n=self.rng.randint(2, 60),
            place=self.rng.choice(self.places)["name"] if self.places else self.name(1),
            actor=self.mention() if self.actors else self.name(),
        )
        return f"{self.rng.choice(SUBJECTS)} {self.rng.choice(VERBS)} that {clause}{self.rng.choice(TAILS)}."

    def mention(self) -> str:
        """An actor as a source writes it: by name or by an alias (an alias no source writes is a warning)."""
        actor = self.rng.choice(self.actors)
        return str(self.rng.choice([actor["name"], *actor["aliases"]]))

    def sources_by(self, when: dt.date, window: int = 45) -> list[Source]:
        """Sources published on or before `when`, the most recent `window` days of them (never none)."""
        end = bisect.bisect_right(self.published, when)
        start = bisect.bisect_left(self.published, when - dt.timedelta(days=window), 0, end)
        return self.sources[start:end] or self.sources[max(0, end - 1) : max(1, end)]

    def cite(self, when: dt.date, count: int = 1, window: int = 45) -> list[dict[str, Any]]:
        pool = self.sources_by(when, window)
        chosen = self.rng.sample(pool, min(count, len(pool)))
        return [self.citation(source) for source in chosen]

    def citation(self, source: Source) -> dict[str, Any]:
        self.cited.add(source.id)
        item: dict[str, Any] = {"source": source.id, "quote": self.rng.choice(source.sentences)}
        if self.rng.random() < 0.6:
            item["credibility"] = self.rng.randint(1, 4)
        return item

    # --- collections --------------------------------------------------------------------------

    def make_briefing_dates(self) -> None:
        span = (LAST_DAY - FIRST_DAY).days
        self.as_of = [FIRST_DAY + dt.timedelta(days=round(span * (i + 1) / self.briefings_n)) for i in range(self.briefings_n)]

    def make_actors_and_places(self) -> None:
        """Names first: source texts mention them. Citations are added once the sources exist."""
        seen: set[str] = set()
        for index in range(self.actors_n):
            kind = "state" if index < 3 else self.rng.choice(ACTOR_KINDS)
            name = self.name(2) if kind == "person" else f"{self.name(1)} {self.rng.choice(GROUP_WORDS)}"
            actor_id = kebab(name) if kebab(name) not in seen else f"{kebab(name)}-{index}"
            seen.add(actor_id)
            actor: dict[str, Any] = {"id": actor_id, "name": name, "aliases": [self.name(1)], "kind": kind}
            if index >= 3 and self.rng.random() < 0.7:  # a tree: parents come earlier, so no loops
                actor["parent"] = self.actors[self.rng.randrange(index)]["id"]
            actor["country"] = self.rng.choice(COUNTRIES)
            self.actors.append(actor)
        for index in range(self.places_n):
            kind = self.rng.choice(PLACE_KINDS)
            base = self.name(1)
            suffix = PLACE_SUFFIX[kind]
            name = f"{suffix}{base}" if suffix.endswith(" ") else f"{base}{suffix}"
            place_id = kebab(name) if kebab(name) not in seen else f"{kebab(name)}-{index}"
            seen.add(place_id)
            self.places.append(
                {
                    "id": place_id,
                    "name": name,
                    "aliases": [base],
                    "kind": kind,
                    "country": "IQ",
                    "admin1": self.rng.choice(PROVINCES),
                    "lat": round(self.rng.uniform(29.0, 37.5), 4),
                    "lon": round(self.rng.uniform(38.8, 48.6), 4),
                    "geo_precision": self.rng.choice([1, 1, 2, 2, 3]),
                }
            )

    def make_sources(self) -> None:
        dates = sorted(self.date_between(SOURCES_FROM, LAST_DAY - dt.timedelta(days=3)) for _ in range(self.sources_n - 1))
        for index, when in enumerate([SOURCES_FROM, *dates]):
            outlet = self.rng.choice(OUTLETS) if self.rng.random() < 0.9 else None
            published = when.isoformat() if index == 0 or self.rng.random() < 0.92 else when.isoformat()[:7]
            source_id = f"{kebab(outlet or 'unnamed outlet')}-{when.isoformat()}-{index:05d}"
            sentences = [self.sentence() for _ in range(self.rng.randint(24, 48))]
            self.sources.append(Source(source_id, outlet, published, latest(published), sentences))
        self.sources.sort(key=lambda s: (s.latest, s.id))
        self.published = [s.latest for s in self.sources]

    def source_files(self) -> dict[str, tuple[dict[str, Any], str]]:
        files = {}
        for source in self.sources:
            title = source.sentences[0][:-1]
            meta: dict[str, Any] = {
                "title": title,
                "outlet": source.outlet,
                "author": self.name(2) if self.rng.random() < 0.5 else None,
                "published": source.published,
            }
            if len(source.published) == 7:
                meta["published_note"] = "not stated; the content places it in this month"
            meta.update(
                url=f"https://example.org/{source.id}",
                accessed=(source.latest + dt.timedelta(days=self.rng.randint(0, 30))).isoformat(),
                kind=self.rng.choice(["news", "news", "news", "analysis", "official", "social", "other"]),
                reliability=self.rng.choice("AABBBBCCCDEF"),
                descriptor="Synthetic benchmark source: unnamed local stringers and officials; no known bias; current to its date.",
            )
            paragraphs = [" ".join(source.sentences[i : i + 4]) for i in range(0, len(source.sentences), 4)]
            files[source.id] = (meta, f"{title}\n\n" + "\n\n".join(paragraphs) + "\n")
        return files

    def cite_actors_and_places(self) -> None:
        first = self.as_of[0]
        early = dt.date(2019, 3, 1)
        for actor in self.actors:
            actor["summary"] = f"Synthetic actor. {self.sentence()}"
            others = [a for a in self.actors if a is not actor]
            if actor["kind"] == "person":
                org = self.rng.choice([a for a in others if a["kind"] != "person"] or others)
                since = self.date_between(FIRST_DAY, first)
                role: dict[str, Any] = {"org": org["id"], "title": "Commander", "since": since.isoformat()}
                if self.rng.random() < 0.3:
                    role["until"] = self.date_between(since, LAST_DAY).isoformat()
                role["cite"] = self.cite(since, window=120)
                actor["roles"] = [role]
            relations = []
            for _ in range(self.rng.randint(0, 3)):
                when = self.date_between(early, LAST_DAY)
                relation: dict[str, Any] = {
                    "type": self.rng.choice(["backs", "opposes", "allied-with", "part-of", "leads"]),
                    "target": self.rng.choice(others)["id"],
                }
                if self.rng.random() < 0.5:
                    relation["since"] = when.isoformat()
                relation["cite"] = self.cite(when, window=120)
                relations.append(relation)
            if relations:
                actor["relations"] = relations
            if actor["kind"] == "armed-group" and self.rng.random() < 0.2:
                when = self.date_between(early, LAST_DAY)
                actor["designations"] = [
                    {"type": "sanctions", "by": self.actors[0]["id"], "date": when.isoformat(), "cite": self.cite(when)}
                ]
            actor["cite"] = self.cite(first, count=self.rng.randint(1, 2), window=180)
        for place in self.places:
            place["summary"] = f"Synthetic place. {self.sentence()}"
            dates = sorted(self.date_between(early, LAST_DAY) for _ in range(self.rng.randint(0, 3)))
            status = [
                {
                    "date": when.isoformat(),
                    "status": self.rng.choice(PLACE_STATUSES),
                    "note": "Reported.",
                    "cite": self.cite(when),
                }
                for when in dates
            ]
            if status:
                place["status"] = status
            place["cite"] = self.cite(first, count=self.rng.randint(1, 2), window=180)

    def make_events(self) -> None:
        actor_weights, place_weights = self.zipf(len(self.actors)), self.zipf(len(self.places))
        names = {a["id"]: a["name"] for a in self.actors}
        dated = sorted(self.date_between(FIRST_DAY, LAST_DAY) for _ in range(self.events_n))
        for index, when in enumerate(dated):
            kind = self.rng.choices(EVENT_TYPES, weights=EVENT_WEIGHTS)[0]
            roll = self.rng.random()
            date = when.isoformat()[:7] if roll < 0.09 else when.isoformat()
            place = self.pick(self.places, place_weights)
            actors: list[dict[str, Any]] = []
            for _ in range(self.rng.randint(1, 3)):
                actor = self.pick(self.actors, actor_weights)
                if all(p["actor"] != actor["id"] for p in actors):
                    actors.append({"actor": actor["id"], "role": self.rng.choice(ROLES)})
            title = TITLES[kind].format(place=place["name"], actor=names[actors[0]["actor"]])
            event: dict[str, Any] = {"id": f"{date}-{kebab(kind)}-{index:05d}", "title": title, "date": date}
            # a window's end is reported by a source published when it ended (no source can know it earlier)
            end = when + dt.timedelta(days=self.rng.randint(1, 6))
            reporters = [s for s in self.sources_by(end, window=(end - when).days) if s.latest > when] if roll > 0.97 else []
            if reporters:
                event["date_end"] = reporters[-1].latest.isoformat()
            event.update(type=kind, actors=actors)
            if self.rng.random() < 0.85:
                event["place"] = place["id"]
            if kind in ("attack", "strike"):
                event.update(self.tolls())
            if self.rng.random() < 0.05:
                event["figures"] = [{"label": "Rockets fired", "count": self.rng.randint(1, 30)}]
            said = self.sentence()
            event["summary"] = f"The *{self.rng.choice(OUTLETS)}* reported that {said[0].lower()}{said[1:]}"
            event["tags"] = self.rng.sample(TAGS, self.rng.randint(1, 3))
            event["cite"] = self.cite(latest(date), count=self.rng.choice([1, 1, 2]))
            if reporters:
                event["cite"].append(self.citation(reporters[-1]))
            self.events.append(event)
            self.ends.append(reporters[-1].latest if reporters else latest(date))

    def tolls(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, chance in (("killed", 0.5), ("injured", 0.4)):
            roll = self.rng.random()
            if roll < chance * 0.3:
                found[name] = {"count": 0}
            elif roll < chance * 0.8:
                found[name] = {"count": self.rng.randint(1, 12)}
            elif roll < chance:
                low = self.rng.randint(1, 8)
                found[name] = {"low": low, "high": low + self.rng.randint(1, 6), "note": "sources differ"}
        return found

    def cover(self) -> None:
        """Every actor takes part in an event and every source is cited: `check --strict` warns otherwise."""
        in_events = {p["actor"] for e in self.events for p in e["actors"]}
        for actor in self.actors:
            if actor["id"] not in in_events:
                event = self.rng.choice(self.events)
                event["actors"].append({"actor": actor["id"], "role": "involved"})
        for source in self.sources:
            if source.id in self.cited:
                continue
            start = bisect.bisect_left(self.ends, source.latest)  # events are in day order; a month's end may sit later
            later = [
                e
                for e, end in zip(self.events[start : start + 40], self.ends[start : start + 40], strict=True)
                if end >= source.latest
            ]
            target = self.rng.choice(later)["cite"] if later else self.rng.choice(self.actors)["cite"]
            target.append(self.citation(source))

    def analysis(self) -> dict[str, list[dict[str, Any]]]:
        """Assumptions, key judgments (one set per edition, each superseding the last), scenarios, indicators."""
        first = self.as_of[0]
        assumptions = [
            {
                "id": f"asm-{index + 1:03d}",
                "statement": f"{self.rng.choice(self.actors)['name']} keeps its present backers and its present leadership.",
                "rating": self.rng.choice(["solid", "caveated", "unsupported"]),
                "cite": self.cite(first, window=180),
            }
            for index in range(max(4, self.events_n // 250))
        ]
        judgments: list[dict[str, Any]] = []
        previous: list[dict[str, Any]] = []
        for as_of in self.as_of:
            visible = [e for e, end in zip(self.events, self.ends, strict=True) if end <= as_of]
            current = []
            for slot in range(4):
                actor = self.actors[slot % len(self.actors)]["name"]
                outcome = OUTCOMES[slot % len(OUTCOMES)]
                earlier = previous[slot] if previous and self.rng.random() < 0.75 else None
                if earlier:
                    step = self.rng.choice([-1, 0, 0, 1])
                    index = min(max(LIKELIHOODS.index(earlier["likelihood"]) + step, 0), len(LIKELIHOODS) - 1)
                else:
                    index = self.rng.randrange(len(LIKELIHOODS))
                term = LIKELIHOODS[index]
                judgment: dict[str, Any] = {
                    "id": f"kj-{as_of.isoformat()}-{slot + 1}",
                    "statement": f"We assess {PHRASES[term]} {actor} will {outcome} before {as_of.year + 1}.",
                    "likelihood": term,
                    "confidence": self.rng.choice(["low", "moderate", "high"]),
                    "basis": [e["id"] for e in self.rng.sample(visible, min(len(visible), self.rng.randint(2, 5)))],
                    "assumptions": [a["id"] for a in self.rng.sample(assumptions, 2)],
                }
                if earlier:
                    before = LIKELIHOODS.index(earlier["likelihood"])
                    change = "unchanged" if index == before else ("raised" if index > before else "lowered")
                    judgment.update(change=change, change_note="Reporting since the last edition moved the balance.")
                    judgment["supersedes"] = earlier["id"]
                else:
                    judgment["change"] = "new"
                judgment["cite"] = self.cite(as_of, count=self.rng.randint(1, 3), window=90)
                for citation in judgment["cite"]:  # a key judgment rests on graded citations
                    citation.setdefault("credibility", self.rng.randint(1, 4))
                current.append(judgment)
            carried = {j.get("supersedes") for j in current}
            for dropped in (j for j in previous if j["id"] not in carried):  # what became of it, as the next edition sees
                dropped["outcome"] = {
                    "status": "overtaken",
                    "note": "Later reporting moved the question on.",
                    "cite": self.cite(as_of, window=90),
                }
            judgments += current
            previous = current
        scenario_ids = [f"scn-{index + 1:03d}" for index in range(max(3, self.events_n // 500))]
        indicator_ids = [f"ind-{index + 1:03d}" for index in range(max(5, self.events_n // 200))]
        scenarios = [
            {
                "id": scenario_id,
                "name": f"{self.rng.choice(self.actors)['name']} and the fight for {self.rng.choice(self.places)['name']}",
                "narrative": f"{self.sentence()} {self.sentence()}",
                "likelihood": self.rng.choice(LIKELIHOODS),
                "horizon": "2021-06",
                "drivers": ["Outside backing for the armed groups", "The government's reach outside the cities"],
                "indicators": self.rng.sample(indicator_ids, min(len(indicator_ids), self.rng.randint(2, 5))),
                "cite": self.cite(first, window=180),
            }
            for scenario_id in scenario_ids
        ]
        indicators = []
        for indicator_id in indicator_ids:
            dates = sorted(self.date_between(FIRST_DAY, LAST_DAY) for _ in range(self.rng.randint(0, 3)))
            history = [
                {
                    "date": d.isoformat(),
                    "status": self.rng.choice(["emerging", "observed", "not-observed"]),
                    "cite": self.cite(d, window=180),  # a status change says which source reports it
                }
                for d in dates
            ]
            indicators.append(
                {
                    "id": indicator_id,
                    "observable": f"{self.rng.choice(self.actors)['name']} is seen moving fighters toward {self.rng.choice(self.places)['name']}.",
                    "supports": self.rng.sample(scenario_ids, self.rng.randint(1, 2)),
                    "status": history[-1]["status"] if history else "not-observed",
                    "status_history": history,
                    "evidence": [e["id"] for e in self.rng.sample(self.events, min(len(self.events), self.rng.randint(0, 4)))],
                    "cite": self.cite(first, window=180),
                }
            )
        return {"assumptions": assumptions, "judgments": judgments, "scenarios": scenarios, "indicators": indicators}

    def briefings(self, judgments: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        previous: str | None = None
        start = FIRST_DAY
        for number, as_of in enumerate(self.as_of, start=1):
            slug = f"bench-{as_of.isoformat()}"
            briefing: dict[str, Any] = {
                "title": f"Synthetic situation report no. {number}",
                "subtitle": "Generated for the sitrep benchmark",
                "number": number,
                "as_of": as_of.isoformat(),
                "period": {"start": start.isoformat(), "end": as_of.isoformat()},
                "marking": "UNCLASSIFIED // OPEN SOURCE",
                "authors": ["sitrep benchmark"],
                "bluf": f"Fighting continued around the main bases. **{self.actors[0]['name']}** kept its positions.",
                "key_judgments": [j["id"] for j in judgments if j["id"].startswith(f"kj-{as_of.isoformat()}-")],
            }
            if previous:
                briefing["previous"] = previous
            briefing.update(paper="A4" if number % 2 else "Letter", keywords=["Iraq", "benchmark"])
            found[slug] = briefing
            previous, start = slug, as_of + dt.timedelta(days=1)
        return found


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)


def _write(path: Path, data: Any, header: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {header}\n" + _dump(data), encoding="utf-8")


def write_collection(content: Path, name: str, items: list[dict[str, Any]], folder: bool) -> None:
    """One file, or (for big projects) a folder of files of CHUNK items each."""
    header = f"Synthetic {name} for the sitrep benchmark (bench/generate.py)"
    if not folder:
        _write(content / f"{name}.yaml", items, header)
        return
    for number, start in enumerate(range(0, len(items), CHUNK), start=1):
        _write(content / name / f"{number:04d}.yaml", items[start : start + CHUNK], header)


def defaults(events: int) -> dict[str, int]:
    """Collection sizes for a project of `events` events, in proportions like the shipped project's."""
    return {"sources": max(5, events // 10), "actors": max(10, events // 20), "places": max(6, events // 40), "briefings": 4}


def generate_project(
    out: Path,
    events: int,
    *,
    sources: int | None = None,
    actors: int | None = None,
    places: int | None = None,
    briefings: int | None = None,
    seed: int = 1,
) -> dict[str, int]:
    """Write a project of the given size to `out` (which must not hold content yet); return the counts."""
    sizes = defaults(events)
    for key, value in (("sources", sources), ("actors", actors), ("places", places), ("briefings", briefings)):
        if value is not None:
            sizes[key] = value
    if events < 1 or sizes["actors"] < 3 or sizes["sources"] < 1 or sizes["places"] < 1 or sizes["briefings"] < 1:
        raise ValueError("need at least 1 event, 3 actors, 1 source, 1 place and 1 briefing")
    gen = Generator(random.Random(seed), events, sizes["sources"], sizes["actors"], sizes["places"], sizes["briefings"])
    gen.make_briefing_dates()
    gen.make_actors_and_places()
    gen.make_sources()
    gen.cite_actors_and_places()
    gen.make_events()
    analysis = gen.analysis()
    gen.cover()

    content = out / "content"
    if (content / "sources").exists():
        raise FileExistsError(f"{content} already holds sources: generate into an empty folder")
    header = "Synthetic source for the sitrep benchmark (bench/generate.py)"
    for source_id, (meta, text) in gen.source_files().items():
        _write(content / "sources" / f"{source_id}.yaml", meta, header)
        (content / "sources" / f"{source_id}.txt").write_text(text, encoding="utf-8")
    folder = events > CHUNK
    collections = {"actors": gen.actors, "places": gen.places, "events": gen.events, **analysis}
    for name, items in collections.items():
        write_collection(content, name, items, folder)
    for slug, briefing in gen.briefings(analysis["judgments"]).items():
        _write(out / "briefings" / f"{slug}.yaml", briefing, "Synthetic briefing for the sitrep benchmark (bench/generate.py)")
    return {
        "sources": len(gen.sources),
        **{name: len(items) for name, items in collections.items()},
        "briefings": gen.briefings_n,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the project into (created; must hold no content yet)")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--sources", type=int, help="default: events / 10")
    parser.add_argument("--actors", type=int, help="default: events / 20")
    parser.add_argument("--places", type=int, help="default: events / 40")
    parser.add_argument("--briefings", type=int, help="default: 4 (every briefing page shows every event known by its as_of)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    counts = generate_project(
        args.out,
        args.events,
        sources=args.sources,
        actors=args.actors,
        places=args.places,
        briefings=args.briefings,
        seed=args.seed,
    )
    print(f"wrote {args.out}: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
