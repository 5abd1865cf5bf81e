"""Memory of one process parsing distinct reports: where it levels off, and why.

    python benchmarks/memory_plateau.py [--reports 20000] [--every 2500]

govinfo remembers recurring texts (cut lines, row splits, cell readings, labels: see
``govinfo.remembered``); every cache is bounded in entries and in the length of what it
keeps, so a process's memory rises while they fill and then stays flat. This parses
``--reports`` generated reports, every one different in its numbers, all layouts in turn,
and prints the process's resident memory and the caches' fill every ``--every`` reports.
Run by hand, like run.py.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import govinfo  # noqa: E402
from govinfo import RememberedMap, tables  # noqa: E402

from corpus import corpus  # noqa: E402


def resident_mib() -> float:
    """This process's resident memory now (not its peak), from /proc."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * 4096 / (1 << 20)


def remembered_functions() -> list[object]:
    """Every function of govinfo and its built-in plugins that ``govinfo.remembered`` wraps
    (found by the cache it carries, so a new one is counted without naming it here)."""
    found: dict[int, object] = {}
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in ("govinfo", "govinfo_plugins"):
            for value in vars(module).values():
                if callable(value) and hasattr(value, "remembered") and hasattr(value, "cache_info"):
                    found[id(value)] = value
    return list(found.values())


def remembered_maps() -> list[RememberedMap]:
    """Every ``govinfo.RememberedMap`` of govinfo and its built-in plugins: those a module
    holds, the cell readers' and the line cutters'."""
    found: dict[int, RememberedMap] = {}
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in ("govinfo", "govinfo_plugins"):
            for value in vars(module).values():
                if isinstance(value, RememberedMap):
                    found[id(value)] = value
    maps = list(found.values()) + [reader.known for reader in tables._READERS.values()]
    return maps + [tables._line_cutter("\t")]


def cache_fill() -> int:
    """Entries held by govinfo's caches, all together: the remembered functions and maps,
    the table plans and the HTML table layouts."""
    layouts = getattr(sys.modules.get("govinfo_plugins.read_html"), "_LAYOUTS", {})
    return (
        sum(f.cache_info().currsize for f in remembered_functions())  # type: ignore[attr-defined]
        + sum(map(len, remembered_maps()))
        + len(tables._PLANS)
        + len(layouts)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=20000)
    parser.add_argument("--every", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=20241122)
    args = parser.parse_args()
    host = govinfo.PluginHost(entry_points=False)
    layouts = host.renderers()
    per_layout = -(-args.reports // len(layouts))
    # one layout after another would fill the caches layout by layout: interleave them
    streams = [corpus(host, [layout], per_layout, args.seed) for layout in layouts]
    print(f"{'reports':>8} {'resident MiB':>13} {'cache entries':>14}")
    done = 0
    while done < args.reports:
        for stream in streams:
            sample = next(stream)
            govinfo.parse(sample.data, name=sample.name, host=host)
            done += 1
            if done % args.every == 0:
                gc.collect()
                print(f"{done:>8} {resident_mib():>13.1f} {cache_fill():>14}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
