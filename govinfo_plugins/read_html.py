"""Reader for HTML pages (.html, .htm, .shtml): visible text as lines, tables as exact grids.

    <p>二、主动公开政府信息情况</p>
    <tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td><td>&nbsp;</td>…</tr>
    <tr><td>规章</td><td colspan="2">0</td><td>0</td></tr>

The page is parsed with selectolax's lexbor engine (an HTML5-conformant parser, so broken
markup is repaired the way a browser repairs it; the optional extra ``html``). Block
elements and ``<br>`` end lines, scripts and styles are dropped, white space collapses as a
browser collapses it. Every data table (one with no table inside it: a table holding tables
is page layout) is written into the text as tab-separated rows, merged cells repeated as
empty cells the way a copy-paste gives them (but none after a row's last own cell), and kept exactly as a :class:`govinfo.Grid`
whose ``covered`` positions say which of those empty cells are not cells of their own.
"""

from __future__ import annotations

import codecs
import html
import operator
import re
from typing import Iterator, NamedTuple, Sequence

import govinfo
from govinfo import Document, Grid, RememberedMap, Source, UnsupportedFormatError, hookimpl

try:  # the optional extra "html"
    from selectolax.lexbor import LexborHTMLParser, LexborNode
except ImportError:  # pragma: no cover - exercised by tests that hide the module
    LexborHTMLParser = None  # type: ignore[assignment,misc]
    LexborNode = object  # type: ignore[assignment,misc]

_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: What the start of a page shows when it is HTML (compared lower-cased).
_SNIFF_MARKERS = (b"<!doctype html", b"<html", b"<body", b"<table", b"<head")
_SNIFF_BYTES = 65536
#: How far into the page a <meta charset> is looked for (browsers look at the first 1024 bytes).
_PRESCAN_BYTES = 4096

# Elements whose content is not shown, or not part of the page's text.
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math", "select", "textarea", "button", "-comment", "_comment", "!doctype"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "thead", "tfoot", "tr", "td", "th", "caption", "ul", "body", "html", "legend", "option",
    }
)
_TEXT_TAGS = frozenset({"-text", "_text"})
# HTML's collapsible white space: space, tab, line feed, form feed, carriage return (not NBSP).
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_ANY_SPACE = re.compile(r"\s+")
_MAX_COLSPAN = 1000  # as browsers clamp it
_MAX_ROWSPAN = 65534
#: The government-site <meta> names (政府网站发展指引) that say what a page is.
_PAGE_META = {"articletitle": "title", "pubdate": "published", "contentsource": "agency"}

# --------------------------------------------------------------------------- recognising


def is_html(source: Source) -> bool:
    """Whether a source is HTML: by its name, its media type, or how its text opens."""
    name = (source.name or "").lower().split("?", 1)[0]
    if name.endswith(_SUFFIXES):
        return True
    if source.media_type and source.media_type.split(";", 1)[0].strip().lower() in _MEDIA_TYPES:
        return True
    if name.endswith(_TEXT_SUFFIXES):
        return False  # a text file that quotes markup is still a text file
    head = source.data[:_SNIFF_BYTES]
    for bom in (codecs.BOM_UTF8,):
        if head.startswith(bom):
            head = head[len(bom) :]
    head = head.lstrip().lower()
    if not head.startswith(b"<"):
        return False
    return any(marker in head for marker in _SNIFF_MARKERS)


# --------------------------------------------------------------------------- decoding


