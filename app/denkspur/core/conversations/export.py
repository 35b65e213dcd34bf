"""Export conversations as Markdown or JSON, and import JSON exports.

The Markdown export is for reading and sharing: each reasoning trace sits in a
collapsible ``<details>`` block above its answer. The JSON export is lossless
(every version, trace, steps and statistics) and is what :func:`import_json`
reads back.
"""

from __future__ import annotations

from typing import Any

from denkspur.core.conversations.store import Conversation, Store

FORMAT = "denkspur-conversation"
FORMAT_VERSION = 1
_ROLES = {"user": "You", "assistant": "Denkspur", "system": "System"}


class ConversationImportError(ValueError):
    """The file is not a Denkspur conversation export; the message says why."""


def export_markdown(conversation: Conversation) -> str:
    parts = [f"# {conversation.title}\n"]
    for message in conversation.messages:
        version = message.version
        parts.append(f"## {_ROLES.get(message.role, message.role)}\n")
        if version.trace:
            seconds = version.stats.get("thinking_seconds")
            label = f"Reasoning ({len(version.steps)} steps"
            label += f", thought for {float(seconds):.0f} s)" if isinstance(seconds, (int, float)) else ")"
            # A blank line after <summary> lets Markdown render inside the block.
            parts.append(f"<details>\n<summary>{label}</summary>\n\n{version.trace}\n\n</details>\n")
        if version.state not in ("complete",):
            parts.append(f"*({version.state})*\n")
        parts.append(f"{version.answer}\n")
    return "\n".join(parts)


def export_json(conversation: Conversation) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": conversation.title,
        "created": conversation.created,
        "messages": [
            {
                "role": message.role,
                "current": message.current,
                "versions": [
                    {
                        "answer": v.answer,
                        "trace": v.trace,
                        "steps": v.steps,
                        "stats": v.stats,
                        "model": v.model,
                        "params": v.params,
                        "state": v.state,
                        "created": v.created,
                    }
                    for v in message.versions
                ],
            }
            for message in conversation.messages
        ],
    }


def import_json(store: Store, data: object) -> int:
    """Create a conversation from an export; return its id."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConversationImportError("this is not a Denkspur conversation export (no 'format' marker)")
    if int(data.get("format_version", 0)) > FORMAT_VERSION:
        raise ConversationImportError("this export comes from a newer Denkspur; update the app to import it")
    messages = data.get("messages")
    if not isinstance(messages, list):
        raise ConversationImportError("the export has no message list")
    conversation_id = store.create_conversation(str(data.get("title") or "Imported chat"))
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        versions = message.get("versions") if isinstance(message, dict) else None
        well_formed = isinstance(versions, list) and versions and all(isinstance(v, dict) for v in versions)
        if role not in ("user", "assistant", "system") or not well_formed:
            store.delete_conversation(conversation_id)
            raise ConversationImportError(f"message {index + 1} is malformed (role or versions missing)")
        first, *rest = versions
        message_id, version_id = store.add_message(conversation_id, role, str(first.get("answer", "")))
        _fill(store, version_id, first)
        for version in rest:
            _fill(store, store.add_version(message_id, text=str(version.get("answer", ""))), version)
        store.select_version(message_id, int(message.get("current", 0)))
    return conversation_id


def _fill(store: Store, version_id: int, version: dict[str, Any]) -> None:
    state = version.get("state", "complete")
    store.save_version(
        version_id,
        answer=str(version.get("answer", "")),
        trace=str(version.get("trace", "")),
        state=state if state != "generating" else "interrupted",
        steps=list(version.get("steps") or []),
        stats=dict(version.get("stats") or {}),
    )
