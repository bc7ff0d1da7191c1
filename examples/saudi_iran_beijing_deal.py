"""A real article as diplomev records: Iran and Saudi Arabia agree to resume ties in Beijing.

Builds the events of an Associated Press story of 10 March 2023, as Telangana Today
published it, prints them as a short list, and writes them as JSON Lines.

    python examples/saudi_iran_beijing_deal.py [OUTPUT.jsonl]

The output defaults to ``out/saudi-iran-beijing-deal.events.jsonl``.

Only the article's address, title, publisher, date and a few short quotations are kept
here, not its text, so the quotes carry no character offsets. docs/coding-an-article.md
goes through the judgement calls behind each record.
"""

from __future__ import annotations

import sys
from pathlib import Path

import diplomev
from diplomev import (
    Agreement,
    Country,
    DiplomaticAction,
    Dispute,
    DisputeParty,
    Link,
    Location,
    Organization,
    Person,
    Quote,
    Source,
    Statement,
    Summit,
)
from diplomev.display import actor_label
from diplomev.io import write_jsonl

URL = "https://telanganatoday.com/iran-saudi-arabia-agree-to-resume-ties-with-chinas-help"
TITLE = "Iran, Saudi Arabia agree to resume ties, with China’s help"
PUBLISHER = "Telangana Today (AP)"
PUBLISHED = "2023-03-10"  # "Published Date - 11:05 PM, Fri - 10 March 23"

IRN, SAU, CHN, YEM = (Country(code=code) for code in ("IRN", "SAU", "CHN", "YEM"))
SHAMKHANI = Person(
    name="Ali Shamkhani", office="Secretary of the Supreme National Security Council", country="IRN"
)
AIBAN = Person(
    name="Musaad bin Mohammed al-Aiban", office="National Security Adviser", country="SAU"
)
# "China's senior-most diplomat" describes him; it is not an office's title.
WANG = Person(name="Wang Yi", country="CHN")
IRAN_TV = Organization(name="Iranian State television", kind="media", country="IRN")
BEIJING = Location(name="Beijing", country="CHN", kind="city")

# The ids the records link by.
TALKS = "iran-saudi-talks-beijing-2023-03"
DEAL = "iran-saudi-agreement-2023-03-10"
TENSIONS = "iran-saudi-tensions-2016"
YEMEN = "yemen-war"


def source(*quotes: Quote) -> tuple[Source, ...]:
    return (Source(url=URL, title=TITLE, publisher=PUBLISHER, published=PUBLISHED, quotes=quotes),)


def quote(text: str, speaker: diplomev.Actor | None = None) -> Quote:
    """Quote the article; no offsets, since its text is not kept here."""
    return Quote(text=text, speaker=speaker)


AGREED = quote(
    "Iran and Saudi Arabia agreed on Friday to reestablish diplomatic relations and reopen "
    "embassies after seven years of tensions between the Mideast rivals."
)
COMMUNIQUE = quote(
    "The two countries released a joint communique on the deal with China, which brokered "
    "the agreement."
)
TWO_MONTHS = quote(
    "The joint statement calls for the re-establishing of ties and the reopening of embassies "
    "to happen “within a maximum period of two months.”"
)


