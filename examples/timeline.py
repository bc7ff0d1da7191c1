"""Draw the seed article's events as a timeline picture (PNG).

    pip install 'diplomev[plot]'        # matplotlib
    python examples/timeline.py [EVENTS.jsonl] [OUTPUT.png]

Reads EVENTS (default: the records that ``seed_article.py`` builds) and writes OUTPUT
(default: ``out/lee-beijing-visit.timeline.png``). One row per event, earliest first:

- a bar spans every day the date can be, so precision shows as width: ``2016`` is a
  year long, ``2025-11`` a month, ``2026-01-05`` a day;
- an uncertain or approximate end (``?``, ``~``, ``%``) fades out; an open end (``..``,
  "ongoing") runs to the edge and ends in an arrowhead; an unknown end fades to the edge;
- planned events are hatched, cancelled ones cross-hatched;
- links between events (``follows``, ``part_of``, ``caused_by``, ...) are arrows from
  the event that holds the link to its target.

Ten years and three days do not fit one scale, so the left panel shows every year the
events touch and the right one the weeks around the article's publication (the date most
of the events' sources give), where news events cluster.
"""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

try:
    import matplotlib

    matplotlib.use("Agg")  # draw to a file; no display needed
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
except ImportError:  # pragma: no cover - what a user without the extra sees
    sys.exit("timeline.py needs matplotlib: pip install 'diplomev[plot]'")

from seed_article import build_events  # examples/ is on sys.path as a script

import diplomev
from diplomev import Bound, EventDate, PartialDate, Precision
from diplomev.display import participants_label
from diplomev.io import read_jsonl

# Okabe-Ito colours: told apart with any colour vision.
COLOURS = {
    "summit": "#0072B2",
    "visit": "#009E73",
    "dispute": "#D55E00",
    "trade_issue": "#CC79A7",
    "agreement": "#E69F00",
    "statement": "#56B4E9",
    "diplomatic_action": "#000000",
    "vote": "#F0E442",
}
OTHER_COLOUR = "#777777"
INK, MUTED, GRID = "#222222", "#666666", "#E6E6E6"
DAY = 1.0  # matplotlib date numbers count days


def num(day: datetime.date) -> float:
    return float(mdates.date2num(day))


def fuzzy(end: PartialDate | Bound | None) -> bool:
    return isinstance(end, PartialDate) and (end.uncertain or end.approximate)


def unit_days(end: PartialDate) -> float:
    return {Precision.YEAR: 365.0, Precision.MONTH: 30.0, Precision.DAY: 1.0}[end.precision]


def span(date: EventDate) -> tuple[PartialDate | Bound, PartialDate | Bound]:
    """Return the two ends of a date: a single date is its own start and end."""
    return date.start, date.start if date.end is None else date.end


def fade(ax: Axes, x: float, width: float, y: float, colour: str, *, rising: bool) -> None:
    """Draw a bar that fades from full to nothing over ``width`` (or the reverse)."""
    steps = 14
    for i in range(steps):
        alpha = (i + 0.5) / steps if rising else 1 - (i + 0.5) / steps
        ax.add_patch(
            Rectangle(
                (x + i * width / steps, y - 0.3), width / steps, 0.6,
                facecolor=colour, alpha=0.85 * alpha, linewidth=0,
            )
        )  # fmt: skip


def draw_event(ax: Axes, event: diplomev.Event, y: float, window: tuple[float, float]) -> None:
    """Draw one event's bar in a panel whose x range is ``window``."""
    x0, x1 = window
    width = x1 - x0
    colour = COLOURS.get(diplomev.event_type_name(type(event)), OTHER_COLOUR)
    first, last = span(event.date)
    start = num(first.lower()) if isinstance(first, PartialDate) else x0
    end = num(last.upper()) + DAY if isinstance(last, PartialDate) else x1
    if end < x0 or start > x1:
        return
    if end - start < 0.004 * width:  # a day at the scale of years: keep it visible
        middle = (start + end) / 2
        start, end = middle - 0.002 * width, middle + 0.002 * width

    # Planned events are hatched with a dashed outline; cancelled ones cross-hatched.
    hatch = {diplomev.Status.PLANNED: "////", diplomev.Status.CANCELLED: "xx"}.get(event.status)
    ax.add_patch(
        Rectangle(
            (start, y - 0.3), end - start, 0.6,
            facecolor="white" if hatch else colour, alpha=1 if hatch else 0.85,
            edgecolor=colour, hatch=hatch, linewidth=1.2 if hatch else 0,
            linestyle="--" if event.status is diplomev.Status.PLANNED else "-",
        )
    )  # fmt: skip
    for end_value, at, rising in ((first, start, True), (last, end, False)):
        if fuzzy(end_value):
            assert isinstance(end_value, PartialDate)
            length = max(unit_days(end_value) * 0.75, 0.025 * width)
            fade(ax, at - length if rising else at, length, y, colour, rising=rising)
        elif end_value is Bound.UNKNOWN:
            length = 0.06 * width
            fade(ax, at if rising else at - length, length, y, "white", rising=not rising)
        elif end_value is Bound.OPEN:
            edge, marker = (x0, "<") if rising else (x1, ">")
            ax.plot(
                [edge], [y], marker=marker, markersize=11, color=colour, clip_on=False, zorder=3
            )


