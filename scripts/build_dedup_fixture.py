"""Rebuild the labelled duplicate fixture, ``tests/data/dedup/events.jsonl``, from real records.

    .venv/bin/python scripts/build_dedup_fixture.py            # raw/ -> events.jsonl
    .venv/bin/python scripts/build_dedup_fixture.py --extract  # shared data -> raw/, then build
    .venv/bin/python scripts/build_dedup_fixture.py --check    # exit 1 if events.jsonl is stale
    .venv/bin/python scripts/build_dedup_fixture.py --candidates FILE  # every candidate record

The labels (``tests/data/dedup/labels.csv``) are made by hand and keyed by record id; this
script only makes the records they name. Each record is what an importer gives for *one
report*, so that the duplicates across reports stay for `diplomev.dedup` to find (the
importers themselves join equal-keyed rows of many stories, which is an exact-key
de-duplication of its own):

- ICEWS (``icews-<story>-<id>``): the rows of one Story ID through `read_icews`;
- GDELT 2.0 (``gdelt-<sha1(url)[:8]>-<id>``): the rows of one ``SOURCEURL`` through
  `read_gdelt`;
- the Office of the Historian (``hs-trip<n>-<id>``, ``hs-visit<n>-<id>``): one trip or one
  visit entry through `read_travels` / `read_visits`;
- the golden records (``golden-<id>``) as they are;
- constructed hard negatives and reworded reports (``constructed-<name>``), each derived
  from one real record above by the documented change in `CONSTRUCTED`.

A link between records of one report is rewritten to the new ids. An id in the labels
that no report makes is an error (the script exits with the list), as is a record id made
twice.
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime
import hashlib
import io
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

import diplomev
from diplomev import Country, EventDate, Location, Source
from diplomev.interop import read_gdelt, read_icews, read_travels, read_visits
from diplomev.records import Event, Visit

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "data" / "dedup"
RAW = FIXTURE / "raw"
LABELS = FIXTURE / "labels.csv"
EVENTS = FIXTURE / "events.jsonl"
SHARED = Path(os.environ.get("DIPLOMEV_SHARED", REPO.parent / "shared"))

SHARED_FILES = {
    "icews": SHARED / "data" / "event-standards" / "icews__events.2018.sample.tab",
    "gdelt": SHARED / "data" / "event-standards" / "gdelt2__20161013151500.export.CSV",
    "travels": SHARED / "data" / "history-state" / "president-travels",
    "visits": SHARED / "data" / "history-state" / "visits",
    "golden": SHARED / "seed" / "lee-beijing-visit.events.jsonl",
}
RAW_FILES = {
    "icews": RAW / "icews__events.2018.stories.tab",
    "gdelt": RAW / "gdelt2__20161013151500.articles.CSV",
    "travels": RAW / "president-travels.xml",
    "visits": RAW / "visits.xml",
    "golden": RAW / "lee-beijing-visit.events.jsonl",
}


# --- one report at a time -----------------------------------------------------------------------


def _renamed(events: list[Event], prefix: str) -> Iterator[Event]:
    """The records of one report under ids unique in the fixture, links among them kept."""
    new = {event.id: f"{prefix}-{event.id}" for event in events}
    for event in events:
        links = tuple(
            attrs.evolve(link, target=new.get(link.target, link.target)) for link in event.links
        )
        yield attrs.evolve(event, id=new[event.id], links=links)


def icews_reports(path: Path) -> Iterator[Event]:
    """Each ICEWS story's rows read on their own: one record per event the story reports."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    story = header.split("\t").index("Story ID")
    by_story: dict[str, list[str]] = collections.defaultdict(list)
    for line in rows:
        by_story[line.split("\t")[story]].append(line)
    for key in sorted(by_story):
        table = "\n".join([header, *by_story[key]]) + "\n"
        with read_icews(io.BytesIO(table.encode("utf-8"))) as reader:
            yield from _renamed(list(reader), f"icews-{key}")


def url_key(url: str) -> str:
    """The short, stable name of a GDELT article in fixture ids."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]


def gdelt_reports(path: Path) -> Iterator[Event]:
    """Each GDELT article's rows (one ``SOURCEURL``) read on their own."""
    by_url: dict[str, list[str]] = collections.defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        by_url[line.split("\t")[-1]].append(line)
    for url in sorted(by_url):
        table = "\n".join(by_url[url]) + "\n"
        with read_gdelt(io.BytesIO(table.encode("utf-8"))) as reader:
            yield from _renamed(list(reader), f"gdelt-{url_key(url)}")


