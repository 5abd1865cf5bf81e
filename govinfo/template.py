"""The two official templates as data: sections, tables, rows, columns, keys and labels.

This module is the one source of truth for the report format (FORMAT.md section 2).
Parsers match labels against it, renderers print it, validators and the identities
refer to its keys; nobody re-types a label list.

A canonical cell key is ``<table>.<row>.<column>``: ``active.rules.issued``,
``requests.denied.state_secret.total``, ``appeals.review.pending``.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

import attrs


class ValueKind(str, Enum):
    """What a cell holds."""

    COUNT = "count"  #: non-negative integer
    SIGNED = "signed"  #: integer that may be negative (template 2019's 本年增/减)
    MONEY = "money"  #: non-negative decimal
    UNIT = "unit"  #: a unit word (元/万元) read from a money cell or its header


@attrs.frozen(cache_hash=True)
class Column:
    """One column of a table: its key, its official label and the variants seen."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    kind: ValueKind = ValueKind.COUNT

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@attrs.frozen(cache_hash=True)
class Row:
    """One data row: its key, official label, variants, and the block it sits in."""

    key: str
    label: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    block: str | None = None  #: the merged label of the row's block, e.g. （三）不予公开

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


# compared and hashed by identity (object's own C-level hash): a table is a key of the
# row caches, looked up for every row of every parse, and each is defined once, here
@attrs.frozen(eq=False)
class Table:
    """One of the three tables of a template."""

    key: str  #: the section key: active, requests or appeals
    number: str  #: 二 / 三 / 四
    title: str
    rows: tuple[Row, ...]
    #: True when all the data of the table is printed as one line of cells
    #: (Table 4: three blocks of five cells in one row).
    single_row: bool = False
    #: Words that appear in the table's headers, used as layout and template evidence.
    header_words: tuple[str, ...] = ()
    #: How many columns of the official table hold row labels. A label merged over
    #: several of them is printed in text as the label and empty cells, so a row's cells
    #: up to this column may be merged label cells; an empty cell beyond it is a value.
    label_columns: int = 1

    def cell_keys(self) -> tuple[str, ...]:
        """Every canonical cell key of the table, in template order."""
        return _table_cell_keys(self)

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


@attrs.frozen
class Section:
    """One of the six numbered sections of a report."""

    key: str
    number: str  #: 一 .. 六
    title: str  #: the official heading text
    #: short words, one of which a heading line must contain to be this section's heading
    keywords: tuple[str, ...]
    table: bool = False


@attrs.frozen(cache_hash=True)
class Template:
    """One official template: its id, the document that defines it, and its tables."""

    id: str  #: "2021" or "2019"
    source: str
    tables: tuple[Table, ...]
    #: Phrases only this template prints; used to tell the templates apart.
    markers: tuple[str, ...]

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def cell_keys(self) -> tuple[str, ...]:
        """Every canonical cell key of the template, in template order."""
        return _template_cell_keys(self)

    def column(self, cell_key: str) -> Column:
        """The column spec of a canonical cell key."""
        return _template_column(self, cell_key)


@lru_cache(maxsize=None)  # asked for every cell of every report validated; keys are few
def _template_column(spec: Template, cell_key: str) -> Column:
    table_key, rest = cell_key.split(".", 1)
    row_key, column_key = rest.rsplit(".", 1)
    for column in spec.table(table_key).row(row_key).columns:
        if column.key == column_key:
            return column
    raise KeyError(cell_key)


@lru_cache(maxsize=None)  # asked for on every report validated: the templates are constants
def _table_cell_keys(table: Table) -> tuple[str, ...]:
    return tuple(f"{table.key}.{row.key}.{column.key}" for row in table.rows for column in row.columns)


@lru_cache(maxsize=None)  # asked for on every report built: the templates are constants
def _template_cell_keys(spec: Template) -> tuple[str, ...]:
    return tuple(key for table in spec.tables for key in table.cell_keys())


# --------------------------------------------------------------------------- sections

SECTIONS: tuple[Section, ...] = (
    Section("overview", "一", "总体情况", ("总体情况", "概述", "基本情况")),
    Section("active", "二", "主动公开政府信息情况", ("主动公开",), table=True),
    Section("requests", "三", "收到和处理政府信息公开申请情况", ("收到和处理", "依申请公开", "申请情况"), table=True),
    Section("appeals", "四", "政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼"), table=True),
    Section("problems", "五", "存在的主要问题及改进情况", ("存在的主要问题", "主要问题", "改进情况")),
    Section("other_matters", "六", "其他需要报告的事项", ("其他需要报告", "其他事项")),
)
SECTION_KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)
TABLE_SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS if s.table)
PROSE_SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS if not s.table)


def section(key: str) -> Section:
    for candidate in SECTIONS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


# --------------------------------------------------------------------------- Table 3 (both)

REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("social_welfare", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
#: The header labels that group the applicant columns (not columns themselves).
REQUEST_COLUMN_GROUPS = ("申请人情况", "法人或其他组织")

_DENIED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER_HANDLING = "（六）其他处理"


def _request_row(key: str, label: str, *aliases: str, block: str | None = None) -> Row:
    return Row(key, label, REQUEST_COLUMNS, aliases, block)


_REQUEST_ROWS_HEAD: tuple[Row, ...] = (
    _request_row("new_received", "一、本年新收政府信息公开申请数量", "本年新收申请数量"),
    _request_row("carried_over", "二、上年结转政府信息公开申请数量", "上年结转申请数量"),
    _request_row("granted", "（一）予以公开"),
    _request_row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    _request_row("denied.state_secret", "1.属于国家秘密", block=_DENIED),
    _request_row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", block=_DENIED),
    _request_row("denied.security_stability", "3.危及“三安全一稳定”", "危及三安全一稳定", block=_DENIED),
    _request_row("denied.third_party_rights", "4.保护第三方合法权益", block=_DENIED),
    _request_row("denied.internal_affairs", "5.属于三类内部事务信息", block=_DENIED),
    _request_row("denied.process_info", "6.属于四类过程性信息", block=_DENIED),
    _request_row("denied.enforcement_file", "7.属于行政执法案卷", block=_DENIED),
    _request_row("denied.query_matter", "8.属于行政查询事项", block=_DENIED),
    _request_row("unable.not_held", "1.本机关不掌握相关政府信息", block=_UNABLE),
    _request_row("unable.needs_creation", "2.没有现成信息需要另行制作", block=_UNABLE),
    _request_row("unable.still_unclear", "3.补正后申请内容仍不明确", block=_UNABLE),
    _request_row("not_processed.complaint", "1.信访举报投诉类申请", block=_NOT_PROCESSED),
    _request_row("not_processed.duplicate", "2.重复申请", block=_NOT_PROCESSED),
    _request_row("not_processed.publication", "3.要求提供公开出版物", block=_NOT_PROCESSED),
    _request_row("not_processed.excessive", "4.无正当理由大量反复申请", block=_NOT_PROCESSED),
    _request_row(
        "not_processed.reconfirmation", "5.要求行政机关确认或重新出具已获取信息", block=_NOT_PROCESSED
    ),
)
_REQUEST_ROWS_TAIL: tuple[Row, ...] = (
    _request_row("processed_total", "（七）总计"),
    _request_row("carried_forward", "四、结转下年度继续办理", "结转下年度继续办理"),
)
_OTHER_HANDLING_2021: tuple[Row, ...] = (
    _request_row(
        "other_handling.overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正",
        block=_OTHER_HANDLING,
    ),
    _request_row(
        "other_handling.overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用",
        block=_OTHER_HANDLING,
    ),
    _request_row("other_handling.other", "3.其他", block=_OTHER_HANDLING),
)
_OTHER_HANDLING_2019: tuple[Row, ...] = (_request_row("other_handling", "（六）其他处理"),)

_REQUEST_TITLE = "收到和处理政府信息公开申请情况"
#: 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密: the result rows' labels take three
#: columns, and the rows outside a block merge their label over them (一、本年新收…).
_REQUEST_LABEL_COLUMNS = 3
_REQUEST_HEADER_WORDS = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构")

REQUESTS_2021 = Table(
    "requests", "三", _REQUEST_TITLE, _REQUEST_ROWS_HEAD + _OTHER_HANDLING_2021 + _REQUEST_ROWS_TAIL,
    header_words=_REQUEST_HEADER_WORDS,
    label_columns=_REQUEST_LABEL_COLUMNS,
)
REQUESTS_2019 = Table(
    "requests", "三", _REQUEST_TITLE, _REQUEST_ROWS_HEAD + _OTHER_HANDLING_2019 + _REQUEST_ROWS_TAIL,
    header_words=_REQUEST_HEADER_WORDS,
    label_columns=_REQUEST_LABEL_COLUMNS,
)

# --------------------------------------------------------------------------- Table 4 (both)

APPEAL_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
APPEALS = Table(
    "appeals",
    "四",
    "政府信息公开行政复议、行政诉讼情况",
    (
        Row("review", "行政复议", APPEAL_COLUMNS),
        Row("litigation_direct", "未经复议直接起诉", APPEAL_COLUMNS, block="行政诉讼"),
        Row("litigation_after_review", "复议后起诉", APPEAL_COLUMNS, block="行政诉讼"),
    ),
    single_row=True,
    header_words=("行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"),
)

# --------------------------------------------------------------------------- Table 2, 2021

_ITEM_1 = "第二十条第（一）项"
_ITEM_5 = "第二十条第（五）项"
_ITEM_6 = "第二十条第（六）项"
_ITEM_8 = "第二十条第（八）项"
_ITEM_9 = "第二十条第（九）项"

_DOCS_2021 = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数", ("本年度止件数", "本年废止数")),
    Column("in_force", "现行有效件数"),
)
_DECISIONS_2021 = (Column("decisions", "本年处理决定数量"),)

