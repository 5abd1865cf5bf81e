"""The canonical report: frozen attrs classes, and the documents they are read from.

A :class:`Report` holds every cell of its template by canonical key (FORMAT.md section 3),
each a :class:`Cell` with a value and a :class:`Status`. Where a value came from (a source
line and span, the raw text, which plugin) is carried alongside but never takes part in
equality: two reports are equal when their data is.
"""

from __future__ import annotations

import datetime as dt
import operator
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any, ItemsView, Iterator, KeysView, Mapping, NamedTuple, ValuesView

import attrs

from govinfo.template import META_KEYS, TEXT_KEYS, Template, template

SCHEMA_VERSION = 1
CellValue = int | Decimal | str | None


class Status(str, Enum):
    """How a cell's value was obtained (FORMAT.md section 3)."""

    NUMBER = "number"  #: printed in the source
    BLANK = "blank"  #: the cell exists and is empty
    NOT_APPLICABLE = "not_applicable"  #: printed /, -, 无, 不适用 ...
    MISSING = "missing"  #: the parser could not find the cell
    INFERRED = "inferred"  #: not printed; derived from the identities

    @property
    def has_value(self) -> bool:
        return self in (Status.NUMBER, Status.INFERRED)


def _to_status(value: Any) -> Status:
    # skip Enum's value lookup when it already is one
    return value if value.__class__ is Status else Status(value)


class SourceSpan(NamedTuple):
    """Where a piece of data stands in the normalized document text.

    A named tuple: every cell read carries one, and a tuple is the cheapest immutable
    record Python builds.
    """

    line: int  #: 1-based line number
    start: int  #: character offset of the span within the line
    end: int
    #: the text as the layout read it there: ``line[start:end]`` stripped, or cleaned by
    #: the layout (markdown-OCR drops ``**`` and reads an OCR'd ``O`` as ``0``)
    raw: str


class _CellFields(NamedTuple):
    value: CellValue
    status: Status
    source: SourceSpan | None
    note: str | None


_new_tuple = tuple.__new__


class Cell(_CellFields):
    """One table cell: a value and its status, and where it came from.

    ``Cell(value, status, source=None, note=None)``: ``status`` is a :class:`Status` (or its
    string), and a cell has a value exactly when its status is ``number`` or ``inferred``.
    Two cells are equal when their data is: ``source`` and ``note`` take no part.

    A named tuple, for speed: a parse builds one per cell, and a tuple is the cheapest
    immutable record Python builds. Use it by its field names; ``_replace`` gives a copy
    with fields changed (``cell._replace(note=...)``).
    """

    __slots__ = ()

    def __new__(
        cls,
        value: CellValue = None,
        status: Status | str = Status.MISSING,
        source: SourceSpan | None = None,
        note: str | None = None,
    ) -> "Cell":
        status = _to_status(status)
        if status.has_value != (value is not None):
            raise ValueError(f"a {status.value} cell {'needs' if status.has_value else 'cannot have'} a value")
        return _new_tuple(cls, (value, status, source, note))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            # a plain tuple is not a cell, though tuple's own == would compare it item by item
            return False if isinstance(other, tuple) else NotImplemented
        return self[1] is other[1] and self[0] == other[0]  # type: ignore[index]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((self[0], self[1].value))

    # a tuple orders by its items; cells have no order
    def __lt__(self, other: object) -> bool:
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__

    def __repr__(self) -> str:
        return f"Cell(value={self[0]!r}, status={self[1]!r}, note={self[3]!r})"


MISSING = Cell()

#: A cell's value and status read as the tuple items they are: C-level getters, for the
#: loops that read every cell of a report (``map(cell_status, cells.values())``).
cell_value, cell_status = operator.itemgetter(0), operator.itemgetter(1)


@attrs.frozen
class Meta:
    """What identifies a report."""

    agency: str | None = None
    year: int | None = None
    template: str = "2021"
    published: dt.date | None = None
    doc_number: str | None = None
    title: str | None = None


@attrs.frozen
class Prose:
    """The prose sections, verbatim."""

    overview: str | None = None
    problems: str | None = None
    other_matters: str | None = None


@attrs.frozen
class Evidence:
    """What a layout plugin found in a table section; the core scores it.

    The counts are over the template's rows and cells for that table, so evidence
    from different plugins is comparable.
    """

    rows_expected: int
    rows_labelled: int  #: rows anchored by their own label
    rows_placed: int  #: rows given values (labelled or placed by position)
    cells_expected: int
    cells_read: int  #: cells read as number, blank or not applicable
    header_words: int = 0  #: column-header words of the table recognised
    #: A plugin's own doubt, in (0, 1]; it can lower the score, never raise it.
    fit: float = 1.0


