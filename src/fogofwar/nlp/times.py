"""The `fogofwar_times` component: every date, period, duration and repeat, resolved to the calendar.

Writes ``doc._.times``: a list of dicts with the fields of :class:`fogofwar.model.TimeRef` (text,
start, end, kind, timex_type, value, range, mod), resolved against ``doc._.published``:

* ``value`` is a TIMEX3 value (TimeML 1.2.1 / TIDES 2005): 2024-08-24, 2024-W33, 2025-SP, 199
  (the 1990s), P3D, PXM, PRESENT_REF, 2024-08-25TNI ...; ``mod`` the TIMEX3 mod (START, END, MID,
  APPROX, MORE_THAN ...).
* ``range`` is the calendar days the expression covers, ``{"begin", "end"}`` as YYYY-MM-DD (either
  may be None when open): "spring 2025" 2025-03-01..2025-05-31; an anchored period gets its
  stretch ("in the past week" = published-7d..published, "since ... August 6" = 2024-08-06..
  published) and a deadline its end ("by spring 2025" = published..2025-05-31).
* ``kind``: date, interval (a date with "since", "from", "by", "until" before it), duration, set,
  or unresolved (needs the publication date and there is none: the span is kept, no year guessed).

How: the words come from ``knowledge/times.json``; one compiled regular expression, built from
those lists, finds every expression in one left-to-right pass over the Doc's text (spans are
character offsets, so the expression's own words and nothing else). Each alternative is
bounded (no nested open-ended repeats), so a megabyte of digits and dashes cannot make it
backtrack badly. Each hit is then read by its rule's handler.

Libraries measured first (TempEval-3 dev set, first 40 articles, 327 gold expressions):
``dateparser.search.search_dates`` (the reference line, ``bench/baselines/times_dateparser.py``)
finds date strings (relaxed F1 0.80) but knows no TIMEX3 types, partial values (1998-W05, 199,
PXY, PRESENT_REF) or durations, swallows or splits neighbouring words (strict F1 0.32), resolves
"Monday" forward by default and takes seconds per article: value F1 0.30. ``timexy`` (a spaCy
component) has 21 English rules, absolute dates and plain durations only: relaxed F1 0.15.
``ctparse`` resolves one time per string it is given (no spans in running text, no durations or
sets) and needs a timeout per call: relaxed F1 0.55 and value F1 0 when fed sentence by sentence.
None of them resolves by tense, seasons, parts of periods or anchored periods, so the grammar is
ours; dateutil stays for publication metadata (``ingest/dates``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from fogofwar.knowledge import time_words
from fogofwar.timecode import shift, value_range, week_value

Range = tuple[date | None, date | None]


def _alt(words: object, *, cased: bool = False, dot: bool = False) -> str:
    """An alternation of the words, spaces as any whitespace, written as a trie (a shared prefix
    once: "m(?:onths?|inutes?)"), so a word that is none of them fails on its first letters
    instead of being compared with every form. `cased` keeps case (months, weekdays), also in
    ALL CAPS for wire copy; `dot` lets abbreviations take a full stop (Aug.)."""
    forms = {str(w) for w in words}  # type: ignore[attr-defined]
    if not cased:
        forms = {w.lower() for w in forms}
    else:
        forms |= {w.upper() for w in forms}
    trie: dict[str, Any] = {}
    for w in forms:
        node = trie
        for token in [r"\s+" if ch == " " else re.escape(ch) for ch in " ".join(w.split())]:
            node = node.setdefault(token, {})
        stop = dot and len(w) <= 4 and w.lower() not in {"may", "june", "july"}
        node[""] = max(node.get("", 0), 2 if stop else 1)
    body = _trie_regex(trie)
    return f"(?-i:{body})" if cased else f"(?:{body})"


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [token + _trie_regex(child) for token, child in sorted(node.items()) if token]
    end = node.get("")
    if end:
        branches.append(r"\.?" if end == 2 else "")  # last: the longer forms are tried first
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


_W = time_words()
MONTHS: dict[str, int] = {k.lower(): int(v) for k, v in _W["months"].items()}  # type: ignore[call-overload]
WEEKDAYS: dict[str, int] = {k.lower(): int(v) for k, v in _W["weekdays"].items()}  # type: ignore[call-overload]
SEASONS: dict[str, tuple[str, int, int]] = {k: tuple(v) for k, v in _W["seasons"].items()}  # type: ignore[misc, arg-type]
PARTS_OF_DAY: dict[str, str] = {k: str(v) for k, v in _W["parts_of_day"].items()}
PERIOD_PARTS: dict[str, str] = {k: str(v) for k, v in _W["period_parts"].items()}
HALVES: dict[str, int] = {k: int(v) for k, v in _W["halves"].items()}  # type: ignore[call-overload]
RELATIVE: dict[str, int] = {k: int(v) for k, v in _W["relative"].items()}  # type: ignore[call-overload]
DEICTIC: dict[str, int] = {k: int(v) for k, v in _W["deictic_days"].items()}  # type: ignore[call-overload]
NUMBERS: dict[str, float] = {k: float(v) for k, v in _W["numbers"].items()}  # type: ignore[arg-type]
VAGUE: set[str] = set(_W["vague_numbers"])
UNITS: dict[str, str] = {k: str(v) for k, v in _W["units"].items()}
PLURALS: dict[str, str] = {k: str(v) for k, v in _W["plurals"].items()}
DURATION_MODS: dict[str, str] = {k: str(v) for k, v in _W["duration_mods"].items()}
REFERENCES: dict[str, str] = {k: str(v) for k, v in _W["references"].items()}
SETS: dict[str, str] = {k: str(v) for k, v in _W["sets"].items()}
HOLIDAYS: dict[str, str] = {k.lower(): str(v) for k, v in _W["holidays"].items()}
MOVABLE: dict[str, list[int]] = {k.lower(): list(v) for k, v in _W["movable_holidays"].items()}  # type: ignore[call-overload]
ORDINALS: dict[str, int] = {k: int(v) for k, v in _W["ordinals"].items()}  # type: ignore[call-overload]
FUTURE_CUES: list[str] = list(_W["future_cues"]["words"])  # type: ignore[call-overload]
UNIT_FORMS: dict[str, str] = {}
for _unit in UNITS:
    UNIT_FORMS[_unit] = _unit
    UNIT_FORMS[PLURALS.get(_unit, _unit + "s")] = _unit

# --- the pattern -------------------------------------------------------------------------------
MON = _alt(_W["months"], cased=True, dot=True) + r"(?![A-Za-z])"
WD = _alt(_W["weekdays"], cased=True) + r"(?![A-Za-z])"
SEASON = _alt(SEASONS)
POD = _alt(PARTS_OF_DAY)
REL = _alt(RELATIVE)
NUMWORD = _alt(k for k in NUMBERS if k not in {"a", "an", "half a"})
NUM = (
    r"(?:\d{1,3}\s+1/2|\d{1,4}(?:\.\d{1,2})?|"
    + NUMWORD
    + r"(?:[-\s]"
    + NUMWORD
    + r")?|half\s+an?|an?|"
    + _alt(VAGUE)
    + ")"
)
UNIT = _alt(UNIT_FORMS)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)(?![:,]\d)"
YEAR = r"(?<![\d$£€.,])(?:1[5-9]\d\d|20\d\d)(?![\d%])(?![.,]\d)"
ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|" + _alt(ORDINALS) + ")"
HALF_ORD = _alt(HALVES)
PART = _alt([*PERIOD_PARTS, "earlier", "later"])
DMOD = _alt(DURATION_MODS)

# Each rule: its name, its pattern. Order matters where two could start at the same place: the
# first that matches wins, so longer shapes come before their own beginnings.
RULES: list[tuple[str, str]] = [
    ("iso", r"\d{4}-\d\d-\d\d"),
    (
        "mdy",
        rf"(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MON})\s+(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?",
    ),
    (
        "dmy",
        rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?P<year>{YEAR}))?",
    ),
    (
        "holiday",
        rf"(?P<name>{_alt([*_W['holidays'], *_W['movable_holidays']], cased=True)})(?:\s+(?P<year>{YEAR}))?",
    ),
    (
        "quarter",
        rf"(?:the\s+)?(?P<ord>{HALF_ORD})(?:\s+|-)(?:fiscal\s+)?(?P<unit>quarter|half)"
        rf"(?:\s+of\s+(?:(?P<year>{YEAR})|(?:fiscal\s+)?(?P<fyear>{YEAR})|(?:the\s+|this\s+)?year|(?P<rel>{REL})\s+year))?"
        rf"|(?P<q>Q[1-4])(?:\s+(?P<qyear>{YEAR}))?|(?P<qyear2>{YEAR})-(?P<q2>Q[1-4])",
    ),
    ("fiscal", rf"fiscal\s+(?:year\s+)?(?P<year>{YEAR}|'?\d\d)|the\s+fiscal\s+year"),
    ("decade", r"(?:the\s+)?(?:(?P<part>early|mid|late)[-\s]?)?(?P<dec>(?:1[5-9]|20)\d0|['’]\d0|\d0)['’]?s"),
    ("century", rf"(?:the\s+)?(?P<ord>{ORD})\s+century"),
    ("season", rf"(?:the\s+)?(?:(?P<rel>{REL})\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?"),
    (
        "month",
        rf"(?:(?P<rel>{REL})\s+)?(?P<mon>{MON})(?:,?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<yrel>last|next|this)\s+year))?",
    ),
    ("weekday", rf"(?:(?P<rel>{REL})\s+)?(?P<wd>{WD})(?:\s+(?P<pod>{POD}))?"),
    ("deictic", rf"(?P<deic>{_alt(DEICTIC)})(?:\s+(?P<pod>{POD}))?|this\s+(?P<pod2>{POD})"),
    ("relunit", rf"(?:the\s+)?(?P<rel>{REL}|first)\s+(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})"),
    (
        "count",
        rf"(?P<num>{NUM})(?:\s+{_alt(_W['count_adjectives'])})?(?:\s+|-)(?P<unit>{UNIT})(?![-\s]old)"
        r"(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<dir>ago|earlier|later|from\s+now|hence))?",
    ),
    (
        "set",
        rf"(?:every|each)\s+(?:other\s+)?(?:(?P<num>{NUM})\s+)?(?P<what>{UNIT}|{WD}|{POD}|{SEASON})"
        rf"|(?P<word>{_alt(SETS)})|(?P<per>a|per)\s+(?P<unit>day|week|month|year)",
    ),
    (
        "clock",
        r"(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m)(?:\s+(?P<tz>[A-Z]{2,4}T))?"
        rf"(?:,?\s+(?P<wd>{WD}))?"
        r"|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)"
        rf"|(?P<named>noon|midday|midnight)(?:,?\s+(?P<wd2>{WD}))?",
    ),
    ("ref", _alt([*REFERENCES, "current"])),
    (
        "yearago",
        r"(?:the\s+(?=(?:comparable\s+)?year[-\s](?:earlier|ago)\s+(?:\w+\s+)?(?:period|quarter|level|results?|figures?)))?"
        rf"(?:comparable\s+)?year[-\s](?:earlier|ago)(?:\s+(?:(?P<ord>{HALF_ORD})[-\s]+)?(?P<what>period|quarter))?",
    ),
    (
        "spoken",
        rf"(?:the\s+year\s+)?(?P<spoken>(?:nineteen|twenty)[-\s]+{NUMWORD}(?:[-\s]+{NUMWORD})?|two\s+thousand(?:[-\s]+(?:and[-\s]+)?{NUMWORD})?)",
    ),
    ("theunit", r"(?:the|that)\s+(?P<new>new\s+)?(?P<unit>year|month|week|weekend|day|quarter)"),
    ("nth", r"the\s+(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))"),
    ("bare", r"(?P<unit>years|months|weeks|days|decades|hours|centuries)"),
    ("year", rf"(?P<year>{YEAR})"),
]
_RULE_RE = {name: re.compile(pattern, re.I) for name, pattern in RULES}


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made plain groups, so the rules fit in one pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_PATTERN = re.compile(
    r"(?<![\w$£€])(?:(?P<dmod>"
    + DMOD
    + r")\s+)?(?:(?P<part>"
    + PART
    + r")(?:\s+|-))?(?:"
    + "|".join(f"(?P<{name}>{_unnamed(pattern)})" for name, pattern in RULES)
    + r")(?!\w)",
    re.I,
)


def _first_words(*lists: object) -> set[str]:
    return {str(w).split()[0].lower().rstrip(".") for words in lists for w in words}  # type: ignore[attr-defined]


# Where an expression can start: its first word is one of these. Trying the whole pattern only
# there (not at every word) is what keeps the pass cheap: Python's re tries each alternative at
# each position, which on plain prose is several times slower than the parser itself.
_TRIGGERS = _first_words(
    _W["months"],
    _W["weekdays"],
    SEASONS,
    PARTS_OF_DAY,
    PERIOD_PARTS,
    RELATIVE,
    DEICTIC,
    NUMBERS,
    VAGUE,
    UNIT_FORMS,
    DURATION_MODS,
    REFERENCES,
    SETS,
    _W["holidays"],
    _W["movable_holidays"],
    ORDINALS,
    HALVES,
    [
        "this",
        "that",
        "every",
        "each",
        "fiscal",
        "noon",
        "midday",
        "midnight",
        "earlier",
        "later",
        "per",
        "half",
        "year",
        "current",
        "q1",
        "q2",
        "q3",
        "q4",
    ],
)
_TRIGGERS.discard("the")
# "the" and "a" start far too many phrases: try them only before a word that can follow them.
_FOLLOWERS = {
    "the": _first_words(
        RELATIVE,
        SEASONS,
        ORDINALS,
        HALVES,
        UNIT_FORMS,
        [
            "beginning",
            "start",
            "end",
            "middle",
            "close",
            "first",
            "last",
            "new",
            "fiscal",
            "past",
            "present",
            "future",
            "early",
            "mid",
            "late",
            "year-earlier",
            "year-ago",
            "very",
        ],
    ),
    "a": _first_words(
        UNIT_FORMS, NUMBERS, VAGUE, ["few", "couple", "dozen", "hundred", "half", "number", "year"]
    ),
}
_FOLLOWERS["an"] = _FOLLOWERS["a"]
_WORD = re.compile(r"\w+")


def _scan(text: str) -> Iterator[re.Match[str]]:
    """The pattern's matches, left to right, tried only where a trigger word starts."""
    words = _WORD.finditer(text)
    resume = 0
    pending: re.Match[str] | None = None
    while True:
        w = pending or next(words, None)
        pending = None
        if w is None:
            return
        start = w.start()
        if start < resume:
            continue
        low = w.group().lower()
        if not (low in _TRIGGERS or low[0].isdigit()):
            followers = _FOLLOWERS.get(low)
            if followers is None:
                continue
            pending = next(words, None)
            if pending is None or not (pending.group().lower() in followers or pending.group()[0].isdigit()):
                continue
        if start and text[start - 1] in "'’" and low[0].isdigit():
            start -= 1  # "'90s"
        m = _PATTERN.match(text, start)
        if m is not None and m.end() > m.start():
            resume = m.end()
            pending = None if pending is not None and pending.start() < resume else pending
            yield m


