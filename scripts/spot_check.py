"""Issue 14's spot check of the importers: random records printed beside their raw rows.

A plain script: ``.venv/bin/python scripts/spot_check.py [--format NAME] [--id ID ...]``.

For each format it imports the repository's copy of a real file, sorts the records by id
(so that the draw does not depend on the order the importer gives them in), draws a
sample with ``random.Random(3)`` (a fresh generator per format: a change to one importer
leaves the other formats' draws alone) and prints each record, actor by actor, next to
the raw row or rows it was made from. A reader judges actor type, country and kind
against the raw rows and docs/interop.md; the verdicts are in docs/spot-checks/.

| format | file | records drawn |
|---|---|---|
| icews | tests/data/interop/icews__events.2018.sample.tab | 30 |
| gdelt2 | tests/data/interop/gdelt2__20161013151500.export.CSV | 30 |
| plover | tests/data/interop/plover__PLOVER_GSR_CAMEO.txt | 30 |
| history-state | tests/data/history-state/ (all of it) | 30 |
| gdelt1 | tests/data/realdata/gdelt1-*.csv (both excerpts, pooled) | 15 |

``--id`` prints the named records (of any format given) instead of a draw.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from diplomev.actors import Country, Organization, Person
from diplomev.codec import to_dict
from diplomev.interop import read_gdelt, read_history_state, read_icews, read_plover
from diplomev.interop._json_items import json_items
from diplomev.interop.gdelt import GDELT_LAYOUTS
from diplomev.records import Event

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = 3
#: Rows printed per record; a summit of many stories has dozens, which say the same.
MAX_ROWS = 6

Raw = Mapping[str, Any]


def _actor(actor: Any) -> str:
    if isinstance(actor, Country):
        return f"Country({actor.code})"
    if isinstance(actor, Person):
        parts = [repr(actor.name) if actor.name else "", f"office={actor.office!r}"
                 if actor.office else "", f"country={actor.country}"]  # fmt: skip
        return "Person(" + ", ".join(p for p in parts if p) + ")"
    if isinstance(actor, Organization):
        return f"Organization({actor.name!r}, {actor.kind.value}, country={actor.country})"
    return repr(actor)


_ACTOR_FIELDS = ("visitor", "delegation", "participants", "parties", "speakers", "addressees",
                 "imposers", "targets", "actor", "target", "body")  # fmt: skip


def describe(event: Event) -> list[str]:
    """Return the lines that show a record: its kind, id, fields and every actor's type."""
    wire = to_dict(event)
    lines = [f"{wire['type']}  {event.id}  date={wire['date']}"]
    for name in _ACTOR_FIELDS:
        value = getattr(event, name, None)
        if value is None or value == () or value == []:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        shown = [_actor(getattr(v, "actor", v)) for v in values]
        lines.append(f"  {name}: {', '.join(shown)}")
    for name in ("host", "purpose", "stage", "kind", "status", "channel", "action", "measure",
                 "instrument", "forum", "location"):  # fmt: skip
        if name in wire and name not in _ACTOR_FIELDS:
            lines.append(f"  {name}: {json.dumps(wire[name], ensure_ascii=False)}")
    for meeting in getattr(event, "meetings", ()):
        who = ", ".join(_actor(m) for m in meeting.counterparts)
        kind = f" ({meeting.kind.value})" if getattr(meeting, "kind", None) else ""
        lines.append(f"  meeting{kind}: {who}")
    for note in wire.get("x_import_notes", []):
        lines.append(f"  note {note['code']}: {note['message']}")
    return lines


# --- the raw rows -----------------------------------------------------------------------------


def _tab_rows(path: Path, key: str, columns: Sequence[str] | None) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        header = list(columns) if columns is not None else None
        for line in stream:
            cells = line.rstrip("\r\n").split("\t")
            if header is None:
                header = cells
                continue
            names = header if columns is None else GDELT_LAYOUTS.get(len(cells), ("", header))[1]
            row = dict(zip(names, cells, strict=False))
            rows[row[key]] = row
    return rows


_ICEWS_SHOWN = ("Event ID", "Source Name", "Source Sectors", "Source Country", "CAMEO Code",
                "Event Text", "Target Name", "Target Sectors", "Target Country", "City",
                "Country")  # fmt: skip
_GDELT_SHOWN = ("GLOBALEVENTID", "Actor1Code", "Actor1Name", "Actor1CountryCode",
                "Actor1KnownGroupCode", "Actor1Type1Code", "Actor1Type2Code", "Actor2Code",
                "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code",
                "Actor2Type2Code", "EventCode", "ActionGeo_FullName", "ActionGeo_CountryCode",
                "SOURCEURL")  # fmt: skip


def _shown(row: Mapping[str, str], columns: Sequence[str]) -> str:
    return " | ".join(f"{c}={row.get(c, '')}" for c in columns if row.get(c, "") not in ("", "NA"))


