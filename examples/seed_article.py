"""The reference article as diplomev records.

Builds the nine events of "Lee Jae Myung meets Xi Jinping in Beijing" in Python code,
prints them as a short list, and writes them as JSON Lines.

    python examples/seed_article.py [OUTPUT.jsonl]

The output defaults to ``out/lee-beijing-visit.events.jsonl``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import diplomev
from diplomev import (
    Country,
    Dispute,
    DisputeParty,
    Link,
    Location,
    Meeting,
    Organization,
    Person,
    Quote,
    Source,
    Summit,
    TradeIssue,
    Visit,
    parse_date,
)
from diplomev.display import timeline_line
from diplomev.io import write_jsonl

ARTICLE = (Path(__file__).parent / "data" / "lee-beijing-visit.txt").read_text(encoding="utf-8")
TITLE = "Lee Jae Myung meets Xi Jinping in Beijing"
# The article carries no date: it reports Monday's summit, so it is read as of that day.
PUBLISHED = "2026-01-05"

KOR, CHN, JPN, USA = (Country(code=code) for code in ("KOR", "CHN", "JPN", "USA"))
LEE = Person(name="Lee Jae Myung", office="President", country="KOR")
XI = Person(name="Xi Jinping", office="President", country="CHN")
LI = Person(name="Li Qiang", office="Premier", country="CHN")
ZHAO = Person(name="Zhao Leji", office="Chairman of the National People's Congress", country="CHN")
PARK = Person(
    name="Park Seung-chan",
    office="Professor",
    country="KOR",
    affiliation=Organization(name="Yongin University", kind="university", country="KOR"),
)
BEIJING = Location(name="Beijing", country="CHN", kind="city")


def quote(text: str, speaker: diplomev.Actor | None = None) -> Quote:
    """Quote the article, with offsets found in its text (so they cannot drift)."""
    return Quote.find(ARTICLE, text, speaker=speaker)


def source(*quotes: Quote) -> tuple[Source, ...]:
    return (Source(title=TITLE, published=PUBLISHED, quotes=quotes),)


def build_events() -> list[diplomev.Event]:
    """Every fact of the article that is an event, as a record."""
    return [
        Visit(
            id="lee-china-visit-2026",
            # Three days around Monday 5 January; the article gives no exact start.
            date=parse_date("2026-01-04?/2026-01-06?"),
            location=BEIJING,
            summary="President Lee Jae Myung's three-day visit to China, "
            "the first by a South Korean leader since 2019",
            topics=("Korea-China relations",),
            links=(Link(rel="follows", target="kor-leader-china-visit-2019"),),
            sources=source(
                quote(
                    "During his three-day visit, President Lee engaged in multiple high-level "
                    "meetings, including a banquet hosted by Xi Jinping and discussions with "
                    "Premier Li Qiang and National People’s Congress Chairman Zhao Leji."
                ),
                quote(
                    "The relationship had deteriorated under Lee’s predecessor, Yoon Suk Yeol, "
                    "making this the first visit by a South Korean leader since 2019."
                ),
                quote(
                    "a new starting point to fill in the gaps in Korea-China relations, restore "
                    "them to normal and upgrade them to a new level",
                    speaker=LEE,
                ),
            ),
            visitor=LEE,
            host="CHN",
            meetings=(
                Meeting(counterparts=(XI,), kind="banquet"),
                Meeting(counterparts=(LI,), kind="talks"),
                Meeting(counterparts=(ZHAO,), kind="talks"),
                Meeting(
                    counterparts=(
                        Organization(
                            name="Korean residents in Beijing", kind="community", country="KOR"
                        ),
                    ),
                    kind="address",
                ),
            ),
        ),
        Summit(
            id="lee-xi-summit-2026-01-05",
            date=parse_date("2026-01-05"),
            location=BEIJING,
            summary="Lee Jae Myung and Xi Jinping hold their second summit since November",
            topics=(
                "regional security",
                "restrictions on Korean cultural exports",
                "economic cooperation",
                "Korean Peninsula denuclearization",
                "maritime structures in disputed waters",
            ),
            links=(
                Link(rel="part_of", target="lee-china-visit-2026"),
                Link(rel="follows", target="lee-xi-summit-2025-11"),
            ),
            sources=source(
                quote(
                    "The Monday summit—their second since November—addressed critical issues "
                    "including regional security concerns, China’s unofficial restrictions on "
                    "Korean cultural exports, and economic cooperation between Seoul and its "
                    "largest trading partner."
                ),
                quote(
                    "Professor Park Seung-chan of Yongin University noted that China’s eagerness "
                    "to host President Lee reflects Beijing’s search for regional allies, with "
                    "clear expectations for Seoul to align against Japan.",
                    speaker=PARK,
                ),
            ),
            participants=(LEE, XI),
            host="CHN",
        ),
        Summit(
            id="lee-xi-summit-2025-11",
            date=parse_date("2025-11"),
            summary="First summit between Lee Jae Myung and Xi Jinping",
            sources=source(quote("their second since November")),
            participants=(LEE, XI),
        ),
        Visit(
            id="kor-leader-china-visit-2019",
            date=parse_date("2019"),
            summary="Last visit to China by a South Korean leader before 2026",
            sources=source(quote("first visit by a South Korean leader since 2019")),
            # The article does not name the 2019 visitor, so the record does not either.
            visitor=Person(office="President", country="KOR"),
            host="CHN",
        ),
        Dispute(
            id="china-japan-taiwan-tensions",
            date=parse_date("2026-01"),
            status="ongoing",
            summary="Escalating tensions between China and Japan over Taiwan",
            topics=("Taiwan",),
            sources=source(
                quote(
                    "The timing of President Lee’s visit carries substantial geopolitical "
                    "significance amid escalating tensions between China and Japan over Taiwan."
                )
            ),
            parties=(DisputeParty(actor=CHN), DisputeParty(actor=JPN)),
            kind="diplomatic",
            subject="Taiwan",
            stage="escalating",
        ),
        Dispute(
            id="yellow-sea-structures",
            date=parse_date("2026-01"),
            status="ongoing",
            summary="Chinese maritime construction in disputed waters: fish-farming equipment "
            "to Beijing, a security threat to Seoul",
            sources=source(
                quote(
                    "Additional agenda items included China’s maritime construction activities "
                    "in disputed waters—which Beijing describes as fish-farming equipment but "
                    "Seoul views as security threats—and the longstanding unofficial restrictions "
                    "on Korean cultural content in China."
                )
            ),
            parties=(
                DisputeParty(actor=CHN, position="fish-farming equipment"),
                DisputeParty(actor=KOR, position="security threat"),
            ),
            kind="maritime",
            subject="maritime construction in disputed waters",
            stage="active",
        ),
        TradeIssue(
            id="china-korean-content-restrictions",
            date=parse_date("2016?/.."),
            status="ongoing",
            summary="China's unofficial restrictions on Korean cultural content, believed to be "
            "retaliation for the 2016 THAAD deployment",
            links=(
                Link(
                    rel="caused_by",
                    target="thaad-deployment-2016",
                    note="believed to be retaliation",
                ),
            ),
            sources=source(
                quote(
                    "These entertainment industry barriers, believed to be retaliation for "
                    "South Korea’s 2016 deployment of a U.S."
                )
            ),
            imposers=(CHN,),
            targets=(KOR,),
            measure="informal_restriction",
            official=False,
            sectors=("entertainment", "cultural content"),
            stage="in_force",
        ),
        Dispute(
            id="thaad-deployment-2016",
            date=parse_date("2016"),
            summary="South Korea's deployment of a U.S. anti-missile system, opposed by China",
            sources=source(quote("South Korea’s 2016 deployment of a U.S. anti-missile system")),
            parties=(DisputeParty(actor=KOR), DisputeParty(actor=USA), DisputeParty(actor=CHN)),
            kind="security",
            subject="deployment of a U.S. anti-missile system in South Korea",
        ),
        Visit(
            id="lee-japan-visit-2026-01",
            date=parse_date("2026-01"),
            status="planned",
            summary="President Lee's anticipated visit to Japan later this month",
            sources=source(
                quote(
                    "The diplomatic balancing act continues as President Lee prepares for an "
                    "anticipated visit to Japan later this month, demonstrating Seoul’s careful "
                    "navigation between major powers in a region increasingly marked by "
                    "strategic competition."
                )
            ),
            visitor=LEE,
            host="JPN",
        ),
    ]


def main(argv: list[str]) -> int:
    output = Path(argv[1] if len(argv) > 1 else "out/lee-beijing-visit.events.jsonl")
    events = build_events()
    for event in sorted(events, key=lambda e: e.date):
        print(timeline_line(event, width=160))
    output.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(events, output)
    print(f"\nwrote {len(events)} events to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
