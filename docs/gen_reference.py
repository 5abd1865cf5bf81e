"""Generate the reference parts of the docs from the code, so they can never drift.

    python docs/gen_reference.py          # rewrite the generated regions in place
    python docs/gen_reference.py --check  # exit 1 if a committed page differs (the tests do this)

Each generated region of a page sits between two markers::

    <!-- BEGIN GENERATED: keys -->
    ...
    <!-- END GENERATED: keys -->

and is produced from the templates-as-data (govinfo/template.py), the identities
(govinfo/identities.py) and the validation rules (govinfo/validate.py, when present).
Everything outside the markers is written by hand.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path
from typing import Callable, Iterable

import attrs

from govinfo import Cell, Finding, Meta, Prose, Provenance, Report, Status, Template, UnplacedRow, ValueKind, template
from govinfo.identities import Identity

identities = importlib.import_module("govinfo.identities")
# (govinfo.validate is also the name of the function the package exports: go by the module path)
validate = importlib.import_module("govinfo.validate")
from govinfo.template import META_KEYS, SECTIONS, TEMPLATES, TEXT_KEYS

DOCS = Path(__file__).resolve().parent
_MARKERS = re.compile(
    r"(?P<begin><!-- BEGIN GENERATED: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(?P<end><!-- END GENERATED: (?P=name) -->)",
    re.DOTALL,
)


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |")
    return lines


def _code(text: str) -> str:
    return f"`{text}`"


# --------------------------------------------------------------------------- canonical keys

def _cell_rows(spec: Template, table_key: str) -> Iterable[tuple[str, str, str, str]]:
    table = spec.table(table_key)
    for row in table.rows:
        for column in row.columns:
            words = [part for part in (row.block, row.label, column.label) if part]
            aliases = ", ".join((*row.aliases, *column.aliases))
            yield (_code(f"{table.key}.{row.key}.{column.key}"), " · ".join(words), column.kind.value, aliases)


def render_keys() -> str:
    """Every canonical key of both templates with its Chinese labels, in export order."""
    lines: list[str] = []
    lines += [
        "The flat export of a report (one JSON object, one CSV row) has these keys first, then",
        "the cells below in this order:",
        "",
    ]
    prose = {section.key: f"{section.number}、{section.title}" for section in SECTIONS}
    lines += _table(
        ("key", "中文"),
        [(_code(key), "") for key in META_KEYS]
        + [(_code(key), prose[key.split(".", 1)[1]]) for key in TEXT_KEYS],
    )
    for spec in TEMPLATES.values():
        count = len(spec.cell_keys())
        lines += ["", f"### Template {spec.id} ({spec.source}): {count} cells", ""]
        for table in spec.tables:
            cells = sum(len(row.columns) for row in table.rows)
            lines += [
                f"#### Template {spec.id}, table {table.number} {table.title} (`{table.key}`, {cells} cells)",
                "",
            ]
            lines += _table(("key", "中文 (block · row · column)", "kind", "also printed as"), _cell_rows(spec, table.key))
            lines.append("")
    kinds = ", ".join(f"`{kind.value}`" for kind in ValueKind)
    lines += [f"Kinds: {kinds} (see [Value kinds](#value-kinds))."]
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- rules

def _formula(identity: Identity) -> str:
    return f"{' + '.join(identity.lhs)} = {' + '.join(identity.rhs)}"


def _union(per_template: dict[str, Iterable[Identity]]) -> list[tuple[Identity, tuple[str, ...]]]:
    """Identities of several templates, once each, with the templates they exist in."""
    seen: dict[str, tuple[Identity, list[str]]] = {}
    for template_id, members in per_template.items():
        for identity in members:
            seen.setdefault(identity.id, (identity, []))[1].append(template_id)
    return [(identity, tuple(templates)) for identity, templates in seen.values()]


_AGENCY = "示例镇人民政府"
_PROSE = Prose("本年度工作情况。", "存在的主要问题。", "无")


def _consistent_report(template_id: str = "2021", year: int = 2023) -> Report:
    """A report whose every cell is a printed 0 (a unit cell 万元): no rule fires on it."""
    spec = template(template_id)
    cells = {
        key: Cell("万元", Status.NUMBER) if spec.column(key).kind is ValueKind.UNIT else Cell(0, Status.NUMBER)
        for key in spec.cell_keys()
    }
    return Report(meta=Meta(agency=_AGENCY, year=year, template=template_id), cells=cells, text=_PROSE)


def _one(key: str, cell: Cell, base: Report | None = None) -> Report:
    return (base or _consistent_report()).with_cells({key: cell})


def _unplaced_example() -> Report:
    row = UnplacedRow("requests", ("unable.not_held",), ("0",) * 8, 67, "values do not fit the columns (8 values)")
    report = _one("requests.unable.not_held.total", Cell())
    return attrs.evolve(report, provenance=Provenance(unplaced=(row,)))


#: For each built-in rule: what is done to a consistent report to make it fire.
#: A rule added to govinfo.validate without an example here makes the generator fail.
EXAMPLES: dict[str, tuple[str, Callable[[], Report]]] = {
    "tables": (
        "every cell of 表二 missing",
        lambda: _consistent_report().with_cells({k: Cell() for k in template("2021").table("active").cell_keys()}),
    ),
    "identities": (
        "`requests.granted.natural_person` printed 1, every other cell 0",
        lambda: _one("requests.granted.natural_person", Cell(1, Status.NUMBER)),
    ),
    "values": ("`active.rules.issued` printed -1", lambda: _one("active.rules.issued", Cell(-1, Status.NUMBER))),
    "template_year": ("a report for 2023 in the tables of template 2019", lambda: _consistent_report("2019", 2023)),
    "sections": (
        "section 五 not found",
        lambda: attrs.evolve(_consistent_report(), text=attrs.evolve(_PROSE, problems=None)),
    ),
    "unplaced": ("a row of eight values for the seven columns of 表三「1.本机关不掌握相关政府信息」"
                 " (an empty cell between a row's values is shown as `_`)", _unplaced_example),
    "prose": (
        "the overview says 共收到政府信息公开申请5件 while every cell is 0",
        lambda: attrs.evolve(_consistent_report(), text=attrs.evolve(_PROSE, overview="本年度共收到政府信息公开申请5件。")),
    ),
    "inferred": ("`requests.granted.total` inferred, not printed", lambda: _one("requests.granted.total", Cell(0, Status.INFERRED))),
}

#: The cross-year rules: (the prior year's report, the current one).
SERIES_EXAMPLES: dict[str, tuple[str, Callable[[], tuple[Report, Report]]]] = {
    "series.carry_over": (
        "the 2022 report carries 2 requests forward (四) and the 2023 report prints 上年结转 0",
        lambda: (
            _one("requests.carried_forward.total", Cell(2, Status.NUMBER), _consistent_report(year=2022)),
            _consistent_report(),
        ),
    ),
    "series.stock_flow": (
        "规章 in force: 0 in 2022; in 2023 none issued or repealed, yet 3 in force",
        lambda: (_consistent_report(year=2022), _one("active.rules.in_force", Cell(3, Status.NUMBER))),
    ),
}


def _finding_lines(findings: Iterable[Finding], rule_id: str, what: str) -> list[str]:
    mine = [finding for finding in findings if finding.rule == rule_id]
    if not mine:
        raise SystemExit(f"docs/gen_reference.py: the example for rule {rule_id!r} ({what}) gives no finding of it")
    first = mine[0]
    return [
        f"Example — {what}:",
        "",
        "```text",
        f"{first.severity.value}: {first.message_zh}",
        f"{first.severity.value}: {first.message_en}",
        "```",
        "",
    ]


def _identity_tables(union: list[tuple[Identity, tuple[str, ...]]]) -> list[str]:
    lines: list[str] = []
    kinds: dict[str, list[tuple[Identity, tuple[str, ...]]]] = {}
    for identity, templates in union:
        kinds.setdefault(identity.kind.value, []).append((identity, templates))
    for kind, members in kinds.items():
        first = members[0][0]
        lines += [f"#### Identities `{kind}` ({len(members)})", ""]
        lines += [f"In canonical keys, e.g. `{first.id}`: `{_formula(first)}`", ""]
        lines += _table(
            ("identity", "templates", "formula (中文)"),
            [(_code(i.id), " ".join(t), i.formula_zh) for i, t in members],
        )
        lines.append("")
    return lines


def _rule_extras(rule_id: str) -> list[str]:
    """What a rule checks, in full, where the code holds it as data."""
    lines: list[str] = []
    if rule_id == "identities":
        lines += [
            "A finding names the one cell (or two) whose correction makes every failing identity",
            "hold, when that explanation is unique; otherwise each failing identity is reported on",
            "its own. Soft identities never make an `identities` finding. The identities:",
            "",
        ]
        lines += _identity_tables(_union({tid: identities.identities(tid) for tid in TEMPLATES}))
    elif rule_id == "values":
        for tid in TEMPLATES:
            spec = template(tid)
            signed = [_code(key) for key in spec.cell_keys() if spec.column(key).kind is ValueKind.SIGNED]
            count = len(identities.non_negative_keys(tid))
            tail = f"; signed (may be negative): {', '.join(signed)}." if signed else "."
            lines += [f"Template {tid}: {count} cells must be non-negative{tail}", ""]
    elif rule_id == "prose":
        lines += ["The phrases recognised, and the cells each restates (any one reading may match):", ""]
        lines += _table(
            ("phrase", "restates", "meaning"),
            [
                (_code(r.id), " or ".join(" + ".join(_code(k) for k in keys) for keys in r.readings), r.description_zh)
                for r in identities.RESTATEMENTS
            ],
        )
        lines.append("")
    return lines


def render_rules() -> str:
    """Every validation rule: its id, severity, what it checks and a computed example finding."""
    rules = validate.BUILTIN_RULES
    series_union = _union({f"{a}→{b}": identities.series_identities(a, b) for a in TEMPLATES for b in TEMPLATES})
    series_members = {
        rule_id: [(i, t) for i, t in series_union if i.id.startswith(rule_id + ".")] for rule_id in validate.SERIES_RULE_IDS
    }
    series_severity = {
        rule_id: "warning" if members and all(i.soft for i, _ in members) else "error"
        for rule_id, members in series_members.items()
    }
    lines = _table(
        ("rule", "severity", "what it checks"),
        [(f"[`{rule.id}`](#{rule.id.replace('.', '')})", rule.severity.value, rule.description) for rule in rules]
        + [
            (f"[`{rule_id}`](#{rule_id.replace('.', '')})", series_severity[rule_id], "across years: `govinfo.validate_series`")
            for rule_id in validate.SERIES_RULE_IDS
        ],
    )
    lines.append("")
    for rule in rules:
        if rule.id not in EXAMPLES:
            raise SystemExit(f"docs/gen_reference.py: rule {rule.id!r} has no example: add one to EXAMPLES")
        what, build = EXAMPLES[rule.id]
        doc = " ".join((rule.function.__doc__ or rule.description).split())
        lines += [f"### `{rule.id}`", "", f"**{rule.severity.value}** — {doc}", ""]
        lines += _finding_lines(validate.validate(build(), rules=rules), rule.id, what)
        lines += _rule_extras(rule.id)
    for rule_id in validate.SERIES_RULE_IDS:
        if rule_id not in SERIES_EXAMPLES:
            raise SystemExit(f"docs/gen_reference.py: rule {rule_id!r} has no example: add one to SERIES_EXAMPLES")
        what, build = SERIES_EXAMPLES[rule_id]
        lines += [
            f"### `{rule_id}`",
            "",
            f"**{series_severity[rule_id]}** — across years, between one agency's reports for consecutive years "
            f"(`govinfo.validate_series`); keys prefixed `{identities.PRIOR}` are the prior year's.",
            "",
        ]
        lines += _finding_lines(validate.validate_series(build()), rule_id, what)
        lines += _table(
            ("identity", "years' templates", "formula", "formula (中文)"),
            [(_code(i.id), " ".join(t), _code(_formula(i)), i.formula_zh) for i, t in series_members[rule_id]],
        )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- pages

GENERATORS: dict[str, Callable[[], str]] = {"keys": render_keys, "rules": render_rules}
PAGES: tuple[str, ...] = ("data-model.md", "validation.md")


def generate(text: str) -> str:
    """A page's text with every generated region regenerated."""

    def replace(match: re.Match[str]) -> str:
        body = GENERATORS[match["name"]]()
        return f"{match['begin']}\n{body}\n{match['end']}"

    return _MARKERS.sub(replace, text)


def stale_pages(docs: Path = DOCS) -> list[str]:
    """Pages whose committed text differs from what the code generates."""
    return [name for name in PAGES if generate((docs / name).read_text(encoding="utf-8")) != (docs / name).read_text(encoding="utf-8")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale pages (exit 1 if any)")
    args = parser.parse_args(argv)
    stale = stale_pages()
    if args.check:
        for name in stale:
            print(f"docs/{name} is stale: run python docs/gen_reference.py", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        path = DOCS / name
        path.write_text(generate(path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"rewrote docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
