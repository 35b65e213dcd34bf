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


def test_a_chats_context_size_reloads_the_local_model_for_its_next_reply(qtbot: QtBot, tmp_path: Path,
                                                                          tiny_model: Path) -> None:
    """#18 lists the context among the per-chat settings: the drawer starts from Preferences, and a
    local model is loaded again with the chat's size before its next reply (the status bar says so)."""
    window = open_window(qtbot, tmp_path, tiny_model)  # Preferences: 512
    window.chat_settings_action.trigger()
    drawer = window.chat_settings
    assert drawer is not None and drawer.context.value() == 512
    with qtbot.waitSignal(drawer.changed) as changed:
        drawer.context.setValue(1024)
    assert changed.args == [{"context_size": 1024}]
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    assert window.chat.cards[-1].version.answer == EXPECTED_ANSWER
    assert window.session.model is not None and window.session.model.n_ctx == 1024
    assert "/1,024" in window.model_label.text()
    window.session.new_conversation()  # a chat of its own: Preferences again, on its next reply
    qtbot.waitUntil(lambda: drawer.context.value() == 512, timeout=5_000)
    ask(qtbot, window, "What is 2 + 3?")
    wait_idle(qtbot, window)
    assert window.session.model.n_ctx == 512 and window.settings.context_size == 512
    window.close()


def test_the_open_drawer_leaves_the_composer_usable_at_1024_by_700(qtbot: QtBot, tmp_path: Path) -> None:
    """The drawer is narrow (labels above fields) and scrolls; the chat column keeps its width."""
    window = open_window(qtbot, tmp_path, None)
    window.resize(1024, 700)
    window.chat_settings_action.trigger()
    drawer = window.chat_settings
    assert drawer is not None
    qtbot.waitUntil(drawer.isVisible, timeout=5_000)
    qtbot.wait(100)
    assert window.width() <= 1024
    assert window.composer.editor.width() >= 200, window.composer.editor.width()
    assert window.composer.editor.height() >= 60
    assert drawer.width() <= 260
    window.close()


def test_a_server_keeps_its_own_context_and_the_app_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    from denkspur.engine.remote import RemoteSettings
    from openai_server import OpenAIServer

    with OpenAIServer() as server:
        window = open_window(qtbot, tmp_path, None)
        window.session.connect_remote(RemoteSettings(server.url))
        qtbot.waitUntil(lambda: window.session.model is not None, timeout=10_000)
        window.chat_settings_action.trigger()
        drawer = window.chat_settings
        assert drawer is not None and drawer.context_note.isVisible()
        drawer.context.setValue(2048)
        ask(qtbot, window, "What is 2 + 3?")
        assert "keeps its own context size" in window.statusBar().currentMessage()
        wait_idle(qtbot, window)
        window.close()


def test_the_drawers_numbers_follow_the_ui_language(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path, None)
    window.set_language("de")
    try:
        qtbot.waitUntil(lambda: window.chat_settings_action.text() == "Chat-Einstellungen", timeout=5_000)
        window.chat_settings_action.trigger()
        drawer = window.chat_settings
        assert drawer is not None and drawer.temperature.text() == "0,60"
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: drawer.temperature.text() == "0.60", timeout=5_000)  # retranslated
    window.close()
