"""``denkspur corpus …``: the explained articles, their checked claims, the glossary.

JSON shapes (a contract; extend, do not rename):

* ``corpus list --json``: ``[{"id", "title", "kind", "date_range", "summary", "claims",
  "text": "ok" | "changed" | "missing"}]``
* ``corpus claims [--article ID] --json``: ``[{"article", "anchor", "claim", "verdict",
  "explanation", "sources": [{"title", "url"}]}]``
* ``corpus glossary --json``: ``[{"id", "term", "definition", "occurs": [{"article", "as", "count"}]}]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from denkspur.cli.exit_codes import EXIT_FAILED, EXIT_OK
from denkspur.core.corpus.guide import (
    CorpusError,
    CorpusGuide,
    corpus_folder,
    load_guide,
    load_texts,
    read_article,
    term_occurrences,
)
from denkspur.core.settings import Settings


def run_corpus(args: argparse.Namespace) -> int:
    try:
        guide = load_guide()
        folder = args.corpus or corpus_folder(Settings.load().corpus_dir)
        rows = {"list": _list, "claims": _claims, "glossary": _glossary}[args.corpus_command](
            guide, folder, args)
    except CorpusError as error:
        print(f"denkspur: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        _print_text(args.corpus_command, rows)
    return EXIT_OK


Rows = list[dict[str, object]]


def _list(guide: CorpusGuide, folder: Path | None, args: argparse.Namespace) -> Rows:
    return [
        {"id": a.id, "title": a.title[args.lang], "kind": a.kind[args.lang],
         "date_range": a.date_range[args.lang],
         "summary": a.summary[args.lang], "claims": len(a.claims), "text": read_article(a, folder).status}
        for a in guide.articles
    ]


def _claims(guide: CorpusGuide, _folder: Path | None, args: argparse.Namespace) -> Rows:
    return [claim.to_dict(args.lang) for claim in guide.claims(args.article)]


def _glossary(guide: CorpusGuide, folder: Path | None, args: argparse.Namespace) -> Rows:
    texts = load_texts(guide, folder)
    return [
        {"id": t.id, "term": t.term[args.lang], "definition": t.definition[args.lang],
         "occurs": term_occurrences(t, texts)}
        for t in guide.glossary
    ]


def _print_text(command: str, rows: Rows) -> None:
    for row in rows:
        if command == "list":
            print(f"{row['id']}  [{row['text']}]  {row['title']} "
                  f"({row['date_range']}, {row['claims']} claims)")
        elif command == "claims":
            print(f"[{str(row['verdict']).upper()}] {row['article']}: “{row['anchor']}”")
            print(f"    {row['claim']}\n    → {row['explanation']}\n")
        else:
            print(f"{row['term']}: {row['definition']}\n")
