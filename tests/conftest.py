"""Shared fixtures. Hypothesis runs the derandomized "ci" profile unless told otherwise
(``HYPOTHESIS_PROFILE=long pytest`` for a deeper local run)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import govinfo

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=40,
    print_blob=True,
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large),
)
settings.register_profile(
    "long",
    deadline=None,
    max_examples=1000,
    print_blob=True,
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def host() -> govinfo.PluginHost:
    """A strict host: a plugin that raises fails the test instead of becoming a diagnostic."""
    return govinfo.PluginHost(strict=True, entry_points=False)


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return SEEDS
