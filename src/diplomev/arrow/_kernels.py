"""Column questions for `validate_table`, answered over Arrow buffers with numpy.

pyarrow's kernels answer most of what validation asks of a column, but some of them cost
far more than the question: a regular expression over every string to find the few blank
ones, a comparison over a million dictionary indices where the dictionary has four values.
The helpers here answer the same questions from the buffers themselves: a string's bytes
say at once whether it surely holds a visible character, a dictionary's few values are
checked once and the answers spread over the rows by their indices. Where the cheap
answer is unsure, the exact kernel runs on the unsure rows alone.

Every mask is a numpy array of booleans, one per row of the array asked about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

Mask = np.ndarray[Any, np.dtype[np.bool_]]
Ints = np.ndarray[Any, np.dtype[np.int64]]


def false(n: int) -> Mask:
    """Return a mask of ``n`` rows, none set.

    >>> false(2)
    array([False, False])
    """
    return np.zeros(n, dtype=bool)


def as_mask(array: Any) -> Mask:
    """Return a boolean Arrow array (or chunked array) as a mask, nulls as False.

    >>> as_mask(pa.array([True, None, False]))
    array([ True, False, False])
    """
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if array.null_count:
        array = pc.fill_null(array, False)
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=bool)


def valid(array: pa.Array) -> Mask:
    """Return the rows of ``array`` that are not null, read from its validity bitmap.

    >>> valid(pa.array([1, None, 3]))
    array([ True, False,  True])
    """
    n = len(array)
    if not array.null_count:
        return np.ones(n, dtype=bool)
    if array.null_count == n:
        return false(n)
    bitmap = array.buffers()[0]
    if bitmap is None or pa.types.is_dictionary(array.type) or pa.types.is_null(array.type):
        return ~as_mask(array.is_null())
    bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), bitorder="little")
    return bits[array.offset : array.offset + n].astype(bool)


#: Byte values as inclusive ranges, ``((low, high), ...)``: numpy compares a buffer with a
#: range at memory speed, where a 256-entry lookup would gather byte by byte.
ByteRanges = tuple[tuple[int, int], ...]


def _in_ranges(data: np.ndarray[Any, Any], ranges: ByteRanges) -> Mask:
    hit = false(len(data))
    for low, high in ranges:
        hit |= (data >= low) & (data <= high)
    return hit


def _string_buffers(array: pa.Array) -> tuple[Ints, np.ndarray[Any, Any]]:
    """Return a string array's offsets (from 0) and the UTF-8 bytes they point into."""
    n = len(array)
    tp = array.type
    width = np.int64 if pa.types.is_large_string(tp) or pa.types.is_large_binary(tp) else np.int32
    _, offsets_buffer, data_buffer = array.buffers()[:3]
    if offsets_buffer is None:  # an array of no rows may have no buffers
        return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.uint8)
    offsets = np.frombuffer(offsets_buffer, dtype=width)[array.offset : array.offset + n + 1]
    start, end = int(offsets[0]), int(offsets[-1])
    if data_buffer is None or start == end:
        return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.uint8)
    data = np.frombuffer(data_buffer, dtype=np.uint8)[start:end]
    return offsets.astype(np.int64) - start, data


def first_byte_in(array: pa.Array, ranges: ByteRanges) -> Mask:
    """Return the strings whose first UTF-8 byte is in ``ranges`` (an empty one's is not).

    >>> first_byte_in(pa.array(["ab", "", None, "ba"]), ((0x61, 0x61),))
    array([ True, False, False, False])
    """
    offsets, data = _string_buffers(array)
    if not len(data):
        return false(len(array))
    starts = offsets[:-1]
    first = data[np.minimum(starts, len(data) - 1)]  # an empty string's is its neighbour's
    return _in_ranges(first, ranges) & (offsets[1:] > starts)


def any_byte_in(array: pa.Array, ranges: ByteRanges) -> Mask:
    """Return the strings with a UTF-8 byte in ``ranges`` anywhere.

    >>> any_byte_in(pa.array(["ab", "", None, "b-a", "bb"]), ((0x61, 0x61),))
    array([ True, False, False,  True, False])
    """
    offsets, data = _string_buffers(array)
    found = false(len(array))
    positions = np.flatnonzero(_in_ranges(data, ranges))
    if len(positions):
        found[np.searchsorted(offsets, positions, side="right") - 1] = True
    return found


def string_doubts(
    array: pa.Array,
    exact: Callable[[pa.Array], Mask],
    *,
    good_start: ByteRanges = (),
    bad_bytes: ByteRanges | None = None,
) -> Mask:
    """Return the strings ``exact`` finds wrong, asking it only about the unsure ones.

    A string that starts with a byte of ``good_start`` is good; one with no byte of
    ``bad_bytes`` is good; a null is no string to doubt. The rest (few, in real text) go
    to ``exact``, which answers for an array of them.

    >>> blank = lambda a: as_mask(pc.equal(pc.utf8_trim_whitespace(a), ""))
    >>> string_doubts(pa.array(["ab", "  ", " é", None]), blank, good_start=((0x61, 0x7A),))
    array([False,  True, False, False])
    """
    unsure = valid(array)
    if good_start:
        unsure &= ~first_byte_in(array, good_start)
    if bad_bytes is not None:
        unsure &= any_byte_in(array, bad_bytes)
    where = np.flatnonzero(unsure)
    doubt = false(len(array))
    if len(where):
        doubt[where] = exact(array.take(pa.array(where)))
    return doubt


def dictionary_codes(array: pa.Array, values: Sequence[str | None]) -> Ints:
    """Return, per row, the index in ``values`` of the row's text, -1 if none or null.

    A dictionary-encoded array is answered from its dictionary (a few values) and its
    indices; a plain one through a dictionary encoding of its own.

    >>> dictionary_codes(pa.array(["b", None, "x", "a"]).dictionary_encode(), ["a", "b"])
    array([ 1, -1, -1,  0])
    """
    if not pa.types.is_dictionary(array.type):
        array = pc.dictionary_encode(array)
    words = array.dictionary
    lookup = np.asarray(
        pc.fill_null(pc.index_in(words, value_set=pa.array(list(values), words.type)), -1).to_numpy(
            zero_copy_only=False
        ),
        dtype=np.int64,
    )
    return spread(array, lookup, -1)


def spread(array: pa.Array, per_word: np.ndarray[Any, Any], null: Any) -> np.ndarray[Any, Any]:
    """Return, per row of a dictionary array, ``per_word``'s answer for its word (``null`` if null).

    >>> spread(pa.array(["b", None, "b"]).dictionary_encode(), np.array([7]), 0)
    array([7, 0, 7])
    """
    n = len(array)
    indices = array.indices
    padded = np.append(per_word, np.asarray([null], dtype=per_word.dtype))
    if indices.null_count == n or not len(per_word):
        return np.full(n, null, dtype=padded.dtype)
    width = indices.type.byte_width
    numbers = np.frombuffer(indices.buffers()[1], dtype=f"<i{width}")
    numbers = numbers[indices.offset : indices.offset + n]
    if indices.null_count:
        # Under a null, an index is whatever the buffer holds: point it at the null answer.
        numbers = np.where(valid(indices), numbers, len(per_word))
    answers: np.ndarray[Any, Any] = padded[numbers]
    return answers


def words_wrong(array: pa.Array, bad: Mask) -> Mask:
    """Return the rows of a dictionary array whose word ``bad`` marks (nulls are not).

    Most dictionaries hold no bad word: then no row is looked up.

    >>> words_wrong(pa.array(["a", None, "b"]).dictionary_encode(), np.array([False, True]))
    array([False, False,  True])
    """
    if not bad.any():
        return false(len(array))
    return np.asarray(spread(array, bad, False), dtype=bool)


def outside(array: pa.Array, values: pa.Array) -> Mask:
    """Return the rows whose value is not one of ``values``; nulls are not outside.

    >>> outside(pa.array(["a", "z", None]).dictionary_encode(), pa.array(["a", "b"]))
    array([False,  True, False])
    """
    if pa.types.is_dictionary(array.type):
        return words_wrong(array, ~as_mask(pc.is_in(array.dictionary, value_set=values)))
    return valid(array) & ~as_mask(pc.is_in(array, value_set=values))
