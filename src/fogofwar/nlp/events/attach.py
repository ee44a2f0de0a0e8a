"""What an event takes from the earlier components: its place (``doc._.places``), its date
(``doc._.times``), its toll (``doc._.figures``) and the claim that carries it (``doc._.claims``).

Each is looked for in the event's sentence first, then in the sentences before it in the same
paragraph: a report names the place and the day once, then tells what happened there.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from spacy.tokens import Doc, Span

from fogofwar.nlp.doctext import doc_text
from fogofwar.nlp.events.cues import Actor
from fogofwar.nlp.events.drafts import DraftEvent
from fogofwar.nlp.events.happenings import Happenings, time_range, usable_time

# Place kinds from the most specific to the least: the event's place is the most specific one.
_PLACE_RANK = {"feature": 0, "populated_place": 1, "admin2": 2, "admin1": 3, "country": 4}
# Prepositions that say where something happened: "in", "near", "outside", "on the road to".
_LOCATIVES = frozenset(
    {"in", "near", "outside", "at", "around", "inside", "into", "across", "along", "on", "to",
     "toward", "towards", "between", "from", "within", "over", "nearby", "off", "past", "through"}
)  # fmt: skip
# Nouns whose "of" names the place: "control of X", "the outskirts of X", "the capture of X".
_PLACE_OF = frozenset(
    {"control", "outskirt", "outskirts", "suburb", "suburbs", "vicinity", "environs", "edge", "centre",
     "center", "capture", "fall", "siege", "village", "town", "city", "district", "area", "part"}
)  # fmt: skip
# Verbs of saying: a place in their clause is where someone spoke, not where it happened.
_REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "claim", "announce", "state", "add", "confirm", "accuse", "write",
     "post", "deny", "warn", "insist", "allege", "declare"}
)  # fmt: skip
# Figure categories (personnel.killed, civilians.killed, ...) that count the dead.
_KILLED_CATEGORY = re.compile(r"killed|dead|death|fatalit", re.I)


def main_country(places: list[dict[str, Any]]) -> str | None:
    """The country most of the article's places are in (not counting names standing for actors)."""
    codes = Counter(
        p.get("country_code") for p in places if p.get("country_code") and p.get("role") != "actor"
    )
    return str(codes.most_common(1)[0][0]) if codes else None


def _paragraph_windows(text: str, sent: Span, sents: list[Span]) -> list[tuple[int, int]]:
    """The sentence's span, then those of the sentences before it in its paragraph, nearest first."""
    windows = [(sent.start_char, sent.end_char)]
    para = text.rfind("\n\n", 0, sent.start_char)
    for prev in reversed(sents):
        if prev.end_char <= sent.start_char and prev.start_char > para:
            windows.append((prev.start_char, prev.end_char))
    return windows


def _not_attacker_country(
    places: list[dict[str, Any]], candidates: list[int], actor1: Actor | None
) -> list[int]:
    """ "Russia launched missiles at Ukraine": the attacker's country is not where it happened."""
    if actor1 is None or not actor1.country:
        return candidates
    other = [
        i
        for i in candidates
        if not (places[i].get("kind") == "country" and places[i].get("country_code") == actor1.country)
    ]
    return other or candidates


def _grammatical_role(doc: Doc, place: dict[str, Any]) -> int:
    """How the sentence uses a place name, best first: 0 where something happened ("near X",
    "shelled X"), 1 a mention of no telling role, 2 a name in a reporting clause ("an official
    in Kyiv said"), 3 a name that acts or speaks ("Kyiv said", "Moscow claimed"): a capital or a
    country standing for its government."""
    span = doc.char_span(place["start"], place.get("end") or place["start"] + 1, alignment_mode="expand")
    if span is None or not len(span):
        return 1
    head = span.root
    while head.dep_ in ("compound", "flat", "nmod", "appos") and head.head.i != head.i:
        head = head.head  # "Kharkiv city", "Vovchansk (Kharkiv)": the phrase's head word
    verb = head.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    reporting = verb.lemma_.lower() in _REPORTING_VERBS
    if head.dep_ in ("nsubj", "poss") and reporting:
        return 3
    if reporting:
        return 2
    if head.dep_ in ("dobj", "nsubjpass"):
        return 0  # the object hit or taken
    if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVES:
        return 0
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _PLACE_OF:
        return 0  # "took control of X", "the outskirts of X"
    return 1


def _usual_country(places: list[dict[str, Any]], candidates: list[int]) -> str | None:
    """The country most of the candidates are in, if one has more than any other."""
    ranked = Counter(
        places[i].get("country_code") for i in candidates if places[i].get("country_code")
    ).most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return str(ranked[0][0])
    return None


def _place_rank(p: dict[str, Any], role: int, usual: str | None, i: int) -> tuple[int, ...]:
    """How good a candidate is as the event's place, lowest best (see :func:`pick_place`)."""
    return (
        int(p.get("lat") is None or p.get("lon") is None),
        int(p.get("role") == "actor"),
        int(usual is not None and p.get("country_code") != usual),
        role,
        _PLACE_RANK.get(p.get("kind") or "", 5),
        i,
    )


