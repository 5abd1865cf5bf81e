"""The architecture rules of DESIGN.md, held by tests.

* ``govinfo`` (the core) never imports ``govinfo_plugins``;
* ``govinfo_plugins`` uses only the names ``govinfo`` exports, like a third party.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import govinfo

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, tuple(alias.name for alias in node.names)))
    return found


def test_core_never_imports_the_builtin_plugins() -> None:
    for path in (ROOT / "govinfo").rglob("*.py"):
        for module, _ in _imports(path):
            assert not module.startswith("govinfo_plugins"), f"{path.name} imports {module}"


def test_plugins_use_only_the_public_api() -> None:
    public = set(govinfo.__all__)
    for path in (ROOT / "govinfo_plugins").rglob("*.py"):
        for module, names in _imports(path):
            if module == "govinfo":
                assert set(names) <= public, f"{path.name}: {set(names) - public} are not public"
            else:
                assert not module.startswith("govinfo."), f"{path.name} reaches into {module}"
                assert not module.startswith("govinfo_plugins"), f"{path.name} imports another plugin"


def test_public_names_exist() -> None:
    for name in govinfo.__all__:
        assert hasattr(govinfo, name), name


def test_a_built_package_holds_every_subpackage() -> None:
    """A wheel (not only an editable install) ships every package of the tree: setuptools
    finds packages by the include patterns of pyproject.toml, and ``govinfo`` alone would
    leave ``govinfo.cli`` out, and the ``govinfo`` command with it."""
    tomllib = pytest.importorskip("tomllib")
    setuptools = pytest.importorskip("setuptools")
    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    found = set(setuptools.find_packages(where=str(root), include=include))
    tree = {
        ".".join(init.parent.relative_to(root).parts)
        for top in ("govinfo", "govinfo_plugins")
        for init in (root / top).rglob("__init__.py")
    }
    assert tree <= found and "govinfo.cli" in found
