"""The edges: any text, any bytes, huge and repetitive inputs, and every shipped regex.

govinfo.parse either returns a report or raises one of govinfo's own input errors
(govinfo.InputError), whatever it is given, and its work grows linearly with its input:
that is measured in function calls (deterministic), not in seconds, except for one
generous wall-clock bound on a 10 MB input. The regex guard finds every compiled pattern
the project ships by walking its modules (nothing is listed by hand) and runs each
against long runs of the characters it matches, under a time budget.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time
from typing import Callable, Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo.text import _phrase_search, block_pattern
import govinfo.testing as gt
import govinfo_plugins

# --------------------------------------------------------------------------- any input


def _parse_or_input_error(data: str | bytes, host: govinfo.PluginHost) -> govinfo.Report | None:
    """Parse; a govinfo input error is an answer too. Anything else (a PluginError from the
    strict host included: a plugin that crashes) fails the test."""
    try:
        return govinfo.parse(data, host=host)
    except govinfo.InputError:
        return None


def _fragments() -> tuple[str, ...]:
    """Pieces of real reports: headings, labels, header words, numbers, marks, separators."""
    words: list[str] = [f"{s.number}、{s.title}" for s in govinfo.SECTIONS]
    for spec in govinfo.TEMPLATES.values():
        for table in spec.tables:
            words += [*table.header_words, *(row.label for row in table.rows)]
            words += [row.block for row in table.rows if row.block]
    return (*dict.fromkeys(words), "0", "12", "3件", "1,234", "０", "/", "—", "", "  ", "- 4 -", "**", "## ", "|", "<td>")


_REPORTISH = st.lists(
    st.one_of(st.sampled_from(_fragments()), st.sampled_from(("\n", "\t", "\n\n", "\t\t")), st.text(max_size=4)),
    max_size=200,
).map("".join)


@given(text=st.text())
@example(text="")
@example(text="\t\n\t")
@example(text="\ufeff")
def test_any_unicode_text(text: str, host: govinfo.PluginHost) -> None:
    _parse_or_input_error(text, host)


@given(text=_REPORTISH)
@example(text="二、主动公开政府信息情况\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n")
def test_text_made_of_report_pieces(text: str, host: govinfo.PluginHost) -> None:
    report = _parse_or_input_error(text, host)
    if report is not None:  # whatever it read, it read by the rules
        for key, cell in report.iter_cells():
            assert cell.status.has_value == (cell.value is not None), key


@given(data=st.binary())
@example(data=b"\x00")
@example(data=b"\xff\xfe\x00")
@example(data=b"\xef\xbb\xbf")
@example(data="二、主动公开政府信息情况".encode("gb18030") + b"\x81")
def test_any_bytes(data: bytes, host: govinfo.PluginHost) -> None:
    _parse_or_input_error(data, host)


@settings(max_examples=max(5, settings.default.max_examples // 4))
@given(report=gt.reports(), cut=st.integers(0, 10**6), layout=st.sampled_from(govinfo.PluginHost(entry_points=False).renderers()))
def test_a_rendering_cut_anywhere(report: govinfo.Report, cut: int, layout: str, host: govinfo.PluginHost) -> None:
    text = govinfo.render(report, layout, host=host)
    _parse_or_input_error(text[: cut % (len(text) + 1)], host)


# --------------------------------------------------------------------------- bounded work

def _calls(function: Callable[[], object]) -> int:
    """How many functions (Python and C) a call makes: work, measured without a clock."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event == "call" or event == "c_call":
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        function()
    finally:
        sys.setprofile(previous)
    return count


def _base(host: govinfo.PluginHost, layout: str = "tab_table") -> str:
    report = _fixed_report()
    return govinfo.render(report, layout, host=host)


