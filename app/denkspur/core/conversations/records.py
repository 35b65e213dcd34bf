"""What the store hands out: conversations, messages, their versions, list rows and search hits.

Plain dataclasses without a database behind them, so the GUI, the CLI, exports and
tests can hold and build them without opening SQLite.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from denkspur.core.conversations.states import VersionState

#: Where a search match starts and ends in :attr:`SearchHit.marked` (control characters
#: that stored text does not use, so brackets in an answer are never taken for a match).
MATCH_START = "\x02"
MATCH_END = "\x03"
_WHITESPACE = re.compile(r"\s+")


@dataclass
class Version:
    id: int
    number: int
    answer: str
    trace: str = ""
    steps: list[dict[str, object]] = field(default_factory=list)
    stats: dict[str, object] = field(default_factory=dict)
    model: str = ""
    params: dict[str, object] = field(default_factory=dict)
    state: VersionState = VersionState.COMPLETE
    error: str = ""
    created: float = 0.0
    parent_version_id: int | None = None  # the version this one was branched from, if any
    branch_offset: int | None = None  # where in the parent's trace the branch starts


@dataclass
class Message:
    id: int
    position: int
    role: str
    versions: list[Version]
    current: int  # index into versions
    after_version_id: int | None = None  # the version of the previous message this one follows

    @property
    def version(self) -> Version:
        return self.versions[self.current]

    @property
    def text(self) -> str:
        return self.version.answer


@dataclass
class Conversation:
    id: int
    title: str
    created: float
    updated: float
    messages: list[Message] = field(default_factory=list)  # the path along the selected versions
    all_messages: list[Message] = field(default_factory=list)  # every branch, in creation order
    #: This chat's own settings (system prompt, sampling, budget) over the app's defaults.
    settings: dict[str, object] = field(default_factory=dict)

    @property
    def hidden_messages(self) -> int:
        """Messages on branches that the current path does not show."""
        return len(self.all_messages) - len(self.messages)

    def turns(self, before_position: int | None = None) -> list[tuple[str, str]]:
        """(role, text) of the current versions, for the model.

        Only answers go back to the model, never traces; failed or empty
        replies are left out so that they do not confuse the next turn.
        """
        turns = []
        for message in self.messages:
            if before_position is not None and message.position >= before_position:
                break
            text = message.version.answer
            failed = message.version.state == VersionState.ERROR
            if message.role == "assistant" and (not text.strip() or failed):
                continue
            turns.append((message.role, text))
        return turns


@dataclass(frozen=True)
class ConversationSummary:
    id: int
    title: str
    updated: float
    message_count: int
    pinned: bool = False


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    title: str
    message_id: int
    version_id: int
    snippet: str
    in_trace: bool
    marked: str = ""  # the snippet with matches between MATCH_START and MATCH_END

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, whitespace folded to single spaces."""
        pieces: list[tuple[str, bool]] = []
        for i, chunk in enumerate(self.marked.split(MATCH_START)):
            match, _, rest = chunk.partition(MATCH_END) if i else ("", "", chunk)
            for raw, is_match in ((match, True), (rest, False)):
                text = _WHITESPACE.sub(" ", raw)
                if text:
                    pieces.append((text, is_match))
        return pieces


def visible_path(messages: list[Message]) -> list[Message]:
    """Walk from the first message along the selected versions (the newest continuation wins)."""
    followers: dict[int | None, Message] = {}
    for candidate in messages:  # in creation order, so later continuations replace earlier ones
        followers[candidate.after_version_id] = candidate
    path: list[Message] = []
    seen: set[int] = set()
    message = followers.get(None)
    while message is not None and message.id not in seen and message.versions:
        seen.add(message.id)
        path.append(message)
        message = followers.get(message.version.id)
    return path


def version_from_row(row: Mapping[str, Any]) -> Version:
    return Version(
        id=row["id"],
        number=row["number"],
        answer=row["answer"],
        trace=row["trace"],
        steps=json.loads(row["steps"]),
        stats=json.loads(row["stats"]),
        model=row["model"],
        params=json.loads(row["params"]),
        state=VersionState(row["state"]),
        error=row["error"],
        created=row["created"],
        parent_version_id=row["parent_version_id"],
        branch_offset=row["branch_offset"],
    )
