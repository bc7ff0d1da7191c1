"""Specification of diplomev.dates: the EDTF subset, the value types and their order."""

from __future__ import annotations

import calendar
import datetime
import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomev import dates
from diplomev.dates import Bound, EventDate, PartialDate, Precision, parse_edtf
from diplomev.errors import ValidationError

D = datetime.date
MIN, MAX = datetime.date.min, datetime.date.max
YEAR, MONTH, DAY = Precision.YEAR, Precision.MONTH, Precision.DAY


# --- the text format ------------------------------------------------------------------

VALID = [
    # text, lower, upper, precision, is_interval
    ("2026", D(2026, 1, 1), D(2026, 12, 31), YEAR, False),
    ("2026-01", D(2026, 1, 1), D(2026, 1, 31), MONTH, False),
    ("2026-01-05", D(2026, 1, 5), D(2026, 1, 5), DAY, False),
    ("2026-01-05?", D(2026, 1, 5), D(2026, 1, 5), DAY, False),
    ("2026-01~", D(2026, 1, 1), D(2026, 1, 31), MONTH, False),
    ("2016%", D(2016, 1, 1), D(2016, 12, 31), YEAR, False),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), MONTH, False),
    ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), DAY, False),
    ("2000-02", D(2000, 2, 1), D(2000, 2, 29), MONTH, False),
    ("2100-02", D(2100, 2, 1), D(2100, 2, 28), MONTH, False),
    ("2026-04", D(2026, 4, 1), D(2026, 4, 30), MONTH, False),
    ("2026-12-31", D(2026, 12, 31), D(2026, 12, 31), DAY, False),
    ("0001", D(1, 1, 1), D(1, 12, 31), YEAR, False),
    ("9999-12-31", D(9999, 12, 31), D(9999, 12, 31), DAY, False),
    ("2026-01-04/2026-01-06", D(2026, 1, 4), D(2026, 1, 6), DAY, True),
    ("2026-01-04?/2026-01-06?", D(2026, 1, 4), D(2026, 1, 6), DAY, True),
    ("1984?/2004-06~", D(1984, 1, 1), D(2004, 6, 30), MONTH, True),
    ("2004-02-01/2005", D(2004, 2, 1), D(2005, 12, 31), DAY, True),
    ("2016/..", D(2016, 1, 1), MAX, YEAR, True),
    ("2016?/..", D(2016, 1, 1), MAX, YEAR, True),
    ("../1985", MIN, D(1985, 12, 31), YEAR, True),
    ("/2006", MIN, D(2006, 12, 31), YEAR, True),
    ("2004-06-01/", D(2004, 6, 1), MAX, DAY, True),
    ("2026-01-05?/", D(2026, 1, 5), MAX, DAY, True),
    # Ends may overlap or coincide; only an end wholly before the start is wrong.
    ("2026-01-05/2026-01-05", D(2026, 1, 5), D(2026, 1, 5), DAY, True),
    ("2026/2026-01", D(2026, 1, 1), D(2026, 1, 31), MONTH, True),
    ("2026-06/2026", D(2026, 6, 1), D(2026, 12, 31), MONTH, True),
]


@pytest.mark.parametrize(("text", "lower", "upper", "precision", "is_interval"), VALID)
def test_valid_text(text: str, lower: D, upper: D, precision: Precision, is_interval: bool) -> None:
    parsed = parse_edtf(text)
    assert parsed.lower() == lower
    assert parsed.upper() == upper
    assert parsed.precision is precision
    assert parsed.is_interval is is_interval
    assert str(parsed) == text


