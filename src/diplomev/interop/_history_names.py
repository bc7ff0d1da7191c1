"""Read the Office of the Historian's names of people: titles, "-elect", and slips of typing.

The Office writes a visitor or a counterpart as a title and a name ("Prime Minister Haidar
al-Abadi"), and now and then with a slip the actor reader cannot take: a space inside a
title ("President- elect Ernesto Zedillo"), none after it ("Prime MinisterHaidar al-
Abadi"), two titles joined ("Premier & Prince Sihanouk", "Prime Minister-Prince Norodom
Kantol"). `tidy` mends the slips; `elect` reads a title's "-elect" or "-designate", which
diplomev's office table does not hold, as part of the office: a President-elect is not
yet the President.

>>> tidy("Prime MinisterHaidar al- Abadi"), tidy("President- elect Ernesto Zedillo")
('Prime Minister Haidar al-Abadi', 'President-elect Ernesto Zedillo')
>>> elect("President-elect Vicente Fox")
('President Vicente Fox', 'elect')
"""

from __future__ import annotations

import re

import attrs

from diplomev.actors import Actor, CountryCode, Person
from diplomev.reading.actors import lookup_office

__all__ = ["by_title", "elect", "joined_titles", "tidy", "titled", "with_elect"]

# "President- elect", "President -designate": the hyphen belongs to the title.
_LOOSE_SUFFIX = re.compile(r"\s*-\s*(elect|designate)\b", re.IGNORECASE)
# "al- Abadi", "al \u2013Khalifa" (an en dash): an Arabic article is joined to the name it heads.
_LOOSE_ARTICLE = re.compile(r"\b(al|el|ul)\s*[-\u2013]\s*(?=[A-Z])")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ELECT = re.compile(r"^(?P<title>.+?)-(?P<suffix>elect|designate)\s+(?P<rest>\S.*)$", re.I)
_JOINED = re.compile(r"^(?P<first>.+?)\s*(?:&|-)\s*(?P<second>.+)$")


def tidy(text: str) -> str:
    """Mend the Office's slips of typing in a name with its title.

    A lower-case letter followed by a capital is split only where the words before are a
    title: "Prime MinisterHaidar", not "McAleese" or "DeRoburt".

    >>> tidy("King Hamad bin Isa al \u2013Khalifa"), tidy("President Mary McAleese")
    ('King Hamad bin Isa al-Khalifa', 'President Mary McAleese')
    """
    text = _LOOSE_SUFFIX.sub(lambda m: "-" + m.group(1).casefold(), text)
    text = _LOOSE_ARTICLE.sub(r"\1-", text)
    for glued in _GLUED.finditer(text):
        if lookup_office(text[: glued.start()]) is not None:
            return f"{text[: glued.start()]} {text[glued.start() :]}"
    return text


def elect(text: str) -> tuple[str, str | None]:
    """Return the text without a leading title's "-elect" or "-designate", and that suffix.

    >>> elect("Prime Minister-designate Roberto E. Viola")
    ('Prime Minister Roberto E. Viola', 'designate')
    >>> elect("President Duran-Ballen")
    ('President Duran-Ballen', None)
    """
    found = _ELECT.match(text)
    if found is None or lookup_office(found["title"]) is None:
        return text, None
    return f"{found['title']} {found['rest']}", found["suffix"].casefold()


def with_elect(actor: Actor, suffix: str | None) -> Actor:
    """Return the person with ``suffix`` ("elect") added to the office, as the Office has it.

    >>> with_elect(Person(name="Vicente Fox", office="President"), "elect").office
    'President-elect'
    """
    if suffix is None or not isinstance(actor, Person) or actor.office is None:
        return actor
    return attrs.evolve(actor, office=f"{actor.office}-{suffix}")


def joined_titles(text: str, country: CountryCode | None) -> Person | None:
    """Read two titles joined by "&" or "-": the first is the office, the second stays a style.

    A person holds one office: "Premier & Prince Sihanouk" is the Premier, styled Prince
    Sihanouk, as "Pope Francis" keeps his style in his name.

    >>> joined_titles("Premier & Prince Sihanouk", "KHM")
    Person(name='Prince Sihanouk', office='Premier', country='KHM', affiliation=None)
    >>> joined_titles("President Duran-Ballen", None) is None
    True
    """
    found = _JOINED.match(text)
    if found is None:
        return None
    first = lookup_office(found["first"])
    second = by_title(found["second"], country)
    if first is None or second is None or second.office is None:
        return None
    return Person(name=f"{second.office} {second.name}", office=first.title, country=country)


def by_title(text: str, country: CountryCode | None) -> Person | None:
    """Return the person of the longest leading words that are an office, then the rest.

    For a name the actor grammar cannot read ("President Daniel arap Moi") or reads whole
    as a name ("Regent Prince Abdul Ilah").

    >>> by_title("President Daniel arap Moi", "KEN")
    Person(name='Daniel arap Moi', office='President', country='KEN', affiliation=None)
    >>> by_title("Daniel arap Moi", "KEN") is None
    True
    """
    words = text.split()
    for end in range(min(len(words) - 1, 5), 0, -1):
        office = lookup_office(" ".join(words[:end]))
        if office is not None:
            return Person(name=" ".join(words[end:]), office=office.title, country=country)
    return None


def titled(text: str, country: CountryCode | None) -> Person:
    """Return a visitor's name the actor grammar cannot read as a title and a name.

    The leading title, "-elect" included; else the whole text is the name.

    >>> titled("President- elect Ernesto Zedillo Ponce de Leon", "MEX").office
    'President-elect'
    >>> titled("Shah Mohammad Reza Pahlavi", "IRN").name
    'Shah Mohammad Reza Pahlavi'
    """
    text, suffix = elect(tidy(text))
    person = joined_titles(text, country) or by_title(text, country)
    if person is None:
        return Person(name=text, country=country)
    found = with_elect(person, suffix)
    assert isinstance(found, Person)
    return found
