"""What each CAMEO event code means as a diplomev record, and the code each record is written as.

One table, `MEANINGS`, decides every mapped code: the kind, the field values the code
says (a statement's ``purpose``, a diplomatic action's ``action``, a dispute's ``kind`` and
``stage``, ...) and why, from the CAMEO codebook's description and usage notes. `WHY_NOT`
says why the codes near diplomev's kinds map to none. The writing side (`WRITTEN_AS`) is
checked against the table by the tests: every code a record is written as reads back as
that record's kind.

>>> MEANINGS["041"].kind, dict(MEANINGS["041"].fields)
('summit', {'channel': 'phone'})
>>> WRITTEN_AS["statement"]["praise"]
'051'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from diplomev.records import Status

__all__ = ["MEANINGS", "WHY_NOT", "WRITTEN_AS", "CodeMeaning"]


@attrs.frozen(kw_only=True, slots=True)
class CodeMeaning:
    """What a CAMEO event code means as a diplomev record, for importers.

    ``kind`` is the wire type name; ``said`` the wire values the code says (a dispute's
    ``kind`` and ``stage``, a statement's ``purpose``, a summit's ``channel``, ...), as
    pairs (a record's spill pickles them), ``fields`` as a mapping; ``why`` the reason,
    from the codebook. For a summit, ``third_location`` marks 044; for a
    visit, ``source_hosts`` marks 043 (the row's source is the host, its target the visitor).

    >>> meaning = CodeMeaning(kind="statement", said=(("purpose", "praise"),), why="praise")
    >>> meaning.fields["purpose"], meaning.status
    ('praise', <Status.OCCURRED: 'occurred'>)
    """

    kind: str
    status: Status = Status.OCCURRED
    third_location: bool = False
    source_hosts: bool = False
    said: tuple[tuple[str, str], ...] = ()
    why: str = ""

    @property
    def fields(self) -> Mapping[str, str]:
        """The wire fields the code says, and their values.

        >>> dict(CodeMeaning(kind="statement", said=(("purpose", "praise"),)).fields)
        {'purpose': 'praise'}
        """
        return MappingProxyType(dict(self.said))


def _m(kind: str, why: str, status: Status = Status.OCCURRED, /, **fields: str) -> CodeMeaning:
    return CodeMeaning(kind=kind, status=status, said=tuple(fields.items()), why=why)


def _statement(purpose: str, why: str) -> CodeMeaning:
    return _m("statement", why, purpose=purpose)


def _action(action: str, why: str) -> CodeMeaning:
    return _m("diplomatic_action", why, action=action)


def _family(codes: str, meaning: CodeMeaning) -> dict[str, CodeMeaning]:
    return dict.fromkeys(codes.split(), meaning)


_APPEAL = _statement("appeal", "an appeal or request is a statement (02x: ask for cooperation, "
                     "aid, reform, yielding, talks)")  # fmt: skip
_DEMAND = _statement("demand", "a demand is a statement (10x), whatever is demanded")
_INTENT = _statement(
    "proposal",
    "an offer or promise by one side: the codebook's 03x cover 'offer, promise, agree to' "
    "alike, so the code cannot tell an agreement; it is read as the weaker, a statement",
)
_THREAT = _statement(
    "threat",
    "a non-force threat is a statement (131-137); 130, 138, 1313, 1382 are the dispute "
    "codes diplomev writes, 1312 the trade code",
)
_ACCUSE = _m(
    "dispute",
    "an accusation of a named wrong: a sub-code of 112 Accuse, read as it",
    kind="other",
    stage="active",
)
_MILITARY_THREAT = _m(
    "dispute",
    "a threat of force: a sub-code of 138, read as it",
    kind="security",
    stage="escalating",
)
_DOWNGRADE = _action(
    "downgrade_relations",
    "the codebook's 16x reductions: curtail, decrease, break or terminate diplomatic "
    "exchange, recall or expel diplomats; the code does not tell a break from a reduction, "
    "so it is read as the weaker",
)

#: Every mapped code: its kind, the field values it says, and why.
MEANINGS: Mapping[str, CodeMeaning] = MappingProxyType(
    {
        "010": _statement("position", "a statement of a position, not otherwise specified"),
        "012": _statement("position", "a pessimistic comment states a position"),
        "013": _statement("position", "an optimistic comment states a position"),
        "014": _statement("position", "considering a policy option is stated"),
        "015": _statement("position", "acknowledging responsibility, without remorse (055)"),
        "016": _statement("denial", "denying responsibility"),
        "018": _statement("condolence", "an empathetic comment: sympathy, condolences"),
        "019": _statement("support", "expressing accord with a position"),
        **_family(
            "020 021 0211 0212 0213 0214 022 023 0231 0232 0233 0234 024 0241 0242 "
            "0243 0244 025 0251 0252 0253 0254 0255 0256 026 027 028",
            _APPEAL,
        ),
        **_family(
            "030 031 0311 0312 0313 0314 032 033 0331 0332 0333 0334 034 0341 0342 "
            "0343 0344 035 0351 0352 0353 0354 0355 0356 038 039",
            _INTENT,
        ),
        "036": _m("summit", "an intent to meet: a planned meeting", Status.PLANNED),
        "037": _m("dispute", "an intent to settle a dispute", kind="other", stage="easing"),
        "040": _m("summit", "consultations between the source and the target"),
        "041": _m("summit", "a telephone call between leaders", channel="phone"),
        "042": _m("visit", "the source visits the target's country"),
        "043": CodeMeaning(
            kind="visit", source_hosts=True, why="the source hosts the target's visit"
        ),
        "044": CodeMeaning(
            kind="summit", third_location=True, why="a meeting at a third location: no host"
        ),
        "046": _m("summit", "negotiations are talks between the parties"),
        "051": _statement("praise", "praise or endorsement"),
        "052": _statement("support", "a verbal defence of a policy, action or actor"),
        "053": _statement("support", "rallying others' support on behalf of the target"),
        "054": _action("recognize", "granting diplomatic recognition, initiating relations"),
        "055": _statement("apology", "an apology"),
        "056": _statement("other", "forgiveness (diplomev has no purpose for it)"),
        "057": _m(
            "agreement",
            "an agreement signed, ratified or finalized (the codebook excludes promises to sign)",
            stage="signed",
        ),
        "0871": _m(
            "agreement",
            "a truce or ceasefire declared or agreed",
            stage="signed",
            instrument="ceasefire",
        ),
        "085": _m(
            "trade_issue",
            "easing sanctions, a boycott or an embargo",
            measure="sanction",
            stage="lifted",
        ),
        **_family(
            "100 101 1011 1012 1013 1014 102 103 1031 1032 1033 1034 104 1041 1042 "
            "1043 1044 105 1051 1052 1053 1054 1055 1056 106 107 108",
            _DEMAND,
        ),
        "110": _statement("criticism", "a disapproval, objection or complaint"),
        "111": _statement("criticism", "a criticism or denunciation"),
        "112": _m(
            "dispute",
            "an accusation: one side's grievance against the other",
            kind="other",
            stage="active",
        ),
        **_family("1121 1122 1123 1124 1125", _ACCUSE),
        "113": _statement("criticism", "rallying opposition against the target"),
        "114": _action("lodge_protest", "an official, written complaint or protest"),
        "115": _m(
            "dispute", "a lawsuit: the dispute is before a court", kind="other", stage="adjudicated"
        ),
        "125": _m("summit", "a proposal to meet rejected: a meeting called off", Status.CANCELLED),
        "130": _m("dispute", "a threat: the dispute escalates", kind="other", stage="escalating"),
        **_family("131 1311 132 1321 1322 1323 1324 133 134 135 136 137", _THREAT),
        "1312": _m(
            "trade_issue",
            "a threat of sanctions, a boycott or an embargo",
            measure="sanction",
            stage="threatened",
        ),
        "1313": _m(
            "dispute",
            "a threat to reduce or break relations",
            kind="diplomatic",
            stage="escalating",
        ),
        "138": _m("dispute", "a threat of military force", kind="security", stage="escalating"),
        **_family("1381 1383 1384 1385", _MILITARY_THREAT),
        "1382": _m(
            "dispute",
            "a threat of occupation: a territorial dispute escalates",
            kind="territorial",
            stage="escalating",
        ),
        "139": _statement("warning", "an ultimatum: a final warning or demand"),
        **_family("160 161", _DOWNGRADE),
        "163": _m(
            "trade_issue",
            "an embargo, boycott or sanctions imposed",
            measure="sanction",
            stage="in_force",
        ),
    }
)

#: Why the codes near diplomev's kinds map to none of them.
WHY_NOT: Mapping[str, str] = MappingProxyType(
    {
        "011": "declining to comment states no position",
        "017": "a symbolic act (a vigil, a wreath laid) is an act, not a statement",
        "045": "mediation: the mediator's meetings are not coded with the parties",
        "050": "the residual of diplomatic cooperation not otherwise specified: it tells no "
        "action on relations (the sample's rows are cooperation in general)",
        "120": "a rejection: no kind says what was rejected",
        "127": "a plan to settle rejected: no agreement was made",
        "129": "a veto: a vote needs the body and the motion, which a CAMEO row does not give",
        "162": "reducing aid: diplomev has no kind for aid",
        "164": "halting negotiations: diplomev has no kind for talks broken off",
        "165": "halting mediation: diplomev has no kind for mediation",
        "166": "expelling or withdrawing groups (peacekeepers, inspectors, aid agencies), not "
        "diplomats (161)",
        "174": "expelling individuals, a legal matter; diplomats expelled are coded 161",
        "1244": "a refusal to ease sanctions: no measure has changed",
    }
)

#: The code each value of a kind's field is written as (the others: see `event_code`).
WRITTEN_AS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "statement": MappingProxyType({
            "position": "010", "denial": "016", "condolence": "018", "support": "019",
            "appeal": "020", "invitation": "026", "proposal": "030", "praise": "051",
            "congratulation": "051", "apology": "055", "demand": "100", "criticism": "111",
            "accusation": "110", "threat": "131", "warning": "139", "other": "010",
        }),
        "diplomatic_action": MappingProxyType({
            "recognize": "054", "establish_relations": "054", "restore_relations": "054",
            "lodge_protest": "114",
            "summon_envoy": "114", "downgrade_relations": "161", "suspend_relations": "161",
            "break_relations": "161", "recall_ambassador": "161", "expel_diplomats": "161",
            "declare_persona_non_grata": "161", "close_mission": "161",
            "withdraw_recognition": "161",
        }),
    }
)  # fmt: skip
