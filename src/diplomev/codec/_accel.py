r"""The msgspec accelerator of `diplomev.loads`: the parse and most checks in C.

When msgspec is installed (``pip install diplomev[fast]``), `loads` first hands the text to
a msgspec decoder of *wire structs* generated from the class plans (the same plans the
pure codec reads; no field is written twice): tagged unions on ``"type"``, strict types,
country and currency codes as ``Literal``\s, the record's enums, ranges and minimum
lengths as ``Meta``. Python then builds the records from the structs, checking what msgspec
cannot (non-blank text, EDTF dates, the cross-field rules).

msgspec reads a key given twice as "last wins" and would drop ``x_`` keys, so nothing it
reads is trusted until its own encoding of the structs is the very text read (the compact
form diplomev and orjson write). That one comparison proves each key was given once, no
unknown key was present, every number was read exactly (its text is the shortest repr of
the double read) and every value was written in its one canonical form. An event's ``x_``
keys come last in that form: the text may go on after the encoding's last field with
``x_`` keys only, which are read as plain JSON values (and written again, to the same text)
and frozen as the pure path does.

Anything else (other spacing, a different key order, a refused value, a record class with
a validator or converter of its own) returns `INVALID`, and `loads` reads the text by the
pure path, which decides and says why. So the accelerator may refuse more than the pure
path, never accept more; ``tests/test_codec_accel.py`` holds the two to the same records.
Setting the environment variable ``DIPLOMEV_NO_MSGSPEC`` (to anything) turns it off.
"""

from __future__ import annotations

import datetime
import os
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from diplomev._json import EMPTY_OBJECT, JSONObject, freeze_json
from diplomev.codec._fast import _KNOWN_DATES, _quiet_edtf
from diplomev.codec._unstructure import omits_default
from diplomev.codec._wire import INVALID, REFUSED, trusted_construction
from diplomev.countries import country_codes
from diplomev.currencies import currency_codes
from diplomev.model import registry
from diplomev.model import shapes as sh
from diplomev.model.codegen import Source
from diplomev.model.plans import ClassPlan, plan_for
from diplomev.model.visitor import ExpressionVisitor

__all__ = ["Accelerator", "accelerator"]

#: The name of the method each wire struct gets: build the record it stands for.
_BUILD = "_diplomev_build"


class _Refused(Exception):
    """Raised by a builder for a value the records refuse; `Accelerator.loads` says REFUSED."""


class _Unsure(Exception):
    """Raised where the text may still be one the pure path accepts: it is INVALID here."""


def _refuse() -> Any:
    raise _Refused


class _Untrusted(Exception):
    """A record class builds with code of its own (a validator, a converter): not mirrored."""


