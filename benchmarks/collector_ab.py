"""The collector's passes: a parse with Python's default first threshold, and with govinfo's.

    python benchmarks/collector_ab.py [--reports 200] [--passes 8] [LAYOUT ...]

``govinfo.collector.fewer_collections`` raises the garbage collector's first threshold
while a parse runs. This measures what that buys, in one process and one minute: passes
over the same corpus alternate between the default threshold (700) and govinfo's, so a
machine whose speed drifts slows both alike. Prints the median ms a report of each.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240122
LAYOUTS = ["tab_table", "vertical_cell", "pipe_table", "markdown_ocr", "html_table"]
_DEFAULT_FIRST_THRESHOLD = 700  # Python's own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("layouts", nargs="*", default=LAYOUTS)
    parser.add_argument("--reports", type=int, default=200, help="generated reports per layout")
    parser.add_argument("--passes", type=int, default=8, help="passes of each kind (alternating)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import govinfo
    import govinfo.collector as collector
    from corpus import corpus

    raised = collector.PARSING_THRESHOLD
    host = govinfo.PluginHost(entry_points=False)
    print("govinfo from", Path(govinfo.__file__).parent)
    for layout in args.layouts:
        datas = [sample.data for sample in corpus(host, [layout], args.reports, SEED)]
        for data in datas:  # warm the caches
            govinfo.parse(data, host=host)
        figures: dict[int, list[float]] = {_DEFAULT_FIRST_THRESHOLD: [], raised: []}
        for index in range(2 * args.passes):
            threshold = (_DEFAULT_FIRST_THRESHOLD, raised)[index % 2 ^ (index // 2) % 2]  # ABBA order
            collector.PARSING_THRESHOLD = threshold
            gc.collect()
            start = time.process_time()
            for data in datas:
                govinfo.parse(data, host=host)
            figures[threshold].append((time.process_time() - start) / len(datas) * 1000)
        collector.PARSING_THRESHOLD = raised
        before, after = statistics.median(figures[_DEFAULT_FIRST_THRESHOLD]), statistics.median(figures[raised])
        print(f"  {layout:14s} threshold {_DEFAULT_FIRST_THRESHOLD}: {before:.3f} ms   {raised}: {after:.3f} ms"
              f"   ({(after / before - 1) * 100:+.1f} %)")


if __name__ == "__main__":
    main()
