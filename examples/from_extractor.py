"""Turn the loose JSON of an extraction model or a hand coder into validated records.

    python examples/from_extractor.py [EXTRACTED.json] [OUTPUT.jsonl]

An extractor (an LLM prompt, a rule-based coder, a spreadsheet) writes what it read the
way the article says it: names instead of codes ("South Korean President Lee Jae Myung",
"Beijing"), phrases instead of dates ("Monday", "a three-day visit"), quotes as evidence.
This script reads each of those with diplomev's readers:

- ``when`` with `diplomev.read_date` (`diplomev.parse_date`, plus the rule it applied),
  relative to the article's publication date;
- actors with `diplomev.parse_actor`, countries with `diplomev.resolve_country`;
- ``evidence`` must be an exact span of the article: it becomes a `Quote` with offsets,
  and text the article does not contain is reported (a model's invention, or a paraphrase).

Every record that reads and validates is written to OUTPUT (default
``out/extracted.events.jsonl``) with a deterministic id; everything that could not be
read is reported with its path in the input, and how each date was read is printed for a
reviewer. Input defaults to ``examples/data/extractor-output.json``.

Exit status: 0 if every event was read, 1 if some were not.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import diplomev
from diplomev import ErrorDetail, ValidationError
from diplomev.io import write_jsonl

SAMPLE = Path(__file__).parent / "data" / "extractor-output.json"
KINDS = ("summit", "visit", "dispute", "trade_issue")
# Loose keys holding lists of actor phrases; vocabulary words, written loosely
# ("Informal restriction"); and values that go on the wire as they are.
ACTOR_LISTS = ("participants", "imposers", "targets")
VOCABULARY = ("status", "measure", "stage")
PLAIN = ("summary", "subject", "sectors", "products", "official", "rate_percent")


class Problems:
    """The problems of one loose event, with paths into the input file."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.details: list[ErrorDetail] = []

    def read(self, path: str, reader: Callable[[Any], Any], value: Any) -> Any:
        """Apply ``reader`` to ``value``; on failure note why at ``path`` and return None."""
        try:
            return reader(value)
        except ValidationError as e:
            self.details += [d.within(path) for d in e.errors]
            return None

    def add(self, path: str, message: str) -> None:
        """Note a problem of the value at ``path`` (``.key`` or ``[i]`` segments)."""
        self.details.append(ErrorDetail("$", message).within(path))

    def report(self) -> list[str]:
        """Return each problem as ``$.events[i].path: message``."""
        return [str(detail.within(self.root)) for detail in self.details]


def word(text: Any) -> str:
    """Spell a loosely written vocabulary word as diplomev does: "Trade issue" -> trade_issue."""
    return re.sub(r"[\s-]+", "_", str(text).strip().lower())


def actor(phrase: Any) -> dict[str, Any]:
    """Read an actor phrase into its wire form: a tagged country, person or organization."""
    return diplomev.to_dict(diplomev.parse_actor(phrase))


def to_event(
    loose: dict[str, Any], article: str, source: dict[str, Any], problems: Problems
) -> tuple[diplomev.Event | None, diplomev.DateReading | None]:
    """Read one loose event; return the record (None if it cannot be made) and its date."""
    kind = word(loose.get("kind", ""))
    if kind not in KINDS:
        problems.add(".kind", f"unknown kind {loose.get('kind')!r}; expected one of {KINDS}")
        return None, None
    published = datetime.date.fromisoformat(source["published"])
    reading = problems.read(
        ".when", lambda text: diplomev.read_date(text, reference=published), loose.get("when")
    )
    # The wire form, field by field; a value that cannot be read is left out and reported.
    wire: dict[str, Any] = {"type": kind, "id": "pending"}
    if reading is not None:
        wire["date"] = str(reading.value)
    for key in PLAIN:
        if key in loose:
            wire[key] = loose[key]
    for key in VOCABULARY:
        if key in loose:
            wire[key] = word(loose[key])
    for key in ACTOR_LISTS:
        if key in loose:
            wire[key] = [problems.read(f".{key}[{i}]", actor, p) for i, p in enumerate(loose[key])]
    if "parties" in loose:
        wire["parties"] = [
            {"actor": problems.read(f".parties[{i}]", actor, p)}
            for i, p in enumerate(loose["parties"])
        ]
    if "visitor" in loose:
        wire["visitor"] = problems.read(".visitor", actor, loose["visitor"])
    if "host" in loose:
        wire["host"] = problems.read(".host", diplomev.resolve_country, loose["host"])
    if "where" in loose:
        codes = diplomev.country_candidates(loose["where"])
        wire["location"] = {
            "name": loose["where"],
            **({"country": codes[0]} if len(codes) == 1 else {}),
        }
    if "evidence" in loose:
        start = article.find(loose["evidence"])
        if start < 0:
            problems.add(".evidence", "not found in the article: quote it exactly")
        else:
            quote = {
                "text": loose["evidence"],
                "start": start,
                "end": start + len(loose["evidence"]),
            }
            wire["sources"] = [{**source, "quotes": [quote]}]
    if problems.details:  # stop: diplomev would only add "required field missing" for them
        return None, reading
    try:
        event = diplomev.from_dict(wire)
    except ValidationError as e:
        problems.details += e.errors  # paths in wire keys, e.g. $.participants: ...
        return None, reading
    return attrs.evolve(event, id=diplomev.make_id(event)), reading


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else SAMPLE
    output = Path(argv[2]) if len(argv) > 2 else Path("out/extracted.events.jsonl")
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["article"]
    article = (path.parent / meta["text_file"]).read_text(encoding="utf-8")
    source = {"title": meta["title"], "published": meta["published"]}

    events, failed = [], 0
    for index, loose in enumerate(data["events"]):
        problems = Problems(f".events[{index}]")
        event, reading = to_event(loose, article, source, problems)
        label = f"events[{index}] {loose.get('kind', '?')}"
        if reading is not None:
            label += f": {reading.phrase!r} -> {reading.value} ({reading.rule})"
        if event is not None:
            events.append(event)
            print(f"ok    {label}\n      id {event.id}")
        else:
            failed += 1
            print(f"FAIL  {label}")
            for line in problems.report():
                print(f"      {line}")

    output.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(events, output)
    print(f"\n{len(events)} of {len(data['events'])} events read; {failed} could not be read")
    print(f"wrote {len(events)} records to {output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