@attrs.frozen
class UnplacedRow:
    """Values read in a row that could not be put in cells with certainty."""

    table: str
    slots: tuple[str, ...]  #: the row keys this row may belong to
    #: the raw cell texts, in order, from the first value to the last: an empty one
    #: between them is a blank value or padding
    values: tuple[str, ...]
    line: int
    reason: str


@attrs.frozen
class Candidate:
    """One plugin's reading of one table section."""

    cells: Mapping[str, Cell]
    evidence: Evidence
    unplaced: tuple[UnplacedRow, ...] = ()
    #: Higher for plugins that speak only when they recognise their layout's signature
    #: (a markdown reader is more specific than a generic tab reader). Breaks ties only.
    specificity: int = 0
    plugin: str = ""  #: filled in by the host
    confidence: float = 0.0  #: filled in by the host's scorer

    def stamped(self, *, plugin: str | None = None, confidence: float | None = None) -> "Candidate":
        """A copy with the host's fields filled in: ``attrs.evolve`` without its look at
        the fields (the host stamps every candidate of every section, twice)."""
        if type(self) is not Candidate:  # a subclass may have fields of its own
            changes = {"plugin": plugin, "confidence": confidence}
            return attrs.evolve(self, **{name: value for name, value in changes.items() if value is not None})
        return Candidate(
            self.cells,
            self.evidence,
            self.unplaced,
            self.specificity,
            self.plugin if plugin is None else plugin,
            self.confidence if confidence is None else confidence,
        )


@attrs.frozen
class Alternative:
    """A candidate that lost, kept as provenance."""

    plugin: str
    confidence: float
    cells_read: int


@attrs.frozen
class SectionProvenance:
    """How one section was read."""

    section: str
    template: str | None
    plugin: str | None
    confidence: float
    first_line: int
    last_line: int
    alternatives: tuple[Alternative, ...] = ()


@attrs.frozen
class Diagnostic:
    """Something the pipeline noticed while parsing: a plugin error, a lost section."""

    stage: str
    message: str
    plugin: str | None = None
    severity: str = "warning"


@attrs.frozen
class Provenance:
    """How a report was obtained."""

    source: str | None = None
    encoding: str | None = None
    reader: str | None = None
    segmenter: str | None = None
    sections: tuple[SectionProvenance, ...] = ()
    unplaced: tuple[UnplacedRow, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def section(self, key: str) -> SectionProvenance | None:
        for entry in self.sections:
            if entry.section == key:
                return entry
        return None


class CellMap(Mapping[str, Cell]):
    """A read-only mapping of canonical key → Cell that pickles (for worker processes)."""

    __slots__ = ("_cells", "get")

    def __init__(self, cells: Mapping[str, Cell]) -> None:
        self._cells = dict(cells)
        #: ``get(key, default=None)``: the dict's own method, called for every cell an
        #: identity sums (a Python wrapper would double the cost of a validation)
        self.get = self._cells.get

    def __getitem__(self, key: str) -> Cell:
        return self._cells[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)

    # the dict's own views: Mapping's generic ones call __getitem__ once per cell
    def keys(self) -> KeysView[str]:
        return self._cells.keys()

    def values(self) -> ValuesView[Cell]:
        return self._cells.values()

    def items(self) -> ItemsView[str, Cell]:
        return self._cells.items()

    def __contains__(self, key: object) -> bool:
        return key in self._cells

    def __eq__(self, other: object) -> bool:
        return dict(self._cells) == dict(other) if isinstance(other, Mapping) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[dict[str, Cell]]]:
        return (CellMap, (self._cells,))

    def __repr__(self) -> str:
        return f"CellMap({len(self._cells)} cells)"


def _freeze_cells(cells: Mapping[str, Cell]) -> Mapping[str, Cell]:
    return cells if isinstance(cells, CellMap) else CellMap(cells)


@attrs.frozen
class Report:
    """One annual report in canonical form.

    ``cells`` holds every cell key of the report's template, in template order.
    """

    meta: Meta
    cells: Mapping[str, Cell] = attrs.field(converter=_freeze_cells)
    text: Prose = Prose()
    provenance: Provenance | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        expected = self.template_spec.cell_keys()
        if tuple(self.cells) != expected:
            unknown = sorted(set(self.cells) - set(expected))
            absent = [key for key in expected if key not in self.cells]
            raise ValueError(
                f"cells do not match template {self.meta.template}: unknown {unknown[:5]}, absent {absent[:5]}"
                if unknown or absent
                else "cells are not in template order"
            )

    @property
    def template_spec(self) -> Template:
        return template(self.meta.template)

    def cell(self, key: str) -> Cell:
        """The cell at a canonical key, e.g. ``requests.granted.natural_person``."""
        try:
            return self.cells[key]
        except KeyError:
            raise KeyError(f"no cell {key!r} in template {self.meta.template}") from None

    def iter_cells(self) -> Iterator[tuple[str, Cell]]:
        """Every (canonical key, cell) in template order."""
        return iter(self.cells.items())

    def value(self, key: str) -> CellValue:
        return self.cell(key).value

    def flat(self) -> dict[str, Any]:
        """``{canonical key: value}``: meta, prose and every cell, in export order."""
        meta = self.meta
        values: dict[str, Any] = dict(
            zip(
                META_KEYS,
                (meta.agency, meta.year, meta.template, meta.published, meta.doc_number),
            )
        )
        values.update(zip(TEXT_KEYS, (self.text.overview, self.text.problems, self.text.other_matters)))
        values.update((key, cell.value) for key, cell in self.cells.items())
        return values

    def evolve(self, **changes: Any) -> "Report":
        return attrs.evolve(self, **changes)

    def with_cells(self, updates: Mapping[str, Cell]) -> "Report":
        """A copy with some cells replaced (keys must exist)."""
        for key in updates:
            self.cell(key)
        return attrs.evolve(self, cells={**self.cells, **updates})


