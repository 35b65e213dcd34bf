"""Conversations: the SQLite store, export/import, chat templates."""
