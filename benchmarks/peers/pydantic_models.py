"""diplomev's wire form as pydantic v2 models, with the same validation, for side-by-side timing.

    from peers.pydantic_models import EVENTS, dump_json
    event = EVENTS.validate_json(line)     # a Summit, Visit, Dispute or TradeIssue model
    dump_json(event)                       # bytes equal (as JSON) to diplomev.dumps(...)

What is matched (see docs/format.md and src/diplomev/_fields.py, records.py, actors.py,
places.py, sources.py):

- events are a union discriminated on ``"type"``; so are actors (``country``, ``person``,
  ``organization``); a field typed as an organization (``forum``, ``affiliation``) accepts
  the object with or without its tag and always writes the tag, as diplomev does;
- strict types everywhere (``ConfigDict(strict=True)``: ``12345`` is not a string, ``1`` is
  not ``true``); an integer is accepted for a number and held as a float; numbers are
  finite (``allow_inf_nan=False``);
- unknown keys are errors (``extra="forbid"``), except on events, which allow extra keys
  (``extra="allow"``) and refuse in a model validator any that is not ``x_`` plus at
  least one more character, or whose value holds a NaN or an infinity (pydantic's parser
  reads those into untyped values whatever ``allow_inf_nan`` says); ``"diplomev": "1"`` is
  accepted on events, other values refused;
- vocabularies are ``Literal``\\s built from diplomev's enums;
- strings are never blank: a Rust regex ``[^\\s\\x1c-\\x1f]`` (Unicode ``\\s`` plus the four
  separator controls is exactly the set of characters for which ``str.isspace()`` is true);
- country codes are looked up in ``diplomev.countries.country_codes()`` (a frozenset) in
  an ``AfterValidator``;
- EDTF dates are held as strings and checked with ``diplomev.parse_edtf`` in an
  ``AfterValidator`` (the same regex, calendar and interval-order work diplomev does; it is
  cached in diplomev, so pydantic gets the same cache); ``published`` is a strict
  ``datetime.date``;
- arrays are tuples with the same minimum lengths, and refuse ``null``; ``null`` for an
  optional single value reads as absent;
- ranges: ``lat`` -90..90, ``lon`` -180..180, ``rate_percent`` >= 0, quote offsets >= 0;
- cross-field rules as model validators: a person needs a name or an office; a source a
  url or a title; a location a name, a country or coordinates, with ``lat`` and ``lon``
  together; a quote's ``start`` and ``end`` together and spanning ``len(text)`` code points;
- output as diplomev writes it: ``dump_json`` uses ``exclude_defaults=True`` (absent
  fields, empty arrays and vocabularies at their default are omitted), and the two values
  that must be written even at their default, ``status`` and the tag of an untagged
  organization, default to `_Always` strings that never compare equal, so
  ``exclude_defaults`` keeps them without a Python serializer on the hot path.

What is not matched exactly:

- error *reporting*: pydantic reports its own ``loc`` tuples and messages, not diplomev's
  ``$.path: message``; an unknown ``x``-less extra key on an event is reported by the model
  validator at the event's level, not at ``$.key``; the event and actor tags follow
  pydantic's discriminated-union errors. Which inputs are accepted is the same; the words
  are not;
- a missing or unknown ``"type"`` stops diplomev with that one error; pydantic's
  discriminated unions stop there too, with their own message;
- ``published`` uses pydantic's date parser in strict JSON mode, which accepts exactly
  ``YYYY-MM-DD`` for years 0001-9999 as diplomev does; the error texts differ;
- the values held differ in kind, not in content: dates are ``str`` (diplomev holds an
  ``EventDate``), vocabularies are ``str`` (diplomev holds ``StrEnum`` members), the
  ``x_`` fields are plain dicts and lists (diplomev freezes them into tuples and a
  read-only mapping), and a defaulted ``status`` is an `_Always` (a ``str`` subclass
  that compares unequal to everything, ``"occurred"`` included);
- duplicate keys in one JSON object: both keep the last value (checked by hand, not by
  bench_codec.py);
- memory: pydantic-core's JSON parser caches short strings (``cache_strings``, left at its
  default), so repeated values such as ``"CHN"`` are shared between models; diplomev's
  ``json.loads`` shares keys within one document only.
"""

