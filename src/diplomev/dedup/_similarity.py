"""How alike two reports are: hard rules first, then one part per field, each in 0..1.

Where stix2's ``equivalence`` adds unbounded terms (a distance that scores Paris against
Sydney at -476.68), keeps scores in a mutable default between calls and explains nothing
unless asked, every part here is clamped to 0..1, the functions are pure and the result
carries each part. A part that one side cannot give (a location, a host) drops out of
the weighted mean, as in stix2; the parts are:

``date``
    the days both dates can mean, over the days of the narrower (1 when one contains the
    other), times a factor from 0.6 to 1 that grows with how alike their precisions are:
    the same day scores 1, a day of a four-day visit 0.88, a day inside a month 0.77,
    inside a year 0.69.
``actors``
    each principal actor's best match on the other side (of a directed kind, on the same
    side: speakers with speakers, addressees with addressees), averaged both ways: the same
    actor 1, a person and their country (or a named and an unnamed official) 0.7,
    at a meeting two bodies of one country, or a person and a body of their country
    (Pompeo and the US cabinet), 0.6; two different persons of one country 0.1, other
    countries 0.
``host``
    1 when both give the same host (different hosts are a hard rule, except `at_home`:
    a summit or statement placed in each side's own country; the part is left out then).
``location``
    1 for the same place: coordinates on both sides score ``1 - km / 300`` (0 past
    300 km), else the same place name 1, the same country 0.5, a place and no name 0.7;
    at least 0.5 `at_home`, or when the reports share a source (each paper printing a
    syndicated story geocodes it to its own town).
``text``
    twice the Jaccard overlap (at most 1: two outlets rarely share more than half their
    words) of the words of the summaries, topics and the kind's own text (a subject, a
    title, a motion), articles and "said" left out.
``sources``
    1 when the reports share a source (the same url, the same long last path segment
    under another site, or the same title from the same publisher): one article is
    strong evidence of one event. Sharing none is no
    evidence against, so the part is then left out.
``what``
    the share of the kind's vocabulary fields (a measure, an action, a visit's kind)
    given on both sides, not at their default, that agree.

Hard rules make the total 0 and name themselves in ``forbidden``: ``kind`` (different
kinds), ``status`` (a plan, planned or cancelled, against an occurrence), ``date`` (no
day in common, after widening approximate dates), ``direction`` (a visit, measure,
statement or action the other way round), ``host`` (two known hosts differ, unless
`at_home`) and ``actors``
(no country, nor a name of an actor without one, in common; or each report names a
principal actor, on one side, that matches none of the other's on that side: Belarus and
Russia, Kazakhstan and Russia; Kim and Pompeo, Kim and Trump; a statement to China and
one to North Korea).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from diplomev.dedup._profile import VOCABULARY_KINDS, ActorKey, Profile, profile
from diplomev.records import Event

__all__ = [
    "AT_HOME_KINDS",
    "DEFAULT_WEIGHTS",
    "PARTS",
    "RULES",
    "Similarity",
    "Weights",
    "similarity",
]

#: The parts of a `Similarity`, in the order they are computed.
PARTS = ("date", "actors", "host", "location", "text", "sources", "what")
#: The hard rules, in the order they are tried.
RULES = ("kind", "status", "date", "direction", "host", "actors")

# Event data is daily: a day in common is weak evidence, who took part is strong.
_BASE = {"date": 2.0, "actors": 5.0, "host": 1.0, "location": 1.0, "text": 1.5, "sources": 4.0, "what": 2.0}  # fmt: skip
# What a dispute, an agreement or a vote is about is in its words (subject, title, motion);
# a summit's name too ("NATO 75th Anniversary Summit"), where a report gives one.
_WORDY = {**_BASE, "text": 3.0}
# What a statement, an action or a measure is, is its vocabulary (a purpose, an action).
# Where it was said tells statements apart too: "the USA" in Boston and in Las Vegas.
_CODED = {**_BASE, "what": 4.0, "location": 6.0}

#: The weight of each part, by kind (``"*"``: any kind not listed, such as a user's own).
#: Read-only: pass ``weights=`` to change them for one call.
DEFAULT_WEIGHTS: Mapping[str, Mapping[str, float]] = MappingProxyType({
    kind: MappingProxyType(dict(table))
    for kind, table in {
        "*": _BASE, "summit": _WORDY, "visit": _BASE, "trade_issue": _CODED,
        "statement": _CODED, "diplomatic_action": _CODED,
        "dispute": _WORDY, "agreement": _WORDY, "vote": _WORDY,
    }.items()
})  # fmt: skip

#: Weights a caller gives: a part's weight for every kind, or a kind's own table of them
#: (``{"text": 0, "visit": {"location": 3}}``).
Weights = Mapping[str, "float | Mapping[str, float]"]

_FAR_KM = 300.0
# The least the place part scores between two reports placed in each side's country
# (`at_home`), or of one article syndicated (`Profile.sources`).
_AT_HOME_PLACE = 0.5
# Two persons (or bodies) of one country, named differently: the same side, not the same.
_OTHER_PERSON = 0.1
_EARTH_KM = 6371.0088


@attrs.frozen
class Similarity:
    """How alike two reports are: ``total`` in 0..1 and the ``parts`` that make it.

    ``forbidden`` names the hard rule that rules a match out (the total is then 0 and
    there are no parts); see `diplomev.dedup` for the parts and rules.

    >>> import diplomev
    >>> from diplomev.dedup import similarity
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> a = diplomev.Visit(id="a", date="2026-01-04/2026-01-07", visitor=lee, host="CHN")
    >>> b = diplomev.Visit(id="b", date="2026-01-05", host="CHN",
    ...                    visitor=diplomev.Person(office="President", country="KOR"))
    >>> found = similarity(a, b)
    >>> round(found.total, 2), {part: round(score, 2) for part, score in found.parts.items()}
    (0.88, {'date': 0.88, 'actors': 0.85, 'host': 1.0})
    >>> similarity(a, diplomev.Visit(id="c", date="2026-01-05", visitor=lee, host="JPN")).forbidden
    'host'
    """

    total: float
    parts: Mapping[str, float] = attrs.field(hash=False)
    forbidden: str | None = None


def resolve_weights(weights: Weights | None, kind: str) -> Mapping[str, float]:
    """Return the weights of ``kind``'s parts: its defaults, then the caller's ``weights``.

    >>> resolve_weights({"text": 0, "visit": {"location": 3}}, "visit")["location"]
    3.0
    >>> resolve_weights({"colour": 1}, "visit")
    Traceback (most recent call last):
    ...
    ValueError: unknown similarity part 'colour'; the parts are date, actors, host, location, text, sources, what
    """
    table = dict(DEFAULT_WEIGHTS.get(kind, DEFAULT_WEIGHTS["*"]))
    if not weights:
        return table
    for key, value in weights.items():
        if isinstance(value, Mapping):
            if key == kind:
                for part, weight in value.items():
                    table[_part(part)] = _weight(part, weight)
        else:
            table[_part(key)] = _weight(key, value)
    return table


def _part(name: object) -> str:
    if name not in PARTS:
        raise ValueError(f"unknown similarity part {name!r}; the parts are {', '.join(PARTS)}")
    return str(name)


def _weight(name: str, value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"the weight of {name!r} must be a finite number >= 0, got {value!r}")
    return float(value)


def similarity(a: Event, b: Event, *, weights: Weights | None = None) -> Similarity:
    """Compare two reports: hard rules, then each part, then their weighted mean.

    Symmetric, pure (nothing is kept between calls), every part and the total in 0..1;
    a record compared with itself scores 1. ``weights`` changes the weights of
    `DEFAULT_WEIGHTS` for this call.

    >>> import diplomev
    >>> xi, lee = (diplomev.Person(name="Xi Jinping", country="CHN"),
    ...            diplomev.Person(name="Lee Jae Myung", country="KOR"))
    >>> summit = diplomev.Summit(id="s", date="2026-01-05", participants=[xi, lee], host="CHN")
    >>> similarity(summit, summit).total
    1.0
    >>> similarity(summit, attrs.evolve(summit, status="planned")).forbidden
    'status'
    """
    pa, pb = profile(a), profile(b)
    return compare(pa, pb, resolve_weights(weights, pa.kind))


def forbidden(a: Profile, b: Profile) -> str | None:
    """Return the first hard rule that rules out ``a`` and ``b`` being one event, or None."""
    if a.kind != b.kind:
        return "kind"
    if a.plan != b.plan:
        return "status"
    if a.hi < b.lo or b.hi < a.lo:
        return "date"
    if a.sides is not None and b.sides is not None:
        (from_a, to_a), (from_b, to_b) = a.sides, b.sides
        if from_a & to_b and to_a & from_b and not from_a & from_b:
            return "direction"
    if a.host is not None and b.host is not None and a.host != b.host and not at_home(a, b):
        return "host"
    if not a.keys & b.keys:
        return "actors"
    if a.kind == "summit" and _text(a, b) >= _SAME_NAME_TEXT:
        # "NATO 75th Anniversary Summit in Washington": each leader's report of one
        # gathering names the leaders it is about, so their lists differ and may clash.
        return None
    for xs, ys in ((a.actors, b.actors), (a.targets, b.targets)):
        if xs and ys and _unmatched(xs, ys, a.kind) and _unmatched(ys, xs, a.kind):
            return "actors"
    return None


#: Kinds whose reports place the event in either side's country: each side's press puts a
#: meeting, or what was said at it, in its own capital (Lavrov and Kim Jong Un, "in
#: Moscow" and "in Pyongyang"). A visit's host is where the visitor went, and stays a rule.
AT_HOME_KINDS = frozenset({"summit", "statement"})


def at_home(a: Profile, b: Profile) -> bool:
    """Tell whether two places that differ may be one event's: each in a party's country.

    Of `AT_HOME_KINDS` only, and only where both places (hosts, or locations' countries)
    are countries of actors of both reports; a host that is no party is a rule still.
    """
    if a.kind not in AT_HOME_KINDS:
        return False
    if a.host is not None and b.host is not None:
        here: tuple[str | None, str | None] = (a.host, b.host)
    elif a.place is not None and b.place is not None:
        here = (a.place[1], b.place[1])
    else:
        return False
    parties = a.parties & b.parties
    return here[0] != here[1] and here[0] in parties and here[1] in parties


# A summit's text this alike names one gathering (twice the Jaccard overlap, capped).
_SAME_NAME_TEXT = 1.0


def _text(a: Profile, b: Profile) -> float:
    if not (a.words and b.words):
        return 0.0
    common = len(set(a.words).intersection(b.words))
    # Two outlets rarely share more than half their words, even telling one event.
    return min(1.0, 2 * common / (len(a.words) + len(b.words) - common))


def _unmatched(xs: tuple[ActorKey, ...], ys: tuple[ActorKey, ...], kind: str) -> bool:
    if xs == ys:  # the same actors, the commonest case: each matches itself
        return False
    # Belarus and Russia, Kazakhstan and Russia: each names a party the other cannot be.
    # So do Kim and Pompeo, Kim and Trump: another person of one country is no match.
    return any(all(_actor_match(x, y, kind) <= _OTHER_PERSON for y in ys) for x in xs)


def compare(a: Profile, b: Profile, weights: Mapping[str, float]) -> Similarity:
    """Return the `Similarity` of two profiles under ``weights`` (resolved for their kind)."""
    rule = forbidden(a, b)
    if rule is not None:
        return Similarity(0.0, _NO_PARTS, rule)
    parts: dict[str, float] = {"date": _date(a, b)}
    if a.actors and b.actors:
        sides = [_actors(a.actors, b.actors, a.kind)]
        if a.targets and b.targets:
            sides.append(_actors(a.targets, b.targets, a.kind))
        parts["actors"] = math.fsum(sides) / len(sides)
    home = at_home(a, b)
    if a.host is not None and b.host is not None and not home:
        parts["host"] = 1.0 if a.host == b.host else 0.0
    shared = bool(a.sources and b.sources and not set(a.sources).isdisjoint(b.sources))
    if a.place is not None and b.place is not None:
        place = _place(a.place, b.place)
        if home or shared:
            # Each side's press placed it at home, or each paper that printed one
            # syndicated article geocoded it to its own town: weak evidence, not against.
            place = max(place, _AT_HOME_PLACE)
        parts["location"] = place
    if a.words and b.words:
        parts["text"] = _text(a, b)
    if shared:
        parts["sources"] = 1.0
    what = _what(a, b)
    if what is not None:
        parts["what"] = what
    total_weight = math.fsum(weights[part] for part in parts)
    if total_weight == 0:
        return Similarity(0.0, MappingProxyType(parts))
    total = math.fsum(weights[part] * score for part, score in parts.items()) / total_weight
    return Similarity(min(1.0, max(0.0, total)), MappingProxyType(parts))


_NO_PARTS: Mapping[str, float] = MappingProxyType({})


def _date(a: Profile, b: Profile) -> float:
    overlap = min(a.hi, b.hi) - max(a.lo, b.lo) + 1
    contained = overlap / min(a.hi - a.lo + 1, b.hi - b.lo + 1)
    alike = min(a.width, b.width) / max(a.width, b.width)
    # A coarser report is no evidence against a finer one, only weaker evidence for it.
    return min(1.0, contained) * (0.6 + 0.4 * math.sqrt(math.sqrt(alike)))


def _actor_match(x: ActorKey, y: ActorKey, kind: str) -> float:
    if x == y:
        return 1.0
    (country_x, name_x), (country_y, name_y) = x, y
    if country_x is not None and country_y is not None and country_x != country_y:
        return 0.0
    if name_x is None or name_y is None:
        if country_x is None or country_y is None:
            return 0.0
        named = name_x or name_y or ""
        if kind in VOCABULARY_KINDS and not named.startswith(("office: ", "body: ")):
            # "South Korea proposes" and "Moon proposes to Kim": a country's word and its
            # leader's, told apart by who is named (a meeting of the two is one meeting).
            return _OTHER_PERSON
        # A country and its president, or an unnamed official: the same side, maybe.
        return 0.7
    if _same_name(name_x, name_y):
        return 0.9
    if country_x is None or country_y is None:
        return 0.0
    if name_x.startswith("office: ") != name_y.startswith("office: "):
        return 0.7  # "President" and "Lee Jae Myung": maybe the same person
    if (
        name_x.startswith("body: ") or name_y.startswith("body: ")
    ) and kind not in VOCABULARY_KINDS:
        # Russia's foreign ministry and "the ministry" at one meeting: bodies of one state
        # meet for it together, and so do its minister and his cabinet; a statement's
        # speaker, though, is the one body (or person) that spoke.
        return 0.6
    return _OTHER_PERSON


def _same_name(x: str, y: str) -> bool:
    # "Lee" and "Lee Jae Myung"; "Jaein" and "Jae In".
    if x.replace(" ", "") == y.replace(" ", ""):
        return True
    words_x, words_y = set(x.split()), set(y.split())
    return words_x <= words_y or words_y <= words_x


def _actors(xs: tuple[ActorKey, ...], ys: tuple[ActorKey, ...], kind: str) -> float:
    best = [max(_actor_match(x, y, kind) for y in ys) for x in xs]
    best += [max(_actor_match(y, x, kind) for x in xs) for y in ys]
    return math.fsum(best) / len(best)


def _place(
    x: tuple[str | None, str | None, float | None, float | None],
    y: tuple[str | None, str | None, float | None, float | None],
) -> float:
    name_x, country_x, lat_x, lon_x = x
    name_y, country_y, lat_y, lon_y = y
    if lat_x is not None and lat_y is not None and lon_x is not None and lon_y is not None:
        return max(0.0, 1.0 - _haversine_km(lat_x, lon_x, lat_y, lon_y) / _FAR_KM)
    if country_x is not None and country_y is not None and country_x != country_y:
        return 0.0
    if name_x is not None and name_y is not None:
        return 1.0 if name_x == name_y else 0.5
    if country_x is not None and country_y is not None:
        return 1.0 if name_x is None and name_y is None else 0.7
    return 0.5


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _what(a: Profile, b: Profile) -> float | None:
    theirs = dict(b.choices)
    shared = [(value, theirs[name]) for name, value in a.choices if name in theirs]
    if not shared:
        return None
    return sum(1 for x, y in shared if x == y) / len(shared)
