"""The same event in many reports: find duplicates, merge them with provenance, check links.

See docs/dedup.md.
"""

from __future__ import annotations

from diplomev.dedup._similarity import (
    DEFAULT_WEIGHTS,
    PARTS,
    RULES,
    Similarity,
    Weights,
    similarity,
)

__all__ = ["DEFAULT_WEIGHTS", "PARTS", "RULES", "Similarity", "Weights", "similarity"]
