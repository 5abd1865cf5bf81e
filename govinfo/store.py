"""The SQLite store of a corpus (stdlib :mod:`sqlite3`): reports, cells, findings, errors.

One database holds every input a batch was given, each accounted for exactly once by the
SHA-256 of its content: a file that parsed is a row of ``reports`` (with its ``cells``,
``findings`` and ``unplaced`` rows), a file that could not be parsed is a row of
``errors``. ``files`` maps every path seen to its content hash, so a file whose content
is a copy of another's is accounted for too. ``UNIQUE(sha256)`` keeps a batch that is
killed and re-run from writing any row twice; every file is written in one transaction.

Cell values are stored as text exactly as the canonical JSON has them (``"0.741"`` for
money, ``"3"`` for a count); blank, not-applicable and missing cells have ``value``
NULL and say which in ``status`` — never 0. A stored report can be read back as the same
:class:`~govinfo.model.Report` (:meth:`Store.report`), which is how exports are made.

    SELECT r.agency, c.value FROM cells c JOIN reports r ON r.id = c.report_id
    WHERE c.key = 'requests.granted.total' AND c.status = 'number';
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import os
import sqlite3
from contextlib import contextmanager
from decimal import Decimal
from operator import itemgetter
from typing import Any, Iterable, Iterator, Mapping, Sequence

import attrs

from govinfo.errors import InputError
from govinfo.model import (
    Cell,
    Finding,
    Meta,
    Prose,
    Provenance,
    Report,
    SectionProvenance,
    SourceSpan,
    Status,
    UnplacedRow,
)
from govinfo.template import TABLE_SECTION_KEYS, ValueKind, template

#: Bumped whenever a table or column changes meaning; a database of another version is refused.
STORE_SCHEMA_VERSION = 1

_SECTION_COLUMNS = "".join(
    f"    {key}_plugin TEXT,\n    {key}_confidence REAL,\n" for key in TABLE_SECTION_KEYS
)

#: The index a bulk load drops and builds again at its end (Store.bulk_load).
_BULK_INDEX = "cells_by_key"
_CACHE_KIB = 16 * 1024
_CHECKPOINT_PAGES = 8192  # ~32 MiB of WAL between checkpoints


def _one_of(column: str, values: Sequence[str]) -> str:
    """A CHECK that a column holds one of some texts, written as comparisons: SQLite
    evaluates ``column IN (...)`` in a CHECK at several times the cost of the whole
    row's insert, and every cell of a batch is checked."""
    return " OR ".join(f"{column} = '{value}'" for value in values)


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS store_info (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source_path TEXT NOT NULL,
    template TEXT NOT NULL,
    agency TEXT,
    year INTEGER,
    published TEXT,
    doc_number TEXT,
    title TEXT,
    -- 'complete': every cell found; 'partial': cells_missing cells could not be found
    status TEXT NOT NULL CHECK ({_one_of("status", ("complete", "partial"))}),
    cells_missing INTEGER NOT NULL,
    encoding TEXT,
    reader TEXT,
{_SECTION_COLUMNS}    -- 'done', 'unavailable' (no validator installed) or 'failed: <reason>'
    validation TEXT NOT NULL,
    overview TEXT,
    problems TEXT,
    other_matters TEXT,
    govinfo_version TEXT NOT NULL,
    parsed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cells (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT,
    status TEXT NOT NULL CHECK ({_one_of("status", [status.value for status in Status])}),
    line INTEGER,
    start INTEGER,
    stop INTEGER,
    raw TEXT,
    note TEXT,
    PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS {_BULK_INDEX} ON cells (key, status);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    cells TEXT NOT NULL,  -- JSON array of canonical keys
    suspect TEXT,
    expected TEXT,
    printed TEXT,
    message_zh TEXT NOT NULL,
    message_en TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_by_report ON findings (report_id);
CREATE INDEX IF NOT EXISTS findings_by_rule ON findings (rule);
CREATE TABLE IF NOT EXISTS unplaced (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    table_key TEXT NOT NULL,
    slots TEXT NOT NULL,  -- JSON array of row keys
    raw_values TEXT NOT NULL,  -- JSON array of the cell texts as printed
    line INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unplaced_by_report ON unplaced (report_id);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    sha256 TEXT UNIQUE,  -- NULL only when the file could not be read at all
    source_path TEXT NOT NULL,
    error_type TEXT NOT NULL,
    message TEXT NOT NULL,  -- one line
    govinfo_version TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    seen_at TEXT NOT NULL
);
"""

_REPORT_COLUMNS: tuple[str, ...] = (
    "sha256", "source_path", "template", "agency", "year", "published", "doc_number", "title",
    "status", "cells_missing", "encoding", "reader",
    *(f"{key}_{what}" for key in TABLE_SECTION_KEYS for what in ("plugin", "confidence")),
    "validation", "overview", "problems", "other_matters", "govinfo_version", "parsed_at",
)

#: One cell as stored: (key, value, status, line, start, stop, raw, note).
CellRecord = tuple[str, "str | None", str, "int | None", "int | None", "int | None", "str | None", "str | None"]
#: One finding as stored: (rule, severity, cells JSON, suspect, expected, printed, zh, en).
FindingRecord = tuple[str, str, str, "str | None", "str | None", "str | None", str, str]
#: One unplaced row as stored: (table, slots JSON, values JSON, line, reason).
UnplacedRecord = tuple[str, str, str, int, str]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


_NO_SOURCE = (None, None, None, None)  #: line, start, end, raw of a cell read from nowhere
_STATUS_TEXT = {status: status.value for status in Status}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


# --------------------------------------------------------------------------- report → records

@attrs.frozen
class ReportRecords:
    """A parsed report flattened into the rows the store writes (small, picklable).

    A batch builds them in its worker processes and writes them in its one parent, so
    they are shaped as far as the writes will bind them: the parent's work is the one
    serial part of a batch.
    """

    report: Mapping[str, Any]
    #: the cells as their inserts bind them (:func:`cell_rows`)
    cells: Mapping[int, list[Any]]
    #: how many cells have each status (the batch's summary counts them)
    statuses: Mapping[str, int]
    findings: tuple[FindingRecord, ...]
    unplaced: tuple[UnplacedRecord, ...]


def report_records(
    report: Report, sha256: str, source_path: str, findings: Sequence[Finding] | None, validation: str
) -> ReportRecords:
    """The rows of one report; ``findings`` None when validation did not run."""
    from govinfo import __version__

    provenance = report.provenance or Provenance()
    cells = [
        # the status as its plain text: sqlite3 binds a str subclass (an Enum) by a slower path
        # (an int, the common value, is made text without a call of _text)
        (
            key,
            str(value) if value.__class__ is int else _text(value),
            _STATUS_TEXT[status],
            *(source or _NO_SOURCE),
            note,
        )
        for key, (value, status, source, note) in report.iter_cells()
    ]
    statuses = collections.Counter(map(itemgetter(2), cells))
    missing = statuses[_STATUS_TEXT[Status.MISSING]]
    row: dict[str, Any] = {
        "sha256": sha256,
        "source_path": source_path,
        "template": report.meta.template,
        "agency": report.meta.agency,
        "year": report.meta.year,
        "published": _text(report.meta.published),
        "doc_number": report.meta.doc_number,
        "title": report.meta.title,
        "status": "partial" if missing else "complete",
        "cells_missing": missing,
        "encoding": provenance.encoding,
        "reader": provenance.reader,
        "validation": validation,
        "overview": report.text.overview,
        "problems": report.text.problems,
        "other_matters": report.text.other_matters,
        "govinfo_version": __version__,
        "parsed_at": _now(),
    }
    for key in TABLE_SECTION_KEYS:
        section = provenance.section(key)
        row[f"{key}_plugin"] = section.plugin if section else None
        row[f"{key}_confidence"] = section.confidence if section else None
    finding_rows = tuple(
        (
            finding.rule,
            finding.severity.value,
            json.dumps(list(finding.cells), ensure_ascii=False),
            finding.suspect,
            _text(finding.expected),
            _text(finding.printed),
            finding.message_zh,
            finding.message_en,
        )
        for finding in findings or ()
    )
    unplaced = tuple(
        (
            row_.table,
            json.dumps(list(row_.slots), ensure_ascii=False),
            json.dumps(list(row_.values), ensure_ascii=False),
            row_.line,
            row_.reason,
        )
        for row_ in provenance.unplaced
    )
    return ReportRecords(row, cell_rows(cells), dict(statuses), finding_rows, unplaced)


#: The columns of a CellRecord (and of the cells table, after report_id), and the groups of
#: them a cell may have all None: its value (a cell not printed as a number), its source (a
#: cell read from nowhere), its note. (cell_rows tests the same groups, spelled out for speed.)
_CELL_COLUMNS = ("key", "value", "status", "line", "start", "stop", "raw", "note")
_NULL_GROUPS = ((1,), (3, 4, 5, 6), (7,))


def _cell_insert(shape: int, rows: int) -> str:
    """The INSERT of ``rows`` cells of this shape, naming only the columns they fill.

    A column left out is NULL; binding None instead costs Python's sqlite3 an exception
    raised and cleared per parameter, a fifth of a write. Many rows to a statement make
    one step of SQLite (and one release of the GIL) of what were as many steps as rows.
    """
    filled = _FILLED_COLUMNS[shape]
    names = ", ".join(_CELL_COLUMNS[index] for index in filled)
    row = f"(last_insert_rowid(), {', '.join('?' * len(filled))})"
    return f"INSERT INTO cells (report_id, {names}) VALUES {', '.join([row] * rows)}"


def _filled_columns(shape: int) -> list[int]:
    """The columns a cell of this shape fills: those of no group it has all None."""
    empty = {index for bit, group in enumerate(_NULL_GROUPS) if shape >> bit & 1 for index in group}
    return [index for index in range(len(_CELL_COLUMNS)) if index not in empty]


_SHAPES = range(1 << len(_NULL_GROUPS))
#: The columns each shape of cell fills (a shape: which of the _NULL_GROUPS it has all None, as bits).
_FILLED_COLUMNS = tuple(_filled_columns(shape) for shape in _SHAPES)
#: How many cells one insert writes: a report's cells of one shape go in as statements of
#: these sizes, largest first (200 cells: 3 of 64, 2 of 4). Few sizes keep the statements
#: few (sqlite3 caches 128), and 64 rows bind at most 576 parameters.
_ROWS_PER_INSERT = (64, 16, 4, 1)
_CELL_INSERTS = {(shape, rows): _cell_insert(shape, rows) for shape in _SHAPES for rows in _ROWS_PER_INSERT}
#: Each shape's getter of the values a cell binds, and how many they are.
_CELL_VALUES = tuple(itemgetter(*filled) for filled in _FILLED_COLUMNS)
_CELL_WIDTHS = tuple(map(len, _FILLED_COLUMNS))


def cell_rows(cells: Iterable[CellRecord]) -> dict[int, list[Any]]:
    """Cells as their inserts bind them: grouped by their shape (which of the
    :data:`_NULL_GROUPS` they have all None, as bits), and for each shape the values of the
    columns it fills, cell after cell, in one flat list."""
    rows: dict[int, list[Any]] = {}
    for cell in cells:
        no_source = cell[3] is None and cell[4] is None and cell[5] is None and cell[6] is None
        shape = (cell[1] is None) | (no_source << 1) | ((cell[7] is None) << 2)
        rows.setdefault(shape, []).extend(_CELL_VALUES[shape](cell))
    return rows


def _insert_runs(count: int) -> Iterator[tuple[int, int]]:
    """(first, rows) of the inserts that write ``count`` cells: :data:`_ROWS_PER_INSERT`
    sizes, largest first."""
    first = 0
    for rows in _ROWS_PER_INSERT:
        while count - first >= rows:
            yield first, rows
            first += rows


def _cell_value(text: str | None, kind: ValueKind) -> int | Decimal | str | None:
    if text is None:
        return None
    if kind is ValueKind.MONEY:
        return Decimal(text)
    if kind is ValueKind.UNIT:
        return text
    return int(text)


# --------------------------------------------------------------------------- the store

class Store:
    """A govinfo corpus database. Use as a context manager, or call :meth:`close`.

    Raises :class:`~govinfo.errors.InputError` when the file is not a govinfo database
    (or one of another schema version).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        try:
            # isolation_level=None: transactions are opened explicitly, one per file.
            self.connection = sqlite3.connect(self.path, isolation_level=None)
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            # a batch writes 200 cells a report: a larger page cache and fewer WAL
            # checkpoints (each one syncs) halve the cost of a write; both stay bounded
            self.connection.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            self.connection.execute(f"PRAGMA wal_autocheckpoint = {_CHECKPOINT_PAGES}")
            self.connection.executescript(SCHEMA)
            self._check_version()
        except sqlite3.DatabaseError as error:
            raise InputError(f"{self.path}: not a govinfo database ({error})") from None

    def _check_version(self) -> None:
        found = self.connection.execute("SELECT value FROM store_info WHERE key = 'schema_version'").fetchone()
        if found is None:
            self.connection.execute(
                "INSERT INTO store_info (key, value) VALUES ('schema_version', ?)", (str(STORE_SCHEMA_VERSION),)
            )
        elif found[0] != str(STORE_SCHEMA_VERSION):
            raise InputError(
                f"{self.path}: a govinfo database of schema version {found[0]}, not {STORE_SCHEMA_VERSION}"
            )

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def bulk_load(self, reports: int) -> Iterator["Store"]:
        """Writes of about ``reports`` reports to come: when they at least double the store,
        the index of cells by key is dropped while they are written and built once at the
        end (a single sorted build costs a fraction of 200 index inserts per report).

        A run killed meanwhile leaves the index to be built when the store is next opened.
        """
        rebuild = reports >= max(1, self.count("reports"))
        if rebuild:
            self.connection.execute(f"DROP INDEX IF EXISTS {_BULK_INDEX}")
        try:
            yield self
        finally:
            if rebuild:
                self.connection.executescript(SCHEMA)  # creates what is missing: the index

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write: a batch killed inside it leaves no trace of it."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    # ------------------------------------------------------------------ lookups

    def known(self, sha256: str) -> str | None:
        """'report' or 'error' when this content is already accounted for, else None."""
        if self.connection.execute("SELECT 1 FROM reports WHERE sha256 = ?", (sha256,)).fetchone():
            return "report"
        if self.connection.execute("SELECT 1 FROM errors WHERE sha256 = ?", (sha256,)).fetchone():
            return "error"
        return None

    def count(self, table: str) -> int:
        if table not in ("reports", "cells", "findings", "errors", "files", "unplaced"):
            raise ValueError(f"no table {table!r}")
        return int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def error_for(self, sha256: str | None, path: str) -> tuple[str, str] | None:
        """(error type, message) recorded for this content (or unreadable path)."""
        if sha256 is None:
            query, key = "SELECT error_type, message FROM errors WHERE sha256 IS NULL AND source_path = ?", path
        else:
            query, key = "SELECT error_type, message FROM errors WHERE sha256 = ?", sha256
        found = self.connection.execute(query, (key,)).fetchone()
        return (found[0], found[1]) if found else None

    # ------------------------------------------------------------------ writes (inside a transaction)

    def forget(self, sha256: str) -> None:
        """Remove what is stored for this content (``--force`` re-parses it)."""
        self.connection.execute("DELETE FROM reports WHERE sha256 = ?", (sha256,))
        self.connection.execute("DELETE FROM errors WHERE sha256 = ?", (sha256,))

    def see(self, path: str, sha256: str | None) -> None:
        """Record that ``path`` was an input, with its content hash.

        When the file's content changed since it was last seen and no other input has
        the old content, what was stored for the old content goes: the database holds
        each input's current content once, not its history.
        """
        before = self.connection.execute("SELECT sha256 FROM files WHERE path = ?", (path,)).fetchone()
        self.connection.execute(
            "INSERT INTO files (path, sha256, seen_at) VALUES (?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, seen_at = excluded.seen_at",
            (path, sha256, _now()),
        )
        old = before[0] if before else None
        if old is not None and old != sha256:
            if not self.connection.execute("SELECT 1 FROM files WHERE sha256 = ?", (old,)).fetchone():
                self.forget(old)

    def add_report(self, records: ReportRecords) -> int:
        """Write one report's rows; returns its id."""
        row = records.report
        cursor = self.connection.execute(
            f"INSERT INTO reports ({', '.join(_REPORT_COLUMNS)}) VALUES ({', '.join('?' * len(_REPORT_COLUMNS))})",
            tuple(row[column] for column in _REPORT_COLUMNS),
        )
        report_id = int(cursor.lastrowid or 0)
        # the cells' report id is taken by SQLite (an insert into a WITHOUT ROWID table
        # leaves last_insert_rowid() as it is), and their NULLs are left unbound
        for shape, values in records.cells.items():
            width = _CELL_WIDTHS[shape]
            for first, rows in _insert_runs(len(values) // width):
                insert = _CELL_INSERTS[shape, rows]
                self.connection.execute(insert, values[first * width : (first + rows) * width])
        self.connection.executemany(
            "INSERT INTO findings (report_id, rule, severity, cells, suspect, expected, printed, message_zh, message_en) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((report_id, *finding) for finding in records.findings),
        )
        self.connection.executemany(
            "INSERT INTO unplaced (report_id, table_key, slots, raw_values, line, reason) VALUES (?, ?, ?, ?, ?, ?)",
            ((report_id, *row_) for row_ in records.unplaced),
        )
        return report_id

    def add_error(self, path: str, sha256: str | None, error_type: str, message: str) -> None:
        from govinfo import __version__

        if sha256 is None:  # an unreadable file has no hash: keep one row per path
            self.connection.execute("DELETE FROM errors WHERE sha256 IS NULL AND source_path = ?", (path,))
        self.connection.execute(
            "INSERT INTO errors (sha256, source_path, error_type, message, govinfo_version, failed_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (sha256, path, error_type, message, __version__, _now()),
        )

    # ------------------------------------------------------------------ reading back

    def report_ids(self) -> Iterator[int]:
        for (report_id,) in self.connection.execute("SELECT id FROM reports ORDER BY id"):
            yield int(report_id)

    def source_path(self, report_id: int) -> str:
        return str(self.connection.execute("SELECT source_path FROM reports WHERE id = ?", (report_id,)).fetchone()[0])

    def report(self, report_id: int) -> Report:
        """A stored report, rebuilt as the :class:`Report` it was parsed as (with provenance)."""
        connection = self.connection
        cursor = connection.execute(f"SELECT {', '.join(_REPORT_COLUMNS)} FROM reports WHERE id = ?", (report_id,))
        found = cursor.fetchone()
        if found is None:
            raise KeyError(f"no report {report_id}")
        row = dict(zip(_REPORT_COLUMNS, found))
        spec = template(row["template"])
        cells: dict[str, Cell] = {}
        for key, value, status, line, start, stop, raw, note in connection.execute(
            f"SELECT {', '.join(_CELL_COLUMNS)} FROM cells WHERE report_id = ?", (report_id,)
        ):
            source = SourceSpan(line, start or 0, stop or 0, raw or "") if line is not None else None
            cells[key] = Cell(_cell_value(value, spec.column(key).kind), Status(status), source, note)
        sections = tuple(
            SectionProvenance(key, row["template"], row[f"{key}_plugin"], row[f"{key}_confidence"] or 0.0, 0, 0)
            for key in TABLE_SECTION_KEYS
            if row[f"{key}_plugin"] is not None
        )
        unplaced = tuple(
            UnplacedRow(table, tuple(json.loads(slots)), tuple(json.loads(values)), line, reason)
            for table, slots, values, line, reason in connection.execute(
                "SELECT table_key, slots, raw_values, line, reason FROM unplaced WHERE report_id = ? ORDER BY id",
                (report_id,),
            )
        )
        meta = Meta(
            agency=row["agency"],
            year=row["year"],
            template=row["template"],
            published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
            doc_number=row["doc_number"],
            title=row["title"],
        )
        provenance = Provenance(
            source=row["source_path"],
            encoding=row["encoding"],
            reader=row["reader"],
            sections=sections,
            unplaced=unplaced,
        )
        text = Prose(row["overview"], row["problems"], row["other_matters"])
        return Report(meta=meta, cells={key: cells[key] for key in spec.cell_keys()}, text=text, provenance=provenance)

    def findings(self, report_id: int) -> tuple[Finding, ...]:
        """A stored report's findings (expected/printed come back as int or Decimal)."""

        def number(text: str | None) -> int | Decimal | None:
            if text is None:
                return None
            return Decimal(text) if "." in text else int(text)

        return tuple(
            Finding(rule, severity, zh, en, tuple(json.loads(cells)), number(expected), number(printed), suspect)
            for rule, severity, cells, suspect, expected, printed, zh, en in self.connection.execute(
                "SELECT rule, severity, cells, suspect, expected, printed, message_zh, message_en "
                "FROM findings WHERE report_id = ? ORDER BY id",
                (report_id,),
            )
        )
