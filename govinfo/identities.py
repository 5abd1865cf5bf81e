"""The accounting identities (勾稽关系) as data, generated from the templates.

One definition serves the parse scorer, inference and validation. An identity says
``sum(lhs) == sum(rhs)`` over canonical cell keys (FORMAT.md section 4).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Mapping

import attrs

from govinfo.model import Cell, Status
from govinfo.template import APPEAL_COLUMNS, REQUEST_COLUMNS, template

#: Table 3 rows that are not results of handling (the rest are summed by （七）总计).
_NOT_RESULTS = ("new_received", "carried_over", "processed_total", "carried_forward")


class Kind(str, Enum):
    ROW_SUM = "row_sum"  #: 总计 column = the six applicant columns
    RESULTS_SUM = "results_sum"  #: （七）总计 = every result row
    BALANCE = "balance"  #: 一 + 二 = （七）总计 + 四
    APPEALS_SUM = "appeals_sum"  #: each appeal block's 总计 = its four results


@attrs.frozen
class Identity:
    """``sum(lhs) == sum(rhs)`` over cells."""

    id: str
    kind: Kind
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    formula_zh: str

    @property
    def keys(self) -> tuple[str, ...]:
        return self.lhs + self.rhs


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


def evaluate(identity: Identity, cells: Mapping[str, Cell], *, blank_as_zero: bool = True) -> Evaluation:
    """Whether an identity holds over some cells.

    Blank cells count as 0 when ``blank_as_zero`` (and are listed); a missing or
    not-applicable cell makes the identity unassessable, never failed.
    """
    blanks: list[str] = []
    sums: list[int | Decimal] = []
    for side in (identity.lhs, identity.rhs):
        total: int | Decimal = 0
        for key in side:
            cell = cells.get(key)
            if cell is None or cell.status in (Status.MISSING, Status.NOT_APPLICABLE):
                return Evaluation(identity, Outcome.UNASSESSABLE)
            if cell.status is Status.BLANK:
                if not blank_as_zero:
                    return Evaluation(identity, Outcome.UNASSESSABLE)
                blanks.append(key)
                continue
            total += cell.value  # type: ignore[operator]
        sums.append(total)
    outcome = Outcome.HOLDS if sums[0] == sums[1] else Outcome.FAILS
    return Evaluation(identity, outcome, sums[0], sums[1], tuple(blanks))


def evaluate_all(template_id: str, cells: Mapping[str, Cell], *, blank_as_zero: bool = True) -> list[Evaluation]:
    return [evaluate(identity, cells, blank_as_zero=blank_as_zero) for identity in identities(template_id)]