class _WireTypes(sh.ShapeVisitor[Any]):
    """For each shape, the type msgspec decodes it as (its checks in ``Meta`` or ``Literal``)."""

    def __init__(self) -> None:
        self.structs: dict[type, Any] = {}

    def of(self, shape: sh.Shape) -> Any:
        return shape.accept(self)

    def text(self, shape: sh.Str) -> Any:
        # Non-blank is checked by the builder: a Meta pattern costs a call into re per value.
        return Annotated[str, Meta(min_length=1)]

    def country(self, shape: sh.Alpha3) -> Any:
        return Literal[tuple(sorted(country_codes()))]

    def currency(self, shape: sh.Currency) -> Any:
        return Literal[tuple(sorted(currency_codes()))]

    def integer(self, shape: sh.Int) -> Any:
        low = sh.INT_MIN if shape.ge is None else max(shape.ge, sh.INT_MIN)
        return Annotated[int, Meta(ge=low, le=sh.INT_MAX)]

    def number(self, shape: sh.Float) -> Any:
        return Annotated[float, Meta(ge=shape.ge, le=shape.le)]

    def boolean(self, shape: sh.Bool) -> Any:
        return bool

    def choice(self, shape: sh.Choice) -> Any:
        return shape.enum

    def date(self, shape: sh.Date) -> Any:
        return str  # EDTF is read by the builder, through the pure path's memo

    def day(self, shape: sh.Day) -> Any:
        return datetime.date

    def record(self, shape: sh.Record) -> Any:
        return self.struct(shape.cls)

    def one_of(self, shape: sh.OneOf) -> Any:
        members = tuple(self.struct(cls) for cls in shape.classes)
        return members[0] if len(members) == 1 else typing.Union[members]  # noqa: UP007

    def optional(self, shape: sh.Optional) -> Any:
        return self.of(shape.inner) | None

    def items(self, shape: sh.Items) -> Any:
        inner = tuple[self.of(shape.inner), ...]  # type: ignore[misc,valid-type]
        return Annotated[inner, Meta(min_length=shape.min_items)] if shape.min_items else inner

    def extensions(self, shape: sh.ExtensionMap) -> Any:  # pragma: no cover - by the class
        raise TypeError("x_ fields are read from the text after the struct's own keys")

    def struct(self, cls: type) -> Any:
        """Return the wire struct of ``cls``, its fields in the order `diplomev.dumps` writes."""
        if cls in self.structs:
            return self.structs[cls]
        if not trusted_construction(cls) or not all(
            isinstance(getattr(cls, field.name, None), types.MemberDescriptorType)
            for field in plan_for(cls).fields
        ):
            raise _Untrusted(cls)
        plan = plan_for(cls)
        fields: list[tuple[Any, ...]] = []
        for field in plan.wire_fields:
            tp = self.of(field.shape)
            if field.required:
                fields.append((field.name, tp))
            elif omits_default(plan, field):
                fields.append((field.name, tp, field.default))
            else:
                # Always written (an event's status): a default_factory is never "the
                # default" to omit_defaults, so the encoding writes it as dumps does.
                factory = _constant(field.default)
                fields.append((field.name, tp, msgspec.field(default_factory=factory)))
        options: dict[str, Any] = {}
        if plan.tag is not None:
            options.update(tag_field=registry.TAG_KEY, tag=plan.tag)
        struct = msgspec.defstruct(
            f"Wire{cls.__name__}",
            fields,
            kw_only=True,
            omit_defaults=True,
            # Events ignore unknown keys here: their x_ keys are read from the text.
            forbid_unknown_fields=not plan.is_event,
            gc=False,  # no cycles: a tree of values, dropped once the records are built
            **options,
        )
        self.structs[cls] = struct
        return struct


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


class _Builder(ExpressionVisitor):
    """For each shape, the expression giving the record's value from a struct's ``self.value``."""

    def of(self, shape: sh.Shape, value: str) -> str:
        if type(shape) not in _MIRRORED and not isinstance(shape, _STRUCTURAL):
            # A shape of its own (an identifier: text without control characters): msgspec
            # checked what its base class asks; the shape's own test, complete, decides.
            return f"({value} if {shape.fast(value, self.src.ns)} else {self.src.bind(_refuse)}())"
        return super().of(shape, value)

    def text(self, shape: sh.Str) -> str:
        v = self.value  # msgspec refuses empty text and lone surrogates; blank is left
        return f"({v} if not {v}.isspace() else {self.src.bind(_refuse)}())"

    def as_read(self, shape: sh.Shape) -> str:
        return self.value

    country = currency = integer = number = boolean = choice = day = as_read

    def date(self, shape: sh.Date) -> str:
        v = self.src.bind(_KNOWN_DATES), self.src.bind(_date), self.value
        return f"({v[0]}.get({v[2]}) or {v[1]}({v[2]}))"

    def record(self, shape: sh.Record) -> str:
        return f"{self.value}.{_BUILD}()"

    one_of = record  # type: ignore[assignment]  # each struct builds its own class

    def optional(self, shape: sh.Optional) -> str:
        inner = self.of(shape.inner, self.value)
        return self.value if inner == self.value else f"(None if {self.value} is None else {inner})"

    def items(self, shape: sh.Items) -> str:
        # An absent array is msgspec's (), taken as it is: most arrays of a record are.
        v = self.value
        if type(shape.inner) is sh.Str:
            spaces = self.src.bind(str.isspace)
            return (
                f"({v} if not {v} or not any(map({spaces}, {v})) else {self.src.bind(_refuse)}())"
            )
        if isinstance(shape.inner, sh.Record | sh.OneOf):
            return f"({v} and tuple([_i.{_BUILD}() for _i in {v}]))"
        inner = self.of(shape.inner, "_i")
        return v if inner == "_i" else f"({v} and tuple([{inner} for _i in {v}]))"

    def extensions(self, shape: sh.ExtensionMap) -> str:  # pragma: no cover - by the class
        raise TypeError("x_ fields are passed to the event's builder")


