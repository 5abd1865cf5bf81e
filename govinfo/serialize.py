"""Canonical JSON (via a private cattrs converter), flat rows and long rows.

The JSON form of a report::

    {"schema_version": 1,
     "meta": {"agency": ..., "year": 2023, "template": "2021", "published": "2024-01-22", ...},
     "text": {"overview": ..., "problems": ..., "other_matters": ...},
     "cells": {"active.rules.issued": {"value": 0, "status": "number"}, ...}}

Money values are strings ("0.741") so no float ever touches them. Provenance (source
spans, the winning plugins) is added under "provenance" only when asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator, Mapping

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from govinfo.errors import SchemaError
from govinfo.model import SCHEMA_VERSION, Cell, Meta, Prose, Provenance, Report, SourceSpan, Status
from govinfo.template import MONEY_UNITS, ValueKind, template


def make_converter() -> cattrs.Converter:
    """A private converter for govinfo's classes (never the global one)."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())
    converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))
    converter.register_unstructure_hook(Decimal, lambda value: format(value, "f"))
    for cls in (Meta, Prose):
        converter.register_structure_hook(cls, make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True))
    converter.register_unstructure_hook(SourceSpan, SourceSpan._asdict)
    converter.register_structure_hook(SourceSpan, _structure_span)
    converter.register_unstructure_hook(
        Provenance, make_dict_unstructure_fn(Provenance, converter)
    )
    return converter


def _structure_span(raw: Any, _type: type) -> SourceSpan:
    if not isinstance(raw, Mapping) or set(raw) != set(SourceSpan._fields):
        raise SchemaError(f"a source span has exactly the fields {', '.join(SourceSpan._fields)}, not {raw!r}")
    numbers = (raw["line"], raw["start"], raw["end"])
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers) or not isinstance(raw["raw"], str):
        raise SchemaError(f"a source span's line, start and end are integers and raw is text, not {raw!r}")
    return SourceSpan(**raw)


_CONVERTER = make_converter()


# --------------------------------------------------------------------------- cells

def _unstructure_cell(cell: Cell, provenance: bool) -> dict[str, Any]:
    value: Any = cell.value
    if isinstance(value, Decimal):
        value = format(value, "f")
    out: dict[str, Any] = {"value": value, "status": cell.status.value}
    if provenance:
        if cell.source is not None:
            out["source"] = _CONVERTER.unstructure(cell.source)
        if cell.note:
            out["note"] = cell.note
    return out


def _structure_value(raw: Any, kind: ValueKind, key: str) -> int | Decimal | str | None:
    if raw is None:
        return None
    if kind is ValueKind.MONEY:
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            raise SchemaError(f"{key}: money must be a decimal string, not {raw!r}")
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            raise SchemaError(f"{key}: {raw!r} is not a decimal") from None
    if kind is ValueKind.UNIT:
        if raw not in MONEY_UNITS:
            raise SchemaError(f"{key}: unit must be one of {'/'.join(MONEY_UNITS)}, not {raw!r}")
        return raw
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise SchemaError(f"{key}: a count must be an integer, not {raw!r}")
    return raw


def _structure_cell(raw: Any, key: str, kind: ValueKind) -> Cell:
    if not isinstance(raw, Mapping):
        raise SchemaError(f"{key}: a cell must be an object with value and status")
    extra = set(raw) - {"value", "status", "source", "note"}
    if extra:
        raise SchemaError(f"{key}: unknown cell fields {sorted(extra)}")
    try:
        status = Status(raw.get("status"))
    except ValueError:
        raise SchemaError(f"{key}: unknown status {raw.get('status')!r}") from None
    source = _CONVERTER.structure(raw["source"], SourceSpan) if raw.get("source") else None
    try:
        return Cell(_structure_value(raw.get("value"), kind, key), status, source, raw.get("note"))
    except ValueError as error:
        raise SchemaError(f"{key}: {error}") from None


# --------------------------------------------------------------------------- reports

def report_to_dict(report: Report, *, provenance: bool = False) -> dict[str, Any]:
    """A report as plain JSON-ready data."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "meta": _CONVERTER.unstructure(report.meta),
        "text": _CONVERTER.unstructure(report.text),
        "cells": {key: _unstructure_cell(cell, provenance) for key, cell in report.iter_cells()},
    }
    if provenance and report.provenance is not None:
        data["provenance"] = _CONVERTER.unstructure(report.provenance)
    return data


def report_from_dict(data: Any) -> Report:
    """The inverse of :func:`report_to_dict`; raises :class:`SchemaError` on anything off."""
    if not isinstance(data, Mapping):
        raise SchemaError("a report must be a JSON object")
    extra = set(data) - {"schema_version", "meta", "text", "cells", "provenance"}
    if extra:
        raise SchemaError(f"unknown report fields {sorted(extra)}")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise SchemaError(f"schema_version {data.get('schema_version')!r} is not {SCHEMA_VERSION}")
    try:
        meta = _CONVERTER.structure(data.get("meta", {}), Meta)
        text = _CONVERTER.structure(data.get("text", {}), Prose)
        provenance = _CONVERTER.structure(data["provenance"], Provenance) if data.get("provenance") else None
    except (cattrs.BaseValidationError, ValueError, TypeError) as error:
        raise SchemaError(_describe(error)) from None
    try:
        spec = template(meta.template)
    except KeyError as error:
        raise SchemaError(str(error)) from None
    raw_cells = data.get("cells")
    if not isinstance(raw_cells, Mapping):
        raise SchemaError("cells must be an object of canonical key → cell")
    unknown = sorted(set(raw_cells) - set(spec.cell_keys()))
    if unknown:
        raise SchemaError(f"unknown cell keys for template {spec.id}: {unknown[:5]}")
    absent = [key for key in spec.cell_keys() if key not in raw_cells]
    if absent:
        raise SchemaError(f"cells absent for template {spec.id}: {absent[:5]}")
    cells = {key: _structure_cell(raw_cells[key], key, spec.column(key).kind) for key in spec.cell_keys()}
    return Report(meta=meta, cells=cells, text=text, provenance=provenance)


def _describe(error: BaseException) -> str:
    if isinstance(error, cattrs.BaseValidationError):
        return "; ".join(cattrs.transform_error(error)) or str(error)
    return str(error)


def to_json(report: Report, *, provenance: bool = False, indent: int | None = 2) -> str:
    """Canonical JSON text of a report."""
    return json.dumps(report_to_dict(report, provenance=provenance), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes) -> Report:
    """A report from its canonical JSON; raises :class:`SchemaError` on bad input."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaError(f"not JSON: {error}") from None
    return report_from_dict(data)


# --------------------------------------------------------------------------- flat & long

def _json_scalar(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def flat_dict(report: Report) -> dict[str, Any]:
    """``{canonical key: value}`` with JSON-ready values (decimals and dates as strings)."""
    return {key: _json_scalar(value) for key, value in report.flat().items()}


def long_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One row per cell: key, value, status, source line, raw text."""
    for key, cell in report.iter_cells():
        yield {
            "key": key,
            "value": _json_scalar(cell.value),
            "status": cell.status.value,
            "line": cell.source.line if cell.source else None,
            "raw": cell.source.raw if cell.source else None,
        }
