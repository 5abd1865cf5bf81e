"""``govinfo render FILE_OR_JSON --layout NAME``: print a report in any layout.

The input is a report file (parsed first) or the canonical JSON of one
(``govinfo parse --format json``); the output is the whole report with its tables in
the layout a plugin of that name prints (``govinfo plugins`` lists them).
"""

from __future__ import annotations

import argparse
import sys

import govinfo
from govinfo.cli import EXIT_INPUT, EXIT_OK
from govinfo.errors import GovinfoError


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser("render", help="print a report (a file or canonical JSON) in a layout")
    parser.add_argument("input", metavar="FILE_OR_JSON", help="a report file, or canonical JSON ('-' reads stdin)")
    parser.add_argument("--layout", required=True, help="a layout plugin's name, e.g. tab_table")
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    parser.set_defaults(run=run)


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def load_report(path: str) -> govinfo.Report:
    """A report from canonical JSON, or parsed from a report file."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise govinfo.InputError(f"{path}: {error.strerror or error}") from None
    if path.lower().endswith(".json") or _looks_like_json(data):
        return govinfo.from_json(data)
    return govinfo.parse(data, name=path)


def run(args: argparse.Namespace) -> int:
    host = govinfo.default_host()
    renderers = host.renderers()
    if args.layout not in renderers:
        print(f"govinfo: no layout {args.layout!r} renders; known: {', '.join(renderers)}", file=sys.stderr)
        return EXIT_INPUT
    try:
        report = load_report(args.input)
    except GovinfoError as error:
        print(f"govinfo: {args.input}: {error}", file=sys.stderr)
        return EXIT_INPUT
    text = govinfo.render(report, args.layout, host=host)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as error:
            print(f"govinfo: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
            return EXIT_INPUT
    else:
        sys.stdout.write(text)
    return EXIT_OK