_FUTURE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in FUTURE_CUES) + r")(?!\w)", re.I)
_CLAUSE_END = re.compile(r"[.!?;\n]")
# What comes just before an expression and makes it one end of a stretch of time.
_SINCE = re.compile(r"(?<!\w)(?P<w>since|from|starting|beginning)\s+(?:early\s+|late\s+)?$", re.I)
_ANCHOR_WORDS = (
    "since",
    "from",
    "starting",
    "beginning",
    "by",
    "until",
    "till",
    "before",
    "later",
    "through",
)
_DEADLINE = re.compile(r"(?<!\w)(?P<w>by|until|till|before|no\s+later\s+than|through)\s+$", re.I)
# "since the incursion began on August 6": a since-clause whose verb says when it started.
_SINCE_CLAUSE = re.compile(
    r"(?<!\w)since\s[^.;!?\n]{0,60}?(?<!\w)(?:began|begun|started|launched|erupted|broke\s+out|"
    r"commenced|opened)(?:\s+(?:on|in))?\s+$",
    re.I,
)
_SET_BEFORE = re.compile(r"(?:\d|%|percent|million|billion|times|once|twice|dollars?|cents?)\s*$", re.I)
_SEASON_IDX = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


@dataclass
class Found:
    start: int
    end: int
    timex_type: str
    value: str | None
    mod: str | None = None
    range: Range | None = None
    needs_dct: bool = False  # the value could not be resolved without a publication date
    anchored: bool = False  # the range was set by the context ("since", "by", "the past")


