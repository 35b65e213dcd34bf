"""Conversation operations with their store writes: what happens before a reply is generated.

Each operation writes the user's side (a new message, a new version…) and a
``generating`` version for the reply in one go, and returns a
:class:`PreparedReply`: the conversation as stored, the version to fill, and the
history to send. :func:`~denkspur.session.reply.run_reply` then fills it. A new
operation (e.g. branch from a trace step) is another function that writes and
returns a :class:`PreparedReply` through :func:`_prepared`.

The functions run on whichever thread owns the :class:`Store` (the GUI's store
thread, the CLI's main thread).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from denkspur.core.conversations.store import Conversation, Store
from denkspur.engine import protocol as p
from denkspur.session.backend import Backend
from denkspur.session.states import CONTINUABLE, VersionState

if TYPE_CHECKING:  # the reply machinery (stream, analytics) loads when a reply runs
    from denkspur.session.reply import Carried, VersionContent

_ROLES: dict[str, p.Role] = {"system": "system", "user": "user", "assistant": "assistant"}
TITLE_LENGTH = 48


@dataclass(frozen=True)
class PreparedReply:
    conversation: Conversation
    version_id: int  # the reply version to generate into
    history: tuple[p.ChatMessage, ...]  # what the model is sent
    #: Trace the reply starts with, as (origin, text) parts (a branch from a step, a steer).
    prefix: tuple[tuple[str, str], ...] = ()
    #: "Continue": the stopped version's counts and thinking time, which the new one's stats include.
    carried: Carried | None = None

    @property
    def conversation_id(self) -> int:
        return self.conversation.id


def send(store: Store, conversation_id: int | None, text: str, *, model: str,
         params: p.SamplingParams, settings: Mapping[str, object] | None = None) -> PreparedReply:
    """Append the user's message (to a new conversation if ``conversation_id`` is None) and a reply.

    ``settings``: the new conversation's own settings (see :func:`chat_params`, ``system_prompt``).
    """
    text = text.strip()
    if not text:
        raise ValueError("an empty message is not sent")
    if conversation_id is None:
        conversation_id = store.create_conversation(title_from(text))
        if settings:
            store.set_conversation_settings(conversation_id, dict(settings))
    else:
        store.load_conversation(conversation_id)  # raises StoreError if it does not exist
    store.add_message(conversation_id, "user", text)
    _, version = store.add_message(conversation_id, "assistant", state=VersionState.GENERATING,
                                   model=model, params=params_record(params))
    return _prepared(store, conversation_id, version)


def regenerate(store: Store, conversation_id: int, message_id: int, *, model: str,
               params: p.SamplingParams) -> PreparedReply:
    """A new version of an assistant reply (the old ones are kept)."""
    version = store.add_version(message_id, model=model, params=params_record(params))
    return _prepared(store, conversation_id, version)


def edit_and_resend(store: Store, conversation_id: int, message_id: int, text: str, *, model: str,
                    params: p.SamplingParams) -> PreparedReply:
    """Answer an edited user message: a new version of it on a branch of its own.

    What followed the old text stays on the old branch (the store keeps it
    reachable by selecting the old version).
    """
    text = text.strip()
    if not text:
        raise ValueError("an empty message is not sent")
    store.add_version(message_id, text=text, state=VersionState.COMPLETE)
    _, version = store.add_message(conversation_id, "assistant", state=VersionState.GENERATING,
                                   model=model, params=params_record(params))
    return _prepared(store, conversation_id, version)


def branch(store: Store, conversation_id: int, version_id: int, offset: int, *, note: str = "",
           model: str, params: p.SamplingParams) -> PreparedReply:
    """"Continue differently from here": a new version of a reply that keeps its trace up to ``offset``.

    The model goes on from just before that point (the engine finds the shared
    prefix in its KV cache); ``note`` is the user's text inserted there to steer
    it. The new version records the version and the offset it branched from;
    the old one is untouched.
    """
    parent = store.version(version_id)
    if not 0 <= offset <= len(parent.trace):
        raise ValueError(f"offset {offset} is outside the trace ({len(parent.trace)} characters)")
    # Up to the end of the sentence before: the model writes the space itself, as it would
    # (its tokens carry their leading space; a prefix ending in one would force an odd split).
    kept = parent.trace[:offset].rstrip()
    prefix = [("prefix", kept)] if kept else []
    if note.strip():
        prefix.append(("user", (" " if kept else "") + note.strip()))
    message_id = store.message_of(version_id)
    version = store.add_version(message_id, model=model, params=params_record(params),
                                parent_version_id=version_id, branch_offset=offset)
    prepared = _prepared(store, conversation_id, version)
    return replace(prepared, prefix=tuple(prefix))


def continue_reply(store: Store, conversation_id: int, version_id: int, *, model: str,
                   params: p.SamplingParams) -> PreparedReply:
    """"Continue" after a stop: a new version that starts with the stopped one's trace (and, if its
    thinking had closed, its answer so far), and the model goes on from there.

    A new version rather than the stopped one extended: the stopped reply stays as it
    was shown (and perhaps copied or exported), and the continuation, written later
    and perhaps with other settings, records where it came from (the parent version,
    and the offset where the trace stopped; its trace's ``continued`` span is the part
    taken over). Locally the engine finds all of it in its KV cache, as for a branch.
    """
    parent = store.version(version_id)
    if parent.state not in CONTINUABLE:
        raise ValueError(f"version {version_id} did not stop early ({parent.state}): nothing to continue")
    closed = parent.stats.get("finished") is True or bool(parent.answer)
    prefix = [("continued", parent.trace)] if parent.trace else []
    if closed:
        prefix.append(("answer", parent.answer))
    message_id = store.message_of(version_id)
    version = store.add_version(message_id, model=model, params=params_record(params),
                                parent_version_id=version_id, branch_offset=len(parent.trace))
    from denkspur.session.reply import Carried

    return replace(_prepared(store, conversation_id, version), prefix=tuple(prefix),
                   carried=Carried.from_version(parent.stats, parent.trace, parent.answer))


def answer_now(backend: Backend) -> bool:
    """Ask the model to stop thinking and answer; False where the backend cannot (servers)."""
    if not backend.capabilities.answer_now:
        return False
    backend.end_thinking()
    return True


def history_before(conversation: Conversation, version_id: int) -> tuple[p.ChatMessage, ...]:
    """The turns the model sees when it writes ``version_id`` (answers only, never traces)."""
    target = next(m for m in conversation.messages if any(v.id == version_id for v in m.versions))
    return tuple(p.ChatMessage(_ROLES[role], text) for role, text in conversation.turns(target.position))


def title_from(text: str) -> str:
    first = text.strip().splitlines()[0]
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1] + "…"


def params_record(params: p.SamplingParams) -> dict[str, object]:
    """The sampling settings stored with a version."""
    return {"temperature": params.temperature, "top_p": params.top_p,
            "max_tokens": params.max_tokens, "thinking_budget": params.thinking_budget}


def _prepared(store: Store, conversation_id: int, version_id: int) -> PreparedReply:
    conversation = store.load_conversation(conversation_id)
    history = history_before(conversation, version_id)
    system = conversation.settings.get("system_prompt")
    if isinstance(system, str) and system.strip():  # off unless the chat sets one (DeepSeek's advice for R1)
        history = (p.ChatMessage("system", system.strip()), *history)
    return PreparedReply(conversation, version_id, history)


#: Per-chat settings that override the app's sampling defaults, with their allowed ranges.
CHAT_PARAMS: dict[str, tuple[float, float]] = {
    "temperature": (0.0, 2.0),
    "top_p": (0.05, 1.0),
    "thinking_budget": (0, 1_000_000),  # 0: unlimited
    "think_longer": (0, 16),
    "probe_every": (0, 100),  # sentences between automatic probes; 0: off
}


#: The per-chat context size (tokens): the range Preferences offers. Not a sampling setting: a
#: local model is loaded again with it before the chat's next reply (servers keep their own).
CHAT_CONTEXT: tuple[int, int] = (512, 131_072)


def chat_context(default: int, chat: Mapping[str, object]) -> int:
    """The context size a chat's replies use: its own valid value, else ``default`` (Preferences)."""
    value = chat.get("context_size")
    low, high = CHAT_CONTEXT
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


def chat_params(base: p.SamplingParams, chat: Mapping[str, object]) -> p.SamplingParams:
    """``base`` with the chat's own values where it has valid ones (stored JSON is not trusted)."""
    changes: dict[str, object] = {}
    for name, (low, high) in CHAT_PARAMS.items():
        value = chat.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high:
            changes[name] = float(value) if name in ("temperature", "top_p") else int(value)
    if "thinking_budget" in changes:
        changes["thinking_budget"] = changes["thinking_budget"] or None
    return replace(base, **changes)  # type: ignore[arg-type]


def with_unsaved(conversation: Conversation, unsaved: Mapping[int, VersionContent]) -> Conversation:
    """``conversation`` with the replies that are only in memory in place of what the disk holds.

    When the final save of a reply fails (a full disk), the store still has the
    last partial save; the user must see, copy and export the whole reply anyway.
    """
    if not unsaved:
        return conversation
    for message in conversation.all_messages or conversation.messages:
        for index, version in enumerate(message.versions):
            content = unsaved.get(version.id)
            if content is not None:
                message.versions[index] = replace(
                    version, answer=content.answer, trace=content.trace, state=content.state,
                    steps=content.steps, stats=content.stats, error=content.error)
    return conversation
