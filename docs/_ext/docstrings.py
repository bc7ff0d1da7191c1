"""A griffe extension: render diplomev's API as its readers know it, sources unchanged.

diplomev's docstrings are written for ``help()`` and for doctest, and its records are
attrs classes. mkdocstrings renders docstrings as Markdown and sees classes as written.
Before rendering, this extension:

- gives each attrs class the ``__init__`` attrs generates (keyword-only fields, with
  their defaults, inherited fields first), so the class's signature lists its fields;
- lists the members of each enum in its docstring (``Status``: ``OCCURRED = "occurred"``,
  ...), instead of one heading per member;
- takes ``#:`` comments above module constants and type aliases as their docstrings;
- rewrites each docstring as Markdown: a doctest block (``>>>`` lines up to a blank line)
  becomes a ``pycon`` fence, ``.. code-block:: LANG`` a ``LANG`` fence, a reST link
  `` `text <url>`_ `` a Markdown link, and a name in single backticks (`Event`,
  `diplomev.io.Reader`, `ErrorDetail.within`) that resolves in the docstring's scope an
  optional cross-reference: a link where the API reference documents the name, plain
  code otherwise (never a build warning).

Only the rendered copy changes: pytest's ``--doctest-modules`` still reads the sources.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import griffe

_PROMPT = re.compile(r"^(\s*)>>>( |$)")
_DIRECTIVE = re.compile(r"^(\s*)\.\. code-block::\s*(\w*)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_REST_LINK = re.compile(r"`([^`<>]+?) <([^`<>]+)>`_")
# A name in single backticks, not part of a double-backtick literal.
_NAME = re.compile(r"(?<!`)`([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\(\))?`(?!`)")
_ATTRS_DECORATORS = {
    f"{m}.{d}" for m in ("attrs", "attr") for d in ("frozen", "define", "mutable", "s")
}
_ENUM_BASES = {f"enum.{name}" for name in ("Enum", "StrEnum", "IntEnum", "Flag", "IntFlag")}


# --- walking the loaded package ----------------------------------------------------------


def _objects(obj: griffe.Object) -> Iterator[griffe.Object]:
    """Yield ``obj`` and every object defined in it (not imported into it), depth first."""
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)  # type: ignore[arg-type]


# --- attrs classes: the generated __init__ -----------------------------------------------


def _call_arguments(expr: object) -> dict[str, Any]:
    if isinstance(expr, griffe.ExprCall):
        return {a.name: a.value for a in expr.arguments if isinstance(a, griffe.ExprKeyword)}
    return {}


def _attrs_decorator(cls: griffe.Class) -> griffe.Expr | str | None:
    for decorator in cls.decorators:
        value = decorator.value
        path = (
            value.function.canonical_path
            if isinstance(value, griffe.ExprCall)
            else getattr(value, "canonical_path", None)
        )
        if path in _ATTRS_DECORATORS:
            return value
    return None


def _attrs_parameters(cls: griffe.Class) -> list[griffe.Parameter]:
    """Return the ``__init__`` parameters of the fields ``cls`` itself declares."""
    kw_only = str(_call_arguments(_attrs_decorator(cls)).get("kw_only")) == "True"
    parameters = []
    for member in cls.members.values():
        if member.is_alias or not member.is_attribute or member.annotation is None:
            continue
        if "property" in member.labels:
            continue
        annotation = str(member.annotation)
        if annotation.startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = member.value
        arguments = {}
        if isinstance(value, griffe.ExprCall) and str(value.function) in (
            "attrs.field",
            "attr.ib",
            "field",
        ):
            arguments = _call_arguments(value)
            if str(arguments.get("init")) == "False":
                continue
            if "factory" in arguments:
                default: Any = griffe.ExprCall(function=arguments["factory"], arguments=[])
            else:
                default = arguments.get("default")
        else:
            default = value
        kind = griffe.ParameterKind.keyword_only
        if not (kw_only or str(arguments.get("kw_only")) == "True"):
            kind = griffe.ParameterKind.positional_or_keyword
        parameters.append(
            griffe.Parameter(
                arguments.get("alias") or member.name.lstrip("_"),
                annotation=member.annotation,
                kind=kind,
                default=default,
            )
        )
    return parameters


def _add_attrs_init(cls: griffe.Class) -> None:
    if "__init__" in cls.members or _attrs_decorator(cls) is None:
        return
    try:
        lineage = [c for c in reversed(cls.mro()) if isinstance(c, griffe.Class)]
    except ValueError:
        lineage = []
    by_name: dict[str, griffe.Parameter] = {}
    for ancestor in [*lineage, cls]:
        if _attrs_decorator(ancestor) is not None:
            for parameter in _attrs_parameters(ancestor):
                by_name.pop(parameter.name, None)
                by_name[parameter.name] = parameter
    positional = [p for p in by_name.values() if p.kind is not griffe.ParameterKind.keyword_only]
    keyword = [p for p in by_name.values() if p.kind is griffe.ParameterKind.keyword_only]
    self = griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)
    init = griffe.Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=griffe.Parameters(self, *positional, *keyword),
        returns="None",
    )
    cls.set_member("__init__", init)
    cls.labels.add("attrs")


# --- enums and #: comments -----------------------------------------------------------------


def _list_enum_members(cls: griffe.Class) -> None:
    if not any(getattr(base, "canonical_path", str(base)) in _ENUM_BASES for base in cls.bases):
        return
    members = [
        f"`{m.name} = {m.value}`"
        for m in cls.members.values()
        if m.is_attribute and not m.is_alias and not m.name.startswith("_") and m.value is not None
    ]
    if members and cls.docstring is not None:
        cls.docstring.value += "\n\nMembers: " + ", ".join(members) + "."


def _comment_docstring(attribute: griffe.Object) -> None:
    """Give a module-level attribute the ``#:`` comment above it as its docstring."""
    if attribute.docstring is not None or attribute.lineno is None:
        return
    try:
        lines = attribute.lines_collection[attribute.filepath]  # type: ignore[index]
    except (KeyError, TypeError):
        return
    comment: list[str] = []
    index = attribute.lineno - 2
    while index >= 0 and lines[index].strip().startswith("#:"):
        comment.insert(0, lines[index].strip()[2:].strip())
        index -= 1
    if comment:
        attribute.docstring = griffe.Docstring(" ".join(comment), parent=attribute)


