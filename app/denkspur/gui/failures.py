"""What the app says when a reply, a load or a connection fails: a headline in the UI's language
for the kind of failure, then the engine's or the server's own words as they came.

The session and the engines type every failure (:class:`~denkspur.engine.errors.FailureKind`,
and a remote server's kinds such as ``too-large`` or ``no-prefill``) and word its details in
English, quoting what a server said; those words stay as they are (they are data, shown as
plain text), and the headline before them tells a German user what happened.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("Failures", text)


def _headlines() -> dict[str, str]:
    """Made when asked: each text is looked up in the language active now."""
    return {
        "engine": _tr("The inference engine failed"),
        "load": _tr("The model could not be loaded"),
        "bad-model": _tr("The model file or its chat template cannot be used"),
        "context-overflow": _tr("The conversation does not fit the context"),
        "context-too-large": _tr("This context size does not fit this computer's memory"),
        "bad-request": _tr("The request was refused"),
        "internal": _tr("Something went wrong inside Denkspur"),
        "killed": _tr("The engine was stopped (most likely for lack of memory)"),
        "crash": _tr("The engine crashed"),
        "exit": _tr("The engine exited unexpectedly"),
        "hang": _tr("The engine stopped responding"),
        "connect": _tr("The server cannot be reached"),
        "timeout": _tr("The server took too long"),
        "auth": _tr("The server refused the API key"),
        "not-found": _tr("Not found on the server (address or model)"),
        "rate-limit": _tr("The server is limiting requests"),
        "server": _tr("The server reported a failure"),
        "bad-response": _tr("The server sent something unreadable"),
        "dropped": _tr("The connection broke mid-answer"),
        "too-large": _tr("The server's reply was too large"),
        "no-prefill": _tr("This server cannot continue a reply"),
        "keyring": _tr("The API key could not be stored"),
        "cancelled": _tr("Stopped"),
    }


def failure_headline(kind: str | None) -> str:
    """The headline for a failure of this kind (a kind from a newer engine gets a general one)."""
    return _headlines().get(kind or "", _tr("The reply failed"))


def failure_text(kind: str | None, message: str, *, one_line: bool = False) -> str:
    """The headline, then ``message`` (the engine's or server's words) on the next line, or after
    a dash for one-line places such as the status bar. A reply stored before kinds were kept
    (``kind`` None) shows its message alone, as it always did."""
    if kind is None:
        return message
    headline = failure_headline(kind)
    if not message.strip():
        return headline
    return f"{headline} — {message}" if one_line else f"{headline}.\n{message}"
