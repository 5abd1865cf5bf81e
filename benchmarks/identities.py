"""Cost of the identities stages: inference and validation. Run by hand, never as a test.

    python benchmarks/identities.py [--repeat N]

Measures, on the seed reports: ``govinfo.infer`` (placement + single-cell inference) on
the parse before inference, ``govinfo.validate`` with the built-in rules, and the error
locator on reports with one and with two cells changed (fixed random seed). Each
figure is the median of ``--repeat`` runs; the machine is shared, so expect noise.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path
from typing import Callable

import govinfo
from govinfo import Cell, Status
from govinfo.identities import identities
from govinfo.validate import BUILTIN_RULES, locate

SEEDS = sorted((Path(__file__).parent.parent / "tests" / "fixtures" / "seeds").glob("*.txt"))


def _median_ms(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    host = govinfo.PluginHost(entry_points=False)
    print(f"{'seed':<28} {'infer ms':>9} {'validate ms':>12}")
    for path in SEEDS:
        raw = govinfo.parse_file(path, host=host, infer=False)
        report = govinfo.infer(raw)
        infer_ms = _median_ms(lambda: govinfo.infer(raw), args.repeat)
        validate_ms = _median_ms(lambda: govinfo.validate(report, rules=BUILTIN_RULES), args.repeat)
        print(f"{path.name:<28} {infer_ms:>9.2f} {validate_ms:>12.2f}")
    base = govinfo.parse_file(SEEDS[0], host=host)
    keys = sorted({k for i in identities("2021") for k in i.keys})
    rng = random.Random(20240122)
    for changes in (1, 2, 3):
        cases = []
        for _ in range(50):
            cells = {key: Cell(base.value(key) + rng.randint(1, 9), Status.NUMBER) for key in rng.sample(keys, changes)}
            cases.append(base.with_cells(cells).cells)
        located = sum(locate(cells, "2021") is not None for cells in cases)
        ms = _median_ms(lambda: [locate(cells, "2021") for cells in cases], max(1, args.repeat // 4)) / len(cases)
        print(f"locate, {changes} cell(s) changed: {ms:.2f} ms per report, explained uniquely in {located}/50")


if __name__ == "__main__":
    main()
