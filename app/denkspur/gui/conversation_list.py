"""Left pane: conversations grouped by date (pinned first), and full-text search over answers and traces.

Titles and snippets are model or user text: they are shown as plain text, and the
highlighted search snippet is HTML built only from escaped pieces and the app's own tags.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.text.bidi import visible_bidi
from denkspur.gui.lazy_qt import Qt, set_enum_properties
from denkspur.gui.plain import ask_yes_no

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QPainter, QTextDocument
    from PySide6.QtWidgets import QStyleOptionViewItem

    from denkspur.core.conversations.store import ConversationSummary, SearchHit

#: Qt.ItemDataRole.UserRole and after, as plain numbers: reading ``Qt`` here would build
#: its enums at import (see :mod:`denkspur.gui.lazy_qt`).
_USER_ROLE = 256
_ID = _USER_ROLE
_DATE = _USER_ROLE + 1  # the right-hand date text of a conversation row
_HTML = _USER_ROLE + 2  # a search hit's highlighted snippet (escaped HTML)
_HEADER = _USER_ROLE + 3  # True on a group header row
_TITLE_LIMIT = 200
_Index = QModelIndex | QPersistentModelIndex

GROUPS = ("pinned", "today", "yesterday", "week", "older")


def date_group(updated: float, today: date) -> str:
    """Which date group a conversation last changed ``updated`` (epoch seconds) falls in."""
    from datetime import datetime, timedelta  # with the first list: the window's first frame has none

    day = datetime.fromtimestamp(updated).date()
    if day >= today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    if day > today - timedelta(days=7):
        return "week"
    return "older"


def date_text(updated: float, group: str, locale: QLocale) -> str:
    """Short, locale-formatted: a time today and yesterday, a weekday this week, else a date."""
    from PySide6.QtCore import QDateTime

    moment = QDateTime.fromSecsSinceEpoch(int(updated))
    if group in ("today", "yesterday"):
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    if group == "week":
        return locale.dayName(moment.date().dayOfWeek(), QLocale.FormatType.ShortFormat)
    return locale.toString(moment.date(), QLocale.FormatType.ShortFormat)


def highlighted(parts: list[tuple[str, bool]]) -> str:
    """HTML for a snippet: every piece escaped, matches in the app's own bold tag."""
    import html

    return "".join(f"<b>{html.escape(visible_bidi(text))}</b>" if match else html.escape(visible_bidi(text))
                   for text, match in parts)


