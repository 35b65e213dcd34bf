"""Render a chat into a prompt with the model's own Jinja chat template.

The template comes from the GGUF file (``tokenizer.chat_template``), i.e. from
whoever published the file: it is rendered in Jinja's immutable sandbox, so a
hostile template can format text but not reach Python internals or the disk.

History preparation follows DeepSeek's advice for R1: earlier turns' reasoning is
not sent back (only their answers), and no system prompt is added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Template, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from denkspur.core.trace.splitter import OPEN_TAG, strip_trace

#: Used when a GGUF carries no template: the DeepSeek-R1 distill format.
R1_FALLBACK_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] }}"
    "{% elif message['role'] == 'user' %}{{ '<｜User｜>' + message['content'] }}"
    "{% elif message['role'] == 'assistant' %}"
    "{{ '<｜Assistant｜>' + message['content'] + eos_token }}{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<｜Assistant｜><think>\\n' }}{% endif %}"
)


class ChatTemplateError(ValueError):
    """The model's chat template could not be rendered."""


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


def _raise(message: str) -> None:
    raise ChatTemplateError(message)


@lru_cache(maxsize=8)
def _compile(source: str) -> Template:
    environment = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    environment.globals["raise_exception"] = _raise
    try:
        return environment.from_string(source)
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        raise ChatTemplateError(f"the model's chat template is invalid{where}: {error}") from error
    except RecursionError as error:
        raise ChatTemplateError("the model's chat template is invalid: nested too deeply") from error


def check_template(source: str) -> None:
    """Raise :class:`ChatTemplateError` when ``source`` does not even compile."""
    _compile(source)


def prepare_history(turns: Iterable[Turn]) -> list[Turn]:
    """Turns as they should be sent: assistant turns reduced to their answers."""
    prepared = []
    for turn in turns:
        if turn.role == "assistant":
            prepared.append(Turn("assistant", strip_trace(turn.content)))
        else:
            prepared.append(turn)
    return prepared


def render_prompt(
    template: str | None,
    turns: Sequence[Turn],
    *,
    bos_token: str,
    eos_token: str,
    add_generation_prompt: bool = True,
) -> str:
    """The prompt text for ``turns`` (already prepared) under ``template``."""
    compiled = _compile(template or R1_FALLBACK_TEMPLATE)
    messages = [{"role": t.role, "content": t.content} for t in turns]
    try:
        return str(
            compiled.render(
                messages=messages,
                bos_token=bos_token,
                eos_token=eos_token,
                add_generation_prompt=add_generation_prompt,
            )
        )
    except ChatTemplateError:
        raise
    except Exception as error:  # a template is foreign code: any failure is its failure
        raise ChatTemplateError(f"the model's chat template failed: {error}") from error


def prompt_opens_trace(prompt: str) -> bool:
    """Whether the prompt ends inside an opened ``<think>`` block."""
    return prompt.rstrip().endswith(OPEN_TAG)
