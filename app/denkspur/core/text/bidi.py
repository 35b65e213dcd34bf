"""Text-direction controls in outside text: shown, never obeyed.

Unicode's explicit direction controls (U+202A–U+202E embeddings and overrides,
U+2066–U+2069 isolates, and the marks U+200E, U+200F, U+061C) change the order
in which the characters *around* them are displayed. In model output, a server's
model name or a conversation title they make the screen show something other
than what was written: an override reverses "2+3=5" into "5=3+2", and a title or
a trace step can pose as something else (the "Trojan Source" trick).

Denkspur keeps these characters (the store, exports and Copy give exactly what
was written: the trace is shown faithfully, and that includes showing that they
are there) but never lets them act. Two ways, by where the text is shown:

* :func:`visible_bidi`, for labels, list entries, tooltips and rendered
  Markdown: each control becomes a readable marker, ``⟨U+202E⟩``. Those show
  outside text as plain strings, where a longer marker costs nothing.
* :func:`with_stand_ins`, for the trace view and the confidence view (steps,
  sentences, the map and the notes all point into the trace by character
  offset): each control becomes one visible character, :data:`STAND_IN`, so
  that every offset stays valid; the view sets it in a distinct format with a
  tooltip naming the control (:func:`control_name`), and its Copy maps back
  to the source.

Neither leaves an effect behind: the markers and the stand-in are ordinary,
direction-neutral characters, so nothing is embedded, overridden or isolated.
(Neutralising the controls per paragraph instead would hide that they are there,
and Qt offers no way to lay out a paragraph with them ignored.)
"""

from __future__ import annotations

import re

#: Every explicit bidirectional formatting character, with its Unicode name.
BIDI_CONTROLS: dict[str, str] = {
    "\u061c": "ARABIC LETTER MARK",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
BIDI_PATTERN = re.compile("[" + "".join(BIDI_CONTROLS) + "]")
#: Characters that show as nothing or as an empty box: the C0 controls but tab, line feed and
#: carriage return, DEL, and the C1 controls. A model writes them now and then (byte tokens),
#: and every character of a trace is to be seen: they are shown like the direction controls.
INVISIBLE_CONTROLS = "".join(map(chr, (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                       *range(0x7F, 0xA0))))
#: Every character that is shown by a marker or a stand-in instead of itself.
SHOWN_PATTERN = re.compile("[" + "".join(BIDI_CONTROLS) + re.escape(INVISIBLE_CONTROLS) + "]")

#: The one character a text view shows in place of a control (offsets stay as they are).
STAND_IN = "◆"
#: For ``str.translate``: every control to :data:`STAND_IN`.
STAND_INS = {ord(char): STAND_IN for char in (*BIDI_CONTROLS, *INVISIBLE_CONTROLS)}


def marker(char: str) -> str:
    """The readable marker of one control: ``⟨U+202E⟩``."""
    return f"⟨U+{ord(char):04X}⟩"


def control_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE`` (for tooltips); ``U+0007`` for the controls without a direction."""
    return f"U+{ord(char):04X} {BIDI_CONTROLS.get(char, '')}".rstrip()


def visible_bidi(text: str) -> str:
    """``text`` with every direction control (and invisible control) shown as its marker (and
    acting no more)."""
    if SHOWN_PATTERN.search(text) is None:  # the common case: no copy
        return text
    return SHOWN_PATTERN.sub(lambda match: marker(match.group()), text)


def with_stand_ins(text: str) -> str:
    """``text`` with every direction control (and invisible control) replaced by :data:`STAND_IN`
    (same length); ``text`` itself (the same object) when it has none."""
    if SHOWN_PATTERN.search(text) is None:
        return text
    return text.translate(STAND_INS)
