"""The grammar of date phrases: a recursive descent over tokens that builds nodes.

Each rule of `_Parser` returns the node it read and the index of the next token, or None.
Where several rules could read a phrase, the one that reads furthest wins, so "Jan 4-7,
2026" is a range rather than the date "Jan 4" followed by stray words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TypeAlias

from diplomev.dates import PartialDate, parse_edtf
from diplomev.errors import ValidationError
from diplomev.reading.dates._durations import _Duration
from diplomev.reading.dates._explicit import _Numeric, _Point, _Range
from diplomev.reading.dates._nodes import _Invalid, _Node
from diplomev.reading.dates._qualifiers import _Approximate, _DayPart, _Since, _Third
from diplomev.reading.dates._relative import (
    _MonthRelative,
    _Offset,
    _PartOfPeriod,
    _PastSpan,
    _Period,
    _RelativeDay,
    _Weekday,
    _WeekdayDate,
)
from diplomev.reading.dates._tokens import (
    _APPROXIMATE,
    _DURATION_ADJECTIVES,
    _DURATION_NOUNS,
    _DURATION_UNITS,
    _FILLERS,
    _HEDGES,
    _MONTHS,
    _NUMBER_WORDS,
    _OFFSET_UNITS,
    _RANGE_TO,
    _TENS,
    _THIRDS,
    _VAGUE_COUNTS,
    _WEEKDAYS,
    _Token,
)

_Match: TypeAlias = tuple[_Node, int]


def _no_number(phrase: str, vague: str, unit: str) -> str:
    said = f" ('{vague}' is not a count)" if vague else ""
    return f"{phrase!r} gives no number of {unit}s{said}, so no date follows from it"


class _Parser:
    """Internal: recursive descent over tokens; each rule returns (node, next index)."""

    __slots__ = ("n", "tokens")

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.n = len(tokens)

    # token tests

    def kind(self, i: int) -> str | None:
        return self.tokens[i].kind if i < self.n else None

    def word(self, i: int, words: Collection[str]) -> str | None:
        if i < self.n and self.tokens[i].kind == "word" and self.tokens[i].text in words:
            return self.tokens[i].text
        return None

    def day(self, i: int) -> int | None:
        if i < self.n and self.tokens[i].kind == "num" and len(self.tokens[i].text) <= 2:
            return int(self.tokens[i].text)
        return None

    def year(self, i: int) -> int | None:
        token = self.tokens[i] if i < self.n else None
        if token and token.kind == "num" and len(token.text) == 4 and token.end - token.start == 4:
            return int(token.text)
        return None

    def count(self, i: int) -> int | None:
        token = self.tokens[i] if i < self.n else None
        if token is None:
            return None
        if (
            token.kind == "num"
            and len(token.text) <= 4
            and token.end - token.start == len(token.text)
        ):
            return int(token.text)
        return _NUMBER_WORDS.get(token.text) if token.kind == "word" else None

    def optional_year(self, i: int) -> tuple[int | None, int]:
        year = self.year(i)
        if year is not None:
            return year, i + 1
        if self.kind(i) == "comma" and (year := self.year(i + 1)) is not None:
            return year, i + 2
        return None, i

    def after_fillers(self, i: int) -> int:
        """Return the index of the first token from ``i`` that is not "the", "on" or "in"."""
        while self.word(i, _FILLERS):
            i += 1
        return i

    # phrases

    def phrase(self, i: int) -> _Match | None:
        # "in a year" and "in the past year" need the words the fillers would drop; on a
        # tie they win ("in the last year" is the past year, not "last year").
        special = self.longest(i, (self.past_span, self.in_offset, self.recent))
        general = self.longest(self.after_fillers(i), (self.since, self.approximate, self.body))
        if special is not None and (general is None or special[1] >= general[1]):
            return special
        return general

    def longest(self, i: int, rules: tuple[Callable[[int], _Match | None], ...]) -> _Match | None:
        best: _Match | None = None
        for rule in rules:
            found = rule(i)
            if found is not None and (best is None or found[1] > best[1]):
                best = found
        return best

    def body(self, i: int) -> _Match | None:
        return self.longest(
            i,
            (
                self.range,
                self.single,
                self.numeric,
                self.duration,
            ),
        )

    def approximate(self, i: int) -> _Match | None:
        if not self.word(i, _APPROXIMATE):
            return None
        found = self.body(self.after_fillers(i + 1))
        return (_Approximate(found[0]), found[1]) if found else None

    def since(self, i: int) -> _Match | None:
        if not self.word(i, ("since",)):
            return None
        found = self.longest(self.after_fillers(i + 1), (self.approximate, self.single))
        return (_Since(found[0]), found[1]) if found else None

    def single(self, i: int) -> _Match | None:
        return self.longest(
            i,
            (
                self.point,
                self.relative_day,
                self.period,
                self.part_of_period,
                self.weekday,
                self.month_relative,
                self.third,
                self.offset,
                self.day_part,
            ),
        )

    def point(self, i: int) -> tuple[_Point | _Invalid, int] | None:
        token = self.tokens[i] if i < self.n else None
        if token is None:
            return None
        if token.kind == "iso":
            try:
                value = parse_edtf(token.text).start
            except ValidationError as error:
                return _Invalid(error.errors[0].message, "iso"), i + 1
            assert isinstance(value, PartialDate)
            return _Point(value.year, value.month, value.day), i + 1
        month = _MONTHS.get(token.text) if token.kind == "word" else None
        if month is not None:
            day = self.day(i + 1)
            j = i + 1 if day is None else i + 2
            year, j = self.optional_year(j)
            return _Point(year, month, day), j
        day = self.day(i)
        if day is not None:
            j = i + 1
            if self.word(j, ("of",)) and self.word(j + 1, _MONTHS):
                j += 1
            month_word = self.word(j, _MONTHS)
            if month_word is not None:
                month = _MONTHS[month_word]
                j += 1
            year, j = self.optional_year(j)
            return _Point(year, month, day), j
        year = self.year(i)
        if year is not None:
            return _Point(year, None, None), i + 1
        return None

    def range(self, i: int) -> _Match | None:
        opener = self.word(i, ("from", "between"))
        if opener:
            i += 1
        first = self.point(i)
        if first is None:
            return None
        j = first[1]
        if (
            self.kind(j) == "dash"
            or (opener != "between" and self.word(j, _RANGE_TO))
            or (opener == "between" and self.word(j, ("and",)))
        ):
            j += 1
        else:
            return None
        last = self.point(j)
        if last is None:
            return None
        for end in (first[0], last[0]):
            if isinstance(end, _Invalid):
                return end, last[1]
        assert isinstance(first[0], _Point)
        assert isinstance(last[0], _Point)
        return _Range(first[0], last[0]), last[1]

    def numeric(self, i: int) -> _Match | None:
        parts: list[str] = []
        separator = None
        j = i
        while True:
            token = self.tokens[j] if j < self.n else None
            if token is None or token.kind != "num" or token.end - token.start != len(token.text):
                return None
            parts.append(token.text)
            j += 1
            if len(parts) == 3:
                break
            following = self.kind(j)
            if following not in ("slash", "dot", "dash") or separator not in (None, following):
                return None
            separator = following
            j += 1
        a, b, c = parts
        if len(a) == 4:
            return _Numeric((a, b, c), year_first=True), j
        if len(a) > 2 or len(b) > 2:
            return None
        return _Numeric((a, b, c), year_first=False), j

    def relative_day(self, i: int) -> _Match | None:
        word = self.word(i, ("today", "yesterday", "tomorrow"))
        return (_RelativeDay(word), i + 1) if word else None

    def period(self, i: int) -> _Match | None:
        word = self.word(i, ("this", "last", "next"))
        unit = self.word(i + 1, ("week", "month", "year"))
        if word and unit:
            return _Period({"last": -1, "this": 0, "next": 1}[word], unit), i + 2
        return None

    def part_of_period(self, i: int) -> _Match | None:
        side = self.word(i, ("earlier", "later"))
        unit = self.word(i + 2, ("week", "month", "year"))
        if side and self.word(i + 1, ("this",)) and unit:
            return _PartOfPeriod(side, unit), i + 3
        return None

    def weekday(self, i: int) -> _Match | None:
        mode = ""
        if self.word(i, ("this",)) and self.word(i + 1, ("past", "coming")):
            mode = "last" if self.tokens[i + 1].text == "past" else "next"
            i += 2
        elif word := self.word(i, ("last", "next", "this", "past", "coming")):
            mode = {"past": "last", "coming": "next"}.get(word, word)
            i += 1
        name = self.word(i, _WEEKDAYS)
        if name is None:
            return None
        weekday = _WEEKDAYS[name]
        i += 1
        if not mode:
            j = i + 1 if self.kind(i) == "comma" else i
            dated = self.point(j)
            if dated is not None and isinstance(dated[0], _Point) and dated[0].day is not None:
                return _WeekdayDate(weekday, dated[0]), dated[1]
        return _Weekday(weekday, mode), i

    def month_relative(self, i: int) -> _Match | None:
        mode = self.word(i, ("last", "next", "this"))
        name = self.word(i + 1, _MONTHS)
        if mode and name:
            return _MonthRelative(mode, _MONTHS[name]), i + 2
        return None

    def third(self, i: int) -> _Match | None:
        which = self.word(i, _THIRDS)
        if which is None:
            return None
        i += 1
        if self.kind(i) == "dash":
            i += 1
        found = self.longest(i, (self.point, self.period, self.month_relative))
        return (_Third(which, found[0]), found[1]) if found else None

    def duration(self, i: int) -> _Match | None:
        if self.word(i, ("a", "an", "the")):
            i += 1
        count = self.count(i)
        if count is None:
            return None
        i += 1
        if self.kind(i) == "dash":
            i += 1
        unit = self.word(i, _DURATION_UNITS)
        if unit is None:
            return None
        i += 1
        while self.word(i, _DURATION_ADJECTIVES):
            i += 1
        if not self.word(i, _DURATION_NOUNS):
            return None
        return _Duration(count * _DURATION_UNITS[unit]), i + 1

    def number(self, i: int) -> tuple[int, int] | None:
        """Read a count, in figures or words ("30", "thirty", "twenty-five")."""
        count = self.count(i)
        if count is None:
            return None
        tens = self.tokens[i].text in _TENS
        j = i + 2 if tens and self.kind(i + 1) == "dash" else i + 1
        unit = self.count(j) if tens else None
        if unit is not None and 1 <= unit <= 9 and self.kind(j) == "word":
            return count + unit, j + 1
        return count, i + 1

    def hedge(self, i: int) -> tuple[str | None, int]:
        """Read a hedge before a count ("nearly", "more than"); return it and the next index."""
        for size in (2, 1):
            words = tuple(t.text for t in self.tokens[i : i + size] if t.kind == "word")
            if len(words) == size and words in _HEDGES:
                return " ".join(words), i + size
        return None, i

    def quantity(self, i: int) -> tuple[int | str, int] | None:
        """Read a count, or a word that stands for one but gives no number ("a few")."""
        article = self.word(i, ("a", "an"))
        j = i + 1 if article else i
        vague = self.word(j, _VAGUE_COUNTS)
        if vague is not None:
            j += 1
            if self.word(j, ("of",)):
                j += 1
            return f"{article} {vague}" if article else vague, j
        if article:
            return 1, j
        return self.number(i)

    def counted(self, i: int, hedges: bool = True) -> tuple[int | str, str, str | None, int] | None:
        """Read ``[hedge] count unit``: the count (or a vague word), unit, hedge, next index."""
        hedge, j = self.hedge(i) if hedges else (None, i)
        if hedge is None and hedges and self.word(i, _APPROXIMATE):
            hedge, j = self.tokens[i].text, i + 1
        found = self.quantity(j)
        if found is None and self.word(j, _OFFSET_UNITS) and self.tokens[j].text.endswith("s"):
            found = "", j  # "decades ago": a plural with no count
        if found is None:
            return None
        count, j = found
        unit = self.word(j, _OFFSET_UNITS)
        if unit is None:
            return None
        return count, _OFFSET_UNITS[unit], hedge, j + 1

    def offset(self, i: int) -> _Match | None:
        """``[hedge] count unit ago|earlier|later|from now``."""
        found = self.counted(i)
        if found is None:
            return None
        count, unit, hedge, j = found
        if hedge is not None and hedge in _APPROXIMATE:
            return None  # "about 3 years ago": the approximate rule reads it
        direction = self.word(j, ("ago", "earlier", "later"))
        if direction is not None:
            j += 1
        elif self.word(j, ("from",)) and self.word(j + 1, ("now",)):
            direction, j = "from now", j + 2
        else:
            return None
        phrase = " ".join(t.text for t in self.tokens[i:j])
        return self.offset_node(count, unit, direction, hedge, phrase), j

    def in_offset(self, i: int) -> _Match | None:
        """``in [hedge] count unit``: "in a year", "in about two weeks"."""
        if not self.word(i, ("in",)):
            return None
        found = self.counted(i + 1)
        if found is None:
            return None
        count, unit, hedge, j = found
        phrase = " ".join(t.text for t in self.tokens[i:j])
        return self.offset_node(count, unit, "in", hedge, phrase), j

    def offset_node(
        self, count: int | str, unit: str, direction: str, hedge: str | None, phrase: str
    ) -> _Node:
        if isinstance(count, str):
            return _Invalid(_no_number(phrase, count, unit))
        if count < 1:
            return _Invalid(f"{phrase!r} counts no {unit}s")
        return _Offset(count, unit, direction, hedge)

    def past_span(self, i: int) -> _Match | None:
        """``[over|in|during|for|within|throughout] the past|last [count] unit``."""
        j = i + 1 if self.word(i, ("over", "in", "during", "for", "within", "throughout")) else i
        if not (self.word(j, ("the",)) and self.word(j + 1, ("past", "last"))):
            return None
        j += 2
        unit = self.word(j, _OFFSET_UNITS)
        if unit is not None and not unit.endswith("s"):
            count: int | str = 1  # "the past year"
            j += 1
        else:
            found = self.counted(j, hedges=False)
            if found is None:
                return None
            count, unit, _, j = found
        unit = _OFFSET_UNITS[unit]
        phrase = " ".join(t.text for t in self.tokens[i:j])
        if isinstance(count, str):
            return _Invalid(_no_number(phrase, count, unit)), j
        if count < 1:
            return _Invalid(f"{phrase!r} counts no {unit}s"), j
        return _PastSpan(count, unit), j

    def recent(self, i: int) -> _Match | None:
        """``[in|over|during] recent days|weeks|months|years``: vague, so refused."""
        j = i + 1 if self.word(i, ("in", "over", "during")) else i
        unit = self.word(j + 1, _OFFSET_UNITS) if self.word(j, ("recent",)) else None
        if unit is None:
            return None
        phrase = " ".join(t.text for t in self.tokens[i : j + 2])
        return _Invalid(
            f"{phrase!r} is vague: it does not say how long before the reference"
        ), j + 2

    def day_part(self, i: int) -> _Match | None:
        """``earlier|later|early|late [on] <day>``: "later Thursday", "early today"."""
        side = self.word(i, ("earlier", "later", "early", "late"))
        if side is None:
            return None
        j = i + 2 if self.word(i + 1, ("on",)) else i + 1
        found = self.longest(j, (self.weekday, self.relative_day))
        return (_DayPart(side, found[0]), found[1]) if found else None
