"""Features of a trace sentence for its reasoning function.

Hand-written cue families (English and German) carry most of the signal and let
the model work on German traces it never saw in training: "Wait," and "Moment,"
fire the same ``cue:doubt`` feature. Word features (first words, a bag of words)
add what the cues miss in English. Context is the previous sentence's function
and cues, the sentence's place in the trace and whether it opens a paragraph.

Everything here is pure Python over one sentence: a few dozen regex searches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _cue(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Cues at the start of the sentence (after list bullets / emphasis). Each family
# names one kind of discourse move; English first, then German.
_OPENING_CUES: dict[str, re.Pattern[str]] = {
    "doubt": _cue(
        r"(?:but |oh |no,? )?wait\b",
        r"hmm+\b",
        r"hm\b",
        r"hold on",
        r"actually\b",
        r"oops",
        r"uh\b",
        r"on second thought",
        r"no,? that",
        r"that can'?t be",
        r"that doesn'?t",
        r"is that right",
        r"(?:aber )?warte\b",
        r"moment\b",
        r"halt\b",
        r"nein,? (?:das|warte)",
        r"stopp\b",
        r"ähm",
        r"das (?:kann|stimmt) (?:nicht|doch nicht)",
    ),
    # Contrast opens a sentence that takes back or qualifies what came before
    # (R1 writes "But that would mean …" where it doubts a step without "Wait").
    "contrast": _cue(
        r"but\b",
        r"however\b",
        r"though\b",
        r"yet\b",
        r"aber\b",
        r"jedoch\b",
        r"allerdings\b",
        r"doch\b",
    ),
    "alternative": _cue(
        r"alternatively",
        r"another (?:approach|way|method)",
        r"or maybe",
        r"maybe (?:i|we) should",
        r"perhaps (?:i|we) should",
        r"let me (?:try|think) (?:another|a different|again)",
        r"alternativ",
        r"ein anderer (?:ansatz|weg)",
        r"oder vielleicht",
        r"vielleicht sollte",
    ),
    # Backtracking: going back to an earlier point or starting over.
    "backtrack": _cue(
        r"let me (?:go back|start over|reconsider|re-?read|re-?examine|re-?think|think again)",
        r"let me try (?:again|a different|another)",
        r"going back",
        r"back to\b",
        r"instead\b",
        r"zurück zu",
        r"noch ?(?:ein)?mal von vorn",
        r"stattdessen",
        r"lass(?:t)? (?:mich|uns) (?:das )?(?:noch ?(?:ein)?mal|neu)",
    ),
    "check": _cue(
        r"let me (?:just )?(?:check|verify|double[- ]?check|confirm|recheck|re-check|make sure|test|see if)",
        r"let'?s (?:check|verify|double[- ]?check|confirm)",
        r"to (?:verify|check|confirm|double[- ]?check)",
        r"double[- ]?checking",
        r"checking",
        r"verif(?:y|ying)",
        r"check(?:ing)?:",
        r"sanity check",
        r"(?:i|we) (?:should|can|need to) (?:check|verify|double[- ]?check|confirm)",
        r"ich (?:prüfe|überprüfe|kontrolliere)",
        r"(?:über)?prüfen wir",
        r"kontrollieren wir",
        r"zur (?:kontrolle|probe|sicherheit)",
        r"probe:",
        r"stimmt das",
        # redoing a computation to verify it
        r"let me (?:re)?(?:compute|calculate|count|do|add|verify|check) (?:\S+ )?(?:again|once more)",
        r"recalculat",
        r"recount",
        r"another way to (?:check|verify|see|confirm)",
        r"cross-check",
        r"(?:just )?to (?:be sure|make sure)",
        r"nachrechnen",
        r"rechnen wir nach",
        r"gegenprobe",
        r"um sicherzugehen",
    ),
    "affirm": _cue(
        r"yes\b",
        r"yep\b",
        r"yeah\b",
        r"correct\b",
        r"right\b",
        r"that (?:checks out|matches|makes sense)",
        r"that'?s (?:correct|right)",
        r"okay,? (?:that|so that)",
        r"good\b",
        r"great\b",
        r"perfect\b",
        r"ja\b",
        r"richtig\b",
        r"stimmt\b",
        r"genau\b",
        r"passt\b",
        r"gut\b",
    ),
    "conclude": _cue(
        r"so,? (?:the|that|this|it|in total|overall|altogether)\b",
        r"therefore",
        r"thus",
        r"hence",
        r"in (?:conclusion|summary|total)",
        r"to (?:summarize|sum up)",
        r"putting (?:it|this) (?:all )?together",
        r"overall",
        r"that means",
        r"which means",
        r"so\b",
        r"also\b",
        r"somit",
        r"folglich",
        r"daher",
        r"insgesamt",
        r"zusammen(?:gefasst|fassend)",
        r"damit\b",
        r"das (?:heißt|bedeutet)",
    ),
    "final": _cue(
        r"(?:\*\*)?final answer",
        r"so,? the (?:final )?answer",
        r"the (?:final )?answer (?:is|should be|would be)",
        r"therefore,? the (?:final )?answer",
        r"thus,? the (?:final )?answer",
        r"(?:also|somit|damit) (?:ist|lautet) die (?:endgültige )?antwort",
        r"die (?:endgültige )?antwort (?:ist|lautet)",
        r"(?:\*\*)?(?:endgültige )?antwort\b",
    ),
    "plan": _cue(
        r"first,",
        r"first\b",
        r"next,",
        r"then,",
        r"now,",
        r"now\b",
        r"so,? (?:i|we) need to",
        r"i need to",
        r"(?:i|we) (?:should|can|could|will|might|must|have to|want to)",
        r"let me",
        r"let'?s",
        r"maybe",
        r"perhaps",
        r"step \d",
        r"my (?:plan|approach|goal)",
        r"the (?:plan|approach|strategy|idea)",
        r"okay,? (?:so )?(?:let|i|now)",
        r"to (?:find|solve|compute|calculate|get|figure)",
        r"zuerst",
        r"erstens",
        r"als nächstes",
        r"dann\b",
        r"jetzt\b",
        r"nun\b",
        r"ich (?:muss|sollte|will|werde|kann)",
        r"lass(?:t)? (?:mich|uns)",
        r"wir (?:müssen|sollten|können)",
        r"um .* zu",
        r"schritt \d",
    ),
    "fact": _cue(
        r"i (?:remember|recall|know)",
        r"(?:i think )?the formula",
        r"recall that",
        r"remember that",
        r"(?:it'?s|it is) (?:known|a known)",
        r"by definition",
        r"the (?:definition|rule|theorem|identity)",
        r"in general",
        r"(?:since|because)\b",
        r"because\b",
        r"a (?:number|prime|circle|polynomial) ",
        r"ich (?:erinnere mich|weiß)",
        r"die formel",
        r"bekanntlich",
        r"nach definition",
        r"der satz",
        r"weil\b",
        r"da\b",
        r"denn\b",
        r"im allgemeinen",
        r"allgemein gilt",
    ),
    "setup": _cue(
        r"okay,? so (?:i|we) (?:have|need|'?ve got|am|are)",
        r"alright,? so",
        r"(?:the|this) problem",
        r"the question",
        r"we (?:are|'re) (?:given|asked)",
        r"(?:i'?m|i am) (?:given|asked|supposed)",
        r"given\b",
        r"the (?:task|goal) is",
        r"(?:die|diese) (?:aufgabe|frage)",
        r"gegeben (?:ist|sind)",
        r"gesucht (?:ist|wird)",
        r"wir sollen",
        r"okay,? (?:ich|wir) (?:habe|haben|soll|sollen)",
    ),
    "compute": _cue(
        r"(?:let me )?(?:calculat|comput|simplif|multiply|divid|add|subtract|plug|substitut|expand|solv)\w*",
        r"(?:so|then),? \S+ ?=",
        r"[\d(\\$]",
        r"that gives",
        r"which gives",
        r"we get",
        r"gives\b",
        r"(?:ich )?(?:berechne|rechne|vereinfache|multipliziere|dividiere|addiere|setze)\w*",
        r"das ergibt",
        r"ergibt\b",
        r"wir erhalten",
    ),
}

# Cues anywhere in the sentence.
_ANYWHERE_CUES: dict[str, re.Pattern[str]] = {
    "boxed": re.compile(r"\\boxed|\\fbox"),
    "answer_word": _cue(r"\banswer\b", r"\bantwort\b", r"\bergebnis\b", r"\bresult\b"),
    "doubt_any": _cue(
        r"\bwait\b",
        r"\bhmm",
        r"\bmistake\b",
        r"\bwrong\b",
        r"\bconfus",
        r"\bnot sure\b",
        r"\bunsure\b",
        r"\bdoesn'?t (?:make sense|seem right|match|add up)",
        r"\bmiss(?:ed|ing)\b",
        r"\bincorrect\b",
        r"\bmaybe i\b",
        r"\bdid i\b",
        r"\bi think\b",
        r"\bseems? (?:off|odd|high|low|too|like)",
        r"\bfalsch\b",
        r"\bfehler\b",
        r"\bunsicher\b",
        r"\bverwirr",
        r"\bstimmt (?:doch )?nicht\b",
        r"\bhabe ich\b",
        r"\bich glaube\b",
        r"\bvielleicht\b",
        r"\bkomisch\b",
    ),
    "check_any": _cue(
        r"\bcheck",
        r"\bverif",
        r"\bconfirm",
        r"\bcorrect\b",
        r"\bconsistent\b",
        r"\bmatches\b",
        r"\bsame (?:result|answer)\b",
        r"\bmakes sense\b",
        r"\bchecks out\b",
        r"\bagain\b",
        r"\bsanity\b",
        r"\bprüf",
        r"\bkontroll",
        r"\bstimmt\b(?! (?:doch |also |hier )?nicht)",
        r"\bpasst\b",
        r"\bbestätig",
        r"\bnochmal\b",
        r"\berneut\b",
    ),
    "question": re.compile(r"\?\s*\W*$"),
    "question_any": re.compile(r"\?"),
    "right_tag": _cue(r",? right\?", r",? correct\?", r",? oder\?", r",? richtig\?", r",? stimmt'?s\?"),
    "formula_words": _cue(
        r"\bformula\b",
        r"\btheorem\b",
        r"\bdefinition\b",
        r"\bidentity\b",
        r"\brule\b",
        r"\bproperty\b",
        r"\bformel\b",
        r"\bsatz\b",
        r"\bregel\b",
        r"\beigenschaft\b",
        r"\bdefiniert\b",
    ),
    "problem_words": _cue(
        r"\bthe problem\b",
        r"\bthe question\b",
        r"\basks?\b",
        r"\basking\b",
        r"\bgiven\b",
        r"\bfind\b",
        r"\baufgabe\b",
        r"\bfrage\b",
        r"\bgesucht\b",
        r"\bgegeben\b",
        r"\bfragt\b",
    ),
    "plan_words": _cue(
        r"\bneed to\b",
        r"\bshould\b",
        r"\bapproach\b",
        r"\bstrategy\b",
        r"\bstep by step\b",
        r"\bfigure out\b",
        r"\btry\b",
        r"\bmuss\b",
        r"\bsollte\b",
        r"\bansatz\b",
        r"\bschritt für schritt\b",
        r"\bversuche\b",
    ),
    "total": _cue(r"\btotal\b", r"\boverall\b", r"\baltogether\b", r"\binsgesamt\b", r"\bzusammen\b"),
    "approx": re.compile(r"≈|\\approx|approximately|ungefähr|etwa\b"),
    "ellipsis": re.compile(r"\.\.\.|…"),
    "recall_earlier": _cue(
        r"\bindeed\b",
        r"\bas (?:i )?(?:calculated|computed|found|said|before|earlier)",
        r"\bearlier\b",
        r"\balready\b",
        r"\bstill\b",
        r"\btatsächlich\b",
        r"\bwie (?:oben|vorher|berechnet)",
        r"\bbereits\b",
        r"\bschon\b",
    ),
    "confident": _cue(
        r"\bconfident\b",
        r"\bmakes sense\b",
        r"\bseems (?:right|correct|plausible|reasonable)",
        r"\bgot it\b",
        r"\bi think (?:that'?s|this is|it'?s) (?:it|right|correct)",
        r"\bsicher\b",
        r"\bergibt sinn\b",
        r"\bscheint (?:richtig|plausibel)",
    ),
    # Hedging and trouble: the doubt and confusion of uncertainty_management.
    "hedge": _cue(
        r"\bseems?\b",
        r"\bmight\b",
        r"\bprobably\b",
        r"\bi guess\b",
        r"\bunlikely\b",
        r"\bperhaps\b",
        r"\bmaybe\b",
        r"\bscheint\b",
        r"\bwahrscheinlich\b",
        r"\bvermutlich\b",
        r"\bvielleicht\b",
        r"\bwohl\b",
    ),
    "trouble": _cue(
        r"\bwrong\b",
        r"\bmistake",
        r"\berror\b",
        r"\bincorrect\b",
        r"\bfalsch\b",
        r"\bfehler",
        r"\bcomplicat",
        r"\bconfus",
        r"\btrick(?:y|ier)\b",
        r"\bovercomplicat",
        r"\bovercount",
        r"\bmisinterpret",
        r"\bmisread",
        r"\bmiscalculat",
        r"\bcan'?t be\b",
        r"\bcannot be\b",
        r"\bnot (?:right|correct|possible)\b",
        r"\bimpossible\b",
        r"\bcontradict",
        r"\bdoesn'?t (?:make sense|seem|add up|match|work)",
        r"\bthat'?s not\b",
        r"\bnot sure\b",
        r"\bkompliziert",
        r"\bverwirr",
        r"\bunmöglich",
        r"\bwiderspr",
        r"\bpasst nicht\b",
        r"\bkann nicht sein\b",
        r"\bergibt keinen sinn\b",
        r"\bverrechnet\b",
        r"\bfalsch verstanden\b",
        r"\bnicht sicher\b",
    ),
    # A question the model asks itself about its own reasoning ("Does that mean …?").
    "self_question": _cue(
        r"\b(?:does|did|do|is|am|are|should|could|would|can|was) (?:that|this|it|i|we|there)\b[^.?!]*\?",
        r"\b(?:heißt|bedeutet|ist|habe|muss|soll|kann) (?:das|ich|es|man)\b[^.?!]*\?",
    ),
    # Agreement of two results: the outcome of a check.
    "agree": _cue(
        r"\bsame (?:answer|result|as before|value)",
        r"\bagrees?\b",
        r"\bboth (?:methods|approaches|ways)\b",
        r"\bgleiche(?:s|n)? ergebnis",
        r"\bübereinstimm",
        r"\bbeide (?:wege|methoden|ansätze)",
        r"\bbestätigt",
    ),
    # Putting partial results together.
    "sum_up": _cue(
        r"\badding (?:them|these|those|up|all)",
        r"\bin total\b",
        r"\bcombin",
        r"\bputting (?:it|this|these|them)",
        r"\bsumming\b",
        r"\btotal of\b",
        r"\bzusammen(?:genommen|gerechnet)\b",
        r"\baddiert\b",
    ),
    "think_again": _cue(
        r"\bthink (?:again|differently|about (?:it|this) (?:again|differently))",
        r"\breconsider",
        r"\bre-?examine",
        r"\bapproach (?:this|it) differently",
        r"\bnochmal (?:nach)?denken",
        r"\büberdenken",
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?", re.UNICODE)
_OPENING_JUNK = re.compile(r"^[\s*_#>\-•]*(?:\d{1,2}[.)]\s+)?(?:\*\*)?")
_DIGIT = re.compile(r"\d")
_OPERATOR = re.compile(r"[=+\-*/^×÷<>≤≥≈]|\\(?:times|cdot|frac|div|sqrt|binom|dbinom|sum|prod)")
_EQUALS = re.compile(r"=|\\approx|≈")
_LATEX = re.compile(r"\\[a-zA-Z]+|\\[(\[]|\$")


@dataclass(frozen=True)
class SentenceContext:
    """What the model may know about a sentence besides its own text."""

    index: int  # position in the trace (0 = first sentence)
    opens_paragraph: bool
    previous_function: str | None
    previous_text: str | None
    history: tuple[str, ...] = ()  # from :class:`TraceHistory`


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRACKED_CUES = ("check", "doubt", "final", "conclude", "alternative", "plan", "fact")


class TraceHistory:
    """Features from the text before a sentence (never from predicted functions).

    How many sentences ago each cue family last opened a sentence, which cues
    opened the current paragraph, and whether the sentence's numbers are new to
    the trace (a result restated vs. computed). Text-only, so training and live
    decoding see the same values.
    """

    def __init__(self) -> None:
        self._since: dict[str, int] = {}
        self._paragraph_cues: list[str] = []
        self._numbers: set[str] = set()
        self._in_paragraph = 0

    def features(self, text: str, opens_paragraph: bool) -> tuple[str, ...]:
        feats = [f"since_{cue}:{_bin(n, (0, 1, 2, 4, 8))}" for cue, n in self._since.items()]
        if not opens_paragraph:
            feats.extend(f"pcue_para:{cue}" for cue in self._paragraph_cues)
            feats.append(f"in_para:{_bin(self._in_paragraph, (0, 1, 3, 6))}")
        numbers = set(_NUMBER.findall(text))
        if numbers:
            new = len(numbers - self._numbers)
            feats.append("nums:new" if new == len(numbers) else ("nums:old" if new == 0 else "nums:some"))
        return tuple(feats)

    def update(self, text: str, opens_paragraph: bool) -> None:
        cues = opening_cues(text)
        for cue in self._since:
            self._since[cue] += 1
        for cue in cues:
            if cue in _TRACKED_CUES:
                self._since[cue] = 0
        if opens_paragraph:
            self._paragraph_cues = cues
            self._in_paragraph = 0
        else:
            self._in_paragraph += 1
        self._numbers.update(_NUMBER.findall(text))


def _bin(value: float, edges: tuple[float, ...]) -> int:
    return sum(value > edge for edge in edges)


def opening_cues(text: str) -> list[str]:
    """Cue families that open ``text`` (after bullets and emphasis)."""
    head = _OPENING_JUNK.sub("", text, count=1)[:80]
    return [name for name, pattern in _OPENING_CUES.items() if pattern.match(head)]


def text_features(text: str) -> list[str]:
    """Features of the sentence's own text."""
    feats = [f"cue:{name}" for name in opening_cues(text)]
    feats.extend(f"any:{name}" for name, pattern in _ANYWHERE_CUES.items() if pattern.search(text))
    words = [w.lower() for w in _WORD.findall(text)]
    head = [w.lower() for w in _WORD.findall(_OPENING_JUNK.sub("", text, count=1)[:60])][:3]
    if head:
        feats.append(f"w1:{head[0]}")
    if len(head) > 1:
        feats.append(f"w2:{head[0]}_{head[1]}")
    if len(head) > 2:
        feats.append(f"w3:{head[0]}_{head[1]}_{head[2]}")
    feats.extend(f"w:{w}" for w in set(words))
    length = max(len(text), 1)
    digits = len(_DIGIT.findall(text)) / length
    operators = len(_OPERATOR.findall(text))
    equals = len(_EQUALS.findall(text))
    feats.append(f"digits:{_bin(digits, (0.0, 0.05, 0.15, 0.3))}")
    feats.append(f"ops:{_bin(operators, (0, 1, 3, 6))}")
    feats.append(f"eq:{_bin(equals, (0, 1, 2))}")
    feats.append(f"words:{_bin(len(words), (3, 6, 12, 25))}")
    feats.append(f"latex:{_bin(len(_LATEX.findall(text)), (0, 2, 6))}")
    last = text.rstrip("*_ )\\]$").rstrip()[-1:]
    feats.append(f"ends:{last if last in '.?!:' else ('d' if last.isdigit() else 'o')}")
    if "\n" in text:
        feats.append("multiline")
    if re.search(
        r"\b(?:is|are|be|was|equals|ist|sind|beträgt|gleich)\s+\S*\d[\d.,/%]*\s*\S{0,4}$", text.rstrip(". ")
    ):
        feats.append("states_value")
    return feats


