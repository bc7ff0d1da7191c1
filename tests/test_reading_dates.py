"""Specification of diplomev.reading.dates: EDTF and news date phrases, read or refused."""

from __future__ import annotations

import calendar
import datetime
import json
import pickle
from typing import Any

import attrs
import dateutil.parser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomev.dates import Bound, EventDate, PartialDate, Precision, parse_edtf
from diplomev.errors import ValidationError
from diplomev.reading.dates import DateReading, parse_date, read_date, span_including

from .conftest import ARTICLE, GOLDEN

D = datetime.date
REF = D(2026, 1, 5)  # Monday; the seed article's publication date
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
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
]


def message(error: ValidationError) -> str:
    assert len(error.errors) == 1
    assert error.errors[0].path == "$"
    return error.errors[0].message


# --- the table of phrases -----------------------------------------------------------------

# phrase, reference, expected EDTF, rule identifier; REF is Monday 2026-01-05.
PHRASES: list[tuple[str, D | None, str, str]] = [
    # EDTF and ISO, read as they are
    ("2026-01-05", None, "2026-01-05", "edtf"),
    ("2026-01", None, "2026-01", "edtf"),
    ("2016", None, "2016", "edtf"),
    ("2026-01-04/2026-01-06", None, "2026-01-04/2026-01-06", "edtf"),
    ("2016?/..", REF, "2016?/..", "edtf"),
    ("../1985", None, "../1985", "edtf"),
    ("/2006", None, "/2006", "edtf"),
    (" 2026-01-05? ", None, "2026-01-05?", "edtf"),
    ("\t2026-01~\n", None, "2026-01~", "edtf"),
    # weekdays: past-leaning
    ("Monday", REF, "2026-01-05", "weekday"),
    ("on Monday", REF, "2026-01-05", "weekday"),
    ("on Friday", REF, "2026-01-02", "weekday"),
    ("Sunday", REF, "2026-01-04", "weekday"),
    ("Tuesday", REF, "2025-12-30", "weekday"),
    ("on Tues.", REF, "2025-12-30", "weekday"),
    ("THURS", REF, "2026-01-01", "weekday"),
    ("last Tuesday", REF, "2025-12-30", "weekday-last"),
    ("last Monday", REF, "2025-12-29", "weekday-last"),
    ("this past Monday", REF, "2025-12-29", "weekday-last"),
    ("last Friday", D(2026, 1, 8), "2026-01-02", "weekday-last"),
    ("next Monday", REF, "2026-01-12", "weekday-next"),
    ("next Tuesday", REF, "2026-01-06", "weekday-next"),
    ("this coming Sunday", REF, "2026-01-11", "weekday-next"),
    ("this Monday", D(2026, 1, 7), "2026-01-05", "weekday-this"),
    ("this Friday", D(2026, 1, 7), "2026-01-09", "weekday-this"),
    ("this Sunday", REF, "2026-01-11", "weekday-this"),
    ("Sunday, Jan. 4", REF, "2026-01-04", "day-month"),
    ("Sunday, January 4, 2026", None, "2026-01-04", "explicit"),
    ("on Sunday Jan 4", REF, "2026-01-04", "day-month"),
    # today, yesterday, tomorrow; ago
    ("today", REF, "2026-01-05", "today"),
    ("Yesterday", REF, "2026-01-04", "yesterday"),
    ("tomorrow", D(2025, 12, 31), "2026-01-01", "tomorrow"),
    ("two days ago", REF, "2026-01-03", "ago"),
    ("a week ago", REF, "2025-12-29", "ago"),
    ("3 months ago", REF, "2025-10", "ago"),
    ("ten years ago", REF, "2016~", "ago"),  # a round number of years: approximate
    # counted offsets: ago, earlier, later, in; hedged counts
    ("a day earlier", REF, "2026-01-04", "earlier"),
    ("two days earlier", REF, "2026-01-03", "earlier"),
    ("a week later", REF, "2026-01-12", "later"),
    ("three months later", REF, "2026-04", "later"),
    ("a year earlier", REF, "2025~", "earlier"),
    ("30 years ago", D(2023, 6, 1), "1993~", "ago"),
    ("thirty years ago", D(2023, 6, 1), "1993~", "ago"),
    ("twenty-five years ago", REF, "2001~", "ago"),
    ("three decades ago", REF, "1996~", "ago"),
    ("nearly three decades ago", REF, "1996~", "ago"),
    ("almost 30 years ago", REF, "1996~", "ago"),
    ("more than a decade ago", REF, "2016~", "ago"),
    ("some 30 years ago", REF, "1996~", "ago"),
    ("nearly two weeks ago", REF, "2025-12-22~", "ago"),
    ("about 30 years ago", REF, "1996~", "approximate"),
    ("in a year", REF, "2027~", "in"),
    ("in two weeks", REF, "2026-01-19", "in"),
    ("in about two weeks", REF, "2026-01-19~", "in"),
    ("in three months", REF, "2026-04", "in"),
    ("a year from now", REF, "2027~", "in"),
    # the past N units: from about that long before the reference to the reference
    ("over the past year", REF, "2025-01-05~/2026-01-05", "past"),
    ("in the past year", REF, "2025-01-05~/2026-01-05", "past"),
    ("in the last year", REF, "2025-01-05~/2026-01-05", "past"),  # not "last year"
    ("over the past six months", REF, "2025-07-05~/2026-01-05", "past"),
    ("during the past two weeks", REF, "2025-12-22~/2026-01-05", "past"),
    ("the past decade", REF, "2016-01-05~/2026-01-05", "past"),
    ("over the last 14 months", D(2024, 3, 31), "2023-01-31~/2024-03-31", "past"),
    # a part of a day is the day
    ("later Thursday", REF, "2026-01-01", "day-part"),
    ("later Monday", REF, "2026-01-05", "day-part"),
    ("earlier on Sunday", REF, "2026-01-04", "day-part"),
    ("late Friday", REF, "2026-01-02", "day-part"),
    ("early today", REF, "2026-01-05", "day-part"),
    ("late yesterday", REF, "2026-01-04", "day-part"),
    # this, last, next week / month / year
    ("this week", REF, "2026-01-05/2026-01-11", "period"),
    ("this week", D(2026, 1, 11), "2026-01-05/2026-01-11", "period"),
    ("last week", REF, "2025-12-29/2026-01-04", "period"),
    ("next week", REF, "2026-01-12/2026-01-18", "period"),
    ("this month", REF, "2026-01", "period"),
    ("last month", REF, "2025-12", "period"),
    ("next month", D(2026, 12, 31), "2027-01", "period"),
    ("last month", D(2026, 3, 31), "2026-02", "period"),
    ("this year", REF, "2026", "period"),
    ("last year", REF, "2025", "period"),
    ("next year", REF, "2027", "period"),
    # earlier / later this ...
    ("later this month", REF, "2026-01-06/2026-01-31", "later-this"),
    ("earlier this month", REF, "2026-01-01/2026-01-04", "earlier-this"),
    ("earlier this month", D(2026, 1, 2), "2026-01-01", "earlier-this"),
    ("later this month", D(2024, 2, 27), "2024-02-28/2024-02-29", "later-this"),
    ("later this week", REF, "2026-01-06/2026-01-11", "later-this"),
    ("earlier this week", D(2026, 1, 8), "2026-01-05/2026-01-07", "earlier-this"),
    ("later this year", D(2026, 11, 5), "2026-11-06/2026-12-31", "later-this"),
    # early / mid / late: thirds, approximate
    ("early 2025", None, "2025-01~/2025-04~", "third"),
    ("mid-2025", None, "2025-05~/2025-08~", "third"),
    ("in mid 2025", None, "2025-05~/2025-08~", "third"),
    ("late 2025", None, "2025-09~/2025-12~", "third"),
    ("early January 2026", None, "2026-01-01~/2026-01-10~", "third"),
    ("mid-November", REF, "2025-11-11~/2025-11-20~", "third"),
    ("late February 2024", None, "2024-02-21~/2024-02-29~", "third"),
    ("late Feb. 2025", None, "2025-02-21~/2025-02-28~", "third"),
    ("early next month", REF, "2026-02-01~/2026-02-10~", "third"),
    ("late last year", REF, "2025-09~/2025-12~", "third"),
    # months
    ("November", REF, "2025-11", "month"),
    ("January", REF, "2026-01", "month"),
    ("in December", REF, "2025-12", "month"),
    ("Sept.", D(2025, 9, 30), "2025-09", "month"),
    ("last September", REF, "2025-09", "month-last"),
    ("last January", REF, "2025-01", "month-last"),
    ("last September", D(2025, 10, 1), "2025-09", "month-last"),
    ("next September", REF, "2026-09", "month-next"),
    ("next January", REF, "2027-01", "month-next"),
    ("this September", REF, "2026-09", "month-this"),
    ("in March 2023", None, "2023-03", "explicit"),
    ("March 2023", REF, "2023-03", "explicit"),
    ("Sept. 2025", None, "2025-09", "explicit"),
    ("in 2019", None, "2019", "explicit"),
    # since: open intervals
    ("since November", REF, "2025-11/..", "since"),
    ("since 2019", None, "2019/..", "since"),
    ("since January", REF, "2026-01/..", "since"),
    ("since March 2023", None, "2023-03/..", "since"),
    ("since Monday", D(2026, 1, 7), "2026-01-05/..", "since"),
    ("since last week", REF, "2025-12-29/..", "since"),
    ("since early 2025", None, "2025-01~/..", "since"),
    ("since around 2016", None, "2016~/..", "since"),
    ("since 2026-01-05", None, "2026-01-05/..", "since"),
    # explicit dates keep their precision
    ("January 5, 2026", None, "2026-01-05", "explicit"),
    ("January 5 2026", None, "2026-01-05", "explicit"),
    ("5 January 2026", None, "2026-01-05", "explicit"),
    ("5 January, 2026", None, "2026-01-05", "explicit"),
    ("the 5th of January 2026", None, "2026-01-05", "explicit"),
    ("on Jan. 5, 2026.", None, "2026-01-05", "explicit"),
    ("JAN 5, 2026", None, "2026-01-05", "explicit"),
    ("Sept. 1st, 2025", None, "2025-09-01", "explicit"),
    ("Jan. 5", REF, "2026-01-05", "day-month"),
    ("Jan 4", REF, "2026-01-04", "day-month"),
    ("Jan. 6", REF, "2025-01-06", "day-month"),
    ("Dec. 30", REF, "2025-12-30", "day-month"),
    ("30 December", REF, "2025-12-30", "day-month"),
    ("the 1st of May", REF, "2025-05-01", "day-month"),
    ("Feb. 29", REF, "2024-02-29", "day-month"),
    ("February 29", D(2104, 3, 1), "2104-02-29", "day-month"),
    ("February 29", D(2104, 2, 28), "2096-02-29", "day-month"),
    # ranges
    ("Jan 4-7, 2026", None, "2026-01-04/2026-01-07", "range"),
    ("Jan 4 - 7, 2026", None, "2026-01-04/2026-01-07", "range"),
    ("January 4 to 7, 2026", None, "2026-01-04/2026-01-07", "range"),
    ("4-7 January", REF, "2026-01-04/2026-01-07", "range"),
    ("4–7 January 2026", None, "2026-01-04/2026-01-07", "range"),
    ("4—7 January 2026", None, "2026-01-04/2026-01-07", "range"),
    ("Jan. 30 to Feb. 2", REF, "2025-01-30/2025-02-02", "range"),
    ("Jan. 30 to Feb. 2", D(2026, 2, 1), "2026-01-30/2026-02-02", "range"),
    ("Jan. 30 – Feb. 2, 2026", None, "2026-01-30/2026-02-02", "range"),
    ("Dec. 30 - Jan. 2, 2026", None, "2025-12-30/2026-01-02", "range"),
    ("Dec. 30 - Jan. 2", REF, "2025-12-30/2026-01-02", "range"),
    ("Dec. 30, 2025 - Jan. 2", None, "2025-12-30/2026-01-02", "range"),
    ("30 December 2025 to 2 January 2026", None, "2025-12-30/2026-01-02", "range"),
    ("from 2019 to 2021", None, "2019/2021", "range"),
    ("2019-2021", None, "2019/2021", "range"),
    ("2019–2021", None, "2019/2021", "range"),
    ("between March and May 2025", None, "2025-03/2025-05", "range"),
    ("November 2025 - January 2026", None, "2025-11/2026-01", "range"),
    ("Nov.-Jan.", REF, "2025-11/2026-01", "range"),
    ("from 2026-01-04 to 2026-01-06", None, "2026-01-04/2026-01-06", "range"),
    # numeric dates: year first is unambiguous, the others need an order
    ("2026/01/05", None, "2026-01-05", "numeric"),
    ("2026.01.05", None, "2026-01-05", "numeric"),
    # approximate
    ("around 2019", None, "2019~", "approximate"),
    ("c. 2019", None, "2019~", "approximate"),
    ("circa March 2023", None, "2023-03~", "approximate"),
    ("about Jan 4-7, 2026", None, "2026-01-04~/2026-01-07~", "approximate"),
    # durations tied to the reference day
    ("three-day visit", REF, "2026-01-04?/2026-01-06?", "duration"),
    ("a three-day visit", REF, "2026-01-04?/2026-01-06?", "duration"),
    ("a 3-day state visit", REF, "2026-01-04?/2026-01-06?", "duration"),
    ("the five day summit", REF, "2026-01-03?/2026-01-07?", "duration"),
    ("a two-day trip", REF, "2026-01-04?/2026-01-05?", "duration"),
    ("a one-day visit", REF, "2026-01-05", "duration"),
    ("a two-week tour", REF, "2025-12-29?/2026-01-11?", "duration"),
]