def c_unit(text: str) -> str:
    """The last word of an expression, lower case ("the day" -> "day")."""
    return text.split()[-1].lower()


def _number(text: str) -> str:
    """A count as TIMEX3 writes it: 3, 0.5, or X for 'several'."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in VAGUE or t == "some":
        return "X"
    if m := re.fullmatch(r"(\d+) 1/2", t):
        return m[1] + ".5"
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        x = float(t)
        return str(int(x)) if x.is_integer() else str(x)
    if t.startswith("half"):
        return "0.5"
    if t in NUMBERS:  # "a couple of", "a dozen"
        whole = NUMBERS[t]
        return str(int(whole)) if whole.is_integer() else str(whole)
    total = 0.0
    for word in t.split():
        n = NUMBERS.get(word)
        if n is None:
            return "X"
        total = total * n if n == 100 and total else total + n
    return str(int(total)) if total.is_integer() else str(total)


def _duration(num: str, unit: str) -> str:
    code = UNITS[unit]
    if code in ("DE", "CE") and num != "X":  # TimeBank writes "a decade" P10Y, "a century" P100Y
        n = float(num) * (10 if code == "DE" else 100)
        num, code = (str(int(n)) if n.is_integer() else str(n)), "Y"
    halves = {"Y": ("6", "M"), "M": ("2", "W"), "D": ("12", "TH"), "TH": ("30", "TM"), "TM": ("30", "TS")}
    if num.endswith(".5") and code in halves:
        # "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M: the half as the next smaller unit.
        whole = num[:-2]
        small, small_code = halves[code]
        lead = "" if whole in ("", "0") else f"{whole}{code.lstrip('T')}"
        time_part = code.startswith("T") or small_code.startswith("T")
        if time_part and not code.startswith("T"):
            return f"P{lead}T{small}{small_code[1:]}"
        return ("PT" if time_part else "P") + lead + small + small_code.lstrip("T")
    if code.startswith("T"):
        return f"PT{num}{code[1:]}"
    return f"P{num}{code}"


def _unit_of(word: str) -> str:
    return UNIT_FORMS[" ".join(word.lower().split())]


def _ago(dct: date, unit: str, num: str, sign: int) -> str | None:
    """'three years ago' -> 2021 (in 2024): the unit that many steps away, at the unit's grain."""
    if num == "X":
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = float(num)
    if not n.is_integer():
        return None
    k = int(n) * sign
    if unit in ("hour", "minute", "second"):
        return dct.isoformat()
    if unit in ("decade", "century"):  # "a decade ago" is a year ten years back
        return str(dct.year + k * (10 if unit == "decade" else 100))
    return shift(dct, unit, k)