INVALID = [
    # text, a fragment of the message
    ("", "empty"),
    ("2026-02-30", "day is out of range for month"),
    ("2026-02-29", "day is out of range for month"),
    ("2100-02-29", "day is out of range for month"),
    ("2026-04-31", "day is out of range for month"),
    ("2026-01-00", "day is out of range for month"),
    ("2026-01-32", "day is out of range for month"),
    ("2026-13", "month is out of range"),
    ("2026-00", "month is out of range"),
    ("2026-13-01", "month is out of range"),
    ("2026-21", "seasons"),
    ("0000", "year 0000 is not supported"),
    ("0000-01-01", "year 0000 is not supported"),
    ("20260105", "4-digit year"),
    ("12026", "4-digit year"),
    ("2026-W02-1", "week"),
    ("2026-W02", "week"),
    ("2026-005", "ordinal"),
    ("2026-01-05T10:00", "times"),
    ("2026-01-05T10:00:00Z", "times"),
    ("2026-01-05 10:00", "whitespace"),
    (" 2026", "whitespace"),
    ("2026 ", "whitespace"),
    ("2026\n", "whitespace"),
    ("2026 / 2027", "whitespace"),
    ("+2026", "signed"),
    ("-1985", "signed"),
    ("Y170000002", "Y-prefixed"),
    ("201X", "unspecified digits"),
    ("2026-XX", "unspecified digits"),
    ("26", "4 digits"),
    ("985", "4 digits"),
    ("2026-1-5", "expected YYYY"),
    ("2026-01-5", "expected YYYY"),
    ("2026??", "expected YYYY"),
    ("2026?~", "expected YYYY"),
    ("?2026", "expected YYYY"),
    ("2026-01-05x", "expected YYYY"),
    ("2026-01-05Z", "expected YYYY"),
    ("abcd", "expected YYYY"),
    ("\u0662\u0660\u0662\u0666", "expected YYYY"),  # Arabic-Indic digits are not ASCII
    ("2026/unknown", "expected YYYY"),
    ("open/2026", "expected YYYY"),
    ("..", "only allowed in an interval"),
    ("/", "at least one date end"),
    ("../..", "at least one date end"),
    ("/..", "at least one date end"),
    ("../", "at least one date end"),
    ("2026/2027/2028", "exactly one '/'"),
    ("2026//2027", "exactly one '/'"),
    ("2026-01-06/2026-01-04", "ends before it starts"),
    ("2027/2026-12", "ends before it starts"),
    ("2026-01-05/2026-01-05T10:00", "times"),
    ("2026-13/2026-02-30", "month is out of range"),
]


@pytest.mark.parametrize(("text", "fragment"), INVALID)
def test_invalid_text(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_edtf(text)
    assert info.value.paths
    assert set(info.value.paths) == {"$"}
    messages = [detail.message for detail in info.value.errors]
    assert any(fragment in message for message in messages), messages
    assert all(repr(text) in message for message in messages), messages


def test_invalid_text_message_is_exact() -> None:
    # errors.py's module doctest shows this message.
    with pytest.raises(ValidationError) as info:
        parse_edtf("2026-02-30")
    assert [str(d) for d in info.value.errors] == [
        "$: day is out of range for month in '2026-02-30'"
    ]


def test_both_ends_wrong_reports_both() -> None:
    with pytest.raises(ValidationError) as info:
        parse_edtf("2026-13/2026-02-30")
    messages = [detail.message for detail in info.value.errors]
    assert len(messages) == 2
    assert "month is out of range" in messages[0]
    assert "day is out of range" in messages[1]


@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        (2026, "int"),
        (None, "NoneType"),
        (b"2026", "bytes"),
        (["2026"], "list"),
        (D(2026, 1, 5), "date"),
    ],
)
def test_non_string_input(value: Any, type_name: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_edtf(value)
    assert [str(d) for d in info.value.errors] == [f"$: expected a string, got {type_name}"]


def test_str_subclass_is_read_as_its_text() -> None:
    class Text(str):
        __slots__ = ()

    parsed = parse_edtf(Text("2026-01-05?"))
    assert parsed == EventDate.day(2026, 1, 5, uncertain=True)
    assert type(parsed) is EventDate


def test_successes_are_memoized_and_failures_raise_every_time() -> None:
    text = "1998-07-13~/2001?"
    assert parse_edtf(text) is parse_edtf("".join(["1998-07-13~/", "2001?"]))
    for _ in range(3):
        with pytest.raises(ValidationError):
            parse_edtf("2026-02-30")


# --- PartialDate ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "last_day"),
    [(2024, 29), (2000, 29), (2100, 28), (1900, 28), (2023, 28), (4, 29), (9996, 29)],
)
def test_february_respects_leap_years(year: int, last_day: int) -> None:
    assert PartialDate(year, 2).upper() == D(year, 2, last_day)
    assert PartialDate(year, 2, last_day).lower() == D(year, 2, last_day)
    with pytest.raises(ValidationError) as info:
        PartialDate(year, 2, last_day + 1)
    assert info.value.paths == ("$.day",)


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"year": 2026}, "2026"),
        ({"year": 2026, "month": 1}, "2026-01"),
        ({"year": 2026, "month": 1, "day": 5}, "2026-01-05"),
        ({"year": 2026, "month": 1, "day": 5, "uncertain": True}, "2026-01-05?"),
        ({"year": 2026, "approximate": True}, "2026~"),
        ({"year": 2026, "month": 1, "uncertain": True, "approximate": True}, "2026-01%"),
        ({"year": 1}, "0001"),
        ({"year": 987, "month": 6}, "0987-06"),
    ],
)
def test_partial_date_text(kwargs: dict[str, Any], text: str) -> None:
    assert str(PartialDate(**kwargs)) == text


