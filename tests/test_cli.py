"""The command line, run as a user runs it: a separate process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from denkspur.core.trace.functions import FUNCTIONS
from denkspur.testing.tiny_model import EXPECTED_ANSWER, EXPECTED_TRACE


def denkspur(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "denkspur", *args],
        input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )


def events(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_chat_json_streams_events_and_ends_with_done(tiny_model: Path) -> None:
    run = denkspur("chat", "--model", str(tiny_model), "--json", "--seed", "1", "What is 2 + 3?")
    assert run.returncode == 0, run.stderr
    lines = events(run.stdout)
    kinds = [line["event"] for line in lines]
    assert set(kinds) <= {"trace", "answer", "step", "sentence", "done"}
    assert kinds[-1] == "done" and kinds[0] == "trace"
    done = lines[-1]
    assert done["trace"] == EXPECTED_TRACE and done["answer"] == EXPECTED_ANSWER
    assert done["finished"] is True
    streamed_trace = "".join(str(x["text"]) for x in lines if x["event"] == "trace")
    assert streamed_trace.rstrip() == EXPECTED_TRACE
    assert "".join(str(x["text"]) for x in lines if x["event"] == "answer") == EXPECTED_ANSWER
    steps = [x for x in lines if x["event"] == "step"]
    assert [s["kind"] for s in steps] == ["reasoning", "self-correction", "verification", "conclusion"]
    assert all({"index", "kind", "text", "start", "end"} <= set(s) for s in steps)
    stats = done["stats"]
    assert isinstance(stats, dict)
    assert stats["self_corrections"] == 1 and stats["steps"] == 4
    assert stats["trace_tokens"] == 12 and stats["answer_tokens"] == 1
    sentences = [x for x in lines if x["event"] == "sentence"]
    shape = {"event", "index", "start", "end", "function", "step"}
    assert [set(x) for x in sentences] == [shape] * len(sentences)
    assert [x["index"] for x in sentences] == list(range(len(sentences))) and len(sentences) >= 4
    assert {x["step"] for x in sentences} == {s["index"] for s in steps}
    assert all(x["function"] in FUNCTIONS for x in sentences)
    assert [{k: v for k, v in x.items() if k != "event"} for x in sentences] == done["sentences"]
    assert EXPECTED_TRACE[sentences[0]["start"] : sentences[0]["end"]] == "Okay, the user asks what 2 + 3 is."  # type: ignore[index]
    assert stats["answer_first_seen"]["sentence"] == 2  # "2 + 3 = 5." after "Wait, that is wrong:"
    assert isinstance(stats["answer_first_seen"]["token"], int)
    assert set(stats["functions"]) == set(FUNCTIONS)
    assert set(stats["loops"]) == {"repeated_sentences", "pairs", "cycles"}


def test_chat_plain_puts_the_answer_on_stdout_and_the_trace_on_stderr(tiny_model: Path) -> None:
    run = denkspur("chat", "--model", str(tiny_model), "--gpu-layers", "0", "What is 2 + 3?")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == EXPECTED_ANSWER
    assert "Wait, that is wrong" in run.stderr and "Thought for" in run.stderr
    # Counts in correct English: one answer token, one self-correction.
    assert "12 trace tokens + 1 answer token, 4 steps, 1 self-correction" in run.stderr, run.stderr[-300:]


def test_chat_max_tokens_gives_an_unfinished_trace(tiny_model: Path) -> None:
    run = denkspur("chat", "--model", str(tiny_model), "--json", "--max-tokens", "3", "Q")
    assert run.returncode == 0
    done = events(run.stdout)[-1]
    assert done["event"] == "done" and done["finished"] is False and done["answer"] == ""


def test_chat_with_a_non_gguf_file_fails_with_an_error_event(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.gguf"
    bogus.write_text("hello")
    run = denkspur("chat", "--model", str(bogus), "--json", "Q")
    assert run.returncode == 1
    (error,) = events(run.stdout)
    assert error["event"] == "error" and error["kind"] == "bad-model"
    assert "not a GGUF model file" in str(error["message"])


def test_chat_engine_crash_is_an_error_event_with_nonzero_exit(tiny_model: Path) -> None:
    run = denkspur("chat", "--model", str(tiny_model), "--json",
                   "--engine-fault", "segfault@token:2", "Q")
    assert run.returncode == 1
    lines = events(run.stdout)
    assert lines[-1]["event"] == "error" and lines[-1]["kind"] == "crash"
    assert "SIGSEGV" in str(lines[-1]["message"])
    partial = [x for x in lines[:-1] if x["event"] == "trace"]
    assert "".join(str(x["text"]) for x in partial) == "Okay, the user asks what 2 + 3 is."
    assert lines[-1]["partial"] == {"trace": "Okay, the user asks what 2 + 3 is.", "answer": ""}


def test_chat_usage_errors() -> None:
    assert denkspur("chat", "Q").returncode == 2  # --model missing
    assert denkspur("chat", "--model", "x", "--gpu-layers", "many", "Q").returncode == 2
    for option, value in (("--temperature", "nan"), ("--temperature", "-1"), ("--top-p", "5"),
                          ("--top-p", "0")):
        refused = denkspur("chat", "--model", "x", option, value, "Q")
        assert refused.returncode == 2 and option in refused.stderr, (option, value)
    too_big = denkspur("chat", "--model", "x", "--conversation", "99999999999999999999", "Q")
    assert too_big.returncode == 2 and "Traceback" not in too_big.stderr


def test_trace_split_from_stdin() -> None:
    raw = "<think>\nLet me see. 2 + 2 = 5.\nWait, no: 4.\n</think>\n\nIt is **4**."
    run = denkspur("trace", "split", stdin=raw)
    assert run.returncode == 0
    result = json.loads(run.stdout)
    assert set(result) >= {"trace", "answer", "finished", "steps", "stats"}
    assert result["answer"] == "It is **4**." and result["finished"] is True
    assert [s["kind"] for s in result["steps"]] == ["reasoning", "self-correction"]
    first = result["steps"][0]
    assert set(first) == {"index", "kind", "text", "start", "end"}
    assert result["trace"][first["start"] : first["end"]] == first["text"]
    sentences = result["sentences"]
    assert [set(x) for x in sentences] == [{"index", "start", "end", "function", "step"}] * 3
    assert [result["trace"][x["start"] : x["end"]] for x in sentences] == [
        "Let me see.", "2 + 2 = 5.", "Wait, no: 4."]
    assert [x["step"] for x in sentences] == [0, 0, 1]
    assert sentences[2]["function"] == "uncertainty_management"
    stats = result["stats"]
    assert stats["answer_first_seen"] == {"sentence": 2, "offset": sentences[2]["start"], "token": None,
                                          "seconds": None}
    assert stats["tokens_after_answer"] == 0


def test_trace_split_file_with_assume_open(tmp_path: Path) -> None:
    raw = tmp_path / "out.txt"
    raw.write_text("thinking only, cut off", encoding="utf-8")
    result = json.loads(denkspur("trace", "split", str(raw), "--assume-open").stdout)
    assert result["trace"] == "thinking only, cut off"
    assert result["finished"] is False and result["answer"] == ""
    plain = json.loads(denkspur("trace", "split", str(raw)).stdout)
    assert plain["answer"] == "thinking only, cut off" and plain["trace"] == ""


def test_trace_split_missing_file() -> None:
    run = denkspur("trace", "split", "/nonexistent/file.txt")
    assert run.returncode == 1 and "cannot read" in run.stderr


def test_trace_split_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``denkspur trace split FILE | head -1``: the reader goes away; no traceback, exit 141."""
    raw = tmp_path / "raw.txt"
    raw.write_text("".join(f"Wait, let me check step {i}.\n" for i in range(20_000)) + "</think>5",
                   encoding="utf-8")  # far more JSON than a pipe buffers: the writer meets EPIPE
    command = [sys.executable, "-m", "denkspur", "trace", "split", "--assume-open", str(raw)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10).startswith(b'{"trace"')
        process.stdout.close()  # what head does after its first line
        stderr = process.stderr.read().decode()
        process.wait(timeout=120)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    assert process.returncode == 141


