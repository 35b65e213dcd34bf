"""Reading GGUF headers and refusing files that are not usable models."""

from __future__ import annotations

from pathlib import Path

import pytest

from denkspur.core.models.gguf_info import GGUFError, check_chat_model, read_gguf_info
from denkspur.testing.tiny_model import write_tiny_r1_model


def test_reads_the_tiny_model(tiny_model: Path) -> None:
    info = read_gguf_info(tiny_model)
    assert info.architecture == "llama"
    assert (info.n_layers, info.head_count, info.head_count_kv, info.key_length) == (1, 4, 2, 16)
    assert info.quantization == "F32"
    assert info.chat_template is not None and "<think>" in info.chat_template
    assert info.vocab_size > 256
    assert info.kv_cache_bytes(1000) == 1 * 2 * (16 + 16) * 1000 * 2
    assert info.data_offset + info.data_size <= info.file_size
    check_chat_model(info)


def test_not_a_gguf(tmp_path: Path) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(b"PK\x03\x04 definitely a zip")
    with pytest.raises(GGUFError, match="not a GGUF model file"):
        read_gguf_info(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.gguf"
    path.write_bytes(b"")
    with pytest.raises(GGUFError, match="empty"):
        read_gguf_info(path)


@pytest.mark.parametrize("keep", [0.5, 0.999, 0.001])
def test_truncated_file(tiny_model: Path, tmp_path: Path, keep: float) -> None:
    data = tiny_model.read_bytes()
    path = tmp_path / "cut.gguf"
    path.write_bytes(data[: max(8, int(len(data) * keep))])
    with pytest.raises(GGUFError, match="truncated"):
        read_gguf_info(path)


def test_wrong_architecture(tmp_path: Path) -> None:
    path = write_tiny_r1_model(tmp_path / "encoder.gguf", architecture="bert")
    with pytest.raises(GGUFError, match="not a chat model"):
        check_chat_model(read_gguf_info(path))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GGUFError, match="cannot open"):
        read_gguf_info(tmp_path / "nope.gguf")
