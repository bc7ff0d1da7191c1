"""Shared test configuration: hypothesis profiles and paths to the test data."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# dev: quick local runs (and the README's test command); no deadline, because the machines
# this runs on are shared and noisy and a slow example is not a failure. ci: what .ci/run
# selects; derandomized as well, so a red build is reproducible. thorough: before a
# release or after touching the codec.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "lee-beijing-visit.events.jsonl"
ARTICLE = DATA / "lee-beijing-visit.txt"
