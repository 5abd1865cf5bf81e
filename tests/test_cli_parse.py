"""``govinfo parse``: canonical JSON and the flat object, and a one-line error on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govinfo
from govinfo.cli import main
from govinfo.template import flat_keys

from conftest import SEEDS


def test_parse_prints_canonical_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEEDS[0])]) == 0
    out = capsys.readouterr().out
    assert govinfo.from_json(out) == govinfo.parse_file(SEEDS[0])


def test_parse_flat_prints_one_object_of_canonical_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEEDS[1]), "--format", "flat"]) == 0
    flat = json.loads(capsys.readouterr().out)
    assert tuple(flat) == flat_keys("2021")
    assert flat["requests.processed_total.total"] == 1
    assert flat["meta.agency"] == "房县白鹤镇人民政府"


def test_parse_bad_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(empty)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "empty" in err


def test_parse_missing_file_and_unwritable_output_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(tmp_path / "nope.txt")]) == 2
    assert "No such file" in capsys.readouterr().err
    assert main(["parse", str(SEEDS[0]), "-o", str(tmp_path / "no" / "dir" / "out.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("govinfo: cannot write") and "\n" not in err
