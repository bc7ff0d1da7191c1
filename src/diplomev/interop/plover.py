"""PLOVER: write records as PLOVER 2.0 JSON Lines, read PLOVER (old drafts too) into records.

PLOVER codes an event as a type (``event``), a ``mode`` and ``context`` s, with ``actor``
and ``recipient`` entities. `to_plover` maps a record onto those fields:

- a summit is CONSULT with POLECAT's mode (`definitions.summit_mode`: ``phone``,
  ``multilateral``, ``third-party`` or none), all participants as actors; a visit is
  CONSULT ``visit``, the visitor (and delegation) as actors, the host as recipient; a
  planned summit or visit is AGREE, a cancelled one REJECT ``meet``;
- a dispute is ACCUSE (``disapprove``; ``allege`` once adjudicated), THREATEN while
  escalating (``territory``, ``violence`` or ``relations`` by its kind), AGREE (context
  ``diplomatic``) while easing; its kind becomes contexts (``territory``, plus ``legal`` at
  sea, ``military``, ...);
- an agreement is AGREE; a statement, a diplomatic action and a vote take the type and
  mode their purpose, action or result maps to (`diplomev.interop._plover_kinds`; the
  whole table is docs/interop.md's);
- a trade issue is SANCTION ``discontinue``, THREATEN ``restrict`` while threatened,
  RETREAT once lifted, with context ``economic``. PLOVER's own CAMEO table maps CAMEO 163
  (sanctions) to COERCE ``restrict``; the manual says international sanctions are SANCTION
  ``discontinue``, and diplomev follows the manual (and reads COERCE ``restrict`` with an
  economic or diplomatic context as a sanction too).

Whatever the PLOVER fields cannot hold (a summary, topics, links, an exact EDTF date,
meetings, ...) goes into ``x_diplomev``, so that `from_plover` gives the record back
unchanged; a PLOVER tool ignores the key. A record without it is read as foreign PLOVER:
the PLOVER fields diplomev has no place for (``context``, ``event_text``, ``text``, ...)
are kept in the record's ``x_plover`` extension, and the record is held to its kind's
definition (`definitions.hold`). The JSON Schema of this profile is `plover_schema`.

>>> from diplomev import Person, Visit, parse_date
>>> visit = Visit(id="lee-china-visit", date=parse_date("2026-01-04/2026-01-06"), host="CHN",
...               visitor=Person(name="Lee Jae Myung", office="President", country="KOR"))
>>> record = to_plover(visit)
>>> record["event"], record["mode"], record["actor"], record["recipient"]
(['CONSULT'], ['visit'], [{'code': 'KOR', 'sector': 'GOV', 'entity_text': 'Lee Jae Myung', 'office': 'President'}], [{'code': 'CHN'}])
>>> record["date"], record["enddate"], record["x_diplomev"]
('2026-01-04', '2026-01-06', {})
>>> from_plover(record) == visit
True

`from_plover` and `read_plover` also read the older shapes: ``source``/``target`` for
``actor``/``recipient``, camelCase names, scalar ``event``/``mode``/``context`` (comma-
separated contexts), ``""``, ``"NULL"`` and ``"NA"`` for absent values, the old types
DEMAND, DISAPPROVE, INVESTIGATE and FIGHT, and the old mode ``host``. A record that maps
to no diplomev kind raises `Unmapped` with the reason; `read_plover` counts it instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

import attrs

from diplomev._files import Target, name_of, open_for_writing
from diplomev.actors import Actor, Country
from diplomev.codec import from_dict, to_dict
from diplomev.dates import EventDate, PartialDate
from diplomev.errors import ErrorCode, ValidationError
from diplomev.identity import make_id
from diplomev.interop._json_items import json_items
from diplomev.interop._plover_entities import _entity, _event_loc
from diplomev.interop._plover_kinds import ACTIONS, STATEMENTS, VOTES
from diplomev.interop._plover_read import _first_event, _key, _native_wire, _normalize, _words
from diplomev.interop._plover_vocab import (
    CONTEXTS,
    EVENTS,
    EXTRAS_KEY,
    MODES,
    NEEDS_RECIPIENT,
    plover_schema,
)
from diplomev.interop._report import (
    ExportReport,
    ImportReader,
    ImportReport,
    Unmapped,
    stream_reader,
)
from diplomev.interop.cameo import event_code, kind_name
from diplomev.interop.definitions import hold, summit_mode
from diplomev.io import BadRecord, ErrorMode
from diplomev.records import (
    Agreement,
    DiplomaticAction,
    Dispute,
    DisputeKind,
    DisputeStage,
    Event,
    Statement,
    Status,
    Summit,
    TradeIssue,
    Visit,
    Vote,
    event_type_name,
)

__all__ = [
    "CONTEXTS",
    "EVENTS",
    "EXTRAS_KEY",
    "MODES",
    "Unmapped",
    "from_plover",
    "plover_event",
    "plover_losses",
    "plover_schema",
    "read_plover",
    "to_plover",
    "write_plover",
]


# --- records to PLOVER ------------------------------------------------------------------------

_DISPUTE_CONTEXTS: Mapping[DisputeKind, tuple[str, ...]] = {
    DisputeKind.TERRITORIAL: ("territory",),
    DisputeKind.SOVEREIGNTY: ("territory",),
    DisputeKind.MARITIME: ("territory", "legal"),
    DisputeKind.SECURITY: ("military",),
    DisputeKind.DIPLOMATIC: ("diplomatic",),
    DisputeKind.ECONOMIC: ("economic",),
    DisputeKind.OTHER: (),
}

# PLOVER type and mode of the CAMEO codes of disputes and trade issues (PLOVER's own
# CAMEO2PLOVER-2021 table, except 163 and 085: see the module docstring and docs).
_CAMEO_TO_PLOVER: Mapping[str, tuple[str, str | None]] = {
    "112": ("ACCUSE", "disapprove"),
    "115": ("ACCUSE", "allege"),
    "037": ("AGREE", None),
    "130": ("THREATEN", None),
    "138": ("THREATEN", "violence"),
    "1313": ("THREATEN", "relations"),
    "1382": ("THREATEN", "territory"),
    "1312": ("THREATEN", "restrict"),
    "163": ("SANCTION", "discontinue"),
    "085": ("RETREAT", None),
}


def plover_event(event: Event) -> tuple[str, str | None, tuple[str, ...]]:
    """Return the PLOVER event type, mode (or None) and contexts a record stands for.

    Raises `diplomev.ValidationError` for a record PLOVER has no type for (a statement of
    position, a vote withdrawn or postponed).

    >>> from diplomev import Country, TradeIssue, parse_date
    >>> sanction = TradeIssue(id="t", date=parse_date("2017-03"), measure="sanction",
    ...                       imposers=(Country(code="CHN"),), targets=(Country(code="KOR"),))
    >>> plover_event(sanction)
    ('SANCTION', 'discontinue', ('economic',))
    """
    if isinstance(event, Summit | Visit):
        if event.status is Status.PLANNED:
            return "AGREE", None, ("diplomatic",)
        if event.status is Status.CANCELLED:
            return "REJECT", "meet", ("diplomatic",)
        if isinstance(event, Visit):
            return "CONSULT", "visit", ("diplomatic",)
        return "CONSULT", summit_mode(event), ("diplomatic",)
    if isinstance(event, Dispute | TradeIssue):
        kind, mode = _CAMEO_TO_PLOVER[event_code(event)]
        if isinstance(event, TradeIssue):
            return kind, mode, ("economic",)
        contexts = _DISPUTE_CONTEXTS[event.kind]
        if event.stage is DisputeStage.ADJUDICATED and "legal" not in contexts:
            contexts = (*contexts, "legal")
        if kind == "AGREE" and "diplomatic" not in contexts:
            contexts = (*contexts, "diplomatic")  # the codebook's 037: AGREE, diplomatic
        return kind, mode, contexts
    pair = _KIND_PAIR.get(type(event), lambda _: None)(event)
    if pair is None:
        raise ValidationError.at("$.type", f"PLOVER has no event type for {_what(event)}")
    return pair[0], pair[1], ("diplomatic",)


_KIND_PAIR: Mapping[type[Event], Callable[[Any], tuple[str, str | None] | None]] = {
    Agreement: lambda _: ("AGREE", None),
    Statement: lambda event: STATEMENTS.get(event.purpose.value),
    DiplomaticAction: lambda event: ACTIONS.get(event.action.value),
    Vote: lambda event: VOTES.get(event.result.value),
}


def _what(event: Event) -> str:
    named = {Statement: "purpose", DiplomaticAction: "action", Vote: "result"}.get(type(event))
    kind = kind_name(type(event))
    return f"a {kind} of {named} {getattr(event, named).value!r}" if named else f"the kind {kind!r}"


def _days(date: EventDate) -> tuple[str, str | None]:
    ends = [end for end in (date.start, date.end) if isinstance(end, PartialDate)]
    first = ends[0].lower().isoformat()
    last = (
        ends[-1].upper().isoformat()
        if date.end is None or isinstance(date.end, PartialDate)
        else None
    )
    return first, (last if last != first else None)


def _roles(event: Event) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    if isinstance(event, Summit):
        return event.participants, ()
    if isinstance(event, Visit):
        return (event.visitor, *event.delegation), (Country(code=event.host),)
    if isinstance(event, Dispute):
        return tuple(party.actor for party in event.parties), ()
    if isinstance(event, TradeIssue):
        return event.imposers, event.targets
    if isinstance(event, Agreement):
        return event.parties, ()
    if isinstance(event, Statement):
        return event.speakers, event.addressees
    if isinstance(event, DiplomaticAction):
        return (event.actor,), (event.target,)
    assert isinstance(event, Vote)
    return (event.body,), ()


def _native(event: Event) -> dict[str, Any]:
    kind, mode, contexts = plover_event(event)
    actors, recipients = _roles(event)
    if kind in NEEDS_RECIPIENT and not recipients:
        message = f"PLOVER's {kind} needs a recipient, and the record names no target"
        raise ValidationError.at("$.targets", message, ErrorCode.MISSING)
    date, enddate = _days(event.date)
    record: dict[str, Any] = {"id": event.id, "date": date}
    if enddate is not None:
        record["enddate"] = enddate
    record["actor"] = [_entity(actor) for actor in actors]
    if recipients:
        record["recipient"] = [_entity(actor) for actor in recipients]
    record["event"] = [kind]
    if mode is not None:
        record["mode"] = [mode]
    if contexts:
        record["context"] = list(contexts)
    if event.location is not None:
        record["event_loc"] = _event_loc(event.location)
    if event.sources:
        source = event.sources[0]
        cite = {"url": source.url, "title": source.title, "publication": source.publisher}
        record["cite_info"] = {key: value for key, value in cite.items() if value is not None}
    return record


def to_plover(event: Event, *, extras: bool = True) -> dict[str, Any]:
    """Return the PLOVER record of ``event`` (a JSON-ready dict of diplomev's profile).

    With ``extras`` (the default), ``x_diplomev`` carries what the PLOVER fields do not
    hold: ``fields``, the wire fields to set, and ``absent``, the fields reading PLOVER
    would add but the record lacks. It is an empty object when nothing is missing, which
    still marks the record as diplomev's, so `from_plover` returns ``event`` unchanged.
    Without ``extras`` the record is plain PLOVER and the fields `plover_losses` names are
    lost. Raises `diplomev.ValidationError` for a kind PLOVER has no type for.

    >>> from diplomev import Country, Summit, parse_date
    >>> summit = Summit(id="s", date=parse_date("2026-01"), summary="Talks in Seoul",
    ...                 participants=(Country(code="KOR"), Country(code="CHN")))
    >>> to_plover(summit)["x_diplomev"]
    {'fields': {'date': '2026-01', 'summary': 'Talks in Seoul'}}
    >>> "x_diplomev" in to_plover(summit, extras=False)
    False
    """
    record = _native(event)
    if extras:
        fields, absent = _extras(event, record)
        carried: dict[str, Any] = {}
        if fields:
            carried["fields"] = fields
        if absent:
            carried["absent"] = absent
        record[EXTRAS_KEY] = carried
    return record


def plover_losses(event: Event) -> frozenset[str]:
    """Return the wire fields of ``event`` that its plain PLOVER record does not give back.

    They are the fields `to_plover` carries in ``x_diplomev``.

    >>> from diplomev import Country, Dispute, DisputeParty, parse_date
    >>> dispute = Dispute(id="d", date=parse_date("2026-01-05"), kind="maritime",
    ...                   subject="fishing rights", stage="active",
    ...                   parties=(DisputeParty(actor=Country(code="KOR")),
    ...                            DisputeParty(actor=Country(code="JPN"))))
    >>> sorted(plover_losses(dispute))
    ['subject']
    """
    original = to_dict(event)
    try:
        back = to_dict(_read_plain(_normalize(_native(event)), keep_unmapped=False))
    except (Unmapped, ValidationError):
        return frozenset(original) - {"id"}
    changed = {key for key, value in original.items() if back.get(key, _MISSING) != value}
    return frozenset(changed | (back.keys() - original.keys()))


_MISSING = object()


def _read_plain(data: Mapping[str, Any], *, keep_unmapped: bool) -> Event:
    """Return the record of a normalized plain PLOVER record, held to its kind's definition.

    Raises `Unmapped` with the reason when no fix makes it hold (`definitions.hold`).
    """
    event = hold(from_dict(_native_wire(data, None, keep_unmapped=keep_unmapped)))
    if isinstance(event, str):
        raise Unmapped(_first_event(data)[0], event)
    said = next((mode.lower() for mode in _words(data.get("mode"))), None)
    if keep_unmapped and isinstance(event, Summit) and said not in (None, summit_mode(event)):
        # POLECAT's mode says what the record does not show (a forum, a third country):
        # kept, as every PLOVER field diplomev has no place for is.
        kept = {**event.extensions.get("x_plover", {}), "mode": data["mode"]}
        event = attrs.evolve(event, extensions={**event.extensions, "x_plover": kept})
    return event if "id" in data else attrs.evolve(event, id=make_id(event))


def _extras(event: Event, record: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return the wire fields to set, and those to remove, after reading ``record`` back."""
    original = to_dict(event)
    wanted = original["type"]
    fields: dict[str, Any] = {}
    everything = {key: value for key, value in original.items() if key != "id"}
    try:
        back = _native_wire(_normalize(record), None, keep_unmapped=False)
        if back["type"] != wanted:
            raise Unmapped(wanted, "another kind")
    except Unmapped:
        fields["type"] = wanted
        try:
            back = _native_wire(_normalize(record), wanted, keep_unmapped=False)
        except (Unmapped, ValidationError):
            return everything, []
    except ValidationError:
        return everything, []
    for key, value in original.items():
        if key != "type" and (key not in back or back[key] != value):
            fields[key] = value
    return fields, [key for key in back if key not in original]


# --- PLOVER to records ------------------------------------------------------------------------


def from_plover(record: Mapping[str, Any]) -> Event:
    """Return the diplomev record of a PLOVER record (any draft's shape).

    Raises `Unmapped` when the record maps to no diplomev kind, and
    `diplomev.ValidationError` when it is malformed. A record written by `to_plover` comes
    back exactly; for others, the PLOVER fields diplomev has no place for are kept in the
    record's ``x_plover`` extension.

    >>> gsr = {"id": "PLOVER-GSR01-CONSULT-0003", "date": "2000-01-01", "event": "CONSULT",
    ...        "mode": "visit", "context": "diplomatic",
    ...        "source": [{"actorText": "Taiwan's Vice Foreign Minister", "code": "TWN",
    ...                    "sector": "GOV"}],
    ...        "target": [{"actorText": "Russia", "code": "RUS"}],
    ...        "eventText": "visited"}
    >>> visit = from_plover(gsr)
    >>> visit.visitor, visit.host, dict(visit.extensions)
    (Person(name=None, office='Vice Foreign Minister', country='TWN', affiliation=None), 'RUS', {'x_plover': {'context': 'diplomatic', 'event_text': 'visited'}})
    """
    if not isinstance(record, Mapping):
        raise ValidationError.at("$", "expected a PLOVER record object")
    data = _normalize(record)
    extras = data.get(EXTRAS_KEY)
    if extras is not None and not isinstance(extras, Mapping):
        raise ValidationError.at(f"$.{EXTRAS_KEY}", "expected an object")
    if extras is None:
        return _read_plain(data, keep_unmapped=True)
    fields, absent = extras.get("fields", {}), extras.get("absent", [])
    if not isinstance(fields, Mapping) or not isinstance(absent, list):
        message = "expected {fields: {...}, absent: [...]}"
        raise ValidationError.at(f"$.{EXTRAS_KEY}", message)
    hint = fields.get("type")
    wire = _native_wire(data, hint if isinstance(hint, str) else None, keep_unmapped=False)
    for key in absent:
        wire.pop(key, None)
    wire.update(fields)
    return from_dict(wire)


# --- files ------------------------------------------------------------------------------------


def read_plover(source: Target, *, errors: ErrorMode = "raise") -> ImportReader:
    r"""Read PLOVER records: JSON Lines, a JSON array, records in a row, or keyed by id.

    Each record is a row, and every row is accounted for in ``reader.report``: it became a
    record of a kind, it maps to no kind (counted by its event type, with the reason), or
    it could not be read (a `BadRecord` with its line, which follows ``errors`` as in
    `diplomev.io`). A bad record does not stop the reading: the next one is read (see
    `diplomev.interop._json_items`); trailing commas are accepted; a record of an object
    keyed by id takes its key as its ``id`` if it has none. When the file ends inside a
    record, the report's ``unread_from`` says from which line. The file is read as a
    stream: memory does not grow with its size.

    >>> import io
    >>> data = io.BytesIO(b'{"id": "1", "date": "2018-06-01", "event": ["CONSULT"],'
    ...                   b' "actor": [{"code": "PRK"}, {"code": "USA"}]}\n'
    ...                   b'{"id": "2", "date": "2018-06-01", "event": ["ASSAULT"],'
    ...                   b' "actor": [{"code": "SYR"}]}\n')
    >>> with read_plover(data) as reader:
    ...     [summit] = reader
    >>> summit.participants, reader.report.unmapped_by_code()
    ((Country(code='PRK'), Country(code='USA')), {'ASSAULT': 1})
    """
    return stream_reader(source, "plover", errors, _items)


# Names of record fields that may hold an object: a top-level object whose first member
# has one of these names is a record, not records keyed by id.
_OBJECT_FIELDS = frozenset({"actor", "recipient", "event_loc", "cite_info", "text_info",
                            "location", "info", EXTRAS_KEY})  # fmt: skip


def is_record_field(name: str) -> bool:
    """Tell whether ``name`` is the name of a field of a PLOVER record (any draft's spelling).

    >>> is_record_field("eventLoc"), is_record_field("PLOVER-GSR01-AGREE-0001")
    (True, False)
    """
    return name.startswith("x_") or _key(name) in _OBJECT_FIELDS


def _items(stream: IO[bytes], name: str, report: ImportReport) -> Iterator[Event | BadRecord]:
    for item in json_items(stream, is_field=is_record_field):
        report.rows += 1
        if item.unread:
            report.unread_from = item.line
        if item.problems is not None:
            report.bad += 1
            yield BadRecord(name, item.line, item.problems)
            continue
        value = item.value
        if item.key is not None and isinstance(value, dict) and "id" not in value:
            value = {"id": item.key, **value}
        try:
            event = from_plover(value)
        except Unmapped as e:
            report.add_unmapped(e.code, e.reason)
            continue
        except ValidationError as e:
            report.bad += 1
            yield BadRecord(name, item.line, e.errors)
            continue
        kind = event_type_name(type(event))
        report.records[kind] += 1
        report.add_mapped(kind)
        yield event


def write_plover(events: Iterable[Event], target: Target, *, extras: bool = True) -> ExportReport:
    """Write records as PLOVER JSON Lines (one record per line, UTF-8), atomically.

    With ``extras`` (the default) each line carries ``x_diplomev`` where needed, so
    nothing is lost; without, the returned `ExportReport` counts the fields lost, per
    field. Records of a kind PLOVER has no type for are skipped and counted.

    >>> import io
    >>> out = io.BytesIO()
    >>> write_plover([], out).records, out.getvalue()
    (0, b'')
    """
    report = ExportReport(target=name_of(target), format="plover")
    with open_for_writing(target) as stream:
        for event in events:
            try:
                record = to_plover(event, extras=extras)
            except ValidationError as e:
                report.skipped[e.errors[0].message] += 1
                continue
            if not extras:
                report.lost.update(plover_losses(event))
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            stream.write(line.encode("utf-8") + b"\n")
            report.records += 1
            report.rows += 1
    return report
