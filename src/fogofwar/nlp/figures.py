"""The `fogofwar_figures` component: every count of losses, forces and ground in an article.

Writes ``doc._.figures``: a list of dicts with the fields of :class:`fogofwar.model.Figure`
(plain data, see ``fogofwar.nlp``). A figure is a number with what it counts:

* **value** (``low``/``high`` for ranges and vague amounts): digits ("1,000+", "1.2 million",
  "$7 billion"), words ("twenty-five thousand", via text2num), vague amounts ("dozens of" = at
  least 24, "several hundred" = at least 300), fractions ("a third", "half of") and percents;
* **qualifier** from the words around it ("more than", "at least", "nearly", "up to", "about",
  "between 50 and 60");
* **category** (knowledge/figures.json): the counted noun or named system ("69 tanks", "three
  HIMARS") and, for people, an outcome word near it ("killed", "wounded", "displaced"), else
  ``other``;
* **side**: a side named in the counted phrase ("Russian drones"), else the sentence's subject
  side with the verb between ("Russia lost" -> RU, "Ukraine shot down" -> the other side), else
  what the article said last;
* **period**: read from ``doc._.times`` (the times component), never parsed here;
* **parent**: the figure a sub-count belongs to ("including three HIMARS", "76 of them").

Numbers that are not figures are skipped: dates, years, clock times, ordinals ("the 47th
Brigade"), designations ("Kh-22"), durations and ages. Prices, distances and populations stay,
with category ``other``, so that loss tables stay clean.

Number parsing is our own regex plus text2num for number words. quantulum3 was measured as the
parser and fell short on speed (12 s to load, about 130 ms per 1,000 characters, 7 s on 20,000
characters of digits and commas: the component would cost more than spaCy itself) and on war
reporting ("a dozen" is 1 dozen, not 12; it knows nothing of qualifiers or vague amounts);
number-parser handles words only, like text2num, and text2num is faster and stricter.
One regex pass finds the numbers; three PhraseMatchers (things, outcomes, sides and verbs) run
once per Doc; every look-around is a bounded slice, so nothing backtracks over the whole text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from text_to_num import text2num

from fogofwar.knowledge import FigureLexicon, figure_lexicon

_SMALL = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_W = rf"(?:{_SMALL}|{_SCALE_WORDS})"
# Words joined by spaces, hyphens or "and": "two hundred and fifty", "twenty-five thousand".
# Every repetition must start with a number word, so the regex cannot backtrack exponentially.
_WORDNUM = rf"\b(?:an?[ \t]+(?=(?:{_SCALE_WORDS})\b))?{_W}(?:(?:[ \t]+and[ \t]+|[ \t]+|-){_W})*\b"
_FRACTION_WORDS = "halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
# Digits: "1,200", "10 000" (a space between groups of three), "1.5", "-15", "4e14", "2.48×10−5".
_DIGNUM = (
    r"(?<![\w.,])(?<![A-Za-z]-)[-−]?"
    r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)"
    r"(?:\.\d+)?(?![\d])(?P<exp>[eE][-+−]?\d+\b|[ \t]?[×x][ \t]?10(?:\^|[-−]|\^[-−])?\d+\b|x2\^\d+\b)?"
)
_CORE = re.compile(
    # Not figures, matched so that their digits are not read as one.
    r"(?P<clock>\b\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?"
    r"|\b\d{1,2}(?:[.:]\d{2})?[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b))"
    r"|(?P<ordinal>\b\d+(?:st|nd|rd|th)\b)"
    r"|(?P<datenum>\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b)"
    r"|(?P<designation>\b[A-Za-z]{1,4}-?\d+[A-Za-z]*\b)"
    # Vague amounts: "dozens of", "tens of thousands", "several hundred", "a dozen".
    r"|(?P<vague>\b(?:(?:tens|hundreds)[ \t]+of[ \t]+)?(?:dozens|scores|hundreds|thousands|millions)\b)"
    r"|(?P<several>\b(?:several|a[ \t]+few|a[ \t]+couple[ \t]+of|an?|two|three|four|five|six)[ \t]+"
    r"(?:dozen|hundred|thousand|million)\b(?:[ \t]+(?:thousand|million))?(?![ \t]+and[ \t]+\w))"
    # Fractions: "half a million", "two thirds", "a quarter", "1/4", "2 1/2", "½".
    r"|(?P<halfscale>\bhalf[ \t]+an?[ \t]+(?:million|billion|dozen)\b)"
    rf"|(?P<fracw>\b(?:(?:an?|one|two|three|four|five|six|seven|eight|nine)[ \t-]+)(?:{_FRACTION_WORDS})\b"
    r"|\bhalf\b)"
    r"|(?P<frac>(?<![\w/])(?:\d+[ \t]+)?\d+/\d+(?![\w/])|\d*[½⅓⅔¼¾⅛⅕])"
    # Numbers: currency, digits with a scale ("1.2 million", "5k", "$7bn"), or words; "and a half".
    r"|(?P<num>(?:(?P<cur>(?:US)?\$|€|£)[ \t]?)?(?:"
    + _DIGNUM
    + r"(?P<scale>[ \t]*(?:"
    + _SCALE_WORDS
    + r")\b"
    r"|[ \t]?(?:bn|mn)\b|(?-i:k)\b|(?<=\d)(?:M|B|T)\b)?|" + _WORDNUM + r")"
    r"(?P<andhalf>[ \t]+and[ \t]+a[ \t]+half\b)?(?P<plus>\+)?)",
    re.I,
)
# Where a number expression may start (see _DocContext.numbers).
_START_CHARS = frozenset("$€£½⅓⅔¼¾⅛⅕−-")
_START_WORDS = frozenset(
    (
        *(_SMALL + "|" + _SCALE_WORDS).split("|"),
        *("a", "an", "several", "half", "dozen", "dozens", "scores", "hundreds", "thousands", "millions"),
        *("tens", "us$", "usd"),
    )
)
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE |= {"k": 1e3, "mn": 1e6, "bn": 1e9, "m": 1e6, "b": 1e9, "t": 1e12}
_FRACTION_VALUE = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_UNICODE_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅛": 0.125, "⅕": 0.2}
# "dozens" = at least two dozen; "several hundred" = at least three hundred (the set's convention).
_VAGUE_BASE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6}
_VAGUE_MULT = {"several": 3, "a few": 3, "a couple of": 2}

# Words before a number that qualify it; the longest phrase that ends right at the number wins.
_QUALIFIERS: dict[str, str] = {
    "more than": "over", "over": "over", "upwards of": "over", "in excess of": "over",
    "exceeding": "over", "above": "over", "passed": "over", "surpassed": "over", "topped": "over",
    "well over": "over", "just over": "over", "more than a": "over",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least",
    "nearly": "under", "almost": "under", "close to": "under", "less than": "under", "fewer than": "under",
    "under": "under", "just under": "under", "below": "under", "short of": "under", "nearly a": "under",
    "up to": "at_most", "as many as": "at_most", "at most": "at_most", "no more than": "at_most",
    "a maximum of": "at_most", "as much as": "at_most",
    "about": "about", "around": "about", "roughly": "about", "some": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "approx.": "about", "circa": "about", "about a": "about",
    "an approximate": "about", "around a": "about", "roughly a": "about", "some a": "about",
}  # fmt: skip
_QUALIFIER_BEFORE = re.compile(
    r"\b(?P<q>" + "|".join(sorted((re.escape(k) for k in _QUALIFIERS), key=len, reverse=True)) + r")[ \t]+$",
    re.I,
)
_HANDED_BEFORE = re.compile(
    r"\b(?:hand(?:ed|s|ing)?|turn(?:ed|s|ing)?|t(?:ook|ake|akes|aken|aking)|gave|gives)[ \t]+$", re.I
)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)[ \t]+$", re.I)
_RANGE_GAP = re.compile(r"^[ \t]*-?[ \t]*(?:-|–|—|to|or)[ \t]*(?:[$€£][ \t]?)?$|^[ \t]+and[ \t]+$", re.I)
# "44 mg to 50 mg", "$350 per kg to $680 per kg", "-18 °C to -34 °C": the unit said twice.
_UNIT_GAP = re.compile(
    r"^[ \t]*(?P<unit>[^\s\d]{1,12}(?:[ \t]+[^\s\d]{1,8}){0,2}?)[ \t]+(?:-|–|to|and)[ \t]*(?:[$€£][ \t]?)?$",
    re.I,
)
_OR_MORE_AFTER = re.compile(r"^[ \t]+(?:or|and)[ \t]+more\b", re.I)
_UNIT_AFTER = re.compile(
    r"^(?:[ \t]*(?P<percent>%|percent\b|per[ \t]+cent\b)"
    r"|[ \t]*(?P<km2>km2|km²|sq\.?[ \t]*km\b|square[ \t]+(?:kilomet(?:re|er)s?|miles?)\b)"
    r"|[ \t-]*(?P<km>km\b|kilomet(?:re|er)s?\b|miles?\b|met(?:re|er)s?\b)"
    r"|[ \t]*(?P<tonnes>tonnes?\b|tons?\b|metric[ \t]+tons?\b))",
    re.I,
)
# A number followed by a time unit is a duration or an age ("an 18-month siege", "25-year-old").
_TIME_UNIT_AFTER = re.compile(
    r"^[ \t-]*(?:(?:calendar|straight|consecutive|more|long)[ \t]+)?"
    r"(?:seconds?|minutes?|hours?|hrs|days?|nights?|weeks?|months?|years?|decades?|centuries|century)\b"
    r"(?![ \t]+(?:of[ \t]+)?(?:wages|salary|pay|sentences?)\b)",
    re.I,
)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age|ages|age of|page|pp?\.|chapter|No\.|number|grade|level)[ \t]+$", re.I
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?[ \t]+$", re.I)
_MONTH_AFTER = re.compile(rf"^[ \t]+(?:of[ \t]+)?(?:{_MONTHS})\b", re.I)
_YEAR_CONTEXT_BEFORE = re.compile(
    rf"(?:\b(?:in|since|by|until|till|from|of|during|late|early|mid|before|after|year|summer|winter|"
    rf"spring|autumn|fall|the|to|through|and|{_MONTHS})|[,-])[ \t]*$",
    re.I,
)
# Sub-counts: "including three HIMARS", "76 of them", "of which 40", "among them 12".
_SUBCOUNT_BEFORE = re.compile(
    r"(?:\bincluding|\bincluded|\bof which|\bof whom|\bamong them|\bamong whom|\bamong those|"
    r"\bincluding at least|\bincluding about|\bincluding some|\bincluding nearly|\bincluding more than)"
    r"[ \t]+(?:\w+[ \t]+)?$",
    re.I,
)
_OF_THEM_AFTER = re.compile(r"^[ \t]+of[ \t]+(?:them|those|these|which|whom)\b", re.I)
_OF_AFTER = re.compile(r"^[ \t]+of\b", re.I)
# "US-made", "Western-supplied": where a weapon comes from, not whose it is.
_MADE_AFTER = re.compile(r"^[ \t]*-?[ \t]*(?:made|supplied|built|donated|provided|designed)\b", re.I)
_OF_POSSESSIVE_AFTER = re.compile(r"^[ \t]+of[ \t]+(?:its|their|his|her|our|the)[ \t]+\w", re.I)
_NOT_COUNT_BEFORE = re.compile(
    r"\b(?:crew|population|capacity|home|length|range|calibre|caliber|size|height|depth|number)[ \t]+"
    r"(?:of|to)[ \t]+(?:about[ \t]+|around[ \t]+|some[ \t]+|roughly[ \t]+)?$",
    re.I,
)
_EACH_SIDE = re.compile(r"\b(?:each|both|either)[ \t]+(?:side|country|countries|sides|party|parties)\b", re.I)
_AID = re.compile(r"\b(?:aid|humanitarian|relief|food|medical)\b", re.I)
_POSSESSIVE = re.compile(r"\b(?:its|their|our)\b", re.I)
_LOCATIVE = frozenset(("in", "at", "near", "across", "throughout", "around", "inside", "outside"))
_OWN_LOSS_AFTER = re.compile(
    r"^[ \t]+(?:\w+[ \t]+)?(?:died|were[ \t]+missing|are[ \t]+missing|went[ \t]+missing)\b", re.I
)
_NEED_AFTER = re.compile(
    r"^[ \t]+(?:\w+[ \t]+)?"
    r"(?:need|needs|needed|require|requires|face|faces|facing|are[ \t]+facing|at[ \t]+risk)\b",
    re.I,
)
_LIST_GAP = re.compile(r"^[ \t]*(?:,|and|,[ \t]*and)[ \t]*$")
_BOTH_SIDES = re.compile(r"^[ \t]+(?:and|&)[ \t]+$", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:been|were|was|are|is|be|being|get|got)[ \t]+(?:\w+ly[ \t]+)?$", re.I)
_SPEECH = frozenset(
    {
        "said",
        "says",
        "say",
        "reported",
        "reports",
        "claimed",
        "claims",
        "estimated",
        "estimates",
        "stated",
        "announced",
        "told",
        "added",
        "according",
        "wrote",
        "confirmed",
        "alleged",
        "assessed",
        "believes",
        "believe",
        "tallied",
        "counted",
    }
)
_CARRY_PERIOD = re.compile(
    r"\b(?:since then|in the same period|during the same|over the same|in that period|that same"
    r"|the same day)\b",
    re.I,
)
# A stock, not a flow: "are displaced", "now control", "still hold", "face famine".
_STOCK_AFTER = re.compile(
    r"^[ \t]+(?:in[ \t]+(?:the[ \t]+)?\w+[ \t]+)?(?:\w+[ \t]+)?"
    r"(?:are|is|remain|remains|face|faces|need|needs|live|lives|still)\b"
    r"(?![ \t]+(?:\w+[ \t]+)?(?:been|being))",
    re.I,
)
_STOCK_BEFORE = re.compile(
    r"\b(?:now|still|currently)[ \t]+(?:control|controls|hold|holds|occupy|occupies|has|have)[ \t]+"
    r"(?:\w+[ \t]+)?$",
    re.I,
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|reported|announced|confirmed|told|stated|claimed|added|estimated|wrote)"
    r"(?:[ \t]+\w+)?[ \t]+(?:on[ \t]+|late[ \t]+|early[ \t]+)?$",
    re.I,
)
_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|\bbut\b", re.I)
_WAR_ANCHOR = re.compile(
    r"\b(?:since[ \t]+the[ \t]+(?:start[ \t]+of[ \t]+the[ \t]+|beginning[ \t]+of[ \t]+the[ \t]+)?"
    r"(?:(?:full-scale|Russian|Israeli|military|army)[ \t]+)?"
    r"|(?:a|one|two|three|four|\d+)[ \t]+years?[ \t]+into[ \t]+(?:the[ \t]+|\w+['’]s[ \t]+)?)"
    r"(?P<war>full-scale[ \t]+invasion|invasion|war|conflict|coup|takeover|ground[ \t]+offensive)\b",
    re.I,
)
_PRONOUN_AGENT = re.compile(r"\b(?:it|they|its forces|their forces|its troops|their troops|its army)\b", re.I)
# What a figure's value-less "other" category is for these units.
_NOT_FIGURES = ("clock", "ordinal", "datenum", "designation")
_REACH = 300
_LOOK_BACK = 50  # figures looked back over for a side or a period to carry
_MAX_DIGITS = 18  # more digits than this is not a count of anything (and overflows float exactly)


@dataclass
class _Figure:
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


def _number(text: str) -> float | None:
    """The value of a number word run or a digit string ("twenty-five thousand", "1,200")."""
    s = text.strip().lower().replace("−", "-")
    if not s:
        return None
    if s[0].isdigit() or s[0] in "-.":
        digits = s.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if len(digits.replace(".", "").lstrip("-")) > _MAX_DIGITS:
            return None
        try:
            return float(digits)
        except ValueError:
            return None
    s = re.sub(r"^an?\s+", "one ", s)
    try:
        return float(text2num(" ".join(s.replace("-", " ").split()), "en"))
    except ValueError:
        return None  # text2num refuses runs that are no one number ("one two")


def _exponent(value: float, exp: str) -> float | None:
    """ "4e14", "2.48×10−5", "8x2^10": the value times the power written after it."""
    e = exp.strip().lower().replace("−", "-").replace("×", "x")
    try:
        if e.startswith("e"):
            return float(value * 10 ** int(e[1:]))
        base, _, power = e.lstrip("x ").partition("^") if "^" in e else ("10", "", e.lstrip("x ")[2:])
        return float(value * float(base.strip()) ** int(power))
    except (ValueError, OverflowError):
        return None


def _fraction_word(text: str) -> tuple[float, str]:
    words = re.split(r"[ \t-]+", text.lower())
    if len(words) == 1:
        return 0.5, "share"
    head, frac = words[0], words[-1].rstrip("s") if words[-1] != "halves" else "half"
    num = 1.0 if head in ("a", "an", "one") else (_number(head) or 1.0)
    return num / _FRACTION_VALUE.get(frac, 2), "share"


def _int_or_float(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if x == int(x) and abs(x) < 1e15 else x


class _Hits:
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


class FiguresFinder:
    """Finds figures in a Doc; built by the registered factory from its config."""

    def __init__(self, nlp: Language, keep_time_quantities: bool = False) -> None:
        self.lex: FigureLexicon = figure_lexicon()
        self.keep_time_quantities = keep_time_quantities
        self.things = PhraseMatcher(nlp.vocab, attr="LOWER")
        for n, (form, _cls) in enumerate(sorted(self.lex.things.items())):
            self.things.add(f"T{n}", [nlp.make_doc(form)])
        self.thing_class = {f"T{n}": cls for n, (_, cls) in enumerate(sorted(self.lex.things.items()))}
        self.words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.words.add("OUTCOME", [nlp.make_doc(w) for w in sorted(self.lex.outcomes)])
        self.words.add("HOSTILE", [nlp.make_doc(w) for w in sorted(self.lex.hostile)])
        self.words.add("OWN", [nlp.make_doc(w) for w in sorted(self.lex.own)])
        self.sides = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in sorted(self.lex.sides):
            self.sides.add(self.lex.sides[form], [nlp.make_doc(form)])

    def __call__(self, doc: Doc) -> Doc:
        ctx = _DocContext(self, doc)
        doc._.figures = ctx.run()
        return doc


def _matches(matcher: PhraseMatcher, doc: Doc, *, overlap: bool) -> list[tuple[str, Span]]:
    """(label, span) of every match, by start and the longest first at a start; without
    `overlap`, a match that starts inside the one kept before it is dropped."""
    strings = doc.vocab.strings
    kept: list[tuple[str, Span]] = []
    for key, start, end in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if not overlap and kept and start < kept[-1][1].end:
            continue
        kept.append((strings[key], doc[start:end]))
    return kept


class _DocContext:
    """Everything the rules look at for one Doc, computed once."""

    def __init__(self, finder: FiguresFinder, doc: Doc) -> None:
        self.f = finder
        self.lex = finder.lex
        self.doc = doc
        self.text = doc.text
        # Things and sides: the longest match wins where two overlap ("main battle tank" over
        # "tank"). Words keep every match.
        self.things = [
            (span.start, span.end, finder.thing_class[label])
            for label, span in _matches(finder.things, doc, overlap=False)
        ]
        self.thing_starts = [t[0] for t in self.things]
        self.things_char = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e, _ in self.things]
        self.thing_chars = [s for s, _ in self.things_char]
        # (start_char, end_char, label, lower text)
        self.words: list[tuple[int, int, str, str]] = [
            (span.start_char, span.end_char, label, span.text.lower())
            for label, span in _matches(finder.words, doc, overlap=True)
        ]
        self.word_starts = [w[0] for w in self.words]
        self.sides: list[tuple[int, int, str, int, int]] = [
            (span.start_char, span.end_char, label, span.start, span.end)
            for label, span in _matches(finder.sides, doc, overlap=False)
        ]
        self.side_starts = [m[0] for m in self.sides]
        self.sents = (
            [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
        )
        if not self.sents:
            self.sents = [(0, len(self.text))]
        self.sent_starts = [s for s, _ in self.sents]
        # Phrases looked for around many figures, found once per Doc (one pass each).
        self.hits = {
            name: _Hits(pattern, self.text)
            for name, pattern in (
                ("carry", _CARRY_PERIOD),
                ("war", _WAR_ANCHOR),
                ("each", _EACH_SIDE),
                ("pronoun", _PRONOUN_AGENT),
                ("clause", _CLAUSE_BREAK),
            )
        }
        self.token_starts = [t.idx for t in doc]
        self.times = sorted(
            (t for t in (doc._.times or []) if isinstance(t, dict) and isinstance(t.get("start"), int)),
            key=lambda t: int(t["start"]),
        )
        self.time_starts = [int(t["start"]) for t in self.times]

    # ------------------------------------------------------------------ helpers
    def sent_of(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sents[i]

    def token_at_or_after(self, pos: int) -> int:
        return bisect.bisect_left(self.token_starts, pos)

    # ------------------------------------------------------------------ the pass
    def run(self) -> list[dict[str, Any]]:
        text = self.text
        found: list[_Figure] = []
        for m in self.numbers():
            if m.lastgroup in _NOT_FIGURES:
                continue
            fig = self.read(m)
            if fig is None:
                continue
            # A range: "50-60", "50 to 60", "between 50 and 60" (the second number joins the first).
            if (
                found
                and found[-1].kind == "num"
                and fig.kind == "num"
                and found[-1].unit in (fig.unit, "count")
            ):
                prev = found[-1]
                gap = text[prev.end : fig.start]
                between = _BETWEEN_BEFORE.search(text[max(0, prev.start - 12) : prev.start])
                unit_gap = _UNIT_GAP.match(gap)
                if unit_gap and not text[fig.end : fig.end + 30].lstrip(" \t-").startswith(
                    unit_gap.group("unit").strip()
                ):
                    unit_gap = None  # "30 soldiers and 40": the words between are no repeated unit
                if (_RANGE_GAP.match(gap) or unit_gap) and (not gap.strip().endswith("and") or between):
                    if between and prev.qualifier == "exact":
                        prev.start -= len(between.group(0))
                    self.make_range(prev, fig)
                    continue
            found.append(fig)
        kept: list[_Figure] = []
        for fig in found:
            if self.finish(fig, kept):
                kept.append(fig)
        return [self.plain(f) for f in kept]

    def numbers(self) -> Iterator[re.Match[str]]:
        """The number expressions of the text, left to right, none overlapping.

        One pass over the tokens, trying the pattern only where a number can start (a digit, a
        currency sign, a number word, "a", "several" ...): Python's regex engine would otherwise
        try every alternative at every character, which costs more than all the rest."""
        text = self.text
        pos = 0
        for tok in self.doc:
            if tok.idx < pos:
                continue
            first = tok.text[0]
            if not (first.isdigit() or first in _START_CHARS or tok.lower_ in _START_WORDS):
                continue
            m = _CORE.match(text, tok.idx)
            if m is not None and m.end() > m.start():
                pos = m.end()
                yield m

    def read(self, m: re.Match[str]) -> _Figure | None:
        """A figure from one regex match: its value, unit and qualifier, or None for a non-figure."""
        text = self.text
        start, end = m.span()
        kind = m.lastgroup or "num"
        raw = m.group(0)
        low = high = None
        qualifier = "exact"
        unit: str | None = "count"
        if kind == "vague":
            words = raw.lower().split()
            value: float | None = _VAGUE_BASE[words[-1]]
            if words[0] in ("tens", "hundreds") and len(words) > 1:
                value = (10 if words[0] == "tens" else 100) * 2 * _SCALE[words[-1].rstrip("s")]
            low, qualifier = value, "at_least"
        elif kind == "several":
            words = raw.lower().split()
            head = " ".join(words[:-1]) if words[-1] in ("thousand", "million") and len(words) > 2 else ""
            first = " ".join(words[: len(words) - (2 if head else 1)])
            base = (
                12.0
                if words[len(words) - (2 if head else 1)] == "dozen"
                else _SCALE[words[-2 if head else -1]]
            )
            if head:
                base = _SCALE[words[-2]] * _SCALE[words[-1]]
            mult = _VAGUE_MULT.get(first)
            if mult is not None:
                value, low, qualifier = mult * base, mult * base, "at_least"
            else:
                value = (_number(first) or 1.0) * base
        elif kind == "halfscale":
            word = raw.lower().split()[-1]
            value = 0.5 * (12.0 if word == "dozen" else _SCALE[word])
        elif kind == "fracw":
            value, unit = _fraction_word(raw)
        elif kind == "frac":
            value, unit = self.fraction(raw), None
            if value is None:
                return None
        else:
            digits = re.sub(r"^(?:US)?[$€£][ \t]?", "", raw, flags=re.I)
            digits = re.sub(r"[ \t]+and[ \t]+a[ \t]+half$|\+$", "", digits, flags=re.I)
            scale = m.group("scale")
            if scale:
                digits = digits[: len(digits) - len(scale)]
                word = scale.strip().lower()
                if word in ("m", "b", "t") and not m.group("cur"):
                    scale = None  # "1500b", "5m": a unit letter, not millions
            exp = m.group("exp")
            if exp:
                digits = digits[: len(digits) - len(exp)]
            value = _number(digits)
            if value is None:
                return None
            if exp:
                value = _exponent(value, exp)
                if value is None:
                    return None
            if scale:
                value *= _SCALE[scale.strip().lower()]
            if m.group("andhalf"):
                value += 0.5
            if m.group("cur"):
                unit = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}[m.group("cur").lower()]
            if m.group("plus"):
                low, qualifier = value, "over"
            if raw.strip().lower() in ("one", "zero", "an", "a"):
                kind = "one"  # "one of the", "no one": kept only before a counted noun
        if kind == "fracw" and raw.strip().lower() == "half":
            kind = "one"  # "half" alone: a figure only as "half of" something counted
        if self.inside_thing(start):
            return None  # the 2 of "Leopard 2", the 300 of "S-300"
        before = text[max(0, start - 40) : start]
        after = text[end : end + 60]
        # Not figures of the war: dates, years, durations, ages, page numbers.
        if kind == "num" and value is not None and unit == "count" and not m.group("scale"):
            if (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)) and (
                value <= 31 or 1800 <= value <= 2100
            ):
                return None  # "August 6", "6 August", "May 2024"
            if (
                not self.f.keep_time_quantities
                and 1800 <= value <= 2100
                and value == int(value)
                and "," not in raw
                and (_YEAR_CONTEXT_BEFORE.search(before) or not self.noun_follows(end))
            ):
                return None
            if _AGE_BEFORE.search(before):
                return None
        time_quantity = kind in ("num", "several") and _TIME_UNIT_AFTER.match(after) is not None
        if time_quantity and not self.f.keep_time_quantities:
            return None
        unit_m = _UNIT_AFTER.match(after)
        if unit_m and unit in ("count", None):
            unit = unit_m.lastgroup
            end += len(unit_m.group(0))
        if kind not in ("vague",) and not m.group(0).endswith("+"):
            more = _OR_MORE_AFTER.match(text[end : end + 20])
            if more:
                low, qualifier = value, "at_least"
                end += len(more.group(0))
        q = _QUALIFIER_BEFORE.search(before)
        if q and q.group("q").lower() == "over" and _HANDED_BEFORE.search(before[: q.start()]):
            q = None  # "handed over 303", "took over 20": a verb's particle
        if q and qualifier == "exact":
            qualifier = _QUALIFIERS[q.group("q").lower()]
            start -= len(q.group(0))
            if qualifier in ("over", "at_least"):
                low = value
            elif qualifier in ("under", "at_most"):
                high = value
        if kind == "num" and value is not None and 1800 <= value <= 2100 and self.f.keep_time_quantities:
            time_quantity = time_quantity or bool(
                "," not in raw and _YEAR_CONTEXT_BEFORE.search(before) and not self.noun_follows(end)
            )
        fig = _Figure(start, end, value, low, high, qualifier, unit, kind, np_end=end)
        if time_quantity:
            fig.kind = "time"  # kept only with keep_time_quantities, as category "other"
        return fig

    def inside_thing(self, pos: int) -> bool:
        k = bisect.bisect_right(self.thing_chars, pos) - 1
        return k >= 0 and self.things_char[k][0] < pos < self.things_char[k][1]

    @staticmethod
    def fraction(raw: str) -> float | None:
        s = raw.strip()
        if s and s[-1] in _UNICODE_FRACTIONS:
            whole = float(s[:-1]) if s[:-1] else 0.0
            return whole + _UNICODE_FRACTIONS[s[-1]]
        parts = s.split()
        whole = float(parts[0]) if len(parts) == 2 else 0.0
        num, _, den = parts[-1].partition("/")
        if float(den) == 0:
            return None
        return whole + float(num) / float(den)

    def noun_follows(self, end: int) -> bool:
        i = self.token_at_or_after(end)
        return i < len(self.doc) and self.doc[i].pos_ in ("NOUN", "PROPN") and self.doc[i].idx - end <= 2

    @staticmethod
    def make_range(prev: _Figure, fig: _Figure) -> None:
        lo, hi = prev.value, fig.value
        prev.end = fig.end
        prev.unit = fig.unit
        prev.np_end = fig.end
        if lo is not None and hi is not None:
            prev.low, prev.high = min(lo, hi), max(lo, hi)
            prev.value = (lo + hi) / 2
        prev.qualifier = "range"

    # ------------------------------------------------------------------ counted noun and category
    def finish(self, fig: _Figure, kept: list[_Figure]) -> bool:
        """Fill what the figure counts, its side, period and parent; False to drop it."""
        text = self.text
        sent = self.sent_of(fig.start)
        # Every rule looks within the sentence, and no further than this around the figure, so
        # a "sentence" of a megabyte of digits costs what an ordinary one does.
        sent = (max(sent[0], fig.start - _REACH), min(sent[1], fig.end + _REACH))
        # The counted phrase: tokens after the number while they read as one noun phrase.
        after = text[fig.end : fig.end + 40]
        of_them = _OF_THEM_AFTER.match(after)
        subcount = bool(_SUBCOUNT_BEFORE.search(text[max(sent[0], fig.start - 40) : fig.start]))
        cls: str | None = None
        bare = False
        if of_them and kept:
            fig.end = fig.np_end = fig.end + len(of_them.group(0))
            fig.parent = len(kept) - 1
            cls = kept[-1].cls
            if cls is None and kept[-1].category != "other":
                cls = kept[-1].category
        else:
            i = self.token_at_or_after(fig.end)
            of = _OF_AFTER.match(after)
            if of and not (
                fig.kind in ("vague", "several", "fracw", "one", "frac")
                or fig.unit in ("share", "percent")
                or _OF_POSSESSIVE_AFTER.match(after)
            ):
                of = None
            if of:
                i = self.token_at_or_after(fig.end + len(of.group(0)))
                i = self.skip_determiners(i)
            np_end_tok = self.noun_phrase_end(i)
            hit = self.thing_in(i, np_end_tok)
            if hit is not None:
                cls = hit[2]
                np_end_tok = max(np_end_tok, hit[1])
            if np_end_tok > i:
                fig.np_end = fig.end = max(
                    fig.end, self.doc[np_end_tok - 1].idx + len(self.doc[np_end_tok - 1])
                )
            if hit is None and (
                np_end_tok == i or (np_end_tok - i == 1 and self.cue_at(i)) or self.outcome_in(i, np_end_tok)
            ):
                bare = fig.unit == "count"  # "rose to 40", "2,700 wounded": the noun is elsewhere
        if fig.kind == "one" and cls is None:
            return False
        more = _OR_MORE_AFTER.match(text[fig.np_end : fig.np_end + 20])
        if more and fig.qualifier == "exact" and fig.np_end > fig.end - 1:
            fig.low, fig.qualifier = fig.value, "at_least"  # "12 tanks or more"
            fig.end = fig.np_end = fig.np_end + len(more.group(0))
        if fig.kind == "time":
            fig.category, fig.unit = "other", None
            return True
        if fig.unit == "km2":
            cls = "territory"
        if subcount and fig.parent is None and kept and kept[-1].start >= sent[0]:
            fig.parent = len(kept) - 1
        elif (
            fig.parent is None
            and kept
            and kept[-1].parent is not None
            and kept[-1].extra.get("including")
            and _LIST_GAP.match(text[kept[-1].np_end : fig.start])
            and (cls in (None, "personnel", "civilians", "prisoners") or cls == kept[-1].cls)
        ):
            subcount = True
            fig.parent = kept[-1].parent
        if subcount:
            fig.extra["including"] = True
        fig.cls = cls
        fig.extra["bare"] = bare
        fig.category = self.category(fig, cls, sent, kept, bare)
        if fig.parent is not None and subcount and cls in (None, "personnel", "civilians", "prisoners"):
            # "12 hostages, including 10 Israelis": the part counts what the whole counts.
            parent_category = kept[fig.parent].category
            if parent_category != "other" and fig.category.split(".")[0] != parent_category.split(".")[0]:
                fig.category = parent_category
        fig.side = self.side(fig, sent, kept)
        fig.period = self.period(fig, sent, kept)
        return True

    def words_between(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """The cue words (outcomes, verbs) that start within characters [lo, hi)."""
        return self.words[bisect.bisect_left(self.word_starts, lo) : bisect.bisect_left(self.word_starts, hi)]

    def sides_between(self, lo: int, hi: int) -> list[tuple[int, int, str, int, int]]:
        """The side mentions that start within characters [lo, hi)."""
        return self.sides[bisect.bisect_left(self.side_starts, lo) : bisect.bisect_left(self.side_starts, hi)]

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

    def skip_determiners(self, i: int) -> int:
        doc = self.doc
        while i < len(doc) and (
            doc[i].lower_ in ("the", "its", "their", "his", "her", "'s", "’s", "a", "an")
        ):
            i += 1
        return i

    def noun_phrase_end(self, i: int) -> int:
        """Token index just past the counted noun phrase that starts at token i (i if none)."""
        doc = self.doc
        end = i
        j = i
        limit = min(len(doc), i + 7)
        while j < limit:
            tok = doc[j]
            if tok.pos_ in ("NOUN", "PROPN"):
                end = j + 1
            elif tok.pos_ in ("ADJ", "NUM", "PART") or tok.lower_ in (
                "more",
                "additional",
                "other",
                "-",
                "'s",
            ):
                pass
            elif tok.tag_ == "VBN" and j + 1 < limit and doc[j + 1].pos_ in ("NOUN", "PROPN"):
                pass  # "United States-made HIMARS", "armoured vehicles"
            else:
                break
            # A noun followed by something else ends the phrase, unless a compound goes on.
            if (
                tok.pos_ in ("NOUN", "PROPN")
                and j + 1 < limit
                and doc[j + 1].pos_ not in ("NOUN", "PROPN", "PART")
                and not (doc[j + 1].text == "-" or (doc[j + 1].pos_ == "ADJ" and j + 2 < limit))
            ):
                break
            j += 1
        return end

    def thing_in(self, i: int, j: int) -> tuple[int, int, str] | None:
        """The last counted thing that starts within tokens [i, j) (the head of the phrase)."""
        k = bisect.bisect_left(self.thing_starts, i)
        hit = None
        while k < len(self.things) and self.things[k][0] < max(j, i + 1):
            hit = self.things[k]
            k += 1
        return hit

    def outcome(self, fig: _Figure, stem: str, sent: tuple[int, int], near: bool = False) -> str | None:
        """The outcome word nearest the figure in its clause: in the phrase, after it, before it
        (`near`: only right next to it, for a number without a noun)."""
        best: tuple[int, str] | None = None
        reach = 25 if near else 60
        lo, hi = max(sent[0], fig.start - reach), min(sent[1], fig.np_end + reach)
        for s, e, label, low in self.words_between(lo - 40, hi):
            if label != "OUTCOME" or e <= lo:
                continue
            sub = self.lex.outcomes.get(low, {}).get(stem)
            if sub is None:
                continue
            if fig.start <= s < fig.np_end:
                dist = -1
            elif s >= fig.np_end:
                dist = s - fig.np_end
            else:
                dist = (fig.start - e) * 2  # after the phrase reads first: "soldiers killed"
            if best is None or dist < best[0]:
                best = (dist, sub)
        return best[1] if best else None

    def category(
        self, fig: _Figure, cls: str | None, sent: tuple[int, int], kept: list[_Figure], bare: bool
    ) -> str:
        if fig.unit in ("USD", "EUR", "GBP", "km", "tonnes"):
            return "other"
        before = self.text[max(sent[0], fig.start - 30) : fig.start]
        if cls is None and bare:
            if _NOT_COUNT_BEFORE.search(before) or _NEED_AFTER.match(self.text[fig.end : fig.end + 40]):
                return "other"  # "a crew of 396", "home to 60,000", "25 million need aid"
            # A bare number counts what the figure before it in the sentence counted ("another
            # 95", "two more"), else what was named just before it ("tank losses stand at 800"),
            # else what the previous sentence's last figure counted ("at 3,000").
            prev = kept[-1] if kept and kept[-1].category != "other" else None
            if prev is not None and prev.start >= sent[0]:
                return self.like(fig, prev, len(kept) - 1, sent)
            i = self.token_at_or_after(max(sent[0], fig.start - 50))
            j = self.token_at_or_after(fig.start)
            k = bisect.bisect_left(self.thing_starts, i)
            while k < len(self.things) and self.things[k][0] < j:
                if self.things[k][2] != "other":
                    cls = self.things[k][2]
                k += 1
            if cls is None and prev is not None and prev.start >= self.prev_sent_start(sent):
                return self.like(fig, prev, len(kept) - 1, sent)
            if cls is None:
                # A bare number next to an outcome word: "killed 300", "rose to 40".
                for stem in ("personnel", "civilians"):
                    if self.outcome(fig, stem, sent, near=True) is None:
                        continue
                    stem = self.stem_in_sentence(sent) or self.last_stem(kept) or stem
                    sub = self.outcome(fig, stem, sent)
                    if stem == "prisoners":
                        return "prisoners.exchanged"
                    return f"{stem}.{sub}" if sub else "other"
                return "other"
        if cls is None:
            return "other"
        if "." in cls or cls in ("territory", "other"):
            return cls
        if cls in ("personnel", "civilians") and self.outcome(fig, "prisoners", sent, near=True):
            return "prisoners.exchanged"  # "handing over 303 soldiers", "freed 12 civilians"
        sub = self.outcome(fig, cls, sent)
        if cls == "prisoners":
            return "prisoners.exchanged" if sub == "exchanged" else "personnel.captured"
        if cls == "personnel":
            return f"personnel.{sub or 'troops'}"
        if cls == "civilians" and _NEED_AFTER.match(self.text[fig.np_end : fig.np_end + 40]):
            return "other"
        if cls == "civilians":
            if sub is None:
                sub = self.outcome(fig, "personnel", sent)
                sub = {"wounded": "injured", "killed": "killed"}.get(sub or "")
            return f"civilians.{sub}" if sub else "other"
        return "other"

    def like(self, fig: _Figure, prev: _Figure, index: int, sent: tuple[int, int]) -> str:
        """The category of a bare number that counts what figure `index` counted; an outcome
        word right next to it may change the last part ("1,000 casualties ... 300 killed")."""
        fig.extra["like"] = index
        cls = prev.cls or prev.category
        stem = cls.split(".")[0]
        if stem in ("personnel", "civilians"):
            sub = self.outcome(fig, stem, sent, near=True)
            if sub:
                return f"{stem}.{sub}" if stem == "personnel" or sub != "casualties" else prev.category
        return prev.category

    def prev_sent_start(self, sent: tuple[int, int]) -> int:
        i = bisect.bisect_right(self.sent_starts, sent[0]) - 1
        return self.sents[max(0, i - 1)][0]

    @staticmethod
    def last_stem(kept: list[_Figure]) -> str | None:
        for prev in reversed(kept[-_LOOK_BACK:]):
            stem = prev.category.split(".")[0]
            if stem in ("personnel", "civilians"):
                return stem
        return None

    def stem_in_sentence(self, sent: tuple[int, int]) -> str | None:
        i, j = self.token_at_or_after(sent[0]), self.token_at_or_after(sent[1])
        k = bisect.bisect_left(self.thing_starts, i)
        while k < len(self.things) and self.things[k][0] < j:
            if self.things[k][2] in ("personnel", "civilians"):
                return self.things[k][2]
            k += 1
        return None

    # ------------------------------------------------------------------ side
    def side(self, fig: _Figure, sent: tuple[int, int], kept: list[_Figure]) -> str | None:
        text = self.text
        # 1. Named in the counted phrase: "Russian soldiers", "of Russia's Black Sea Fleet".
        for s, e, code, _, _ in self.sides_between(fig.start, fig.np_end):
            if fig.start <= s < fig.np_end and not _MADE_AFTER.match(text[e : e + 12]):
                return code
        if fig.parent is not None and kept[fig.parent].side:
            return kept[fig.parent].side
        if _POSSESSIVE.search(text[fig.start : fig.np_end]):
            # "172 of its soldiers": whoever "its" is, the nearest side named before
            for s, _e, code, _ts, _te in reversed(self.sides_between(sent[0], fig.start)):
                if sent[0] <= s < fig.start:
                    return code
        if (
            kept
            and kept[-1].start >= sent[0]
            and _LIST_GAP.match(text[kept[-1].np_end : fig.start])
            and kept[-1].category != "other"
        ):
            return kept[-1].side  # "12 Ukrainian tanks and 20 armoured personnel carriers"
        if fig.category == "other" and fig.extra.get("bare") and "like" not in fig.extra:
            return None  # a bare number whose object is unknown is no one's
        # 2. "launched by Russia", "from Russia".
        tail = text[fig.np_end : min(sent[1], fig.np_end + 30)]
        by = re.match(r"^[ \t,]*(?:\w+[ \t]+)?(?:by|from)[ \t]+(?:the[ \t]+)?", tail)
        if by:
            for s, _e, code, _, _ in self.sides_between(fig.np_end, fig.np_end + 40):
                if s == fig.np_end + by.end():
                    return code
        if self.hits["each"].first(sent[0], sent[1]) or _AID.search(text[fig.start : fig.np_end]):
            return None  # "each side handed over 303", "159 aid trucks": no one party's figure
        like = fig.extra.get("like")
        if isinstance(like, int) and like < len(kept):
            return kept[like].side  # a bare number counting what the figure before counted
        civilians = fig.category.startswith("civilians")
        # 3. Where civilians are: "killed in Israel", "in Kyiv".
        if civilians:
            for _s, _e, code, ts, _te in self.sides_between(fig.np_end, sent[1]):
                if ts > 0 and self.doc[ts - 1].lower_ in _LOCATIVE:
                    return code
        # 4. A side earlier in the sentence, read through the verb between it and the figure.
        speaker: str | None = None
        mentions = self.sides_between(sent[0], fig.start)
        for n in range(len(mentions) - 1, -1, -1):
            s, e, code, ts, te = mentions[n]
            if self.is_speaker(ts, te):
                speaker = speaker or code
                continue
            if n > 0 and _BOTH_SIDES.match(text[mentions[n - 1][1] : s]) and mentions[n - 1][2] != code:
                return None  # "Russia and Ukraine each handed over 303"
            if any(k.start <= s < k.np_end for k in kept[-3:]):
                continue  # named in an earlier figure's phrase: that figure's side, not this one's
            prev_tok = self.doc[ts - 1] if ts > 0 else None
            if (
                prev_tok is not None
                and prev_tok.pos_ in ("ADP", "VERB")
                and prev_tok.lower_ not in _SPEECH
                and not civilians
            ):
                continue  # "smuggled into Russia", "hit Ukraine": not who acts or loses
            return self.through_verb(code, e, fig)
        # 5. After the figure: who did it ("63 servicemen died when Ukrainian rockets hit").
        for s, e, code, ts, te in self.sides_between(fig.np_end, sent[1]):
            if s >= sent[1]:
                break
            if fig.np_end <= s and not self.is_speaker(ts, te):
                agent = self.hostile_after(e, sent)
                if agent:
                    return self.lex.opponents.get(code, code)
        # 6. The one who says it, when it is a party: its own people and ground, the other
        #    side's losses ("Ukraine claimed about 400 were killed").
        if speaker is not None and speaker in self.lex.opponents:
            if self.hits["pronoun"].first(sent[0], fig.start):
                return self.through_verb(speaker, sent[0], fig)
            if civilians or fig.category.startswith(("territory", "personnel.troops")):
                return speaker
            if _OWN_LOSS_AFTER.match(text[fig.np_end : fig.np_end + 40]):
                return speaker  # "Russia said one sailor died": a side reports its own dead so
            return self.lex.opponents.get(speaker, speaker)
        # 7. What the article said last: the figure before, else the nearest side named before.
        for prev in reversed(kept[-_LOOK_BACK:]):
            if prev.side and prev.category != "other":
                return prev.side
        for s, _e, code, ts, te in reversed(self.sides_between(max(0, fig.start - 5000), fig.start)):
            if s < fig.start and not self.is_speaker(ts, te):
                return code
        for s, _e, code, _ts, _te in self.sides_between(fig.end, fig.end + 5000):
            if s >= fig.end:
                return code
        return None

    def hostile_after(self, after: int, sent: tuple[int, int]) -> bool:
        """Whether a killing or destroying verb follows a side mention closely (its subject)."""
        for s, _e, label, _ in self.words_between(after, min(sent[1], after + 25)):
            if s >= min(sent[1], after + 25):
                break
            if s >= after and label == "HOSTILE":
                return True
        return False

    def is_speaker(self, ts: int, te: int) -> bool:
        doc = self.doc
        if ts >= 2 and doc[ts - 2 : ts].text.lower() in ("according to",):
            return True
        if ts >= 3 and doc[ts - 3 : ts - 1].text.lower() == "according to":
            return True
        j = te
        for _ in range(5):
            if j >= len(doc):
                return False
            tok = doc[j]
            if tok.lower_ in _SPEECH:
                return True
            if tok.pos_ not in ("PROPN", "NOUN", "PART", "ADJ", "AUX", "ADV") and tok.lower_ not in (
                "'s",
                "’s",
            ):
                return False
            j += 1
        return False

    def through_verb(self, code: str, after: int, fig: _Figure) -> str:
        """A side mention's code, or its opponent's when it kills, destroys or downs the figure's
        things: an active verb right before the figure ("shot down 76 drones"), not a passive
        ("were killed") and not a verb on something else ("hit the cruiser with two missiles")."""
        verb: tuple[int, int, str] | None = None
        for s, e, label, _ in self.words_between(after, fig.start):
            if s >= fig.start:
                break
            if s >= after and label in ("HOSTILE", "OWN"):
                verb = (s, e, label)
        if fig.cls == "prisoners" or fig.category == "prisoners.exchanged":
            # "Hamas freed 12 hostages": who frees or hands over people frees the other side's.
            for s, _e, label, low in self.words_between(after, fig.start):
                if s >= fig.start:
                    break
                if s >= after and label == "OUTCOME" and "prisoners" in self.lex.outcomes.get(low, {}):
                    return self.lex.opponents.get(code, code)
            return code
        if verb is None or verb[2] != "HOSTILE" or fig.category == "territory":
            return code
        if _PASSIVE_BEFORE.search(self.text[max(0, verb[0] - 12) : verb[0]]):
            return code
        gap = self.text[verb[1] : fig.start].split()
        if len(gap) > 3 or "with" in gap:
            return code  # the verb acts on something else: "hit the cruiser with two missiles"
        return self.lex.opponents.get(code, code)

    # ------------------------------------------------------------------ period
    def period(
        self, fig: _Figure, sent: tuple[int, int], kept: list[_Figure]
    ) -> dict[str, str | None] | None:
        """The days the figure covers: its parent's; the previous figure's when the sentence says
        "in the same period"; none for a stock ("are displaced", "now control"); else the nearest
        time in the sentence that is not when someone spoke ("said on Tuesday"), or the war's
        start ("since the invasion began"); else the figure before's (the same attack, the same
        tally), as the reporting carries its anchor from sentence to sentence."""
        text = self.text
        if fig.parent is not None:
            return kept[fig.parent].period
        if self.hits["carry"].first(sent[0], sent[1]):
            for prev in reversed(kept[-_LOOK_BACK:]):
                if prev.period:
                    return prev.period
        if _STOCK_AFTER.match(text[fig.np_end : fig.np_end + 50]) or _STOCK_BEFORE.search(
            text[max(sent[0], fig.start - 25) : fig.start]
        ):
            return None
        best: tuple[int, dict[str, Any]] | None = None
        clause_only = False
        lo, hi = bisect.bisect_left(self.time_starts, sent[0]), bisect.bisect_left(self.time_starts, sent[1])
        for t in self.times[lo:hi]:
            s, e = t.get("start"), t.get("end")
            rng = t.get("range")
            if not isinstance(s, int) or not isinstance(e, int) or not isinstance(rng, dict):
                continue
            if s < sent[0] or s >= sent[1] or not rng.get("begin"):
                continue
            if fig.start <= s < fig.end or _SPEECH_BEFORE.search(text[max(sent[0], s - 30) : s]):
                continue
            dist = s - fig.end if s >= fig.end else (fig.start - e) + 5
            if self.hits["clause"].first(min(e, fig.start), max(s, fig.end)):
                clause_only = True  # "X lost 16,000 since October, while Moscow said ... 1,500"
                continue
            if best is None or dist < best[0]:
                best = (dist, rng)
        war = self.hits["war"].first(sent[0], sent[1])
        if war is not None:
            began = self.war_began(fig, war.group("war"))
            if began is not None:
                dist = abs(war.start() - fig.end)
                if best is None or dist < best[0]:
                    return {"begin": began, "end": None}
        if best is not None:
            return {"begin": best[1].get("begin"), "end": best[1].get("end")}
        if clause_only or fig.category.startswith(("personnel.troops", "territory")):
            return None  # forces and ground held are stocks: only a time of their own dates them
        if kept:
            return kept[-1].period
        return None

    def war_began(self, fig: _Figure, word: str) -> str | None:
        sides = [fig.side] if fig.side else []
        sides += [code for _s, _e, code, _ts, _te in self.sides[:_LOOK_BACK]]
        word = " ".join(word.lower().split())
        for code in sides:
            war = self.lex.wars.get(code or "")
            if war is not None and (word in war[1] or word.split()[-1] in war[1]):
                return war[0]
        return None

    def plain(self, f: _Figure) -> dict[str, Any]:
        return {
            "text": self.text[f.start : f.end],
            "start": f.start,
            "end": f.end,
            "value": _int_or_float(f.value),
            "low": _int_or_float(f.low),
            "high": _int_or_float(f.high),
            "qualifier": f.qualifier,
            "category": f.category,
            "side": f.side,
            "period": f.period,
            "claim": None,
            "unit": f.unit,
            "parent": f.parent,
        }


@Language.factory("fogofwar_figures", default_config={"keep_time_quantities": False})
def make_figures(nlp: Language, name: str, keep_time_quantities: bool) -> FiguresFinder:
    return FiguresFinder(nlp, keep_time_quantities)
