"""One interface for whatever produces replies: the local engine or an OpenAI-compatible server.

:class:`~denkspur.engine.client.EngineClient` and
:class:`~denkspur.engine.remote.RemoteClient` both satisfy :class:`Backend`
structurally (mypy checks it, see ``_conforms`` below); callers ask
``capabilities`` rather than checking the class.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from denkspur.engine import protocol as p

if TYPE_CHECKING:
    from denkspur.engine.client import EngineClient
    from denkspur.engine.remote import RemoteClient


class Backend(Protocol):
    """Drives one model; ``generate`` on one thread, ``cancel``/``end_thinking`` from any thread."""

    @property
    def capabilities(self) -> p.Capabilities: ...

    @property
    def ready(self) -> p.Ready | None:
        """The greeting of the running backend (``None`` before ``start``)."""

    @property
    def model(self) -> p.ModelLoaded | None:
        """The loaded model, if any."""

    @property
    def alive(self) -> bool: ...

    def start(self) -> p.Ready:
        """Start (or reach) the backend; idempotent."""

    def load(self, request: p.LoadModel, /) -> p.ModelLoaded:
        """Load a model; raises :class:`~denkspur.engine.errors.EngineError`."""

    def generate(
        self, messages: Iterable[p.ChatMessage], params: p.SamplingParams | None = None, /,
        *, trace_prefix: str = "", answer_prefix: str | None = None,
    ) -> Iterator[p.GenerationEvent]:
        """Stream one reply: ``GenerationStarted``, ``TokenText``…, ``GenerationDone``.

        ``trace_prefix``: the reply's trace starts with this text and the model
        continues it (branch from a step, steer); ``answer_prefix``: the thinking
        had closed after it and the answer starts with this ("Continue" after a
        stop). Backends that cannot raise.

        Raises :class:`~denkspur.engine.errors.EngineError` when it fails; tokens
        yielded so far stand.
        """

    def cancel(self) -> None:
        """Stop the running generation now (thread-safe; no-op when idle)."""

    def end_thinking(self) -> None:
        """"Answer now" (thread-safe); a no-op where ``capabilities.answer_now`` is false."""

    def probe(self, max_tokens: int = 96) -> None:
        """"What would it answer now?" (thread-safe): a ``ProbeAnswer`` comes in the stream, the
        generation goes on; a no-op where ``capabilities.answer_now`` is false."""

    def restart(self) -> p.ModelLoaded | None:
        """Start afresh and reload the last model, if any."""

    def close(self) -> None: ...


def _conforms(local: EngineClient, remote: RemoteClient) -> tuple[Backend, Backend]:
    """Never called: mypy fails here if either client stops satisfying :class:`Backend`."""
    return local, remote
