"""Split the Office of the Historian's remarks into clauses, and read the kind of visit.

>>> clauses("State visit; met with King Philippe. Attended the NATO Summit.")
['State visit', 'met with King Philippe', 'Attended the NATO Summit']
"""

from __future__ import annotations

import re

from diplomev.records import VisitKind

__all__ = ["KINDS", "KIND_PHRASE", "clauses", "visit_kind"]

# --- splitting ----------------------------------------------------------------------------

# Words whose full stop does not end a sentence ("U.S.", "Jr.", "St. Lucia", "H. W.").
_ABBREVIATIONS = frozenset(
    ("jr", "sr", "st", "mt", "dr", "gen", "lt", "col", "adm", "mr", "mrs", "ms", "no", "ft",
     "gov", "sen", "rep", "pres", "amb", "sec", "maj", "capt")
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")
# A verb that starts a new clause inside a sentence: "Met with X, addressed Congress, and
# signed an agreement" is three clauses.
_VERBS = (
    "met|attended|addressed|signed|visited|toured|delivered|dedicated|discussed|participated|"
    "held|laid|reviewed|spoke|received|conferred|observed|inspected|stopped|returned|hosted|"
    "also|co-chaired|chaired|exchanged|paid|was|made|announced|opened|unveiled|presided|crossed"
)
_CLAUSE_BREAK = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:{_VERBS})\b)")


def _sentences(text: str) -> list[str]:
    pieces = _SENTENCE_END.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences:
            last = sentences[-1].rsplit(" ", 1)[-1].rstrip(".").casefold()
            # "U.S." and initials ("H.") are abbreviations; so are the words listed.
            if last in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last):
                sentences[-1] += " " + piece
                continue
        sentences.append(piece)
    return sentences


def clauses(text: str) -> list[str]:
    """Split remarks into clauses: sentences, their parts after ``;``, and verb phrases.

    >>> clauses("Met with President Perez, addressed Congress, and signed an agreement.")
    ['Met with President Perez', 'addressed Congress', 'signed an agreement']
    >>> clauses("Met with U.S. troops. Visited St. Lucia.")
    ['Met with U.S. troops', 'Visited St. Lucia']
    """
    text = " ".join(text.replace("\u2019", "'").split())
    found: list[str] = []
    for sentence in _sentences(text):
        for part in sentence.split(";"):
            for clause in _CLAUSE_BREAK.split(part):
                clause = clause.strip(" ,.")
                if clause:
                    found.append(clause)
    return found


# The Office's own words for the protocol level of a visit, most specific first: an
# "official working visit" is a working visit (the US protocol list ranks it below an
# official visit), and "informal" and "unofficial" visits are private ones.
KINDS: tuple[tuple[str, VisitKind], ...] = (
    ("official working", VisitKind.WORKING),
    ("state", VisitKind.STATE),
    ("official", VisitKind.OFFICIAL),
    ("working", VisitKind.WORKING),
    ("private", VisitKind.PRIVATE),
    ("informal", VisitKind.PRIVATE),
    ("unofficial", VisitKind.PRIVATE),
    ("offical working", VisitKind.WORKING),  # the Office's own misspelling, six times
    ("offical", VisitKind.OFFICIAL),
)
#: A "... visit" phrase of one of the `KINDS` words.
KIND_PHRASE = re.compile(
    r"\b(" + "|".join(word for word, _ in KINDS) + r")\s+visit\b", re.IGNORECASE
)


def visit_kind(text: str) -> VisitKind | None:
    """Return the kind of visit the first "... visit" phrase of ``text`` names, or None.

    >>> visit_kind("Official Working Visit."), visit_kind("Met him during a private visit.")
    (<VisitKind.WORKING: 'working'>, <VisitKind.PRIVATE: 'private'>)
    >>> visit_kind("Attended the Nuclear Security Summit.") is None
    True
    """
    found = KIND_PHRASE.search(" ".join(text.split()))
    if found is None:
        return None
    return dict(KINDS)[found.group(1).casefold()]
