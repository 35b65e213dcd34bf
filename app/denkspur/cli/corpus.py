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
        _print_text(args.corpus_command, rows, args.lang)
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


# What the plain-text output says around the data, per language (the JSON keeps the English keys).
_CLAIM_NOUN = {"en": ("claim", "claims"), "de": ("Behauptung", "Behauptungen")}
_QUOTES = {"en": ("“", "”"), "de": ("„", "“")}
_VERDICT_LABEL = {
    "en": {"correct": "CORRECT", "misleading": "MISLEADING", "wrong": "WRONG",
           "unverifiable": "UNVERIFIABLE"},
    "de": {"correct": "KORREKT", "misleading": "IRREFÜHREND", "wrong": "FALSCH",
           "unverifiable": "NICHT ÜBERPRÜFBAR"},
}
_TEXT_STATUS = {"en": {"ok": "ok", "changed": "changed", "missing": "missing"},
                "de": {"ok": "ok", "changed": "geändert", "missing": "fehlt"}}


def _print_text(command: str, rows: Rows, language: str = "en") -> None:
    opening, closing = _QUOTES[language]
    for row in rows:
        if command == "list":
            count = int(str(row["claims"]))
            noun = _CLAIM_NOUN[language][0 if count == 1 else 1]
            print(f"{row['id']}  [{_TEXT_STATUS[language][str(row['text'])]}]  {row['title']} "
                  f"({row['date_range']}, {count} {noun})")
        elif command == "claims":
            verdict = _VERDICT_LABEL[language][str(row["verdict"])]
            print(f"[{verdict}] {row['article']}: {opening}{row['anchor']}{closing}")
            print(f"    {row['claim']}\n    → {row['explanation']}\n")
        else:
            print(f"{row['term']}: {row['definition']}\n")
