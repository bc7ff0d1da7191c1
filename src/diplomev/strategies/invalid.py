"""Invalid records: wire dicts of valid events with targeted corruptions, derived from the model.

`invalid_records` draws a valid event, writes it with `diplomev.to_dict`, and walks the
wire dict along the event's plan (`_Walker`, a `ShapeVisitor`): at each part it collects
the corruptions `diplomev.strategies.corruptions` derives for it, from the part's shape
(a scalar's wrong values), its plan (a record's tag, keys and required fields) and its
class's declared rules (each broken by `Rule.break_wire`). It then makes one to
``max_corruptions`` of them that cannot hide one another.

A kind a user registers gets the same: wrong values for its fields, unknown values for
its vocabularies, and its own rules broken.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from diplomev.codec import to_dict
from diplomev.model import plan_for, registry, tag_of
from diplomev.model import shapes as sh
from diplomev.records import Event
from diplomev.strategies import corruptions as bad
from diplomev.strategies.corruptions import ABSENT, Groups, Steps, Variant
from diplomev.strategies.valid import events
from diplomev.strategies.values import SearchStrategy, pick

__all__ = ["Corruption", "InvalidRecord", "apply", "corruption_groups", "invalid_records"]


@attrs.frozen
class Corruption:
    """One targeted change made to a valid record, with the JSON path an error must name.

    ``kind`` is the sort of change (`invalid_records` lists them); ``detail`` says what
    was done, for people reading a failing example.

    >>> Corruption("$.participants[1].code", "unknown country code", "replaced 'CHN' with 'XXX'")
    Corruption(path='$.participants[1].code', kind='unknown country code', detail="replaced 'CHN' with 'XXX'")
    """

    path: str
    kind: str
    detail: str


@attrs.frozen
class InvalidRecord:
    """The wire dict of a valid event with targeted corruptions, which must all be reported.

    ``data`` is `diplomev.to_dict` of a valid event with every change in ``corruptions``
    made; ``paths`` are the JSON paths of the corruptions. `diplomev.from_dict` refuses
    ``data`` with a `diplomev.ValidationError` whose paths include every one of them.

    >>> import diplomev
    >>> record = InvalidRecord(
    ...     {"type": "visit", "id": "v", "date": "2026-02-30", "status": "occurred",
    ...      "visitor": {"type": "country", "code": "KOR"}, "host": "XXX"},
    ...     (Corruption("$.date", "impossible date", "replaced '2026-01-05' with '2026-02-30'"),
    ...      Corruption("$.host", "unknown country code", "replaced 'CHN' with 'XXX'")))
    >>> sorted(record.paths)
    ['$.date', '$.host']
    >>> try:
    ...     diplomev.from_dict(record.data)
    ... except diplomev.ValidationError as e:
    ...     print(record.paths <= set(e.paths))
    True
    """

    data: dict[str, Any]
    corruptions: tuple[Corruption, ...]

    @property
    def paths(self) -> frozenset[str]:
        """The JSON paths every error report of ``data`` must name.

        >>> InvalidRecord({}, (Corruption("$.id", "missing field", "deleted 'id'"),)).paths
        frozenset({'$.id'})
        """
        return frozenset(corruption.path for corruption in self.corruptions)


_Node = tuple[int, Callable[[], Groups]]


class _Walker(sh.ShapeVisitor[None]):
    """Collects, for each part of a wire dict, the (lazily made) corruptions it can take.

    Each visit reads ``self.value`` (`ABSENT` for a field the dict leaves out) at
    ``self.steps``; ``self.nullable`` says whether ``null`` is a valid value there.
    """

    def __init__(self, allow_nan: bool) -> None:
        self.allow_nan = allow_nan
        self.nodes: list[_Node] = []
        self.value: Any = ABSENT
        self.steps: Steps = ()
        self.nullable = False

    def visit(self, shape: sh.Shape, value: Any, steps: Steps, *, nullable: bool = False) -> None:
        saved = (self.value, self.steps, self.nullable)
        self.value, self.steps, self.nullable = value, steps, nullable
        shape.accept(self)
        self.value, self.steps, self.nullable = saved

    def _add(self, groups: Callable[..., Groups], *args: Any) -> None:
        self.nodes.append((len(self.steps), functools.partial(groups, *args)))

    def walk_record(self, value: dict[str, Any], cls: type, *, single: bool = True) -> None:
        """Walk a record (the event itself when ``self.steps`` is empty) and its fields."""
        steps = self.steps
        if steps:
            self._add(bad.record_groups, steps, value, cls, single, self.nullable)
        else:
            self._add(bad.event_groups, value, cls, self.allow_nan)
            for key, item in value.items():
                if sh.is_extension_key(key):
                    self.nodes.append(
                        (1, functools.partial(bad.extension_groups, (key,), item, self.allow_nan))
                    )
        for field in plan_for(cls).fields:
            self.visit(field.shape, value.get(field.name, ABSENT), (*steps, field.name))

    def _scalar(self, shape: sh.Shape) -> None:
        self._add(bad.scalar_groups, self.steps, shape, self.value, self.nullable, self.allow_nan)

    def text(self, shape: sh.Str) -> None:
        self._scalar(shape)

    country = currency = integer = number = boolean = choice = date = day = text  # type: ignore[assignment]

    def record(self, shape: sh.Record) -> None:
        if self.value is ABSENT:
            self._add(bad.absent_record_groups, self.steps)
        else:
            self.walk_record(self.value, shape.cls)

    def one_of(self, shape: sh.OneOf) -> None:
        if self.value is ABSENT:
            self._add(bad.absent_record_groups, self.steps)
        else:
            classes = {tag_of(cls): cls for cls in shape.classes}
            self.walk_record(self.value, classes[self.value[registry.TAG_KEY]], single=False)

    def optional(self, shape: sh.Optional) -> None:
        self.visit(shape.inner, self.value, self.steps, nullable=True)

    def items(self, shape: sh.Items) -> None:
        self._add(bad.list_groups, self.steps, shape, self.value, self.nullable, self.allow_nan)
        if self.value is not ABSENT:
            for index, item in enumerate(self.value):
                self.visit(shape.inner, item, (*self.steps, index))

    def extensions(self, shape: sh.ExtensionMap) -> None:
        # An event's x_ fields are keys of its own on the wire: walked with the event.
        pass


def corruption_groups(data: dict[str, Any], cls: type, allow_nan: bool) -> Groups:
    """Return every corruption of the wire dict of an event of ``cls``, shallow parts first.

    Corruptions come in groups of one kind (the wrong types of one field, say).

    >>> import diplomev
    >>> data = {"type": "visit", "id": "v", "date": "2026", "visitor": {"type": "country", "code": "KOR"}, "host": "CHN"}
    >>> groups = corruption_groups(data, diplomev.Visit, allow_nan=True)
    >>> sorted({variant.kind for group in groups for variant in group})[:4]
    ['bad characters', 'bad tag', 'blank string', 'impossible date']
    """
    walker = _Walker(allow_nan)
    walker.walk_record(data, cls)
    return [
        group for _, groups in sorted(walker.nodes, key=lambda node: node[0]) for group in groups()
    ]


def apply(data: dict[str, Any], variant: Variant) -> None:
    """Make the corruption ``variant`` in the wire dict ``data``."""
    for steps in variant.deletes:
        parent: Any = data
        for step in steps[:-1]:
            parent = parent[step]
        parent.pop(steps[-1], None)
    for steps, value in variant.sets:
        parent = data
        for step in steps[:-1]:
            parent = parent[step]
        parent[steps[-1]] = copy.deepcopy(value)


def _overlap(a: Steps, b: Steps) -> bool:
    return a == b[: len(a)] or b == a[: len(b)]


# Every kind of corruption, in the order examples shrink towards.
_KINDS = (
    "unknown key",
    "wrong type",
    "missing field",
    "blank string",
    "bad characters",
    "unknown country code",
    "unknown currency code",
    "unknown vocabulary value",
    "impossible date",
    "malformed date",
    "out of range",
    "not finite",
    "too few items",
    "bad tag",
    "incomplete record",
    "broken quote span",
    "broken rule",
    "unsupported version",
    "nested too deeply",
)
_KIND_INDICES = range(len(_KINDS))


@st.composite
def _invalid_records(
    draw: st.DrawFn,
    records: SearchStrategy[Event],
    counts: SearchStrategy[int],
    allow_nan: bool,
) -> InvalidRecord:
    event = draw(records)
    data = copy.deepcopy(to_dict(event))
    # Corruptions by kind, shallow parts first. Drawing the kind first keeps a failing
    # example's kind of corruption while the event under it shrinks.
    by_kind: dict[str, list[list[Variant]]] = {}
    for group in corruption_groups(data, type(event), allow_nan):
        by_kind.setdefault(group[0].kind, []).append(group)
    drawn: list[Variant] = []
    for _ in range(draw(counts)):
        # An index into every kind, not into those this event offers: as the event
        # shrinks, the same index keeps to the same kind where it can. Hypothesis favours
        # some integers (zero, the constants of the code it tests): the sum of two draws
        # spreads its choices over every kind, and still shrinks to the first.
        first = (pick(draw, _KIND_INDICES) + pick(draw, _KIND_INDICES)) % len(_KINDS)
        kind = next(
            kind
            for kind in (_KINDS[(first + offset) % len(_KINDS)] for offset in range(len(_KINDS)))
            if kind in by_kind
        )
        drawn.append(pick(draw, pick(draw, by_kind[kind])))
    # Those that own more of the record first: a corruption of a whole record (its tag,
    # its rules) is kept whenever it is drawn, and what it would hide is left out.
    chosen: list[Variant] = []
    for variant in sorted(drawn, key=lambda variant: len(variant.footprint)):
        if not any(_overlap(variant.footprint, other.footprint) for other in chosen):
            chosen.append(variant)
    for variant in chosen:
        apply(data, variant)
    return InvalidRecord(data, tuple(Corruption(v.path, v.kind, v.detail) for v in chosen))


def invalid_records(
    kinds: Iterable[type[Event]] | None = None,
    *,
    max_corruptions: int = 3,
    allow_nan: bool = True,
) -> SearchStrategy[InvalidRecord]:
    """Wire dicts of valid events with one to ``max_corruptions`` targeted corruptions.

    Each draw is an `InvalidRecord`: ``data``, the ``to_dict`` of an event drawn by
    `events` (of ``kinds``) with changes made at any depth, and ``corruptions``, each
    with the JSON path that an error report must name. Corruptions never hide one
    another, so `diplomev.from_dict` reports every path in ``paths``. Kinds of corruption:

    - ``wrong type`` (``12345`` for a string, an object for an array, ``null`` where a
      value is required), ``blank string``, ``bad characters`` (a control or bidi
      character in an id, a link's target or a url), ``unknown key`` (``x_`` keys too, except at
      the top of an event), ``missing field`` (a required one), ``too few items``;
    - ``out of range`` (a latitude of 90.5, a negative offset, a rate of ``10**400``),
      ``not finite`` (NaN or infinity, in a number field or inside an ``x_`` value);
    - ``impossible date`` (``2026-02-30``, an interval that ends before it starts),
      ``malformed date`` (``20260105``, ``2026-W02-1``, times);
    - ``unknown country code``, ``unknown currency code``, ``unknown vocabulary value`` (``"finished"`` as a status),
      ``bad tag`` (an unknown or missing ``"type"``), ``unsupported version``;
    - ``incomplete record`` (a person with neither name nor office, a source with
      neither url nor title, a latitude without its longitude: an `AnyOf` or `Together`
      rule broken), ``broken quote span`` (offsets that do not fit the text: a `Span`),
      ``broken rule`` (a `Check` rule of a user's kind, where it says how to break it),
      ``nested too deeply`` (an ``x_`` value).

    With ``allow_nan=False`` no corruption puts NaN or infinity in the record, so
    ``json.dumps(record.data, allow_nan=False)`` is JSON text that `diplomev.loads`
    refuses at the same paths.

    >>> import diplomev
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True)
    ... @given(invalid_records())
    ... def test_refused_where_labelled(record):
    ...     try:
    ...         diplomev.from_dict(record.data)
    ...     except diplomev.ValidationError as e:
    ...         assert record.paths <= set(e.paths)
    ...     else:
    ...         raise AssertionError(f"accepted {record}")
    >>> test_refused_where_labelled()
    """
    if isinstance(max_corruptions, bool) or not isinstance(max_corruptions, int):
        raise InvalidArgument(f"max_corruptions must be an integer, got {max_corruptions!r}")
    if max_corruptions < 1:
        raise InvalidArgument(f"max_corruptions must be at least 1, got {max_corruptions}")
    return _invalid_records(events(kinds), st.integers(1, max_corruptions), bool(allow_nan))
