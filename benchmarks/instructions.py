"""Instructions per parse, counted by valgrind: a figure that does not drift with the machine.

    python benchmarks/instructions.py [--reports 40] [--new-plan] [--floor] [--unseen] [--no-gc] [LAYOUT ...]
    python benchmarks/instructions.py --inside govinfo.tables:_work_out_plan [--unseen] [--no-gc] [LAYOUT ...]

On a shared machine timings move by a third from one minute to the next, which hides a
change of a few per cent. Callgrind counts the instructions a parse executes instead: the
same tree, corpus and hash seed give the same count to the last digit or two, so two trees
(or two versions of a function) can be compared one change at a time. Counting is ~50×
slower than running, so it uses a small corpus; it needs ``valgrind`` (Debian's package).

Only the parses are counted: they run inside ``functools.reduce``, and callgrind collects
while that C function is on the stack (``--toggle-collect``), not while the corpus is
generated or the caches are warmed. With ``--new-plan`` the table plans are forgotten before
each parse (outside what is counted), as for reports of layouts never seen before. With
``--unseen`` what is counted is other reports, never seen before, each parsed once after the
corpus warmed the caches (run.py's unseen pass: their lines are mostly new). With
``--floor`` the floor of ``run.py`` (decode, normalize, split into lines and cells) is
counted over the same corpus too, and each parse is shown as a multiple of it. With
``--no-gc`` the cyclic garbage collector is off while counting: its runs fall where the
allocations add up, so two trees a few objects apart can differ by a per cent or more from
where a collection fell, not from their code; compare small changes that way. (A multiple of
instructions, not of time: the floor's C string work runs more instructions a nanosecond than
the interpreter does, so run.py's ×floor, the issue's measure, is the higher of the two.)

With ``--inside MODULE:NAME`` (repeatable) what is counted is only what runs inside that
function during the parses, and how often it is called: it is called through
``functools.reduce`` for the count, where every module of govinfo and its plugins that
imported it by name finds it (``NAME`` may be ``Class.method``). A function reached only
through a reference taken before the count (a pluggy hook implementation, a remembered
map's function) is never called so, and the count says so. Each call counts the wrapper
too, about 2,700 instructions with an empty function's own call (callgrind, Python 3.11):
subtract that times the calls from a function called often.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
LAYOUTS = ("tab_table", "vertical_cell", "pipe_table", "markdown_ocr", "html_table")
SEED = 20240122


class Count(NamedTuple):
    """What one valgrind run counts: a layout's corpus, and how it is parsed (the options above)."""

    layout: str
    reports: int
    new_plan: bool = False
    floor: bool = False
    unseen: bool = False
    no_gc: bool = False
    inside: str | None = None  #: ``MODULE:NAME``: count only inside that function


def _count_one(count: Count) -> None:
    """(run under valgrind) parse the layout's corpus once to warm the caches, then again, counted;
    or, with ``floor``, run the floor over it once and again, counted. With ``unseen``, what
    is counted is a parse of other reports, never seen (the warm corpus left in the caches),
    each parsed once, as run.py's unseen pass does; and the floor over those. With
    ``inside``, only that function's part of the counted parses."""
    layout, reports, new_plan, floor, unseen, no_gc, inside = count
    sys.path.insert(0, str(HERE))
    import govinfo
    from corpus import corpus, forget_table_plans

    from run import UNSEEN_SEED_OFFSET

    host = govinfo.PluginHost(entry_points=False)
    items = [(sample.data, sample.name) for sample in corpus(host, [layout], reports, SEED)]
    counted = [(s.data, s.name) for s in corpus(host, [layout], reports, SEED + UNSEEN_SEED_OFFSET)] if unseen else items
    if no_gc:
        gc.disable()
    if floor:
        from run import floor as floor_of

        for data, _ in items:
            floor_of(data)
        functools.reduce(lambda _, item: floor_of(item[0]), counted, None)
        return
    for data, name in items:
        govinfo.parse(data, name=name, host=host)
    if inside:
        calls = _counted_inside(inside)
        for data, name in counted:
            if new_plan:
                forget_table_plans()  # (outside the function counted)
            govinfo.parse(data, name=name, host=host)
        print(f"calls: {calls[0]}", file=sys.stderr)
        return
    if not new_plan:
        functools.reduce(lambda _, item: govinfo.parse(item[0], name=item[1], host=host), counted, None)
        return
    for item in counted:
        forget_table_plans()
        functools.reduce(lambda _, item: govinfo.parse(item[0], name=item[1], host=host), [item], None)