def test_partial_date_positional_and_keyword_construction_agree() -> None:
    assert PartialDate(2026, 1, 5) == PartialDate(year=2026, month=1, day=5)
    assert PartialDate(2026, 1, 5, True, False) == PartialDate(2026, 1, 5, uncertain=True)
    assert hash(PartialDate(2026, 1, 5)) == hash(PartialDate(year=2026, month=1, day=5))


@pytest.mark.parametrize(
    ("kwargs", "paths"),
    [
        ({"year": "x", "month": 13}, ("$.year", "$.month")),
        ({"year": 0}, ("$.year",)),
        ({"year": 10000}, ("$.year",)),
        ({"year": -1985}, ("$.year",)),
        ({"year": 2026.0}, ("$.year",)),
        ({"year": True}, ("$.year",)),
        ({"year": 2026, "month": True}, ("$.month",)),
        ({"year": 2026, "month": "01"}, ("$.month",)),
        ({"year": 2026, "month": 0}, ("$.month",)),
        ({"year": 2026, "day": 5}, ("$.day",)),
        ({"year": 2026, "month": 2, "day": 30}, ("$.day",)),
        ({"year": 2026, "month": 4, "day": 31}, ("$.day",)),
        ({"year": 2026, "month": 1, "day": 0}, ("$.day",)),
        ({"year": 2026, "month": 1, "day": False}, ("$.day",)),
        ({"year": 2026, "uncertain": 1}, ("$.uncertain",)),
        ({"year": 2026, "approximate": None}, ("$.approximate",)),
        (
            {"year": None, "month": "1", "day": 1.5, "uncertain": "yes", "approximate": 0},
            ("$.year", "$.month", "$.day", "$.uncertain", "$.approximate"),
        ),
        ({"year": 0, "month": 13, "day": 32}, ("$.year", "$.month", "$.day")),
        # The calendar check needs a valid year and month; a bad day alone is still reported.
        ({"year": "x", "month": 2, "day": 31}, ("$.year",)),
        ({"year": "x", "month": 2, "day": 32}, ("$.year", "$.day")),
    ],
)
def test_partial_date_lists_every_problem(kwargs: dict[str, Any], paths: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError) as info:
        PartialDate(**kwargs)
    assert info.value.paths == paths