def empty_cells(template_id: str) -> dict[str, Cell]:
    """Every cell of a template, missing (a new dict: the caller fills it)."""
    return _empty_cells(template_id).copy()


@lru_cache(maxsize=None)  # one per template: every parse starts from it
def _empty_cells(template_id: str) -> dict[str, Cell]:
    return dict.fromkeys(template(template_id).cell_keys(), MISSING)


# --------------------------------------------------------------------------- findings


class Severity(str, Enum):
    ERROR = "error"  #: the source contradicts itself or the format
    WARNING = "warning"  #: probably wrong, or a soft rule (documents also expire unrepealed)
    INFO = "info"  #: worth knowing (e.g. blanks counted as 0)


@attrs.frozen
class Finding:
    """One thing validation found, precise enough for a reviewer to act on.

    ``cells`` are the canonical keys involved; ``suspect`` the single cell that, if
    changed to ``expected``, would make every failing identity hold (when there is one).
    """

    rule: str
    severity: Severity = attrs.field(converter=Severity)
    message_zh: str
    message_en: str
    cells: tuple[str, ...] = ()
    expected: int | Decimal | None = None
    printed: int | Decimal | None = None
    suspect: str | None = None

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh


# --------------------------------------------------------------------------- documents


@attrs.frozen
class Source:
    """Bytes to read, and what is known of them."""

    data: bytes
    name: str | None = None  #: file name or URL, for messages and format hints
    media_type: str | None = None  #: e.g. text/html when the caller knows it


@attrs.frozen
class Grid:
    """A table whose cells a reader knows exactly (HTML, DOCX, PDF words).

    Rows of cell texts with merged cells expanded; ``line`` is where the table's text
    stands in the document, so it can be told which section it belongs to.
    """

    rows: tuple[tuple[str, ...], ...]
    line: int
    #: (row, column) positions that are not cells of their own: covered by a merged cell
    #: (rowspan/colspan, gridSpan/vMerge) or left over at the end of a short row. Their
    #: text is ''; a reader that knows them lets a layout tell them from blank cells.
    covered: tuple[tuple[int, int], ...] = ()


@attrs.frozen
class Document:
    """Normalized text of a source, split into lines, plus any structure the source had."""

    text: str
    name: str | None = None
    encoding: str | None = None
    reader: str | None = None
    grids: tuple[Grid, ...] = ()
    title: str | None = None  #: e.g. an HTML <title>
    #: What the container says about the document where its text may not (e.g. an HTML
    #: page's ArticleTitle/PubDate/ContentSource <meta>): ``("title" | "published"
    #: (ISO date) | "agency", value)`` pairs, used only to fill what the text leaves empty.
    info: tuple[tuple[str, str], ...] = ()
    lines: tuple[str, ...] = attrs.field(init=False)

    @lines.default
    def _split(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n"))


@attrs.frozen
class SectionText:
    """One of the six sections of a document: its key, heading line and body lines."""

    key: str
    heading: str  #: the heading line as printed
    first_line: int  #: 1-based number of the first body line
    lines: tuple[str, ...]  #: the body, heading excluded
    grids: tuple[Grid, ...] = ()
    #: The body as one text (joined once: every layout plugin may look at it).
    text: str = attrs.field(init=False, eq=False, repr=False)

    @text.default
    def _join(self) -> str:
        return "\n".join(self.lines)

    @property
    def last_line(self) -> int:
        return self.first_line + len(self.lines) - 1


@attrs.frozen
class Segmentation:
    """A document split into its sections, with what stands before and after them."""

    sections: tuple[SectionText, ...]
    preamble: tuple[str, ...] = ()  #: lines before section 一 (title, doc number, addressee)
    trailer: tuple[str, ...] = ()  #: signature and date lines after section 六

    def get(self, key: str) -> SectionText | None:
        for section in self.sections:
            if section.key == key:
                return section
        return None
