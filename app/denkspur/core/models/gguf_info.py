"""Read a GGUF file's header without loading the model.

Why our own reader: the app must say *before* handing a file to llama.cpp
whether it is a GGUF at all, whether it is cut short (an interrupted copy or
download), and what it contains (architecture, layers, KV heads for the memory
estimate, quantization, chat template). llama.cpp itself may abort the whole
process on a bad file; this reader only raises :class:`GGUFError` with a message
a user can act on. It memory-maps the file and skips large arrays (the vocabulary)
without building Python objects for them, so it takes milliseconds.
"""

from __future__ import annotations

import functools
import mmap
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from denkspur.core.regular_files import NotRegularFile, open_regular
from denkspur.core.text.clean import capped

#: The longest model name kept from a file's metadata.
MAX_NAME = 200

GGUF_MAGIC = b"GGUF"
_SUPPORTED_VERSIONS = (2, 3)
_ARRAY_KEEP_LIMIT = 64  # arrays longer than this are skipped, only their length kept
#: Arrays of arrays deeper than this are refused (real models nest at most once or twice;
#: a hostile header nesting thousands deep must not exhaust the stack).
MAX_ARRAY_NESTING = 8

# value type id -> struct format for the fixed-size scalar types
_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9


@functools.cache
def llama_cpp_tables() -> tuple[frozenset[str], dict[int, tuple[int, int]]]:
    """Architectures and tensor types llama.cpp knows, with each type's block layout.

    Taken from ``gguf`` (gguf-py, published from the llama.cpp repository with
    the same tables as the C code) rather than copied here: architecture names,
    and ggml type id -> (elements per block, bytes per block).
    """
    from gguf.constants import GGML_QUANT_SIZES, MODEL_ARCH_NAMES

    return (frozenset(MODEL_ARCH_NAMES.values()),
            {int(kind): (int(block), int(size)) for kind, (block, size) in GGML_QUANT_SIZES.items()})


#: llama.cpp's ``general.file_type`` codes, as users know them from file names.
FILE_TYPES = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S",
    29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0",
}

#: Architectures that are not chat models, whatever else llama.cpp does with them.
NON_CHAT_ARCHITECTURES = frozenset(
    {"clip", "bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "t5encoder",
     "wavtokenizer-dec", "neo-bert", "modern-bert"}
)


class GGUFError(ValueError):
    """The file cannot be used as a model; the message says why, for a user."""


@dataclass
class GGUFInfo:
    path: Path
    version: int
    metadata: dict[str, object]
    array_lengths: dict[str, int]
    n_tensors: int
    n_params: int
    data_offset: int
    data_size: int
    file_size: int
    unknown_tensor_types: set[int] = field(default_factory=set)

    def _arch_value(self, key: str) -> object:
        return self.metadata.get(f"{self.architecture}.{key}")

    def _arch_int(self, key: str, default: int = 0) -> int:
        value = self._arch_value(key)
        if isinstance(value, list):  # per-layer arrays (some architectures): take the max
            value = max(value) if value else default
        return int(value) if isinstance(value, (int, float)) else default

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", ""))

    @property
    def name(self) -> str:
        """``general.name`` on one line and capped (it is shown in lists and labels, and it is
        the file's word, not ours: a name with line breaks would forge rows in a listing)."""
        one_line = " ".join(str(self.metadata.get("general.name") or "").split())
        return capped(one_line, MAX_NAME) or self.path.stem

    @property
    def n_layers(self) -> int:
        return self._arch_int("block_count")

    @property
    def context_length(self) -> int:
        return self._arch_int("context_length")

    @property
    def embedding_length(self) -> int:
        return self._arch_int("embedding_length")

    @property
    def head_count(self) -> int:
        return self._arch_int("attention.head_count")

    @property
    def head_count_kv(self) -> int:
        return self._arch_int("attention.head_count_kv", self.head_count)

    @property
    def key_length(self) -> int:
        heads = self.head_count
        fallback = self.embedding_length // heads if heads else 0
        return self._arch_int("attention.key_length", fallback)

    @property
    def value_length(self) -> int:
        return self._arch_int("attention.value_length", self.key_length)

    @property
    def quantization(self) -> str:
        code = self.metadata.get("general.file_type")
        return FILE_TYPES.get(int(code), f"type {code}") if isinstance(code, int) else "unknown"

    @property
    def chat_template(self) -> str | None:
        value = self.metadata.get("tokenizer.chat_template")
        return value if isinstance(value, str) and value.strip() else None

    @property
    def vocab_size(self) -> int:
        return self.array_lengths.get("tokenizer.ggml.tokens", 0)

    @property
    def split_count(self) -> int:
        value = self.metadata.get("split.count")
        return int(value) if isinstance(value, int) else 1

    def kv_cache_bytes(self, n_ctx: int, bytes_per_element: int = 2) -> int:
        """KV cache size for ``n_ctx`` tokens (F16 cache unless told otherwise)."""
        per_token = self.n_layers * self.head_count_kv * (self.key_length + self.value_length)
        return per_token * n_ctx * bytes_per_element

    def summary(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "name": self.name,
            "architecture": self.architecture,
            "quantization": self.quantization,
            "parameters": self.n_params,
            "layers": self.n_layers,
            "context_length": self.context_length,
            "has_chat_template": self.chat_template is not None,
            "file_size": self.file_size,
        }


