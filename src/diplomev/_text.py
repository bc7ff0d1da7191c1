"""The one text normalizer of the readers: how a name is folded before it is looked up.

`fold` turns a name as news or a foreign data set writes it into the form the lookup
tables are keyed by. Every reader of names (`diplomev.reading.countries`,
`diplomev.reading.actors`, the ICEWS country names of `diplomev.interop`) folds with it,
so that a form that matches in one reader matches in all of them. What it does, in order:

1. Casefold (``"ß"`` is ``"ss"``): matching ignores case.
2. NFKD: accented letters split into letter and combining mark, compatibility forms
   become their plain letters (the ligature "ﬁ" is "fi", a fullwidth K is "k", a
   no-break space a space).
3. Apostrophes, straight and typographic, become ``'``: U+0027, the quotation marks
   U+2018 and U+2019 (the typographic apostrophe is U+2019) and the modifier letters
   U+02BC and U+02BB (the latter, the okina, is written in Tonga's capital, Nuku\u02bbalofa).
4. Hyphens and dashes become ``-``: U+002D, U+2010 to U+2015 (hyphen, non-breaking
   hyphen, figure dash, en and em dashes, horizontal bar) and the minus sign U+2212: the
   set `diplomev.reading.dates` reads as a dash.
5. Every character that is still not ASCII is dropped: combining marks ("Türkiye" is
   "turkiye") and what has no ASCII form (CJK, Cyrillic, emoji).

What each reader then does with ``'``, ``-``, dots and other punctuation is its own policy
(the country reader drops apostrophes and reads hyphens as spaces; the actor reader splits
words at hyphens and drops apostrophes; the ICEWS names keep both).

Text longer than `MAX_NAME_LENGTH` characters is refused, before any of this: no name is
that long, and NFKD costs time quadratic in the length of a run of combining marks that
needs reordering (CPython 3.11: a second for 40,000 of them, minutes for a few hundred
thousand). `fold` raises
`NameTooLong` for such text; the readers check `is_too_long` first and answer "unknown" or
say the text is too long.

>>> fold("Côte d\u2019Ivoire"), fold("Vice\u2013President"), fold("NUKU\u02bbALOFA")
("cote d'ivoire", 'vice-president', "nuku'alofa")
"""

from __future__ import annotations

import unicodedata

__all__ = ["MAX_NAME_LENGTH", "NameTooLong", "fold", "is_too_long"]

#: The most characters of text a reader folds; longer text names nothing diplomev knows.
MAX_NAME_LENGTH = 1_000

#: Characters read as an apostrophe (see the module docstring).
APOSTROPHES = "'\u2018\u2019\u02bc\u02bb"

#: Characters read as a hyphen (see the module docstring).
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

_UNIFY = str.maketrans(
    {
        **{char: "'" for char in APOSTROPHES if char != "'"},
        **{char: "-" for char in HYPHENS if char != "-"},
    }
)


class NameTooLong(ValueError):
    """Text longer than `MAX_NAME_LENGTH` was given to `fold`."""


def is_too_long(text: str) -> bool:
    """Tell whether ``text`` is longer than any name a reader folds (`MAX_NAME_LENGTH`).

    >>> is_too_long("Seoul"), is_too_long("x" * (MAX_NAME_LENGTH + 1))
    (False, True)
    """
    return len(text) > MAX_NAME_LENGTH


def fold(text: str) -> str:
    """Return ``text`` casefolded, in ASCII, with one apostrophe and one hyphen.

    See the module docstring for each step. Raise `NameTooLong` if ``text`` is longer than
    `MAX_NAME_LENGTH` characters: nothing is normalized then.

    >>> fold("  The Republic of Türkiye "), fold("U.S."), fold("FM")
    ('  the republic of turkiye ', 'u.s.', 'fm')
    >>> fold("Moon Jae\u2011in"), fold("ﬁnland"), fold("北京")
    ('moon jae-in', 'finland', '')
    >>> fold("a" + "\u0301" * 5_000)
    Traceback (most recent call last):
    ...
    diplomev._text.NameTooLong: text of 5001 characters is longer than a name (1000)
    """
    if len(text) > MAX_NAME_LENGTH:
        raise NameTooLong(
            f"text of {len(text)} characters is longer than a name ({MAX_NAME_LENGTH})"
        )
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text).translate(_UNIFY)
    return text.encode("ascii", "ignore").decode("ascii")