def _codec(label: str) -> str | None:
    """A Python codec for a charset label; GB2312/GBK pages are decoded as GB18030 (a superset)."""
    label = label.strip().strip("\"'").lower()
    if label in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "gb18030", "chinese", "csgb2312"):
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> near its start (charset= or http-equiv)."""
    if LexborHTMLParser is None:
        return None
    # Latin-1 maps every byte to one character, so the ASCII markup reads as it is.
    head = LexborHTMLParser(data[:_PRESCAN_BYTES].decode("latin-1"))
    for meta in head.css("meta"):
        attributes = {key.lower(): (value or "") for key, value in meta.attributes.items()}
        if attributes.get("charset"):
            return attributes["charset"]
        if attributes.get("http-equiv", "").lower() == "content-type":
            content = attributes.get("content", "").lower()
            if "charset=" in content:
                return content.split("charset=", 1)[1].split(";", 1)[0]
    return None


def decode_html(data: bytes) -> tuple[str, str]:
    """A page's text and encoding: BOM, then the declared charset, then UTF-8 → GB18030.

    A declared legacy charset is not trusted over bytes that are valid UTF-8 with
    non-ASCII text in them: pages re-saved as UTF-8 keep their old ``<meta charset=gbk>``,
    while GBK text is practically never valid UTF-8.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _is_utf8_text(data):
        return govinfo.decode_text(data)  # (what a page declares is not asked: it would not be trusted)
    label = declared_charset(data)
    codec = _codec(label) if label else None
    if codec and codec not in ("utf-8", "ascii"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass  # the declaration is wrong: fall back to what the bytes are
        else:
            if not text.strip():
                raise govinfo.EmptyInputError("the input is empty")
            return text, codec
    return govinfo.decode_text(data)


def _is_utf8_text(data: bytes) -> bool:
    """Valid UTF-8 with non-ASCII text in it."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


# --------------------------------------------------------------------------- text and grids


class _Lines:
    """Collects the page's visible text as lines, the way a browser lays blocks out."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def text(self, text: str) -> None:
        self.parts.append(text)

    def _current(self) -> str:
        line = "".join(self.parts)
        self.parts = []
        # collapsed white space at a line's ends is not shown; NBSP is a printed space
        return _COLLAPSIBLE.sub(" ", line).strip(" ").replace("\u00a0", " ")

    def block(self) -> None:
        """A block boundary: the line ends if it has anything in it."""
        line = self._current()
        if line.strip():
            self.lines.append(line)

    def br(self) -> None:
        """A line break: the line ends, even empty (``<p><br></p>`` is an empty line)."""
        self.lines.append(self._current())

    def raw(self, text: str) -> None:
        """Preformatted text: its line breaks are line breaks."""
        pieces = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for piece in pieces[:-1]:
            self.parts.append(piece.replace(" ", "\u00a0"))
            self.br()
        self.parts.append(pieces[-1].replace(" ", "\u00a0"))


def _children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        yield child
        child = child.next


def _span(attributes: dict[str, str | None], name: str, limit: int) -> int:
    value = (attributes.get(name) or "").strip()
    digits = ""
    for char in value:  # browsers read the leading digits: colspan="2px" is 2
        if not char.isdigit():
            break
        digits += char
    number = int(digits) if digits else 1
    return max(0, min(number, limit))


def cell_text(cell: LexborNode) -> str:
    """A table cell's text: nested tags flattened, ``<br>`` and blocks joined, spaces collapsed."""
    child = cell.child
    if child is None:
        return ""
    if child.next is None and child.tag in _TEXT_TAGS:  # the common cell: one piece of text
        return _clean_cell_lines(child.text_content or "")
    pieces: list[str] = []
    stack = [cell]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in _TEXT_TAGS:
            pieces.append(node.text_content or "")
            continue
        if node is not cell and (tag in _SKIP or tag == "br" or tag in _BLOCKS):
            pieces.append("\n")  # a line break inside a cell: the label goes on
            if tag in _SKIP or tag == "br":
                continue
        stack.extend(reversed(list(_children(node))))
    return _clean_cell_lines("".join(pieces))


def _clean_lines(text: str) -> str:
    """A cell's lines joined (a label broken over lines goes on), spaces collapsed."""
    if "\n" not in text:
        return _ANY_SPACE.sub(" ", text).strip()
    return "".join(_ANY_SPACE.sub(" ", part).strip() for part in text.split("\n"))


#: Cell texts cleaned, looked up from C: they recur from table to table (0, 规章, 总计).
_CLEAN_CELL_LINES = RememberedMap(_clean_lines)
_clean_cell_lines = _CLEAN_CELL_LINES.__getitem__


class _RowCells(NamedTuple):
    """A table row's cells as the grid places them."""

    texts: tuple[str, ...]
    #: each cell's (colspan, rowspan), or None where every cell is one position. A colspan
    #: is at least 1; a rowspan of 0 runs to the table's end, as browsers read it.
    spans: tuple[tuple[int, int], ...] | None
    #: the row placed where nothing from above is merged into it: its texts by column,
    #: '' where a cell's colspan covers a position, and those covered columns
    alone: tuple[str, ...]
    alone_covered: tuple[int, ...]
    #: whether a cell spans rows below
    spans_rows: bool


def _spans(attributes: dict[str, str | None]) -> tuple[int, int]:
    """A cell's (colspan, rowspan) from its attributes, as browsers read and clamp them."""
    return max(1, _span(attributes, "colspan", _MAX_COLSPAN)), _span(attributes, "rowspan", _MAX_ROWSPAN)


def _row_cells(texts: Sequence[str], spans: Sequence[tuple[int, int]]) -> _RowCells:
    if all(span == (1, 1) for span in spans):
        return _RowCells(tuple(texts), None, tuple(texts), (), False)
    alone: list[str] = []
    alone_covered: list[int] = []
    for text, (colspan, _) in zip(texts, spans):
        alone.append(text)
        alone_covered.extend(range(len(alone), len(alone) + colspan - 1))
        alone.extend([""] * (colspan - 1))
    spans_rows = any(rowspan != 1 for _, rowspan in spans)
    return _RowCells(tuple(texts), tuple(spans), tuple(alone), tuple(alone_covered), spans_rows)


def _walked_rows(table: LexborNode) -> list[_RowCells]:
    """A table's rows read node by node: any markup, at the cost of a Python call per node."""
    rows = []
    for row in table.css("tr"):
        texts, spans = [], []
        for cell in row.iter():  # element children: the text between cells is no cell
            if cell.tag not in _CELL_TAGS:
                continue
            texts.append(cell_text(cell))
            attributes = cell.attributes  # a new dict on every access: read once
            spans.append(_spans(attributes) if attributes else (1, 1))
        rows.append(_row_cells(texts, spans))
    return rows


# A data table read from its markup, as lexbor serializes it: tag names lower-cased,
# attribute values double-quoted, and in text (outside raw-text elements, which send the
# table back to the walk) every '<' escaped, so a tag is all a '<' can start.
# (No name holds '<': each '<' starts a match at most once, and the search stays linear.)
_ATTRIBUTES = r"""(?:\s+[^\s"'<>/=]+(?:="[^"]*")?)*"""
_ROW_START = re.compile(r"<tr" + _ATTRIBUTES + r"\s*>")
_TAG = re.compile(r"<(/?)([^\s/<>]+)(" + _ATTRIBUTES + r")\s*/?>")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:="([^"]*)")?""")
_CELL_TAGS = ("td", "th")
_ROW_GROUP_TAGS = ("tbody", "thead", "tfoot")
#: Tags that may stand between a table's cells: no text of a cell.
_STRUCTURE_TAGS = frozenset({"tr", "table", *_ROW_GROUP_TAGS})
_CELL_NAME = "(?:" + "|".join(_CELL_TAGS) + ")"
# What may follow a row's last cell (white space only before a '<' or at the end: no two
# ways to match it, so a failed fullmatch backtracks by a few characters, never exponentially).
_STRUCTURE = r"(?:\s*(?:</?(?:" + "|".join(_ROW_GROUP_TAGS) + ")" + _ATTRIBUTES + r"\s*>|</tr>|</table>))*\s*"
#: A row whose cells hold text only, and a cell of it: (attributes, text).
_PLAIN_ROW = re.compile(r"(?:\s*<" + _CELL_NAME + _ATTRIBUTES + r"\s*>[^<]*</" + _CELL_NAME + ">)*" + _STRUCTURE)
_PLAIN_CELL = re.compile("<" + _CELL_NAME + "(" + _ATTRIBUTES + r")\s*>([^<]*)</" + _CELL_NAME + ">")
#: Tags inside a cell that the markup reading leaves to the walk: those whose content is
#: not shown or not escaped, and any table structure (never inside a data table's cell).
_WALK_TAGS = _SKIP | _STRUCTURE_TAGS | set(_CELL_TAGS) | {"xmp", "plaintext", "noembed", "noframes", "listing"}


