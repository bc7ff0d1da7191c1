"""PLOVER records of any draft, as the wire form of the diplomev record they stand for.

A record is normalized first (snake_case names, ``source``/``target`` for
``actor``/``recipient``, absent values dropped), then its event type, mode and contexts
pick a kind, unless the profile's ``x_diplomev`` names it, and its fields become that
kind's wire fields. `from_plover` builds the record from them; `to_plover` reads its own
output back the same way, to find what PLOVER's fields lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from diplomev.actors import Actor, Country
from diplomev.codec import to_dict
from diplomev.dates import EventDate
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError
from diplomev.interop._plover_entities import _entities, _read_location
from diplomev.interop._plover_kinds import ACTIONS, STATEMENTS, read_back
from diplomev.interop._plover_vocab import EVENTS, EXTRAS_KEY
from diplomev.interop._report import Unmapped
from diplomev.interop._tables import present
from diplomev.interop.definitions import NOTES
from diplomev.places import Location
from diplomev.records import DisputeKind
from diplomev.sources import Source

_RENAMES = {"source": "actor", "target": "recipient", "actor_text": "entity_text"}
_OLD_EVENTS: Mapping[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")
# ASCII digits only: \d takes full-width and Arabic-Indic digits, which int() reads too.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _key(name: str) -> str:
    snake = _CAMEL.sub(r"_\1", name).replace(" ", "_").replace("-", "_").lower()
    return _RENAMES.get(snake, snake)


def _clean(value: Any) -> Any:
    """Normalize names and drop absent values ("", "NULL", "NA", null) at every level."""
    if isinstance(value, Mapping):
        cleaned = {_key(str(k)): _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v is not None}
    if isinstance(value, list):
        items = [_clean(item) for item in value]
        return [item for item in items if item is not None] or None
    if isinstance(value, str):
        return present(value) and value.strip()
    return value


def _normalize(record: Mapping[str, Any]) -> dict[str, Any]:
    extras = record.get(EXTRAS_KEY)
    data: dict[str, Any] = _clean({k: v for k, v in record.items() if k != EXTRAS_KEY}) or {}
    if extras is not None:
        data[EXTRAS_KEY] = extras
    return data


# PLOVER's event types, modes and contexts are single words; a longer one is no word of
# its vocabulary, and is not kept (as an unmapped code) in the report.
_WORD_MAX = 200


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:60] + f"... ({len(text)} characters)"


def _words(value: Any, *, split: bool = False) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValidationError.at("$", f"expected text, got {_shown(item)}")
        if len(item) > _WORD_MAX:
            message = f"a word of {len(item)} characters, longer than {_WORD_MAX}; not read"
            raise ValidationError.at("$", message, ErrorCode.TOO_LARGE)
        parts = item.split(",") if split else [item]
        words.extend(part.strip() for part in parts if part.strip())
    return words


def _read_date(data: Mapping[str, Any]) -> EventDate:
    problems = []
    days = []
    for key in ("date", "enddate"):
        value = data.get(key)
        if value is None:
            if key == "date":
                problems.append(ErrorDetail("$.date", "required field missing"))
            continue
        match = _DAY.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            problems.append(
                ErrorDetail(f"$.{key}", f"expected a YYYY-MM-DD date, got {_shown(value)}")
            )
            continue
        try:
            days.append(EventDate.day(*(int(part) for part in match.groups())))
        except ValidationError:
            problems.append(ErrorDetail(f"$.{key}", f"impossible date {value!r}"))
    if problems:
        raise ValidationError(problems)
    if len(days) == 2 and days[1] != days[0]:
        return EventDate.interval(days[0], days[1])
    return days[0]


def _dispute_kind(contexts: Sequence[str]) -> DisputeKind:
    if "territory" in contexts:
        return DisputeKind.MARITIME if "legal" in contexts else DisputeKind.TERRITORIAL
    for context, kind in (("military", DisputeKind.SECURITY),
                          ("diplomatic", DisputeKind.DIPLOMATIC),
                          ("economic", DisputeKind.ECONOMIC)):  # fmt: skip
        if context in contexts:
            return kind
    return DisputeKind.OTHER


def _classify(
    kind: str, mode: str | None, contexts: Sequence[str], directed: bool, said: str = ""
) -> tuple[str, dict[str, Any]]:
    """Return the diplomev type a PLOVER type and mode stand for, with fixed fields.

    ``said`` is the record's text, where a type's modes cannot tell what it says: an AGREE
    whose text tells of no agreement made is an offer or a commitment (a statement), a
    REJECT is a denial or a refused meeting (else no diplomev kind), and a SUPPORT names
    its purpose ("apologized").

    PLOVER has no dispute type: a dispute is the context ``territory`` on ACCUSE, THREATEN
    or AGREE, or an accusation or threat coded reciprocally (every party an actor, no
    recipient, as PLOVER codes reciprocal events); a directed one is a statement.
    """
    economic, diplomatic = "economic" in contexts, "diplomatic" in contexts
    disputed = "territory" in contexts or not directed
    if kind == "CONSULT":
        if mode in ("visit", "host"):
            return "visit", {}
        return "summit", {"channel": "phone"} if mode == "phone" else {}
    if kind in ("AGREE", "REJECT", "SANCTION") and _CANCELLED_VISIT.search(said):
        # "Cancelled a planned visit to Haiti": a visit called off (the manual's REJECT,
        # CAMEO's 161 usage notes: SANCTION).
        return "visit", {"status": "cancelled"}
    if kind == "REJECT" and (mode == "meet" or _REFUSED_MEETING.search(said)):
        return "summit", {"status": "cancelled"}
    if kind == "AGREE" and _PLANNED_VISIT.search(said):
        # "Will visit Albania in June": a visit to come (an invitation accepted, a trip set).
        return "visit", {"status": "planned"}
    if kind == "SUPPORT" and _SIGNED.search(said) and _AGREEMENT_NOUNS.search(said):
        # The manual codes signing a treaty as SUPPORT ("signed a treaty of friendship").
        return "agreement", {"stage": "signed"}
    if kind == "AGREE":
        if "territory" in contexts:
            return "dispute", {"kind": _dispute_kind(contexts).value, "stage": "easing"}
        # AGREE is agreeing to or promising cooperation ("willing to withdraw", "ready to
        # host", "agreed to resign"): only a text that tells of an agreement made is one,
        # by a signing, or by sides that agreed on one (an agreement named, or two sides
        # named before "agreed"); an offer, a promise or one side's consent is a statement.
        signed = _SIGNED.search(said) is not None
        made = signed or _AGREED_ON.search(said) is not None or _SIDES.search(said) is not None
        if said and not made:
            return "statement", {"purpose": "proposal"}
        fields = {"stage": "signed" if signed else "concluded"}
        if _CEASEFIRE.search(said):
            fields["instrument"] = "ceasefire"
        return "agreement", fields
    if kind == "ACCUSE" and directed and mode in (None, "disapprove"):
        # The manual codes a summoned ambassador or a protest lodged as ACCUSE; the text
        # tells these acts on relations from words of criticism.
        if _SUMMONED.search(said):
            return "diplomatic_action", {"action": "summon_envoy"}
        if _PROTEST_LODGED.search(said):
            return "diplomatic_action", {"action": "lodge_protest"}
    if kind == "ACCUSE" and mode != "investigate":
        if disputed:
            stage = "adjudicated" if mode == "allege" and "legal" in contexts else "active"
            return "dispute", {"kind": _dispute_kind(contexts).value, "stage": stage}
        return "statement", {"purpose": read_back(STATEMENTS, kind, mode)}
    if kind == "THREATEN":
        # A threatened measure has a target; an undirected economic threat is a dispute's.
        if mode == "restrict" or (mode is None and economic and directed):
            if economic:
                return "trade_issue", {"measure": "sanction", "stage": "threatened"}
        elif mode in (None, "territory", "relations", "violence"):
            if mode != "territory" and not disputed:
                return "statement", {"purpose": read_back(STATEMENTS, kind, mode)}
            dispute = _dispute_kind(contexts)
            if mode == "territory" and dispute not in (DisputeKind.MARITIME,):
                dispute = DisputeKind.TERRITORIAL
            if mode == "violence":
                dispute = DisputeKind.SECURITY
            if mode == "relations" and dispute is DisputeKind.OTHER:
                dispute = DisputeKind.DIPLOMATIC
            return "dispute", {"kind": dispute.value, "stage": "escalating"}
    if kind == "SUPPORT":
        found = _SUPPORT_WORDS.search(said)
        purpose = _SUPPORT_PURPOSES[found.group().casefold()[:6]] if found else None
        return "statement", {"purpose": purpose or read_back(STATEMENTS, kind, mode)}
    if kind == "REJECT" and said and not _DENIED.search(said):
        # "All rejections and refusals": of a demand, a plan, an ultimatum. Only a denial
        # has a diplomev kind (CAMEO's 12x, reject, is unmapped likewise); a plain record
        # with no text is diplomev's own denial written out.
        raise Unmapped(
            kind,
            "REJECT: a rejection or refusal, not a denial, has no "
            "diplomev kind (CAMEO 12x likewise)",
        )
    if kind in ("REQUEST", "REJECT"):
        return "statement", {"purpose": read_back(STATEMENTS, kind, mode)}
    if kind == "SANCTION" and diplomatic and not economic and mode != "convict":
        return "diplomatic_action", {"action": read_back(ACTIONS, kind, mode)}
    if kind == "SANCTION" and (mode == "discontinue" or (mode is None and economic)):
        return "trade_issue", {"measure": "sanction", "stage": "in_force"}
    if kind == "COERCE" and mode == "restrict" and (economic or diplomatic):
        return "trade_issue", {"measure": "sanction", "stage": "in_force"}
    if kind == "RETREAT" and economic and mode in (None, "ease"):
        return "trade_issue", {"measure": "sanction", "stage": "lifted"}
    raise Unmapped(kind, _why_not(kind, mode))


# What makes an AGREE's text an agreement: signing, an agreement named (in lower case: not
# the "Warsaw Pact"), or two sides that agreed or reached one.
_SIGNED = re.compile(r"\b(?:[Ss]ign(?:s|ed|ing)?)\b")
# Two sides named before "agreed": "Bosnia and Slovenia agreed", "the Turkish and Greek
# sides have agreed" (not "agreed to ... between Ethiopia and Eritrea").
_SIDES = re.compile(r"\band\b[^.;]{0,80}?\b(?:agreed|reached)\b")
_SUMMONED = re.compile(
    r"\bsummon\w*\b[^.;]{0,60}?\b(?:ambassador|envoy|charg[ée] d'affaires|diplomats?)\b",
    re.IGNORECASE,
)
_PROTEST_LODGED = re.compile(
    r"\b(?:lodged|lodges|filed|files|delivered|handed)\b[^.;]{0,30}?\bprotest\b", re.IGNORECASE
)
_PLANNED_VISIT = re.compile(
    # Not a bare "to visit": "invited the premier to visit Tokyo" is the recipient's trip.
    r"\b(?:will|would|shall|is to|are to|plans? to|planning to|is due to|is expected to|"
    r"agreed to|promised to)\s+(?:visit\b|pay\s+(?:a|an)"
    r"\s+(?:\w+\s+){0,2}visit\b|make\s+(?:a|an)\s+(?:\w+\s+){0,2}visit\b)",
    re.IGNORECASE,
)
_CANCELLED_VISIT = re.compile(
    r"\b(?:cancel\w*|called off|calls off|call off)\b[^.;]{0,40}?\bvisit\b", re.IGNORECASE
)
_CEASEFIRE = re.compile(r"\b(?:ceasefire|cease-fire|truce|cessation of hostilities)\b", re.I)
_REFUSED_MEETING = re.compile(
    r"\b(?:refus|declin|reject)\w*\b[^.;]{0,60}?\b(?:meet(?:ing)?|talks|summit)\b"
)
_DENIED = re.compile(
    r"\bden(?:y|ies|ied|ying|ial)\b\s+(?:that|any|all|the|allegations?|accusations?|"
    r"claims?|reports?|responsibility|involvement|charges?)\b",
    re.IGNORECASE,
)
_AGREEMENT_NOUNS = re.compile(
    r"\b(?:agreements?|accords?|treat(?:y|ies)|deals?|pacts?|memorand(?:um|a)|ceasefire"
    r"|cease-fire|truce|protocols?|consensus)\b"
)
# "Agreed upon a new free-trade pact", "reached a consensus": the agreement made, close
# after the verb (not "agreed to re-open its borders to peacekeepers ... a ceasefire").
_AGREED_ON = re.compile(
    r"\b(?:agreed|reached|concluded|struck)\b[^.;]{0,30}?" + _AGREEMENT_NOUNS.pattern,
    re.IGNORECASE,
)
_SUPPORT_WORDS = re.compile(r"\b(?:apolog|congratul|condolen|prais)\w*", re.IGNORECASE)
_SUPPORT_PURPOSES = {"apolog": "apology", "congra": "congratulation", "condol": "condolence",
                     "praise": "praise", "praisi": "praise"}  # fmt: skip


def _why_not(kind: str, mode: str | None) -> str:
    with_mode = f"{kind} {mode}" if mode else kind
    reasons = {
        "ACCUSE": "an investigation is not a dispute",
        "SANCTION": "an aid, legal or military sanction, neither a trade measure nor a "
        "diplomatic action",
        "THREATEN": "a threat that is neither a trade measure nor a dispute diplomev can tell",
        "RETREAT": "a retreat that is not the easing of an economic measure",
        "COERCE": "coercion other than economic restrictions",
    }
    return f"{with_mode}: {reasons.get(kind, 'no diplomev kind')}"


def _first_event(data: Mapping[str, Any]) -> tuple[str, str, str | None]:
    """Return the event type as written, its PLOVER 2.0 name, and the mode it implies."""
    events = _words(data.get("event"))
    if not events:
        raise ValidationError.at("$.event", "required field missing")
    written = events[0].upper()
    if written in _OLD_EVENTS:
        current, implied = _OLD_EVENTS[written]
        return written, current, implied
    return written, written, None


def _native_wire(
    data: Mapping[str, Any], type_hint: str | None, *, keep_unmapped: bool
) -> dict[str, Any]:
    """Return the wire dict a normalized PLOVER record stands for, by its fields alone."""
    written, kind, implied = _first_event(data)
    if kind == "DOCUMENT":
        raise Unmapped(written, "DOCUMENT: file metadata, not an event")
    if data.get("has_event") is False:
        raise Unmapped(written, "has_event is false: no event was coded")
    if kind not in EVENTS:
        raise Unmapped(written, f"{written}: not a PLOVER event type")
    modes = _words(data.get("mode")) or ([implied] if implied else [])
    mode = modes[0].lower() if modes else None
    contexts = [c.lower() for c in _words(data.get("context"), split=True)]
    if type_hint is None:
        try:
            text = data.get("text")
            said = text if isinstance(text, str) else ""
            type_name, fixed = _classify(kind, mode, contexts, bool(data.get("recipient")), said)
        except Unmapped as e:
            raise Unmapped(written, e.reason) from None
    else:
        type_name, fixed = type_hint, {}
        if type_hint == "summit" and kind == "AGREE":
            fixed = {"status": "planned"}
        elif type_hint == "visit" and kind in ("AGREE", "REJECT"):
            fixed = {"status": "planned" if kind == "AGREE" else "cancelled"}
        elif type_hint == "dispute":
            fixed = {"kind": _dispute_kind(contexts).value}
            if kind == "AGREE":
                fixed["stage"] = "easing"
        elif type_hint == "trade_issue":
            fixed = {"measure": "sanction"}
    actors = _entities(data.get("actor"), "$.actor")
    recipients = _entities(data.get("recipient"), "$.recipient")
    ident = data.get("id")
    wire: dict[str, Any] = {
        "type": type_name,
        "id": str(ident)
        if isinstance(ident, str | int) and not isinstance(ident, bool)
        else "plover",
        "date": str(_read_date(data)),
        "status": fixed.pop("status", "occurred"),
    }
    location = _read_location(data.get("event_loc"))
    if location is not None:
        wire["location"] = to_dict(location)
    cite = data.get("cite_info")
    source = None
    if isinstance(cite, Mapping):
        url, title = cite.get("url"), cite.get("title")
        if isinstance(url, str) or isinstance(title, str):
            publisher = cite.get("publication")
            source = Source(url=url if isinstance(url, str) else None,
                            title=title if isinstance(title, str) else None,
                            publisher=publisher if isinstance(publisher, str) else None)  # fmt: skip
            wire["sources"] = [to_dict(source)]
    wire.update(_kind_fields(type_name, fixed, actors, recipients, mode, location, written,
                             type_hint is None))  # fmt: skip
    if keep_unmapped:
        consumed = {"id", "date", "enddate", "actor", "recipient", "mode", "event_loc"}
        if source is not None:
            consumed.add("cite_info")
        if len(_words(data.get("event"))) == 1 and written == kind:
            consumed.add("event")
        left = {key: value for key, value in data.items() if key not in consumed}
        if left:
            wire["x_plover"] = left
    return wire


def _kind_fields(
    type_name: str,
    fixed: dict[str, Any],
    actors: list[Actor],
    recipients: list[Actor],
    mode: str | None,
    location: Location | None,
    written: str,
    strict: bool,
) -> dict[str, Any]:
    fields: dict[str, Any] = dict(fixed)

    def need(condition: bool, reason: str) -> None:
        if strict and not condition:
            raise Unmapped(written, f"{written}: {reason}")

    if type_name == "visit":
        visitors, hosts = (recipients, actors) if mode == "host" else (actors, recipients)
        if not recipients and mode != "host" and len(actors) > 1:
            # "Fischer will visit Albania" coded as two actors (SRC/TAR both): the other
            # country is the host, not one of the delegation.
            first = actors[0]
            home = first.code if isinstance(first, Country) else first.country
            hosts = [a for a in actors[1:] if isinstance(a, Country) and a.code != home]
            visitors = [a for a in actors if a not in hosts]
        need(bool(visitors), "a visit needs a visitor")
        host = None
        for actor in hosts:
            host = actor.code if isinstance(actor, Country) else actor.country
            if host is not None:
                break
        if host is None and location is not None:
            host = location.country
        need(host is not None, "a visit needs a host country")
        if visitors:
            fields["visitor"] = to_dict(visitors[0])
        if visitors[1:]:
            fields["delegation"] = [to_dict(actor) for actor in visitors[1:]]
        if host is not None:
            fields["host"] = host
        counterparts = [to_dict(actor) for actor in hosts if not isinstance(actor, Country)]
        if counterparts:
            fields["meetings"] = [{"counterparts": counterparts}]
        others = sorted({a.code for a in hosts if isinstance(a, Country)} - {host})
        if others and host is not None:  # "will visit Mauritania and Senegal": one host
            said = f"a visit has one host: the visit to {host} is kept, not to {', '.join(others)}"
            fields[NOTES] = [{"code": "actor_dropped", "message": said}]
    elif type_name == "summit":
        participants = [*actors, *(r for r in recipients if r not in actors)]
        need(len(participants) >= 2, "a summit needs two participants")
        fields["participants"] = [to_dict(actor) for actor in participants]
        countries = {a.code if isinstance(a, Country) else a.country for a in participants}
        occurred = fields.get("status", "occurred") == "occurred"
        located = location is not None and location.country in countries
        if mode != "third-party" and located and occurred:
            assert location is not None
            fields["host"] = location.country
    elif type_name == "dispute":
        parties = [*actors, *(r for r in recipients if r not in actors)]
        fields["parties"] = [{"actor": to_dict(actor)} for actor in parties]
    elif type_name == "trade_issue":
        need(bool(recipients), "a trade measure needs a recipient, its target")
        fields["imposers"] = [to_dict(actor) for actor in actors]
        fields["targets"] = [to_dict(actor) for actor in recipients]
    elif type_name == "statement":
        need(bool(actors), "a statement needs a speaker")
        fields["speakers"] = [to_dict(actor) for actor in actors]
        if recipients:
            fields["addressees"] = [to_dict(actor) for actor in recipients]
    elif type_name == "agreement":
        parties = [*actors, *(r for r in recipients if r not in actors)]
        need(bool(parties), "an agreement needs a party")
        fields["parties"] = [to_dict(actor) for actor in parties]
    elif type_name == "diplomatic_action":
        one_each = len(actors) == 1 and len(recipients) == 1
        need(one_each, "a diplomatic action has one actor and one target, "
             f"not {len(actors)} and {len(recipients)}")  # fmt: skip
        if actors:
            fields["actor"] = to_dict(actors[0])
        if recipients:
            fields["target"] = to_dict(recipients[0])
    elif type_name == "vote" and actors:
        fields["body"] = to_dict(actors[0])
    return fields
