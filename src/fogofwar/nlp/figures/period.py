"""Over what time a figure counts: its period, read from ``doc._.times`` (the times component),
never parsed here, or from when its war began ("since the invasion began")."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Token

from fogofwar.knowledge import FigureLexicon
from fogofwar.nlp.figures.document import LOOK_BACK, DocIndex, DraftFigure, Sentence
from fogofwar.nlp.figures.phrases import alternation
from fogofwar.nlp.figures.syntax import clause_verb, head_of, in_noun_clause, verb_of

Period = dict[str, str | None]


class PeriodRules:
    """Reads the days each figure covers (built once per component)."""

    def __init__(self, lex: FigureLexicon) -> None:
        self.lex = lex
        # A stock, not a flow: "are displaced", "now control", "still hold", "face famine".
        self.stock_after = re.compile(
            rf"^[ \t]+(?:in[ \t]+(?:the[ \t]+)?\w+[ \t]+)?(?:\w+[ \t]+)?{alternation(lex.stocks_after)}\b"
            rf"(?![ \t]+(?:\w+[ \t]+)?{alternation(lex.stocks_not_passive)})",
            re.I,
        )
        self.stock_before = re.compile(
            rf"\b{alternation(lex.stock_adverbs)}[ \t]+{alternation(lex.stock_verbs)}[ \t]+(?:\w+[ \t]+)?$",
            re.I,
        )
        self.speech_before = re.compile(
            rf"\b{alternation(lex.speech_time_verbs)}(?:[ \t]+\w+)?[ \t]+"
            rf"(?:{alternation(lex.speech_time_then)}[ \t]+)?$",
            re.I,
        )
        self.present = frozenset(w.lower() for w in lex.present_times)
        # Looked for around many figures: found once per Doc (DocIndex.hits).
        self.hit_patterns = {
            # "08:50 - ", "14:32 — ": a clock time and a dash open a live-blog entry.
            "entry": re.compile(
                rf"(?:^|(?<=[.!?\n])[ \t]*)\d{{1,2}}:\d{{2}}[ \t]*{alternation(lex.dateline_dashes)}[ \t]"
            ),
            # "KYIV, Feb 18 (Wire) - ": at the very start, the place and date of the dispatch.
            "dateline": re.compile(
                rf"^[ \t]*[A-Z][A-Z .'’-]{{1,40}},[^\n]{{1,60}}?[ \t]{alternation(lex.dateline_dashes)}[ \t]"
            ),
            "carry": re.compile(rf"\b{alternation(lex.carry_period, ' ')}\b", re.I),
            "clause": re.compile(rf";|\b{alternation(lex.clause_breaks)}\b", re.I),
            "war": re.compile(
                rf"\b(?:since[ \t]+the[ \t]+(?:{alternation(lex.war_starts)}[ \t]+of[ \t]+the[ \t]+)?"
                rf"(?:{alternation(lex.war_modifiers)}[ \t]+)?"
                rf"|(?:{alternation(lex.war_counts)}|\d+)[ \t]+years?[ \t]+into[ \t]+"
                r"(?:the[ \t]+|\w+['’]s[ \t]+)?)"
                rf"(?P<war>{alternation(lex.war_names)})\b",
                re.I,
            ),
        }

    def period(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Period | None:
        """The days the figure covers: its parent's; the previous figure's when the sentence says
        "in the same period"; none for a stock ("are displaced", "now control"); else the nearest
        time in the sentence that is not when someone spoke ("said on Tuesday"), or the war's
        start ("since the invasion began"); else the figure before's (the same attack, the same
        tally), as the reporting carries its anchor from sentence to sentence."""
        text = index.text
        if fig.parent is not None:
            return kept[fig.parent].period
        if index.hits["carry"].first(sent[0], sent[1]):
            for prev in reversed(kept[-LOOK_BACK:]):
                if prev.period:
                    return prev.period
        if self.stock_after.match(text[fig.np_end : fig.np_end + 50]) or self.stock_before.search(
            text[max(sent[0], fig.start - 25) : fig.start]
        ):
            return None
        best, clause_only = self.nearest_time(index, fig, sent)
        if best is not None and best[1] is None:
            return None  # "now", "currently": a stock of today
        war = index.hits["war"].first(sent[0], sent[1])
        if war is not None:
            began = self.war_began(index, fig, war.group("war"))
            if began is not None and (best is None or abs(war.start() - fig.end) < best[0]):
                return {"begin": began, "end": None}
        if best is not None and best[1] is not None:
            return {"begin": best[1].get("begin"), "end": best[1].get("end")}
        if clause_only or fig.category.startswith(("personnel.troops", "territory")):
            return None  # forces and ground held are stocks: only a time of their own dates them
        if kept and not index.hits["entry"].first(kept[-1].end, fig.start):
            return kept[-1].period
        return None  # a new live-blog entry ("08:50 - ...") is a new report: nothing carries

    def nearest_time(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence
    ) -> tuple[tuple[int, dict[str, Any] | None] | None, bool]:
        """The range of the time nearest the figure in its clause, with its distance (a time
        before the figure counts a little further; a range of None for "now"), and whether a time
        was passed over for lying beyond a clause break. Times of the dispatch's dateline, and
        times in a relative clause on some other noun ("under the law it activated in February"),
        date no figure."""
        text = index.text
        best: tuple[int, dict[str, Any] | None] | None = None
        clause_only = False
        dateline = index.hits["dateline"].first(0, 120)
        head = head_of(index.doc, fig.start, fig.np_end)
        verb = (verb_of(head)[0] or clause_verb(head)) if head is not None else None
        for t in index.times_between(sent[0], sent[1]):
            s, e = t.get("start"), t.get("end")
            rng = t.get("range")
            if not isinstance(s, int) or not isinstance(e, int) or not isinstance(rng, dict):
                continue
            if s < sent[0] or s >= sent[1] or not rng.get("begin"):
                continue
            if fig.start <= s < fig.end or self.speech_before.search(text[max(sent[0], s - 30) : s]):
                continue
            if (dateline is not None and s < dateline.end()) or (
                verb is not None and head is not None and self.in_noun_clause(index, s, e, verb, head)
            ):
                continue
            dist = s - fig.end if s >= fig.end else (fig.start - e) + 5
            if index.hits["clause"].first(min(e, fig.start), max(s, fig.end)):
                clause_only = True  # "X lost 16,000 since October, while Moscow said ... 1,500"
                continue
            if best is None or dist < best[0]:
                present = str(t.get("text", "")).lower() in self.present
                best = (dist, None if present else rng)
        return best, clause_only

    @staticmethod
    def in_noun_clause(index: DocIndex, s: int, e: int, verb: Token, head: Token) -> bool:
        tok = head_of(index.doc, s, e)
        return tok is not None and in_noun_clause(tok, verb, head)

    def war_began(self, index: DocIndex, fig: DraftFigure, word: str) -> str | None:
        """When the war named began: the figure's side's war, else the article's first sides'."""
        sides = [fig.side] if fig.side else []
        sides += [code for _s, _e, code, _ts, _te in index.sides[:LOOK_BACK]]
        word = " ".join(word.lower().split())
        for code in sides:
            war = self.lex.wars.get(code or "")
            if war is not None and (word in war[1] or word.split()[-1] in war[1]):
                return war[0]
        return None
