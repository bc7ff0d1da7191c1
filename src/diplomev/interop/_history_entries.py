"""The entries of the Office of the Historian's XML: parsing, their text and dates, ids.

>>> entry = parse(b"<trip><start-date>2021-06-13</start-date>"
...               b"<end-date>2021-06-15</end-date></trip>")
>>> str(entry_date(entry)), text(entry, "locale")
('2021-06-13/2021-06-15', None)
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections import Counter

from diplomev.dates import EventDate
from diplomev.identity import make_id
from diplomev.records import Event

__all__ = ["Ids", "entry_date", "parse", "text"]


def parse(data: bytes) -> ET.Element:
    """Return the root element of an XML file of the Office; a DTD is refused.

    >>> parse(b"<trips/>").tag
    'trips'
    """
    # The Office's files declare no DTD. Refusing one outright keeps entity expansion
    # (the "billion laughs") and external entities out without needing defusedxml.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("a DTD or entity declaration is not allowed in these files")
    return ET.fromstring(data)


def text(element: ET.Element, tag: str) -> str | None:
    """Return the text of a child element, its spaces collapsed, or None if it has none.

    >>> text(parse(b"<trip><name> Dean   Acheson </name></trip>"), "name")
    'Dean Acheson'
    """
    child = element.find(tag)
    if child is None:
        return None
    found = " ".join("".join(child.itertext()).split())
    return found or None


def _day(text: str) -> EventDate:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"cannot read the date {text!r} (YYYY-MM-DD)") from None
    return EventDate.day(day.year, day.month, day.day)


def entry_date(entry: ET.Element) -> EventDate:
    """Return an entry's date: its start day, or the interval to its end day."""
    start_text, end_text = text(entry, "start-date"), text(entry, "end-date")
    if start_text is None:
        raise ValueError("no start-date")
    start = _day(start_text)
    if end_text is None or end_text == start_text:
        return start
    return EventDate.interval(start, _day(end_text))


class Ids:
    """Ids from `make_id`, with ``-2``, ``-3`` for a second and third record of one id.

    >>> from diplomev import Person, Visit
    >>> ids, visit = Ids(), Visit(id="-", date="2021-06-13", host="BEL", visitor=Person(name="X"))
    >>> ids(visit), ids(visit)
    ('visit-2021-06-13-x-to-bel', 'visit-2021-06-13-x-to-bel-2')
    """

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def __call__(self, event: Event) -> str:
        base = make_id(event)
        self.seen[base] += 1
        return base if self.seen[base] == 1 else f"{base}-{self.seen[base]}"
