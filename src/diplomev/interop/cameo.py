"""CAMEO actor codes for diplomev's actors.

A CAMEO actor code is a run of 3-letter groups, general to specific: the country, then the
role ("sector") groups. diplomev stores the parts (a person's country and office, an
organization's kind and country) and derives the code here, as PETRARCH does when it
multiplies an actor by an agent: ``KOR`` + President (``GOV``) is ``KORGOV``.

- A `Country` is its code: ISO 3166-1 alpha-3, which CAMEO uses, except where
  `CAMEO_COUNTRY_CODES` overrides it (Kosovo: diplomev's user-assigned ``XKX``, CAMEO's
  ``KSV``).
- A `Person` is their country (``---`` when unknown, as PETRARCH writes an agent found
  without an actor) and the sector of their office from the office table
  (`diplomev.reading.actors.lookup_office`): President, Premier, Foreign Minister are
  ``GOV``, a defence minister ``GOVMIL``, a speaker ``LEG``, the chairman of China's
  National People's Congress ``GOVLEG`` (PETRARCH's code for the NPC), a professor ``EDU``,
  a former official ``ELI``. Without a country, the office's own country is used (the NPC
  chairman is Chinese); an official of an IGO with no country takes the IGO's code. An
  office with no sector borrows one from the affiliation's kind.
- An `Organization` known to the organization table has its own code (the EU is
  ``IGOEUREEC``, the UN ``IGOUNO``, the NPC ``CHNGOVLEG``). Otherwise its country and kind
  make it: government ``GOV`` (a ministry takes its minister's sector: a defence ministry is
  ``GOVMIL``), legislature ``LEG``, military ``MIL``, court ``JUD``, party ``PTY``,
  university ``EDU``, company ``BUS``, media ``MED``, community ``CVL``, NGO ``NGO``; an
  IGO is ``IGO`` and an NGO without a country ``NGO``.

>>> from diplomev.actors import Country, Person
>>> cameo_code(Person(name="Lee Jae Myung", office="President", country="KOR"))
'KORGOV'
>>> cameo_code(Person(name="Li Qiang", office="Premier")), cameo_code(Country(code="XKX"))
('---GOV', 'KSV')

Event codes
-----------
`event_code` gives the CAMEO event code a record stands for, and `dyads` the directed
rows CAMEO datasets code it as: a visit is 042 from the visitor's side and 043 from the
host's; a summit is 040 (044 at a third location, 041 by phone, 036 while planned, 125
once called off); a dispute is coded by its stage and kind (112 accusations, 1382
threatened occupation, 037 intent to settle, ...); a trade issue is 163 (imposed), 1312
(threatened) or 085 (eased); a statement by its purpose (010, 020 appeals, 051 praise,
...), a diplomatic action by its action (161 reduced relations, 054 recognition, ...), an
agreement 057. `code_meaning` reads a code the other way, for importers; codes with no
diplomev kind have a reason in `unmapped_reason`. `goldstein` and `quad_class` need an
explicit dialect, because ICEWS and GDELT disagree (code 164 is -6.5 in ICEWS and -7 in
GDELT). The code table is generated from the CAMEO codebook by
``scripts/generate_interop_tables.py``.

>>> from diplomev.records import Visit
>>> from diplomev.dates import parse_edtf
>>> visit = Visit(id="v", date=parse_edtf("2018-05-31"), host="USA",
...               visitor=Person(name="Kim Yong-chol", country="PRK"))
>>> event_code(visit), [(cameo_code(d.source), d.code, cameo_code(d.target)) for d in dyads(visit)]
('042', [('PRK', '042', 'USA'), ('USA', '043', 'PRK')])
>>> goldstein("164", dialect="icews"), goldstein("164", dialect="gdelt")
(-6.5, -7.0)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, TypeAlias

import attrs

from diplomev._json import json_type_name
from diplomev._tables import load_table
from diplomev.actors import Actor, Country, Organization, OrganizationKind, Person
from diplomev.errors import ValidationError
from diplomev.interop._cameo_meanings import MEANINGS, WHY_NOT, WRITTEN_AS, CodeMeaning
from diplomev.reading.actors import lookup_office, lookup_organization
from diplomev.records import (
    Agreement,
    AgreementInstrument,
    AgreementStage,
    DiplomaticAction,
    Dispute,
    DisputeKind,
    DisputeStage,
    Event,
    Statement,
    Status,
    Summit,
    SummitChannel,
    TradeIssue,
    TradeStage,
    Visit,
    event_type_name,
)

__all__ = [
    "CAMEO_COUNTRY_CODES",
    "DIALECTS",
    "UNKNOWN_COUNTRY",
    "CodeMeaning",
    "Dialect",
    "Dyad",
    "cameo_code",
    "cameo_country",
    "code_meaning",
    "dyads",
    "event_code",
    "event_codes",
    "event_name",
    "goldstein",
    "mapping_table",
    "quad_class",
    "unmapped_reason",
]

#: Where CAMEO's country code differs from diplomev's alpha-3 code.
CAMEO_COUNTRY_CODES = MappingProxyType({"XKX": "KSV"})

#: CAMEO's country group for an actor whose country is unknown.
UNKNOWN_COUNTRY = "---"

_KIND_SECTORS = MappingProxyType(
    {
        OrganizationKind.GOVERNMENT: "GOV",
        OrganizationKind.LEGISLATURE: "LEG",
        OrganizationKind.MILITARY: "MIL",
        OrganizationKind.COURT: "JUD",
        OrganizationKind.PARTY: "PTY",
        OrganizationKind.UNIVERSITY: "EDU",
        OrganizationKind.COMPANY: "BUS",
        OrganizationKind.MEDIA: "MED",
        OrganizationKind.COMMUNITY: "CVL",
        OrganizationKind.NGO: "NGO",
        OrganizationKind.IGO: "IGO",
        OrganizationKind.OTHER: "",
    }
)


def cameo_country(code: str | None) -> str:
    """Return CAMEO's country group for an alpha-3 code, or ``---`` for None.

    >>> cameo_country("KOR"), cameo_country("XKX"), cameo_country(None)
    ('KOR', 'KSV', '---')
    """
    if code is None:
        return UNKNOWN_COUNTRY
    return CAMEO_COUNTRY_CODES.get(code, code)


def _ministry_sector(name: str) -> str | None:
    """Return the sector of a ministry's minister: "Ministry of Defense" is GOVMIL."""
    words = name.split()
    for index, word in enumerate(words):
        if word.casefold() == "ministry":
            office = lookup_office(" ".join([*words[:index], "Minister", *words[index + 1 :]]))
            if office is not None and office.sector is not None:
                return office.sector
    return None


def _organization_code(org: Organization) -> str:
    known = lookup_organization(org.name)
    if known is not None and known.cameo is not None:
        return known.cameo
    if org.kind is OrganizationKind.IGO:
        return "IGO"
    if org.kind is OrganizationKind.NGO and org.country is None:
        return "NGO"
    sector = _KIND_SECTORS[org.kind]
    if org.kind is OrganizationKind.GOVERNMENT:
        sector = _ministry_sector(org.name) or sector
    return cameo_country(org.country) + sector


def _person_code(person: Person) -> str:
    office = lookup_office(person.office) if person.office is not None else None
    sector = office.sector if office is not None else None
    affiliation = person.affiliation
    country: str | None = person.country
    if country is None and affiliation is not None:
        if affiliation.kind is OrganizationKind.IGO:
            return _organization_code(affiliation)
        country = affiliation.country
    if country is None and office is not None:
        country = office.country
    if sector is None and affiliation is not None:
        sector = _KIND_SECTORS[affiliation.kind]
        if affiliation.kind is OrganizationKind.GOVERNMENT:
            sector = _ministry_sector(affiliation.name) or sector
    return cameo_country(country) + (sector or "")


def cameo_code(actor: Actor) -> str:
    """Return the CAMEO actor code of a `Country`, `Person` or `Organization`.

    >>> from diplomev.actors import Organization, Person
    >>> cameo_code(Person(name="Zhao Leji", office="Chairman of the National People's Congress", country="CHN"))
    'CHNGOVLEG'
    >>> cameo_code(Organization(name="European Union", kind="igo"))
    'IGOEUREEC'
    >>> cameo_code(Organization(name="Ministry of Commerce", kind="government", country="CHN"))
    'CHNGOV'
    >>> cameo_code(Person(name="Nancy Pelosi", office="Speaker of the House of Representatives", country="USA"))
    'USALEG'
    """
    if isinstance(actor, Country):
        return cameo_country(actor.code)
    if isinstance(actor, Person):
        return _person_code(actor)
    if isinstance(actor, Organization):
        return _organization_code(actor)
    raise ValidationError.at(
        "$", f"expected a country, person or organization, got {json_type_name(actor)}"
    )


# --- the codebook ---------------------------------------------------------------------------

#: A Goldstein and quad-class dialect: ``"icews"`` (the ICEWS "CAMEO-B" values) or ``"gdelt"``.
Dialect: TypeAlias = Literal["icews", "gdelt"]

