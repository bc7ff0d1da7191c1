"""Time diplomev's parse_date against dateutil.parser.parse, side by side in one process.

Run: .venv/bin/python benchmarks/bench_dates.py

A plain script, not a test: it prints microseconds per call (best of interleaved rounds)
and the ratios. "cached" repeats strings parse_date has seen (its readers keep an LRU
cache); "uncached" uses strings, or references, that no earlier round used, so every call
does the full work. dateutil.parser has no cache; it is timed on the same strings where
it can read them, and the script says where it cannot.
"""

from __future__ import annotations

import datetime
import gc
import importlib.metadata
import itertools
import platform
import sys
import time
from collections.abc import Callable, Sequence

import dateutil.parser

from diplomev.dates import Precision
from diplomev.reading.dates import parse_date

ROUNDS = 7
REPEAT_FIXED = 2_000  # calls per string per round for the fixed strings
BATCH = 1_000  # distinct strings per round
REFERENCE = datetime.date(2026, 1, 5)
DEFAULT = datetime.datetime(2026, 1, 5)  # dateutil needs one, or it fills in from today

FIXED = ["2026-01-05", "2026-01", "2016", "2026-01-04/2026-01-06"]
PHRASES = ["Monday", "since November", "later this month", "January 5, 2026", "Jan 4-7, 2026"]
PHRASES += ["three-day visit", "last Tuesday", "early 2025", "on Friday", "November"]


def day_strings(start: int, count: int) -> list[str]:
    """``count`` distinct ISO days, starting ``start`` days after 1900-01-01."""
    first = datetime.date(1900, 1, 1) + datetime.timedelta(days=start)
    return [(first + datetime.timedelta(days=i)).isoformat() for i in range(count)]


def references(start: int, count: int) -> list[datetime.date]:
    """``count`` distinct days from ``start``, skipping month ends ("later this month")."""
    first = datetime.date(1900, 1, 1) + datetime.timedelta(days=start)
    days = (first + datetime.timedelta(days=i) for i in itertools.count())
    return list(itertools.islice((d for d in days if 2 <= d.day <= 27), count))


def per_call(run: Callable[[], None], calls: int) -> float:
    """Microseconds per call for one run of ``calls`` calls."""
    gc.disable()
    try:
        began = time.perf_counter_ns()
        run()
        return (time.perf_counter_ns() - began) / calls / 1000
    finally:
        gc.enable()


def loop(function: Callable[[str], object], texts: Sequence[str], times: int) -> Callable[[], None]:
    def run() -> None:
        for _ in range(times):
            for text in texts:
                function(text)

    return run


def dateutil_parse(text: str) -> object:
    return dateutil.parser.parse(text, default=DEFAULT)


def readable_by_dateutil(text: str) -> str | None:
    """None if dateutil reads ``text``; otherwise why not."""
    try:
        dateutil_parse(text)
    except (ValueError, OverflowError) as error:
        return f"{type(error).__name__}: {error}"
    return None


def verdict(text: str, reference: datetime.date | None) -> str:
    """What dateutil makes of ``text``, judged against diplomev's reading."""
    reason = readable_by_dateutil(text)
    if reason is not None:
        return f"cannot read it ({reason.partition(':')[0]})"
    theirs = dateutil_parse(text)
    assert isinstance(theirs, datetime.datetime)
    ours = parse_date(text, reference)
    if ours.is_interval:
        return f"{theirs} (wrong: an interval read as one datetime)"
    inside = ours.lower() <= theirs.date() <= ours.upper() and theirs.tzinfo is None
    if inside and ours.precision is not Precision.DAY:
        return f"{theirs} (precision lost: the missing parts come from the default)"
    if not inside or theirs.date() != ours.lower():
        return f"{theirs} (wrong)"
    return f"{theirs} (same day)"


