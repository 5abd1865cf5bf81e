"""The table toolkit: when a row's values can be placed, and when they must not be."""

from __future__ import annotations

import govinfo
from govinfo import RawCell, Status

REQUESTS = govinfo.template("2021").table("requests")
ACTIVE = govinfo.template("2021").table("active")


def _cells(*texts: str) -> tuple[RawCell, ...]:
    return tuple(RawCell(text, 1) for text in texts)


def test_filled_cells_win_over_padding() -> None:
    region = _cells("", "1", "2", "", "3")
    assert [c.text for c in govinfo.value_cells(region, 3)] == ["1", "2", "3"]


def test_exact_width_region_reads_blanks_in_place() -> None:
    region = _cells("1", "", "3")
    assert [c.text for c in govinfo.value_cells(region, 3)] == ["1", "", "3"]


def test_trailing_empty_cell_is_ambiguous_in_a_padded_table() -> None:
    region = _cells("1", "2", "")
    assert govinfo.value_cells(region, 3, padded=True) is None
    assert [c.text for c in govinfo.value_cells(region, 3, padded=False)] == ["1", "2", ""]


def test_empty_cells_before_the_values_are_merged_label_cells_only_up_to_merged() -> None:
    region = _cells("", "1", "2", "3")
    assert [c.text for c in govinfo.value_cells(region, 3, merged=1)] == ["1", "2", "3"]
    assert govinfo.value_cells(region, 3, merged=0) is None  # a blank, then one value too many


def test_one_label_column_leaves_no_room_for_a_merged_cell() -> None:
    """Table 2 has one label column: 行政规范性文件 _ 0 0 0 is a blank and one value too many
    (a cell duplicated), not a merged label and three values."""
    candidate = _read(["规章\t1\t2\t3", "行政规范性文件\t\t0\t0\t0"], table=ACTIVE)
    assert candidate.cells["active.rules.in_force"].value == 3
    assert "active.normative.issued" not in candidate.cells
    (unplaced,) = candidate.unplaced
    assert unplaced.values == ("0", "0", "0")


def test_a_label_merged_over_label_columns_on_the_evidence_of_other_rows() -> None:
    alone = _read(["（一）予以公开\t1\t0\t0\t0\t0\t0\t1", "（二）部分公开\t\t0\t0\t0\t0\t0\t0\t0"])
    assert "requests.partially_granted.natural_person" not in alone.cells
    merging = _read(["（一）予以公开\t\t1\t0\t0\t0\t0\t0\t1", "（二）部分公开\t\t0\t0\t0\t0\t0\t0\t0"])
    assert merging.cells["requests.granted.natural_person"].value == 1
    assert merging.cells["requests.partially_granted.natural_person"].value == 0
    assert merging.unplaced == ()


def test_too_many_or_too_few_values_are_never_placed() -> None:
    assert govinfo.value_cells(_cells("1", "2", "3", "4"), 3) is None
    assert govinfo.value_cells(_cells("1", "2"), 3) is None


def _read(lines: list[str], table=REQUESTS) -> govinfo.Candidate:  # noqa: ANN001
    return govinfo.read_table(table, govinfo.delimited_rows(tuple(lines), 1, "\t"))


def test_short_row_is_missing_and_kept_as_unplaced() -> None:
    candidate = _read(["（一）予以公开\t1\t2\t3\t4\t5\t6", "（二）部分公开\t0\t0\t0\t0\t0\t0\t0"])
    assert "requests.granted.total" not in candidate.cells
    assert candidate.cells["requests.partially_granted.total"] == govinfo.Cell(0, Status.NUMBER)
    (unplaced,) = candidate.unplaced
    assert unplaced.slots == ("granted",) and unplaced.values == ("1", "2", "3", "4", "5", "6")


def test_unlabelled_rows_fill_a_gap_of_the_same_size_in_order() -> None:
    lines = ["（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1", "\t2\t0\t0\t0\t0\t0\t2", "\t3\t0\t0\t0\t0\t0\t3",
             "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0"]
    candidate = _read(lines)
    assert candidate.cells["requests.unable.needs_creation.total"].value == 2
    assert candidate.cells["requests.unable.still_unclear.total"].value == 3


