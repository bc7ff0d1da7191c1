"""Columns of nulls and zeros, and a kind's column spread over the rows of its batch.

Where a struct is null its children hold zeros and empty lists, never nulls, unless they
are nullable themselves (Parquet refuses a null in a non-nullable child, even under a
null parent). Zero columns are made from one shared buffer of zeros, read as values,
offsets and validity alike, so that a column no row fills costs no allocation.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["POOL", "null_column", "scatter"]

#: Where the buffers of built batches come from: the system allocator, unless
#: ``ARROW_DEFAULT_MEMORY_POOL`` names Arrow's pool. pyarrow's default pool (mimalloc in
#: its wheels) gives a freed batch's memory back to the system and takes it again as
#: transparent huge pages, each first touch zeroing 2 MiB: that was a fifth of the
#: building's CPU, in the kernel; glibc's allocator keeps and reuses it.
POOL = (
    pa.default_memory_pool()
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL")
    else pa.system_memory_pool()
)


def _zero_row(tp: pa.DataType) -> pa.Array:
    """Return one row of ``tp`` that a null parent's slot holds: zeros, empty text and lists.

    Built child by child, nullable children included: from Python, pyarrow would make a
    null child struct whose dictionaries have no values but whose indices are zeros,
    which is no valid Arrow.
    """
    row = _ZERO_ROWS.get(tp)
    if row is not None:
        return row
    if pa.types.is_struct(tp):
        children = [_zero_row(field.type) for field in tp]
        row = pa.StructArray.from_arrays(children, fields=list(tp))
    elif pa.types.is_list(tp):
        row = pa.ListArray.from_arrays(
            pa.array([0, 0], pa.int32()), _zero_row(tp.value_type).slice(0, 0), type=tp
        )
    elif pa.types.is_dictionary(tp) or pa.types.is_string(tp):
        row = pa.array([""], tp)
    elif pa.types.is_date32(tp):
        row = pa.array([0], pa.int32()).view(tp)
    elif pa.types.is_boolean(tp):
        row = pa.array([False], tp)
    else:
        row = pa.array([0], tp)
    _ZERO_ROWS[tp] = row
    return row


_ZERO_ROWS: dict[pa.DataType, pa.Array] = {}


def null_column(tp: pa.DataType, n: int) -> pa.Array:
    """Return ``n`` null structs of ``tp``: nullable children null, the others zeros.

    The common case of a column no row fills (a kind no event of the batch is, a speaker
    no quote names), made from one shared buffer of zeros (as values, offsets and
    validity alike) without gathering or allocating anything per column.

    >>> tp = pa.struct([pa.field("a", pa.string(), nullable=False), pa.field("b", pa.int32())])
    >>> nulls = null_column(tp, 2)
    >>> nulls.to_pylist(), nulls.field(0).to_pylist(), nulls.field(1).to_pylist()
    ([None, None], ['', ''], [None, None])
    """
    return _zero_column(tp, n, null=True)


def _zero_column(tp: pa.DataType, n: int, *, null: bool = False) -> pa.Array:
    """Return ``n`` zero values of ``tp`` (empty text and lists, zeros), or ``n`` nulls.

    Under a null struct, the nullable children are null too and the others zeros.
    """
    zeros = _zeros(8 * (n + 1))
    validity, nulls = (zeros, n) if null else (None, 0)
    if pa.types.is_struct(tp):
        children = [_zero_column(f.type, n, null=null and f.nullable) for f in tp]
        return pa.Array.from_buffers(tp, n, [validity], null_count=nulls, children=children)
    if pa.types.is_list(tp):
        child = _zero_row(tp.value_type).slice(0, 0)
        return pa.Array.from_buffers(tp, n, [validity, zeros], null_count=nulls, children=[child])
    if pa.types.is_dictionary(tp):
        indices = pa.Array.from_buffers(tp.index_type, n, [validity, zeros], null_count=nulls)
        return pa.DictionaryArray.from_arrays(indices, pa.array([""], tp.value_type))
    if pa.types.is_string(tp):
        return pa.Array.from_buffers(tp, n, [validity, zeros, _EMPTY], null_count=nulls)
    return pa.Array.from_buffers(tp, n, [validity, zeros], null_count=nulls)


_EMPTY = pa.py_buffer(b"")
_ZEROS = [pa.py_buffer(bytes(8 * 65_537))]  # enough for a batch of the default size


def _zeros(size: int) -> pa.Buffer:
    """Return a buffer of at least ``size`` zero bytes, shared by every zero column."""
    zeros = _ZEROS[0]
    if zeros.size < size:
        zeros = _ZEROS[0] = pa.py_buffer(bytes(size))
    return zeros


def scatter(dense: pa.Array, rows: np.ndarray[Any, Any], n: int) -> pa.Array:
    """Spread a struct array over ``n`` rows: ``dense[k]`` goes to row ``rows[k]``, the rest null.

    >>> tp = pa.struct([pa.field("a", pa.string(), nullable=False)])
    >>> spread = scatter(pa.array([{"a": "x"}], tp), np.array([1]), 3)
    >>> spread.to_pylist(), spread.field(0).to_pylist()
    ([None, {'a': 'x'}, None], ['', 'x', ''])
    """
    tp = dense.type
    if len(rows) == n:
        return dense
    if not len(rows):
        return null_column(tp, n)
    first, last = int(rows[0]), int(rows[-1]) + 1
    if last - first == len(rows):
        # One run of rows (a batch sorted by kind): nulls on either side, copied, not taken.
        parts = [null_column(tp, first), dense, null_column(tp, n - last)]
        return pa.concat_arrays(parts, memory_pool=POOL)
    index = np.full(n, len(dense), dtype=np.int32)
    index[rows] = np.arange(len(rows), dtype=np.int32)
    whole = (
        pa.concat_arrays([dense, _zero_row(tp)], memory_pool=POOL) if len(dense) else _zero_row(tp)
    )
    taken = pc.take(whole, pa.array(index), memory_pool=POOL)
    null = np.ones(n, dtype=bool)
    null[rows] = False
    children = [taken.field(i) for i in range(tp.num_fields)]
    return pa.StructArray.from_arrays(children, fields=list(tp), mask=pa.array(null))