class _Cursor:
    """Bounds-checked little-endian reads from a buffer (truncation -> GGUFError)."""

    def __init__(self, buffer: mmap.mmap | bytes, size: int) -> None:
        self.buffer, self.size, self.offset = buffer, size, 0

    def need(self, count: int) -> None:
        if count < 0 or self.offset + count > self.size:
            raise GGUFError(
                f"the file is truncated: its header needs more than {self.size:,} bytes "
                "(an interrupted download or copy?)"
            )

    def unpack(self, fmt: str) -> object:
        width = struct.calcsize("<" + fmt)
        self.need(width)
        (value,) = struct.unpack_from("<" + fmt, self.buffer, self.offset)
        self.offset += width
        return value

    def integer(self, fmt: str) -> int:
        """An unsigned count, size or type id (``fmt`` is an integer struct code)."""
        value = self.unpack(fmt)
        assert isinstance(value, int)
        return value

    def string(self) -> str:
        length = self.integer("Q")
        self.need(length)
        raw = bytes(self.buffer[self.offset : self.offset + length])
        self.offset += length
        return raw.decode("utf-8", errors="replace")

    def skip_string(self) -> None:
        length = self.integer("Q")
        self.need(length)
        self.offset += length

    def value(self, type_id: int) -> object:
        if type_id in _SCALARS:
            return self.unpack(_SCALARS[type_id])
        if type_id == _STRING:
            return self.string()
        raise GGUFError(f"the header has a value of unknown type {type_id}: not a valid GGUF file")


def _read_array(cursor: _Cursor, depth: int = 1) -> tuple[list[object] | None, int]:
    if depth > MAX_ARRAY_NESTING:
        raise GGUFError(f"the header nests arrays more than {MAX_ARRAY_NESTING} deep: "
                        "not a valid model file")
    item_type = cursor.integer("I")
    count = cursor.integer("Q")
    if count <= _ARRAY_KEEP_LIMIT and item_type != _ARRAY:
        return [cursor.value(item_type) for _ in range(count)], count
    if item_type in _SCALARS:
        width = struct.calcsize("<" + _SCALARS[item_type]) * count
        cursor.need(width)
        cursor.offset += width
    elif item_type == _STRING:
        for _ in range(count):
            cursor.skip_string()
    elif item_type == _ARRAY:
        for _ in range(count):
            _read_array(cursor, depth + 1)
    else:
        raise GGUFError(f"the header has an array of unknown type {item_type}")
    return None, count


def _tensor_bytes(type_id: int, elements: int) -> int | None:
    block = llama_cpp_tables()[1].get(type_id)
    if block is None:
        return None
    per_block, size = block
    return (elements + per_block - 1) // per_block * size


def read_gguf_info(path: str | os.PathLike[str]) -> GGUFInfo:
    """Parse the header of ``path``; raise :class:`GGUFError` if it is unusable."""
    path = Path(path)
    with open_regular_file(path) as handle:
        file_size = os.fstat(handle.fileno()).st_size
        head = handle.read(4)
        if head != GGUF_MAGIC:
            what = "the file is empty" if not head else f"it starts with {_shown(head)}"
            raise GGUFError(f"{path.name} is not a GGUF model file ({what}, not with “GGUF”)")
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as buffer:
            return _parse(path, buffer, file_size)


