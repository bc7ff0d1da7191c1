"""The one text normalizer of the readers (``diplomev._text``), and its cap on length.

The readers used to fold names each their own way; the old functions are kept here, as
they were, to check that the shared one reads every text they read the same way, except
for the dashes that only the date reader knew (U+2012, U+2015, U+2212), a documented fix.
"""

from __future__ import annotations

import types
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplomev import _text
from diplomev._text import MAX_NAME_LENGTH, NameTooLong, fold, is_too_long
from diplomev.errors import ValidationError
from diplomev.interop._tables import country_code
from diplomev.reading import _offices, countries
from diplomev.reading.actors import lookup_office, lookup_organization, parse_actor
from diplomev.reading.countries import country_candidates, resolve_country

# --- the readers' normalizers before they shared one ---------------------------------------

_OLD_COUNTRY_TRANSLATE = str.maketrans(
    {
        ".": None,
        "'": None,
        "\u2019": None,
        "\u2018": None,
        "\u02bc": None,
        "\u02bb": None,
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2013": " ",
        "\u2014": " ",
        "_": " ",
        ",": " ",
        "(": " ",
        ")": " ",
        "&": " and ",
    }
)


def old_country_key(text: str) -> str:
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_OLD_COUNTRY_TRANSLATE)
        text = text.encode("ascii", "ignore").decode("ascii")
    else:
        text = text.translate(_OLD_COUNTRY_TRANSLATE)
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


_OLD_WORD_DROP = str.maketrans(
    {".": None, "'": None, ",": None, '"': None, "\u201c": None, "\u201d": None}
)
_OLD_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})


def old_token_words(token: str) -> tuple[str, ...]:
    token = token.casefold().translate(_OLD_HYPHENS)
    if not token.isascii():
        token = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode("ascii")
    parts = (part.translate(_OLD_WORD_DROP) for part in token.split("-"))
    return tuple(part for part in parts if part)


NEW_DASHES = "\u2012\u2015\u2212"
# The new dashes, and the characters NFKD turns into one: superscript and subscript minus.
NEW_DASH_SOURCES = NEW_DASHES + "\u207b\u208b"


def test_new_dash_sources_are_every_character_nfkd_makes_a_new_dash() -> None:
    found = {
        chr(point)
        for point in range(0x110000)
        if not 0xD800 <= point < 0xE000
        and any(dash in unicodedata.normalize("NFKD", chr(point)) for dash in NEW_DASHES)
    }
    assert found == set(NEW_DASH_SOURCES)


# Letters, and every character one of the readers treats specially, and some that NFKD
# changes (ligatures, fullwidth forms, no-break and thin spaces, combining marks).
TRICKY = (
    "'\u2018\u2019\u02bc\u02bb\u2032\uff07-\u2010\u2011\u2013\u2014\ufe63\uff0d"
    '.,_()&"\u201c\u201d \u00a0\u2009\t\u0301\u0308\u0316\u00e9\u00df\ufb01\uff2b\u0130\u03a3'
    "\u5317\u4eac"
)
old_texts = st.text(
    alphabet=st.sampled_from(TRICKY)
    | st.characters(codec="utf-8", exclude_characters=NEW_DASH_SOURCES),
    max_size=30,
)


@given(old_texts)
def test_country_keys_are_what_they_were(text: str) -> None:
    assert countries._normalize(text) == old_country_key(text)


@given(old_texts)
def test_actor_words_are_what_they_were(text: str) -> None:
    assert _offices._token_words(text) == old_token_words(text)


