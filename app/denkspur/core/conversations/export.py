"""Export conversations as Markdown or JSON, and import JSON exports.

The Markdown export is for reading and sharing: the path the user sees, each
reasoning trace in a collapsible ``<details>`` block above its answer. The JSON
export is lossless (every branch and version, trace, steps and statistics) and is
what :func:`import_json` reads back. Format 2 adds the tree: each message names
the message and version it follows (``"after": [message index, version index]``),
each version the version it was branched from (``"parent"``, an index into its
message's versions) and where (``"branch_offset"``). Format 1 files (a straight
line of messages) still import.
"""

from __future__ import annotations

import html
from typing import Any

from denkspur.core.conversations.store import STATES, Conversation, Store

FORMAT = "denkspur-conversation"
FORMAT_VERSION = 2
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
            # Inside an HTML block: the model's text is escaped, so "</details>" or a tag in it
            # stays text in whatever renders the file.
            trace = html.escape(_mark_user_notes(version.trace, version.stats.get("interventions")),
                                quote=False)
            parts.append(f"<details>\n<summary>{label}</summary>\n\n{trace}\n\n</details>\n")
        if version.state not in ("complete",):
            parts.append(f"*({version.state})*\n")
        parts.append(f"{version.answer}\n")
    if conversation.hidden_messages:
        parts.append(f"*({conversation.hidden_messages} messages on other branches are not shown here; "
                     "the JSON export keeps them.)*\n")
    return "\n".join(parts)


def _mark_user_notes(trace: str, interventions: object) -> str:
    """Text the user inserted into a trace (to steer the model) is marked as theirs."""
    items = interventions if isinstance(interventions, list) else []
    spans = sorted(
        (i["start"], i["end"]) for i in items
        if isinstance(i, dict) and i.get("kind") == "user"
        and isinstance(i.get("start"), int) and isinstance(i.get("end"), int)
    )
    for start, end in reversed(spans):
        if 0 <= start < end <= len(trace):
            trace = f"{trace[:start]} [your note: {trace[start:end].strip()}] {trace[end:].lstrip()}"
    return trace


def export_json(conversation: Conversation) -> dict[str, Any]:
    messages = conversation.all_messages or conversation.messages
    where = {
        version.id: (m_index, v_index)
        for m_index, message in enumerate(messages)
        for v_index, version in enumerate(message.versions)
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": conversation.title,
        "created": conversation.created,
        "messages": [
            {
                "role": message.role,
                "current": message.current,
                "after": list(where[message.after_version_id]) if message.after_version_id in where else None,
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
                        "parent": where[v.parent_version_id][1] if v.parent_version_id in where else None,
                        "branch_offset": v.branch_offset,
                    }
                    for v in message.versions
                ],
            }
            for message in messages
        ],
    }


def import_json(store: Store, data: object) -> int:
    """Create a conversation from an export; return its id."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConversationImportError("this is not a Denkspur conversation export (no 'format' marker)")
    version = data.get("format_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ConversationImportError("this export has no valid format version")
    if version > FORMAT_VERSION:
        raise ConversationImportError("this export comes from a newer Denkspur; update the app to import it")
    messages = data.get("messages")
    if not isinstance(messages, list):
        raise ConversationImportError("the export has no message list")
    conversation_id = store.create_conversation(str(data.get("title") or "Imported chat"))
    try:
        _import_messages(store, conversation_id, messages)
    except ConversationImportError:
        store.delete_conversation(conversation_id)
        raise
    return conversation_id


def _import_messages(store: Store, conversation_id: int, messages: list[Any]) -> None:
    version_ids: list[list[int]] = []  # per imported message, the new ids of its versions
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        versions = message.get("versions") if isinstance(message, dict) else None
        if (role not in ("user", "assistant", "system") or not isinstance(versions, list) or not versions
                or not all(isinstance(v, dict) for v in versions)):
            raise ConversationImportError(f"message {index + 1} is malformed (role or versions missing)")
        after = _after(message.get("after", "line"), index, version_ids, messages)
        first, *rest = versions
        message_id, version_id = store.add_message(conversation_id, role, str(first.get("answer", "")),
                                                    after_version_id=after, **_origin(first))
        ids = [version_id]
        _fill(store, version_id, first)
        for version in rest:
            ids.append(store.add_version(message_id, text=str(version.get("answer", "")), **_origin(version)))
            _fill(store, ids[-1], version)
        version_ids.append(ids)
        _link_parents(store, ids, versions)
        store.select_version(message_id, _int(message.get("current"), 0, len(ids) - 1))


#: A model name from a file is cut to this length (it is shown on the reply's card).
MAX_MODEL_NAME = 1_000


def _origin(version: dict[str, Any]) -> dict[str, Any]:
    """The model that wrote a version and its settings (the card names the model, the budget note
    reads the settings); outside data: kept only when they have the right types."""
    model, params = version.get("model"), version.get("params")
    return {"model": model[:MAX_MODEL_NAME] if isinstance(model, str) else "",
            "params": dict(params) if isinstance(params, dict) else {}}


def _after(after: object, index: int, version_ids: list[list[int]], messages: list[Any]) -> int | None:
    """The new id of the version a message follows; format 1 files are one straight line."""
    if after == "line":  # format 1: the previous message's selected version
        if index == 0:
            return None
        previous = messages[index - 1]
        return version_ids[-1][_int(previous.get("current"), 0, len(version_ids[-1]) - 1)]
    if after is None:
        return None
    if (not isinstance(after, list) or len(after) != 2 or not all(isinstance(i, int) for i in after)
            or not 0 <= after[0] < index or not 0 <= after[1] < len(version_ids[after[0]])):
        raise ConversationImportError(f"message {index + 1} follows a message that is not before it")
    return version_ids[after[0]][after[1]]


def _link_parents(store: Store, ids: list[int], versions: list[dict[str, Any]]) -> None:
    for version_id, version in zip(ids, versions, strict=True):
        parent = version.get("parent")
        if isinstance(parent, int) and 0 <= parent < len(ids) and ids[parent] != version_id:
            offset = version.get("branch_offset")
            store.set_branch_origin(version_id, ids[parent], offset if isinstance(offset, int) else None)


def _int(value: object, low: int, high: int) -> int:
    number = value if isinstance(value, int) else low
    return min(max(number, low), high)


def _fill(store: Store, version_id: int, version: dict[str, Any]) -> None:
    state = version.get("state", "complete")
    trace = str(version.get("trace", ""))
    stats = version.get("stats")
    store.save_version(
        version_id,
        answer=str(version.get("answer", "")),
        trace=trace,
        state=state if state in STATES and state != "generating" else "interrupted",
        steps=_checked_steps(version.get("steps"), len(trace)),
        stats=dict(stats) if isinstance(stats, dict) else {},
    )


def _checked_steps(steps: object, trace_length: int) -> list[dict[str, object]]:
    """Steps from a file are outside data: keep those whose offsets lie in the trace, in order."""
    kept: list[dict[str, object]] = []
    for step in steps if isinstance(steps, list) else []:
        if not isinstance(step, dict):
            continue
        start, end = step.get("start"), step.get("end")
        previous = kept[-1]["start"] if kept else 0
        if (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
                and isinstance(previous, int) and previous <= start <= end <= trace_length):
            kept.append({**step, "index": len(kept), "kind": str(step.get("kind", "reasoning"))[:40],
                         "text": str(step.get("text", ""))[:10_000]})
    return kept
