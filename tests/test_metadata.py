"""The metadata rules shared by the segmenter and the readers."""

from __future__ import annotations

import datetime as dt

import pytest

import govinfo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-31", dt.date(2020, 1, 31)),
        ("发布日期：2020/1/5 10:00", dt.date(2020, 1, 5)),
        ("２０２４年１月２２日", dt.date(2024, 1, 22)),
        ("2024年2月30日，2024年3月1日", dt.date(2024, 3, 1)),  # an impossible date is skipped
        ("第2024号", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert govinfo.parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("2024年1月22日", True), (" 2024年1月17日印发 ", True), ("2024年1月22日召开会议。", False), ("无", False)],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert govinfo.is_date_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("偏关县水泉镇人民政府", True),
        ("店塔镇党政办公室", True),
        ("## 神木市人民政府办公室", True),
        ("一、本镇政府", False),
        ("本年度未收取信息处理费。", False),
        ("无", False),
    ],
)
def test_is_signature_line(line: str, expected: bool) -> None:
    assert govinfo.is_signature_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("一、总体情况", True), ("（三）不予公开", True), ("3. 其他", True), ("3.5万元的收费", False), ("规章", False)],
)
def test_starts_with_numbering(line: str, expected: bool) -> None:
    assert govinfo.starts_with_numbering(line) is expected
