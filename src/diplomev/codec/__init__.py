r"""Records to and from JSON-ready dicts and JSON text, through one cattrs converter.

The wire form: an event is an object tagged ``"type"`` (``summit``, ``visit``, ...); actors
carry their own tag (``country``, ``person``, ``organization``); dates are EDTF strings and
enums their lowercase values; absent fields, empty arrays and enum fields at their default
are omitted (``status`` is always written); ``x_`` keys hold custom fields; any other unknown
key is an error. Nothing is coerced: ``12345`` is not a string and ``1`` is not ``true``.

>>> import diplomev
>>> event = diplomev.loads('{"type": "visit", "id": "v1", "date": "2019", '
...                        '"visitor": {"type": "person", "office": "President", "country": "KOR"}, '
...                        '"host": "CHN", "x_coder": "hand"}')
>>> event.visitor.office, event.extensions["x_coder"]
('President', 'hand')
>>> diplomev.dumps(event)
'{"type":"visit","id":"v1","date":"2019","status":"occurred","visitor":{"type":"person","office":"President","country":"KOR"},"host":"CHN","x_coder":"hand"}'

Every problem is reported at once, with its path in wire keys:

>>> try:
...     diplomev.from_dict({"type": "summit", "id": 12345, "date": "2026-01-05",
...                         "participants": [{"type": "country", "code": "KOR"},
...                                          {"type": "country", "code": "XXX"}],
...                         "venue": "Beijing"})
... except diplomev.ValidationError as e:
...     print("\n".join(str(d) for d in e.errors))
$.id: expected a string, got number
$.participants[1].code: unknown country code 'XXX'
$.venue: unknown field
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, overload

import cattrs

from diplomev._jsontext import UNVOUCHED, dump_json, parse_json, parse_json_quickly
from diplomev.codec._wire import INVALID, REFUSED, forget_trail
from diplomev.codec.embed import install
from diplomev.codec.emit import hooks_for, structure_tagged
from diplomev.errors import ErrorCode, ValidationError
from diplomev.model import registry
from diplomev.model.plans import Validated
from diplomev.records import Event


def _first_accelerator() -> Any:
    """Import the msgspec accelerator on the first `loads`; later calls go to it directly.

    msgspec is optional, and its import is a cost a program that reads no JSON text skips.
    """
    global _accelerator
    try:
        from diplomev.codec import _accel
    except ImportError:  # pragma: no cover - the test environments install msgspec
        _accelerator = _no_accelerator
    else:
        _accelerator = _accel.accelerator
    return _accelerator()


def _no_accelerator() -> Any:
    return None  # pragma: no cover - without msgspec


_accelerator: Callable[[], Any] = _first_accelerator

__all__ = [
    "FORMAT_VERSION",
    "configure_converter",
    "dumps",
    "from_dict",
    "loads",
    "make_converter",
    "to_dict",
]

#: The version of the serialized form this release writes (the ``"diplomev"`` key).
FORMAT_VERSION = registry.FORMAT_VERSION

R = TypeVar("R", bound=Validated)
_TAG, _VERSION = registry.TAG_KEY, registry.VERSION_KEY


_KINDS = registry.tagged("event")  # a live view: kinds registered later are in it


def structure_event(data: Any) -> Event:
    """Build whichever registered kind the ``"type"`` tag names, reporting every problem."""
    if type(data) is dict and _VERSION not in data:
        # The common case, without the checks and migration below: a known tag.
        tag = data.get(_TAG)
        cls = _KINDS.get(tag) if type(tag) is str else None
        if cls is not None:
            result: Event = hooks_for(cls).structure(data)
            return result
    if isinstance(data, Mapping) and _VERSION in data:
        data = _migrate(data)
    return structure_tagged(data, registry.tagged("event"), "event")  # type: ignore[no-any-return]


# Migrations from older format versions, keyed by the version they read; each returns a
# dict of the next version. Version 1 is the first, so there are none yet.
_MIGRATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _migrate(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Bring a record of an older format version to the current one (pystac's model)."""
    version = data[_VERSION]
    while isinstance(version, str) and version in _MIGRATIONS:
        data = _MIGRATIONS[version](dict(data))
        version = data[_VERSION]
    return data


