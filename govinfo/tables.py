"""The table toolkit layout plugins share: raw rows in, template cells and evidence out.

A layout plugin's job is only to cut its layout into :class:`RawRow` objects (cells in
reading order, each with its position). :func:`read_table` then does what every layout
needs and no layout should re-implement: match labels to the template's rows, place
unlabelled rows by position where that is certain, read the values by column, and
report the evidence the core scores. When a row has more or fewer values than the
template has columns, its cells are left ``missing`` and its values are kept as an
:class:`~govinfo.model.UnplacedRow` for the identities to place, never shifted.
"""

from __future__ import annotations

import functools
import operator
import re
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, compress, repeat
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

import attrs

from govinfo.model import (
    Candidate,
    Cell,
    Evidence,
    Report,
    SectionText,
    SourceSpan,
    Status,
    UnplacedRow,
)
from govinfo.template import MONEY_UNITS, Column, Row, Table, ValueKind
from govinfo.text import (
    REMEMBERED_ENTRIES,
    REMEMBERED_LONGEST,
    ParsedValue,
    RememberedMap,
    ValueClass,
    coerce,
    is_empty_text,
    is_value_text,
    label_key,
    parse_value,
    remembered,
    total_length,
)


class RawCell(NamedTuple):
    """One cell's text as a layout cut it, with its place in the document.

    A named tuple: layouts cut hundreds of cells per report, and a tuple is the cheapest
    immutable record Python builds.
    """

    text: str
    line: int
    start: int = 0
    end: int = 0

    @property
    def empty(self) -> bool:
        return is_empty_text(self.text)


class _RowColumns(NamedTuple):
    texts: tuple[str, ...]
    lines: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


class RawRow(_RowColumns):
    """One table row as a layout cut it: its cells in reading order.

    ``RawRow(cells)`` from :class:`RawCell` objects; :meth:`from_line` cuts a delimited
    line. A row is held column by column (its cells' texts, lines and spans as parallel
    tuples), so the toolkit reads it without building an object per cell; ``cells``
    gives the RawCells back.
    """

    __slots__ = ()

    def __new__(cls, cells: Iterable[RawCell] = ()) -> "RawRow":
        columns = tuple(zip(*cells))
        return _new_tuple(cls, columns if columns else ((), (), (), ()))

    @classmethod
    def from_line(cls, line: str, line_number: int, separator: str) -> "RawRow":
        """One line cut at ``separator``, each cell's span kept (its text stripped)."""
        texts, starts, ends = _cut_line(line, separator)
        return _new_tuple(cls, (texts, (line_number,) * len(texts), starts, ends))

    @classmethod
    def from_columns(
        cls, texts: Sequence[str], lines: Sequence[int], starts: Sequence[int], ends: Sequence[int]
    ) -> "RawRow":
        """A row from its cells' texts, lines and spans, one sequence each (of one length)."""
        if not len(texts) == len(lines) == len(starts) == len(ends):
            raise ValueError("a row's columns must have one length")
        return _new_tuple(cls, (tuple(texts), tuple(lines), tuple(starts), tuple(ends)))

    @property
    def cells(self) -> tuple[RawCell, ...]:
        return tuple(map(_new_tuple, repeat(RawCell), zip(*self)))

    @property
    def line(self) -> int:
        return self.lines[0] if self.lines else 0

    def cell(self, position: int) -> RawCell:
        """The cell at ``position``, as a RawCell."""
        return _new_tuple(RawCell, tuple(column[position] for column in self))


_new_tuple = tuple.__new__  # a named tuple's own __new__ checks arity; the callers know it

# Most table lines recur from report to report (rows of zeros, headers, labels: three in
# four lines of a corpus), so cutting a line and splitting a row are remembered by their
# text (up to a table row's length).
_LONGEST_ROW = 1024
#: Table plans remembered (:func:`_table_plan`), and the largest skeleton (in characters)
#: one is remembered for.
_MOST_PLANS = 1024  # about 5 KiB each: 5 MiB at most
_LONGEST_PLANNED = 8 * _LONGEST_ROW


# What a cell's text is, for placing it: nothing, a value (a number or a not-applicable
# mark), or a label. Computed once per distinct text. _EMPTY is 0, so a row's kinds
# select its filled cells (itertools.compress).
_EMPTY, _VALUE, _LABEL = 0, 1, 2


@remembered(longest=_LONGEST_ROW)
def _text_kind(text: str) -> int:
    if not text or text.isspace():  # is_empty_text, written out: this runs for every new text
        return _EMPTY
    return _VALUE if is_value_text(text) else _LABEL


def _is_short_row(texts: Sequence[str]) -> bool:
    """Whether a row is within the caches' length bound: then so is each of its texts, and
    any of them together, and their caches are called from C without the length check."""
    return total_length(texts) <= _LONGEST_ROW


def _kinds(texts: Sequence[str], short: bool | None = None) -> list[int]:
    """The kinds of a row's cell texts (``short``: :func:`_is_short_row`, when the caller
    has asked it already)."""
    short = _is_short_row(texts) if short is None else short
    return list(map(_text_kind.remembered if short else _text_kind, texts))  # type: ignore[attr-defined]


def _empties(texts: Sequence[str]) -> tuple[bool, ...]:
    return tuple(map(operator.not_, _kinds(texts)))


# --------------------------------------------------------------------------- cutting rows

@remembered(longest=_LONGEST_ROW)
def _cut_line(line: str, separator: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """The texts (stripped) and spans of a line's cells."""
    texts, starts, ends = [], [], []
    start, step = 0, len(separator)
    for part in line.split(separator):
        end = start + len(part)
        texts.append(part.strip())
        starts.append(start)
        ends.append(end)
        start = end + step
    return tuple(texts), tuple(starts), tuple(ends)


def split_cells(line: str, line_number: int, separator: str) -> tuple[RawCell, ...]:
    """Cut one line at ``separator``, keeping each cell's span."""
    return RawRow.from_line(line, line_number, separator).cells


def delimited_rows(lines: Sequence[str], first_line: int, separator: str) -> list[RawRow]:
    """One row per non-blank line, cells cut at ``separator`` (tab rows, pipe rows)."""
    return cut_rows(map(_line_cutter(separator).__getitem__, lines), first_line)


@lru_cache(maxsize=16)
def _line_cutter(separator: str) -> RememberedMap:
    """Lines' cells cut at ``separator`` (None for a blank line), remembered by the line's
    text and looked up from C: delimited_rows runs for every line of every table."""
    return RememberedMap(functools.partial(_cut_filled_line, separator=separator), longest=_LONGEST_ROW)


def _cut_filled_line(line: str, separator: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]] | None:
    return None if not line or line.isspace() else _cut_line.__wrapped__(line, separator)  # type: ignore[attr-defined]


#: A line as a layout cut it into cells: their texts and where each starts and ends in the
#: line; None for a line that is no row (blank, or page furniture).
LineCut = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]] | None


