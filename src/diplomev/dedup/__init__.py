"""The same event in many reports: find duplicates, merge them with provenance, check links.

See docs/dedup.md.
"""

from __future__ import annotations

from diplomev.dedup._blocking import MAX_BLOCK_PAIRS, WINDOW
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