def _shown(raw: bytes) -> str:
    """A file's first bytes as a user reads them: the text if printable, else hex."""
    text = raw.decode("ascii", "replace")
    if text.isprintable() and "\ufffd" not in text:
        return f"“{text}”"
    return "the bytes " + " ".join(f"{byte:02X}" for byte in raw)


def open_regular_file(path: Path) -> BinaryIO:
    """``path`` opened for reading, refused (``GGUFError``) unless it is a regular file
    (a FIFO given as a model would block forever: see :mod:`denkspur.core.regular_files`)."""
    try:
        return open_regular(path)
    except NotRegularFile as error:
        raise GGUFError(f"{path} is {error.kind}, not a model file") from error
    except OSError as error:
        raise GGUFError(f"cannot open {path}: {error.strerror or error}") from error


def _parse(path: Path, buffer: mmap.mmap, file_size: int) -> GGUFInfo:
    cursor = _Cursor(buffer, file_size)
    cursor.offset = 4
    version = cursor.integer("I")
    if version not in _SUPPORTED_VERSIONS:
        raise GGUFError(f"GGUF version {version} is not supported (expected 2 or 3)")
    n_tensors = cursor.integer("Q")
    n_kv = cursor.integer("Q")
    if n_tensors > 1_000_000 or n_kv > 1_000_000:
        raise GGUFError("the header claims an absurd number of entries: the file is corrupt")
    metadata: dict[str, object] = {}
    array_lengths: dict[str, int] = {}
    for _ in range(n_kv):
        key = cursor.string()
        type_id = cursor.integer("I")
        if type_id == _ARRAY:
            values, count = _read_array(cursor)
            array_lengths[key] = count
            if values is not None:
                metadata[key] = values
        else:
            metadata[key] = cursor.value(type_id)

    n_params, data_size, unknown = 0, 0, set()
    for _ in range(n_tensors):
        cursor.skip_string()
        n_dims = cursor.integer("I")
        if n_dims > 8:
            raise GGUFError("a tensor has more than 8 dimensions: the file is corrupt")
        elements = 1
        for _ in range(n_dims):
            elements *= cursor.integer("Q")
        type_id = cursor.integer("I")
        offset = cursor.integer("Q")
        n_params += elements
        size = _tensor_bytes(type_id, elements)
        if size is None:
            unknown.add(type_id)
        else:
            data_size = max(data_size, offset + size)

    alignment = metadata.get("general.alignment", 32)
    alignment = alignment if isinstance(alignment, int) and alignment > 0 else 32
    data_offset = (cursor.offset + alignment - 1) // alignment * alignment
    if data_offset + data_size > file_size:
        missing = data_offset + data_size - file_size
        raise GGUFError(
            f"{path.name} is truncated: its tensors need {data_offset + data_size:,} bytes but "
            f"the file has {file_size:,} ({missing:,} missing). Download or copy it again."
        )
    return GGUFInfo(path, version, metadata, array_lengths, n_tensors, n_params, data_offset,
                    data_size, file_size, unknown)


def check_chat_model(info: GGUFInfo) -> None:
    """Raise :class:`GGUFError` unless ``info`` describes a model Denkspur can chat with."""
    arch = info.architecture
    if not arch:
        raise GGUFError(f"{info.path.name} has no general.architecture: not a model file")
    if arch in NON_CHAT_ARCHITECTURES:
        raise GGUFError(
            f"{info.path.name} is a '{arch}' model (an encoder or adapter), not a chat model: "
            "Denkspur needs a text-generation model such as a DeepSeek-R1 distill"
        )
    known_architectures, _ = llama_cpp_tables()
    if arch not in known_architectures:
        raise GGUFError(
            f"{info.path.name} is a '{arch}' model, an architecture this version of llama.cpp "
            "does not know: it cannot be loaded (a newer Denkspur may support it)"
        )
    if info.unknown_tensor_types:
        kinds = ", ".join(str(kind) for kind in sorted(info.unknown_tensor_types))
        raise GGUFError(
            f"{info.path.name} stores tensors in a format this version of llama.cpp does not know "
            f"(ggml type {kinds}): it cannot be loaded (a newer Denkspur may support it)"
        )
    if info.n_tensors == 0 or info.n_layers == 0:
        raise GGUFError(f"{info.path.name} has no model weights (a vocabulary-only file?)")
    if info.vocab_size == 0:
        raise GGUFError(f"{info.path.name} has no tokenizer vocabulary")
