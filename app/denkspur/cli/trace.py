"""``denkspur trace split``: raw model output into trace, answer, steps and statistics (JSON).

The JSON shape is a contract (extend, never rename): see the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from denkspur.cli.exit_codes import EXIT_FAILED, EXIT_OK


def run_trace(args: argparse.Namespace) -> int:
    from denkspur.core.trace.stream import split_text

    try:
        raw = _read_input(args.file, sys.stdin)
    except OSError as error:
        print(f"denkspur: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED
    result = split_text(raw, assume_open=args.assume_open)
    json.dump(result.to_dict(), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK


def _read_input(name: str, stdin: TextIO) -> str:
    if name == "-":
        return stdin.read()
    return Path(name).read_text(encoding="utf-8", errors="replace")
