"""One record from many reports of an event, with every source and every disagreement.

`merge` works on the reports' wire form (`diplomev.to_dict`), field by field, so a kind
a user registers merges like the built-in ones; the result is built back through
`diplomev.from_dict`, so it is a valid record. For each field, only the reports that
give it count (an absent field is not a disagreement). Where they give different values,
the field's policy picks one and a `Conflict` lists every value with the ids giving it.

Policies (`POLICIES`):

``most_reported``
    the value most reports give; a tie goes to the more precise, then to the smallest id.
``most_precise``
    the value that says most: for a date, the narrowest that every report's date contains
    (``2026-01-05`` over ``2026-01`` and ``2026``; a date no other report contradicts is
    no conflict); for anything else the value with the longest JSON text (a named
    president over "the president"), a tie going to the most reported.
``union``
    for a list, every distinct item, in the order of the reports' ids (identical sources
    are kept once); for a single value, as ``most_reported``.
``first``
    the value of the report with the smallest id.

Defaults: ``date`` and a kind's principal actors (a summit's participants, a visit's
visitor) take ``most_precise``; ``sources``, ``links``, ``topics`` and every other list
take ``union``; every other field ``most_reported``. Links between reports of the cluster
are dropped (they would point at the merged record itself).

The merged record keeps the smallest id of its reports: an id that already exists, so
links elsewhere that point at it still work and `rewrite_links` sends the others there.
(`make_id` could give an id no report had, breaking every link; it stays the caller's.)
Should the chosen values break a cross-field rule together (a vote's ballots beyond its
tally), the fields at fault take the values of the report with the smallest id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from diplomev.codec import from_dict, to_dict
from diplomev.dates import parse_edtf
from diplomev.dedup._profile import kind_plan
from diplomev.errors import ValidationError
from diplomev.records import Event, event_types

__all__ = ["POLICIES", "Conflict", "Merged", "Policy", "merge"]

#: The policies a field can take (see the module docstring).
POLICIES = ("most_reported", "most_precise", "union", "first")

#: A caller's policies, by wire field name (``{"summary": "first"}``).
Policy = Mapping[str, str]


@attrs.frozen
class Conflict:
    """A field the reports disagree on: each ``(value, ids)`` given, most reported first.

    Values are as written on the wire (JSON-ready); ``chosen`` is the one the merged
    record took, by ``policy``.

    >>> Conflict("summary", (("Talks", ("a",)), ("Summit", ("b",))), "Talks", "most_reported").field
    'summary'
    """

    field: str
    values: tuple[tuple[Any, tuple[str, ...]], ...]
    chosen: Any
    policy: str


@attrs.frozen
class Merged:
    """The merged ``event`` of a cluster, and the ``conflicts`` found on the way.

    >>> import diplomev
    >>> from diplomev.dedup import merge
    >>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
    >>> a = diplomev.Visit(id="b-yonhap", date="2026-01-05", visitor=lee, host="CHN",
    ...                    summary="Lee arrives in Beijing")
    >>> b = diplomev.Visit(id="a-xinhua", date="2026-01", visitor=lee, host="CHN",
    ...                    summary="Lee visits China", kind="state")
    >>> merged = merge([a, b])
    >>> merged.event.id, str(merged.event.date), merged.event.kind.value
    ('a-xinhua', '2026-01-05', 'state')
    >>> [(c.field, c.values) for c in merged.conflicts]
    [('summary', (('Lee visits China', ('a-xinhua',)), ('Lee arrives in Beijing', ('b-yonhap',))))]
    >>> merged.conflicts[0].chosen  # a tie: the value that says more
    'Lee arrives in Beijing'
    """

    event: Event
    conflicts: tuple[Conflict, ...]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _policy_names(kind: type[Event]) -> dict[str, str]:
    plan = kind_plan(kind)
    defaults = {"date": "most_precise"}
    defaults.update((name, "most_precise") for name in plan.actor_fields)
    return defaults


def _known_fields() -> frozenset[str]:
    return frozenset(field.name for cls in event_types().values() for field in attrs.fields(cls))


def _check_policy(policy: Policy | None) -> dict[str, str]:
    if not policy:
        return {}
    known = _known_fields()
    for field, name in policy.items():
        if name not in POLICIES:
            raise ValueError(
                f"unknown merge policy {name!r}; the policies are {', '.join(POLICIES)}"
            )
        if field not in known and not field.startswith("x_"):
            raise ValueError(f"{field!r} is no field of any registered kind")
    return dict(policy)


def merge(events: Iterable[Event], *, policy: Policy | None = None) -> Merged:
    """Merge the reports of one event into one valid record (the module says how).

    ``policy`` sets a field's policy by its wire name. A single report is returned as it
    is, with no conflicts. The reports must be of one kind.

    >>> import diplomev
    >>> one = diplomev.Summit(id="s", date="2026-01-05", participants=[
    ...     diplomev.Country(code="KOR"), diplomev.Country(code="CHN")])
    >>> merge([one]).event is one
    True
    """
    reports = sorted(events, key=lambda event: event.id)
    if len({report.id for report in reports}) < len(reports):
        # Only reports of one id need their canonical text to be ordered (a stable sort:
        # the same order as sorting by both at once); it costs a quarter of a merge.
        reports.sort(key=lambda event: (event.id, diplomev_text(event)))
    if not reports:
        raise ValueError("merge needs at least one report")
    kinds = {type(report) for report in reports}
    if len(kinds) > 1:
        names = ", ".join(sorted(cls.__name__ for cls in kinds))
        raise ValueError(f"the reports of one event are of one kind, got {names}")
    chosen = {**_policy_names(reports[0].__class__), **_check_policy(policy)}
    if len(reports) == 1:
        return Merged(reports[0], ())
    wires = [to_dict(report) for report in reports]
    ids = [report.id for report in reports]
    merged: dict[str, Any] = {"type": wires[0]["type"], "id": ids[0]}
    conflicts: list[Conflict] = []
    fields = list(dict.fromkeys(key for wire in wires for key in wire))
    for field in fields:
        if field in ("type", "id", "diplomev"):
            continue
        given = [(wire[field], id_) for wire, id_ in zip(wires, ids, strict=True) if field in wire]
        if field == "links":
            # A link to another report of the cluster points inside the merged event; a
            # link a report makes to its own id is what it said (check_links reports it).
            given = [
                (
                    [link for link in value if link["target"] == id_ or link["target"] not in ids],
                    id_,
                )
                for value, id_ in given
            ]
            given = [(value, id_) for value, id_ in given if value]
            if not given:
                continue
        is_list = isinstance(given[0][0], list)
        name = chosen.get(field) or ("union" if is_list else "most_reported")
        value, conflict = _pick(field, given, name)
        merged[field] = value
        if conflict is not None:
            conflicts.append(conflict)
    return Merged(_build(merged, wires[0]), tuple(conflicts))


def diplomev_text(event: Event) -> str:
    """Return the canonical JSON text of ``event``: ties between equal ids break on it."""
    return _key(to_dict(event))


def _group_key(value: Any) -> str:
    # Lists are compared as sets: [Lee, Xi] and [Xi, Lee] are the same participants.
    if isinstance(value, list):
        return _key(sorted({_key(item) for item in value}))
    return _key(value)


def _groups(given: list[tuple[Any, str]]) -> list[tuple[Any, tuple[str, ...]]]:
    first = given[0][0]
    if all(value == first for value, _ in given):
        # Most fields of most clusters agree: no key to build (one group, as below).
        return [(first, tuple(id_ for _, id_ in given))]
    by_key: dict[str, tuple[Any, list[str]]] = {}
    for value, id_ in given:
        by_key.setdefault(_group_key(value), (value, []))[1].append(id_)
    groups = [(value, tuple(ids)) for value, ids in by_key.values()]
    return sorted(groups, key=lambda group: (-len(group[1]), group[1]))


def _pick(field: str, given: list[tuple[Any, str]], name: str) -> tuple[Any, Conflict | None]:
    groups = _groups(given)
    if len(groups) == 1:
        return groups[0][0], None
    if name == "union" and not all(isinstance(value, list) for value, _ in given):
        # Lists and other values given for one field (an x_ field may hold anything):
        # there is no union of them, so the reports disagree.
        name = "most_reported"
    if name == "union":
        items: dict[str, Any] = {}
        for value, _ in given:
            for item in value:
                items.setdefault(_key(item), item)
        # Lists that only add to one another do not disagree: the union holds them all.
        return list(items.values()), None
    if field == "date" and name == "most_precise":
        agreed = _agreed_date(groups)
        if agreed is not None:
            return agreed, None
        name = "most_reported"
    if name == "first":
        value = min(groups, key=lambda group: min(group[1]))[0]
    elif name == "most_precise":
        value = max(groups, key=lambda group: (len(_key(group[0])), len(group[1])))[0]
    else:
        most = len(groups[0][1])
        tied = [group for group in groups if len(group[1]) == most]
        value = max(tied, key=lambda group: len(_key(group[0])))[0]
    return value, Conflict(field, tuple(groups), value, name)


def _agreed_date(groups: list[tuple[Any, tuple[str, ...]]]) -> str | None:
    """Return the narrowest date every report's date contains, or None if there is none."""
    dates = [parse_edtf(text) for text, _ in groups]
    inside = [
        (date.upper() - date.lower(), str(date))
        for date in dates
        if all(other.lower() <= date.lower() and date.upper() <= other.upper() for other in dates)
    ]
    return min(inside)[1] if inside else None


def _build(merged: dict[str, Any], survivor: Mapping[str, Any]) -> Event:
    try:
        return from_dict(merged)
    except ValidationError as error:
        at_fault = {_top_field(detail.path) for detail in error.errors}
    if "" in at_fault:  # a rule of the whole record: every field of the kind is suspect
        at_fault = set(merged) - {"type", "id", "date", "sources", "links"}
    for field in at_fault:
        if field in survivor:
            merged[field] = survivor[field]
        else:
            merged.pop(field, None)
    try:
        return from_dict(merged)
    except ValidationError:
        # The survivor as it was, with every report's sources and links: always valid.
        whole = dict(survivor)
        whole.update((key, merged[key]) for key in ("sources", "links") if key in merged)
        return from_dict(whole)


def _top_field(path: str) -> str:
    rest = path[2:] if path.startswith("$.") else ""
    for stop in ".[":
        rest = rest.split(stop, 1)[0]
    return rest
