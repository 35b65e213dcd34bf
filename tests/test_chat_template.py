"""Prompt rendering with the model's own (sandboxed) chat template."""

from __future__ import annotations

import pytest

from denkspur.core.conversations.chat_template import (
    ChatTemplateError,
    Turn,
    prepare_history,
    prompt_opens_trace,
    render_prompt,
)
from denkspur.testing.tiny_model import BOS, EOS, R1_DISTILL_TEMPLATE, R1_LEGACY_TEMPLATE


def render(template: str | None, turns: list[Turn]) -> str:
    return render_prompt(template, prepare_history(turns), bos_token=BOS, eos_token=EOS)


def test_r1_template_opens_the_trace() -> None:
    prompt = render(R1_DISTILL_TEMPLATE, [Turn("user", "Hi")])
    assert prompt == f"{BOS}<｜User｜>Hi<｜Assistant｜><think>\n"
    assert prompt_opens_trace(prompt)
    assert not prompt_opens_trace(render(R1_LEGACY_TEMPLATE, [Turn("user", "Hi")]))


def test_earlier_traces_are_not_sent_back() -> None:
    turns = [Turn("user", "Q1"), Turn("assistant", "<think>secret musing</think>\n\nA1"),
             Turn("user", "Q2")]
    for template in (R1_DISTILL_TEMPLATE, None):
        prompt = render(template, turns)
        assert "secret musing" not in prompt
        assert "A1" in prompt and prompt.endswith("<｜Assistant｜><think>\n")


def test_hostile_template_cannot_reach_python_internals() -> None:
    evil = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    with pytest.raises(ChatTemplateError):
        render(evil, [Turn("user", "Hi")])


def test_template_raise_exception_is_reported() -> None:
    with pytest.raises(ChatTemplateError, match="roles must alternate"):
        render("{{ raise_exception('roles must alternate') }}", [Turn("user", "Hi")])


def test_broken_template_is_reported() -> None:
    with pytest.raises(ChatTemplateError, match="invalid"):
        render("{% for %}", [Turn("user", "Hi")])
