"""The per-chat settings drawer: values from Preferences, stored with the chat, used for its replies."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from denkspur.core.conversations.store import Store
from denkspur.core.settings import Settings
from denkspur.engine import protocol as p
from denkspur.gui.chat_settings import ChatSettingsDrawer
from denkspur.session.conversation import chat_params
from denkspur.testing.tiny_model import EXPECTED_ANSWER
from gui_helpers import ask, open_window, wait_idle


def test_drawer_starts_from_preferences_and_reports_only_changes(qtbot: QtBot) -> None:
    drawer = ChatSettingsDrawer()
    qtbot.addWidget(drawer)
    drawer.show_values({}, Settings(temperature=0.7, thinking_budget=512))
    assert drawer.temperature.value() == 0.7 and drawer.budget.value() == 512
    assert not drawer.use_system.isChecked() and not drawer.system_prompt.isEnabled()  # off for R1
    with qtbot.waitSignal(drawer.changed) as changed:
        drawer.think_longer.setValue(2)
    assert changed.args == [{"think_longer": 2}]
    drawer.use_system.setChecked(True)
    with qtbot.waitSignal(drawer.changed) as changed:
        drawer.system_prompt.setPlainText("Answer in German.")
    assert changed.args == [{"think_longer": 2, "system_prompt": "Answer in German."}]
    with qtbot.waitSignal(drawer.changed) as changed:
        drawer.reset.click()
    assert changed.args == [{}] and drawer.think_longer.value() == 0


def test_the_drawer_action_docks_shows_and_hides_it_like_a_dock_toggle(qtbot: QtBot, tmp_path: Path) -> None:
    """The drawer enters the right dock area when first opened (not at start: see lazy_qt)."""
    from PySide6.QtCore import Qt

    window = open_window(qtbot, tmp_path, None)
    dock, action = window.chat_settings_dock, window.chat_settings_action
    assert not dock.isVisible() and action.isCheckable() and not action.isChecked()
    action.trigger()
    assert dock.isVisible() and action.isChecked() and not dock.isFloating()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    action.trigger()
    assert not dock.isVisible() and not action.isChecked()
    action.trigger()
    dock.close()  # its own close button
    assert not action.isChecked()
    window.close()


def test_stored_chat_values_are_checked_before_use() -> None:
    base = p.SamplingParams(temperature=0.6, thinking_budget=100)
    assert chat_params(base, {"temperature": 0.9, "thinking_budget": 0}) == p.SamplingParams(temperature=0.9)
    hostile = {"temperature": 99, "top_p": "x", "think_longer": True, "thinking_budget": -5}
    assert chat_params(base, hostile) == base


def test_a_chat_keeps_its_settings_and_its_replies_use_them(qtbot: QtBot, tmp_path: Path,
                                                              tiny_model: Path) -> None:
    window = open_window(qtbot, tmp_path, tiny_model)
    window.chat_settings_action.trigger()
    assert window.chat_settings_dock.isVisible()
    drawer = window.chat_settings
    assert drawer is not None  # built on first opening
    drawer.budget.setValue(3)  # before the first message: the new chat takes it
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    card = window.chat.cards[-1]
    assert card.version.answer == EXPECTED_ANSWER and card.version.params["thinking_budget"] == 3
    note = "thinking cut at the budget (3 tokens)"
    qtbot.waitUntil(lambda: note in window.chat.cards[-1].state_label.text(), timeout=5_000)
    conversation_id = window.session.conversation.id  # type: ignore[union-attr]
    window.session.new_conversation()
    qtbot.waitUntil(lambda: drawer.budget.value() == 0, timeout=5_000)  # a new chat starts from Preferences
    window.session.open_conversation(conversation_id)
    qtbot.waitUntil(lambda: drawer.budget.value() == 3, timeout=5_000)
    window.close()
    assert Store(tmp_path / "data" / "conversations.sqlite3").load_conversation(conversation_id).settings == {
        "thinking_budget": 3}


def test_a_system_prompt_reaches_the_model_only_when_set(tmp_path: Path) -> None:
    from denkspur.session import conversation

    store = Store(tmp_path / "c.sqlite3")
    plain = conversation.send(store, None, "Hi", model="m", params=p.SamplingParams())
    assert [m.role for m in plain.history] == ["user"]
    told = conversation.send(store, None, "Hi", model="m", params=p.SamplingParams(),
                             settings={"system_prompt": "Be brief."})
    assert [(m.role, m.content) for m in told.history] == [("system", "Be brief."), ("user", "Hi")]