def configure_converter(
    converter: cattrs.Converter, *, strict_scalars: bool = False
) -> cattrs.Converter:
    """Add diplomev's hooks to a cattrs converter of the caller's, and return it.

    Records of ours that a tool embeds in its own attrs classes are then read and written
    in diplomev's form, with diplomev's validation, and a problem anywhere raises one
    `ValidationError` with its full path. The caller's policy for plain strings, numbers,
    booleans and `datetime.date` is left alone unless ``strict_scalars`` makes the scalars
    strict too (`make_converter` also reads dates as ``YYYY-MM-DD``).

    >>> import attrs, cattrs
    >>> from diplomev import Summit
    >>> @attrs.define
    ... class Batch:
    ...     label: str
    ...     events: list[Summit]
    >>> converter = configure_converter(cattrs.Converter())
    >>> batch = converter.structure({"label": "seed", "events": [{
    ...     "type": "summit", "id": "s", "date": "2025-11", "participants": [
    ...         {"type": "country", "code": "KOR"}, {"type": "country", "code": "CHN"}]}]},
    ...     Batch)
    >>> batch.events[0].participants[1].name
    'China'
    >>> converter.structure({"label": "seed", "events": [{"type": "summit", "id": "s",
    ...     "date": "2025-13", "participants": []}]}, Batch)
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 2 problems: $.events[0].date: month is out of range in '2025-13'; $.events[0].participants: needs at least 2 items, got 0
    """
    install(converter, days=strict_scalars)
    if strict_scalars:
        _make_scalars_strict(converter)
    return converter


def _make_scalars_strict(converter: cattrs.Converter) -> None:
    from diplomev._json import json_type_name

    def strict(expected: type, allowed: tuple[type, ...], noun: str) -> Callable[..., Any]:
        def structure(value: Any, _: Any = None) -> Any:
            if type(value) in allowed:
                return expected(value)
            message = f"expected {noun}, got {json_type_name(value)}"
            raise ValidationError.at("$", message, ErrorCode.WRONG_TYPE)

        return structure

    converter.register_structure_hook(str, strict(str, (str,), "a string"))
    converter.register_structure_hook(int, strict(int, (int,), "an integer"))
    converter.register_structure_hook(float, strict(float, (float, int), "a number"))
    converter.register_structure_hook(bool, strict(bool, (bool,), "true or false"))


def make_converter() -> cattrs.Converter:
    """Return a new cattrs converter with diplomev's hooks, strict scalars and ISO days.

    A tool's own ``datetime.date`` fields are read from ``YYYY-MM-DD`` text and written
    back as such.

    >>> import datetime
    >>> from diplomev import EventDate
    >>> converter = make_converter()
    >>> str(converter.structure("2026-01-04?/2026-01-06?", EventDate))
    '2026-01-04?/2026-01-06?'
    >>> converter.structure("2026-01-05", datetime.date)
    datetime.date(2026, 1, 5)
    >>> converter.structure(12345, str)
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: expected a string, got number
    """
    return configure_converter(cattrs.Converter(), strict_scalars=True)


# --- the public functions -----------------------------------------------------------------


@overload
def from_dict(data: object) -> Event: ...
@overload
def from_dict(data: object, cls: type[R]) -> R: ...
def from_dict(data: object, cls: type[Any] = Event) -> Any:
    """Build a record from JSON-ready data; by default any event kind, chosen by ``"type"``.

    Raises `ValidationError` listing every problem, whatever ``data`` is.

    >>> from diplomev import Person
    >>> from_dict({"type": "person", "name": "Xi Jinping", "country": "CHN"}, Person).name
    'Xi Jinping'
    >>> from_dict([])
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: expected an object, got array
    """
    if cls is Event:
        structure: Callable[[Any], Any] = structure_event
    elif isinstance(cls, type) and issubclass(cls, Validated):
        structure = hooks_for(cls).structure
    else:
        raise TypeError(f"from_dict builds diplomev records, not {cls!r}")
    try:
        return structure(data)
    except RecursionError:
        raise ValidationError.at("$", "nested too deeply", ErrorCode.TOO_DEEP) from None


