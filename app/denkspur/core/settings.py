"""User settings, shared by the app and the CLI, stored as JSON.

Plain JSON in the platform's config directory (not QSettings) so that the
Qt-free core and the command line read the same file. Unknown keys from newer
versions are kept; a corrupt file falls back to defaults without crashing.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from denkspur.core import user_folders
from denkspur.core.models.gpu_layers import GpuLayers, GpuOffload, parse_gpu_layers
from denkspur.core.regular_files import read_capped

log = logging.getLogger("denkspur.core")
#: The largest settings file read (it holds a few kB).
MAX_SETTINGS_BYTES = 4 * 2**20
APP_NAME = user_folders.APP_NAME


def data_dir() -> Path:
    """Where conversations live (``DENKSPUR_DATA_DIR`` overrides, e.g. for tests)."""
    override = os.environ.get("DENKSPUR_DATA_DIR")
    return Path(override) if override else Path(user_folders.user_data_folder())


def config_dir() -> Path:
    """Where the settings file lives (``DENKSPUR_CONFIG_DIR`` overrides); platformdirs' folder."""
    override = os.environ.get("DENKSPUR_CONFIG_DIR")
    return Path(override) if override else Path(user_folders.user_config_folder())


@dataclass
class Settings:
    model_path: str = ""
    model_dir: str = ""
    threads: int = 0  # 0 = let llama.cpp decide
    context_size: int = 4096
    temperature: float = 0.6
    top_p: float = 0.95
    #: A layer count, ``GpuOffload.AUTO`` (as many as fit, with fallbacks) or ``GpuOffload.ALL``.
    gpu_layers: GpuLayers = GpuOffload.AUTO
    thinking_budget: int = 0  # 0 = unlimited
    max_tokens: int = 8192
    language: str = "system"  # "system", "en" or "de"
    theme: str = "system"  # "system", "light" or "dark"
    corpus_dir: str = ""  # folder with the news articles the corpus panel explains
    remote_url: str = ""  # an OpenAI-compatible server (the API key lives in the OS keyring)
    remote_model: str = ""
    remote_verify_tls: bool = True
    remote_timeout: float = 60.0
    remote_reasoning: str = "detect"  # how the server's replies carry reasoning (REASONING_MODES)
    trace_panel_visible: bool = True
    recent_models: list[str] = field(default_factory=list)  # model files, newest first (the picker)
    #: Servers used, newest first (the picker): address, model, reasoning mode, TLS check and
    #: timeout. Never an API key: that stays in the OS keyring.
    recent_servers: list[dict[str, object]] = field(default_factory=list)
    #: What was in use when the app last had a model: "local" (``model_path``) or "server"
    #: (``remote_url``); the next start opens the same again.
    last_backend: str = "local"
    #: Record each token's log-probability, entropy and alternatives with every reply, for the
    #: confidence view (a few percent of decode speed; see bench/signals_cost.py).
    token_signals: bool = True
    extra: dict[str, object] = field(default_factory=dict)

    def model_folder(self, data: Path) -> Path:
        """Where downloads go: the chosen folder, else ``models/`` in the data folder."""
        return Path(self.model_dir) if self.model_dir else data / "models"

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        try:  # the user's disk: a FIFO there must not hang the start, nor a huge file fill memory
            raw = json.loads(read_capped(path, MAX_SETTINGS_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, RecursionError) as error:
            log.warning("settings file %s unreadable (%s); using defaults", path, error)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        defaults = cls()
        known = {f.name for f in fields(cls) if f.name != "extra"}
        values: dict[str, Any] = {}
        for name, value in raw.items():
            if name == "gpu_layers":
                layers = parse_gpu_layers(value, legacy=True)  # an old -1 meant "auto"
                if layers is not None:
                    values[name] = layers
            elif name == "recent_models":
                if isinstance(value, list):
                    values[name] = [item for item in value if isinstance(item, str)]
            elif name == "recent_servers":
                if isinstance(value, list):
                    values[name] = [server for item in value if (server := server_entry(item))]
            elif name in known and _fits(getattr(defaults, name), value):
                values[name] = float(value) if isinstance(getattr(defaults, name), float) else value
        settings = cls(**values)
        settings.extra = {k: v for k, v in raw.items() if k not in known}
        return settings

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        extra = data.pop("extra")
        if isinstance(self.gpu_layers, GpuOffload):
            data["gpu_layers"] = self.gpu_layers.value  # "auto" or "all"; older apps read it as auto
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({**extra, **data}, indent=2), encoding="utf-8")
        temporary.replace(path)  # atomic: a crash never leaves half a file


#: What a recent server keeps, with the type each value must have (the key is never one of them).
SERVER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "url": str, "model": str, "reasoning": str, "verify_tls": bool, "timeout": (int, float)}


def server_entry(item: object) -> dict[str, object] | None:
    """A recent server from the settings file: its known fields of the right type (an ``api_key``
    or anything else a file holds is dropped); None without an address."""
    if not isinstance(item, dict) or not isinstance(item.get("url"), str) or not item["url"]:
        return None
    entry = {name: item[name] for name, kind in SERVER_FIELDS.items()
             if name in item and isinstance(item[name], kind)
             and (kind is bool or not isinstance(item[name], bool))}
    timeout = entry.get("timeout")
    if isinstance(timeout, (int, float)) and not (math.isfinite(timeout) and timeout > 0):
        del entry["timeout"]
    return entry


def _fits(default: object, value: object) -> bool:
    """Whether ``value`` (from the settings file) can stand where ``default`` stands: the same
    type, where a whole number may stand for a float but ``true`` not for a number, and a
    number is finite (JSON as Python reads it allows ``NaN``)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and math.isfinite(value)
    return isinstance(value, type(default))
