"""Use the identities to make a parse more exact: place unplaced rows, infer lone cells.

Two moves, repeated until nothing changes (a fixed point):

* **placement** of :class:`~govinfo.model.UnplacedRow` values (a row that came out with
  more or fewer values than its columns, or unlabelled rows in a gap): every way of
  putting the values into the candidate rows and columns is tried (dropping the extra
  value of an 8-for-7 row, leaving a gap in a 6-for-7 row, choosing which rows of a gap
  the unlabelled rows fill); a placement is accepted only when the identities admit
  exactly one resulting set of values. Different placements giving identical values
  count as one, so seven rows of zeros in an eight-row gap are placed.
* **inference** of a ``missing`` cell that the identities determine from the numbers
  around it: an identity with one missing cell fixes it; an identity whose missing
  cells are all counts on one side and must sum to 0 makes each of them 0.

Cells filled either way get status ``inferred`` and a note naming the evidence. A
printed number is never changed, and a ``blank`` or ``not_applicable`` cell is never
filled. Soft identities (the stock-flow rule) are never used.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, Sequence

import attrs

from govinfo.identities import Identity, fails, identities, non_negative_keys
from govinfo.model import MISSING, Cell, Diagnostic, Report, Status, UnplacedRow, cell_status
from govinfo.template import Template, ValueKind, template
from govinfo.text import ValueClass, coerce, is_empty_text, parse_value, remembered, total_length

#: Combinations of placements tried for one attempt; beyond it the rows stay unplaced.
MAX_PLACEMENTS = 4096
#: A row may have at most this many values more or fewer than its columns to be placed.
MAX_WIDTH_GAP = 2

Number = int | Decimal
Cells = dict[str, Cell]
_new_tuple = tuple.__new__
_MISSING, _BLANK, _NOT_APPLICABLE, _INFERRED = Status.MISSING, Status.BLANK, Status.NOT_APPLICABLE, Status.INFERRED


def infer(report: Report, *, blank_as_zero: bool = True, max_placements: int = MAX_PLACEMENTS) -> Report:
    """A copy of ``report`` with unplaced rows placed and lone missing cells inferred.

    ``blank_as_zero`` is the blank policy of the identities (FORMAT.md section 4): a blank
    cell counts as 0 in a sum. Placed rows leave ``report.provenance.unplaced`` and are
    recorded as an ``infer`` diagnostic.
    """
    spec = report.template_spec
    unplaced = report.provenance.unplaced if report.provenance else ()
    if not unplaced and Status.MISSING not in map(cell_status, report.cells.values()):
        return report  # nothing to place or infer: the common case, kept cheap
    cells: Cells = dict(report.cells)
    pending = _groups(unplaced, spec)
    placed: list[tuple[UnplacedRow, ...]] = []
    options: _Options = {}
    while True:
        # Placement first: printed values are better evidence than a derived 0.
        accepted = _place_one_by_one(cells, pending, spec, blank_as_zero, max_placements, options)
        if not accepted and len(pending) > 1:
            accepted = _place(cells, pending, spec, blank_as_zero, max_placements, options)
        for group, new_cells in accepted:
            cells.update(new_cells)
            pending.remove(group)
            placed.append(group.rows)
        if accepted:
            continue
        inferred = infer_cells(cells, spec.id, blank_as_zero=blank_as_zero)
        if not inferred:
            break
        cells.update(inferred)
    if all(cells[key] is report.cells[key] for key in cells) and not placed:
        return report
    result = report.with_cells({key: cell for key, cell in cells.items() if cell is not report.cells[key]})
    if report.provenance is not None and placed:
        placed_rows = {row for rows in placed for row in rows}
        notes = tuple(
            Diagnostic(
                "infer",
                f"placed {len(rows)} unplaced row(s) of {rows[0].table} (line {_lines(rows)}) by the identities",
                severity="info",
            )
            for rows in placed
        )
        provenance = attrs.evolve(
            report.provenance,
            unplaced=tuple(row for row in report.provenance.unplaced if row not in placed_rows),
            diagnostics=report.provenance.diagnostics + notes,
        )
        result = attrs.evolve(result, provenance=provenance)
    return result


# --------------------------------------------------------------------------- single cells


def infer_cells(
    cells: Mapping[str, Cell], template_id: str, *, blank_as_zero: bool = True
) -> dict[str, Cell]:
    """The missing cells the identities determine, iterated to a fixed point.

    Returns only the new cells (status ``inferred``). A cell two identities determine
    differently is left missing: the source is inconsistent there.
    """
    rules = [identity for identity in identities(template_id) if not identity.soft]
    return _infer(cells, rules, non_negative_keys(template_id), blank_as_zero)


def _infer(
    cells: Mapping[str, Cell],
    rules: Sequence[Identity],
    non_negative: frozenset[str],
    blank_as_zero: bool,
    missing: set[str] | None = None,
    *,
    in_place: bool = False,
) -> dict[str, Cell]:
    """:func:`infer_cells` over some rules; ``missing`` (the keys of the missing cells) is
    worked out when not given. ``in_place``: the cells found are also put into ``cells``
    (a dict), which spares a copy of a whole report for each placement tried."""
    work: dict[str, Cell] = cells if in_place else dict(cells)  # type: ignore[assignment]  # in_place: a dict
    found: dict[str, Cell] = {}
    missing = _missing_keys(work) if missing is None else set(missing)
    while True:
        proposals: dict[str, dict[Number, list[str]]] = {}
        for identity in rules:
            if missing.isdisjoint(identity.keys):
                continue  # no missing cell for it to fix (placement tries this many times)
            for key, value in _determined(identity, work, non_negative, blank_as_zero):
                proposals.setdefault(key, {}).setdefault(value, []).append(identity.id)
        new = {  # built as the tuples they are: an inferred cell always has its value
            key: _new_tuple(Cell, (value, _INFERRED, None, "inferred from " + ", ".join(ids)))
            for key, options in proposals.items()
            if len(options) == 1
            for value, ids in options.items()
        }
        if not new:
            return found
        work.update(new)
        found.update(new)
        missing.difference_update(new)


def _missing_keys(cells: Mapping[str, Cell]) -> set[str]:
    return {key for key, cell in cells.items() if cell[1] is _MISSING}


def _determined(
    identity: Identity, cells: Mapping[str, Cell], non_negative: frozenset[str], blank_as_zero: bool
) -> Sequence[tuple[str, Number]]:
    """(key, value) for the missing cells of ``identity`` it alone fixes (a sequence, not a
    generator: inference asks this of every identity at every placement it tries)."""
    residual: Number = 0  # lhs − rhs over the cells with values
    missing: list[tuple[str, int]] = []
    get = cells.get
    for term in identity.terms:
        cell = get(term[0])
        if cell is None:
            return ()
        status = cell[1]
        if status is _MISSING:
            missing.append(term)
        elif status is _BLANK:
            if not blank_as_zero:
                return ()
        elif status is _NOT_APPLICABLE or not isinstance(cell[0], (int, Decimal)):
            return ()
        else:
            residual += term[1] * cell[0]
    if not missing:
        return ()
    if len(missing) == 1:
        ((key, coefficient),) = missing
        value = -coefficient * residual
        return ((key, value),) if key not in non_negative or value >= 0 else ()
    # Several missing counts on one side that must sum to 0: each is 0.
    signs = {coefficient for _key, coefficient in missing}
    if residual == 0 and len(signs) == 1 and all(key in non_negative for key, _coefficient in missing):
        return [(key, 0) for key, _coefficient in missing]
    return ()


# --------------------------------------------------------------------------- placement


@attrs.frozen
class _Group:
    """Unplaced rows that compete for the same candidate rows, in source order."""

    table: str
    slots: tuple[str, ...]
    rows: tuple[UnplacedRow, ...]


def _groups(rows: Iterable[UnplacedRow], spec: Template) -> list[_Group]:
    grouped: dict[tuple[str, tuple[str, ...]], list[UnplacedRow]] = {}
    for row in rows:
        try:
            table = spec.table(row.table)
            for slot in row.slots:
                table.row(slot)
        except KeyError:
            continue  # rows of another template's table: nothing to place them in
        grouped.setdefault((row.table, row.slots), []).append(row)
    return [
        _Group(table, slots, tuple(sorted(rows, key=lambda r: r.line))) for (table, slots), rows in grouped.items()
    ]


def _lines(rows: Sequence[UnplacedRow]) -> str:
    first, last = min(r.line for r in rows), max(r.line for r in rows)
    return str(first) if first == last else f"{first}–{last}"


@lru_cache(maxsize=4096)  # per template row: a few dozen, asked for again at every placement tried
def _slot_keys(spec: Template, table: str, slot: str) -> tuple[str, ...]:
    return tuple(f"{table}.{slot}.{column.key}" for column in spec.table(table).row(slot).columns)


@remembered()  # the same few texts (0, 1, /) are read for every slot and layout tried
def _placed_reading(raw: str, kind: ValueKind) -> tuple[Number | None, Status] | None:
    """(value, status) of one raw value placed in a cell of ``kind``; None when it cannot go there."""
    parsed = parse_value(raw)
    if parsed.kind is ValueClass.BLANK:
        return None, Status.BLANK
    if parsed.kind is ValueClass.NOT_APPLICABLE:
        return None, Status.NOT_APPLICABLE
    if parsed.kind is ValueClass.NUMBER and parsed.value is not None:
        value = coerce(parsed.value, kind)
        if value is not None:
            return value, Status.INFERRED
    return None


def _row_options(
    row: UnplacedRow, slot: str, spec: Template, blank_as_zero: bool
) -> list[dict[str, Cell]]:
    """The distinct ways a row's values can fill one slot that its own row identities admit.

    The empty cells among the values are not placed; they are counted: a row that spreads
    over more cells than a slot's columns and the width gap is not one row (one cell per
    line, two rows whose label between them was lost), and its values go nowhere.
    """
    keys = _slot_keys(spec, row.table, slot)
    fillings = _slot_fillings(row.values, spec, row.table, slot, blank_as_zero)
    if not fillings:
        return []
    count = len(_filled(row.values))
    note = f"placed from source line {row.line} by the identities ({count} values for {len(keys)} columns)"
    return [
        {key: MISSING if read is None else _new_tuple(Cell, (*read, None, note)) for key, read in zip(keys, filling)}
        for filling in fillings
    ]


def _filled(values: Sequence[str]) -> list[str]:
    """A row's values but its empty cells (counted, never placed)."""
    return [text for text in values if not is_empty_text(text)]


