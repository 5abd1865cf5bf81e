"""Reader for Word files (.docx), straight from their OOXML (no extra needed).

The body's paragraphs become prose lines and its tables grids, in body order::

    <w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>                  a prose line
    <w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>…</w:tc>       a cell spanning 3 grid columns
    <w:tc><w:tcPr><w:vMerge/></w:tcPr>…</w:tc>                    continues the cell above: ''

A merged cell's text stands in its top-left slot; the slots it spans are '' and listed
as covered, as a copy-paste of the table gives them. Tables are also written into the
text as tab rows, so the tab-table layout reads them as well as a grid layout.

Only the standard library reads the file (zipfile, ElementTree): python-docx would add
lxml (5 MB) and repeats a merged cell's text in every slot it spans, which is exactly
what a table reader must not see.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Iterator
from xml.etree import ElementTree

import govinfo
from govinfo import Document, Grid, Source, hookimpl

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BODY = "word/document.xml"
#: The most document XML read: a larger (or lying) entry is refused, not inflated.
MAX_XML_BYTES = 64 * 1024 * 1024

#: Containers whose children stand in the body (or a row) as if they were its own.
_TRANSPARENT = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"}
#: Subtrees whose text is not the document's: deleted revisions, and the fallback copy
#: of content also given as mc:Choice.
_SKIPPED = {_W + "del", _W + "moveFrom", _MC + "Fallback", _W + "sdtPr", _W + "rPr", _W + "pPr"}


@hookimpl(trylast=True)
def govinfo_read_document(source: Source) -> Document | None:
    data = source.data
    name = source.name or "the Word file"
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise govinfo.EncryptedFileError(f"{name} is an encrypted Office file: decrypt it first")
        if "WordDocument".encode("utf-16-le") in data:
            raise govinfo.UnsupportedFormatError(f"{name} is a legacy Word .doc: save it as .docx")
        return None
    if not data.startswith(_ZIP_MAGIC):
        return None
    root = _document_xml(data, name)
    if root is None:
        return None
    body = root.find(_W + "body")
    if body is None:
        raise govinfo.DamagedFileError(f"{name}: word/document.xml has no body")
    return govinfo.assemble_document(_blocks(body), name=source.name, reader="read_docx")


# --------------------------------------------------------------------------- the package

def _document_xml(data: bytes, name: str) -> ElementTree.Element | None:
    """The parsed main document part, or None when the zip is not a Word file."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        # a zip that cannot be opened is a Word file only if its local headers say so
        if b"word/" in data:  # the local file headers name the parts
            raise govinfo.DamagedFileError(f"{name} is truncated or corrupt (not a readable zip)") from None
        return None
    with package:
        try:
            info = package.getinfo(_BODY)
        except KeyError:
            return None
        if info.flag_bits & 0x1:
            raise govinfo.EncryptedFileError(f"{name} is encrypted: decrypt it first")
        if info.file_size > MAX_XML_BYTES:
            raise govinfo.InputTooLargeError(f"{name}: its document XML is {info.file_size} bytes")
        try:
            with package.open(info) as handle:
                xml = handle.read(MAX_XML_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            raise govinfo.DamagedFileError(f"{name} is corrupt: {error}") from None
    if len(xml) > MAX_XML_BYTES:
        raise govinfo.InputTooLargeError(f"{name}: its document XML inflates beyond {MAX_XML_BYTES} bytes")
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml[:4096]:
        # OOXML never declares entities: refuse rather than expand them
        raise govinfo.DamagedFileError(f"{name}: its document XML declares a DTD, which Word never writes")
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise govinfo.DamagedFileError(f"{name}: its document XML is not well-formed ({error})") from None


# --------------------------------------------------------------------------- body

def _children(element: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Children, looking through content controls and markup-compatibility wrappers."""
    for child in element:
        if child.tag in _TRANSPARENT:
            yield from _children(child)
        elif child.tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                yield from _children(choice)
        elif child.tag not in _SKIPPED:
            yield child


def _blocks(body: ElementTree.Element) -> list[str | Grid]:
    blocks: list[str | Grid] = []
    for child in _children(body):
        if child.tag == _W + "p":
            blocks.append(_text(child))
        elif child.tag == _W + "tbl":
            blocks.append(_table(child))
    return blocks


def _text(element: ElementTree.Element) -> str:
    """The text of a paragraph (or of everything in a cell), as Word shows it."""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: ElementTree.Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                _collect(choice, parts)
        else:
            _collect(child, parts)
            if tag == _W + "p" and parts and not parts[-1].endswith("\n"):
                parts.append("\n")  # paragraphs inside a cell or text box


# --------------------------------------------------------------------------- tables

def _int_attr(element: ElementTree.Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(int(element.get(_W + "val", default)), 0)
    except ValueError:
        return default


def _table(table: ElementTree.Element) -> Grid:
    """A table as a grid: gridSpan and vMerge expanded, covered slots empty."""
    grid_columns = len(table.findall(f"{_W}tblGrid/{_W}gridCol"))
    rows: list[list[str]] = []
    covered: list[tuple[int, int]] = []
    for row_element in _children(table):
        if row_element.tag != _W + "tr":
            continue
        index = len(rows)
        row: list[str] = []
        properties = row_element.find(_W + "trPr")
        before = _int_attr(properties.find(_W + "gridBefore") if properties is not None else None, 0)
        covered.extend((index, column) for column in range(before))
        row.extend([""] * before)
        for cell in _children(row_element):
            if cell.tag != _W + "tc":
                continue
            cell_properties = cell.find(_W + "tcPr")
            span = 1
            continues = False
            if cell_properties is not None:
                span = max(_int_attr(cell_properties.find(_W + "gridSpan"), 1), 1)
                for merge in (cell_properties.find(_W + "vMerge"), cell_properties.find(_W + "hMerge")):
                    # <w:vMerge/> (no value) or "continue" continues the cell above/left
                    if merge is not None and merge.get(_W + "val", "continue") != "restart":
                        continues = True
            start = len(row)
            if continues:
                row.extend([""] * span)
                covered.extend((index, column) for column in range(start, start + span))
            else:
                row.append(_text(cell).strip("\n"))
                row.extend([""] * (span - 1))
                covered.extend((index, column) for column in range(start + 1, start + span))
        rows.append(row)
    width = max([grid_columns, *(len(row) for row in rows)])
    for index, row in enumerate(rows):
        covered.extend((index, column) for column in range(len(row), width))
        row.extend([""] * (width - len(row)))
    return Grid(tuple(tuple(row) for row in rows), line=0, covered=tuple(sorted(covered)))
