"""Reader for born-digital PDF (extra ``pdf``: pdfplumber, on pdfminer.six).

Tables are rebuilt from the page's ruling lines and the characters' positions, not
from the page text, so each cell is known exactly; they are written into the text as
tab rows and kept as grids. What the text layer alone would give, and this avoids::

    1.属于国家秘密            2          0        0        0        0    0    2
    三、
    本            2.其他法律行政法规禁止公开     30          1        0   ...

(a vertical label one character per line interleaved with the rows, long labels wrapped
around their numbers, ``- 4 -`` inside a table split over two pages.) Fragments of one
table on consecutive pages are joined; page numbers are dropped; prose lines wrapped
at the right margin are joined back into their paragraph. A table printed without
ruling lines is read from the words' positions: a gap of more than two character
heights between words is a column break, written as a tab (``规章<TAB>1<TAB>0<TAB>11``).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any, Callable, Iterable, Sequence

import attrs

import govinfo
from govinfo import Document, Grid, Source, hookimpl

_MAGIC = b"%PDF-"
#: Where the end-of-file marker must stand: a file without it in its last bytes is cut off.
_EOF_WINDOW = 8192
#: Points within which two ruling lines or cell edges are the same edge.
_EDGE_TOLERANCE = 2.5
#: Points within which two table fragments on consecutive pages have the same sides.
_SIDE_TOLERANCE = 4.0
#: A gap wider than this many character heights separates columns, not words.
_COLUMN_GAP = 2.0
#: A gap wider than this (points) separates words (pdfplumber's own x_tolerance).
_WORD_GAP = 3.0
_SENTENCE_END = ("。", "；", "：", "！", "？", ";", ":", "!", "?")


@attrs.frozen
class _Cell:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@attrs.frozen
class _Fragment:
    """The part of a ruled table that stands on one page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    cells: tuple[_Cell, ...]


@attrs.frozen
class _Line:
    """One line of prose on a page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


_Item = _Line | _Fragment


# --------------------------------------------------------------------------- the hook

@hookimpl(trylast=True)
def govinfo_read_document(source: Source) -> Document | None:
    if not source.data[:1024].lstrip().startswith(_MAGIC):
        return None
    try:
        import pdfplumber  # noqa: F401  (the optional extra)
    except ImportError:
        raise govinfo.UnsupportedFormatError(
            f"{source.name or 'the input'} is a PDF: reading PDFs needs the pdf extra "
            "(pip install 'govinfo[pdf]')"
        ) from None
    if b"%%EOF" not in source.data[-_EOF_WINDOW:]:
        raise govinfo.DamagedFileError(f"{source.name or 'the PDF'} is truncated: it has no end-of-file marker")
    pages, chars = _read_pages(source)
    if chars == 0:
        raise govinfo.NoTextLayerError(
            f"{source.name or 'the PDF'}: no text layer: OCR it first (its pages carry no text, as a scan's do)"
        )
    return govinfo.assemble_document(_blocks(pages), name=source.name, reader="read_pdf")


# --------------------------------------------------------------------------- reading pages

def _read_pages(source: Source) -> tuple[list[list[_Item]], int]:
    """Every page's prose lines and table fragments, top to bottom; and the char count."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    name = source.name or "the PDF"
    try:
        with pdfplumber.open(io.BytesIO(source.data)) as pdf:
            pages = []
            chars = 0
            for number, page in enumerate(pdf.pages):
                items, count = _read_page(page, number)
                page.close()  # drop the page's parsed objects: long reports stay small in memory
                pages.append(items)
                chars += count
            return pages, chars
    except Exception as error:  # pdfminer's errors are many and undocumented: name the file's fault
        cause: BaseException = error
        while cause.__cause__ is not None or (cause.args and isinstance(cause.args[0], BaseException)):
            cause = cause.__cause__ or cause.args[0]
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise govinfo.EncryptedFileError(f"{name} is encrypted: decrypt it first") from error
        raise govinfo.DamagedFileError(f"{name} cannot be read as a PDF: {type(cause).__name__}: {cause}") from error


