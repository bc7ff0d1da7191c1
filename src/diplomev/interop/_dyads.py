"""Records from directed CAMEO rows (ICEWS, GDELT): one row per dyad, many rows per event.

CAMEO datasets code one event as several directed rows (a visit as 042 and 043, a
meeting as 040 both ways) and repeat them for every article that reports it. This module
turns such rows back into diplomev records in two steps:

1. Rows of one *group* (the same diplomev id, the same sentence of a story, or the same
   article) that agree on kind, date and what the code says are one event: their actors
   are joined when they form a complete set of pairs (every participant met every
   other; every imposer targets every target), else each pair is its own event.
2. Events of different groups (other sentences, other stories, other articles) that agree
   on kind, date, status and actors are the same event: they become one record whose
   sources keep every story or article.

A record's location is the one most of its rows give; a summit's host is that location's
country when it is a participant's (never for 044, a third location). Each record keeps
its rows' provenance in an ``x_<format>`` extension, one entry per row.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from diplomev.actors import Actor, Country
from diplomev.codec import from_dict, to_dict
from diplomev.dates import EventDate
from diplomev.errors import ErrorDetail, ValidationError
from diplomev.identity import make_id
from diplomev.interop._report import ImportReport
from diplomev.interop._spill import Spill
from diplomev.interop.cameo import CodeMeaning, code_meaning, event_name, unmapped_reason
from diplomev.io import BadRecord
from diplomev.places import Location
from diplomev.records import Event
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


@attrs.frozen
class _Fragment:
    row: CameoRow
    meaning: CodeMeaning
    identity: tuple[Any, ...]
    actors: tuple[Actor, ...]  # the row's actors in their role (visitor; pair; imposer+target)
    host: str | None = None


@attrs.define
class _Candidate:
    kind: str
    identity: tuple[Any, ...]
    meaning: CodeMeaning
    roles: dict[str, list[Actor]]
    host: str | None
    rows: list[CameoRow]
    record_id: str | None


@functools.lru_cache(maxsize=65536)
def actor_key(actor: Actor) -> str:
    """Return a hashable key for an actor: its wire form."""
    return json.dumps(to_dict(actor), sort_keys=True, ensure_ascii=False)


def _country_of(actor: Actor) -> str | None:
    if isinstance(actor, Country):
        return actor.code
    return actor.country


def _fragment(row: CameoRow, meaning: CodeMeaning) -> _Fragment | str:
    """Return the row's part of an event, or why the row cannot be one."""
    source, target = row.source, row.target
    day = str(row.date)
    identity: tuple[Any, ...]
    if meaning.kind == "visit":
        visitor, host_side = (target, source) if meaning.source_hosts else (source, target)
        side = "source" if meaning.source_hosts else "target"
        if visitor is None:
            return "a visit needs a visitor: " + _missing(
                row, "target" if side == "source" else "source"
            )
        if host_side is not None:
            host = _country_of(host_side)
            if host is None:
                return f"a visit needs a host country; the {side} actor has none"
        elif meaning.source_hosts or row.location is None or row.location.country is None:
            return f"a visit needs a host country: {_missing(row, side)}"
        else:  # 042 without a target: the place of the visit is the country visited
            host = row.location.country
            if host == _country_of(visitor):
                return "a trip within the visitor's own country (the row names no host)"
        identity = ("visit", day, meaning.status, actor_key(visitor), host)
        return _Fragment(row, meaning, identity, (visitor,), host)
    if source is None:
        return _missing(row, "source")
    if meaning.kind == "dispute":
        actors = (source,) if target is None or target == source else (source, target)
        identity = ("dispute", day, meaning.dispute_kind, meaning.dispute_stage)
        return _Fragment(row, meaning, identity, actors)
    if target is None and meaning.kind == "trade_issue":
        # A measure the report names no target of (targets are optional): its imposers.
        identity = ("trade_issue", day, meaning.measure, meaning.trade_stage, "no target")
        return _Fragment(row, meaning, identity, (source,))
    if target is None:
        return f"a summit needs two participants: {_missing(row, 'target')}"
    if meaning.kind == "summit" and target == source:
        return "a summit needs two participants: the source and the target are the same actor"
    if meaning.kind == "summit":
        identity = ("summit", day, meaning.status)
    else:
        identity = ("trade_issue", day, meaning.measure, meaning.trade_stage)
    return _Fragment(row, meaning, identity, (source, target))


def _missing(row: CameoRow, side: str) -> str:
    problem = row.source_problem if side == "source" else row.target_problem
    return f"the {side} actor {problem}" if problem else f"the row has no {side} actor"


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor_key(actor), actor)
    return list(seen.values())


