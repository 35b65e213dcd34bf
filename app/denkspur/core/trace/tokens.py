"""Token counts without a tokenizer (for text whose tokens were not counted by the engine)."""

from __future__ import annotations

import re

_TOKEN_ESTIMATE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def estimate_tokens(text: str) -> int:
    """Rough token count for text without a tokenizer (words and punctuation)."""
    return len(_TOKEN_ESTIMATE.findall(text))