def test_partial_date_problem_messages() -> None:
    with pytest.raises(ValidationError) as info:
        PartialDate(year="x", month=13)  # type: ignore[arg-type]
    assert [str(d) for d in info.value.errors] == [
        "$.year: expected an int, got str",
        "$.month: month 13 is out of range 1-12",
    ]
    with pytest.raises(ValidationError) as info:
        PartialDate(0)
    assert "0000" in info.value.errors[0].message
    with pytest.raises(ValidationError) as info:
        PartialDate(2026, 2, 30)
    assert "2026-02" in info.value.errors[0].message
    assert "28 days" in info.value.errors[0].message


def test_evolve_validates() -> None:
    date = PartialDate(2026, 1, 31)
    assert attrs.evolve(date, month=3) == PartialDate(2026, 3, 31)
    with pytest.raises(ValidationError) as info:
        attrs.evolve(date, month=2)
    assert info.value.paths == ("$.day",)


def test_values_are_frozen() -> None:
    date = PartialDate(2026)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        date.year = 2027  # type: ignore[misc]
    event = EventDate(date)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.end = Bound.OPEN  # type: ignore[misc]


# --- EventDate ------------------------------------------------------------------------


def test_constructors_for_people() -> None:
    assert EventDate.day(2026, 1, 5) == EventDate(PartialDate(2026, 1, 5))
    assert EventDate.month(2025, 11, approximate=True) == EventDate(
        PartialDate(2025, 11, approximate=True)
    )
    assert EventDate.year(2019, uncertain=True) == EventDate(PartialDate(2019, uncertain=True))
    assert str(EventDate.day(2026, 1, 5, uncertain=True, approximate=True)) == "2026-01-05%"


def test_constructors_for_people_insist_on_their_precision() -> None:
    with pytest.raises(ValidationError) as info:
        EventDate.day(2026, None, None)  # type: ignore[arg-type]
    assert info.value.paths == ("$.month", "$.day")
    with pytest.raises(ValidationError) as info:
        EventDate.month(2026, None)  # type: ignore[arg-type]
    assert info.value.paths == ("$.month",)
    with pytest.raises(ValidationError) as info:
        EventDate.day(2026, 2, 30)
    assert info.value.paths == ("$.day",)


def test_interval_accepts_single_event_dates_partial_dates_and_bounds() -> None:
    expected = EventDate(PartialDate(2026, 1, 4), PartialDate(2026, 1, 6, uncertain=True))
    assert EventDate.interval(EventDate.day(2026, 1, 4), PartialDate(2026, 1, 6, True)) == expected
    assert str(EventDate.interval(EventDate.year(2016), Bound.OPEN)) == "2016/.."
    assert str(EventDate.interval(Bound.UNKNOWN, EventDate.year(2006))) == "/2006"


def test_interval_rejects_intervals_and_other_types_as_ends() -> None:
    with pytest.raises(ValidationError) as info:
        EventDate.interval(parse_edtf("2026/2027"), "2028")  # type: ignore[arg-type]
    assert info.value.paths == ("$.start", "$.end")
    assert "'2026/2027'" in info.value.errors[0].message
    with pytest.raises(ValidationError) as info:
        EventDate.interval(EventDate.year(2026), None)  # type: ignore[arg-type]
    assert info.value.paths == ("$.end",)


@pytest.mark.parametrize(
    ("args", "paths"),
    [
        ((Bound.OPEN,), ("$.start",)),
        ((Bound.UNKNOWN,), ("$.start",)),
        (("2026",), ("$.start",)),
        ((None,), ("$.start",)),
        ((PartialDate(2026), "2027"), ("$.end",)),
        (("2026", "2027"), ("$.start", "$.end")),
        ((Bound.OPEN, Bound.UNKNOWN), ("$",)),
        ((Bound.UNKNOWN, Bound.UNKNOWN), ("$",)),
        ((PartialDate(2026, 1, 6), PartialDate(2026, 1, 4)), ("$",)),
        ((PartialDate(2027), PartialDate(2026, 12, 31)), ("$",)),
    ],
)
def test_event_date_validation(args: tuple[Any, ...], paths: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError) as info:
        EventDate(*args)
    assert info.value.paths == paths


