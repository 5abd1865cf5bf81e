"""Batch: a corpus of report files in, a SQLite store out, every file accounted for.

discover the files → hash each (skip content the store already has) → parse in N
worker processes, a chunk of files per task (:func:`chunk_size_for`, :func:`chunks_of`),
at most a few chunks in flight → write each finished chunk in one transaction as it
arrives (memory stays flat; a batch killed half-way keeps every chunk it committed and
the next run does the rest) → a summary.

Every input ends as a row of ``reports`` or of ``errors``: a file that is empty, binary,
in an unknown encoding, not a report, or that makes the parser fail in any way, is an
error row with its exception type and a one-line reason, and the batch goes on.
"""

from __future__ import annotations

import collections
import hashlib
import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Sequence

import attrs

from govinfo.collector import fewer_collections
from govinfo.errors import GovinfoError, InputError, InputTooLargeError, WorkerStartError
from govinfo.exports import chunked
from govinfo.model import Finding, Report, Source
from govinfo.pipeline import DEFAULT_MAX_BYTES, parse_source
from govinfo.store import ReportRecords, Store, report_records

#: File names a folder walk picks up (files named on the command line are read whatever their name).
SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx")
#: The fewest and the most files in a task sent to a worker process (and in a transaction).
CHUNK_SIZES = (8, 128)
#: Tasks each worker gets at least, while chunks can stay above the fewest files.
_TASKS_PER_WORKER = 8
#: The most input bytes in a task: a chunk also ends once its files hold this many, so files
#: that are slow to read go a few at a time (a 400 KB PDF takes ~0.5 s; 128 text reports
#: of 4–8 KB, about as many bytes, ~0.15 s), and progress and the workers' shares stay even.
CHUNK_BYTES = 1 << 20
_MESSAGE_LIMIT = 300


# --------------------------------------------------------------------------- finding the files

def discover(inputs: Sequence[str]) -> list[str]:
    """Every file to read: each file named, and each file with a known suffix under each folder.

    Folders are walked in sorted order (hidden files and folders, and the metadata folders
    Python packaging leaves, skipped), so a batch always meets files in the same order.
    Raises :class:`InputError` for a path that does not exist.
    """
    found: dict[str, None] = {}
    for given in inputs:
        if os.path.isdir(given):
            for root, folders, files in os.walk(given):
                folders[:] = sorted(name for name in folders if not _skipped_folder(name))
                for name in sorted(files):
                    if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                        found.setdefault(os.path.join(root, name), None)
        elif os.path.exists(given):
            found.setdefault(given, None)
        else:
            raise InputError(f"no such file or folder: {given}")
    return list(found)


def _skipped_folder(name: str) -> bool:
    """Hidden folders and packaging metadata (``*.egg-info``, ``__pycache__``): never reports."""
    return name.startswith(".") or name.endswith((".egg-info", ".dist-info")) or name == "__pycache__"


def file_sha256(path: str) -> str:
    """The SHA-256 of a file's content, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- reading one file (in a worker)

@attrs.frozen
class Outcome:
    """What reading one file gave: its records, or an error type and a one-line reason."""

    path: str
    sha256: str | None
    records: ReportRecords | None = None
    error_type: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.records is not None


def one_line(error: BaseException) -> str:
    """An exception as one line of at most a few hundred characters."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


def _validator() -> Callable[[Report], Iterable[Finding]] | None:
    """``govinfo.validate`` when it is installed (it is imported late: it may not exist)."""
    import govinfo

    validate = getattr(govinfo, "validate", None)
    if validate is not None and not callable(validate):  # the module, not the function
        validate = getattr(validate, "validate", None)
    return validate if callable(validate) else None


def validate_report(report: Report) -> tuple[tuple[Finding, ...] | None, str]:
    """(findings, what happened): findings None when validation is unavailable or failed."""
    validate = _validator()
    if validate is None:
        return None, "unavailable"
    try:
        return tuple(validate(report)), "done"
    except Exception as error:  # a validator bug must not lose the parsed report
        return None, f"failed: {type(error).__name__}: {one_line(error)}"


def read_one(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Read, parse and validate one file; never raises for anything wrong with the file."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return Outcome(path, file_sha256(path), error_type=InputTooLargeError.__name__,
                           message=f"the file is {size} bytes; the limit is {max_bytes}")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return Outcome(path, None, error_type=type(error).__name__, message=one_line(error))
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        report = parse_source(Source(data, name=path), max_bytes=max_bytes)
        findings, validation = validate_report(report)
        return Outcome(path, sha256, report_records(report, sha256, path, findings, validation))
    except GovinfoError as error:
        return Outcome(path, sha256, error_type=type(error).__name__, message=one_line(error))
    except Exception as error:  # a parser bug: this file is an error row, the batch goes on
        return Outcome(path, sha256, error_type=type(error).__name__,
                       message=f"unexpected error in govinfo (please report it): {one_line(error)}")


