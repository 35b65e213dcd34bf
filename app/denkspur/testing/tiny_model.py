"""Generate tiny DeepSeek-R1-shaped GGUF models with known output.

There is no network in tests and CI, and real R1 distills are gigabytes. This
writes a genuine llama-architecture GGUF (real tokenizer metadata with the R1
special tokens, byte fallback, the R1 distill chat template) whose weights make
it a deterministic "bigram" machine: attention and feed-forward outputs are zero,
so the residual stream is the token embedding, and the output matrix maps each
token of a fixed script to the next one with a huge logit margin. Whatever the
sampling settings, llama.cpp then emits :data:`SCRIPT` exactly: a trace with a
self-correction and a verification, ``</think>``, and an answer. It loads and runs
in milliseconds through the real llama-cpp-python, so every test exercises the
true inference path.

:func:`write_tiny_plain_model` writes the same kind of machine for a model that
does not think: no chat template, no ``<think>`` tokens, ChatML's special tokens
(so llama.cpp's ChatML template is its format), and a plain answer.
:func:`write_random_model` writes a larger random-weight model for benchmarks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

BOS = "<｜begin▁of▁sentence｜>"
EOS = "<｜end▁of▁sentence｜>"
USER = "<｜User｜>"
ASSISTANT = "<｜Assistant｜>"
THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"

#: The chat template of the DeepSeek-R1 Qwen/Llama distills (January 2025 revision,
#: which ends the generation prompt with ``<think>\n``).
R1_DISTILL_TEMPLATE = (
    "{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}"
    "{% set ns = namespace(is_first=false, is_tool=false, is_output_first=true, system_prompt='') %}"
    "{%- for message in messages %}{%- if message['role'] == 'system' %}"
    "{% set ns.system_prompt = message['content'] %}{%- endif %}{%- endfor %}"
    "{{bos_token}}{{ns.system_prompt}}"
    "{%- for message in messages %}"
    "{%- if message['role'] == 'user' %}{%- set ns.is_tool = false -%}"
    "{{'<｜User｜>' + message['content']}}{%- endif %}"
    "{%- if message['role'] == 'assistant' and message['content'] is not none %}"
    "{%- if ns.is_tool %}{{'<｜tool▁outputs▁end｜>' + message['content'] + '<｜end▁of▁sentence｜>'}}"
    "{%- set ns.is_tool = false -%}{%- else %}{% set content = message['content'] %}"
    "{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}"
    "{{'<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>'}}{%- endif %}{%- endif %}"
    "{%- endfor -%}"
    "{% if ns.is_tool %}{{'<｜tool▁outputs▁end｜>'}}{% endif %}"
    "{% if add_generation_prompt and not ns.is_tool %}{{'<｜Assistant｜><think>\\n'}}{% endif %}"
)

#: The earlier R1 template: the prompt ends at ``<｜Assistant｜>`` and the model
#: opens the trace itself.
R1_LEGACY_TEMPLATE = R1_DISTILL_TEMPLATE.replace("'<｜Assistant｜><think>\\n'", "'<｜Assistant｜>'")

_TRACE_PIECES = (
    "Okay, the user asks",
    " what 2 + 3 is.",
    " Adding them gives 6.",
    "\n\nWait,",
    " that is wrong:",
    " 2 + 3 = 5.",
    "\n\nLet me check:",
    " 5 - 3 = 2,",
    " so it holds.",
    "\n\nSo the answer",
    " is 5.\n",
)
_ANSWER_PIECES = ("\n\n2 + 3 = **5**.",)

#: Token pieces the tiny model emits after any R1 prompt, in order, then EOS.
SCRIPT: tuple[str, ...] = (*_TRACE_PIECES, THINK_CLOSE, *_ANSWER_PIECES)
EXPECTED_TRACE = "".join(_TRACE_PIECES).strip()
EXPECTED_ANSWER = "".join(_ANSWER_PIECES).strip()
#: Completion tokens of one full reply, the EOS token not counted.
EXPECTED_COMPLETION_TOKENS = len(SCRIPT)

#: What the plain (non-reasoning) tiny model answers after any prompt, then EOS.
_PLAIN_PIECES = ("Plain answer:", " 2 + 3", " = 5.")
EXPECTED_PLAIN_ANSWER = "".join(_PLAIN_PIECES)
PLAIN_BOS, PLAIN_EOS = "<s>", "<|im_end|>"
_PLAIN_CONTROL = (PLAIN_BOS, PLAIN_EOS, "<|im_start|>")

_CONTROL = (BOS, EOS, USER, ASSISTANT)
_TOKEN_NORMAL, _TOKEN_UNKNOWN, _TOKEN_CONTROL, _TOKEN_USER_DEFINED, _TOKEN_BYTE = 1, 2, 3, 4, 6


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    types: list[int]

    def id(self, piece: str) -> int:
        return self.pieces.index(piece)


def _spm(piece: str) -> str:
    return piece.replace(" ", "▁")


def r1_vocabulary(extra: Sequence[str] = (), *, thinking: bool = True, verbatim: bool = False) -> Vocabulary:
    """``<unk>``, the R1 specials, 256 byte tokens, then ``extra`` pieces.

    ``thinking=False``: ChatML's specials instead, and no ``<think>`` tokens.
    ``verbatim`` makes the extra pieces user-defined tokens: the tokenizer then
    finds them in text as they are, so a trace written back into a prompt (a branch
    from a step) becomes the very tokens the model emitted.
    """
    control = _CONTROL if thinking else _PLAIN_CONTROL
    think = [THINK_OPEN, THINK_CLOSE] if thinking else []
    pieces = ["<unk>", *control, *think]
    types = [_TOKEN_UNKNOWN] + [_TOKEN_CONTROL] * len(control) + [_TOKEN_USER_DEFINED] * len(think)
    pieces += [f"<0x{byte:02X}>" for byte in range(256)]
    types += [_TOKEN_BYTE] * 256
    pieces += list(extra) if verbatim else [_spm(p) for p in extra]
    types += [_TOKEN_USER_DEFINED if verbatim else _TOKEN_NORMAL] * len(extra)
    return Vocabulary(pieces, types)


@dataclass(frozen=True)
class Shape:
    n_embd: int
    n_layers: int
    n_head: int
    n_head_kv: int
    n_ff: int
    n_ctx_train: int = 4096


def _write_llama_gguf(
    path: Path,
    vocab: Vocabulary,
    shape: Shape,
    tensors: dict[str, np.ndarray],
    *,
    name: str,
    template: str | None,
    file_type: int,
    architecture: str = "llama",
    bos: str = BOS,
    eos: str = EOS,
) -> Path:
    import gguf

    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_name(name)
    writer.add_context_length(shape.n_ctx_train)
    writer.add_embedding_length(shape.n_embd)
    writer.add_block_count(shape.n_layers)
    writer.add_feed_forward_length(shape.n_ff)
    writer.add_head_count(shape.n_head)
    writer.add_head_count_kv(shape.n_head_kv)
    writer.add_rope_dimension_count(shape.n_embd // shape.n_head)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_file_type(file_type)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(vocab.pieces)
    writer.add_token_scores([0.0] * len(vocab.pieces))
    writer.add_token_types(vocab.types)
    writer.add_bos_token_id(vocab.id(bos))
    writer.add_eos_token_id(vocab.id(eos))
    writer.add_add_bos_token(False)  # the template writes BOS itself
    writer.add_add_eos_token(False)
    writer.add_add_space_prefix(False)
    if template is not None:
        writer.add_chat_template(template)
    for tensor_name, array in tensors.items():
        writer.add_tensor(tensor_name, array)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def _layer_tensors(shape: Shape, make: Callable[[tuple[int, int], str], np.ndarray]) -> dict[str, np.ndarray]:
    head_dim = shape.n_embd // shape.n_head
    kv = head_dim * shape.n_head_kv
    e, ff = shape.n_embd, shape.n_ff
    tensors: dict[str, np.ndarray] = {}
    for layer in range(shape.n_layers):
        prefix = f"blk.{layer}."
        tensors[prefix + "attn_norm.weight"] = np.ones(e, dtype=np.float32)
        tensors[prefix + "attn_q.weight"] = make((e, e), "q")
        tensors[prefix + "attn_k.weight"] = make((kv, e), "k")
        tensors[prefix + "attn_v.weight"] = make((kv, e), "v")
        tensors[prefix + "attn_output.weight"] = make((e, e), "out")
        tensors[prefix + "ffn_norm.weight"] = np.ones(e, dtype=np.float32)
        tensors[prefix + "ffn_gate.weight"] = make((ff, e), "gate")
        tensors[prefix + "ffn_up.weight"] = make((ff, e), "up")
        tensors[prefix + "ffn_down.weight"] = make((e, ff), "down")
    return tensors


def write_tiny_r1_model(
    path: str | Path,
    *,
    template: str | None = R1_DISTILL_TEMPLATE,
    architecture: str = "llama",
    name: str = "Denkspur tiny R1",
) -> Path:
    """Write the deterministic test model to ``path`` (about 250 KB)."""
    vocab = r1_vocabulary(_TRACE_PIECES + _ANSWER_PIECES, verbatim=True)
    chain = [vocab.id(p) for p in SCRIPT] + [vocab.id(EOS)]
    # The prompt ends in "\n" (after "<think>\n") or "<think>"; "<｜Assistant｜>" opens the trace.
    starts = {vocab.id("<0x0A>"): chain[0], vocab.id(THINK_OPEN): chain[0],
              vocab.id(ASSISTANT): vocab.id(THINK_OPEN)}
    return _write_bigram_model(Path(path), vocab, chain, starts, name=name,
                               template=template, architecture=architecture, bos=BOS, eos=EOS)


def write_tiny_plain_model(path: str | Path, *, architecture: str = "llama") -> Path:
    """Write a deterministic model that does not think: no template, no ``<think>`` tokens.

    After any ChatML prompt (which ends in ``"assistant\n"``) it writes
    :data:`EXPECTED_PLAIN_ANSWER` and stops.
    """
    vocab = r1_vocabulary(_PLAIN_PIECES, thinking=False)
    chain = [vocab.id(_spm(p)) for p in _PLAIN_PIECES] + [vocab.id(PLAIN_EOS)]
    starts = {vocab.id("<0x0A>"): chain[0]}
    return _write_bigram_model(Path(path), vocab, chain, starts, name="Denkspur tiny plain",
                               template=None, architecture=architecture, bos=PLAIN_BOS, eos=PLAIN_EOS)


def _write_bigram_model(path: Path, vocab: Vocabulary, chain: list[int], starts: dict[int, int], *,
                        name: str, template: str | None, architecture: str, bos: str, eos: str) -> Path:
    """A model whose every next token is fixed by the current one: ``starts``, then ``chain``."""
    successor = dict(starts)
    successor.update(pairwise(chain))

    shape = Shape(n_embd=64, n_layers=1, n_head=4, n_head_kv=2, n_ff=32)
    n_vocab = len(vocab.pieces)
    embedding = np.zeros((n_vocab, shape.n_embd), dtype=np.float32)
    output = np.zeros((n_vocab, shape.n_embd), dtype=np.float32)
    for slot, (token, following) in enumerate(successor.items()):
        embedding[token, slot] = 1.0
        output[following, slot] = 50.0  # logit margin ~400 after RMS norm: beyond any sampler

    rng = np.random.default_rng(7)

    def make(dims: tuple[int, int], role: str) -> np.ndarray:
        if role in ("out", "down"):  # block outputs are zero: residual stream = embedding
            return np.zeros(dims, dtype=np.float32)
        return rng.normal(0.0, 0.02, dims).astype(np.float32)

    tensors = {"token_embd.weight": embedding, "output_norm.weight": np.ones(shape.n_embd, np.float32)}
    tensors.update(_layer_tensors(shape, make))
    tensors["output.weight"] = output
    return _write_llama_gguf(path, vocab, shape, tensors, name=name, template=template, file_type=0,
                             architecture=architecture, bos=bos, eos=eos)


def write_random_model(path: str | Path, *, shape: Shape, n_vocab: int = 32000,
                       seed: int = 0) -> Path:
    """Write a random-weight F16 llama model (for throughput benchmarks)."""
    path = Path(path)
    # Words with a leading space, some capitalised, some ending a sentence: the output
    # has word and sentence breaks like real text, so what the app does with text
    # (sentences, steps, rendering) costs what it would.
    extra = [f" {'W' if index % 2 else 'w'}{index}{'.' if index % 5 == 4 else ''}"
             for index in range(n_vocab - len(r1_vocabulary().pieces))]
    vocab = r1_vocabulary(extra)
    rng = np.random.default_rng(seed)

    def make(dims: tuple[int, int], role: str) -> np.ndarray:
        return (rng.standard_normal(dims, dtype=np.float32) * 0.05).astype(np.float16)

    tensors = {"token_embd.weight": make((len(vocab.pieces), shape.n_embd), "embd"),
               "output_norm.weight": np.ones(shape.n_embd, np.float32)}
    tensors.update(_layer_tensors(shape, make))
    tensors["output.weight"] = make((len(vocab.pieces), shape.n_embd), "out")
    return _write_llama_gguf(path, vocab, shape, tensors, name="Denkspur random bench model",
                             template=R1_DISTILL_TEMPLATE, file_type=1)
