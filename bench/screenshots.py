"""Screenshots of the main states, for looking at the app as a user does.

    xvfb-run -s "-screen 0 1280x800x24" python bench/screenshots.py OUTDIR

Drives the real window with the generated tiny model: empty state, thinking,
answered with steps, compare view, German UI. ``--look``: answered with math and
code, model picker open, per-chat drawer, dark, German, 1024×700, shortcuts, preferences.
``--live``: a long trace streamed from ``replay_server``, mid-stream and finished,
at 1024×700 and 1920×1080, English and German, and a continued reply.
``--models``: the model manager at 900×700, 1024×700 and 1920×1080, and filtered.
Not a benchmark: a check by eye.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from denkspur.core.settings import Settings
from denkspur.gui.main_window import MainWindow
from denkspur.testing.tiny_model import write_tiny_r1_model


def pump(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition, timeout_ms: int = 20_000) -> None:  # type: ignore[no-untyped-def]
    waited = 0
    while not condition() and waited < timeout_ms:
        pump(50)
        waited += 50


def shoot(window: MainWindow, out: Path, name: str) -> None:
    pump(150)
    screen = window.screen()
    image = screen.grabWindow(0) if QApplication.platformName() == "xcb" else window.grab()
    image.save(str(out / f"{name}.png"))
    print("wrote", out / f"{name}.png")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        model = write_tiny_r1_model(Path(folder) / "DeepSeek-R1-tiny-test.gguf")
        empty = MainWindow(data_path=Path(folder) / "empty", settings=Settings(language="en"),
                           settings_path=Path(folder) / "s0.json")
        empty.setGeometry(0, 0, 1280, 800)
        empty.show()
        shoot(empty, out, "01-empty")
        empty.close()

        settings = Settings(model_path=str(model), context_size=512, language="en")
        window = MainWindow(data_path=Path(folder) / "data", settings=settings,
                            settings_path=Path(folder) / "s1.json", engine_fault="slow@token:300")
        window.setGeometry(0, 0, 1280, 800)
        window.show()
        wait_for(lambda: window.session.model is not None)
        window.composer.editor.setPlainText("What is 2 + 3?")
        window.composer.send_button.click()
        wait_for(lambda: window.trace.step_count() >= 1)
        pump(400)
        shoot(window, out, "02-thinking")
        wait_for(lambda: not window.session.busy)
        pump(300)
        shoot(window, out, "03-answered")
        window.chat.cards[-1].findChild(object, "regenerate")
        window.session.regenerate(window.chat.cards[-1].message.id)
        wait_for(lambda: not window.session.busy)
        pump(300)
        window.compare_traces()
        dialog = window.compare_dialog
        dialog.setGeometry(60, 60, 1100, 600)
        pump(200)
        image = dialog.grab()
        image.save(str(out / "04-compare.png"))
        print("wrote", out / "04-compare.png")
        dialog.close()
        window.set_language("de")
        pump(300)
        shoot(window, out, "05-german")
        window.close()
    app.quit()



ANSWER_WITH_MATH = (
    "The sum of the first $n$ numbers is\n\n$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2},$$\n\n"
    "so for \\(n = 4\\) it is **10**. In Python:\n\n```python\nprint(sum(range(1, 5)))\n```\n"
)


def lookfeel_shot(out: Path) -> None:
    """Math and code, model picker, per-chat drawer, dark, German, 1024×700 (``--look``)."""
    from denkspur.core.conversations.store import Store

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        model = write_tiny_r1_model(Path(folder) / "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf")
        store = Store(Path(folder) / "data" / "conversations.sqlite3")
        for title in ("Primes below 20", "Why is the sky blue?"):
            store.create_conversation(title)
        chat = store.create_conversation("Sum of 1 to 4")
        store.add_message(chat, "user", "What is 1 + 2 + 3 + 4? Show the formula.")
        _, version = store.add_message(chat, "assistant", state="generating", model=str(model),
                                       params={"thinking_budget": 1024})
        store.save_version(version, answer=ANSWER_WITH_MATH, state="complete",
                           trace="Okay, the user wants the sum. Gauss: n(n+1)/2 = 10. Wait, check: 10.")
        store.set_pinned(chat, True)
        store.close()
        settings = Settings(model_path=str(model), context_size=512, language="en",
                            recent_models=[str(model)])
        window = MainWindow(data_path=Path(folder) / "data", settings=settings,
                            settings_path=Path(folder) / "s.json")
        window.setGeometry(0, 0, 1280, 800)
        window.show()
        wait_for(lambda: window.session.model is not None)
        wait_for(lambda: len(window.conversations.conversation_items()) == 3)
        window.session.open_conversation(chat)
        wait_for(lambda: len(window.chat.cards) == 2)
        shoot(window, out, "10-answered-math-code")
        menu = window.model_picker.menu_
        menu.popup(window.model_picker.mapToGlobal(window.model_picker.rect().bottomLeft()))
        pump(300)
        if QApplication.platformName() == "xcb":
            shoot(window, out, "11-model-picker")
        else:
            menu.grab().save(str(out / "11-model-picker.png"))
            print("wrote", out / "11-model-picker.png")
        menu.close()
        window.chat_settings_action.trigger()
        shoot(window, out, "12-chat-settings")
        window.chat_settings_action.trigger()
        window.set_theme("dark")
        shoot(window, out, "13-dark")
        window.set_theme("system")
        window.set_language("de")
        shoot(window, out, "14-german")
        window.set_language("en")
        window.setGeometry(0, 0, 1024, 700)
        shoot(window, out, "15-1024x700")
        dialog_shots(window, out)
        window.close()
    app.quit()


def grab_manager(window: MainWindow, out: Path, shots: list[tuple[str, int, int]],
                 filter_text: str = "") -> None:
    """Open the model manager, wait for its cards, save it at each (name, width, height)."""
    window.show_models()
    manager = window.model_manager
    wait_for(lambda: manager.ready and bool(manager.opened))
    manager.filter.setText(filter_text)
    for name, width, height in shots:
        manager.setGeometry(0, 0, width, height)
        pump(300)
        manager.grab().save(str(out / f"{name}.png"))
        print("wrote", out / f"{name}.png")
    manager.close()


def dialog_shots(window: MainWindow, out: Path) -> None:
    """Help → Keyboard shortcuts and Preferences."""
    from denkspur.gui.settings_dialog import SettingsDialog

    window.keys.show_shortcuts()
    pump(200)
    window.keys.shortcuts_dialog.grab().save(str(out / "16-shortcuts.png"))
    print("wrote", out / "16-shortcuts.png")
    window.keys.shortcuts_dialog.close()

    preferences = SettingsDialog(window.settings, window)
    preferences.show()
    pump(200)
    preferences.grab().save(str(out / "17-preferences.png"))
    print("wrote", out / "17-preferences.png")
    preferences.close()
    preferences.deleteLater()


def models_shot(out: Path) -> None:
    """The model manager on this machine at 900×700, 1024×700 and 1920×1080, with an opened GGUF
    file listed; filtered; dark and German (``--models``)."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        opened = write_tiny_r1_model(Path(folder) / "my-own-R1-experiment.gguf")
        window = MainWindow(data_path=Path(folder) / "data",
                            settings=Settings(language="en", recent_models=[str(opened)]),
                            settings_path=Path(folder) / "s.json")
        window.setGeometry(0, 0, 1280, 800)
        window.show()
        pump(300)
        shoot(window, out, "06-empty-with-recommendation")
        grab_manager(window, out, [("07-models", 900, 700), ("07-models-1024x700", 1024, 700),
                                   ("07-models-1920x1080", 1920, 1080)])
        grab_manager(window, out, [("07-models-filter-q8", 1024, 700)], "q8")
        window.set_theme("dark")
        window.set_language("de")
        grab_manager(window, out, [("07-models-dark-de", 1024, 700)])
        window.set_theme("system")
        window.set_language("en")
        window.close()
    app.quit()


