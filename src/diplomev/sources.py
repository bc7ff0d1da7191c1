"""Provenance: which article an event was read from, and which words say so.

>>> text = "The Monday summit addressed security."
>>> quote = Quote(text="Monday summit", start=4, end=17)
>>> text[quote.start:quote.end] == quote.text
True
"""

from __future__ import annotations

import datetime

import attrs

from diplomev.actors import Actor
from diplomev.model.convert import to_optional_day, to_tuple
from diplomev.model.plans import Validated, limits
from diplomev.model.rules import AnyOf, Span, Together

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

    constraints = (Together("start", "end"), Span("start", "end", "text"))


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
    published: datetime.date | None = attrs.field(default=None, converter=to_optional_day)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=to_tuple[Quote])

    constraints = (AnyOf("url", "title", message="a source needs a url or a title"),)
