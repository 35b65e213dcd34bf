"""Typed messages between the app and the engine child process.

Every message is a frozen dataclass sent whole over a one-way pipe (parent to
child for commands, child to parent for events). Keeping them plain data keeps
the child replaceable (a remote backend speaks the same events) and keeps the
pickled payload per token tiny.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from denkspur.core.trace.signals import TokenSignal

Role = Literal["system", "user", "assistant"]

#: DeepSeek's recommended sampling for R1 and its distills.
R1_TEMPERATURE = 0.6
R1_TOP_P = 0.95


@dataclass(frozen=True)
class ChatMessage:
    role: Role
    content: str


@dataclass(frozen=True)
class SamplingParams:
    temperature: float = R1_TEMPERATURE
    top_p: float = R1_TOP_P
    top_k: int = 40
    min_p: float = 0.0
    repeat_penalty: float = 1.0
    seed: int | None = None
    max_tokens: int = 4096
    #: Close the trace after this many trace tokens and make the model answer.
    thinking_budget: int | None = None
    #: "Think longer": when the model closes its thinking, write a continuation cue
    #: ("Wait,") instead, up to this many times (s1 budget forcing, arXiv 2501.19393).
    think_longer: int = 0
    #: Never stop at the end-of-sequence token (benchmarks only).
    ignore_eos: bool = False
    #: Record per-token signals (log-probability, entropy, top alternatives): see
    #: ``denkspur.engine.signals``. Off by default: the default path costs nothing.
    signals: bool = False
    #: "Probe every N sentences": while the model thinks, ask what it would answer now at every
    #: N-th sentence end (an automatic :class:`Probe`), to find where the answer settled. 0: off.
    probe_every: int = 0


# -- parent -> child ----------------------------------------------------------------


@dataclass(frozen=True)
class LoadModel:
    path: str
    n_ctx: int = 4096
    n_gpu_layers: int = 0
    n_threads: int | None = None


@dataclass(frozen=True)
class Generate:
    request_id: int
    messages: tuple[ChatMessage, ...]
    params: SamplingParams = field(default_factory=SamplingParams)
    #: The reply's trace starts with this text (branch from a step, steer): the model
    #: continues thinking after it. With the prompt it usually hits the KV cache.
    trace_prefix: str = ""
    #: The thinking had closed and the answer starts with this text ("Continue" after a stop):
    #: the reply is ``trace_prefix``, the end of thinking, then this, and the model goes on.
    answer_prefix: str | None = None


@dataclass(frozen=True)
class Cancel:
    request_id: int


@dataclass(frozen=True)
class EndThinking:
    """"Answer now": close the trace with ``</think>`` and let the model answer."""

    request_id: int


@dataclass(frozen=True)
class Probe:
    """"What would it answer now?": a short side answer with the thinking closed here.

    The main generation pauses, answers from a copy of its context, then goes on
    where it was (the KV cache keeps the shared prefix, so resuming costs a token).
    """

    request_id: int
    max_tokens: int = 96
    #: Asked by "probe every N sentences" rather than by the user.
    automatic: bool = False


@dataclass(frozen=True)
class Unload:
    pass


@dataclass(frozen=True)
class Shutdown:
    pass


Command = LoadModel | Generate | Cancel | EndThinking | Probe | Unload | Shutdown


# -- child -> parent ----------------------------------------------------------------


@dataclass(frozen=True)
class Ready:
    pid: int
    llama_cpp_version: str
    gpu_offload: bool
    #: Compute backend of this llama.cpp build: "CUDA", "Metal", "Vulkan", "HIP", "SYCL" or "CPU".
    backend: str = "CPU"


@dataclass(frozen=True)
class ModelLoaded:
    path: str
    architecture: str
    n_ctx: int
    n_ctx_train: int
    n_params: int
    n_layers: int
    n_gpu_layers: int
    has_chat_template: bool
    load_seconds: float
    #: The model writes ``<think>`` reasoning; False: its replies are plain answers (no trace).
    reasoning: bool = True
    #: How prompts are formatted: "model template", "llama.cpp 'chatml'", "DeepSeek-R1 (fallback)".
    chat_format: str = "model template"


@dataclass(frozen=True)
class Unloaded:
    pass


@dataclass(frozen=True)
class GenerationStarted:
    request_id: int
    prompt_tokens: int
    #: The rendered prompt already ends inside a ``<think>`` block.
    prompt_opens_think: bool
    #: Oldest turns dropped so the prompt fits the context (0 = none).
    dropped_messages: int
    max_tokens: int
    #: The prompt probably ends inside ``<think>`` (a server's model named like a reasoning
    #: model), unconfirmed: the output is trace only if the stream shows it (see the splitter).
    prompt_may_open_think: bool = False
    #: The model reasons; False: everything it writes is answer text.
    reasoning: bool = True
    #: How this reply's tokens will be counted ("estimated": a server's events; see GenerationDone).
    token_counts: str = "exact"


@dataclass(frozen=True)
class TokenText:
    request_id: int
    text: str
    tokens: int = 1
    #: Who wrote it: "model", or the engine on the user's behalf: "answer-now" and
    #: "budget" (the bridge that ends the thinking), "think-longer" (the cue that
    #: replaced the model's close of its thinking).
    origin: str = "model"
    #: With ``SamplingParams.signals``: one record per token of ``text``, in order (their
    #: texts join to ``text``); None when not asked for, or for text the engine wrote in.
    signals: tuple[TokenSignal, ...] | None = None


StopReason = Literal["stop", "length", "cancelled"]


@dataclass(frozen=True)
class TokenUsage:
    """A server's own count of a reply's tokens (OpenAI ``usage``)."""

    completion_tokens: int
    #: ``completion_tokens_details.reasoning_tokens``: how many of them were reasoning, if said.
    reasoning_tokens: int | None = None


@dataclass(frozen=True)
class GenerationDone:
    request_id: int
    stop_reason: StopReason
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    #: Something the user should be told about this reply, as a code the app words:
    #: "budget-refused" (a server would not answer from the trace closed at the budget).
    notice: str = ""
    #: How the ``TokenText.tokens`` of this reply were counted: "exact" (the model's own
    #: tokens) or "estimated" (a server's text, whose events are not tokens).
    token_counts: str = "exact"
    #: What a server reported in ``usage`` (exact), if it did; it overrides the estimate.
    usage: TokenUsage | None = None



@dataclass(frozen=True)
class Capabilities:
    """What a backend can do, so callers ask instead of checking its class."""

    #: ``end_thinking`` closes the trace and makes the model answer ("answer now"); the same
    #: control of the thinking gives the thinking budget, think-longer, probes and branches.
    answer_now: bool
    #: ``load`` opens a local GGUF file and honours ``n_gpu_layers``.
    local_files: bool


@dataclass(frozen=True)
class ProbeAnswer:
    """The provisional answer a :class:`Probe` produced, after ``trace_tokens`` of thinking."""

    request_id: int
    text: str
    trace_tokens: int
    automatic: bool = False  # from "probe every N sentences"
    #: How long the side answer held the main generation up (bench/probe_cost.py).
    seconds: float = 0.0

@dataclass(frozen=True)
class Failed:
    """A request failed inside the child, which itself is still fine."""

    request_id: int | None
    kind: str  # "load", "bad-model", "context-overflow", "bad-request", "internal"
    message: str


@dataclass(frozen=True)
class Heartbeat:
    pass


Event = (
    Ready | ModelLoaded | Unloaded | GenerationStarted | TokenText | GenerationDone | Failed
    | Heartbeat | ProbeAnswer
)

#: What ``generate`` yields: one start, text pieces (and provisional answers), one end.
GenerationEvent = GenerationStarted | TokenText | ProbeAnswer | GenerationDone