def build_events() -> list[diplomev.Event]:
    """Every fact of the article that is an event, as a record."""
    return [
        Summit(
            id=TALKS,
            # "held over four days", ending with Friday's deal; the first day is inferred.
            date="2023-03-07?/2023-03-10",
            location=BEIJING,
            summary="Four days of talks in Beijing between Iran's and Saudi Arabia's top "
            "security officials, brokered by China",
            topics=("Iran-Saudi Arabia relations",),
            sources=source(
                quote(
                    "It showed Ali Shamkhani, the Secretary of Iran’s Supreme National Security "
                    "Council, with Saudi National Security Adviser Musaad bin Mohammed al-Aiban "
                    "and Wang Yi, China’s senior-most diplomat."
                ),
                quote("It added that the talks had been held over four days.", speaker=IRAN_TV),
            ),
            participants=(SHAMKHANI, AIBAN, WANG),
            # China hosted the talks it brokered: its own venue, not a third country's.
            host="CHN",
            outcomes=("agreement to reestablish diplomatic relations and reopen embassies",),
        ),
        Agreement(
            id=DEAL,
            date="2023-03-10",
            location=BEIJING,
            summary="Iran and Saudi Arabia agree to reestablish diplomatic relations and "
            "reopen embassies, in a joint communique with China, which brokered the deal",
            links=(
                Link(rel="part_of", target=TALKS),
                Link(rel="follows", target=TENSIONS),
            ),
            sources=source(AGREED, COMMUNIQUE, TWO_MONTHS),
            # Bound by it: the two states that restore relations. China brokered it and put
            # its name to the communique, but commits to nothing in it: a witness.
            parties=(IRN, SAU),
            witnesses=(CHN,),
            instrument="communique",
            # The article says "agreed" and "released", not "signed".
            stage="concluded",
            subject="reestablishing diplomatic relations and reopening embassies",
            terms=(
                "reestablish diplomatic relations",
                "reopen embassies within a maximum period of two months",
                "the foreign ministers meet to prepare the exchange of ambassadors",
            ),
        ),
        # One act of both states: DiplomaticAction has one actor and one target, so a
        # record for each side.
        *(
            DiplomaticAction(
                id=f"{actor.code.lower()}-restores-relations-with-{target.code.lower()}-2023",
                # "within a maximum period of two months" of the deal.
                date="2023-03-10/2023-05-10",
                status="planned",
                summary=f"{actor.name} to restore diplomatic relations with {target.name} and "
                "reopen its embassy within two months",
                links=(Link(rel="caused_by", target=DEAL, note="agreed in the joint communique"),),
                sources=source(TWO_MONTHS),
                actor=actor,
                target=target,
                action="restore_relations",
            )
            for actor, target in ((IRN, SAU), (SAU, IRN))
        ),
        Summit(
            id="iran-saudi-foreign-ministers-meeting-2023",
            # Planned, with no date: from the day it was announced, end open.
            date="2023-03-10/..",
            status="planned",
            summary="Planned meeting of Iran's and Saudi Arabia's foreign ministers to prepare "
            "the exchange of ambassadors",
            topics=("exchange of ambassadors",),
            links=(Link(rel="follows", target=DEAL),),
            sources=source(
                quote(
                    "After implementing the decision, the Foreign Ministers of both nations will "
                    "meet to prepare for the exchange of ambassadors",
                    speaker=IRAN_TV,
                )
            ),
            participants=(
                Person(office="Foreign Minister", country="IRN"),
                Person(office="Foreign Minister", country="SAU"),
            ),
        ),
        Statement(
            id="wang-yi-congratulates-iran-saudi-2023-03-10",
            date="2023-03-10",
            location=BEIJING,
            summary="Wang Yi congratulates Iran and Saudi Arabia on the agreement",
            links=(Link(rel="response_to", target=DEAL),),
            # The copy of the article this was coded from breaks off after these words.
            sources=source(quote("Wang could be heard offering “whole-hearted", speaker=WANG)),
            speakers=(WANG,),
            addressees=(IRN, SAU),
            # Heard in footage that Iranian media aired: none of the named channels.
            channel="other",
            purpose="congratulation",
            subject="the agreement to resume ties",
        ),
        Dispute(
            id=TENSIONS,
            # "seven years of tensions" before March 2023; still the rivals' relation.
            date="2016~/..",
            status="ongoing",
            summary="Seven years of tensions between Iran and Saudi Arabia, easing with the deal",
            sources=source(AGREED),
            parties=(DisputeParty(actor=IRN), DisputeParty(actor=SAU)),
            kind="diplomatic",
            subject="rivalry between Iran and Saudi Arabia",
            stage="easing",
        ),
        Dispute(
            id=YEMEN,
            # A "years-long" war with no start given: dated when reported, as ongoing.
            date="2023-03",
            status="ongoing",
            location=Location(name="Yemen", country="YEM", kind="country"),
            summary="The years-long war in Yemen, in which both Iran and Saudi Arabia are "
            "entrenched; diplomats are trying to end it",
            sources=source(
                quote(
                    "It also comes as diplomats have been trying to end a years-long war in "
                    "Yemen, a conflict in which both Iran and Saudi Arabia are deeply entrenched."
                ),
                quote(
                    "The major diplomatic breakthrough negotiated with China lowers the chance of "
                    "armed conflict between the nations — both directly and in proxy conflicts "
                    "around the region."
                ),
            ),
            parties=(DisputeParty(actor=IRN), DisputeParty(actor=SAU)),
            kind="security",
            subject="war in Yemen",
        ),
    ]


def line(event: diplomev.Event) -> str:
    """One line per event: date, kind, status, who (any kind), and the summary."""
    kind = diplomev.event_type_name(type(event))
    who = ", ".join(actor_label(actor) for actor in event.actors())
    return f"{event.date!s:<24} {kind:<18} {event.status.value:<9} {who} — {event.summary}"


def main(argv: list[str]) -> int:
    output = Path(argv[1] if len(argv) > 1 else "out/saudi-iran-beijing-deal.events.jsonl")
    events = build_events()
    for event in sorted(events, key=lambda e: e.date):
        print(line(event))
    output.parent.mkdir(parents=True, exist_ok=True)
    write_jsonl(events, output)
    print(f"\nwrote {len(events)} events to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
