"""Records from directed CAMEO rows (ICEWS, GDELT): one row per dyad, many rows per event.

CAMEO datasets code one event as several directed rows (a visit as 042 and 043, a
meeting as 040 both ways) and repeat them for every article that reports it. This module
turns such rows back into diplomev records in two steps:

1. Rows of one *group* (the same diplomev id, the same sentence of a story, or the same
   article) that agree on kind, date and what the code says are one event: their actors
   are joined when they form a complete set of pairs (every participant met every
   other; every imposer targets every target), else each pair is its own event. Statements
   without an addressee are each their speaker's (two speakers in one article made two).
2. Events of different groups (other sentences, other stories, other articles) that agree
   on kind, date, status and actors are the same event: they become one record whose
   sources keep every story or article. Not an event of one actor and no host ("the USA
   appeals"): one actor and a day say too little, so it stays with its own group.

A record's location is the one most of its rows give, a tie going to the more precise place
(a city over its country) (for a visit, of the rows that place
it in the host country, where any does); a summit's host is that location's country when
it is a participant's (never for 044, a third location, nor for 041, a call). Each record
is then held to its kind's definition (`diplomev.interop.definitions.hold`): one that
cannot be (a trip within the visitor's own country, a summit of one country) is no
record, and its rows are counted as not mapped with the definition it breaks. What was
changed on the way (a country beside its own leader dropped, a location outside the host
left out, a target that is no diplomev actor dropped) is noted in ``x_import_notes``.
Each record keeps its rows' provenance in an ``x_<format>`` extension, one entry per row.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from diplomev.actors import Actor
from diplomev.codec import from_dict, to_dict
from diplomev.dates import EventDate
from diplomev.errors import ErrorDetail, ValidationError
from diplomev.identity import make_id
from diplomev.interop._report import ImportReport
from diplomev.interop._spill import Spill
from diplomev.interop.cameo import CodeMeaning, code_meaning, event_name, unmapped_reason
from diplomev.interop.definitions import (
    NOTES,
    UNFIXABLE,
    breaks,
    country_of,
    hold,
    is_own_government,
)
from diplomev.io import BadRecord
from diplomev.places import Location
from diplomev.records import Event, Status
from diplomev.sources import Source


@attrs.frozen(kw_only=True)
class CameoRow:
    """One directed row read from a CAMEO-coded table, before it is mapped."""

    line: int
    code: str
    date: EventDate
    source: Actor | None
    target: Actor | None
    location: Location | None = None
    cite: Source | None = None
    #: Rows of one group may together be one event: ("id", x), ("sentence", story, n), ...
    group: tuple[Any, ...]
    record_id: str | None = None
    provenance: Mapping[str, Any]
    #: Why an actor named in the row is not a diplomev actor ("has no country ...").
    source_problem: str | None = None
    target_problem: str | None = None


#: A change an importer made to what the rows say (a code, a message), noted as `hold` notes.
Note = tuple[str, str]


@attrs.frozen
class _Fragment:
    row: CameoRow
    meaning: CodeMeaning
    identity: tuple[Any, ...]
    actors: tuple[Actor, ...]  # the row's actors in their role (visitor; pair; source+target)
    host: str | None = None
    notes: tuple[Note, ...] = ()


@attrs.define
class _Candidate:
    kind: str
    identity: tuple[Any, ...]
    meaning: CodeMeaning
    roles: dict[str, list[Actor]]
    host: str | None
    rows: list[CameoRow]
    record_id: str | None
    notes: list[Note] = attrs.field(factory=list)


@attrs.frozen
class _Shape:
    """How a kind's actors sit in directed rows."""

    first: str  # the source's role
    second: str | None  # the target's role, for directed kinds; None: both in ``first``
    alone: bool  # a row with no target (or the source as its target) is the event
    single: bool = False  # one actor per role: each pair is its own event
    # Rows with no target of one group are one event of all their sources (a measure two
    # impose), or each its own (two speakers' statements in one article are two).
    joint: bool = True


