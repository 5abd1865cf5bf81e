"""The govinfo command line: parse, check, batch, render, plugins."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

import govinfo
from govinfo.errors import GovinfoError, InputError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


def _cmd_parse(args: argparse.Namespace) -> int:
    status = EXIT_OK
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for path in args.files:
            try:
                report = govinfo.parse_file(path)
            except GovinfoError as error:
                print(f"govinfo: {path}: {error}", file=sys.stderr)
                status = EXIT_INPUT
                continue
            if args.format == "flat":
                out.write(json.dumps(govinfo.flat_dict(report), ensure_ascii=False, indent=2) + "\n")
            elif args.format == "jsonl":
                out.write(json.dumps(govinfo.report_to_dict(report), ensure_ascii=False) + "\n")
            else:
                out.write(govinfo.to_json(report, provenance=args.provenance) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govinfo", description=__doc__)
    parser.add_argument("--version", action="version", version=f"govinfo {govinfo.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print canonical JSON for report files")
    parse.add_argument("files", nargs="+")
    parse.add_argument("--format", choices=("json", "flat", "jsonl"), default="json")
    parse.add_argument("--provenance", action="store_true", help="include sources and winning plugins")
    parse.add_argument("-o", "--output")
    parse.set_defaults(run=_cmd_parse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        print(f"govinfo: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
