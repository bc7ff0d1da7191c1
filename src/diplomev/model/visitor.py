"""Visiting shapes: one method per kind of shape, for everything derived from them.

The codec's generated functions, the JSON Schema, the CSV columns, the strategies and the
actors an event holds are each a `ShapeVisitor`: a shape calls the visitor's method for
its kind (``shape.accept(visitor)``), so a consumer handles every kind of shape, and a new
kind of shape is a new abstract method that every consumer must then implement.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from diplomev.model import shapes as sh
    from diplomev.model.codegen import Source

__all__ = ["ExpressionVisitor", "ShapeVisitor"]

T = TypeVar("T")


class ShapeVisitor(abc.ABC, Generic[T]):
    """Something derived from shapes, one method per kind: the codec, the schema, strategies.

    >>> class Describe(ShapeVisitor[str]):
    ...     def text(self, shape): return "text"
    ...     def country(self, shape): return "country code"
    ...     def currency(self, shape): return "currency code"
    ...     def integer(self, shape): return "integer"
    ...     def number(self, shape): return "number"
    ...     def boolean(self, shape): return "boolean"
    ...     def choice(self, shape): return "one of " + shape.values_text()
    ...     def date(self, shape): return "EDTF date"
    ...     def day(self, shape): return "day"
    ...     def record(self, shape): return shape.cls.__name__
    ...     def one_of(self, shape): return "actor"
    ...     def optional(self, shape): return shape.inner.accept(self) + " or null"
    ...     def items(self, shape): return "array of " + shape.inner.accept(self)
    ...     def extensions(self, shape): return "x_ fields"
    >>> from diplomev.model.shapes import Alpha3, Items, Optional
    >>> Items(Optional(Alpha3())).accept(Describe())
    'array of country code or null'
    """

    @abc.abstractmethod
    def text(self, shape: sh.Str) -> T:
        """Visit a non-blank string."""

    @abc.abstractmethod
    def country(self, shape: sh.Alpha3) -> T:
        """Visit a country code."""

    @abc.abstractmethod
    def currency(self, shape: sh.Currency) -> T:
        """Visit a currency code."""

    @abc.abstractmethod
    def integer(self, shape: sh.Int) -> T:
        """Visit an integer."""

    @abc.abstractmethod
    def number(self, shape: sh.Float) -> T:
        """Visit a number."""

    @abc.abstractmethod
    def boolean(self, shape: sh.Bool) -> T:
        """Visit a boolean."""

    @abc.abstractmethod
    def choice(self, shape: sh.Choice) -> T:
        """Visit a vocabulary."""

    @abc.abstractmethod
    def date(self, shape: sh.Date) -> T:
        """Visit an `EventDate`."""

    @abc.abstractmethod
    def day(self, shape: sh.Day) -> T:
        """Visit a calendar day."""

    @abc.abstractmethod
    def record(self, shape: sh.Record) -> T:
        """Visit a nested record."""

    @abc.abstractmethod
    def one_of(self, shape: sh.OneOf) -> T:
        """Visit a tagged union of records (an actor)."""

    @abc.abstractmethod
    def optional(self, shape: sh.Optional) -> T:
        """Visit a value or None."""

    @abc.abstractmethod
    def items(self, shape: sh.Items) -> T:
        """Visit a tuple."""

    @abc.abstractmethod
    def extensions(self, shape: sh.ExtensionMap) -> T:
        """Visit the ``x_`` fields of an event."""


class ExpressionVisitor(ShapeVisitor[str]):
    """A code generator's visitor: for a shape, the expression that reads ``self.value``.

    `of` visits a shape with another value expression (an item's, an optional's inner
    value) and puts the outer one back, so the subclasses' methods read ``self.value``
    alone; generated code binds the objects it needs through ``self.src``.

    >>> from diplomev.model.codegen import Source
    >>> from diplomev.model.shapes import Items, Str
    >>> class Upper(ExpressionVisitor):
    ...     def text(self, shape): return f"{self.value}.upper()"
    ...     def items(self, shape): return f"[{self.of(shape.inner, '_i')} for _i in {self.value}]"
    ...     country = currency = integer = number = boolean = choice = date = day = text
    ...     record = one_of = optional = extensions = text
    >>> Upper(Source()).of(Items(Str()), "o.topics")
    '[_i.upper() for _i in o.topics]'
    """

    def __init__(self, src: Source) -> None:
        self.src = src
        self.value = ""

    def of(self, shape: sh.Shape, value: str) -> str:
        """Return the expression of ``shape`` for the value expression ``value``."""
        saved, self.value = self.value, value
        try:
            return shape.accept(self)
        finally:
            self.value = saved