# --- docstrings as Markdown ------------------------------------------------------------------


def _fence_blocks(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        existing = _FENCE.match(line)
        if existing:  # a fence already: copy it as is
            out.append(line)
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(existing.group(1)):
                out.append(lines[i])
                i += 1
            if i < len(lines):
                out.append(lines[i])
                i += 1
            continue
        prompt = _PROMPT.match(line)
        if prompt:
            indent = prompt.group(1)
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
                i += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            indent, language = directive.groups()
            i += 1
            body: list[str] = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith(indent + " ")):
                body.append(lines[i])
                i += 1
            while body and not body[-1].strip():
                body.pop()
            while body and not body[0].strip():
                body.pop(0)
            width = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
            out += [
                f"{indent}```{language}",
                *(indent + b[width:] for b in body),
                f"{indent}```",
                "",
            ]
            continue
        out.append(line)
        i += 1
    return out


def _resolve(obj: griffe.Object, name: str) -> str | None:
    """Return the full path ``name`` means in the scope of ``obj``, or None."""
    head, _, rest = name.partition(".")
    if head == "diplomev":
        return name
    scopes = [obj] if obj.is_module else [obj, obj.parent]
    for scope in scopes:
        if scope is None:
            continue
        try:
            path = scope.resolve(head)
        except (griffe.NameResolutionError, KeyError, AttributeError, ValueError):
            continue
        if not path.startswith("diplomev"):
            return None
        return f"{path}.{rest}" if rest else path
    return None


def _link_names(obj: griffe.Object, line: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name, call = match.group(1), match.group(2) or ""
        path = _resolve(obj, name)
        if path is None:
            return match.group(0)
        title = html.escape(name + call)
        return f'<code><autoref identifier="{path}" optional>{title}</autoref></code>'

    # Leave the inside of double-backtick literals alone.
    parts = re.split(r"(``.*?``)", line)
    return "".join(part if part.startswith("``") else _NAME.sub(replace, part) for part in parts)


def to_markdown(obj: griffe.Object, text: str) -> str:
    """Return ``text``, a docstring of ``obj``, as the Markdown mkdocstrings renders."""
    out, fenced = [], False
    for line in _fence_blocks(text.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _link_names(obj, _REST_LINK.sub(r"[\1](\2)", line))
        out.append(line)
    return "\n".join(out)


class MarkdownDocstrings(griffe.Extension):
    """Prepare the loaded package for rendering (see the module docstring)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite the whole package once it is loaded."""
        objects = list(_objects(pkg))
        for obj in objects:
            if isinstance(obj, griffe.Class):
                _add_attrs_init(obj)
                _list_enum_members(obj)
            elif (
                isinstance(obj, griffe.Attribute)
                and obj.parent is not None
                and obj.parent.is_module
            ):
                _comment_docstring(obj)
        for obj in objects:
            if obj.docstring is not None:
                obj.docstring.value = to_markdown(obj, obj.docstring.value)
