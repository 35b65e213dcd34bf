"""The corpus panel: the five DeepSeek-R1 articles, explained and checked.

Articles tab: list of articles; beside it the explanation (summary, reading
notes, claims) and, when the corpus folder is available, the article text with
every checked claim highlighted at its anchor in the colour of its verdict.
Clicking a claim (in the list or in the text) shows verdict, explanation and
sources; "Ask the model" sends the claim to the local model as a new chat.
Glossary, comparison and "In Denkspur" tabs complete it. The explanations and
the article texts are read in the background; ``loaded`` says they are shown.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from denkspur.core.corpus.guide import ArticleGuide, Claim, Corpus, CorpusGuide, load_corpus, locate
from denkspur.gui.background import BackgroundOp

VERDICT_COLORS = {"correct": "#c8f7c5", "misleading": "#fde3a7", "wrong": "#f5b7b1",
                  "unverifiable": "#d6dbdf"}
_ROLE = Qt.ItemDataRole.UserRole


def verdict_label(verdict: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "correct": QCoreApplication.translate("Verdict", "correct"),
        "misleading": QCoreApplication.translate("Verdict", "misleading"),
        "wrong": QCoreApplication.translate("Verdict", "wrong"),
        "unverifiable": QCoreApplication.translate("Verdict", "unverifiable"),
    }[verdict]


def ask_prompt(claim: Claim, language: str) -> str:
    """The question sent to the local model for "Ask the model"."""
    if language == "de":
        return (f"Ein Zeitungsartikel über DeepSeek-R1 (Januar 2025) behauptet: „{claim.claim['de']}“ "
                "Stimmt das? Prüfe die Behauptung Schritt für Schritt und antworte kurz auf Deutsch.")
    return (f"A news article about DeepSeek-R1 (January 2025) claims: \"{claim.claim['en']}\" "
            "Is that accurate? Check the claim step by step and answer briefly.")


class CorpusPanel(QWidget):
    ask_requested = Signal(str)  # the prompt for the local model
    loaded = Signal()  # the explanations (and the texts found) are on screen

    def __init__(self, corpus_dir: Path | None, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CorpusPanel")
        self.corpus: Corpus | None = None
        self.folder: Path | None = None
        self._loads = 0  # only the newest folder read is shown
        self.language = language
        self.article: ArticleGuide | None = None
        self.claim: Claim | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_articles(), "")
        self.glossary = QTextBrowser()
        self.glossary.setObjectName("corpusGlossary")
        self.glossary.setOpenExternalLinks(False)
        self.glossary.anchorClicked.connect(self._glossary_link)
        self.tabs.addTab(self.glossary, "")
        self.comparison = QTextBrowser()
        self.comparison.setObjectName("corpusComparison")
        self.tabs.addTab(self.comparison, "")
        self.tie_in = QTextBrowser()
        self.tie_in.setObjectName("corpusTieIn")
        self.tabs.addTab(self.tie_in, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        self.retranslate()
        self.set_folder(corpus_dir)

    def set_folder(self, corpus_dir: Path | None) -> None:
        """Read the explanations and the article texts in ``corpus_dir`` (again) in the background;
        ``loaded`` says they are on screen, the article shown stays."""
        self.folder = corpus_dir
        self._loads += 1
        number = self._loads
        BackgroundOp(self, op=lambda _job: load_corpus(corpus_dir),
                     success=lambda corpus: self._show_corpus(number, corpus), name="load-corpus").run()

    def _show_corpus(self, number: int, corpus: Corpus) -> None:
        if number != self._loads:
            return  # a newer folder is being read
        first = self.corpus is None
        self.corpus = corpus
        self.retranslate()  # also shows the selected article from the new folder
        if first:
            self.articles.setCurrentRow(0)
        self.loaded.emit()

    def _build_articles(self) -> QWidget:
        self.articles = QListWidget()
        self.articles.setObjectName("corpusArticles")
        self.articles.setWordWrap(True)
        self.articles.currentRowChanged.connect(self._select_article)
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("corpusExplanation")
        self.explanation.setOpenLinks(False)
        self.explanation.anchorClicked.connect(self._claim_link)
        self.text = QTextBrowser()
        self.text.setObjectName("corpusText")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._claim_link)
        self.detail = QLabel()
        self.detail.setObjectName("claimDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setOpenExternalLinks(False)
        self.detail.linkActivated.connect(_open_source)
        self.ask_button = QPushButton()
        self.ask_button.setObjectName("askModel")
        self.ask_button.setEnabled(False)
        self.ask_button.clicked.connect(self._ask)
        detail_row = QHBoxLayout()
        detail_row.addWidget(self.detail, 1)
        detail_row.addWidget(self.ask_button, 0, Qt.AlignmentFlag.AlignTop)
        reading = QSplitter(Qt.Orientation.Horizontal)
        reading.addWidget(self.explanation)
        reading.addWidget(self.text)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.articles)
        top.addWidget(reading)
        top.setSizes([200, 900])
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top, 1)
        layout.addLayout(detail_row)
        return page

    # -- language ------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.language = language if language in ("en", "de") else "en"
        self.retranslate()

    def retranslate(self) -> None:
        for index, name in enumerate((self.tr("Articles"), self.tr("Glossary"), self.tr("Comparison"),
                                      self.tr("In Denkspur"))):
            self.tabs.setTabText(index, name)
        self.ask_button.setText(self.tr("Ask the model"))
        self.ask_button.setToolTip(self.tr("Send this claim to the loaded model as a new chat"))
        if self.corpus is None:
            self.explanation.setPlainText(self.tr("Loading…"))
            return
        guide = self.corpus.guide
        row = max(0, self.articles.currentRow())
        self.articles.blockSignals(True)
        self.articles.clear()
        for article in guide.articles:
            item = QListWidgetItem(f"{article.title[self.language]}\n{article.date_range[self.language]}")
            item.setData(_ROLE, article.id)
            self.articles.addItem(item)
        self.articles.setCurrentRow(row)
        self.articles.blockSignals(False)
        self._select_article(row)
        self._fill_glossary(self.corpus)
        self._fill_comparison(guide)
        self.tie_in.setHtml(f"<p>{html.escape(guide.tie_in[self.language])}</p>")

    # -- articles --------------------------------------------------------------------------
    def _select_article(self, row: int) -> None:
        if self.corpus is None or not 0 <= row < len(self.corpus.guide.articles):
            return
        article = self.corpus.guide.articles[row]
        self.article = article
        lang = self.language
        claims = "".join(
            f'<li><a href="claim:{c.index}"><span style="background:{VERDICT_COLORS[c.verdict]}">'
            f"{html.escape(verdict_label(c.verdict))}</span></a> {html.escape(c.claim[lang])}</li>"
            for c in article.claims
        )
        keep_in_mind, checked = self.tr("Keep in mind"), self.tr("Claims checked")
        self.explanation.setHtml(
            f"<h3>{html.escape(article.title[lang])}</h3>"
            f"<p><i>{html.escape(article.kind[lang])} · {html.escape(article.date_range[lang])}</i></p>"
            f"<p>{html.escape(article.summary[lang])}</p>"
            f"<h4>{keep_in_mind}</h4><p>{html.escape(article.reading_notes[lang])}</p>"
            f"<h4>{checked}</h4><ul>{claims}</ul>"
        )
        self.text.setHtml(self._article_html(article))
        self.show_claim(None)

    def _article_html(self, article: ArticleGuide) -> str:
        assert self.corpus is not None  # articles are selectable only once it is loaded
        found = self.corpus.articles[article.id]
        if found.text is None:
            return "<p><i>" + self.tr(
                "The article text is not part of Denkspur. Choose the folder with the articles in "
                "Preferences (or set DENKSPUR_CORPUS) to read it here with the claims highlighted; "
                "the explanations stand on their own.") + "</i></p>"
        spans = []
        for claim in article.claims:
            span = locate(found.text, claim.anchor)
            if span is not None:
                spans.append((span[0], span[1], claim))
        spans.sort(key=lambda s: s[0])
        parts, position = [], 0
        for start, end, claim in spans:
            if start < position:
                continue  # overlapping anchors: the first one wins
            parts.append(html.escape(found.text[position:start]))
            parts.append(f'<a href="claim:{claim.index}" style="color:black; text-decoration:none">'
                         f'<span style="background:{VERDICT_COLORS[claim.verdict]}">'
                         f"{html.escape(found.text[start:end])}</span></a>")
            position = end
        parts.append(html.escape(found.text[position:]))
        warning = ""
        if found.status == "changed":
            warning = "<p style='color:#c0392b'><b>" + self.tr(
                "This article's text differs from the one the explanations were written for; "
                "claims whose phrase is missing are not highlighted.") + "</b></p>"
        body = "".join(parts).replace("\n", "<br>")
        return f"{warning}<div>{body}</div>"

    def _claim_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("claim:") and self.article is not None:
            index = int(text.split(":", 1)[1])
            self.show_claim(self.article.claims[index])

    def show_claim(self, claim: Claim | None) -> None:
        self.claim = claim
        self.ask_button.setEnabled(claim is not None)
        if claim is None:
            self.detail.setText(self.tr("Click a highlighted phrase or a claim to see the verdict."))
            return
        lang = self.language
        sources_label = self.tr("Sources")
        sources = " · ".join(
            f'<a href="{html.escape(s.url)}">{html.escape(s.title)}</a>' if s.url else html.escape(s.title)
            for s in claim.sources
        )
        self.detail.setText(
            f'<p><span style="background:{VERDICT_COLORS[claim.verdict]}"><b>'
            f"{html.escape(verdict_label(claim.verdict).upper())}</b></span> "
            f"„{html.escape(claim.anchor)}“</p><p><b>{html.escape(claim.claim[lang])}</b></p>"
            f"<p>{html.escape(claim.explanation[lang])}</p>"
            f"<p><small>{sources_label}: {sources}</small></p>"
        )

    def _ask(self) -> None:
        if self.claim is not None:
            self.ask_requested.emit(ask_prompt(self.claim, self.language))

    # -- glossary, comparison ----------------------------------------------------------
    def _fill_glossary(self, corpus: Corpus) -> None:
        from denkspur.core.corpus.guide import term_occurrences

        lang = self.language
        in_articles = self.tr("In the articles")
        entries = []
        texts = corpus.texts
        for term in corpus.guide.glossary:
            links = ", ".join(
                f'<a href="article:{o["article"]}">{html.escape(str(o["as"]))} ({o["count"]}×, '
                f'{corpus.guide.article(str(o["article"])).title[lang]})</a>'
                for o in term_occurrences(term, texts)
            )
            where = f"<br><small>{in_articles}: {links}</small>" if links else ""
            entries.append(f"<p><b>{html.escape(term.term[lang])}</b>: "
                           f"{html.escape(term.definition[lang])}{where}</p>")
        self.glossary.setHtml("".join(entries))

    def _glossary_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("article:") and self.corpus is not None:
            ids = [a.id for a in self.corpus.guide.articles]
            self.articles.setCurrentRow(ids.index(text.split(":", 1)[1]))
            self.tabs.setCurrentIndex(0)

    def _fill_comparison(self, guide: CorpusGuide) -> None:
        lang = self.language
        best = self.tr("Best supported")
        article_label, stated_label = self.tr("Article"), self.tr("Stated in the article")
        header = f"<tr><th>{article_label}</th><th>{stated_label}</th></tr>"
        blocks = []
        for comparison in guide.comparisons:
            rows = "".join(
                f"<tr><td>{html.escape(guide.article(f.article).title[lang])}</td>"
                f"<td>{html.escape(f.stated[lang])}</td></tr>" for f in comparison.figures
            )
            blocks.append(
                f"<h3>{html.escape(comparison.topic[lang])}</h3>"
                f"<table border='1' cellpadding='4' cellspacing='0'>{header}{rows}</table>"
                f"<p><b>{best}:</b> {html.escape(comparison.best[lang])}</p>"
            )
        self.comparison.setHtml("".join(blocks))


def _open_source(url: str) -> None:
    from denkspur.gui.message_card import open_safe_link

    open_safe_link(url)
