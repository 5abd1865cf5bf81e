"""``govinfo check FILE...``: validation findings, grouped by table, Chinese by default.

Exit 0 when no finding is an error, 1 when one is, 2 when a file cannot be read.
:func:`format_findings` and :func:`findings_to_dicts` are the formatting, reusable by
other outputs (an HTML page, a database).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any, Iterable, Sequence

import govinfo
from govinfo.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from govinfo.errors import GovinfoError
from govinfo.model import Finding, Severity
from govinfo.template import SECTIONS
from govinfo.validate import SERIES_RULE_IDS

#: Where findings that name no cell are listed.
REPORT_GROUP = "report"
_SEVERITY_WORDS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser("check", help="validate report files: identities, values, tables")
    parser.add_argument("files", nargs="*")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages (default zh)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE", help="switch a rule off by id (repeatable)")
    parser.add_argument("--blank-unassessable", action="store_true",
                        help="a blank cell makes an identity unassessable instead of counting as 0")
    parser.add_argument("--list-rules", action="store_true", help="list the validation rules and exit")
    parser.add_argument("--html", metavar="OUT.html",
                        help="also write a review page: the tables in the official layout, flagged cells marked")
    parser.set_defaults(run=run)


def group_of(finding: Finding) -> str:
    """The table a finding belongs to (the section key of its first cell), or ``report``."""
    return finding.cells[0].split(".", 1)[0] if finding.cells else REPORT_GROUP


def _group_title(group: str, lang: str) -> str:
    for section in SECTIONS:
        if section.key == group:
            return f"表{section.number} {section.title}" if lang == "zh" else f"table {section.key}"
    return "整体" if lang == "zh" else "report"


def format_findings(findings: Sequence[Finding], lang: str = "zh", *, title: str | None = None) -> str:
    """Findings as readable text, grouped by table (tables in report order)."""
    words = _SEVERITY_WORDS["en" if lang == "en" else "zh"]
    counts = {severity: sum(f.severity is severity for f in findings) for severity in Severity}
    if lang == "en":
        summary = f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info"
    else:
        summary = f"{counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.INFO]} 个提示"
    lines = [f"{title}: {summary}" if title else summary]
    order = [REPORT_GROUP] + [s.key for s in SECTIONS]
    groups = sorted({group_of(f) for f in findings}, key=lambda g: order.index(g) if g in order else len(order))
    for group in groups:
        lines.append(f"  {_group_title(group, lang)}")
        for finding in findings:
            if group_of(finding) == group:
                lines.append(f"    {words[finding.severity]} [{finding.rule}] {finding.message(lang)}")
    return "\n".join(lines)


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON data (numbers stay exact: decimals become strings)."""

    def plain(value: object) -> object:
        return format(value, "f") if isinstance(value, Decimal) else value

    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "table": group_of(finding),
        "message_zh": finding.message_zh,
        "message_en": finding.message_en,
        "cells": list(finding.cells),
        "suspect": finding.suspect,
        "expected": plain(finding.expected),
        "printed": plain(finding.printed),
    }


def findings_to_dicts(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    return [finding_to_dict(finding) for finding in findings]


def _list_rules(out: Any, lang: str) -> None:
    for rule in govinfo.list_rules():
        out.write(f"{rule.id}\t{rule.severity.value}\t{rule.description}\n")
    for rule_id in SERIES_RULE_IDS:
        out.write(f"{rule_id}\tseries\t(govinfo.validate_series)\n")


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    if args.list_rules:
        _list_rules(out, args.lang)
        return EXIT_OK
    if not args.files:
        print("govinfo check: name at least one file (or --list-rules)", file=sys.stderr)
        return EXIT_INPUT
    known = {rule.id for rule in govinfo.list_rules()} | set(SERIES_RULE_IDS)
    unknown = sorted(set(args.disable) - known)
    if unknown:
        print(f"govinfo check: unknown rule id(s) {', '.join(unknown)}; see --list-rules", file=sys.stderr)
        return EXIT_INPUT
    status = EXIT_OK
    documents = []
    pages = []  # (path, report, findings) for --html
    for path in args.files:
        try:
            report = govinfo.parse_file(path)
            findings = govinfo.validate(report, disabled=args.disable, blank_as_zero=not args.blank_unassessable)
        except GovinfoError as error:
            print(f"govinfo: {path}: {error}", file=sys.stderr)
            status = EXIT_INPUT
            continue
        if status == EXIT_OK and any(f.severity is Severity.ERROR for f in findings):
            status = EXIT_FINDINGS
        if args.html:
            pages.append((path, report, findings))
        if args.format == "json":
            documents.append({"file": path, "findings": findings_to_dicts(findings)})
        else:
            out.write(format_findings(findings, args.lang, title=path) + "\n")
    if args.format == "json":
        out.write(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
    if args.html:
        from govinfo.html_report import write_html

        with open(args.html, "w", encoding="utf-8") as page:
            write_html(pages, page, lang=args.lang)
    return status
