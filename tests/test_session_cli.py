"""``denkspur chat --save`` / ``--conversation``: the CLI keeps conversations in the app's store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from denkspur.core.conversations.store import Store
from denkspur.session import store_path
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE


def chat(model: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "denkspur", "chat", "--model", str(model), "--json", "--seed", "1",
         "--gpu-layers", "0", *args],
        capture_output=True, text=True, timeout=180, check=False,
    )


def last_event(run: subprocess.CompletedProcess[str]) -> dict[str, object]:
    return dict(json.loads(run.stdout.splitlines()[-1]))


def test_save_stores_the_exchange_with_its_trace_and_names_it_in_done(
    data_dir: Path, tiny_model: Path
) -> None:
    run = chat(tiny_model, "--save", "What is 2 + 3?")
    assert run.returncode == 0, run.stderr
    done = last_event(run)
    assert done["event"] == "done" and isinstance(done["conversation"], int)
    store = Store(store_path(data_dir))
    stored = store.load_conversation(done["conversation"])
    store.close()
    question, reply = stored.messages
    assert (question.role, question.text) == ("user", "What is 2 + 3?")
    assert (reply.role, reply.version.state) == ("assistant", "complete")
    assert (reply.version.trace, reply.version.answer) == (EXPECTED_TRACE, EXPECTED_ANSWER)
    assert reply.version.model == tiny_model.name and len(reply.version.steps) == 4
    assert stored.title == "What is 2 + 3?"


def test_conversation_continues_with_its_history_and_saves_the_new_turn(
    data_dir: Path, tiny_model: Path
) -> None:
    first = last_event(chat(tiny_model, "--save", "What is 2 + 3?"))
    conversation_id = first["conversation"]
    run = chat(tiny_model, "--conversation", str(conversation_id), "And 3 + 4?")
    assert run.returncode == 0, run.stderr
    done = last_event(run)
    assert done["conversation"] == conversation_id
    first_stats, stats = first["stats"], done["stats"]
    assert isinstance(first_stats, dict) and isinstance(stats, dict)
    assert stats["prompt_tokens"] > first_stats["prompt_tokens"]  # the earlier turns were sent
    store = Store(store_path(data_dir))
    stored = store.load_conversation(int(str(conversation_id)))
    store.close()
    assert [m.role for m in stored.messages] == ["user", "assistant", "user", "assistant"]
    assert stored.messages[2].text == "And 3 + 4?" and stored.messages[3].version.state == "complete"
    assert len(store_list(data_dir)) == 1


def store_list(data_dir: Path) -> list[object]:
    store = Store(store_path(data_dir))
    try:
        return list(store.list_conversations())
    finally:
        store.close()


def test_a_missing_conversation_is_an_error_event_and_nothing_is_written(
    data_dir: Path, tiny_model: Path
) -> None:
    run = chat(tiny_model, "--conversation", "41", "hello")
    assert run.returncode == 1
    error = last_event(run)
    assert error["event"] == "error" and error["kind"] == "store" and "41" in str(error["message"])
    assert store_list(data_dir) == []


def test_without_the_flags_nothing_is_stored_and_done_is_unchanged(data_dir: Path, tiny_model: Path) -> None:
    run = chat(tiny_model, "What is 2 + 3?")
    assert run.returncode == 0, run.stderr
    done = last_event(run)
    assert done["event"] == "done" and done["answer"] == EXPECTED_ANSWER
    assert "conversation" not in done and "save_error" not in done
    assert not data_dir.exists()


def test_plain_output_says_where_it_was_saved(data_dir: Path, tiny_model: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "denkspur", "chat", "--model", str(tiny_model), "--save", "What is 2 + 3?"],
        capture_output=True, text=True, timeout=180, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == EXPECTED_ANSWER
    assert "[saved in conversation 1]" in run.stderr


def test_save_works_with_a_server_too(data_dir: Path) -> None:
    from openai_server import OpenAIServer

    with OpenAIServer() as server:
        run = subprocess.run(
            [sys.executable, "-m", "denkspur", "chat", "--server", server.url, "--json", "--save", "Q?"],
            capture_output=True, text=True, timeout=120, check=False,
        )
    assert run.returncode == 0, run.stderr
    done = last_event(run)
    store = Store(store_path(data_dir))
    reply = store.load_conversation(int(str(done["conversation"]))).messages[-1].version
    store.close()
    assert (reply.answer, reply.state, reply.model) == ("It is **5**.", "complete", "deepseek-reasoner")


def test_an_empty_prompt_is_not_saved(data_dir: Path, tiny_model: Path) -> None:
    run = chat(tiny_model, "--save", "   ")
    assert run.returncode == 1
    error = last_event(run)
    assert error["event"] == "error" and error["kind"] == "bad-request"
    assert store_list(data_dir) == []


def test_ctrl_c_keeps_the_reply_so_far_as_cancelled(data_dir: Path, tiny_model: Path) -> None:
    import signal

    command = [sys.executable, "-m", "denkspur", "chat", "--model", str(tiny_model), "--json", "--save",
               "--gpu-layers", "0", "--engine-fault", "slow@token:300", "What is 2 + 3?"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        first = json.loads(process.stdout.readline())  # the first trace piece has arrived
        assert first["event"] == "trace"
        process.send_signal(signal.SIGINT)
        rest, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    error = json.loads(rest.splitlines()[-1])
    assert error["kind"] == "interrupted"
    store = Store(store_path(data_dir))
    (summary,) = store.list_conversations()
    reply = store.load_conversation(summary.id).messages[-1].version
    store.close()
    assert reply.state == "cancelled" and reply.trace.startswith(str(first["text"]).strip())
    assert error["conversation"] == summary.id  # like "done": the script learns where it went
