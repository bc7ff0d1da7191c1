"""Provenance: which article an event was read from, and which words say so.

>>> text = "The Monday summit addressed security."
>>> quote = Quote(text="Monday summit", start=4, end=17)
>>> text[quote.start:quote.end] == quote.text
True
"""

from __future__ import annotations

import datetime

import attrs

from diplomev._fields import Validated, limits
from diplomev.actors import Actor
from diplomev.errors import ErrorDetail

__all__ = ["Quote", "Source"]


@attrs.frozen(kw_only=True)
class Quote(Validated):
    """An exact span of the article, with optional offsets and speaker.

    ``start`` and ``end`` index the article text in code points (Python ``str`` indexing),
    end exclusive, so ``article[start:end] == text``; they come together or not at all.

    >>> Quote(text="a new starting point", start=10, end=30).end
    30
    >>> Quote(text="a new starting point", start=10, end=12)
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $.end: the span 10..12 holds 2 characters but the text has 20
    """

    text: str
    start: int | None = attrs.field(default=None, metadata=limits(ge=0))
    end: int | None = attrs.field(default=None, metadata=limits(ge=0))
    speaker: Actor | None = None

    def _cross_check(self) -> list[ErrorDetail]:
        start, end = self.start, self.end
        if start is None and end is None:
            return []
        if start is None or end is None:
            return [ErrorDetail("$", "start and end come together or not at all")]
        if end - start != len(self.text):
            message = (
                f"the span {start}..{end} holds {end - start} "
                f"characters but the text has {len(self.text)}"
            )
            return [ErrorDetail("$.end", message)]
        return []


@attrs.frozen(kw_only=True)
class Source(Validated):
    """An article or document an event was read from: metadata and quoted spans.

    At least one of ``url`` and ``title`` identifies it.

    >>> source = Source(title="Lee Jae Myung meets Xi Jinping in Beijing", published="2026-01-05")
    >>> source.published
    datetime.date(2026, 1, 5)
    """

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None
    quotes: tuple[Quote, ...] = ()

    def _cross_check(self) -> list[ErrorDetail]:
        if self.url is None and self.title is None:
            return [ErrorDetail("$", "a source needs a url or a title")]
        return []