@pytest.mark.parametrize(("phrase", "reference", "expected", "rule_id"), PHRASES)
def test_phrase(phrase: str, reference: D | None, expected: str, rule_id: str) -> None:
    value = parse_date(phrase, reference=reference)
    assert str(value) == expected
    assert value == parse_edtf(expected)
    reading = read_date(phrase, reference)
    assert reading.value == value
    assert reading.phrase == phrase
    assert reading.rule_id == rule_id
    assert reading.rule.startswith(rule_id + ": ")
    assert len(reading.rule) > len(rule_id) + 10  # the detail says something


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("later this month", "2026-01-06/2026-01-31"), ("Dec. 30", "2025-12-30")],
)
def test_phrases_need_no_more_than_the_reference(phrase: str, expected: str) -> None:
    # The same phrase read on another day gives another value: nothing comes from today.
    assert str(parse_date(phrase, REF)) == expected
    a_year_later = parse_date(phrase, REF + datetime.timedelta(days=365))
    assert a_year_later.lower() == value_lower(phrase).replace(year=value_lower(phrase).year + 1)


def value_lower(phrase: str) -> D:
    return parse_date(phrase, REF).lower()


def test_reading_records_the_reference_only_when_used() -> None:
    assert read_date("Monday", REF).reference == REF
    assert read_date("since November", REF).reference == REF
    assert read_date("since 2019", REF).reference is None
    assert read_date("January 5, 2026", REF).reference is None
    assert read_date("2026-01-05", REF).reference is None