def _read_page(page: Any, number: int) -> tuple[list[_Item], int]:
    tables = [table for table in page.find_tables() if _is_table(table)]
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    items: list[_Item] = [_fragment(table, number) for table in tables]
    for line in page.filter(outside_tables).extract_text_lines(return_chars=True):
        text = _spaced(line["chars"], line["bottom"] - line["top"]) or line["text"].strip()
        if text:
            items.append(_Line(number, line["x0"], line["top"], line["x1"], line["bottom"], text))
    items.sort(key=lambda item: item.top)
    return items, sum(1 for char in page.chars if char["text"].strip())


def _spaced(chars: Sequence[dict[str, Any]], size: float) -> str:
    """A line's text from its characters, a wide gap written as a tab.

    Prose runs its characters together; an unruled table leaves gaps of several
    characters between its columns, and a tab there keeps its cells apart for the
    tab-table layout (a space would make ``规章 1 0 11`` one cell of words).
    """
    parts: list[str] = []
    previous: dict[str, Any] | None = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if gap > _COLUMN_GAP * size:
                parts.append("\t")
            elif gap > _WORD_GAP and not char["text"].isspace() and not previous["text"].isspace():
                parts.append(" ")
        parts.append(char["text"])
        previous = char
    return re.sub(r" *\t[ \t]*", "\t", "".join(parts)).strip()


def _is_table(table: Any) -> bool:
    """A ruled box with cells side by side; a framed paragraph (one column) is prose."""
    return any(sum(1 for cell in row.cells if cell is not None) >= 2 for row in table.rows)


def _fragment(table: Any, page: int) -> _Fragment:
    cells = []
    for row, texts in zip(table.rows, table.extract()):
        for box, text in zip(row.cells, texts):
            if box is not None:
                cells.append(_Cell(box[0], box[1], box[2], box[3], text or ""))
    x0, top, x1, bottom = table.bbox
    return _Fragment(page, x0, top, x1, bottom, tuple(cells))


# --------------------------------------------------------------------------- tables

def _edges(values: Iterable[float]) -> list[float]:
    """Cell edge positions, those within the tolerance taken as one edge."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= _EDGE_TOLERANCE:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def _nearest(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda index: abs(edges[index] - value))


def _inner_edges(fragment: _Fragment) -> list[float]:
    """The fragment's column edges between its two sides."""
    return [
        x
        for cell in fragment.cells
        for x in (cell.x0, cell.x1)
        if fragment.x0 + _EDGE_TOLERANCE < x < fragment.x1 - _EDGE_TOLERANCE
    ]


def _aligner(first: _Fragment, fragment: _Fragment) -> Callable[[float], float]:
    """How to map a fragment's x onto the first fragment's: as is, or side to side.

    A continued table can be placed or scaled a little differently on its next page, or
    have only its outer border drawn differently; take the mapping under which more of
    its column edges meet the first fragment's.
    """
    scale = (first.x1 - first.x0) / max(fragment.x1 - fragment.x0, 1.0)
    mappings: list[Callable[[float], float]] = [
        lambda x: x,
        lambda x: first.x0 + (x - fragment.x0) * scale,
    ]
    targets = _edges(_inner_edges(first))
    edges = _inner_edges(fragment)

    def hits(mapping: Callable[[float], float]) -> int:
        return sum(1 for x in edges if any(abs(mapping(x) - t) <= _EDGE_TOLERANCE for t in targets))

    return max(mappings, key=hits)  # max keeps the first (as is) on ties