def pick_place(
    doc: Doc,
    event: DraftEvent,
    places: list[dict[str, Any]],
    actors: list[Actor],
    actor1: Actor | None,
    sents: list[Span],
) -> int | None:
    """The most specific place where the event happened, named in its sentence (else the
    sentences before it in the paragraph): never a name that stands for an actor, nor part of an
    actor's name. A place the gazetteer placed beats one it could not; one in the country of
    most of the window's places beats a namesake abroad ("at Lido in Mogadishu"); the sentence's
    own locative ("near X", "outside X", "on the road to X", "shelled X") beats a capital or a
    country that speaks for a government ("Kyiv said"); then the finer kind, then text order."""
    if not places:
        return None

    roles: dict[int, int] = {}

    def usable(i: int, lo: int, hi: int) -> bool:
        p = places[i]
        start = p.get("start")
        if not isinstance(start, int) or not lo <= start < hi:
            return False
        # Part of an actor's name ("Luhansk People's Militia"); a state's name may be a place too.
        if any(a.start <= start < a.end for a in actors if a.kind != "state"):
            return False
        roles[i] = _grammatical_role(doc, p)
        # A name the places component took for an actor is the place only as the sentence's
        # locative ("regained control of Myawaddy").
        return p.get("role") != "actor" or roles[i] == 0

    for lo, hi in _paragraph_windows(doc_text(doc), event.sent, sents):
        candidates = [i for i in range(len(places)) if usable(i, lo, hi)]
        candidates = _not_attacker_country(places, candidates, actor1)
        if candidates:
            usual = _usual_country(places, candidates)
            return min(candidates, key=lambda i: _place_rank(places[i], roles[i], usual, i))
    return None


def _one_day(t: dict[str, Any]) -> bool:
    rng = time_range(t)
    return str(rng["begin"])[:10] == str(rng["end"])[:10]


def pick_date(doc: Doc, event: DraftEvent) -> tuple[dict[str, str | None] | None, bool]:
    """The date of the event's sentence (else of the sentences before it in the paragraph), else
    the nearest single day told before it in the article ("On Tuesday ... . Hours later, ..."),
    flagged as assumed, else the publication date, flagged as assumed."""
    times = [t for t in doc._.times or [] if usable_time(t)]
    sent = event.sent
    para = doc_text(doc).rfind("\n\n", 0, sent.start_char)
    in_sent = [t for t in times if sent.start_char <= t.get("start", -1) < sent.end_char]
    before = [t for t in times if para < t.get("start", -1) < sent.start_char]
    for group in (in_sent, list(reversed(before))):
        if group:
            # A single day beats a span ("on 12 May" over "this week").
            best = min(group, key=lambda t: (t["range"].get("begin") != t["range"].get("end"),))
            return time_range(best), False
    # A period's bounds ("since 2014") date no happening; a day told earlier in the article does.
    earlier = [t for t in times if -1 < t.get("start", -1) <= para and _one_day(t)]
    if earlier:
        return time_range(max(earlier, key=lambda t: int(t["start"]))), True
    published = doc._.published
    if isinstance(published, str) and published:
        return {"begin": published[:10], "end": published[:10]}, True
    return None, False


class TollReader:
    """The fatalities of an event, from the killed counts the figures component found."""

    def __init__(self, tolls: dict[str, Any], happenings: Happenings | None = None) -> None:
        self.happenings = happenings  # period tallies and "no one was killed"
        self.number_words: dict[str, int] = dict(tolls["number_words"])
        self.vague: dict[str, int] = dict(tolls["vague"])
        count = r"(\d+|" + "|".join(map(re.escape, self.number_words)) + r")"
        # ACLED's own notes say when one toll is shared out over several events.
        self.split_note = re.compile(
            count + r"\s+fatalit(?:y|ies)\s+(?:were\s+)?split\s+(?:up\s+)?(?:among|between|across)\s+"
            + count + r"\s+events?",
            re.I,
        )  # fmt: skip

    def _count(self, word: str) -> int:
        return int(word) if word.isdigit() else self.number_words[word.lower()]

    def split_share(self, text: str) -> int | None:
        """The toll each event gets when an ACLED-style note shares one toll out over several."""
        split = self.split_note.search(text)
        if split is None:
            return None
        total, among = (self._count(g) for g in split.groups())
        return total // among if among else None

    def _figure_toll(self, figure: dict[str, Any]) -> int | None:
        """The number a killed count contributes: ACLED codes the lowest figure reported, and fixed
        numbers for vague words."""
        value = self.vague.get(str(figure.get("text", "")).lower().strip())
        for key in ("low", "value"):
            if value is None:
                value = figure.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return int(value)
        return None

    def fatalities(self, doc: Doc, event: DraftEvent, share: int | None) -> int | None:
        """Killed counts that belong to the event: the figures in its sentences (a sub-count is not
        counted twice; a period's tally, "3,100 killed since February 2022", is no event's), or
        the share that an ACLED-style note says the event gets; zero where its sentences say
        nobody died and give no other count."""
        if share is not None:
            return share
        tolls = []
        for figure in doc._.figures or []:
            if not isinstance(figure, dict) or figure.get("parent") is not None:
                continue
            category = figure.get("category") or ""
            start = figure.get("start")
            if not _KILLED_CATEGORY.search(category) or not isinstance(start, int):
                continue
            if not any(s.start_char <= start < s.end_char for s in event.scope):
                continue
            if self.happenings is not None and self.happenings.period_tally(doc, start):
                continue
            toll = self._figure_toll(figure)
            if toll is not None:
                tolls.append(toll)
        if tolls:
            return sum(tolls)
        if self.happenings is not None and any(
            self.happenings.says_none_died(s) for s in (*event.scope, *event.quiet)
        ):
            return 0
        return None


def claim_of(doc: Doc, trigger: int) -> str | None:
    """The claim whose content holds the event's cue: "Russia claims to have repelled ..."."""
    for claim in doc._.claims or []:
        if isinstance(claim, dict) and claim.get("start", 1) <= trigger < claim.get("end", 0):
            cid = claim.get("id")
            return str(cid) if cid is not None else None
    return None


def without_outer_space(text: str, start: int, end: int) -> tuple[int, int]:
    """`start` and `end` moved inwards past any whitespace at either end."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
