"""The accounting identities (勾稽关系) as data, generated from the templates.

One definition serves the parse scorer, inference and validation. An identity says
``sum(lhs) == sum(rhs)`` over canonical cell keys (FORMAT.md section 4).

Besides the within-report identities this module holds the cross-year ones (keys of the
prior year's report carry the :data:`PRIOR` prefix), which cells must be non-negative,
and the prose sentences that restate table cells (FORMAT.md section 4, items 5-8).
"""

from __future__ import annotations

import operator
import re
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from itertools import compress, repeat
from typing import Any, Callable, Mapping, NamedTuple, Sequence

import attrs

from govinfo.model import MISSING, Cell, Status, cell_status, cell_value
from govinfo.template import APPEAL_COLUMNS, REQUEST_COLUMNS, ValueKind, template

#: Table 3 rows that are not results of handling (the rest are summed by （七）总计).
_NOT_RESULTS = ("new_received", "carried_over", "processed_total", "carried_forward")


class Kind(str, Enum):
    ROW_SUM = "row_sum"  #: 总计 column = the six applicant columns
    RESULTS_SUM = "results_sum"  #: （七）总计 = every result row
    BALANCE = "balance"  #: 一 + 二 = （七）总计 + 四
    APPEALS_SUM = "appeals_sum"  #: each appeal block's 总计 = its four results
    CARRY_OVER = "carry_over"  #: 四 of year t-1 = 二 of year t
    STOCK_FLOW = "stock_flow"  #: in_force(t) = in_force(t-1) + issued(t) − repealed(t) (soft)


@attrs.frozen
class Identity:
    """``sum(lhs) == sum(rhs)`` over cells."""

    id: str
    kind: Kind
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    formula_zh: str
    #: A soft identity may fail for lawful reasons (documents expire without 废止):
    #: its failure is a warning, never an error, and inference never relies on it.
    soft: bool = False
    #: Every cell key of the identity, left side first.
    keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    #: (key, coefficient) of every cell, as :meth:`coefficient` gives them (inference sums
    #: these for every identity of every placement it tries).
    terms: tuple[tuple[str, int], ...] = attrs.field(init=False, eq=False, repr=False)

    @keys.default
    def _all_keys(self) -> tuple[str, ...]:
        return self.lhs + self.rhs

    @terms.default
    def _all_terms(self) -> tuple[tuple[str, int], ...]:
        return tuple((key, self.coefficient(key)) for key in self.keys)

    def coefficient(self, key: str) -> int:
        """+1 for a key on the left, −1 on the right, 0 when the key is not in the identity."""
        return (key in self.lhs) - (key in self.rhs)


class Outcome(str, Enum):
    HOLDS = "holds"
    FAILS = "fails"
    UNASSESSABLE = "unassessable"


@attrs.frozen
class Evaluation:
    identity: Identity
    outcome: Outcome
    lhs: int | Decimal | None = None
    rhs: int | Decimal | None = None
    blanks: tuple[str, ...] = ()  #: cells counted as 0 because they were blank


def _column_labels() -> dict[str, str]:
    return {column.key: column.label for column in REQUEST_COLUMNS}


