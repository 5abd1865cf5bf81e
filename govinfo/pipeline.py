"""read → segment → candidates → select → assemble → infer: bytes in, a Report out.

Every stage is a plain function over frozen objects; plugins are reached only through
a :class:`~govinfo.plugins.PluginHost`.
"""

from __future__ import annotations

import os
from functools import lru_cache
import attrs

from govinfo.collector import fewer_collections
from govinfo.errors import InputTooLargeError, NotAReportError, UnsupportedFormatError
from govinfo.inference import infer as infer_report
from govinfo.metadata import extract_meta
from govinfo.model import (
    Alternative,
    Candidate,
    Cell,
    Diagnostic,
    Document,
    Prose,
    Provenance,
    Report,
    SectionProvenance,
    SectionText,
    Segmentation,
    Source,
    UnplacedRow,
    empty_cells,
)
from govinfo.plugins import PluginHost
from govinfo.scoring import scored
from govinfo.template import PROSE_SECTION_KEYS, TABLE_SECTION_KEYS, TEMPLATES, Template, template
from govinfo.text import nfkc, phrases_found

#: Inputs larger than this are refused (InputTooLargeError) unless the caller says otherwise.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@lru_cache(maxsize=4)
def default_host(strict: bool = False) -> PluginHost:
    """A host with the built-in and installed plugins, built on first use and reused."""
    return PluginHost(strict=strict)


# --------------------------------------------------------------------------- public entry points

def parse(
    data: str | bytes,
    *,
    name: str | None = None,
    host: PluginHost | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    infer: bool = True,
) -> Report:
    """Parse one report from its text (str) or its file's bytes.

    Raises a :class:`govinfo.errors.InputError` subclass when the input cannot be read
    as a report. Cells the parser could not find are ``missing`` and listed in
    ``report.provenance``.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return parse_source(Source(raw, name=name), host=host, max_bytes=max_bytes, infer=infer)


def parse_file(
    path: str | os.PathLike[str], *, host: PluginHost | None = None, max_bytes: int = DEFAULT_MAX_BYTES, infer: bool = True
) -> Report:
    """Parse one report file (any format an installed reader knows)."""
    size = os.path.getsize(path)
    if size > max_bytes:
        raise InputTooLargeError(f"{os.fspath(path)} is {size} bytes; the limit is {max_bytes}")
    with open(path, "rb") as handle:
        data = handle.read()
    return parse_source(Source(data, name=os.fspath(path)), host=host, max_bytes=max_bytes, infer=infer)


def parse_source(
    source: Source, *, host: PluginHost | None = None, max_bytes: int = DEFAULT_MAX_BYTES, infer: bool = True
) -> Report:
    if len(source.data) > max_bytes:
        raise InputTooLargeError(f"the input is {len(source.data)} bytes; the limit is {max_bytes}")
    host = host or default_host()
    with fewer_collections():
        document = host.read_document(source)
        if document is None:
            raise UnsupportedFormatError(f"no installed reader handles {source.name or 'this input'}")
        return parse_document(document, host=host, infer=infer)


def read_document(source: Source, *, host: PluginHost | None = None) -> Document:
    """Only the read stage: a source's normalized text and structure."""
    document = (host or default_host()).read_document(source)
    if document is None:
        raise UnsupportedFormatError(f"no installed reader handles {source.name or 'this input'}")
    return document


# --------------------------------------------------------------------------- stages

def detect_templates(text: str) -> tuple[str, ...]:
    """Template ids, most likely first, by the phrases only one template prints."""
    normalized = nfkc(text)
    scores = {tid: phrases_found(normalized, spec.markers) for tid, spec in TEMPLATES.items()}
    ordered = sorted(TEMPLATES, key=lambda tid: (-scores[tid], tid != "2021"))
    best, second = ordered[0], ordered[1]
    if scores[best] >= scores[second] + 2:
        return (best,)
    return tuple(ordered)


@attrs.frozen
class _TableChoice:
    section: str
    winner: Candidate | None
    #: the other candidates, as provenance records them: their cells are not kept, so a
    #: loser's reading is freed as soon as its section is decided
    alternatives: tuple[Alternative, ...]
    first_line: int
    last_line: int