# The shapes whose every check the wire types and the builder make (a subclass may add its own).
_MIRRORED = frozenset(
    {sh.Str, sh.Alpha3, sh.Currency, sh.Int, sh.Float, sh.Bool, sh.Choice, sh.Date, sh.Day}
)
_STRUCTURAL = (sh.Record, sh.OneOf, sh.Optional, sh.Items)


def _date(text: str) -> Any:
    date = _quiet_edtf(text)
    if date is None:
        raise _Refused
    return date


def _unmirrored(cls: type) -> Any:
    """Return a struct that takes any object of ``cls``'s tag and builds nothing, or None.

    With it in the union, msgspec knows the tag, so that its refusals are of mirrored
    kinds only; what it reads of the kind goes to the pure path.
    """
    try:
        struct = msgspec.defstruct(
            f"Unmirrored{cls.__name__}",
            [],
            tag_field=registry.TAG_KEY,
            tag=registry.tag_of(cls),
            forbid_unknown_fields=False,
            gc=False,
        )
    except Exception:  # pragma: no cover - a tag msgspec cannot take
        return None
    setattr(struct, _BUILD, _unsure)
    return struct


def _unsure(*args: Any) -> Any:
    raise _Unsure


def _refuse_text(raw: bytes) -> Any:
    raise _Unsure  # no kind is mirrored: every text is the pure path's


def _emit_builder(plan: ClassPlan) -> Callable[..., Any]:
    """Generate the builder of a class: the record, from its wire struct (``s``)."""
    cls = plan.cls
    src = Source()
    builder = _Builder(src)
    event = plan.extensions_field is not None
    src.add(0, f"def build(s{', ext=' + src.bind(EMPTY_OBJECT) if event else ''}):")
    src.add(1, f"obj = {src.bind(object.__new__)}({src.bind(cls)})")
    for field in plan.fields:
        value = "ext" if field.is_extensions else builder.of(field.shape, f"s.{field.name}")
        src.add(1, f"{src.bind(getattr(cls, field.name).__set__)}(obj, {value})")
    rules = plan.rules_fast("obj", src.ns)
    if rules is not None:
        src.add(1, f"if not {rules}:")
        src.add(2, f"raise {src.bind(_Refused)}")
    src.add(1, "return obj")
    return src.compile("build", f"msgspec build of {cls.__qualname__}")  # type: ignore[no-any-return]