def delimited_cut(line: str, separator: str) -> LineCut:
    """A line's cells cut at ``separator``, as :func:`read_delimited_section` reads it
    (None for a blank line); remembered by the line's text."""
    return _line_cutter(separator)[line]  # type: ignore[no-any-return]


def cut_rows(cuts: Iterable[LineCut], first_line: int) -> list[RawRow]:
    """The rows :func:`read_cut_lines` reads, built: one per cut line (one
    :data:`LineCut` per line from ``first_line`` on; a None is no row)."""
    rows = []
    for number, cut in enumerate(cuts, first_line):
        if cut is not None:
            texts, starts, ends = cut
            rows.append(RawRow.from_columns(texts, (number,) * len(texts), starts, ends))
    return rows


def read_delimited_section(
    table: Table, lines: Sequence[str], first_line: int, separator: str, *, fit: float = 1.0, specificity: int = 0
) -> Candidate:
    """``read_table(table, delimited_rows(lines, first_line, separator))``, without
    building the rows only to flatten them again."""
    cuts = map(_line_cutter(separator).__getitem__, lines)
    return read_cut_lines(table, cuts, first_line, fit=fit, specificity=specificity)


def read_cut_lines(
    table: Table, cuts: Iterable[LineCut], first_line: int, *, fit: float = 1.0, specificity: int = 0
) -> Candidate:
    """A table read from lines a layout cut itself (:data:`LineCut`, one per line from
    ``first_line`` on): ``read_table(table, cut_rows(cuts, first_line))``, without the rows.

    Raises ValueError when the cuts hold fewer or more starts or ends than texts (counted
    over all the lines, not line by line, which would cost the loop a good part of what it
    saves): the spans would point at other cells.
    """
    texts: list[str] = []
    numbers: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    rows: list[tuple[str, ...]] = []
    for number, cut in enumerate(cuts, first_line):
        if cut is not None:
            row_texts, row_starts, row_ends = cut
            texts += row_texts
            starts += row_starts
            ends += row_ends
            numbers += (number,) * len(row_texts)
            rows.append(row_texts)
    if not len(texts) == len(starts) == len(ends):
        raise ValueError(f"the cut lines hold {len(texts)} texts but {len(starts)} starts and {len(ends)} ends")
    return _read_flat_table(table, texts, numbers, starts, ends, _skeleton(rows), fit=fit, specificity=specificity, stacked=False)


def has_delimited_rows(lines: Sequence[str], separator: str, at_least: int = 2) -> bool:
    """At least ``at_least`` lines with ``separator`` between filled text: a cheap layout test."""
    count = 0
    for line in lines:
        if separator in line and separator in line.strip():
            count += 1
            if count >= at_least:
                return True
    return False


def stacked_rows(cells: Iterable[RawCell]) -> list[RawRow]:
    """Group a stream of one-cell-per-line cells into rows: label cells, then values.

    A row ends where a label follows a value. Empty cells stay where they stand (they are
    blank cells or merged-cell padding; :func:`value_cells` decides which), but for those
    before any text, which belong to no row.
    """
    cells = tuple(cells)
    grouped = _stacked_row_lengths("".join([_KIND_MARKS[_text_kind(cell.text)] for cell in cells]))
    if grouped is None:
        return []
    skip, lengths = grouped
    bounds = tuple(accumulate(lengths, initial=skip))
    return [RawRow(cells[a:b]) for a, b in zip(bounds, bounds[1:])]


#: A cell's kind as one character, so that a run of cells is grouped into rows by one
#: regular expression over their kinds.
_KIND_MARKS = {_EMPTY: "e", _VALUE: "v", _LABEL: "L"}
_FIRST_FILLED_MARK = re.compile("[vL]")
#: A stacked row: labels and then values and empty cells, or (the first) values alone.
_STACKED_ROW = re.compile("L+[ve]*|[ve]+")


def _stacked_row_lengths(kinds: str) -> tuple[int, tuple[int, ...]] | None:
    """How stacked cells of these kind marks are grouped: how many empty cells come before
    any text (they belong to no row), and the cells to each row; None for no filled cell."""
    first_filled = _FIRST_FILLED_MARK.search(kinds)
    if first_filled is None:
        return None
    skip = first_filled.start()
    return skip, tuple(map(len, _STACKED_ROW.findall(kinds, skip)))


# --------------------------------------------------------------------------- label matching

@attrs.frozen
class _RowIndex:
    """A table's row labels, reduced once for fast matching."""

    exact: dict[str, int]
    contained: tuple[tuple[str, int], ...]  #: (alias key, row index), longest first
    blocks: dict[str, int]  #: block label key → index of the block's first row
    headers: frozenset[str]
    columns: frozenset[str]  #: the column titles, some of them row labels too (其他, 总计)


_MIN_CONTAINED = 4  # shorter aliases (规章, 其他, 总计) must match exactly


@lru_cache(maxsize=None)
def _row_index(table: Table) -> _RowIndex:
    exact: dict[str, int] = {}
    contained: list[tuple[str, int]] = []
    blocks: dict[str, int] = {}
    for index, row in enumerate(table.rows):
        for alias in row.labels:
            key = label_key(alias)
            exact.setdefault(key, index)
            if len(key) >= _MIN_CONTAINED:
                contained.append((key, index))
        if row.block is not None:
            blocks.setdefault(label_key(row.block), index)
    contained.sort(key=lambda item: -len(item[0]))
    headers = frozenset(label_key(word) for word in table.header_words)
    columns = frozenset(label_key(column.label) for row in table.rows for column in row.columns)
    return _RowIndex(exact, tuple(contained), blocks, headers, columns)


def _match_label(key: str, index: _RowIndex) -> int | None:
    if not key:
        return None
    if key in index.exact:
        return index.exact[key]
    for alias, row in index.contained:
        # a label may carry extra words (a block name, a note); prose may not pass for one
        if alias in key and len(key) <= 2 * len(alias) + 12:
            return row
    return None


class _LabelMatch(NamedTuple):
    row: int | None = None
    block_row: int | None = None  #: first row of a block named without an item label


_NO_MATCH = _LabelMatch()


def _match_labels(keys: Sequence[str], index: _RowIndex) -> _LabelMatch:
    """The row a row's label keys name: the last label that names one wins.

    Adjacent labels are also tried joined, for labels broken across cells (总 / 计).
    """
    block_row = None
    for position in range(len(keys) - 1, max(-1, len(keys) - 6), -1):
        for key in (keys[position], keys[position] + keys[position + 1] if position + 1 < len(keys) else ""):
            row = _match_label(key, index)
            if row is not None:
                return _LabelMatch(row=row)
            if block_row is None and key in index.blocks:
                block_row = index.blocks[key]
    return _NO_MATCH if block_row is None else _LabelMatch(block_row=block_row)


class _Labels(NamedTuple):
    """What a row's label cells say."""

    match: _LabelMatch
    header_keys: tuple[str, ...]  #: keys of the labels that are column-header words
    squeezed: tuple[str, ...]  #: each label without spaces: （万 元） is （万元）, not 元


