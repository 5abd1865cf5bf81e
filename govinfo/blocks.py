"""Building a :class:`~govinfo.model.Document` from the blocks a structured reader finds.

Readers of formats with real structure (PDF words with positions, DOCX tables) find the
document as a sequence of blocks: prose lines and tables. :func:`assemble_document`
writes them into one normalized text — each table as tab-separated rows, as the
tab-table layout reads them — and keeps every table as an exact :class:`Grid` whose
``line`` is where its text starts, so a grid layout and a text layout can both read it.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Union

from govinfo.model import Document, Grid
from govinfo.text import collapse_spaces

#: A block: a prose line (or lines), or a table as a :class:`Grid` (its ``line`` is ignored).
Block = Union[str, Grid]


def _is_wide(char: str) -> bool:
    """CJK and full-width characters: text in them is written without spaces."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def join_wrapped(parts: Iterable[str]) -> str:
    """Join the pieces of one text that a page or cell wrapped onto several lines.

    Chinese needs no space at a line break (``商业`` / ``企业`` → ``商业企业``); two
    Latin or digit pieces get one (``Annual`` / ``report``). Nothing else changes.
    """
    joined = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if joined and not (_is_wide(joined[-1]) or _is_wide(piece[0])):
            joined += " "
        joined += piece
    return joined


def _cell_text(text: str) -> str:
    # a tab or line break inside a cell would cut the tab row it is written into
    return collapse_spaces(join_wrapped(text.replace("\t", " ").split("\n")))


def assemble_document(
    blocks: Iterable[Block],
    *,
    name: str | None = None,
    reader: str | None = None,
    encoding: str | None = None,
    title: str | None = None,
) -> Document:
    """One document from prose lines (``str``) and tables (:class:`Grid`), in order.

    Each table is written as one tab-separated line per row and kept as a :class:`Grid`
    whose ``line`` is where that text starts. Rows are padded to one width (the padding
    is ``covered``: no cells there); a row where no cell starts (all covered) is dropped,
    a row of empty cells is kept (blank cells are data).
    """
    lines: list[str] = []
    grids: list[Grid] = []
    for block in blocks:
        if isinstance(block, str):
            lines.extend(block.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            continue
        grid = _clean_grid(block, line=len(lines) + 1)
        if grid is not None:
            grids.append(grid)
            lines.extend("\t".join(row) for row in grid.rows)
    text = "\n".join(lines).replace("\ufeff", "").replace("\x00", "")
    return Document(text, name=name, encoding=encoding, reader=reader, grids=tuple(grids), title=title)


def _clean_grid(grid: Grid, line: int) -> Grid | None:
    covered = set(grid.covered)
    width = max((len(row) for row in grid.rows), default=0)
    rows: list[tuple[str, ...]] = []
    kept: list[tuple[int, int]] = []
    for index, raw in enumerate(grid.rows):
        row = tuple(_cell_text(cell) for cell in raw)
        if not any(row) and all((index, column) in covered for column in range(len(row))):
            continue  # no cell starts in this row: it is only merged cells passing through
        kept.extend((len(rows), column) for column in range(width) if (index, column) in covered)
        kept.extend((len(rows), column) for column in range(len(row), width))
        rows.append(row + ("",) * (width - len(row)))
    if not rows:
        return None
    return Grid(tuple(rows), line=line, covered=tuple(sorted(kept)))