_SHAPES: Mapping[str, _Shape] = {
    "summit": _Shape("participants", None, alone=False),
    "dispute": _Shape("parties", None, alone=True),
    "agreement": _Shape("parties", None, alone=True),
    "trade_issue": _Shape("imposers", "targets", alone=True),
    "statement": _Shape("speakers", "addressees", alone=True, joint=False),
    "diplomatic_action": _Shape("actor", "target", alone=False, single=True),
}

_NEEDS = {"summit": "two participants", "diplomatic_action": "a target"}


@functools.lru_cache(maxsize=65536)
def actor_key(actor: Actor) -> str:
    """Return a hashable key for an actor: its wire form."""
    return json.dumps(to_dict(actor), sort_keys=True, ensure_ascii=False)


def _visit(row: CameoRow, meaning: CodeMeaning, identity: tuple[Any, ...]) -> _Fragment | str:
    visitor, host_side = (
        (row.target, row.source) if meaning.source_hosts else (row.source, row.target)
    )
    side = "source" if meaning.source_hosts else "target"
    if visitor is None:
        return "a visit needs a visitor: " + _missing(
            row, "target" if side == "source" else "source"
        )
    where = row.location.country if row.location is not None else None
    notes: tuple[Note, ...] = ()
    if host_side is not None:
        host = country_of(host_side)
        if host is None and where is None:
            return f"a visit needs a host country; the {side} actor has none"
        if host is None:  # Wang Yi at the European Commission: a visit to Belgium
            host = where
            said = f"dropped the {side} of event {row.provenance.get('event_id')}"
            notes = (("actor_dropped", f"{said}: it has no country; the host is where the "
                      f"visit was, {where}"),)  # fmt: skip
    elif meaning.source_hosts or where is None:
        return f"a visit needs a host country: {_missing(row, side)}"
    else:  # 042 without a target: the place of the visit is the country visited
        host = where
    key = (*identity, actor_key(visitor), host)
    return _Fragment(row, meaning, key, (visitor,), host, notes=notes)


def _said_alone(meaning: CodeMeaning) -> CodeMeaning:
    """Return the statement a dispute's code makes when the row names one side only.

    A dispute has two sides: "Syria accuses" with no one (or itself) accused is Syria's
    accusation, "Russia threatens" Russia's threat, not a dispute of Syria's alone.
    """
    stage = dict(meaning.said).get("stage")
    purpose = "threat" if stage == "escalating" else "accusation"
    why = f"{meaning.why}, said of no other side: a statement"
    return attrs.evolve(meaning, kind="statement", said=(("purpose", purpose),), why=why)


def _fragment(row: CameoRow, meaning: CodeMeaning) -> _Fragment | str:
    """Return the row's part of an event, or why the row cannot be one."""
    one_side = (
        row.source is not None
        and row.target is not None
        and (row.target == row.source or is_own_government(row.source, row.target))
    )
    said_alone = meaning.kind == "dispute" and (row.target is None or one_side)
    if said_alone:
        meaning = _said_alone(meaning)
    identity = (meaning.kind, str(row.date), meaning.status, meaning.said)
    if meaning.kind == "visit":
        return _visit(row, meaning, identity)
    shape = _SHAPES[meaning.kind]
    source, target = row.source, row.target
    if source is None:
        return _missing(row, "source")
    if target is None or target == source or (said_alone and one_side):
        if not shape.alone:
            why = (
                _missing(row, "target")
                if target is None
                else "the source and the target are the same actor"
            )
            return f"a {meaning.kind.replace('_', ' ')} needs {_NEEDS[meaning.kind]}: {why}"
        if shape.second is not None and target is not None and meaning.kind == "trade_issue":
            return _Fragment(row, meaning, identity, (source, target))  # a measure on itself
        notes: tuple[Note, ...] = ()
        said = f"dropped the target of event {row.provenance.get('event_id')}"
        if target == source:  # "DEUGOV" against "DEU": Germany, twice
            notes = (("actor_dropped", f"{said}: it is the source actor again"),)
        elif target is not None:  # "Government (China)" threatening "China"
            notes = (("actor_dropped", f"{said}: a country and its own government are one "
                      "side, not a dispute's two"),)  # fmt: skip
        elif row.target_problem:
            notes = (("actor_dropped", f"{said}: the target actor {row.target_problem}"),)
        marked = (*identity, "alone") if shape.second is not None else identity
        return _Fragment(row, meaning, marked, (source,), notes=notes)
    return _Fragment(row, meaning, identity, (source, target))