def _markup_spans(attributes: str) -> tuple[int, int]:
    if not attributes:
        return 1, 1
    return _spans({name: html.unescape(value) for name, value in _ATTRIBUTE.findall(attributes)})


#: Cells' attributes: the same few recur (colspan="2", a site's style="width:…").
_MARKUP_SPANS = RememberedMap(_markup_spans)


def _content_text(content: str) -> str:
    return _clean_cell_lines(html.unescape(content))


#: A cell's text from its content in the markup, looked up from C (contents recur: 0, 规章).
_CELL_TEXTS = RememberedMap(_content_text)
_markup_cell_text = _CELL_TEXTS.__getitem__


def _markup_row(piece: str) -> _RowCells | None:
    """A row's cells from its markup (what follows its ``<tr>``, to the next one), read as
    :func:`cell_text` reads them: a ``<br>`` or block tag in a cell breaks its text, other
    tags are dropped, text and comments (``<!>``) between cells are no cell. None where
    the markup holds anything else (a script, raw text, a tag between cells): the walk
    reads that table."""
    if _PLAIN_ROW.fullmatch(piece):  # text-only cells: read from C
        cells = _PLAIN_CELL.findall(piece)
        spans = list(map(_MARKUP_SPANS.__getitem__, [attributes for attributes, _ in cells]))
        return _row_cells(list(map(_markup_cell_text, [content for _, content in cells])), spans)
    parts = _TAG.split(piece)
    texts: list[str] = []
    spans = []
    content: list[str] | None = None  # the open cell's text, piece by piece
    for index in range(0, len(parts) - 1, 4):
        text, closing, name, attributes = parts[index : index + 4]
        if "<" in text:
            return None  # a '<' that starts no tag the pattern knows
        if content is None:  # between cells: only white space (a browser moves text out of a table)
            if name in _CELL_TAGS and not closing:
                content = []
                spans.append(_MARKUP_SPANS[attributes])
            elif name not in _STRUCTURE_TAGS and name != _COMMENT_NAME:
                return None
            continue
        content.append(text)
        if name in _CELL_TAGS and closing:
            texts.append(_markup_cell_text("".join(content)))
            content = None
        elif name in _WALK_TAGS or (name.startswith("!") and name != _COMMENT_NAME):
            return None
        elif not closing and (name == "br" or name in _BLOCKS or name == _COMMENT_NAME):
            content.append("\n")  # a line break inside a cell: the label goes on (a comment too, as cell_text reads it)
    if content is not None:  # a cell never closed: not markup lexbor writes
        return None
    return _row_cells(texts, spans)


