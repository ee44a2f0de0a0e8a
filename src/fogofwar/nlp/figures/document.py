"""What the figures rules share: a figure being read, and what they look at in one Doc.

A ``DraftFigure`` is filled in turn by the rule families (numbers, category, side, period); a
``DocIndex`` holds the Doc's matches, sentences and times, found once, with the lookups by
character or token range that every family asks."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from fogofwar.knowledge import FigureLexicon

LOOK_BACK = 50  # figures looked back over for a side or a period to carry
# Between two figures of one list: "12 Ukrainian tanks and 20 armoured personnel carriers".
LIST_GAP = re.compile(r"^[ \t]*(?:,|and|,[ \t]*and)[ \t]*$")

Sentence = tuple[int, int]  # (start_char, end_char), clipped around the figure
CueWord = tuple[int, int, str, str]  # (start_char, end_char, OUTCOME|HOSTILE|OWN, lower text)
SideMention = tuple[int, int, str, int, int]  # (start_char, end_char, ISO code, start_tok, end_tok)
Thing = tuple[int, int, str]  # (start_tok, end_tok, class)


@dataclass
class DraftFigure:
    """A figure while the rules read it: character offsets, value and what it counts."""

    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = "count"
    kind: str = "num"
    category: str = "other"
    cls: str | None = None  # the class of the counted thing, before the outcome word
    side: str | None = None
    period: dict[str, str | None] | None = None
    parent: int | None = None
    np_end: int = 0  # where the counted phrase ends (span end before trimming)
    extra: dict[str, Any] = field(default_factory=dict)

    def plain(self, text: str) -> dict[str, Any]:
        """The figure as the record's plain data (the fields of ``model.Figure``)."""
        return {
            "text": text[self.start : self.end],
            "start": self.start,
            "end": self.end,
            "value": int_or_float(self.value),
            "low": int_or_float(self.low),
            "high": int_or_float(self.high),
            "qualifier": self.qualifier,
            "category": self.category,
            "side": self.side,
            "period": self.period,
            "claim": None,
            "unit": self.unit,
            "parent": self.parent,
        }


