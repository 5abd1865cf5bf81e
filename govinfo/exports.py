"""Exports of many reports: wide CSV, long CSV, JSON lines, Parquet.

The wide form is one row per report; its header is always the same, whatever the
reports' templates: ``source_path, template, agency, year`` and then every canonical key
of FORMAT.md (:func:`govinfo.template.all_flat_keys`, template 2021's first), so files
from different runs can be stacked. Decimals are written as printed (``0.741``); blank,
not-applicable and missing cells are empty — never 0 (the long form says which)::

    source_path,template,agency,year,meta.agency,meta.year,...,active.rules.issued,...
    examples/000.txt,2021,偏关县水泉镇人民政府,2023,偏关县水泉镇人民政府,2023,...,0,...

Every writer takes an iterable of ``(source path, report)`` and writes as it goes, so
memory stays flat however many reports there are.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any, Callable, Iterable, Iterator, TypeVar

from govinfo.errors import UnsupportedFormatError
from govinfo.model import Report
from govinfo.serialize import flat_dict, long_rows, report_to_dict
from govinfo.template import TEMPLATES, ValueKind, all_flat_keys

#: The columns before the canonical keys in the wide and long exports.
ROW_PREFIX: tuple[str, ...] = ("source_path", "template", "agency", "year")
#: The columns after ROW_PREFIX in the long export (one row per cell).
LONG_COLUMNS: tuple[str, ...] = ("key", "value", "status", "line", "raw")

Sourced = tuple[str, Report]


def wide_header() -> tuple[str, ...]:
    """The header of the wide export: ROW_PREFIX + every canonical key."""
    return ROW_PREFIX + all_flat_keys()


def _csv_text(value: Any) -> str:
    return "" if value is None else str(value)


def _prefix(path: str, report: Report) -> list[Any]:
    return [path, report.meta.template, report.meta.agency, report.meta.year]


def wide_row(path: str, report: Report) -> list[str]:
    """One report as a row of the wide export (cells absent from its template are empty)."""
    flat = flat_dict(report)
    return [_csv_text(value) for value in _prefix(path, report)] + [_csv_text(flat.get(key)) for key in all_flat_keys()]


def write_wide_csv(reports: Iterable[Sourced], out: IO[str]) -> int:
    """Write the wide CSV; returns the number of reports written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(wide_header())
    count = 0
    for path, report in reports:
        writer.writerow(wide_row(path, report))
        count += 1
    return count


def write_long_csv(reports: Iterable[Sourced], out: IO[str]) -> int:
    """Write the long CSV (one row per cell, with its status and source line); returns rows written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROW_PREFIX + LONG_COLUMNS)
    count = 0
    for path, report in reports:
        prefix = [_csv_text(value) for value in _prefix(path, report)]
        for row in long_rows(report):
            writer.writerow(prefix + [_csv_text(row[column]) for column in LONG_COLUMNS])
            count += 1
    return count


def write_jsonl(reports: Iterable[Sourced], out: IO[str]) -> int:
    """Write canonical JSON, one report per line, with its source path; returns reports written."""
    count = 0
    for path, report in reports:
        data = report_to_dict(report)
        out.write(json.dumps({"source_path": path, **data}, ensure_ascii=False) + "\n")
        count += 1
    return count


# --------------------------------------------------------------------------- parquet (optional extra)

def parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _integer_keys() -> frozenset[str]:
    keys = {"meta.year", "year"}
    for spec in TEMPLATES.values():
        keys.update(
            key for key in spec.cell_keys() if spec.column(key).kind in (ValueKind.COUNT, ValueKind.SIGNED)
        )
    return frozenset(keys)


T = TypeVar("T")


def chunked(
    items: Iterable[T], size: int, *, weight: Callable[[T], int] | None = None, most_weight: int = 0
) -> Iterator[list[T]]:
    """Items in lists of ``size`` (the last may be shorter), consumed lazily; with
    ``weight``, a list also ends at the item that brings its weights to ``most_weight``."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        if weight is not None:
            total += weight(item)
        if len(chunk) == size or (weight is not None and total >= most_weight):
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def write_parquet(reports: Iterable[Sourced], path: str, *, batch_size: int = 256) -> int:
    """Write the wide table as Parquet (counts as int64, money and text as strings).

    Needs the ``parquet`` extra (pyarrow); raises :class:`UnsupportedFormatError` without it.
    """
    if not parquet_available():
        raise UnsupportedFormatError("--parquet needs pyarrow: pip install 'govinfo[parquet]'")
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = wide_header()
    integers = _integer_keys()
    schema = pa.schema([(name, pa.int64() if name in integers else pa.string()) for name in columns])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in chunked(reports, batch_size):
            values: dict[str, list[Any]] = {name: [] for name in columns}
            for source, report in batch:
                flat = flat_dict(report)
                row = dict(zip(ROW_PREFIX, _prefix(source, report)))
                for name in columns:
                    value = row[name] if name in row else flat.get(name)
                    if value is not None and name not in integers:
                        value = str(value)
                    values[name].append(value)
            writer.write_table(pa.table(values, schema=schema))
            count += len(batch)
    return count


__all__ = [
    "ROW_PREFIX", "LONG_COLUMNS", "wide_header", "wide_row", "write_wide_csv", "write_long_csv",
    "write_jsonl", "write_parquet", "parquet_available",
]