from __future__ import annotations

import datetime
import enum
import math
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

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
    parse_edtf,
)
from diplomev.countries import country_codes

__all__ = [
    "EVENTS",
    "Country",
    "Dispute",
    "DisputeParty",
    "EventUnion",
    "Link",
    "Location",
    "Meeting",
    "Organization",
    "Person",
    "Quote",
    "Source",
    "Summit",
    "TradeIssue",
    "Visit",
    "dump_json",
    "model_dump_json",
]


class _Always(str):
    """A default that compares unequal to every value, so ``exclude_defaults`` still writes it."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


def _vocabulary(cls: type[enum.Enum]) -> Any:
    return Literal[tuple(member.value for member in cls)]


_CODES = country_codes()


def _country_code(value: str) -> str:
    if value in _CODES:
        return value
    raise ValueError(f"unknown country code {value!r}")


def _finite(value: Any) -> bool:
    if type(value) is float:
        return math.isfinite(value)
    if type(value) is list:
        return all(map(_finite, value))
    if type(value) is dict:
        return all(map(_finite, value.values()))
    return True


def _edtf(value: str) -> str:
    parse_edtf(value)  # raises diplomev.ValidationError, a ValueError
    return value


# Characters for which str.isspace() is true: Unicode White_Space (Rust's \s) plus U+001C-U+001F.
Text = Annotated[str, StringConstraints(pattern=r"[^\s\x1c-\x1f]")]
CountryCode = Annotated[str, AfterValidator(_country_code)]
Edtf = Annotated[str, AfterValidator(_edtf)]
Offset = Annotated[int, Field(ge=0)]
Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0)]

_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class Country(BaseModel):
    model_config = _STRICT

    type: Literal["country"]
    code: CountryCode


class Organization(BaseModel):
    model_config = _STRICT

    # Required wherever an organization stands, as in diplomev.
    type: Literal["organization"]
    name: Text
    kind: _vocabulary(OrganizationKind) = "other"  # type: ignore[valid-type]
    country: CountryCode | None = None


class Person(BaseModel):
    model_config = _STRICT

    type: Literal["person"]
    name: Text | None = None
    office: Text | None = None
    country: CountryCode | None = None
    affiliation: Organization | None = None

    @model_validator(mode="after")
    def _name_or_office(self) -> Person:
        if self.name is None and self.office is None:
            raise ValueError("a person needs a name or an office")
        return self


Actor = Annotated[Union[Country, Person, Organization], Field(discriminator="type")]  # noqa: UP007


class Location(BaseModel):
    model_config = _STRICT

    name: Text | None = None
    country: CountryCode | None = None
    kind: _vocabulary(LocationKind) | None = None  # type: ignore[valid-type]
    lat: Latitude | None = None
    lon: Longitude | None = None

    @model_validator(mode="after")
    def _rules(self) -> Location:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon come together or not at all")
        if self.name is None and self.country is None and self.lat is None:
            raise ValueError("a location needs a name, a country or coordinates")
        return self


class Quote(BaseModel):
    model_config = _STRICT

    text: Text
    start: Offset | None = None
    end: Offset | None = None
    speaker: Actor | None = None

    @model_validator(mode="after")
    def _span(self) -> Quote:
        start, end = self.start, self.end
        if (start is None) != (end is None):
            raise ValueError("start and end come together or not at all")
        if start is not None and end is not None and end - start != len(self.text):
            raise ValueError(
                f"the span {start}..{end} holds {end - start} characters "
                f"but the text has {len(self.text)}"
            )
        return self


class Source(BaseModel):
    model_config = _STRICT

    url: Text | None = None
    title: Text | None = None
    publisher: Text | None = None
    published: datetime.date | None = None
    quotes: tuple[Quote, ...] = ()

    @model_validator(mode="after")
    def _url_or_title(self) -> Source:
        if self.url is None and self.title is None:
            raise ValueError("a source needs a url or a title")
        return self


class Link(BaseModel):
    model_config = _STRICT

    rel: _vocabulary(LinkRel)  # type: ignore[valid-type]
    target: Text
    note: Text | None = None


class Meeting(BaseModel):
    model_config = _STRICT

    counterparts: Annotated[tuple[Actor, ...], Field(min_length=1)]
    kind: _vocabulary(MeetingKind) = "meeting"  # type: ignore[valid-type]
    date: Edtf | None = None


class DisputeParty(BaseModel):
    model_config = _STRICT

    actor: Actor
    position: Text | None = None


class _Event(BaseModel):
    """The common fields; ``type`` is declared first so it is written first."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True, allow_inf_nan=False)

    type: str
    id: Text
    date: Edtf
    status: _vocabulary(Status) = _Always("occurred")  # type: ignore[valid-type]
    location: Location | None = None
    summary: Text | None = None
    topics: tuple[Text, ...] = ()
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    # The format version: accepted as "1" only, never written back (diplomev does the same).
    diplomev: Literal["1"] = Field(default="1", exclude=True)

    @model_validator(mode="after")
    def _only_custom_extras(self) -> _Event:
        extra = self.__pydantic_extra__
        if extra:
            unknown = [key for key in extra if not (key.startswith("x_") and len(key) > 2)]
            if unknown:
                raise ValueError(f"unknown field(s): {', '.join(unknown)}")
            # pydantic's JSON parser reads NaN and Infinity into untyped values whatever
            # allow_inf_nan says; diplomev refuses them anywhere.
            if not all(map(_finite, extra.values())):
                raise ValueError("custom fields hold numbers that are not finite")
        return self


