"""govinfo: exact, validated, canonical data from 政府信息公开工作年度报告.

    >>> import govinfo
    >>> report = govinfo.parse_file("report.txt")
    >>> report.cell("requests.granted.total")
    Cell(value=3, status=<Status.NUMBER: 'number'>, note=None)

Everything a script, a layout plugin or an embedding service needs is importable from
here; the names below are the public API.
"""

from govinfo.blocks import assemble_document, join_wrapped
from govinfo.errors import (
    BinaryInputError,
    DamagedFileError,
    EmptyInputError,
    EncryptedFileError,
    EncodingError,
    GovinfoError,
    InputError,
    InputTooLargeError,
    NotAReportError,
    NoTextLayerError,
    PluginError,
    RuleError,
    SchemaError,
    SeriesError,
    UnsupportedFormatError,
    WorkerStartError,
)
from govinfo.hookspecs import hookimpl
from govinfo.metadata import clean_line, is_date_line, is_signature_line, parse_date
from govinfo.model import (
    SCHEMA_VERSION,
    Alternative,
    Candidate,
    Cell,
    Diagnostic,
    Document,
    Evidence,
    Finding,
    Grid,
    Meta,
    Prose,
    Provenance,
    Report,
    SectionProvenance,
    SectionText,
    Segmentation,
    Severity,
    Source,
    SourceSpan,
    Status,
    UnplacedRow,
    empty_cells,
)
from govinfo.pipeline import (
    default_host,
    detect_templates,
    parse,
    parse_document,
    parse_file,
    parse_source,
    read_document,
)
from govinfo.plugins import ENTRY_POINT_GROUP, PluginHost, make_plugin_manager
from govinfo.reading import decode_text, normalize_document_text
from govinfo.inference import infer
from govinfo.render import render
from govinfo.validate import Rule, list_rules, validate, validate_series
from govinfo.serialize import flat_dict, from_json, long_rows, make_converter, report_from_dict, report_to_dict, to_json
from govinfo.tables import (
    GridRow,
    LineCut,
    RawCell,
    RawRow,
    cut_rows,
    delimited_cut,
    delimited_lines,
    delimited_rows,
    has_delimited_rows,
    official_grid,
    read_cell,
    read_cut_lines,
    read_delimited_section,
    read_stacked_section,
    read_table,
    section_cells,
    stacked_section_rows,
    split_cells,
    stacked_rows,
    value_cells,
)
from govinfo.template import (
    SECTIONS,
    TEMPLATES,
    Column,
    Row,
    Table,
    Template,
    ValueKind,
    flat_keys,
    template,
)
from govinfo.text import RememberedMap, is_page_furniture, label_key, parse_value, remembered, starts_with_numbering, total_length

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION", "SECTIONS", "TEMPLATES", "ENTRY_POINT_GROUP", "__version__",
    # parsing
    "parse", "parse_file", "parse_source", "parse_document", "read_document", "detect_templates",
    "render", "default_host",
    # model
    "Report", "Meta", "Prose", "Cell", "Status", "SourceSpan", "Provenance", "SectionProvenance",
    "Alternative", "Diagnostic", "UnplacedRow", "empty_cells", "Finding", "Severity",
    # documents & plugins
    "Source", "Document", "Grid", "SectionText", "Segmentation", "Candidate", "Evidence",
    "hookimpl", "PluginHost", "make_plugin_manager",
    # templates
    "Template", "Table", "Row", "Column", "ValueKind", "template", "flat_keys",
    # serialization
    "to_json", "from_json", "report_to_dict", "report_from_dict", "flat_dict", "long_rows", "make_converter",
    # toolkit for layout plugins
    "RawCell", "RawRow", "GridRow", "LineCut", "read_table", "read_stacked_section", "read_delimited_section",
    "read_cut_lines", "delimited_cut", "cut_rows", "read_cell", "value_cells", "split_cells",
    "delimited_rows", "delimited_lines", "has_delimited_rows", "stacked_rows", "section_cells", "stacked_section_rows",
    "official_grid", "label_key", "parse_value", "is_page_furniture", "clean_line", "remembered", "RememberedMap", "total_length",
    "is_date_line", "is_signature_line", "parse_date", "starts_with_numbering",
    "decode_text", "normalize_document_text",
    # building documents from structured sources (PDF, DOCX)
    "assemble_document", "join_wrapped",
    # errors
    "GovinfoError", "InputError", "EmptyInputError", "BinaryInputError", "EncodingError",
    "InputTooLargeError", "UnsupportedFormatError", "NoTextLayerError", "NotAReportError",
    "DamagedFileError", "EncryptedFileError",
    "PluginError", "SchemaError", "RuleError", "SeriesError", "WorkerStartError",
    # identities: inference and validation
    "infer", "validate", "validate_series", "Rule", "list_rules",
]
