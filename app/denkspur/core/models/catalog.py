"""The model catalog: which DeepSeek-R1 distill GGUFs can be downloaded, and their shape."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from denkspur.resources import models_dir

_QUANT_RANK = {"Q2_K": 1, "Q3_K_M": 2, "Q4_K_S": 3, "Q4_K_M": 4, "Q5_K_M": 5, "Q6_K": 6, "Q8_0": 7,
               "F16": 8, "BF16": 8}


class CatalogError(ValueError):
    """The catalog file is missing or malformed."""


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    name: str
    repo: str
    files: tuple[str, ...]
    quantization: str
    parameters_billion: float
    size_bytes: int
    context_length: int
    license: str
    description: str
    layers: int
    kv_heads: int
    head_dim: int
    heads: int
    vocab: int

    @property
    def quant_rank(self) -> int:
        return _QUANT_RANK.get(self.quantization, 0)

    def kv_bytes_per_token(self, bytes_per_element: int = 2) -> int:
        return self.layers * self.kv_heads * self.head_dim * 2 * bytes_per_element

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "name": self.name, "repo": self.repo, "files": list(self.files),
            "quantization": self.quantization, "parameters_billion": self.parameters_billion,
            "size_bytes": self.size_bytes, "context_length": self.context_length,
            "license": self.license, "description": self.description,
        }


def load_catalog(path: Path | None = None) -> list[CatalogEntry]:
    path = path or models_dir() / "catalog.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [
            CatalogEntry(
                id=e["id"], name=e["name"], repo=e["repo"], files=tuple(e["files"]),
                quantization=e["quantization"], parameters_billion=float(e["parameters_billion"]),
                size_bytes=int(e["size_bytes"]), context_length=int(e["context_length"]),
                license=e["license"], description=e["description"],
                layers=int(e["architecture"]["layers"]), kv_heads=int(e["architecture"]["kv_heads"]),
                head_dim=int(e["architecture"]["head_dim"]),
                heads=int(e["architecture"]["heads"]), vocab=int(e["architecture"]["vocab"]),
            )
            for e in data["entries"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CatalogError(f"the model catalog {path} is unusable: {error}") from error


def group_by_model(entries: list[CatalogEntry]) -> dict[str, list[CatalogEntry]]:
    """The catalog's files by model (one group per size of a distill), quantizations coarsest first."""
    groups: dict[str, list[CatalogEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.name, []).append(entry)
    return {name: sorted(group, key=lambda e: (e.quant_rank, e.size_bytes)) for name, group in groups.items()}


def find_entry(entries: list[CatalogEntry], entry_id: str) -> CatalogEntry:
    for entry in entries:
        if entry.id == entry_id:
            return entry
    known = ", ".join(e.id for e in entries[:6])
    raise CatalogError(f"no catalog entry {entry_id!r} (try 'denkspur models list'; e.g. {known}, …)")
