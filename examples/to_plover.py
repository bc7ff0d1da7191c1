"""Export the seed article's records to PLOVER JSON Lines, and show their CAMEO codes.

    python examples/to_plover.py [EVENTS.jsonl] [OUTPUT.plover.jsonl]

Reads EVENTS (default: the records that ``seed_article.py`` builds), writes them as PLOVER
2.0 JSON Lines in diplomev's profile to OUTPUT (default:
``out/lee-beijing-visit.plover.jsonl``), reads the file back to check that nothing was
lost, and prints the CAMEO event code, the directed CAMEO rows (actor codes such as
``KORGOV``) and the ICEWS Goldstein score of each record. Plain PLOVER (``extras=False``,
written beside OUTPUT as ``*.plain.plover.jsonl``) cannot hold everything: its report
counts the fields lost.
"""

from __future__ import annotations

import sys
from pathlib import Path

from seed_article import build_events  # examples/ is on sys.path when run as a script

from diplomev.interop import (
    cameo_code,
    dyads,
    event_code,
    event_name,
    goldstein,
    read_plover,
    write_plover,
)
from diplomev.io import read_jsonl


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        with read_jsonl(argv[1]) as reader:
            events = list(reader)
    else:
        events = build_events()
    output = Path(argv[2] if len(argv) > 2 else "out/lee-beijing-visit.plover.jsonl")
    output.parent.mkdir(parents=True, exist_ok=True)

    # PLOVER in diplomev's profile: what PLOVER has no field for rides in "x_diplomev",
    # which PLOVER tools ignore and read_plover uses to give every record back whole.
    report = write_plover(events, output)
    print(report)
    with read_plover(output) as reader:
        back = list(reader)
    print(f"read back: {reader.report}")
    assert back == events, "PLOVER with x_diplomev gives every record back unchanged"

    # Plain PLOVER, for tools that expect nothing else: the report counts what is lost.
    plain = output.with_name(output.name.replace(".plover.", ".plain.plover."))
    print(write_plover(events, plain, extras=False))

    print("\nCAMEO codes (Goldstein scores: ICEWS dialect)")
    for event in events:
        code = event_code(event)
        score = goldstein(code, dialect="icews")
        print(f"{event.id:<36} {code:<5} {score:+5.1f}  {event_name(code)}")
        for dyad in dyads(event):
            target = cameo_code(dyad.target) if dyad.target is not None else "-"
            print(f"{'':<36} {dyad.code:<5}        {cameo_code(dyad.source)} -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
