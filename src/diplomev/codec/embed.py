"""diplomev's hooks on a cattrs converter, for tools that embed records in their own classes.

A tool's attrs class that holds diplomev records (``events: tuple[Event, ...]``) is
structured by cattrs' own generated code, which wraps what fails in exception groups
(`cattrs.ClassValidationError`) whose notes name each attribute and index. The error
contract is diplomev's: one `ValidationError` with every problem at its full path
(``$.events[0].date``). So the caller's attrs classes get a hook that runs cattrs' code
and turns its exception tree into that one error, with paths built from cattrs' notes.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from diplomev.actors import Actor
from diplomev.codec.emit import hooks_for, structure_tagged
from diplomev.dates import EventDate
from diplomev.errors import ErrorCode, ErrorDetail, ValidationError, key_segment
from diplomev.model import registry
from diplomev.model.plans import Validated, plan_for
from diplomev.model.shapes import Choice, Date, Day, Problems, Shape, ShapeVisitor
from diplomev.records import Event

__all__ = ["errors_of", "install", "vocabularies"]


def errors_of(error: BaseException, path: str = "$") -> list[ErrorDetail]:
    """Return the problems in a cattrs exception tree, each at its full path.

    >>> import attrs, cattrs
    >>> @attrs.define
    ... class Row:
    ...     count: int
    >>> try:
    ...     cattrs.Converter().structure({}, Row)
    ... except Exception as e:
    ...     print(errors_of(e))
    [ErrorDetail(path='$.count', message='required field missing', code='missing')]
    """
    if isinstance(error, ValidationError):
        return [ErrorDetail(path + d.path[1:], d.message, d.code) for d in error.errors]
    if isinstance(error, ForbiddenExtraKeysError):
        return [
            ErrorDetail(path + key_segment(key), "unknown field", ErrorCode.UNKNOWN_FIELD)
            for key in sorted(error.extra_fields, key=str)
        ]
    if isinstance(error, BaseExceptionGroup):
        found: list[ErrorDetail] = []
        for inner in error.exceptions:
            found.extend(errors_of(inner, path + _segment(inner)))
        return found
    if isinstance(error, KeyError):
        return [ErrorDetail(path, "required field missing", ErrorCode.MISSING)]
    return [ErrorDetail(path, str(error) or type(error).__name__, ErrorCode.INVALID)]


def _segment(error: BaseException) -> str:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return key_segment(note.name)
        if isinstance(note, IterableValidationNote):
            # A list's index, or a mapping's key, written as diplomev writes keys.
            index = note.index
            return f"[{index}]" if isinstance(index, int) else key_segment(index)
    return ""


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Validated) and tp is not Event


def _is_foreign_attrs_class(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and not issubclass(tp, Validated)


class _Vocabularies(ShapeVisitor[set[type[enum.Enum]]]):
    """The vocabularies a shape holds, at any depth of nested records."""

    def __init__(self) -> None:
        self.seen: set[type] = set()

    def _none(self, shape: Any) -> set[type[enum.Enum]]:
        return set()

    text = country = currency = integer = number = boolean = date = day = extensions = _none

    def choice(self, shape: Choice) -> set[type[enum.Enum]]:
        return {shape.enum}

    def record(self, shape: Any) -> set[type[enum.Enum]]:
        return self.of_class(shape.cls)

    def one_of(self, shape: Any) -> set[type[enum.Enum]]:
        return set().union(*(self.of_class(cls) for cls in shape.classes))

    def optional(self, shape: Any) -> set[type[enum.Enum]]:
        return shape.inner.accept(self)  # type: ignore[no-any-return]

    items = optional

    def of_class(self, cls: type) -> set[type[enum.Enum]]:
        if cls in self.seen:
            return set()
        self.seen.add(cls)
        return set().union(*(field.shape.accept(self) for field in plan_for(cls).fields))


def vocabularies() -> list[type[enum.Enum]]:
    """Return every vocabulary of every registered kind and actor, derived from their plans.

    >>> from diplomev import MeetingKind, Status
    >>> {MeetingKind, Status} <= set(vocabularies())
    True
    """
    finder = _Vocabularies()
    found: set[type[enum.Enum]] = set()
    for family in ("event", "actor"):
        for cls in registry.tagged(family).values():
            found |= finder.of_class(cls)
    return sorted(found, key=lambda vocabulary: vocabulary.__qualname__)


def _raising(structure: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def hook(data: Any, _: Any = None) -> Any:
        return structure(data)

    return hook


def _shape_hook(shape: Shape) -> Callable[[Any, Any], Any]:
    """Return a cattrs hook that reads a value by ``shape``'s rule, raising every problem."""

    def hook(value: Any, _: Any = None) -> Any:
        problems = Problems()
        result = shape.check(value, problems)
        if problems:
            raise ValidationError(problems)
        return result

    return hook


def install(converter: cattrs.Converter, *, days: bool) -> None:
    """Register diplomev's hooks on ``converter`` (see `diplomev.configure_converter`)."""
    from diplomev.codec import structure_event  # the package's entry, defined beside it

    converter.register_structure_hook_factory(
        _is_record, lambda cls: _raising(hooks_for(cls).structure)
    )
    converter.register_unstructure_hook_factory(_is_record, lambda cls: hooks_for(cls).unstructure)
    for vocabulary in vocabularies():
        # By class, not by predicate: a hook the caller registered for str would win.
        converter.register_structure_hook(vocabulary, _shape_hook(Choice(vocabulary)))
        converter.register_unstructure_hook(vocabulary, _enum_value)
    converter.register_structure_hook(EventDate, _shape_hook(Date()))
    converter.register_unstructure_hook(EventDate, str)
    actors = registry.tagged("actor")
    converter.register_structure_hook_func(
        lambda tp: tp == Actor, _raising(lambda data: structure_tagged(data, actors, "actor"))
    )
    converter.register_structure_hook_func(lambda tp: tp is Event, _raising(structure_event))
    converter.register_unstructure_hook_func(
        lambda tp: tp is Event, lambda record: hooks_for(type(record)).unstructure(record)
    )
    if days:
        converter.register_structure_hook(datetime.date, _shape_hook(Day()))
        converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)

    def foreign_class(cls: type) -> Callable[[Any, Any], Any]:
        generated: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter)

        def hook(data: Any, _: Any = None) -> Any:
            try:
                return generated(data, cls)
            except ValidationError:
                raise
            except Exception as e:
                raise ValidationError(errors_of(e)) from e

        return hook

    converter.register_structure_hook_factory(_is_foreign_attrs_class, foreign_class)


def _enum_value(member: enum.Enum) -> Any:
    return member.value