#: One way of filling a slot: each of its cells' (value, status), None where it stays missing.
_Filling = tuple[tuple[Number | None, Status] | None, ...]


@remembered(size=total_length)  # rows of zeros recur in every report's damage, word for word
def _slot_fillings(
    values: tuple[str, ...], spec: Template, table: str, slot: str, blank_as_zero: bool
) -> tuple[_Filling, ...]:
    """:func:`_row_options` of a row's values, without the notes naming the row's line:
    a pure function of the texts and the slot, remembered across rows and reports."""
    keys = _slot_keys(spec, table, slot)
    filled = _filled(values)
    width, count = len(keys), len(filled)
    if abs(width - count) > MAX_WIDTH_GAP or len(values) - width > MAX_WIDTH_GAP:
        return ()
    local = _local_identities(spec.id, keys)
    non_negative = non_negative_keys(spec.id)
    if count >= width:  # drop the extra values: each layout is the values kept, in order
        layouts = [tuple(zip(range(width), kept)) for kept in itertools.combinations(range(count), width)]
    else:  # leave gaps: each layout is the columns the values go to, in order
        layouts = [tuple(zip(columns, range(count))) for columns in itertools.combinations(range(width), count)]
    kinds = [spec.column(key).kind for key in keys]
    placed: dict[tuple[int, int], tuple[Number | None, Status] | None] = {}  # (column, value) → its reading there
    tried: set[tuple[tuple[int, str], ...]] = set()  # layouts by the texts they put in each column
    options: dict[tuple[object, ...], _Filling] = {}
    for layout in layouts:
        texts_placed = tuple((column, filled[value]) for column, value in layout)
        if texts_placed in tried:
            continue  # (dropping either of two equal values leaves the same cells)
        tried.add(texts_placed)
        cells = dict.fromkeys(keys, MISSING)
        for column, value in layout:
            reading = placed.get((column, value), MISSING)
            if reading is MISSING:
                reading = placed[column, value] = _placed_reading(filled[value], kinds[column])
            if reading is None:
                break
            cells[keys[column]] = _new_tuple(Cell, (*reading, None, None))
        else:
            cells.update(_infer(cells, local, non_negative, blank_as_zero))
            if any(fails(i, cells, blank_as_zero=blank_as_zero) for i in local):
                continue
            filling = tuple(None if cell is MISSING else cell[:2] for cell in cells.values())
            options.setdefault(_signature(cells, keys), filling)
    return tuple(options.values())