def test_interval_that_ends_before_it_starts_is_quoted() -> None:
    with pytest.raises(ValidationError) as info:
        EventDate(PartialDate(2026, 1, 6), PartialDate(2026, 1, 4))
    assert [str(d) for d in info.value.errors] == [
        "$: interval ends before it starts in '2026-01-06/2026-01-04'"
    ]


@pytest.mark.parametrize(
    ("text", "precision"),
    [("2016/2026-01-05", DAY), ("2026-01/2027", MONTH), ("../2026-01", MONTH), ("2016/..", YEAR)],
)
def test_interval_precision_is_the_finest_date_end(text: str, precision: Precision) -> None:
    assert parse_edtf(text).precision is precision


def test_enum_values() -> None:
    assert [p.value for p in Precision] == ["year", "month", "day"]
    assert Bound("") is Bound.UNKNOWN
    assert Bound("..") is Bound.OPEN


def test_public_names() -> None:
    assert sorted(dates.__all__) == ["Bound", "EventDate", "PartialDate", "Precision", "parse_edtf"]


def test_comparison_with_other_types() -> None:
    date = EventDate.year(2026)
    others: list[object] = [5, "2026", PartialDate(2026), D(2026, 1, 1)]
    for other in others:
        assert date != other
        with pytest.raises(TypeError):
            _ = date < other
        with pytest.raises(TypeError):
            _ = date >= other


def test_order_examples() -> None:
    texts = ["2026", "2026-01-05", "2026-01", "2025/..", "/2026", "../2026", "2026-01-05?"]
    ordered = [str(d) for d in sorted(parse_edtf(t) for t in texts)]
    assert ordered == [
        "../2026",  # date.min start; ties with "/2026" broken by the text
        "/2026",
        "2025/..",
        "2026-01",  # same first day as "2026", earlier last day
        "2026",
        "2026-01-05",  # ties with "2026-01-05?" broken by the text
        "2026-01-05?",
    ]


# --- properties -----------------------------------------------------------------------

# Years clustered near the present make equal and tied values likely, which the
# ordering properties need; the full range covers the calendar edges.
years = st.one_of(st.integers(2024, 2026), st.integers(1, 9999))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(years)
    precision = draw(st.sampled_from(Precision))
    month = day = None
    if precision is not YEAR:
        month = draw(st.integers(1, 12))
        if precision is DAY:
            day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day, draw(st.booleans()), draw(st.booleans()))


ends = st.one_of(partial_dates(), st.sampled_from(Bound))


@st.composite
def intervals(draw: st.DrawFn) -> EventDate:
    start, end = draw(ends), draw(ends)
    if isinstance(start, Bound) and isinstance(end, Bound):
        start = draw(partial_dates())
    if (
        isinstance(start, PartialDate)
        and isinstance(end, PartialDate)
        and end.upper() < start.lower()
    ):
        start, end = end, start
    return EventDate(start, end)


event_dates = st.one_of(partial_dates().map(EventDate), intervals())


@given(event_dates)
def test_text_round_trip(date: EventDate) -> None:
    assert parse_edtf(str(date)) == date
    assert str(parse_edtf(str(date))) == str(date)


@given(partial_dates())
def test_partial_date_bounds(date: PartialDate) -> None:
    lower, upper = date.lower(), date.upper()
    assert lower <= upper
    assert lower.year == upper.year == date.year
    assert lower.day == 1 or date.precision is DAY
    if date.precision is YEAR:
        assert (lower, upper) == (D(date.year, 1, 1), D(date.year, 12, 31))
    elif date.precision is MONTH:
        assert lower.month == upper.month == date.month
        # The last day of a month is the one whose next day starts another month.
        assert upper == MAX or (upper + datetime.timedelta(days=1)).day == 1
    else:
        assert lower == upper == D(date.year, date.month, date.day)  # type: ignore[arg-type]