def _missing(row: CameoRow, side: str) -> str:
    problem = row.source_problem if side == "source" else row.target_problem
    return f"the {side} actor {problem}" if problem else f"the row has no {side} actor"


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor_key(actor), actor)
    return list(seen.values())


def _candidate(first: _Fragment, roles: dict[str, list[Actor]], fragments: list[_Fragment],
               host: str | None = None) -> _Candidate:  # fmt: skip
    notes = [note for f in fragments for note in f.notes]
    return _Candidate(first.meaning.kind, first.identity, first.meaning, roles, host,
                      [f.row for f in fragments], first.row.record_id, notes)  # fmt: skip


def _candidates_of_group(fragments: list[_Fragment]) -> list[_Candidate]:
    """Join the fragments of one group and identity into events (step 1)."""
    first = fragments[0]
    kind = first.meaning.kind
    if kind == "visit":
        return [_candidate(first, {"visitor": [first.actors[0]]}, fragments, first.host)]
    shape = _SHAPES[kind]
    one_record = first.row.record_id is not None  # rows diplomev wrote for one record
    if shape.second is not None and len(first.actors) == 1 and (shape.joint or one_record):
        # No target: the sources of one measure ("the EU and the US sanction ...").
        return [_candidate(first, {shape.first: _unique(f.actors[0] for f in fragments)},
                           fragments)]  # fmt: skip
    if shape.second is not None and not shape.single and len(first.actors) == 2:
        sources = _unique(f.actors[0] for f in fragments)
        targets = _unique(f.actors[1] for f in fragments)
        pairs = {(actor_key(f.actors[0]), actor_key(f.actors[1])) for f in fragments}
        if len(pairs) == len(sources) * len(targets):
            roles = {shape.first: sources, shape.second: targets}
            return [_candidate(first, roles, fragments)]
    elif shape.second is None:
        nodes = _unique(a for f in fragments for a in f.actors)
        edges = {frozenset(actor_key(a) for a in f.actors) for f in fragments}
        complete = (
            all(len(f.actors) == 2 for f in fragments)
            and len(edges) == len(nodes) * (len(nodes) - 1) // 2
        )
        if complete or len(edges) == 1:
            return [_candidate(first, {shape.first: nodes}, fragments)]
    # Not one event: one per distinct set of actors (ordered for directed kinds).
    by_actors: dict[tuple[str, ...], list[_Fragment]] = {}
    for fragment in fragments:
        key = tuple(actor_key(a) for a in fragment.actors)
        by_actors.setdefault(key if shape.second else tuple(sorted(key)), []).append(fragment)
    return [_candidate(group[0], _roles(shape, list(group[0].actors)), group)
            for group in by_actors.values()]  # fmt: skip


def _roles(shape: _Shape, actors: list[Actor]) -> dict[str, list[Actor]]:
    if shape.second is None:
        return {shape.first: actors}
    return {shape.first: [actors[0]], shape.second: actors[1:]}


def _merge_key(candidate: _Candidate) -> tuple[Any, ...]:
    if candidate.record_id is not None:
        return ("id", candidate.record_id, id(candidate))
    roles = tuple(
        (role, frozenset(actor_key(a) for a in actors))
        for role, actors in sorted(candidate.roles.items())
    )
    if sum(len(actors) for actors in candidate.roles.values()) + (candidate.host is not None) < 2:
        # One actor and a day say too little to be one event: "the USA appeals" in 13
        # articles of one day are 13 appeals. Such rows join only rows of their own group.
        return (candidate.identity, candidate.host, roles, candidate.rows[0].group)
    return (candidate.identity, candidate.host, roles)


