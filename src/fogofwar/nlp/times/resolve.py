"""The times resolver: each match of the grammar read as a TIMEX3 value and calendar range.

A hit of the grammar (``grammar.py``) is handed to its rule (the table ``RULES``, one per
grammar rule), which resolves it against the publication date: a bare "Friday" by the tense
of its clause, "last spring" by the seasons, "the following day" from the last day the story
named. The context then makes periods of dates ("since August 6", "by spring 2025").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

from fogofwar.nlp.times.grammar import TimeGrammar, TimeWords
from fogofwar.nlp.times.tense import clause_tense, pick_by_tense
from fogofwar.timecode import (
    add_months,
    ago_value,
    approx_length,
    duration_value,
    latest_season,
    parse_day,
    season_serial,
    season_value,
    shift,
    value_range,
    week_value,
    weekday_after,
    weekday_before,
)

OpenRange = tuple[date | None, date | None]

# What comes just before an expression and makes it one end of a stretch of time ("since the"
# too: "since the October 7 attacks"; not "from the", which compares: "down 4% from the previous
# Friday").
_SINCE = re.compile(
    r"(?<!\w)(?:since\s+(?P<the>the\s+)?|(?:from|starting|beginning)\s+)(?:early\s+|late\s+)?$",
    re.I,
)
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
# What before a date without a year says it lies before the publication date: "since October"
# written in August is last year's October. "since" and "the past" always look back; "from",
# "after", "starting" and "beginning" only in a clause told as past ("raged from October"), since
# a forecast's "from 3 March" or "after October" lies ahead.
_LOOKS_BACK = re.compile(
    r"(?<!\w)(?P<w>since|from|after|starting|beginning|(?:over|in|during)\s+the\s+past)\s+(?:the\s+)?$",
    re.I,
)
_BACK_WORDS = ("since", "from", "after", "starting", "beginning", "past")
_BETWEEN = re.compile(r"(?<!\w)between\s+$", re.I)
_SET_BEFORE = re.compile(r"(?:\d|%|percent|million|billion|times|once|twice|dollars?|cents?)\s*$", re.I)


@dataclass
class TimexMatch:
    """One expression as a rule read it: its span, TIMEX3 type, value and mod, and its days."""

    start: int
    end: int
    timex_type: str
    value: str | None
    mod: str | None = None
    range: OpenRange | None = None
    needs_dct: bool = False  # the value could not be resolved without a publication date
    anchored: bool = False  # the range was set by the context ("since", "by", "the past")


def count_value(text: str, words: TimeWords) -> str:
    """A count as TIMEX3 writes it: 3, 0.5, or X for 'several'."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in words.vague or t == "some":
        return "X"
    if m := re.fullmatch(r"(\d+) 1/2", t):
        return m[1] + ".5"
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        x = float(t)
        return str(int(x)) if x.is_integer() else str(x)
    if t.startswith("half"):
        return "0.5"
    if t in words.numbers:  # "a couple of", "a dozen"
        whole = words.numbers[t]
        return str(int(whole)) if whole.is_integer() else str(whole)
    total = 0.0
    for word in t.split():
        n = words.numbers.get(word)
        if n is None:
            return "X"
        total = total * n if n == 100 and total else total + n
    return str(int(total)) if total.is_integer() else str(total)


def _squash(text: str) -> str:
    """Lower case, runs of whitespace as one space: the form the lexicon's keys are written in."""
    return " ".join(text.lower().split())