def chunk_size_for(files: int, jobs: int) -> int:
    """Files per task for a batch of ``files`` in ``jobs`` processes: as many as
    :data:`CHUNK_SIZES` allow while each worker still gets several tasks.

    Every task costs the one parent a round trip between processes and a commit, about
    1.5 ms (measured: 2,000 files in 2 workers took the parent 1.65 s of CPU in chunks of 8,
    1.29 s in chunks of 128); several tasks a worker keep the workers finishing together.
    """
    fewest, most = CHUNK_SIZES
    return max(fewest, min(most, files // max(1, jobs * _TASKS_PER_WORKER)))


def chunks_of(paths: Iterable[str], files: int, most_bytes: int = CHUNK_BYTES) -> Iterator[list[str]]:
    """The paths in tasks of at most ``files`` files, each ending too at the file that
    brings it to ``most_bytes`` (consumed lazily; a file that cannot be read counts 0)."""
    return chunked(paths, files, weight=_size_or_nothing, most_weight=most_bytes)


def _size_or_nothing(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def read_chunk(paths: Sequence[str]) -> list[Outcome]:
    """A worker's task: several files, so process round trips stay few. (The collector's
    passes are made fewer for the whole chunk, its validation and records too.)"""
    with fewer_collections():
        return [read_one(path) for path in paths]


# --------------------------------------------------------------------------- the run

@attrs.define
class BatchSummary:
    """What a batch did; updated as it goes (progress bars read it)."""

    total: int = 0  #: input files
    done: int = 0  #: input files accounted for so far
    parsed: int = 0  #: reports parsed and stored by this run
    skipped: int = 0  #: files whose content was already in the store
    duplicates: int = 0  #: files whose content repeats another input of this run
    #: (path, error type, reason, from an earlier run) of every input that is an error row
    failed: list[tuple[str, str, str, bool]] = attrs.Factory(list)
    cells: collections.Counter[str] = attrs.Factory(collections.Counter)  #: by status
    findings: collections.Counter[tuple[str, str]] = attrs.Factory(collections.Counter)  #: by (rule, severity)
    partial: int = 0  #: reports with missing cells
    validation: collections.Counter[str] = attrs.Factory(collections.Counter)
    jobs: int = 1
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every input is a stored report."""
        return not self.failed


class _Writer:
    """Writes outcomes to the store, one transaction per chunk, and keeps the summary."""

    def __init__(self, store: Store, summary: BatchSummary, force: bool, progress: Callable[[BatchSummary], None] | None):
        self.store = store
        self.summary = summary
        self.force = force
        self.progress = progress
        self.pending_seen: list[tuple[str, str]] = []

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.summary)

    def skip(self, path: str, sha256: str, known: str) -> None:
        self.pending_seen.append((path, sha256))
        self.summary.done += 1
        if known == "duplicate":
            self.summary.duplicates += 1
        else:
            self.summary.skipped += 1
        if known == "error":  # (a duplicate's original is listed already)
            self._note_failure(path, sha256, earlier=True)
        if len(self.pending_seen) >= 256:
            self.flush()
        self._tick()

    def _note_failure(self, path: str, sha256: str | None, earlier: bool) -> None:
        error = self.store.error_for(sha256, path)
        if error is not None:
            self.summary.failed.append((path, error[0], error[1], earlier))

    def flush(self) -> None:
        if self.pending_seen:
            with self.store.transaction():
                for path, sha256 in self.pending_seen:
                    self.store.see(path, sha256)
            self.pending_seen.clear()

    def write(self, outcomes: Sequence[Outcome]) -> None:
        with self.store.transaction():
            for path, sha256 in self.pending_seen:
                self.store.see(path, sha256)
            self.pending_seen.clear()
            for outcome in outcomes:
                self._write_one(outcome)
        summary = self.summary
        for outcome in outcomes:
            summary.done += 1
            if outcome.records is not None:
                summary.parsed += 1
                summary.cells.update(outcome.records.statuses)
                summary.findings.update((f[0], f[1]) for f in outcome.records.findings)
                summary.partial += outcome.records.report["status"] == "partial"
                summary.validation[outcome.records.report["validation"].split(":")[0]] += 1
            else:
                summary.failed.append((outcome.path, outcome.error_type or "Error", outcome.message or "", False))
        self._tick()

    def _write_one(self, outcome: Outcome) -> None:
        store = self.store
        sha256 = outcome.sha256
        if sha256 is not None:
            if self.force:
                store.forget(sha256)
            elif store.known(sha256):  # the file changed into known content after it was hashed
                store.see(outcome.path, sha256)
                return
        if outcome.records is not None:
            store.add_report(outcome.records)
        else:
            store.add_error(outcome.path, sha256, outcome.error_type or "Error", outcome.message or "")
        store.see(outcome.path, sha256)


def _tasks(paths: Iterable[str], store: Store, writer: _Writer, force: bool) -> Iterator[str]:
    """The paths that need parsing; the others are recorded as skipped on the way."""
    seen: set[str] = set()
    for path in paths:
        try:
            sha256 = file_sha256(path)
        except OSError:
            yield path  # read_one turns the same failure into an error row
            continue
        if sha256 in seen:
            writer.skip(path, sha256, "duplicate")
            continue
        seen.add(sha256)
        known = None if force else store.known(sha256)
        if known:
            writer.skip(path, sha256, known)
        else:
            yield path


def _pool(jobs: int) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean process (no inherited SQLite handle or threads)
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["govinfo.batch"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def _alive() -> bool:
    """A task that does nothing: whether a worker process can start and run one."""
    return True


def _check_workers_start() -> None:
    """Raise :class:`WorkerStartError` when a new worker cannot run even :func:`_alive`:
    then a broken pool says nothing about the files in flight."""
    pool = _pool(1)
    try:
        pool.submit(_alive).result()
    except BrokenProcessPool:
        raise WorkerStartError(
            "the batch's worker processes could not start; if a script runs the batch with "
            "jobs > 1, guard its entry point with `if __name__ == \"__main__\":` (or use jobs=1)"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _send(
    pool: ProcessPoolExecutor,
    task: Callable[[Sequence[str]], list[Outcome]],
    chunk: list[str],
    in_flight: dict[Future[list[Outcome]], list[str]],
) -> bool:
    """Submit a chunk; False when the pool broke meanwhile (a worker died) and refuses it."""
    try:
        in_flight[pool.submit(task, chunk)] = chunk
    except BrokenProcessPool:
        return False
    return True


def _run_pool(
    chunks: Iterator[list[str]],
    writer: _Writer,
    jobs: int,
    task: Callable[[Sequence[str]], list[Outcome]] = read_chunk,
) -> None:
    """Keep at most 2 chunks per worker in flight; write each as it completes.

    If a worker process dies (a crash in native code, the OOM killer), every file in
    flight is retried alone, one task at a time, so the file that kills a worker is
    known: it becomes an error row, and the others are read. If the pool breaks before
    any task came back, and a new worker cannot run an empty task either, no file is
    to blame: :class:`WorkerStartError` is raised and nothing is written for the files.
    """
    retry: collections.deque[list[str]] = collections.deque()
    pool = _pool(jobs)
    in_flight: dict[Future[list[Outcome]], list[str]] = {}
    isolating = False  # the one task in flight is a file retried alone
    returned = False  # whether any task came back from a worker
    try:
        while True:
            broken: list[list[str]] = []  # chunks of a pool that broke: sent, or refused by it
            if retry:
                if not in_flight:
                    chunk = retry.popleft()
                    isolating = _send(pool, task, chunk, in_flight)
                    if not isolating:
                        broken.append(chunk)
            else:
                isolating = False
                while len(in_flight) < 2 * jobs:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    if not _send(pool, task, chunk, in_flight):
                        broken.append(chunk)
                        break
            if not in_flight and not broken:
                break
            if in_flight:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = in_flight.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken.append(chunk)
                        continue
                    returned = True
                    writer.write(outcomes)
            if broken:
                broken.extend(in_flight.values())  # every pending future of a broken pool fails too
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                if not returned:
                    _check_workers_start()
                if isolating and len(broken) == 1 and len(broken[0]) == 1:
                    writer.write([_died(broken[0][0])])
                else:
                    retry.extend([path] for chunk in broken for path in chunk)
                pool = _pool(jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _died(path: str) -> Outcome:
    try:
        sha256: str | None = file_sha256(path)
    except OSError:
        sha256 = None
    return Outcome(path, sha256, error_type="WorkerCrashed", message="the worker process died while reading this file")


def run_batch(
    paths: Sequence[str],
    store: Store,
    *,
    jobs: int = 1,
    force: bool = False,
    progress: Callable[[BatchSummary], None] | None = None,
    chunk_size: int | None = None,
) -> BatchSummary:
    """Read ``paths`` into ``store``; files whose content the store has are skipped unless ``force``.

    ``jobs`` > 1 parses in that many worker processes. Returns the summary; the store
    holds the data. Interrupting (KeyboardInterrupt) loses at most the chunks in flight.
    ``chunk_size`` (the most files per task and per transaction; fewer where they are
    large: :data:`CHUNK_BYTES`) is :func:`chunk_size_for` unless given.
    """
    started = time.perf_counter()
    if chunk_size is None:
        chunk_size = chunk_size_for(len(paths), jobs)
    # no more workers than chunks: a handful of files is parsed faster without a pool
    summary = BatchSummary(total=len(paths), jobs=max(1, min(jobs, -(-len(paths) // chunk_size))))
    writer = _Writer(store, summary, force, progress)
    chunks = chunks_of(_tasks(paths, store, writer, force), chunk_size)
    try:
        with store.bulk_load(len(paths)):
            if summary.jobs == 1:
                for chunk in chunks:
                    writer.write(read_chunk(chunk))
            else:
                _run_pool(chunks, writer, summary.jobs)
            writer.flush()
    finally:
        summary.elapsed = time.perf_counter() - started
    return summary
