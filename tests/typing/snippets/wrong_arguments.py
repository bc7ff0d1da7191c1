"""Mistakes a type checker must catch before the code runs (and that fail when it runs).

Each ``# E:`` line is one mistake; its other arguments are spelled as the docs spell them.
``refused`` runs the call and checks that it raises.
"""

import datetime
from collections.abc import Callable

import attrs

import diplomev
from diplomev import Country, Link, Location, Meeting, Person, Source, Summit, TradeIssue, Visit
from diplomev.io import read_jsonl


def refused(build: Callable[[], object]) -> None:
    try:
        build()
    except Exception:
        return
    raise AssertionError("the call did not raise")


xi = Person(name="Xi Jinping", office="President", country="CHN")
summit = Summit(id="s", date="2026-01-05", participants=[xi, Country(code="KOR")])
codes = ["KOR", "CHN"]
article = '{"type": "country", "code": "KOR"}'

# One call a line, each with its mark: the formatter must not wrap them.
# fmt: off

# A value of the wrong type for a field.
refused(lambda: Person(name="Lee Jae Myung", country=123))  # E: arg-type: Argument "country"
refused(lambda: Country(code=None))  # E: arg-type: Argument "code"
refused(lambda: Meeting(counterparts=[xi], kind=3))  # E: arg-type: Argument "kind"
refused(lambda: Summit(id="s", date="2026-01-05", participants=codes))  # E: arg-type: Argument "participants"
refused(lambda: Summit(id="s", date=20260105, participants=[xi, xi]))  # E: arg-type: Argument "date"
refused(lambda: Source(title="Lee meets Xi", published=20260105))  # E: arg-type: Argument "published"
refused(lambda: Location(name="Beijing", lat="39.9", lon=116.4))  # E: arg-type: Argument "lat"
refused(lambda: Link(rel="part_of", target=None))  # E: arg-type: Argument "target"
refused(lambda: TradeIssue(id="t", date="2016", measure="tariff", imposers=[xi], targets=[xi], rate_percent="25"))  # E: arg-type: Argument "rate_percent"
refused(lambda: Visit(id="v", date="2026", visitor=xi, host=None))  # E: arg-type: Argument "host"
# An event's date is EDTF text, an EventDate or a datetime.date (a day). A datetime is a
# date to a type checker (a subclass), so only the run-time check refuses it.

# Missing, misspelt and positional arguments.
refused(lambda: Link(rel="part_of"))  # E: call-arg: Missing named argument "target"
refused(lambda: Summit(id="s", date="2026-01-05"))  # E: call-arg: Missing named argument "participants"
refused(lambda: Person(nme="Lee Jae Myung"))  # E: call-arg: Unexpected keyword argument "nme"
refused(lambda: Person("Lee Jae Myung"))  # E: call-arg: Too many positional arguments
refused(lambda: attrs.evolve(summit, participants=3))  # E: arg-type: Argument "participants"
refused(lambda: attrs.evolve(summit, venue="Beijing"))  # E: call-arg: Unexpected keyword argument "venue"


# Records are frozen.
def rehost() -> None:
    summit.host = summit.host  # E: misc: is read-only


refused(rehost)

# Functions called with what they do not take.
refused(lambda: diplomev.from_dict({"type": "country", "code": "KOR"}, int))  # E: type-var: "int"
refused(lambda: diplomev.loads(article, int))  # E: type-var: "int"
refused(lambda: diplomev.make_id(Country(code="KOR")))  # E: arg-type: Argument 1 to "make_id"
refused(lambda: diplomev.parse_date(datetime.date(2026, 1, 5)))  # E: arg-type: Argument 1 to "parse_date"
refused(lambda: read_jsonl("events.jsonl", errors="ignore"))  # E: arg-type: Argument "errors"
# fmt: on
