"""The example plugin in examples/plugin/ installs like a third-party package and wins its layout.

The docs' "Writing a layout plugin" walks a reader from an empty folder to this package;
this test does what the reader does: a fresh virtual environment, ``pip install -e`` of
govinfo and of the plugin, then govinfo run there. The plugin must be discovered through
the ``govinfo`` entry-point group (never registered by hand) and must win every table of
a report printed in its layout. No network: ``--no-deps --no-index --no-build-isolation``,
and the venv sees this interpreter's packages (attrs, cattrs, pluggy, setuptools).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import govinfo

from conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "plugin"
LAYOUT = "semicolon_table"

pytestmark = pytest.mark.venv  # slow-ish (a venv, two editable installs, the plugin's tests: ~25 s); runs in CI


def _run(*command: str | os.PathLike[str], cwd: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON", "HYPOTHESIS"))}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", **extra_env)
    done = subprocess.run(
        [os.fspath(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with govinfo and the example plugin installed the way a reader installs them."""
    work = tmp_path_factory.mktemp("example-plugin")
    venv = work / "venv"
    # --without-pip: pip and setuptools come from this interpreter, so the venv cannot shadow
    # them with the older copies ensurepip bundles (and it saves seconds).
    _run(sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv, cwd=work)
    # --system-site-packages reaches the *base* interpreter's packages; when the tests run
    # inside a venv (CI does), govinfo's dependencies live in that venv, so point at it too.
    python = _venv_bin(venv, "python")
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).stdout.strip()
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "_outer_site.pth").write_text("\n".join(sorted(here)) + "\n", encoding="utf-8")
    # a copy, so the build's egg-info never lands in the repository's examples/ folder
    plugin = shutil.copytree(EXAMPLE, work / "plugin", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    pip = (python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--no-build-isolation", "-e")
    _run(*pip, ROOT, cwd=work)
    _run(*pip, plugin, cwd=work)
    return venv


def test_example_plugin_is_discovered_through_its_entry_point(venv: Path) -> None:
    script = (
        "import json, govinfo\n"
        "host = govinfo.PluginHost(strict=True)\n"
        "info = {p.name: [p.version, p.builtin, list(p.hooks)] for p in host.plugins()}\n"
        "print(json.dumps({'layouts': host.layouts(), 'renderers': host.renderers(), 'info': info}))\n"
    )
    done = _run(_venv_bin(venv, "python"), "-c", script, cwd=venv)
    listing = json.loads(done.stdout)
    assert LAYOUT in listing["layouts"] and LAYOUT in listing["renderers"]
    version, builtin, hooks = listing["info"][LAYOUT]
    assert version == "0.1.0" and builtin is False
    assert hooks == ["govinfo_parse_section", "govinfo_render_section"]


def test_example_plugin_wins_its_layout_in_the_cli(venv: Path, tmp_path: Path) -> None:
    """Print a real report in the plugin's layout; `govinfo parse` there picks the plugin."""
    seed = SEEDS[0]
    script = (
        "import sys, govinfo\n"
        "report = govinfo.parse_file(sys.argv[1])\n"
        f"sys.stdout.write(govinfo.render(report, {LAYOUT!r}))\n"
    )
    printed = _run(_venv_bin(venv, "python"), "-c", script, seed, cwd=tmp_path).stdout
    assert "规章;" in printed  # it really is the semicolon layout
    rendered = tmp_path / "semicolon.txt"
    rendered.write_text(printed, encoding="utf-8")

    done = _run(_venv_bin(venv, "govinfo"), "parse", rendered, "--provenance", cwd=tmp_path)
    data = json.loads(done.stdout)
    winners = {entry["section"]: entry["plugin"] for entry in data["provenance"]["sections"]}
    assert winners == {"active": LAYOUT, "requests": LAYOUT, "appeals": LAYOUT}
    # the same data as the original report, read by the built-ins outside the venv
    original = govinfo.parse_file(seed, host=govinfo.PluginHost(strict=True, entry_points=False))
    assert govinfo.report_from_dict(data) == original


def test_example_plugin_can_be_disabled(venv: Path, tmp_path: Path) -> None:
    script = (
        "import govinfo\n"
        f"host = govinfo.PluginHost(disabled=[{LAYOUT!r}])\n"
        f"assert {LAYOUT!r} not in host.layouts(), host.layouts()\n"
        "print('ok')\n"
    )
    assert _run(_venv_bin(venv, "python"), "-c", script, cwd=tmp_path).stdout.strip() == "ok"


def test_example_plugins_own_property_tests_pass_in_the_venv(venv: Path) -> None:
    """The guide's last step: the plugin's govinfo.testing round trips, run where it is installed."""
    plugin = venv.parent / "plugin"
    pytest_ = (_venv_bin(venv, "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests")
    # a smoke run of 5 examples per property; the plugin's own default profile is thorough
    done = _run(*pytest_, cwd=plugin, HYPOTHESIS_PROFILE="quick")
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_the_guides_commands_work_verbatim_in_the_venv(venv: Path, tmp_path: Path) -> None:
    """Section 5 of docs/writing-a-plugin.md, run as written where the plugin is installed."""
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        from docs_helpers import DOCS, code_blocks
    finally:
        sys.path.pop(0)
    guide = (DOCS / "writing-a-plugin.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 5. Install it and see it win") : guide.index("## 6. Publish")]
    (examples := tmp_path / "examples").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, examples / seed.name)
    ((_, console),) = code_blocks("", "console", text=section)
    for line in console.splitlines():
        command = line.removeprefix("$ ").split("  #")[0].split()
        if command[0] != "govinfo":
            continue  # the pip install is what the venv fixture did
        target = None
        if ">" in command:
            command, target = command[: command.index(">")], command[command.index(">") + 1]
        done = _run(_venv_bin(venv, "govinfo"), *command[1:], cwd=tmp_path)
        if target:
            (tmp_path / target).write_text(done.stdout, encoding="utf-8")
        if command[1] == "plugins":
            assert LAYOUT in done.stdout and "0.1.0" in done.stdout
        if command[1] == "parse":
            winners = {s["plugin"] for s in json.loads(done.stdout)["provenance"]["sections"]}
            assert winners == {LAYOUT}
    ((_, python),) = code_blocks("", "python", text=section)
    (tmp_path / "guide.py").write_text(python, encoding="utf-8")
    _run(_venv_bin(venv, "python"), "guide.py", cwd=tmp_path)
