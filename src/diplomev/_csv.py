"""Events as CSV rows: readable columns for people, and lossless columns for programs.

The columns, in order (documented for users in ``docs/format.md``):

- ``id``, ``type``, ``date``, ``status``, ``summary``: as in JSON;
- ``date_lower``, ``date_upper``, ``location_name``, ``location_country``, ``actor_codes``,
  ``actors``: *readable* columns derived from the record for a spreadsheet, ignored on read;
- ``location``, ``topics``, ``links``, ``sources``: the nested common fields as JSON text;
- one column per field of every registered kind (``participants``, ``host``, ``visitor``,
  ...): text for strings, codes, dates and vocabularies; JSON text for everything else
  (actors, arrays, numbers, booleans);
- ``extensions``: the ``x_`` fields as one JSON object.

An empty cell is an absent field. A row's cells for fields its kind does not have must be
empty.

Every cell is made safe to open in a spreadsheet (OWASP's advice against CSV injection): a
cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or NUL is
written with a ``'`` before it, and so is one that starts with ``'`` followed (after
more ``'``) by one of those, so that the escape can be undone; `from_row` removes that one
``'`` from every cell it reads back, so the lossless columns read back exactly.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from diplomev._jsontext import dump_json, parse_json
from diplomev.actors import Country
from diplomev.codec import to_dict
from diplomev.display import actor_label
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError
from diplomev.model import plan_for
from diplomev.model import shapes as sh
from diplomev.records import Event, event_types

COMMON = ("id", "type", "date", "status", "summary")
READABLE = (
    "date_lower",
    "date_upper",
    "location_name",
    "location_country",
    "actor_codes",
    "actors",
)
NESTED_COMMON = ("location", "topics", "links", "sources")
EXTENSIONS = "extensions"


def columns() -> tuple[str, ...]:
    """Return the header: fixed columns, then the fields of every registered kind, then extensions."""
    names: list[str] = [*COMMON, *READABLE, *NESTED_COMMON]
    common_fields = {field.name for field in attrs.fields(Event)}
    for cls in event_types().values():
        for field in plan_for(cls).fields:
            if field.name in (*READABLE, EXTENSIONS) and field.name not in common_fields:
                # Its cells would be the readable column's: refuse rather than lose data.
                raise TypeError(
                    f"the field {field.name!r} of {cls.__qualname__} has the name of a CSV "
                    "column diplomev writes itself; rename the field to use CSV"
                )
            if field.name not in common_fields and field.name not in names:
                names.append(field.name)
    names.append(EXTENSIONS)
    return tuple(names)


class _IsText(sh.ShapeVisitor[bool]):
    """Whether a field's cell is its plain text (strings, codes, dates, vocabularies) or JSON."""

    def text(self, shape: sh.Str) -> bool:
        return True

    def country(self, shape: sh.Alpha3) -> bool:
        return True

    def currency(self, shape: sh.Currency) -> bool:
        return True

    def choice(self, shape: sh.Choice) -> bool:
        return True

    def date(self, shape: sh.Date) -> bool:
        return True

    def day(self, shape: sh.Day) -> bool:
        return True

    def optional(self, shape: sh.Optional) -> bool:
        return shape.inner.accept(self)

    def integer(self, shape: sh.Int) -> bool:
        return False

    def number(self, shape: sh.Float) -> bool:
        return False

    def boolean(self, shape: sh.Bool) -> bool:
        return False

    def record(self, shape: sh.Record) -> bool:
        return False

    def one_of(self, shape: sh.OneOf) -> bool:
        return False

    def items(self, shape: sh.Items) -> bool:
        return False

    def extensions(self, shape: sh.ExtensionMap) -> bool:
        return False


def _text_fields(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in plan_for(cls).fields if f.shape.accept(_IsText()))


#: What a spreadsheet may take for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def escape_cell(text: str) -> str:
    """Put a ``'`` before text a spreadsheet would run as a formula; `unescape_cell` undoes it.

    >>> escape_cell("=1+2"), escape_cell("'=1"), escape_cell("it's"), escape_cell("-5")
    ("'=1+2", "''=1", "it's", "'-5")
    """
    if text.startswith(FORMULA_STARTS) or (
        text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS)
    ):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """Undo `escape_cell`: text it did not change comes back as it is.

    >>> unescape_cell("'=1+2"), unescape_cell("''=1"), unescape_cell("'tis")
    ('=1+2', "'=1", "'tis")
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def to_row(event: Event) -> dict[str, str]:
    """Turn an event into one CSV row (column name to cell text)."""
    data = to_dict(event)
    text_fields = _text_fields(type(event))
    row: dict[str, str] = {}
    extensions: dict[str, Any] = {}
    for key, value in data.items():
        if key.startswith("x_"):
            extensions[key] = value
        elif key == "type" or key in text_fields:
            row[key] = value
        else:
            row[key] = _json_cell(value)
    if extensions:
        row[EXTENSIONS] = _json_cell(extensions)
    row["date_lower"] = _bound(event.date.lower())
    row["date_upper"] = _bound(event.date.upper())
    if event.location is not None:
        row["location_name"] = event.location.name or ""
        row["location_country"] = event.location.country or ""
    actors = event.actors()
    codes = (actor.code if isinstance(actor, Country) else actor.country for actor in actors)
    row["actor_codes"] = ";".join(dict.fromkeys(code for code in codes if code))
    row["actors"] = "; ".join(dict.fromkeys(actor_label(actor) for actor in actors))
    return {column: escape_cell(cell) for column, cell in row.items()}


def from_row(row: dict[str, str]) -> dict[str, Any]:
    """Turn a CSV row back into the dict `from_dict` reads; problems raise ValidationError."""
    kind = row.get("type", "")
    cls = event_types().get(kind)
    text_fields = _text_fields(cls) if cls is not None else frozenset()
    data: dict[str, Any] = {}
    problems: list[ErrorDetail] = []
    for key, cell in row.items():
        if cell == "" or key in READABLE:
            continue
        cell = unescape_cell(cell)
        if key == "type" or key in text_fields or cls is None:
            data[key] = cell
            continue
        try:
            value = parse_json(cell)
        except ValidationError as e:
            problems.extend(detail.within(f".{key}") for detail in e.errors)
            continue
        if key == EXTENSIONS:
            if not isinstance(value, dict):
                problems.append(
                    ErrorDetail(
                        "$.extensions",
                        "expected a JSON object of x_ fields",
                        ErrorCode.BAD_EXTENSION,
                    )
                )
                continue
            others = [
                name for name in value if not (isinstance(name, str) and name.startswith("x_"))
            ]
            if others:
                names = ", ".join(repr(name) for name in others)
                problems.append(
                    ErrorDetail(
                        "$.extensions",
                        f"only x_ keys belong here, got {names}",
                        ErrorCode.BAD_EXTENSION,
                    )
                )
                continue
            data.update(value)
        else:
            data[key] = value
    if problems:
        raise ValidationError(problems)
    return data


def _json_cell(value: Any) -> str:
    return dump_json(value)


def _bound(day: datetime.date) -> str:
    # date.min and date.max stand for open or unknown ends: leave the cell empty.
    return "" if day in (datetime.date.min, datetime.date.max) else day.isoformat()
