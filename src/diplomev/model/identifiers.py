r"""Identifiers: text that names a record or a resource, and must show what it is.

An event's ``id``, a link's ``target`` and a source's ``url`` are identifiers. An
identifier is text (`diplomev.model.shapes.Str`: not blank, no lone surrogate) that also holds no control character (C0, DEL, C1: NUL, ESC, a line break or a tab), no line or
paragraph separator, and none of the characters that reorder text on screen (the bidi
embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069, and the marks U+061C,
U+200E, U+200F). With them, two ids that look alike differ, an id can turn a terminal's
state, or show its characters in another order than they are stored. Such text is refused
with the code ``bad_text``; the JSON Schema says the same with a pattern.

>>> from diplomev.model.shapes import Problems
>>> problems = Problems()
>>> Id().check("lee\u202ekorea", problems)
'lee\u202ekorea'
>>> print(problems[0].message)
must not hold control or bidi-control characters, found U+202E at index 3
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import attrs

from diplomev.errors import ErrorCode
from diplomev.model import shapes as sh

__all__ = ["ID_PATTERN", "REFUSED_RANGES", "Id", "Identifier", "first_bad_character"]

#: Ranges of the characters an identifier refuses, inclusive (see the module docstring).
REFUSED_RANGES = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0x061C, 0x061C),
    (0x200E, 0x200F),
    (0x2028, 0x2029),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
)
_CLASS = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in REFUSED_RANGES)
_BAD = re.compile(f"[{_CLASS}]")

#: The JSON Schema pattern of an identifier: no refused character anywhere.
ID_PATTERN = f"^[^{_CLASS}]*$"


def first_bad_character(text: str) -> int | None:
    r"""Return the index of the first character an identifier refuses, or None.

    >>> first_bad_character("lee-china-visit"), first_bad_character("lee\x1b[2J")
    (None, 3)
    """
    found = _BAD.search(text)
    return None if found is None else found.start()


@attrs.frozen
class Id(sh.Str):
    """Text that names a record or a resource: not blank, no control or bidi-control character."""

    def fast(self, var: str, ns: dict[str, Any]) -> str:
        # Printable text holds no refused character and no lone surrogate; other text
        # (a no-break space, a zero-width joiner) is left to check.
        return (
            f"(type({var}) is str and {var}.isprintable() and {var} != '' and not {var}.isspace())"
        )

    def check(self, value: Any, problems: sh.Problems) -> Any:
        before = len(problems)
        value = super().check(value, problems)
        if len(problems) == before:
            at = first_bad_character(value)
            if at is not None:
                message = (
                    "must not hold control or bidi-control characters, found "
                    f"U+{ord(value[at]):04X} at index {at}"
                )
                problems.add("$", message, ErrorCode.BAD_TEXT)
        return value


#: Text that names a record or a resource, held as a plain ``str`` (see `Id`).
Identifier = Annotated[str, Id()]