# How precisely a place is told: a tie of rows goes to the more precise ("Pyongyang" over
# "North Korea", both given by two rows), then to the first seen.
_PRECISION = {"country": 0, "sea": 1, "region": 1, "island": 2, "city": 3, "site": 3}


def _majority(locations: list[Location]) -> Location | None:
    if not locations:
        return None
    counts: Counter[str] = Counter()
    first: dict[str, Location] = {}
    for location in locations:
        key = actor_key_location(location)
        counts[key] += 1
        first.setdefault(key, location)

    def rank(key: str) -> tuple[int, int]:
        kind = first[key].kind
        return counts[key], _PRECISION.get(kind.value if kind is not None else "", 2)

    return first[max(first, key=rank)]  # max keeps the first of equals: the first seen


def actor_key_location(location: Location) -> str:
    """Return a hashable key for a location: its wire form."""
    return json.dumps(to_dict(location), sort_keys=True, ensure_ascii=False)


def _is_third_location(code: str) -> bool:
    meaning = code_meaning(code)
    return meaning is not None and meaning.third_location


def _location(candidate: _Candidate, rows: list[CameoRow]) -> Location | None:
    """Return the place most rows give; for a visit, the one most rows in the host give."""
    places = [row.location for row in rows if row.location is not None]
    within = [place for place in places if place.country == candidate.host]
    return _majority(within if candidate.kind == "visit" and within else places)


def _record_data(candidate: _Candidate, extension: str) -> dict[str, Any]:
    rows = sorted(candidate.rows, key=lambda row: row.line)
    meaning = candidate.meaning
    location = _location(candidate, rows)
    data: dict[str, Any] = {
        "type": candidate.kind,
        "id": candidate.record_id or "imported",
        "date": str(rows[0].date),
        "status": meaning.status.value,
        **meaning.fields,
    }
    if location is not None:
        data["location"] = to_dict(location)
    sources: dict[str, Source] = {}
    for row in rows:
        if row.cite is not None:
            sources.setdefault(json.dumps(to_dict(row.cite), sort_keys=True), row.cite)
    if sources:
        data["sources"] = [to_dict(source) for source in sources.values()]
    actors = {role: [to_dict(actor) for actor in found] for role, found in candidate.roles.items()}
    if candidate.kind == "visit":
        data["visitor"] = actors["visitor"][0]
        data["host"] = candidate.host
    elif candidate.kind == "dispute":
        data["parties"] = [{"actor": actor} for actor in actors["parties"]]
    elif _SHAPES[candidate.kind].single:
        data.update({role: found[0] for role, found in actors.items()})
    else:
        data.update({role: found for role, found in actors.items() if found})
    if candidate.kind == "summit":
        host = location.country if location is not None else None
        countries = {country_of(actor) for actor in candidate.roles["participants"]}
        hosted = not any(_is_third_location(row.code) for row in rows) and "channel" not in data
        if hosted and meaning.status is Status.OCCURRED and host in countries:
            data["host"] = host
    notes = dict.fromkeys(candidate.notes)  # once each, in the order first met
    if notes:
        data[NOTES] = [{"code": code, "message": message} for code, message in notes]
    provenance = []
    chosen = actor_key_location(location) if location is not None else None
    for row in rows:
        entry = dict(row.provenance)
        if row.location is not None and actor_key_location(row.location) != chosen:
            entry["location"] = to_dict(row.location)
        provenance.append(entry)
    data[extension] = provenance
    return data