# From real articles: the phrase, the article's date (or the day the sentence counts from),
# the value, the rule. Each comment quotes the sentence and gives its address.
ARTICLE_PHRASES: list[tuple[str, D, str, str]] = [
    # "Park said in his address that 30 years ago, the leaders of South Korea and China made a
    # historic decision to establish diplomatic relations" (Xinhua, 2022-08-25)
    # http://en.people.cn/n3/2022/0825/c90000-10139485.html
    ("30 years ago", D(2022, 8, 25), "1992~", "ago"),
    # "relations between Jordan and Israel, which signed a landmark peace treaty 25 years ago"
    # (2019-11-28) https://www.timesofisrael.com/liveblog_entry/rivlin-in-talks-for-official-visit-to-jordan-report/
    ("25 years ago", D(2019, 11, 28), "1994~", "ago"),
    # "Taiwan faced a cross-strait conflict more than 20 years ago" (2022-08-03)
    # https://www.the-next-tech.com/web-stories/nancy-pelosi-the-u-s-house-speaker-meets-taiwans-president/
    ("more than 20 years ago", D(2022, 8, 3), "2002~", "ago"),
    # "[Lavrov and Motegi] have spent a total of eight hours together over the past two days"
    # (2019-12-19) https://www.urdupoint.com/en/world/russian-japanese-foreign-ministers-spent-ove-791765.html
    ("over the past two days", D(2019, 12, 19), "2019-12-17~/2019-12-19", "past"),
    # "Indian officials have reported several minor incursions since then, including three in
    # the past week" (AP, 2013-07-23)
    # https://qa.philstar.com/world/2013/07/23/1003891/india-china-hold-talks-resolve-border-dispute/amp
    ("in the past week", D(2013, 7, 23), "2013-07-16~/2013-07-23", "past"),
    # "the dramatic improvement in relations in the last 14 months" (2007-11-29)
    # https://japantimes.co.jp/opinion/2007/11/29/commentary/building-better-japan-china-relations
    ("in the last 14 months", D(2007, 11, 29), "2006-09-29~/2007-11-29", "past"),
    # "He said Obama and Erdogan will meet Sunday. A day later, Obama will meet separately with
    # UK Prime Minister David Cameron [...]": "a day later" counts from that Sunday, the G20
    # summit's first day (2015-11-15), so that is the reference to pass.
    # https://yenihaberden.com/obama-to-meet-erdogan-european-leaders-in-turkey-139346h.htm
    ("A day later", D(2015, 11, 15), "2015-11-16", "later"),
    # "Foreign Minister Cho Hyun will visit Turkey and Belgium later this week, the Ministry of
    # Foreign Affairs said on Tuesday." (2026-01-20)
    # https://m.ajupress.com/amp/20260120165724076
    ("later this week", D(2026, 1, 20), "2026-01-21/2026-01-25", "later-this"),
]


