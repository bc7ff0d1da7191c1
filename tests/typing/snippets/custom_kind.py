"""A kind of one's own, defined exactly as the Extending page defines it."""

import enum
from typing import reveal_type

import attrs

import diplomev
from diplomev import Actor, Country, Event, limits, register_event_type
from diplomev.model import to_enum, to_tuple


class Instrument(enum.StrEnum):
    """How a pact is written down."""

    TREATY = "treaty"
    MEMORANDUM = "memorandum_of_understanding"
    JOINT_STATEMENT = "joint_statement"


@register_event_type("pact")
@attrs.frozen(kw_only=True)
class Pact(Event):
    """A pact signed by two or more parties."""

    signatories: tuple[Actor, ...] = attrs.field(
        converter=to_tuple[Actor], metadata=limits(min_items=2)
    )
    instrument: Instrument = attrs.field(
        default=Instrument.JOINT_STATEMENT, converter=to_enum[Instrument]
    )
    title: str | None = None
    articles: int | None = attrs.field(default=None, metadata=limits(ge=1))


reveal_type(Pact)  # assert typ.startswith("def (*, id: str") and "-> custom_kind.Pact" in typ

# The fields Pact declares take what they are annotated with; the fields it inherits
# from Event take what every kind takes (custom_kind_as_documented.py has the call exactly
# as the Extending page writes it).
mou = Pact(
    id="kor-chn-mou",
    date="2026-01-05",
    signatories=(Country(code="KOR"), Country(code="CHN")),
    instrument=Instrument.MEMORANDUM,
    title="Memorandum on cultural exchange",
)
reveal_type(mou.instrument)  # assert typ == "custom_kind.Instrument"
reveal_type(mou.signatories)  # assert typ.startswith("tuple[") and "diplomev.actors.Country" in typ
reveal_type(mou.date)  # assert typ == "diplomev.dates.EventDate"
assert diplomev.event_type_name(Pact) == "pact"
assert diplomev.loads(diplomev.dumps(mou)) == mou
text, data = diplomev.dumps(mou), diplomev.to_dict(mou)
reveal_type(diplomev.loads(text, Pact))  # assert typ == "custom_kind.Pact"
reveal_type(diplomev.from_dict(data, Pact))  # assert typ == "custom_kind.Pact"
assert diplomev.event_types()["pact"] is Pact

# Custom x_ fields on any event; evolve keeps the record's type.
line = (
    '{"type": "summit", "id": "s", "date": "2026-01-05",'
    ' "participants": [{"type": "country", "code": "KOR"}, {"type": "country", "code": "CHN"}],'
    ' "x_coder": "model", "x_confidence": 0.92}'
)
summit = diplomev.loads(line, diplomev.Summit)
reviewed = attrs.evolve(summit, extensions={**summit.extensions, "x_reviewed_by": "hand"})
reveal_type(reviewed)  # assert typ == "diplomev.records.kinds.Summit"
assert sorted(reviewed.extensions) == ["x_coder", "x_confidence", "x_reviewed_by"]