@remembered(size=total_length, longest=_LONGEST_ROW)  # a table's label rows recur from report to report
def _read_labels(texts: tuple[str, ...], table: Table) -> _Labels:
    index = _row_index(table)
    keys = [label_key(text) for text in texts]
    header_keys = tuple(key for key in keys if key in index.headers)
    if len(header_keys) >= 2:
        # the table's column headers run into a data row whose own label was lost: a
        # column title among them (其他, 总计) names a column here, not a row
        keys = ["" if key in index.headers or key in index.columns else key for key in keys]
    return _Labels(_match_labels(keys, index), header_keys, tuple("".join(text.split()) for text in texts))


# --------------------------------------------------------------------------- reading values

class _RowShape(NamedTuple):
    """What a row's cell texts say, read for one table: where its values start, what its
    labels name, which cells are empty. Worked out once per distinct row (:func:`_row_shape`)."""

    cut: int  #: where the value region starts: after the row's last label
    labels: tuple[str, ...]  #: texts of the label cells, empty ones left out
    empties: tuple[bool, ...]  #: which cells of the value region are empty
    match: _LabelMatch
    header_keys: tuple[str, ...]  #: keys of the labels that are column-header words
    squeezed: tuple[str, ...]  #: each label without spaces
    has_values: bool  #: a cell of the value region is filled
    #: a data row of the table: it has values, or is a labelled row of empty cells wide
    #: enough to be its blanks (a header cell that reads like a row label, 总计, is not)
    is_data: bool
    #: evidence that the table's text pads rows with empty cells after their last filled
    #: cell (see :func:`_data_rows`)
    pads: bool
    #: evidence that the table's text prints a label merged over label columns as the
    #: label and empty cells: a labelled row with more cells than its columns, the first
    #: after its labels empty (see :func:`_label_room`)
    merges: bool


class _DataRow(NamedTuple):
    position: int  #: which of the table's rows
    shape: _RowShape


def _row_shape(texts: tuple[str, ...], table: Table) -> _RowShape:
    # A row's value region starts after its last label; its labels are its filled cells
    # before that. (One function, not several: it runs for every row not seen before.)
    short = _is_short_row(texts)
    kinds = _kinds(texts, short)
    cut = len(kinds) - kinds[::-1].index(_LABEL) if _LABEL in kinds else 0
    labels = tuple(compress(texts[:cut], kinds))
    empties = tuple(map(operator.not_, kinds[cut:]))
    read = (_read_labels.remembered if short else _read_labels)(labels, table)  # type: ignore[attr-defined]
    match = read.match
    width = _row_plans(table)[match.row].width if match.row is not None else None
    has_values = False in empties
    is_data = has_values or (width is not None and len(empties) >= width)
    if is_data:
        # a labelled row with all its values filled and empty cells after them
        pads = width is not None and empties.count(False) == width and _trailing_empties(empties) > 0
        merges = cut > 0 and width is not None and len(empties) > width and empties[0]
    else:
        # a header row (labels only) ending in empty cells
        pads = bool(kinds) and not kinds[-1] and any(kinds)
        merges = False
    fields = (cut, labels, empties, match, read.header_keys, read.squeezed, has_values, is_data, pads, merges)
    return _new_tuple(_RowShape, fields)


def _shape_of(row_of_table: tuple[tuple[str, ...], Table]) -> _RowShape:
    return _row_shape(*row_of_table)


def _row_text_length(row_of_table: tuple[tuple[str, ...], Table]) -> int:
    return total_length(row_of_table[0])


#: Each (row texts, table)'s shape, looked up from C: most table rows recur from report to
#: report, and a table never seen before is still mostly rows seen before.
_ROW_SHAPES = RememberedMap(_shape_of, longest=_LONGEST_ROW, size=_row_text_length)


def value_cells(
    region: Sequence[RawCell],
    width: int,
    *,
    padded: bool = True,
    stacked: bool = False,
    merged: int | None = None,
) -> tuple[RawCell, ...] | None:
    """The ``width`` cells of a value region, or None when that is not certain.

    Either exactly ``width`` cells are filled (the empty ones are merged-cell padding;
    in a table that does not pad its rows, only empty cells before the values are), or
    the region is exactly ``width`` cells wide and its empty cells are blank cells —
    unless it ends in empty cells in a table that pads its rows (``padded``): there a
    trailing empty cell may be padding, a value may have been lost anywhere in the row,
    and no position can be trusted.

    ``stacked`` (one cell per line): no label cell is merged into a value row there, so
    an empty cell before the last value is a blank cell, never padding.

    ``merged``: how many empty cells before the values can be a label merged over label
    columns (:attr:`govinfo.template.Table.label_columns`); None for any number. Empty
    cells before the values beyond that are blank values, and a row of those and
    ``width`` filled cells does not fit.
    """
    positions = _value_positions(_empties([cell.text for cell in region]), width, padded, stacked, merged)
    return None if positions is None else tuple(region[p] for p in positions)


@lru_cache(maxsize=4096)  # every new plan asks it of most rows, whose few patterns of empty cells recur
def _value_positions(
    empties: tuple[bool, ...], width: int, padded: bool, stacked: bool, merged: int | None = None
) -> Sequence[int] | None:
    """:func:`value_cells`, on which cells of the region are empty: the chosen positions."""
    if True not in empties:  # every cell filled (the common row): no padding to weigh
        return range(width) if len(empties) == width else None
    filled = tuple(position for position, empty in enumerate(empties) if not empty)
    if (
        len(filled) == width
        and (padded or not _empty_after_filled(empties))
        and not (stacked and _empty_before_last_filled(empties))
        and (merged is None or filled[0] <= merged)
    ):
        return filled
    if len(empties) == width and (not filled or not empties[-1] or not padded):
        return range(width)
    return None


def _empty_after_filled(empties: Sequence[bool]) -> bool:
    """An empty cell after the first filled one: in a table that does not pad, a blank cell.

    Leading empty cells stand for merged label cells; an empty cell among or after the
    values is a value of its own there (a row whose label became ``0`` reads ``0 1 1 _``:
    four values for three columns, not three values and padding).
    """
    return False in empties and True in empties[empties.index(False) :]


def _empty_before_last_filled(empties: Sequence[bool]) -> bool:
    return True in empties[: len(empties) - _trailing_empties(empties)]


def _trailing_empties(empties: Sequence[bool]) -> int:
    count = 0
    for empty in reversed(empties):
        if not empty:
            break
        count += 1
    return count


def _shown_by_others(evidence: set[int], position: int) -> bool:
    """Whether a row is read as its table's text shows (padding, merged labels): on the
    evidence of *other* rows (``evidence``: the positions of the rows showing it). A row of
    three values and an empty cell is no evidence for itself — it may be a value
    duplicated before a blank (``7 7 213 _`` for ``7 213 _``)."""
    return len(evidence) > (position in evidence)