@pytest.mark.parametrize(("phrase", "reference", "expected", "rule_id"), ARTICLE_PHRASES)
def test_phrases_of_real_articles(phrase: str, reference: D, expected: str, rule_id: str) -> None:
    reading = read_date(phrase, reference)
    assert str(reading.value) == expected
    assert reading.rule_id == rule_id


def test_counted_offsets_say_what_they_count_from() -> None:
    assert read_date("a day earlier", REF).rule == (
        "earlier: a day before the reference; 'earlier' and 'later' count from the "
        "reference, which must be the day the text counts from"
    )
    assert read_date("30 years ago", REF).rule == (
        "ago: 30 years before the reference's year, approximate"
    )
    assert read_date("nearly three decades ago", REF).rule == (
        "ago: nearly 3 decades before the reference's year, approximate"
    )
    assert read_date("over the past year", REF).rule == (
        "past: the past year, from about a year before the reference to the reference"
    )
    assert read_date("later Thursday", REF).rule == (
        "day-part: 'later' names a part of the day, which is 2026-01-01 "
        "(weekday: the most recent Thursday on or before the reference)"
    )


def test_reading_rules_say_what_was_done() -> None:
    assert read_date("Monday", REF).rule == (
        "weekday: the most recent Monday on or before the reference"
    )
    assert (
        read_date("next Monday", REF).rule == "weekday-next: the first Monday after the reference"
    )
    assert read_date("since November", REF).rule == (
        "since: open interval from 2025-11 "
        "(month: the most recent November on or before the reference's month)"
    )
    assert read_date("three-day visit", REF).rule == (
        "duration: a 3-day span including the reference day, centred on it, both ends uncertain"
    )
    assert read_date("Sunday, Jan. 4", REF).rule.endswith("checked to be a Sunday")
    assert read_date("2026-01-05").rule == "edtf: read as EDTF"


def test_reference_may_be_a_datetime() -> None:
    # Its calendar day is used; converting an aware timestamp to local time is the caller's.
    evening = datetime.datetime(2026, 1, 5, 23, 30)
    assert str(parse_date("Monday", evening)) == "2026-01-05"
    assert read_date("Monday", evening).reference == REF
    assert type(read_date("Monday", evening).reference) is D


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("05/04/2026", "dmy", "2026-04-05"),
        ("05/04/2026", "mdy", "2026-05-04"),
        ("25/04/2026", "dmy", "2026-04-25"),
        ("04/25/2026", "mdy", "2026-04-25"),
        ("5.4.2026", "dmy", "2026-04-05"),
        ("5-4-2026", "mdy", "2026-05-04"),
        ("29/02/2024", "dmy", "2024-02-29"),
        ("2026/01/05", "mdy", "2026-01-05"),  # year first ignores the order
    ],
)
def test_numeric_dates_with_an_order(text: str, order: Any, expected: str) -> None:
    assert str(parse_date(text, order=order)) == expected
    assert read_date(text, order=order).rule_id == "numeric"


# --- the seed article ----------------------------------------------------------------------


def golden_dates() -> dict[str, str]:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return {record["id"]: record["date"] for record in map(json.loads, lines)}


def published() -> D:
    record = json.loads(GOLDEN.read_text(encoding="utf-8").splitlines()[0])
    return D.fromisoformat(record["sources"][0]["published"])


# phrase in the article, record id in the golden file
SEED = [
    ("Monday", "lee-xi-summit-2026-01-05"),
    ("three-day visit", "lee-china-visit-2026"),
    ("2016", "thaad-deployment-2016"),
]


@pytest.mark.parametrize(("phrase", "record_id"), SEED)
def test_seed_phrases_give_the_golden_dates(phrase: str, record_id: str) -> None:
    assert phrase.lower() in ARTICLE.read_text(encoding="utf-8").lower()
    assert published() == REF
    assert str(parse_date(phrase, reference=published())) == golden_dates()[record_id]