def main() -> None:
    print(
        f"Python {platform.python_version()}, python-dateutil {importlib.metadata.version('python-dateutil')}, "
        f"{ROUNDS} interleaved rounds, best of each"
    )
    best: dict[str, float] = {}

    def record(name: str, value: float) -> None:
        best[name] = min(best.get(name, float("inf")), value)

    for text in FIXED:
        parse_date(text)  # warm the cache: these rows are the cached fast path
    fixed_dateutil = [text for text in FIXED if readable_by_dateutil(text) is None]
    distinct_warm = day_strings(0, BATCH)
    for text in distinct_warm:
        parse_date(text)
    fresh = itertools.count(1)  # batch numbers: never-seen strings and references

    for _ in range(ROUNDS):
        # Interleave: each round times every contender once, in the same order.
        for text in FIXED:
            record(
                f"diplomev {text}", per_call(loop(parse_date, [text], REPEAT_FIXED), REPEAT_FIXED)
            )
            if text in fixed_dateutil:
                run = loop(dateutil_parse, [text], REPEAT_FIXED // 10)
                record(f"dateutil {text}", per_call(run, REPEAT_FIXED // 10))
        record("diplomev 1,000 days cached", per_call(loop(parse_date, distinct_warm, 1), BATCH))
        new_days = day_strings(next(fresh) * BATCH, BATCH)
        record("diplomev 1,000 days uncached", per_call(loop(parse_date, new_days, 1), BATCH))
        record("dateutil 1,000 days", per_call(loop(dateutil_parse, new_days, 1), BATCH))

        for phrase in PHRASES:
            parse_date(phrase, REFERENCE)
            run = loop(lambda text: parse_date(text, REFERENCE), [phrase], REPEAT_FIXED // 4)
            record(f"phrase cached {phrase}", per_call(run, REPEAT_FIXED // 4))
            # A reference no earlier call used defeats the cache: the full grammar runs.
            refs = references(next(fresh) * BATCH, BATCH // 4)

            def uncached(phrase: str = phrase, refs: list[datetime.date] = refs) -> None:
                for reference in refs:
                    parse_date(phrase, reference)

            record(f"phrase uncached {phrase}", per_call(uncached, len(refs)))
            if readable_by_dateutil(phrase) is None:
                run = loop(dateutil_parse, [phrase], REPEAT_FIXED // 20)
                record(f"dateutil phrase {phrase}", per_call(run, REPEAT_FIXED // 20))

    print()
    print("EDTF / ISO strings (µs per call); dateutil.parser.parse(text, default=2026-01-05 00:00)")
    print(f"{'input':<30} {'diplomev':>8} {'dateutil':>8} {'ratio':>6}  what dateutil returns")
    rows = [(text, text, f"diplomev {text}", f"dateutil {text}") for text in FIXED]
    sample = distinct_warm[0]
    for state in ("cached", "uncached"):
        label = f"1,000 distinct days, {state}"
        rows.append((label, sample, f"diplomev 1,000 days {state}", "dateutil 1,000 days"))
    for label, text, ours, theirs in rows:
        ratio = f"{best[theirs] / best[ours]:>5.0f}x"
        print(f"{label:<30} {best[ours]:>8.2f} {best[theirs]:>8.2f} {ratio}  {verdict(text, None)}")

    print()
    print(f"News phrases through parse_date(..., reference={REFERENCE}) (µs per call)")
    print(
        f"{'phrase':<18} {'cached':>7} {'uncached':>9}  {'diplomev value':<24}"
        f" {'dateutil':>8}  what dateutil returns"
    )
    for phrase in PHRASES:
        their_best = best.get(f"dateutil phrase {phrase}")
        their_time = f"{their_best:>8.2f}" if their_best is not None else f"{'-':>8}"
        print(
            f"{phrase:<18} {best[f'phrase cached {phrase}']:>7.2f} "
            f"{best[f'phrase uncached {phrase}']:>9.2f}  {parse_date(phrase, REFERENCE)!s:<24}"
            f" {their_time}  {verdict(phrase, REFERENCE)}"
        )
    print("  dateutil looks forward from its default: 'Monday' agrees only because the default")
    print("  is itself a Monday; 'on Friday' and 'November' come out in the future.")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