@lru_cache(maxsize=None)  # per template row: a few dozen
def _local_identities(template_id: str, keys: tuple[str, ...]) -> tuple[Identity, ...]:
    """The hard identities over a row's own cells."""
    return tuple(i for i in identities(template_id) if not i.soft and set(i.keys) <= set(keys))


def _signature(cells: Mapping[str, Cell], keys: Iterable[str]) -> tuple[object, ...]:
    """The cells' values, and the status of those without one."""
    return tuple(map(_cell_signature, map(cells.__getitem__, keys)))


def _cell_signature(cell: Cell) -> object:
    """A cell's value, or its status when it has none (a cell has a value exactly when its
    status has one)."""
    return cell[1] if cell[0] is None else cell[0]


#: The ways each unplaced row can fill each slot (_row_options), kept for one call of
#: infer: they do not depend on the other cells, and placement asks again after each step.
_Options = dict[tuple[UnplacedRow, str], list[dict[str, Cell]]]


def _assignments(
    group: _Group, cells: Mapping[str, Cell], spec: Template, blank_as_zero: bool, options: _Options
) -> Iterator[dict[str, Cell]]:
    """Every placement of a group's rows: which free slot each row fills (in order), and how."""
    free = [
        slot
        for slot in group.slots
        if all(cells[key].status is Status.MISSING for key in _slot_keys(spec, group.table, slot))
    ]
    for chosen in itertools.combinations(free, len(group.rows)):
        choices = []
        for row, slot in zip(group.rows, chosen):
            if (row, slot) not in options:
                options[(row, slot)] = _row_options(row, slot, spec, blank_as_zero)
            choices.append(options[(row, slot)])
        for picked in itertools.product(*choices):
            merged: dict[str, Cell] = {}
            for part in picked:
                merged.update(part)
            yield merged


