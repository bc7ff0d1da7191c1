"""One record to and from JSON, as Files and the JSON Schema shows: to_dict/from_dict,
dumps/loads, with and without the class asked for."""

from typing import Any, TypeVar, reveal_type

import attrs
import cattrs

import diplomev
from diplomev import Country, Event, Person, Summit, Visit

text = (
    '{"type": "visit", "id": "kor-leader-china-visit-2019", "date": "2019",'
    ' "visitor": {"type": "person", "office": "President", "country": "KOR"}, "host": "CHN"}'
)

event = diplomev.loads(text)
reveal_type(event)  # assert typ == "diplomev.records.event.Event"
visit = diplomev.loads(text, diplomev.Visit)
reveal_type(visit)  # assert typ == "diplomev.records.kinds.Visit"
reveal_type(diplomev.loads(text.encode(), Visit))  # assert typ == "diplomev.records.kinds.Visit"
country = diplomev.loads(b'{"type": "country", "code": "KOR"}', Country)
reveal_type(country)  # assert typ == "diplomev.actors.Country"

data: dict[str, Any] = diplomev.to_dict(visit)
reveal_type(diplomev.to_dict(visit))  # assert typ == "dict[str, Any]"
reveal_type(diplomev.from_dict(data))  # assert typ == "diplomev.records.event.Event"
reveal_type(diplomev.from_dict(data, Visit))  # assert typ == "diplomev.records.kinds.Visit"
person = diplomev.from_dict({"type": "person", "name": "Xi Jinping", "country": "CHN"}, Person)
reveal_type(person)  # assert typ == "diplomev.actors.Person"
reveal_type(diplomev.dumps(person))  # assert typ == "str"

# Narrowing what loads gives back, by kind.
if isinstance(event, Visit):
    reveal_type(event.host)  # assert typ in ("str", "diplomev._fields.CountryCode")
elif isinstance(event, Summit):
    reveal_type(event.participants)  # assert typ.startswith("tuple[")


# A user's own typed helpers over the codec (strict mode: no Any may leak out).
def read_event(line: str) -> Event:
    return diplomev.loads(line)


def read_visit(line: str | bytes) -> Visit:
    return diplomev.loads(line, Visit)


E = TypeVar("E", bound=Event)


def read_kind(data: object, kind: type[E]) -> E:
    return diplomev.from_dict(data, kind)


reveal_type(read_kind(data, Visit))  # assert typ == "diplomev.records.kinds.Visit"
assert read_event(text) == read_visit(text) == visit == event


# diplomev records inside a tool's own attrs classes (Extending).
@attrs.define
class Batch:
    article: str
    events: list[diplomev.Event]


converter = diplomev.configure_converter(cattrs.Converter())
batch = converter.structure({"article": "lee-beijing-visit", "events": [data]}, Batch)
reveal_type(batch)  # assert typ == "codec_calls.Batch"
reveal_type(batch.events)  # assert typ == "list[diplomev.records.event.Event]"
assert batch.events == [visit]
strict = diplomev.make_converter()
reveal_type(strict)  # assert typ == "cattrs.converters.Converter"