INTERRUPT_DURING_IMPORT = """
import sys
from importlib.abc import MetaPathFinder

class CtrlC(MetaPathFinder):  # Ctrl+C arrives while denkspur's command modules are imported
    def find_spec(self, name, path=None, target=None):
        if name.startswith("denkspur.cli.entry"):
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
from denkspur.__main__ import main
sys.exit(main(["trace", "split", "-"]))
"""


def test_ctrl_c_while_importing_exits_quietly_with_130() -> None:
    run = subprocess.run([sys.executable, "-c", INTERRUPT_DURING_IMPORT], capture_output=True, text=True,
                         timeout=120, check=False)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 130



def test_a_data_folder_that_is_a_file_is_a_clear_error(tmp_path: Path, tiny_model: Path) -> None:
    import os

    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the data folder should be", encoding="utf-8")
    env = {**os.environ, "DENKSPUR_DATA_DIR": str(not_a_folder)}
    chat = subprocess.run([sys.executable, "-m", "denkspur", "chat", "--model", str(tiny_model), "--json",
                           "--save", "--gpu-layers", "0", "hi"], capture_output=True, text=True, timeout=120,
                          check=False, env=env)
    assert "Traceback" not in chat.stderr and chat.returncode == 1
    error = events(chat.stdout)[-1]
    assert error["event"] == "error" and error["kind"] == "store" and "folder" in str(error["message"])
    imported = subprocess.run([sys.executable, "-m", "denkspur", "models", "import", str(tiny_model)],
                              capture_output=True, text=True, timeout=120, check=False, env=env)
    assert "Traceback" not in imported.stderr and imported.returncode == 1
    assert imported.stderr.startswith("denkspur: cannot use")


def test_models_list_shows_a_hostile_model_name_as_one_inert_line(tmp_path: Path) -> None:
    """A GGUF's general.name is the file's word: no terminal escapes, no forged rows."""
    from denkspur.testing.tiny_model import write_tiny_r1_model

    hostile = write_tiny_r1_model(tmp_path / "hostile.gguf",
                                  name="Evil\x1b]0;pwned\x07 model\n✔ r1-fake-row  Q4_K_M  1.00 GB  Fake")
    assert denkspur("models", "import", str(hostile)).returncode == 0
    listing = denkspur("models", "list")
    assert listing.returncode == 0, listing.stderr
    assert "\x1b" not in listing.stdout and "\x07" not in listing.stdout
    (row,) = [line for line in listing.stdout.splitlines() if "local-hostile" in line]
    assert "r1-fake-row" in row  # the rest of the name stays on its own row
    assert not any(line.startswith("✔ r1-fake-row") for line in listing.stdout.splitlines())