def read_cell(raw: RawCell, column: Column) -> Cell:
    """One cell's text read for its column: a number, blank, not applicable or missing."""
    cells, _ = _cells(("",), (column,), _READERS[column.kind], (raw.text,), (raw.line,), (raw.start,), (raw.end,))
    return cells[""]


#: (value, status, unreadable) of a cell text read for a column kind.
_Reading = tuple[int | Decimal | None, Status, bool]


def _reading(text: str, kind: ValueKind) -> _Reading:
    parsed = parse_value(text)
    if parsed.kind is ValueClass.BLANK:
        return None, Status.BLANK, False
    if parsed.kind is ValueClass.NOT_APPLICABLE:
        return None, Status.NOT_APPLICABLE, False
    if parsed.kind is ValueClass.NUMBER and parsed.value is not None:
        value = coerce(parsed.value, kind)
        if value is not None:
            return value, Status.NUMBER, False
    return None, Status.MISSING, True


class _Reader:
    """Cell texts read for one column kind, each distinct text once.

    The readings are a :class:`~govinfo.text.RememberedMap`: a row's readings are looked
    up by one C-level ``map``, and only the texts not seen yet are read in Python (a
    corpus's cell texts are mostly the same few numbers).
    """

    LONGEST = REMEMBERED_LONGEST
    MOST = REMEMBERED_ENTRIES

    __slots__ = ("kind", "known")

    def __init__(self, kind: ValueKind) -> None:
        self.kind = kind
        self.known = RememberedMap(functools.partial(_reading, kind=kind), most=self.MOST, longest=self.LONGEST)

    def __call__(self, text: str) -> _Reading:
        return self.known[text]  # type: ignore[no-any-return]

    def read_all(self, texts: Sequence[str]) -> list[_Reading]:
        """The readings of some texts, in order."""
        return list(map(self.known.__getitem__, texts))


_READERS: dict[ValueKind, _Reader] = {kind: _Reader(kind) for kind in ValueKind}
_known_of = operator.attrgetter("known")  # a reader's RememberedMap of readings


def _cells(
    keys: Sequence[str],
    columns: Sequence[Column],
    reader: _Reader | Sequence[_Reader],
    texts: Sequence[str],
    lines: Sequence[int],
    starts: Sequence[int],
    ends: Sequence[int],
) -> tuple[dict[str, Cell], int]:
    """Cells at ``keys``, read from their texts by one ``reader`` or one per cell, and how
    many of them are missing (texts unreadable for their column).

    Built in one pass of C-level maps over the parallel sequences rather than one Python
    call per cell: the hot loop of every parse, where per-cell overhead would be most of
    the cost.
    """
    if not keys:
        return {}, 0
    if reader.__class__ is _Reader:
        readings = reader.read_all(texts)  # type: ignore[union-attr]
    else:  # one reader a cell: each text looked up in its reader's map, from C too
        readings = list(map(operator.getitem, map(_known_of, reader), texts))  # type: ignore[arg-type]
    values, statuses, unreadable = zip(*readings)
    spans = map(_new_tuple, repeat(SourceSpan), zip(lines, starts, ends, texts))
    notes = _notes(columns, texts, unreadable) if True in unreadable else repeat(None)
    # Cell and SourceSpan built as the tuples they are: each reading is consistent by
    # construction, and Cell's own check would double the cost of this loop
    cells = dict(zip(keys, map(_new_tuple, repeat(Cell), zip(values, statuses, spans, notes))))
    return cells, statuses.count(Status.MISSING)


def _notes(columns: Sequence[Column], texts: Sequence[str], unreadable: Sequence[bool]) -> list[str | None]:
    return [f"unreadable for {column.label}: {text!r}" if bad else None for column, text, bad in zip(columns, texts, unreadable)]


def _unit_cell(amount: str | None, labels_text: str, money: Column | None = None) -> Cell:
    """The unit of a money cell: from the amount's text (``251000元``), else from its header.

    With neither, the unit is blank when the amount's header is there to say none, and
    missing when that header was lost (a unit may have stood in it) or goes on with
    something that does not read as a unit (``采购总金额（量）``: a damaged ``（元）``).
    """
    parsed: ParsedValue | None = parse_value(amount) if amount is not None else None
    if parsed is not None and parsed.unit in MONEY_UNITS:
        return Cell(parsed.unit, Status.NUMBER)
    return _header_unit_cell(labels_text, money)


@remembered(maxsize=256, longest=_LONGEST_PLANNED)  # a plan's header text, the same for all its reports
def _header_unit_cell(labels_text: str, money: Column | None) -> Cell:
    """:func:`_unit_cell` when the amount's text names no unit: from the header alone."""
    found = _UNIT_IN_HEADER.search(labels_text)
    if found:
        longer = _unit_broken_before(labels_text, found)
        if longer is not None:  # (采购总金额（万 / 元）: the 元 that stands alone may be 万元's end)
            return Cell(None, Status.MISSING, note=f"the header's unit {found.group(1)!r} may be the end of {longer!r}, broken between two cells")
        return Cell(found.group(1), Status.NUMBER)
    if money is None:
        return Cell(None, Status.BLANK)
    after = _after_header(labels_text, money)
    if after is None:
        return Cell(None, Status.MISSING, note=f"the header {money.label} was not found")
    if after:  # (采购总金额（量）, 采购总金额项元）: something stood where a unit stands)
        return Cell(None, Status.MISSING, note=f"the header {money.label} goes on with {after!r}, not a unit")
    return Cell(None, Status.BLANK)


def _unit_broken_before(labels_text: str, found: re.Match[str]) -> str | None:
    """The longer unit a unit found at the start of a header cell may be the end of, its
    first characters ending the cell before (``（万`` then ``元）``: a label broken over two
    lines); None when the unit stands whole."""
    unit, start = found.group(1), found.start(1)
    before = labels_text[:start]
    if not before or not before[-1].isspace():
        return None  # the unit opens no cell: nothing of it can stand in another
    before = before.rstrip()
    for longer in MONEY_UNITS:
        if longer != unit and longer.endswith(unit) and before.endswith(longer[: -len(unit)]):
            return longer
    return None


def _after_header(labels_text: str, money: Column) -> str | None:
    """What a header cell prints after the amount's label (its unit stands there), or None
    when no header cell holds the label (``labels_text``: the label cells, squeezed, each
    between spaces)."""
    for label in money.labels:
        squeezed = "".join(label.split())
        at = labels_text.find(squeezed)
        if at >= 0:
            end = at + len(squeezed)
            return labels_text[end : labels_text.index(" ", end)]
    return None


# longest unit first, so 万元 is never read as 元
_UNIT_IN_HEADER = re.compile(
    r"[(（:：,，\s](" + "|".join(sorted(MONEY_UNITS, key=len, reverse=True)) + r")[)）,，:：\s]"
)


