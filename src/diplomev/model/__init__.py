"""The record core: shapes, class plans, declared rules, wire tags and typed converters.

Each rule about records is written once here, and everything else derives from it:

- `shapes`: what one field accepts (a string, a country code, a tuple of actors), with
  its check, its silent conversion and its fast test; consumers visit shapes through
  `ShapeVisitor`;
- `plans`: each class's fields and rules, derived once from its annotations;
- `rules`: cross-field rules declared on the class (`AnyOf`, `Together`, `Span`, `Check`);
- `registry`: the ``"type"`` tag each event and actor class carries;
- `convert`: attrs converters typed with what constructors accept.

>>> from diplomev import Person
>>> plan = plan_for(Person)
>>> plan.tag, [field.name for field in plan.fields if not field.required]
('person', ['name', 'office', 'country', 'affiliation'])
"""

from diplomev.model.convert import (
    to_date,
    to_day,
    to_enum,
    to_optional_date,
    to_optional_day,
    to_optional_enum,
    to_tuple,
)
from diplomev.model.plans import (
    ClassPlan,
    CountryCode,
    CurrencyCode,
    Extensions,
    FieldPlan,
    Limits,
    Validated,
    check_fields,
    limits,
    plan_for,
    shape_of,
    validate,
)
from diplomev.model.registry import FORMAT_VERSION, TAG_KEY, VERSION_KEY, tag_of, tagged
from diplomev.model.rules import AnyOf, Check, Rule, Span, Together
from diplomev.model.shapes import Problems, Shape, ShapeVisitor

__all__ = [
    "FORMAT_VERSION",
    "TAG_KEY",
    "VERSION_KEY",
    "AnyOf",
    "Check",
    "ClassPlan",
    "CountryCode",
    "CurrencyCode",
    "Extensions",
    "FieldPlan",
    "Limits",
    "Problems",
    "Rule",
    "Shape",
    "ShapeVisitor",
    "Span",
    "Together",
    "Validated",
    "check_fields",
    "limits",
    "plan_for",
    "shape_of",
    "tag_of",
    "tagged",
    "to_date",
    "to_day",
    "to_enum",
    "to_optional_date",
    "to_optional_day",
    "to_optional_enum",
    "to_tuple",
    "validate",
]
