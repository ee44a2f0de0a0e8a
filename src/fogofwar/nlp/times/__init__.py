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

How: the words come from a lexicon (``knowledge/times.json`` unless ``pipeline.cfg`` names
another, ``lexicon = "times"``); ``grammar.py`` compiles one regular expression from it, once per
lexicon, that finds every expression in one left-to-right pass over the Doc's text;
``resolve.py`` reads each hit by its rule against the publication date (``tense.py`` says where
a clause stands from it); ``fogofwar.timecode`` does the calendar arithmetic.

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

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from fogofwar.nlp.times.grammar import time_grammar
from fogofwar.nlp.times.resolve import TimeResolver
from fogofwar.timecode import value_range

__all__ = ["TimesFinder", "find_times", "make_times", "value_range"]


def find_times(
    text: str, published: str | None, doc: Doc | None = None, *, lexicon: str = "times"
) -> list[dict[str, Any]]:
    """The time expressions of `text` as TimeRef fields (plain data), resolved against `published`
    (the tense of a bare "Friday" read from `doc`'s parse when given, else from cue words), with
    the words of `lexicon` (a bundled name or a path)."""
    return TimeResolver(time_grammar(lexicon), text, published, doc).run()


class TimesFinder:
    """The pipeline component: ``doc._.times`` from the Doc's text and ``doc._.published``."""

    def __init__(self, nlp: Language, lexicon: str = "times") -> None:
        self.nlp = nlp
        self.grammar = time_grammar(lexicon)  # compiled here: a bad lexicon fails at load time

    def __call__(self, doc: Doc) -> Doc:
        doc._.times = TimeResolver(self.grammar, doc.text, doc._.published, doc).run()
        return doc


@Language.factory("fogofwar_times", default_config={"lexicon": "times"})
def make_times(nlp: Language, name: str, lexicon: str) -> TimesFinder:
    return TimesFinder(nlp, lexicon)
