"""``govinfo batch``: every input in reports or errors, incremental, resumable, exports.

The mixed folder is built in a temporary directory from the seed reports (no other
fixture is needed): good reports, an empty file, a binary file, a GBK report, a UTF-16
report, a truncated report, a non-report text file, a Latin-1 file, a duplicate.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
import govinfo.batch
from govinfo.batch import CHUNK_SIZES, chunk_size_for, chunks_of, discover, run_batch
from govinfo.cli import main
from govinfo.exports import wide_header
from govinfo.store import Store, cell_rows, report_records
from govinfo.template import all_flat_keys, template

from conftest import SEEDS

#: What each input of the mixed folder must end as: ("reports", status or None for any)
#: or ("errors", error type). (Whether a damaged seed is complete is the parsers' business.)
MIXED_EXPECTED = {
    "good.txt": ("reports", None),
    "good2.md": ("reports", None),
    "empty.txt": ("errors", "EmptyInputError"),
    "binary.txt": ("errors", "BinaryInputError"),
    "gbk.txt": ("reports", None),
    "utf16.txt": ("reports", None),
    "truncated.txt": ("reports", "partial"),  # its Table 3 is cut off: missing cells, never zeros
    "notes.txt": ("errors", "NotAReportError"),
    "latin1.txt": ("errors", "EncodingError"),
}


def _seed(number: str) -> Path:
    return next(path for path in SEEDS if path.name.startswith(number))


def _mixed_folder(root: Path) -> Path:
    folder = root / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_bytes(_seed("000").read_bytes())
    (folder / "sub" / "good2.md").write_bytes(_seed("001").read_bytes())
    (folder / "sub" / "copy-of-good.txt").write_bytes(_seed("000").read_bytes())  # a duplicate
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "gbk.txt").write_bytes(_seed("002").read_text(encoding="utf-8").encode("gbk"))
    (folder / "utf16.txt").write_bytes(_seed("003").read_text(encoding="utf-8").encode("utf-16"))
    text = _seed("000").read_text(encoding="utf-8")
    (folder / "truncated.txt").write_text(text[: len(text) * 6 // 10], encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要\n今天讨论了食堂的菜单，没有别的事项。\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("café crème ÿþ\x80\x81 ".encode("latin-1") * 20)
    (folder / "ignored.bin").write_bytes(b"not walked: unknown suffix")
    return folder


def _copies(root: Path, count: int) -> Path:
    """``count`` distinct report files (the seeds, each copy with its own trailing blank lines)."""
    folder = root / "copies"
    folder.mkdir()
    for index in range(count):
        seed = SEEDS[index % len(SEEDS)]
        (folder / f"{index:04d}_{seed.name}").write_bytes(seed.read_bytes() + b"\n" * (index // len(SEEDS) + 1))
    return folder


def _rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchall()


# --------------------------------------------------------------------------- the schema

def test_schema_holds_reports_cells_and_provenance(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    assert main(["batch", str(_seed("000")), str(_seed("001")), "--db", str(db), "--jobs", "1"]) == 0
    tables = {name for (name,) in _rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"reports", "cells", "findings", "errors", "files", "unplaced"} <= tables
    reports = _rows(
        db,
        "SELECT source_path, length(sha256), template, agency, year, status, requests_plugin, requests_confidence "
        "FROM reports ORDER BY source_path",
    )
    assert [(r[0], r[1], r[2], r[3], r[4], r[6]) for r in reports] == [
        (str(_seed("000")), 64, "2021", "偏关县水泉镇人民政府", 2023, "tab_table"),
        (str(_seed("001")), 64, "2021", "房县白鹤镇人民政府", 2023, "vertical_cell"),
    ]
    assert all(0 < r[7] <= 1 for r in reports)
    # one cell row per canonical key of the template, per report
    per_report = _rows(db, "SELECT report_id, count(*) FROM cells GROUP BY report_id")
    assert [count for _, count in per_report] == [len(template("2021").cell_keys())] * 2
    # values are text as printed; the source line is kept
    fee = _rows(
        db,
        "SELECT c.value, c.status, c.line FROM cells c JOIN reports r ON r.id = c.report_id "
        "WHERE r.source_path = ? AND c.key = 'active.fees.amount'",
        str(_seed("000")),
    )
    assert fee[0][:2] == ("0.741", "number") and fee[0][2] > 0
    # seed 001 prints （七）总计 1 while every result row is 0: the printed number is stored unchanged
    total = _rows(
        db,
        "SELECT c.value FROM cells c JOIN reports r ON r.id = c.report_id "
        "WHERE r.agency = '房县白鹤镇人民政府' AND c.key = 'requests.processed_total.total'",
    )
    assert total == [("1",)]


def _indexes(db: Path) -> set[str]:
    return {name for (name,) in _rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")}


def test_bulk_load_builds_the_cells_index_at_its_end(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    with Store(db) as store:
        every = _indexes(db)
        assert "cells_by_key" in every
        with store.bulk_load(5):  # an empty store: the load more than doubles it
            assert _indexes(db) == every - {"cells_by_key"}
        assert _indexes(db) == every
    assert main(["batch", str(_seed("000")), str(_seed("001")), "--db", str(db), "--jobs", "1"]) == 0
    assert _indexes(db) == every
    with Store(db) as store, store.bulk_load(1):  # one report more to two: the index stays
        assert _indexes(db) == every


def test_stored_report_reads_back_equal_to_the_parse(tmp_path: Path, host: govinfo.PluginHost) -> None:
    with Store(tmp_path / "c.sqlite") as store:
        run_batch([str(path) for path in SEEDS], store)
        for report_id in store.report_ids():
            stored = store.report(report_id)
            assert stored == govinfo.parse_file(store.source_path(report_id), host=host)
            # blank and missing come back as such, never as 0
            for key, cell in stored.iter_cells():
                assert (cell.value is None) == (not cell.status.has_value), key


#: A cell record of each shape the store writes (a value or not, a source or not, a note or
#: not), without its key.
_CELL_SHAPES = [
    (value, "number" if value else "blank", *(source or (None, None, None, None)), note)
    for value in ("3", None) for source in ((7, 1, 2, "3"), None) for note in ("a note", None)
]


def _stored_cells(store: Store, report_id: int) -> list[tuple[object, ...]]:
    return store.connection.execute(
        "SELECT key, value, status, line, start, stop, raw, note FROM cells WHERE report_id = ? ORDER BY key",
        (report_id,),
    ).fetchall()


def test_cells_are_stored_as_recorded_whichever_of_their_fields_are_none(tmp_path: Path, host: govinfo.PluginHost) -> None:
    """A cell's NULL columns are left out of its insert, and its report id is SQLite's own:
    every shape of cell comes back exactly, under the report it was written with."""
    report = govinfo.parse_file(SEEDS[0], host=host)
    written = {}
    with Store(tmp_path / "c.sqlite") as store, store.transaction():
        for name in ("first", "second"):
            records = report_records(report, f"sha-{name}", name, (), "done")
            cells = tuple((f"x.{name}{index}", *shape) for index, shape in enumerate(_CELL_SHAPES))
            written[store.add_report(attrs.evolve(records, cells=cell_rows(cells)))] = cells
    with Store(tmp_path / "c.sqlite") as store:
        for report_id, cells in written.items():
            assert _stored_cells(store, report_id) == sorted(cells)


@functools.lru_cache(maxsize=1)
def _seed_records() -> govinfo.store.ReportRecords:
    return report_records(govinfo.parse_file(SEEDS[0]), "sha", "seed", (), "done")


@given(counts=st.lists(st.integers(0, 140), min_size=len(_CELL_SHAPES), max_size=len(_CELL_SHAPES)))
def test_any_number_of_cells_of_each_shape_is_stored_exactly(counts: list[int]) -> None:
    """Cells of one shape go in as inserts of many rows each: whatever their number, every
    cell is written once, and the next report's cells are not taken for this one's."""
    cells = tuple(
        (f"x.{shape:02d}.{index:03d}", *_CELL_SHAPES[shape]) for shape, count in enumerate(counts) for index in range(count)
    )
    with Store(":memory:") as store, store.transaction():
        report_id = store.add_report(attrs.evolve(_seed_records(), cells=cell_rows(cells)))
        following = store.add_report(attrs.evolve(_seed_records(), report={**_seed_records().report, "sha256": "next"}))
        assert _stored_cells(store, report_id) == sorted(cells)
        assert len(_stored_cells(store, following)) == len(template(_seed_records().report["template"]).cell_keys())


def test_the_store_refuses_a_status_that_is_none_of_the_statuses(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite") as store:
        run_batch([str(SEEDS[0])], store)
        (report_id,) = store.report_ids()
        insert = "INSERT INTO cells (report_id, key, status) VALUES (?, 'x.y', ?)"
        for status in govinfo.Status:
            store.connection.execute(insert.replace("x.y", f"x.{status.value}"), (report_id, status.value))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.connection.execute(insert, (report_id, "zero"))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            store.connection.execute("UPDATE reports SET status = 'done' WHERE id = ?", (report_id,))


# --------------------------------------------------------------------------- every input accounted for

def test_mixed_folder_every_input_in_reports_or_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _mixed_folder(tmp_path)
    db = tmp_path / "m.sqlite"
    assert main(["batch", str(folder), "--db", str(db), "--jobs", "1"]) == 2  # some inputs failed
    out = capsys.readouterr().out
    reports = {Path(p).name: status for p, status in _rows(db, "SELECT source_path, status FROM reports")}
    errors = {Path(p).name: (kind, msg) for p, kind, msg in _rows(db, "SELECT source_path, error_type, message FROM errors")}
    for name, (table, what) in MIXED_EXPECTED.items():
        if table == "reports":
            assert name in reports and what in (None, reports[name]), name
        else:
            assert errors[name][0] == what, name
            assert errors[name][1] and "\n" not in errors[name][1]
            assert f"{name}: {what}: " in out  # the summary lists it with its reason
    assert set(reports).isdisjoint(errors)
    # every file walked is in `files`, and its content is a report or an error
    unaccounted = _rows(
        db, "SELECT path FROM files WHERE sha256 NOT IN (SELECT sha256 FROM reports UNION SELECT sha256 FROM errors)"
    )
    assert unaccounted == []
    walked = {Path(p).name for (p,) in _rows(db, "SELECT path FROM files")}
    assert walked == set(MIXED_EXPECTED) | {"copy-of-good.txt"}
    assert "duplicate files  1" in out
    assert "files failed     4" in out


def test_encodings_read_the_same_cells(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    with Store(tmp_path / "e.sqlite") as store:
        run_batch(discover([str(folder)]), store)
        by_name = {Path(store.source_path(i)).name: store.report(i) for i in store.report_ids()}
    assert by_name["gbk.txt"] == govinfo.parse_file(_seed("002"))
    assert by_name["utf16.txt"] == govinfo.parse_file(_seed("003"))
    encodings = dict(_rows(tmp_path / "e.sqlite", "SELECT source_path, encoding FROM reports"))
    assert encodings[str(folder / "gbk.txt")] == "gb18030"
    assert encodings[str(folder / "utf16.txt")] == "utf-16"


def test_a_parser_crash_is_an_error_row_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_parse = govinfo.batch.parse_source

    def flaky(source: govinfo.Source, **kwargs: object) -> govinfo.Report:
        if source.name and source.name.endswith("0001_" + SEEDS[1].name):
            raise ZeroDivisionError("boom")
        return real_parse(source, **kwargs)

    monkeypatch.setattr(govinfo.batch, "parse_source", flaky)
    folder = _copies(tmp_path, 4)
    with Store(tmp_path / "c.sqlite") as store:
        summary = run_batch(discover([str(folder)]), store)
        assert (store.count("reports"), store.count("errors")) == (3, 1)
    assert [(Path(p).name[:4], kind) for p, kind, _, _ in summary.failed] == [("0001", "ZeroDivisionError")]


def test_missing_input_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.sqlite")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


# --------------------------------------------------------------------------- incremental and resumable

def test_rerun_skips_everything_and_force_reparses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _mixed_folder(tmp_path)
    db = tmp_path / "r.sqlite"
    args = ["batch", str(folder), "--db", str(db), "--jobs", "1"]
    assert main(args) == 2
    first = _rows(db, "SELECT id, sha256, parsed_at FROM reports ORDER BY id")
    counts = [_rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("reports", "cells", "errors", "files")]
    capsys.readouterr()
    assert main(args) == 2  # the failed inputs are still failed
    out = capsys.readouterr().out
    assert "reports parsed   0" in out and "already stored   9" in out
    assert "(in an earlier run)" in out
    assert _rows(db, "SELECT id, sha256, parsed_at FROM reports ORDER BY id") == first
    assert [_rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("reports", "cells", "errors", "files")] == counts
    assert main([*args, "--force"]) == 2
    out = capsys.readouterr().out
    assert "reports parsed   5" in out and "already stored   0" in out
    again = _rows(db, "SELECT id, sha256 FROM reports ORDER BY id")
    assert {sha for _, sha in again} == {sha for _, sha, _ in first}
    assert min(i for i, _ in again) > max(i for i, _, _ in first)  # new rows, the old ones replaced
    assert [_rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("reports", "cells", "errors", "files")] == counts


@given(st.integers(0, 10**6), st.integers(1, 64))
def test_chunk_size_keeps_workers_busy_and_tasks_few(files: int, jobs: int) -> None:
    size = chunk_size_for(files, jobs)
    fewest, most = CHUNK_SIZES
    assert fewest <= size <= most
    if size > fewest:  # a chunk above the fewest files still leaves every worker 8 tasks
        assert files // size >= 8 * jobs
    if size < most:  # and a chunk below the most is as large as those 8 tasks allow
        assert files // (size + 1) < 8 * jobs or size == fewest


@given(st.lists(st.integers(0, 300), max_size=30), st.integers(1, 8), st.integers(1, 1000))
def test_chunks_end_at_their_files_or_their_bytes(sizes: list[int], files: int, most_bytes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, size in enumerate(sizes):
            path = Path(folder) / f"{index:03d}.txt"
            path.write_bytes(b"x" * size)
            paths.append(str(path))
        paths.append(str(Path(folder) / "gone.txt"))  # unreadable: counts no bytes, still a task's file
        chunks = list(chunks_of(iter(paths), files, most_bytes))
    assert [path for chunk in chunks for path in chunk] == paths
    size_of = dict(zip(paths, sizes + [0]))
    for chunk in chunks:
        assert len(chunk) <= files
        assert sum(size_of[path] for path in chunk[:-1]) < most_bytes  # it ended at the file that filled it
    for chunk in chunks[:-1]:
        assert len(chunk) == files or sum(size_of[path] for path in chunk) >= most_bytes


def test_interrupted_batch_completes_without_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copies(tmp_path, 20)
    paths = discover([str(folder)])
    real_read = govinfo.batch.read_one
    calls = {"n": 0}

    def dies_after_eleven(path: str, *args: object) -> govinfo.batch.Outcome:
        calls["n"] += 1
        if calls["n"] > 11:
            raise KeyboardInterrupt
        return real_read(path, *args)

    monkeypatch.setattr(govinfo.batch, "read_one", dies_after_eleven)
    with Store(tmp_path / "i.sqlite") as store, pytest.raises(KeyboardInterrupt):
        run_batch(paths, store, chunk_size=4)
    with Store(tmp_path / "i.sqlite") as store:
        assert store.count("reports") == 8  # two chunks of four committed, the third lost
    monkeypatch.setattr(govinfo.batch, "read_one", real_read)
    with Store(tmp_path / "i.sqlite") as store:
        summary = run_batch(paths, store, chunk_size=4)
        assert (summary.skipped, summary.parsed) == (8, 12)
        assert store.count("reports") == 20
        assert store.count("cells") == 20 * len(template("2021").cell_keys())
    assert _rows(tmp_path / "i.sqlite", "SELECT count(DISTINCT sha256), count(*) FROM reports") == [(20, 20)]


#: A batch run in a child process that SIGKILLs itself as it starts reading its 13th
#: file: killed at a known point (a watcher polling the store raced the batch, which on a
#: fast machine committed all its chunks between two polls), with no cleanup run.
_DIES_AT_THE_13TH_FILE = """
import os, signal, sys
import govinfo.batch
from govinfo.cli import main
real_read, calls = govinfo.batch.read_one, [0]
def dies_at_the_13th(path, *args):
    calls[0] += 1
    if calls[0] == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_read(path, *args)
