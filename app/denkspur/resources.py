"""Where the app's shipped files (translations, icons, corpus guide, model catalog) are.

The same top-level folders serve a source checkout and a PyInstaller bundle; an
environment variable can point elsewhere (tests, packagers).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _shipped(folder: str, override_variable: str) -> Path:
    override = os.environ.get(override_variable)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / folder
    return Path(__file__).resolve().parents[2] / folder


def resources_dir() -> Path:
    """``resources/`` (``DENKSPUR_RESOURCES`` overrides)."""
    return _shipped("resources", "DENKSPUR_RESOURCES")


def models_dir() -> Path:
    """``models/``, the model catalog (``DENKSPUR_MODELS`` overrides)."""
    return _shipped("models", "DENKSPUR_MODELS")
