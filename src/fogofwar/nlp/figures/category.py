"""What a figure counts: its counted phrase, the figure it is part of, and its category.

The category (knowledge/figures.json) comes from the counted noun or named system ("69 tanks",
"three HIMARS") and, for people, an outcome word near it ("killed", "wounded", "displaced"),
else ``other``. A number without a noun counts what the figure before it counted ("another
95"), or what was named just before it. A sub-count ("including three HIMARS", "76 of them")
gets the figure it belongs to as its parent.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from fogofwar.knowledge import FigureLexicon
from fogofwar.nlp.figures.document import LIST_GAP, LOOK_BACK, DocIndex, DraftFigure, Sentence, Thing
from fogofwar.nlp.figures.numbers import open_end_pattern
from fogofwar.nlp.figures.phrases import alternation
from fogofwar.nlp.figures.syntax import PARTICIPANT, head_of, verb_of, verb_phrase

_PEOPLE = ("personnel", "civilians")
_STEMS = (*_PEOPLE, "prisoners")  # classes completed by an outcome word
_OF_AFTER = re.compile(r"^[ \t]+of\b", re.I)
# Amount kinds and units that count a part of what follows "of": "dozens of", "half of", "40% of".
_PART_KINDS = ("vague", "several", "fracw", "one", "frac")
_PART_UNITS = ("share", "percent")
# Words inside a counted noun phrase that are no nouns: "76 more drones", "two other men".
_PHRASE_WORDS = ("more", "additional", "other", "-", "'s")


def noun_phrase_end(doc: Doc, i: int) -> int:
    """Token index just past the counted noun phrase that starts at token i (i if none)."""
    end = i
    j = i
    limit = min(len(doc), i + 7)
    while j < limit:
        tok = doc[j]
        if tok.pos_ in ("NOUN", "PROPN"):
            end = j + 1
        elif tok.pos_ in ("ADJ", "NUM", "PART") or tok.lower_ in _PHRASE_WORDS:
            pass
        elif tok.tag_ == "VBN" and j + 1 < limit and doc[j + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            pass  # "United States-made HIMARS", "armoured vehicles", "captured Ukrainian soldiers"
        elif (
            tok.pos_ == "ADV"
            and tok.lower_.endswith("ly")
            and j + 2 < limit
            and (doc[j + 1].tag_ == "VBN" or doc[j + 1].pos_ == "ADJ")
        ):
            pass  # "22 badly wounded Ukrainian soldiers"
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


def last_stem(kept: list[DraftFigure]) -> str | None:
    """The people the figures before counted last (personnel or civilians)."""
    for prev in reversed(kept[-LOOK_BACK:]):
        stem = prev.category.split(".")[0]
        if stem in _PEOPLE:
            return stem
    return None


class CategoryRules:
    """Reads what each figure counts (built once per component)."""

    def __init__(self, lex: FigureLexicon) -> None:
        self.lex = lex
        self.skipped_determiners = frozenset(lex.skipped_determiners)
        # Money and lengths count no losses, forces or ground.
        self.uncounted_units = frozenset((*lex.currencies.values(), "km", "tonnes"))
        self.open_end_after = open_end_pattern(lex)
        # Sub-counts: "including three HIMARS", "76 of them", "of which 40", "among them 12".
        self.subcount_before = re.compile(
            rf"\b{alternation(lex.subcount_openers, ' ')}[ \t]+(?:\w+[ \t]+)?$", re.I
        )
        self.of_them_after = re.compile(rf"^[ \t]+of[ \t]+{alternation(lex.of_them)}\b", re.I)
        self.of_owner_after = re.compile(
            rf"^[ \t]+of[ \t]+{alternation(lex.of_owner_determiners)}[ \t]+\w", re.I
        )
        self.not_count_before = re.compile(
            rf"\b{alternation(lex.not_count_nouns)}[ \t]+(?:of|to)[ \t]+"
            rf"(?:{alternation(lex.not_count_hedges)}[ \t]+)?$",
            re.I,
        )
        self.civilian_tally = re.compile(rf"\b{alternation(lex.civilian_tallies)}\b", re.I)
        self.need_after = re.compile(rf"^[ \t]+(?:\w+[ \t]+)?{alternation(lex.needs)}\b", re.I)

    def count(self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]) -> bool:
        """Fill what the figure counts, its parent and category; False to drop it."""
        text = index.text
        after = text[fig.end : fig.end + 40]
        of_them = self.of_them_after.match(after)
        subcount = bool(self.subcount_before.search(text[max(sent[0], fig.start - 40) : fig.start]))
        if of_them and kept:
            cls, bare = self.part_of_previous(fig, of_them, kept), False
        else:
            cls, bare = self.counted_phrase(index, fig, after)
        if fig.kind == "one" and cls is None:
            return False
        more = self.open_end_after.match(text[fig.np_end : fig.np_end + 20])
        if more and fig.qualifier == "exact" and fig.np_end > fig.end - 1:
            fig.low, fig.qualifier = fig.value, "at_least"  # "12 tanks or more"
            fig.end = fig.np_end = fig.np_end + len(more.group(0))
        if fig.kind == "time":
            fig.category, fig.unit = "other", None
            return True
        if fig.extra.get("name") and fig.np_end <= fig.end:
            fig.category = "other"  # the number of a name: "Operation 1027", "Voyager 2"
            return True
        if fig.unit == "km2":
            cls = "territory"
        if self.find_parent(text, fig, cls, subcount, sent, kept):
            subcount = True
            fig.extra["including"] = True
        fig.cls = cls
        fig.extra["bare"] = bare
        fig.category = self.category(index, fig, cls, sent, kept, bare)
        if fig.parent is not None and subcount and cls in (None, *_STEMS):
            # "12 hostages, including 10 Israelis": the part counts what the whole counts.
            parent_category = kept[fig.parent].category
            if parent_category != "other" and fig.category.split(".")[0] != parent_category.split(".")[0]:
                fig.category = parent_category
        return True

    @staticmethod
    def part_of_previous(fig: DraftFigure, of_them: re.Match[str], kept: list[DraftFigure]) -> str | None:
        """ "76 of them": part of the figure before, counting what it counts."""
        fig.end = fig.np_end = fig.end + len(of_them.group(0))
        fig.parent = len(kept) - 1
        cls = kept[-1].cls
        if cls is None and kept[-1].category != "other":
            cls = kept[-1].category
        return cls

    def counted_phrase(self, index: DocIndex, fig: DraftFigure, after: str) -> tuple[str | None, bool]:
        """The class of the thing named after the number, taken into its text, and whether the
        number is bare ("rose to 40", "2,700 wounded": the noun is elsewhere)."""
        doc = index.doc
        i = index.token_at_or_after(fig.end)
        of = _OF_AFTER.match(after)
        if of and (fig.kind in _PART_KINDS or fig.unit in _PART_UNITS or self.of_owner_after.match(after)):
            i = index.token_at_or_after(fig.end + len(of.group(0)))
            while i < len(doc) and doc[i].lower_ in self.skipped_determiners:
                i += 1
        np_end_tok = noun_phrase_end(doc, i)
        hit = self.thing_in(index, i, np_end_tok)
        cls: str | None = None
        if hit is not None:
            cls = hit[2]
            np_end_tok = max(np_end_tok, hit[1])
        if np_end_tok > i:
            fig.np_end = fig.end = max(fig.end, doc[np_end_tok - 1].idx + len(doc[np_end_tok - 1]))
        bare = False
        if hit is None and (
            np_end_tok == i or (np_end_tok - i == 1 and index.cue_at(i)) or index.outcome_in(i, np_end_tok)
        ):
            bare = fig.unit == "count"
        return cls, bare

    @staticmethod
    def find_parent(
        text: str, fig: DraftFigure, cls: str | None, subcount: bool, sent: Sentence, kept: list[DraftFigure]
    ) -> bool:
        """Set the figure a sub-count belongs to: the one before it in the sentence, or the parent
        of a sub-count it continues a list of ("including 10 tanks and 5 drones"). Whether the
        figure is a sub-count."""
        if subcount and fig.parent is None and kept and kept[-1].start >= sent[0]:
            fig.parent = len(kept) - 1
            return True
        if (
            fig.parent is None
            and kept
            and kept[-1].parent is not None
            and kept[-1].extra.get("including")
            and LIST_GAP.match(text[kept[-1].np_end : fig.start])
            and (cls in (None, *_STEMS) or cls == kept[-1].cls)
        ):
            fig.parent = kept[-1].parent
            return True
        return subcount

    @staticmethod
    def thing_in(index: DocIndex, i: int, j: int) -> Thing | None:
        """The last counted thing that starts within tokens [i, j) (the head of the phrase)."""
        hits = index.things_between(i, max(j, i + 1))
        return hits[-1] if hits else None

    # ------------------------------------------------------------------ the category
    def category(
        self,
        index: DocIndex,
        fig: DraftFigure,
        cls: str | None,
        sent: Sentence,
        kept: list[DraftFigure],
        bare: bool,
    ) -> str:
        if fig.unit in self.uncounted_units:
            return "other"
        if cls is None and bare:
            text = index.text
            before = text[max(sent[0], fig.start - 30) : fig.start]
            if self.not_count_before.search(before) or self.need_after.match(text[fig.end : fig.end + 40]):
                return "other"  # "a crew of 396", "home to 60,000", "25 million need aid"
            # A bare number counts what the figure before it in the sentence counted ("another
            # 95", "two more"), else what was named just before it ("tank losses stand at 800"),
            # else what the previous sentence's last figure counted ("at 3,000").
            prev = kept[-1] if kept and kept[-1].category != "other" else None
            if prev is not None and prev.start >= sent[0]:
                return self.like(index, fig, prev, len(kept) - 1, sent)
            cls = self.named_before(index, fig, sent)
            if cls is None:
                return self.bare_category(index, fig, prev, sent, kept)
        return self.class_category(index, fig, cls, sent)

    def class_category(self, index: DocIndex, fig: DraftFigure, cls: str | None, sent: Sentence) -> str:
        """The category of a counted class: as it is, or its stem completed by an outcome word."""
        if cls is None:
            return "other"
        if "." in cls or cls in ("territory", "other"):
            return cls
        if cls in _PEOPLE and self.outcome(index, fig, "prisoners", sent, near=True):
            return "prisoners.exchanged"  # "handing over 303 soldiers", "freed 12 civilians"
        sub = self.verb_outcome(index, fig, cls) or self.outcome(index, fig, cls, sent)
        if cls == "prisoners":
            return "prisoners.exchanged" if sub == "exchanged" else "personnel.captured"
        if cls == "personnel":
            return f"personnel.{sub or 'troops'}"
        if cls == "civilians" and self.need_after.match(index.text[fig.np_end : fig.np_end + 40]):
            return "other"
        if cls == "civilians":
            if sub is None:
                sub = self.outcome(index, fig, "personnel", sent)
                sub = {"wounded": "injured", "killed": "killed"}.get(sub or "")
            return f"civilians.{sub}" if sub else "other"
        return "other"

    def verb_outcome(self, index: DocIndex, fig: DraftFigure, stem: str) -> str | None:
        """What the verb the figure is a participant of says happened to it, before any word
        next to it: "executed 93 captured Ukrainian soldiers" (killed, not captured), "176 of
        its staff ... have been killed" (not "refugees" two words before)."""
        head = head_of(index.doc, fig.start, fig.np_end)
        if head is None:
            return None
        verb, dep = verb_of(head)
        if verb is None or dep not in PARTICIPANT:
            return None
        # The longest outcome phrase the verb is in: "killed or wounded" (casualties), not "killed".
        phrases = [
            (e - s, low)
            for s, e, label, low in index.words_between(max(0, verb.idx - 30), verb.idx + 1)
            if label == "OUTCOME" and s <= verb.idx < e
        ]
        longest = [max(phrases)[1]] if phrases else []
        for form in (*longest, verb_phrase(verb), verb.lower_):
            sub = self.lex.outcomes.get(form, {}).get(stem)
            if sub is not None:
                return sub
        return None

    @staticmethod
    def named_before(index: DocIndex, fig: DraftFigure, sent: Sentence) -> str | None:
        """The class of the last counted thing named just before the number ("tank losses stand at 800")."""
        i = index.token_at_or_after(max(sent[0], fig.start - 50))
        j = index.token_at_or_after(fig.start)
        cls = None
        for thing in index.things_between(i, j):
            if thing[2] != "other":
                cls = thing[2]
        return cls

    def bare_category(
        self,
        index: DocIndex,
        fig: DraftFigure,
        prev: DraftFigure | None,
        sent: Sentence,
        kept: list[DraftFigure],
    ) -> str:
        """A bare number with nothing named before it: what the previous sentence's last figure
        counted, else people by an outcome word next to it ("killed 300", "rose to 40")."""
        if prev is not None and prev.start >= index.prev_sent_start(sent):
            return self.like(index, fig, prev, len(kept) - 1, sent)
        # The people an outcome word right next to the number can be said of, in _PEOPLE's order.
        people = [stem for stem in _PEOPLE if self.outcome(index, fig, stem, sent, near=True) is not None]
        if not people:
            if self.outcome(index, fig, "prisoners", sent, near=True):
                return "prisoners.exchanged"  # "swapped 175 for 175": only an exchange is said
            return "other"
        stem = (
            self.stem_in_sentence(index, sent) or last_stem(kept) or self.tally_stem(index, sent) or people[0]
        )
        if stem == "prisoners":
            return "prisoners.exchanged"
        sub = self.outcome(index, fig, stem, sent)
        return f"{stem}.{sub}" if sub else "other"

    def like(self, index: DocIndex, fig: DraftFigure, prev: DraftFigure, at: int, sent: Sentence) -> str:
        """The category of a bare number that counts what figure `at` counted; an outcome word
        right next to it may change the last part ("1,000 casualties ... 300 killed")."""
        fig.extra["like"] = at
        stem = (prev.cls or prev.category).split(".")[0]
        if stem in _PEOPLE:
            sub = self.outcome(index, fig, stem, sent, near=True)
            if sub:
                return f"{stem}.{sub}" if stem == "personnel" or sub != "casualties" else prev.category
        return prev.category

    def tally_stem(self, index: DocIndex, sent: Sentence) -> str | None:
        """ "civilians" for a toll a health ministry or medics give (civilian_tallies)."""
        return "civilians" if self.civilian_tally.search(index.text, sent[0], sent[1]) else None

    @staticmethod
    def stem_in_sentence(index: DocIndex, sent: Sentence) -> str | None:
        """The first people named in the sentence (personnel or civilians)."""
        i, j = index.token_at_or_after(sent[0]), index.token_at_or_after(sent[1])
        for thing in index.things_between(i, j):
            if thing[2] in _PEOPLE:
                return thing[2]
        return None

    def outcome(
        self, index: DocIndex, fig: DraftFigure, stem: str, sent: Sentence, near: bool = False
    ) -> str | None:
        """The outcome word nearest the figure in its clause: in the phrase, after it, before it
        (`near`: only right next to it, for a number without a noun)."""
        best: tuple[int, str] | None = None
        reach = 25 if near else 60
        lo, hi = max(sent[0], fig.start - reach), min(sent[1], fig.np_end + reach)
        for s, e, label, low in index.words_between(lo - 40, hi):
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