@pytest.mark.parametrize(
    ("phrase", "record_id", "expected"),
    [
        ("since November", "lee-xi-summit-2025-11", "2025-11/.."),
        ("since 2019", "kor-leader-china-visit-2019", "2019/.."),
    ],
)
def test_seed_since_phrases_start_at_the_earlier_event(
    phrase: str, record_id: str, expected: str
) -> None:
    # "their second since November": the open interval starts at the first summit's date.
    assert phrase in ARTICLE.read_text(encoding="utf-8")
    value = parse_date(phrase, reference=published())
    assert str(value) == expected
    assert str(value.start) == golden_dates()[record_id]
    assert value.end is Bound.OPEN
    assert str(parse_date(phrase.removeprefix("since "), published())) == golden_dates()[record_id]


def test_seed_later_this_month_is_the_rest_of_the_month() -> None:
    # The golden record keeps the planned Japan visit at month precision (2026-01); the
    # reader reports what the words say, the days after publication, inside that month.
    assert "later this month" in ARTICLE.read_text(encoding="utf-8")
    value = parse_date("later this month", reference=published())
    assert str(value) == "2026-01-06/2026-01-31"
    golden = parse_edtf(golden_dates()["lee-japan-visit-2026-01"])
    assert str(golden) == "2026-01"
    assert golden.lower() < value.lower() <= value.upper() == golden.upper()


def test_seed_sunday_arrival_is_checked() -> None:
    assert str(parse_date("Sunday, Jan. 4", published())) == "2026-01-04"


# --- what must be refused ----------------------------------------------------------------

# text, reference, order, a piece of the message
ERRORS: list[tuple[Any, Any, Any, str]] = [
    # ambiguous numeric dates
    (
        "05/04/2026",
        REF,
        None,
        "ambiguous (day/month or month/day); pass order='dmy' or order='mdy'",
    ),
    ("25/04/2026", REF, None, "pass order='dmy' or order='mdy'"),
    ("5.4.2026", None, None, "pass order="),
    ("05-04-2026", None, None, "pass order="),
    ("5/4/26", None, "dmy", "need a four-digit year"),
    ("25/04/2026", None, "mdy", "month 25 is out of range"),
    ("31/04/2026", None, "dmy", "there is no April 31"),
    ("29/02/2026", None, "dmy", "there is no February 29 in 2026"),
    ("2026/13/01", None, None, "month 13 is out of range"),
    # numbers in sentences, leftover words
    (
        "talks on 4 January with 3 ministers",
        REF,
        None,
        "unexpected words 'talks', 'with 3 ministers'",
    ),
    ("He met 5 ministers in May", REF, None, "unexpected words 'He met 5 ministers'"),
    ("The Monday summit", REF, None, "unexpected words 'summit'"),
    ("their second since November", REF, None, "unexpected words 'their second'"),
    ("During his three-day visit", REF, None, "unexpected words 'During his'"),
    ("2019 and 2020", None, None, "unexpected words 'and 2020'"),
    ("3 ministers", REF, None, "unexpected words 'ministers'"),
    ("Jan 5, '26", REF, None, "unexpected words"),
    ("Monday?", REF, None, "unexpected words '?'"),
    ("5pm Monday", REF, None, "unexpected words"),
    # relative phrases without a reference
    ("Monday", None, None, "'Monday' is relative, and no reference date was given"),
    ("last Tuesday", None, None, "no reference date was given"),
    ("today", None, None, "no reference date was given"),
    ("later this month", None, None, "no reference date was given"),
    ("since November", None, None, "November without a year is relative"),
    ("November", None, None, "no reference date was given"),
    ("Dec. 30", None, None, "a day and month without a year is relative"),
    ("Jan. 30 to Feb. 2", None, None, "no reference date was given"),
    ("three-day visit", None, None, "no reference date was given"),
    ("mid-November", None, None, "no reference date was given"),
    ("two days ago", None, None, "no reference date was given"),
    ("a day earlier", None, None, "'a day earlier' is relative, and no reference date"),
    ("in a year", None, None, "'in a year' is relative, and no reference date was given"),
    ("over the past year", None, None, "'the past year' is relative"),
    ("later Thursday", None, None, "'Thursday' is relative"),
    # counts that are not numbers
    (
        "a few years ago",
        REF,
        None,
        "'a few years ago' gives no number of years ('a few' is not a count), so no date "
        "follows from it",
    ),
    ("several months earlier", REF, None, "('several' is not a count)"),
    ("a couple of days later", REF, None, "('a couple' is not a count)"),
    ("in a few weeks", REF, None, "'in a few weeks' gives no number of weeks"),
    ("decades ago", REF, None, "'decades ago' gives no number of decades, so no date"),
    ("years later", REF, None, "'years later' gives no number of years"),
    # "Let's look at some other incidents and developments over the past few months."
    # https://nabkanews.com/the-collision-between-chinese-and-philippine-vessels-is-just-the-latest-in-a-series-of-clashes-in-the-south-china-sea
    ("over the past few months", REF, None, "gives no number of months ('few' is not a count)"),
    ("over the past years", REF, None, "'over the past years' gives no number of years"),
    ("in recent years", REF, None, "'in recent years' is vague"),
    ("0 days ago", REF, None, "'0 days ago' counts no days"),
    ("in the past 0 months", REF, None, "counts no months"),
    ("3000 years ago", REF, None, "out of range"),
    ("a day earlier", D.min, None, "outside years 0001-9999"),
    # no such date
    ("February 30", REF, None, "there is no February 30"),
    ("February 30", None, None, "there is no February 30"),
    ("Feb 29, 2025", None, None, "there is no February 29 in 2025"),
    ("April 31", REF, None, "there is no April 31"),
    ("Monday, Jan. 4", REF, None, "2026-01-04 is a Sunday, not a Monday"),
    ("2019-2018", None, None, "the range ends (2018) before it starts (2019)"),
    ("Feb. 2, 2026 to Jan. 30, 2026", None, None, "before it starts"),
    ("Jan 7-4, 2026", None, None, "the range ends (2026-01-04) before it starts (2026-01-07)"),
    ("Jan 7-4", REF, None, "before it starts"),
    ("4-7 Feb. 2025 to 2026", None, None, "unexpected words"),
    ("Feb. 20 - 29, 2025", None, None, "there is no February 29 in 2025"),
    ("the 5th", REF, None, "the day 5 has no month"),
    ("4-7", REF, None, "the day 4 has no month"),
    ("earlier this month", D(2026, 1, 1), None, "no days are earlier this month"),
    ("later this month", D(2026, 1, 31), None, "no days are later this month"),
    ("early Jan. 5, 2026", None, None, "'early' needs a year or a month"),
    ("since 0000", None, None, "year 0000 is out of range"),
    ("tomorrow", D.max, None, "outside years 0001-9999"),
    ("next year", D(9999, 6, 1), None, "out of range"),
    ("Sunday", D.min, None, "outside years 0001-9999"),
    # nonsense and non-dates
    ("nonsense", REF, None, "no date phrase found"),
    ("", REF, None, "there is no text"),
    ("   ", REF, None, "there is no text"),
    ("the", REF, None, "no date phrase found"),
    ("since", REF, None, "no date phrase found"),
    ("Smarch 5", REF, None, "unexpected words 'Smarch'"),
    ("10 Downing Street", REF, None, "unexpected words"),
    ("a three-day", REF, None, "no date phrase found"),
    ("a 3-day conference call", REF, None, "unexpected words 'call'"),
    ("2026-01-05 / 2026-01-07", None, None, "unexpected words '/ 2026-01-07'"),
    ("2026-01-05/2026-01-0", None, None, "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2026-01-05T10:00", REF, None, "times are not supported"),
    ("20260105", None, None, "expected a 4-digit year"),
    ("2026-02-30", None, None, "day is out of range for month in '2026-02-30'"),
    ("since 2026-02-30", None, None, "day is out of range for month in '2026-02-30'"),
    (" ".join(["Monday"] * 70), REF, None, "pass only the date phrase"),
    # wrong types
    (20260105, REF, None, "expected a string, got int"),
    (None, REF, None, "expected a string, got NoneType"),
    (b"2026-01-05", REF, None, "expected a string, got bytes"),
    ("Monday", "2026-01-05", None, "reference must be a datetime.date or None, got str"),
    ("2026-01-05", "2026-01-05", None, "reference must be a datetime.date or None, got str"),
    ("05/04/2026", REF, "ymd", "order must be 'dmy', 'mdy' or None, got 'ymd'"),
    ("2026-01-05", REF, "DMY", "order must be 'dmy', 'mdy' or None"),
]


