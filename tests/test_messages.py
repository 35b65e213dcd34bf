"""Clear words instead of internals (issue 12, item 18), and a terminal-safe CLI."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from denkspur.cli.entry import main
from denkspur.core.models.files import import_gguf
from denkspur.core.models.gguf_info import GGUFError, check_chat_model, read_gguf_info
from denkspur.core.models.registry import ModelRegistry
from denkspur.core.text.terminal import strip_terminal_controls
from denkspur.testing.tiny_model import EXPECTED_ANSWER, write_tiny_r1_model
from openai_server import OpenAIServer, chunk


def _last_event(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    return json.loads(capsys.readouterr().out.splitlines()[-1])  # type: ignore[no-any-return]


def _chat(model: Path, *extra: str, prompt: str = "Q") -> int:
    return main(["chat", "--model", str(model), "--json", "--gpu-layers", "0", *extra, prompt])


def test_an_empty_rendered_prompt_is_a_template_problem(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    model = write_tiny_r1_model(tmp_path / "empty.gguf", template="{% if false %}x{% endif %}")
    assert _chat(model) == 1
    event = _last_event(capsys)
    assert event["kind"] == "bad-model" and "empty prompt" in str(event["message"])
    assert "AssertionError" not in str(event["message"])


def test_a_template_syntax_error_is_a_bad_model_not_internal(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    model = write_tiny_r1_model(tmp_path / "broken.gguf",
                                template="{% for m in messages %}{{ m.content }")
    assert _chat(model) == 1
    event = _last_event(capsys)
    assert event["kind"] == "bad-model"
    assert str(event["message"]).startswith("the model's chat template is invalid")


def test_an_impossible_context_names_the_trained_context_and_memory(
    tiny_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _chat(tiny_model, "--ctx", "1000000000") == 1
    event = _last_event(capsys)
    message = str(event["message"])
    assert event["kind"] == "context-too-large"
    assert "trained for 4,096 tokens" in message and "GB RAM" in message
    assert "did not fit" not in message


def test_a_binary_prompt_is_answered(tiny_model: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Undecodable argv bytes arrive as surrogate escapes; a lone surrogate as well.
    assert _chat(tiny_model, prompt="bin\udcff\udc80\ud800\x00ary") == 0
    event = _last_event(capsys)
    assert event["event"] == "done" and event["answer"] == EXPECTED_ANSWER


def test_a_non_gguf_import_quotes_its_start_as_text(tmp_path: Path) -> None:
    text, binary = tmp_path / "text.gguf", tmp_path / "binary.gguf"
    text.write_text("this is no model")
    binary.write_bytes(b"\x00\x01\xfe\xff rest")
    with pytest.raises(GGUFError) as error:
        import_gguf(text, ModelRegistry(tmp_path / "models.json"))
    assert "“this”" in str(error.value) and "b'" not in str(error.value)
    with pytest.raises(GGUFError, match="the bytes 00 01 FE FF"):
        read_gguf_info(binary)


def test_an_unknown_architecture_is_refused_at_import(tmp_path: Path) -> None:
    model = write_tiny_r1_model(tmp_path / "future.gguf", architecture="denkspur-future-arch")
    with pytest.raises(GGUFError, match=r"architecture this version of llama\.cpp does not know"):
        import_gguf(model, ModelRegistry(tmp_path / "models.json"))
    assert ModelRegistry(tmp_path / "models.json").all() == []


def test_an_unknown_tensor_type_is_refused_at_import(tiny_model: Path, tmp_path: Path) -> None:
    data = bytearray(tiny_model.read_bytes())
    name = b"output.weight"
    at = data.index(struct.pack("<Q", len(name)) + name) + 8 + len(name)  # its tensor info
    (n_dims,) = struct.unpack_from("<I", data, at)
    struct.pack_into("<I", data, at + 4 + 8 * n_dims, 250)  # a ggml type no llama.cpp has
    model = tmp_path / "odd-type.gguf"
    model.write_bytes(bytes(data))
    with pytest.raises(GGUFError, match="ggml type 250"):
        check_chat_model(read_gguf_info(model))


def _cli(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "denkspur", *args], input=stdin, capture_output=True,
                          timeout=300, check=False, env=os.environ.copy())


def test_chat_reads_the_prompt_from_stdin(tiny_model: Path) -> None:
    small = _cli("chat", "--model", str(tiny_model), "--json", "--gpu-layers", "0", "-",
                 stdin=b"What is 2 + 3?")
    assert small.returncode == 0, small.stderr
    assert json.loads(small.stdout.splitlines()[-1])["answer"] == EXPECTED_ANSWER
    big = _cli("chat", "--model", str(tiny_model), "--json", "--gpu-layers", "0", "-",
               stdin=b"x" * 1_000_000)  # far beyond argv limits per argument
    error = json.loads(big.stdout.splitlines()[-1])
    assert big.returncode == 1 and error["kind"] == "context-overflow"
    assert "1,000,0" in error["message"]  # all of it arrived: ~1,000,000 bytes


def test_strip_terminal_controls() -> None:
    assert strip_terminal_controls("a\x1b[31mred\x1b[0m\tb\n") == "ared\tb\n"
    assert strip_terminal_controls("x\x1b]52;c;aGk=\x07y\x1b]0;title\x1b\\z") == "xyz"
    assert strip_terminal_controls("\x1bcreset\r\x08\x7f\x9b2J ünï") == "reset ünï"


def _hostile_stream() -> Iterator[str]:
    yield chunk({"reasoning_content": "think \x1b]0;owned\x07hard\x1b[2J"})
    yield chunk({"content": "answer \x1b]52;c;cm0gLXJm\x07is \x1b[31m5\x1b[0m\x1b"})
    yield chunk({"content": "[1m."})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


def test_plain_cli_output_has_no_terminal_escapes(capfd: pytest.CaptureFixture[str]) -> None:
    with OpenAIServer(_hostile_stream) as server:
        assert main(["chat", "--server", server.url + "/v1", "Q"]) == 0
        out, err = capfd.readouterr()
        assert "\x1b" not in out and "\x1b" not in err and "\x07" not in out + err
        assert out.strip() == "answer is 5[1m." and "think hard" in err
        assert main(["chat", "--server", server.url + "/v1", "--json", "Q"]) == 0
        assert "\\u001b" in capfd.readouterr().out  # JSON keeps the text exactly, escaped