# --- what fold does ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Seoul", "seoul"),
        ("Türkiye", "turkiye"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("Côte d'Ivoire", "cote d'ivoire"),
        ("Côte d\u2019Ivoire", "cote d'ivoire"),
        ("Côte d\u2018Ivoire", "cote d'ivoire"),
        ("Côte d\u02bcIvoire", "cote d'ivoire"),
        ("Nuku\u02bbalofa", "nuku'alofa"),
        ("Vice-President", "vice-president"),
        *((f"Vice{dash}President", "vice-president") for dash in _text.HYPHENS),
        ("Vice\u2011President", "vice-president"),
        ("\ufb01nland", "finland"),  # a ligature
        ("\uff2bOR", "kor"),  # a fullwidth letter
        ("South\u00a0Korea", "south korea"),  # a no-break space
        ("Ko\u0308rea", "korea"),  # a combining mark
        ("\u5317\u4eac", ""),  # no ASCII form
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_the_character_sets_are_distinct_and_include_ascii() -> None:
    assert _text.APOSTROPHES[0] == "'"
    assert _text.HYPHENS[0] == "-"
    assert not set(_text.APOSTROPHES) & set(_text.HYPHENS)


@pytest.mark.parametrize(
    ("text", "code"),
    [("Guinea\u2212Bissau", "GNB"), ("Timor\u2015Leste", "TLS"), ("Guinea\u2012Bissau", "GNB")],
)
def test_fix_every_dash_the_date_reader_knows_separates_words(text: str, code: str) -> None:
    # These dashes were dropped, so "Guinea\u2212Bissau" was read as "guineabissau", unknown.
    assert resolve_country(text) == code


def test_fix_a_minus_sign_in_a_title() -> None:
    office = lookup_office("Vice\u2212President")
    assert office is not None
    assert office.title == "Vice President"


# --- the cap on length ---------------------------------------------------------------------


def test_fold_refuses_text_over_the_cap_and_takes_text_at_it() -> None:
    assert fold("a" * MAX_NAME_LENGTH) == "a" * MAX_NAME_LENGTH
    assert not is_too_long("a" * MAX_NAME_LENGTH)
    assert is_too_long("a" * (MAX_NAME_LENGTH + 1))
    with pytest.raises(NameTooLong):
        fold("a" * (MAX_NAME_LENGTH + 1))


# Combining marks of two classes, alternating: NFKD must reorder them all, which takes
# time quadratic in their number (minutes, for this many, on CPython 3.11).
HUGE = "Korea" + "\u0316\u0301" * 150_000


@pytest.fixture
def normalized_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the length of every text the normalizer hands to NFKD."""
    lengths: list[int] = []

    def normalize(form: str, text: str) -> str:
        lengths.append(len(text))
        return unicodedata.normalize(form, text)  # type: ignore[arg-type]

    monkeypatch.setattr(_text, "unicodedata", types.SimpleNamespace(normalize=normalize))
    return lengths


def test_the_recorder_records(normalized_lengths: list[int]) -> None:
    assert fold("T\u00fcrkiye") == "turkiye"
    assert normalized_lengths == [7]


def test_huge_text_is_never_normalized(normalized_lengths: list[int]) -> None:
    assert len(HUGE) > 300_000
    with pytest.raises(ValidationError, match="300005 characters is too long to name a country"):
        resolve_country(HUGE)
    assert country_candidates(HUGE) == ()
    with pytest.raises(ValidationError, match="300005 characters is too long to read as an actor"):
        parse_actor(HUGE)
    assert lookup_office(HUGE) is None
    assert lookup_organization(HUGE) is None
    assert country_code(HUGE) is None
    # Text just over the cap is refused the same way.
    over = "Seoul" + "\u0301" * MAX_NAME_LENGTH
    assert country_candidates(over) == ()
    assert lookup_office(over) is None
    with pytest.raises(ValidationError, match="too long"):
        parse_actor(over)
    assert all(length <= MAX_NAME_LENGTH for length in normalized_lengths), max(normalized_lengths)


def test_text_at_the_cap_is_still_read() -> None:
    text = "Seoul" + " " * (MAX_NAME_LENGTH - 5)
    assert len(text) == MAX_NAME_LENGTH
    assert resolve_country(text) == "KOR"
    assert country_candidates("South Korea" + "\u0301" * (MAX_NAME_LENGTH - 11)) == ("KOR",)


def test_huge_names_in_records_and_ids_are_never_normalized_whole(
    normalized_lengths: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import diplomev
    from diplomev import identity

    def normalize(form: str, text: str) -> str:
        normalized_lengths.append(len(text))
        return unicodedata.normalize(form, text)  # type: ignore[arg-type]

    monkeypatch.setattr(identity, "unicodedata", types.SimpleNamespace(normalize=normalize))
    marks = "a" + "\u0301" * 300_000
    person = diplomev.Person(name=marks, office=marks)
    visit = diplomev.Visit(id="v", date="2026", visitor=person, host="CHN")
    assert diplomev.make_id(visit).startswith("visit-2026-")
    assert normalized_lengths != []  # the recorders saw the normalizing
    assert max(normalized_lengths) <= MAX_NAME_LENGTH
