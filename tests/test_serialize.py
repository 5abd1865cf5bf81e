"""Canonical JSON round-trips exactly; anything off the schema is a SchemaError."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import govinfo
from govinfo import Cell, Status
from govinfo.template import META_KEYS, TEXT_KEYS, flat_keys, template

from conftest import SEEDS


@pytest.fixture(scope="module")
def report() -> govinfo.Report:
    return govinfo.parse_file(SEEDS[0], host=govinfo.PluginHost(strict=True, entry_points=False))


def test_json_round_trip_keeps_values_statuses_and_decimals(report: govinfo.Report) -> None:
    text = govinfo.to_json(report)
    data = json.loads(text)
    assert data["cells"]["active.fees.amount"] == {"value": "0.741", "status": "number"}
    back = govinfo.from_json(text)
    assert back == report
    assert back.cell("active.fees.amount").value == Decimal("0.741")


def test_json_with_provenance_round_trips(report: govinfo.Report) -> None:
    back = govinfo.from_json(govinfo.to_json(report, provenance=True))
    assert back == report
    assert back.provenance == report.provenance
    assert back.cell("active.fees.amount").source == report.cell("active.fees.amount").source


def _mutated(report: govinfo.Report, mutate) -> str:  # noqa: ANN001
    data = govinfo.report_to_dict(report)
    mutate(data)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(extra=1), "unknown report fields"),
        (lambda d: d["meta"].update(colour="red"), "colour"),
        (lambda d: d["cells"].update({"requests.granted.aliens": {"value": 1, "status": "number"}}), "unknown cell keys"),
        (lambda d: d["cells"].pop("requests.granted.total"), "cells absent"),
        (lambda d: d["cells"]["requests.granted.total"].update(status="guessed"), "unknown status"),
        (lambda d: d["cells"]["requests.granted.total"].update(value="3"), "must be an integer"),
        (lambda d: d["cells"]["requests.granted.total"].update(value=None), "needs a value"),
        (lambda d: d["cells"]["requests.granted.total"].update(status="blank"), "cannot have a value"),
        (lambda d: d["cells"]["active.fees.amount"].update(value=0.5), "decimal string"),
        (lambda d: d["meta"].update(template="2030"), "unknown template"),
        (lambda d: d.update(schema_version=99), "schema_version"),
    ],
)
def test_off_schema_json_is_a_schema_error(report: govinfo.Report, mutate, message: str) -> None:  # noqa: ANN001
    with pytest.raises(govinfo.SchemaError, match=message):
        govinfo.from_json(_mutated(report, mutate))


def test_not_json_is_a_schema_error() -> None:
    with pytest.raises(govinfo.SchemaError, match="not JSON"):
        govinfo.from_json("{not json")


def test_flat_export_has_exactly_the_canonical_keys(report: govinfo.Report) -> None:
    flat = govinfo.flat_dict(report)
    assert tuple(flat) == flat_keys("2021")
    assert flat["active.fees.amount"] == "0.741"
    assert flat["meta.published"] == "2024-01-22"
    assert len([k for k in flat if k.startswith("requests.")]) == 175
    assert len([k for k in flat if k.startswith("appeals.")]) == 15
    assert len([k for k in flat if k.startswith("active.")]) == 10


def test_template_2019_has_the_formats_cell_counts() -> None:
    keys = template("2019").cell_keys()
    assert len([k for k in keys if k.startswith("requests.")]) == 161
    # FORMAT.md lists the 2019 Table 2 keys one by one: six rows of three columns, fees with
    # two, procurement with count and amount (22 value cells), plus the procurement unit
    assert len([k for k in keys if k.startswith("active.")]) == 22 + 1
    assert "active.procurement.unit" in keys and "requests.other_handling.total" in keys
    assert META_KEYS[0] == "meta.agency" and TEXT_KEYS[0] == "text.overview"


def test_report_lookup_and_errors(report: govinfo.Report) -> None:
    assert report.cell("requests.granted.natural_person") == Cell(0, Status.NUMBER)
    assert list(report.cells)[0] == "active.rules.issued"
    with pytest.raises(KeyError, match="no cell"):
        report.cell("requests.nope.total")


def test_blank_and_missing_never_become_zero() -> None:
    with pytest.raises(ValueError):
        Cell(0, Status.BLANK)
    with pytest.raises(ValueError):
        Cell(0, Status.MISSING)
    assert Cell(None, "not_applicable").status is Status.NOT_APPLICABLE


def test_report_pickles_with_its_provenance(report: govinfo.Report) -> None:
    import pickle

    back = pickle.loads(pickle.dumps(report))
    assert back == report and back.provenance == report.provenance
    with pytest.raises(TypeError):
        back.cells["requests.granted.total"] = Cell(1, Status.NUMBER)  # type: ignore[index]