@given(event_dates)
def test_event_date_bounds(date: EventDate) -> None:
    assert date.lower() <= date.upper()
    if isinstance(date.start, PartialDate):
        assert date.lower() == date.start.lower()
    else:
        assert date.lower() == MIN
    last = date.start if date.end is None else date.end
    assert date.upper() == (MAX if isinstance(last, Bound) else last.upper())


@given(event_dates)
def test_precision_is_never_none(date: EventDate) -> None:
    assert date.precision in set(Precision)
    if not date.is_interval:
        assert isinstance(date.start, PartialDate)
        assert date.precision is date.start.precision


@given(event_dates, event_dates)
def test_order_is_consistent_with_equality(a: EventDate, b: EventDate) -> None:
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b and b <= a) == (a == b)
    assert (a < b) == (b > a)
    assert (a <= b) == (not a > b)
    assert (a >= b) == (not a < b)
    if a == b:
        assert hash(a) == hash(b)
        assert str(a) == str(b)


@given(event_dates)
def test_equal_copies_hash_alike(date: EventDate) -> None:
    copy = attrs.evolve(date)
    assert copy == date
    assert hash(copy) == hash(date)
    assert len({date, copy, parse_edtf(str(date))}) == 1


@given(st.lists(event_dates, max_size=10), st.data())
def test_sorting_is_a_total_order(values: list[EventDate], data: st.DataObject) -> None:
    ordered = sorted(values)
    assert all(x <= y for x, y in itertools.pairwise(ordered))
    # A total order sorts every permutation the same way.
    assert sorted(data.draw(st.permutations(values))) == ordered


@given(event_dates, event_dates, event_dates)
def test_order_is_transitive(a: EventDate, b: EventDate, c: EventDate) -> None:
    if a <= b and b <= c:
        assert a <= c
    if a < b and b < c:
        assert a < c


@given(st.text(alphabet="0123456789-/?~%.XTW: ", max_size=24))
def test_any_text_parses_canonically_or_fails_cleanly(text: str) -> None:
    failure: ValidationError | None = None
    try:
        parsed = parse_edtf(text)
    except ValidationError as error:
        failure = error
    if failure is None:
        assert str(parsed) == text
    else:
        assert failure.paths
        assert set(failure.paths) == {"$"}


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_day_text_agrees_with_the_calendar(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    if day <= calendar.monthrange(year, month)[1]:
        assert parse_edtf(text).lower() == D(year, month, day)
    else:
        with pytest.raises(ValidationError):
            parse_edtf(text)


NON_ASCII_DIGITS = [
    "\uff12\uff10\uff11\uff18-06-01",  # fullwidth 2018
    "2018-0\u0666-01",  # an Arabic-Indic six
    "\u0968\u0966\u0967\u096e",  # Devanagari 2018
    "2018-06-\U0001d7ce\U0001d7cf",  # mathematical bold 01
    "2018-06-01/2018-06-0\u00b2",  # a superscript two
]


@pytest.mark.parametrize("text", NON_ASCII_DIGITS)
def test_dates_are_written_in_ascii_digits_only(text: str) -> None:
    import diplomev
    from diplomev.reading.dates import parse_date

    with pytest.raises(ValidationError):
        parse_edtf(text)
    with pytest.raises(ValidationError):
        parse_date(text)
    record = {"type": "statement", "id": "s", "date": text,
              "speakers": [{"type": "country", "code": "KOR"}]}  # fmt: skip
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(record)
    assert excinfo.value.codes == ("invalid_date",)
    published = {**record, "date": "2018", "sources": [{"title": "t", "published": text}]}
    with pytest.raises(ValidationError) as excinfo:
        diplomev.from_dict(published)
    assert excinfo.value.paths == ("$.sources[0].published",)
