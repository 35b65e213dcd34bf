"""Model text made safe for a terminal: no escape sequences, no control characters.

A model (or a server) can write ``ESC [2J``, an OSC 52 clipboard write, an OSC 8
link or a title change; printed as is, that text would act on the user's
terminal instead of being read. Plain CLI output therefore drops complete
escape sequences (CSI, OSC, DCS/PM/APC/SOS strings and two-character escapes)
and then every remaining C0/C1 control character except newline and tab. Text
streams in pieces: a sequence cut between two pieces loses its ESC in the
first, and what arrives in the second is inert printable text.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]            # CSI … final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c)  # OSC/DCS/SOS/PM/APC … terminator
    | \x1b[\x20-\x2f]*[\x30-\x7e]                                  # two-character (nF/Fp/Fe/Fs) escapes
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_terminal_controls(text: str) -> str:
    """``text`` without escape sequences and control characters (``\\n`` and ``\\t`` stay)."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