#: The dialects `goldstein` and `quad_class` know.
DIALECTS: tuple[Dialect, ...] = ("icews", "gdelt")

# Quad classes by root code (01-20): verbal cooperation 1, material cooperation 2, verbal
# conflict 3, material conflict 4. GDELT's QuadClass column (checked on the GDELT sample)
# puts 09 (investigate) with material cooperation and 14 (protest) with verbal conflict;
# the ICEWS data carry no quad class, and the convention of the icews R package
# (andybega/icews clean-data.R) puts 09 with verbal and 14 with material conflict.
_QUAD_BOUNDS: Mapping[str, tuple[int, int, int]] = MappingProxyType(
    {"gdelt": (5, 9, 14), "icews": (5, 8, 13)}
)


@attrs.frozen(slots=True)
class _Codebook:
    names: Mapping[str, str]
    goldstein: Mapping[str, Mapping[str, float]]


@functools.cache
def _codebook() -> _Codebook:
    raw = load_table("cameo_codes.json")
    codes: Mapping[str, Mapping[str, object]] = raw["codes"]
    icews = {code: float(str(row["goldstein"])) for code, row in codes.items()}
    gdelt = {code: value for code, value in icews.items() if code not in raw["gdelt_missing"]}
    gdelt.update({code: float(value) for code, value in raw["gdelt_goldstein"].items()})
    return _Codebook(
        names=MappingProxyType({code: str(row["name"]) for code, row in codes.items()}),
        goldstein=MappingProxyType(
            {"icews": MappingProxyType(icews), "gdelt": MappingProxyType(gdelt)}
        ),
    )


def _known(code: object) -> str:
    if not isinstance(code, str) or code not in _codebook().names:
        raise ValidationError.at("$", f"unknown CAMEO event code {code!r}")
    return code


def _dialect(dialect: object) -> Dialect:
    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {DIALECTS}, not {dialect!r}")
    return dialect


def event_codes() -> tuple[str, ...]:
    """Return every CAMEO event code of the codebook, root codes (``"04"``) included.

    >>> codes = event_codes()
    >>> len(codes), codes[:3], "1312" in codes
    (312, ('01', '010', '011'), True)
    """
    return tuple(_codebook().names)


def event_name(code: str) -> str:
    """Return the codebook's name of a CAMEO event code, as ICEWS writes it in Event Text.

    >>> event_name("042"), event_name("163")
    ('Make a visit', 'Impose embargo, boycott, or sanctions')
    >>> event_name("42")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: unknown CAMEO event code '42'
    """
    return _codebook().names[_known(code)]


def goldstein(code: str, *, dialect: Dialect) -> float:
    """Return the Goldstein score of an event code in ``dialect`` (``"icews"`` or ``"gdelt"``).

    The score belongs to the code, not to an event: every 042 scores the same. The
    dialects differ for 016, 022, 164 and 165, and GDELT has no 1213.

    >>> goldstein("042", dialect="icews"), goldstein("016", dialect="gdelt")
    (1.9, -2.0)
    >>> goldstein("1213", dialect="gdelt")
    Traceback (most recent call last):
    ...
    diplomev.errors.ValidationError: 1 problem: $: CAMEO code '1213' has no Goldstein score in the gdelt dialect
    """
    table = _codebook().goldstein[_dialect(dialect)]
    code = _known(code)
    if code not in table:
        raise ValidationError.at(
            "$", f"CAMEO code {code!r} has no Goldstein score in the {dialect} dialect"
        )
    return table[code]


def quad_class(code: str, *, dialect: Dialect) -> int:
    """Return the quad class of an event code in ``dialect``.

    1 is verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    conflict. The dialects disagree on roots 09 (investigate) and 14 (protest).

    >>> quad_class("042", dialect="gdelt"), quad_class("163", dialect="icews")
    (1, 4)
    >>> quad_class("090", dialect="gdelt"), quad_class("090", dialect="icews")
    (2, 3)
    """
    root = int(_known(code)[:2])
    verbal_coop, material_coop, verbal_conflict = _QUAD_BOUNDS[_dialect(dialect)]
    if root <= verbal_coop:
        return 1
    if root <= material_coop:
        return 2
    return 3 if root <= verbal_conflict else 4


# --- records as codes -----------------------------------------------------------------------


@attrs.frozen(slots=True)
class Dyad:
    """One directed CAMEO row of a record: who does what (``code``) to whom.

    ``target`` is None where CAMEO codes the event with one actor (a one-party dispute).

    >>> Dyad(Country(code="KOR"), Country(code="CHN"), "042").code
    '042'
    """

    source: Actor
    target: Actor | None
    code: str