@lru_cache(maxsize=None)
def identities(template_id: str) -> tuple[Identity, ...]:
    """Every within-report identity of a template, in a stable order."""
    spec = template(template_id)
    requests = spec.table("requests")
    labels = _column_labels()
    parts = [column.key for column in REQUEST_COLUMNS if column.key != "total"]
    result: list[Identity] = []
    for row in requests.rows:
        result.append(
            Identity(
                f"requests.row_sum.{row.key}",
                Kind.ROW_SUM,
                (f"requests.{row.key}.total",),
                tuple(f"requests.{row.key}.{part}" for part in parts),
                f"表三「{row.label}」行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            )
        )
    results = [row.key for row in requests.rows if row.key not in _NOT_RESULTS]
    for column in REQUEST_COLUMNS:
        result.append(
            Identity(
                f"requests.results_sum.{column.key}",
                Kind.RESULTS_SUM,
                (f"requests.processed_total.{column.key}",),
                tuple(f"requests.{key}.{column.key}" for key in results),
                f"表三「{labels[column.key]}」列：（七）总计 = 各项办理结果之和",
            )
        )
    for column in REQUEST_COLUMNS:
        result.append(
            Identity(
                f"requests.balance.{column.key}",
                Kind.BALANCE,
                (f"requests.new_received.{column.key}", f"requests.carried_over.{column.key}"),
                (f"requests.processed_total.{column.key}", f"requests.carried_forward.{column.key}"),
                f"表三「{labels[column.key]}」列：一 + 二 = 三（七）总计 + 四",
            )
        )
    for row in spec.table("appeals").rows:
        result.append(
            Identity(
                f"appeals.sum.{row.key}",
                Kind.APPEALS_SUM,
                (f"appeals.{row.key}.total",),
                tuple(f"appeals.{row.key}.{c.key}" for c in APPEAL_COLUMNS if c.key != "total"),
                f"表四「{row.label}」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            )
        )
    return tuple(result)


_NUMBER, _INFERRED, _BLANK = Status.NUMBER, Status.INFERRED, Status.BLANK


def sums(
    identity: Identity, cells: Mapping[str, Cell], *, blank_as_zero: bool = True
) -> tuple[int | Decimal, int | Decimal, tuple[str, ...]] | None:
    """(left sum, right sum, blank keys counted as 0), or None when the identity cannot be
    assessed: a cell missing, not applicable, or blank when blanks do not count as 0."""
    blanks: list[str] = []
    totals: list[int | Decimal] = []
    get = cells.get
    for side in (identity.lhs, identity.rhs):
        total: int | Decimal = 0
        for key in side:
            cell = get(key)
            if cell is None:
                return None
            status = cell.status
            if status is _NUMBER or status is _INFERRED:
                total += cell.value  # type: ignore[operator]
            elif status is _BLANK and blank_as_zero:
                blanks.append(key)
            else:  # missing, not applicable, or a blank that does not count
                return None
        totals.append(total)
    return totals[0], totals[1], tuple(blanks)


def evaluate(identity: Identity, cells: Mapping[str, Cell], *, blank_as_zero: bool = True) -> Evaluation:
    """Whether an identity holds over some cells.

    Blank cells count as 0 when ``blank_as_zero`` (and are listed); a missing or
    not-applicable cell makes the identity unassessable, never failed.
    """
    found = sums(identity, cells, blank_as_zero=blank_as_zero)
    if found is None:
        return Evaluation(identity, Outcome.UNASSESSABLE)
    lhs, rhs, blanks = found
    return Evaluation(identity, Outcome.HOLDS if lhs == rhs else Outcome.FAILS, lhs, rhs, blanks)


def fails(identity: Identity, cells: Mapping[str, Cell], *, blank_as_zero: bool = True) -> bool:
    """Whether an identity is assessable over some cells and does not hold: the outcome
    ``FAILS`` of :func:`evaluate`, without building the evaluation (inference asks this of
    every placement it tries)."""
    residual: int | Decimal = 0  # lhs − rhs, in one pass over the identity's terms
    get = cells.get
    for key, coefficient in identity.terms:
        cell = get(key)
        if cell is None:
            return False
        status = cell[1]
        if status is _NUMBER or status is _INFERRED:
            residual += coefficient * cell[0]
        elif status is not _BLANK or not blank_as_zero:  # missing, not applicable, a blank not counted
            return False
    return residual != 0


@lru_cache(maxsize=None)
def table_identities(template_id: str, table_key: str) -> tuple[Identity, ...]:
    """The identities whose cells are all in one table."""
    prefix = table_key + "."
    return tuple(i for i in identities(template_id) if all(key.startswith(prefix) for key in i.keys))


_Side = Callable[[Sequence[Any]], Sequence[Any]]


class _TableSums(NamedTuple):
    """A table's identities compiled for :func:`count_holding`."""

    keys: tuple[str, ...]  #: every key the identities use, once
    cells_of: Callable[[Mapping[str, Cell]], Sequence[Cell]] | None  #: the cells at ``keys``, in one C call
    #: for each identity, a getter of each side's numbers by their positions among ``keys``
    #: (always a sequence; a slice where the positions run on)
    lhs: tuple[_Side, ...]
    rhs: tuple[_Side, ...]
    #: How many of the identities hold over numbers that are all there (no None): one
    #: compiled expression, :func:`_compile_held`.
    held: Callable[[Sequence[Any]], int]


@lru_cache(maxsize=None)
def _table_sums(template_id: str, table_key: str) -> _TableSums:
    rules = table_identities(template_id, table_key)
    keys = tuple(dict.fromkeys(key for identity in rules for key in identity.keys))
    position = {key: index for index, key in enumerate(keys)}

    def side(cell_keys: tuple[str, ...]) -> _Side:
        at = [position[key] for key in cell_keys]
        if at == list(range(at[0], at[0] + len(at))):
            return operator.itemgetter(slice(at[0], at[0] + len(at)))
        return operator.itemgetter(*at)

    return _TableSums(
        keys,
        operator.itemgetter(*keys) if len(keys) > 1 else None,
        tuple(side(identity.lhs) for identity in rules),
        tuple(side(identity.rhs) for identity in rules),
        _compile_held(rules, position),
    )


def _compile_held(rules: Sequence[Identity], position: Mapping[str, int]) -> Callable[[Sequence[Any]], int]:
    """One function counting the identities that hold over numbers at ``position``:
    ``(n[0] - (n[1] + n[2]) == 0) + (n[3] - (...) == 0) + ...``, compiled once per table.

    The scorer counts every table of every candidate; one expression of indexes and
    additions runs about five times faster than a getter and a ``sum`` per side. Every
    number stands in a subtraction, so a None among them (a cell without a number) raises
    TypeError rather than count: the caller needs no look for None first. The source
    holds nothing but integer positions, from the identities themselves.
    """

    def total(keys: Sequence[str]) -> str:
        return " + ".join(f"n[{position[key]:d}]" for key in keys) or "0"

    verdicts = " + ".join(f"({total(rule.lhs)} - ({total(rule.rhs)}) == 0)" for rule in rules) or "0"
    namespace: dict[str, Any] = {}
    exec(f"def held(n):\n    return {verdicts}\n", namespace)  # noqa: S102 (positions only)
    return namespace["held"]  # type: ignore[no-any-return]


#: The last count: the table's compiled identities, the very cells counted over, and
#: (held, failed). Competing layouts' candidates for a section mostly share their cells
#: (:func:`govinfo.tables.read_table` builds a reading once), so the scorer counts them once.
_last_counted: tuple[Any, Sequence[Cell], tuple[int, int]] = (None, (), (0, 0))


def count_holding(cells: Mapping[str, Cell], template_id: str, table_key: str) -> tuple[int, int]:
    """(held, failed): how many of a table's identities hold over some cells and how many
    fail, blanks counting as 0; the unassessable ones are in neither count.

    The same verdicts as :func:`sums` with ``blank_as_zero``, for every identity of a table
    at once: each cell is looked up and read once, not once per identity that sums it (the
    scorer runs this for every candidate of every table).
    """
    global _last_counted
    compiled = _table_sums(template_id, table_key)
    if not compiled.lhs:
        return 0, 0
    found = _found(cells, compiled)
    last_compiled, last_found, counts = _last_counted  # one read of the global: a thread may replace it
    if last_compiled is compiled and found == last_found:  # (equal cells count alike; mostly the same ones)
        return counts
    counts = _counts(compiled, found)
    _last_counted = (compiled, found, counts)
    return counts


def _counts(compiled: _TableSums, found: Sequence[Cell]) -> tuple[int, int]:
    """(held, failed) of a table's compiled identities over its cells (at ``compiled.keys``)."""
    values = list(map(cell_value, found))
    try:
        held = compiled.held(values)  # every cell a number (the common case)
    except _NO_NUMBER:  # a cell without a number: a blank counts as 0, the rest are unassessable
        return _counts_one_by_one(compiled, _blanks_as_zero(found, values))
    return held, len(compiled.lhs) - held


#: What arithmetic on a value that is no number raises: None (a cell without a number),
#: or a value a third party's layout got wrong (a text; a Decimal that signals).
_NO_NUMBER = (TypeError, ArithmeticError)


def _counts_one_by_one(compiled: _TableSums, numbers: list[Any]) -> tuple[int, int]:
    """(held, failed) over numbers some of which may be None, or no numbers at all: their
    identities are in neither count."""
    if None not in numbers:  # only blanks were without a number
        try:
            held = compiled.held(numbers)
        except _NO_NUMBER:
            pass  # a value that is no number: each identity on its own, below
        else:
            return held, len(compiled.lhs) - held
    held = failed = 0
    for lhs, rhs in zip(compiled.lhs, compiled.rhs):
        left, right = lhs(numbers), rhs(numbers)
        if None in left or None in right:
            continue  # a cell missing or not applicable: unassessable
        try:
            holds = sum(left) == sum(right)
        except _NO_NUMBER:
            continue  # a value that is no number: unassessable
        held += holds
        failed += not holds
    return held, failed


def _found(cells: Mapping[str, Cell], compiled: _TableSums) -> Sequence[Cell]:
    """The cells at the compiled keys (missing where not read at all)."""
    if cells.__class__ is not dict:  # a report's CellMap: its get is the dict's, its [] Python
        return list(map(cells.get, compiled.keys, repeat(MISSING)))
    try:
        return compiled.cells_of(cells) if compiled.cells_of is not None else [cells[compiled.keys[0]]]
    except KeyError:  # a cell not read at all
        return [cells.get(key, MISSING) for key in compiled.keys]


def _blanks_as_zero(found: Sequence[Cell], values: list[Any]) -> list[Any]:
    """The identities' number of each cell, from its value: a blank counts as 0, and the
    cells without a number (missing, not applicable) stay None, unassessable."""
    statuses = list(map(cell_status, found))
    if _BLANK in statuses:  # (found by equality: an Enum hashes in Python)
        for at in compress(range(len(statuses)), map(_BLANK.__eq__, statuses)):
            values[at] = 0
    return values


def evaluate_all(template_id: str, cells: Mapping[str, Cell], *, blank_as_zero: bool = True) -> list[Evaluation]:
    return [evaluate(identity, cells, blank_as_zero=blank_as_zero) for identity in identities(template_id)]


# --------------------------------------------------------------------------- non-negativity

#: Column kinds whose values can never be negative (a count, an amount of money).
_NON_NEGATIVE = (ValueKind.COUNT, ValueKind.MONEY)


@lru_cache(maxsize=None)
def non_negative_keys(template_id: str) -> frozenset[str]:
    """Cells that hold counts or money, never negative (2019's 本年增/减 is signed)."""
    spec = template(template_id)
    return frozenset(key for key in spec.cell_keys() if spec.column(key).kind in _NON_NEGATIVE)


# --------------------------------------------------------------------------- across years

#: Prefix of the prior year's keys in a cross-year identity (``prior.requests.carried_forward.total``).
PRIOR = "prior."


@lru_cache(maxsize=None)
def series_identities(prior_template: str, current_template: str) -> tuple[Identity, ...]:
    """The identities between one agency's report for year t-1 and year t.

    Carry-over (每列 四 of t-1 = 二 of t) holds across templates; the stock-flow rule
    exists only when both years use template 2021, and is soft.
    """
    labels = _column_labels()
    result = [
        Identity(
            f"series.carry_over.{column.key}",
            Kind.CARRY_OVER,
            (f"{PRIOR}requests.carried_forward.{column.key}",),
            (f"requests.carried_over.{column.key}",),
            f"表三「{labels[column.key]}」列：上年报告「四、结转下年度继续办理」= 本年报告「二、上年结转」",
        )
        for column in REQUEST_COLUMNS
    ]
    if prior_template == current_template == "2021":
        for row in template("2021").table("active").rows:
            if not any(column.key == "in_force" for column in row.columns):
                continue
            result.append(
                Identity(
                    f"series.stock_flow.{row.key}",
                    Kind.STOCK_FLOW,
                    (f"active.{row.key}.in_force", f"active.{row.key}.repealed"),
                    (f"{PRIOR}active.{row.key}.in_force", f"active.{row.key}.issued"),
                    f"表二「{row.label}」：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
                    soft=True,
                )
            )
    return tuple(result)


def series_cells(prior: Mapping[str, Cell], current: Mapping[str, Cell]) -> dict[str, Cell]:
    """The cells a cross-year identity is evaluated over: the current year's, and the prior's prefixed."""
    cells = dict(current)
    cells.update((PRIOR + key, cell) for key, cell in prior.items())
    return cells


# --------------------------------------------------------------------------- prose restatements


@attrs.frozen
class Restatement:
    """A kind of prose sentence that restates a table cell (FORMAT.md section 4, item 7).

    ``pattern`` captures the number as group ``n`` (absent for phrases that say "none",
    which restate 0). The sentence agrees with the tables when the number equals the sum
    of the cells of any one of ``readings`` (a phrase like 共收到申请N件 may or may not
    include the requests carried over).
    """

    id: str
    pattern: "re.Pattern[str]"
    readings: tuple[tuple[str, ...], ...]
    description_zh: str
    #: Phrases matching this speak of a part (自然人申请3件, 其中...), not of the total.
    exclude: "re.Pattern[str] | None" = None


@attrs.frozen
class Restated:
    """One restating phrase found in the prose."""

    restatement: Restatement
    value: int
    phrase: str  #: the words as printed


# Bounded gaps ({0,N}) and no nested quantifiers: these run over arbitrary prose.
_NUM = r"(?P<n>\d{1,7})\s?(?:件|条|个|起|宗)"
_GAP = r"[^，,。；;！？\n（(]{0,12}?"
_NEW = ("requests.new_received.total",)
_NEW_AND_OVER = ("requests.new_received.total", "requests.carried_over.total")
_PART = re.compile(r"自然人|法人|企业|组织|机构|其中|依法|同比|上年|去年|累计")

RESTATEMENTS: tuple[Restatement, ...] = (
    Restatement(
        "new_received",
        re.compile(r"(?:新收|收到|受理|接收)" + _GAP + r"申请" + r"(?:数量)?(?:共计|共|合计)?\s?" + _NUM),
        (_NEW, _NEW_AND_OVER),
        "收到申请数",
        _PART,
    ),
    Restatement(
        "new_received_none",
        re.compile(r"(?:未|没有)(?:收到|受理)(?:政府)?(?:信息)?(?:公开)?(?:的)?申请"),
        (_NEW,),
        "未收到申请",
    ),
    Restatement(
        "carried_over",
        re.compile(r"上年(?:度)?结转" + _GAP + _NUM),
        (("requests.carried_over.total",),),
        "上年结转数",
    ),
    Restatement(
        "carried_forward",
        re.compile(_NUM + r"(?:申请)?(?:需|将|已)?(?:结转|截转|转入)(?:至|到)?下(?:一)?(?:个)?年"),
        (("requests.carried_forward.total",),),
        "结转下年度数",
    ),
    Restatement(
        "review",
        re.compile(r"行政复议" + r"(?:案件|申请)?(?:共|共计)?\s?" + _NUM),
        (("appeals.review.total",),),
        "行政复议数",
    ),
)


def find_restatements(text: str) -> list[Restated]:
    """Every phrase of ``text`` that restates a table cell, in text order per kind."""
    found = []
    for restatement in RESTATEMENTS:
        for match in restatement.pattern.finditer(text):
            if restatement.exclude is not None and restatement.exclude.search(match.group(0)):
                continue
            number = match.groupdict().get("n")
            found.append(Restated(restatement, int(number) if number else 0, match.group(0)))
    return found
