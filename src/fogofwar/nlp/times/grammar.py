"""The times grammar: one pattern for every time expression, compiled once per lexicon.

The words come from a lexicon (``knowledge/times.json`` by default, or any file of the same
shape); :func:`time_grammar` builds one compiled regular expression from them, which finds every
expression in one left-to-right pass over a text (spans are character offsets, so the
expression's own words and nothing else). Each alternative is bounded (no nested open-ended
repeats), so a megabyte of digits and dashes cannot make it backtrack badly. What a hit means
is the resolver's business (``resolve.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fogofwar.knowledge import time_words

Lexicon = dict[str, dict[str, object]]


def _alt(words: Iterable[object], *, cased: bool = False, dot: bool = False) -> str:
    """An alternation of the words, spaces as any whitespace, written as a trie (a shared prefix
    once: "m(?:onths?|inutes?)"), so a word that is none of them fails on its first letters
    instead of being compared with every form. `cased` keeps case (months, weekdays), also in
    ALL CAPS for wire copy; `dot` lets abbreviations take a full stop (Aug.)."""
    forms = {str(w) for w in words}
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


def _ints(section: dict[str, object], *, lower: bool = False) -> dict[str, int]:
    return {(k.lower() if lower else k): int(v) for k, v in section.items()}  # type: ignore[call-overload]


def _strs(section: dict[str, object], *, lower: bool = False) -> dict[str, str]:
    return {(k.lower() if lower else k): str(v) for k, v in section.items()}


@dataclass(frozen=True)
class TimeWords:
    """The lexicon's lists, typed: what each word contributes to a TIMEX3 value."""

    months: dict[str, int]  # lower case name or abbreviation -> month number
    weekdays: dict[str, int]  # lower case -> ISO weekday
    seasons: dict[str, tuple[str, int, int]]  # word -> (TIMEX3 code, first month, last month)
    parts_of_day: dict[str, str]
    period_parts: dict[str, str]  # "the end of" -> TIMEX3 mod
    halves: dict[str, int]  # ordinal of a quarter or half -> its number
    relative: dict[str, int]  # "last" -> -1
    deictic: dict[str, int]  # "yesterday" -> -1
    numbers: dict[str, float]
    vague: set[str]  # "several": a count TIMEX3 writes X
    units: dict[str, str]  # unit -> TIMEX3 duration code
    unit_forms: dict[str, str]  # singular or plural -> unit
    duration_mods: dict[str, str]
    references: dict[str, str]  # "the past" -> PAST_REF
    sets: dict[str, str]
    holidays: dict[str, str]  # lower case -> MM-DD
    movable: dict[str, list[int]]  # lower case -> [month, ISO weekday, first day it can fall on]
    ordinals: dict[str, int]
    future_cues: list[str]

    @classmethod
    def of(cls, lexicon: Lexicon) -> TimeWords:
        units = _strs(lexicon["units"])
        plurals = _strs(lexicon["plurals"])
        unit_forms: dict[str, str] = {}
        for unit in units:
            unit_forms[unit] = unit
            unit_forms[plurals.get(unit, unit + "s")] = unit
        return cls(
            months=_ints(lexicon["months"], lower=True),
            weekdays=_ints(lexicon["weekdays"], lower=True),
            seasons={k: tuple(v) for k, v in lexicon["seasons"].items()},  # type: ignore[misc, arg-type]
            parts_of_day=_strs(lexicon["parts_of_day"]),
            period_parts=_strs(lexicon["period_parts"]),
            halves=_ints(lexicon["halves"]),
            relative=_ints(lexicon["relative"]),
            deictic=_ints(lexicon["deictic_days"]),
            numbers={k: float(v) for k, v in lexicon["numbers"].items()},  # type: ignore[arg-type]
            vague=set(lexicon["vague_numbers"]),
            units=units,
            unit_forms=unit_forms,
            duration_mods=_strs(lexicon["duration_mods"]),
            references=_strs(lexicon["references"]),
            sets=_strs(lexicon["sets"]),
            holidays=_strs(lexicon["holidays"], lower=True),
            movable={k.lower(): list(v) for k, v in lexicon["movable_holidays"].items()},  # type: ignore[call-overload]
            ordinals=_ints(lexicon["ordinals"]),
            future_cues=list(lexicon["future_cues"]["words"]),  # type: ignore[call-overload]
        )