def live_shot(out: Path, words: int = 2000, rate: float = 120.0) -> None:
    """A long R1-style trace streamed from ``replay_server`` (``--live``): the trace panel's steps
    list, step names, open step and header at 1024×700 and 1920×1080, mid-stream and finished,
    in English and German; then a stopped reply and its "Continue"."""
    import threading

    from denkspur.engine.remote import RemoteSettings
    from replay_server import make_server  # bench/ is on the path

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    server = make_server(0, words, rate)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    sizes = (("1024x700", 1024, 700), ("1920x1080", 1920, 1080))
    try:
        with tempfile.TemporaryDirectory() as folder:
            window = MainWindow(data_path=Path(folder) / "data", settings=Settings(language="en"),
                                settings_path=Path(folder) / "s.json")
            window.setGeometry(0, 0, 1024, 700)
            window.show()
            window.session.connect_remote(RemoteSettings(url))
            wait_for(lambda: window.session.model is not None)
            for language, question in (("en", "How many primes are there below 1000?"),
                                       ("de", "Wie viele Primzahlen gibt es unter 1000?")):
                window.set_language(language)
                window.session.new_conversation()
                pump(200)
                window.composer.editor.setPlainText(question)
                window.composer.send_button.click()
                wait_for(lambda: window.session.busy)
                wait_for(lambda: window.trace.step_count() >= 12, 60_000)
                for name, width, height in sizes:
                    window.setGeometry(0, 0, width, height)
                    shoot(window, out, f"20-live-{language}-{name}")
                wait_for(lambda: not window.session.busy, 120_000)
                for name, width, height in sizes:
                    window.setGeometry(0, 0, width, height)
                    shoot(window, out, f"21-done-{language}-{name}")
            # A reply stopped while thinking, then continued (German: the longer state text).
            window.setGeometry(0, 0, 1024, 700)
            window.composer.editor.setPlainText("Und unter 100?")
            window.composer.send_button.click()
            wait_for(lambda: window.session.busy)
            pump(3000)  # some steps in
            window.session.stop()
            wait_for(lambda: not window.session.busy)
            window.chat.continue_requested.emit(window.chat.cards[-1].version.id)
            wait_for(lambda: window.trace.step_count() >= 8, 60_000)
            shoot(window, out, "22-continued-de-1024x700")
            wait_for(lambda: not window.session.busy, 120_000)
            shoot(window, out, "23-continued-done-de-1024x700")
            window.set_language("en")
            window.close()
    finally:
        server.shutdown()
    app.quit()