class Summit(_Event):
    type: Literal["summit"]
    participants: Annotated[tuple[Actor, ...], Field(min_length=2)]
    host: CountryCode | None = None
    forum: Organization | None = None
    outcomes: tuple[Text, ...] = ()


class Visit(_Event):
    type: Literal["visit"]
    visitor: Actor
    host: CountryCode
    kind: _vocabulary(VisitKind) = "unspecified"  # type: ignore[valid-type]
    meetings: tuple[Meeting, ...] = ()
    delegation: tuple[Actor, ...] = ()


class Dispute(_Event):
    type: Literal["dispute"]
    parties: Annotated[tuple[DisputeParty, ...], Field(min_length=1)]
    kind: _vocabulary(DisputeKind) = "other"  # type: ignore[valid-type]
    subject: Text | None = None
    stage: _vocabulary(DisputeStage) | None = None  # type: ignore[valid-type]
    third_parties: tuple[Actor, ...] = ()


class TradeIssue(_Event):
    type: Literal["trade_issue"]
    imposers: Annotated[tuple[Actor, ...], Field(min_length=1)]
    targets: Annotated[tuple[Actor, ...], Field(min_length=1)]
    measure: _vocabulary(TradeMeasure)  # type: ignore[valid-type]
    official: bool | None = None
    sectors: tuple[Text, ...] = ()
    products: tuple[Text, ...] = ()
    rate_percent: Annotated[float, Field(ge=0.0)] | None = None
    stage: _vocabulary(TradeStage) | None = None  # type: ignore[valid-type]


EventUnion = Annotated[Union[Summit, Visit, Dispute, TradeIssue], Field(discriminator="type")]  # noqa: UP007

#: Validate (``EVENTS.validate_json(line)``) or dump any event kind.
EVENTS: TypeAdapter[Any] = TypeAdapter(EventUnion)


def dump_json(event: Any) -> bytes:
    """Return the JSON of an event model in diplomev's form, through the union adapter."""
    return EVENTS.dump_json(event, exclude_defaults=True)


def model_dump_json(event: BaseModel) -> str:
    """Return the JSON of an event model in diplomev's form, as ``diplomev.dumps`` does (str)."""
    return event.model_dump_json(exclude_defaults=True)
