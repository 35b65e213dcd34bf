"""Looking at another conversation while a reply streams, then going back to it: the trace
panel shows that reply's trace so far and follows it again (it kept showing the other
conversation's trace until the reply ended)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.engine.remote import RemoteSettings
from gui_helpers import ask, open_window, wait_idle
from openai_server import OpenAIServer, chunk, reasoning_stream


def _held_stream(release: threading.Event) -> Iterator[str]:
    """Thinks a few sentences, waits until ``release`` is set, thinks one more and answers."""
    yield chunk({"role": "assistant"})
    for index in range(4):
        yield chunk({"reasoning_content": f"Sentence {index} of the slow thought. ", "content": None})
    release.wait(30)
    yield chunk({"reasoning_content": "Last sentence after the pause.", "content": None})
    yield chunk({"content": "Done."})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


def test_going_back_to_a_streaming_reply_shows_its_trace_and_follows_it(qtbot: QtBot, tmp_path: Path) -> None:
    release = threading.Event()

    def respond(body: dict[str, object]) -> Iterator[str]:
        return _held_stream(release) if "Think slowly" in str(body.get("messages")) else reasoning_stream()

    with OpenAIServer(respond=respond) as server:
        window = open_window(qtbot, tmp_path, None)
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        try:
            ask(qtbot, window, "Short first.")
            wait_idle(qtbot, window)
            first = window.session.conversation
            assert first is not None
            first_trace = first.messages[-1].version.trace
            window.session.new_conversation()
            ask(qtbot, window, "Think slowly.")
            # shown while the server pauses: events wait at most EMIT_INTERVAL for the next one
            qtbot.waitUntil(lambda: "Sentence 3" in window.trace.trace_text(), timeout=10_000)
            streaming = window.session.conversation
            assert streaming is not None and streaming.id != first.id

            window.session.open_conversation(first.id)
            qtbot.waitUntil(lambda: window.trace.trace_text() == first_trace, timeout=10_000)
            window.session.open_conversation(streaming.id)
            qtbot.waitUntil(lambda: window.trace.is_live and "Sentence 3" in window.trace.trace_text(),
                            timeout=10_000)
            assert window.trace.trace_text().startswith("Sentence 0 of the slow thought.")
            assert first_trace not in window.trace.trace_text()
            version_id = window.session.generating_version
            assert version_id is not None
            card = window.chat.card_for_version(version_id)
            assert card is not None and card.live is not None  # its card follows the reply again too

            release.set()
            qtbot.waitUntil(lambda: "after the pause" in window.trace.trace_text(), timeout=10_000)
            wait_idle(qtbot, window)
            conversation = window.session.conversation
            assert conversation is not None and conversation.id == streaming.id
            qtbot.waitUntil(lambda: not window.trace.is_live, timeout=10_000)
            stored = conversation.messages[-1].version.trace
            qtbot.waitUntil(lambda: window.trace.trace_text() == stored, timeout=10_000)
            assert stored.startswith("Sentence 0") and stored.endswith("after the pause.")
        finally:
            release.set()
            window.close()
