"""What an event file says of an actor besides its name: role codes, known bodies, places.

Coders tell an actor's kind in codes as well as in its name: CAMEO's three-letter roles
(GDELT's type codes and the segments of its actor codes, PLOVER's sectors: ``GOV``,
``MIL``, ``REB``, ``MED``, ...), a group code, or the code of a body CAMEO knows. The GDELT,
ICEWS and PLOVER readers share these rules, so that one signal reads the same in each:

- a body of ``organizations.json`` is that body, whatever its name looks like;
- a non-state group keeps its kind and country: "Darfur rebels" are an `Organization` of
  Sudan, not Sudan;
- a place ("WEST BANK", "Gaza Strip", "New South Wales") stands for its country, and is
  never a person;
- a name is a person's only when it reads as one ("Xi Jinping") and no word of it says it
  is a body's ("World Economic Forum", "Islamic Salvation Front").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from diplomev._tables import load_table
from diplomev._text import fold
from diplomev.actors import CountryCode, OrganizationKind, Person
from diplomev.errors import ValidationError
from diplomev.reading._offices import OrganizationInfo, _tables
from diplomev.reading.actors import lookup_organization, parse_actor

_K = OrganizationKind

#: CAMEO's role codes (Phoenix.agents.txt and the CAMEO actor codebook) and the kind of
#: body each names; ``ELI`` (elites) names persons only and is not here.
ROLE_KINDS: Mapping[str, OrganizationKind] = {
    "GOV": _K.GOVERNMENT, "COP": _K.GOVERNMENT, "SPY": _K.GOVERNMENT, "MIL": _K.MILITARY,
    "LEG": _K.LEGISLATURE, "JUD": _K.COURT, "PTY": _K.PARTY, "MED": _K.MEDIA, "JRN": _K.MEDIA,
    "EDU": _K.UNIVERSITY, "BUS": _K.COMPANY, "MNC": _K.COMPANY, "IGO": _K.IGO, "NGO": _K.NGO,
    "NGM": _K.NGO, "HRI": _K.NGO, "ENV": _K.NGO, "REB": _K.OTHER, "INS": _K.OTHER,
    "SEP": _K.OTHER, "RAD": _K.OTHER, "UAF": _K.OTHER, "IMG": _K.OTHER, "OPP": _K.OTHER,
    "CRM": _K.OTHER, "HLH": _K.OTHER, "REL": _K.OTHER, "CVL": _K.COMMUNITY,
    "AGR": _K.COMMUNITY, "LAB": _K.COMMUNITY, "REF": _K.COMMUNITY,
}  # fmt: skip

# Roles of the state itself: "CHINA" coded CHNGOV is China acting, not a body apart.
_STATE_ROLES = frozenset({"GOV", "COP", "SPY", "MIL", "LEG", "JUD"})
# Of those, the state's bodies apart from its government: "ZIMBABWE" coded ZWEJUD is
# Zimbabwe's courts, "BUNDESTAG" coded DEULEG Germany's legislature, not the state.
_BODY_ROLES = frozenset({"COP", "MIL", "LEG", "JUD"})
# Roles a bare surname carries in CAMEO's dictionaries ("OBAMA" USAGOV, "HASSAN" JORELI).
# (Not JUD or LEG: CAMEO files courts and legislatures by state and city too, "ARKANSAS".)
_PERSON_ROLES = frozenset({"GOV", "ELI"})

# What a group named only by its country is called ("Citizen (Japan)" in ICEWS's style).
_ROLE_LABELS: Mapping[str, str] = {
    "PTY": "Parties", "MED": "Media", "JRN": "Media", "EDU": "Education", "BUS": "Business",
    "MNC": "Multinational corporations", "NGO": "Non-governmental organizations",
    "NGM": "Non-governmental organizations", "HRI": "Human rights activists",
    "ENV": "Environmentalists", "REB": "Rebels", "INS": "Insurgents", "SEP": "Separatists",
    "RAD": "Radicals", "UAF": "Armed group", "IMG": "Armed group", "OPP": "Opposition",
    "CRM": "Criminals", "HLH": "Health sector", "REL": "Religious groups",
    "CVL": "Civilians", "AGR": "Farmers", "LAB": "Labor", "REF": "Refugees",
    "IGO": "International organizations", "MIL": "Military", "COP": "Police",
    "LEG": "Legislature", "JUD": "Judiciary",
}  # fmt: skip

# First words of a name that make it a title's or a newspaper's, never a person's.
_NOT_FIRST_NAMES = frozenset({"a", "an", "the", "la", "le", "les", "los", "las", "il", "die",
                              "der", "das"})  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


def roles(*codes: str | None) -> tuple[str, ...]:
    """Return the CAMEO role codes in codes, in order, once each.

    A code is read in three-letter groups and groups that are no role (the country prefix,
    a known group's letters) are skipped.

    >>> roles("USAGOVMIL", "GOV")
    ('GOV', 'MIL')
    >>> roles("NGOHRIAMN", None)
    ('NGO', 'HRI')
    """
    found: list[str] = []
    for code in codes:
        for group in _groups(code or ""):
            if (group in ROLE_KINDS or group == "ELI") and group not in found:
                found.append(group)
    return tuple(found)


def _groups(code: str) -> list[str]:
    code = code.strip().upper()
    return [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]


def role_kind(found: tuple[str, ...]) -> OrganizationKind | None:
    """Return the kind of body the first role that names one tells, or None.

    >>> role_kind(("ELI", "REB"))
    <OrganizationKind.OTHER: 'other'>
    """
    return next((ROLE_KINDS[role] for role in found if role in ROLE_KINDS), None)


def non_state_role(found: tuple[str, ...]) -> str | None:
    """Return the role that makes the actor a group apart from the state, or None.

    The first role naming a body decides: ``GOVPTY`` is the government, ``OPPPTY`` the
    opposition.

    >>> non_state_role(("CVL",)), non_state_role(("GOV", "BUS"))
    ('CVL', None)
    """
    role = next((role for role in found if role in ROLE_KINDS), None)
    return None if role is None or role in _STATE_ROLES else role


def state_body_role(found: tuple[str, ...]) -> str | None:
    """Return the role that makes the actor a body of its state apart from the government.

    The first role naming a body decides, as in `non_state_role`: ``GOVMIL`` is the
    government, ``MIL`` the armed forces.

    >>> state_body_role(("JUD",)), state_body_role(("GOV", "MIL")), state_body_role(("CVL",))
    ('JUD', None, None)
    """
    role = next((role for role in found if role in ROLE_KINDS), None)
    return role if role in _BODY_ROLES else None


def group_label(role: str) -> str:
    """Return the name of a group a file names only by its country and role.

    >>> group_label("REB")
    'Rebels'
    """
    return _ROLE_LABELS.get(role, "Unspecified group")


def may_be_surname(found: tuple[str, ...]) -> bool:
    """Whether a one-word name with these roles is a person's (CAMEO files leaders by surname).

    >>> may_be_surname(("GOV",)), may_be_surname(("EDU",))
    (True, False)
    """
    return any(role in _PERSON_ROLES for role in found)


# --- known bodies -----------------------------------------------------------------------------


@functools.cache
def _by_cameo() -> Mapping[str, OrganizationInfo]:
    """Index the known bodies by their own CAMEO code, for codes only one body has."""
    seen: dict[str, list[OrganizationInfo]] = {}
    for info in _tables().organizations.values():
        if info.cameo is not None and info not in seen.setdefault(info.cameo, []):
            seen[info.cameo].append(info)
    return {code: infos[0] for code, infos in seen.items() if len(infos) == 1}


def known_organization(name: str | None, code: str | None = None) -> OrganizationInfo | None:
    """Return the body of organizations.json that a name, or else a CAMEO code, names.

    >>> known_organization("TALIBAN").country
    'AFG'
    >>> known_organization("AMNESTY", "NGOHRIAMN").name
    'Amnesty International'
    """
    known = lookup_organization(name) if name is not None else None
    if known is None and code is not None:
        known = _by_cameo().get(code.strip().upper())
    return known


def known_country(known: OrganizationInfo, country: CountryCode | None) -> CountryCode | None:
    """Return the country of a known body: the table's, else the file's unless it is international.

    A party the table gives no country ("Labour Party") is of the country the row names;
    an IGO, an NGO or a transnational group (CAMEO ``IMG``) is of none.

    >>> known_country(known_organization("Labour Party"), "GBR")
    'GBR'
    >>> known_country(known_organization("Amnesty International"), "GBR") is None
    True
    """
    if known.country is not None:
        return known.country
    international = known.kind in (OrganizationKind.IGO, OrganizationKind.NGO) or (
        known.cameo or ""
    ).startswith(("IGO", "NGO", "IMG"))
    return None if international else country


# --- names ------------------------------------------------------------------------------------


@functools.cache
def _words_table() -> tuple[Mapping[str, str | None], frozenset[str], frozenset[str]]:
    data = load_table("organizations.json")
    places = frozenset(fold(place) for place in data["places"])
    return data["name_words"], places, frozenset(data["place_words"])


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def is_place(text: str) -> bool:
    """Whether a name is a region's or a city's that coders give as an actor.

    >>> is_place("WEST BANK"), is_place("West Darfur State"), is_place("Xi Jinping")
    (True, True, False)
    """
    _, places, place_words = _words_table()
    words = _words(text)
    return fold(text) in places or (len(words) > 1 and words[-1] in place_words)


def body_word(text: str) -> tuple[bool, OrganizationKind | None]:
    """Whether a word of the name makes it a body's, and the kind that word suggests.

    >>> body_word("World Economic Forum")
    (True, None)
    >>> body_word("Islamic Salvation Front")
    (True, <OrganizationKind.OTHER: 'other'>)
    >>> body_word("Xi Jinping")
    (False, None)
    """
    name_words, _, _ = _words_table()
    hits = [word for word in _words(text) if word in name_words]
    kind = next((name_words[word] for word in hits if name_words[word] is not None), None)
    return bool(hits), OrganizationKind(kind) if kind is not None else None


def plural_title(person: Person, text: str) -> bool:
    """Whether the text names the holders of an office, not one ("Iraqi officials").

    >>> from diplomev import parse_actor
    >>> plural_title(parse_actor("Iraqi officials"), "Iraqi officials")
    True
    >>> plural_title(parse_actor("Iraqi Foreign Minister"), "Iraqi Foreign Minister")
    False
    """
    if person.name is not None or person.office is None:
        return False
    last = text.split()[-1].casefold()
    title = person.office.split()[-1].casefold()
    return last != title and last.endswith("s") and last.rstrip("s").startswith(title[:4])


# Words a name made only to restate a role is made of ("HUMAN RIGHTS ORGANIZATION"), besides
# the words that head bodies' names (`body_word`).
_ROLE_WORDS = frozenset({
    "human", "rights", "non", "nongovernmental", "non-governmental", "governmental",
    "multinational", "transnational", "intergovernmental", "inter-governmental", "global",
    "regional", "world", "aid", "relief", "charity", "charities", "humanitarian",
    "environmental", "green", "activist", "activists", "advocacy", "watchdog", "firm",
    "firms", "business", "businesses", "companies", "groups", "organizations",
    "organisations", "agencies", "body", "bodies", "institution", "institutions", "ngo",
    "ngos", "mnc", "igo", "and", "of", "the", "for",
})  # fmt: skip


def names_a_role(title: str) -> bool:
    """Whether a name only restates a role, naming no particular body of it.

    >>> names_a_role("HUMAN RIGHTS GROUP"), names_a_role("RAINFOREST ALLIANCE")
    (True, False)
    """
    words = title.casefold().split()
    return bool(words) and all(word in _ROLE_WORDS or body_word(word)[0] for word in words)


def person_named(text: str) -> Person | None:
    """Return the person a name reads as, when it looks like a person's and nothing says otherwise.

    A place or a name with a body's word is no person; a name starting with an article is
    a title or a newspaper's ("La Prensa").

    >>> person_named("Xi Jinping")
    Person(name='Xi Jinping', office=None, country=None, affiliation=None)
    >>> person_named("World Economic Forum") is None, person_named("New South Wales") is None
    (True, True)
    """
    words = _words(text)
    if not words or words[0] in _NOT_FIRST_NAMES or is_place(text) or body_word(text)[0]:
        return None
    try:
        parsed = parse_actor(text)
    except ValidationError:
        return None
    return parsed if isinstance(parsed, Person) else None


def is_one_word(text: str) -> bool:
    """Whether a name is a single word (a surname, a group's name, a city).

    >>> is_one_word("OBAMA"), is_one_word("BOKO HARAM")
    (True, False)
    """
    return len(_words(text)) == 1