class _RowDelegate(QStyledItemDelegate):
    """Paints a conversation row with its date on the right, a group header, or a highlighted hit.

    The painting classes are imported where used: PySide builds each Qt class (and its
    enums) on first use, and the list has no rows in the window's first frame.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        """A title's direction controls are shown as markers, never obeyed (the item keeps the
        title as written, for renaming)."""
        super().initStyleOption(option, index)
        option.text = visible_bidi(option.text)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        from PySide6.QtGui import QBrush, QFont, QPalette
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        if index.data(_HEADER):
            painter.save()
            font = QFont(option.font)
            font.setBold(True)
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            rect = option.rect.adjusted(6, 0, -6, 0)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, index.data())
            painter.restore()
            return
        markup = index.data(_HTML)
        if markup:
            self._paint_html(painter, option, index, markup)
            return
        when = index.data(_DATE) or ""
        if not when:
            super().paint(painter, option, index)
            return
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(when) + 12
        title_option = QStyleOptionViewItem(option)
        self.initStyleOption(title_option, index)
        title_option.rect = option.rect.adjusted(0, 0, -width, 0)
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
        title_option.backgroundBrush = QBrush(Qt.BrushStyle.NoBrush)
        title_option.state &= ~QStyle.StateFlag.State_Selected
        title_option.state &= ~QStyle.StateFlag.State_HasFocus
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_option.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        super().paint(painter, title_option, index)
        painter.save()
        dim = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        painter.setPen(option.palette.color(dim))
        rect = option.rect.adjusted(0, 0, -6, 0)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        painter.restore()

    def _paint_html(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index,
                    markup: str) -> None:
        from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        widget = option.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        document = self._document(option, markup)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def _document(self, option: QStyleOptionViewItem, markup: str) -> QTextDocument:
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(markup)
        document.setTextWidth(max(40, option.rect.width()))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        base = super().sizeHint(option, index)
        markup = index.data(_HTML)
        if markup:
            from PySide6.QtGui import QTextDocument

            widget = option.widget
            width = widget.viewport().width() if isinstance(widget, QAbstractItemView) else 240
            document = QTextDocument()
            document.setDefaultFont(option.font)
            document.setHtml(markup)
            document.setTextWidth(max(40, width))
            size = document.size()
            return QSize(0, int(size.height()) + 4)
        # Width 0: rows take the view's width and elide; the list never scrolls sideways.
        return QSize(0, base.height() + (8 if index.data(_HEADER) else 6))


class ConversationList(QWidget):
    open_requested = Signal(int)  # conversation id
    new_requested = Signal()
    rename_requested = Signal(int, str)
    delete_requested = Signal(int)
    pin_requested = Signal(int, bool)  # conversation id, pinned
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
        self.items.setItemDelegate(_RowDelegate(self.items))
        self.items.setWordWrap(False)  # long titles are elided; hits wrap in their own layout
        # By key name: the first frame does not build Qt's enums (see denkspur.gui.lazy_qt).
        set_enum_properties(self.items, textElideMode="ElideRight", contextMenuPolicy="CustomContextMenu",
                            horizontalScrollBarPolicy="ScrollBarAlwaysOff")
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)  # F2 renames in place
        self.items.itemClicked.connect(self._open)
        self.items.itemActivated.connect(self._open)  # Enter (and double-click)
        self.items.itemChanged.connect(self._renamed)
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
        self.search.returnPressed.connect(self._focus_first)
        self._summaries: list[ConversationSummary] = []
        self._open_id: int | None = None  # the conversation the chat shows
        self._titles: dict[int, str] = {}
        self._pinned: dict[int, bool] = {}
        self.clock = time.time  # tests set a fixed "now"
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search answers and traces… (Ctrl+F)"))
        self.new_button.setText(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new chat (Ctrl+N)"))
        if not self.searching and self._summaries:
            self.show_conversations(self._summaries)

    def _group_name(self, group: str) -> str:
        return {
            "pinned": self.tr("Pinned"),
            "today": self.tr("Today"),
            "yesterday": self.tr("Yesterday"),
            "week": self.tr("Last 7 days"),
            "older": self.tr("Older"),
        }[group]

    @property
    def searching(self) -> bool:
        return bool(self.search.text().strip())

    def conversation_items(self) -> list[QListWidgetItem]:
        """The rows that stand for a conversation (not group headers or notes)."""
        rows = (self.items.item(i) for i in range(self.items.count()))
        return [item for item in rows if item.data(_ID) is not None]

    def show_conversations(self, summaries: list[ConversationSummary]) -> None:
        self._summaries = summaries
        if self.searching:
            return
        keep = self._open_id
        self.items.blockSignals(True)
        self.items.clear()
        self._titles = {s.id: s.title for s in summaries}
        self._pinned = {s.id: s.pinned for s in summaries}
        from datetime import datetime

        today = datetime.fromtimestamp(self.clock()).date()
        locale = QLocale()
        last_group = ""
        for summary in summaries:
            dated = date_group(summary.updated, today)
            group = "pinned" if summary.pinned else dated
            if group != last_group:
                self._add_header(self._group_name(group))
                last_group = group
            item = QListWidgetItem(summary.title[:_TITLE_LIMIT])
            item.setData(_ID, summary.id)
            item.setData(_DATE, date_text(summary.updated, dated, locale))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            messages = self.tr("%Ln message(s)", "", summary.message_count)
            item.setToolTip(f"{visible_bidi(summary.title[:_TITLE_LIMIT])}\n{messages}")
            self.items.addItem(item)
            if summary.id == keep:
                self.items.setCurrentItem(item)
        self.items.blockSignals(False)

    def show_open(self, conversation_id: int | None) -> None:
        """Mark the conversation the chat shows (none for a new chat that has no row yet), so the
        marked row and the chat beside it agree, also after the list is filled again."""
        self._open_id = conversation_id
        if self.searching:
            return
        self.items.blockSignals(True)
        row = next((item for item in self.conversation_items() if item.data(_ID) == conversation_id), None)
        if row is None:
            self.items.setCurrentRow(-1)
            self.items.clearSelection()
        else:
            self.items.setCurrentItem(row)
        self.items.blockSignals(False)

    def _add_header(self, text: str) -> None:
        header = QListWidgetItem(text)
        header.setData(_HEADER, True)
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.items.addItem(header)

    def show_hits(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.search.text().strip():
            return  # an older answer
        if not query:
            self.show_conversations(self._summaries)
            return
        import html

        self.items.blockSignals(True)
        self.items.clear()
        for hit in hits:
            where = self.tr("trace") if hit.in_trace else self.tr("answer")
            parts = hit.parts()
            plain = "".join(text for text, _ in parts)
            item = QListWidgetItem(f"{hit.title}\n{where}: {plain}")
            item.setData(_ID, hit.conversation_id)
            title = visible_bidi(hit.title[:_TITLE_LIMIT])
            item.setData(_HTML, f"<div style='margin:3px 6px'><b>{html.escape(title)}</b>"
                                f"<br><i>{html.escape(where)}:</i> {highlighted(parts)}</div>")
            self.items.addItem(item)
        if not hits:
            item = QListWidgetItem(self.tr("No matches"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.items.addItem(item)
        self.items.blockSignals(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_first(self) -> None:
        """Enter in the search box moves to the first hit: arrows then Enter open it."""
        rows = self.conversation_items()
        if rows:
            self.items.setCurrentItem(rows[0])
            self.items.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, item: QListWidgetItem) -> None:
        if item.data(_ID) is not None:
            self.open_requested.emit(int(item.data(_ID)))

    def _renamed(self, item: QListWidgetItem) -> None:
        conversation_id = item.data(_ID)
        if conversation_id is None or item.data(_HTML):
            return
        title = " ".join(item.text().split())
        old = self._titles.get(int(conversation_id), "")
        if not title:
            self.items.blockSignals(True)
            item.setText(old)
            self.items.blockSignals(False)
        elif title != old:
            self._titles[int(conversation_id)] = title
            self.rename_requested.emit(int(conversation_id), title)

    def rename_inline(self, item: QListWidgetItem) -> None:
        self.items.setCurrentItem(item)
        self.items.editItem(item)

    def _menu(self, point: QPoint) -> None:
        item = self.items.itemAt(point)
        if item is None or item.data(_ID) is None:
            return
        conversation_id = int(item.data(_ID))
        title = self._titles.get(conversation_id, item.text())
        pinned = self._pinned.get(conversation_id, False)
        menu = QMenu(self)
        if not item.data(_HTML):
            menu.addAction(self.tr("Rename"), lambda: self.rename_inline(item))
            menu.addAction(self.tr("Unpin") if pinned else self.tr("Pin to the top"),
                           lambda: self.pin_requested.emit(conversation_id, not pinned))
        menu.addAction(self.tr("Export as Markdown…"),
                       lambda: self.export_requested.emit(conversation_id, "md"))
        menu.addAction(self.tr("Export as JSON…"),
                       lambda: self.export_requested.emit(conversation_id, "json"))
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self._delete(conversation_id, title))
        menu.exec(self.items.mapToGlobal(point))

    def _delete(self, conversation_id: int, title: str) -> None:
        question = self.tr("Delete “%1” with all its answers and traces?").replace("%1", title)
        if ask_yes_no(self, self.tr("Delete chat"), question):  # the title may be model text
            self.delete_requested.emit(conversation_id)

