"""Full-text search over stored answers and traces (SQLite FTS5).

The user's words become prefix phrases (quotes removed), so nothing they type is
read as FTS5 syntax; matches come back marked with control characters that stored
text does not use, for a clean highlighted snippet.
"""

from __future__ import annotations

import sqlite3

from denkspur.core.conversations.records import MATCH_END, MATCH_START, SearchHit
from denkspur.core.text.clean import clean_text


def search_versions(db: sqlite3.Connection, query: str, limit: int = 50) -> list[SearchHit]:
    """Full-text search over answers *and* traces (current and older versions)."""
    terms = [t for t in clean_text(query).replace('"', " ").split() if t]
    if not terms:
        return []
    match = " ".join(f'"{term}"*' for term in terms)
    rows = db.execute(
        "SELECT v.id AS version_id, m.id AS message_id, c.id AS conversation_id, c.title,"
        " snippet(versions_fts, 0, ?, ?, '…', 12) AS answer_snippet,"
        " snippet(versions_fts, 1, ?, ?, '…', 12) AS trace_snippet"
        " FROM versions_fts JOIN versions v ON v.id = versions_fts.rowid"
        " JOIN messages m ON m.id = v.message_id JOIN conversations c ON c.id = m.conversation_id"
        " WHERE versions_fts MATCH ? ORDER BY rank LIMIT ?",
        (MATCH_START, MATCH_END, MATCH_START, MATCH_END, match, limit),
    ).fetchall()
    hits = []
    for row in rows:
        in_answer = MATCH_START in row["answer_snippet"]
        marked = row["answer_snippet"] if in_answer else row["trace_snippet"]
        snippet = marked.replace(MATCH_START, "[").replace(MATCH_END, "]")
        hits.append(SearchHit(row["conversation_id"], row["title"], row["message_id"],
                              row["version_id"], snippet, not in_answer, marked))
    return hits
