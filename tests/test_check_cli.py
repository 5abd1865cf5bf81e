"""``govinfo check``: findings grouped by table, Chinese by default, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govinfo.cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, main
from govinfo.cli.check import format_findings
from govinfo import Finding, Severity

from conftest import SEEDS


def test_errors_are_printed_in_chinese_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEEDS[1])]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "2 个错误" in out
    assert "表三 收到和处理政府信息公开申请情况" in out
    assert "错误 [identities] 表三（七）总计·其他: 印为 1，各办理结果之和为 0" in out


def test_english_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--lang", "en", str(SEEDS[1])]) == EXIT_FINDINGS
    out = capsys.readouterr().out
    assert "2 error(s)" in out and "requests.processed_total.other_org: printed 1" in out
    assert "印为" not in out


def test_clean_and_inferred_seeds_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEEDS[0]), str(SEEDS[3]), str(SEEDS[4])]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.count("0 个错误") == 3 and "提示 [inferred]" in out


def test_json_for_machines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(SEEDS[1]), str(SEEDS[0])]) == EXIT_FINDINGS
    documents = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in documents] == [str(SEEDS[1]), str(SEEDS[0])]
    first = documents[0]["findings"][0]
    assert first["rule"] == "identities" and first["severity"] == "error" and first["table"] == "requests"
    assert first["suspect"] == first["cells"][0] and (first["printed"], first["expected"]) == (1, 0)
    assert documents[1]["findings"] == []


def test_rules_switch_off(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--disable", "identities", str(SEEDS[1])]) == EXIT_OK
    assert main(["check", "--disable", "no_such_rule", str(SEEDS[1])]) == EXIT_INPUT
    assert main(["check", "--list-rules"]) == EXIT_OK
    assert "identities\terror" in capsys.readouterr().out


def test_unreadable_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not a report")
    assert main(["check", str(bad), str(SEEDS[1])]) == EXIT_INPUT
    assert "bad.txt" in capsys.readouterr().err
    assert main(["check"]) == EXIT_INPUT


def test_format_findings_groups_by_table_in_report_order() -> None:
    findings = [
        Finding("x", Severity.WARNING, "四", "four", ("appeals.review.total",)),
        Finding("y", Severity.INFO, "整体", "whole"),
        Finding("z", Severity.ERROR, "二", "two", ("active.rules.issued",)),
    ]
    lines = format_findings(findings, "zh", title="f").splitlines()
    assert lines[0] == "f: 1 个错误，1 个警告，1 个提示"
    assert [line.strip() for line in lines[1::2]] == ["整体", "表二 主动公开政府信息情况", "表四 政府信息公开行政复议、行政诉讼情况"]
