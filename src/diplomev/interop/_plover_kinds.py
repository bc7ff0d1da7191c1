"""The PLOVER event type and mode of agreements, statements, diplomatic actions and votes.

One table per kind, read both ways: `to_plover` writes the pair a field value maps to, and
a plain PLOVER record is read back as the first value listed for its pair (or, failing
that, for its event type), so each table lists the value a reader gets first. Why each
pair (docs/interop.md, PLOVER section, has the whole table):

- statements: criticism is ACCUSE ``disapprove`` and accusation ACCUSE ``allege`` (the
  manual's ACCUSE modes); demands, appeals and proposals are REQUEST ("all requests,
  demands, and orders"); an invitation is AGREE (the manual: "invitations for state visits
  should be coded as AGREE"); a denial is REJECT ("all rejections and refusals"); support,
  praise, congratulation, condolence and apology are SUPPORT (the codebook maps CAMEO 055,
  apologize, to SUPPORT); warnings and threats are THREATEN. A statement of position has
  no PLOVER type (CAMEO's 01, public statements, is dropped by PLOVER);
- diplomatic actions: SANCTION is "all reductions in existing, routine, or cooperative
  relations": expelling diplomats is ``expel`` (the manual names "the expulsion of
  ambassadors"), recalling an ambassador or closing a mission ``withdraw``, downgrading,
  suspending or breaking relations ``discontinue`` (CAMEO 161 is SANCTION in the
  codebook); summoning an envoy or lodging a protest is ACCUSE ``disapprove`` (the manual:
  "summoning an in-country ambassador ... is just coded ACCUSE"); recognition, opening a
  mission and establishing, restoring or upgrading relations are SUPPORT ("including
  recognition of newly independent states ... initiation of diplomatic ties");
- votes: PLOVER has no vote. An adopted motion is AGREE (the GSR codes "The Security
  Council today agreed to a six-month extension" as AGREE), a rejected or vetoed one REJECT
  (CAMEO 129, veto, is REJECT in the codebook); the vote itself travels in ``x_diplomev``;
- agreements are AGREE: the manual's AGREE has no modes ("Supplementary fields: None").

>>> STATEMENTS["criticism"], ACTIONS["expel_diplomats"]
(('ACCUSE', 'disapprove'), ('SANCTION', 'expel'))
>>> read_back(STATEMENTS, "ACCUSE", None), read_back(ACTIONS, "SANCTION", "withdraw")
('criticism', 'recall_ambassador')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

Pair = tuple[str, str | None]

#: A statement's purpose -> PLOVER event type and mode (the first of a pair reads back).
STATEMENTS: Mapping[str, Pair] = MappingProxyType(
    {
        "criticism": ("ACCUSE", "disapprove"),
        "accusation": ("ACCUSE", "allege"),
        "demand": ("REQUEST", None),
        "appeal": ("REQUEST", None),
        "proposal": ("REQUEST", None),
        "invitation": ("AGREE", None),
        "denial": ("REJECT", None),
        "support": ("SUPPORT", None),
        "praise": ("SUPPORT", None),
        "congratulation": ("SUPPORT", None),
        "condolence": ("SUPPORT", None),
        "apology": ("SUPPORT", None),
        "threat": ("THREATEN", None),
        "warning": ("THREATEN", None),
    }
)

#: A diplomatic action -> PLOVER event type and mode (the first of a pair reads back).
ACTIONS: Mapping[str, Pair] = MappingProxyType(
    {
        "expel_diplomats": ("SANCTION", "expel"),
        "declare_persona_non_grata": ("SANCTION", "expel"),
        "recall_ambassador": ("SANCTION", "withdraw"),
        "close_mission": ("SANCTION", "withdraw"),
        "downgrade_relations": ("SANCTION", "discontinue"),
        "suspend_relations": ("SANCTION", "discontinue"),
        "break_relations": ("SANCTION", "discontinue"),
        "withdraw_recognition": ("SANCTION", "discontinue"),
        "other": ("SANCTION", None),
        "summon_envoy": ("ACCUSE", "disapprove"),
        "lodge_protest": ("ACCUSE", "disapprove"),
        "recognize": ("SUPPORT", None),
        "establish_relations": ("SUPPORT", None),
        "restore_relations": ("SUPPORT", None),
        "upgrade_relations": ("SUPPORT", None),
        "open_mission": ("SUPPORT", None),
    }
)

#: A vote's result -> PLOVER event type and mode; withdrawn and postponed have none.
VOTES: Mapping[str, Pair] = MappingProxyType(
    {"adopted": ("AGREE", None), "rejected": ("REJECT", None), "vetoed": ("REJECT", None)}
)

#: The event types whose plain records read back as statements, and as diplomatic actions.
STATEMENT_EVENTS = frozenset(event for event, _ in STATEMENTS.values()) - {"AGREE"}
ACTION_EVENTS = frozenset({"SANCTION"})


def read_back(table: Mapping[str, Pair], event: str, mode: str | None) -> str | None:
    """Return the value a plain PLOVER ``event`` and ``mode`` read back as, from ``table``.

    The first value written as that pair, else the first written with that event type.

    >>> read_back(STATEMENTS, "REQUEST", "meet"), read_back(VOTES, "CONSULT", None)
    ('demand', None)
    """
    for wanted in ((event, mode), None):
        for value, pair in table.items():
            if pair == wanted or (wanted is None and pair[0] == event):
                return value
    return None