class _RowPlan(NamedTuple):
    """A template row's value cells as a layout reads them, worked out once per table."""

    width: int  #: value cells printed (a unit column is printed in a header, not a cell)
    keys: tuple[str, ...]  #: canonical key of each printed value
    columns: tuple[Column, ...]
    #: the reader of each column
    readers: tuple[_Reader, ...]
    units: tuple[str, ...]  #: canonical keys of the row's unit cells
    money: int | None  #: position among the printed values of the amount a unit belongs to


def _plan(keyed: Sequence[tuple[str, Column]], units: Sequence[str] = ()) -> _RowPlan:
    """A row plan for printed value cells, each given with its canonical key."""
    keys, columns = zip(*keyed)
    money = next((i for i, column in enumerate(columns) if column.kind is ValueKind.MONEY), None)
    return _RowPlan(len(columns), keys, columns, tuple(_READERS[column.kind] for column in columns), tuple(units), money)


@lru_cache(maxsize=None)
def _row_plans(table: Table) -> tuple[_RowPlan, ...]:
    return tuple(
        _plan(
            [(f"{table.key}.{row.key}.{c.key}", c) for c in row.columns if c.kind is not ValueKind.UNIT],
            [f"{table.key}.{row.key}.{c.key}" for c in row.columns if c.kind is ValueKind.UNIT],
        )
        for row in table.rows
    )


@lru_cache(maxsize=None)
def _single_row_plan(table: Table) -> _RowPlan:
    """A single-row table's cells (Table 4: all its rows printed as one row of values)."""
    return _plan([(f"{table.key}.{row.key}.{c.key}", c) for row in table.rows for c in row.columns])


# --------------------------------------------------------------------------- a table's plan

class _TablePlan(NamedTuple):
    """How a table's cells are read from rows of one skeleton (see :func:`_table_plan`):
    which cells of the rows (counted through the whole table, row after row) are read for
    which keys, and all the evidence, none of which depends on the values' texts."""

    keys: tuple[str, ...]  #: the canonical key of each cell read, in order
    at: tuple[int, ...]  #: where each one's text is among the table's cells
    pick: Callable[[Sequence[Any]], Sequence[Any]]  #: the items at ``at`` of a sequence
    columns: tuple[Column, ...]
    reader: _Reader | tuple[_Reader, ...]  #: one reader for every cell, or one each
    #: unit cells: (key, where the amount it belongs to is, that amount's column)
    units: tuple[tuple[str, int | None, Column | None], ...]
    #: rows not placed: (slots, where their values are, where their first cell is, reason)
    unplaced: tuple[tuple[tuple[str, ...], tuple[int, ...], int, str], ...]
    rows_labelled: int
    rows_placed: int
    header_words: int
    header_text: str  #: the labels' text, for units found in headers
    #: where values printed before a row's label are, and their texts (read as labels)
    among_labels: tuple[int, ...] = ()
    among_labels_texts: tuple[str, ...] = ()


class _PlanBuilder:
    """The cells a table plan reads, gathered row by row."""

    def __init__(self, rows: Sequence[Sequence[str]]) -> None:
        #: where each row's first cell is among the table's cells
        self.offsets = list(accumulate(map(len, rows), initial=0))
        self.keys: list[str] = []
        self.at: list[int] = []
        self.columns: list[Column] = []
        self.readers: list[_Reader] = []

    def add(self, plan: _RowPlan, row: int, cut: int, positions: Sequence[int]) -> int:
        """The plan's cells read at ``positions`` of a row's value region (from ``cut``);
        where that region starts among the table's cells."""
        start = self.offsets[row] + cut
        self.keys += plan.keys
        self.at += map(start.__add__, positions)
        self.columns += plan.columns
        self.readers += plan.readers
        return start


