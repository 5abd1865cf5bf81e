"""``govinfo parse FILE...``: canonical JSON, a flat object, JSON lines or CSV rows per report.

``--format csv`` writes one header (``source_path, template, agency, year`` and every
canonical key, :func:`govinfo.exports.wide_header`) and one row per report.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

import govinfo
from govinfo.cli import EXIT_INPUT, EXIT_OK
from govinfo.errors import GovinfoError
from govinfo.exports import wide_header, wide_row


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser("parse", help="print canonical JSON for report files")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--format", choices=("json", "flat", "jsonl", "csv"), default="json")
    parser.add_argument("--provenance", action="store_true", help="include sources and winning plugins")
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    status = EXIT_OK
    try:
        out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    except OSError as error:
        print(f"govinfo: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INPUT
    table = csv.writer(out, lineterminator="\n") if args.format == "csv" else None
    try:
        if table is not None:
            table.writerow(wide_header())
        for path in args.files:
            try:
                report = govinfo.parse_file(path)
            except GovinfoError as error:
                print(f"govinfo: {path}: {error}", file=sys.stderr)
                status = EXIT_INPUT
                continue
            except OSError as error:  # no such file, a folder, no permission
                print(f"govinfo: {path}: {error.strerror or error}", file=sys.stderr)
                status = EXIT_INPUT
                continue
            if table is not None:
                table.writerow(wide_row(path, report))
            elif args.format == "flat":
                out.write(json.dumps(govinfo.flat_dict(report), ensure_ascii=False, indent=2) + "\n")
            elif args.format == "jsonl":
                out.write(json.dumps(govinfo.report_to_dict(report), ensure_ascii=False) + "\n")
            else:
                out.write(govinfo.to_json(report, provenance=args.provenance) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return status


