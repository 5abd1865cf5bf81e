"""Bad input gets a specific govinfo exception, or a report that lists what it lacks."""

from __future__ import annotations

import pytest

import govinfo
from govinfo import Status

from conftest import SEEDS

NEWS = (
    "本报讯 今年以来，我市持续优化营商环境，新增市场主体一万余户。\n"
    "市场监管部门表示，下一步将继续深化改革，提升服务水平。\n" * 20
)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", govinfo.EmptyInputError),
        (b"  \n\t \r\n", govinfo.EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), govinfo.BinaryInputError),
        (bytes([0x80, 0x81, 0xFF]) * 50, govinfo.EncodingError),
        (NEWS.encode("utf-8"), govinfo.NotAReportError),
        ("一、总体情况\n二、主动公开政府信息情况\n".encode("utf-8"), govinfo.NotAReportError),
    ],
    ids=["empty", "whitespace", "binary", "undecodable", "news-article", "two-headings-only"],
)
def test_bad_input_raises_a_specific_error(data: bytes, error: type[Exception], host: govinfo.PluginHost) -> None:
    with pytest.raises(error) as raised:
        govinfo.parse(data, host=host)
    assert isinstance(raised.value, govinfo.InputError)
    assert str(raised.value)  # a message a person can read


def test_too_large_input_is_refused_before_reading(host: govinfo.PluginHost) -> None:
    with pytest.raises(govinfo.InputTooLargeError):
        govinfo.parse(b"x" * 1001, host=host, max_bytes=1000)


def test_truncated_report_lists_what_it_lost(host: govinfo.PluginHost) -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    cut = text[: text.index("不予公开")]  # cut inside Table 3
    report = govinfo.parse(cut, host=host, infer=False)
    full = govinfo.parse_file(SEEDS[0], host=host)
    for key, cell in report.iter_cells():
        # every cell is either what the full report says, or missing: never another value
        assert cell == full.cell(key) or cell.status is Status.MISSING, key
    # The identities recover some lost cells (一 and 二 are 0, so every result is 0):
    # each inferred cell holds exactly the value the full report prints.
    inferred = govinfo.parse(cut, host=host)
    recovered = [key for key, cell in inferred.iter_cells() if cell.status is Status.INFERRED]
    assert recovered and all(inferred.value(key) == full.value(key) for key in recovered)
    assert report.cell("active.fees.amount").value == full.cell("active.fees.amount").value
    assert report.cell("requests.new_received.total").status is Status.NUMBER
    assert report.cell("requests.processed_total.total").status is Status.MISSING
    assert all(cell.status is Status.MISSING for key, cell in report.iter_cells() if key.startswith("appeals."))
    messages = [d.message for d in report.provenance.diagnostics]
    assert any("appeals not found" in message for message in messages)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-8-sig"])
def test_encodings_are_detected(encoding: str, host: govinfo.PluginHost) -> None:
    text = SEEDS[2].read_text(encoding="utf-8")
    report = govinfo.parse(text.encode(encoding), host=host)
    assert report == govinfo.parse_file(SEEDS[2], host=host)
    assert report.provenance.encoding is not None


def test_crlf_and_full_width_digits_read_the_same(host: govinfo.PluginHost) -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    wide = text.replace("\t2\t", "\t２\t").replace("\n", "\r\n")
    assert govinfo.parse(wide, host=host) == govinfo.parse(text, host=host)