def _entries(path: Path, tag: str) -> Iterator[tuple[str, ET.Element]]:
    files = sorted(path.glob("*.xml")) if path.is_dir() else [path]
    for file in files:
        for entry in ET.parse(file).getroot().iter(tag):
            yield entry.findtext("id", "").strip(), entry


def history_reports(path: Path, tag: str) -> Iterator[Event]:
    """Each trip or visit entry of the Office of the Historian read on its own."""
    read = read_travels if tag == "trip" else read_visits
    for number, entry in _entries(path, tag):
        document = f"<{tag}s>".encode() + ET.tostring(entry) + f"</{tag}s>".encode()
        with read(io.BytesIO(document)) as reader:
            yield from _renamed(list(reader), f"hs-{tag}{number}")


def golden_reports(path: Path) -> Iterator[Event]:
    """The golden records of the seed article, as they are."""
    with diplomev.io.read_jsonl(path) as reader:
        yield from _renamed(list(reader), "golden")


# --- constructed records ------------------------------------------------------------------------


def _days(date: EventDate, days: int) -> EventDate:
    """The same date (or interval) moved by ``days``; precision and qualifiers kept."""
    return diplomev.parse_date(_shift_text(str(date), days))


def _shift_text(text: str, days: int) -> str:
    parts = []
    for part in text.split("/"):
        qualifier = part[10:] if len(part) > 10 else ""
        day = datetime.date.fromisoformat(part[:10]) + datetime.timedelta(days=days)
        parts.append(day.isoformat() + qualifier)
    return "/".join(parts)


def _constructed_source(base: Event, why: str) -> tuple[Source, ...]:
    return (Source(title=f"Constructed for the dedup fixture from {base.id}: {why}"),)


@attrs.frozen
class Construction:
    """A record derived from a real one by one documented change."""

    name: str
    base: str
    change: str  # what differs from the base, in words (also in labels.csv's note)
    make: Callable[[Event], Event]


def _visit(event: Event) -> Visit:
    if not isinstance(event, Visit):
        raise TypeError(f"a construction of a visit got {type(event).__name__} {event.id}")
    return event


def _visit_other_host(event: Event) -> Event:
    tokyo = Location(name="Tokyo", country="JPN", kind="city")
    return attrs.evolve(_visit(event), host="JPN", location=tokyo, meetings=())


def _month_only(event: Event) -> Event:
    date = EventDate.month(2026, 1)
    return attrs.evolve(_visit(event), date=date, links=(), meetings=(), topics=())


def _country_for_president(event: Event) -> Event:
    return attrs.evolve(_visit(event), visitor=Country(code="KOR"), meetings=(), links=())


CONSTRUCTED: tuple[Construction, ...] = (
    Construction(
        "lee-visit-a-week-later",
        "golden-lee-china-visit-2026",
        "dates moved 7 days later: the same two leaders a week apart",
        lambda e: attrs.evolve(e, date=_days(e.date, 7), links=()),
    ),
    Construction(
        "lee-visit-other-host",
        "golden-lee-china-visit-2026",
        "host and location changed to Japan (Tokyo), meetings dropped: the same days, another host",
        _visit_other_host,
    ),
    Construction(
        "lee-visit-planned",
        "golden-lee-china-visit-2026",
        "status planned and the dates a month earlier, as a report announcing the trip",
        lambda e: attrs.evolve(e, status="planned", date=_days(e.date, -31), links=()),
    ),
    Construction(
        "lee-visit-month-report",
        "golden-lee-china-visit-2026",
        "date only to the month (2026-01), no meetings, topics or links: a terser report",
        _month_only,
    ),
    Construction(
        "lee-visit-country-report",
        "golden-lee-china-visit-2026",
        "visitor given as the country (KOR) instead of its president, no meetings or links",
        _country_for_president,
    ),
)


def constructed(real: dict[str, Event]) -> Iterator[Event]:
    """The constructed records, each from its base record."""
    for item in CONSTRUCTED:
        base = real[item.base]
        made = item.make(base)
        yield attrs.evolve(
            made, id=f"constructed-{item.name}", sources=_constructed_source(base, item.change)
        )


# --- the fixture --------------------------------------------------------------------------------