def build_records(
    rows: Iterable[CameoRow | BadRecord],
    report: ImportReport,
    *,
    extension: str,
    source_name: str,
) -> Iterator[Event | BadRecord]:
    """Map and group CAMEO rows into records, accounting for every row in ``report``.

    Bad rows are passed through as they come (and counted); rows whose code maps to no
    kind, or whose actors cannot make the record, are counted as unmapped with the reason.
    Records come once every row is read, in the order of their first row. What must be
    remembered meanwhile (the rows that may join others, then the records to give) goes
    to a `Spill`, so memory stays bounded for files of any size: the largest part kept in
    memory at once is the rows of one kind and day (one identity).
    """
    with Spill() as spill:
        for item in rows:
            report.rows += 1
            if isinstance(item, BadRecord):
                report.bad += 1
                yield item
                continue
            meaning = code_meaning(item.code)
            if meaning is None:
                report.add_unmapped(item.code, unmapped_reason(item.code))
                continue
            fragment = _fragment(item, meaning)
            if isinstance(fragment, str):
                report.add_unmapped(item.code, f"{item.code} {event_name(item.code)}: {fragment}")
                continue
            # Rows join only rows of their identity (kind, day, ...): a partition each.
            spill.add(repr(fragment.identity), fragment)

        for _, fragments in spill.partitions():
            groups: dict[tuple[Any, ...], list[_Fragment]] = {}
            for fragment in fragments:
                groups.setdefault(fragment.row.group, []).append(fragment)
            merged: dict[tuple[Any, ...], _Candidate] = {}
            for group in groups.values():
                for candidate in _candidates_of_group(group):
                    key = _merge_key(candidate)
                    if key in merged:
                        merged[key].rows.extend(candidate.rows)
                        merged[key].notes.extend(candidate.notes)
                    else:
                        merged[key] = candidate
            for candidate in merged.values():
                first_line = min(row.line for row in candidate.rows)
                # Plain data, which pickles fast: what the record is made of.
                codes = dict(Counter(row.code for row in candidate.rows))
                built = (candidate.kind, candidate.record_id, _record_data(candidate, extension),
                         first_line, codes, _lines(candidate.rows))  # fmt: skip
                spill.put(first_line, built)

        for built in spill.ordered():
            record = _record(built, report, source_name, spill)
            if record is not None:
                yield record


def _record(
    built: tuple[str, str | None, dict[str, Any], int, dict[str, int], str],
    report: ImportReport,
    source_name: str,
    spill: Spill,
) -> Event | BadRecord | None:
    """Return the record the rows make, held to its kind's definition (None: it cannot be)."""
    kind, record_id, data, first_line, codes, lines = built
    rows = sum(codes.values())
    try:
        made = from_dict(data)
        event = hold(made)
        if isinstance(event, str):
            # Why, said once for every record that breaks it (the message names countries).
            broken = next(b.code for b in breaks(made) if b.code in UNFIXABLE)
            for code, count in codes.items():
                reason = f"{code} {event_name(code)}: {UNFIXABLE[broken]}"
                report.add_unmapped(code, reason, rows=count)
            return None
        wanted = make_id(event) if record_id is None else record_id
        fresh = _fresh_id(wanted, spill)
        if fresh != wanted or record_id is None:
            event = attrs.evolve(event, id=fresh)
    except ValidationError as e:
        report.bad += rows
        details = tuple(ErrorDetail(d.path, f"{d.message} (rows {lines})") for d in e.errors)
        return BadRecord(source_name, first_line, details)
    report.records[kind] += 1
    report.add_mapped(kind, rows=rows)
    return event


def _lines(rows: list[CameoRow]) -> str:
    lines = sorted(row.line for row in rows)
    shown = ", ".join(str(line) for line in lines[:5])
    return shown + (", ..." if len(lines) > 5 else "")


def _fresh_id(candidate: str, spill: Spill) -> str:
    """Return ``candidate``, or the first ``candidate-N`` not taken yet; take it."""
    if spill.claim(candidate):
        return candidate
    number = 2
    while not spill.claim(f"{candidate}-{number}"):
        number += 1
    return f"{candidate}-{number}"