@pytest.mark.parametrize(("text", "reference", "order", "fragment"), ERRORS)
def test_refused(text: Any, reference: Any, order: Any, fragment: str) -> None:
    for read in (parse_date, read_date):
        with pytest.raises(ValidationError) as caught:
            read(text, reference, order=order)
        assert fragment in message(caught.value)


def test_refusals_quote_the_text_and_say_why() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date("talks on 4 January with 3 ministers", REF)
    assert message(caught.value) == (
        "cannot read 'talks on 4 January with 3 ministers' as a date: "
        "unexpected words 'talks', 'with 3 ministers'"
    )


def test_refusals_are_the_only_exception() -> None:
    # ValidationError is a ValueError, and nothing else escapes from odd input.
    odd = ["\x00", "–", "…", "Jan.5.6", "5th of", "of January", "from", "between 2019", "9" * 400]
    odd += ["mid-", "early", "since since 2019", "around", "c.", "Y2026", "2026-W02-1", "../.."]
    for text in odd:
        with pytest.raises(ValidationError):
            parse_date(text, REF)


def test_dateutil_parser_is_never_called(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("dateutil.parser was called")

    monkeypatch.setattr(dateutil.parser, "parse", forbidden)
    monkeypatch.setattr(dateutil.parser, "isoparse", forbidden)
    monkeypatch.setattr(dateutil.parser.parser, "parse", forbidden)
    for phrase, reference, expected, _ in PHRASES:
        # Bypass the caches, which may hold readings from before the patch.
        phrase_variant = phrase + " "
        assert str(parse_date(phrase_variant, reference)) == expected


def test_str_subclasses_are_read_as_plain_strings() -> None:
    class Loud(str):
        def __hash__(self) -> int:
            raise AssertionError("hashed")

    assert str(parse_date(Loud("Monday"), REF)) == "2026-01-05"
    assert str(parse_date(Loud("2026-01"))) == "2026-01"
    assert type(read_date(Loud("Monday"), REF).phrase) is str


# --- DateReading --------------------------------------------------------------------------


def test_date_reading_is_a_frozen_value() -> None:
    reading = read_date("Monday", REF)
    assert reading == DateReading(parse_edtf("2026-01-05"), "Monday", REF, reading.rule)
    assert hash(reading) == hash(read_date("Monday", REF))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        reading.rule = "edited"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(reading)) == reading


def test_date_reading_checks_its_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        DateReading("2026-01-05", None, "2026-01-05", 1)  # type: ignore[arg-type]
    assert caught.value.paths == ("$.value", "$.phrase", "$.reference", "$.rule")


