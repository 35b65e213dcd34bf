"""Entry point: no arguments start the desktop app, anything else is the CLI."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # In a frozen (PyInstaller) app the engine child is this same executable:
    # freeze_support() turns such a start into the child and never returns there.
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("gui", "--self-test"):
        from denkspur.gui.launch import launch

        return launch(args[1:] if args and args[0] == "gui" else args)
    from denkspur.cli.entry import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
