"""Installed models: only files that were verified (or imported and checked) are listed.

A download writes to ``*.part`` files and registers the model only after the
sha256 matched, so a half-downloaded file can never be offered or loaded.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from denkspur.core.regular_files import read_capped

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
    #: Whether ``sha256`` matched a checksum from the Hub; False: no checksum came from the Hub
    #: and ``sha256`` only records what was computed here.
    verified: bool = True

    @property
    def path(self) -> str:
        """What to load (the first part of a split model)."""
        return self.paths[0]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


#: The largest model registry read (thousands of models take a few hundred kB).
MAX_REGISTRY_BYTES = 16 * 2**20

#: The type of each field of a registry entry (an entry with another is skipped, not trusted).
_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str, "name": str, "paths": list, "size_bytes": int, "source": str, "quantization": str,
    "sha256": list, "installed_at": (int, float), "owned": bool, "verified": bool,
}
_REQUIRED = ("id", "name", "paths", "size_bytes", "source")


def _entry(item: object) -> InstalledModel | None:
    """A registry entry as an :class:`InstalledModel`, or None when it is not a valid one
    (unknown keys, from a newer version, are left out)."""
    if not isinstance(item, dict) or not all(key in item for key in _REQUIRED):
        return None
    fields = {key: value for key, value in item.items() if key in _FIELD_TYPES}
    for key, value in fields.items():
        wanted = _FIELD_TYPES[key]
        if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
            return None
    if not fields["paths"] or not all(isinstance(path, str) for path in fields["paths"]) \
            or not all(isinstance(digest, str) for digest in fields.get("sha256", [])):
        return None
    return InstalledModel(**fields)


class ModelRegistry:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls, data: Path) -> ModelRegistry:
        """The registry of a Denkspur data folder (shared by the app and the CLI)."""
        return cls(data / "models.json")

    def all(self) -> list[InstalledModel]:
        try:
            raw = self._read()
        except FileNotFoundError:
            return []
        except (OSError, ValueError, RecursionError) as error:
            log.warning("model registry %s unreadable (%s); treating as empty", self.path, error)
            return []
        models = []
        for item in raw.get("models", []) if isinstance(raw, dict) else []:
            model = _entry(item)
            if model is None:
                log.warning("skipping malformed registry entry %.200r", item)
            else:
                models.append(model)
        return models

    def _read(self) -> object:
        """The registry's JSON: a file of ours, but on the user's disk, so it is checked like
        outside data (a FIFO there would block, a huge file fill memory, an edit break it)."""
        return json.loads(read_capped(self.path, MAX_REGISTRY_BYTES).decode("utf-8"))

    def get(self, model_id: str) -> InstalledModel | None:
        return next((m for m in self.all() if m.id == model_id), None)

    def add(self, model: InstalledModel) -> None:
        model.installed_at = model.installed_at or time.time()
        self._update(lambda models: [m for m in models if m.id != model.id] + [model])

    def remove(self, model_id: str) -> InstalledModel | None:
        found: list[InstalledModel] = []

        def without(models: list[InstalledModel]) -> list[InstalledModel]:
            found.extend(m for m in models if m.id == model_id)
            return [m for m in models if m.id != model_id]

        self._update(without)
        return found[0] if found else None

    def _update(self, change: Callable[[list[InstalledModel]], list[InstalledModel]]) -> None:
        """Read, change and write the registry as one step, safe against other processes.

        The app and any number of ``denkspur models …`` commands may write at once:
        an exclusive lock on a sibling lock file serialises read-modify-write, and
        each write goes to a uniquely named temporary file that replaces the
        registry atomically, so a reader never sees half a file.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.path.with_name(self.path.name + ".lock")):
            models = self.all()
            if not models and self.path.exists():
                self._keep_aside()
            self._write(change(models))

    def _keep_aside(self) -> None:
        """An unreadable registry is not written over: it is kept beside, for the user to look at."""
        try:
            self._read()
        except FileNotFoundError:
            return
        except (OSError, ValueError, RecursionError):
            aside = self.path.with_name(f"{self.path.stem}.damaged-{time.strftime('%Y%m%d-%H%M%S')}.json")
            log.warning("model registry %s unreadable: kept as %s", self.path, aside)
            os.replace(self.path, aside)

    def _write(self, models: list[InstalledModel]) -> None:
        text = json.dumps({"models": [m.to_dict() for m in models]}, indent=2)
        handle, temporary = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp",
                                             dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive OS lock on ``lock_path`` (released if the process dies)."""
    with open(lock_path, "a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after ~10 s: keep waiting
                    continue
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
