"""The collector's passes are made fewer while govinfo parses, and put back as they were."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Iterator

import pytest

import govinfo
from govinfo.batch import read_chunk
from govinfo.collector import PARSING_THRESHOLD, fewer_collections

from conftest import SEEDS


@pytest.fixture
def default_threshold() -> Iterator[tuple[int, int, int]]:
    """Python's own thresholds for the test, whatever the process had; restored after."""
    found = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*found)


class _Recorder:
    """A layout plugin that reads nothing and notes the collector's thresholds while it is asked."""

    def __init__(self) -> None:
        self.seen: list[tuple[int, int, int]] = []

    @govinfo.hookimpl
    def govinfo_parse_section(self, section: govinfo.SectionText, template: govinfo.Template) -> None:
        self.seen.append(gc.get_threshold())


def test_the_first_threshold_is_raised_inside_and_put_back_after(default_threshold: tuple[int, int, int]) -> None:
    with fewer_collections():
        assert gc.get_threshold() == (PARSING_THRESHOLD, *default_threshold[1:])
        with fewer_collections():  # nested: left as the outer block made it
            assert gc.get_threshold()[0] == PARSING_THRESHOLD
        assert gc.get_threshold()[0] == PARSING_THRESHOLD
    assert gc.get_threshold() == default_threshold


def test_it_is_put_back_when_the_block_raises(default_threshold: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("a parse failed")
    assert gc.get_threshold() == default_threshold


@pytest.mark.parametrize("threshold", [0, PARSING_THRESHOLD, 50_000])
def test_a_caller_s_own_higher_or_switched_off_threshold_stands(default_threshold: object, threshold: int) -> None:
    gc.set_threshold(threshold, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (threshold, 10, 10)
    assert gc.get_threshold() == (threshold, 10, 10)


def test_a_parse_and_a_batch_chunk_run_with_fewer_passes_and_leave_the_threshold_as_found(
    default_threshold: tuple[int, int, int], tmp_path: Path
) -> None:
    recorder = _Recorder()
    host = govinfo.PluginHost(entry_points=False)
    host.manager.register(recorder, name="recorder")
    govinfo.parse_file(SEEDS[0], host=host)
    assert recorder.seen and {seen[0] for seen in recorder.seen} == {PARSING_THRESHOLD}
    assert gc.get_threshold() == default_threshold
    outcomes = read_chunk([str(SEEDS[0]), str(tmp_path / "missing.txt")])
    assert [outcome.ok for outcome in outcomes] == [True, False]
    assert gc.get_threshold() == default_threshold
