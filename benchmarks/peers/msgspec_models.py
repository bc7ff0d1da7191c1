r"""diplomev's wire form as msgspec Structs: the practical lower bound for decode and encode.

    from peers.msgspec_models import DECODER, ENCODER
    event = DECODER.decode(line)      # a Summit, Visit, Dispute or TradeIssue struct
    ENCODER.encode(event)             # bytes, as diplomev writes them (minus x_ fields)

What is matched, with msgspec's own means only (no Python code runs per record):

- events and actors are tagged unions (``tag_field="type"``); a field typed as an
  organization accepts it with or without its tag and always writes the tag (msgspec
  treats the tag of a struct outside a union that way);
- strict types (msgspec's default): ``12345`` is not a string, ``1`` is not ``true``; an
  integer is accepted for a float; JSON has no NaN or Infinity;
- unknown keys are errors (``forbid_unknown_fields=True``) on every object but events;
- vocabularies and country codes are ``Literal``\s (the codes from
  ``diplomev.countries.country_codes()``);
- non-blank strings: ``Meta(pattern=r"\S")`` (Python's ``\S`` is exactly "not
  ``str.isspace()``"); EDTF dates: the syntax regex of ``diplomev.schema`` (held as str);
  ``published`` is a ``datetime.date`` (msgspec reads exactly ``YYYY-MM-DD``);
- arrays are tuples with the same minimum lengths, refusing ``null``; ``null`` for an
  optional single value reads as absent; the ranges of ``lat``, ``lon``, ``rate_percent``
  and quote offsets;
- output: ``omit_defaults=True`` drops absent fields, empty arrays and vocabularies at their
  default; ``status`` defaults through a ``default_factory``, which msgspec does not
  compare, so it is always written.

What msgspec cannot express, so this model does not check (it is a lower bound, not a
replacement):

- the ``x_`` keys: a Struct either forbids unknown keys or ignores them, it cannot keep
  some of them. Events therefore *ignore* unknown keys: ``x_`` fields are dropped on
  decode (and so missing on encode), and a typo such as ``"venue"`` on an event is
  silently dropped instead of refused. The encode check in bench_codec.py compares
  outputs without the ``x_`` keys;
- cross-field rules (a person's name or office, a source's url or title, a location's
  name/country/coordinates and ``lat`` with ``lon``, a quote's ``start`` with ``end`` and
  its span): ``__post_init__`` could add them, in Python, per record;
- the EDTF calendar: impossible days (``2026-02-30``) and intervals that end before they
  start pass the syntax regex;
- error reporting: msgspec stops at the first error.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any, Literal, Union

import msgspec
from msgspec import Meta, Struct, field

from diplomev import (
    DisputeKind,
    DisputeStage,
    LinkRel,
    LocationKind,
    MeetingKind,
    OrganizationKind,
    Status,
    TradeMeasure,
    TradeStage,
    VisitKind,
)
from diplomev.countries import country_codes
from diplomev.schema import EDTF_PATTERN

__all__ = ["DECODER", "ENCODER", "EventUnion"]


def _vocabulary(cls: type[enum.Enum]) -> Any:
    return Literal[tuple(member.value for member in cls)]


Text = Annotated[str, Meta(pattern=r"\S")]
CountryCode = Literal[tuple(sorted(country_codes()))]  # type: ignore[valid-type]
# "$" would also match before a final newline under re.search; "\Z" does not.
Edtf = Annotated[str, Meta(pattern=EDTF_PATTERN.removesuffix("$") + r"\Z")]
Offset = Annotated[int, Meta(ge=0)]
Latitude = Annotated[float, Meta(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Meta(ge=-180.0, le=180.0)]
Rate = Annotated[float, Meta(ge=0.0)]


class Country(
    Struct,
    tag_field="type",
    tag="country",
    forbid_unknown_fields=True,
    frozen=True,
    kw_only=True,
    omit_defaults=True,
):
    code: CountryCode  # type: ignore[valid-type]


class Organization(
    Struct,
    tag_field="type",
    tag="organization",
    forbid_unknown_fields=True,
    frozen=True,
    kw_only=True,
    omit_defaults=True,
):
    name: Text
    kind: _vocabulary(OrganizationKind) = "other"  # type: ignore[valid-type]
    country: CountryCode | None = None  # type: ignore[valid-type]


class Person(
    Struct,
    tag_field="type",
    tag="person",
    forbid_unknown_fields=True,
    frozen=True,
    kw_only=True,
    omit_defaults=True,
):
    name: Text | None = None
    office: Text | None = None
    country: CountryCode | None = None  # type: ignore[valid-type]
    affiliation: Organization | None = None


Actor = Union[Country, Person, Organization]  # noqa: UP007


class Location(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    name: Text | None = None
    country: CountryCode | None = None  # type: ignore[valid-type]
    kind: _vocabulary(LocationKind) | None = None  # type: ignore[valid-type]
    lat: Latitude | None = None
    lon: Longitude | None = None


class Quote(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    text: Text
    start: Offset | None = None
    end: Offset | None = None
    speaker: Actor | None = None


class Source(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    url: Text | None = None
    title: Text | None = None
    publisher: Text | None = None
    published: datetime.date | None = None
    quotes: tuple[Quote, ...] = ()


class Link(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    rel: _vocabulary(LinkRel)  # type: ignore[valid-type]
    target: Text
    note: Text | None = None


class Meeting(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    counterparts: Annotated[tuple[Actor, ...], Meta(min_length=1)]
    kind: _vocabulary(MeetingKind) = "meeting"  # type: ignore[valid-type]
    date: Edtf | None = None


class DisputeParty(
    Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True
):
    actor: Actor
    position: Text | None = None


def _occurred() -> str:
    return "occurred"


class _Event(
    Struct,
    tag_field="type",
    forbid_unknown_fields=False,
    frozen=True,
    kw_only=True,
    omit_defaults=True,
):
    id: Text
    date: Edtf
    # A default_factory is never "the default" to omit_defaults, so status is always written.
    status: _vocabulary(Status) = field(default_factory=_occurred)  # type: ignore[valid-type]
    location: Location | None = None
    summary: Text | None = None
    topics: tuple[Text, ...] = ()
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    diplomev: Literal["1"] = "1"  # accepted as "1" only; at its default, so never written


class Summit(_Event, tag="summit", frozen=True, kw_only=True):
    participants: Annotated[tuple[Actor, ...], Meta(min_length=2)]
    host: CountryCode | None = None  # type: ignore[valid-type]
    forum: Organization | None = None
    outcomes: tuple[Text, ...] = ()


class Visit(_Event, tag="visit", frozen=True, kw_only=True):
    visitor: Actor
    host: CountryCode  # type: ignore[valid-type]
    kind: _vocabulary(VisitKind) = "unspecified"  # type: ignore[valid-type]
    meetings: tuple[Meeting, ...] = ()
    delegation: tuple[Actor, ...] = ()


class Dispute(_Event, tag="dispute", frozen=True, kw_only=True):
    parties: Annotated[tuple[DisputeParty, ...], Meta(min_length=1)]
    kind: _vocabulary(DisputeKind) = "other"  # type: ignore[valid-type]
    subject: Text | None = None
    stage: _vocabulary(DisputeStage) | None = None  # type: ignore[valid-type]
    third_parties: tuple[Actor, ...] = ()


class TradeIssue(_Event, tag="trade_issue", frozen=True, kw_only=True):
    imposers: Annotated[tuple[Actor, ...], Meta(min_length=1)]
    targets: Annotated[tuple[Actor, ...], Meta(min_length=1)]
    measure: _vocabulary(TradeMeasure)  # type: ignore[valid-type]
    official: bool | None = None
    sectors: tuple[Text, ...] = ()
    products: tuple[Text, ...] = ()
    rate_percent: Rate | None = None
    stage: _vocabulary(TradeStage) | None = None  # type: ignore[valid-type]


EventUnion = Union[Summit, Visit, Dispute, TradeIssue]  # noqa: UP007

#: Decode any event kind from JSON bytes or str.
DECODER = msgspec.json.Decoder(EventUnion)
#: Encode any struct of this module to JSON bytes.
ENCODER = msgspec.json.Encoder()
