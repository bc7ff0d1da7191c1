"""The one emitter: from a class plan, the codec's three functions for that class.

Why generated: reading a record through general, data-driven hooks costs a loop
iteration, a hook call and a dictionary insertion per field, then ``__init__`` and the
record's validation, for input that is nearly always valid. One walk over the plan's
fields writes straight-line code instead, as cattrs does, in three variants:

- **fast** ``(data) -> record | INVALID``: one ``dict.get`` per field, the shape's fast
  test, conversions inline (vocabularies through one dict, dates through the cached EDTF
  parser, integers for numbers), nested records through their own fast functions, the
  instance built through its slots, the declared rules asked whether they hold. At the
  first irregularity it returns the `INVALID` sentinel; it never reports and never falls
  back by itself.
- **detailed** ``(data) -> record``: the same fields, each checked to the end, raising one
  `ValidationError` with every problem and its path. Nested values go through their
  fast function, then their detailed one only if needed (or directly, if the fast pass
  already refused them), so the detailed code of a record runs at most once per input;
  the nested records that the fast pass built before it refused are taken as built.
  Nested detailed functions add their problems, with paths from the top, to the list of
  the outermost one, which alone raises.
- **unstructure** ``(record) -> dict``: one attribute read per field, omitting what the
  wire omits.

`Hooks.structure` runs fast, and detailed only when fast said `INVALID`. The functions are
built once per class for the process (they depend on the plan, not on any converter) and
their source is registered in `linecache` under a name of its own (see `model.codegen`).

Classes whose construction does more than diplomev's own validation (an attrs validator or
converter of a user's, an ``__attrs_pre_init__``) are built by calling the class, so
nothing of theirs is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from diplomev.codec import _detailed, _fast, _unstructure
from diplomev.codec._wire import INVALID, TRAIL, take_trail
from diplomev.model import registry
from diplomev.model.plans import plan_for

__all__ = ["INVALID", "Hooks", "detailed_only", "hooks_for", "structure_actor", "structure_tagged"]


@attrs.frozen
class Hooks:
    """The generated functions of one record class."""

    fast: Callable[[Any], Any]
    detailed: Callable[..., Any]
    unstructure: Callable[[Any], dict[str, Any]]

    def structure(self, data: Any) -> Any:
        """Build the record from wire data, or raise `ValidationError` with every problem."""
        result = self.fast(data)
        if result is INVALID:
            take_trail()
            try:
                return self.detailed(data)
            finally:
                TRAIL.built.clear()  # what it holds is this input's
        return result


_HOOKS: dict[type, Hooks] = {}


def hooks_for(cls: type) -> Hooks:
    """Return the (cached) generated functions of a record class.

    >>> from diplomev import Country
    >>> hooks_for(Country).structure({"type": "country", "code": "KOR"})
    Country(code='KOR')
    >>> hooks_for(Country).fast({"type": "country", "code": "kor"})
    INVALID
    """
    try:
        return _HOOKS[cls]
    except KeyError:
        pass
    plan = plan_for(cls)
    # Children first: the generated code binds their functions directly.
    fast = _fast.emit_fast(plan, _fast_of)
    detailed = _detailed.emit_detailed(plan, _STRUCTURE)
    unstructure = _unstructure.emit_unstructure(plan, _unstructure_of)
    hooks = _HOOKS[cls] = Hooks(fast, detailed, unstructure)
    return hooks


def _fast_of(cls: type) -> Callable[[Any], Any]:
    return hooks_for(cls).fast


def _unstructure_of(cls: type) -> Callable[[Any], Any]:
    return hooks_for(cls).unstructure


_NESTED: dict[type, Callable[[Any, Any, str], Any]] = {}


def _structure_of(cls: type) -> Callable[[Any, Any, str], Any]:
    """How a record nested in one being read in full is read: in full if it was refused."""
    if cls in _NESTED:
        return _NESTED[cls]
    hooks_for(cls)  # built now: its parent's generated code is being written

    def structure(data: Any, problems: Any, at: str) -> Any:
        hooks = _HOOKS[cls]  # looked up, not bound: only invalid input comes this way
        key = id(data)
        if key not in TRAIL.ids:
            kept = TRAIL.built.get(key)
            # The same data, built as this class (it may stand elsewhere as another).
            if kept is not None and kept[0] is data and type(kept[1]) is cls:
                return kept[1]
            result = hooks.fast(data)
            if result is not INVALID:
                return result
        return hooks.detailed(data, problems, at)

    _NESTED[cls] = structure
    return structure


_STRUCTURE = _detailed.DetailedReaders(_structure_of)
_DETAILED_ONLY: dict[type, Callable[..., Any]] = {}


def detailed_only(cls: type) -> Callable[..., Any]:
    """Return a structure function of ``cls`` that never takes the fast path, at any depth.

    The reference the tests hold the fast functions to: whatever it accepts and builds,
    `Hooks.structure` must build the same; whatever it refuses, refuse the same way.
    """
    try:
        return _DETAILED_ONLY[cls]
    except KeyError:
        function = _DETAILED_ONLY[cls] = _detailed.emit_detailed(plan_for(cls), _REFERENCE)
        return function


_REFERENCE = _detailed.DetailedReaders(detailed_only)


def structure_tagged(
    data: Any,
    classes: Mapping[str, type],
    what: str,
    structure_of: Callable[[type], Callable[[Any], Any]] | None = None,
) -> Any:
    """Build the class of ``classes`` that the ``"type"`` tag of ``data`` names.

    Nested values are read with ``structure_of`` (by default, each class's `Hooks.structure`).

    >>> from diplomev.model import tagged
    >>> structure_tagged({"type": "country", "code": "KOR"}, tagged("actor"), "actor")
    Country(code='KOR')
    """
    return _detailed.structure_tagged(data, classes, what, structure_of or _entry_of)


def _entry_of(cls: type) -> Callable[[Any], Any]:
    return hooks_for(cls).structure


def structure_actor(data: Any) -> Any:
    """Build whichever actor the ``"type"`` tag names, reporting every problem."""
    return structure_tagged(data, registry.tagged("actor"), "actor")
