"""Hypothesis profiles: "thorough" by default, "quick" for a smoke run (HYPOTHESIS_PROFILE=quick)."""

import os

from hypothesis import settings

settings.register_profile("thorough", max_examples=200, deadline=None)
settings.register_profile("quick", max_examples=5, deadline=None, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "thorough"))