def corpus_shot(out: Path) -> None:
    """The corpus panel with an article and a claim selected (``--corpus``)."""
    from PySide6.QtCore import QUrl

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        for language in ("en", "de"):
            window = MainWindow(data_path=Path(folder) / "data", settings=Settings(language=language),
                                settings_path=Path(folder) / "s.json")
            window.setGeometry(0, 0, 1280, 800)
            window.show()
            window.show_corpus()
            window.corpus_dock.setFloating(True)
            window.corpus_dock.setGeometry(0, 0, 1280, 800)
            panel = window.corpus_panel
            wait_for(lambda loaded=panel: loaded.corpus is not None)  # read in the background
            panel.articles.setCurrentRow(3)
            panel.text.anchorClicked.emit(QUrl("claim:4"))
            pump(300)
            panel.window().grab().save(str(out / f"08-corpus-{language}.png"))
            print("wrote", out / f"08-corpus-{language}.png")
            window.close()
    app.quit()


if __name__ == "__main__":
    if "--look" in sys.argv:
        sys.argv.remove("--look")
        lookfeel_shot(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
    elif "--live" in sys.argv:
        sys.argv.remove("--live")
        live_shot(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
    elif "--corpus" in sys.argv:
        sys.argv.remove("--corpus")
        corpus_shot(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
    elif "--models" in sys.argv:
        sys.argv.remove("--models")
        models_shot(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
    else:
        main()