_DISPUTE_ESCALATING = MappingProxyType(
    {
        DisputeKind.TERRITORIAL: "1382",
        DisputeKind.MARITIME: "1382",
        DisputeKind.SOVEREIGNTY: "1382",
        DisputeKind.SECURITY: "138",
        DisputeKind.DIPLOMATIC: "1313",
    }
)
_DISPUTE_STAGES = MappingProxyType(
    {
        DisputeStage.EASING: "037",
        DisputeStage.RESOLVED: "037",
        DisputeStage.ADJUDICATED: "115",
    }
)


_AGREEMENT_WRITTEN = frozenset(
    {AgreementStage.CONCLUDED, AgreementStage.SIGNED, AgreementStage.RATIFIED,
     AgreementStage.IN_FORCE}
)  # fmt: skip


def _refused(message: str) -> ValidationError:
    return ValidationError.at("$.type", f"CAMEO has no event code for {message}")


def event_code(event: Event) -> str:
    """Return the CAMEO event code ``event`` stands for, from its first actor's side.

    A summit is 040, 044 at a third location (no host), 041 by phone; a visit 042 (the
    host's side is 043, see `dyads`); a planned summit or visit is 036, a cancelled one 125.
    A dispute escalating over territory is 1382, over security 138, over diplomatic ties
    1313, any other 130; easing or resolved 037 (CAMEO has no code for a settled dispute);
    adjudicated 115; otherwise 112 (accusations). A trade issue is 163, 1312 while
    threatened, 085 once lifted or suspended. A statement and a diplomatic action are
    written as their purpose's or action's code (the table in docs/interop.md); an
    agreement is 057 once concluded, signed, ratified or in force (0871 for a ceasefire).
    Other kinds, an agreement at another stage and an action of kind ``other`` have none.

    >>> from diplomev.records import TradeIssue
    >>> from diplomev.dates import parse_edtf
    >>> threat = TradeIssue(id="t", date=parse_edtf("2019-05"), measure="tariff",
    ...                     stage="threatened", imposers=(Country(code="USA"),),
    ...                     targets=(Country(code="CHN"),))
    >>> event_code(threat)
    '1312'
    """
    if isinstance(event, Summit | Visit):
        if event.status is Status.PLANNED:
            return "036"
        if event.status is Status.CANCELLED:
            return "125"
        if isinstance(event, Visit):
            return "042"
        if event.channel is SummitChannel.PHONE:
            return "041"
        return "044" if event.host is None else "040"
    if isinstance(event, Dispute):
        if event.stage is DisputeStage.ESCALATING:
            return _DISPUTE_ESCALATING.get(event.kind, "130")
        return _DISPUTE_STAGES.get(event.stage, "112") if event.stage else "112"
    if isinstance(event, TradeIssue):
        if event.stage is TradeStage.THREATENED:
            return "1312"
        if event.stage in (TradeStage.LIFTED, TradeStage.SUSPENDED):
            return "085"
        return "163"
    if isinstance(event, Statement):
        return WRITTEN_AS["statement"][event.purpose.value]
    if isinstance(event, DiplomaticAction):
        if event.action.value not in WRITTEN_AS["diplomatic_action"]:
            raise _refused(f"a diplomatic action of kind {event.action.value!r}")
        return WRITTEN_AS["diplomatic_action"][event.action.value]
    if isinstance(event, Agreement):
        if event.stage not in _AGREEMENT_WRITTEN:
            raise _refused(f"an agreement at stage {event.stage.value!r} (057 is signed)")
        return "0871" if event.instrument is AgreementInstrument.CEASEFIRE else "057"
    raise _refused(f"the kind {kind_name(type(event))!r}")


def kind_name(cls: type[Event]) -> str:
    """Return the wire type name of a kind, or its class name if it is not registered.

    >>> kind_name(Visit)
    'visit'
    """
    try:
        return event_type_name(cls)
    except TypeError:
        return cls.__qualname__


def _pairs(actors: tuple[Actor, ...], code: str) -> tuple[Dyad, ...]:
    if len(actors) == 1:
        return (Dyad(actors[0], None, code),)
    return tuple(
        Dyad(source, target, code)
        for i, source in enumerate(actors)
        for j, target in enumerate(actors)
        if i != j
    )


def _directed(
    sources: tuple[Actor, ...], targets: tuple[Actor, ...], code: str
) -> tuple[Dyad, ...]:
    if not targets:  # no target named: a row with none (NA)
        return tuple(Dyad(source, None, code) for source in sources)
    return tuple(Dyad(source, target, code) for source in sources for target in targets)


