"""Turning bytes into text: encoding detection and line normalization for text readers."""

from __future__ import annotations

import codecs
import re

from govinfo.errors import BinaryInputError, EmptyInputError, EncodingError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Tried in order on text without a byte-order mark. GB18030 is a superset of GBK/GB2312.
FALLBACK_ENCODINGS = ("utf-8", "gb18030")
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
#: The characters of _CONTROL, as a pattern and as bytes (for the two binary tests).
_CONTROL_CHAR = re.compile("[" + re.escape("".join(map(chr, sorted(_CONTROL)))) + "]")
_CONTROL_BYTES = bytes(sorted(_CONTROL))
#: The characters of a text the binary test looks at: its start.
_BINARY_SAMPLE = 8192


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4 or 0 not in sample:  # (no NUL at all: one C search, as for most text)
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:_BINARY_SAMPLE]
    controls = len(_CONTROL_CHAR.findall(sample))  # a C scan: this runs on every input
    return "\x00" in sample or controls > len(sample) * 0.01


def _looks_binary_bytes(data: bytes, text: str) -> bool:
    """``_looks_binary(text)`` for a text decoded from ``data`` as UTF-8 or GB18030.

    In both, a control character is one byte of its own and no byte of any other
    character is below 0x20: a text within the sample has as many as its bytes, counted
    by one C pass over them (a regular expression over the text takes twice as long).
    """
    if len(text) > _BINARY_SAMPLE:
        return _looks_binary(text)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return b"\x00" in data or controls > len(text) * 0.01


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes: (text, encoding name).

    UTF-8 (with or without BOM), UTF-16 (with BOM, or detected without), GB18030/GBK.
    Raises :class:`EmptyInputError`, :class:`BinaryInputError` or :class:`EncodingError`.
    """
    if not data or data.isspace():  # (not data.strip(): a copy of the whole input)
        raise EmptyInputError("the input is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(data, utf16)
    if b"\x00" in data[:8192]:
        raise BinaryInputError("the input is binary data (NUL bytes), not text")
    for encoding in FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary_bytes(data, text):
            raise BinaryInputError("the input is binary data (control characters), not text")
        return text, encoding
    raise EncodingError("the input is not UTF-8, UTF-16 or GB18030/GBK text")


def _decode(data: bytes, encoding: str) -> tuple[str, str]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(f"the input is not valid {encoding}: {error.reason} at byte {error.start}") from None
    if not text.strip():
        raise EmptyInputError("the input is empty")
    if _looks_binary(text):
        raise BinaryInputError("the input is binary data, not text")
    return text, encoding.replace("-sig", "")


def normalize_document_text(text: str) -> str:
    """One line ending, no NULs or BOMs; everything else stays as printed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
