"""The examples run as a user runs them, and build what the golden file holds."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

import diplomev
from diplomev.schema import json_schema

from .conftest import GOLDEN

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_seed_article_rebuilds_the_golden_records(tmp_path: Path) -> None:
    output = tmp_path / "seed.jsonl"
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / "seed_article.py"), str(output)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    built = [diplomev.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    golden = [diplomev.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert built == golden
    assert "wrote 9 events" in run.stdout
    # The readable list names each event once, earliest first.
    listed = [line for line in run.stdout.splitlines() if line[:4].isdigit()]
    assert len(listed) == 9
    assert listed[0].startswith("2016 ")
    assert "Lee Jae Myung (KOR) & Xi Jinping (CHN)" in run.stdout


def test_the_example_data_is_the_article_the_tests_use() -> None:
    assert (EXAMPLES / "data" / "lee-beijing-visit.txt").read_bytes() == GOLDEN.with_name(
        "lee-beijing-visit.txt"
    ).read_bytes()


def run_example(name: str, *args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``examples/NAME`` as a user does, from ``cwd``; return the finished process."""
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def read_events(path: Path) -> list[diplomev.Event]:
    return [diplomev.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_validate_file_reports_each_problem_and_keeps_the_good_records(tmp_path: Path) -> None:
    run = run_example("validate_file.py", cwd=tmp_path)  # the sample, written under out/
    assert run.returncode == 1, run.stderr
    good = read_events(tmp_path / "out" / "events-to-check.valid.jsonl")
    assert [event.id for event in good] == [
        "lee-xi-summit-2026-01-05",
        "kor-leader-china-visit-2019",
        "china-korean-content-restrictions",
    ]
    assert good[1].extensions == {"x_coder": "hand"}
    problems = [line for line in run.stdout.splitlines() if "events-to-check.jsonl:" in line]
    assert [line.split(".jsonl:")[1].split(":")[0] for line in problems] == [
        "2", "2", "4", "6", "7", "7", "9",
    ]  # fmt: skip
    assert "$.participants[1].country: unknown country code 'XXX'" in run.stdout
    assert "$.venue: unknown field" in run.stdout
    assert ":9: $: the last line is incomplete" in run.stdout
    assert "8 records: 3 valid, 5 invalid" in run.stdout


def test_validate_file_passes_a_valid_file_through_unchanged(tmp_path: Path) -> None:
    output = tmp_path / "good.jsonl"
    run = run_example("validate_file.py", GOLDEN, output, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert read_events(output) == read_events(GOLDEN)
    assert "9 records: 9 valid, 0 invalid" in run.stdout


def test_from_extractor_builds_records_and_reports_what_it_cannot_read(tmp_path: Path) -> None:
    output = tmp_path / "extracted.jsonl"
    sample = EXAMPLES / "data" / "extractor-output.json"
    run = run_example("from_extractor.py", sample, output, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    events = {event.id: event for event in read_events(output)}
    assert sorted(events) == [
        "summit-2025-11-lee-jae-myung-xi-jinping",
        "summit-2026-01-05-chn-kor-in-chn",
        "trade-issue-2016-chn-on-kor-informal-restriction",
        "visit-2026-01-04-kor-to-chn",
        "visit-planned-2026-01-06-kor-to-jpn",
    ]
    summit = events["summit-2026-01-05-chn-kor-in-chn"]
    assert str(summit.date) == "2026-01-05"  # "Monday", read as of the publication date
    assert summit.host == "CHN"
    assert summit.participants[1].office is None  # "Chinese leader Xi Jinping": no office
    visit = events["visit-2026-01-04-kor-to-chn"]
    assert str(visit.date) == "2026-01-04?/2026-01-06?"  # "a three-day visit"
    # Evidence becomes a quote whose offsets point into the article.
    quote = visit.sources[0].quotes[0]
    article = (EXAMPLES / "data" / "lee-beijing-visit.txt").read_text(encoding="utf-8")
    assert article[quote.start : quote.end] == quote.text
    trade = events["trade-issue-2016-chn-on-kor-informal-restriction"]
    assert (str(trade.date), trade.imposers, trade.measure) == (
        "2016/..",
        (diplomev.Country(code="CHN"),),
        diplomev.TradeMeasure.INFORMAL_RESTRICTION,
    )
    for expected in (
        "$.events[4].when: cannot read 'amid escalating tensions' as a date",
        "$.events[6].when: cannot read 'next Blursday' as a date",
        "$.events[6].participants[0]: ambiguous country 'Korean'",
        "$.events[7].kind: unknown kind 'banquet'",
        "$.events[8].evidence: not found in the article",
    ):
        assert expected in run.stdout
    assert "5 of 9 events read; 4 could not be read" in run.stdout


def test_to_plover_writes_plover_that_reads_back_whole(tmp_path: Path) -> None:
    from diplomev.interop import read_plover

    output = tmp_path / "seed.plover.jsonl"
    run = run_example("to_plover.py", GOLDEN, output, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 9
    with read_plover(output) as reader:
        assert list(reader) == read_events(GOLDEN)
    plain = tmp_path / "seed.plain.plover.jsonl"
    assert all(
        '"x_diplomev"' not in line for line in plain.read_text(encoding="utf-8").splitlines()
    )
    assert "not held by plover: sources (9 records)" in run.stdout
    # CAMEO: the visit is 042 from Lee's side and 043 from China's.
    assert "lee-china-visit-2026                 042    +1.9  Make a visit" in run.stdout
    assert "043          CHN -> KORGOV" in run.stdout


def test_timeline_draws_a_png(tmp_path: Path) -> None:
    from PIL import Image  # matplotlib, which the example needs, depends on Pillow

    output = tmp_path / "timeline.png"
    run = run_example("timeline.py", GOLDEN, output, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    with Image.open(output) as png:
        assert png.format == "PNG"
        width, height = png.size
        assert width >= 1200
        assert height >= 600
        pixels = png.convert("RGB").resize((width // 4, height // 4), Image.Resampling.NEAREST)
    colours = pixels.getcolors(maxcolors=1 << 20)
    assert colours is not None
    total = sum(count for count, _ in colours)
    white = sum(count for count, rgb in colours if min(rgb) > 245)
    assert 0.05 < 1 - white / total < 0.6  # drawn on, but not a solid block
    assert len(colours) > 100  # bars, fades, text: not a few flat shapes

    def near(target: str) -> int:
        # A bar of the kind's colour at alpha 0.85 over white.
        rgb = [int(target[i : i + 2], 16) * 0.85 + 255 * 0.15 for i in (1, 3, 5)]
        return sum(
            n for n, c in colours if all(abs(a - b) <= 6 for a, b in zip(c, rgb, strict=True))
        )

    for kind_colour in ("#0072B2", "#009E73", "#D55E00", "#CC79A7"):  # every kind is drawn
        assert near(kind_colour) > 50, kind_colour


def test_timeline_draws_the_new_kinds_in_their_colours(tmp_path: Path) -> None:
    from PIL import Image

    events = tmp_path / "deal.jsonl"
    assert run_example("saudi_iran_beijing_deal.py", events, cwd=tmp_path).returncode == 0
    output = tmp_path / "timeline.png"
    run = run_example("timeline.py", events, output, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    with Image.open(output) as png:
        colours = png.convert("RGB").getcolors(maxcolors=1 << 22)
    assert colours is not None

    def near(target: str) -> int:
        rgb = [int(target[i : i + 2], 16) * 0.85 + 255 * 0.15 for i in (1, 3, 5)]
        return sum(
            n for n, c in colours if all(abs(a - b) <= 6 for a, b in zip(c, rgb, strict=True))
        )

    for kind_colour in ("#E69F00", "#56B4E9"):  # an agreement and a statement are drawn
        assert near(kind_colour) > 50, kind_colour


def test_saudi_iran_beijing_deal_writes_records_that_validate(tmp_path: Path) -> None:
    run = run_example("saudi_iran_beijing_deal.py", cwd=tmp_path)  # the default output
    assert run.returncode == 0, run.stderr
    output = tmp_path / "out" / "saudi-iran-beijing-deal.events.jsonl"
    assert "wrote 8 events to out/saudi-iran-beijing-deal.events.jsonl" in run.stdout
    lines = output.read_text(encoding="utf-8").splitlines()
    events = [diplomev.loads(line) for line in lines]
    assert [diplomev.event_type_name(type(event)) for event in events] == [
        "summit", "agreement", "diplomatic_action", "diplomatic_action", "summit",
        "statement", "dispute", "dispute",
    ]  # fmt: skip
    # What was written reads back as what the script builds.
    spec = importlib.util.spec_from_file_location("deal", EXAMPLES / "saudi_iran_beijing_deal.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert events == module.build_events()
    validator = jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for line in lines:
        validator.validate(json.loads(line))
    # Each record says where it was read: the article's address, never its text.
    url = "https://telanganatoday.com/iran-saudi-arabia-agree-to-resume-ties-with-chinas-help"
    for event in events:
        assert [source.url for source in event.sources] == [url]
        assert all(quote.start is None for quote in event.sources[0].quotes)
    deal = events[1]
    assert isinstance(deal, diplomev.Agreement)
    assert deal.parties == (diplomev.Country(code="IRN"), diplomev.Country(code="SAU"))
    assert deal.witnesses == (diplomev.Country(code="CHN"),)
    planned = [event for event in events if event.status is diplomev.Status.PLANNED]
    assert [str(event.date) for event in planned] == [
        "2023-03-10/2023-05-10", "2023-03-10/2023-05-10", "2023-03-10/..",
    ]  # fmt: skip
    # The list it prints runs earliest first and names who acted, for every kind.
    listed = [line for line in run.stdout.splitlines() if line[:4].isdigit()]
    assert len(listed) == 8
    assert listed[0].startswith("2016~/..")
    assert "Wang Yi (CHN), Iran, Saudi Arabia — Wang Yi congratulates" in run.stdout


def test_saudi_iran_beijing_deal_writes_where_it_is_told(tmp_path: Path) -> None:
    output = tmp_path / "deal.jsonl"
    run = run_example("saudi_iran_beijing_deal.py", output, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert len(read_events(output)) == 8
    assert not (tmp_path / "out").exists()


def test_parquet_duckdb_answers_from_the_icews_sample(tmp_path: Path) -> None:
    from collections import Counter

    from diplomev.interop import read_icews

    sample = EXAMPLES.parent / "tests/data/interop/icews__events.2018.sample.tab"
    run = run_example("parquet_duckdb.py", sample, tmp_path / "icews", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    with read_icews(sample, errors="collect") as reader:
        records = list(reader)
    assert f"wrote {len(records)} events" in run.stdout
    assert list((tmp_path / "icews").glob("year=2018/type=visit/*.parquet"))
    hosts = Counter(e.host for e in records if isinstance(e, diplomev.Visit))
    top = run.stdout.split("hosted the most visits:\n")[1].split("countries that made")[0]
    shown = [line.split() for line in top.strip().splitlines()]
    assert shown == [
        [host, str(count)]
        for host, count in sorted(hosts.items(), key=lambda item: (-item[1], item[0]))[:5]
    ]
