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
from typing import Any

import attrs

from diplomev._tables import load_table
from diplomev.actors import Actor, Country, CountryCode, Organization, OrganizationKind, Person
from diplomev.errors import ValidationError
from diplomev.interop._actor_signals import body_word, plural_title
from diplomev.interop._history_clauses import KIND_PHRASE, KINDS, clauses, visit_kind
from diplomev.interop._history_names import elect, joined_titles, tidy, with_elect
from diplomev.interop.definitions import NOTES
from diplomev.places import Location
from diplomev.reading.actors import lookup_office, lookup_organization, parse_actor
from diplomev.reading.countries import resolve_country
from diplomev.records import Meeting, MeetingKind, VisitKind

__all__ = ["Clause", "RemarkReading", "SummitMention", "clauses", "read_remarks", "stopover_note",
           "visit_kind"]  # fmt: skip


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


# --- counterparts ----------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MEETING_WITH = re.compile(
    r"^(?:(?:he|she)\s+)?(?:also\s+)?(?:informal\s+|private\s+)?(?P<verb>met|conferred|"
    r"held talks|talks|conference|summit conference|summit meeting|meeting|meetings|"
    r"discussions|audience|attended a summit meeting|attended a meeting|"
    r"attended (?:a |an |the )?(?:[\w-]+\s+)?(?:dinner|lunch|luncheon|brunch|breakfast)|"
    r"had (?:a |an )?(?:luncheon|lunch|dinner|breakfast)|had met|played golf|"
    r"lunched|dined|discussed .+?|vacationed|spoke|"
    r"held (?:a |an )?(?:summit meeting|(?:pre-summit |bilateral )?meeting|conversations|"
    r"discussions)|(?:[\w.()-]+\s+)*?in (?:an\s+)?exchange of visits|"
    r"(?:bilateral|trilateral|pre-summit|working)\s+meetings?|"
    r"(?:part of an\s+)?exchange of visits|(?P<visit>informal|private|official|working) visit)"
    r"(?:\s+(?:also|again|informally|separately|briefly|privately|jointly|afterwards?))?"
    rf"(?:\s+{_MONTH}\s+\d+)?(?:\s*\([^)]*\))?\s+(?P<to>with|to)\s+(?P<who>.+)$",
    re.IGNORECASE,
)
# "met Prime Minister Macmillan", "Received by Queen Elizabeth II": a counterpart with no
# "with"; the name must start with a capital, so "met the press" is not read.
_MET_BARE = re.compile(
    r"^(?:(?:he|she)\s+)?(?:also\s+)?(?P<verb>met|received by)\s+(?!with\b)(?P<who>[A-Z].+)$",
    re.IGNORECASE,
)
# A clause that goes on with the counterparts of the meeting before it: "Met with Emperor
# Akihito; the Kings of Belgium, Jordan, and Spain; and the Prime Ministers of Japan".
_CONTINUES = re.compile(
    r"^(?:(?i:and\s+(?:with\s+)?|with\s+)(?P<who>[A-Z].+)|(?P<group>(?i:(?:the\s+)?"
    r"(?:presidents|prime ministers|kings|queens|heads of state|heads of government|leaders|"
    r"foreign ministers)\s+of\s).+))$"
)
# "British Prime Ministers Churchill and Attlee", "Presidents Perez of Venezuela, Lopez
# Portillo of Mexico": one title for the names after it, until one has its own.
_PLURAL_NAMED = re.compile(
    r"^(?P<pre>(?:[A-Z][\w-]*\s+)*?)(?P<office>Presidents|Prime Ministers|Premiers|"
    r"Chancellors|Kings|Queens)\s+(?P<name>[A-Z].*)$"
)
_PLURALS = {"Presidents": "President", "Prime Ministers": "Prime Minister",
            "Premiers": "Premier", "Chancellors": "Chancellor", "Kings": "King",
            "Queens": "Queen"}  # fmt: skip
