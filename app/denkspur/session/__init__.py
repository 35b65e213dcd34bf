"""The session layer: what the app and the command line both do, without Qt.

- :mod:`~denkspur.session.backend`: the :class:`Backend` protocol that the local
  engine and a remote server both satisfy;
- :mod:`~denkspur.session.states`: stop reasons, version states, failure kinds;
- :mod:`~denkspur.session.loading`: model loading with automatic GPU layers and fallbacks;
- :mod:`~denkspur.session.reply`: the reply lifecycle (stream, periodic saves, final state);
- :mod:`~denkspur.session.conversation`: send, regenerate, edit-and-resend, answer now;
- :mod:`~denkspur.session.runner`: one backend and one store connection, driven by one thread.
"""
