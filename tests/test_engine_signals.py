"""Per-token signals from the real llama.cpp: the tiny bigram model and a random-weight one."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from denkspur.core.trace.signals import TOP_K
from denkspur.core.trace.stream import AnswerText, TraceText
from denkspur.engine import protocol as p
from denkspur.engine.client import EngineClient
from denkspur.session.reply import run_reasoning
from denkspur.testing.tiny_model import EXPECTED_COMPLETION_TOKENS, Shape, write_random_model

QUESTION = [p.ChatMessage("user", "What is 2 + 3?")]


def test_the_bigram_model_is_sure_of_every_token(engine: EngineClient) -> None:
    events: list[object] = []
    outcome = run_reasoning(engine, QUESTION, p.SamplingParams(signals=True), on_event=events.append)
    result = outcome.result
    assert outcome.ok and len(result.signals) == EXPECTED_COMPLETION_TOKENS
    for signal in result.signals:
        assert signal.logprob == pytest.approx(0.0, abs=1e-3)
        assert signal.entropy == pytest.approx(0.0, abs=1e-3)
        assert len(signal.top) == TOP_K and signal.top[0][0] == signal.text
        assert sum(prob for _text, prob in signal.top) <= 1.0 + 1e-6
    # the texts of the records given with the events are the text the model wrote
    shown = [t for e in events if isinstance(e, (TraceText, AnswerText)) for t in e.tokens]
    assert shown == result.signals[: len(shown)] and len(shown) >= len(result.signals) - 1
    assert "".join(t.text for t in result.signals[: result.trace_signal_count]).strip() == result.trace
    assert result.stats_dict()["forking_tokens"] == 0


def test_without_signals_nothing_is_recorded(engine: EngineClient) -> None:
    outcome = run_reasoning(engine, QUESTION)
    assert outcome.result.signals == [] and "mean_logprob" not in outcome.result.stats_dict()


@pytest.fixture(scope="module")
def random_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_random_model(tmp_path_factory.mktemp("signals") / "random.gguf",
                              shape=Shape(n_embd=64, n_layers=2, n_head=4, n_head_kv=2, n_ff=128),
                              n_vocab=1000)


def test_a_random_model_gives_uncertain_tokens(random_model: Path) -> None:
    with EngineClient() as client:
        client.load(p.LoadModel(str(random_model), n_ctx=256))
        params = p.SamplingParams(signals=True, max_tokens=40, ignore_eos=True, seed=3, temperature=1.0,
                                  top_k=0, top_p=1.0)
        outcome = run_reasoning(client, QUESTION, params)
    signals = outcome.result.signals
    assert len(signals) == 40
    assert any(s.entropy > 0.5 for s in signals)
    for s in signals:
        assert s.logprob <= 0.0 and 0.0 <= s.entropy <= math.log(1000) + 1e-3
        probs = [prob for _text, prob in s.top]
        assert probs == sorted(probs, reverse=True) and sum(probs) <= 1.0 + 1e-6
        # the sampled token is among the top 5 or less likely than the fifth
        assert any(text == s.text for text, _ in s.top) or math.exp(s.logprob) <= probs[-1] + 1e-4


def test_signals_computed_in_a_batch_equal_those_one_by_one(random_model: Path) -> None:
    import llama_cpp

    from denkspur.engine.child_io import TokenPieces
    from denkspur.engine.signals import SignalRecorder

    llm = llama_cpp.Llama(str(random_model), n_ctx=256, verbose=False)
    try:
        pieces = TokenPieces(llm._model.vocab)
        batched = SignalRecorder(llm, pieces, llama_cpp.llama_get_logits_ith, capacity=4,
                                 immediate=False)  # fills up once
        at_once = SignalRecorder(llm, pieces, llama_cpp.llama_get_logits_ith, immediate=True)
        single = SignalRecorder(llm, pieces, llama_cpp.llama_get_logits_ith)
        alone = SignalRecorder(llm, pieces, llama_cpp.llama_get_logits_ith, immediate=False)
        one_by_one, sent_alone, reference = [], [], []
        n_vocab = llm.n_vocab()
        for count, token in enumerate(llm.generate(llm.tokenize(b"Hello"), temp=1.0, top_k=0, top_p=1.0)):
            logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1),
                                           shape=(n_vocab,)).astype(np.float64)
            reference.append(_reference(logits, token))
            batched.capture(token, str(token))
            at_once.capture(token, str(token))
            one_by_one.append(single.record(token, str(token)))
            alone.capture(token, str(token))  # a message per token: one copied row at a flush
            sent_alone.extend(alone.flush())
            if count == 6:
                break
        together, immediate = batched.flush(), at_once.flush()
    finally:
        llm.close()
    assert [s.text for s in together] == [s.text for s in one_by_one] and len(together) == 7
    assert [s.text for s in sent_alone] == [s.text for s in one_by_one]
    for a, b, c, d, (logprob, entropy, top) in zip(together, one_by_one, immediate, sent_alone, reference,
                                                   strict=True):
        for signal in (a, b, c, d):
            assert signal.logprob == pytest.approx(logprob, abs=1e-4)
            assert signal.entropy == pytest.approx(entropy, abs=1e-4)
            assert [prob for _t, prob in signal.top] == pytest.approx([prob for _i, prob in top], abs=1e-5)
            # the alternatives are named by their own text, decoded once per loaded model
            assert [t for t, _ in signal.top] == [pieces.piece(i).decode("utf-8", "replace") for i, _p in top]
        assert all(pieces.texts[i] == t for (i, _p), (t, _q) in zip(top, a.top, strict=True))
    assert batched.flush() == () and at_once.flush() == ()


def _reference(logits: np.ndarray, token: int) -> tuple[float, float, list[tuple[int, float]]]:
    """The figures in float64, the obvious way: softmax, -sum p log p, a full sort."""
    shifted = logits - logits.max()
    probs = np.exp(shifted) / np.exp(shifted).sum()
    logprob = float(np.log(probs[token]))
    entropy = float(-(probs[probs > 0] * np.log(probs[probs > 0])).sum())
    order = np.argsort(-logits, kind="stable")[:5]
    return logprob, entropy, [(int(i), float(probs[i])) for i in order]


@pytest.mark.parametrize("shape", ["peaked", "flat", "ties"])
def test_the_top_five_are_found_however_the_distribution_looks(shape: str) -> None:
    """A few tokens far above the rest, a flat spread, equal logits (lower id first)."""
    from denkspur.engine.signals import top_tokens

    rng = np.random.default_rng(4)
    logits = {"peaked": rng.normal(0, 1, 70_000) + np.where(np.arange(70_000) % 9_999 == 0, 12.0, 0.0),
              "flat": rng.normal(0, 0.01, 70_000) - np.arange(70_000) * 1e-3,
              "ties": np.zeros(70_000)}[shape].astype(np.float32)
    shifted = logits - logits.max()
    expected = [int(i) for i in np.argsort(-logits, kind="stable")[:5]]
    assert top_tokens(shifted.copy()) == expected
    assert top_tokens(shifted.copy(), best=expected[0]) == expected  # the best already known
    few = shifted[:3].copy()  # fewer tokens than five: all of them, in order
    assert top_tokens(few) == [int(i) for i in np.argsort(-logits[:3], kind="stable")]


def test_every_message_carries_one_record_per_token_it_holds(random_model: Path) -> None:
    """The engine coalesces tokens into few messages: their records must travel with them."""
    with EngineClient() as client:
        client.load(p.LoadModel(str(random_model), n_ctx=512))
        params = p.SamplingParams(signals=True, max_tokens=300, ignore_eos=True, seed=2)
        messages = [event for event in client.generate(QUESTION, params) if isinstance(event, p.TokenText)]
    assert sum(m.tokens for m in messages) == 300 and len(messages) < 300  # some were coalesced
    for message in messages:
        assert message.signals is not None and len(message.signals) == message.tokens
        assert "".join(s.text for s in message.signals) == message.text