# --- span_including ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1, "2026-01-05"),
        (2, "2026-01-04?/2026-01-05?"),
        (3, "2026-01-04?/2026-01-06?"),
        (4, "2026-01-03?/2026-01-06?"),
        (7, "2026-01-02?/2026-01-08?"),
    ],
)
def test_span_including(days: int, expected: str) -> None:
    assert str(span_including(days, REF)) == expected


def test_span_including_takes_the_day_of_a_datetime() -> None:
    assert (
        str(span_including(3, datetime.datetime(2026, 1, 5, 23, 59))) == "2026-01-04?/2026-01-06?"
    )


@pytest.mark.parametrize(
    ("days", "day", "fragment"),
    [
        (0, REF, "days must be at least 1"),
        (-3, REF, "days must be at least 1"),
        (True, REF, "days must be an int, got bool"),
        (3.0, REF, "days must be an int, got float"),
        (3, "2026-01-05", "day must be a datetime.date, got str"),
        (3, None, "day must be a datetime.date, got NoneType"),
        (10**9, REF, "falls outside years 1-9999"),
        (3, D.min, "falls outside years 1-9999"),
    ],
)
def test_span_including_refuses(days: Any, day: Any, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        span_including(days, day)
    assert fragment in message(caught.value)


@given(st.integers(1, 400), st.dates(D(2, 1, 1), D(9998, 12, 31)))
def test_span_including_is_centred_on_the_day(days: int, day: D) -> None:
    value = span_including(days, day)
    assert value.lower() <= day <= value.upper()
    assert (value.upper() - value.lower()).days == days - 1
    before, after = (day - value.lower()).days, (value.upper() - day).days
    assert before - after in ((0, 1) if days > 1 else (0,))
    for end in (value.start, value.end) if value.is_interval else ():
        assert isinstance(end, PartialDate)
        assert end.uncertain
        assert not end.approximate


# --- properties ----------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None:
        day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day, draw(st.booleans()), draw(st.booleans()))


@st.composite
def event_dates(draw: st.DrawFn) -> EventDate:
    start = draw(partial_dates())
    if draw(st.booleans()):
        return EventDate(start)
    end = draw(partial_dates())
    if end.upper() < start.lower():
        start, end = end, start
    ends: list[PartialDate | Bound] = [start, end]
    which = draw(st.sampled_from([None, 0, 1]))
    if which is not None:
        ends[which] = draw(st.sampled_from(Bound))
    return EventDate(ends[0], ends[1])


references = st.dates(D(2, 1, 1), D(9998, 12, 31))


@given(event_dates(), st.none() | references)
def test_every_printed_event_date_reads_back(value: EventDate, reference: D | None) -> None:
    text = str(value)
    assert parse_date(text) == value
    assert parse_date(text, reference) == value
    assert parse_date(f"  {text}\n", reference) == value
    assert read_date(text, reference).value == value


def weekday_spellings(index: int) -> st.SearchStrategy[str]:
    name = WEEKDAYS[index]
    return st.sampled_from([name, name.lower(), name.upper(), name[:3], name[:3] + "."])


@given(references, st.integers(0, 6).flatmap(lambda i: st.tuples(st.just(i), weekday_spellings(i))))
def test_a_weekday_is_the_most_recent_on_or_before_the_reference(
    reference: D, weekday: tuple[int, str]
) -> None:
    index, name = weekday
    for phrase in (name, f"on {name}", f"  On {name}. "):
        value = parse_date(phrase, reference)
        assert value.precision is Precision.DAY
        assert not value.is_interval
        day = value.lower()
        assert day.weekday() == index
        assert reference - datetime.timedelta(days=6) <= day <= reference


@given(
    st.dates(D(500, 1, 1), D(9000, 12, 31)),
    st.integers(1, 40),
    st.sampled_from(["day", "week", "month", "year", "decade"]),
)
def test_counted_offsets_fall_on_the_side_they_say(reference: D, count: int, unit: str) -> None:
    plural = "" if count == 1 else "s"
    what = f"{count} {unit}{plural}"
    before = parse_date(f"{what} ago", reference)
    after = parse_date(f"in {what}", reference)
    span = parse_date(f"over the past {what}", reference)
    assert before == parse_date(f"{what} earlier", reference)
    assert after == parse_date(f"{what} later", reference)
    assert before.upper() < reference < after.lower() or unit in ("year", "decade")
    assert before.lower() <= reference <= after.upper()
    assert span.upper() == reference
    assert span.lower() < reference
    assert span.start.approximate  # type: ignore[union-attr]
    if unit in ("year", "decade"):
        assert before.start.approximate  # type: ignore[union-attr]
        assert before.precision is Precision.YEAR


@given(references, st.integers(0, 6))
def test_next_and_last_weekdays_are_strictly_after_and_before(reference: D, index: int) -> None:
    following = parse_date(f"next {WEEKDAYS[index]}", reference).lower()
    assert following.weekday() == index
    assert reference < following <= reference + datetime.timedelta(days=7)
    previous = parse_date(f"last {WEEKDAYS[index]}", reference).lower()
    assert previous.weekday() == index
    assert reference - datetime.timedelta(days=7) <= previous < reference
    this = parse_date(f"this {WEEKDAYS[index]}", reference).lower()
    assert this.weekday() == index
    assert this.isocalendar()[:2] == reference.isocalendar()[:2]


@given(references)
def test_weeks_are_monday_to_sunday_around_the_reference(reference: D) -> None:
    this_week = parse_date("this week", reference)
    assert this_week.lower().weekday() == 0
    assert (this_week.upper() - this_week.lower()).days == 6
    assert this_week.lower() <= reference <= this_week.upper()
    last_week = parse_date("last week", reference)
    assert last_week.upper() == this_week.lower() - datetime.timedelta(days=1)
    assert (last_week.upper() - last_week.lower()).days == 6


