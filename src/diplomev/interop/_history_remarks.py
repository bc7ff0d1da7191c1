"""Read the Office of the Historian's remarks: visit kinds, meetings and summits attended.

The remarks of a trip are a few sentences a historian wrote ("Met with Prime Minister
Boris Johnson and Queen Elizabeth II. Attended the G7 Summit."). `read_remarks` splits
them into clauses and reads the ones it has a rule for; every other clause comes back in
``unread`` with the reason, so the importer can report it.

>>> reading = read_remarks("State visit; met with King Philippe. Attended the NATO Summit.", "BEL")
>>> reading.kind.value, [m.counterparts[0].name for m in reading.meetings], reading.summits[0].name
('state', ['Philippe'], 'NATO Summit')
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.errors import ValidationError
from diplomev.interop._actor_signals import body_word, plural_title
from diplomev.interop._history_names import elect, joined_titles, tidy, with_elect
from diplomev.reading.actors import lookup_organization, parse_actor
from diplomev.reading.countries import resolve_country
from diplomev.records import Meeting, MeetingKind, VisitKind

__all__ = ["Clause", "RemarkReading", "SummitMention", "read_remarks", "visit_kind"]

# The Office's own words for the protocol level of a visit, most specific first: an
# "official working visit" is a working visit (the US protocol list ranks it below an
# official visit), and "informal" and "unofficial" visits are private ones.
_KINDS: tuple[tuple[str, VisitKind], ...] = (
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
_KIND_WORDS = re.compile(
    r"\b(" + "|".join(word for word, _ in _KINDS) + r")\s+visit\b", re.IGNORECASE
)


def visit_kind(text: str) -> VisitKind | None:
    """Return the kind of visit the first "... visit" phrase of ``text`` names, or None.

    >>> visit_kind("Official Working Visit."), visit_kind("Met him during a private visit.")
    (<VisitKind.WORKING: 'working'>, <VisitKind.PRIVATE: 'private'>)
    >>> visit_kind("Attended the Nuclear Security Summit.") is None
    True
    """
    found = _KIND_WORDS.search(" ".join(text.split()))
    if found is None:
        return None
    return dict(_KINDS)[found.group(1).casefold()]


@attrs.frozen(kw_only=True)
class SummitMention:
    """A summit or conference a remark says the traveller attended: its name and forum.

    >>> SummitMention(name="G7 Summit", forum=None, text="Attended the G7 Summit").name
    'G7 Summit'
    """

    name: str
    forum: Organization | None
    text: str
    members: tuple[Actor, ...] = ()


@attrs.frozen(kw_only=True)
class Clause:
    """A piece of a remark that was not read, and why.

    >>> Clause(text="Toured Llao Llao Park", reason="no rule").text
    'Toured Llao Llao Park'
    """

    text: str
    reason: str


@attrs.frozen(kw_only=True)
class RemarkReading:
    """What `read_remarks` read: the visit's kind, its meetings, summits, and the rest.

    ``stop`` is the clause that says the trip was a stop en route ("Refueling stop en
    route from Uruguay"), if one does.

    >>> RemarkReading().meetings
    ()
    """

    kind: VisitKind | None = None
    meetings: tuple[Meeting, ...] = ()
    summits: tuple[SummitMention, ...] = ()
    unread: tuple[Clause, ...] = ()
    stop: str | None = None


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
    "also|co-chaired|chaired|exchanged|paid|was|made|announced|opened|unveiled|presided"
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


# --- counterparts ----------------------------------------------------------------------------

_MEETING_WITH = re.compile(
    r"^(?:also\s+)?(?:informal\s+|private\s+)?(?P<verb>met|conferred|held talks|talks|"
    r"conference|summit conference|summit meeting|meeting|meetings|discussions|audience|"
    r"attended a summit meeting|attended a meeting|attended (?:a |the )?state dinner|"
    r"lunched|dined|discussed .+?)"
    r"(?:\s+(?:also|informally|separately|briefly|privately|jointly))?\s+with\s+(?P<who>.+)$",
    re.IGNORECASE,
)
_GROUP_OF = re.compile(
    r"^(?:the\s+)?(?P<office>presidents|prime ministers|heads of state and government|"
    r"heads of state|heads of government|leaders|foreign ministers)\s+of\s+(?P<where>.+)$",
    re.IGNORECASE,
)
_AND_WITH = re.compile(r",?\s+and\s+with\s+", re.IGNORECASE)
_GROUP_INSIDE = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:with\s+)?(?=(?:the\s+)?(?:presidents|prime ministers|"
    r"heads of state|heads of government|leaders|foreign ministers)\s+of\s)",
    re.IGNORECASE,
)
# Demonyms of former states, with the code the slug table gives the state: none, as
# diplomev's country table holds no ISO 3166-3 code (the Federal Republic is no former
# state: ISO 3166-1 has coded it DEU since 1974).
_FORMER_DEMONYMS: Mapping[str, str | None] = {
    "soviet": None, "west german": "DEU", "east german": None, "yugoslav": None,
    "yugoslavian": None, "czechoslovak": None, "czechoslovakian": None,
}  # fmt: skip
_FORMER = re.compile(
    r"^(" + "|".join(sorted(_FORMER_DEMONYMS, key=len, reverse=True)) + r")\s+", re.IGNORECASE
)
_GROUP_OFFICES = {"presidents": "President", "prime ministers": "Prime Minister",
                  "foreign ministers": "Foreign Minister"}  # fmt: skip
# ", Jr." and ", 3rd" belong to the name before them, not to a list.
_SUFFIX = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV|\d(?:st|nd|rd|th))\b")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?(?:with\s+)?|\s+and\s+(?:with\s+)?")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# What follows a counterpart's name and is not part of it: "Blair to discuss Iraq".
_TAIL = re.compile(
    r"\s+(?:to (?!the\b)[a-z]+|during|regarding|about|while|in|at|on|near|(?:January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\s+\d+)\b.*$"
)


def _meeting_kind(verb: str) -> MeetingKind:
    verb = verb.casefold()
    if verb == "audience":
        return MeetingKind.COURTESY_CALL
    if verb in ("lunched", "dined") or verb.endswith("state dinner"):
        return MeetingKind.BANQUET
    if verb == "met" or verb.startswith("attended a meeting"):
        return MeetingKind.MEETING
    return MeetingKind.TALKS


def _in_context(actor: Actor, host: str | None) -> Actor:
    # A counterpart the remark does not place is the host country's: "Met with Prime
    # Minister Johnson" on a trip to the United Kingdom. "Russian President Putin" keeps
    # his own country.
    if host is not None and isinstance(actor, Person) and actor.country is None:
        return attrs.evolve(actor, country=CountryCode(host))
    return actor


def _group(office: str, where: str) -> tuple[list[Actor], list[Clause]]:
    actors: list[Actor] = []
    unread: list[Clause] = []
    title = _GROUP_OFFICES.get(office.casefold())
    for name in _LIST_SPLIT.split(where):
        name = name.strip(" .")
        if not name:
            continue
        try:
            code = CountryCode(resolve_country(name.removeprefix("the ")))
        except ValidationError as e:
            unread.append(Clause(text=name, reason=e.errors[0].message))
            continue
        actors.append(Country(code=code) if title is None else Person(office=title, country=code))
    return actors, unread


def counterparts(text: str, host: str | None) -> tuple[list[Actor], list[Clause]]:
    """Read a list of counterparts ("King Philippe and Prime Minister De Croo").

    Each name is read by `parse_actor`; a person it does not place is the ``host``'s.
    "The Presidents of Ethiopia and Rwanda" is one person per country. A name that cannot
    be read comes back as a `Clause` with the reason.

    >>> actors, unread = counterparts("King Philippe and Russian President Putin", "BEL")
    >>> [(a.name, a.country) for a in actors], unread
    ([('Philippe', 'BEL'), ('Putin', 'RUS')], [])
    >>> actors, _ = counterparts("the Presidents of Ethiopia and Rwanda", "UGA")
    >>> [(a.office, a.country) for a in actors]
    [('President', 'ETH'), ('President', 'RWA')]
    """
    text = _SUFFIX.sub(r" \1", _PARENTHESES.sub("", text)).strip()
    actors: list[Actor] = []
    unread: list[Clause] = []
    # "... at Castel Gandolfo and with Prime Minister Berlusconi in Rome": each "and with"
    # starts a list of its own, and a phrase of place or time ends one ("President Obama
    # at Andrews Air Force Base, MD" names no counterpart after "at"; "MD" is no country).
    for chunk in _AND_WITH.split(text):
        found, missed = _list(_TAIL.sub("", chunk.strip()), host)
        actors += found
        unread += missed
    return actors, unread


def _list(text: str, host: str | None) -> tuple[list[Actor], list[Clause]]:
    group = _GROUP_OF.match(text)
    if group is not None:
        return _group(group["office"], group["where"])
    actors: list[Actor] = []
    unread: list[Clause] = []
    inner = _GROUP_INSIDE.search(text)
    if inner is not None:
        # "President Museveni and the Presidents of Ethiopia, Rwanda and Kenya": the
        # countries after "the Presidents of" are one list, not names of their own.
        group = _GROUP_OF.match(text[inner.end() :])
        if group is not None:
            actors, unread = _group(group["office"], group["where"])
            text = text[: inner.start()]
    head: list[Actor] = []
    for name in _LIST_SPLIT.split(text):
        name = name.strip(" .")
        if not name:
            continue
        group = _GROUP_OF.match(name)
        if group is not None:
            more, missed = _group(group["office"], group["where"])
            actors += more
            unread += missed
            continue
        name = _TAIL.sub("", name)
        try:
            head.append(_actor(name, host))
        except ValidationError as e:
            unread.append(Clause(text=name, reason=e.errors[0].message))
    return head + actors, unread


def _actor(name: str, host: str | None) -> Actor:
    # "President-elect Medvedev": the President's title read, "-elect" kept in the office.
    name, suffix = elect(tidy(name))
    return with_elect(_read_actor(name, host), suffix)


def _read_actor(name: str, host: str | None) -> Actor:
    former = _FORMER.match(name)
    if former is None:
        # "Premier & Prince Sihanouk" fails as two titles; "Prime Minister-Prince Norodom
        # Kantol" reads whole as a name: both are an office and a styled name.
        joined = joined_titles(name, None)
        actor = parse_actor(name) if joined is None else joined
        return _in_context(_unless_a_body(actor, name), host)
    # diplomev's reader knows no demonym of a former state: "Soviet Premier Bulganin" is
    # read without it, and given the code the slug table gives the state (or none).
    actor = parse_actor(name[former.end() :])
    code = _FORMER_DEMONYMS[former.group(1).casefold()]
    if isinstance(actor, Person):
        return attrs.evolve(actor, country=None if code is None else CountryCode(code))
    return actor


def _unless_a_body(actor: Actor, name: str) -> Actor:
    """Return the actor, or the body or group that a name read as a person's stands for.

    "Addressed North Atlantic Council": NATO, not a person of that name; "the Oxford Union"
    a body ("Union"); "U.S. officials" the officials, not one.
    """
    if not isinstance(actor, Person):
        return actor
    if plural_title(actor, name):
        return Organization(name=name, kind=OrganizationKind.GOVERNMENT, country=actor.country)
    if actor.office is not None:
        return actor
    forum = _forum(name)
    if forum is not None:
        return forum
    is_body, kind = body_word(name)
    if is_body:
        return Organization(name=name.removeprefix("the "), kind=kind or OrganizationKind.OTHER)
    return actor


# --- summits ---------------------------------------------------------------------------------

_ATTENDED = re.compile(
    r"^(?:also\s+)?(?:attended|participated in|co-chaired|chaired)\s+(?P<what>.+)$",
    re.IGNORECASE,
)
_GATHERING = re.compile(
    r"\b(summits?|conferences?|council|meetings? of|leaders'? meetings?|assembly|congress|"
    r"summit meetings?|meetings?|talks)\b",
    re.IGNORECASE,
)
# Forums by the words remarks use for them, to the name diplomev's organization table
# knows (or, for the G8 and others it lacks, an IGO of that name).
_FORUMS: tuple[tuple[str, str], ...] = (
    (r"\bG[-\u2013 ]?7\b", "G7"),
    (r"\bG[-\u2013 ]?8\b", "Group of Eight"),
    (r"\bG[-\u2013 ]?20\b", "G20"),
    (r"\bNATO\b|North Atlantic (?:Council|Alliance|Treaty)", "NATO"),
    (r"\bAPEC\b|Asia[- ]Pacific Economic", "APEC"),
    (r"\bASEAN\b|East Asia Summit", "ASEAN"),
    (r"\bEU\b|European Union", "European Union"),
    (r"\bOSCE\b|Organization for Security and Cooperation", "OSCE"),
    (r"\bCSCE\b|Conference on Security and Cooperation", "CSCE"),
    (r"Summit of the Americas|\bOAS\b|Organization of American States", "OAS"),
    (r"\bAfrican Union\b", "African Union"),
    (r"\bUnited Nations\b|\bU\.N\.|\bUN\b", "United Nations"),
)


def _forum(name: str) -> Organization | None:
    for pattern, forum in _FORUMS:
        if re.search(pattern, name):
            known = lookup_organization(forum)
            if known is not None:
                return known.to_organization()
            full = {"CSCE": "Conference on Security and Cooperation in Europe"}.get(forum, forum)
            return Organization(name=full, kind=OrganizationKind.IGO)
    return None


def _summit(clause: str) -> SummitMention | None:
    attended = _ATTENDED.match(clause)
    if attended is None or _GATHERING.search(attended["what"]) is None:
        return None
    what = attended["what"]
    if re.match(r"(?:the\s+)?(?:signing|funeral|memorial|ceremon|dedication)", what, re.I):
        return None  # a ceremony held at a conference is no summit of the traveller's
    name = re.sub(r"^(?:the|a|an)\s+", "", what, flags=re.IGNORECASE)
    members: list[Actor] = []
    inner = re.search(r"\bof\s+(?=(?:the\s+)?heads of)", name, re.IGNORECASE)
    if inner is not None:
        group = _GROUP_OF.match(name[inner.end() :])
        if group is not None:
            found, _ = _group(group["office"], group["where"])
            members = found
    return SummitMention(name=name, forum=_forum(name), text=clause, members=tuple(members))


# --- remarks ---------------------------------------------------------------------------------

# "Refueling stop en route from Uruguay", "Stopped while returning to Washington",
# "Overnight stop en route to Casablanca", "Stopover en route to Italy".
_STOP = re.compile(r"^(?:(?:refueling|overnight)\s+)?(?:stopover|stop|stopped)\b", re.IGNORECASE)
_ADDRESSED = re.compile(r"^addressed\s+(?P<who>.+)$", re.IGNORECASE)
_NO_RULE = "no rule reads this remark (it stays in the visit's summary)"


def read_remarks(text: str, host: str | None) -> RemarkReading:
    """Read a trip's remarks: its kind, meetings (one per counterpart), summits, the rest.

    ``host`` is the country visited, the counterparts' country when the remark names
    none. "Addressed Parliament" is a meeting of kind ``address`` with the host's
    legislature; clauses no rule reads (tours, signings, stops) are ``unread``.

    >>> r = read_remarks("Met with Prime Minister Boris Johnson and Queen Elizabeth II. "
    ...                  "Attended the G7 Summit.", "GBR")
    >>> [(m.counterparts[0].name, m.counterparts[0].country) for m in r.meetings]
    [('Boris Johnson', 'GBR'), ('Elizabeth II', 'GBR')]
    >>> r.summits[0].forum.name, r.unread
    ('Group of Seven', ())
    >>> read_remarks("Toured Llao Llao Park.", "ARG").unread[0].text
    'Toured Llao Llao Park'
    """
    kind: VisitKind | None = None
    meetings: list[Meeting] = []
    summits: list[SummitMention] = []
    unread: list[Clause] = []
    stop: str | None = None
    for clause in clauses(text):
        found = _KIND_WORDS.fullmatch(clause)
        if found is not None:
            kind = kind or dict(_KINDS)[found.group(1).casefold()]
            continue
        if _STOP.match(clause):
            stop = stop or clause
            continue
        with_ = _MEETING_WITH.match(clause)
        if with_ is not None:
            actors, missed = counterparts(with_["who"], host)
            meeting_kind = _meeting_kind(with_["verb"])
            meetings += [Meeting(counterparts=(a,), kind=meeting_kind) for a in actors]
            unread += [Clause(text=m.text, reason=f"counterpart not read: {m.reason}")
                       for m in missed]  # fmt: skip
            continue
        summit = _summit(clause)
        if summit is not None:
            summits.append(summit)
            continue
        addressed = _ADDRESSED.match(clause)
        if addressed is not None:
            actors, missed = counterparts(addressed["who"], host)
            bodies = [_body_in_context(a, host) for a in actors if not isinstance(a, Country)]
            if bodies and not missed:
                meetings += [Meeting(counterparts=(b,), kind=MeetingKind.ADDRESS) for b in bodies]
                continue
        unread.append(Clause(text=clause, reason=_NO_RULE))
    return RemarkReading(kind=kind, meetings=tuple(meetings), summits=tuple(summits),
                         unread=tuple(unread), stop=stop)  # fmt: skip


def _body_in_context(actor: Actor, host: str | None) -> Actor:
    # "Addressed Parliament" on a trip to Canada: Canada's parliament.
    if (
        host is not None
        and isinstance(actor, Organization)
        and actor.country is None
        and actor.kind is not OrganizationKind.IGO
    ):
        return attrs.evolve(actor, country=CountryCode(host))
    return actor


#: Visit kinds by the words the foreign visits' descriptions use (for the docs and tests).
KIND_WORDS: Mapping[str, VisitKind] = dict(_KINDS)
