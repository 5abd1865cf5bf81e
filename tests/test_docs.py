"""The docs stay true: generated reference current, every hook documented and tested, examples run.

- docs/data-model.md and docs/validation.md hold regions generated from the code by
  docs/gen_reference.py; they must equal what the code generates now.
- docs/hooks.md has one section per hook of govinfo/hookspecs.py, headed by its exact
  signature; every hook has a test named ``test_hook_<hook name>`` somewhere in tests/.
- The code of the Quickstart and Embedding pages runs, in order, in a folder holding the
  seed reports as ``examples/``: ``pycon`` blocks as doctests (their printed results are
  checked), ``python`` blocks as scripts, ``$ govinfo ...`` lines as commands.
- The plugin guide's files are the files of examples/plugin/, verbatim.
"""

from __future__ import annotations

import doctest
import glob
import importlib.util
import inspect
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import govinfo
from govinfo import hookspecs

from conftest import SEEDS
from docs_helpers import DOCS, code_blocks, hook_sections

ROOT = DOCS.parent
TESTS = Path(__file__).resolve().parent


def _gen_reference():
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- generated reference

def test_generated_reference_is_current() -> None:
    stale = _gen_reference().stale_pages()
    assert not stale, f"{stale} differ from the code: run python docs/gen_reference.py and commit"


def test_data_model_lists_every_key_and_status() -> None:
    page = (DOCS / "data-model.md").read_text(encoding="utf-8")
    for template_id in govinfo.TEMPLATES:
        for key in govinfo.flat_keys(template_id):
            assert f"`{key}`" in page, key
    for status in govinfo.Status:
        assert f"| `{status.value}` |" in page, status
    assert f'"schema_version": {govinfo.SCHEMA_VERSION}' in page


def test_validation_page_documents_every_rule_with_an_example() -> None:
    validation = importlib.import_module("govinfo.validate")
    page = (DOCS / "validation.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", page, flags=re.MULTILINE)
    ids = [rule.id for rule in validation.BUILTIN_RULES] + list(validation.SERIES_RULE_IDS)
    for rule_id in ids:
        (section,) = [s for s in sections if s.startswith(f"`{rule_id}`\n")]
        assert "Example — " in section and "```text" in section, rule_id
    for template_id in govinfo.TEMPLATES:
        for identity in importlib.import_module("govinfo.identities").identities(template_id):
            assert f"`{identity.id}`" in page, identity.id


# --------------------------------------------------------------------------- hooks

def _hook_names() -> list[str]:
    return sorted(name for name in dir(hookspecs) if name.startswith("govinfo_"))


def _signature(name: str) -> str:
    """``name(arg: Type, ...) -> Return``, the annotations as written in hookspecs.py."""
    signature = inspect.signature(getattr(hookspecs, name))

    def plain(annotation: object) -> str:
        return str(annotation).strip("'\"")

    params = ", ".join(f"{p.name}: {plain(p.annotation)}" for p in signature.parameters.values())
    return f"{name}({params}) -> {plain(signature.return_annotation)}"


def test_every_hook_has_a_section_headed_by_its_exact_signature() -> None:
    sections = hook_sections()
    assert sorted(sections) == _hook_names(), "docs/hooks.md sections differ from the hooks of govinfo/hookspecs.py"
    for name, (heading, body) in sections.items():
        assert heading == _signature(name), f"docs/hooks.md heading for {name} is not its signature"
        for part in ("**Arguments.**", "**Return.**", "**Combined.**", "**Example"):
            assert part in body, f"the {name} section has no {part}"
        assert code_blocks("hooks.md", "python", text=body), f"the {name} section has no Python example"


def test_every_hook_has_a_test() -> None:
    sources = "\n".join(path.read_text(encoding="utf-8") for path in TESTS.rglob("*.py"))
    untested = [name for name in _hook_names() if not re.search(rf"^def test_hook_{name}\(", sources, re.MULTILINE)]
    assert not untested, f"hooks without a test_hook_<name> test: {untested}"


# --------------------------------------------------------------------------- the pages' code runs

def _workspace(tmp_path: Path) -> Path:
    examples = tmp_path / "examples"
    examples.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, examples / seed.name)
    return tmp_path


def _imports_available(source: str) -> bool:
    modules = re.findall(r"^(?:import|from) (\w+)", source, re.MULTILINE)
    return all(importlib.util.find_spec(module) is not None for module in modules)


def _run_console(body: str, cwd: Path) -> None:
    for line in body.splitlines():
        if not line.startswith("$ govinfo "):
            continue
        argv = []
        for word in shlex.split(line[len("$ govinfo ") :].split("  #")[0]):
            argv += sorted(glob.glob(word, root_dir=cwd)) if "*" in word else [word]
        done = subprocess.run(
            [sys.executable, "-c", "import sys, govinfo.cli; sys.exit(govinfo.cli.main())", *argv],
            cwd=cwd, capture_output=True, text=True, timeout=300,
        )
        allowed = (0, 1) if argv[0] == "check" else (0,)  # check exits 1 when it finds errors
        assert done.returncode in allowed, f"{line!r} exited {done.returncode}:\n{done.stderr[-2000:]}"


def _run_page(page: str, cwd: Path) -> int:
    """Run a page's code in order; returns how many blocks ran."""
    ran = 0
    globs: dict[str, object] = {}
    parser = doctest.DocTestParser()
    for index, (lang, body) in enumerate(code_blocks(page)):
        if lang == "pycon":
            test = parser.get_doctest(body, globs, f"{page}[{index}]", page, 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            output: list[str] = []
            previous = os.getcwd()
            os.chdir(cwd)
            try:
                result = runner.run(test, out=output.append, clear_globs=False)
            finally:
                os.chdir(previous)
            globs.update(test.globs)  # a DocTest works on a copy: carry names to the next block
            assert result.failed == 0, "".join(output)
        elif lang == "python":
            if not _imports_available(body):
                continue  # e.g. pandas or duckdb not installed here
            script = cwd / f"_{page}_{index}.py"
            script.write_text(body, encoding="utf-8")
            done = subprocess.run([sys.executable, script.name], cwd=cwd, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{page} block {index} failed:\n{body}\n{done.stderr[-3000:]}"
        elif lang == "console":
            _run_console(body, cwd)
        else:
            continue
        ran += 1
    return ran


@pytest.mark.parametrize("page", ["quickstart.md", "embedding.md"])
def test_page_examples_run(page: str, tmp_path: Path) -> None:
    assert _run_page(page, _workspace(tmp_path)) >= 3


# --------------------------------------------------------------------------- the plugin guide

def test_plugin_guide_shows_the_example_package_verbatim() -> None:
    guide = (DOCS / "writing-a-plugin.md").read_text(encoding="utf-8")
    blocks = [body for _, body in code_blocks("writing-a-plugin.md")]
    plugin = ROOT / "examples" / "plugin"
    for relative in (
        "pyproject.toml",
        "src/govinfo_semicolon/__init__.py",
        "tests/conftest.py",
        "tests/test_semicolon_table.py",
    ):
        assert (plugin / relative).read_text(encoding="utf-8") in blocks, f"the guide does not show {relative} as it is"
    assert f"[project.entry-points.{govinfo.ENTRY_POINT_GROUP}]" in guide


def test_docs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")  # the docs extra; CI also builds the site after the tests
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