# "crossed briefly into North Korean territory": what follows happened in that country.
_CROSSED = re.compile(r"\bcrossed\b.*?\binto\s+(?P<where>.+?)\s+territory\b", re.IGNORECASE)
# "Casablanca Conference with British Prime Minister Churchill": a summit and its talks.
_CONFERENCE_WITH = re.compile(
    r"^(?:(?i:attended)\s+(?:the\s+)?)?(?P<name>(?:[A-Z][\w.'-]*\s+)+(?:Conference|Summit))"
    r"\s+with\s+(?P<who>.+)$"
)
# "... for the third U.S.-Nordic Leaders' Summit": the meeting was a summit.
_FOR_SUMMIT = re.compile(
    r"^(?P<who>(?:(?!\sfor\s).)+)\s+for\s+(?:the\s+|a\s+)?(?P<name>(?:[a-z]+\s+)?[A-Z]"
    r"[\w.'-]*(?:\s+[\w.'-]+)*?\s+(?:[Ss]ummit|[Cc]onference|[Mm]eeting)(?:\s+[Mm]eeting)?)$"
)
_GROUP_OF = re.compile(
    r"^(?:the\s+)?(?P<office>presidents|prime ministers|kings|queens|heads of state and government|"
    r"heads of state|heads of government|leaders|foreign ministers)\s+of\s+(?P<where>.+)$",
    re.IGNORECASE,
)
_AND_WITH = re.compile(
    r",?\s+and\s+(?:with|(?:a|an)\s+(?:meeting|meetings|talks|discussions)\s+with)\s+",
    re.IGNORECASE,
)
_ANOTHER = re.compile(
    r",?\s+and\s+(?:a|an)\s+(?P<verb>meeting|meetings|talks|discussions)\s+with\s+", re.I
)
_GROUP_INSIDE = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:with\s+)?(?=(?:the\s+)?(?:presidents|prime ministers|"
    r"heads of state|heads of government|leaders|foreign ministers)\s+of\s)",
    re.IGNORECASE,
)
# Demonyms of former states, with the slug (and name) the Office files the state under:
# the code is the slug table's, so the continuator rule is written once, there ("Soviet"
# is RUS, "Yugoslav" none; the Federal Republic is no former state, DEU since 1974).
_FORMER_SLUGS: Mapping[str, tuple[str, str | None]] = {
    "soviet": ("russia", "U.S.S.R."), "west german": ("germany", None),
    "east german": ("german-democratic-republic", None), "yugoslav": ("yugoslavia", None),
    "yugoslavian": ("yugoslavia", None), "czechoslovak": ("czechoslovakia", None),
    "czechoslovakian": ("czechoslovakia", None),
}  # fmt: skip
_SLUGS: Mapping[str, Any] = load_table("history_state_countries.json")["slugs"]
_FORMER_DEMONYMS: Mapping[str, str | None] = {
    demonym: _SLUGS[slug].get("names", {}).get(name, _SLUGS[slug])["code"]
    for demonym, (slug, name) in _FORMER_SLUGS.items()
}
_FORMER = re.compile(
    r"^(" + "|".join(sorted(_FORMER_DEMONYMS, key=len, reverse=True)) + r")\s+", re.IGNORECASE
)
_GROUP_OFFICES = {"presidents": "President", "prime ministers": "Prime Minister",
                  "foreign ministers": "Foreign Minister", "kings": "King",
                  "queens": "Queen"}  # fmt: skip
# ", Jr." and ", 3rd" belong to the name before them, not to a list.
_SUFFIX = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV|\d(?:st|nd|rd|th))\b")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?(?:with\s+)?|\s+and\s+(?:with\s+)?")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# What follows a counterpart's name and is not part of it: "Blair to discuss Iraq".
_TAIL = re.compile(
    rf"\s+(?:to (?!the\b)[a-z]+|during|regarding|about|while|in|at|on|near|across|after|en route|"
    rf"{_MONTH}\s+\d+)\b.*$"
)


_MEALS = ("dinner", "lunch", "luncheon", "brunch", "breakfast")


