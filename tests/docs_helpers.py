"""Reading the docs' Markdown for the tests that keep the docs true (code blocks, hook sections)."""

from __future__ import annotations

import re
import types
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```\s*$", re.MULTILINE | re.DOTALL)
_HOOK_HEADING = re.compile(r"^## `(?P<name>govinfo_\w+)(?P<signature>\(.*\) -> .*)`\s*$", re.MULTILINE)


def code_blocks(page: str, lang: str | None = None, text: str | None = None) -> list[tuple[str, str]]:
    """(language, body) of every fenced block of a docs page (or of ``text``), in order."""
    text = text if text is not None else (DOCS / page).read_text(encoding="utf-8")
    return [(m["lang"], m["body"]) for m in _FENCE.finditer(text) if lang is None or m["lang"] == lang]


def hook_sections() -> dict[str, tuple[str, str]]:
    """hooks.md: hook name → (the signature in its heading, the section's text)."""
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    headings = list(_HOOK_HEADING.finditer(text))
    sections = {}
    for heading, following in zip(headings, headings[1:] + [None]):
        end = following.start() if following else len(text)
        sections[heading["name"]] = (heading["name"] + heading["signature"], text[heading.end() : end])
    return sections


def hook_example(hook: str) -> types.ModuleType:
    """The Python example of a hook's section in hooks.md, as a plugin module."""
    _, section = hook_sections()[hook]
    ((_, source),) = code_blocks("hooks.md", "python", text=section)
    module = types.ModuleType(f"docs_example_{hook}")
    exec(compile(source, f"docs/hooks.md ({hook})", "exec"), module.__dict__)
    return module
