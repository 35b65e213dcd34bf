"""The corpus guide: Denkspur's own explanations of five news articles about DeepSeek-R1.

The explanations (summaries, checked claims, glossary, comparisons) ship in
``resources/corpus/explanations.json``. The article texts do not: they are shown
only when a corpus folder is available (``DENKSPUR_CORPUS`` or the settings;
development checkouts find ``../shared/corpus``). Each article is matched by its
file name (the corpus id) and its sha256 is compared with the one the
explanations were written against, so a changed text is flagged and claims whose
anchor phrase vanished are marked as not found instead of pointing at the wrong place.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from denkspur.core.regular_files import read_capped
from denkspur.resources import resources_dir

VERDICTS = ("correct", "misleading", "wrong", "unverifiable")
LANGUAGES = ("en", "de")


class CorpusError(ValueError):
    """The explanations file is missing or malformed."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class Claim:
    article: str
    index: int
    anchor: str
    verdict: str
    claim: dict[str, str]
    explanation: dict[str, str]
    sources: tuple[Source, ...]

    def to_dict(self, language: str = "en") -> dict[str, object]:
        return {
            "article": self.article,
            "anchor": self.anchor,
            "claim": self.claim[language],
            "verdict": self.verdict,
            "explanation": self.explanation[language],
            "sources": [source.to_dict() for source in self.sources],
        }


@dataclass(frozen=True)
class ArticleGuide:
    id: str
    file: str
    sha256: str
    title: dict[str, str]
    kind: dict[str, str]  # news, analysis, broker commentary…, per language
    date_range: dict[str, str]
    summary: dict[str, str]
    reading_notes: dict[str, str]
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Term:
    id: str
    term: dict[str, str]
    definition: dict[str, str]
    occurs_as: tuple[str, ...]


@dataclass(frozen=True)
class Figure:
    """What one article states about a compared quantity, per language, and where."""

    article: str
    anchor: str
    stated: dict[str, str]


@dataclass(frozen=True)
class Comparison:
    id: str
    topic: dict[str, str]
    figures: tuple[Figure, ...]
    best: dict[str, str]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class ArticleText:
    """An article's text as found on disk, or why it is not shown."""

    text: str | None
    status: str  # "ok", "changed" (hash differs), "missing" (no file / no folder)


@dataclass(frozen=True)
class CorpusGuide:
    articles: tuple[ArticleGuide, ...]
    glossary: tuple[Term, ...]
    comparisons: tuple[Comparison, ...]
    tie_in: dict[str, str]
    sources: dict[str, Source]

    def article(self, article_id: str) -> ArticleGuide:
        for article in self.articles:
            if article_id in (article.id, article.file):
                return article
        raise CorpusError(f"no article {article_id!r}; known: {', '.join(a.id for a in self.articles)}")

    def claims(self, article_id: str | None = None) -> list[Claim]:
        articles = [self.article(article_id)] if article_id else list(self.articles)
        return [claim for article in articles for claim in article.claims]


def default_corpus_dir() -> Path | None:
    """``DENKSPUR_CORPUS``, else ``shared/corpus`` beside the checkout, if it exists."""
    override = corpus_override()
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parents[4].parent / "shared" / "corpus"
    return beside if beside.is_dir() else None


def corpus_override() -> str:
    """The folder ``DENKSPUR_CORPUS`` names ("" when unset): it wins over the setting."""
    return os.environ.get("DENKSPUR_CORPUS", "")


def corpus_folder(setting: str = "") -> Path | None:
    """The folder with the article texts: ``DENKSPUR_CORPUS`` if set, else the user's setting
    (Preferences), else ``shared/corpus`` beside the checkout (:func:`default_corpus_dir`)."""
    override = corpus_override()
    if override:
        return Path(override)
    return Path(setting) if setting else default_corpus_dir()


def load_guide(path: Path | None = None) -> CorpusGuide:
    path = path or resources_dir() / "corpus" / "explanations.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = {key: Source(key, value["title"], value["url"]) for key, value in data["sources"].items()}
        articles = tuple(_article(raw, sources) for raw in data["articles"])
        glossary = tuple(Term(t["id"], t["term"], t["definition"], tuple(t["occurs_as"]))
                         for t in data["glossary"])
        comparisons = tuple(
            Comparison(c["id"], c["topic"],
                       tuple(Figure(f["article"], f["anchor"], f["stated"]) for f in c["figures"]), c["best"],
                       tuple(sources[s] for s in c["sources"]))
            for c in data["comparisons"]
        )
        return CorpusGuide(articles, glossary, comparisons, data["tie_in"], sources)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CorpusError(f"the corpus explanations {path} are unusable: {error}") from error


def _article(raw: dict[str, Any], sources: dict[str, Source]) -> ArticleGuide:
    """One article from the parsed JSON (``Any``: a wrong shape raises KeyError/TypeError, caught above)."""
    article_id = str(raw["id"])
    claims = tuple(
        Claim(article_id, index, c["anchor"], c["verdict"], c["claim"], c["explanation"],
              tuple(sources[s] for s in c["sources"]))
        for index, c in enumerate(raw["claims"])
    )
    for claim in claims:
        if claim.verdict not in VERDICTS:
            raise ValueError(f"claim {claim.anchor!r} has verdict {claim.verdict!r}")
    return ArticleGuide(article_id, str(raw["file"]), str(raw["sha256"]), raw["title"],
                        raw["kind"], raw["date_range"], raw["summary"], raw["reading_notes"], claims)


#: The largest article file read (the news articles are a few dozen kB).
MAX_ARTICLE_BYTES = 8 * 2**20


def read_article(article: ArticleGuide, folder: Path | None) -> ArticleText:
    if folder is None:
        return ArticleText(None, "missing")
    path = folder / article.file
    try:  # a folder the user points at: a FIFO or /dev/zero there must not hang or fill memory
        raw = read_capped(path, MAX_ARTICLE_BYTES)
    except (OSError, ValueError):
        return ArticleText(None, "missing")
    text = raw.decode("utf-8", errors="replace")
    status = "ok" if hashlib.sha256(raw).hexdigest() == article.sha256 else "changed"
    return ArticleText(text, status)


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """Span of ``phrase`` in ``text`` (exact), or ``None`` if it is not there."""
    start = text.find(phrase)
    return None if start < 0 else (start, start + len(phrase))


def term_occurrences(term: Term, texts: dict[str, str]) -> list[dict[str, object]]:
    """Where a glossary term occurs: article id, the wording used there, and how often."""
    found = []
    for article_id, text in texts.items():
        for wording in term.occurs_as:
            count = text.count(wording)
            if count:
                found.append({"article": article_id, "as": wording, "count": count})
    return found


def load_texts(guide: CorpusGuide, folder: Path | None) -> dict[str, str]:
    texts = {}
    for article in guide.articles:
        text = read_article(article, folder).text
        if text is not None:
            texts[article.id] = text
    return texts


@dataclass(frozen=True)
class Corpus:
    """The explanations and every article as found in a folder: what the corpus panel shows."""

    guide: CorpusGuide
    articles: dict[str, ArticleText]  # by article id

    @property
    def texts(self) -> dict[str, str]:
        return {key: found.text for key, found in self.articles.items() if found.text is not None}


def load_corpus(folder: Path | None) -> Corpus:
    """The explanations and the article texts, read in one go (the app does it in the background)."""
    guide = load_guide()
    return Corpus(guide, {article.id: read_article(article, folder) for article in guide.articles})
