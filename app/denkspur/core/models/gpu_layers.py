"""How many model layers go to the GPU: a count, or one of two named choices.

One meaning everywhere: ``ALL`` offloads every layer, ``AUTO`` offloads as many
as the fit estimate says and falls back (fewer layers, then the CPU) when
loading fails. ``-1`` appears only at the llama.cpp boundary (``LoadModel``,
``ModelLoaded``, the fit), where it is llama.cpp's own word for "all".
"""

from __future__ import annotations

from enum import Enum

#: llama.cpp's ``n_gpu_layers`` for "every layer".
LLAMA_ALL_LAYERS = -1


class GpuOffload(str, Enum):
    AUTO = "auto"
    ALL = "all"

    def __str__(self) -> str:
        return str(self.value)


#: A setting: a number of layers (0 = CPU only) or a named choice.
GpuLayers = int | GpuOffload


def parse_gpu_layers(value: object, *, legacy: bool = False) -> GpuLayers | None:
    """Read a stored or typed value; ``None`` when it is not one.

    ``legacy``: settings files written before the named choices stored ``-1``,
    which the app then loaded *automatically* (as many layers as fit, with
    fallbacks), so an old ``-1`` reads as ``AUTO`` (what users got). On the
    command line ``-1`` keeps llama.cpp's meaning, ``ALL``.
    """
    if isinstance(value, GpuOffload):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in (GpuOffload.AUTO.value, GpuOffload.ALL.value):
            return GpuOffload(word)
        try:
            value = int(word)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    if value == LLAMA_ALL_LAYERS:
        return GpuOffload.AUTO if legacy else GpuOffload.ALL
    return value if value >= 0 else None


def llama_layers(layers: int | GpuOffload) -> int:
    """The ``n_gpu_layers`` llama.cpp gets for a fixed choice (``AUTO`` is planned first)."""
    if layers is GpuOffload.AUTO:
        raise ValueError("AUTO is a plan, not a layer count")
    return LLAMA_ALL_LAYERS if layers is GpuOffload.ALL else int(layers)


def describe_layers(layers: int) -> str:
    """A llama.cpp layer count in words ("all" for -1)."""
    return GpuOffload.ALL.value if layers == LLAMA_ALL_LAYERS else str(layers)
