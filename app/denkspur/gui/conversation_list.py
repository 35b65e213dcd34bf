"""Left pane: conversations, and full-text search over answers and traces."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from denkspur.gui.plain import ask_yes_no
from denkspur.gui.step_style import count_label

if TYPE_CHECKING:
    from denkspur.core.conversations.store import ConversationSummary, SearchHit

_ID = Qt.ItemDataRole.UserRole


class ConversationList(QWidget):
    open_requested = Signal(int)  # conversation id
    new_requested = Signal()
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    search_requested = Signal(str)
    export_requested = Signal(int, str)  # conversation id, "md" | "json"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newChat")
        self.new_button.clicked.connect(self.new_requested.emit)
        self.items = QListWidget()
        self.items.setObjectName("conversationList")
        self.items.itemClicked.connect(lambda item: self.open_requested.emit(item.data(_ID)))
        self.items.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.items.customContextMenuRequested.connect(self._menu)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.items, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.search_requested.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._summaries: list[ConversationSummary] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search answers and traces…"))
        self.new_button.setText(self.tr("New chat"))

    @property
    def searching(self) -> bool:
        return bool(self.search.text().strip())

    def show_conversations(self, summaries: list[ConversationSummary]) -> None:
        self._summaries = summaries
        if self.searching:
            return
        self.items.clear()
        for summary in summaries:
            item = QListWidgetItem(summary.title)
            item.setData(_ID, summary.id)
            item.setToolTip(count_label(summary.message_count, self.tr("1 message"), self.tr("%1 messages")))
            self.items.addItem(item)

    def show_hits(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.search.text().strip():
            return  # an older answer
        if not query:
            self.show_conversations(self._summaries)
            return
        self.items.clear()
        for hit in hits:
            where = self.tr("trace") if hit.in_trace else self.tr("answer")
            item = QListWidgetItem(f"{hit.title}\n  {where}: {hit.snippet}")
            item.setData(_ID, hit.conversation_id)
            self.items.addItem(item)
        if not hits:
            item = QListWidgetItem(self.tr("No matches"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.items.addItem(item)

    def _menu(self, point: QPoint) -> None:
        item = self.items.itemAt(point)
        if item is None or item.data(_ID) is None:
            return
        conversation_id = int(item.data(_ID))
        menu = QMenu(self)
        menu.addAction(self.tr("Rename…"), lambda: self._rename(conversation_id, item.text()))
        menu.addAction(self.tr("Export as Markdown…"),
                       lambda: self.export_requested.emit(conversation_id, "md"))
        menu.addAction(self.tr("Export as JSON…"),
                       lambda: self.export_requested.emit(conversation_id, "json"))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self._delete(conversation_id, item.text()))
        menu.exec(self.items.mapToGlobal(point))

    def _rename(self, conversation_id: int, title: str) -> None:
        new, ok = QInputDialog.getText(self, self.tr("Rename chat"), self.tr("Title:"), text=title)
        if ok and new.strip():
            self.rename_requested.emit(conversation_id, new.strip())

    def _delete(self, conversation_id: int, title: str) -> None:
        question = self.tr("Delete “%1” with all its answers and traces?").replace("%1", title)
        if ask_yes_no(self, self.tr("Delete chat"), question):  # the title may be model text
            self.delete_requested.emit(conversation_id)
