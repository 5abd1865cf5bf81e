"""What an HTML page's multiple of the floor is made of: run by hand, never as a test.

    python benchmarks/html_floor.py [--reports 400] [--passes 3]

``run.py`` measures every layout against the same floor: decode, normalize, split into
lines and cells, with C string calls over the document's bytes. For an HTML page those
bytes are markup, which no reader can read as lines without an HTML5 parser (broken markup
is repaired as a browser repairs it). This script parses reports never seen before, each
once per pass, and times beside each one, in CPU time:

- the floor over the page's bytes (``run.floor``);
- the HTML5 parse alone (selectolax's lexbor, the ``html`` extra) of the normalized text, as
  the reader parses it: no lines, no table read;
- govinfo's HTML reader (``read_html``: the parse, the page's lines and its tables' grids);
- the whole parse of the page;
- the whole parse of the same report printed as a tab table, the plain text the reader
  turns the page into.

The lexbor parse plus the tab table's parse is the least any parse of the page built on an
HTML5 parser and govinfo's text parse can cost, and its multiple of the floor is the least
``×floor`` such a parse can reach, however fast its own walk over the page.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import govinfo  # noqa: E402
from govinfo_plugins.read_html import LexborHTMLParser, decode_html, read_html  # noqa: E402

from corpus import corpus  # noqa: E402
from run import CLOCK, SEED, UNSEEN_SEED_OFFSET, _host, floor  # noqa: E402

_PARTS = ("floor", "normalize + lexbor parse", "read_html", "parse (html)", "parse (same report, tab)")


def _timed(function: Callable[[], object]) -> float:
    start = CLOCK()
    function()
    return CLOCK() - start


def _pass(pages: list[tuple[bytes, bytes]], host: govinfo.PluginHost) -> dict[str, float]:
    """Seconds per report of each part, every part of a report timed right beside the others."""
    totals = dict.fromkeys(_PARTS, 0.0)
    for html, tab in pages:
        text = decode_html(html)[0]
        parts = (
            lambda: floor(html),
            lambda: LexborHTMLParser(govinfo.normalize_document_text(text)),
            lambda: read_html(text),
            lambda: govinfo.parse(html, name="report.html", host=host),
            lambda: govinfo.parse(tab, name="report.txt", host=host),
        )
        for name, part in zip(_PARTS, parts):
            totals[name] += _timed(part)
    return {name: total / len(pages) for name, total in totals.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=400, help="reports never seen before, per pass")
    parser.add_argument("--passes", type=int, default=3, help="passes, each over reports of its own")
    args = parser.parse_args(argv)
    if LexborHTMLParser is None:
        print("the html extra is not installed (pip install 'govinfo[html]')")
        return 1
    host = _host()
    for sample in corpus(host, ["html_table"], 200, SEED):  # warm the caches, as run.py's passes do
        govinfo.parse(sample.data, name=sample.name, host=host)
        govinfo.parse(govinfo.render(sample.report, "tab_table", host=host).encode(), name="report.txt", host=host)
    passes = []
    for number in range(args.passes):
        samples = corpus(host, ["html_table"], args.reports, SEED + UNSEEN_SEED_OFFSET + 100 + number)
        pages = [(s.data, govinfo.render(s.report, "tab_table", host=host).encode()) for s in samples]
        gc.collect()
        passes.append(_pass(pages, host))
    print(f"HTML pages never seen before: {args.reports} per pass, {args.passes} passes (median), CPU time")
    print(f"  {'part':28s} {'µs/report':>10s} {'×floor':>8s}")
    median = {name: statistics.median(p[name] for p in passes) for name in _PARTS}
    for name in _PARTS:
        print(f"  {name:28s} {median[name] * 1e6:10.1f} {median[name] / median['floor']:8.1f}")
    least = median["normalize + lexbor parse"] + median["parse (same report, tab)"]
    print(f"  {'least (lexbor + tab parse)':28s} {least * 1e6:10.1f} {least / median['floor']:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
