"""The model picker in the window's top bar: the current model or server, switched in two clicks.

One click opens the menu, the second loads a recent model or reconnects to a recent
server (both kept in settings, newest first; a server's API key stays in the keyring)
or opens the file dialog, the catalog or the server dialog. Names shown come from file
names and server settings: plain text only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from denkspur.core.text.bidi import visible_bidi
from denkspur.core.text.clean import capped
from denkspur.gui.lazy_qt import set_enum_properties

#: How many recently loaded models the picker lists.
RECENT_LIMIT = 8


def remember_model(recent: list[str], path: str) -> list[str]:
    """``recent`` with ``path`` first, without duplicates, at most :data:`RECENT_LIMIT` long."""
    return [path, *[p for p in recent if p != path]][:RECENT_LIMIT]


def remember_server(recent: list[dict[str, object]], server: dict[str, object]) -> list[dict[str, object]]:
    """``recent`` with ``server`` first; one entry per address and model, at most :data:`RECENT_LIMIT`."""
    same = (server.get("url"), server.get("model"))
    return [server, *[s for s in recent if (s.get("url"), s.get("model")) != same]][:RECENT_LIMIT]


def server_name(url: str, model: str) -> str:
    host = urlsplit(url).netloc or url
    return f"{model} @ {host}" if model else host


#: The longest model or server name shown; the whole name is in the tooltip.
NAME_LIMIT = 80


def elided(text: str) -> str:
    """A model or server name cut to :data:`NAME_LIMIT` characters, "…" where it was cut."""
    return capped(text, NAME_LIMIT)


class ModelPicker(QToolButton):
    """A button naming the current model; its menu switches models.

    ``actions`` maps "open", "catalog" and "server" to what the window does for them;
    ``load`` loads a model file.
    """

    def __init__(self, load: Callable[[str], None], actions: dict[str, Callable[[], None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        set_enum_properties(self, toolButtonStyle="ToolButtonTextOnly")  # see lazy_qt
        self.setStyleSheet("QToolButton#modelPicker { font-weight: 600; padding: 3px 8px; }"
                           "QToolButton#modelPicker::menu-indicator { image: none; width: 0px; }")
        self._load = load
        self._actions = actions
        self.recent: list[str] = []
        self.recent_servers: list[dict[str, object]] = []
        #: Reconnects to a recent server (set by the window).
        self.reconnect: Callable[[dict[str, object]], None] | None = None
        self.menu_ = QMenu(self)
        self.menu_.setObjectName("modelPickerMenu")
        self.menu_.aboutToShow.connect(self._fill)
        self.setMenu(self.menu_)
        self.show_model("", remote=False, loading=False)

    def show_model(self, name: str, *, remote: bool, loading: bool) -> None:
        """Name what is in use now: a model file, a server, or nothing yet."""
        if loading:
            text = self.tr("Loading %1…").replace("%1", name)
        elif not name:
            text = self.tr("Choose a model")
        else:
            text = name
        self.setText(visible_bidi(elided(text)) + " ▾")  # a server's model name: outside text
        name = visible_bidi(name)
        self.setToolTip(self.tr("Server: %1").replace("%1", name) if remote else
                        (name or self.tr("No model loaded")) + "\n" + self.tr("Switch model (Ctrl+P)"))

    def _fill(self) -> None:
        self.menu_.clear()
        recent = [p for p in self.recent if Path(p).is_file()]
        if recent:
            header = self.menu_.addAction(self.tr("Recent models"))
            header.setEnabled(False)
            for path in recent:
                action = self.menu_.addAction(visible_bidi(Path(path).name))
                action.setToolTip(visible_bidi(path))
                action.setObjectName("recentModel")
                action.triggered.connect(lambda _c=False, p=path: self._load(p))
            self.menu_.addSeparator()
        if self.recent_servers and self.reconnect is not None:
            header = self.menu_.addAction(self.tr("Recent servers"))
            header.setEnabled(False)
            for server in self.recent_servers:
                url, model = str(server.get("url", "")), str(server.get("model", ""))
                action = self.menu_.addAction(visible_bidi(elided(server_name(url, model))))
                action.setToolTip(visible_bidi(f"{model}\n{url}" if model else url))
                action.setObjectName("recentServer")
                action.triggered.connect(lambda _c=False, s=server: self._reconnect(s))
            self.menu_.addSeparator()
        self.menu_.addAction(self.tr("Open a GGUF file…"), self._actions["open"])
        self.menu_.addAction(self.tr("Browse and download models…"), self._actions["catalog"])
        self.menu_.addAction(self.tr("Connect to a server…"), self._actions["server"])

    def _reconnect(self, server: dict[str, object]) -> None:
        if self.reconnect is not None:
            self.reconnect(server)

    def open_menu(self) -> None:
        self.showMenu()
