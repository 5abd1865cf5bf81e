"""Cost of the PDF and Word readers, against their libraries' plain text extraction.

Run by hand (never as a test)::

    python benchmarks/readers.py            # 5 passes each, median CPU seconds
    python benchmarks/readers.py --repeat 9

PDF: ``read_pdf`` (tables from ruling lines and character positions, joined across
pages, prose reflowed) against pdfplumber's ``page.extract_text()`` and pdfminer.six's
``extract_text`` alone, on tests/fixtures/pdf/huaian-city-2024.pdf (6 pages), in CPU
seconds per page. Word: ``read_docx`` (stdlib zipfile + ElementTree) against opening the
same file with python-docx and reading every paragraph and cell. Install sizes are the
wheels ``pip download <extra's packages>`` fetches (measured separately, see the README).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from pathlib import Path
from typing import Callable

import govinfo

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "tests" / "fixtures" / "pdf" / "huaian-city-2024.pdf"
DOCX = ROOT / "tests" / "fixtures" / "docx" / "template-2021-blank.docx"


def _cpu(function: Callable[[], object], repeat: int) -> float:
    function()  # warm: imports, caches
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    host = govinfo.PluginHost(entry_points=False)
    pdf = PDF.read_bytes()
    docx = DOCX.read_bytes()

    import pdfplumber
    from pdfminer.high_level import extract_text

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = len(document.pages)

    def plumber_text() -> object:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            return [page.extract_text() for page in document.pages]

    pdf_rows = [
        ("pdfminer.six extract_text", lambda: extract_text(io.BytesIO(pdf))),
        ("pdfplumber page.extract_text", plumber_text),
        ("govinfo read_pdf (read only)", lambda: govinfo.read_document(govinfo.Source(pdf, name="a.pdf"), host=host)),
        ("govinfo parse (read + layouts)", lambda: govinfo.parse(pdf, name="a.pdf", host=host)),
    ]
    print(f"PDF: {PDF.name}, {pages} pages, load {os.getloadavg()[0]:.2f}")
    for name, function in pdf_rows:
        seconds = _cpu(function, args.repeat)
        print(f"  {name:34s} {seconds:7.3f} s   {seconds / pages:6.3f} s/page")

    print(f"DOCX: {DOCX.name}")
    rows = [("govinfo read_docx (read only)", lambda: govinfo.read_document(govinfo.Source(docx, name="a.docx"), host=host))]
    try:
        import docx as python_docx

        def with_python_docx() -> object:
            document = python_docx.Document(io.BytesIO(docx))
            texts = [paragraph.text for paragraph in document.paragraphs]
            texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
            return texts

        rows.append(("python-docx paragraphs + cells", with_python_docx))
    except ImportError:
        pass
    for name, function in rows:
        seconds = _cpu(function, args.repeat * 4)
        print(f"  {name:34s} {seconds * 1000:7.1f} ms")
    print(f"load after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
