"""Provenance: which article an event was read from, and which words say so.

>>> text = "The Monday summit addressed security."
>>> quote = Quote(text="Monday summit", start=4, end=17)
>>> text[quote.start:quote.end] == quote.text
True
"""

from __future__ import annotations

import datetime
import re

import attrs

from diplomev.actors import Actor
from diplomev.errors import ErrorCode, ValidationError
from diplomev.model.convert import to_optional_day, to_tuple
from diplomev.model.identifiers import Identifier
from diplomev.model.plans import Validated, limits
from diplomev.model.rules import AnyOf, Span, Together

__all__ = ["Quote", "Source"]


# Characters reports and coders write for one another: quotation marks and apostrophes.
_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb'
_APOSTROPHES = "'\u2018\u2019\u02bc"


def _loose_pattern(words: str) -> re.Pattern[str]:
    """Return a pattern for ``words`` that lets white space and quotation marks vary."""
    parts = []
    for token in re.split(r"(\s+)", words.strip()):
        if not token:
            continue
        if token.isspace():
            parts.append(r"\s+")
            continue
        escaped = []
        for char in token:
            if char in _QUOTES:
                escaped.append(f"[{re.escape(_QUOTES)}]")
            elif char in _APOSTROPHES:
                escaped.append(f"[{re.escape(_APOSTROPHES)}]")
            else:
                escaped.append(re.escape(char))
        parts.append("".join(escaped))
    return re.compile("".join(parts))


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

    @classmethod
    def find(
        cls, article: str, words: str, *, speaker: Actor | None = None, after: int = 0
    ) -> Quote:
        """Return the quote of ``words`` in ``article``, with its offsets found there.

        The first occurrence at or after offset ``after`` is taken. Where the words are
        not in the article letter for letter, a form that differs only in white space or
        in the kind of quotation marks and apostrophes (straight or typographic) is
        found, and the quote holds the article's own text, so its offsets always span it.
        A `ValidationError` says so when the words are not there at all.

        >>> article = "Xi said the visit marked \u201ca new starting point\u201d for ties."
        >>> quote = Quote.find(article, '"a new starting point"')
        >>> quote.text, quote.start, quote.end
        ('\u201ca new starting point\u201d', 25, 47)
        >>> article[quote.start:quote.end] == quote.text
        True
        >>> Quote.find(article, "a fresh start")
        Traceback (most recent call last):
        ...
        diplomev.errors.ValidationError: 1 problem: $.text: the words are not in the article: 'a fresh start'
        """
        start = article.find(words, after)
        if start != -1:
            return cls(text=words, start=start, end=start + len(words), speaker=speaker)
        match = _loose_pattern(words).search(article, after)
        if match is None:
            shown = words if len(words) <= 60 else words[:57] + "..."
            message = f"the words are not in the article: {shown!r}"
            raise ValidationError.at("$.text", message, ErrorCode.SPAN)
        return cls(text=match.group(), start=match.start(), end=match.end(), speaker=speaker)


@attrs.frozen(kw_only=True)
class Source(Validated):
    """An article or document an event was read from: metadata and quoted spans.

    At least one of ``url`` and ``title`` identifies it.

    >>> source = Source(title="Lee Jae Myung meets Xi Jinping in Beijing", published="2026-01-05")
    >>> source.published
    datetime.date(2026, 1, 5)
    """

    url: Identifier | None = None
    title: str | None = None
    publisher: str | None = None
    published: datetime.date | None = attrs.field(default=None, converter=to_optional_day)
    quotes: tuple[Quote, ...] = attrs.field(default=(), converter=to_tuple[Quote])

    constraints = (AnyOf("url", "title", message="a source needs a url or a title"),)
