"""Which chat format a loaded model gets, and whether it thinks at all.

A GGUF normally carries its own Jinja chat template, and that is what is used.
Without one, the DeepSeek-R1 format is right only for R1-family models (their
vocabulary has R1's chat tokens); any other model gets llama.cpp's own built-in
template for its family (chosen from its architecture or a telltale special
token, else llama.cpp's default, ChatML), rendered by llama.cpp itself.

Whether a model reasons (writes a ``<think>`` block) is read from the same
sources: ``<think>``/``</think>`` as single tokens of its vocabulary, or a chat
template that deals with them. A model that does not think gets plain answers:
nothing of its output is taken for a trace.

Only the engine child imports this (it calls into llama.cpp).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from denkspur.core.conversations.chat_template import Turn
from denkspur.core.trace.splitter import CLOSE_TAG, OPEN_TAG

#: A token only DeepSeek-R1-family vocabularies have: no template -> the R1 format.
R1_MARKER = "<｜Assistant｜>"
#: Architecture -> llama.cpp built-in template (when the GGUF has none).
ARCHITECTURE_TEMPLATES = {
    "gemma": "gemma", "gemma2": "gemma", "gemma3": "gemma", "gemma3n": "gemma",
    "phi3": "phi3", "command-r": "command-r", "cohere2": "command-r", "exaone": "exaone3",
    "granite": "granite", "chatglm": "chatglm4", "glm4": "chatglm4", "deepseek2": "deepseek2",
}
#: A special token that identifies a family -> its llama.cpp built-in template, in order.
MARKER_TEMPLATES = (
    ("<|start_header_id|>", "llama3"),
    ("<start_of_turn>", "gemma"),
    ("<|im_start|>", "chatml"),
    ("<|user|>", "phi3"),
    ("[INST]", "llama2"),
)
#: llama.cpp's own fallback when nothing identifies the model.
DEFAULT_TEMPLATE = "chatml"
#: Template text that shows a model writes reasoning blocks.
_REASONING_TEMPLATE_HINTS = (OPEN_TAG, CLOSE_TAG, "reasoning_content", "enable_thinking")


@dataclass(frozen=True)
class ChatFormat:
    #: Jinja source to render (the GGUF's own, or None with ``builtin`` / the R1 fallback).
    template: str | None
    #: Name of a llama.cpp built-in template, or None.
    builtin: str | None
    #: The model writes ``<think>…</think>`` reasoning.
    reasoning: bool

    @property
    def label(self) -> str:
        """How the prompt is formatted, for the user and logs."""
        if self.template is not None:
            return "model template"
        return f"llama.cpp '{self.builtin}'" if self.builtin else "DeepSeek-R1 (fallback)"


def choose_format(template: str | None, architecture: str,
                  has_token: Callable[[str], bool]) -> ChatFormat:
    """The chat format for a model; ``has_token(piece)``: is ``piece`` one token of its vocabulary."""
    vocabulary_thinks = has_token(OPEN_TAG) and has_token(CLOSE_TAG)
    if template is not None:
        reasoning = vocabulary_thinks or any(hint in template for hint in _REASONING_TEMPLATE_HINTS)
        return ChatFormat(template, None, reasoning)
    if has_token(R1_MARKER):
        return ChatFormat(None, None, True)  # R1 without its template: the R1 fallback
    builtin = ARCHITECTURE_TEMPLATES.get(architecture) or next(
        (name for marker, name in MARKER_TEMPLATES if has_token(marker)), DEFAULT_TEMPLATE)
    return ChatFormat(None, builtin, vocabulary_thinks)


def render_builtin(name: str, turns: Sequence[Turn], *, add_generation_prompt: bool = True) -> str:
    """The prompt for ``turns`` under llama.cpp's built-in template ``name``."""
    import llama_cpp

    encoded = [(t.role.encode(), t.content.replace("\0", "").encode("utf-8", "replace")) for t in turns]
    messages = (llama_cpp.llama_chat_message * len(encoded))()
    for slot, (role, content) in zip(messages, encoded, strict=True):
        slot.role, slot.content = role, content
    needed = llama_cpp.llama_chat_apply_template(name.encode(), messages, len(encoded),
                                                 add_generation_prompt, None, 0)
    if needed < 0:
        raise ValueError(f"llama.cpp has no built-in chat template {name!r}")
    buffer = ctypes.create_string_buffer(needed + 1)
    llama_cpp.llama_chat_apply_template(name.encode(), messages, len(encoded), add_generation_prompt,
                                        buffer, needed + 1)
    return buffer.raw[:needed].decode("utf-8", "replace")