@given(references)
def test_earlier_and_later_this_month_surround_the_reference(reference: D) -> None:
    month = parse_date("this month", reference)
    assert month.lower() <= reference <= month.upper()
    if reference.day > 1:
        earlier = parse_date("earlier this month", reference)
        assert earlier.lower() == month.lower()
        assert earlier.upper() == reference - datetime.timedelta(days=1)
    if reference < month.upper():
        later = parse_date("later this month", reference)
        assert later.lower() == reference + datetime.timedelta(days=1)
        assert later.upper() == month.upper()


@given(references, st.integers(1, 12), st.data())
def test_a_day_and_month_without_a_year_is_the_most_recent_one(
    reference: D, month: int, data: st.DataObject
) -> None:
    day = data.draw(st.integers(1, 29 if month == 2 else calendar.monthrange(2001, month)[1]))
    phrase = data.draw(
        st.sampled_from(
            [
                f"{MONTHS[month - 1]} {day}",
                f"{day} {MONTHS[month - 1]}",
                f"{MONTHS[month - 1][:3]}. {day}",
            ]
        )
    )
    try:
        value = parse_date(phrase, reference)
    except ValidationError:
        # Only a 29 February with none in the years 0001 onwards before the reference.
        assert (month, day) == (2, 29)
        assert reference < D(4, 2, 29)
        return
    found = value.lower()
    assert value.precision is Precision.DAY
    assert (found.month, found.day) == (month, day)
    assert found <= reference
    window = 366 * (8 if (month, day) == (2, 29) else 1)
    assert (reference - found).days < window


@given(references, st.integers(1, 12))
def test_a_month_without_a_year_is_the_most_recent_one(reference: D, month: int) -> None:
    value = parse_date(MONTHS[month - 1], reference)
    assert value.precision is Precision.MONTH
    assert value.lower().month == month
    assert value.lower() <= reference
    assert (reference.year * 12 + reference.month) - (value.lower().year * 12 + month) < 12
    since = parse_date(f"since {MONTHS[month - 1]}", reference)
    assert since == EventDate.interval(value, Bound.OPEN)


@given(st.dates(D(1, 1, 1), D(9999, 12, 31)))
def test_explicit_dates_read_exactly(day: D) -> None:
    expected = EventDate.day(day.year, day.month, day.day)
    name = MONTHS[day.month - 1]
    for phrase in (
        f"{name} {day.day}, {day.year:04d}",
        f"{day.day} {name} {day.year:04d}",
        f"{name[:3]}. {day.day} {day.year:04d}",
        f"the {day.day}th of {name} {day.year:04d}",
    ):
        assert parse_date(phrase) == expected
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}", order="dmy") == expected
    assert parse_date(f"{day.month}/{day.day}/{day.year:04d}", order="mdy") == expected
    with pytest.raises(ValidationError):
        parse_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}")


@given(
    st.sampled_from(["January 5, 2026", "Monday", "since November", "2019", "Jan 4-7, 2026"]),
    st.sampled_from(
        ["talks", "with 3 ministers", "summit", "5 ministers", "and 2020", "the talks"]
    ),
    st.booleans(),
)
def test_extra_words_are_never_absorbed(phrase: str, extra: str, before: bool) -> None:
    text = f"{extra} {phrase}" if before else f"{phrase} {extra}"
    with pytest.raises(ValidationError) as caught:
        parse_date(text, REF)
    assert "unexpected words" in message(caught.value)


PHRASE_SAMPLES = [phrase for phrase, *_ in PHRASES] + [
    text for text, *_ in ERRORS if isinstance(text, str)
]


@given(
    st.sampled_from(PHRASE_SAMPLES) | event_dates().map(str) | st.text(max_size=20),
    st.none() | references,
    st.sampled_from([None, "dmy", "mdy"]),
)
def test_read_date_and_parse_date_agree(text: str, reference: D | None, order: Any) -> None:
    def outcome(read: Any) -> tuple[Any, tuple[Any, ...]]:
        try:
            return read(text, reference, order=order), ()
        except ValidationError as error:
            return None, error.errors

    value, value_errors = outcome(parse_date)
    reading, reading_errors = outcome(read_date)
    assert value_errors == reading_errors
    if reading is None:
        assert value is None
        assert value_errors
    else:
        assert reading.value == value
        assert reading.phrase == text
        assert reading.reference in (None, reference)


@pytest.mark.parametrize("size", [1_001, 100_000, 1_000_000])
@pytest.mark.parametrize("unit", ["a ", "1", "-", "2018-06-01 "])
def test_text_far_longer_than_a_phrase_is_refused_before_it_is_read(size: int, unit: str) -> None:
    import tracemalloc

    text = (unit * size)[:size]
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as excinfo:
            parse_date(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    (detail,) = excinfo.value.errors
    assert f"it has {size} characters" in detail.message
    assert len(detail.message) < 300  # the text is quoted in part
    assert peak < 100_000  # nothing the size of the text was made (it was 229 MB at 1M)


def test_the_tokenizer_stops_one_token_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import diplomev.reading.dates as dates

    made: list[int] = []
    tokenize = dates._tokenize

    def counting(text: str, end: int) -> Any:
        tokens = tokenize(text, end)
        made.append(len(tokens))
        return tokens

    monkeypatch.setattr(dates, "_tokenize", counting)
    with pytest.raises(ValidationError, match="more than 64 words and signs"):
        parse_date("on " * 300 + "4 January 2026")
    assert made == [65]