def _counted_inside(target: str) -> list[int]:
    """Make ``MODULE:NAME`` run inside ``functools.reduce`` wherever govinfo calls it by
    name, so that callgrind collects only there; the list holds its count of calls."""
    module_name, _, qualified = target.partition(":")
    owner: Any = importlib.import_module(module_name)
    *path, name = qualified.split(".")
    for part in path:
        owner = getattr(owner, part)
    function = getattr(owner, name)
    calls = [0]
    one = (None,)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return functools.reduce(lambda _, __: function(*args, **kwargs), one, None)

    setattr(owner, name, counted)
    for loaded_name, loaded in list(sys.modules.items()):  # `from module import name` elsewhere
        if loaded_name.partition(".")[0] in ("govinfo", "govinfo_plugins") and getattr(loaded, name, None) is function:
            setattr(loaded, name, counted)
    return calls


def _instructions(count: Count) -> tuple[float, float]:
    """(instructions, calls of ``inside``) per parse of the layout's corpus, counted in a
    valgrind run of this script (calls are 0 without ``inside``)."""
    layout, reports, new_plan, floor, unseen, no_gc, inside = count
    command = [
        "valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
        "--callgrind-out-file=/dev/null", sys.executable, __file__, "--count-one", layout, "--reports", str(reports),
        *(["--new-plan"] if new_plan else []), *(["--floor"] if floor else []), *(["--unseen"] if unseen else []),
        *(["--no-gc"] if no_gc else []), *(["--inside", inside] if inside else []),
    ]
    # one hash seed: dict and set layouts (and so the work of a lookup) are the same every run
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        sys.exit(f"valgrind failed for {layout}:\n{done.stderr[-2000:]}")
    calls = re.search(r"^calls: (\d+)$", done.stderr, re.MULTILINE)
    return int(found.group(1)) / reports, int(calls.group(1)) / reports if calls else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("layouts", nargs="*", default=list(LAYOUTS))
    parser.add_argument("--reports", type=int, default=40, help="reports per layout")
    parser.add_argument("--new-plan", action="store_true", help="forget the table plans before each parse")
    parser.add_argument("--floor", action="store_true", help="count the floor too, and show each parse as a multiple of it")
    parser.add_argument("--unseen", action="store_true", help="count reports never seen before, each parsed once (run.py's unseen pass)")
    parser.add_argument("--no-gc", action="store_true", help="count with the cyclic garbage collector off (to compare small changes)")
    parser.add_argument("--inside", action="append", default=[], metavar="MODULE:NAME",
                        help="count only inside this function (repeatable), and its calls")
    parser.add_argument("--count-one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_one:
        inside = args.inside[0] if args.inside else None
        _count_one(Count(args.count_one, args.reports, args.new_plan, args.floor, args.unseen, args.no_gc, inside))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    if args.inside:
        if args.floor:
            parser.error("--floor counts whole parses: it does not go with --inside")
        _print_inside(args)
        return
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        def count(layout: str, floor: bool) -> float:
            return _instructions(Count(layout, args.reports, args.new_plan and not floor, floor, args.unseen, args.no_gc))[0]

        counts = dict(zip(args.layouts, pool.map(lambda layout: count(layout, False), args.layouts)))
        floors = dict(zip(args.layouts, pool.map(lambda layout: count(layout, True), args.layouts))) if args.floor else {}
    print(f"instructions per parse ({_conditions(args)}, PYTHONHASHSEED=0)"
          + ("; the floor's, and the parse as a multiple of it" if floors else ""))
    for layout, count in counts.items():
        floor = f"   floor {floors[layout] / 1e6:6.3f} M  ×{count / floors[layout]:5.1f}" if layout in floors else ""
        print(f"  {layout:14s} {count / 1e6:8.3f} M{floor}")


def _conditions(args: argparse.Namespace) -> str:
    caches = "caches warm but no table plan" if args.new_plan else "caches warm"
    if args.unseen:
        caches += ", reports never seen before"
    if args.no_gc:
        caches += ", garbage collector off"
    return f"{args.reports} reports per layout, {caches}"


def _print_inside(args: argparse.Namespace) -> None:
    """Each ``--inside`` function's instructions and calls per parse, for every layout."""
    runs = [
        Count(layout, args.reports, args.new_plan, False, args.unseen, args.no_gc, target)
        for target in args.inside
        for layout in args.layouts
    ]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counted = list(pool.map(_instructions, runs))
    print(f"instructions per parse inside each function ({_conditions(args)}, PYTHONHASHSEED=0)")
    for run, (count, calls) in zip(runs, counted):
        never = "   (never called by that name: reached through a reference taken earlier?)" if not calls else ""
        print(f"  {run.inside:48s} {run.layout:14s} {count / 1e3:9.1f} k  {calls:7.2f} calls{never}")

if __name__ == "__main__":
    main()