def _meeting_kind(verb: str) -> MeetingKind:
    verb = verb.casefold()
    if verb == "audience":
        return MeetingKind.COURTESY_CALL
    if verb in ("lunched", "dined") or verb.endswith(_MEALS):
        return MeetingKind.BANQUET
    if verb == "received by":
        return MeetingKind.COURTESY_CALL
    if verb in ("met", "had met", "spoke", "vacationed", "played golf") or verb.startswith(
        "attended a meeting"
    ):
        return MeetingKind.MEETING
    if verb.endswith(("exchange of visits", " visit")):
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
    names = [name.strip(" .") for name in _LIST_SPLIT.split(where)]
    codes: list[str] = []
    while names:
        name = names.pop(0)
        if not name:
            continue
        # "Antigua and Barbuda" is one country, though the list splits on "and".
        joined = _country(f"{name} and {names[0]}") if names else None
        if joined is not None:
            names.pop(0)
        try:
            code = joined or CountryCode(resolve_country(name.removeprefix("the ")))
        except ValidationError as e:
            unread.append(Clause(text=name, reason=e.errors[0].message))
            continue
        if code not in codes:
            codes.append(code)
    for code in codes:
        actors.append(Country(code=code) if title is None else Person(office=title, country=code))
    return actors, unread


def _country(text: str) -> CountryCode | None:
    try:
        return CountryCode(resolve_country(text.removeprefix("the ")))
    except ValidationError:
        return None


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
    title: str | None = None
    for name in _LIST_SPLIT.split(text):
        name = name.strip(" .")
        if not name:
            continue
        plural = _PLURAL_NAMED.match(name)
        if plural is not None:
            title = plural["pre"] + _PLURALS[plural["office"]]
            name = f"{title} {plural['name']}"
        elif title is not None and _bare(name):
            name = f"{title} {name}"
        else:
            title = None
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


def _bare(name: str) -> bool:
    # A name with no title of its own ("Attlee", "Lopez Portillo of Mexico").
    words = name.split()
    return _FORMER.match(name) is None and all(lookup_office(w) is None for w in words)


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
    # read without it, and given the code the slug table gives the state (RUS), or none.
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
    r"^(?:also\s+)?(?:attended|participated in|co-chaired|chaired|"
    r"led\s.+?\sdelegation\s+to\s+attend)\s+(?P<what>.+)$",
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
    found = _Found(host=host)
    for clause in clauses(text):
        if not found.read(clause):
            found.unread.append(Clause(text=clause, reason=_NO_RULE))
    return RemarkReading(kind=found.kind, meetings=tuple(found.meetings),
                         summits=tuple(found.summits), unread=tuple(found.unread),
                         stop=found.stop)  # fmt: skip