def _pick(candidates: list[date], dct: date, tense: int, slack: timedelta) -> date:
    """The candidate nearest the publication date when it is within four months (news speaks of
    its own season), else the one the tense points at: the latest not after the publication
    date (past), the first not before it (future); `slack` lets "future" reach a little back."""
    nearest = min(candidates, key=lambda d: (abs((d - dct).days), d))
    if tense < 2 and abs((nearest - dct).days) <= 120:
        return nearest  # "would", "expected to" and plans lean ahead too weakly to move a month
    if tense == 1:
        tense = 0 if abs((nearest - dct).days) <= 200 else 1
    if tense < 0:
        gone = [d for d in candidates if d <= dct + slack]
        if gone:
            return max(gone)
    if tense > 0:
        ahead = [d for d in candidates if d >= dct - slack]
        if ahead:
            return min(ahead)
    return nearest


_STRONG_WILL = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_WILL = frozenset(
    {"will", "'ll", "’ll", "shall", "wo", "would", "'d", "must", "should", "might", "may", "can"}
)
_PAST_AUX = frozenset({"did", "was", "were", "had", "has", "have", "'ve"})
# Verbs that speak of what is still to come, whatever their own tense ("planned a rally on Saturday").
_PLAN_VERBS = frozenset(
    {
        "plan",
        "schedule",
        "expect",
        "intend",
        "aim",
        "hope",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "due",
        "slate",
        "threaten",
        "postpone",
        "adjourn",
    }
)
_DEADLINE_WORDS = re.compile(
    r"(?<!\w)(?:until|till|by|as\s+soon\s+as|no\s+later\s+than|before)\s+(?:the\s+)?$", re.I
)
_NOW_AUX = frozenset({"is", "are", "am", "'s", "'re", "'m"})


