"""The CLI's exit codes: 0 only on success (scripts rely on it).

Endings caused from outside follow the shell's 128 + signal number convention.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl+C: 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # the reader of stdout went away (| head): 128 + SIGPIPE
