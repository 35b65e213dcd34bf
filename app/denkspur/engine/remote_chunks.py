"""Validated parsing of an OpenAI-compatible server's stream chunks.

A server's reply is untrusted: anything that is not the documented shape (a
``choices`` that is not a list, a ``null`` choice, a string where a delta
object belongs, text that is not a string) ends the generation with a typed
``bad-response`` error instead of an ``AttributeError`` deep in the client.
Optional extras that do not matter for the reply (``usage``) are ignored when
malformed. All text is cleaned of lone surrogates here, before it reaches the
stream, the store or a terminal; server text in error messages is capped.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from denkspur.core.text.clean import capped, clean_text
from denkspur.core.trace.signals import TOP_K, TokenSignal, finite_number
from denkspur.engine.errors import EngineError
from denkspur.engine.protocol import TokenUsage

#: The most characters of a server's own words kept in an error message.
SERVER_TEXT_LIMIT = 2_000
REASONING_FIELDS = ("reasoning_content", "reasoning", "thinking")
#: The most token records one chunk's ``logprobs`` may give (more are dropped).
MAX_LOGPROB_TOKENS = 4096


class RemoteError(EngineError):
    """A remote server failed a request; ``kind`` says how (for the UI and the CLI's JSON).

    Text quoted from the server is part of ``message`` as plain data (shown as plain
    text, never markup) and capped at :data:`SERVER_TEXT_LIMIT` characters.
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class ChoiceDelta:
    """What one choice of one chunk adds: reasoning text, answer text, a finish reason."""

    reasoning: str = ""
    content: str = ""
    finish_reason: str | None = None
    #: Per-token signals from ``logprobs.content`` (None: the chunk had none).
    signals: tuple[TokenSignal, ...] | None = None


@dataclass(frozen=True)
class Chunk:
    choices: tuple[ChoiceDelta, ...]
    prompt_tokens: int | None = None
    #: The server's count of the reply's tokens (``usage``, usually in the last chunk).
    usage: TokenUsage | None = None


def server_text(value: object, limit: int = SERVER_TEXT_LIMIT) -> str:
    """A server-sent value as capped, clean plain text for a message."""
    if not isinstance(value, str):
        try:
            value = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            value = repr(value)
    return capped(clean_text(value), limit)


def bad_response(what: str, data: str) -> RemoteError:
    return RemoteError("bad-response", f"the server sent {what}: {server_text(data, 80)!r}")


def parse_chunk(data: str) -> Chunk:
    """One SSE ``data`` payload as a :class:`Chunk`; raises :class:`RemoteError`."""
    try:
        chunk = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise bad_response("something that is not JSON", data) from error
    if not isinstance(chunk, dict):
        raise bad_response("an unexpected chunk", data)
    if "error" in chunk:
        reported = chunk["error"]
        detail = reported.get("message", reported) if isinstance(reported, dict) else reported
        raise RemoteError("server", f"the server reported an error: {server_text(detail)}")
    choices = chunk.get("choices")
    if choices is None:
        choices = []
    if not isinstance(choices, list):
        raise bad_response("a chunk whose 'choices' is not a list", data)
    usage = chunk.get("usage")
    usage = usage if isinstance(usage, dict) else {}
    return Chunk(tuple(_parse_choice(choice, data) for choice in choices), _count(usage, "prompt_tokens"),
                 _usage(usage))


def _parse_choice(choice: object, data: str) -> ChoiceDelta:
    if not isinstance(choice, dict):
        raise bad_response("a choice that is not an object", data)
    delta = choice.get("delta")
    if delta is None:
        delta = {}
    if not isinstance(delta, dict):
        raise bad_response("a delta that is not an object", data)
    # Some servers send the same text under two names: the first non-empty one counts.
    reasoning = next((text for text in (_text(delta, name, data) for name in REASONING_FIELDS) if text), "")
    finish = choice.get("finish_reason")
    return ChoiceDelta(reasoning, _text(delta, "content", data), finish if isinstance(finish, str) else None,
                       _signals(choice.get("logprobs")))


def _signals(logprobs: object) -> tuple[TokenSignal, ...] | None:
    """``choices[i].logprobs.content`` (OpenAI's shape; llama-server and vLLM send it) as signals.

    Servers give only the top-k log-probabilities, so ``entropy`` here is
    -sum(p ln p) over the alternatives sent (up to :data:`TOP_K`): a lower bound of
    the full-vocabulary entropy the local engine reports. Malformed entries are
    skipped: signals are an extra and never fail a reply.
    """
    content = logprobs.get("content") if isinstance(logprobs, dict) else None
    if not isinstance(content, list):
        return None
    signals: list[TokenSignal] = []
    for entry in content[:MAX_LOGPROB_TOKENS]:
        if not isinstance(entry, dict):
            continue
        token, logprob = entry.get("token"), entry.get("logprob")
        if not isinstance(token, str) or not finite_number(logprob):
            continue
        top: list[tuple[str, float]] = []
        alternatives = entry.get("top_logprobs")
        for alternative in alternatives if isinstance(alternatives, list) else ():
            if isinstance(alternative, dict) and isinstance(alternative.get("token"), str) \
                    and finite_number(alternative.get("logprob")):
                top.append((clean_text(alternative["token"]), math.exp(min(0.0, alternative["logprob"]))))
        top = sorted(top, key=lambda pair: -pair[1])[:TOP_K]
        entropy = -math.fsum(prob * math.log(prob) for _text, prob in top if prob > 0)
        signals.append(TokenSignal(clean_text(token), min(0.0, float(logprob)), max(0.0, entropy),
                                   tuple(top)))
    return tuple(signals)


def _text(delta: dict[str, object], name: str, data: str) -> str:
    value = delta.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise bad_response(f"a '{name}' that is not text", data)
    return clean_text(value)


#: The largest token count a server may report and be believed (no context holds a billion).
MAX_TOKEN_COUNT = 1_000_000_000


def _usage(usage: dict[str, object]) -> TokenUsage | None:
    """The reply's token counts from ``usage``, when it gives a sane ``completion_tokens``."""
    completion = _count(usage, "completion_tokens")
    if completion is None:
        return None
    details = usage.get("completion_tokens_details")
    reasoning = _count(details, "reasoning_tokens") if isinstance(details, dict) else None
    return TokenUsage(completion, reasoning if reasoning is not None and reasoning <= completion else None)


def _count(usage: dict[str, object], name: str) -> int | None:
    """A token count from ``usage``, if it is a sane one (these are only statistics)."""
    value = usage.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_TOKEN_COUNT:
        return None
    return value