#: Rows by their markup: a row of zeros or of labels recurs from report to report.
_MARKUP_ROWS = RememberedMap(_markup_row, most=1024, longest=2048)


#: What a comment of the markup becomes (lexbor writes no ``<!>`` of its own: it writes
#: an empty comment as ``<!---->``).
_COMMENT = "<!>"
_COMMENT_NAME = "!"
_NO_CELLS = _RowCells((), None, (), (), False)


def _without_comments(markup: str) -> str | None:
    """Markup with each comment (``<!--[if !supportMisalignedColumns]-->``, a row commented
    out) made one ``<!>``; None for a comment never closed. A comment's data holds no
    ``-->``, and a '<' stands in no text or attribute value lexbor writes, so a ``<!--``
    opens a comment, or stands in a raw-text element (a script), whose tag is kept and
    sends the table to the walk."""
    kept = []
    position = 0
    while (start := markup.find("<!--", position)) >= 0:
        end = markup.find("-->", start + 4)
        if end < 0:
            return None
        kept += (markup[position:start], _COMMENT)
        position = end + 3
    kept.append(markup[position:])
    return "".join(kept)


def _markup_rows(table: LexborNode, markup: str | None = None) -> list[_RowCells] | None:
    """A table's rows read from its markup (``table.html``, unless given), a recurring row
    looked up from C; None where some row's markup is not one :func:`_markup_row` reads."""
    markup = (table.html or "") if markup is None else markup
    if "<!--" in markup:
        uncommented = _without_comments(markup)
        if uncommented is None:
            return None
        markup = uncommented
    head, *pieces = _ROW_START.split(markup)
    # before the first row: structure tags and comments only (a caption or a script goes
    # to the walk); a raw-text element cut at a '<tr' leaves its closing tag in a row, which reads None
    if _MARKUP_ROWS[head] != _NO_CELLS:
        return None
    rows = list(map(_MARKUP_ROWS.__getitem__, pieces))
    return None if None in rows else rows


class _Layout(NamedTuple):
    """Where a table's cells stand, which depends on its rows' structure alone (how many
    cells each has, and their spans), not on their texts."""

    width: int
    #: per row: each cell's column, or None for a row that stands as it stands alone
    columns: tuple[tuple[int, ...] | None, ...]
    covered: frozenset[tuple[int, int]]
    #: per row: how many positions its text line prints, up to its last cell of its own
    line_ends: tuple[int, ...]


class _Placed(NamedTuple):
    """A table placed: its grid, the positions that are no cell, and each row as a text line."""

    grid: list[list[str]]
    covered: set[tuple[int, int]]
    lines: list[str]


