"""History at scale: open a 1,000-message conversation, search 10,000 messages.

Builds a real SQLite store (WAL, FTS5) with 10,000 messages of R1-style traces
and answers, then times opening a 1,000-message conversation (store load, and
the chat view showing it) and full-text searches over answers and traces.
Baseline in the same run: a plain ``SELECT`` of the same rows, so the ratio
says what the app's own work costs on this machine. Goals: open < 100 ms,
search < 50 ms.

    QT_QPA_PLATFORM=offscreen python bench/history.py
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from denkspur.core.conversations.store import Store

WORDS = ("the model adds two and three then checks the sum wait that is wrong let me verify "
         "carefully alternatively count from three photosynthesis gradient theorem prime").split()


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build(store: Store, conversations: int, messages_each: int, rng: random.Random) -> list[int]:
    ids = []
    for index in range(conversations):
        conversation = store.create_conversation(f"Chat {index}")
        ids.append(conversation)
        for turn in range(messages_each // 2):
            store.add_message(conversation, "user", sentence(rng, 12))
            _, version = store.add_message(conversation, "assistant", state="generating")
            trace = "\n\n".join(sentence(rng, 40) for _ in range(4))
            store.save_version(version, answer=sentence(rng, 30), trace=trace, state="complete",
                               steps=[{"index": 0, "kind": "reasoning", "text": trace[:80]}])
            del turn
    return ids


def timed(action, repeats: int = 7) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.sqlite3")
        big = build(store, 1, 1000, rng)[0]
        build(store, 90, 100, rng)
        total = store._db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]

        raw = timed(lambda: store._db.execute(
            "SELECT v.* FROM versions v JOIN messages m ON m.id = v.message_id "
            "WHERE m.conversation_id = ?", (big,)).fetchall())
        load = timed(lambda: store.load_conversation(big))
        search = statistics.median(timed(lambda q=q: store.search(q), 5)
                                   for q in ("photosynthesis", "wait wrong", "verif", "theorem prime"))

        from PySide6.QtWidgets import QApplication

        from denkspur.gui.chat_view import ChatView

        app = QApplication.instance() or QApplication([])
        view = ChatView()
        view.resize(700, 700)
        view.show()
        conversation = store.load_conversation(big)

        def show() -> None:
            view.show_conversation(conversation)
            app.processEvents()

        gui = timed(show, 3)
        store.close()
    print(f"{total:,} messages in the store")
    print(f"plain SELECT of 1,000 messages: {raw * 1000:7.1f} ms (baseline)")
    print(f"open 1,000-message conversation (store): {load * 1000:7.1f} ms "
          f"(x{load / raw:.1f} baseline; goal < 100 ms) {'OK' if load < 0.1 else 'MISSED'}")
    print(f"show it in the chat view (last page of cards): {gui * 1000:7.1f} ms")
    print(f"open total, store + view: {(load + gui) * 1000:7.1f} ms (goal < 100 ms) "
          f"{'OK' if load + gui < 0.1 else 'MISSED'}")
    print(f"full-text search over answers and traces: {search * 1000:7.2f} ms "
          f"(goal < 50 ms) {'OK' if search < 0.05 else 'MISSED'}")


if __name__ == "__main__":
    main()
