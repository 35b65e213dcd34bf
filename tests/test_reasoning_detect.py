"""Issue 12, item 15: whether a server's reply holds a trace is decided from the stream, not the name.

A model named like a reasoning model (``r1``, ``qwq``, ``distill``…) whose server
streams plain content must get its answer as the answer, not swallowed into an
open trace; its server's template may also have opened a trace, which a
``</think>`` then confirms. The connect dialog offers an override.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from denkspur.core.settings import Settings
from denkspur.core.trace.splitter import ReasoningSplitter, TraceState
from denkspur.core.trace.stream import AnswerText, StepDone, TraceText, TraceWithdrawn
from denkspur.engine import protocol as p
from denkspur.engine.remote import RemoteClient, RemoteSettings
from denkspur.session.reply import run_reasoning
from openai_server import OpenAIServer, chunk, reasoning_stream

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]
PLAIN = ("Two plus three is five. ", "Check: five minus three is two. ", "So the answer is **5**.")
R1_NAME = ("DeepSeek-R1-Distill-Qwen-7B",)


def _content(*pieces: str, finish: str = "stop") -> object:
    def stream() -> Iterator[str]:
        for piece in pieces:
            yield chunk({"content": piece})
        yield chunk({}, finish)
        yield "data: [DONE]\n\n"

    return stream


def _split(chunks: list[str], *, complete: bool = True) -> ReasoningSplitter:
    splitter = ReasoningSplitter(tentative_open=True)
    for piece in chunks:
        splitter.feed(piece)
    splitter.finish(complete=complete)
    return splitter


# -- the splitter ---------------------------------------------------------------------------------
def test_a_tentative_trace_that_never_closes_is_the_answer() -> None:
    splitter = _split(["  It is", " five.", " </thi"])
    assert (splitter.trace, splitter.answer, splitter.state) == ("", "It is five. </thi", TraceState.NONE)
    assert splitter.withdrawn and splitter.finished


def test_a_close_tag_confirms_the_tentative_trace() -> None:
    splitter = _split(["Add them.", "</th", "ink>\n\nIt is 5."])
    assert (splitter.trace, splitter.answer, splitter.state) == ("Add them.", "It is 5.", TraceState.CLOSED)
    assert not splitter.withdrawn


def test_an_explicit_open_tag_confirms_the_trace_even_if_cut_short() -> None:
    splitter = _split(["\n<thi", "nk>Add them"])
    assert (splitter.trace, splitter.state, splitter.withdrawn) == ("Add them", TraceState.OPEN, False)


def test_a_reply_cut_short_keeps_the_guess() -> None:
    splitter = _split(["Add them and"], complete=False)
    assert (splitter.trace, splitter.answer, splitter.state) == ("Add them and", "", TraceState.OPEN)


@given(st.text(alphabet="ab </thinkx>", max_size=40), st.lists(st.integers(0, 40), max_size=6),
       st.booleans())
def test_tentative_splitting_does_not_depend_on_chunking(text: str, cuts: list[int], complete: bool) -> None:
    whole = _split([text], complete=complete)
    points = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    pieces = _split([text[a:b] for a, b in itertools.pairwise(points)], complete=complete)
    assert (pieces.trace, pieces.answer, pieces.state) == (whole.trace, whole.answer, whole.state)
    if whole.withdrawn:  # nothing lost or changed when the trace turns out to be the answer
        assert whole.answer == text.strip() and whole.trace == ""


# -- through a server ---------------------------------------------------------------------------------
def test_plain_content_from_an_r1_named_model_is_the_answer() -> None:
    seen: list[object] = []
    with OpenAIServer(_content(*PLAIN), models=R1_NAME) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, on_event=seen.append)
    result = outcome.result
    assert outcome.ok and result.answer == "".join(PLAIN).strip()
    assert result.trace == "" and result.finished and result.steps == [] and result.stats.trace_tokens == 0
    withdrawn = next(i for i, event in enumerate(seen) if isinstance(event, TraceWithdrawn))
    assert isinstance(seen[0], TraceText)  # shown live as the name suggests …
    assert [e for e in seen[withdrawn:] if isinstance(e, AnswerText)]  # … then re-filed as the answer


def test_a_server_template_trace_is_still_found() -> None:
    with OpenAIServer(_content("Add them. Wait, check: 5.", "</think>\n\n", "It is 5."), models=R1_NAME) \
            as server, RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert (outcome.result.trace, outcome.result.answer) == ("Add them. Wait, check: 5.", "It is 5.")


def test_a_reasoning_field_decides_at_once() -> None:
    seen: list[object] = []
    with OpenAIServer(reasoning_stream, models=R1_NAME) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION, on_event=seen.append)
    assert outcome.result.answer == "It is **5**." and outcome.result.trace.startswith("Two plus three.")
    assert not any(isinstance(event, TraceWithdrawn) for event in seen)


def test_an_r1_named_model_cut_off_while_thinking_keeps_its_trace() -> None:
    with OpenAIServer(_content("Add them and", finish="length"), models=R1_NAME) as server, \
            RemoteClient(RemoteSettings(server.url)) as client:
        outcome = run_reasoning(client, QUESTION)
    assert outcome.stop_reason == "length"
    result = outcome.result
    assert (result.trace, result.answer, result.finished) == ("Add them and", "", False)


@pytest.mark.parametrize(("mode", "trace", "answer"), [
    ("none", "", "".join(PLAIN).strip()),
    ("template", "".join(PLAIN).strip(), ""),
])
def test_the_override(mode: str, trace: str, answer: str) -> None:
    seen: list[object] = []
    with OpenAIServer(_content(*PLAIN), models=R1_NAME) as server, \
            RemoteClient(RemoteSettings(server.url, reasoning=mode)) as client:
        outcome = run_reasoning(client, QUESTION, on_event=seen.append)
    assert (outcome.result.trace, outcome.result.answer) == (trace, answer)
    assert not any(isinstance(event, TraceWithdrawn) for event in seen)
    if mode == "none":
        assert not any(isinstance(event, (TraceText, StepDone)) for event in seen)


def test_the_connect_dialog_offers_the_override(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from denkspur.gui.remote_dialog import RemoteDialog

    settings = Settings(remote_url="http://127.0.0.1:9/v1", remote_reasoning="template")
    dialog = RemoteDialog(settings)
    qtbot.addWidget(dialog)
    combo = dialog.reasoning
    assert [combo.itemData(i) for i in range(combo.count())] == ["detect", "template", "none"]
    assert dialog.typed_settings().reasoning == "template"
    combo.setCurrentIndex(combo.findData("none"))
    assert dialog.save(settings).reasoning == "none" and settings.remote_reasoning == "none"
    settings.save(tmp_path / "settings.json")
    assert Settings.load(tmp_path / "settings.json").remote_reasoning == "none"


def test_the_app_shows_a_withdrawn_trace_as_the_answer(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gui_helpers import ask, open_window, wait_idle

    with OpenAIServer(_content(*PLAIN), models=R1_NAME) as server:
        window = open_window(qtbot, tmp_path, None)
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        ask(qtbot, window, "What is 2 + 3?")
        wait_idle(qtbot, window)
        expected = "".join(PLAIN).strip()
        qtbot.waitUntil(lambda: window.chat.cards[-1].version.answer == expected, timeout=5_000)
        version = window.chat.cards[-1].version
        assert (version.trace, version.state, version.stats["finished"]) == ("", "complete", True)
        assert window.trace.trace_text() == "" and window.trace.step_count() == 0
        window.close()


def test_cli_prints_a_withdrawn_trace_as_the_answer() -> None:
    import json
    import subprocess
    import sys

    with OpenAIServer(_content(*PLAIN), models=R1_NAME) as server:
        base = [sys.executable, "-m", "denkspur", "chat", "--server", server.url]
        plain = subprocess.run([*base, "Q"], capture_output=True, text=True, timeout=60, check=False)
        events = subprocess.run([*base, "--json", "Q"], capture_output=True, text=True, timeout=60,
                                check=False)
    assert plain.returncode == 0 and plain.stdout.strip() == "".join(PLAIN).strip(), plain.stderr
    lines = [json.loads(line) for line in events.stdout.splitlines()]
    kinds = [line["event"] for line in lines]
    assert "trace-withdrawn" in kinds and kinds.index("trace-withdrawn") < kinds.index("answer")
    assert lines[-1]["answer"] == "".join(PLAIN).strip() and lines[-1]["trace"] == ""