#: Layouts by their rows' structure: a layout's tables recur page after page with other
#: numbers. Bounded in number and in the positions of the tables they are kept for.
_LAYOUTS: dict[tuple[tuple[int, tuple[tuple[int, int], ...] | None], ...], _Layout] = {}
_MOST_LAYOUTS = 64
_LARGEST_LAYOUT = 1024  # positions (rows × width)
_TEXTS_OF, _SPANS_OF = operator.attrgetter("texts"), operator.attrgetter("spans")


def _place(rows: list[_RowCells]) -> _Placed:
    """Rows of cells placed as a browser places them: each cell in its row's first free
    column, covering what its spans cover (:func:`_layout`, remembered by the rows'
    structure); and each row as a text line (:attr:`_Layout.line_ends`)."""
    structure = tuple(zip(map(len, map(_TEXTS_OF, rows)), map(_SPANS_OF, rows)))
    layout = _LAYOUTS.get(structure)
    if layout is None:
        layout = _layout(rows)
        if layout.width * len(rows) <= _LARGEST_LAYOUT:
            if len(_LAYOUTS) >= _MOST_LAYOUTS:
                _LAYOUTS.clear()
            _LAYOUTS[structure] = layout
    width = layout.width
    grid = []
    for row, columns in zip(rows, layout.columns):
        if columns is None:
            grid.append(list(row.alone) + [""] * (width - len(row.alone)))
        else:
            cells = [""] * width
            for column, text in zip(columns, row.texts):
                cells[column] = text
            grid.append(cells)
    lines = ["\t".join(cells[:end]) for cells, end in zip(grid, layout.line_ends)]
    return _Placed(grid, set(layout.covered), lines)


def _layout(rows: list[_RowCells]) -> _Layout:
    """Where the rows' cells stand: each in its row's first free column, covering what its
    spans cover; and the positions that are no cell (those covered, and a short row's end).
    A row that nothing above is merged into and that spans no row below stands as it
    stands alone.

    A row's text line joins its cells by tabs, merged cells as empty cells, but none after
    the row's last cell of its own, so an empty cell at a line's end is a blank cell and
    never the tail of a merged one.
    """
    count = len(rows)
    from_above: list[set[int] | None] = [None] * count  # per row: columns a merged cell above takes
    columns: list[tuple[int, ...] | None] = []
    taken: list[set[int] | None] = []  # per row: the columns taken (None: all its own)
    covered: set[tuple[int, int]] = set()
    width = 0
    for r, row in enumerate(rows):
        row_taken = from_above[r]
        if row_taken is None and not row.spans_rows:
            columns.append(None)
            taken.append(None)
            covered.update([(r, c) for c in row.alone_covered])
            width = max(width, len(row.alone))
            continue
        row_taken = row_taken if row_taken is not None else set()
        at: list[int] = []
        column = 0
        for colspan, rowspan in row.spans or ((1, 1),) * len(row.texts):
            while column in row_taken:
                column += 1
            at.append(column)
            end = column + colspan
            row_taken.update(range(column, end))
            covered.update((r, c) for c in range(column + 1, end))
            rowspan = count - r if rowspan == 0 else min(rowspan, count - r)
            for below in range(r + 1, r + rowspan):
                below_taken = from_above[below]
                if below_taken is None:
                    below_taken = from_above[below] = set()
                below_taken.update(range(column, end))
                covered.update((below, c) for c in range(column, end))
            column = end
        columns.append(tuple(at))
        taken.append(row_taken)
        width = max(width, column)
    for r, (row, row_taken) in enumerate(zip(rows, taken)):
        if row_taken is None:
            covered.update([(r, c) for c in range(len(row.alone), width)])  # a short row's end is no cell
        elif len(row_taken) < width:
            covered.update((r, c) for c in range(width) if c not in row_taken)
    line_ends = [next((c + 1 for c in range(width - 1, -1, -1) if (r, c) not in covered), 0) for r in range(count)]
    return _Layout(width, tuple(columns), frozenset(covered), tuple(line_ends))


def table_grid(table: LexborNode, markup: str | None = None) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """A data table's rows with merged cells expanded, and the positions that are not cells.

    A rowspan/colspan cell's text stands in its first position; the positions it covers,
    and those a short row leaves empty at its end, are '' and listed as covered. The rows
    are read from the table's markup where it holds only cells, text and inline or block
    tags (nearly always), else node by node; both read alike.
    """
    grid, covered, _ = _placed_table(table, markup)
    return grid, covered