class TimeResolver:
    """Finds and resolves the time expressions of one text (the component makes one per Doc)."""

    def __init__(
        self, grammar: TimeGrammar, text: str, published: str | None, doc: Doc | None = None
    ) -> None:
        self.grammar = grammar
        self.words = grammar.words
        self.text = text
        # The parse is used for tense only when the Doc has one (the component after a parser).
        self.doc = doc if doc is not None and doc.has_annotation("DEP") else None
        self.dct: date | None = parse_day(published)
        self.last_day: date | None = None  # the latest day-precise date read, for "the next day"
        self.last_quarter: str | None = None  # the latest quarter named (2024-Q3), for "the quarter"
        self.back = False  # the hit being read follows "since" (see _LOOKS_BACK): no year ahead

    def tense(self, start: int, end: int) -> int:
        """See :func:`clause_tense`."""
        return clause_tense(self.text, self.doc, self.grammar.future, start, end)

    def run(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for m in self.grammar.scan(self.text):
            rule = m.lastgroup
            if rule is None or rule in ("dmod", "part"):
                continue
            found = self.read(m, rule)
            if found is None:
                continue
            self.anchor(found)
            out.append(self.fields(found))
        return out

    def fields(self, f: TimexMatch) -> dict[str, Any]:
        """The match as the fields of :class:`fogofwar.model.TimeRef`."""
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

    def anchor(self, f: TimexMatch) -> None:
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
        since = _SINCE.search(before, len(before) - 30 if len(before) > 30 else 0)
        if since is not None and since["the"] and (f.value or "").endswith("_REF"):
            return  # "from the current level": no stretch; "since the October 7 attacks" is one
        if since is not None or ("since" in low and _SINCE_CLAUSE.search(before)):
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

    def read(self, m: re.Match[str], rule: str) -> TimexMatch | None:
        """The hit of `rule` read by its rule (which gets the rule's own match of the core text,
        with its named groups), widened by a period part or duration mod written before it."""
        start, end = m.span(rule)
        core = self.grammar.rules[rule].fullmatch(m.group(rule))
        if core is None:  # cannot happen: the rule matched this very text inside the pattern
            return None
        self.back = self.dct is not None and self._looks_back(m.start(), start, end)
        found = RULES[rule](self, core, start, end)
        if found is None:
            return None
        part = _squash(m.group("part") or "")
        if rule == "theunit" and m.group(rule).split()[-1].lower() == "day" and not part:
            return None
        self._widen(found, m, rule, part)
        if found.range is None and found.timex_type in ("DATE", "TIME") and not found.anchored:
            found.range = value_range(found.value)
        if found.range and found.range[0] == found.range[1] and found.range[0] is not None:
            self.last_day = found.range[0]
        if rule == "quarter" and found.value and re.fullmatch(r"\d{4}-Q[1-4]", found.value):
            self.last_quarter = found.value
        return found

    def _looks_back(self, at: int, start: int, end: int) -> bool:
        """Whether the expression starting at `at` (its core at [start, end)) opens a stretch that
        reaches up to the publication date ("since October", "since the incursion began on
        August 6", "raged from October"), so that a date without a year lies on or before it."""
        before = self.text[max(0, at - 80) : at]
        low = before.lower()
        if not any(w in low for w in _BACK_WORDS):
            return False
        word = _LOOKS_BACK.search(before, len(before) - 20 if len(before) > 20 else 0)
        if word is None:
            return "since" in low and _SINCE_CLAUSE.search(before) is not None
        # "past" alone is also "beyond" ("continue past the Nov. 1 deadline"): only "over the past".
        return word["w"].lower() == "since" or "past" in word["w"].lower() or self.tense(start, end) < 0

    def _widen(self, found: TimexMatch, m: re.Match[str], rule: str, part: str) -> None:
        """ "the end of" before a date makes it start there, with its mod; "about" before a count."""
        if part in ("earlier", "later"):
            # "earlier this year" is one expression; "earlier Monday" is a word and a date.
            if rule in ("theunit", "relunit") and found.timex_type == "DATE":
                found.start = m.start("part")
        elif part and found.timex_type == "DATE" and found.mod is None and rule != "decade":
            found.start = m.start("part")
            found.mod = self.words.period_parts.get(part)
        if m.group("dmod") and rule == "count":
            found.start = m.start("dmod")
            found.mod = self.words.duration_mods.get(_squash(m.group("dmod")))

    # -- helpers the rules share --
    def _unit_of(self, word: str) -> str:
        return self.words.unit_forms[_squash(word)]

    def _duration(self, num: str, unit: str) -> str:
        return duration_value(num, self.words.units[unit])

    def _ago(self, unit: str, num: str, sign: int) -> str | None:
        """'three years ago' -> 2021 (in 2024): the unit that many steps away, at the unit's grain."""
        assert self.dct is not None
        if num == "X":
            return "PAST_REF" if sign < 0 else "FUTURE_REF"
        n = float(num)
        if not n.is_integer():
            return None
        return ago_value(self.dct, unit, int(n) * sign)

    def _relative(self, word: str | None) -> int | None:
        """The step of "last", "next", "this" ... (None when there is no such word)."""
        return self.words.relative.get(_squash(word)) if word else None

    def _preceded_by(self, pattern: str, s: int, width: int) -> bool:
        """Whether the `width` characters before `s` end with `pattern` (case-insensitive)."""
        return re.search(pattern, self.text[max(0, s - width) : s], re.I) is not None

    def _day_date(self, month: int, day: int, year: str | None, start: int, end: int) -> TimexMatch:
        """A day of a month: of the year written, else the one the tense points at."""
        if year:
            try:
                d = date(int(year), month, day)
            except ValueError:
                return TimexMatch(start, end, "DATE", None)
            return TimexMatch(start, end, "DATE", d.isoformat())
        if self.dct is None:
            return TimexMatch(start, end, "DATE", f"XXXX-{month:02d}-{day:02d}", needs_dct=True)
        tense = self.tense(start, end)
        candidates = []
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            try:
                candidates.append(date(y, month, day))
            except ValueError:
                continue
        if not candidates:
            return TimexMatch(start, end, "DATE", None, needs_dct=True)
        dct = self.dct
        gone = [d for d in candidates if d <= dct] if self.back else []
        d = max(gone) if gone else pick_by_tense(candidates, dct, tense, slack=timedelta(7))
        return TimexMatch(start, end, "DATE", d.isoformat())

    def _weekday_date(self, wd: int, rel: int | None, s: int, e: int) -> date:
        """The date of a weekday: "last Friday" the one before the publication date's week day,
        "next Friday" the one after, a bare "Friday" by tense (news speaks of the past by default)."""
        assert self.dct is not None
        if rel == -1:
            return weekday_before(self.dct, wd, strict=True)
        if rel == 1:
            return weekday_after(self.dct, wd, strict=True)
        if self.back:
            return weekday_before(self.dct, wd)
        if self.tense(s, e) > 0:
            return weekday_after(self.dct, wd)
        return weekday_before(self.dct, wd)

    # -- the rules: each gets the rule's own match and the span, and returns a TimexMatch or None
    # to drop the hit. RULES below maps each grammar rule to its own.
    def _iso_day(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        try:
            return TimexMatch(s, e, "DATE", date.fromisoformat(c.group(0)).isoformat())
        except ValueError:
            return None

    def _month_day(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        month, day = self.words.months[c["mon"].rstrip(".").lower()], int(re.sub(r"\D", "", c["day"]))
        rel = (c.groupdict().get("rel") or "").lower()
        if rel in ("last", "next") and not c["year"] and self.dct is not None:
            # "last Oct. 23": the one before the publication date; "next March 3" the one after.
            for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)[:: 1 if rel == "next" else -1]:
                try:
                    d = date(y, month, day)
                except ValueError:
                    continue
                if (d < self.dct) if rel == "last" else (d > self.dct):
                    return TimexMatch(s, e, "DATE", d.isoformat())
        return self._day_date(month, day, c["year"], s, e)

    def _day_range(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        """ "26-30 January", "between 26 and 30 January", "January 26-30": the first day to the
        last, in the year the last day resolves to; the value is the first day (TIMEX3 has no
        value for a range). Two days joined by "and" without "between" are no range ("on 26 and
        30 January"): read as the one day the date rules read, as before."""
        month = self.words.months[c["mon"].rstrip(".").lower()]
        first, last = (int(re.sub(r"\D", "", c[g])) for g in ("d1", "day"))
        day_first = c.group(0)[0].isdigit()
        no_range = first >= last or (
            c["join"].strip().lower() == "and" and not _BETWEEN.search(self.text, max(0, s - 10), s)
        )
        if no_range:
            if day_first:  # "30 January": the date rule's span and year
                return self._day_date(month, last, c["year"], s + c.start("day"), e)
            return self._day_date(month, first, None, s, s + c.end("d1"))  # "January 26"
        found = self._day_date(month, last, c["year"], s, e)
        if found.value is None or found.needs_dct:
            found.value = found.value and f"{found.value[:8]}{first:02d}"
            return found
        end_day = date.fromisoformat(found.value)
        begin_day = end_day.replace(day=first)
        return TimexMatch(s, e, "DATE", begin_day.isoformat(), range=(begin_day, end_day), anchored=True)

    def _holiday(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        name = _squash(c["name"])
        if name in self.words.movable:
            month, weekday, first = self.words.movable[name]
            year = int(c["year"]) if c["year"] else None
            if year is None:
                if self.dct is None:
                    return TimexMatch(s, e, "DATE", None, needs_dct=True)
                year = (
                    self.dct.year
                    if (month, first) <= (self.dct.month, self.dct.day) or self.tense(s, e) > 0
                    else self.dct.year - 1
                )
            d = weekday_after(date(year, month, first), weekday)
            return TimexMatch(s, e, "DATE", d.isoformat())
        mm, dd = (int(x) for x in self.words.holidays[name].split("-"))
        return self._day_date(mm, dd, c["year"], s, e)

    def _month(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        month = self.words.months[c["mon"].rstrip(".").lower()]
        if c["mon"].lower() in ("may", "mar", "march") and not c["year"] and not c["rel"]:
            before = self.text[max(0, s - 12) : s].lower()
            if not re.search(
                r"(?:in|of|since|until|by|from|through|early|late|mid|-|last|next|this)\s*$", before
            ):
                return None  # the verb "may", the noun "march"
        if c["year"]:
            return TimexMatch(s, e, "DATE", f"{c['year']}-{month:02d}")
        if self.dct is None:
            return TimexMatch(s, e, "DATE", f"XXXX-{month:02d}", needs_dct=True)
        if c["yrel"]:
            return TimexMatch(
                s, e, "DATE", f"{self.dct.year + self.words.relative[c['yrel'].lower()]}-{month:02d}"
            )
        if (
            not c["rel"]
            and len(c["mon"].rstrip(".")) <= 4
            and not c["mon"].endswith(".")
            and c["mon"].lower() not in ("may", "june", "july")
        ):
            return None  # "Jan" alone is a name (Jan Kowalski); as a month it takes a day or a stop
        y, cur = self.dct.year, self.dct.month
        rel = self._relative(c["rel"])
        if rel == -1:
            y = y if month < cur else y - 1
        elif rel == 1:
            y = y if month > cur else y + 1
        elif rel is None and self.back:
            y = y if month <= cur else y - 1
        elif rel is None:
            firsts = [date(yy, month, 1) for yy in (y - 1, y, y + 1)]
            y = pick_by_tense(firsts, date(y, cur, 1), self.tense(s, e), slack=timedelta(0)).year
        return TimexMatch(s, e, "DATE", f"{y}-{month:02d}")

    def _weekday(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        wd = self.words.weekdays[c["wd"].lower()]
        pod = self.words.parts_of_day.get(c["pod"].lower()) if c["pod"] else None
        if self.dct is None:
            value = f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else "")
            return TimexMatch(s, e, "TIME" if pod else "DATE", value, needs_dct=True)
        d = self._weekday_date(wd, self._relative(c["rel"]), s, e)
        value = d.isoformat() + (f"T{pod}" if pod else "")
        return TimexMatch(s, e, "TIME" if pod else "DATE", value, range=(d, d))

    def _season(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        code = self.words.seasons[c["season"].lower()][0]
        rel = self._relative(c["rel"])
        if c["season"].lower() == "fall" and not c["year"] and rel is None:
            before = self.text[max(0, s - 12) : s].lower()
            if c.group(0).lower().startswith("the") or not re.search(
                r"(?:in|this|by|until|since|late|early)\s+$", before
            ):
                return None  # "the fall of the city"
        if c["year"]:
            return TimexMatch(s, e, "DATE", f"{c['year']}-{code}")
        if self.dct is None:
            return TimexMatch(s, e, "DATE", f"XXXX-{code}", needs_dct=True)
        return TimexMatch(s, e, "DATE", season_value(self._season_serial(code, rel, s, e)))

    def _season_serial(self, code: str, rel: int | None, s: int, e: int) -> int:
        """Which season `code` is meant: "last spring" the one gone, "next" or a future clause the
        one to come, a bare one the latest unless the coming one is nearer."""
        assert self.dct is not None
        cur = season_serial(self.dct)
        back = latest_season(self.dct, code)
        if rel == -1:
            return back if back < cur else back - 4
        if rel is None and self.back:
            return back
        if rel == 1:
            return back + 4
        if rel == 0 or (rel is None and self.tense(s, e) > 0):
            return back if back == cur else back + 4
        if rel is None and self.tense(s, e) == 0 and back != cur and cur - back > 2:
            return back + 4  # nearest: the coming one is closer than the one gone
        return back

    def _deictic_day(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        word = (c["deic"] or "today").lower()
        pod_word = c["pod"] or c["pod2"]
        pod = (
            self.words.parts_of_day.get(pod_word.lower())
            if pod_word
            else ("NI" if word == "tonight" else None)
        )
        if self.dct is None:
            return TimexMatch(s, e, "TIME" if pod else "DATE", None, needs_dct=True)
        d = self.dct + timedelta(self.words.deictic[word])
        return TimexMatch(
            s, e, "TIME" if pod else "DATE", d.isoformat() + (f"T{pod}" if pod else ""), range=(d, d)
        )

    def _quarter(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        if c["q"] or c["q2"]:
            n, half = int((c["q"] or c["q2"])[1]), False
            year = c["qyear"] or c["qyear2"]
        else:
            half = c["unit"].lower() == "half"
            n = self.words.halves[c["ord"].lower()] or (2 if half else 4)
            year = c["year"] or c["fyear"]
        if half and n > 2:
            return None
        tag = f"H{n}" if half else f"Q{n}"
        if not year:
            if self.dct is None:
                return TimexMatch(s, e, "DATE", f"XXXX-{tag}", needs_dct=True)
            y = self.dct.year
            if c["rel"]:
                y += self.words.relative.get(_squash(c["rel"]), 0)
            else:
                cur = (self.dct.month - 1) // (6 if half else 3) + 1
                if n > cur and self.tense(s, e) <= 0:
                    y -= 1
            year = str(y)
        return TimexMatch(s, e, "DATE", f"{year}-{tag}")

    def _fiscal_year(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        y = c["year"]
        if y is None:
            if self.dct is None:
                return TimexMatch(s, e, "DATE", None, needs_dct=True)
            return TimexMatch(s, e, "DATE", str(self.dct.year))
        y = y.lstrip("'’")
        if len(y) == 2:
            y = ("19" if int(y) > 30 else "20") + y
        return TimexMatch(s, e, "DATE", y)  # TimeBank writes "fiscal 1989" as 1989

    def _decade(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        dec = c["dec"].lstrip("'’")
        if len(dec) == 4:
            value = dec[:3]
        elif not c.group(0).lower().startswith("the") and c["dec"][0] not in "'’":
            return None  # "70s" alone is more often ages or temperatures
        elif self.dct is None:
            return TimexMatch(s, e, "DATE", f"XX{dec[0]}", needs_dct=True)
        else:
            century = self.dct.year // 100
            if int(dec[0]) > (self.dct.year // 10) % 10:
                century -= 1
            value = f"{century}{dec[0]}"
        mod = {"early": "START", "mid": "MID", "late": "END"}.get((c["part"] or "").lower())
        return TimexMatch(s, e, "DATE", value, mod=mod)

    def _century(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        o = c["ord"].lower()
        ordinals = self.words.ordinals
        n = (
            int(re.sub(r"\D", "", o))
            if o[0].isdigit()
            else ordinals.get(" ".join(o.replace("-", " ").split()))
        )
        if n is None:
            n = ordinals.get(o)
        if not n:
            return None
        return TimexMatch(s, e, "DATE", f"{n - 1:02d}")

    def _year(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        return TimexMatch(s, e, "DATE", c["year"])

    def _spoken_year(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        # Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand".
        numbers = self.words.numbers
        words = re.split(r"[-\s]+", c["spoken"].lower())
        if words[:2] == ["two", "thousand"]:
            rest = [w for w in words[2:] if w != "and"]
            year = 2000 + sum(int(numbers.get(w, 0)) for w in rest)
        else:
            tail = sum(int(numbers.get(w, 0)) for w in words[1:])
            if not 10 <= tail <= 99 and not c.group(0).lower().startswith("the year"):
                return None  # "twenty five" is a count, not a year
            year = int(numbers[words[0]]) * 100 + tail
        return TimexMatch(s, e, "DATE", str(year))

    def _relative_unit(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        rel_word = _squash(c["rel"])
        unit_word = _squash(c["unit"])
        unit = self._unit_of(unit_word)
        plural = unit_word != unit
        num = count_value(c["num"], self.words) if c["num"] else None
        if (
            num is not None
            or plural
            or rel_word in ("past", "recent", "first")
            or (rel_word == "coming" and unit in ("day", "hour"))
        ):
            return self._stretch(rel_word, unit, num or ("X" if plural else "1"), s, e)
        step = self.words.relative[rel_word]
        if unit == "quarter" and rel_word == "latest" and self.last_quarter:
            return TimexMatch(s, e, "DATE", self.last_quarter)
        base = self.dct
        if rel_word in ("following", "previous", "prior", "same") and self.last_day is not None:
            base = self.last_day  # "the following day": after the date the story is at
        if base is None:
            return TimexMatch(s, e, "DATE", None, needs_dct=True)
        return TimexMatch(s, e, "DATE", shift(base, unit, step))

    def _stretch(self, rel_word: str, unit: str, num: str, s: int, e: int) -> TimexMatch:
        """A stretch up to or from the publication date: "the past week", "the next three days",
        "the coming months" (open at its far end when the count is vague)."""
        rng: OpenRange | None = None
        if self.dct is not None and rel_word != "first":
            step = self.words.relative.get(rel_word, -1)
            length = None if num == "X" else approx_length(unit, float(num))
            if step < 0:
                rng = (self.dct - length if length else None, self.dct)
            else:
                rng = (self.dct, self.dct + length if length else None)
        return TimexMatch(s, e, "DURATION", self._duration(num, unit), range=rng, anchored=rng is not None)

    def _count(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        unit = self._unit_of(c["unit"])
        num = count_value(c["num"], self.words)
        if c["half"] and num not in ("X",):  # "a minute and a half"
            num = str(float(num) + 0.5)
        if (
            not c["dir"]
            and c["num"].lower() in ("a", "an")
            and _SET_BEFORE.search(self.text[max(0, s - 12) : s])
        ):
            return TimexMatch(s, e, "SET", self._duration("1", unit))  # "$5 million a year", "twice a day"
        if c["dir"]:
            sign = -1 if c["dir"].lower() in ("ago", "earlier") else 1
            if unit == "year" and self.last_quarter and num not in ("X", "0.5"):
                y, q = self.last_quarter.split("-Q")  # "a year earlier" than the quarter reported
                return TimexMatch(s, e, "DATE", f"{int(y) + sign * int(float(num))}-Q{q}")
            if self.dct is None:
                return TimexMatch(s, e, "DATE", None, needs_dct=True)
            return TimexMatch(s, e, "DATE", self._ago(unit, num, sign))
        if unit == "weekend":
            return None
        return TimexMatch(s, e, "DURATION", self._duration(num, unit))

    def _repeat(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        words = self.words
        if c["word"]:
            return TimexMatch(s, e, "SET", words.sets[c["word"].lower()])
        if c["per"]:
            if c["per"].lower() == "a" and not _SET_BEFORE.search(self.text[max(0, s - 12) : s]):
                return None
            return TimexMatch(s, e, "SET", self._duration("1", c["unit"].lower()))
        what = _squash(c["what"])
        num = count_value(c["num"], words) if c["num"] else "1"
        if c.group(0).lower().split()[1:2] == ["other"]:
            num = "2"
        if what in words.weekdays:
            return TimexMatch(s, e, "SET", f"XXXX-WXX-{words.weekdays[what]}")
        if what in words.parts_of_day:
            return TimexMatch(s, e, "SET", f"XXXX-XX-XXT{words.parts_of_day[what]}")
        if what in words.seasons:
            return TimexMatch(s, e, "SET", f"XXXX-{words.seasons[what][0]}")
        return TimexMatch(s, e, "SET", self._duration(num, self._unit_of(what)))

    def _clock_time(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        if c["named"]:
            hh, mm = (24, 0) if c["named"].lower() == "midnight" else (12, 0)
        elif c["h2"]:
            hh, mm = int(c["h2"]), int(c["m2"])
            if not self._preceded_by(r"(?:at|by|until|from|since|before|after)\s+$", s, 8):
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
            day = self._weekday_date(self.words.weekdays[wd.lower()], None, s, e)
        if day is None:
            return TimexMatch(s, e, "TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}", needs_dct=True)
        return TimexMatch(s, e, "TIME", f"{day.isoformat()}T{hh:02d}:{mm:02d}", range=(day, day))

    def _reference(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        value = self.words.references.get(_squash(c.group(0)), "PRESENT_REF")
        if c.group(0).lower().startswith("the "):
            s += len(c.group(0)) - len(c.group(0)[4:].lstrip())  # TimeBank: "the [future]"
        rng: OpenRange | None = None
        if self.dct is not None:
            rng = {"PRESENT_REF": (self.dct, self.dct), "PAST_REF": (None, self.dct)}.get(
                value, (self.dct, None)
            )
        return TimexMatch(s, e, "DATE", value, range=rng, needs_dct=True)

    def _the_unit(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        # "the year" is a date in news as a rule ("the year's budget", "the end of the year");
        # "the day" only as part of a period (read checks), "that year" at the story's date.
        unit = c["unit"].lower()
        base = self.dct
        if c.group(0).lower().startswith("that"):
            base = self.last_day or self.dct
        if base is None:
            return TimexMatch(s, e, "DATE", None, needs_dct=True)
        if c["new"]:  # "the new year": the coming one, or this one in its first months
            return TimexMatch(s, e, "DATE", str(base.year + (1 if base.month >= 7 else 0)))
        if unit == "quarter":
            return TimexMatch(s, e, "DATE", self.last_quarter or shift(base, "quarter", -1))
        if unit == "weekend":
            sat = weekday_after(base, 6) if self.tense(s, e) > 0 else weekday_before(base, 6)
            return TimexMatch(s, e, "DATE", week_value(sat) + "-WE")
        return TimexMatch(s, e, "DATE", shift(base, unit, 0))

    def _year_ago(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        # "the year-earlier quarter", "year-ago profit": the same period a year before the one the
        # story is about (the last quarter named), else the year before publication.
        if c["ord"] and c["what"].lower() == "quarter" and self.words.halves.get(c["ord"].lower()):
            # "the year-earlier third quarter": that quarter, a year before the story's year.
            base = int(self.last_quarter[:4]) if self.last_quarter else (self.dct.year if self.dct else None)
            if base is None:
                return TimexMatch(s, e, "DATE", None, needs_dct=True)
            return TimexMatch(s, e, "DATE", f"{base - 1}-Q{self.words.halves[c['ord'].lower()]}")
        if self.last_quarter:
            y, q = self.last_quarter.split("-Q")
            return TimexMatch(s, e, "DATE", f"{int(y) - 1}-Q{q}")
        if self.dct is None:
            return TimexMatch(s, e, "DATE", None, needs_dct=True)
        return TimexMatch(s, e, "DATE", str(self.dct.year - 1))

    def _nth_day(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        if not self._preceded_by(r"(?:on|by|until|since|from)\s+$", s, 7):
            return None  # "the 5th" alone is an army unit as often as a day
        day = int(c["day"][:-2])
        if self.dct is None:
            return TimexMatch(s, e, "DATE", f"XXXX-XX-{day:02d}", needs_dct=True)
        step = 0
        tense = self.tense(s, e)
        if day > self.dct.day and tense <= 0:
            step = -1
        elif day < self.dct.day and tense > 0:
            step = 1
        month = add_months(self.dct.replace(day=1), step)
        return self._day_date(month.month, day, str(month.year), s, e)

    def _bare_unit(self, c: re.Match[str], s: int, e: int) -> TimexMatch | None:
        return TimexMatch(s, e, "DURATION", self._duration("X", self._unit_of(c["unit"])))


Rule = Callable[[TimeResolver, re.Match[str], int, int], TimexMatch | None]

# Each grammar rule (grammar.RULE_NAMES) and the rule that reads its hits.
RULES: dict[str, Rule] = {
    "iso": TimeResolver._iso_day,
    "dmyrange": TimeResolver._day_range,
    "mdyrange": TimeResolver._day_range,
    "mdy": TimeResolver._month_day,
    "dmy": TimeResolver._month_day,
    "holiday": TimeResolver._holiday,
    "quarter": TimeResolver._quarter,
    "fiscal": TimeResolver._fiscal_year,
    "decade": TimeResolver._decade,
    "century": TimeResolver._century,
    "season": TimeResolver._season,
    "month": TimeResolver._month,
    "weekday": TimeResolver._weekday,
    "deictic": TimeResolver._deictic_day,
    "relunit": TimeResolver._relative_unit,
    "count": TimeResolver._count,
    "set": TimeResolver._repeat,
    "clock": TimeResolver._clock_time,
    "ref": TimeResolver._reference,
    "yearago": TimeResolver._year_ago,
    "spoken": TimeResolver._spoken_year,
    "theunit": TimeResolver._the_unit,
    "nth": TimeResolver._nth_day,
    "bare": TimeResolver._bare_unit,
    "year": TimeResolver._year,
}