def draw_link(
    ax: Axes, source: tuple[float, float], target: tuple[float, float], label: str
) -> None:
    """Draw an arrow from the event holding a link to its target, with the relation."""
    rad = -0.35 if source[1] > target[1] else 0.35
    ax.add_patch(
        FancyArrowPatch(
            source, target, arrowstyle="-|>", mutation_scale=13, color=INK,
            linewidth=1.1, connectionstyle=f"arc3,rad={rad}", shrinkA=2, shrinkB=4, zorder=4,
        )
    )  # fmt: skip
    # The middle of the arc (matplotlib's arc3 bends the line in display space).
    (x1, y1), (x2, y2) = ax.transData.transform([source, target])
    middle = ((x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2)
    at_x, at_y = ax.transData.inverted().transform(middle)  # annotate takes an (x, y) pair
    ax.annotate(
        label.replace("_", " "), (at_x, at_y),
        xytext=(5, 0), textcoords="offset points",
        fontsize=8.5, color=INK, style="italic", va="center", zorder=5,
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
    )  # fmt: skip


def anchor(event: diplomev.Event) -> float:
    """Where on the time axis an arrow meets an event: the middle of its known days."""
    first, last = span(event.date)
    low = num(first.lower()) if isinstance(first, PartialDate) else None
    high = num(last.upper()) + DAY if isinstance(last, PartialDate) else None
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high  # type: ignore[return-value]


def article_of(events: Sequence[diplomev.Event]) -> tuple[str | None, datetime.date]:
    """Return the title and publication date most events cite (or the latest date known)."""
    sources = Counter((s.title, s.published) for e in events for s in e.sources if s.published)
    if sources:
        return sources.most_common(1)[0][0]
    days = [end.upper() for e in events for end in span(e.date) if isinstance(end, PartialDate)]
    return None, max(days)


def windows_for(
    events: Sequence[diplomev.Event], published: datetime.date
) -> tuple[tuple[datetime.date, datetime.date], tuple[datetime.date, datetime.date]]:
    """Return the x ranges of the two panels: every year the events touch, and the weeks
    around publication."""
    years = [end.year for e in events for end in span(e.date) if isinstance(end, PartialDate)]
    first = max(min(years, default=published.year), published.year - 40)
    all_years = (datetime.date(first - 1, 7, 1), datetime.date(published.year, 7, 1))
    weeks = (published - datetime.timedelta(days=77), published + datetime.timedelta(days=36))
    return all_years, weeks


def draw(events: Sequence[diplomev.Event], output: Path) -> None:
    events = sorted(events, key=lambda e: e.date)
    rows = {event.id: float(i) for i, event in enumerate(events)}
    y: float  # a row of the chart: whole rows for the grid lines, then each event's
    title, published = article_of(events)
    all_years, around = windows_for(events, published)

    fig, (years, weeks) = plt.subplots(
        1, 2, figsize=(15, 0.62 * len(events) + 2.6), sharey=True,
        gridspec_kw={"width_ratios": [1, 1.25], "wspace": 0.06},
    )  # fmt: skip
    fig.subplots_adjust(left=0.27, right=0.975, top=0.86, bottom=0.12)
    windows = {
        years: (num(all_years[0]), num(all_years[1])),
        weeks: (num(around[0]), num(around[1])),
    }

    for ax, (x0, x1) in windows.items():
        ax.set_xlim(x0, x1)
        ax.set_ylim(len(events) - 0.4, -0.6)
        for y in range(len(events)):
            ax.axhline(y, color=GRID, linewidth=0.8, zorder=0)
        ax.axvline(num(published), color=MUTED, linestyle=":", linewidth=1.2, zorder=1)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.tick_params(axis="x", colors=MUTED, labelsize=9)
        for event in events:
            draw_event(ax, event, rows[event.id], (x0, x1))

    years.xaxis.set_major_locator(
        mdates.YearLocator(max(1, (all_years[1].year - all_years[0].year) // 5))
    )
    years.xaxis.set_minor_locator(mdates.YearLocator(1))
    years.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    weeks.xaxis.set_major_locator(mdates.MonthLocator())
    weeks.xaxis.set_minor_locator(mdates.WeekdayLocator(mdates.MO))
    weeks.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    years.set_title("Every year", loc="left", fontsize=11, color=INK)
    weeks.set_title("The weeks around publication", loc="left", fontsize=11, color=INK)
    weeks.annotate(
        f"published {published:%d %b %Y}", (num(published), len(events) - 0.4),
        xytext=(4, 4), textcoords="offset points", fontsize=8.5, color=MUTED,
    )  # fmt: skip
    # The weeks the right panel shows, as a band in the left one.
    years.axvspan(*windows[weeks], color="#F2F2F2", zorder=0)
    years.set_yticks(range(len(events)), [""] * len(events))

    for event in events:
        y = rows[event.id]
        kind = diplomev.event_type_name(type(event)).replace("_", " ")
        years.text(
            -0.015, y - 0.1, participants_label(event), transform=years.get_yaxis_transform(),
            ha="right", va="bottom", fontsize=10, color=INK, fontweight="bold",
        )  # fmt: skip
        status = "" if event.status is diplomev.Status.OCCURRED else f" · {event.status.value}"
        years.text(
            -0.015, y + 0.05, f"{kind} · {event.date}{status}",
            transform=years.get_yaxis_transform(), ha="right", va="top", fontsize=8.5,
            color=COLOURS.get(diplomev.event_type_name(type(event)), OTHER_COLOUR),
            family="monospace",
        )  # fmt: skip

    by_id = {event.id: event for event in events}
    for event in events:
        for link in event.links:
            target = by_id.get(link.target)
            if target is None:
                continue
            source_x, target_x = anchor(event), anchor(target)
            # The weeks panel when both ends are in it, else the years.
            x0, x1 = windows[weeks]
            ax = weeks if x0 <= source_x <= x1 and x0 <= target_x <= x1 else years
            draw_link(ax, (source_x, rows[event.id]), (target_x, rows[target.id]), link.rel)

    # A legend of what this picture shows, and nothing else.
    kinds = {diplomev.event_type_name(type(event)) for event in events}
    ends = [end for event in events for end in span(event.date)]
    statuses = {event.status for event in events}
    handles: list[Artist] = [
        Patch(color=colour, label=kind.replace("_", " "))
        for kind, colour in [*COLOURS.items(), ("other", OTHER_COLOUR)]
        if kind in kinds or (kind == "other" and kinds - set(COLOURS))
    ]
    for shown, handle in (
        (diplomev.Status.PLANNED in statuses,
         Patch(facecolor="white", edgecolor=MUTED, hatch="////", linestyle="--", label="planned")),
        (diplomev.Status.CANCELLED in statuses,
         Patch(facecolor="white", edgecolor=MUTED, hatch="xx", label="cancelled")),
        (Bound.OPEN in ends,
         Line2D([], [], color=MUTED, marker=">", linestyle="-", label="open end (..)")),
        (any(map(fuzzy, ends)) or Bound.UNKNOWN in ends,
         Patch(facecolor=MUTED, alpha=0.35, label="uncertain or unknown end")),
        (any(event.links for event in events),
         Line2D([], [], color=INK, marker=">", markersize=5, label="link")),
        (True, Line2D([], [], color=MUTED, linestyle=":", label="publication")),
    ):  # fmt: skip
        if shown:
            handles.append(handle)
    fig.legend(
        handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=9,
        bbox_to_anchor=(0.62, 0.0), handlelength=1.8,
    )  # fmt: skip
    fig.suptitle(
        f"{title}: the events of one article" if title else "A timeline of events",
        x=0.02, y=0.975, ha="left", fontsize=14, fontweight="bold", color=INK,
    )  # fmt: skip
    fig.text(
        0.02, 0.925,
        f"{len(events)} diplomev records. Each bar spans every day its date can be: "
        "a year, a month, a day or an interval.",
        fontsize=10, color=MUTED,
    )  # fmt: skip
    output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(output, dpi=120, facecolor="white")
    plt.close(fig)


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        with read_jsonl(argv[1]) as reader:
            events = list(reader)
    else:
        events = build_events()
    output = Path(argv[2] if len(argv) > 2 else "out/lee-beijing-visit.timeline.png")
    draw(events, output)
    print(f"wrote a timeline of {len(events)} events to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
