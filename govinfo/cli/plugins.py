"""``govinfo plugins``: the installed readers, segmenters, layouts, renderers and rules."""

from __future__ import annotations

import argparse
import importlib
import json
from typing import Any

import govinfo
from govinfo.cli import EXIT_OK

#: What each hook makes a plugin, in the order they are listed.
ROLES: tuple[tuple[str, str], ...] = (
    ("govinfo_read_document", "reader"),
    ("govinfo_segment_document", "segmenter"),
    ("govinfo_parse_section", "layout"),
    ("govinfo_render_section", "renderer"),
    ("govinfo_validation_rules", "rules"),
)


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser("plugins", help="list installed plugins (readers, layouts, renderers, rules)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def _rules() -> list[str]:
    """Every validation rule (built-in and the plugins'), as ``id (severity)``."""
    # the module, not the function govinfo.validate that shadows it as an attribute
    try:
        validation = importlib.import_module("govinfo.validate")
    except ModuleNotFoundError:  # a build without the validator
        return []
    return [f"{rule.id} ({rule.severity.value})" for rule in validation.list_rules()]


def listing() -> dict[str, Any]:
    """What ``govinfo plugins --format json`` prints."""
    host = govinfo.default_host()
    plugins = []
    for info in host.plugins():
        roles = [role for hook, role in ROLES if hook in info.hooks]
        plugins.append({
            "name": info.name,
            "roles": roles,
            "version": info.version or (govinfo.__version__ if info.builtin else None),
            "origin": "built-in" if info.builtin else "entry point",
        })
    return {
        "govinfo": govinfo.__version__,
        "schema_version": govinfo.SCHEMA_VERSION,
        "plugins": plugins,
        "layouts": host.layouts(),
        "renderers": host.renderers(),
        "rules": _rules(),
    }


def run(args: argparse.Namespace) -> int:
    data = listing()
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"govinfo {data['govinfo']} (canonical schema {data['schema_version']})")
    width = max((len(p["name"]) for p in data["plugins"]), default=4)
    for plugin in data["plugins"]:
        roles = ", ".join(plugin["roles"]) or "-"
        print(f"  {plugin['name']:<{width}}  {plugin['version'] or '?':<8}  {plugin['origin']:<11}  {roles}")
    print(f"layouts:   {', '.join(data['layouts']) or '-'}")
    print(f"renderers: {', '.join(data['renderers']) or '-'}")
    print(f"rules:     {', '.join(data['rules']) or '-'}")
    return EXIT_OK
