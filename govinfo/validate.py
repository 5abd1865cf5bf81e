"""Validation: rules over a report → findings a reviewer can act on.

    >>> for finding in govinfo.validate(report):
    ...     print(finding.message())
    表三（七）总计·其他: 印为 1，各办理结果之和为 0；本列一+二 = 0，（七）总计+四 = 1。应为 0 ...

A :class:`Rule` has an id, a description, a severity and a function
``(report, options) -> findings``. The built-in rules are listed in :data:`BUILTIN_RULES`;
plugins add rules through the ``govinfo_validation_rules`` hook. Rule ids are unique and
any rule can be switched off by id.

The blank policy (FORMAT.md section 4): by default a blank cell counts as 0 in an
identity and a finding that relied on it says so; ``blank_as_zero=False`` makes an
identity with a blank cell unassessable instead. A ``missing`` or ``not_applicable``
cell always makes an identity unassessable, never failed.

When identities fail, :func:`locate` looks for the smallest explanation: the fewest
cells (one, or two) that, changed to one value each, make every identity hold. When
it is unique, each of its cells is reported as the ``suspect`` with the ``expected``
and ``printed`` values; otherwise each failing identity is reported on its own.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from itertools import compress
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from govinfo.errors import PluginError, RuleError, SeriesError
from govinfo.identities import (
    Evaluation,
    Identity,
    Kind,
    Outcome,
    count_holding,
    evaluate,
    find_restatements,
    identities,
    non_negative_keys,
    series_cells,
    series_identities,
    table_identities,
)
from govinfo.model import Cell, Finding, Report, Severity, Status, cell_status, cell_value
from govinfo.tables import picker
from govinfo.template import (
    MONEY_UNITS,
    PROSE_SECTION_KEYS,
    SECTIONS,
    Template,
    ValueKind,
    template,
)
from govinfo.text import is_empty_text

Number = int | Decimal


@attrs.frozen
class Options:
    """What every rule is told about how to judge."""

    blank_as_zero: bool = True  #: the blank policy (see the module docstring)


RuleFunction = Callable[[Report, Options], Iterable[Finding]]
_RULE_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*")


def _check_id(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not _RULE_ID.fullmatch(value):
        raise RuleError(f"a rule id is lower-case words joined by dots, not {value!r}")


@attrs.frozen
class Rule:
    """A validation rule: ``function(report, options)`` yields :class:`~govinfo.Finding` objects.

    ``severity`` is the severity of the rule's failures (a rule may also report less
    severe findings, e.g. ``info``). Findings should carry this rule's id.
    """

    id: str = attrs.field(validator=_check_id)
    description: str
    severity: Severity = attrs.field(converter=Severity)
    function: RuleFunction = attrs.field(eq=False)

    def check(self, report: Report, options: Options = Options()) -> tuple[Finding, ...]:
        return tuple(self.function(report, options))


# =========================================================================== labels


def _short(label: str) -> str:
    """A row label without its trailing explanation: （二）部分公开（区分处理的……） → （二）部分公开."""
    return re.sub(r"（[^（）]{6,}）$", "", label)


def cell_label(key: str, spec: Template | None = None) -> str:
    """How a reviewer finds a cell in the printed tables: ``表三（七）总计·其他``."""
    spec = spec or template("2021")
    table_key, rest = key.split(".", 1)
    row_key, column_key = rest.rsplit(".", 1)
    try:
        table = spec.table(table_key)
        row = table.row(row_key)
        column = next(c for c in row.columns if c.key == column_key)
    except (KeyError, StopIteration):
        return key
    parts = [f"{row.block}·" if row.block else "", _short(row.label), "·", column.label]
    return f"表{table.number}" + "".join(parts)


def _show(value: Number | None) -> str:
    return "空白" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)


def _show_en(value: Number | None) -> str:
    return "blank" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)


def _blank_note(blanks: Sequence[str]) -> tuple[str, str]:
    if not blanks:
        return "", ""
    return f"（{len(blanks)} 个空白单元格按 0 计）", f" ({len(blanks)} blank cell(s) counted as 0)"


# =========================================================================== locating errors


@attrs.frozen
class Correction:
    """One cell of the smallest explanation: change ``key`` from ``printed`` to ``expected``."""

    key: str
    printed: Number | None  #: None when the cell is blank (counted as 0)
    expected: int
    fixes: tuple[Evaluation, ...]  #: the failing identities this cell takes part in


def _cell_number(cell: Cell | None) -> Number | None:
    if cell is None:
        return None
    return cell.value if cell.status.has_value and isinstance(cell.value, (int, Decimal)) else None


def locate(
    cells: Mapping[str, Cell], template_id: str, *, blank_as_zero: bool = True, max_cells: int = 2
) -> tuple[Correction, ...] | None:
    """The unique smallest set of printed cells whose correction makes every identity hold.

    Only printed (or blank) cells are suspects, never inferred ones. Returns ``()`` when
    no identity fails and None when there is no explanation of at most ``max_cells``
    cells, or more than one.
    """
    rules = [i for i in identities(template_id) if not i.soft]
    evaluations = {i.id: evaluate(i, cells, blank_as_zero=blank_as_zero) for i in rules}
    assessable = [i for i in rules if evaluations[i.id].outcome is not Outcome.UNASSESSABLE]
    residual = {i.id: evaluations[i.id].lhs - evaluations[i.id].rhs for i in assessable}  # type: ignore[operator]
    failing = [i for i in assessable if residual[i.id] != 0]
    if not failing:
        return ()
    by_key: dict[str, list[Identity]] = {}
    for identity in assessable:
        for key in identity.keys:
            by_key.setdefault(key, []).append(identity)
    non_negative = non_negative_keys(template_id)

    def suspect(key: str) -> bool:
        cell = cells.get(key)
        return cell is not None and cell.status in (Status.NUMBER, Status.BLANK)

    def solve(keys: tuple[str, ...]) -> dict[str, int] | None:
        touched = {i.id: i for key in keys for i in by_key.get(key, ())}
        if any(i.id not in touched for i in failing):
            return None
        rows = [[Fraction(i.coefficient(k)) for k in keys] + [Fraction(-residual[i.id])] for i in touched.values()]
        solution = _unique_solution(rows, len(keys))
        if solution is None:
            return None
        deltas = {}
        for key, delta in zip(keys, solution):
            value = (_cell_number(cells[key]) or 0) + delta
            if delta == 0 or delta.denominator != 1 or (key in non_negative and value < 0):
                return None
            deltas[key] = int(delta)
        return deltas

    for size in range(1, max_cells + 1):
        found: dict[tuple[str, ...], dict[str, int]] = {}
        for keys in _candidate_sets(failing, by_key, size):
            if all(suspect(k) for k in keys) and keys not in found:
                deltas = solve(keys)
                if deltas is not None:
                    found[keys] = deltas
            if len(found) > 1:
                return None
        if found:
            ((keys, deltas),) = found.items()
            return tuple(
                Correction(
                    key,
                    _cell_number(cells[key]),
                    int((_cell_number(cells[key]) or 0) + deltas[key]),
                    tuple(evaluations[i.id] for i in failing if key in i.keys),
                )
                for key in keys
            )
    return None


def _candidate_sets(
    failing: Sequence[Identity], by_key: Mapping[str, Sequence[Identity]], size: int
) -> Iterator[tuple[str, ...]]:
    """Sets of ``size`` cells that could explain the failures (each must touch the first).

    A second cell must either touch a failing identity the first does not, or share an
    identity with it (to balance what the first one's change would break).
    """
    for first in failing[0].keys:
        if size == 1:
            yield (first,)
            continue
        uncovered = [i for i in failing if first not in i.keys]
        pool = uncovered[0].keys if uncovered else tuple(k for i in by_key.get(first, ()) for k in i.keys)
        for second in dict.fromkeys(pool):
            if second != first:
                yield tuple(sorted((first, second)))


def _unique_solution(rows: list[list[Fraction]], unknowns: int) -> list[Fraction] | None:
    """Gauss-Jordan over an augmented system; None when it is inconsistent or underdetermined."""
    rows = [row[:] for row in rows]
    pivot_row = 0
    for column in range(unknowns):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            return None  # a free unknown: more than one explanation
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row])]
        pivot_row += 1
    if any(row[-1] != 0 for row in rows[pivot_row:]):
        return None  # inconsistent
    return [rows[i][-1] for i in range(unknowns)]


# =========================================================================== identity messages


def _reason(identity: Identity, evaluation: Evaluation, key: str) -> tuple[str, str]:
    """Why one failing identity points at ``key``, in Chinese and English."""
    lhs, rhs = _show(evaluation.lhs), _show(evaluation.rhs)
    is_total = key in identity.lhs
    if identity.kind is Kind.ROW_SUM:
        if is_total:
            return f"各类申请人之和为 {rhs}", f"the applicant columns of its row sum to {rhs}"
        return f"本行总计为 {lhs}，各类申请人之和为 {rhs}", f"its row's total is {lhs} but the applicant columns sum to {rhs}"
    if identity.kind is Kind.RESULTS_SUM:
        if is_total:
            return f"各办理结果之和为 {rhs}", f"the results in its column sum to {rhs}"
        return (
            f"本列（七）总计为 {lhs}，各办理结果之和为 {rhs}",
            f"its column's processed total is {lhs} but the results sum to {rhs}",
        )
    if identity.kind is Kind.BALANCE:
        return (
            f"本列一+二 = {lhs}，（七）总计+四 = {rhs}",
            f"in its column new + carried over = {lhs} but processed + carried forward = {rhs}",
        )
    if is_total:
        return f"各结果之和为 {rhs}", f"the results of its block sum to {rhs}"
    return f"总计为 {lhs}，各结果之和为 {rhs}", f"its block's total is {lhs} but the results sum to {rhs}"


def _correction_finding(correction: Correction, others: Sequence[Correction], spec: Template) -> Finding:
    label = cell_label(correction.key, spec)
    reasons = [_reason(e.identity, e, correction.key) for e in correction.fixes]
    blanks = sorted({key for e in correction.fixes for key in e.blanks})
    note_zh, note_en = _blank_note(blanks)
    if others:
        also_zh = "与" + "、".join(cell_label(o.key, spec) for o in others) + "一并更正后各式均成立"
        also_en = "together with " + ", ".join(o.key for o in others) + ", every identity then holds"
    else:
        also_zh, also_en = "只改这一格即可使各式成立", "this one change makes every identity hold"
    zh = (
        f"{label}: 印为 {_show(correction.printed)}，" + "；".join(r[0] for r in reasons)
        + f"。应为 {correction.expected}（{also_zh}）{note_zh}"
    )
    en = (
        f"{correction.key}: printed {_show_en(correction.printed)}, but " + "; ".join(r[1] for r in reasons)
        + f". Expected {correction.expected} ({also_en}){note_en}"
    )
    cells = (correction.key,) + tuple(o.key for o in others)
    return Finding(
        "identities", Severity.ERROR, zh, en, cells, correction.expected, correction.printed, correction.key
    )


def _identity_finding(evaluation: Evaluation, spec: Template) -> Finding:
    identity = evaluation.identity
    note_zh, note_en = _blank_note(evaluation.blanks)
    lhs, rhs = _show(evaluation.lhs), _show(evaluation.rhs)
    if identity.kind is Kind.BALANCE:
        column = identity.lhs[0].rsplit(".", 1)[1]
        column_label = cell_label(identity.lhs[0], spec).rsplit("·", 1)[1]
        zh = f"表三「{column_label}」列: 一+二 = {lhs}，（七）总计+四 = {rhs}，二者应相等{note_zh}"
        en = f"requests, column {column}: new + carried over = {lhs} but processed + carried forward = {rhs}{note_en}"
    else:
        key = identity.lhs[0]
        # a total left blank is counted as 0 in the sum, but it was printed blank
        printed = None if key in evaluation.blanks else evaluation.lhs
        reason_zh, reason_en = _reason(identity, evaluation, key)
        zh = f"{cell_label(key, spec)}: 印为 {_show(printed)}，{reason_zh}{note_zh}"
        en = f"{key}: printed {_show_en(printed)}, but {reason_en}{note_en}"
        return Finding("identities", Severity.ERROR, zh, en, identity.keys, evaluation.rhs, printed)  # type: ignore[arg-type]
    return Finding(
        "identities", Severity.ERROR, zh, en, identity.keys, evaluation.rhs, evaluation.lhs  # type: ignore[arg-type]
    )


@lru_cache(maxsize=None)
def _hard_identities_by_table(template_id: str) -> tuple[str, ...] | None:
    """The tables whose identities are every hard identity of a template (each once), or
    None if some identity spans tables (then none can be counted table by table)."""
    hard = [identity for identity in identities(template_id) if not identity.soft]
    tables = tuple(table.key for table in template(template_id).tables)
    by_table = [identity for key in tables for identity in table_identities(template_id, key)]
    return tables if sorted(i.id for i in by_table) == sorted(i.id for i in hard) else None


def _check_identities(report: Report, options: Options) -> Iterator[Finding]:
    spec = report.template_spec
    tables = _hard_identities_by_table(spec.id)
    if options.blank_as_zero and tables is not None:
        # the common case, a report whose identities all hold, told by counting them at once
        if not any(count_holding(report.cells, spec.id, key)[1] for key in tables):
            return
    evaluations = [
        evaluate(i, report.cells, blank_as_zero=options.blank_as_zero) for i in identities(spec.id) if not i.soft
    ]
    if not any(e.outcome is Outcome.FAILS for e in evaluations):
        return
    corrections = locate(report.cells, spec.id, blank_as_zero=options.blank_as_zero)
    if corrections:
        for correction in corrections:
            others = [c for c in corrections if c is not correction]
            yield _correction_finding(correction, others, spec)
        return
    for evaluation in evaluations:
        if evaluation.outcome is Outcome.FAILS:
            yield _identity_finding(evaluation, spec)


# =========================================================================== the other rules


@lru_cache(maxsize=None)
def _value_kinds(spec: Template) -> tuple[ValueKind, ...]:
    """The column kind of every cell of a template, in its cell order."""
    return tuple(spec.column(key).kind for key in spec.cell_keys())


def _check_values(report: Report, options: Options) -> Iterator[Finding]:
    """Counts are non-negative integers, 本年增/减 an integer, money a non-negative decimal."""
    if _plainly_right(report):
        return  # the common report: nothing for the cell by cell look below to find
    yield from _value_findings(report)


def _plainly_right(report: Report) -> bool:
    """Every count a non-negative integer, every 本年增/减 an integer, every amount a
    non-negative number, every unit a money unit, or none: a report :func:`_value_findings`
    finds nothing in, told by C-level passes over its values (a cell without a number
    always has the value None)."""
    counts_of, signed_of, money_of, units_of = _value_getters(report.template_spec)
    values = list(map(cell_value, report.cells.values()))
    counts, money = counts_of(values), money_of(values)
    return (
        _INT_OR_NONE.issuperset(map(type, counts))  # (a bool, a Decimal, a text: look closer)
        and _INT_OR_NONE.issuperset(map(type, signed_of(values)))
        and _NUMBER_OR_NONE.issuperset(map(type, money))
        and min(filter(None, counts), default=0) >= 0  # (filter(None): no None, and no 0 either)
        and min(filter(None, money), default=0) >= 0
        and _UNIT_OR_NONE.issuperset(units_of(values))
    )


_INT_OR_NONE = frozenset({int, type(None)})
_NUMBER_OR_NONE = frozenset({int, Decimal, type(None)})
_UNIT_OR_NONE = frozenset({None, *MONEY_UNITS})
_Getter = Callable[[Sequence[object]], Sequence[object]]


@lru_cache(maxsize=None)
def _value_getters(spec: Template) -> tuple[_Getter, _Getter, _Getter, _Getter]:
    """Getters, from a report's values in cell order, of its counts', its 本年增/减', its
    amounts' and its units'."""
    kinds = _value_kinds(spec)
    return tuple(  # type: ignore[return-value]
        picker([at for at, of_kind in enumerate(kinds) if of_kind is kind])
        for kind in (ValueKind.COUNT, ValueKind.SIGNED, ValueKind.MONEY, ValueKind.UNIT)
    )


def _value_findings(report: Report) -> Iterator[Finding]:
    """:func:`_check_values`, cell by cell."""
    spec = report.template_spec
    unit = ValueKind.UNIT
    for (key, cell), kind in zip(report.iter_cells(), _value_kinds(spec)):
        if cell.status is not Status.NUMBER and cell.status is not Status.INFERRED:  # no value
            continue
        value = cell.value
        if value.__class__ is int and value >= 0 and kind is not unit:
            continue  # the common cell: a non-negative integer is right for every kind of number
        if kind is ValueKind.UNIT:
            if value not in MONEY_UNITS:
                label = cell_label(key, spec)
                yield Finding("values", Severity.ERROR, f"{label}: 单位应为 元 或 万元，而为 {value}",
                              f"{key}: the unit must be 元 or 万元, not {value}", (key,))
            continue
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            label = cell_label(key, spec)
            yield Finding("values", Severity.ERROR, f"{label}: 不是数值（{value!r}）", f"{key}: not a number ({value!r})", (key,))
            continue
        if kind in (ValueKind.COUNT, ValueKind.SIGNED) and not isinstance(value, int):
            label = cell_label(key, spec)
            yield Finding("values", Severity.ERROR, f"{label}: 印为 {_show(value)}，件数应为整数",
                          f"{key}: printed {_show_en(value)}, a count must be an integer", (key,), printed=value)
        elif kind in (ValueKind.COUNT, ValueKind.MONEY) and value < 0:
            what_zh, what_en = ("金额", "an amount") if kind is ValueKind.MONEY else ("件数", "a count")
            label = cell_label(key, spec)
            yield Finding("values", Severity.ERROR, f"{label}: 印为 {_show(value)}，{what_zh}不能为负",
                          f"{key}: printed {_show_en(value)}, {what_en} cannot be negative", (key,), printed=value)


def _keys_with_status(cells: Mapping[str, Cell], keys: Sequence[str], status: Status) -> tuple[str, ...]:
    """Those of ``keys`` whose cell has this status, in order. (Looked up and compared from
    C: two rules ask it of every table of every report, and most tables have none.)"""
    statuses = list(map(cell_status, map(cells.get, keys)))
    if status not in statuses:
        return ()
    return tuple(compress(keys, map(status.__eq__, statuses)))


def _check_tables(report: Report, options: Options) -> Iterator[Finding]:
    """Each of the three tables is present; the cells still missing are listed."""
    spec = report.template_spec
    for table in spec.tables:
        keys = table.cell_keys()
        missing = _keys_with_status(report.cells, keys, Status.MISSING)
        if len(missing) == len(keys):
            yield Finding("tables", Severity.ERROR, f"表{table.number}「{table.title}」缺失或无法读取",
                          f"table {table.key} ({table.title}) is absent or could not be read", keys)
        elif missing:
            shown = "、".join(cell_label(key, spec) for key in missing[:3]) + ("等" if len(missing) > 3 else "")
            yield Finding("tables", Severity.WARNING, f"表{table.number}有 {len(missing)} 个单元格未能读出：{shown}",
                          f"table {table.key}: {len(missing)} cell(s) could not be read: {', '.join(missing[:3])}"
                          + (" ..." if len(missing) > 3 else ""), missing)


def _check_sections(report: Report, options: Options) -> Iterator[Finding]:
    """The prose sections (一、五、六) are present."""
    for section in SECTIONS:
        if section.key in PROSE_SECTION_KEYS and getattr(report.text, section.key) is None:
            yield Finding("sections", Severity.WARNING, f"未找到第{section.number}部分「{section.title}」",
                          f"section {section.number} ({section.key}, {section.title}) not found")


def _check_unplaced(report: Report, options: Options) -> Iterator[Finding]:
    """Values read in the source that could not be put in cells."""
    if report.provenance is None:
        return
    spec = report.template_spec
    for row in report.provenance.unplaced:
        try:
            table = spec.table(row.table)
            keys = tuple(f"{row.table}.{slot}.{c.key}" for slot in row.slots for c in table.row(slot).columns)
        except KeyError:
            keys = ()
        number = table.number if keys else "?"
        values = " ".join("_" if is_empty_text(text) else text for text in row.values)  # _ : an empty cell
        yield Finding("unplaced", Severity.WARNING,
                      f"第 {row.line} 行的数值（{values}）未能放入表{number}，相应单元格记为缺失",
                      f"line {row.line}: values ({values}) could not be placed in table {row.table} ({row.reason})", keys)


def _check_inferred(report: Report, options: Options) -> Iterator[Finding]:
    """Cells not printed but derived from the identities, one finding per table."""
    spec = report.template_spec
    for table in spec.tables:
        keys = _keys_with_status(report.cells, table.cell_keys(), Status.INFERRED)
        if keys:
            yield Finding("inferred", Severity.INFO, f"表{table.number}有 {len(keys)} 个单元格由勾稽关系推得（原文缺失或错位）",
                          f"table {table.key}: {len(keys)} cell(s) inferred from the identities (lost or misplaced in the source)", keys)


def _check_template_year(report: Report, options: Options) -> Iterator[Finding]:
    """The template fits the reporting year (2019 版 for 2019-2020, 2021 版 from 2021)."""
    year, used = report.meta.year, report.meta.template
    if year is None:
        return
    if used == "2019" and year >= 2021:
        yield Finding("template_year", Severity.WARNING,
                      f"{year} 年度报告使用了 2019 年版表格（国办公开办函〔2019〕60号）；2021 年度起应使用 2021 年版（国办公开办函〔2021〕30号）",
                      f"a report for {year} uses the 2019 template; reports for 2021 onwards use the 2021 template")
    elif used == "2021" and year <= 2020:
        yield Finding("template_year", Severity.WARNING,
                      f"报告年度为 {year}，却使用 2021 年版表格（该版自 2021 年度起施行）；请核对年度",
                      f"a report for {year} uses the 2021 template, which applies from 2021: check the year")
    elif year < 2019:
        yield Finding("template_year", Severity.WARNING,
                      f"报告年度为 {year}：2019 年度以前的报告不使用这两种表格",
                      f"a report for {year}: neither template applies before 2019")


def _check_prose(report: Report, options: Options) -> Iterator[Finding]:
    """Numbers the prose restates (共收到申请N件, 结转下年度J件, 行政复议N件) agree with the tables."""
    text = "\n".join(t for t in (report.text.overview, report.text.problems, report.text.other_matters) if t)
    seen = set()
    for restated in find_restatements(text):
        rule = restated.restatement
        if (rule.id, restated.value) in seen:
            continue
        seen.add((rule.id, restated.value))
        sums = [_sum(report.cells, keys, options) for keys in rule.readings]
        if any(s is None for s in sums) or restated.value in sums:
            continue
        key = rule.readings[0][0]
        table_value = sums[0]
        yield Finding("prose", Severity.WARNING,
                      f"正文「{restated.phrase}」与表格不符：{cell_label(key, report.template_spec)} 为 {_show(table_value)}",
                      f"the prose says \u201c{restated.phrase}\u201d but {key} is {_show_en(table_value)}",
                      tuple(k for keys in rule.readings for k in keys), table_value, restated.value)


def _sum(cells: Mapping[str, Cell], keys: Sequence[str], options: Options) -> Number | None:
    total: Number = 0
    for key in keys:
        cell = cells.get(key)
        if cell is None or cell.status in (Status.MISSING, Status.NOT_APPLICABLE):
            return None
        if cell.status is Status.BLANK:
            if not options.blank_as_zero:
                return None
            continue
        if not isinstance(cell.value, (int, Decimal)):
            return None
        total += cell.value
    return total


#: The built-in rules, in the order their findings are listed.
BUILTIN_RULES: tuple[Rule, ...] = (
    Rule("tables", "Each of the three tables is present; cells that could not be read are listed", Severity.ERROR, _check_tables),
    Rule("identities", "The accounting identities (勾稽关系) hold; the smallest correction is located", Severity.ERROR, _check_identities),
    Rule("values", "Counts are non-negative integers (本年增/减 may be negative); money is a non-negative decimal", Severity.ERROR, _check_values),
    Rule("template_year", "The template fits the reporting year", Severity.WARNING, _check_template_year),
    Rule("sections", "The prose sections are present", Severity.WARNING, _check_sections),
    Rule("unplaced", "Every value read in the tables was placed in a cell", Severity.WARNING, _check_unplaced),
    Rule("prose", "Numbers restated in the prose agree with the tables", Severity.WARNING, _check_prose),
    Rule("inferred", "Cells derived from the identities rather than printed", Severity.INFO, _check_inferred),
)

#: The rules of :func:`validate_series` (switched off by id like the others).
SERIES_RULE_IDS: tuple[str, ...] = ("series.carry_over", "series.stock_flow")


# =========================================================================== entry points


def list_rules(host: object | None = None) -> tuple[Rule, ...]:
    """The built-in rules and the installed plugins' rules; raises RuleError on a duplicate id."""
    if host is None:
        from govinfo.pipeline import default_host  # late: the pipeline imports this package's parts

        host = default_host()
    found = list(BUILTIN_RULES)
    for rule in host.validation_rules():  # type: ignore[attr-defined]
        if not isinstance(rule, Rule):
            raise RuleError(f"a govinfo_validation_rules hook returned {rule!r}, not a govinfo.Rule")
        found.append(rule)
    return _unique(found)


def _unique(found: Iterable[Rule]) -> tuple[Rule, ...]:
    seen: dict[str, Rule] = {}
    for rule in found:
        if rule.id in seen or rule.id in SERIES_RULE_IDS:
            raise RuleError(f"two validation rules have the id {rule.id!r}")
        seen[rule.id] = rule
    return tuple(seen.values())


def validate(
    report: Report,
    *,
    rules: Sequence[Rule] | None = None,
    disabled: Iterable[str] = (),
    blank_as_zero: bool = True,
    host: object | None = None,
) -> tuple[Finding, ...]:
    """Every finding about one report, errors and warnings and infos, rule by rule.

    ``rules`` defaults to the built-in rules plus those of the installed plugins (from
    ``host``, or the default host); ``disabled`` switches rules off by id (an unknown id
    raises :class:`~govinfo.errors.RuleError`, so a typo does not pass silently).
    """
    chosen = _unique(rules) if rules is not None else list_rules(host)
    off = set(disabled)
    unknown = off - {rule.id for rule in chosen} - set(SERIES_RULE_IDS)
    if unknown:
        raise RuleError(f"unknown rule id(s) {sorted(unknown)}; known: {', '.join(r.id for r in chosen)}")
    options = Options(blank_as_zero=blank_as_zero)
    findings: list[Finding] = []
    for rule in chosen:
        if rule.id in off:
            continue
        if any(rule is builtin for builtin in BUILTIN_RULES):
            findings.extend(rule.function(report, options))
            continue
        try:  # a third party's broken rule is reported as such, never as a traceback from inside
            findings.extend(rule.function(report, options))
        except Exception as error:
            raise PluginError(f"rule {rule.id}", "govinfo_validation_rules", error) from error
    return tuple(findings)


def validate_series(
    reports: Iterable[Report], *, disabled: Iterable[str] = (), blank_as_zero: bool = True
) -> tuple[Finding, ...]:
    """Cross-year findings for one agency's reports (any order; years need not be complete).

    For each pair of consecutive years: each column's 四、结转下年度继续办理 of year t-1
    must equal 二、上年结转 of year t (``series.carry_over``, an error), and, when both
    use template 2021, 现行有效件数 should follow 上年 + 制发 − 废止 (``series.stock_flow``,
    a warning: documents also expire without being repealed). Within-report findings
    come from :func:`validate`. Raises SeriesError when the reports are not one series.
    """
    ordered = sorted(reports, key=lambda r: (r.meta.year is None, r.meta.year or 0))
    if any(r.meta.year is None for r in ordered):
        raise SeriesError("every report of a series needs its year (meta.year)")
    agencies = {r.meta.agency for r in ordered if r.meta.agency}
    if len(agencies) > 1:
        raise SeriesError(f"a series is one agency's reports, not {sorted(agencies)}")
    years = [r.meta.year for r in ordered]
    if len(set(years)) != len(years):
        raise SeriesError(f"a year appears twice in the series: {years}")
    off = set(disabled)
    unknown = off - set(SERIES_RULE_IDS)
    if unknown:
        raise RuleError(f"unknown series rule id(s) {sorted(unknown)}; known: {', '.join(SERIES_RULE_IDS)}")
    findings: list[Finding] = []
    for prior, current in zip(ordered, ordered[1:]):
        if current.meta.year != prior.meta.year + 1:  # type: ignore[operator]
            continue
        cells = series_cells(prior.cells, current.cells)
        for identity in series_identities(prior.meta.template, current.meta.template):
            rule_id = "series.stock_flow" if identity.soft else "series.carry_over"
            if rule_id in off:
                continue
            evaluation = evaluate(identity, cells, blank_as_zero=blank_as_zero)
            if evaluation.outcome is Outcome.FAILS:
                findings.append(_series_finding(evaluation, prior, current))
    return tuple(findings)


def _series_finding(evaluation: Evaluation, prior: Report, current: Report) -> Finding:
    identity = evaluation.identity
    spec = current.template_spec
    years = f"{prior.meta.year}→{current.meta.year}"
    note_zh, note_en = _blank_note(evaluation.blanks)
    if identity.kind is Kind.CARRY_OVER:
        key = identity.rhs[0]
        was, now = evaluation.lhs, evaluation.rhs
        zh = (f"{current.meta.year} 年{cell_label(key, spec)}: 印为 {_show(now)}，"
              f"{prior.meta.year} 年报告的「四、结转下年度继续办理」为 {_show(was)}{note_zh}")
        en = (f"{current.meta.year} {key}: printed {_show_en(now)}, but the {prior.meta.year} report carried "
              f"{_show_en(was)} forward ({years}){note_en}")
        return Finding("series.carry_over", Severity.ERROR, zh, en, (key, identity.lhs[0][len("prior."):]), was, now, key)
    key = identity.lhs[0]
    in_force = _cell_number(current.cells.get(key)) or 0
    expected = in_force - evaluation.lhs + evaluation.rhs  # type: ignore[operator]
    zh = (f"{current.meta.year} 年{cell_label(key, spec)}: 印为 {_show(in_force)}，按上年现行有效 + 本年制发 − 本年废止应为 "
          f"{_show(expected)}（文件也会自然失效，仅作提示）{note_zh}")
    en = (f"{current.meta.year} {key}: printed {_show_en(in_force)}, prior year's in force + issued − repealed gives "
          f"{_show_en(expected)} (documents also expire unrepealed: a hint, not an error){note_en}")
    return Finding("series.stock_flow", Severity.WARNING, zh, en, (key,), expected, in_force)
