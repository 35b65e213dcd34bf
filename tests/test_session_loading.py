"""Loading a model through the session: GPU-layer choices, the AUTO plan and its fallbacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from denkspur.core.models.gpu_layers import GpuOffload, parse_gpu_layers
from denkspur.core.settings import Settings
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.loading import ModelRequest, load_model, plan_gpu_layers
from denkspur.session.reply import run_reasoning


def test_auto_gpu_layers_on_a_cpu_build(tiny_model: Path) -> None:
    assert plan_gpu_layers(str(tiny_model), 512, gpu_offload=False) == [0]
    plan = plan_gpu_layers(str(tiny_model), 512, gpu_offload=True)
    assert plan[-1] == 0 and plan == sorted(plan, key=lambda n: n if n >= 0 else 10**9, reverse=True)
    with EngineClient() as client:
        result = load_model(client, ModelRequest(str(tiny_model), n_ctx=512))
        assert result.loaded.n_gpu_layers == (-1 if client.ready and client.ready.gpu_offload else 0)
        assert result.notes == []


def test_auto_gpu_layers_fall_back_when_the_gpu_runs_out_of_memory(tiny_model: Path) -> None:
    # The child is killed whenever it tries to offload layers, as the OOM killer would.
    with EngineClient(fault="kill@gpu-load") as client:
        result = load_model(client, ModelRequest(str(tiny_model), n_ctx=512), plan=[-1, 4, 0])
        assert result.loaded.n_gpu_layers == 0
        assert len(result.notes) == 3
        assert "all GPU layers did not fit" in result.notes[0] and "SIGKILL" in result.notes[0]
        assert "loaded with 0 GPU layers" in result.notes[-1]
        assert run_reasoning(client, [p.ChatMessage("user", "2+3?")]).ok


def test_a_fixed_choice_is_loaded_as_asked_without_fallback(tiny_model: Path) -> None:
    with EngineClient() as client:
        cpu = load_model(client, ModelRequest(str(tiny_model), n_ctx=512, gpu_layers=0))
        assert (cpu.loaded.n_gpu_layers, cpu.notes) == (0, [])
        every = load_model(client, ModelRequest(str(tiny_model), n_ctx=512, gpu_layers=GpuOffload.ALL))
        assert every.loaded.n_gpu_layers == -1  # llama.cpp's word for "all"


def test_a_bad_model_is_not_retried_with_fewer_layers(tmp_path: Path) -> None:
    from denkspur.engine.errors import EngineRequestFailed, FailureKind

    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    with EngineClient() as client, pytest.raises(EngineRequestFailed) as failure:
        load_model(client, ModelRequest(str(broken), n_ctx=512), plan=[-1, 4, 0])
    assert failure.value.kind in (FailureKind.BAD_MODEL, FailureKind.LOAD)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("auto", GpuOffload.AUTO), ("all", GpuOffload.ALL), ("-1", GpuOffload.ALL), ("12", 12), ("0", 0),
     ("-3", None), ("many", None)],
)
def test_gpu_layers_typed_on_the_command_line(typed: str, expected: object) -> None:
    assert parse_gpu_layers(typed) == expected


@pytest.mark.parametrize(
    ("stored", "expected"),
    [(-1, GpuOffload.AUTO),  # files from before the named choices: -1 was loaded automatically
     ("auto", GpuOffload.AUTO), ("all", GpuOffload.ALL), (20, 20), (0, 0), ("lots", GpuOffload.AUTO),
     (True, GpuOffload.AUTO)],
)
def test_gpu_layers_read_from_a_settings_file(tmp_path: Path, stored: object, expected: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"gpu_layers": stored, "threads": 3}), encoding="utf-8")
    settings = Settings.load(path)
    assert settings.gpu_layers == expected and settings.threads == 3


def test_gpu_layers_are_written_as_words_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for choice in (GpuOffload.ALL, GpuOffload.AUTO, 7):
        Settings(gpu_layers=choice).save(path)
        stored = json.loads(path.read_text(encoding="utf-8"))["gpu_layers"]
        assert stored == (choice.value if isinstance(choice, GpuOffload) else choice)
        assert Settings.load(path).gpu_layers == choice


def test_an_absurd_thread_count_is_capped_not_a_crash(tiny_model: Path) -> None:
    from denkspur.testing.tiny_model import EXPECTED_ANSWER

    with EngineClient() as client:
        load_model(client, ModelRequest(str(tiny_model), n_ctx=512, gpu_layers=0, n_threads=100_000))
        outcome = run_reasoning(client, [p.ChatMessage("user", "What is 2 + 3?")])
    assert outcome.ok, outcome.error
    assert outcome.result.answer == EXPECTED_ANSWER