def to_dict(record: Validated) -> dict[str, Any]:
    """Return the JSON-ready dict of a record (an event or a building block).

    >>> from diplomev import Country
    >>> to_dict(Country(code="KOR"))
    {'type': 'country', 'code': 'KOR'}
    >>> to_dict([Country(code="KOR")])
    Traceback (most recent call last):
    ...
    TypeError: to_dict takes one record, not a list: use [to_dict(r) for r in records], or write them with diplomev.io.write_jsonl
    """
    if not isinstance(record, Validated):
        raise TypeError(_not_a_record("to_dict", record))
    return hooks_for(type(record)).unstructure(record)


def _not_a_record(function: str, value: object) -> str:
    if isinstance(value, list | tuple):
        kind = type(value).__name__
        return (
            f"{function} takes one record, not a {kind}: use [{function}(r) for r in records],"
            " or write them with diplomev.io.write_jsonl"
        )
    return f"{function} takes a diplomev record, not {type(value).__name__}"


@overload
def loads(text: str | bytes | bytearray) -> Event: ...
@overload
def loads(text: str | bytes | bytearray, cls: type[R]) -> R: ...
def loads(text: str | bytes | bytearray, cls: type[Any] = Event) -> Any:
    """Build a record from JSON text (bytes must be UTF-8).

    >>> from diplomev import Country
    >>> loads(b'{"type": "country", "code": "JPN"}', Country)
    Country(code='JPN')
    >>> loads('{"type": "summit", ')
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: invalid JSON at column 20: Expecting property name enclosed in double quotes
    """
    if cls is Event:
        # msgspec's parse and checks, when they vouch for the text (see codec/_accel.py).
        accel = _accelerator()
        if accel is not None:
            record = accel.loads(text)
            if record is REFUSED:
                # A value is wrong: read in full now, without the quick parse and fast pass.
                return from_dict(parse_json(text), cls)
            if record is not INVALID:
                return record
    value = parse_json_quickly(text)
    if value is not UNVOUCHED:
        # The fast pass alone, on orjson's value: it refuses every float orjson may have
        # misread, so a record it builds is the record the strict parse would give.
        record = _fast_only(value, cls)
        if record is not INVALID:
            return record
    return from_dict(parse_json(text), cls)


def _fast_only(data: Any, cls: type[Any]) -> Any:
    """Return the record the fast pass builds of ``data``, or `INVALID` (nothing raised)."""
    if cls is Event:
        if type(data) is not dict or _VERSION in data:
            return INVALID
        tag = data.get(_TAG)
        kind = _KINDS.get(tag) if type(tag) is str else None
        if kind is None:
            return INVALID
        cls = kind
    elif not (isinstance(cls, type) and issubclass(cls, Validated)):
        raise TypeError(f"loads builds diplomev records, not {cls!r}")
    try:
        record = hooks_for(cls).fast(data)
    except RecursionError:
        record = INVALID
    if record is INVALID:
        forget_trail()  # what the refusal kept is for a detailed pass on this very value
    return record


def dumps(record: Validated) -> str:
    """Return the compact JSON text of a record; the same record always gives the same text.

    >>> from diplomev import Country
    >>> dumps(Country(code="KOR"))
    '{"type":"country","code":"KOR"}'
    """
    if not isinstance(record, Validated):
        raise TypeError(_not_a_record("dumps", record))
    return dump_json(hooks_for(type(record)).unstructure(record))
