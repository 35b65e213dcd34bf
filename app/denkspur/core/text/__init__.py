"""Text rendering: safe Markdown."""
