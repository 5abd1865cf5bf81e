"""Inference: unplaced rows placed by the identities, lone missing cells inferred; never
a printed number changed, never a blank or ``/`` filled, never a guess."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

import govinfo
import govinfo.testing as gt
from govinfo import Cell, Status, UnplacedRow
from govinfo.identities import identities
from govinfo.inference import infer_cells
from govinfo.validate import BUILTIN_RULES

from conftest import SEEDS

_IDENTITY_KEYS = {tid: sorted({k for i in identities(tid) for k in i.keys}) for tid in govinfo.TEMPLATES}


# --------------------------------------------------------------------------- the seeds


@pytest.mark.parametrize(("index", "lost"), [(3, 42), (4, 105)])
def test_seed_cells_lost_in_the_source_come_back_as_inferred_zeros(host: govinfo.PluginHost, index: int, lost: int) -> None:
    raw = govinfo.parse_file(SEEDS[index], host=host, infer=False)
    report = govinfo.parse_file(SEEDS[index], host=host)
    missing = {key for key, cell in raw.iter_cells() if cell.status is Status.MISSING}
    assert len(missing) == lost and raw.provenance.unplaced
    for key, cell in report.iter_cells():
        if key in missing:
            assert (cell.value, cell.status) == (0, Status.INFERRED), key
            assert cell.note and "identities" in cell.note
        else:
            assert cell == raw.cell(key) and cell.source == raw.cell(key).source, key
    assert report.provenance.unplaced == ()
    assert any(d.stage == "infer" for d in report.provenance.diagnostics)
    assert govinfo.infer(report) == report  # a fixed point


def test_seed_003_rows_name_their_source_line(host: govinfo.PluginHost) -> None:
    report = govinfo.parse_file(SEEDS[3], host=host)
    assert "source line 49" in report.cell("requests.granted.total").note
    assert "6 values for 7 columns" in report.cell("requests.granted.total").note


# --------------------------------------------------------------------------- single cells


def _report(seed: govinfo.Report, **cells: Cell) -> govinfo.Report:
    return seed.with_cells({key.replace("__", "."): cell for key, cell in cells.items()})


@pytest.fixture(scope="module")
def seed0(host: govinfo.PluginHost) -> govinfo.Report:
    return govinfo.parse_file(SEEDS[0], host=host)


def test_one_missing_cell_is_inferred_with_its_identity(seed0: govinfo.Report) -> None:
    value = seed0.value("requests.new_received.natural_person")
    report = govinfo.infer(_report(seed0, requests__new_received__natural_person=Cell()))
    cell = report.cell("requests.new_received.natural_person")
    assert (cell.value, cell.status) == (value, Status.INFERRED)
    assert "requests.row_sum.new_received" in cell.note


def test_blank_and_not_applicable_are_never_filled(seed0: govinfo.Report) -> None:
    for status in (Status.BLANK, Status.NOT_APPLICABLE):
        report = _report(seed0, requests__granted__research=Cell(None, status))
        assert govinfo.infer(report) == report


def test_a_not_applicable_cell_blocks_its_identities(seed0: govinfo.Report) -> None:
    report = _report(
        seed0,
        requests__granted__research=Cell(None, Status.NOT_APPLICABLE),
        requests__granted__total=Cell(),
    )
    # the row is unassessable; the 总计 column still determines the cell
    cell = govinfo.infer(report).cell("requests.granted.total")
    assert (cell.value, cell.status) == (seed0.value("requests.granted.total"), Status.INFERRED)
    assert "requests.results_sum.total" in cell.note


def test_missing_counts_that_must_sum_to_zero_are_each_zero(seed0: govinfo.Report) -> None:
    assert seed0.value("appeals.review.total") == 0
    report = _report(seed0, appeals__review__upheld=Cell(), appeals__review__pending=Cell())
    inferred = govinfo.infer(report)
    assert [inferred.cell(k).value for k in ("appeals.review.upheld", "appeals.review.pending")] == [0, 0]


def test_two_missing_cells_with_a_non_zero_sum_stay_missing(seed0: govinfo.Report) -> None:
    report = _report(
        seed0,
        appeals__review__total=Cell(3, Status.NUMBER),
        appeals__review__upheld=Cell(),
        appeals__review__pending=Cell(),
        appeals__review__other=Cell(0, Status.NUMBER),
        appeals__review__corrected=Cell(0, Status.NUMBER),
    )
    assert govinfo.infer(report) == report


def test_disagreeing_identities_infer_nothing(seed0: govinfo.Report) -> None:
    # 予以公开·自然人 is fixed by its row and by its column; make them disagree
    row_total = seed0.value("requests.granted.total")
    report = _report(
        seed0,
        requests__granted__natural_person=Cell(),
        requests__granted__total=Cell(row_total + 1, Status.NUMBER),
    )
    assert govinfo.infer(report).cell("requests.granted.natural_person").status is Status.MISSING


def test_a_negative_solution_is_not_inferred(seed0: govinfo.Report) -> None:
    report = _report(
        seed0,
        appeals__review__total=Cell(0, Status.NUMBER),
        appeals__review__upheld=Cell(),
        appeals__review__pending=Cell(2, Status.NUMBER),
    )
    assert govinfo.infer(report).cell("appeals.review.upheld").status is Status.MISSING


# --------------------------------------------------------------------------- placement


def _with_unplaced(report: govinfo.Report, rows: tuple[UnplacedRow, ...]) -> govinfo.Report:
    return report.evolve(provenance=govinfo.Provenance(unplaced=rows))


def _row_keys(spec: govinfo.Template, row: str) -> list[str]:
    return [f"requests.{row}.{c.key}" for c in spec.table("requests").row(row).columns]


def _placement_case(report: govinfo.Report, row: str, values: tuple[str, ...]) -> govinfo.Report:
    lost = {key: Cell() for key in _row_keys(report.template_spec, row)}
    unplaced = UnplacedRow("requests", (row,), values, 7, "test")
    return _with_unplaced(report.with_cells(lost), (unplaced,))


def _consistent_2021() -> govinfo.Report:
    """予以公开 3 from 自然人 and 2 from 商业企业; all else 0; every identity holds."""
    cells = govinfo.empty_cells("2021")
    for key in cells:
        cells[key] = Cell(0, Status.NUMBER)
    for row in ("new_received", "granted", "processed_total"):
        cells[f"requests.{row}.natural_person"] = Cell(3, Status.NUMBER)
        cells[f"requests.{row}.commercial"] = Cell(2, Status.NUMBER)
        cells[f"requests.{row}.total"] = Cell(5, Status.NUMBER)
    return govinfo.Report(meta=govinfo.Meta(year=2023), cells=cells)


def test_a_short_row_is_placed_when_the_identities_force_it() -> None:
    truth = _consistent_2021()
    # 6 values for 7 columns: which one is lost? Only 商业企业's place fits every identity.
    damaged = _placement_case(truth, "granted", ("3", "0", "0", "0", "0", "5"))
    report = govinfo.infer(damaged)
    assert [report.value(k) for k in _row_keys(truth.template_spec, "granted")] == [3, 2, 0, 0, 0, 0, 5]
    assert all(report.cell(k).status is Status.INFERRED for k in _row_keys(truth.template_spec, "granted"))
    assert report.provenance.unplaced == ()


def test_a_long_row_drops_the_value_the_identities_reject() -> None:
    truth = _consistent_2021()
    damaged = _placement_case(truth, "granted", ("3", "2", "0", "0", "7", "0", "0", "5"))
    report = govinfo.infer(damaged)
    assert [report.value(k) for k in _row_keys(truth.template_spec, "granted")] == [3, 2, 0, 0, 0, 0, 5]


def test_blank_cells_among_a_rows_values_are_counted_not_placed() -> None:
    truth = _consistent_2021()
    # 3 and 5 with blank cells between: placed as the short row it is
    damaged = _placement_case(truth, "granted", ("3", "", "0", "0", "0", "0", "5"))
    report = govinfo.infer(damaged)
    assert [report.value(k) for k in _row_keys(truth.template_spec, "granted")] == [3, 2, 0, 0, 0, 0, 5]
    assert "source line 7" in report.cell("requests.granted.commercial").note
    # the same values spread over ten cells are not one row (two rows merged by a lost
    # label, one cell per line): they go nowhere, however well some seven of them fit
    spread = ("3", "", "", "2", "0", "", "0", "0", "0", "5")
    damaged = _placement_case(truth, "granted", spread)
    report = govinfo.infer(damaged)
    assert report.provenance.unplaced == damaged.provenance.unplaced
    # (the identities still infer the row's cells one by one, from the rows around it)
    assert not any("source line" in (report.cell(k).note or "") for k in _row_keys(truth.template_spec, "granted"))


def test_rows_of_the_same_values_each_name_their_own_line() -> None:
    # the ways a row's texts fill a slot are remembered across rows and reports (rows of
    # zeros recur in every report's damage): the note must still name each row's own line
    truth = _consistent_2021()
    lost_rows = ("denied.state_secret", "denied.prohibited_by_law")
    for first_line in (20, 40):
        lost = {k: Cell() for row in lost_rows for k in _row_keys(truth.template_spec, row)}
        rows = tuple(
            UnplacedRow("requests", (row,), ("0",) * 8, first_line + offset, "test")
            for offset, row in enumerate(lost_rows)
        )
        report = govinfo.infer(_with_unplaced(truth.with_cells(lost), rows))
        for offset, row in enumerate(lost_rows):
            for key in _row_keys(truth.template_spec, row):
                cell = report.cell(key)
                assert (cell.value, cell.status) == (0, Status.INFERRED), key
                assert f"source line {first_line + offset} " in cell.note, (key, cell.note)
                assert "8 values for 7 columns" in cell.note
        assert report.provenance.unplaced == ()


def test_an_ambiguous_row_stays_missing_and_unplaced() -> None:
    truth = _consistent_2021().with_cells({
        "requests.granted.natural_person": Cell(2, Status.NUMBER),
        "requests.granted.total": Cell(4, Status.NUMBER),
        "requests.denied.state_secret.natural_person": Cell(1, Status.NUMBER),
        "requests.denied.state_secret.total": Cell(1, Status.NUMBER),
    })
    assert govinfo.validate(truth, rules=BUILTIN_RULES, disabled=("template_year", "sections")) == ()
    gap = ("denied.state_secret", "denied.prohibited_by_law")
    lost = {k: Cell() for row in gap for k in _row_keys(truth.template_spec, row)}
    # one row printed for a two-row gap: it fits either row equally well
    rows = (UnplacedRow("requests", gap, ("1", "0", "0", "0", "0", "0", "1"), 9, "gap"),)
    report = govinfo.infer(_with_unplaced(truth.with_cells(lost), rows))
    assert report.provenance.unplaced == rows
    for key in lost:
        cell = report.cell(key)
        if key.endswith((".natural_person", ".total")):  # 1 is in one of the two rows: no guess
            assert cell.status is Status.MISSING, key
        else:  # the other columns must sum to 0 over the gap: each is 0
            assert (cell.value, cell.status) == (0, Status.INFERRED), key


def test_placement_never_overwrites_a_printed_row() -> None:
    truth = _consistent_2021()
    rows = (UnplacedRow("requests", ("granted",), ("9",) * 7, 9, "test"),)
    report = _with_unplaced(truth, rows)
    assert govinfo.infer(report) == report and govinfo.infer(report).provenance.unplaced == rows


# --------------------------------------------------------------------------- properties


@given(gt.consistent_reports(blanks=False), st.data())
def test_any_single_deleted_cell_is_recovered_exactly(report: govinfo.Report, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(_IDENTITY_KEYS[report.meta.template]))
    inferred = govinfo.infer(report.with_cells({key: Cell()}))
    assert (inferred.value(key), inferred.cell(key).status) == (report.value(key), Status.INFERRED)
    assert all(inferred.cell(k) == c for k, c in report.iter_cells() if k != key)


@given(gt.reports(statuses=(Status.NUMBER, Status.BLANK, Status.NOT_APPLICABLE, Status.MISSING)))
def test_inference_only_ever_fills_missing_cells(report: govinfo.Report) -> None:
    inferred = govinfo.infer(report)
    for key, cell in report.iter_cells():
        after = inferred.cell(key)
        if cell.status is not Status.MISSING:
            assert after == cell and after.note == cell.note, key
        elif after.status is not Status.MISSING:
            assert after.status is Status.INFERRED and after.note, key
            assert after.value >= 0 or report.template_spec.column(key).kind is govinfo.ValueKind.SIGNED


@given(gt.consistent_reports(blanks=False), st.data())
def test_a_placed_row_is_never_wrong(report: govinfo.Report, data: st.DataObject) -> None:
    """Lose a Table 3 row's cells and reprint its values one short or one long: the row is
    either placed exactly as it was, or left missing - never placed wrong."""
    spec = report.template_spec
    row = data.draw(st.sampled_from([r.key for r in spec.table("requests").rows]))
    keys = _row_keys(spec, row)
    values = [str(report.value(k)) for k in keys]
    if data.draw(st.booleans()):
        del values[data.draw(st.integers(0, 6))]
    else:
        values.insert(data.draw(st.integers(0, 7)), str(data.draw(st.integers(0, 20))))
    damaged = _placement_case(report, row, tuple(values))
    inferred = govinfo.infer(damaged)
    for key in keys:
        cell = inferred.cell(key)
        assert cell.status is Status.MISSING or cell.value == report.value(key), key
    assert infer_cells(inferred.cells, spec.id) == {}
