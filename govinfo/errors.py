"""govinfo's exceptions: every failure a caller can meet is one of these."""

from __future__ import annotations


class GovinfoError(Exception):
    """Base class of every error govinfo raises on purpose."""


class InputError(GovinfoError):
    """The input cannot be read as a report (the CLI exits 2 on it)."""


class EmptyInputError(InputError):
    """The input has no bytes, or only white space."""


class BinaryInputError(InputError):
    """The input is binary data, not text or a document format govinfo reads."""


class EncodingError(InputError):
    """The input's bytes decode in none of the encodings govinfo knows."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class UnsupportedFormatError(InputError):
    """The input is a format no installed reader handles (e.g. PDF without the pdf extra)."""


class NoTextLayerError(InputError):
    """A PDF whose pages carry no text (a scan): it needs OCR first."""


class DamagedFileError(InputError):
    """A document file (PDF, DOCX) that is truncated or corrupt: its structure cannot be read."""


class EncryptedFileError(InputError):
    """A password-protected document: decrypt it first."""


class NotAReportError(InputError):
    """The text reads, but is not a government information disclosure annual report."""


class PluginError(GovinfoError):
    """A plugin failed; in strict mode the original error is chained."""

    def __init__(self, plugin: str, hook: str, error: BaseException) -> None:
        super().__init__(f"plugin {plugin!r} failed in {hook}: {type(error).__name__}: {error}")
        self.plugin = plugin
        self.hook = hook


class WorkerStartError(GovinfoError):
    """A batch's worker processes cannot start, so none of its files could be read in them.

    The usual cause: a script that runs a batch with several jobs without guarding its
    entry point with ``if __name__ == "__main__":``, so each worker, importing the script,
    starts the batch again.
    """


class SchemaError(GovinfoError):
    """Canonical JSON that does not match the schema (unknown keys, wrong types)."""


class RuleError(GovinfoError):
    """A validation rule is malformed, its id is not unique, or an unknown rule id was named."""


class SeriesError(InputError):
    """Reports given as one agency's series are not one (two agencies, a year twice, no year)."""