def test_unlabelled_rows_that_do_not_fit_their_gap_are_not_placed() -> None:
    lines = ["（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1", "\t2\t0\t0\t0\t0\t0\t2",
             "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0"]
    candidate = _read(lines)
    assert "requests.unable.needs_creation.total" not in candidate.cells
    assert "requests.unable.still_unclear.total" not in candidate.cells
    (unplaced,) = candidate.unplaced
    assert unplaced.slots == ("unable.needs_creation", "unable.still_unclear")


def test_header_word_that_reads_like_a_row_label_is_not_a_row() -> None:
    candidate = _read(["（本列数据的勾稽关系为）\t申请人情况\t总计\t", "（七）总计\t1\t0\t0\t0\t0\t0\t1"])
    assert candidate.cells["requests.processed_total.total"].value == 1


def test_label_broken_over_two_cells_is_joined() -> None:
    rows = govinfo.stacked_rows(
        [RawCell(t, n) for n, t in enumerate(["（七）总", "计", "1", "0", "0", "0", "0", "0", "1"], 1)]
    )
    candidate = govinfo.read_table(REQUESTS, rows)
    assert candidate.cells["requests.processed_total.natural_person"].value == 1


def test_values_with_units_full_width_digits_and_separators() -> None:
    candidate = _read(["规章\t３件\t1,234\t0", "行政事业性收费\t0.50"], table=ACTIVE)
    assert candidate.cells["active.rules.issued"].value == 3
    assert candidate.cells["active.rules.repealed"].value == 1234
    assert str(candidate.cells["active.fees.amount"].value) == "0.50"


def test_a_fraction_in_a_count_column_is_not_a_count() -> None:
    candidate = _read(["规章\t1.5\t0\t0"], table=ACTIVE)
    cell = candidate.cells["active.rules.issued"]
    assert cell.status is Status.MISSING and "1.5" in cell.note


def test_not_applicable_marks() -> None:
    candidate = _read(["规章\t/\t—\t不适用"], table=ACTIVE)
    assert {candidate.cells[f"active.rules.{c}"].status for c in ("issued", "repealed", "in_force")} == {
        Status.NOT_APPLICABLE
    }


def test_column_titles_before_a_row_that_lost_its_label_name_no_row() -> None:
    """One cell per line: the header cells run into the first data row when its label is
    lost. Their last title, 其他, is also a row label (（六）3.其他): it must not pull the
    row there (found by the long profile, lose_label in vertical_cell)."""
    header = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    lines = [*header, *"0000007", "二、上年结转政府信息公开申请数量", *"0000000"]
    rows = govinfo.stacked_rows(RawCell(text, number) for number, text in enumerate(lines, 1))
    candidate = govinfo.read_table(REQUESTS, rows, stacked=True)
    assert candidate.cells["requests.new_received.total"] == govinfo.Cell(7, Status.NUMBER)  # placed by position
    assert "requests.other_handling.other.total" not in candidate.cells


_GRANTED = ["（一）予以公开\t1\t2\t3\t4\t5\t6\t21", "（二）部分公开\t0\t0\t0\t0\t0\t0\t0"]


def test_a_table_read_twice_over_is_read_alike() -> None:
    """Competing layouts mostly read one table's same texts at the same spans, one after
    the other: the second reading is the first's."""
    first, second = _read(_GRANTED), _read(_GRANTED)
    assert first.cells == second.cells and first.cells["requests.granted.total"].value == 21


def test_the_next_reading_of_other_texts_or_spans_is_its_own() -> None:
    """A reading that follows one with the same plan differs wherever its texts or spans
    do: a value (of the same width), the line, where the cells stand in it."""
    granted = "requests.granted.total"
    _read(_GRANTED)
    other_value = _read([_GRANTED[0].replace("\t21", "\t27"), _GRANTED[1]]).cells[granted]
    assert (other_value.value, other_value.source.raw) == (27, "27")
    _read(_GRANTED)
    lower = govinfo.read_table(REQUESTS, govinfo.delimited_rows(tuple(_GRANTED), 5, "\t")).cells[granted]
    assert lower.source.line == 5
    _read(_GRANTED)
    wider = _read([_GRANTED[0].replace("\t1\t", "\t 1\t"), _GRANTED[1]])  # the same texts, stripped
    assert wider.cells["requests.granted.natural_person"].source.start == 8


def test_a_reading_its_layout_changes_leaves_the_next_reading_as_read() -> None:
    first = _read(_GRANTED)
    first.cells["requests.granted.total"] = govinfo.Cell(None, Status.MISSING)  # type: ignore[index]
    assert _read(_GRANTED).cells["requests.granted.total"].value == 21
