"""``denkspur chat --json --signals``: the event contract, and the signals kept with the reply."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from denkspur.core.conversations.export import export_json, import_json
from denkspur.core.conversations.store import Store
from denkspur.core.trace.signals import unpack
from denkspur.session import store_path
from denkspur.testing.tiny_model import EXPECTED_COMPLETION_TOKENS, EXPECTED_TRACE


def chat(model: Path, *args: str) -> list[dict[str, object]]:
    run = subprocess.run(
        [sys.executable, "-m", "denkspur", "chat", "--model", str(model), "--json", "--seed", "1",
         "--gpu-layers", "0", *args, "What is 2 + 3?"],
        capture_output=True, text=True, timeout=180, check=False,
    )
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_signals_ride_on_every_trace_and_answer_event(data_dir: Path, tiny_model: Path) -> None:
    lines = chat(tiny_model, "--signals")
    texts = [line for line in lines if line["event"] in ("trace", "answer")]
    assert texts and all(isinstance(line["tokens"], list) for line in texts)
    tokens = [token for line in texts for token in line["tokens"]]  # type: ignore[attr-defined]
    assert len(tokens) >= EXPECTED_COMPLETION_TOKENS - 1  # a lone closing tag may show in no event
    for token in tokens:
        assert set(token) == {"text", "logprob", "entropy", "top"}
        assert token["logprob"] == pytest.approx(0.0, abs=1e-3)
        assert token["entropy"] == pytest.approx(0, abs=1e-3)
        assert all(isinstance(t, str) and 0 <= p <= 1 for t, p in token["top"]) and len(token["top"]) == 5
    trace_tokens = "".join(t["text"] for line in texts if line["event"] == "trace" for t in line["tokens"])
    assert trace_tokens.strip() == EXPECTED_TRACE
    stats = lines[-1]["stats"]
    assert isinstance(stats, dict)
    assert stats["mean_logprob"] == pytest.approx(0, abs=1e-3)
    assert stats["mean_entropy"] == pytest.approx(0, abs=1e-3)
    assert stats["forking_tokens"] == 0 and stats["lowest_window_confidence"] == pytest.approx(0, abs=1e-3)


def test_without_signals_the_output_is_unchanged(tiny_model: Path) -> None:
    lines = chat(tiny_model)
    assert all(set(line) <= {"event", "text"} for line in lines if line["event"] in ("trace", "answer"))
    stats = lines[-1]["stats"]
    assert isinstance(stats, dict)
    added = {"mean_logprob", "mean_entropy", "forking_tokens", "lowest_window_confidence", "signals"}
    assert not added & set(stats)


def test_signals_are_stored_exported_and_imported(data_dir: Path, tiny_model: Path) -> None:
    done = chat(tiny_model, "--signals", "--save")[-1]
    store = Store(store_path(data_dir))
    try:
        reply = store.load_conversation(int(done["conversation"])).messages[1]  # type: ignore[call-overload]
        signals, trace_count = unpack(reply.version.stats["signals"])
        assert len(signals) == EXPECTED_COMPLETION_TOKENS and 0 < trace_count < len(signals)
        assert "".join(s.text for s in signals[:trace_count]).strip() == EXPECTED_TRACE
        assert all(s.top and s.logprob == 0.0 for s in signals)  # rounded to 3 decimals
        exported = json.loads(json.dumps(export_json(store.load_conversation(int(done["conversation"])))))
        copy = store.load_conversation(import_json(store, exported)).messages[1]
        assert unpack(copy.version.stats["signals"]) == (signals, trace_count)
    finally:
        store.close()


def test_broken_stored_signals_read_as_far_as_they_go() -> None:
    packed = {"words": ["a", "b", 7], "text": [0, 1, 2], "logprob": [-100, -200, -300],
              "entropy": [200, 300, 0], "top": [[1, 500, 9, 100, 0], "x"], "trace": 9}
    signals, trace_count = unpack(packed)
    assert trace_count == 2 and [s.text for s in signals] == ["a", "b"]  # the third's word is no text
    assert signals[0].top == (("b", 0.5),) and signals[1].top == ()  # bad entries left out
    assert signals[0].logprob == -0.1 and signals[1].entropy == 0.3
    assert unpack("nonsense") == ([], 0)
    assert unpack({"words": [], "text": "a", "logprob": [], "entropy": []}) == ([], 0)


def test_packing_keeps_three_decimals_and_each_text_once() -> None:
    from denkspur.core.trace.signals import TokenSignal, pack

    signals = [TokenSignal(" the", -0.12345, 0.5, ((" the", 0.8834), (" a", 0.1))),
               TokenSignal(" a", -2.3026, 1.25, ((" the", 0.5), (" a", 0.1)))]
    packed = pack(signals, 1)
    assert packed["words"] == [" the", " a"] and packed["top"] == [[0, 883, 1, 100], [0, 500, 1, 100]]
    back, trace_count = unpack(json.loads(json.dumps(packed)))
    assert trace_count == 1 and back[0].logprob == -0.123 and back[1].top == ((" the", 0.5), (" a", 0.1))
