"""The govinfo hooks. Their docstrings are the contract plugins are written against.

A plugin is a module or object with functions named like these hooks, decorated with
``govinfo.hookimpl``. Built-in plugins use exactly the same hooks as third parties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pluggy

if TYPE_CHECKING:
    from govinfo.model import Candidate, Document, Report, Segmentation, SectionText, Source
    from govinfo.template import Template

PROJECT = "govinfo"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def govinfo_read_document(source: "Source") -> "Document | None":
    """Turn the bytes of a source into a normalized :class:`~govinfo.model.Document`.

    Return ``None`` when the source is not a format this reader handles, so the next
    reader is asked. Raise a :class:`govinfo.errors.InputError` subclass when it is this
    reader's format but cannot be read (bad encoding, no text layer, truncated file).
    The first non-``None`` result wins; built-in readers are ``trylast`` so an installed
    reader is asked before them.
    """


@hookspec(firstresult=True)
def govinfo_segment_document(document: "Document") -> "Segmentation | None":
    """Split a document into its six sections (FORMAT.md section 1).

    Return ``None`` to let another segmenter try. The first non-``None`` result wins.
    """


@hookspec
def govinfo_parse_section(section: "SectionText", template: "Template") -> "Candidate | None":
    """Read one table section (``active``, ``requests`` or ``appeals``) as ``template``.

    Return a :class:`~govinfo.model.Candidate` with the cells found and the evidence
    for them, or ``None`` when the section is not in this plugin's layout; deciding that
    should be cheap. Every implementation is called on its own: an exception becomes a
    diagnostic naming the plugin (or is re-raised in strict mode). The host scores each
    candidate's evidence with one shared scorer and keeps the best; a plugin cannot
    raise its own confidence, only lower it through ``Evidence.fit``.
    """


@hookspec
def govinfo_render_section(section: str, report: "Report") -> "str | None":
    """Print table section ``section`` of ``report`` in this plugin's layout.

    Addressed: the host asks only the plugin whose name is the requested layout.
    Return ``None`` when the layout cannot print that section.
    """


@hookspec
def govinfo_validation_rules() -> "Sequence[object]":
    """Return validation rules to add to the built-in ones.

    Each rule is a :class:`govinfo.validate.Rule`; rule ids must be unique across all
    plugins. Results of all implementations are collected.
    """
