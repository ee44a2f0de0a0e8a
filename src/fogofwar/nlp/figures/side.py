"""Whose a figure is: the side whose losses, forces or ground it counts (an ISO 3166-1 code).

Rules in order, the first that decides wins: a side named in the counted phrase ("Russian
drones"); the sentence's subject side read through the verb between ("Russia lost" -> RU,
"Ukraine shot down" -> the other side); who did it, after the figure; the side that says it;
else what the article said last.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from fogofwar.knowledge import FigureLexicon
from fogofwar.nlp.figures.document import LIST_GAP, LOOK_BACK, DocIndex, DraftFigure, Sentence
from fogofwar.nlp.figures.phrases import alternation
from fogofwar.nlp.figures.syntax import (
    PARTICIPANT,
    clause_verb,
    head_of,
    in_other_clause,
    own_subject,
    verb_of,
)

# A rule's answer: (side,) when it decides (the side may be None: no one's), None to go on.
Verdict = tuple[str | None] | None
_BOTH_SIDES = re.compile(r"^[ \t]+(?:and|&)[ \t]+$", re.I)
_AROUND = 5000  # characters looked over for the side the article named last


class SideRules:
    """Reads whose each figure is (built once per component)."""

    def __init__(self, lex: FigureLexicon) -> None:
        self.lex = lex
        self.speech = frozenset(lex.speech_words)
        self.locative = frozenset(lex.locative)
        self.tallies = frozenset(lex.tallies)
        self.ceding = re.compile(rf"\b{alternation(lex.ceding)}[ \t]+(?:\w+[ \t]+)?$", re.I)
        # "US-made", "Western-supplied": where a weapon comes from, not whose it is.
        self.made_after = re.compile(rf"^[ \t]*-?[ \t]*{alternation(lex.origin_words)}\b", re.I)
        self.aid = re.compile(rf"\b{alternation(lex.aid_words)}\b", re.I)
        self.possessive = re.compile(rf"\b{alternation(lex.possessive_determiners)}\b", re.I)
        self.own_loss_after = re.compile(rf"^[ \t]+(?:\w+[ \t]+)?{alternation(lex.own_loss_words)}\b", re.I)
        self.passive_before = re.compile(
            rf"\b{alternation(lex.passive_auxiliaries)}[ \t]+(?:\w+ly[ \t]+)?$", re.I
        )
        self.agent_before = re.compile(
            rf"^[ \t,]*(?:\w+[ \t]+)?{alternation(lex.agent_prepositions)}[ \t]+(?:the[ \t]+)?"
        )
        # Looked for around many figures: found once per Doc (DocIndex.hits).
        self.hit_patterns = {
            "each": re.compile(
                rf"\b{alternation(lex.each_quantifiers)}[ \t]+{alternation(lex.each_parties)}\b", re.I
            ),
            "pronoun": re.compile(rf"\b{alternation(lex.pronoun_agents, ' ')}\b", re.I),
        }
        self.rules: tuple[Callable[[DocIndex, DraftFigure, Sentence, list[DraftFigure]], Verdict], ...] = (
            self.named_in_phrase,
            self.owner_of_tally,
            self.listed_or_unknown,
            self.agent_after,
            self.where_civilians_are,
            self.subject_before,
            self.doer_after,
            self.speaker_party,
            self.said_last,
        )

    def side(self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]) -> str | None:
        for rule in self.rules:
            verdict = rule(index, fig, sent, kept)
            if verdict is not None:
                return verdict[0]
        return None

    # ------------------------------------------------------------------ the rules, in order
    def named_in_phrase(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """Named in the counted phrase ("Russian soldiers", "of Russia's Black Sea Fleet"), its
        parent's, or an owner's ("172 of its soldiers": the nearest side named before)."""
        text = index.text
        for s, e, code, _, _ in index.sides_between(fig.start, fig.np_end):
            if fig.start <= s < fig.np_end and not self.made_after.match(text[e : e + 12]):
                return (code,)
        if fig.parent is not None and kept[fig.parent].side:
            return (kept[fig.parent].side,)
        if self.possessive.search(text[fig.start : fig.np_end]):
            for s, _e, code, _ts, _te in reversed(index.sides_between(sent[0], fig.start)):
                if sent[0] <= s < fig.start:
                    return (code,)
        return None

    def owner_of_tally(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """The side that owns the tally the figure is the amount of: "puts Russia's losses at
        roughly 850,000", "counts Russian losses at about 860,000 personnel, 10,200 tanks",
        "Ukraine's losses stand at 400,000" (the parse: the figure is the object of "at", which
        hangs on the tally noun or on the verb that has it as a participant)."""
        tok = head_of(index.doc, fig.start, fig.np_end)
        for _ in range(8):  # up a list: "860,000 personnel, 10,200 tanks and 23,500 systems"
            if tok is None or tok.dep_ not in ("conj", "appos"):
                break
            tok = tok.head
        if tok is None or tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            return None
        gov = tok.head.head
        nouns = [gov] if gov.pos_ in ("NOUN", "PROPN") else [c for c in gov.children if c.dep_ in PARTICIPANT]
        for noun in nouns:
            if noun.lower_ not in self.tallies:
                continue
            for child in noun.children:
                if child.dep_ in ("poss", "amod", "compound", "nmod"):
                    code = index.side_at(child.i)
                    if code is not None:
                        return (code,)
        return None

    @staticmethod
    def listed_or_unknown(
        index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """The side of the figure it is listed after ("12 Ukrainian tanks and 20 armoured
        personnel carriers"); no one's for a bare number whose object is unknown."""
        if (
            kept
            and kept[-1].start >= sent[0]
            and LIST_GAP.match(index.text[kept[-1].np_end : fig.start])
            and kept[-1].category != "other"
        ):
            return (kept[-1].side,)
        if fig.category == "other" and fig.extra.get("bare") and "like" not in fig.extra:
            return (None,)
        return None

    def agent_after(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """ "launched by Russia", "from Russia"; no one's in "each side handed over 303" or for
        "159 aid trucks"; a bare number's is the side of the figure whose things it counts."""
        tail = index.text[fig.np_end : min(sent[1], fig.np_end + 30)]
        by = self.agent_before.match(tail)
        if by:
            for s, _e, code, _, _ in index.sides_between(fig.np_end, fig.np_end + 40):
                if s == fig.np_end + by.end():
                    return (code,)
        if index.hits["each"].first(sent[0], sent[1]) or self.aid.search(index.text[fig.start : fig.np_end]):
            return (None,)
        like = fig.extra.get("like")
        if isinstance(like, int) and like < len(kept):
            return (kept[like].side,)
        return None

    def where_civilians_are(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """Civilians are the side where they are: "killed in Israel", "in Kyiv"."""
        if fig.category.startswith("civilians"):
            for _s, _e, code, ts, _te in index.sides_between(fig.np_end, sent[1]):
                if ts > 0 and index.doc[ts - 1].lower_ in self.locative:
                    return (code,)
            town = self.town_of(index, fig, sent)
            if town is not None:
                return (town,)
        return None

    def subject_before(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """A side earlier in the sentence, read through the verb between it and the figure."""
        text, doc = index.text, index.doc
        civilians = fig.category.startswith("civilians")
        mentions = index.sides_between(sent[0], fig.start)
        head = head_of(doc, fig.start, fig.np_end)
        verb = verb_of(head)[0] if head is not None else None
        subject = own_subject(verb) if verb is not None else None
        if subject is not None and subject.left_edge.idx < fig.np_end and fig.start <= subject.idx:
            subject = None  # the figure is the subject ("9,000 residents were evacuated")
        for n in range(len(mentions) - 1, -1, -1):
            s, e, code, ts, te = mentions[n]
            if self.is_speaker(doc, ts, te):
                continue
            if verb is not None and self.not_the_actor(doc[ts], verb, subject):
                continue
            if n > 0 and _BOTH_SIDES.match(text[mentions[n - 1][1] : s]) and mentions[n - 1][2] != code:
                return (None,)  # "Russia and Ukraine each handed over 303"
            if any(k.start <= s < k.np_end for k in kept[-3:]):
                continue  # named in an earlier figure's phrase: that figure's side, not this one's
            prev_tok = doc[ts - 1] if ts > 0 else None
            if (
                prev_tok is not None
                and prev_tok.pos_ in ("ADP", "VERB")
                and prev_tok.lower_ not in self.speech
                and not civilians
            ):
                continue  # "smuggled into Russia", "hit Ukraine": not who acts or loses
            return (self.through_verb(index, code, e, fig),)
        return None

    def doer_after(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """After the figure, who did it: "63 servicemen died when Ukrainian rockets hit"."""
        for s, e, code, ts, te in index.sides_between(fig.np_end, sent[1]):
            if s >= sent[1]:
                break
            if (
                fig.np_end <= s
                and not self.is_speaker(index.doc, ts, te)
                and self.hostile_after(index, e, sent)
            ):
                return (self.lex.opponents.get(code, code),)
        return None

    def speaker_party(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """The one who says it, when it is a party: its own people and ground, the other side's
        losses ("Ukraine claimed about 400 were killed")."""
        speaker = next(
            (
                code
                for _s, _e, code, ts, te in reversed(index.sides_between(sent[0], fig.start))
                if self.is_speaker(index.doc, ts, te)
            ),
            None,
        )
        if speaker is None or speaker not in self.lex.opponents:
            return None
        if index.hits["pronoun"].first(sent[0], fig.start):
            return (self.through_verb(index, speaker, sent[0], fig),)
        if fig.category.startswith(("civilians", "territory", "personnel.troops")):
            return (speaker,)
        if self.own_loss_after.match(index.text[fig.np_end : fig.np_end + 40]):
            return (speaker,)  # "Russia said one sailor died": a side reports its own dead so
        return (self.lex.opponents.get(speaker, speaker),)

    def said_last(
        self, index: DocIndex, fig: DraftFigure, sent: Sentence, kept: list[DraftFigure]
    ) -> Verdict:
        """What the article said last: the figure before, else the nearest side named before,
        else the first named after."""
        for prev in reversed(kept[-LOOK_BACK:]):
            if prev.side and prev.category != "other":
                return (prev.side,)
        for s, _e, code, ts, te in reversed(index.sides_between(max(0, fig.start - _AROUND), fig.start)):
            if s < fig.start and not self.is_speaker(index.doc, ts, te):
                return (code,)
        for s, _e, code, _ts, _te in index.sides_between(fig.end, fig.end + _AROUND):
            if s >= fig.end:
                return (code,)
        return (None,)

    # ------------------------------------------------------------------ helpers
    def town_of(self, index: DocIndex, fig: DraftFigure, sent: Sentence) -> str | None:
        """The country of the town nearest the figure in its sentence that the places component
        placed and a locative word introduces ("killing 70 people ... in Bamako"); a town that is
        also a side's name is read as that side."""
        near: tuple[int, str] | None = None
        for s, _e, code, ts in index.places:
            if not (sent[0] <= s < sent[1] and ts > 0) or index.side_at(ts) is not None:
                continue
            if index.doc[ts - 1].lower_ in self.locative and (near is None or abs(s - fig.start) < near[0]):
                near = (abs(s - fig.start), code)
        return near[1] if near else None

    @staticmethod
    def not_the_actor(mention: Token, verb: Token, subject: Token | None) -> bool:
        """Whether a side named before the figure is neither in the figure's clause nor in one
        that governs it ("since Russia opened its front, 9,000 residents were evacuated"), or
        names the actor of another clause when the figure's verb has a subject of its own ("US
        and British warplanes struck ..., after the group fired 21 drones")."""
        if in_other_clause(mention, verb):
            return True
        mv = clause_verb(mention)
        return (
            subject is not None
            and mv is not None
            and mv.i != verb.i
            and not subject.left_edge.i <= mention.i <= subject.right_edge.i
        )

    @staticmethod
    def hostile_after(index: DocIndex, after: int, sent: Sentence) -> bool:
        """Whether a killing or destroying verb follows a side mention closely (its subject)."""
        for s, _e, label, _ in index.words_between(after, min(sent[1], after + 25)):
            if s >= min(sent[1], after + 25):
                break
            if s >= after and label == "HOSTILE":
                return True
        return False

    def is_speaker(self, doc: Doc, ts: int, te: int) -> bool:
        """Whether the side mention at tokens [ts, te) is who speaks: "according to Ukraine",
        "Ukraine's military said"."""
        if ts >= 2 and doc[ts - 2 : ts].text.lower() in ("according to",):
            return True
        if ts >= 3 and doc[ts - 3 : ts - 1].text.lower() == "according to":
            return True
        j = te
        for _ in range(5):
            if j >= len(doc):
                return False
            tok = doc[j]
            if tok.lower_ in self.speech:
                return True
            if tok.pos_ not in ("PROPN", "NOUN", "PART", "ADJ", "AUX", "ADV") and tok.lower_ not in (
                "'s",
                "’s",
            ):
                return False
            j += 1
        return False

    def through_verb(self, index: DocIndex, code: str, after: int, fig: DraftFigure) -> str:
        """A side mention's code, or its opponent's when it kills, destroys or downs the figure's
        things: an active verb right before the figure ("shot down 76 drones"), not a passive
        ("were killed") and not a verb on something else ("hit the cruiser with two missiles")."""
        verb: tuple[int, int, str] | None = None
        for s, e, label, _ in index.words_between(after, fig.start):
            if s >= fig.start:
                break
            if s >= after and label in ("HOSTILE", "OWN"):
                verb = (s, e, label)
        if fig.cls == "prisoners" or fig.category == "prisoners.exchanged":
            # "Hamas freed 12 hostages": who frees or hands over people frees the other side's.
            for s, _e, label, low in index.words_between(after, fig.start):
                if s >= fig.start:
                    break
                if s >= after and label == "OUTCOME" and "prisoners" in self.lex.outcomes.get(low, {}):
                    return self.lex.opponents.get(code, code)
            return code
        if fig.category == "territory":
            # "Ukraine's army has lost control of some 100 km2": ground ceded is the other side's.
            if self.ceding.search(index.text[max(after, fig.start - 40) : fig.start]):
                return self.lex.opponents.get(code, code)
            return code
        if verb is None or verb[2] != "HOSTILE":
            return code
        if self.passive_before.search(index.text[max(0, verb[0] - 12) : verb[0]]):
            return code
        gap = index.text[verb[1] : fig.start].split()
        if len(gap) > 3 or "with" in gap:
            return code  # the verb acts on something else: "hit the cruiser with two missiles"
        return self.lex.opponents.get(code, code)