def _candidates_of_group(fragments: list[_Fragment]) -> list[_Candidate]:
    """Join the fragments of one group and identity into events (step 1)."""
    first = fragments[0]
    kind, meaning = first.meaning.kind, first.meaning
    record_id = first.row.record_id
    rows = [f.row for f in fragments]
    if kind == "visit":
        return [_Candidate(kind, first.identity, meaning, {"visitor": [first.actors[0]]},
                           first.host, rows, record_id)]  # fmt: skip
    if kind == "trade_issue" and len(first.actors) == 1:
        roles = {"imposers": _unique(f.actors[0] for f in fragments)}
        return [_Candidate(kind, first.identity, meaning, roles, None, rows, record_id)]
    if kind == "trade_issue":
        imposers = _unique(f.actors[0] for f in fragments)
        targets = _unique(f.actors[1] for f in fragments)
        pairs = {(actor_key(f.actors[0]), actor_key(f.actors[1])) for f in fragments}
        if len(pairs) == len(imposers) * len(targets):
            roles = {"imposers": imposers, "targets": targets}
            return [_Candidate(kind, first.identity, meaning, roles, None, rows, record_id)]
    else:
        nodes = _unique(a for f in fragments for a in f.actors)
        edges = {frozenset(actor_key(a) for a in f.actors) for f in fragments}
        complete = (
            all(len(f.actors) == 2 for f in fragments)
            and len(edges) == len(nodes) * (len(nodes) - 1) // 2
        )
        if complete or len(edges) == 1:
            role = "participants" if kind == "summit" else "parties"
            return [_Candidate(kind, first.identity, meaning, {role: nodes}, None, rows,
                               record_id)]  # fmt: skip
    # Not one event: one per distinct set of actors.
    by_actors: dict[tuple[str, ...], _Candidate] = {}
    for fragment in fragments:
        key = tuple(actor_key(a) for a in fragment.actors)
        if kind != "trade_issue":
            key = tuple(sorted(key))
        if key not in by_actors:
            roles = _roles(kind, list(fragment.actors))
            by_actors[key] = _Candidate(kind, first.identity, meaning, roles, None, [], record_id)
        by_actors[key].rows.append(fragment.row)
    return list(by_actors.values())


def _roles(kind: str, actors: list[Actor]) -> dict[str, list[Actor]]:
    if kind == "trade_issue":
        return {"imposers": [actors[0]], "targets": [actors[1]]}
    return {"participants" if kind == "summit" else "parties": actors}


def _merge_key(candidate: _Candidate) -> tuple[Any, ...]:
    if candidate.record_id is not None:
        return ("id", candidate.record_id, id(candidate))
    roles = tuple(
        (role, frozenset(actor_key(a) for a in actors))
        for role, actors in sorted(candidate.roles.items())
    )
    return (candidate.identity, candidate.host, roles)


def _majority(locations: list[Location]) -> Location | None:
    if not locations:
        return None
    counts = Counter(actor_key_location(location) for location in locations)
    best = max(counts.values())
    for location in locations:  # ties go to the first seen
        if counts[actor_key_location(location)] == best:
            return location
    return None  # pragma: no cover


def actor_key_location(location: Location) -> str:
    """Return a hashable key for a location: its wire form."""
    return json.dumps(to_dict(location), sort_keys=True, ensure_ascii=False)


def _is_third_location(code: str) -> bool:
    meaning = code_meaning(code)
    return meaning is not None and meaning.third_location


def _record_data(candidate: _Candidate, extension: str) -> dict[str, Any]:
    rows = sorted(candidate.rows, key=lambda row: row.line)
    meaning = candidate.meaning
    location = _majority([row.location for row in rows if row.location is not None])
    data: dict[str, Any] = {
        "type": candidate.kind,
        "id": candidate.record_id or "imported",
        "date": str(rows[0].date),
        "status": meaning.status.value,
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
    elif candidate.kind == "summit":
        data["participants"] = actors["participants"]
        third = any(_is_third_location(row.code) for row in rows)
        host = location.country if location is not None else None
        countries = {_country_of(actor) for actor in candidate.roles["participants"]}
        if not third and meaning.status.value == "occurred" and host in countries:
            data["host"] = host
    elif candidate.kind == "dispute":
        data["parties"] = [{"actor": actor} for actor in actors["parties"]]
        data["kind"] = meaning.dispute_kind.value if meaning.dispute_kind else "other"
        if meaning.dispute_stage is not None:
            data["stage"] = meaning.dispute_stage.value
    else:
        data["imposers"] = actors["imposers"]
        if actors.get("targets"):
            data["targets"] = actors["targets"]
        data["measure"] = meaning.measure.value if meaning.measure else "other"
        if meaning.trade_stage is not None:
            data["stage"] = meaning.trade_stage.value
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
                    else:
                        merged[key] = candidate
            for candidate in merged.values():
                first_line = min(row.line for row in candidate.rows)
                # Plain data, which pickles fast: what the record is made of.
                built = (candidate.kind, candidate.record_id, _record_data(candidate, extension),
                         first_line, len(candidate.rows), _lines(candidate.rows))  # fmt: skip
                spill.put(first_line, built)

        for built in spill.ordered():
            yield _record(built, report, source_name, spill)


def _record(
    built: tuple[str, str | None, dict[str, Any], int, int, str],
    report: ImportReport,
    source_name: str,
    spill: Spill,
) -> Event | BadRecord:
    kind, record_id, data, first_line, rows, lines = built
    try:
        event = from_dict(data)
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
