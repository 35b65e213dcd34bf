"""User settings on disk: round trip, corrupt files, keys from newer versions kept."""

from __future__ import annotations

import json
from pathlib import Path

from denkspur.core.settings import Settings


def test_settings_roundtrip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(threads=3, thinking_budget=500, language="de")
    settings.save(path)
    assert Settings.load(path) == settings
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path) == Settings()
    path.write_text(json.dumps({"threads": "many", "future_key": 1}), encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded.threads == 0 and loaded.extra == {"future_key": 1}
    loaded.save(path)
    assert json.loads(path.read_text(encoding="utf-8"))["future_key"] == 1