class Accelerator:
    """A msgspec decoder of the registered event kinds, and the builders of their records.

    >>> accel = Accelerator()
    >>> text = (b'{"type":"visit","id":"v","date":"2019","status":"occurred",'
    ...         b'"visitor":{"type":"country","code":"KOR"},"host":"CHN"}')
    >>> accel.loads(text).host
    'CHN'
    >>> accel.loads(text.replace(b",", b", ")) is INVALID  # not compact: for the pure path
    True
    >>> accel.loads(text.replace(b"CHN", b"XXX")) is REFUSED  # the pure path says why
    True
    """

    def __init__(self) -> None:
        wire = _WireTypes()
        self.kinds = len(registry.tagged("event"))
        tops = []
        missing = False
        for cls in registry.tagged("event").values():
            try:
                top = wire.struct(cls)
                for done, struct in wire.structs.items():
                    if not hasattr(struct, _BUILD):
                        setattr(struct, _BUILD, _emit_builder(plan_for(done)))
            except Exception:
                # _Untrusted, or a kind of a user's that msgspec cannot mirror: the structs
                # begun for it are dropped, and its texts go to the pure path.
                wire.structs = {c: s for c, s in wire.structs.items() if hasattr(s, _BUILD)}
                top = _unmirrored(cls)
                if top is None:
                    missing = True
                    continue
            tops.append(top)
        self._encode = msgspec.json.Encoder().encode
        self._decode: Callable[[bytes], Any] = _refuse_text
        # msgspec's refusal says that the records refuse a text only if it knows every tag.
        self._refused = INVALID if missing else REFUSED
        if not tops:
            return
        union = tops[0] if len(tops) == 1 else typing.Union[tuple(tops)]  # noqa: UP007
        try:
            self._decode = msgspec.json.Decoder(union).decode
        except Exception:  # pragma: no cover - kinds msgspec cannot tell apart: pure path
            return

    def loads(self, text: str | bytes | bytearray) -> Any:
        """Return the event of a compact JSON text, or `INVALID` for the pure path to read.

        `REFUSED` says that a value of the text is refused (by msgspec's checks, or by a
        builder once the text is proven compact): the pure path will refuse it too, and
        may read it in full at once. Either way, it says what is wrong, with its path.
        """
        try:
            raw = text.encode() if isinstance(text, str) else bytes(text)
            if raw[-1:] == b"\n" or raw[-1:] == b"\r":
                raw = raw.rstrip(b"\r\n")  # a line of a file, its ending left on
            wire = self._decode(raw)
            written = self._encode(wire)
        except msgspec.ValidationError:
            return self._refused
        except Exception:
            return INVALID
        try:
            if written == raw:
                return getattr(wire, _BUILD)()
            return getattr(wire, _BUILD)(_extensions(raw, written))
        except _Refused:
            return REFUSED
        except Exception:
            return INVALID


_decode_any = msgspec.json.Decoder().decode
_encode = msgspec.json.Encoder().encode


def _extensions(raw: bytes, written: bytes) -> JSONObject:
    """Return the x_ keys that follow an event's fields in ``raw``, frozen; raise if other."""
    end = len(written) - 1  # the encoding without its closing brace
    if raw[end : end + 1] != b"," or raw[:end] != written[:end]:
        raise _Unsure
    tail = b"{" + raw[end + 1 :]
    custom = _decode_any(tail)
    # The same proof as for the fields: written again, the value is the text read.
    if (
        _encode(custom) != tail
        or type(custom) is not dict
        or not custom
        or not all(map(sh.is_extension_key, custom))
    ):
        raise _Unsure
    frozen: JSONObject = freeze_json(custom)
    return frozen


_ACCELERATOR: Accelerator | None = None
_KINDS = registry.tagged("event")  # a live view: tags are taken once, so its size tells
#: False turns the accelerator off (the tests of the pure path do so); see also the
#: environment variable ``DIPLOMEV_NO_MSGSPEC``.
ENABLED = not os.environ.get("DIPLOMEV_NO_MSGSPEC")


def accelerator() -> Accelerator | None:
    """Return the accelerator of the event kinds registered now, or None when it is off.

    >>> accel = accelerator()
    >>> accel is None or accel is accelerator()
    True
    """
    global _ACCELERATOR
    if not ENABLED:
        return None
    if _ACCELERATOR is None or _ACCELERATOR.kinds != len(_KINDS):
        _ACCELERATOR = Accelerator()  # a kind registered since: mirror it too
    return _ACCELERATOR