ACTIVE_2021 = Table(
    "active",
    "二",
    "主动公开政府信息情况",
    (
        Row("rules", "规章", _DOCS_2021, block=_ITEM_1),
        Row("normative", "行政规范性文件", _DOCS_2021, ("规范性文件",), block=_ITEM_1),
        Row("licensing", "行政许可", _DECISIONS_2021, block=_ITEM_5),
        Row("punishment", "行政处罚", _DECISIONS_2021, block=_ITEM_6),
        Row("coercion", "行政强制", _DECISIONS_2021, block=_ITEM_6),
        Row(
            "fees",
            "行政事业性收费",
            (Column("amount", "本年收费金额（单位：万元）", ("本年收费金额",), ValueKind.MONEY),),
            block=_ITEM_8,
        ),
    ),
    header_words=("信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
)

# --------------------------------------------------------------------------- Table 2, 2019

_DOCS_2019 = (
    Column("new_made", "本年新制作数量"),
    Column("new_published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_ITEMS_2019 = (
    Column("prior_count", "上一年项目数量"),
    Column("change", "本年增/减", ("本年增减",), ValueKind.SIGNED),
    Column("decisions", "处理决定数量"),
)

ACTIVE_2019 = Table(
    "active",
    "二",
    "主动公开政府信息情况",
    (
        Row("rules", "规章", _DOCS_2019, block=_ITEM_1),
        Row("normative", "规范性文件", _DOCS_2019, ("行政规范性文件",), block=_ITEM_1),
        Row("licensing", "行政许可", _ITEMS_2019, block=_ITEM_5),
        Row("other_services", "其他对外管理服务事项", _ITEMS_2019, block=_ITEM_5),
        Row("punishment", "行政处罚", _ITEMS_2019, block=_ITEM_6),
        Row("coercion", "行政强制", _ITEMS_2019, block=_ITEM_6),
        Row("fees", "行政事业性收费", _ITEMS_2019[:2], block=_ITEM_8),
        Row(
            "procurement",
            "政府集中采购",
            (
                Column("count", "采购项目数量"),
                Column("amount", "采购总金额", kind=ValueKind.MONEY),
                Column("unit", "单位", kind=ValueKind.UNIT),
            ),
            block=_ITEM_9,
        ),
    ),
    header_words=("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "处理决定数量", "采购项目数量"),
)

# --------------------------------------------------------------------------- the templates

TEMPLATE_2021 = Template(
    "2021",
    "国办公开办函〔2021〕30号",
    (ACTIVE_2021, REQUESTS_2021, APPEALS),
    markers=(
        "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
        "逾期不补正", "逾期未按收费通知",
    ),
)
TEMPLATE_2019 = Template(
    "2019",
    "国办公开办函〔2019〕60号",
    (ACTIVE_2019, REQUESTS_2019, APPEALS),
    markers=(
        "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
        "其他对外管理服务事项", "第二十条第（九）项", "政府集中采购", "采购项目数量", "采购总金额",
    ),
)
TEMPLATES: dict[str, Template] = {t.id: t for t in (TEMPLATE_2021, TEMPLATE_2019)}

#: Keys of the non-cell fields, in export order (FORMAT.md, "Metadata and prose").
#: (The title is kept in the canonical JSON but is not part of the flat contract.)
META_KEYS: tuple[str, ...] = ("meta.agency", "meta.year", "meta.template", "meta.published", "meta.doc_number")
TEXT_KEYS: tuple[str, ...] = ("text.overview", "text.problems", "text.other_matters")

#: The units a money amount may be stated in (template 2019's 采购总金额 and its unit cell).
MONEY_UNITS: tuple[str, ...] = ("元", "万元")

#: The marks that print "not applicable" in a cell (FORMAT.md section 3).
NOT_APPLICABLE_MARKS: tuple[str, ...] = ("/", "／", "-", "－", "—", "——", "--", "―", "无", "不适用", "不涉及")


def template(template_id: str) -> Template:
    """The template with that id ("2021" or "2019")."""
    try:
        return TEMPLATES[str(template_id)]
    except KeyError:
        raise KeyError(f"unknown template {template_id!r}; known: {', '.join(TEMPLATES)}") from None


def flat_keys(template_id: str) -> tuple[str, ...]:
    """Every key of the flat export for a template, in export order."""
    return META_KEYS + TEXT_KEYS + template(template_id).cell_keys()


def all_flat_keys() -> tuple[str, ...]:
    """The union of both templates' flat keys, 2021 order first (for a mixed CSV)."""
    seen: dict[str, None] = {}
    for template_id in ("2021", "2019"):
        for key in flat_keys(template_id):
            seen.setdefault(key, None)
    return tuple(seen)
