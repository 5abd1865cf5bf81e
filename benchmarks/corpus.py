"""A deterministic corpus of realistic reports, generated from the templates as data.

Every report is consistent (the 勾稽关系 hold), mostly small counts and zeros as real
reports are, with the statuses real documents print (blank zeros, ``/``); it is rendered
into every layout a plugin can print. The same seed always gives the same corpus, so
figures from two runs are comparable. No Hypothesis here: only ``random.Random(seed)``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal
from random import Random
from typing import Iterator

import attrs

import govinfo
from govinfo import Cell, Meta, Prose, Report, Status

_PLACES = (
    "北京市", "河北省", "山西省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
    "湖北省", "湖南省", "广东省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省",
)
_LOCALITIES = (
    "偏关县", "太原市", "淮安市", "合肥市", "店集县", "新华区", "城关镇", "水泉镇", "东城街道", "高新区",
    "临川区", "长安区", "南湖区", "武侯区", "西湖区", "鼓楼区",
)
_AGENCIES = (
    "人民政府", "人民政府办公室", "发展和改革委员会", "教育局", "公安局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局",
    "农业农村局", "商务局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局", "统计局",
)
_DOC_PREFIX = ("政办", "政字", "政发", "办发", "府办")
_OVERVIEW = (
    "{year}年，我{short}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，"
    "紧紧围绕中心工作，持续深化政务公开，不断提升政府透明度。",
    "（一）主动公开。全年通过门户网站主动公开政府信息{active}条，其中政策文件{docs}件，政策解读{readings}篇。",
    "（二）依申请公开。本年度共收到政府信息公开申请{received}件，答复{answered}件，上年结转{carried}件，结转下年度{forward}件。",
    "（三）政府信息管理。严格落实信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
    "（四）平台建设。持续优化政府网站栏目设置，完善政务新媒体矩阵，及时更新各类信息，确保信息准确、及时、规范。",
    "（五）监督保障。将政务公开工作纳入年度目标考核，组织开展业务培训{trainings}次，参训人员{trainees}人次。",
)
_PROBLEMS = (
    "一是公开内容的深度和广度有待进一步拓展；二是政策解读形式较为单一，图解、视频等形式运用不够；"
    "三是工作人员业务能力有待提高。",
    "下一步，我{short}将进一步健全工作机制，丰富解读形式，加强业务培训，不断提升政务公开工作质量。",
)
_OTHER_MATTERS = (
    "本年度未收取信息处理费。",
    "本年度收取信息处理费{fee}元。",
)


def _agency(rng: Random) -> tuple[str, str]:
    office = rng.choice(_AGENCIES)
    return rng.choice(_PLACES) + rng.choice(_LOCALITIES) + office, "局" if office.endswith("局") else "单位"


def _count(rng: Random, busy: float) -> int:
    """A small count: mostly 0, sometimes a few, now and then hundreds."""
    roll = rng.random()
    if roll < 1 - busy:
        return 0
    if roll < 1 - busy / 5:
        return rng.randint(1, 9)
    return rng.randint(10, 400)


@attrs.frozen
class _Style:
    """How one agency prints its cells."""

    zeros_blank: bool  #: leaves zero cells blank (many do)
    na_marks: bool  #: prints / for items it has no power over
    blank_ok: bool  #: the layout can print a blank cell


def _status_cell(value: int | Decimal, rng: Random, style: _Style, may_be_na: bool = False) -> Cell:
    if value == 0 and style.blank_ok and style.zeros_blank:
        return Cell(None, Status.BLANK)
    if value == 0 and may_be_na and style.na_marks and rng.random() < 0.5:
        return Cell(None, Status.NOT_APPLICABLE)
    return Cell(value, Status.NUMBER)


def _active_cells(spec: govinfo.Template, rng: Random, style: _Style) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    table = spec.table("active")
    for row in table.rows:
        for column in row.columns:
            key = f"active.{row.key}.{column.key}"
            kind = column.kind.value
            if kind == "unit":
                cells[key] = Cell(rng.choice(("元", "万元")), Status.NUMBER) if rng.random() < 0.6 else Cell(None, Status.BLANK)
            elif kind == "money":
                cents = 0 if rng.random() < 0.6 else rng.randint(1, 900000)
                cells[key] = _status_cell(Decimal(cents) / 100 if cents else Decimal("0"), rng, style, may_be_na=True)
            elif kind == "signed":
                cells[key] = _status_cell(rng.randint(-5, 5) if rng.random() < 0.4 else 0, rng, style, may_be_na=True)
            else:
                cells[key] = _status_cell(_count(rng, 0.5), rng, style, may_be_na=row.key != "rules")
    return cells


def _requests_cells(spec: govinfo.Template, rng: Random, style: _Style) -> tuple[dict[str, Cell], dict[str, int]]:
    table = spec.table("requests")
    columns = [column.key for column in table.rows[0].columns if column.key != "total"]
    outside = {"new_received", "carried_over", "processed_total", "carried_forward"}
    results = [row.key for row in table.rows if row.key not in outside]
    values: dict[tuple[str, str], int] = {}
    busy = rng.choice((0.05, 0.15, 0.4))
    for column in columns:
        share = busy if column == "natural_person" else busy / 4
        for key in results:
            values[key, column] = _count(rng, share) if key in ("granted", "partially_granted", "unable.not_held") or rng.random() < 0.2 else 0
        processed = sum(values[key, column] for key in results)
        forward = rng.randint(0, 3) if processed and rng.random() < 0.3 else 0
        carried = rng.randint(0, min(3, processed + forward)) if rng.random() < 0.3 else 0
        values["processed_total", column] = processed
        values["carried_forward", column] = forward
        values["carried_over", column] = carried
        values["new_received", column] = processed + forward - carried
    cells: dict[str, Cell] = {}
    for row in table.rows:
        total = sum(values[row.key, column] for column in columns)
        for column in row.columns:
            value = total if column.key == "total" else values[row.key, column.key]
            cells[f"requests.{row.key}.{column.key}"] = _status_cell(value, rng, style)
    totals = {key: sum(values[key, column] for column in columns) for key in outside}
    return cells, totals


def _appeals_cells(spec: govinfo.Template, rng: Random, style: _Style) -> dict[str, Cell]:
    cells: dict[str, Cell] = {}
    for row in spec.table("appeals").rows:
        parts = {column.key: _count(rng, 0.1) for column in row.columns if column.key != "total"}
        parts["total"] = sum(parts.values())
        for column in row.columns:
            cells[f"appeals.{row.key}.{column.key}"] = _status_cell(parts[column.key], rng, style)
    return cells


def make_report(rng: Random, template_id: str, *, blank_ok: bool = True) -> Report:
    """One consistent, realistic report of a template."""
    spec = govinfo.template(template_id)
    style = _Style(zeros_blank=rng.random() < 0.2, na_marks=rng.random() < 0.3, blank_ok=blank_ok)
    cells = _active_cells(spec, rng, style)
    request_cells, totals = _requests_cells(spec, rng, style)
    cells.update(request_cells)
    cells.update(_appeals_cells(spec, rng, style))
    ordered = {key: cells[key] for key in spec.cell_keys()}
    year = rng.choice((2019, 2020)) if template_id == "2019" else rng.choice((2021, 2022, 2023, 2024))
    agency, short = _agency(rng)
    published = dt.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
    doc_number = (
        f"{agency[:2]}{rng.choice(_DOC_PREFIX)}〔{year + 1}〕{rng.randint(1, 99)}号" if rng.random() < 0.3 else None
    )
    figures = dict(
        year=year, short=short, active=rng.randint(20, 3000), docs=rng.randint(0, 80), readings=rng.randint(0, 40),
        received=totals["new_received"], answered=totals["processed_total"], carried=totals["carried_over"],
        forward=totals["carried_forward"], trainings=rng.randint(1, 12), trainees=rng.randint(10, 500),
        fee=rng.randint(1, 300),
    )
    overview = "\n\n".join(part.format(**figures) for part in _OVERVIEW[: rng.randint(3, len(_OVERVIEW))])
    problems = "\n\n".join(part.format(**figures) for part in _PROBLEMS)
    other = _OTHER_MATTERS[rng.random() < 0.1].format(**figures)
    meta = Meta(agency=agency, year=year, template=template_id, published=published, doc_number=doc_number)
    return Report(meta=meta, cells=ordered, text=Prose(overview, problems, other))


@attrs.frozen
class Sample:
    """One rendered report: what was printed, and the report it must parse back to."""

    layout: str
    template: str
    text: str
    report: Report

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    @property
    def name(self) -> str:
        """A file name whose suffix tells a reader the format (an HTML rendering is .html)."""
        return "report.html" if self.text.lstrip().startswith("<") else "report.txt"


def corpus(host: govinfo.PluginHost, layouts: list[str], per_layout: int, seed: int) -> Iterator[Sample]:
    """``per_layout`` reports for each layout, half of each template, always the same for a seed."""
    for layout in layouts:
        rng = Random(f"{seed}:{layout}")
        plugin = host.manager.get_plugin(layout)
        blank_ok = Status.BLANK not in getattr(plugin, "UNREPRESENTABLE", frozenset())
        for index in range(per_layout):
            template_id = ("2021", "2019")[index % 2]
            report = make_report(rng, template_id, blank_ok=blank_ok)
            yield Sample(layout, template_id, govinfo.render(report, layout, host=host), report)


def forget_table_plans() -> None:
    """Drop the table plans govinfo remembers (when the tree measured has them), so that the
    next parse reads its tables as those of a layout never seen before, whose rows and texts
    are known: the cost a corpus of many agencies' own layouts pays on most of its reports."""
    plans = getattr(importlib.import_module("govinfo.tables"), "_PLANS", None)
    if plans is not None:
        plans.clear()
