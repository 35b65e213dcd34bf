"""Installed models: only files that were verified (or imported and checked) are listed.

A download writes to ``*.part`` files and registers the model only after the
sha256 matched, so a half-downloaded file can never be offered or loaded.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger("denkspur.core")


@dataclass
class InstalledModel:
    id: str
    name: str
    paths: list[str]
    size_bytes: int
    source: str  # "download" or "import"
    quantization: str = ""
    sha256: list[str] = field(default_factory=list)
    installed_at: float = 0.0
    owned: bool = True  # files live in Denkspur's model folder (removing deletes them)

    @property
    def path(self) -> str:
        """What to load (the first part of a split model)."""
        return self.paths[0]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ModelRegistry:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls, data: Path) -> ModelRegistry:
        """The registry of a Denkspur data folder (shared by the app and the CLI)."""
        return cls(data / "models.json")

    def all(self) -> list[InstalledModel]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as error:
            log.warning("model registry %s unreadable (%s); treating as empty", self.path, error)
            return []
        models = []
        for item in raw.get("models", []) if isinstance(raw, dict) else []:
            try:
                models.append(InstalledModel(**item))
            except TypeError:
                log.warning("skipping malformed registry entry %r", item)
        return models

    def get(self, model_id: str) -> InstalledModel | None:
        return next((m for m in self.all() if m.id == model_id), None)

    def add(self, model: InstalledModel) -> None:
        model.installed_at = model.installed_at or time.time()
        self._write([m for m in self.all() if m.id != model.id] + [model])

    def remove(self, model_id: str) -> InstalledModel | None:
        models = self.all()
        found = next((m for m in models if m.id == model_id), None)
        if found is not None:
            self._write([m for m in models if m.id != model_id])
        return found

    def _write(self, models: list[InstalledModel]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"models": [m.to_dict() for m in models]}, indent=2),
                             encoding="utf-8")
        temporary.replace(self.path)
