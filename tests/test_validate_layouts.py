"""Validation findings depend on the data, not on the layout it was printed in.

A report (consistent, or consistent but for one changed number, or arbitrary) is printed
in one layout and parsed; the result is printed in another layout and parsed again. When
the second layout carried the data unchanged, govinfo.validate finds exactly the same
things in both. The layouts come from the plugin manager.
"""

from __future__ import annotations

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import govinfo
import govinfo.testing as gt
from govinfo import Cell, Report, Status

_HOST = govinfo.PluginHost(strict=True, entry_points=False)
RENDERERS = _HOST.renderers()

pytestmark = pytest.mark.skipif(not hasattr(govinfo, "validate"), reason="govinfo.validate has not landed yet (issue 3)")


@st.composite
def _one_error(draw: st.DrawFn) -> Report:
    """A consistent report with one printed number of Table 3 or 4 changed: a finding to make."""
    report = draw(gt.consistent_reports(blanks=False))
    keys = [key for key in report.cells if key.startswith(("requests.", "appeals."))]
    key = draw(st.sampled_from(keys))
    return report.with_cells({key: Cell(report.cells[key].value + draw(st.integers(1, 10**5)), Status.NUMBER)})


def _findings(report: Report, host: govinfo.PluginHost) -> list[govinfo.Finding]:
    return sorted(govinfo.validate(report, host=host), key=repr)


@settings(max_examples=max(10, settings.default.max_examples // 2))
@given(
    report=st.one_of(gt.consistent_reports(), _one_error(), gt.reports()),
    first=st.sampled_from(RENDERERS),
    second=st.sampled_from(RENDERERS),
)
def test_findings_are_stable_under_re_rendering(report: Report, first: str, second: str, host: govinfo.PluginHost) -> None:
    once = govinfo.parse(govinfo.render(report, first, host=host), host=host, infer=False)
    twice = govinfo.parse(govinfo.render(once, second, host=host), host=host, infer=False)
    if twice != once:  # the second layout could not carry everything, and says what it lost
        assert twice == gt.carried(once, second, host)
        event("the second layout lost cells")
        return
    assert _findings(twice, host) == _findings(once, host), f"{first} → {second}"


@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(report=_one_error(), layout=st.sampled_from(RENDERERS))
def test_a_changed_number_is_found_in_every_layout(report: Report, layout: str, host: govinfo.PluginHost) -> None:
    parsed = govinfo.parse(govinfo.render(report, layout, host=host), host=host)
    errors = [f for f in govinfo.validate(parsed, host=host) if f.severity is govinfo.Severity.ERROR]
    assert errors, f"no error found in a {layout} rendering of a report with one changed number"