class Format:
    """One format of the check: how to import its file and find a record's raw rows."""

    def __init__(self, name: str, size: int, paths: Sequence[Path],
                 read: Callable[[Path], Any], raw: Callable[[Event], list[str]]) -> None:  # fmt: skip
        self.name, self.size, self.paths, self.read, self.raw = name, size, paths, read, raw

    def records(self) -> list[Event]:
        """Return every record of the format's files, sorted by id (a stable pool)."""
        found: list[Event] = []
        for path in self.paths:
            with self.read(path) as reader:
                found.extend(item for item in reader if isinstance(item, Event))
        return sorted(found, key=lambda event: event.id)

    def draw(self) -> list[Event]:
        """Return the sample: ``size`` records drawn with ``random.Random(3)``."""
        pool = self.records()
        return random.Random(SEED).sample(pool, min(self.size, len(pool)))


def _icews_format() -> Format:
    path = DATA / "interop" / "icews__events.2018.sample.tab"
    rows = _tab_rows(path, "Event ID", None)

    def raw(event: Event) -> list[str]:
        ids = [entry["event_id"] for entry in event.extensions.get("x_icews", [])]
        return [_shown(rows[i], _ICEWS_SHOWN) for i in ids if i in rows]

    return Format("icews", 30, [path], lambda p: read_icews(p, errors="collect"), raw)


def _gdelt_format(name: str, size: int, paths: Sequence[Path]) -> Format:
    rows: dict[str, dict[str, str]] = {}
    for path in paths:
        rows.update(_tab_rows(path, "GLOBALEVENTID", GDELT_LAYOUTS[61][1]))

    def raw(event: Event) -> list[str]:
        ids = [entry["event_id"] for entry in event.extensions.get("x_gdelt", [])]
        return [_shown(rows[i], _GDELT_SHOWN) for i in ids if i in rows]

    return Format(name, size, paths, lambda p: read_gdelt(p, errors="collect"), raw)


def _plover_format() -> Format:
    path = DATA / "interop" / "plover__PLOVER_GSR_CAMEO.txt"
    raws: dict[str, Any] = {}
    with path.open("rb") as stream:
        for item in json_items(stream):
            if item.problems is None and isinstance(item.value, dict):
                raws[str(item.value.get("id"))] = item.value

    def raw(event: Event) -> list[str]:
        value = raws.get(event.id)
        if value is None:
            return []
        shown = {k: v for k, v in value.items() if k in ("source", "target", "actor",
                 "recipient", "event", "mode", "context", "text", "eventText")}  # fmt: skip
        return [json.dumps(shown, ensure_ascii=False)]

    return Format("plover", 30, [path], lambda p: read_plover(p, errors="collect"), raw)


def _xml_entries(folder: Path) -> Iterator[tuple[str, ElementTree.Element]]:
    for path in sorted(folder.rglob("*.xml")):
        if path.parent.name == "schema":
            continue
        root = ElementTree.parse(path).getroot()
        for entry in root:
            kind = "trip" if entry.tag == "trip" else "visit"
            yield f"{kind}:{entry.findtext('id')}", entry


def _history_format() -> Format:
    folder = DATA / "history-state"
    entries = dict(_xml_entries(folder))

    def raw(event: Event) -> list[str]:
        where = event.extensions.get("x_history_state", {})
        kind = "trip" if "role" in where else "visit"
        entry = entries.get(f"{kind}:{where.get('id')}")
        if entry is None:
            return []
        fields = ("name", "visitor", "start-date", "end-date", "country", "from", "locale",
                  "remarks", "description")  # fmt: skip
        cells = []
        for field in fields:
            element = entry.find(field)
            if element is not None:
                text = " ".join("".join(element.itertext()).split())
                slug = element.get("id")
                cells.append(f"{field}={text}" + (f" [{slug}]" if slug else ""))
        return [f"{kind} {where.get('id')}: " + " | ".join(cells)]

    return Format("history-state", 30, [folder],
                  lambda p: read_history_state(p, errors="collect"), raw)  # fmt: skip


def formats() -> list[Format]:
    """Return the formats of the check, in the order of its report."""
    realdata = DATA / "realdata"
    return [
        _icews_format(),
        _gdelt_format("gdelt2", 30, [DATA / "interop" / "gdelt2__20161013151500.export.CSV"]),
        _plover_format(),
        _history_format(),
        _gdelt_format(
            "gdelt1",
            15,
            sorted(realdata.glob("gdelt1-*.csv")) + sorted(realdata.glob("gdelt1-*.CSV")),
        ),
    ]


def show(fmt: Format, events: Sequence[Event], out: Any) -> None:
    """Print each record beside its raw rows."""
    for number, event in enumerate(events, 1):
        print(f"[{fmt.name} {number}]", file=out)
        for line in describe(event):
            print(f"  {line}", file=out)
        rows = fmt.raw(event)
        for row in rows[:MAX_ROWS]:
            print(f"    raw: {row}", file=out)
        if len(rows) > MAX_ROWS:
            print(f"    raw: ... and {len(rows) - MAX_ROWS} more rows", file=out)
        print(file=out)


def main(argv: Sequence[str] | None = None) -> int:
    """Draw and print the samples (or the records ``--id`` names)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", action="append", help="only these formats")
    parser.add_argument("--id", action="append", help="print these records, not a draw")
    args = parser.parse_args(argv)
    for fmt in formats():
        if args.format and fmt.name not in args.format:
            continue
        events = [e for e in fmt.records() if e.id in set(args.id)] if args.id else fmt.draw()
        print(f"## {fmt.name}: {len(events)} records\n")
        show(fmt, events, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
