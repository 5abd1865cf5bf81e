"""Batch throughput: the examples replicated to ~500 distinct files, --jobs 1 and 2.

    python benchmarks/batch_throughput.py [--files 500] [--jobs 1 2]

Each copy gets its own trailing blank lines so every file has distinct content (the
batch skips content it has seen). Runs ``govinfo batch`` as a user would (a fresh
process, a fresh database) and reports files per second, and the re-run that skips
everything. Measured here, never in the tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def corpus(folder: Path, count: int) -> None:
    seeds = sorted(EXAMPLES.glob("*.txt"))
    for index in range(count):
        seed = seeds[index % len(seeds)]
        (folder / f"{index:05d}_{seed.name}").write_bytes(seed.read_bytes() + b"\n" * (index // len(seeds) + 1))


def run(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS of the children in MiB) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    govinfo = [sys.executable, "-m", "govinfo.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        corpus(folder, args.files)
        print(f"{args.files} files, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        for jobs in args.jobs:
            db = Path(tmp) / f"jobs{jobs}.sqlite"
            command = [*govinfo, "batch", str(folder), "--db", str(db), "--jobs", str(jobs)]
            elapsed, peak = run(command)
            again, _ = run(command)
            print(
                f"--jobs {jobs}: {elapsed:6.1f} s  {args.files / elapsed:6.1f} files/s  "
                f"(peak RSS of one process {peak:.0f} MiB); re-run skipping all: {again:.1f} s"
            )


if __name__ == "__main__":
    main()