def _place_one_by_one(
    cells: Cells, pending: list[_Group], spec: Template, blank_as_zero: bool, limit: int, options: _Options
) -> list[tuple[_Group, dict[str, Cell]]]:
    for group in pending:
        accepted = _place(cells, [group], spec, blank_as_zero, limit, options)
        if accepted:
            return accepted
    return []


def _place(
    cells: Cells, groups: Sequence[_Group], spec: Template, blank_as_zero: bool, limit: int, options: _Options
) -> list[tuple[_Group, dict[str, Cell]]]:
    """Place ``groups`` together if the identities admit exactly one set of values."""
    rules = [identity for identity in identities(spec.id) if not identity.soft]
    non_negative = non_negative_keys(spec.id)
    results: dict[frozenset[tuple[str, object]], tuple[dict[str, Cell], ...]] = {}
    streams = [list(itertools.islice(_assignments(g, cells, spec, blank_as_zero, options), limit + 1)) for g in groups]
    total = 1
    for stream in streams:
        total *= len(stream)
    if total == 0 or total > limit:
        return []
    slot_keys = {
        key for group in groups for slot in group.slots for key in _slot_keys(spec, group.table, slot)
    }
    if not any(slot_keys.intersection(i.keys) for i in rules):
        return []  # no identity covers these cells (Table 2): nothing forces any placement
    # A trial differs from ``cells`` only where its parts and their inference put cells:
    # what is missing, what changed and the trial's signature are worked out there alone.
    base_missing = _missing_keys(cells)
    for parts in itertools.product(*streams):
        trial = dict(cells)
        for part in parts:
            trial.update(part)
        placed = {key for part in parts for key in part if trial[key] is not cells[key]}
        missing = (base_missing - placed) | {key for key in placed if trial[key][1] is _MISSING}
        inferred = _infer(trial, rules, non_negative, blank_as_zero, missing, in_place=True)  # into the trial
        changed = placed | inferred.keys()
        if any(fails(i, trial, blank_as_zero=blank_as_zero) for i in rules if not changed.isdisjoint(i.keys)):
            continue
        # Only the rows' own cells are taken; the rest is left to inference proper.
        kept = {key: trial[key] for key in changed if key in slot_keys}
        # a lone placement has no other trial to be told from: its signature is never compared
        signature = _trial_signature(trial, cells, changed) if total > 1 else frozenset()
        results.setdefault(signature, tuple(parts) + (kept,))
        if len(results) > 1:
            return []
    if len(results) != 1:
        return []
    (outcome,) = results.values()
    *parts, changed_cells = outcome
    # With one placement each placed cell names its own source line; with several
    # (equal-valued) placements no single line can be named, so the note names them all.
    if total > 1:
        note = _group_note(groups)
        changed_cells = {key: cell._replace(note=note) for key, cell in changed_cells.items()}
    # Everything accepted at once is attributed to the first group; the others are emptied.
    return [(groups[0], changed_cells)] + [(group, {}) for group in groups[1:]]


def _trial_signature(
    trial: Mapping[str, Cell], cells: Mapping[str, Cell], changed: Iterable[str]
) -> frozenset[tuple[str, object]]:
    """What a trial's cells say that ``cells`` do not, told from the keys it changed: two
    trials of equal signatures are one placement."""
    differences = ((key, _cell_signature(trial[key])) for key in changed)
    return frozenset((key, mark) for key, mark in differences if mark != _cell_signature(cells[key]))


def _group_note(groups: Sequence[_Group]) -> str:
    rows = [row for group in groups for row in group.rows]
    return f"placed by the identities: the values of source line {_lines(rows)} fit only this way"
