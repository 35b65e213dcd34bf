"""The corpus guide: every claim anchored, verdicts valid, nothing copied from the articles."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from denkspur.core.corpus.guide import VERDICTS, default_corpus_dir, load_guide, load_texts, read_article

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@needs_corpus
def test_every_article_is_explained_and_matches_its_hash() -> None:
    guide = load_guide()
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert sorted(a.file for a in guide.articles) == files
    for article in guide.articles:
        assert read_article(article, CORPUS).status == "ok"
        assert article.claims, article.id
        for language in ("en", "de"):
            assert article.summary[language] and article.reading_notes[language] and article.title[language]


@needs_corpus
def test_every_anchor_is_verbatim_short_and_every_verdict_allowed() -> None:
    guide = load_guide()
    texts = load_texts(guide, CORPUS)
    for claim in guide.claims():
        assert claim.anchor in texts[claim.article], claim.anchor
        assert len(claim.anchor.split()) <= 12, claim.anchor
        assert claim.verdict in VERDICTS
        assert claim.sources and all(s.title for s in claim.sources)
        assert claim.claim["en"] and claim.claim["de"] and claim.explanation["en"] and claim.explanation["de"]
    for comparison in guide.comparisons:
        for figure in comparison.figures:
            assert figure.anchor in texts[figure.article]
            assert figure.stated["en"] and figure.stated["de"]
    assert {c.verdict for c in guide.claims()} == set(VERDICTS)


NEW_CLAIM_ANCHORS = {  # claims added after the expert review (issue 17)
    "000_10bd3727fb1b4300": [
        "Elon Musk und Alexandr Wang meinen, dass DeepSeek aufgrund der US-Exportkontrollen",
        "Unternehmen wie Meta, Google und Amazon als Reaktion darauf",
    ],
    "001_304042c65b90f51d": ["Während der Frühlingsfest", "DeepSeek-Hit #1 im US-App Store am 27. Januar",
                             "entspricht oder übertrifft OpenAIs o1-Modell in Bereichen wie Codegenerierung"],
    "002_d76a493b2d909dd3": ["Open-Source Modelle wie Mixtrail gab es schon lange",
                             "Die Nvidia Aktie brach ein – um 600 Milliarden Dollar"],
    "003_a8bbd5d04812d90a": ["sogar mit GPT-4 und Claude mithalten oder sie übertreffen"],
}


def test_the_reviewed_claims_are_covered() -> None:
    guide = load_guide()
    for article_id, anchors in NEW_CLAIM_ANCHORS.items():
        known = {claim.anchor for claim in guide.claims(article_id)}
        assert set(anchors) <= known, article_id


@needs_corpus
def test_every_anchor_occurs_exactly_once_and_anchors_do_not_overlap() -> None:
    guide = load_guide()
    texts = load_texts(guide, CORPUS)
    for article in guide.articles:
        spans = []
        for claim in article.claims:
            text = texts[article.id]
            assert text.count(claim.anchor) == 1, claim.anchor
            start = text.index(claim.anchor)
            spans.append((start, start + len(claim.anchor)))
        spans.sort()
        assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans)), article.id


def test_sources_with_a_canonical_address_have_it() -> None:
    sources = load_guide().sources
    for source in sources.values():
        assert source.url == "" or re.match(r"https?://", source.url), source.id
        arxiv = re.search(r"arXiv:(\d{4}\.\d{4,5})", source.title)
        if arxiv:
            assert source.url == f"https://arxiv.org/abs/{arxiv.group(1)}", source.id
        if "deepseek-ai/" in source.title or "Nature" in source.title:
            assert source.url, source.id
    without = sorted(s.id for s in sources.values() if not s.url)
    assert len(without) <= 4, without  # 15 of 31 had none before the review; these have no stable address


def test_german_claims_keep_one_mood_and_german_possessives() -> None:
    """The German restatements go into "ask the model": indicative throughout, so the mood never hints at
    the verdict; and German genitives for model names ("von R1", not "R1s")."""
    guide = load_guide()
    subjunctive = re.compile(
        r"\b(sei|seien|habe|hätten|könne|besitze|beruhe|koste|biete|wolle|plane|erreiche)\b")
    for claim in guide.claims():
        assert not subjunctive.search(claim.claim["de"]), claim.claim["de"]
    english_style = re.compile(r"\b(R1s|V3s|o1s|Denkspurs|Distillat\w*)\b")
    texts = [c.claim["de"] + c.explanation["de"] for c in guide.claims()]
    texts += [a.summary["de"] + a.reading_notes["de"] for a in guide.articles]
    texts += [t.definition["de"] for t in guide.glossary] + [guide.tie_in["de"]]
    texts += [c.best["de"] + c.topic["de"] for c in guide.comparisons]
    for text in texts:
        assert not english_style.search(text), english_style.search(text)


@needs_corpus
def test_glossary_terms_occur_in_the_articles() -> None:
    guide = load_guide()
    texts = load_texts(guide, CORPUS)
    required = {"chain-of-thought", "reinforcement-learning", "rlhf", "grpo", "moe", "active-parameters",
                "mtp", "fp8", "distillation", "h800-h100", "export-controls", "jevons"}
    assert required <= {t.id for t in guide.glossary}
    for term in guide.glossary:
        assert any(w in text for w in term.occurs_as for text in texts.values()), term.id


def _project_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    return [REPO / name for name in listed if name and (REPO / name).is_file()]


@needs_corpus
def test_no_run_of_13_words_from_any_article_appears_in_the_project() -> None:
    n = 13
    grams: set[tuple[str, ...]] = set()
    for path in CORPUS.glob("*.txt"):
        tokens = words(path.read_text(encoding="utf-8"))
        grams.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    offenders = []
    for path in _project_files():
        try:
            tokens = words(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue  # binary files (compiled translations, images)
        if any(tuple(tokens[i : i + n]) in grams for i in range(len(tokens) - n + 1)):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_guide_works_without_the_article_texts(tmp_path: Path) -> None:
    guide = load_guide()
    article = guide.articles[0]
    assert read_article(article, None).status == "missing"
    assert read_article(article, tmp_path).status == "missing"
    changed = tmp_path / article.file
    changed.write_text("a different text", encoding="utf-8")
    assert read_article(article, tmp_path).status == "changed"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "denkspur", "corpus", *args], capture_output=True,
                          text=True, check=False, timeout=60)


def test_cli_claims_json_shape() -> None:
    run = run_cli("claims", "--json")
    assert run.returncode == 0, run.stderr
    claims = json.loads(run.stdout)
    assert len(claims) >= 25
    for claim in claims:
        assert set(claim) == {"article", "anchor", "claim", "verdict", "explanation", "sources"}
        assert claim["verdict"] in VERDICTS
    one = json.loads(run_cli("claims", "--article", "004_66199b6648d51339", "--json", "--lang", "de").stdout)
    assert one and {c["article"] for c in one} == {"004_66199b6648d51339"}
    assert run_cli("claims", "--article", "nope").returncode == 1


def test_cli_text_output_in_german() -> None:
    listing = run_cli("list", "--lang", "de")
    assert listing.returncode == 0, listing.stderr
    assert "Behauptungen)" in listing.stdout and " claims)" not in listing.stdout
    claims = run_cli("claims", "--lang", "de")
    assert claims.returncode == 0, claims.stderr
    for label in ("[KORREKT]", "[IRREFÜHREND]", "[FALSCH]", "[NICHT ÜBERPRÜFBAR]"):
        assert label in claims.stdout
    assert "[CORRECT]" not in claims.stdout and "„" in claims.stdout
    english = run_cli("claims", "--article", "004_66199b6648d51339")
    assert "[CORRECT]" in english.stdout and "[KORREKT]" not in english.stdout
    assert " claims)" in run_cli("list").stdout


@needs_corpus
def test_cli_list_and_glossary() -> None:
    listing = json.loads(run_cli("list", "--json").stdout)
    assert [row["text"] for row in listing] == ["ok"] * 5
    glossary = json.loads(run_cli("glossary", "--json").stdout)
    assert all({"term", "definition", "occurs"} <= set(t) for t in glossary)
    assert any(o["as"] == "GRPO" for t in glossary for o in t["occurs"])


def test_the_environment_wins_over_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from denkspur.core.corpus.guide import corpus_folder

    monkeypatch.delenv("DENKSPUR_CORPUS", raising=False)
    assert corpus_folder(str(tmp_path / "chosen")) == tmp_path / "chosen"
    monkeypatch.setenv("DENKSPUR_CORPUS", str(tmp_path / "env"))
    assert corpus_folder(str(tmp_path / "chosen")) == tmp_path / "env"
    assert corpus_folder("") == tmp_path / "env"


def test_default_corpus_dir_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DENKSPUR_CORPUS", str(tmp_path))
    assert default_corpus_dir() == tmp_path


def test_odd_files_in_the_corpus_folder_read_as_missing(tmp_path: Path) -> None:
    """The corpus folder is the user's: a FIFO or /dev/zero under an article's name must not
    hang the reader or fill memory."""
    import os
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("POSIX FIFOs")
    first, second = load_guide().articles[:2]
    os.mkfifo(tmp_path / first.file)
    (tmp_path / second.file).symlink_to("/dev/zero")
    statuses: list[str] = []
    reader = threading.Thread(target=lambda: statuses.extend(
        read_article(article, tmp_path).status for article in (first, second)), daemon=True)
    reader.start()
    reader.join(60)  # a deadline for a hang, not a timing
    assert statuses == ["missing", "missing"]