def _placed_table(table: LexborNode, markup: str | None = None) -> _Placed:
    """:func:`table_grid`, with each row as a text line."""
    rows = _markup_rows(table, markup)
    return _place(rows if rows is not None else _walked_rows(table))


def _is_data_table(table: LexborNode, markup: str) -> bool:
    """Whether a table holds no table (one that does is page layout). Its markup tells at
    once where no ``<table`` follows its own; else its nodes tell (a script's text may say
    ``<table``)."""
    # css() matches the node itself too: a data table is the only table in its subtree
    return markup.find("<table", 1) < 0 or len(table.css("table")) == 1


def page_text(root: LexborNode) -> tuple[list[str], list[tuple[int, list[list[str]], set[tuple[int, int]]]]]:
    """The visible text as lines, and each data table as (index of its first line, rows, covered)."""
    out = _Lines()
    tables: list[tuple[int, list[list[str]], set[tuple[int, int]]]] = []
    pre_depth = 0
    # An explicit stack (no recursion): pages can nest elements very deeply.
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag
        if not entering:
            if tag == "pre":
                pre_depth -= 1
            out.block()
            continue
        if tag in _TEXT_TAGS:
            text = node.text_content or ""
            if pre_depth:
                out.raw(text)
            else:
                out.text(text)
            continue
        if tag in _SKIP:
            continue
        if tag == "br":
            out.br()
            continue
        if tag == "table" and _is_data_table(node, markup := node.html or ""):
            out.block()
            grid, covered, lines = _placed_table(node, markup)
            if grid:
                tables.append((len(out.lines), grid, covered))
                out.lines.extend(lines)
            continue
        if tag in _BLOCKS:
            out.block()
            if tag == "pre":
                pre_depth += 1
            stack.append((node, False))
        stack.extend((child, True) for child in reversed(list(_children(node))))
    out.block()
    return out.lines, tables


def page_info(parser: LexborHTMLParser) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The page's <title>, and what its government-site <meta> tags say (title, published, agency)."""
    title_node = parser.css_first("title")
    title = _ANY_SPACE.sub(" ", title_node.text() or "").strip() if title_node is not None else ""
    info: dict[str, str] = {}
    for meta in parser.css("meta"):
        attributes = {key.lower(): (value or "") for key, value in meta.attributes.items()}
        key = _PAGE_META.get(attributes.get("name", "").strip().lower())
        content = _ANY_SPACE.sub(" ", attributes.get("content", "")).strip()
        if key is None or not content or key in info:
            continue
        if key == "published":
            published = govinfo.parse_date(content)
            if published is None:
                continue
            content = published.isoformat()
        info[key] = content
    return title or None, tuple(sorted(info.items()))


def read_html(text: str, *, name: str | None = None, encoding: str | None = None) -> Document:
    """A decoded HTML page as a :class:`govinfo.Document`."""
    if LexborHTMLParser is None:
        raise UnsupportedFormatError(
            f"{name or 'this input'} is HTML: install the html extra to read it (pip install 'govinfo[html]')"
        )
    parser = LexborHTMLParser(govinfo.normalize_document_text(text))
    root = parser.body or parser.root
    if root is None:
        raise govinfo.EmptyInputError(f"{name or 'the input'} has no HTML content")
    lines, tables = page_text(root)
    in_tables = {first + offset for first, rows, _ in tables for offset in range(len(rows))}
    # no blank lines at the page's ends, and never two in a row (a table row of empty
    # cells is a row, not a blank line)
    kept: list[str] = []
    offsets: dict[int, int] = {}
    for index, line in enumerate(lines):
        offsets[index] = len(kept)
        if index not in in_tables and not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    table_lines = {offsets[i] for i in in_tables}
    while kept and not kept[-1].strip() and len(kept) - 1 not in table_lines:
        kept.pop()
    grids = tuple(
        Grid(tuple(tuple(row) for row in rows), offsets[first] + 1, tuple(sorted(covered)))
        for first, rows, covered in tables
    )
    title, info = page_info(parser)
    return Document(
        "\n".join(kept), name=name, encoding=encoding, reader="read_html", grids=grids, title=title, info=info
    )


@hookimpl(trylast=True)
def govinfo_read_document(source: Source) -> Document | None:
    if not is_html(source):
        return None
    if LexborHTMLParser is None:
        raise UnsupportedFormatError(
            f"{source.name or 'this input'} is HTML: install the html extra to read it (pip install 'govinfo[html]')"
        )
    text, encoding = decode_html(source.data)
    return read_html(text, name=source.name, encoding=encoding)