def _table_grid(fragments: Sequence[_Fragment]) -> Grid:
    """One table from its fragments: a cell's text in its top-left grid slot.

    The columns are the union of every fragment's cell edges, so a fragment with fewer
    columns (a value cell spanning three) lines up with the others; the slots a merged
    cell covers stay empty, as a copy-paste of the table gives them, and are listed as
    covered so they are not taken for blank cells.
    """
    first = fragments[0]
    aligners = [_aligner(first, fragment) for fragment in fragments]
    inner = _edges(align(x) for fragment, align in zip(fragments, aligners) for x in _inner_edges(fragment))
    columns = [first.x0, *inner, first.x1]
    width = len(columns) - 1
    rows: list[list[str]] = []
    covered: set[tuple[int, int]] = set()
    for fragment, align in zip(fragments, aligners):
        tops = _edges(y for cell in fragment.cells for y in (cell.top, cell.bottom))
        grid = [[""] * width for _ in range(max(len(tops) - 1, 1))]
        uncovered = {(row, column) for row in range(len(grid)) for column in range(width)}
        for cell in fragment.cells:
            row = min(_nearest(tops, cell.top), len(grid) - 1)
            row_end = max(_nearest(tops, cell.bottom), row + 1)
            at_side = cell.x0 <= fragment.x0 + _EDGE_TOLERANCE
            column = 0 if at_side else min(_nearest(columns, align(cell.x0)), width - 1)
            column_end = max(_nearest(columns, align(cell.x1)), column + 1)
            span = {(r, c) for r in range(row, row_end) for c in range(column, column_end)}
            uncovered -= span
            covered.update((len(rows) + r, c) for r, c in span if (r, c) != (row, column))
            covered.discard((len(rows) + row, column))
            if cell.text.strip():
                grid[row][column] = govinfo.join_wrapped((grid[row][column], *cell.text.split("\n")))
        # a slot no cell reaches is not a cell either
        covered.update((len(rows) + r, c) for r, c in uncovered)
        rows.extend(grid)
    return Grid(tuple(tuple(row) for row in rows), line=0, covered=tuple(sorted(covered)))


def _continues(previous: _Fragment, following: _Fragment) -> bool:
    """Whether a page's first table continues the previous page's last one."""
    return (
        following.page == previous.page + 1
        and abs(previous.x0 - following.x0) <= _SIDE_TOLERANCE
        and abs(previous.x1 - following.x1) <= _SIDE_TOLERANCE
    )


# --------------------------------------------------------------------------- assembling

def _blocks(pages: Sequence[Sequence[_Item]]) -> list[str | Grid]:
    """Prose lines and tables in reading order, tables joined across page breaks."""
    items = [item for page in pages for item in page if not _is_furniture(item)]
    margins = _margins([item for item in items if isinstance(item, _Line)])
    blocks: list[str | Grid] = []
    chain: list[_Fragment] = []
    previous: _Item | None = None
    for item in items:
        if isinstance(item, _Fragment):
            if chain and isinstance(previous, _Fragment) and _continues(chain[-1], item):
                chain.append(item)
            else:
                _close(chain, blocks)
                chain = [item]
        else:
            _close(chain, blocks)
            chain = []
            if isinstance(previous, _Line) and blocks and isinstance(blocks[-1], str) and _wraps(previous, item, margins):
                blocks[-1] = govinfo.join_wrapped((blocks[-1], item.text))
            else:
                blocks.append(item.text)
        previous = item
    _close(chain, blocks)
    return blocks


def _close(chain: list[_Fragment], blocks: list[str | Grid]) -> None:
    if chain:
        blocks.append(_table_grid(chain))


def _is_furniture(item: _Item) -> bool:
    return isinstance(item, _Line) and govinfo.is_page_furniture(item.text)


def _margins(lines: Sequence[_Line]) -> tuple[float, float]:
    """The body text's left and right margins: where most lines start and end."""
    if not lines:
        return 0.0, 0.0
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = Counter(round(line.x1) for line in lines).most_common(1)[0][0]
    return float(left), float(right)


def _wraps(line: _Line, following: _Line, margins: tuple[float, float]) -> bool:
    """Whether ``following`` continues ``line``'s paragraph (the page wrapped it).

    The line must run to the right margin without ending a sentence, and the next must
    start at the left margin (an indented line opens a paragraph or is a heading).
    """
    left, right = margins
    size = line.size
    return (
        "\t" not in line.text
        and "\t" not in following.text
        and line.x1 >= right - size
        and following.x0 <= left + size / 2
        and abs(following.size - size) <= size * 0.25
        and not line.text.endswith(_SENTENCE_END)
        and not govinfo.starts_with_numbering(following.text)  # a heading or list item opens
    )
