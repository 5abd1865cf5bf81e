"""Validation: findings on the seeds, the blank policy, rules on and off, the series,
and Hypothesis properties over reports generated to satisfy every identity."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

import govinfo
import govinfo.testing as gt
from govinfo import Cell, Finding, Severity, Status
from govinfo.identities import identities
from govinfo.validate import BUILTIN_RULES, SERIES_RULE_IDS, locate

from conftest import SEEDS


@pytest.fixture(scope="module")
def seeds(host: govinfo.PluginHost) -> list[govinfo.Report]:
    return [govinfo.parse_file(path, host=host) for path in SEEDS]


def _check(report: govinfo.Report, **options: object) -> tuple[Finding, ...]:
    return govinfo.validate(report, rules=BUILTIN_RULES, **options)  # type: ignore[arg-type]


def _errors(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


# --------------------------------------------------------------------------- the seeds


def test_seed_001_names_the_two_processed_total_cells(seeds: list[govinfo.Report]) -> None:
    findings = _check(seeds[1])
    assert [f.rule for f in findings] == ["identities", "identities"]
    by_suspect = {f.suspect: f for f in findings}
    assert set(by_suspect) == {"requests.processed_total.other_org", "requests.processed_total.total"}
    for key, finding in by_suspect.items():
        assert finding.severity is Severity.ERROR
        assert finding.cells[0] == key
        assert (finding.printed, finding.expected) == (1, 0)
    assert by_suspect["requests.processed_total.other_org"].message_zh.startswith("表三（七）总计·其他: 印为 1，各办理结果之和为 0")
    assert by_suspect["requests.processed_total.total"].message_zh.startswith("表三（七）总计·总计: 印为 1，各办理结果之和为 0")
    assert "requests.processed_total.other_org: printed 1" in by_suspect["requests.processed_total.other_org"].message_en


@pytest.mark.parametrize("index", [0, 2])
def test_clean_seeds_have_no_findings(seeds: list[govinfo.Report], index: int) -> None:
    assert _check(seeds[index]) == ()


@pytest.mark.parametrize("index", [3, 4])
def test_damaged_seeds_only_say_what_was_inferred(seeds: list[govinfo.Report], index: int) -> None:
    findings = _check(seeds[index])
    assert [(f.rule, f.severity) for f in findings] == [("inferred", Severity.INFO)]
    inferred = {key for key, cell in seeds[index].iter_cells() if cell.status is Status.INFERRED}
    assert set(findings[0].cells) == inferred and inferred


def test_default_host_rules_are_the_builtins_plus_plugins(seeds: list[govinfo.Report], host: govinfo.PluginHost) -> None:
    assert govinfo.validate(seeds[0], host=host) == ()
    assert [r.id for r in govinfo.list_rules(host)][: len(BUILTIN_RULES)] == [r.id for r in BUILTIN_RULES]


# --------------------------------------------------------------------------- the blank policy


def _blank_report(seeds: list[govinfo.Report]) -> govinfo.Report:
    """Seed 000 with 予以公开·自然人 raised by one and 商业企业 left blank."""
    report = seeds[0]
    value = report.value("requests.granted.natural_person")
    return report.with_cells({
        "requests.granted.natural_person": Cell(value + 1, Status.NUMBER),
        "requests.granted.commercial": Cell(None, Status.BLANK),
    })


def test_blanks_count_as_zero_and_the_finding_says_so(seeds: list[govinfo.Report]) -> None:
    (finding,) = _check(_blank_report(seeds))
    assert finding.suspect == "requests.granted.natural_person"
    assert "空白单元格按 0 计" in finding.message_zh and "blank" in finding.message_en


def test_blanks_can_make_identities_unassessable(seeds: list[govinfo.Report]) -> None:
    findings = _check(_blank_report(seeds), blank_as_zero=False)
    # the row with the blank is unassessable; the column of 自然人 still fails
    assert [f.rule for f in findings] == ["identities"]
    assert "requests.granted.natural_person" in findings[0].cells
    assert "blank" not in findings[0].message_en  # no blank was counted
    assert findings[0].suspect == "requests.granted.natural_person"


@pytest.mark.parametrize("status", [Status.MISSING, Status.NOT_APPLICABLE])
def test_missing_and_not_applicable_make_an_identity_unassessable(seeds: list[govinfo.Report], status: Status) -> None:
    report = seeds[1].with_cells({"requests.granted.other_org": Cell(None, status)})
    findings = [f for f in _check(report) if f.rule == "identities"]
    assert all("requests.granted.other_org" not in f.cells or f.suspect != "requests.granted.other_org" for f in findings)
    assert not any("requests.results_sum.other_org" in f.message_en for f in findings)


# --------------------------------------------------------------------------- the other rules


def test_negative_counts_and_money_are_errors(seeds: list[govinfo.Report]) -> None:
    report = seeds[0].with_cells({
        "active.rules.issued": Cell(-1, Status.NUMBER),
        "active.fees.amount": Cell(Decimal("-0.5"), Status.NUMBER),
    })
    findings = [f for f in _check(report) if f.rule == "values"]
    assert [f.cells for f in findings] == [("active.rules.issued",), ("active.fees.amount",)]
    assert all(f.severity is Severity.ERROR for f in findings)


def test_2019_change_may_be_negative_but_a_count_must_be_whole(seeds: list[govinfo.Report]) -> None:
    report = govinfo.Report(meta=govinfo.Meta(year=2020, template="2019"), cells=govinfo.empty_cells("2019"))
    report = report.with_cells({
        "active.licensing.change": Cell(-3, Status.NUMBER),
        "active.licensing.decisions": Cell(Decimal("1.5"), Status.NUMBER),
    })
    findings = [f for f in _check(report) if f.rule == "values"]
    assert [f.cells for f in findings] == [("active.licensing.decisions",)]


@pytest.mark.parametrize(
    ("template_id", "year", "expected"),
    [("2019", 2022, True), ("2021", 2020, True), ("2019", 2019, False), ("2021", 2021, False), ("2019", 2017, True)],
)
def test_template_must_fit_the_year(template_id: str, year: int, expected: bool) -> None:
    report = govinfo.Report(meta=govinfo.Meta(year=year, template=template_id), cells=govinfo.empty_cells(template_id))
    findings = [f for f in _check(report) if f.rule == "template_year"]
    assert bool(findings) is expected
    assert all(f.severity is Severity.WARNING for f in findings)


def test_a_lost_table_is_an_error(seeds: list[govinfo.Report]) -> None:
    report = seeds[0].with_cells({key: Cell() for key, _ in seeds[0].iter_cells() if key.startswith("appeals.")})
    (finding,) = _check(report)
    assert (finding.rule, finding.severity) == ("tables", Severity.ERROR)
    assert finding.message_zh.startswith("表四")


def test_an_unplaced_row_is_shown_as_printed(seeds: list[govinfo.Report]) -> None:
    row = govinfo.UnplacedRow("requests", ("granted",), ("1", "", "2"), 7, "values do not fit the columns (2 values)")
    report = seeds[0].evolve(provenance=govinfo.Provenance(unplaced=(row,)))
    (finding,) = [f for f in govinfo.validate(report) if f.rule == "unplaced"]
    assert "（1 _ 2）" in finding.message_zh and "(1 _ 2)" in finding.message_en  # _ : the empty cell


def test_prose_that_contradicts_the_table_is_a_warning(seeds: list[govinfo.Report]) -> None:
    report = seeds[4]
    assert "收到政府信息公开申请 4 条" in report.text.overview  # agrees with the table: no finding
    changed = report.evolve(text=govinfo.Prose(report.text.overview.replace("申请 4 条", "申请 5 条"), None, None))
    prose = [f for f in _check(changed) if f.rule == "prose"]
    assert [(f.printed, f.expected) for f in prose] == [(5, 4)]
    assert "requests.new_received.total" in prose[0].cells


# --------------------------------------------------------------------------- rules on and off


def test_rules_switch_off_by_id(seeds: list[govinfo.Report]) -> None:
    assert _check(seeds[1], disabled=("identities",)) == ()
    with pytest.raises(govinfo.RuleError, match="unknown rule"):
        _check(seeds[1], disabled=("identitys",))


class _Plugin:
    def __init__(self, *rules: govinfo.Rule) -> None:
        self.rules = rules

    @govinfo.hookimpl
    def govinfo_validation_rules(self) -> list[govinfo.Rule]:
        return list(self.rules)


def _host_with(*rules: govinfo.Rule) -> govinfo.PluginHost:
    host = govinfo.PluginHost(strict=True, entry_points=False)
    host.manager.register(_Plugin(*rules), name="my_rules")
    return host


def _agency_named(report: govinfo.Report, options: object) -> list[Finding]:
    if report.meta.agency and "镇" in report.meta.agency:
        return [Finding("custom.town", Severity.INFO, "乡镇报告", "a township report")]
    return []


def test_third_party_rules_come_through_the_hook(seeds: list[govinfo.Report]) -> None:
    host = _host_with(govinfo.Rule("custom.town", "towns", Severity.INFO, _agency_named))
    assert [f.rule for f in govinfo.validate(seeds[0], host=host)] == ["custom.town"]
    assert govinfo.validate(seeds[0], host=host, disabled=("custom.town",)) == ()
    assert "custom.town" in [r.id for r in govinfo.list_rules(host)]


def test_rule_ids_are_unique_and_well_formed(seeds: list[govinfo.Report]) -> None:
    with pytest.raises(govinfo.RuleError, match="two validation rules"):
        govinfo.list_rules(_host_with(govinfo.Rule("identities", "again", Severity.ERROR, _agency_named)))
    with pytest.raises(govinfo.RuleError):
        govinfo.Rule("Not An Id", "x", Severity.INFO, _agency_named)
    ids = [r.id for r in BUILTIN_RULES] + list(SERIES_RULE_IDS)
    assert len(ids) == len(set(ids))


def test_a_broken_third_party_rule_is_named(seeds: list[govinfo.Report]) -> None:
    def broken(report: govinfo.Report, options: object) -> list[Finding]:
        raise ZeroDivisionError("oops")

    host = _host_with(govinfo.Rule("custom.broken", "breaks", Severity.ERROR, broken))
    with pytest.raises(govinfo.PluginError, match="custom.broken"):
        govinfo.validate(seeds[0], host=host)


# --------------------------------------------------------------------------- across years


def _year(report: govinfo.Report, year: int, **cells: int) -> govinfo.Report:
    meta = govinfo.Meta(agency="某镇人民政府", year=year, template=report.meta.template)
    return report.evolve(meta=meta).with_cells({k.replace("__", "."): Cell(v, Status.NUMBER) for k, v in cells.items()})


def test_carry_over_across_years(seeds: list[govinfo.Report]) -> None:
    base = seeds[0]
    over = base.value("requests.carried_over.natural_person")
    prior = _year(base, 2022, requests__carried_forward__natural_person=over + 2)
    current = _year(base, 2023)
    findings = govinfo.validate_series([current, prior])
    errors = [f for f in findings if f.rule == "series.carry_over"]
    assert len(errors) == 1 and errors[0].suspect == "requests.carried_over.natural_person"
    assert (errors[0].expected, errors[0].printed) == (over + 2, over)
    assert "2022" in errors[0].message_zh and "2023" in errors[0].message_zh
    assert govinfo.validate_series([current, prior], disabled=("series.carry_over",)) == ()
    assert govinfo.validate_series([_year(base, 2021), current]) == ()  # not consecutive: nothing to compare


def test_stock_flow_is_a_soft_warning(seeds: list[govinfo.Report]) -> None:
    base = seeds[0]
    prior = _year(base, 2022, active__rules__in_force=5)
    current = _year(base, 2023, active__rules__in_force=5, active__rules__issued=2, active__rules__repealed=0)
    (finding,) = govinfo.validate_series([prior, current])
    assert (finding.rule, finding.severity, finding.expected, finding.printed) == ("series.stock_flow", Severity.WARNING, 7, 5)


def test_a_series_is_one_agency(seeds: list[govinfo.Report]) -> None:
    with pytest.raises(govinfo.SeriesError):
        govinfo.validate_series([seeds[0], seeds[1]])
    with pytest.raises(govinfo.SeriesError):
        govinfo.validate_series([_year(seeds[0], 2023), _year(seeds[0], 2023)])


# --------------------------------------------------------------------------- properties

_IDENTITY_KEYS = {tid: sorted({k for i in identities(tid) for k in i.keys}) for tid in govinfo.TEMPLATES}


@given(gt.consistent_reports())
def test_a_consistent_report_has_no_error(report: govinfo.Report) -> None:
    assert _errors(_check(report)) == []
    assert locate(report.cells, report.meta.template) == ()


@given(gt.consistent_reports(blanks=False), st.data())
def test_any_single_changed_number_is_caught_and_named(report: govinfo.Report, data: st.DataObject) -> None:
    printed = [k for k in _IDENTITY_KEYS[report.meta.template] if report.cells[k].status is Status.NUMBER]
    key = data.draw(st.sampled_from(printed))
    old = report.value(key)
    new = data.draw(st.integers(0, old + 50).filter(lambda v: v != old))
    findings = _errors(_check(report.with_cells({key: Cell(new, Status.NUMBER)})))
    assert findings and all(f.rule == "identities" for f in findings)
    assert any(key in f.cells for f in findings)
    if key.startswith("requests."):  # every Table 3 cell sits in two or three identities: it is located
        (finding,) = findings
        assert (finding.suspect, finding.expected, finding.printed) == (key, old, new)
    else:  # a Table 4 cell sits in one identity: any of its five cells would explain it
        assert all(f.suspect in (None, key) for f in findings)