@dataclass(frozen=True)
class _Pieces:
    """The shared sub-patterns the rules are written with."""

    mon: str
    wd: str
    season: str
    pod: str
    rel: str
    numword: str
    num: str
    unit: str
    ord: str
    half_ord: str

    @classmethod
    def of(cls, w: TimeWords, lexicon: Lexicon) -> _Pieces:
        numword = _alt(k for k in w.numbers if k not in {"a", "an", "half a"})
        return cls(
            mon=_alt(lexicon["months"], cased=True, dot=True) + r"(?![A-Za-z])",
            wd=_alt(lexicon["weekdays"], cased=True) + r"(?![A-Za-z])",
            season=_alt(w.seasons),
            pod=_alt(w.parts_of_day),
            rel=_alt(w.relative),
            numword=numword,
            num=(
                r"(?:\d{1,3}\s+1/2|\d{1,4}(?:\.\d{1,2})?|"
                + numword
                + r"(?:[-\s]"
                + numword
                + r")?|half\s+an?|an?|"
                + _alt(w.vague)
                + ")"
            ),
            unit=_alt(w.unit_forms),
            ord=r"(?:\d{1,2}(?:st|nd|rd|th)|" + _alt(w.ordinals) + ")",
            half_ord=_alt(w.halves),
        )


DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)(?![:,]\d)"
YEAR = r"(?<![\d$£€.,])(?:1[5-9]\d\d|20\d\d)(?![\d%])(?![.,]\d)"
# What joins the two days of a range: a dash (hyphen or en dash) or a word, each bounded.
RANGE_JOIN = r"[ \t]?[-–][ \t]?|\s+(?:to|through|until|till|and)\s+"


def _date_rules(p: _Pieces, w: TimeWords, lexicon: Lexicon) -> list[tuple[str, str]]:
    """The rules of calendar dates and periods: days, holidays, quarters, years, seasons, months."""
    mon, wd, rel = p.mon, p.wd, p.rel
    holiday = _alt([*lexicon["holidays"], *lexicon["movable_holidays"]], cased=True)
    return [
        ("iso", r"\d{4}-\d\d-\d\d"),
        # A range of days in one month: "26-30 January", "26 to 30 January", "between 26 and 30
        # January" (the resolver takes "and" as a range only after "between"), "January 26-30".
        (
            "dmyrange",
            rf"(?P<d1>{DAY})(?P<join>{RANGE_JOIN})(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{mon})(?:,?\s+(?P<year>{YEAR}))?",
        ),
        (
            "mdyrange",
            rf"(?P<mon>{mon})\s+(?P<d1>{DAY})(?P<join>{RANGE_JOIN})(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?",
        ),
        (
            "mdy",
            rf"(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\s+(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<year>{YEAR}))?",
        ),
        (
            "dmy",
            rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{mon})(?:,?\s+(?P<year>{YEAR}))?",
        ),
        ("holiday", rf"(?P<name>{holiday})(?:\s+(?P<year>{YEAR}))?"),
        (
            "quarter",
            rf"(?:the\s+)?(?P<ord>{p.half_ord})(?:\s+|-)(?:fiscal\s+)?(?P<unit>quarter|half)"
            rf"(?:\s+of\s+(?:(?P<year>{YEAR})|(?:fiscal\s+)?(?P<fyear>{YEAR})|(?:the\s+|this\s+)?year|(?P<rel>{rel})\s+year))?"
            rf"|(?P<q>Q[1-4])(?:\s+(?P<qyear>{YEAR}))?|(?P<qyear2>{YEAR})-(?P<q2>Q[1-4])",
        ),
        ("fiscal", rf"fiscal\s+(?:year\s+)?(?P<year>{YEAR}|'?\d\d)|the\s+fiscal\s+year"),
        (
            "decade",
            r"(?:the\s+)?(?:(?P<part>early|mid|late)[-\s]?)?(?P<dec>(?:1[5-9]|20)\d0|['’]\d0|\d0)['’]?s",
        ),
        ("century", rf"(?:the\s+)?(?P<ord>{p.ord})\s+century"),
        (
            "season",
            rf"(?:the\s+)?(?:(?P<rel>{rel})\s+)?(?P<season>{p.season})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
        ),
        (
            "month",
            rf"(?:(?P<rel>{rel})\s+)?(?P<mon>{mon})(?:,?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<yrel>last|next|this)\s+year))?",
        ),
        ("weekday", rf"(?:(?P<rel>{rel})\s+)?(?P<wd>{wd})(?:\s+(?P<pod>{p.pod}))?"),
        ("deictic", rf"(?P<deic>{_alt(w.deictic)})(?:\s+(?P<pod>{p.pod}))?|this\s+(?P<pod2>{p.pod})"),
    ]