def reports(files: dict[str, Path]) -> Iterator[Event]:
    """Every record the sources make, one report at a time, constructed ones last."""
    real: dict[str, Event] = {}
    streams: Iterable[Iterator[Event]] = (
        icews_reports(files["icews"]),
        gdelt_reports(files["gdelt"]),
        history_reports(files["travels"], "trip"),
        history_reports(files["visits"], "visit"),
        golden_reports(files["golden"]),
    )
    for stream in streams:
        for event in stream:
            if event.id in real:
                sys.exit(f"build_dedup_fixture: the id {event.id!r} is made twice")
            real[event.id] = event
            yield event
    yield from constructed(real)


def read_labels(path: Path | None = None) -> list[dict[str, str]]:
    """The hand-made labels: ``id,cluster,kind,origin,note``, one row per record."""
    with (path or LABELS).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def build(files: dict[str, Path], labels_path: Path | None = None) -> list[Event]:
    """The labelled records, in the labels' order; exit if a labelled id is not made."""
    labels = read_labels(labels_path)
    wanted = [row["id"] for row in labels]
    duplicates = [i for i, n in collections.Counter(wanted).items() if n > 1]
    if duplicates:
        sys.exit(f"build_dedup_fixture: ids labelled twice: {duplicates}")
    made = {event.id: event for event in reports(files) if event.id in set(wanted)}
    missing = [i for i in wanted if i not in made]
    if missing:
        sys.exit(
            f"build_dedup_fixture: {len(missing)} labelled ids are made by no report "
            f"(raw data changed, or a typo in labels.csv): {missing}"
        )
    return [made[i] for i in wanted]


def text_of(events: list[Event]) -> str:
    """The JSON Lines text of ``events``, as events.jsonl holds it."""
    return "".join(diplomev.dumps(event) + "\n" for event in events)


# --- raw copies -----------------------------------------------------------------------------------


def extract() -> None:
    """Copy from the shared data exactly the rows and entries the labelled records come from."""
    ids = [row["id"] for row in read_labels()]
    stories = {i.split("-")[1] for i in ids if i.startswith("icews-")}
    urls = {i.split("-")[1] for i in ids if i.startswith("gdelt-")}
    trips = {i.split("-")[1].removeprefix("trip") for i in ids if i.startswith("hs-trip")}
    visits = {i.split("-")[1].removeprefix("visit") for i in ids if i.startswith("hs-visit")}
    # Constructed records need their base's report too.
    bases = {c.base for c in CONSTRUCTED if f"constructed-{c.name}" in ids}
    stories |= {b.split("-")[1] for b in bases if b.startswith("icews-")}
    RAW.mkdir(parents=True, exist_ok=True)

    lines = SHARED_FILES["icews"].read_text(encoding="utf-8").splitlines()
    story = lines[0].split("\t").index("Story ID")
    kept = [lines[0]] + [line for line in lines[1:] if line.split("\t")[story] in stories]
    RAW_FILES["icews"].write_text("\n".join(kept) + "\n", encoding="utf-8")

    rows = SHARED_FILES["gdelt"].read_text(encoding="utf-8").splitlines()
    kept = [row for row in rows if url_key(row.split("\t")[-1]) in urls]
    RAW_FILES["gdelt"].write_text("\n".join(kept) + "\n", encoding="utf-8")

    for name, tag, numbers in (("travels", "trip", trips), ("visits", "visit", visits)):
        root = ET.Element(f"{tag}s")
        root.extend(
            entry for number, entry in _entries(SHARED_FILES[name], tag) if number in numbers
        )
        ET.indent(root)
        ET.ElementTree(root).write(RAW_FILES[name], encoding="UTF-8", xml_declaration=True)

    RAW_FILES["golden"].write_bytes(SHARED_FILES["golden"].read_bytes())


def candidates(out: Path) -> None:
    """Every record the shared data make, one line each, to read when labelling."""
    with out.open("w", encoding="utf-8") as stream:
        for event in reports(SHARED_FILES):
            stream.write(diplomev.dumps(event) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", action="store_true", help="refresh raw/ from the shared data")
    parser.add_argument("--check", action="store_true", help="fail if events.jsonl is stale")
    parser.add_argument("--candidates", metavar="FILE", type=Path)
    args = parser.parse_args()
    if args.candidates:
        candidates(args.candidates)
        return
    if args.extract:
        extract()
    text = text_of(build(RAW_FILES))
    if args.check:
        if EVENTS.read_text(encoding="utf-8") != text:
            sys.exit("build_dedup_fixture: events.jsonl is stale; run the script")
        return
    EVENTS.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10))} records to {EVENTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
