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


def test_settings_values_of_the_wrong_kind_are_not_taken(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"context_size": true, "temperature": NaN, "top_p": 1, "token_signals": 1}',
                    encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded.context_size == 4096 and loaded.temperature == 0.6  # true is no size, NaN no temperature
    assert loaded.top_p == 1.0 and isinstance(loaded.top_p, float)  # a whole number is a fine float
    assert loaded.token_signals is True  # 1 is not a yes


def test_a_fifo_as_the_settings_file_does_not_hang_the_start(tmp_path: Path) -> None:
    import os
    import threading

    import pytest

    if not hasattr(os, "mkfifo"):
        pytest.skip("POSIX FIFOs")
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    loaded: list[Settings] = []
    reader = threading.Thread(target=lambda: loaded.append(Settings.load(path)), daemon=True)
    reader.start()
    reader.join(60)  # a deadline for a hang, not a timing
    assert loaded == [Settings()]
