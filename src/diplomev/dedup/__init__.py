"""The same event in many reports: find duplicates, merge them with provenance, check links.

- `similarity` says how alike two reports are: hard rules first, then one part per field,
  each in 0..1, weighted per kind (`DEFAULT_WEIGHTS`);
- `find_duplicates` finds clusters of reports of one event without comparing every pair
  (blocks of kind, country and nested date buckets);
- `merge` gives one valid record of a cluster, every source kept, with a `Conflict` for
  each field its reports disagree on;
- `check_links` reports links to ids not among the events and ``part_of`` cycles, and
  `rewrite_links` sends links to merged ids to their survivor;
- `dedup` does it all in one streaming call (the ``diplomev dedup`` command).

docs/dedup.md says how each works.

>>> import diplomev
>>> lee = diplomev.Person(name="Lee Jae Myung", country="KOR")
>>> a = diplomev.Visit(id="a", date="2026-01-04/2026-01-07", visitor=lee, host="CHN")
>>> b = diplomev.Visit(id="b", date="2026-01", visitor=lee, host="CHN")
>>> [cluster.ids for cluster in find_duplicates([a, b])]
[('a', 'b')]
>>> str(merge([a, b]).event.date)
'2026-01-04/2026-01-07'
"""

from __future__ import annotations

from diplomev.dedup._blocking import MAX_BLOCK_PAIRS, PAIRS_PER_RECORD, WINDOW
from diplomev.dedup._clusters import DEFAULT_THRESHOLD, Cluster, find_duplicates
from diplomev.dedup._links import check_links, rewrite_links
from diplomev.dedup._merge import POLICIES, Conflict, Merged, Policy, merge
from diplomev.dedup._run import DedupResult, dedup
from diplomev.dedup._similarity import (
    DEFAULT_WEIGHTS,
    PARTS,
    RULES,
    Similarity,
    Weights,
    similarity,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_WEIGHTS",
    "MAX_BLOCK_PAIRS",
    "PAIRS_PER_RECORD",
    "PARTS",
    "POLICIES",
    "RULES",
    "WINDOW",
    "Cluster",
    "Conflict",
    "DedupResult",
    "Merged",
    "Policy",
    "Similarity",
    "Weights",
    "check_links",
    "dedup",
    "find_duplicates",
    "merge",
    "rewrite_links",
    "similarity",
]
