"""The session layer: what the app and the command line both do, without Qt.

- :mod:`~denkspur.session.backend`: the :class:`Backend` protocol that the local
  engine and a remote server both satisfy;
- :mod:`~denkspur.session.states`: stop reasons, version states, failure kinds;
- :mod:`~denkspur.session.loading`: model loading with automatic GPU layers and fallbacks;
- :mod:`~denkspur.session.reply`: the reply lifecycle (stream, periodic saves, final state);
- :mod:`~denkspur.session.conversation`: send, regenerate, edit-and-resend, answer now;
- :mod:`~denkspur.session.runner`: one backend and one store connection, driven by one thread.
"""

from __future__ import annotations

from pathlib import Path

#: The conversation database in the data folder (the app and ``denkspur chat --save`` share it).
#: Here, not in :mod:`~denkspur.session.conversation`, so that the app can name the file at
#: start-up without loading the store and the engine's messages.
STORE_FILE = "conversations.sqlite3"


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILE
