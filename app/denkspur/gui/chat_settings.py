"""The per-chat settings drawer: system prompt, temperature, top-p, context size, thinking budget,
think longer, and how often to check where the answer settles (probe every N sentences).

Values start from Preferences; what the user changes here is this chat's own and is
stored with the conversation (its ``settings`` JSON). A system prompt is off by
default: DeepSeek advises none for R1 models (put instructions in the question).
A chat's context size is honoured by a local model on the chat's next reply (the
model is loaded again with it); a server keeps its own, and the drawer says so.

The drawer scrolls and puts each label above its field, so that it stays narrow: it
sits beside the chat in a window of 1024 px, and the composer keeps a usable width.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.settings import Settings
from denkspur.gui.lazy_qt import set_enum_properties
from denkspur.gui.plain import make_labels_plain
from denkspur.session.conversation import CHAT_CONTEXT, CHAT_PARAMS

#: The drawer's width at most: its fields, labels above them, need no more.
DRAWER_MAX_WIDTH = 250


class ChatSettingsDrawer(QScrollArea):
    changed = Signal(dict)  # this chat's own values (only those that differ from Preferences)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatSettingsDrawer")
        self.setWidgetResizable(True)
        self.setMaximumWidth(DRAWER_MAX_WIDTH)
        set_enum_properties(self, horizontalScrollBarPolicy="ScrollBarAlwaysOff",  # see lazy_qt
                            frameShape="NoFrame")
        self.use_system = QCheckBox()
        self.use_system.setObjectName("useSystemPrompt")
        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setObjectName("systemPrompt")
        self.system_prompt.setTabChangesFocus(True)
        self.system_prompt.setMaximumHeight(110)
        self.system_note = QLabel()
        self.system_note.setWordWrap(True)
        self.temperature = self._double("temperature", 0.05)
        self.top_p = self._double("top_p", 0.05)
        self.context = self._int("context_size", 1024, CHAT_CONTEXT)
        self.context_note = QLabel()
        self.context_note.setObjectName("contextNote")
        self.context_note.setWordWrap(True)
        self.context_note.hide()
        self.budget = self._int("thinking_budget", 256)
        self.think_longer = self._int("think_longer", 1)
        self.probe_every = self._int("probe_every", 1)
        self.reset = QPushButton()
        self.reset.setObjectName("resetChatSettings")
        self.reset.clicked.connect(self._reset)
        self.form = QFormLayout()
        set_enum_properties(self.form, rowWrapPolicy="WrapAllRows")  # labels above: a narrow drawer
        self.labels = [QLabel() for _ in range(6)]
        fields = (self.temperature, self.top_p, self.context, self.budget, self.think_longer,
                  self.probe_every)
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
            if field is self.context:
                self.form.addRow(self.context_note)
        inner = QWidget()
        self.setWidget(inner)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.use_system)
        layout.addWidget(self.system_prompt)
        layout.addWidget(self.system_note)
        layout.addLayout(self.form)
        layout.addWidget(self.reset)
        layout.addStretch(1)
        self._defaults = Settings()
        self._loading = False
        self.use_system.toggled.connect(self._system_toggled)
        self.system_prompt.textChanged.connect(self._emit)
        for field in fields:
            field.valueChanged.connect(self._emit)
        self.retranslate()
        self.show_values({}, Settings())
        make_labels_plain(self)

    def _double(self, name: str, step: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setObjectName(name)
        box.setRange(*CHAT_PARAMS[name])
        box.setSingleStep(step)
        return box

    def _int(self, name: str, step: int, limits: tuple[float, float] | None = None) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        low, high = limits or CHAT_PARAMS[name]
        box.setRange(int(low), int(high))
        box.setSingleStep(step)
        return box

    def retranslate(self) -> None:
        self.use_system.setText(self.tr("Use a system prompt"))
        self.system_note.setText(self.tr("Off by default: DeepSeek advises no system prompt for R1 models; "
                                         "put instructions in your question."))
        texts = (self.tr("Temperature (R1: 0.6)"), self.tr("Top-p (R1: 0.95)"),
                 self.tr("Context size (tokens)"), self.tr("Thinking budget (tokens)"),
                 self.tr("Think longer (times)"), self.tr("Check the answer every (sentences)"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for box in (self.temperature, self.top_p, self.context, self.budget, self.think_longer,
                    self.probe_every):  # 0,60 in German: the window's locale predates the language
            box.setLocale(QLocale())
        self.budget.setSpecialValueText(self.tr("unlimited"))
        self.think_longer.setSpecialValueText(self.tr("off"))
        self.probe_every.setSpecialValueText(self.tr("off"))
        self.probe_every.setToolTip(self.tr("While the model thinks, ask every N sentences what it would "
                                            "answer now, and mark in the reasoning map where the answer "
                                            "stopped changing (local models; each check costs a short "
                                            "side answer)"))
        self.think_longer.setToolTip(self.tr("When the model ends its thinking, make it go on "
                                             "this many times"))
        self.context.setToolTip(self.tr("How much of the conversation the model holds, in tokens. A local "
                                        "model is loaded again with this size before this chat's next "
                                        "reply; a server keeps its own."))
        self.context_note.setText(self.tr("This server keeps its own context size: this setting applies "
                                          "to local models only."))
        self.reset.setText(self.tr("Use the Preferences"))

    def set_remote(self, remote: bool) -> None:
        """Say beside the context size that a server ignores it."""
        self.context_note.setVisible(remote)

    def show_values(self, chat: dict[str, object], defaults: Settings) -> None:
        """Show this chat's values, Preferences where it has none (no ``changed`` is sent)."""
        self._loading = True
        self._defaults = defaults
        prompt = chat.get("system_prompt")
        self.use_system.setChecked(isinstance(prompt, str) and bool(prompt))
        self.system_prompt.setPlainText(prompt if isinstance(prompt, str) else "")
        self.system_prompt.setEnabled(self.use_system.isChecked())
        for field, default in self._fields(defaults):
            value = chat.get(field.objectName(), default)
            field.setValue(value if isinstance(value, (int, float)) else default)  # type: ignore[arg-type]
        self._loading = False

    def _fields(self, defaults: Settings) -> list[tuple[QSpinBox | QDoubleSpinBox, float]]:
        return [(self.temperature, defaults.temperature), (self.top_p, defaults.top_p),
                (self.context, defaults.context_size), (self.budget, defaults.thinking_budget),
                (self.think_longer, 0), (self.probe_every, 0)]

    def values(self) -> dict[str, object]:
        """The chat's own values: those that differ from Preferences, and a system prompt if on."""
        own: dict[str, object] = {}
        if self.use_system.isChecked() and self.system_prompt.toPlainText().strip():
            own["system_prompt"] = self.system_prompt.toPlainText().strip()
        for field, default in self._fields(self._defaults):
            if abs(field.value() - default) > 1e-9:
                own[field.objectName()] = field.value()
        return own

    def _system_toggled(self, on: bool) -> None:
        self.system_prompt.setEnabled(on)
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit(self.values())

    def _reset(self) -> None:
        self.show_values({}, self._defaults)
        self.changed.emit({})