def _span_rules(p: _Pieces, w: TimeWords, lexicon: Lexicon) -> list[tuple[str, str]]:
    """The rules of counted units, repeats, clock times, references and the shapes tried last."""
    num, unit, wd, pod = p.num, p.unit, p.wd, p.pod
    numword = p.numword
    return [
        ("relunit", rf"(?:the\s+)?(?P<rel>{p.rel}|first)\s+(?:(?P<num>{num})\s+)?(?P<unit>{unit})"),
        (
            "count",
            rf"(?P<num>{num})(?:\s+{_alt(lexicon['count_adjectives'])})?(?:\s+|-)(?P<unit>{unit})(?![-\s]old)"
            r"(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<dir>ago|earlier|later|from\s+now|hence))?",
        ),
        (
            "set",
            rf"(?:every|each)\s+(?:other\s+)?(?:(?P<num>{num})\s+)?(?P<what>{unit}|{wd}|{pod}|{p.season})"
            rf"|(?P<word>{_alt(w.sets)})|(?P<per>a|per)\s+(?P<unit>day|week|month|year)",
        ),
        (
            "clock",
            r"(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m)(?:\s+(?P<tz>[A-Z]{2,4}T))?"
            rf"(?:,?\s+(?P<wd>{wd}))?"
            r"|(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)"
            rf"|(?P<named>noon|midday|midnight)(?:,?\s+(?P<wd2>{wd}))?",
        ),
        ("ref", _alt([*w.references, "current"])),
        (
            "yearago",
            r"(?:the\s+(?=(?:comparable\s+)?year[-\s](?:earlier|ago)\s+(?:\w+\s+)?(?:period|quarter|level|results?|figures?)))?"
            rf"(?:comparable\s+)?year[-\s](?:earlier|ago)(?:\s+(?:(?P<ord>{p.half_ord})[-\s]+)?(?P<what>period|quarter))?",
        ),
        (
            "spoken",
            rf"(?:the\s+year\s+)?(?P<spoken>(?:nineteen|twenty)[-\s]+{numword}(?:[-\s]+{numword})?|two\s+thousand(?:[-\s]+(?:and[-\s]+)?{numword})?)",
        ),
        ("theunit", r"(?:the|that)\s+(?P<new>new\s+)?(?P<unit>year|month|week|weekend|day|quarter)"),
        ("nth", r"the\s+(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))"),
        ("bare", r"(?P<unit>years|months|weeks|days|decades|hours|centuries)"),
        ("year", rf"(?P<year>{YEAR})"),
    ]


# The rules' names, in the order they are tried: where two could start at the same place the
# first that matches wins, so longer shapes come before their own beginnings.
RULE_NAMES = (
    "iso",
    "dmyrange",
    "mdyrange",
    "mdy",
    "dmy",
    "holiday",
    "quarter",
    "fiscal",
    "decade",
    "century",
    "season",
    "month",
    "weekday",
    "deictic",
    "relunit",
    "count",
    "set",
    "clock",
    "ref",
    "yearago",
    "spoken",
    "theunit",
    "nth",
    "bare",
    "year",
)


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made plain groups, so the rules fit in one pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _first_words(*lists: Iterable[object]) -> set[str]:
    return {str(w).split()[0].lower().rstrip(".") for words in lists for w in words}


