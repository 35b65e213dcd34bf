"""Where the app's resources (translations, icons) are, in every way it runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` of a source checkout, a PyInstaller bundle, or ``DENKSPUR_RESOURCES``."""
    override = os.environ.get("DENKSPUR_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def models_dir() -> Path:
    """The shipped model catalog (``models/`` of the checkout or the bundle)."""
    override = os.environ.get("DENKSPUR_MODELS")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "models"
    return Path(__file__).resolve().parents[2] / "models"
