"""Reading numbers: a number expression's value, unit and qualifier, and ranges.

Digits ("1,000+", "1.2 million", "$7 billion"), number words ("twenty-five thousand", via
text2num), vague amounts ("dozens of" = at least 24, "several hundred" = at least 300),
fractions ("a third", "half of", "2½") and percents; a qualifier from the words before ("more
than", "at least", "nearly", "up to", "about"), and ranges ("50-60", "between 50 and 60").
Numbers that are no figures are dropped here: dates, years, clock times, ordinals ("the 47th
Brigade"), designations ("Kh-22"), durations and ages. The words come from the lexicon
(knowledge/figures.json); the patterns are compiled from it once per component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from text_to_num import text2num

from fogofwar.knowledge import FigureLexicon
from fogofwar.nlp.figures.document import DocIndex, DraftFigure
from fogofwar.nlp.figures.phrases import BLANKS, alternation, characters

# Matched so that their digits are not read as a figure.
NOT_FIGURES = ("clock", "ordinal", "datenum", "designation")
_MAX_DIGITS = 18  # more digits than this is not a count of anything (and overflows float exactly)
_SIGNS = "−-"  # a minus sign may start a number
# Digits: "1,200", "10 000" (a space between groups of three), "1.5", "-15", "4e14", "2.48×10−5".
_DIGITS = (
    r"(?<![\w.,])(?<![A-Za-z]-)[-−]?"
    r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)"
    r"(?:\.\d+)?(?![\d])(?P<exp>[eE][-+−]?\d+\b|[ \t]?[×x][ \t]?10(?:\^|[-−]|\^[-−])?\d+\b|x2\^\d+\b)?"
)
_NOT_FIGURE_PATTERNS = (
    r"(?P<clock>\b\d{1,2}:\d{2}(?:[ \t]*[ap]\.?m\.?)?"
    r"|\b\d{1,2}(?:[.:]\d{2})?[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b))"
    r"|(?P<ordinal>\b\d+(?:st|nd|rd|th)\b)"
    r"|(?P<datenum>\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b)"
    r"|(?P<designation>\b[A-Za-z]{1,4}-?\d+[A-Za-z]*\b)"
)
_LONE_WORDS = ("one", "zero", "an", "a")  # a figure only before a counted noun ("one of the")


def number_value(text: str) -> float | None:
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


def with_exponent(value: float, exp: str) -> float | None:
    """ "4e14", "2.48×10−5", "8x2^10": the value times the power written after it."""
    e = exp.strip().lower().replace("−", "-").replace("×", "x")
    try:
        if e.startswith("e"):
            return float(value * 10 ** int(e[1:]))
        base, _, power = e.lstrip("x ").partition("^") if "^" in e else ("10", "", e.lstrip("x ")[2:])
        return float(value * float(base.strip()) ** int(power))
    except (ValueError, OverflowError):
        return None


def open_end_pattern(lex: FigureLexicon) -> re.Pattern[str]:
    """Words right after a number or its counted phrase that make it a lower bound ("or more")."""
    return re.compile(rf"^[ \t]+{alternation(lex.open_ends)}\b", re.I)


@dataclass
class Amount:
    """What a number expression says before its context is read."""

    value: float | None
    low: float | None = None
    qualifier: str = "exact"
    unit: str | None = "count"
    kind: str = "num"


class NumberRules:
    """Finds and reads the number expressions of a Doc (built once per component)."""

    def __init__(self, lex: FigureLexicon, keep_time_quantities: bool) -> None:
        self.lex = lex
        self.keep_time_quantities = keep_time_quantities
        # What a scale word or letter multiplies; "dozen" is a counting word, not a scale.
        self.scale = {
            k.lower(): v
            for table in (lex.scales, lex.scale_abbreviations, lex.scale_letters, lex.currency_scale_letters)
            for k, v in table.items()
        }
        self.currency = {sign.lower(): code for sign, code in lex.currencies.items()}
        self.core = re.compile(_NOT_FIGURE_PATTERNS + "|" + self._amount_patterns(), re.I)
        self._compile_context(lex)
        self.start_chars = frozenset(
            {sign[0] for sign in lex.currencies if not sign[0].isalpha()}
            | set(lex.unicode_fractions)
            | set(_SIGNS)
        )
        # Where a number expression may start besides a digit or one of start_chars; a currency
        # written with letters ("US$") is tried at its code too ("USD").
        lettered = [(sign, code) for sign, code in lex.currencies.items() if sign[0].isalpha()]
        self.start_words = frozenset(
            w.lower()
            for w in (
                *lex.number_words, *lex.scales, *lex.scale_heads, *lex.fraction_heads, *lex.counting_words,
                *lex.vague_amounts, *lex.vague_multiples, *(m.split()[0] for m in lex.vague_multipliers),
                "half", *(s for s, _ in lettered), *(c for _, c in lettered),
            )
        )  # fmt: skip
        self.readers: dict[str, Callable[[re.Match[str]], Amount | None]] = {
            "vague": self.vague,
            "several": self.several,
            "halfscale": self.half_scale,
            "fracw": self.fraction_word,
            "frac": self.written_fraction,
            "inx": self.one_in,
        }

    def _amount_patterns(self) -> str:
        """The alternatives of the number pattern that are amounts, in the order tried."""
        lex = self.lex
        scales = alternation(lex.scales)
        number_word = alternation((*lex.number_words, *lex.scales))
        # Words joined by spaces, hyphens or "and": "two hundred and fifty", "twenty-five
        # thousand". Every repetition must start with a number word, so that the pattern cannot
        # backtrack exponentially.
        word_number = (
            rf"\b(?:an?[ \t]+(?=(?:{scales})\b))?{number_word}"
            rf"(?:(?:[ \t]+and[ \t]+|[ \t]+|-){number_word})*\b"
        )
        heads = alternation((*lex.vague_multipliers, *lex.scale_heads))
        fraction_chars = characters(lex.unicode_fractions)
        vague, fractions = alternation(lex.vague_amounts), alternation(lex.fractions)
        vague_scales = alternation(lex.vague_scales)
        return (
            # Vague amounts: "dozens of", "tens of thousands", "several hundred", "a dozen".
            rf"(?P<vague>\b(?:{alternation(lex.vague_multiples)}[ \t]+of[ \t]+)?{vague}\b)"
            # "a few thousand", "several dozen thousand": the head, what it counts in, a second scale.
            rf"|(?P<several>\b(?P<several_head>{heads})[ \t]+(?P<several_scale>{vague_scales})\b"
            rf"(?:[ \t]+(?P<several_then>{alternation(lex.vague_second_scales)}))?(?![ \t]+and[ \t]+\w))"
            # Shares: "nine in ten", "one in four", "1 in 3" (not "2 in 3 days").
            rf"|(?P<inx>\b(?P<inx_of>{number_word}|\d{{1,2}})[ \t]+in[ \t]+"
            rf"(?P<inx_in>{alternation(lex.share_denominators)})\b(?![ \t]+{alternation(lex.time_units)}\b))"
            # Fractions: "half a million", "two thirds", "a quarter", "1/4", "2 1/2", "½".
            rf"|(?P<halfscale>\bhalf[ \t]+an?[ \t]+{alternation(lex.half_scales)}\b)"
            rf"|(?P<fracw>\b(?:{alternation(lex.fraction_heads)}[ \t-]+){fractions}\b|\bhalf\b)"
            rf"|(?P<frac>(?<![\w/])(?:\d+[ \t]+)?\d+/\d+(?![\w/])|\d*{fraction_chars})"
            # Numbers: currency, digits with a scale ("1.2 million", "5k", "$7bn"), or words.
            rf"|(?P<num>(?:(?P<cur>{alternation(lex.currencies)})[ \t]?)?(?:{_DIGITS}"
            rf"(?P<scale>[ \t]*{scales}\b|[ \t]?{alternation(lex.scale_abbreviations)}\b"
            rf"|(?-i:{alternation(lex.scale_letters)})\b|(?<=\d){alternation(lex.currency_scale_letters)}\b)?"
            rf"|{word_number})"
            r"(?P<andhalf>[ \t]+and[ \t]+a[ \t]+half\b)?(?P<plus>\+)?)"
        )

    def _compile_context(self, lex: FigureLexicon) -> None:
        """The patterns read around a number: its unit, qualifier, range, and what makes it no figure."""
        single_signs = characters(sign for sign in lex.currencies if len(sign) == 1)
        self.currency_prefix = re.compile(rf"^{alternation(lex.currencies)}[ \t]?", re.I)
        self.qualifier_before = re.compile(rf"\b(?P<q>{alternation(lex.qualifiers, ' ')})[ \t]+$", re.I)
        self.particle_before = re.compile(rf"\b{alternation(lex.particle_verbs)}[ \t]+$", re.I)
        self.range_opener_before = re.compile(rf"\b{alternation(lex.range_openers)}[ \t]+$", re.I)
        self.range_gap = re.compile(
            rf"^[ \t]*-?[ \t]*{alternation(lex.range_joiners)}[ \t]*(?:{single_signs}[ \t]?)?$"
            r"|^[ \t]+and[ \t]+$",
            re.I,
        )
        # "44 mg to 50 mg", "$350 per kg to $680 per kg", "-18 °C to -34 °C": the unit said twice.
        self.unit_gap = re.compile(
            r"^[ \t]*(?P<unit>[^\s\d]{1,12}(?:[ \t]+[^\s\d]{1,8}){0,2}?)[ \t]+"
            rf"{alternation(lex.unit_range_joiners)}[ \t]*(?:{single_signs}[ \t]?)?$",
            re.I,
        )
        self.open_end_after = open_end_pattern(lex)
        self.units = tuple(lex.units)
        self.unit_after = re.compile(
            "^(?:"
            + "|".join(
                (r"[ \t-]*" if unit in lex.hyphenated_units else r"[ \t]*")
                + f"(?P<u{n}>"
                + "|".join(form + (r"\b" if form[-1].isalpha() else "") for form in _escaped(forms))
                + ")"
                for n, (unit, forms) in enumerate(lex.units.items())
            )
            + ")",
            re.I,
        )
        # A number followed by a time unit is a duration or an age ("an 18-month siege", "25-year-old").
        self.time_unit_after = re.compile(
            rf"^[ \t-]*(?:{alternation(lex.time_modifiers)}[ \t]+)?{alternation(lex.time_units)}\b"
            rf"(?![ \t]+(?:of[ \t]+)?{alternation(lex.time_units_not_before)}\b)",
            re.I,
        )
        self.numbering_before = re.compile(rf"\b{alternation(lex.numbering_words, ' ')}[ \t]+$", re.I)
        months = alternation(lex.months)
        self.month_before = re.compile(rf"\b{months}\.?[ \t]+$", re.I)
        self.month_after = re.compile(rf"^[ \t]+(?:of[ \t]+)?{months}\b", re.I)
        # "between 26 and 30 January", "26-30 January": the first day of a range of days.
        self.day_range_after = re.compile(
            rf"^[ \t]*(?:and|to|-|–|until)[ \t]*\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{months}\b", re.I
        )
        self.year_context_before = re.compile(
            rf"(?:\b{alternation((*lex.year_context, *lex.months))}|[,-])[ \t]*$", re.I
        )

    # ------------------------------------------------------------------ finding
    def figures(self, index: DocIndex) -> list[DraftFigure]:
        """The numbers of the Doc that may be figures, left to right, ranges joined."""
        found: list[DraftFigure] = []
        for m in self.expressions(index):
            if m.lastgroup in NOT_FIGURES:
                continue
            fig = self.read(index, m)
            if fig is None:
                continue
            if found and self.joins_range(index.text, found[-1], fig):
                continue
            found.append(fig)
        return found

    def expressions(self, index: DocIndex) -> Iterator[re.Match[str]]:
        """The number expressions of the text, left to right, none overlapping.

        One pass over the tokens, trying the pattern only where a number can start (a digit, a
        currency sign, a number word, "a", "several" ...): Python's regex engine would otherwise
        try every alternative at every character, which costs more than all the rest."""
        text = index.text
        pos = 0
        for tok in index.doc:
            if tok.idx < pos:
                continue
            first = tok.text[0]
            if not (first.isdigit() or first in self.start_chars or tok.lower_ in self.start_words):
                continue
            m = self.core.match(text, tok.idx)
            if m is not None and m.end() > m.start():
                pos = m.end()
                yield m

    def joins_range(self, text: str, prev: DraftFigure, fig: DraftFigure) -> bool:
        """Whether `fig` is the second number of a range that `prev` opens ("50-60", "50 to 60",
        "between 50 and 60"); if so, `prev` becomes the range."""
        if prev.kind != "num" or fig.kind != "num" or prev.unit not in (fig.unit, "count"):
            return False
        gap = text[prev.end : fig.start]
        opener = self.range_opener_before.search(text[max(0, prev.start - 12) : prev.start])
        unit_gap = self.unit_gap.match(gap)
        if unit_gap and not text[fig.end : fig.end + 30].lstrip(" \t-").startswith(
            unit_gap.group("unit").strip()
        ):
            unit_gap = None  # "30 soldiers and 40": the words between are no repeated unit
        if not (self.range_gap.match(gap) or unit_gap) or (gap.strip().endswith("and") and not opener):
            return False
        if opener and prev.qualifier == "exact":
            prev.start -= len(opener.group(0))
        lo, hi = prev.value, fig.value
        prev.end = fig.end
        prev.unit = fig.unit
        prev.np_end = fig.end
        if lo is not None and hi is not None:
            prev.low, prev.high = min(lo, hi), max(lo, hi)
            prev.value = (lo + hi) / 2
        prev.qualifier = "range"
        return True

    # ------------------------------------------------------------------ reading one
    def read(self, index: DocIndex, m: re.Match[str]) -> DraftFigure | None:
        """A figure from one number expression: its value, unit and qualifier, or None for a
        number that is no figure."""
        amount = self.readers.get(m.lastgroup or "num", self.digits)(m)
        if amount is None or index.inside_thing(m.start()):
            return None  # the 2 of "Leopard 2", the 300 of "S-300"
        text = index.text
        start, end = m.span()
        before = text[max(0, start - 40) : start]
        after = text[end : end + 60]
        fig = DraftFigure(
            start, end, amount.value, amount.low, None, amount.qualifier, amount.unit, amount.kind
        )
        if (
            fig.kind == "num"
            and fig.unit == "count"
            and not m.group("scale")
            and self.is_date_or_rank(index, fig, m, before, after)
        ):
            return None
        time_quantity = fig.kind in ("num", "several") and self.time_unit_after.match(after) is not None
        if time_quantity and not self.keep_time_quantities:
            return None
        self.read_unit(index, fig, m, after)
        self.read_qualifier(fig, before)
        if (
            self.keep_time_quantities
            and fig.kind == "num"
            and fig.value is not None
            and 1800 <= fig.value <= 2100
        ):
            time_quantity = time_quantity or bool(
                "," not in m.group(0)
                and self.year_context_before.search(before)
                and not index.noun_follows(fig.end)
            )
        if time_quantity:
            fig.kind = "time"  # kept only with keep_time_quantities, as category "other"
        fig.np_end = fig.end
        if fig.kind == "num" and self.is_name_number(index, fig, before):
            fig.extra["name"] = True  # "Operation 1027", "Route 4": kept, but it counts nothing
        return fig

    def is_date_or_rank(
        self, index: DocIndex, fig: DraftFigure, m: re.Match[str], before: str, after: str
    ) -> bool:
        """Not figures of the war: dates, years, ages, page numbers."""
        value = fig.value
        if value is None:
            return False
        if (self.month_before.search(before) or self.month_after.match(after)) and (
            value <= 31 or 1800 <= value <= 2100
        ):
            return True  # "August 6", "6 August", "May 2024"
        if value <= 31 and self.day_range_after.match(after):
            return True  # "between 26 and 30 January"
        if value < 120 and self.is_age_apposition(index, fig, before, after):
            return True  # "Bashar al-Assad, 59, fled"
        if (
            not self.keep_time_quantities
            and 1800 <= value <= 2100
            and value == int(value)
            and "," not in m.group(0)
            and (self.year_context_before.search(before) or not index.noun_follows(fig.end))
        ):
            return True
        return bool(self.numbering_before.search(before))

    @staticmethod
    def is_age_apposition(index: DocIndex, fig: DraftFigure, before: str, after: str) -> bool:
        """A number set off by commas right after a name: "Bashar al-Assad, 59, fled"."""
        if not (before.rstrip(" \t").endswith(",") and after.lstrip(" \t").startswith(",")):
            return False
        i = index.token_at_or_after(fig.start) - 2  # the token before the comma
        return i >= 0 and index.doc[i].pos_ == "PROPN" and index.doc[i].ent_type_ == "PERSON"

    def is_name_number(self, index: DocIndex, fig: DraftFigure, before: str) -> bool:
        """A number that ends a name ("Operation 1027 on 27 October", "along Route 4"): right
        after a capitalised proper noun that is no month and no side, with no counted noun after
        it."""
        if not before.endswith(" ") or before.endswith("  "):
            return False
        i = index.token_at_or_after(fig.start)
        if i < 1 or i >= len(index.doc):
            return False
        prev, word = index.doc[i - 1], index.doc[i - 1].text
        if prev.pos_ != "PROPN" or not (word[:1].isupper() and word[1:].islower()) or index.side_at(i - 1):
            return False
        if self.month_before.search(before):
            return False
        j = index.token_at_or_after(fig.end)
        return j >= len(index.doc) or index.doc[j].pos_ not in ("NOUN", "PROPN", "NUM")

    def read_unit(self, index: DocIndex, fig: DraftFigure, m: re.Match[str], after: str) -> None:
        """The unit after the number ("%", "km", "tonnes") and an open end ("or more")."""
        unit_m = self.unit_after.match(after)
        if unit_m and fig.unit in ("count", None) and unit_m.lastgroup:
            fig.unit = self.units[int(unit_m.lastgroup[1:])]
            fig.end += len(unit_m.group(0))
        if fig.kind != "vague" and not m.group(0).endswith("+"):
            more = self.open_end_after.match(index.text[fig.end : fig.end + 20])
            if more:
                fig.low, fig.qualifier = fig.value, "at_least"
                fig.end += len(more.group(0))

    def read_qualifier(self, fig: DraftFigure, before: str) -> None:
        """The qualifier written before the number ("more than", "nearly"), taken into its text."""
        q = self.qualifier_before.search(before)
        if q and q.group("q").lower() == "over" and self.particle_before.search(before[: q.start()]):
            return  # "handed over 303", "took over 20": a verb's particle
        if q and fig.qualifier == "exact":
            fig.qualifier = self.lex.qualifiers[q.group("q").lower()]
            fig.start -= len(q.group(0))
            if fig.qualifier in ("over", "at_least"):
                fig.low = fig.value
            elif fig.qualifier in ("under", "at_most"):
                fig.high = fig.value

    # ------------------------------------------------------------------ values, by kind
    def counting_or_scale(self, word: str) -> float:
        return self.lex.counting_words[word] if word in self.lex.counting_words else self.scale[word]

    def vague(self, m: re.Match[str]) -> Amount:
        """ "dozens", "tens of thousands": at least twice the scale; a multiple of a plural
        amount ("tens of dozens", "hundreds of scores") is that many times the amount."""
        words = m.group(0).lower().split()
        value = self.lex.vague_amounts[words[-1]]
        if words[0] in self.lex.vague_multiples and len(words) > 1:
            value = self.lex.vague_multiples[words[0]] * value
        return Amount(value, low=value, qualifier="at_least", kind="vague")

    def several(self, m: re.Match[str]) -> Amount:
        """ "several hundred" (at least three hundred), "a few thousand", "a couple of million",
        "several dozen thousand", "two dozen", "a hundred thousand"."""
        # The pattern's own groups say which words are the head: the head may be several words
        # ("a couple of"), so counting from the end of the phrase would misread it.
        head = " ".join(m.group("several_head").lower().split())
        base = self.counting_or_scale(m.group("several_scale").lower())
        then = m.group("several_then")
        if then:
            base = base * self.scale[then.lower()]
        multiplier = self.lex.vague_multipliers.get(head)
        if multiplier is not None:
            return Amount(multiplier * base, low=multiplier * base, qualifier="at_least", kind="several")
        return Amount((number_value(head) or 1.0) * base, kind="several")

    def half_scale(self, m: re.Match[str]) -> Amount:
        """ "half a million", "half a dozen"."""
        return Amount(0.5 * self.counting_or_scale(m.group(0).lower().split()[-1]), kind="halfscale")

    def fraction_word(self, m: re.Match[str]) -> Amount:
        """ "a third", "two thirds" (a share); "half" alone is a figure only as "half of" something."""
        raw = m.group(0)
        words = re.split(r"[ \t-]+", raw.lower())
        if len(words) == 1:
            value = 0.5
        else:
            head, fraction = words[0], words[-1].rstrip("s") if words[-1] != "halves" else "half"
            numerator = 1.0 if head in ("a", "an", "one") else (number_value(head) or 1.0)
            value = numerator / self.lex.fractions.get(fraction, 2)
        return Amount(value, unit="share", kind="one" if raw.strip().lower() == "half" else "fracw")

    def one_in(self, m: re.Match[str]) -> Amount | None:
        """ "nine in ten" (0.9), "one in four" (0.25): a share; None when the first is no smaller."""
        of = number_value(m.group("inx_of"))
        whole = self.lex.share_denominators.get(" ".join(m.group("inx_in").lower().split()))
        if of is None or not whole or of >= whole:
            return None
        return Amount(of / whole, unit="share", kind="fracw")

    def written_fraction(self, m: re.Match[str]) -> Amount | None:
        """ "1/4", "2 1/2", "2½": a plain number (no unit); None for a zero denominator."""
        s = m.group(0).strip()
        fractions = self.lex.unicode_fractions
        if s and s[-1] in fractions:
            whole = float(s[:-1]) if s[:-1] else 0.0
            return Amount(whole + fractions[s[-1]], unit=None, kind="frac")
        parts = s.split()
        whole = float(parts[0]) if len(parts) == 2 else 0.0
        num, _, den = parts[-1].partition("/")
        if float(den) == 0:
            return None
        return Amount(whole + float(num) / float(den), unit=None, kind="frac")

    def digits(self, m: re.Match[str]) -> Amount | None:
        """Digits or number words, with a currency, a scale, an exponent, "and a half", "+"."""
        raw = m.group(0)
        digits = self.currency_prefix.sub("", raw)
        digits = re.sub(r"[ \t]+and[ \t]+a[ \t]+half$|\+$", "", digits, flags=re.I)
        scale = m.group("scale")
        if scale:
            digits = digits[: len(digits) - len(scale)]
            if scale.strip().lower() in self.lex.currency_scale_letters and not m.group("cur"):
                scale = None  # "1500b", "5m": a unit letter, not billions or millions
        exp = m.group("exp")
        if exp:
            digits = digits[: len(digits) - len(exp)]
        value = number_value(digits)
        if value is not None and exp:
            value = with_exponent(value, exp)
        if value is None:
            return None
        if scale:
            value *= self.scale[scale.strip().lower()]
        if m.group("andhalf"):
            value += 0.5
        amount = Amount(value, kind="one" if raw.strip().lower() in _LONE_WORDS else "num")
        if m.group("cur"):
            amount.unit = self.currency[m.group("cur").lower()]
        if m.group("plus"):
            amount.low, amount.qualifier = value, "over"
        return amount


def _escaped(forms: tuple[str, ...]) -> list[str]:
    """Unit words as regex alternatives, longest first, a space standing for spaces or tabs."""
    return [
        BLANKS.join(re.escape(part) for part in form.split(" "))
        for form in sorted(forms, key=len, reverse=True)
    ]
