"""Normalization rules: width, punctuation, whitespace, labels and numbers.

Every parser, renderer and validator normalizes through these functions, so one
spelling of a rule exists. Regular expressions are compiled once, here, and each is
linear-time on any input (the regex guard in ``tests/test_robustness.py`` holds them to it).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum
import functools
from functools import lru_cache
from typing import Any, Callable, Iterable, TypeVar

import attrs

from govinfo.template import NOT_APPLICABLE_MARKS, ValueKind

# --------------------------------------------------------------------------- width & space

_SPACES = re.compile(r"[ \u00a0\u3000\u2002-\u200b\ufeff]+")


# Characters whose NFKC form is one ASCII character: the full-width forms and the wide
# spaces. Chinese text is full of them (，（）：；), and unicodedata.normalize is slow on
# long text that has any; swapping them first leaves most text already normalized.
_WIDE = re.compile("[\uff01-\uff5e\u3000\u00a0\u2000-\u200a]+")
_NARROW = {code: 0x20 if code < 0xff01 else code - 0xfee0 for code in (*range(0xff01, 0xff5f), 0x3000, 0xa0, *range(0x2000, 0x200b))}


#: The commonest of them, swapped by plain str.replace (much cheaper than a regex callback).
_COMMON_WIDE = tuple((char, chr(_NARROW[ord(char)])) for char in "，（）：；？！％\u3000")


def _narrow(match: re.Match[str]) -> str:
    return match.group().translate(_NARROW)


def nfkc(text: str) -> str:
    """Full-width letters, digits and brackets to their half-width forms (Unicode NFKC).

    Exactly ``unicodedata.normalize("NFKC", text)``: a character replaced by its own
    compatibility form first cannot change the normalized result, and what is left is
    normalized by unicodedata unless it is normalized already.
    """
    if text.isascii():
        return text
    for wide, narrow in _COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _WIDE.sub(_narrow, text)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def collapse_spaces(text: str) -> str:
    """Runs of (any width of) spaces to one ASCII space, ends stripped."""
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------- page furniture

_FURNITURE = re.compile(
    r"^\s*(?:[-—_*=]{3,}|[(（]此页无正文[)）]|[-—]\s*\d{1,3}\s*[-—]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$"
)


def is_page_furniture(line: str) -> bool:
    """Rules, page numbers (``- 4 -``, ``第 3 页``) and ``(此页无正文)``: print, not content."""
    return bool(_FURNITURE.match(line))


# --------------------------------------------------------------------------- labels

# A leading item number: 一、 （三） (3) 3. 3、 ３．
_NUMBERING = re.compile(r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))")
# What a label keeps: letters and digits (CJK included) and the slash of 增/减.
_LABEL_DROP = re.compile(r"[^\w/]+")


F = TypeVar("F", bound=Callable[..., Any])


#: What a remembered cache keeps at most: entries, and the size of a text it keeps.
REMEMBERED_ENTRIES = 1 << 12
REMEMBERED_LONGEST = 256


def remembered(
    maxsize: int = REMEMBERED_ENTRIES, longest: int = REMEMBERED_LONGEST, size: Callable[[Any], int] = len
) -> Callable[[F], F]:
    """Memoize a pure function of a text (its first argument; the others hashable).

    Cell, label and line texts repeat endlessly across a corpus (``0``, ``规章``, a row of
    zeros): remembering them is most of govinfo's speed. The cache is bounded in entries,
    and a text whose ``size`` exceeds ``longest`` is computed, not remembered, so memory
    stays flat over any number of reports, whatever is in them.
    """

    def decorate(function: F) -> F:
        cached = lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(text: Any, *args: Any) -> Any:
            return function(text, *args) if size(text) > longest else cached(text, *args)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        #: the cache itself, for a hot loop that knows its texts are short (called from C)
        call.remembered = cached  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate


class RememberedMap(dict):  # type: ignore[type-arg]
    """A pure function of a text as a dict, for the hottest loops: ``memo[text]``.

    A text seen before is looked up from C, so a whole row is read by one
    ``map(memo.__getitem__, texts)`` with no Python call; a text not seen yet is
    computed by ``__missing__``. Bounded like :func:`remembered`: a key whose ``size``
    exceeds ``longest`` is computed but not kept, and a full map starts over.
    """

    __slots__ = ("function", "most", "longest", "size")

    def __init__(
        self,
        function: Callable[[Any], Any],
        most: int = REMEMBERED_ENTRIES,
        longest: int = REMEMBERED_LONGEST,
        size: Callable[[Any], int] = len,
    ) -> None:
        super().__init__()
        self.function = function
        self.most = most
        self.longest = longest
        self.size = size

    def __missing__(self, text: Any) -> Any:
        value = self.function(text)
        if self.size(text) <= self.longest:
            if len(self) >= self.most:
                self.clear()
            self[text] = value
        return value


def total_length(texts: Iterable[str]) -> int:
    """The characters in some texts (the ``size`` of a remembered row)."""
    return len("".join(texts))  # one C call: half what summing each text's len costs


@remembered()
def starts_with_numbering(line: str) -> bool:
    """Whether a line opens with an item number (一、 （三） 3. 3、): a heading or list item."""
    return bool(_NUMBERING.match(nfkc(line).strip()))


@remembered()
def label_key(text: str) -> str:
    """A label reduced to what identifies it: no width, spaces, punctuation or numbering.

    ``（三） 不予公开`` → ``不予公开``; ``3. 危及“三安全一稳定”`` → ``危及三安全一稳定``.
    """
    text = nfkc(text).strip()
    text = text.replace("*", "").replace("#", "").strip()
    for _ in range(2):  # 三、(一) 予以公开: two levels of numbering
        text = _NUMBERING.sub("", text.strip(), count=1)
    return _LABEL_DROP.sub("", text).replace("_", "")


def block_key(text: str) -> str:
    """Like :func:`label_key`, keeping the item number: ``（三）不予公开`` → ``(三)不予公开``."""
    return _LABEL_DROP.sub("", nfkc(text)).replace("_", "")


#: What block_key drops between two kept characters.
_DROPPED_RUN = r"(?:[^\w/]|_)*"


@lru_cache(maxsize=256)
def block_pattern(phrase: str) -> re.Pattern[str]:
    """A pattern that finds ``phrase`` in NFKC text exactly where ``block_key(phrase) in
    block_key(text)``: its kept characters, with anything block_key drops between them.

    Searching the text for it spares squeezing the whole text (a slow regex substitution
    on Chinese text) to look for a few phrases.
    """
    return re.compile(_DROPPED_RUN.join(map(re.escape, block_key(phrase))))


def phrases_found(text: str, phrases: tuple[str, ...]) -> int:
    """How many of ``phrases`` an NFKC text prints, each found by its :func:`block_pattern`.

    The count of searching for every pattern, cheaper: one search for any of them first
    (a template's markers are all absent from the other template's reports), and a phrase
    printed as written is found by a substring test, which implies its pattern's match.
    """
    any_phrase, searches = _phrase_search(phrases)
    if any_phrase.search(text) is None:
        return 0
    return sum(plain in text or pattern.search(text) is not None for plain, pattern in searches)


@lru_cache(maxsize=None)
def _phrase_search(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    patterns = [block_pattern(phrase) for phrase in phrases]
    # the patterns joined bare (none has a top-level |): every branch then opens with a
    # literal, and the engine skips the positions where none of those first characters is
    # (an empty pattern matches anywhere: "or" on the joined text would make it match nowhere)
    any_phrase = re.compile("|".join(pattern.pattern for pattern in patterns) if patterns else "(?!)")
    return any_phrase, tuple((nfkc(phrase), pattern) for phrase, pattern in zip(phrases, patterns))


# --------------------------------------------------------------------------- cell values


class ValueClass(str, Enum):
    """What a raw cell text turned out to be."""

    NUMBER = "number"
    BLANK = "blank"
    NOT_APPLICABLE = "not_applicable"
    TEXT = "text"


@attrs.frozen
class ParsedValue:
    """A raw cell text classified, with its number when it is one."""

    kind: ValueClass
    value: int | Decimal | None = None
    unit: str | None = None  #: 元 / 万元 / 件 ... when the cell carried one


_NA_SET = frozenset(NOT_APPLICABLE_MARKS)
# A number as printed in a cell: optional sign (incl. 增/减), digits with optional
# thousands separators or a split by extraction (2 0), optional decimals, optional unit.
_NUMBER = re.compile(
    r"^(?P<sign>[+\-−]|增|减|增加|减少)?\s?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+(?: \d+)*)"
    r"(?P<frac>\.\d+)?"
    r"\s?(?P<unit>万元|元|件|条|个|项|次|人次|家|份)?$"
)


@remembered()
def parse_value(raw: str) -> ParsedValue:
    """Classify one cell's text: a number, blank, not applicable, or text.

    Full-width digits, thousands separators, a unit after the number (``3件``,
    ``251000元``) and a sign written as ``+``, ``-``, ``增`` or ``减`` are understood.
    A number is never changed beyond reading it.
    """
    text = collapse_spaces(nfkc(raw))
    if not text:
        return ParsedValue(ValueClass.BLANK)
    if text in _NA_SET:
        return ParsedValue(ValueClass.NOT_APPLICABLE)
    match = _NUMBER.match(text)
    if match is None:
        return ParsedValue(ValueClass.TEXT)
    digits = match["int"].replace(",", "").replace(" ", "")
    negative = match["sign"] in ("-", "−", "减", "减少")
    try:
        number: int | Decimal = Decimal(digits + match["frac"]) if match["frac"] else int(digits)
    except (InvalidOperation, ValueError):  # pragma: no cover - the pattern admits only digits
        return ParsedValue(ValueClass.TEXT)
    return ParsedValue(ValueClass.NUMBER, -number if negative else number, match["unit"])


def is_empty_text(raw: str) -> bool:
    """True when a cell text prints nothing: empty or white space (``not raw.strip()``,
    without a copy)."""
    return not raw or raw.isspace()


def is_value_text(raw: str) -> bool:
    """True when a non-empty cell text reads as a number or a not-applicable mark."""
    kind = parse_value(raw).kind
    return kind is ValueClass.NUMBER or kind is ValueClass.NOT_APPLICABLE


def coerce(value: int | Decimal, kind: ValueKind) -> int | Decimal | None:
    """A parsed number as the column kind wants it, or None when it cannot be that.

    Counts are integers (``3.0`` is not silently made ``3``: a count printed with a
    fraction is not a count); money is a Decimal; signs are only allowed for SIGNED.
    """
    if kind is ValueKind.MONEY:
        decimal = Decimal(value)
        return decimal if decimal >= 0 else None
    if isinstance(value, Decimal):
        return None
    if value < 0 and kind is not ValueKind.SIGNED:
        return None
    return value


def format_value(value: int | Decimal | str | None) -> str:
    """A cell value as a renderer prints it (the inverse of :func:`parse_value`)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