def _fixed_report() -> govinfo.Report:
    cells = {key: govinfo.Cell(1, govinfo.Status.NUMBER) for key in govinfo.template("2021").cell_keys()}
    meta = govinfo.Meta("东山县人民政府", 2023, "2021", None, None, "东山县人民政府2023年政府信息公开工作年度报告")
    return govinfo.Report(meta=meta, cells=cells, text=govinfo.Prose("全年共收到申请3件。", "无。", "无。"))


#: How each input grows with k: extra rows, cells, lines or headings where they cost most.
GROWTH: dict[str, Callable[[str, str, int], str]] = {
    "labelled rows": lambda tab, vertical, k: tab.replace("第二十条第（一）项\n", "第二十条第（一）项\n" + "规章\t0\t0\t0\n" * k),
    "unlabelled rows": lambda tab, vertical, k: tab.replace("（七）总计", "\t0\t0\t0\t0\t0\t0\t0\n" * k + "（七）总计"),
    "short rows": lambda tab, vertical, k: tab.replace("（七）总计", "\t0\t0\t0\t0\t0\t0\n" * k + "（七）总计"),
    "one long line": lambda tab, vertical, k: tab.replace("第二十条第（一）项\n", "第二十条第（一）项\n" + "0\t" * (10 * k) + "\n"),
    "one cell per line": lambda tab, vertical, k: vertical.replace("规章\n", "规章\n" + "0\n" * k),
    "repeated headings": lambda tab, vertical, k: "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n" * k,
    "repeated tables": lambda tab, vertical, k: tab + tab[tab.index("二、") : tab.index("五、")] * (k // 20),
    "long prose": lambda tab, vertical, k: tab.replace("一、总体情况\n", "一、总体情况\n" + "共收到申请3件，其中规章0件。\n" * k),
}


@pytest.mark.parametrize("growth", GROWTH, ids=str)
def test_work_grows_linearly(growth: str, host: govinfo.PluginHost) -> None:
    tab, vertical = _base(host), _base(host, "vertical_cell")
    make = GROWTH[growth]
    small = _calls(lambda: _parse_or_input_error(make(tab, vertical, 100), host))
    large = _calls(lambda: _parse_or_input_error(make(tab, vertical, 400), host))
    # four times the input: at most four times the work (plus slack), never sixteen
    assert large <= 4.6 * small, f"{growth}: {small} calls for k=100, {large} for k=400"


def test_a_10_megabyte_report_parses_in_bounded_time(host: govinfo.PluginHost) -> None:
    tab = _base(host)
    padding = "本机关全年主动公开政府信息123条，其中规章0件，行政规范性文件5件。\n"
    text = tab.replace("一、总体情况\n", "一、总体情况\n" + padding * (10 * 2**20 // len(padding.encode()) + 1))
    assert len(text.encode()) > 10 * 2**20
    started = time.perf_counter()
    report = govinfo.parse(text, host=host)
    assert time.perf_counter() - started < 120  # generous: a few seconds on 2 shared cores
    assert report.cell("requests.granted.total") == govinfo.Cell(1, govinfo.Status.NUMBER)


def test_input_over_the_limit_is_refused_before_reading(host: govinfo.PluginHost) -> None:
    with pytest.raises(govinfo.InputTooLargeError):
        govinfo.parse(b"0" * 1025, host=host, max_bytes=1024)


# --------------------------------------------------------------------------- the regex guard


def _modules() -> Iterator[object]:
    for package in (govinfo, govinfo_plugins):
        yield package
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):  # runs the command line when imported
                continue
            try:
                yield importlib.import_module(info.name)
            except ImportError:  # a module behind an optional extra that is not installed
                continue


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def shipped_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled regular expression at module level in govinfo and govinfo_plugins."""
    found: dict[str, re.Pattern[str]] = {}
    for module in _modules():
        for name, value in vars(module).items():
            for index, pattern in enumerate(_patterns_in(value)):
                if isinstance(pattern.pattern, str):
                    found.setdefault(f"{module.__name__}.{name}[{index}]", pattern)
    # made at run time, one per template marker
    for spec in govinfo.TEMPLATES.values():
        for marker in spec.markers:
            found.setdefault(f"govinfo.text.block_pattern({marker})", block_pattern(marker))
        any_marker, _ = _phrase_search(spec.markers)
        found.setdefault(f"govinfo.text._phrase_search({spec.id})", any_marker)
    return found


_CATEGORY_SAMPLES = {"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a", "CATEGORY_NOT_DIGIT": "a",
                     "CATEGORY_NOT_SPACE": "中", "CATEGORY_NOT_WORD": "、"}


def _characters(pattern: re.Pattern[str]) -> list[str]:
    """Characters the pattern can match, in the order they appear in it (from its parse tree)."""
    from re import _parser  # the stdlib's own parser: literals, sets, ranges and categories

    found: dict[str, None] = {}

    def walk(items: object) -> None:
        for op, arg in items:  # type: ignore[attr-defined]
            name = str(op)
            if name == "LITERAL":
                found.setdefault(chr(arg))
            elif name == "RANGE":
                found.setdefault(chr(arg[0]))
                found.setdefault(chr(arg[1]))
            elif name == "CATEGORY":
                found.setdefault(_CATEGORY_SAMPLES.get(str(arg), "a"))
            elif name == "IN":
                walk(arg)
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(arg[2])
            elif name == "SUBPATTERN":
                walk(arg[-1])
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1])
            elif name == "ANY":
                found.setdefault("x")

    walk(_parser.parse(pattern.pattern, pattern.flags))
    return list(found)


def adversarial_inputs(pattern: re.Pattern[str], n: int) -> Iterator[str]:
    """Long runs of what the pattern matches, alone, in pairs (nested repetitions), after
    its leading literals, and followed by a character that makes the match fail."""
    chars = _characters(pattern) + [" ", "1"]
    prefix = "".join(chars[:3])
    for char in dict.fromkeys(chars):
        for tail in ("", "\x00", "!"):
            yield char * n + tail
            yield prefix + char * n + tail
    for first, second in zip(chars, chars[1:]):
        yield (first + second) * (n // 2) + "\x00"
        yield (first + " " + second) * (n // 3) + "\x00"


#: Input lengths, growing: an exponential pattern blows the budget at a few dozen
#: characters (before a longer input could hang the test), a polynomial one by a thousand.
LADDER = (16, 18, 20, 22, 24, 26, 28, 32, 64, 256, 1_000, 10_000)
#: Seconds one search may take. A linear pattern needs about a millisecond for 10,000
#: characters; a quadratic one ten thousand times that.
BUDGET = 0.5


def test_the_guard_finds_the_patterns() -> None:
    names = shipped_patterns()
    assert any(name.startswith("govinfo.text.") for name in names)
    assert any(name.startswith("govinfo_plugins.") for name in names)


@pytest.mark.parametrize("name", sorted(shipped_patterns()))
def test_no_catastrophic_backtracking(name: str) -> None:
    pattern = shipped_patterns()[name]
    for n in LADDER:
        for text in adversarial_inputs(pattern, n):
            started = time.perf_counter()
            pattern.search(text)
            pattern.fullmatch(text)  # a pattern that matches the empty text is searched in no time
            for _ in zip(range(50), pattern.finditer(text)):
                pass
            elapsed = time.perf_counter() - started
            assert elapsed < BUDGET, f"{name} ({pattern.pattern!r}) took {elapsed:.2f}s on {text[:20]!r}… ({n} chars)"


def test_the_guard_catches_a_catastrophic_pattern() -> None:
    pattern = re.compile(r"^(\d+)*x")  # nested repetition: exponential on 1111…1
    with pytest.raises(AssertionError):
        for n in LADDER:
            for text in adversarial_inputs(pattern, n):
                started = time.perf_counter()
                pattern.search(text)
                assert time.perf_counter() - started < BUDGET
