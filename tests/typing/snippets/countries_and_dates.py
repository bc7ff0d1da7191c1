"""Codes and dates from the article's words (Reading text), passed on to records."""

import datetime
from typing import reveal_type

import diplomev
from diplomev import Country, EventDate, Location, Person, Summit

# resolve_country's code is what a record's country field takes.
china = diplomev.resolve_country("China")
reveal_type(china)  # assert typ in ("str", "diplomev._fields.CountryCode")
xi = Person(name="Xi Jinping", office="President", country=diplomev.resolve_country("China"))
seoul = Location(name="Seoul", country=diplomev.resolve_country("Seoul"), kind="city")
summit = Summit(
    id="s",
    date="2026-01-05",
    participants=[Country(code=china), Country(code=diplomev.resolve_country("South Korea"))],
    host=china,
)
assert summit.host == "CHN"


# is_country_code narrows what it accepts, so the value can go into a record.
def country_or_none(value: object) -> Country | None:
    if diplomev.is_country_code(value):
        reveal_type(value)  # assert typ == "str"
        return Country(code=value)
    return None


def host_of(cell: str) -> str | None:
    if diplomev.is_country_code(cell):
        return Summit(id="s", date="2026", participants=[xi, xi], host=cell).host
    return None


assert country_or_none("KOR") == Country(code="KOR")
assert country_or_none("kor") is None
assert host_of("CHN") == "CHN"

# Dates: read, built, compared.
published = datetime.date(2026, 1, 5)
monday = diplomev.parse_date("Monday", reference=published)
reveal_type(monday)  # assert typ == "diplomev.dates.EventDate"
reveal_type(monday.lower())  # assert typ == "datetime.date"
reveal_type(monday.upper())  # assert typ == "datetime.date"
day = EventDate.day(2026, 1, 5)
reveal_type(day)  # assert typ == "diplomev.dates.EventDate"
since = EventDate.interval(EventDate.year(2016, uncertain=True), diplomev.Bound.OPEN)
reveal_type(since.end)  # assert "dates.Bound" in typ and "dates.PartialDate" in typ
assert str(since) == "2016?/.."
assert monday == day
summit_on_monday = Summit(id="s", date=monday, participants=[xi, Country(code="KOR")])
assert sorted([since, day])[0] == since
# A datetime.date is a day wherever an EventDate is kept.
summit_on_a_day = Summit(id="s", date=published, participants=[xi, Country(code="KOR")])
reveal_type(summit_on_a_day.date)  # assert typ == "diplomev.dates.EventDate"
assert summit_on_a_day.date == day