def dyads(event: Event) -> tuple[Dyad, ...]:
    """Return the directed CAMEO rows of ``event``, as ICEWS and GDELT code it.

    A visit gives 042 (visitor to host) and 043 (host to visitor); a summit, a dispute or
    an agreement one row per ordered pair of its actors (participants, parties); a trade
    issue every imposer by every target, a statement every speaker by every addressee (no
    target where none is named), a diplomatic action its actor to its target; a planned
    or cancelled visit gives one row, visitor to host.

    >>> from diplomev.records import Summit
    >>> from diplomev.dates import parse_edtf
    >>> summit = Summit(id="s", date=parse_edtf("2026-01-05"), host="CHN",
    ...                 participants=(Country(code="KOR"), Country(code="CHN")))
    >>> [(d.source.code, d.code, d.target.code) for d in dyads(summit)]
    [('KOR', '040', 'CHN'), ('CHN', '040', 'KOR')]
    """
    code = event_code(event)
    if isinstance(event, Visit):
        host = Country(code=event.host)
        if code != "042":
            return (Dyad(event.visitor, host, code),)
        return (Dyad(event.visitor, host, "042"), Dyad(host, event.visitor, "043"))
    if isinstance(event, Summit):
        return _pairs(event.participants, code)
    if isinstance(event, Dispute):
        return _pairs(tuple(party.actor for party in event.parties), code)
    if isinstance(event, Agreement):
        return _pairs(event.parties, code)
    if isinstance(event, Statement):
        return _directed(event.speakers, event.addressees, code)
    if isinstance(event, DiplomaticAction):
        return (Dyad(event.actor, event.target, code),)
    assert isinstance(event, TradeIssue)
    return _directed(event.imposers, event.targets, code)


# --- codes as records -----------------------------------------------------------------------


def code_meaning(code: str) -> CodeMeaning | None:
    """Return what an event code means as a diplomev record, or None for no kind.

    The table is `MEANINGS` (docs/interop.md shows it whole, `mapping_table`); every other
    code maps to no kind (see `unmapped_reason`).

    >>> dict(code_meaning("1382").fields), code_meaning("036").status.value
    ({'kind': 'territorial', 'stage': 'escalating'}, 'planned')
    >>> code_meaning("010").kind, code_meaning("190") is None
    ('statement', True)
    """
    return MEANINGS.get(code)


def unmapped_reason(code: str) -> str:
    """Say why rows with ``code`` become no diplomev record.

    >>> unmapped_reason("190")
    '190 Use conventional military force: no diplomev kind'
    >>> unmapped_reason("129")
    '129 Veto: a veto: a vote needs the body and the motion, which a CAMEO row does not give'
    >>> unmapped_reason("13y")
    '13y: not a CAMEO event code'
    """
    if code in MEANINGS:
        return f"{code} {event_name(code)}: maps to {MEANINGS[code].kind}"
    if code not in _codebook().names:
        return f"{code}: not a CAMEO event code"
    return f"{code} {event_name(code)}: {WHY_NOT.get(code, 'no diplomev kind')}"


def mapping_table() -> str:
    """Return the CAMEO to diplomev table as Markdown: every mapped code, then the reasons.

    docs/interop.md carries it (a test checks they are equal).

    >>> print(mapping_table().splitlines()[2])
    | 010 Make statement | `statement` | purpose `position` | a statement of a position, not otherwise specified |
    """
    lines = ["| code | kind | fields | why |", "|---|---|---|---|"]
    rows: list[tuple[list[str], str]] = []  # a family (codes of one meaning) is one row
    for code in event_codes():
        meaning = MEANINGS.get(code)
        if meaning is None and code not in WHY_NOT:
            continue
        cells = (
            _mapping_cells(meaning) if meaning is not None else f"not mapped | | {WHY_NOT[code]}"
        )
        if rows and rows[-1][1] == cells and meaning is not None:
            rows[-1][0].append(code)
        else:
            rows.append(([code], cells))
    for codes, cells in rows:
        named = f"{codes[0]} {event_name(codes[0])}"
        if len(codes) > 1:
            named += f" … {codes[-1]} {event_name(codes[-1])} ({len(codes)} codes)"
        lines.append(f"| {named} | {cells} |")
    return "\n".join(lines)


def _mapping_cells(meaning: CodeMeaning) -> str:
    said = [f"{key} `{value}`" for key, value in meaning.fields.items()]
    if meaning.status is not Status.OCCURRED:
        said.append(f"status `{meaning.status.value}`")
    if meaning.third_location:
        said.append("no host")
    if meaning.source_hosts:
        said.append("the source is the host")
    return f"`{meaning.kind}` | {', '.join(said)} | {meaning.why}"