@attrs.define
class _Found:
    """What the clauses of one remark gave so far, and the context the next one reads in."""

    host: str | None
    place: str | None = None  # the country of what follows, once a remark crosses a border
    last: MeetingKind | None = None  # the kind of the meeting the clause before read
    kind: VisitKind | None = None
    stop: str | None = None
    meetings: list[Meeting] = attrs.field(factory=list)
    summits: list[SummitMention] = attrs.field(factory=list)
    unread: list[Clause] = attrs.field(factory=list)

    def read(self, clause: str) -> bool:
        """Read one clause by the first rule that fits; False if none does."""
        last, self.last = self.last, None
        found = KIND_PHRASE.fullmatch(clause)
        if found is not None:
            self.kind = self.kind or dict(KINDS)[found.group(1).casefold()]
            return True
        if _STOP.match(clause):
            self.stop = self.stop or clause
            return True
        crossed = _CROSSED.search(clause)
        if crossed is not None:
            try:
                self.place = resolve_country(crossed["where"])
            except ValidationError:
                return False
            return True
        return self._meeting(clause, last) or self._gathering(clause) or self._address(clause)

    def _meeting(self, clause: str, last: MeetingKind | None) -> bool:
        conference = _CONFERENCE_WITH.match(clause)
        with_ = _MEETING_WITH.match(clause)
        bare = _MET_BARE.match(clause)
        more = _CONTINUES.match(clause) if last is not None else None
        if conference is not None:
            actors = self.meet(conference["who"], MeetingKind.TALKS)
            name = conference["name"]
            self.summits.append(SummitMention(name=name, forum=_forum(name), text=clause,
                                              members=tuple(actors)))  # fmt: skip
        elif with_ is not None and (with_["to"].casefold() == "with" or with_["verb"] == "spoke"):
            if with_["visit"]:
                self.kind = self.kind or dict(KINDS)[with_["visit"].casefold()]
            self.meet(with_["who"], _meeting_kind(with_["verb"]))
        elif bare is not None:
            self.meet(bare["who"], _meeting_kind(bare["verb"]))
        elif more is not None and last is not None:
            self.meet(more["who"] or more["group"], last)
        else:
            return False
        return True

    def meet(self, who: str, kind: MeetingKind) -> list[Actor]:
        """Add a meeting per counterpart; a gathering among them is a summit."""
        # "Audience with Pope Francis and a meeting with Cardinal Parolin": two kinds.
        another = _ANOTHER.search(who)
        if another is not None:
            first = self.meet(who[: another.start()], kind)
            return first + self.meet(who[another.end() :], _meeting_kind(another["verb"]))
        for_summit = _FOR_SUMMIT.match(who)
        if for_summit is not None:
            who = for_summit["who"]
        place = self.place or self.host
        location = None if self.place is None else Location(country=self.place, kind="country")
        actors, missed = counterparts(who, place)
        self.meetings += [Meeting(counterparts=(a,), kind=kind, location=location)
                          for a in actors]  # fmt: skip
        for miss in missed:
            # "Met with Prime Minister Hun Sen and a U.S.-ASEAN Leaders' meeting"
            name = re.sub(r"^(?:the|a|an)\s+", "", miss.text)
            if _MEETING_NAME.search(name) and name[:1].isupper() and _bare(name):
                self.summits.append(SummitMention(name=name, forum=_forum(name), text=miss.text))
            else:
                self.unread.append(Clause(text=miss.text,
                                          reason=f"counterpart not read: {miss.reason}"))  # fmt: skip
        if for_summit is not None:
            name = for_summit["name"]
            self.summits.append(SummitMention(name=name, forum=_forum(name), text=who,
                                              members=tuple(actors)))  # fmt: skip
        self.last = kind
        return actors

    def _gathering(self, clause: str) -> bool:
        summit = _summit(clause)
        lone = _LONE_SUMMIT.fullmatch(clause) if summit is None else None
        if lone is not None:  # "Summit meeting in Washington, D.C. and Camp David, Md"
            summit = SummitMention(name=lone["name"], forum=_forum(lone["name"]), text=clause)
        if summit is None:
            return False
        self.summits.append(summit)
        return True

    def _address(self, clause: str) -> bool:
        addressed = _ADDRESSED.match(clause)
        if addressed is None:
            return False
        actors, missed = counterparts(addressed["who"], self.host)
        bodies = [_body_in_context(a, self.host) for a in actors if not isinstance(a, Country)]
        if not bodies or missed:
            return False
        self.meetings += [Meeting(counterparts=(b,), kind=MeetingKind.ADDRESS) for b in bodies]
        return True


# "Summit meeting", "U.S.-Soviet Summit": a clause that is the summit's name alone.
_LONE_SUMMIT = re.compile(
    r"(?P<name>(?:[A-Z][\w.'-]*\s+)*[Ss]ummit(?:\s+(?:meeting|conference))?)(?:\s+(?:in|at)\s+.+)?"
)
# A counterpart that is a gathering, not a body ("the Iraqi Governing Council" is a body).
_MEETING_NAME = re.compile(r"\b(?:summit|meeting|conference)s?$", re.IGNORECASE)


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
KIND_WORDS: Mapping[str, VisitKind] = dict(KINDS)


def stopover_note(reading: RemarkReading) -> dict[str, Any]:
    """Return the ``x_import_notes`` of a trip that was a stop en route and no more, or none.

    >>> stopover_note(read_remarks("Refueling stop en route from Uruguay.", "SUR"))["x_import_notes"][0]["code"]
    'stopover'
    >>> stopover_note(read_remarks("Stopped en route; met with King Hussein.", "JOR"))
    {}
    """
    if reading.stop is None or reading.meetings or reading.summits:
        return {}
    # Kept as a visit (it crosses a border), but noted so that a researcher can leave
    # refueling and overnight stops out of counts of visits.
    message = f"a stop en route ({reading.stop!r}): the remarks name no meeting"
    return {NOTES: [{"code": "stopover", "message": message}]}
