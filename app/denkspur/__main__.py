"""Entry point: no arguments start the desktop app, anything else is the CLI.

Two ways out that are not failures of Denkspur are handled here, around
everything (imports included), so neither ever prints a traceback:

* Ctrl+C (SIGINT), even right after the start while modules are still being
  imported, ends with exit code 130 (128 + SIGINT), as the shell expects.
* A reader that goes away (``denkspur trace split FILE | head -1``): the broken
  pipe ends the command quietly with 141 (128 + SIGPIPE, what the shell reports
  for a process the signal ended); standard output is pointed at the null
  device so that the final flush at exit cannot complain again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from denkspur.cli.exit_codes import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED  # a module of constants only


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE


def _run(argv: Sequence[str] | None) -> int:
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

    code = cli_main(args)
    if sys.stdout is not None:
        sys.stdout.flush()  # a broken pipe shows here, inside the handler, not at exit
    return code


def _silence_stdout() -> None:
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real stdout (a frozen GUI app)
        pass


if __name__ == "__main__":
    sys.exit(main())