def context_features(context: SentenceContext, previous_cues: list[str]) -> list[str]:
    """Features of the sentence's place in the trace."""
    feats = [f"pos:{_bin(context.index, (0, 1, 2, 4, 8, 16, 40, 100))}"]
    if context.opens_paragraph:
        feats.append("para")
    previous = context.previous_function or "START"
    feats.append(f"prev:{previous}")
    feats.extend(f"pcue:{name}" for name in previous_cues)
    if context.previous_text is not None and context.previous_text.rstrip().endswith(":"):
        feats.append("prev_colon")
    feats.extend(context.history)
    if "states_value" in feats:  # "So, X is 6." restating a result vs. stating a new one
        feats.extend(f"states_value&{h}" for h in context.history if h.startswith("nums:"))
    return feats


def sentence_features(text: str, context: SentenceContext) -> list[str]:
    """All features (names; each present feature has value 1)."""
    previous_cues = opening_cues(context.previous_text) if context.previous_text else []
    feats = text_features(text)
    feats.extend(context_features(context, previous_cues))
    # A few conjunctions the linear model cannot form itself.
    cues = {f for f in feats if f.startswith("cue:")}
    previous = context.previous_function or "START"
    feats.extend(f"{cue}&prev:{previous}" for cue in cues)
    if context.opens_paragraph:
        feats.extend(f"{cue}&para" for cue in cues)
    feats.append("bias")
    return feats
