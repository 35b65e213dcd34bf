"""Import a local GGUF into the model list, and remove installed models."""

from __future__ import annotations

import re
from pathlib import Path

from denkspur.core.models.gguf_info import GGUFError, check_chat_model, read_gguf_info
from denkspur.core.models.registry import InstalledModel, ModelRegistry


def _local_id(path: Path) -> str:
    return "local-" + re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


def import_gguf(path: Path, registry: ModelRegistry) -> tuple[InstalledModel, list[str]]:
    """Register a GGUF file where it is; returns the entry and warnings for the user.

    Refuses (``GGUFError``) files that are not GGUF, are cut short, or are not
    chat models; a missing chat template is only a warning (the engine picks a format).
    """
    path = path.expanduser().resolve()
    info = read_gguf_info(path)
    check_chat_model(info)
    warnings = []
    if info.chat_template is None:
        warnings.append("the file has no chat template; Denkspur will use the DeepSeek-R1 format for "
                        "R1 models, else llama.cpp's built-in format for its model family")
    if info.split_count > 1:
        warnings.append(f"this is part 1 of {info.split_count}; keep the other parts beside it")
    model = InstalledModel(
        id=_local_id(path), name=info.name, paths=[str(path)], size_bytes=info.file_size,
        source="import", quantization=info.quantization, owned=False, verified=False,
    )
    registry.add(model)
    return model, warnings


def remove_model(model_id: str, registry: ModelRegistry) -> tuple[InstalledModel, int]:
    """Unregister ``model_id``; delete its files if Denkspur downloaded them. Returns bytes freed."""
    model = registry.remove(model_id)
    if model is None:
        raise GGUFError(f"no installed model {model_id!r} (see 'denkspur models list')")
    freed = 0
    if model.owned:
        for name in model.paths:
            file = Path(name)
            if file.exists():
                freed += file.stat().st_size
                file.unlink()
    return model, freed