# Words that start an expression without being in any of the lexicon's lists.
_OTHER_TRIGGERS = [
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
]
_AFTER_THE = [
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
]
_AFTER_A = ["few", "couple", "dozen", "hundred", "half", "number", "year"]


def _triggers(w: TimeWords, lexicon: Lexicon) -> set[str]:
    """Where an expression can start: its first word is one of these. Trying the whole pattern
    only there (not at every word) is what keeps the pass cheap: Python's re tries each
    alternative at each position, which on plain prose is several times slower than the parser."""
    triggers = _first_words(
        lexicon["months"],
        lexicon["weekdays"],
        w.seasons,
        w.parts_of_day,
        w.period_parts,
        w.relative,
        w.deictic,
        w.numbers,
        w.vague,
        w.unit_forms,
        w.duration_mods,
        w.references,
        w.sets,
        lexicon["holidays"],
        lexicon["movable_holidays"],
        w.ordinals,
        w.halves,
        _OTHER_TRIGGERS,
    )
    triggers.discard("the")
    return triggers


def _followers(w: TimeWords) -> dict[str, set[str]]:
    """ "the" and "a" start far too many phrases: they are tried only before one of these."""
    after_a = _first_words(w.unit_forms, w.numbers, w.vague, _AFTER_A)
    return {
        "the": _first_words(w.relative, w.seasons, w.ordinals, w.halves, w.unit_forms, _AFTER_THE),
        "a": after_a,
        "an": after_a,
    }


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TimeGrammar:
    """A lexicon's words and the patterns compiled from them (see :func:`time_grammar`)."""

    words: TimeWords
    pattern: re.Pattern[str]  # every rule as one alternative group named after it
    rules: dict[str, re.Pattern[str]]  # each rule alone, with its own named groups
    triggers: set[str]
    followers: dict[str, set[str]]
    future: re.Pattern[str]  # a word that puts its clause ahead of the publication date

    def scan(self, text: str) -> Iterator[re.Match[str]]:
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
            if not (low in self.triggers or low[0].isdigit()):
                followers = self.followers.get(low)
                if followers is None:
                    continue
                pending = next(words, None)
                if pending is None or not (
                    pending.group().lower() in followers or pending.group()[0].isdigit()
                ):
                    continue
            if start and text[start - 1] in "'’" and low[0].isdigit():
                start -= 1  # "'90s"
            m = self.pattern.match(text, start)
            if m is not None and m.end() > m.start():
                resume = m.end()
                pending = None if pending is not None and pending.start() < resume else pending
                yield m


def time_grammar(source: str = "times") -> TimeGrammar:
    """The grammar of a lexicon (a bundled name or a path, see ``fogofwar.knowledge.read_json``),
    compiled once per source: every Doc of a pipeline, and every pipeline, shares it."""
    return _compile(source)  # one cache key per source, however the caller spells the call


@lru_cache(maxsize=8)
def _compile(source: str) -> TimeGrammar:
    lexicon = time_words(source)
    w = TimeWords.of(lexicon)
    pieces = _Pieces.of(w, lexicon)
    rules = dict([*_date_rules(pieces, w, lexicon), *_span_rules(pieces, w, lexicon)])
    assert tuple(rules) == RULE_NAMES  # the order is the grammar's: see RULE_NAMES
    pattern = re.compile(
        r"(?<![\w$£€])(?:(?P<dmod>"
        + _alt(w.duration_mods)
        + r")\s+)?(?:(?P<part>"
        + _alt([*w.period_parts, "earlier", "later"])
        + r")(?:\s+|-))?(?:"
        + "|".join(f"(?P<{name}>{_unnamed(rule)})" for name, rule in rules.items())
        + r")(?!\w)",
        re.I,
    )
    future = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in w.future_cues) + r")(?!\w)", re.I)
    return TimeGrammar(
        words=w,
        pattern=pattern,
        rules={name: re.compile(rule, re.I) for name, rule in rules.items()},
        triggers=_triggers(w, lexicon),
        followers=_followers(w),
        future=future,
    )