def int_or_float(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if x == int(x) and abs(x) < 1e15 else x


class PhraseHits:
    """Where a pattern matches in a text, found in one pass, asked about by range."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.matches = list(pattern.finditer(text))
        self.starts = [m.start() for m in self.matches]

    def first(self, lo: int, hi: int) -> re.Match[str] | None:
        """The first match that starts within [lo, hi) and ends by hi."""
        k = bisect.bisect_left(self.starts, lo)
        if k < len(self.matches) and self.matches[k].start() < hi and self.matches[k].end() <= hi:
            return self.matches[k]
        return None


class FigureMatchers:
    """The lexicon's counted things, cue words (outcomes, verbs) and sides as PhraseMatchers."""

    def __init__(self, nlp: Language, lex: FigureLexicon) -> None:
        self.things = PhraseMatcher(nlp.vocab, attr="LOWER")
        for n, (form, _cls) in enumerate(sorted(lex.things.items())):
            self.things.add(f"T{n}", [nlp.make_doc(form)])
        self.thing_class = {f"T{n}": cls for n, (_, cls) in enumerate(sorted(lex.things.items()))}
        self.words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.words.add("OUTCOME", [nlp.make_doc(w) for w in sorted(lex.outcomes)])
        self.words.add("HOSTILE", [nlp.make_doc(w) for w in sorted(lex.hostile)])
        self.words.add("OWN", [nlp.make_doc(w) for w in sorted(lex.own)])
        self.sides = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in sorted(lex.sides):
            self.sides.add(lex.sides[form], [nlp.make_doc(form)])


# Kinds of resolved place precise enough to say where people were ("in Bamako"); a country's name
# is a side mention already, and a sea or a desert is no one's.
_PLACE_KINDS = ("populated_place", "admin2")


def _places(doc: Doc) -> list[tuple[int, int, str, int]]:
    """The places component's towns with their country, by start (none without that component)."""
    if not Doc.has_extension("places"):
        return []
    out = []
    for p in doc._.places or []:
        if not isinstance(p, dict) or p.get("kind") not in _PLACE_KINDS or not p.get("country_code"):
            continue
        start, end = p.get("start"), p.get("end")
        if isinstance(start, int) and isinstance(end, int):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                out.append((start, end, str(p["country_code"]), span.start))
    return sorted(out)


def phrase_matches(matcher: PhraseMatcher, doc: Doc, *, overlap: bool) -> list[tuple[str, Span]]:
    """(label, span) of every match, by start and the longest first at a start; without
    `overlap`, a match that starts inside the one kept before it is dropped."""
    strings = doc.vocab.strings
    kept: list[tuple[str, Span]] = []
    for key, start, end in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if not overlap and kept and start < kept[-1][1].end:
            continue
        kept.append((strings[key], doc[start:end]))
    return kept


@dataclass
class DocIndex:
    """Everything the rules look at in one Doc, computed once, each list sorted by start."""

    doc: Doc
    text: str
    things: list[Thing]
    things_char: list[tuple[int, int]]  # the things' character spans
    words: list[CueWord]
    sides: list[SideMention]
    sents: list[Sentence]
    hits: dict[str, PhraseHits]  # phrases looked for around many figures, by the rules' names
    times: list[dict[str, Any]]  # doc._.times, by start
    # Towns and regions the places component resolved: (start_char, end_char, ISO code, start_tok).
    places: list[tuple[int, int, str, int]] = field(default_factory=list)
    thing_starts: list[int] = field(init=False)
    thing_chars: list[int] = field(init=False)
    word_starts: list[int] = field(init=False)
    side_starts: list[int] = field(init=False)
    side_tokens: list[int] = field(init=False)
    sent_starts: list[int] = field(init=False)
    token_starts: list[int] = field(init=False)
    time_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.thing_starts = [t[0] for t in self.things]
        self.thing_chars = [s for s, _ in self.things_char]
        self.word_starts = [w[0] for w in self.words]
        self.side_starts = [m[0] for m in self.sides]
        self.side_tokens = [m[3] for m in self.sides]
        self.sent_starts = [s for s, _ in self.sents]
        self.token_starts = [t.idx for t in self.doc]
        self.time_starts = [int(t["start"]) for t in self.times]

    @classmethod
    def of(cls, doc: Doc, matchers: FigureMatchers, hit_patterns: dict[str, re.Pattern[str]]) -> DocIndex:
        # Things and sides: the longest match wins where two overlap ("main battle tank" over
        # "tank"). Words keep every match.
        things = [
            (span.start, span.end, matchers.thing_class[label])
            for label, span in phrase_matches(matchers.things, doc, overlap=False)
        ]
        sents = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
        times = sorted(
            (t for t in (doc._.times or []) if isinstance(t, dict) and isinstance(t.get("start"), int)),
            key=lambda t: int(t["start"]),
        )
        return cls(
            doc=doc,
            text=doc.text,
            things=things,
            things_char=[(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e, _ in things],
            words=[
                (span.start_char, span.end_char, label, span.text.lower())
                for label, span in phrase_matches(matchers.words, doc, overlap=True)
            ],
            sides=[
                (span.start_char, span.end_char, label, span.start, span.end)
                for label, span in phrase_matches(matchers.sides, doc, overlap=False)
            ],
            sents=sents or [(0, len(doc.text))],
            hits={name: PhraseHits(pattern, doc.text) for name, pattern in hit_patterns.items()},
            times=times,
            places=_places(doc),
        )

    def side_at(self, i: int) -> str | None:
        """The side named by the mention that covers token i, if any."""
        k = bisect.bisect_right(self.side_tokens, i) - 1
        if k >= 0 and self.sides[k][3] <= i < self.sides[k][4]:
            return self.sides[k][2]
        return None

    def sent_of(self, pos: int) -> Sentence:
        i = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sents[i]

    def prev_sent_start(self, sent: Sentence) -> int:
        i = bisect.bisect_right(self.sent_starts, sent[0]) - 1
        return self.sents[max(0, i - 1)][0]

    def token_at_or_after(self, pos: int) -> int:
        return bisect.bisect_left(self.token_starts, pos)

    def words_between(self, lo: int, hi: int) -> list[CueWord]:
        """The cue words (outcomes, verbs) that start within characters [lo, hi)."""
        return self.words[bisect.bisect_left(self.word_starts, lo) : bisect.bisect_left(self.word_starts, hi)]

    def sides_between(self, lo: int, hi: int) -> list[SideMention]:
        """The side mentions that start within characters [lo, hi)."""
        return self.sides[bisect.bisect_left(self.side_starts, lo) : bisect.bisect_left(self.side_starts, hi)]

    def things_between(self, i: int, j: int) -> list[Thing]:
        """The counted things that start within tokens [i, j)."""
        return self.things[
            bisect.bisect_left(self.thing_starts, i) : bisect.bisect_left(self.thing_starts, j)
        ]

    def times_between(self, lo: int, hi: int) -> list[dict[str, Any]]:
        """The times (doc._.times) that start within characters [lo, hi)."""
        return self.times[bisect.bisect_left(self.time_starts, lo) : bisect.bisect_left(self.time_starts, hi)]

    def inside_thing(self, pos: int) -> bool:
        """Whether character `pos` is inside a counted thing's name (the 2 of "Leopard 2")."""
        k = bisect.bisect_right(self.thing_chars, pos) - 1
        return k >= 0 and self.things_char[k][0] < pos < self.things_char[k][1]

    def cue_at(self, i: int) -> bool:
        """Whether token i starts a cue word ("2,700 wounded", "another 8 hit")."""
        if i >= len(self.doc):
            return False
        pos = self.doc[i].idx
        k = bisect.bisect_left(self.word_starts, pos)
        return k < len(self.words) and self.words[k][0] == pos

    def outcome_in(self, i: int, j: int) -> bool:
        """Whether an outcome word starts within tokens [i, j) ("2,000 casualties")."""
        if i >= j or j > len(self.doc):
            return False
        lo, hi = self.doc[i].idx, self.doc[j - 1].idx + 1
        return any(label == "OUTCOME" for _s, _e, label, _ in self.words_between(lo, hi))

    def noun_follows(self, end: int) -> bool:
        i = self.token_at_or_after(end)
        return i < len(self.doc) and self.doc[i].pos_ in ("NOUN", "PROPN") and self.doc[i].idx - end <= 2
