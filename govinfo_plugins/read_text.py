"""Reader for plain text (.txt, .md): UTF-8 with or without BOM, UTF-16, GB18030/GBK."""

from __future__ import annotations

import govinfo
from govinfo import Document, Source, hookimpl


@hookimpl(trylast=True)
def govinfo_read_document(source: Source) -> Document | None:
    text, encoding = govinfo.decode_text(source.data)
    return Document(govinfo.normalize_document_text(text), name=source.name, encoding=encoding, reader="read_text")