def picker(at: Sequence[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """A C-level getter of the items at ``at`` of a sequence, always as a sequence."""
    if len(at) == 1:
        return operator.itemgetter(slice(at[0], at[0] + 1))
    return operator.itemgetter(*at) if at else _nothing


def _nothing(items: Sequence[Any]) -> tuple[()]:
    return ()


def _skeleton_text(text: str) -> str:
    """What of a cell's text placing it depends on: a label as it is, and any value or
    empty cell as one text of its kind."""
    kind = _text_kind(text)
    return text if kind == _LABEL else _VALUE_SKELETON if kind == _VALUE else ""


_VALUE_SKELETON = "0"
#: Each cell text's skeleton, looked up from C (a report's cells are mostly known texts).
_SKELETONS = RememberedMap(_skeleton_text)


def _row_skeleton(texts: tuple[str, ...]) -> tuple[str, ...]:
    """A row's skeleton: :func:`_skeleton_text` of each of its texts."""
    return tuple(map(_SKELETONS.__getitem__, texts))


#: Each row's skeleton by the row's texts, looked up from C. A layout's line cuts are
#: remembered, so a row's texts are mostly a tuple seen before: a table's plan is found by
#: one lookup a row, not one a cell.
_ROW_SKELETONS = RememberedMap(_row_skeleton, longest=_LONGEST_ROW, size=total_length)


def _skeleton(rows: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Each row's skeleton (rows given by their texts), as :func:`_table_plan` takes them."""
    return tuple(map(_ROW_SKELETONS.__getitem__, rows))


_PLANS: dict[tuple[Any, ...], _TablePlan] = {}


def _table_plan(table: Table, texts: Sequence[str], skeleton: tuple[tuple[str, ...], ...], stacked: bool) -> _TablePlan:
    """The plan for reading rows of this skeleton (:func:`_row_skeleton` of each row;
    ``texts``: all the rows' cells in order).

    Where a table's values go depends only on its rows' skeletons: their labels, and
    which of their other cells are filled. A value's own text never moves it, so the plan
    is worked out once per skeleton and remembered: reports of one layout share it
    whatever their numbers are. (A value printed before a row's label is read with the
    labels: the plan keeps those texts, and is worked out again for others.)
    """
    key = (table, stacked, skeleton)
    plan = _PLANS.get(key)
    if plan is None or (plan.among_labels and tuple(texts[i] for i in plan.among_labels) != plan.among_labels_texts):
        placing, among_labels = _placing_rows(skeleton, texts)
        plan = _work_out_plan(table, placing, stacked)
        if among_labels:
            plan = plan._replace(among_labels=among_labels, among_labels_texts=tuple(texts[i] for i in among_labels))
        if sum(map(total_length, skeleton)) <= _LONGEST_PLANNED:
            if len(_PLANS) >= _MOST_PLANS:
                _PLANS.clear()
            _PLANS[key] = plan
    return plan


def _placing_rows(
    skeleton: Sequence[tuple[str, ...]], texts: Sequence[str]
) -> tuple[list[tuple[str, ...]], tuple[int, ...]]:
    """The rows a plan is worked out from: each row's skeleton, but for the values before
    its last label, which keep their texts (a row's labels are all its filled cells up to
    the last label: :func:`_row_shape`); and where those values are among the cells
    (``texts``, all the rows' cells in order)."""
    rows = list(skeleton)
    kept_in_rows = list(map(_VALUES_AMONG_LABELS.__getitem__, rows))
    if not any(kept_in_rows):  # the common table: no value printed before a label
        return rows, ()
    among_labels: list[int] = []
    bounds = tuple(accumulate(map(len, rows), initial=0))
    for index, (start, kept) in enumerate(zip(bounds, kept_in_rows)):
        if kept:
            row = list(rows[index])
            for position in kept:
                row[position] = texts[start + position]
            rows[index] = tuple(row)
            among_labels += [start + position for position in kept]
    return rows, tuple(among_labels)


def _values_among_labels(row: tuple[str, ...]) -> tuple[int, ...]:
    """Where a row skeleton's values before its last label are."""
    if _VALUE_SKELETON not in row:
        return ()
    cut = max((i + 1 for i, text in enumerate(row) if text and text != _VALUE_SKELETON), default=0)
    return tuple(i for i in range(cut) if row[i] == _VALUE_SKELETON)


#: Each row skeleton's values before its last label, looked up from C (most have none).
_VALUES_AMONG_LABELS = RememberedMap(_values_among_labels, longest=_LONGEST_ROW, size=total_length)


def _work_out_plan(table: Table, rows: Sequence[tuple[str, ...]], stacked: bool) -> _TablePlan:
    """The plan for rows of these placing texts (:func:`_placing_rows`)."""
    data_rows, evidence, merging, header_words, header_text = _data_rows(table, rows)
    with_values = [row for row in data_rows if row.shape.has_values]
    padded = _shown_by_others(evidence, with_values[0].position) if len(with_values) == 1 else bool(evidence)
    cells = _PlanBuilder(rows)
    units: list[tuple[str, int | None, Column | None]] = []
    unplaced: list[tuple[tuple[str, ...], tuple[int, ...], int, str]] = []
    labelled = placed_rows = 0

    if table.single_row and _read_single_row(table, rows, with_values, cells, padded, stacked):
        placed_rows = len(table.rows)
        # the row labels of a single-row table are its column headers
        labelled = len(table.rows) if header_words >= len(table.header_words) // 2 else 0
    else:
        plans = _row_plans(table)
        placements, gaps = _placements(data_rows, len(table.rows))
        for position, target in sorted(placements.items()):
            data, plan = data_rows[position], plans[target]
            shape = data.shape
            empties = shape.empties
            if True not in empties and len(empties) == plan.width:
                # every value cell filled, one per column (the common row): no padding to weigh
                positions: Sequence[int] | None = range(plan.width)
            else:
                padded_row = bool(evidence) and _shown_by_others(evidence, data.position)
                merged = None  # (how many empty cells are a merged label matters only before the values)
                if empties[0]:
                    merged = _label_room(table, shape, _shown_by_others(merging, data.position))
                positions = _value_positions(empties, plan.width, padded_row, stacked, merged)
            if positions is None:
                unplaced.append(_unplaced(cells, (table.rows[target].key,), data, "values do not fit the columns"))
                continue
            start = cells.add(plan, data.position, shape.cut, positions)
            if plan.units:
                amount = start + positions[plan.money] if plan.money is not None else None
                money = plan.columns[plan.money] if plan.money is not None else None
                units.extend((key, amount, money) for key in plan.units)
            placed_rows += 1
            labelled += shape.match.row == target
        for loose, slots in gaps:
            slot_keys = tuple(table.rows[slot].key for slot in slots)
            for position in loose:
                unplaced.append(_unplaced(cells, slot_keys, data_rows[position], "row cannot be placed by its label"))

    readers = tuple(cells.readers)
    return _TablePlan(
        tuple(cells.keys),
        tuple(cells.at),
        picker(cells.at),
        tuple(cells.columns),
        readers[0] if len(set(readers)) == 1 else readers,
        tuple(units),
        tuple(unplaced),
        labelled,
        placed_rows,
        header_words,
        header_text,
    )


def _label_room(table: Table, shape: _RowShape, merging: bool) -> int:
    """How many empty cells after a row's labels can be its last label merged over the
    table's label columns (:attr:`~govinfo.template.Table.label_columns`): those its cells
    have not reached. A row with labels takes that room only where other rows show that
    the text merges labels (``merging``, :attr:`_RowShape.merges`); otherwise those empty
    cells are blank values, and a row with one value more (a cell duplicated) is left
    unplaced rather than read a column shifted."""
    return max(table.label_columns - shape.cut, 0) if merging or not shape.cut else 0


def _unplaced(
    cells: _PlanBuilder, slots: tuple[str, ...], row: _DataRow, reason: str
) -> tuple[tuple[str, ...], tuple[int, ...], int, str]:
    """An unplaced row: its slots; where its cells are among the table's, from its first
    value to its last, the empty cells between them kept (blank values, or padding: the
    identities stage weighs them); where the row starts; and why."""
    empties = row.shape.empties
    first = empties.index(False) if False in empties else len(empties)
    last = len(empties) - _trailing_empties(empties)
    start = cells.offsets[row.position] + row.shape.cut
    count = empties.count(False)
    return slots, tuple(range(start + first, start + last)), cells.offsets[row.position], f"{reason} ({count} values)"


# --------------------------------------------------------------------------- placing rows

def _anchors(rows: Sequence[_DataRow], distrusted: set[int]) -> list[tuple[int, int]]:
    """(data-row position, template row) for rows their labels place, in order."""
    anchors: list[tuple[int, int]] = []
    last = -1
    for position, row in enumerate(rows):
        match = row.shape.match
        target = match.row
        if target is None and position not in distrusted:
            target = match.block_row
        if target is not None and target > last:
            anchors.append((position, target))
            last = target
    return anchors


def _placements(rows: Sequence[_DataRow], row_count: int) -> tuple[dict[int, int], list[tuple[list[int], list[int]]]]:
    """Template row for each data row that can be placed, and the gaps that cannot.

    Unlabelled rows between two anchors fill the template rows between them in order
    when there are exactly as many; otherwise none of them is placed. A block label
    alone (（三）不予公开 without its item label) anchors the block's first row only when
    the rows that follow it fit; otherwise it is distrusted and the gap widens.
    """
    distrusted: set[int] = set()
    while True:
        anchors = _anchors(rows, distrusted)
        placed: dict[int, int] = dict(anchors)
        gaps: list[tuple[list[int], list[int]]] = []
        bounds = [(-1, -1), *anchors, (len(rows), row_count)]
        newly_distrusted = set()
        for (left_pos, left_row), (right_pos, right_row) in zip(bounds, bounds[1:]):
            if right_pos - left_pos == right_row - left_row:  # as many rows as slots between
                if right_pos - left_pos > 1:
                    placed.update(zip(range(left_pos + 1, right_pos), range(left_row + 1, right_row)))
                continue
            loose = list(range(left_pos + 1, right_pos))
            slots = list(range(left_row + 1, right_row))
            if loose or slots:
                # a block label alone whose block's other rows do not follow as printed is
                # not its first row: it may name the whole block (2019's （六）其他处理)
                if left_pos >= 0 and rows[left_pos].shape.match.row is None:
                    newly_distrusted.add(left_pos)
                gaps.append((loose, slots))
        if not newly_distrusted:
            return placed, gaps
        distrusted |= newly_distrusted


def _data_rows(
    table: Table, rows: Sequence[tuple[str, ...]]
) -> tuple[list[_DataRow], set[int], set[int], int, str]:
    """The table's data rows, from its rows' cell texts; the positions of the rows showing
    that this table's text pads rows with empty cells after their last filled cell, and
    of those showing that it merges labels over label columns (:attr:`_RowShape.merges`);
    the column-header words seen; and the labels' text, for units found in headers.

    Padding is seen where it cannot be blanks: a header row (labels only) ending in empty
    cells, or a data row with all its values filled and empty cells after them.
    """
    data_rows: list[_DataRow] = []
    evidence: set[int] = set()
    merging: set[int] = set()
    header_hits: set[str] = set()
    header_text: list[str] = []
    for position, shape in enumerate(map(_ROW_SHAPES.__getitem__, zip(rows, repeat(table)))):
        if shape.header_keys:
            header_hits.update(shape.header_keys)
        header_text += shape.squeezed
        if shape.is_data:
            data_rows.append(_new_tuple(_DataRow, (position, shape)))
        if shape.pads:
            evidence.add(position)
        if shape.merges:
            merging.add(position)
    return data_rows, evidence, merging, len(header_hits), " " + " ".join(header_text) + " "


_TEXTS = operator.itemgetter(0)  # a RawRow's texts


def _flat_columns(rows: Sequence[RawRow]) -> tuple[list[str], list[int], list[int], list[int]]:
    """The texts, lines, starts and ends of all the rows' cells, row after row (a loop of
    list extends: cheaper than chaining the rows' tuples)."""
    texts: list[str] = []
    lines: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for row_texts, row_lines, row_starts, row_ends in rows:
        texts += row_texts
        lines += row_lines
        starts += row_starts
        ends += row_ends
    return texts, lines, starts, ends


def read_table(
    table: Table,
    raw_rows: Sequence[RawRow],
    *,
    fit: float = 1.0,
    specificity: int = 0,
    stacked: bool = False,
) -> Candidate:
    """Read a table's cells from the raw rows a layout cut, with the evidence for them.

    ``stacked`` says the rows were cut from one cell per line (:func:`stacked_rows`),
    where an empty cell among the values is always a cell of its own.
    """
    texts, lines, starts, ends = _flat_columns(raw_rows)
    skeleton = _skeleton(map(_TEXTS, raw_rows))
    return _read_flat_table(table, texts, lines, starts, ends, skeleton, fit=fit, specificity=specificity, stacked=stacked)


#: The last table's cells read by a plan, and the arguments of :func:`_cells` they were read
#: with: the plan's keys (first: the last reading is mostly another table's, told apart at
#: the first key), columns and readers, and the picked texts, lines, starts and ends.
#: Layouts competing for a section mostly read the same texts at the same spans (a Markdown
#: table's tab rows, read by tab_table and markdown_ocr), and a table read twice over is
#: then built once; each candidate gets a copy of the dict, sharing its cells. (With the
#: count of the cells missing from it: unreadable texts.)
_last_planned: tuple[tuple[Any, ...], dict[str, Cell], int] = ((), {}, 0)


def _read_flat_table(
    table: Table,
    texts: Sequence[str],
    lines: Sequence[int],
    starts: Sequence[int],
    ends: Sequence[int],
    skeleton: tuple[tuple[str, ...], ...],
    *,
    fit: float,
    specificity: int,
    stacked: bool,
) -> Candidate:
    """:func:`read_table` of rows given flat: all their cells' texts, lines, starts and
    ends, row after row, and each row's skeleton (:func:`_row_skeleton`)."""
    global _last_planned
    plan = _table_plan(table, texts, skeleton, stacked)
    cells: dict[str, Cell] = {}
    missing = 0
    if plan.at:
        pick = plan.pick
        source = (plan.keys, plan.columns, plan.reader, pick(texts), pick(lines), pick(starts), pick(ends))
        last_source, read, missing = _last_planned  # one read of the global: a thread may replace it
        if source != last_source:
            read, missing = _cells(*source)
            _last_planned = (source, read, missing)
        cells = dict(read)  # the candidate's own copy (of the same cells): the reading stays as read
    for key, amount, money in plan.units:  # (units have keys of their own, none of plan.keys)
        unit = cells[key] = _unit_cell(None if amount is None else texts[amount], plan.header_text, money)
        missing += unit.status is Status.MISSING
    cells_read = len(cells) - missing
    return Candidate(
        cells=cells,
        evidence=Evidence(
            rows_expected=len(table.rows),
            rows_labelled=plan.rows_labelled,
            rows_placed=plan.rows_placed,
            cells_expected=_cell_count(table),
            cells_read=cells_read,
            header_words=plan.header_words,
            fit=fit,
        ),
        unplaced=tuple(
            UnplacedRow(table.key, slots, tuple(texts[i] for i in values), lines[first], reason)
            for slots, values, first, reason in plan.unplaced
        ),
        specificity=specificity,
    )


@lru_cache(maxsize=None)
def _cell_count(table: Table) -> int:
    return sum(len(row.columns) for row in table.rows)


def _read_single_row(
    table: Table,
    rows: Sequence[tuple[str, ...]],
    with_values: Sequence[_DataRow],
    cells: _PlanBuilder,
    padded: bool,
    stacked: bool = False,
) -> bool:
    """Table 4: all its cells printed as one row of values (``with_values``: the data rows
    that have any)."""
    plan = _single_row_plan(table)
    if not with_values and not padded:
        # every value left blank: in a table whose rows are exact (a grid's cells, no
        # padding), a last row of exactly that many empty cells is the row of blanks
        if rows and len(rows[-1]) == plan.width and False not in _empties(rows[-1]):
            cells.add(plan, len(rows) - 1, 0, range(plan.width))
            return True
    if len(with_values) != 1:
        return False
    data = with_values[0]
    positions = _value_positions(data.shape.empties, plan.width, padded, stacked)
    if positions is None:
        return False
    cells.add(plan, data.position, data.shape.cut, positions)
    return True


def stacked_section_rows(section: SectionText) -> list[RawRow]:
    """``stacked_rows(section_cells(section))``, without a Python step per line."""
    columns = _stacked_columns(section)
    if columns is None:
        return []
    texts, lines, starts, ends, lengths, _ = columns
    bounds = (0, *accumulate(lengths))
    return [
        _new_tuple(RawRow, (texts[a:b], lines[a:b], starts[a:b], ends[a:b]))
        for a, b in zip(bounds, bounds[1:])
    ]


def read_stacked_section(table: Table, section: SectionText, *, fit: float = 1.0, specificity: int = 0) -> Candidate:
    """``read_table(table, stacked_section_rows(section), stacked=True)``, without building
    the rows only to flatten them again."""
    texts, lines, starts, ends, lengths, cell_skeletons = _stacked_columns(section) or ((), (), (), (), (), ())
    bounds = (0, *accumulate(lengths))
    skeleton = tuple([cell_skeletons[a:b] for a, b in zip(bounds, bounds[1:])])
    return _read_flat_table(table, texts, lines, starts, ends, skeleton, fit=fit, specificity=specificity, stacked=True)


def _stacked_columns(
    section: SectionText,
) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[str, ...]] | None:
    """A one-cell-per-line section's cells, as :func:`stacked_rows` groups them: their
    texts, lines, starts and ends, the cells to each row, and each cell's skeleton
    (:func:`_skeleton_text`); None for a section of no filled cell.

    Lines like ``0`` recur endlessly: each line's cell is remembered by its text and
    looked up from C, and the rows are cut where :func:`stacked_rows` cuts them (a label
    after a value) by one regular expression over the cells' kind marks.
    """
    cells = list(map(_LINE_CELLS.__getitem__, section.lines))  # None for a blank line
    columns = tuple(zip(*filter(None, cells)))
    grouped = _stacked_row_lengths("".join(columns[3])) if columns else None
    if grouped is None:  # nothing but empty cells and blank lines
        return None
    texts, starts, ends, _, skeletons = columns
    lines = tuple(compress(range(section.first_line, section.first_line + len(cells)), cells))
    skip, lengths = grouped
    if skip:  # empty cells before any text belong to no row
        texts, lines, starts, ends, skeletons = texts[skip:], lines[skip:], starts[skip:], ends[skip:], skeletons[skip:]
    return texts, lines, starts, ends, lengths, skeletons


def _line_cell(line: str) -> tuple[str, int, int, str, str] | None:
    """A line as one cell (section_cells' rule): its text, where it starts and ends, its
    kind's mark (stacked_rows' rule) and its skeleton; None for an empty line, which only
    separates cells."""
    text = line.strip()
    if not text and "\t" not in line:
        return None
    start = len(line) - len(line.lstrip())
    return text, start, start + len(text), _KIND_MARKS[_text_kind(text)], _SKELETONS[text]


_LINE_CELLS = RememberedMap(_line_cell, longest=_LONGEST_ROW)


def section_cells(section: SectionText) -> list[RawCell]:
    """Every line of a section as one cell (for one-cell-per-line layouts).

    An empty line separates cells and is skipped; a line holding only a tab is an empty
    cell (how a copied table cell with nothing in it comes out).
    """
    cells = []
    first = section.first_line
    for offset, line in enumerate(section.lines):
        text = line.strip()
        if not text and "\t" not in line:
            continue
        start = len(line) - len(line.lstrip())
        cells.append(_new_tuple(RawCell, (text, first + offset, start, start + len(text))))
    return cells


# --------------------------------------------------------------------------- the official grid (for renderers)

#: The corner note printed in Table 3's header.
REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@attrs.frozen
class GridRow:
    """One row of a table as the official template lays it out, for a renderer to print.

    ``labels`` are the label cells (leading empty ones stand for merged cells);
    ``values`` the value cells as text ('' for blank), empty for header rows.
    """

    labels: tuple[str, ...]
    values: tuple[str, ...] = ()


def _value_text(cell: Cell, column: Column) -> str:
    from govinfo.text import format_value

    if cell.status is Status.NOT_APPLICABLE:
        return "/"
    if cell.status in (Status.BLANK, Status.MISSING, Status.INFERRED):
        return ""
    return format_value(cell.value)


def _row_values(table: Table, row: Row, cells: "Mapping[str, Cell]") -> tuple[str, ...]:
    """The printed texts of a row's value cells; none at all when nothing of it was printed.

    Missing and inferred cells were not printed in the source, so a renderer does not print
    them either: a row with none of its values printed is rendered as its label alone, which
    reads back as a row whose cells are missing.
    """
    keyed = [
        (cells[f"{table.key}.{row.key}.{column.key}"], column)
        for column in row.columns
        if column.kind is not ValueKind.UNIT
    ]
    if all(cell.status in (Status.MISSING, Status.INFERRED) for cell, _ in keyed):
        return ()
    return tuple(_value_text(cell, column) for cell, column in keyed)


def _unit_of(table: Table, row: Row, cells: "Mapping[str, Cell]") -> str:
    for column in row.columns:
        if column.kind is ValueKind.UNIT:
            unit = cells[f"{table.key}.{row.key}.{column.key}"].value
            return f"（{unit}）" if unit else ""
    return ""


def official_grid(table: Table, cells: "Mapping[str, Cell]") -> list[GridRow]:
    """A table's rows in the official layout, filled with the given cells."""
    if table.key == "requests":
        return _requests_grid(table, cells)
    if table.single_row:
        return _appeals_grid(table, cells)
    grid: list[GridRow] = []
    block = None
    for row in table.rows:
        if row.block != block:
            block = row.block
            headers = [column.label for column in row.columns if column.kind is not ValueKind.UNIT]
            unit = _unit_of(table, row, cells)
            if unit:
                headers = [h + unit if i == len(headers) - 1 else h for i, h in enumerate(headers)]
            grid.append(GridRow((block or "",)))
            grid.append(GridRow(("信息内容", *headers)))
        grid.append(GridRow((row.label,), _row_values(table, row, cells)))
    return grid


def _requests_grid(table: Table, cells: "Mapping[str, Cell]") -> list[GridRow]:
    columns = [column.label for column in table.rows[0].columns]
    grid = [
        GridRow((REQUESTS_CORNER, "申请人情况")),
        GridRow(("", "自然人", "法人或其他组织", "总计")),
        GridRow(("", "", *columns[1:6])),
    ]
    block = None
    for row in table.rows:
        values = _row_values(table, row, cells)
        if row.block is None:
            prefix = ("三、本年度办理结果",) if row.key == "granted" else ()
            grid.append(GridRow((*prefix, row.label), values))
        else:
            first = row.block != block
            grid.append(GridRow((row.block if first else "", row.label), values))
        block = row.block
    return grid


def _appeals_grid(table: Table, cells: "Mapping[str, Cell]") -> list[GridRow]:
    columns = [column.label for column in table.rows[0].columns]
    printed = [_row_values(table, row, cells) for row in table.rows]
    values = () if not any(printed) else tuple(
        value
        for row, row_values in zip(table.rows, printed)
        for value in (row_values or ("",) * len(row.columns))
    )
    header = [
        GridRow(("行政复议", "", "", "", "", "行政诉讼")),
        GridRow((*columns, "未经复议直接起诉", "", "", "", "", "复议后起诉")),
        GridRow(("", "", "", "", "", *columns, *columns)),
    ]
    return header + [GridRow((), values)] if values else header


def delimited_lines(report: "Report", section: str, separator: str) -> list[str]:
    """A table section of a report in the official grid, one row per line, cells joined."""
    table = report.template_spec.table(section)
    return [separator.join(row.labels + row.values) for row in official_grid(table, report.cells)]