def _verb_tense(token: Any) -> int:
    """The tense of the verb that `token` (a spaCy Token) hangs from: 2 a plain future (will,
    shall), 1 leaning ahead (modals, plans, "to meet"), -1 past, 0 unknown."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return 0
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in _STRONG_WILL for a in aux):
        return 2
    if any(a in _WILL for a in aux) or verb.lemma_ in _PLAN_VERBS:
        return 1
    if "to" in aux or (verb.tag_ == "VB" and verb.dep_ == "xcomp"):
        # "plans to meet on Friday" is ahead; "planned to leave on Friday" is told as past.
        return 0 if verb.head is not verb and verb.head.tag_ == "VBD" else 1
    if verb.tag_ == "VBG" and any(a in _NOW_AUX for a in aux):
        return 1  # "is meeting on Friday"
    if verb.tag_ == "VBD" or any(a in _PAST_AUX for a in aux):
        return -1
    return 0


# --- the component -----------------------------------------------------------------------------


class Tagger:
    """Finds and resolves the time expressions of one text (the component calls it per Doc)."""

    def __init__(self, text: str, published: str | None, doc: Doc | None = None) -> None:
        self.text = text
        # The parse is used for tense only when the Doc has one (the component after a parser).
        self.doc = doc if doc is not None and doc.has_annotation("DEP") else None
        self.dct: date | None = None
        if published:
            try:
                self.dct = date.fromisoformat(published[:10])
            except ValueError:
                self.dct = None
        self.last_day: date | None = None  # the latest day-precise date read, for "the next day"
        self.last_quarter: str | None = None  # the latest quarter named (2024-Q3), for "the quarter"

    def tense(self, start: int, end: int) -> int:
        """Where the clause around [start, end) stands from the publication date: 1 to come
        ("will meet on Friday", "is to meet", "plans to"), -1 gone ("met on Friday"), 0 unknown.

        With a parsed Doc, the verb the expression hangs from decides (its tag and auxiliaries);
        otherwise (a blank pipeline) a future cue in the same clause does."""
        deadline = _DEADLINE_WORDS.search(self.text, max(0, start - 20), start) is not None
        if self.doc is not None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                tense = _verb_tense(span.root)
                # "until Tuesday", "by Jan. 14": a deadline lies ahead, unless told as past.
                return 1 if deadline and tense == 0 else tense
        if deadline:
            return 1
        lo = max(0, start - 60)
        cuts = [m.end() for m in _CLAUSE_END.finditer(self.text, lo, start)]
        if cuts:
            lo = cuts[-1]
        stop = _CLAUSE_END.search(self.text, end, end + 40)
        hi = stop.start() if stop else min(len(self.text), end + 40)
        return 1 if _FUTURE.search(self.text, lo, hi) else 0

    def run(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for m in _scan(self.text):
            rule = m.lastgroup
            if rule is None or rule in ("dmod", "part"):
                continue
            found = self.read(m, rule)
            if found is None:
                continue
            self.anchor(found)
            out.append(self.plain(found))
        return out

    def plain(self, f: Found) -> dict[str, Any]:
        if f.timex_type == "DURATION":
            kind = "duration"
        elif f.timex_type == "SET":
            kind = "set"
        elif f.needs_dct and self.dct is None:
            kind = "unresolved"
        else:
            kind = "interval" if f.anchored else "date"
        rng = None
        if f.range is not None and (f.range[0] or f.range[1]):
            rng = {
                "begin": f.range[0].isoformat() if f.range[0] else None,
                "end": f.range[1].isoformat() if f.range[1] else None,
            }
        return {
            "text": self.text[f.start : f.end],
            "start": f.start,
            "end": f.end,
            "kind": kind,
            "timex_type": f.timex_type,
            "value": f.value,
            "range": rng,
            "mod": f.mod,
        }

    def anchor(self, f: Found) -> None:
        """Periods the context makes of a date: "since August 6", "by spring 2025"."""
        if f.timex_type not in ("DATE", "TIME") or f.range is None or f.anchored:
            return
        before = self.text[max(0, f.start - 80) : f.start]
        low = before.lower()
        # Substring tests first: most expressions have none of these words before them, and a
        # search for a pattern anchored at the end tries every position of the window.
        if not any(w in low for w in _ANCHOR_WORDS):
            return
        begin, end = f.range
        if _SINCE.search(before, len(before) - 30 if len(before) > 30 else 0) or (
            "since" in low and _SINCE_CLAUSE.search(before)
        ):
            if begin is not None and (self.dct is None or begin <= self.dct):
                f.range = (begin, self.dct)
                f.anchored = True
            elif begin is not None and "since" not in low[-30:]:
                f.range = (begin, None)  # "from the start of the new year": open towards the future
                f.anchored = True
        elif (
            _DEADLINE.search(before, len(before) - 30 if len(before) > 30 else 0)
            and end is not None
            and (self.dct is None or end >= self.dct)
        ):
            f.range = (self.dct, end)
            f.anchored = True

    # Each handler gets the rule's own match of the core text (its named groups) and returns a
    # Found, or None to drop the hit.
    def read(self, m: re.Match[str], rule: str) -> Found | None:
        start, end = m.span(rule)
        core = _RULE_RE[rule].fullmatch(m.group(rule))
        if core is None:  # cannot happen: the rule matched this very text inside the pattern
            return None
        handler = getattr(self, "r_" + rule)
        found: Found | None = handler(core, start, end)
        if found is None:
            return None
        part = " ".join((m.group("part") or "").lower().split())
        if rule == "theunit" and c_unit(m.group(rule)) == "day" and not part:
            return None
        if part in ("earlier", "later"):
            # "earlier this year" is one expression; "earlier Monday" is a word and a date.
            if rule in ("theunit", "relunit") and found.timex_type == "DATE":
                found.start = m.start("part")
        elif part and found.timex_type == "DATE" and found.mod is None and rule != "decade":
            found.start = m.start("part")
            found.mod = PERIOD_PARTS.get(part)
        if m.group("dmod") and rule == "count":
            found.start = m.start("dmod")
            found.mod = DURATION_MODS.get(" ".join(m.group("dmod").lower().split()))
        if found.range is None and found.timex_type in ("DATE", "TIME") and not found.anchored:
            found.range = value_range(found.value)
        if found.range and found.range[0] == found.range[1] and found.range[0] is not None:
            self.last_day = found.range[0]
        if rule == "quarter" and found.value and re.fullmatch(r"\d{4}-Q[1-4]", found.value):
            self.last_quarter = found.value
        return found

    # -- absolute dates --
    def _day_date(self, month: int, day: int, year: str | None, start: int, end: int) -> Found:
        if year:
            try:
                d = date(int(year), month, day)
            except ValueError:
                return Found(start, end, "DATE", None)
            return Found(start, end, "DATE", d.isoformat())
        if self.dct is None:
            return Found(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}", needs_dct=True)
        tense = self.tense(start, end)
        candidates = []
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            try:
                candidates.append(date(y, month, day))
            except ValueError:
                continue
        if not candidates:
            return Found(start, end, "DATE", None, needs_dct=True)
        d = _pick(candidates, self.dct, tense, slack=timedelta(7))
        return Found(start, end, "DATE", d.isoformat())

    def r_iso(self, c: re.Match[str], s: int, e: int) -> Found | None:
        try:
            return Found(s, e, "DATE", date.fromisoformat(c.group(0)).isoformat())
        except ValueError:
            return None

    def r_mdy(self, c: re.Match[str], s: int, e: int) -> Found | None:
        month, day = MONTHS[c["mon"].rstrip(".").lower()], int(re.sub(r"\D", "", c["day"]))
        rel = (c.groupdict().get("rel") or "").lower()
        if rel in ("last", "next") and not c["year"] and self.dct is not None:
            # "last Oct. 23": the one before the publication date; "next March 3" the one after.
            for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)[:: 1 if rel == "next" else -1]:
                try:
                    d = date(y, month, day)
                except ValueError:
                    continue
                if (d < self.dct) if rel == "last" else (d > self.dct):
                    return Found(s, e, "DATE", d.isoformat())
        return self._day_date(month, day, c["year"], s, e)

    r_dmy = r_mdy

    def r_holiday(self, c: re.Match[str], s: int, e: int) -> Found | None:
        name = " ".join(c["name"].lower().split())
        if name in MOVABLE:
            month, weekday, first = MOVABLE[name]
            year = int(c["year"]) if c["year"] else None
            if year is None:
                if self.dct is None:
                    return Found(s, e, "DATE", None, needs_dct=True)
                year = (
                    self.dct.year
                    if (month, first) <= (self.dct.month, self.dct.day) or self.tense(s, e) > 0
                    else self.dct.year - 1
                )
            d = date(year, month, first)
            d += timedelta((weekday - d.isoweekday()) % 7)
            return Found(s, e, "DATE", d.isoformat())
        mm, dd = (int(x) for x in HOLIDAYS[name].split("-"))
        return self._day_date(mm, dd, c["year"], s, e)

    def r_month(self, c: re.Match[str], s: int, e: int) -> Found | None:
        month = MONTHS[c["mon"].rstrip(".").lower()]
        if c["mon"].lower() in ("may", "mar", "march") and not c["year"] and not c["rel"]:
            before = self.text[max(0, s - 12) : s].lower()
            if not re.search(
                r"(?:in|of|since|until|by|from|through|early|late|mid|-|last|next|this)\s*$", before
            ):
                return None  # the verb "may", the noun "march"
        if c["year"]:
            return Found(s, e, "DATE", f"{c['year']}-{month:02d}")
        if self.dct is None:
            return Found(s, e, "DATE", f"XXXX-{month:02d}", needs_dct=True)
        if c["yrel"]:
            return Found(s, e, "DATE", f"{self.dct.year + RELATIVE[c['yrel'].lower()]}-{month:02d}")
        if (
            not c["rel"]
            and len(c["mon"].rstrip(".")) <= 4
            and not c["mon"].endswith(".")
            and c["mon"].lower() not in ("may", "june", "july")
        ):
            return None  # "Jan" alone is a name (Jan Kowalski); as a month it takes a day or a stop
        y, cur = self.dct.year, self.dct.month
        rel = RELATIVE.get(" ".join(c["rel"].lower().split())) if c["rel"] else None
        if rel == -1:
            y = y if month < cur else y - 1
        elif rel == 1:
            y = y if month > cur else y + 1
        elif rel is None:
            firsts = [date(yy, month, 1) for yy in (y - 1, y, y + 1)]
            y = _pick(firsts, date(y, cur, 1), self.tense(s, e), slack=timedelta(0)).year
        return Found(s, e, "DATE", f"{y}-{month:02d}")

    def r_weekday(self, c: re.Match[str], s: int, e: int) -> Found | None:
        wd = WEEKDAYS[c["wd"].lower()]
        pod = PARTS_OF_DAY.get(c["pod"].lower()) if c["pod"] else None
        if self.dct is None:
            value = f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else "")
            return Found(s, e, "TIME" if pod else "DATE", value, needs_dct=True)
        rel = RELATIVE.get(" ".join(c["rel"].lower().split())) if c["rel"] else None
        d = self._weekday_date(wd, rel, s, e)
        value = d.isoformat() + (f"T{pod}" if pod else "")
        return Found(s, e, "TIME" if pod else "DATE", value, range=(d, d))

    def _weekday_date(self, wd: int, rel: int | None, s: int, e: int) -> date:
        """The date of a weekday: "last Friday" the one before the publication date's week day,
        "next Friday" the one after, a bare "Friday" by tense (news speaks of the past by default)."""
        assert self.dct is not None
        w0 = self.dct.isoweekday()
        if rel == -1:
            return self.dct - timedelta((w0 - wd - 1) % 7 + 1)
        if rel == 1:
            return self.dct + timedelta((wd - w0 - 1) % 7 + 1)
        if self.tense(s, e) > 0:
            return self.dct + timedelta((wd - w0) % 7)
        return self.dct - timedelta((w0 - wd) % 7)

    def r_season(self, c: re.Match[str], s: int, e: int) -> Found | None:
        code = SEASONS[c["season"].lower()][0]
        rel = RELATIVE.get(" ".join(c["rel"].lower().split())) if c["rel"] else None
        if c["season"].lower() == "fall" and not c["year"] and rel is None:
            before = self.text[max(0, s - 12) : s].lower()
            if c.group(0).lower().startswith("the") or not re.search(
                r"(?:in|this|by|until|since|late|early)\s+$", before
            ):
                return None  # "the fall of the city"
        if c["year"]:
            return Found(s, e, "DATE", f"{c['year']}-{code}")
        if self.dct is None:
            return Found(s, e, "DATE", f"XXXX-{code}", needs_dct=True)
        m0 = self.dct.month
        cur = (self.dct.year - (1 if m0 <= 2 else 0)) * 4 + (
            3 if m0 in (12, 1, 2) else {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1}.get(m0, 2)
        )
        t = _SEASON_IDX[code]
        back = cur - ((cur % 4 - t) % 4)  # the latest season `t` not after the current one
        if rel == -1:
            serial = back if back < cur else back - 4
        elif rel == 1:
            serial = back + 4
        elif rel == 0 or (rel is None and self.tense(s, e) > 0):
            serial = back if back == cur else back + 4
        elif rel is None and self.tense(s, e) == 0 and back != cur and cur - back > 2:
            serial = back + 4  # nearest: the coming one is closer than the one gone
        else:
            serial = back
        return Found(s, e, "DATE", f"{serial // 4}-{code}")

    def r_deictic(self, c: re.Match[str], s: int, e: int) -> Found | None:
        word = (c["deic"] or "today").lower()
        pod_word = c["pod"] or c["pod2"]
        pod = PARTS_OF_DAY.get(pod_word.lower()) if pod_word else ("NI" if word == "tonight" else None)
        if self.dct is None:
            return Found(s, e, "TIME" if pod else "DATE", None, needs_dct=True)
        d = self.dct + timedelta(DEICTIC[word])
        return Found(
            s, e, "TIME" if pod else "DATE", d.isoformat() + (f"T{pod}" if pod else ""), range=(d, d)
        )

    def r_quarter(self, c: re.Match[str], s: int, e: int) -> Found | None:
        if c["q"] or c["q2"]:
            n, half = int((c["q"] or c["q2"])[1]), False
            year = c["qyear"] or c["qyear2"]
        else:
            half = c["unit"].lower() == "half"
            n = HALVES[c["ord"].lower()] or (2 if half else 4)
            year = c["year"] or c["fyear"]
        if half and n > 2:
            return None
        tag = f"H{n}" if half else f"Q{n}"
        if not year:
            if self.dct is None:
                return Found(s, e, "DATE", f"XXXX-{tag}", needs_dct=True)
            y = self.dct.year
            if c["rel"]:
                y += RELATIVE.get(" ".join(c["rel"].lower().split()), 0)
            else:
                cur = (self.dct.month - 1) // (6 if half else 3) + 1
                if n > cur and self.tense(s, e) <= 0:
                    y -= 1
            year = str(y)
        return Found(s, e, "DATE", f"{year}-{tag}")

    def r_fiscal(self, c: re.Match[str], s: int, e: int) -> Found | None:
        y = c["year"]
        if y is None:
            if self.dct is None:
                return Found(s, e, "DATE", None, needs_dct=True)
            return Found(s, e, "DATE", str(self.dct.year))
        y = y.lstrip("'’")
        if len(y) == 2:
            y = ("19" if int(y) > 30 else "20") + y
        return Found(s, e, "DATE", y)  # TimeBank writes "fiscal 1989" as 1989

    def r_decade(self, c: re.Match[str], s: int, e: int) -> Found | None:
        dec = c["dec"].lstrip("'’")
        if len(dec) == 4:
            value = dec[:3]
        elif not c.group(0).lower().startswith("the") and c["dec"][0] not in "'’":
            return None  # "70s" alone is more often ages or temperatures
        elif self.dct is None:
            return Found(s, e, "DATE", f"XX{dec[0]}", needs_dct=True)
        else:
            century = self.dct.year // 100
            if int(dec[0]) > (self.dct.year // 10) % 10:
                century -= 1
            value = f"{century}{dec[0]}"
        mod = {"early": "START", "mid": "MID", "late": "END"}.get((c["part"] or "").lower())
        return Found(s, e, "DATE", value, mod=mod)

    def r_century(self, c: re.Match[str], s: int, e: int) -> Found | None:
        o = c["ord"].lower()
        n = (
            int(re.sub(r"\D", "", o))
            if o[0].isdigit()
            else ORDINALS.get(" ".join(o.replace("-", " ").split()))
        )
        if n is None:
            n = ORDINALS.get(o)
        if not n:
            return None
        return Found(s, e, "DATE", f"{n - 1:02d}")

    def r_year(self, c: re.Match[str], s: int, e: int) -> Found | None:
        return Found(s, e, "DATE", c["year"])

    def r_spoken(self, c: re.Match[str], s: int, e: int) -> Found | None:
        # Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand".
        words = re.split(r"[-\s]+", c["spoken"].lower())
        if words[:2] == ["two", "thousand"]:
            rest = [w for w in words[2:] if w != "and"]
            year = 2000 + sum(int(NUMBERS.get(w, 0)) for w in rest)
        else:
            tail = sum(int(NUMBERS.get(w, 0)) for w in words[1:])
            if not 10 <= tail <= 99 and not c.group(0).lower().startswith("the year"):
                return None  # "twenty five" is a count, not a year
            year = int(NUMBERS[words[0]]) * 100 + tail
        return Found(s, e, "DATE", str(year))

    def r_relunit(self, c: re.Match[str], s: int, e: int) -> Found | None:
        rel_word = " ".join(c["rel"].lower().split())
        unit_word = " ".join(c["unit"].lower().split())
        unit = _unit_of(unit_word)
        plural = unit_word != unit
        num = _number(c["num"]) if c["num"] else None
        if (
            num is not None
            or plural
            or rel_word in ("past", "recent", "first")
            or (rel_word == "coming" and unit in ("day", "hour"))
        ):
            # A stretch: "the past week", "the next three days", "the coming months".
            value = _duration(num or ("X" if plural else "1"), unit)
            rng: Range | None = None
            if self.dct is not None and rel_word != "first":
                step = RELATIVE.get(rel_word, -1)
                length = self._length(unit, num or ("X" if plural else "1"))
                if step < 0:
                    rng = (self.dct - length if length else None, self.dct)
                else:
                    rng = (self.dct, self.dct + length if length else None)
            return Found(s, e, "DURATION", value, range=rng, anchored=rng is not None)
        step = RELATIVE[rel_word]
        if unit == "quarter" and rel_word == "latest" and self.last_quarter:
            return Found(s, e, "DATE", self.last_quarter)
        base = self.dct
        if rel_word in ("following", "previous", "prior", "same") and self.last_day is not None:
            base = self.last_day  # "the following day": after the date the story is at
        if base is None:
            return Found(s, e, "DATE", None, needs_dct=True)
        return Found(s, e, "DATE", shift(base, unit, step))

    @staticmethod
    def _length(unit: str, num: str) -> timedelta | None:
        if num == "X":
            return None
        n = float(num)
        days = {
            "day": 1,
            "night": 1,
            "week": 7,
            "weekend": 7,
            "month": 30.44,
            "quarter": 91.31,
            "year": 365.25,
            "decade": 3652.5,
            "century": 36525,
            "hour": 1 / 24,
            "minute": 0,
            "second": 0,
        }[unit]
        return timedelta(days=round(n * days)) if days else timedelta(0)

    def r_count(self, c: re.Match[str], s: int, e: int) -> Found | None:
        unit = _unit_of(c["unit"])
        num = _number(c["num"])
        if c["half"] and num not in ("X",):  # "a minute and a half"
            num = str(float(num) + 0.5)
        if (
            not c["dir"]
            and c["num"].lower() in ("a", "an")
            and _SET_BEFORE.search(self.text[max(0, s - 12) : s])
        ):
            return Found(s, e, "SET", _duration("1", unit))  # "$5 million a year", "twice a day"
        if c["dir"]:
            sign = -1 if c["dir"].lower() in ("ago", "earlier") else 1
            if unit == "year" and self.last_quarter and num not in ("X", "0.5"):
                y, q = self.last_quarter.split("-Q")  # "a year earlier" than the quarter reported
                return Found(s, e, "DATE", f"{int(y) + sign * int(float(num))}-Q{q}")
            if self.dct is None:
                return Found(s, e, "DATE", None, needs_dct=True)
            value = _ago(self.dct, unit, num, sign)
            return Found(s, e, "DATE", value)
        if unit == "weekend":
            return None
        return Found(s, e, "DURATION", _duration(num, unit))

    def r_set(self, c: re.Match[str], s: int, e: int) -> Found | None:
        if c["word"]:
            return Found(s, e, "SET", SETS[c["word"].lower()])
        if c["per"]:
            if c["per"].lower() == "a" and not _SET_BEFORE.search(self.text[max(0, s - 12) : s]):
                return None
            return Found(s, e, "SET", _duration("1", c["unit"].lower()))
        what = " ".join(c["what"].lower().split())
        num = _number(c["num"]) if c["num"] else "1"
        if c.group(0).lower().split()[1:2] == ["other"]:
            num = "2"
        if what in WEEKDAYS:
            return Found(s, e, "SET", f"XXXX-WXX-{WEEKDAYS[what]}")
        if what in PARTS_OF_DAY:
            return Found(s, e, "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")
        if what in SEASONS:
            return Found(s, e, "SET", f"XXXX-{SEASONS[what][0]}")
        return Found(s, e, "SET", _duration(num, _unit_of(what)))

    def r_clock(self, c: re.Match[str], s: int, e: int) -> Found | None:
        if c["named"]:
            hh, mm = (24, 0) if c["named"].lower() == "midnight" else (12, 0)
        elif c["h2"]:
            hh, mm = int(c["h2"]), int(c["m2"])
            if not re.search(
                r"(?:at|by|until|from|since|before|after)\s+$", self.text[max(0, s - 8) : s], re.I
            ):
                return None  # "3:2" scores and ratios
        else:
            hh, mm = int(c["h"]), int(c["m"] or 0)
            if not 1 <= hh <= 12 or mm > 59:
                return None
            pm = c["ampm"].lower().startswith("p")
            hh = (hh % 12) + (12 if pm else 0)
        day = (
            self.last_day
            if self.last_day and self.dct and abs((self.last_day - self.dct).days) < 7
            else self.dct
        )
        wd = c["wd"] or c["wd2"]
        if wd and self.dct is not None:  # "9 a.m. Tuesday": the day is that weekday's
            day = self._weekday_date(WEEKDAYS[wd.lower()], None, s, e)
        if day is None:
            return Found(s, e, "TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}", needs_dct=True)
        return Found(s, e, "TIME", f"{day.isoformat()}T{hh:02d}:{mm:02d}", range=(day, day))

    def r_ref(self, c: re.Match[str], s: int, e: int) -> Found | None:
        value = REFERENCES.get(" ".join(c.group(0).lower().split()), "PRESENT_REF")
        if c.group(0).lower().startswith("the "):
            s += len(c.group(0)) - len(c.group(0)[4:].lstrip())  # TimeBank: "the [future]"
        rng: Range | None = None
        if self.dct is not None:
            rng = {"PRESENT_REF": (self.dct, self.dct), "PAST_REF": (None, self.dct)}.get(
                value, (self.dct, None)
            )
        return Found(s, e, "DATE", value, range=rng, needs_dct=True)

    def r_theunit(self, c: re.Match[str], s: int, e: int) -> Found | None:
        # "the year" is a date in news as a rule ("the year's budget", "the end of the year");
        # "the day" only as part of a period (the caller checks), "that year" at the story's date.
        unit = c["unit"].lower()
        base = self.dct
        if c.group(0).lower().startswith("that"):
            base = self.last_day or self.dct
        if base is None:
            return Found(s, e, "DATE", None, needs_dct=True)
        if c["new"]:  # "the new year": the coming one, or this one in its first months
            return Found(s, e, "DATE", str(base.year + (1 if base.month >= 7 else 0)))
        if unit == "quarter":
            return Found(s, e, "DATE", self.last_quarter or shift(base, "quarter", -1))
        if unit == "weekend":
            sat = (
                base + timedelta((6 - base.isoweekday()) % 7)
                if self.tense(s, e) > 0
                else (base - timedelta((base.isoweekday() - 6) % 7))
            )
            return Found(s, e, "DATE", week_value(sat) + "-WE")
        return Found(s, e, "DATE", shift(base, unit, 0))

    def r_yearago(self, c: re.Match[str], s: int, e: int) -> Found | None:
        # "the year-earlier quarter", "year-ago profit": the same period a year before the one the
        # story is about (the last quarter named), else the year before publication.
        if c["ord"] and c["what"].lower() == "quarter" and HALVES.get(c["ord"].lower()):
            # "the year-earlier third quarter": that quarter, a year before the story's year.
            base = int(self.last_quarter[:4]) if self.last_quarter else (self.dct.year if self.dct else None)
            if base is None:
                return Found(s, e, "DATE", None, needs_dct=True)
            return Found(s, e, "DATE", f"{base - 1}-Q{HALVES[c['ord'].lower()]}")
        if self.last_quarter:
            y, q = self.last_quarter.split("-Q")
            return Found(s, e, "DATE", f"{int(y) - 1}-Q{q}")
        if self.dct is None:
            return Found(s, e, "DATE", None, needs_dct=True)
        return Found(s, e, "DATE", str(self.dct.year - 1))

    def r_nth(self, c: re.Match[str], s: int, e: int) -> Found | None:
        if not re.search(r"(?:on|by|until|since|from)\s+$", self.text[max(0, s - 7) : s], re.I):
            return None  # "the 5th" alone is an army unit as often as a day
        day = int(c["day"][:-2])
        if self.dct is None:
            return Found(s, e, "DATE", f"XXXX-XX-{day:02d}", needs_dct=True)
        month = self.dct.month
        tense = self.tense(s, e)
        if day > self.dct.day and tense <= 0:
            month -= 1
        elif day < self.dct.day and tense > 0:
            month += 1
        y, m = divmod(self.dct.year * 12 + month - 1, 12)
        return self._day_date(m + 1, day, str(y), s, e)

    def r_bare(self, c: re.Match[str], s: int, e: int) -> Found | None:
        return Found(s, e, "DURATION", _duration("X", _unit_of(c["unit"])))


def find_times(text: str, published: str | None, doc: Doc | None = None) -> list[dict[str, Any]]:
    """The time expressions of `text` as TimeRef fields (plain data), resolved against `published`
    (the tense of a bare "Friday" read from `doc`'s parse when given, else from cue words)."""
    return Tagger(text, published, doc).run()


class TimesFinder:
    """The pipeline component: ``doc._.times`` from the Doc's text and ``doc._.published``."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = find_times(doc.text, doc._.published, doc)
        return doc


@Language.factory("fogofwar_times", default_config={})
def make_times(nlp: Language, name: str) -> TimesFinder:
    return TimesFinder(nlp)