govinfo.batch.read_one = dies_at_the_13th
sys.exit(main(sys.argv[1:]))
"""


def test_killed_subprocess_batch_resumes(tmp_path: Path) -> None:
    folder = _copies(tmp_path, 24)
    db = tmp_path / "k.sqlite"
    arguments = ["batch", str(folder), "--db", str(db), "--jobs", "1"]
    killed = subprocess.run([sys.executable, "-c", _DIES_AT_THE_13TH_FILE, *arguments], capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    size = chunk_size_for(24, 1)
    assert _rows(db, "SELECT count(*) FROM reports")[0][0] == 12 // size * size  # whole chunks only
    assert subprocess.run([sys.executable, "-m", "govinfo.cli", *arguments], capture_output=True).returncode == 0
    assert _rows(db, "SELECT count(*), count(DISTINCT sha256) FROM reports") == [(24, 24)]
    assert _rows(db, "SELECT count(*) FROM cells")[0][0] == 24 * len(template("2021").cell_keys())
    assert _rows(db, "SELECT count(*) FROM errors")[0][0] == 0


def test_two_jobs_store_the_same_data_as_one(tmp_path: Path) -> None:
    folder = _copies(tmp_path, 12)
    query = "SELECT r.sha256, c.key, c.value, c.status FROM cells c JOIN reports r ON r.id = c.report_id ORDER BY 1, 2"
    for jobs in (1, 2):
        assert main(["batch", str(folder), "--db", str(tmp_path / f"j{jobs}.sqlite"), "--jobs", str(jobs)]) == 0
    assert _rows(tmp_path / "j1.sqlite", query) == _rows(tmp_path / "j2.sqlite", query)


# --------------------------------------------------------------------------- exports

def test_batch_exports_wide_long_jsonl(tmp_path: Path) -> None:
    db, wide, long, jsonl = (tmp_path / name for name in ("x.sqlite", "w.csv", "l.csv", "o.jsonl"))
    argv = ["batch", *map(str, SEEDS), "--db", str(db), "--jobs", "1"]
    assert main([*argv, "--csv", str(wide), "--long", str(long), "--jsonl", str(jsonl)]) == 0
    with wide.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == ("source_path", "template", "agency", "year", *all_flat_keys())
    assert len(rows) == 1 + len(SEEDS)
    for row in rows[1:]:
        values = dict(zip(rows[0], row))
        report = govinfo.parse_file(values["source_path"])
        for key, cell in report.iter_cells():
            assert values[key] == ("" if cell.value is None else format(cell.value, "f") if key.endswith("amount") else str(cell.value)), key
    with long.open(encoding="utf-8", newline="") as handle:
        long_rows = list(csv.DictReader(handle))
    assert len(long_rows) == len(SEEDS) * len(template("2021").cell_keys())
    by_cell = {(row["source_path"], row["key"]): (row["value"], row["status"]) for row in long_rows}
    for path in SEEDS:
        for key, cell in govinfo.parse_file(path).iter_cells():
            value = "" if cell.value is None else format(cell.value, "f") if key.endswith("amount") else str(cell.value)
            assert by_cell[(str(path), key)] == (value, cell.status.value), key
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert govinfo.report_from_dict({k: v for k, v in first.items() if k != "source_path"}) == govinfo.parse_file(
        first["source_path"]
    )


def test_parquet_export(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "o.parquet"
    assert main(["batch", str(_seed("000")), "--db", str(tmp_path / "p.sqlite"), "--jobs", "1", "--parquet", str(out)]) == 0
    table = pq.read_table(out)
    assert tuple(table.column_names) == wide_header()
    row = table.to_pylist()[0]
    assert row["active.fees.amount"] == "0.741"
    assert row["active.punishment.decisions"] == 2
    assert row["meta.agency"] == "偏关县水泉镇人民政府"


def test_parquet_without_pyarrow_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("govinfo.cli.batch.parquet_available", lambda: False)
    db = tmp_path / "n.sqlite"
    assert main(["batch", str(_seed("000")), "--db", str(db), "--parquet", str(tmp_path / "o.parquet")]) == 2
    assert "pip install 'govinfo[parquet]'" in capsys.readouterr().err
    assert not db.exists()  # refused before any work


def test_not_a_database_is_an_input_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "junk.sqlite"
    db.write_bytes(b"this is not sqlite" * 100)
    assert main(["batch", str(_seed("000")), "--db", str(db)]) == 2
    assert "not a govinfo database" in capsys.readouterr().err


def test_findings_are_stored_as_validate_gives_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    validate = getattr(govinfo, "validate", None)
    if not callable(validate):
        pytest.skip("govinfo.validate is not in this build")
    db = tmp_path / "f.sqlite"
    assert main(["batch", *map(str, SEEDS), "--db", str(db), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    with Store(db) as store:
        total = 0
        for report_id in store.report_ids():
            expected = validate(govinfo.parse_file(store.source_path(report_id)))
            assert store.findings(report_id) == tuple(expected)
            total += len(expected)
            for finding in expected:
                assert f"    {finding.rule} ({finding.severity.value})" in out
        assert store.count("findings") == total
    assert _rows(db, "SELECT DISTINCT validation FROM reports") == [("done",)]
    # seed 001 prints （七）总计 1 over results that are all 0: an error finding names that cell
    named = _rows(
        db,
        "SELECT f.cells FROM findings f JOIN reports r ON r.id = f.report_id "
        "WHERE r.agency = '房县白鹤镇人民政府' AND f.severity = 'error'",
    )
    assert any("requests.processed_total.total" in json.loads(cells) for (cells,) in named)


def crashing_chunk(paths: list[str]) -> list[govinfo.batch.Outcome]:
    """A worker task that dies (as on a crash in native code) when it meets file 0003."""
    if any(Path(path).name.startswith("0003_") for path in paths):
        os._exit(70)
    return govinfo.batch.read_chunk(paths)


def _assert_only_the_dying_file_is_lost(tmp_path: Path) -> None:
    """Six files in chunks of 2 over 2 workers, file 0003 killing its worker: five reports
    are stored, and 0003 is the one error row."""
    folder = _copies(tmp_path, 6)
    with Store(tmp_path / "d.sqlite") as store:
        summary = govinfo.batch.BatchSummary(total=6, jobs=2)
        writer = govinfo.batch._Writer(store, summary, False, None)
        chunks = govinfo.exports.chunked(iter(discover([str(folder)])), 2)
        govinfo.batch._run_pool(chunks, writer, 2, task=crashing_chunk)
        assert (store.count("reports"), store.count("errors")) == (5, 1)
    assert [(Path(p).name[:4], kind) for p, kind, _, _ in summary.failed] == [("0003", "WorkerCrashed")]


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path) -> None:
    _assert_only_the_dying_file_is_lost(tmp_path)


class _PoolBrokenBeforeFed:
    """A pool that, once it was sent the chunk whose worker dies, waits for it to die: the
    next chunk then meets a broken pool at its submit, not at its result."""

    def __init__(self, jobs: int) -> None:
        self.pool = ProcessPoolExecutor(max_workers=jobs)

    def submit(self, task: Any, *chunk: list[str]) -> Future[Any]:
        future = self.pool.submit(task, *chunk)
        if chunk and any(Path(path).name.startswith("0003_") for path in chunk[0]):
            wait([future])
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def test_a_pool_broken_before_a_chunk_is_sent_costs_only_the_dying_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(govinfo.batch, "_pool", _PoolBrokenBeforeFed)
    _assert_only_the_dying_file_is_lost(tmp_path)


def _pool_that_cannot_start(jobs: int) -> ProcessPoolExecutor:
    """A pool whose every worker dies as it starts (as each does when it re-imports a
    script that runs a batch without a ``__main__`` guard)."""
    return ProcessPoolExecutor(max_workers=jobs, initializer=os._exit, initargs=(3,))


def test_workers_that_cannot_start_raise_and_blame_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copies(tmp_path, 20)
    monkeypatch.setattr(govinfo.batch, "_pool", _pool_that_cannot_start)
    with Store(tmp_path / "w.sqlite") as store:
        with pytest.raises(govinfo.WorkerStartError, match="__main__"):
            run_batch(discover([str(folder)]), store, jobs=2)
        assert (store.count("reports"), store.count("errors")) == (0, 0)


def test_cli_says_in_one_line_when_workers_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copies(tmp_path, 20)
    monkeypatch.setattr(govinfo.batch, "_pool", _pool_that_cannot_start)
    assert main(["batch", str(folder), "--jobs", "2", "--db", str(tmp_path / "w.sqlite")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "govinfo: the batch's worker processes could not start; if a script runs the batch with "
        'jobs > 1, guard its entry point with `if __name__ == "__main__":` (or use jobs=1)'
    ]


def test_outputs_in_a_missing_folder_are_refused_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for option in ("--db", "--csv"):
        argv = ["batch", str(_seed("000")), "--db", str(tmp_path / "ok.sqlite")]
        argv += [option, str(tmp_path / "no" / "such" / "out")]
        assert main(argv) == 2
        assert "no folder" in capsys.readouterr().err
    assert not (tmp_path / "ok.sqlite").exists()


def test_a_changed_file_replaces_its_old_content(tmp_path: Path) -> None:
    report = tmp_path / "in" / "report.txt"
    report.parent.mkdir()
    report.write_bytes(_seed("000").read_bytes())
    db = tmp_path / "c.sqlite"
    with Store(db) as store:
        run_batch(discover([str(report.parent)]), store)
    report.write_bytes(_seed("001").read_bytes())  # the same path, new content
    with Store(db) as store:
        summary = run_batch(discover([str(report.parent)]), store)
    assert summary.parsed == 1
    assert _rows(db, "SELECT source_path, agency FROM reports") == [(str(report), "房县白鹤镇人民政府")]
    assert _rows(db, "SELECT count(*) FROM cells")[0][0] == len(template("2021").cell_keys())


def test_discover_skips_hidden_and_packaging_folders(tmp_path: Path) -> None:
    for folder in (".git", "pkg.egg-info", "pkg-1.0.dist-info", "__pycache__", "reports"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "SOURCES.txt").write_text("x", encoding="utf-8")
    assert discover([str(tmp_path)]) == [str(tmp_path / "reports" / "SOURCES.txt")]
