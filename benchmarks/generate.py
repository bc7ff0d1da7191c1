"""Realistic random events for benchmarks, fast and reproducible (seeded, no hypothesis).

    from generate import events
    for event in events(100_000, seed=1): ...

Records mix the four kinds with actors, locations, sources with quotes, links and the odd
custom field, about as large as the seed article's (600-1,000 bytes of JSON each).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

import diplomev
from diplomev import (
    Country,
    Dispute,
    DisputeParty,
    Link,
    Location,
    Meeting,
    Organization,
    Person,
    Quote,
    Source,
    Summit,
    TradeIssue,
    Visit,
)

CODES = [
    "CHN",
    "KOR",
    "JPN",
    "USA",
    "RUS",
    "DEU",
    "FRA",
    "GBR",
    "IND",
    "BRA",
    "TUR",
    "IRN",
    "PRK",
    "VNM",
    "PHL",
]
CITIES = {
    "CHN": "Beijing",
    "KOR": "Seoul",
    "JPN": "Tokyo",
    "USA": "Washington",
    "RUS": "Moscow",
    "DEU": "Berlin",
    "FRA": "Paris",
    "GBR": "London",
    "IND": "New Delhi",
    "BRA": "Brasília",
    "TUR": "Ankara",
    "IRN": "Tehran",
    "PRK": "Pyongyang",
    "VNM": "Hanoi",
    "PHL": "Manila",
}
OFFICES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defense Minister",
    "Premier",
    "Trade Minister",
    "Speaker of the National Assembly",
]
SYLLABLES = [
    "Lee",
    "Kim",
    "Park",
    "Wang",
    "Li",
    "Zhang",
    "Sato",
    "Suzuki",
    "Smith",
    "Ivanov",
    "Jae",
    "Myung",
    "Ho",
    "Jin",
    "Ping",
    "Yuki",
    "Anna",
    "Mark",
    "Ravi",
    "Lula",
]
WORDS = [
    "security",
    "trade",
    "sanctions",
    "denuclearization",
    "fisheries",
    "semiconductors",
    "tourism",
    "energy",
    "climate",
    "cultural exchange",
    "maritime boundary",
    "tariffs",
]
PUBLISHERS = ["Yonhap", "Xinhua", "Kyodo", "Reuters", "AP", "AFP", "The Korea Herald"]


def _person(rng: random.Random) -> Person:
    code = rng.choice(CODES)
    name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}{rng.choice(SYLLABLES).lower()}"
    return Person(name=name, office=rng.choice(OFFICES), country=code)


def _actor(rng: random.Random) -> diplomev.Actor:
    roll = rng.random()
    if roll < 0.55:
        return _person(rng)
    if roll < 0.85:
        return Country(code=rng.choice(CODES))
    return Organization(
        name=f"Ministry of {rng.choice(WORDS).title()}",
        kind="government",
        country=rng.choice(CODES),
    )


def _date(rng: random.Random) -> diplomev.EventDate:
    day = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(4000))
    roll = rng.random()
    if roll < 0.6:
        return diplomev.EventDate.day(day.year, day.month, day.day)
    if roll < 0.8:
        return diplomev.EventDate.month(day.year, day.month, approximate=rng.random() < 0.2)
    if roll < 0.9:
        return diplomev.EventDate.year(day.year, uncertain=rng.random() < 0.3)
    end = day + datetime.timedelta(days=rng.randrange(1, 6))
    return diplomev.EventDate.interval(
        diplomev.EventDate.day(day.year, day.month, day.day),
        diplomev.EventDate.day(end.year, end.month, end.day),
    )


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS + SYLLABLES) for _ in range(words)).capitalize() + "."


def _sources(rng: random.Random) -> tuple[Source, ...]:
    article_offset = rng.randrange(0, 3000)
    quotes = []
    for _ in range(rng.randrange(0, 3)):
        text = _sentence(rng, rng.randrange(6, 20))
        quotes.append(
            Quote(
                text=text,
                start=article_offset,
                end=article_offset + len(text),
                speaker=_person(rng) if rng.random() < 0.3 else None,
            )
        )
        article_offset += len(text) + 1
    return (
        Source(
            url=f"https://news.example/{rng.randrange(10**8)}",
            title=_sentence(rng, 7),
            publisher=rng.choice(PUBLISHERS),
            published=datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(300)),
            quotes=tuple(quotes),
        ),
    )


def _common(rng: random.Random, index: int) -> dict[str, object]:
    host = rng.choice(CODES)
    return {
        "id": f"event-{index}",
        "date": _date(rng),
        "status": rng.choice(["occurred", "occurred", "occurred", "ongoing", "planned"]),
        "location": Location(name=CITIES[host], country=host, kind="city")
        if rng.random() < 0.7
        else None,
        "summary": _sentence(rng, rng.randrange(8, 16)),
        "topics": tuple(rng.sample(WORDS, rng.randrange(0, 4))),
        "links": (Link(rel="follows", target=f"event-{rng.randrange(max(index, 1))}"),)
        if rng.random() < 0.3
        else (),
        "sources": _sources(rng),
        "extensions": {"x_confidence": round(rng.random(), 2)} if rng.random() < 0.1 else {},
    }


def event(rng: random.Random, index: int) -> diplomev.Event:
    """One random event of any kind."""
    common = _common(rng, index)
    kind = rng.random()
    if kind < 0.35:
        return Summit(participants=(_person(rng), _person(rng)), host=rng.choice(CODES), **common)  # type: ignore[arg-type]
    if kind < 0.7:
        meetings = tuple(
            Meeting(counterparts=(_person(rng),), kind=rng.choice(["talks", "banquet", "meeting"]))
            for _ in range(rng.randrange(0, 3))
        )
        return Visit(
            visitor=_person(rng),
            host=rng.choice(CODES),
            meetings=meetings,
            kind=rng.choice(["state", "official", "working", "unspecified"]),
            **common,
        )  # type: ignore[arg-type]
    if kind < 0.85:
        parties = tuple(
            DisputeParty(actor=Country(code=code), position=rng.choice([None, _sentence(rng, 3)]))
            for code in rng.sample(CODES, rng.randrange(1, 4))
        )
        return Dispute(
            parties=parties,
            kind=rng.choice(["maritime", "territorial", "security", "economic"]),
            subject=rng.choice(WORDS),
            stage=rng.choice(["active", "escalating", "easing"]),
            **common,
        )  # type: ignore[arg-type]
    return TradeIssue(
        imposers=(_actor(rng),),
        targets=(_actor(rng), _actor(rng))[: rng.randrange(1, 3)],
        measure=rng.choice(["tariff", "sanction", "export_control", "informal_restriction"]),
        official=rng.random() < 0.8,
        sectors=tuple(rng.sample(WORDS, 2)),
        rate_percent=round(rng.uniform(5, 100), 1) if rng.random() < 0.5 else None,
        stage=rng.choice(["announced", "in_force", "threatened"]),
        **common,
    )  # type: ignore[arg-type]


def events(count: int, *, seed: int = 2026) -> Iterator[diplomev.Event]:
    """Yield ``count`` random events, the same ones for the same seed."""
    rng = random.Random(seed)
    for index in range(count):
        yield event(rng, index)
