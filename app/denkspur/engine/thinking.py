"""What the engine writes into a model's thinking on the user's behalf, and where.

Shared by the local engine child and the remote client (which has no llama.cpp):
the bridge that ends the thinking ("answer now", the thinking budget), the cue of
"think longer", and the test for the end of a sentence, where the bridge comes.
"""

from __future__ import annotations

import re

from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG

#: What "answer now" and the thinking budget write into the model's output, once the
#: model has finished its sentence: a short bridge in its voice, then the close.
BRIDGE = "\n\nOkay, I'll answer now.\n" + CLOSE_TAG
#: What "think longer" writes instead of the model's own close of its thinking.
CONTINUE_CUE = "\n\nWait,"
#: Tokens the model may still write to end its sentence before the bridge comes anyway.
SENTENCE_GRACE = 48
_SENTENCE_END = re.compile(r"(?:[.!?][\"')\]*]?\s*|:\s*\n|\n)$")


def at_sentence_end(text: str) -> bool:
    """Whether trace text ends where a sentence does.

    Without the next token a decimal point ("3.") looks the same; the bridge then
    comes one number early, which is rare and harmless next to cutting a word.
    """
    return bool(_SENTENCE_END.search(text))


def continued_reply(trace: str, answer: str | None = None) -> str:
    """A reply that starts with ``trace`` (and, when the thinking had closed, ``answer``), written out
    with its tags, for a server's assistant prefill: the model continues right after it."""
    text = f"{OPEN_TAG}\n{trace}"
    return text if answer is None else f"{text}\n{CLOSE_TAG}\n\n{answer}"
