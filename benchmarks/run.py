"""govinfo's benchmark: run by hand, never as a test.

    python benchmarks/run.py [--quick] [--json out.json] [--repeat N] [--per-layout N] [--unseen N]

Generates a deterministic corpus (fixed seed) of consistent reports of both templates,
rendered into every layout a plugin can print, plus the real seed reports, and measures
in one run:

- reports/second and per-report latency (median, p99) per layout, one process, one thread,
  and the median latency of a report whose tables' layout was never seen (no plan remembered);
- the same for reports never seen before, each parsed once (``--unseen`` per layout): the
  figure for a corpus of distinct reports, whose lines a parse has mostly not met;
- the cost of each stage of a parse (read, segment, each plugin's candidate, selection,
  template detection, metadata, and inference/validation when the core has them);
- the floor (decode, normalize, split into lines and cells, no template matching) and
  parse time as a multiple of it;
- batch throughput with 1 and 2 worker processes into SQLite (when ``govinfo.batch`` exists),
  and its steady rate: from the first chunk written to the last, without the pool's start
  and the index built at the end, which no number of workers shortens; and the CPU time of
  the parent and of the workers per report, with the rate the parent alone bounds;
- peak memory for a 10,000-report batch, in a fresh subprocess;
- PDF seconds per page against the PDF library's own text extraction (when a PDF reader
  is installed).

It also checks every parse against the report it was rendered from (exact / flagged /
wrong cells), so a speed-up bought with correctness shows in the same table.
The machine is shared and timings are noisy: each figure is the median of ``--repeat``
passes, and the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import govinfo  # noqa: E402
from govinfo import pipeline  # noqa: E402

from corpus import Sample, corpus, forget_table_plans  # noqa: E402

SEED = 20240122
#: The unseen reports are made with the seed plus this (the batch corpus takes plus 1).
UNSEEN_SEED_OFFSET = 2
#: Per-core figures are in CPU time of this process: the machine is shared, and wall time
#: would measure the neighbours' load as much as govinfo. Batch figures are wall time.
CLOCK = time.process_time
SEEDS_DIR = ROOT / "tests" / "fixtures" / "seeds"
PDF_DIR = Path("/work/shared/corpus/pdf")


def _host() -> govinfo.PluginHost:
    # every built-in plugin competes; installed third-party plugins are left out so
    # figures do not depend on what else is in the environment
    return govinfo.PluginHost(entry_points=False)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# --------------------------------------------------------------------------- the floor

_FLOOR_WIDE = tuple((char, unicodedata.normalize("NFKC", char)) for char in "，（）：；？！％\u3000")


def _floor_nfkc(text: str) -> str:
    """NFKC, exactly, at the cost of the cheapest honest implementation: the common
    full-width characters swapped by str.replace, unicodedata only for what is left.
    (unicodedata.normalize alone is ~100× slower on Chinese text and would flatter
    every parser measured against it.)"""
    for wide, narrow in _FLOOR_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def floor(data: bytes) -> int:
    """What any reader of this text must do: decode, normalize, split into lines and cells
    (cut at tabs or pipes, the text layouts' separators).

    Written with the plainest standard-library calls (not govinfo's reader), so the floor
    does not move when govinfo's own code gets faster or slower.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    text = _floor_nfkc(text.replace("\r\n", "\n"))
    cells = 0
    for line in text.split("\n"):
        # a text layout's cells are cut at tabs or at pipes (pipe tables)
        for cell in line.replace("|", "\t").split("\t"):
            cells += bool(cell.strip())
    return cells


# A cell text that reads as a number (the minimal loop's whole idea of a value).
_LOOP_NUMBER = re.compile(r"[+\-]?\d+(?:[.,]\d+)*")
_LOOP_KINDS: dict[str, bool] = {}  # remembered across reports, as govinfo remembers cell texts


def minimal_loop(data: bytes) -> int:
    """The least any pure-Python reader with govinfo's output must do beyond the floor:
    cut every line into cells with their spans, tell a value from a label (each distinct
    text once), and build a (value, status, span, note) record for every value.

    No sections, labels, placement, checks or competition: it only shows where Python
    itself puts the floor of a parse. Standard library only, like the floor.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    text = _floor_nfkc(text.replace("\r\n", "\n"))
    kinds = _LOOP_KINDS
    records = []
    for number, line in enumerate(text.split("\n"), 1):
        start = 0
        for part in line.replace("|", "\t").split("\t"):
            end = start + len(part)
            cell = part.strip()
            is_value = kinds.get(cell)
            if is_value is None:
                is_value = kinds[cell] = _LOOP_NUMBER.fullmatch(cell) is not None
            if is_value:
                records.append((cell, "number", (number, start, end, cell), None))
            start = end + 1
    return len(records)


# --------------------------------------------------------------------------- correctness

def _check(sample: Sample, report: govinfo.Report) -> tuple[int, int, int]:
    """(exact, flagged, wrong) cells of a parse against the report it was rendered from.

    Flagged: ``missing``, or ``inferred`` to the value printed (a blank counts as 0).
    """
    exact = flagged = wrong = 0
    if report.meta.template != sample.report.meta.template:
        return 0, 0, len(sample.report.cells)
    for key, expected in sample.report.cells.items():
        got = report.cells[key]
        if got == expected:
            exact += 1
        elif got.status is govinfo.Status.MISSING:
            flagged += 1
        elif got.status is govinfo.Status.INFERRED and got.value == (expected.value or 0):
            flagged += 1
        else:
            wrong += 1
    return exact, flagged, wrong


def _check_all(samples: list[Sample], host: govinfo.PluginHost) -> dict[str, int]:
    """The cells of every sample's parse, counted exact / flagged / wrong (:func:`_check`)."""
    exact = flagged = wrong = 0
    for sample in samples:
        e, f, w = _check(sample, govinfo.parse(sample.data, name=sample.name, host=host))
        exact, flagged, wrong = exact + e, flagged + f, wrong + w
    return {"exact": exact, "flagged": flagged, "wrong": wrong}


# --------------------------------------------------------------------------- throughput

Item = tuple[bytes, str]  # a document's bytes and its file name


def _new_plan_pass(items: list[Item], host: govinfo.PluginHost) -> list[float]:
    """Each parse's CPU time with no table plan remembered (forgotten, untimed, before each)."""
    latencies = []
    clock = CLOCK
    for data, name in items:
        forget_table_plans()
        start = clock()
        govinfo.parse(data, name=name, host=host)
        latencies.append(clock() - start)
    return latencies


def _interleaved_pass(items: list[Item], host: govinfo.PluginHost) -> tuple[list[float], float, float]:
    """Each parse's CPU time, and the CPU time of the floor and of the minimal loop over
    the same reports: (latencies, floor seconds, loop seconds).

    The floor and the minimal loop of each report are timed right beside its parse, so a
    change in the machine's speed during the pass (on a shared machine, up to 1.7× from one
    minute to the next) reaches all three alike, and their ratio stands.
    """
    latencies = []
    floor_time = loop_time = 0.0
    clock = CLOCK
    for data, name in items:
        start = clock()
        govinfo.parse(data, name=name, host=host)
        parsed = clock()
        floor(data)
        floored = clock()
        minimal_loop(data)
        looped = clock()
        latencies.append(parsed - start)
        floor_time += floored - parsed
        loop_time += looped - floored
    return latencies, floor_time, loop_time


def measure_layouts(groups: dict[str, list[Sample]], seeds: list[Item], host: govinfo.PluginHost, repeat: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    named: dict[str, list[Item]] = {layout: [(s.data, s.name) for s in samples] for layout, samples in groups.items()}
    named["seeds (real)"] = seeds
    for name, items in named.items():
        datas = [data for data, _ in items]
        for data, file_name in items[:5]:  # warm caches (templates, label indexes) before timing
            govinfo.parse(data, name=file_name, host=host)
            floor(data)
            minimal_loop(data)
        rates, latencies, floor_rates, loop_rates, x_floors, loop_x_floors = [], [], [], [], [], []
        for _ in range(repeat):
            gc.collect()
            lat, floor_time, loop_time = _interleaved_pass(items, host)
            latencies.extend(lat)
            rates.append(len(datas) / sum(lat))
            floor_rates.append(len(datas) / floor_time)
            loop_rates.append(len(datas) / loop_time)
            x_floors.append(sum(lat) / floor_time)
            loop_x_floors.append(loop_time / floor_time)
        unplanned = _new_plan_pass(items, host)
        cells = _check_all(groups.get(name, []), host)
        rate = statistics.median(rates)
        floor_rate = statistics.median(floor_rates)
        loop_rate = statistics.median(loop_rates)
        results[name] = {
            "reports": len(datas),
            "mean_bytes": round(sum(map(len, datas)) / len(datas)),
            "reports_per_s": round(rate, 1),
            "latency_median_ms": round(statistics.median(latencies) * 1000, 3),
            "latency_p99_ms": round(_percentile(latencies, 0.99) * 1000, 3),
            "latency_median_new_plan_ms": round(statistics.median(unplanned) * 1000, 3),
            "floor_ms": round(1000 / floor_rate, 4),
            "x_floor": round(statistics.median(x_floors), 1),
            "minimal_loop_ms": round(1000 / loop_rate, 4),
            "minimal_loop_x_floor": round(statistics.median(loop_x_floors), 1),
            "cells": cells if name in groups else None,
        }
    return results


def measure_unseen(host: govinfo.PluginHost, layouts: list[str], per_layout: int, seed: int) -> dict[str, Any]:
    """Each layout's reports parsed once each, none of them seen before: a corpus's steady
    state, where a report's lines, numbers and blank patterns are mostly new (the caches
    still hold what the measured corpus left, as in a long batch).

    The repeated passes of :func:`measure_layouts` parse the same reports again, so from
    the second pass on every line a parse remembers is known; this is the figure for a
    corpus of distinct reports. Floor beside each parse, as there; cells checked too.
    """
    results: dict[str, Any] = {}
    groups: dict[str, list[Sample]] = defaultdict(list)
    for sample in corpus(host, layouts, per_layout, seed):
        groups[sample.layout].append(sample)
    for name, samples in groups.items():
        gc.collect()
        latencies, floor_time, _ = _interleaved_pass([(s.data, s.name) for s in samples], host)
        results[name] = {
            "reports": len(samples),
            "reports_per_s": round(len(samples) / sum(latencies), 1),
            "latency_median_ms": round(statistics.median(latencies) * 1000, 3),
            "latency_p99_ms": round(_percentile(latencies, 0.99) * 1000, 3),
            "floor_ms": round(floor_time / len(samples) * 1000, 4),
            "x_floor": round(sum(latencies) / floor_time, 1),
            "cells": _check_all(samples, host),
        }
    return results


# --------------------------------------------------------------------------- stages

class _Stages:
    """Times the stages of the real pipeline by wrapping what it calls, then restores it."""

    #: names looked up in govinfo.pipeline's namespace, and the stage each is
    PIPELINE_STAGES = {
        "detect_templates": "detect template",
        "rank": "select (scoring)",  # (what the pipeline called before it called scored)
        "scored": "select (scoring)",
        "extract_meta": "metadata",
    }
    #: core modules whose functions, when the pipeline calls them, are stages of their own
    STAGE_MODULES = {"govinfo.inference": "inference", "govinfo.validate": "validation"}

    def __init__(self, host: govinfo.PluginHost) -> None:
        self.host = host
        self.totals: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.declined: dict[str, int] = defaultdict(int)
        self._undo: list[Callable[[], None]] = []

    def _wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        totals, calls, clock = self.totals, self.calls, CLOCK

        declined = self.declined

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = clock()
            result = None
            try:
                result = function(*args, **kwargs)
                return result
            finally:
                totals[stage] += clock() - start
                calls[stage] += 1
                declined[stage] += result is None

        timed.__signature__ = inspect.signature(function)  # type: ignore[attr-defined]
        return timed

    def _patch(self, owner: Any, name: str, stage: str) -> None:
        original = getattr(owner, name)
        setattr(owner, name, self._wrap(stage, original))
        self._undo.append(lambda: setattr(owner, name, original))

    def __enter__(self) -> "_Stages":
        self._patch(self.host, "read_document", "read")
        self._patch(self.host, "segment_document", "segment")
        for impl in self.host.manager.hook.govinfo_parse_section.get_hookimpls():
            self._patch(impl, "function", f"candidate: {impl.plugin_name}")
        for name, stage in self.PIPELINE_STAGES.items():
            if hasattr(pipeline, name):
                self._patch(pipeline, name, stage)
        for name, value in list(vars(pipeline).items()):
            module = getattr(value, "__module__", None)
            if callable(value) and module in self.STAGE_MODULES and not isinstance(value, type):
                self._patch(pipeline, name, f"{self.STAGE_MODULES[module]}: {name}")
        return self

    def __exit__(self, *exc: Any) -> None:
        for undo in reversed(self._undo):
            undo()


def _separate_stages() -> dict[str, Callable[[govinfo.Report], Any]]:
    """Stages the core has but the pipeline does not call: timed after each parse."""
    found: dict[str, Callable[[govinfo.Report], Any]] = {}
    validate = getattr(govinfo, "validate", None)
    if validate is not None and not callable(validate):  # the module, not the function
        validate = getattr(validate, "validate", None)
    if callable(validate):
        found["validation"] = validate
    try:
        found["inference"] = importlib.import_module("govinfo.inference").infer
    except (ImportError, AttributeError):
        pass
    return found


def measure_stages(items: list[Item], host: govinfo.PluginHost, repeat: int) -> dict[str, Any]:
    separate = _separate_stages()
    stage_runs: list[dict[str, float]] = []
    total_runs: list[float] = []
    calls: dict[str, list[int]] = {}
    for _ in range(repeat):
        gc.collect()
        with _Stages(host) as stages:
            start = CLOCK()
            for data, file_name in items:
                report = govinfo.parse(data, name=file_name, host=host)
                for stage, function in separate.items():
                    if not any(k.startswith(stage) for k in stages.calls):
                        t = CLOCK()
                        function(report)
                        stages.totals[f"{stage}: {function.__module__}.{function.__name__} (after parse)"] += CLOCK() - t
            total = CLOCK() - start
        stage_runs.append(dict(stages.totals))
        stage_runs[-1]["other (assemble, glue)"] = total - sum(stages.totals.values())
        calls = {k: [v, stages.declined[k]] for k, v in stages.calls.items() if k.startswith("candidate")}
        total_runs.append(total)
    total = statistics.median(total_runs)
    names = sorted({name for run in stage_runs for name in run})
    per_stage = {name: statistics.median(run.get(name, 0.0) for run in stage_runs) for name in names}
    n = len(items)
    present = {
        "inference": any(k.startswith("inference") for k in names) or _module_exists("govinfo.inference"),
        "validation": any(k.startswith("validation") for k in names) or _module_exists("govinfo.validate"),
    }
    return {
        "reports": n,
        "total_ms_per_report": round(total / n * 1000, 3),
        "stages_ms_per_report": {k: round(v / n * 1000, 4) for k, v in per_stage.items()},
        "stages_share": {k: round(v / total, 3) for k, v in per_stage.items()},
        "candidate_calls_declined": calls,
        "present": present,
    }


def _module_exists(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------- batch & memory

def batch_corpus(samples: list[Sample], host: govinfo.PluginHost, seed: int, count: int) -> list[tuple[str, str]]:
    """``count`` distinct reports as (text, file name): the measured corpus, then more made
    with another seed. Every report differs in its numbers, not only in a name: a memory
    test over copies would only measure caches that never fill."""
    items = [(sample.text, sample.name) for sample in samples]
    layouts = sorted({sample.layout for sample in samples})
    if count > len(items):
        per_layout = -(-(count - len(items)) // len(layouts))
        items += [(sample.text, sample.name) for sample in corpus(host, layouts, per_layout, seed + 1)]
    return items[:count]


def _write_corpus(directory: Path, items: list[tuple[str, str]]) -> list[Path]:
    paths = []
    for index, (text, name) in enumerate(items):
        path = directory / f"{index:05d}{Path(name).suffix}"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


_RSS_SAMPLER = r"""
import os, threading, time

def _descendants():
    # this process's descendants (batch workers start from a forkserver, a child of this one)
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    tree, grew = {os.getpid()}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(found)
        tree |= found
    return tree - {os.getpid()}

def _tree_rss_kb():
    # (resident kB of this process and every descendant, largest single process)
    total = largest = 0
    for pid in _descendants() | {os.getpid()}:
        try:
            with open(f"/proc/{pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        kb = int(line.split()[1])
                        total, largest = total + kb, max(largest, kb)
        except OSError:
            pass
    return total, largest

def _descendants_cpu_s():
    # CPU seconds of the live descendants and of the children they reaped (the forkserver
    # reaps the workers that exit), from /proc: utime, stime, cutime, cstime
    ticks = 0
    for pid in _descendants():
        try:
            with open(f"/proc/{pid}/stat") as handle:
                ticks += sum(map(int, handle.read().rsplit(")", 1)[1].split()[11:15]))
        except (OSError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")

PEAK = {"tree_kb": 0, "largest_process_kb": 0, "sampler_cpu_s": 0.0}
_stop = threading.Event()

def _sample():
    while not _stop.wait(0.05):
        total, largest = _tree_rss_kb()
        PEAK["tree_kb"] = max(PEAK["tree_kb"], total)
        PEAK["largest_process_kb"] = max(PEAK["largest_process_kb"], largest)
    PEAK["sampler_cpu_s"] = time.thread_time()  # this thread's own CPU, not the batch's

_sampler = threading.Thread(target=_sample, daemon=True)
_sampler.start()

def _stop_sampling():
    _stop.set()
    _sampler.join()
"""

_CHILD_BATCH = _RSS_SAMPLER + r"""
import json, resource, sys, time
from govinfo.batch import run_batch
from govinfo.store import Store

def _cpu_s(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime

files, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
paths = [line for line in open(files, encoding="utf-8").read().splitlines() if line]
marks = []  # (seconds since the start, files done) at each progress call
start, parent_cpu = time.perf_counter(), _cpu_s(resource.RUSAGE_SELF)
with Store(out) as store:
    summary = run_batch(paths, store, jobs=workers, progress=lambda s: marks.append((time.perf_counter() - start, s.done)))
elapsed = time.perf_counter() - start
_stop_sampling()
# the workers have exited when run_batch returns: their CPU is their forkserver's reaped
# children's (or this process's own, for a pool started otherwise)
parent_cpu = _cpu_s(resource.RUSAGE_SELF) - parent_cpu - PEAK["sampler_cpu_s"]
workers_cpu = _descendants_cpu_s() + _cpu_s(resource.RUSAGE_CHILDREN)
# the steady rate is counted from when every worker has sent its first chunk back: from the
# very first, the other workers' first chunks would count though mostly read before it
(first, first_done), (last, last_done) = marks[min(workers, len(marks)) - 1], marks[-1]
print(json.dumps({"seconds": elapsed, "parsed": summary.parsed, "failed": len(summary.failed),
                  "duplicates": summary.duplicates, "peak_rss_all_processes_kb": PEAK["tree_kb"],
                  "peak_rss_largest_process_kb": PEAK["largest_process_kb"],
                  "first_result_s": round(first, 3), "after_last_result_s": round(elapsed - last, 3),
                  "steady_reports_per_s": round((last_done - first_done) / (last - first), 1) if last > first else None,
                  "parent_cpu_ms_per_report": round(parent_cpu / len(paths) * 1000, 3),
                  "workers_cpu_ms_per_report": round(workers_cpu / len(paths) * 1000, 3)}))
"""

_CHILD_SEQUENTIAL = r"""
import json, resource, sys, time, tracemalloc
import govinfo
files, trace = sys.argv[1], sys.argv[2] == "1"
paths = [line for line in open(files, encoding="utf-8").read().splitlines() if line]
host = govinfo.PluginHost(entry_points=False)
govinfo.parse_file(paths[0], host=host)
if trace:
    tracemalloc.start()
start = time.perf_counter()
for path in paths:
    govinfo.flat_dict(govinfo.parse_file(path, host=host))
elapsed = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if trace else None
print(json.dumps({"seconds": elapsed, "tracemalloc_peak_kb": peak and peak // 1024,
                  "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _child(code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        # run outside the checkout, so PYTHONPATH decides which govinfo is measured
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=tempfile.gettempdir(), check=False
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _batch_api() -> str | None:
    """What is missing for a batch run, or None when govinfo.batch.run_batch exists."""
    try:
        module = importlib.import_module("govinfo.batch")
    except ImportError:
        return "govinfo.batch does not exist (yet)"
    if not callable(getattr(module, "run_batch", None)):
        return f"govinfo.batch has no run_batch (has: {', '.join(n for n in dir(module) if not n.startswith('_'))})"
    return None


def _cpu_bounds(one: dict[str, Any], two: dict[str, Any]) -> dict[str, Any]:
    """What the batches' CPU time says, whatever the machine's load: the share of one
    worker's CPU per report that two spend in all (``cpu_1_vs_2``: 1.0 would be no cost to
    the pool at all; two workers with two free cores reach at most twice it), and the rate
    no number of workers passes (``parent_bound_reports_per_s``: the parent writes every
    report into the store alone)."""
    if "parent_cpu_ms_per_report" not in two:  # (a tree measured before these figures)
        return {}
    cpu = [run["parent_cpu_ms_per_report"] + run["workers_cpu_ms_per_report"] for run in (one, two)]
    return {
        "cpu_ms_per_report_1_and_2_workers": [round(ms, 3) for ms in cpu],
        "cpu_1_vs_2": round(cpu[0] / cpu[1], 3),
        "parent_bound_reports_per_s": round(1000 / two["parent_cpu_ms_per_report"]),
    }


def measure_batch(items: list[tuple[str, str]], count: int, memory_count: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    missing = _batch_api()
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as temp:
        directory = Path(temp)
        paths = _write_corpus(directory, items[: max(count, memory_count)])
        listing = directory / "files.txt"
        if missing is None:
            for workers in (1, 2):
                listing.write_text("\n".join(map(str, paths[:count])), encoding="utf-8")
                out = directory / f"out{workers}.sqlite"
                run = _child(_CHILD_BATCH, str(listing), str(out), str(workers))
                if "seconds" in run:
                    run["reports_per_s"] = round(count / run["seconds"], 1)
                results[f"batch_{workers}_workers"] = run
                out.unlink(missing_ok=True)
            if "reports_per_s" in results.get("batch_1_workers", {}) and "reports_per_s" in results.get("batch_2_workers", {}):
                results["speedup_2_vs_1"] = round(
                    results["batch_2_workers"]["reports_per_s"] / results["batch_1_workers"]["reports_per_s"], 2
                )
                steady = [results[f"batch_{workers}_workers"].get("steady_reports_per_s") for workers in (1, 2)]
                if None not in steady:  # (none for a batch written in one chunk)
                    results["steady_speedup_2_vs_1"] = round(steady[1] / steady[0], 2)
                results.update(_cpu_bounds(results["batch_1_workers"], results["batch_2_workers"]))
        else:
            results["batch"] = missing
        memory: dict[str, Any] = {}
        for n in sorted({min(1000, memory_count), memory_count}):
            listing.write_text("\n".join(map(str, paths[:n])), encoding="utf-8")
            if missing is None:
                out = directory / f"mem{n}.sqlite"
                run = _child(_CHILD_BATCH, str(listing), str(out), "2")
                run["mode"] = "govinfo.batch, 2 workers, into SQLite"
            else:
                run = _child(_CHILD_SEQUENTIAL, str(listing), "0")
                run["mode"] = "sequential parse_file + flat_dict (no govinfo.batch)"
            if "seconds" in run:
                run["reports_per_s"] = round(n / run["seconds"], 1)
            memory[str(n)] = run
        results["memory"] = memory
    return results


# --------------------------------------------------------------------------- PDF

_PDF_LIBRARIES = ("pdfplumber", "pypdfium2", "pdfminer", "pypdf", "fitz")


def measure_pdf(host: govinfo.PluginHost, repeat: int) -> dict[str, Any]:
    plugin = host.manager.get_plugin("read_pdf")
    if plugin is None:
        return {"skipped": "no read_pdf plugin installed"}
    pdfs = sorted(PDF_DIR.glob("*.pdf"))
    if not pdfs:
        return {"skipped": f"no PDF in {PDF_DIR}"}
    source = inspect.getsource(plugin)
    library = next((name for name in _PDF_LIBRARIES if f"import {name}" in source or f"from {name}" in source), None)
    results: dict[str, Any] = {"library": library, "files": {}}
    for path in pdfs:
        pages = _pdf_pages(path)
        parse_times, lib_times = [], []
        error = None
        for _ in range(repeat):
            start = CLOCK()
            try:
                govinfo.parse_file(path, host=host)
            except govinfo.GovinfoError as exc:
                error = f"{type(exc).__name__}: {exc}"
            parse_times.append(CLOCK() - start)
            if library:
                start = CLOCK()
                _library_text(library, path)
                lib_times.append(CLOCK() - start)
        entry = {"pages": pages, "govinfo_s_per_page": round(statistics.median(parse_times) / pages, 4)}
        if lib_times:
            entry["library_text_s_per_page"] = round(statistics.median(lib_times) / pages, 4)
            entry["x_library"] = round(statistics.median(parse_times) / statistics.median(lib_times), 2)
        if error:
            entry["error"] = error
        results["files"][path.name] = entry
    return results


def _pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _library_text(library: str, path: Path) -> str:
    """The PDF library's own text extraction of every page, nothing else."""
    if library == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if library == "pypdfium2":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in document)
        finally:
            document.close()
    if library == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(str(path))
    raise ValueError(library)


# --------------------------------------------------------------------------- report

def _environment(argv: list[str]) -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "govinfo", "govinfo_plugins"],
                                capture_output=True, text=True, cwd=ROOT).stdout.strip())
    return {
        "command": "python benchmarks/run.py " + " ".join(argv),
        "commit": commit + ("+dirty" if dirty else ""),
        "govinfo_path": str(Path(govinfo.__file__).parent),
        # the commit is this checkout's: it names the tree measured only when govinfo is imported from here
        "measures_this_checkout": Path(govinfo.__file__).resolve().parent.parent == ROOT.resolve(),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in os.getloadavg()],
        "plugins_competing": _host().layouts(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def print_table(results: dict[str, Any]) -> None:
    env = results["environment"]
    commit = f"commit {env['commit']}" if env.get("measures_this_checkout", True) else f"script at commit {env['commit']}"
    print(f"\ngovinfo benchmark — {env['command']}  ({commit}, Python {env['python']}, "
          f"{env['cpus']} CPUs, load {env['loadavg_before']} → {env['loadavg_after']})")
    print(f"govinfo from {env['govinfo_path']}; per-core figures in CPU seconds of one process")
    print(f"plugins competing on every section: {', '.join(env['plugins_competing'])}\n")
    header = (f"{'layout':<16}{'reports':>8}{'bytes':>7}{'rep/s':>9}{'med ms':>8}{'p99 ms':>8}{'new-plan ms':>12}"
              f"{'floor ms':>9}{'×floor':>7}{'loop ×floor':>12}   cells exact/flagged/wrong")
    print(header)
    print("-" * len(header))
    for name, row in results["layouts"].items():
        cells = row["cells"]
        check = f"{cells['exact']}/{cells['flagged']}/{cells['wrong']}" if cells else "(real seeds: see golden tests)"
        print(f"{name:<16}{row['reports']:>8}{row['mean_bytes']:>7}{row['reports_per_s']:>9}{row['latency_median_ms']:>8}"
              f"{row['latency_p99_ms']:>8}{row.get('latency_median_new_plan_ms', '-'):>12}{row['floor_ms']:>9}"
              f"{row['x_floor']:>7}{row.get('minimal_loop_x_floor', '-'):>12}   {check}")
    print("(new-plan ms: median latency when no table plan is remembered, as for a report of a layout never seen "
          "before whose rows and texts are known;\n loop ×floor: the minimal pure-Python loop — cells cut, values "
          "told from labels, one record per value — as a multiple of the floor)")
    unseen = results.get("unseen", {})
    if unseen:
        print("\nunseen reports: each parsed once, none seen before (a corpus's steady state; the caches keep what "
              "the reports above left)")
        header = f"{'layout':<16}{'reports':>8}{'rep/s':>9}{'med ms':>8}{'p99 ms':>8}{'floor ms':>9}{'×floor':>7}   cells exact/flagged/wrong"
        print(header)
        print("-" * len(header))
        for name, row in unseen.items():
            cells = row["cells"]
            print(f"{name:<16}{row['reports']:>8}{row['reports_per_s']:>9}{row['latency_median_ms']:>8}{row['latency_p99_ms']:>8}"
                  f"{row['floor_ms']:>9}{row['x_floor']:>7}   {cells['exact']}/{cells['flagged']}/{cells['wrong']}")
    stages = results["stages"]
    print(f"\nstages (all layouts mixed, {stages['reports']} reports, {stages['total_ms_per_report']} ms/report):")
    for name, ms in sorted(stages["stages_ms_per_report"].items(), key=lambda item: -item[1]):
        print(f"  {name:<44}{ms:>9.4f} ms {stages['stages_share'][name] * 100:>6.1f} %")
    for name, (made, declined) in stages["candidate_calls_declined"].items():
        print(f"  {name}: called {made} times, declined {declined}")
    for name, there in stages["present"].items():
        if not there:
            print(f"  {name:<44}  (not in the core yet)")
    batch = results["batch"]
    print("\nbatch:")
    for key, value in batch.items():
        if key != "memory":
            print(f"  {key}: {value}")
    for n, run in batch["memory"].items():
        print(f"  memory, {n} reports: {run}")
    print(f"\npdf: {results['pdf']}\n")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small corpus and fewer passes (a minute or so)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument("--repeat", type=int, help="passes per figure (median taken)")
    parser.add_argument("--per-layout", type=int, help="generated reports per layout")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--memory-count", type=int, help="reports in the memory batch (default 10,000)")
    parser.add_argument("--no-batch", action="store_true", help="skip batch and memory (the slowest part)")
    parser.add_argument("--unseen", type=int, help="reports per layout parsed once each, never seen before (default 1,000)")
    args = parser.parse_args(argv)
    per_layout = args.per_layout or (40 if args.quick else 200)
    repeat = args.repeat or (3 if args.quick else 5)
    memory_count = args.memory_count or (2000 if args.quick else 10000)

    results: dict[str, Any] = {"environment": _environment(argv)}
    host = _host()
    layouts = host.renderers()
    groups: dict[str, list[Sample]] = defaultdict(list)
    for sample in corpus(host, layouts, per_layout, args.seed):
        groups[sample.layout].append(sample)
    seeds = [(path.read_bytes(), path.name) for path in sorted(SEEDS_DIR.glob("*.txt"))]

    results["layouts"] = measure_layouts(dict(groups), seeds, host, repeat)
    unseen_seed = args.seed + UNSEEN_SEED_OFFSET
    results["unseen"] = measure_unseen(host, layouts, args.unseen or (200 if args.quick else 1000), unseen_seed)
    mixed = [(s.data, s.name) for samples in groups.values() for s in samples] + seeds
    results["stages"] = measure_stages(mixed, host, repeat)
    if args.no_batch:
        results["batch"] = {"skipped": "--no-batch", "memory": {}}
    else:
        every = [s for samples in groups.values() for s in samples]
        count = min(len(every) * 2, 2000)
        results["batch"] = measure_batch(batch_corpus(every, host, args.seed, max(count, memory_count)), count, memory_count)
    try:
        results["pdf"] = measure_pdf(host, max(1, repeat // 2))
    except Exception as error:  # a reader from another tree may not fit this one's core
        results["pdf"] = {"error": f"{type(error).__name__}: {error}"}
    results["environment"]["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print_table(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
