"""``govinfo batch DIR_OR_FILES... --db corpus.sqlite``: a corpus into SQLite, and exports.

Exit codes: 0 when every input is a stored report; 2 when any input is an error row
(it could not be read as a report; the summary and the ``errors`` table say why) or
the command line is wrong; 130 when interrupted (run the same command again to finish).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import IO, Callable, Iterator

from govinfo.batch import BatchSummary, discover, run_batch
from govinfo.cli import EXIT_INPUT, EXIT_OK
from govinfo.errors import WorkerStartError
from govinfo.exports import parquet_available, write_jsonl, write_long_csv, write_parquet, write_wide_csv
from govinfo.model import Report, Status
from govinfo.store import Store

EXIT_INTERRUPTED = 130
#: At most this many failed files are listed in the summary (all are in the errors table).
LIST_FAILED = 20


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser(
        "batch",
        help="parse a corpus (folders or files) into a SQLite database",
        description="Parse every report under the given folders (and the files given) into a SQLite "
        "database; files whose content is already in it are skipped. Exports cover the whole database.",
    )
    parser.add_argument("inputs", nargs="+", metavar="DIR_OR_FILE")
    parser.add_argument("--db", required=True, help="the SQLite database (created if absent)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: the number of CPUs)")
    parser.add_argument("--force", action="store_true", help="re-parse files already in the database")
    parser.add_argument("--csv", metavar="WIDE.csv", help="write one row per report, one column per canonical key")
    parser.add_argument("--long", metavar="LONG.csv", help="write one row per cell (key, value, status, line)")
    parser.add_argument("--jsonl", metavar="OUT.jsonl", help="write canonical JSON, one report per line")
    parser.add_argument("--parquet", metavar="OUT.parquet", help="write the wide table as Parquet (extra: parquet)")
    parser.set_defaults(run=run)


class Progress:
    """A plain progress bar on a terminal's stderr, redrawn at most ten times a second."""

    def __init__(self, stream: IO[str], width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.started = time.perf_counter()
        self.drawn = 0.0

    def __call__(self, summary: BatchSummary) -> None:
        now = time.perf_counter()
        if now - self.drawn < 0.1 and summary.done < summary.total:
            return
        self.drawn = now
        share = summary.done / summary.total if summary.total else 1.0
        filled = int(share * self.width)
        rate = summary.done / max(now - self.started, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {summary.done}/{summary.total} files"
            f"  {rate:.1f}/s  {len(summary.failed)} failed "
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        print("govinfo: --jobs must be at least 1", file=sys.stderr)
        return EXIT_INPUT
    if args.parquet and not parquet_available():
        print("govinfo: --parquet needs pyarrow: pip install 'govinfo[parquet]'", file=sys.stderr)
        return EXIT_INPUT
    for output in (args.db, args.csv, args.long, args.jsonl, args.parquet):
        folder = os.path.dirname(output) if output else "."
        if folder and not os.path.isdir(folder):
            print(f"govinfo: cannot write {output}: no folder {folder}", file=sys.stderr)
            return EXIT_INPUT
    paths = discover(args.inputs)  # InputError (exit 2) for a path that does not exist
    progress = Progress(sys.stderr) if sys.stderr.isatty() else None
    with Store(args.db) as store:
        try:
            summary = run_batch(paths, store, jobs=args.jobs, force=args.force, progress=progress)
        except KeyboardInterrupt:
            if progress is not None:
                progress.close()
            print(
                f"govinfo: interrupted; {store.count('reports')} reports and {store.count('errors')} errors "
                f"are stored in {args.db}. Run the same command again to finish.",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
        except WorkerStartError as error:  # e.g. no processes may be started here
            if progress is not None:
                progress.close()
            print(f"govinfo: {error}", file=sys.stderr)
            return EXIT_INPUT
        if progress is not None:
            progress.close()
        try:
            exports = _export(store, args)
        except OSError as error:
            print(format_summary(summary, store, args.db, []))
            print(f"govinfo: cannot write an export: {error}", file=sys.stderr)
            return EXIT_INPUT
        print(format_summary(summary, store, args.db, exports))
    return EXIT_OK if summary.ok else EXIT_INPUT


def _stored(store: Store) -> Iterator[tuple[str, Report]]:
    for report_id in store.report_ids():
        yield store.source_path(report_id), store.report(report_id)


def _export(store: Store, args: argparse.Namespace) -> list[str]:
    done = []
    writers: list[tuple[str | None, Callable[[IO[str]], int], str]] = [
        (args.csv, lambda out: write_wide_csv(_stored(store), out), "reports"),
        (args.long, lambda out: write_long_csv(_stored(store), out), "cells"),
        (args.jsonl, lambda out: write_jsonl(_stored(store), out), "reports"),
    ]
    for path, write, unit in writers:
        if path:
            with open(path, "w", encoding="utf-8", newline="") as out:
                done.append(f"{path} ({write(out)} {unit})")
    if args.parquet:
        done.append(f"{args.parquet} ({write_parquet(_stored(store), args.parquet)} reports)")
    return done


def _counts(counter: dict[str, int], order: tuple[str, ...] = ()) -> str:
    keys = [key for key in order if counter.get(key)] + sorted(key for key in counter if key not in order)
    return ", ".join(f"{key} {counter[key]}" for key in keys)


def format_summary(summary: BatchSummary, store: Store, db: str, exports: list[str]) -> str:
    """The end-of-batch report, for a person."""
    statuses = tuple(status.value for status in Status)
    cells_read = sum(summary.cells.values())
    lines = [
        f"govinfo batch: {summary.total} files in {summary.elapsed:.1f} s with {summary.jobs} "
        f"job{'s' if summary.jobs != 1 else ''} → {db}",
        f"  reports parsed   {summary.parsed}"
        + (f" ({summary.partial} with cells that could not be found)" if summary.partial else ""),
        f"  already stored   {summary.skipped}" + ("" if summary.skipped == 0 else " (skipped; --force re-parses)"),
    ]
    if summary.duplicates:
        lines.append(f"  duplicate files  {summary.duplicates} (same content as another input)")
    lines.append(f"  files failed     {len(summary.failed)}")
    lines.append(f"  cells read       {cells_read}" + (f": {_counts(summary.cells, statuses)}" if cells_read else ""))
    if summary.validation.get("done"):
        total = sum(summary.findings.values())
        lines.append(f"  findings         {total}" + (":" if total else ""))
        for (rule, severity), count in sorted(summary.findings.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"    {rule} ({severity})  {count}")
    elif summary.parsed:
        lines.append("  findings         not checked (govinfo.validate is not available in this install)")
    if summary.validation.get("failed"):
        lines.append(f"  validation failed on {summary.validation['failed']} reports (see reports.validation)")
    lines.append(f"  database         {store.count('reports')} reports, {store.count('errors')} errors in all")
    for export in exports:
        lines.append(f"  wrote            {export}")
    if summary.failed:
        lines.append("files that failed:")
        for path, error_type, message, earlier in summary.failed[:LIST_FAILED]:
            lines.append(f"  {path}: {error_type}: {message}" + (" (in an earlier run)" if earlier else ""))
        if len(summary.failed) > LIST_FAILED:
            lines.append(f"  … and {len(summary.failed) - LIST_FAILED} more (SELECT * FROM errors)")
    return "\n".join(lines)
