"""The govinfo command line: parse, check, batch, render, plugins.

Each command lives in its own module of this package, exposing ``register(commands)``
which adds its subparser and sets ``run``; :data:`COMMANDS` lists them in help order.
Exit codes: 0 ok, 1 findings with errors (check), 2 usage or input errors.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Sequence

import govinfo
from govinfo.errors import InputError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

#: Command modules, in the order ``govinfo --help`` lists them.
COMMANDS: tuple[str, ...] = ("parse", "check", "batch", "render", "plugins")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govinfo", description=__doc__)
    parser.add_argument("--version", action="version", version=f"govinfo {govinfo.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(f"govinfo.cli.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # A damaged PDF makes pdfminer log its own warnings; govinfo already reports each
    # input's problem in one line, so keep the library's chatter off the terminal.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return args.run(args)
    except InputError as error:
        print(f"govinfo: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
