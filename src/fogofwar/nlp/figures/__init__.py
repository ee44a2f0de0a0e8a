"""The `fogofwar_figures` component: every count of losses, forces and ground in an article.

Writes ``doc._.figures``: a list of dicts with the fields of :class:`fogofwar.model.Figure`
(plain data, see ``fogofwar.nlp``). A figure is a number with what it counts, read by four rule
families, each in its module:

* ``numbers``: the **value** (``low``/``high`` for ranges and vague amounts) and **qualifier**
  ("more than", "at least", "between 50 and 60"); numbers that are no figures (dates, years,
  clock times, ordinals, designations, durations, ages) are skipped, while prices, distances and
  populations stay, with category ``other``, so that loss tables stay clean;
* ``category``: what it counts (knowledge/figures.json), from the counted noun or named system
  ("69 tanks", "three HIMARS") and, for people, an outcome word ("killed", "displaced"); and its
  **parent**, the figure a sub-count belongs to ("including three HIMARS", "76 of them");
* ``side``: whose losses ("Russian drones", "Ukraine shot down" -> the other side);
* ``period``: over what time, from ``doc._.times`` (the times component), never parsed here.

They share a ``document.DraftFigure`` they fill in turn and a ``document.DocIndex`` of what
they look at in the Doc. All their words come from the lexicon the config names (``lexicon``:
a bundled name or a JSON file of the same shape), and the patterns are compiled from it once.

Number parsing is our own regex plus text2num for number words. quantulum3 was measured as the
parser and fell short on speed (12 s to load, about 130 ms per 1,000 characters, 7 s on 20,000
characters of digits and commas: the component would cost more than spaCy itself) and on war
reporting ("a dozen" is 1 dozen, not 12; it knows nothing of qualifiers or vague amounts);
number-parser handles words only, like text2num, and text2num is faster and stricter.
One regex pass finds the numbers; three PhraseMatchers (things, outcomes, sides and verbs) run
once per Doc; every look-around is a bounded slice, so nothing backtracks over the whole text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from fogofwar.knowledge import FigureLexicon, figure_lexicon
from fogofwar.nlp.figures.category import CategoryRules
from fogofwar.nlp.figures.document import DocIndex, DraftFigure, FigureMatchers
from fogofwar.nlp.figures.numbers import NumberRules
from fogofwar.nlp.figures.period import PeriodRules
from fogofwar.nlp.figures.side import SideRules

# Every rule looks within the sentence, and no further than this around the figure, so that a
# "sentence" of a megabyte of digits costs what an ordinary one does.
_REACH = 300


class FiguresFinder:
    """Finds figures in a Doc; built by the registered factory from its config."""

    def __init__(self, nlp: Language, keep_time_quantities: bool = False, lexicon: str = "figures") -> None:
        self.lex: FigureLexicon = figure_lexicon(lexicon)
        self.matchers = FigureMatchers(nlp, self.lex)
        self.numbers = NumberRules(self.lex, keep_time_quantities)
        self.category = CategoryRules(self.lex)
        self.side = SideRules(self.lex)
        self.period = PeriodRules(self.lex)
        self.hit_patterns = {**self.side.hit_patterns, **self.period.hit_patterns}

    def __call__(self, doc: Doc) -> Doc:
        index = DocIndex.of(doc, self.matchers, self.hit_patterns)
        kept: list[DraftFigure] = []
        for fig in self.numbers.figures(index):
            sent = index.sent_of(fig.start)
            sent = (max(sent[0], fig.start - _REACH), min(sent[1], fig.end + _REACH))
            if not self.category.count(index, fig, sent, kept):
                continue
            fig.side = self.side.side(index, fig, sent, kept)
            fig.period = self.period.period(index, fig, sent, kept)
            kept.append(fig)
        doc._.figures = [fig.plain(index.text) for fig in kept]
        return doc


@Language.factory("fogofwar_figures", default_config={"keep_time_quantities": False, "lexicon": "figures"})
def make_figures(nlp: Language, name: str, keep_time_quantities: bool, lexicon: str) -> FiguresFinder:
    return FiguresFinder(nlp, keep_time_quantities, lexicon)