@attrs.frozen
class _TemplateReading:
    template_id: str
    tables: tuple[_TableChoice, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def score(self) -> float:
        return sum(choice.winner.confidence for choice in self.tables if choice.winner is not None)


def _read_tables(segmentation: Segmentation, template_id: str, host: PluginHost) -> _TemplateReading:
    spec = template(template_id)
    choices = []
    diagnostics: list[Diagnostic] = []
    for key in TABLE_SECTION_KEYS:
        section = segmentation.get(key)
        if section is None:
            diagnostics.append(Diagnostic("segment", f"section {key} not found: its cells are missing"))
            continue
        choices.append(_choose(section, spec, host, diagnostics))
    return _TemplateReading(template_id, tuple(choices), tuple(diagnostics))


def _choose(section: SectionText, spec: Template, host: PluginHost, diagnostics: list[Diagnostic]) -> _TableChoice:
    """The layouts' competition for one section. (A function of its own, so that the
    losers' readings are freed before the next section is read.)"""
    named, errors = host.named_candidates(section, spec)
    diagnostics.extend(errors)
    ranked = [entry for entry in scored(named, section.key, spec.id) if entry[0] > 0]
    winner = None
    if ranked:
        confidence, plugin, best = ranked[0]
        winner = best.stamped(plugin=plugin, confidence=confidence)
    else:
        diagnostics.append(Diagnostic("parse", f"no layout plugin could read section {section.key}"))
    alternatives = tuple(Alternative(plugin, confidence, c.evidence.cells_read) for confidence, plugin, c in ranked[1:])
    return _TableChoice(section.key, winner, alternatives, section.first_line, section.last_line)


def _prose(segmentation: Segmentation) -> Prose:
    texts = {}
    for key in PROSE_SECTION_KEYS:
        section = segmentation.get(key)
        texts[key] = section.text.strip("\n") if section is not None and section.text.strip() else None
    return Prose(**texts)


def _provenance(document: Document, reading: _TemplateReading, host: PluginHost) -> Provenance:
    sections = tuple(
        SectionProvenance(
            choice.section,
            reading.template_id,
            choice.winner.plugin if choice.winner else None,
            choice.winner.confidence if choice.winner else 0.0,
            choice.first_line,
            choice.last_line,
            choice.alternatives,
        )
        for choice in reading.tables
    )
    unplaced: tuple[UnplacedRow, ...] = tuple(
        row for choice in reading.tables if choice.winner for row in choice.winner.unplaced
    )
    return Provenance(
        source=document.name,
        encoding=document.encoding,
        reader=document.reader,
        segmenter=host.first_impl_name("govinfo_segment_document"),
        sections=sections,
        unplaced=unplaced,
        diagnostics=reading.diagnostics,
    )


def parse_document(document: Document, *, host: PluginHost | None = None, infer: bool = True) -> Report:
    """Parse a document already read: segment, let the layouts compete, assemble, infer.

    ``infer=False`` skips the identities stage (:func:`govinfo.inference.infer`): unplaced
    rows and missing cells are then left exactly as the layouts read them. (Meanwhile the
    garbage collector passes less often: :mod:`govinfo.collector`.)
    """
    with fewer_collections():
        return _parse_document(document, host or default_host(), infer)


def _parse_document(document: Document, host: PluginHost, infer: bool) -> Report:
    segmentation = host.segment_document(document) or Segmentation((), preamble=document.lines)
    # the template is told by the tables' own words: prose may name the other template's items
    table_text = "\n".join(s.text for s in segmentation.sections if s.key in TABLE_SECTION_KEYS)
    readings = [_read_tables(segmentation, tid, host) for tid in detect_templates(table_text or document.text)]
    reading = max(readings, key=lambda r: r.score)  # max keeps the first (likeliest) on ties
    if reading.score == 0 and len(segmentation.sections) < 3:
        raise NotAReportError(
            "no report tables and fewer than three report sections found: "
            "this is not a government information disclosure annual report"
        )
    cells: dict[str, Cell] = empty_cells(reading.template_id)
    template_size = len(cells)
    for choice in reading.tables:
        if choice.winner is not None:
            cells.update(choice.winner.cells)
    if len(cells) != template_size:
        # a layout's cells are the template's; a third party's may stray: only those are dropped
        # (told by the count, not a key-by-key test of every table's cells)
        known = set(template(reading.template_id).cell_keys())
        cells = {key: cell for key, cell in cells.items() if key in known}
    meta = extract_meta(
        segmentation.preamble, segmentation.trailer, reading.template_id, document.title, document.info
    )
    report = Report(meta=meta, cells=cells, text=_prose(segmentation), provenance=_provenance(document, reading, host))
    return infer_report(report) if infer else report
