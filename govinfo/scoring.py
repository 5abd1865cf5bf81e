"""One scorer for every plugin's candidates, so their confidences can be compared.

A plugin reports evidence (rows labelled, rows placed, cells read, header words); the
identities that hold over its cells are the strongest evidence of all. The scorer turns
these into a confidence in [0, 1]; the plugin's own ``fit`` can only lower it.
"""

from __future__ import annotations

from typing import Sequence

from govinfo.identities import count_holding
from govinfo.model import Candidate

# How much each kind of evidence weighs; they add up to 1.
_W_CELLS = 0.45
_W_ROWS = 0.2
_W_LABELS = 0.15
_W_IDENTITIES = 0.2


def identity_rate(candidate: Candidate, table_key: str, template_id: str) -> float | None:
    """Share of the table's assessable identities that hold, or None if none is assessable."""
    held, failed = count_holding(candidate.cells, template_id, table_key)
    return held / (held + failed) if held + failed else None


def confidence(candidate: Candidate, table_key: str, template_id: str) -> float:
    """The candidate's confidence in [0, 1]."""
    evidence = candidate.evidence
    if evidence.cells_expected == 0 or evidence.cells_read == 0:
        return 0.0
    cells = evidence.cells_read / evidence.cells_expected
    rows = evidence.rows_placed / evidence.rows_expected
    labels = evidence.rows_labelled / evidence.rows_expected
    rate = identity_rate(candidate, table_key, template_id)
    if rate is None:  # no identity to test (Table 2): the weight goes to the cells
        score = (_W_CELLS + _W_IDENTITIES) * cells + _W_ROWS * rows + _W_LABELS * labels
    else:
        score = _W_CELLS * cells + _W_ROWS * rows + _W_LABELS * labels + _W_IDENTITIES * rate
    fit = min(1.0, max(0.0, evidence.fit))
    return round(min(1.0, score) * fit, 4)


def scored(
    named: Sequence[tuple[str, Candidate]], table_key: str, template_id: str
) -> list[tuple[float, str, Candidate]]:
    """(confidence, plugin, candidate) for each (plugin, candidate), best first; ties break
    on specificity, then name. What :func:`rank` orders, without a copy of every candidate
    to stamp it: the pipeline stamps only each section's winner."""
    entries = [(confidence(candidate, table_key, template_id), plugin, candidate) for plugin, candidate in named]
    entries.sort(key=_best_first)
    return entries


def _best_first(entry: tuple[float, str, Candidate]) -> tuple[float, int, str]:
    confidence_, plugin, candidate = entry
    return -confidence_, -candidate.specificity, plugin


def rank(candidates: Sequence[Candidate], table_key: str, template_id: str) -> list[Candidate]:
    """Candidates scored and sorted best first; ties break on specificity, then name."""
    named = [(candidate.plugin, candidate) for candidate in candidates]
    return [candidate.stamped(confidence=score) for score, _, candidate in scored(named, table_key, template_id)]
