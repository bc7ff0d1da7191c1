"""The words and signs of a date phrase: the tokenizer, and the vocabulary the grammar knows.

A phrase is cut into tokens before it is parsed: ISO dates, numbers (an ordinal suffix
dropped), words (a dot after an abbreviation dropped), dashes of every kind, commas, dots
and slashes. The grammar then asks whether a token is one of the words below.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

# Not calendar.month_name: that follows the locale, and this grammar reads English.
_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {name.lower(): number for number, name in enumerate(_MONTH_NAMES) if name}
_MONTHS.update({name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES) if name})
_MONTHS["sept"] = 9

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS = {name.lower(): number for number, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS.update({name[:3].lower(): number for number, name in enumerate(_WEEKDAY_NAMES)})
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
    if number
}
# Tens, which a unit may follow after a hyphen or a space: "twenty-five", "thirty five".
_TENS = {word: 10 * n for n, word in enumerate(["twenty", "thirty", "forty", "fifty"], 2)}
_TENS.update({word: 10 * n for n, word in enumerate(["sixty", "seventy", "eighty", "ninety"], 6)})
_NUMBER_WORDS.update(_TENS)

_FILLERS = frozenset({"the", "on", "in"})
_APPROXIMATE = frozenset({"around", "about", "circa", "c", "ca", "approximately", "roughly"})
_RANGE_TO = frozenset({"to", "through", "thru"})
_DURATION_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_DURATION_ADJECTIVES = frozenset({"state", "official", "working", "private", "diplomatic"})
_DURATION_NOUNS = frozenset(
    {
        "visit",
        "trip",
        "tour",
        "stay",
        "summit",
        "meeting",
        "meetings",
        "talks",
        "conference",
        "mission",
        "session",
        "forum",
        "negotiations",
        "exercise",
        "exercises",
        "drills",
    }
)
# Units of a counted offset ("three years ago", "a day earlier", "over the past decade").
_OFFSET_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
}
# Words before a count that make the value approximate ("nearly three decades ago"), as
# single words or pairs ("more than"). "about", "around" and the like are _APPROXIMATE.
_HEDGES = frozenset(
    {
        ("nearly",),
        ("almost",),
        ("some",),
        ("over",),
        ("under",),
        ("more", "than"),
        ("less", "than"),
        ("fewer", "than"),
        ("close", "to"),
        ("just", "over"),
        ("just", "under"),
        ("well", "over"),
        ("at", "least"),
    }
)
# Words that stand where a count would, but give no number: "a few years ago".
_VAGUE_COUNTS = frozenset({"few", "several", "many", "couple", "dozens", "hundreds", "some"})
_THIRDS = ("early", "mid", "late")

# Longer text is a sentence, not a date phrase; refusing it bounds the parser's work.
_MAX_TOKENS = 64
# Text longer than this is refused before it is read at all (no phrase of 64 tokens is that
# long); so neither the tokenizer nor the cache of readings ever holds more.
_MAX_CHARACTERS = 1_000

_TOKEN = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)(?![0-9])"
    r"|(?P<num>[0-9]+)(?:(?P<ord>st|nd|rd|th)(?![^\W_]))?"
    r"|(?P<word>[^\W\d_]+)(?P<dot>\.)?"
    r"|(?P<dash>[-\u2010-\u2015\u2212])"
    r"|(?P<punct>[,./])"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
_PUNCT_KINDS = {",": "comma", ".": "dot", "/": "slash"}


class _Token(NamedTuple):
    kind: str  # iso, num, word, dash, comma, dot, slash, other
    text: str  # lowercased; a word without its dot; a number without its ordinal suffix
    start: int
    end: int


def _tokenize(text: str, end: int, limit: int = _MAX_TOKENS) -> list[_Token]:
    """Return the tokens of ``text[:end]``, at most ``limit + 1``: one more says "too many"."""
    tokens = []
    for match in itertools.islice(_TOKEN.finditer(text, 0, end), limit + 1):
        kind = match.lastgroup
        value = match.group(kind or 0)
        if kind in ("ord", "dot"):  # a suffix group closed last; the token is its base
            kind = "num" if kind == "ord" else "word"
            value = match.group(kind)
        elif kind == "punct":
            kind = _PUNCT_KINDS[value]
        assert kind is not None
        tokens.append(_Token(kind, value.lower(), match.start(), match.end()))
    return tokens
