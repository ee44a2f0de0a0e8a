"""Whether a claim is a forecast, and its window: from the article's publication to the
deadline a time expression inside the content sets ("by spring 2025", "before winter",
"within two years", "later today"). Date arithmetic is :mod:`fogofwar.timecode`'s."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from fogofwar.nlp.claims.candidate import Candidate
from fogofwar.nlp.claims.lexicon import ClaimWords
from fogofwar.nlp.doctext import doc_text
from fogofwar.timecode import add, parse_day, season_start

_DURATION = re.compile(r"^P(\d+)([YMWD])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_END_OF = re.compile(r"^(?:the\s+)?end\s+of\b", re.I)


@lru_cache(maxsize=8)
def _same_day(pattern: str) -> re.Pattern[str]:
    """Content whose window closes on the day of publication: "later today", "tonight"."""
    return re.compile(pattern, re.I)


@lru_cache(maxsize=8)
def _deadline_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """The word that ends the text before a time expression and makes it a deadline ("by")."""
    return re.compile("(" + "|".join(re.escape(w) for w in words) + r")\s*$")


def forecast_of(words: ClaimWords, doc: Doc, cand: Candidate) -> dict[str, Any] | None:
    """The forecast window {begin, end} of a claim about the future, else None."""
    start, end = cand.content
    content = doc[start:end]
    cue_lemma = doc[cand.cue[0]].lemma_.lower()
    if cue_lemma not in words.future_cues and not is_future(words, content):
        return None
    published = doc._.published
    begin = published if isinstance(published, str) else None
    window_end = None
    for time in doc._.times or []:
        if not (content.start_char <= time["start"] and time["end"] <= content.end_char):
            continue
        if _in_condition(words, doc, content, time):
            continue  # "If talks fail by March, Russia could attack before winter": the main clause's
        window_end = _deadline(words, doc_text(doc), time, begin)
        if window_end:
            break
    if window_end is None and begin and _same_day(words.same_day).search(content.text):
        window_end = begin
    return {"begin": begin, "end": window_end}


def _in_condition(words: ClaimWords, doc: Doc, content: Span, time: dict[str, Any]) -> bool:
    """Whether a time expression lies in a condition of the content ("if ... by the end of
    March", "unless ..."): a clause hung on the main verb as advcl, marked by a condition word
    ("before the rainy season ends in October" is a deadline, not a condition)."""
    span = doc.char_span(time["start"], time["end"], alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    # Compare indexes: spaCy makes a new Token object on each access, so `tok.head is not tok`
    # held at the root too and the walk never ended on a content that holds its sentence's root.
    while tok.head.i != tok.i and content.start <= tok.head.i < content.end:
        if tok.dep_ == "advcl":
            marks = [c for c in tok.children if c.dep_ == "mark"]
            if tok.left_edge.dep_ == "mark":
                marks.append(tok.left_edge)
            if any(m.lower_ in words.condition_marks for m in marks):
                return True
        tok = tok.head
    return False


def is_future(words: ClaimWords, content: Span) -> bool:
    """A modal of the future before a verb (not a perfect "may have been"), or a going-to /
    expected-to construction."""
    doc = content.doc
    for tok in content:
        lower = tok.lower_
        if tok.tag_ == "MD" and lower in words.future_modals:
            nxt = tok.nbor(1) if tok.i + 1 < len(doc) else None
            while nxt is not None and nxt.dep_ in ("neg", "advmod") and nxt.i + 1 < len(doc):
                nxt = nxt.nbor(1)
            if nxt is not None and nxt.lower_ == "have":
                continue  # "may have been killed": a guess about the past
            if nxt is not None and nxt.lemma_.lower() in words.stative_verbs:
                continue  # "could amount to war crimes": a judgement of what is, not a prediction
            return True
        if lower in words.future_heads and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to":
            after = tok.nbor(2) if tok.i + 2 < len(doc) else None
            if after is not None and after.tag_ == "VB" and after.lower_ != "have":
                return True
    return False


def _deadline(words: ClaimWords, text: str, time: dict[str, Any], published: str | None) -> str | None:
    """The last day of a forecast's window from a time expression in its content, or None."""
    before = text[max(0, time["start"] - 24) : time["start"]].lower()
    word = _deadline_word(words.deadline_words).search(before)
    rng = time.get("range") or {}
    if word and word.group(1) == "within":
        m = _DURATION.match(str(time.get("value") or ""))
        if m and published:
            return _add_to_day(published, int(m.group(1)), m.group(2))
        return None
    if word and word.group(1) == "before" and _END_OF.match(str(time.get("text") or "")):
        word = None  # "before the end of the month": the month's end, as "by the end of"
    if word and word.group(1) == "before" and rng.get("begin"):
        return _day_before(time, str(rng["begin"]), published)
    end = rng.get("end")
    if not end or time.get("kind") in ("duration", "set"):
        return None
    if published and str(end) < published:
        if re.search(r"\d{4}", str(time.get("text") or "")):
            return None  # a year the text gives is not moved
        return _next_year_month(str(time.get("value") or ""), published)
    return str(end)[:10]


def _day_before(time: dict[str, Any], begin: str, published: str | None) -> str | None:
    """ "before winter": the day before the season starts (the times component may clip a
    season's range at the publication date, so the season is read from its value)."""
    season = _SEASON.match(str(time.get("value") or ""))
    first = season_start(int(season.group(1)), season.group(2)) if season else parse_day(begin)
    if season and first is not None and published and first.isoformat() <= published:
        # "before winter" said in February: the winter that has begun is not the deadline,
        # the next one is.
        first = season_start(int(season.group(1)) + 1, season.group(2))
    return None if first is None else (first - dt.timedelta(days=1)).isoformat()


def _next_year_month(value: str, published: str) -> str | None:
    """ "by December" said in March 2025: a bare month already past is next year's (the times
    component resolves a bare month to the nearest one, which may lie behind)."""
    m = _MONTH.match(value)
    if m is None:
        return None
    year, month = int(m.group(1)) + 1, int(m.group(2))
    last = dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    return last if last >= published else None


def _add_to_day(published: str, n: int, unit: str) -> str | None:
    day = parse_day(published)
    return None if day is None else add(day, n, unit).isoformat()
