"""Contradictions between claims of one story: two claims about the same thing that cannot both hold.

About the same thing: the two claims were made within a week of each other (``SAME_WEEK``: a
front line moves and a toll grows; reports further apart speak of different days) and either
sit in one article or name a common place (a claim that names none, "the town", "there", is
about the places its article names). Cannot both hold, by kind, read from the record and the
claim's words (link/stance.py, knowledge/links.json):

- ``status``: one side says it took a place (or that the other gave it up), the other that it
  still holds it or repelled the attack; the two holders differ ("M23 took Uvira" and "M23
  fighters still hold positions in Uvira" agree);
- ``negation``: a truce broken against kept, a road blocked against open, or one claim denying
  what the other asserts about the same content words ("fired at civilians near the site" /
  "its troops had not fired near the site");
- ``figure``: figures of one category and side, attached to the two claims, whose values
  disagree beyond their qualifiers ("at least 60,000" and "about 71,000" agree) and beyond the
  5% by which figure groups call values different;
- ``other``: one strike, two causes ("Russian shelling" / "Ukrainian drones") or two kinds of
  target (a weapons store / a civilian hangar).

A contradiction sets one party against another: never a claimant against himself under two
spellings (``claimants.canonical``), nor two speakers of one country (a ministry and its general
staff differ in wording, not in what they assert). Predictions assert nothing yet and are left
out. Each claim answers at most one other (a denial answers one assertion), the pair sharing
most content words and places first; copies of an article (``skip``) are left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import combinations
from typing import Any

from fogofwar.link import claimants, stance
from fogofwar.link.words import has_any
from fogofwar.model import Claim, Figure, Place, Record, Speaker
from fogofwar.timecode import parse_day

SAME_WEEK = 7  # days between the two reports
TOLERANCE = 1.05  # the spread above which a figure group's values disagree (DESIGN.md)


@dataclass(frozen=True)
class Said:
    """One claim of a story as the contradiction rules read it."""

    record: Record
    index: int
    claim: Claim
    tokens: list[str]
    key: str
    side: stance.Side
    places: frozenset[str]
    own_places: bool  # the places are named in the claim, not only in its article
    countries: frozenset[str]
    day: date | None
    when: tuple[str, str] | None
    content: frozenset[str]
    figures: tuple[Figure, ...]

    # What the claim's own words say, read once per claim, not once per pair it is set against.
    @cached_property
    def holder(self) -> tuple[str, stance.Side] | None:
        return _holder(self)

    @cached_property
    def place_names(self) -> frozenset[str]:
        return stance.place_names(self.claim.text)

    @cached_property
    def denies(self) -> bool:
        return stance.has(self.tokens, "denial")

    @cached_property
    def truce(self) -> str | None:
        return stance.truce(self.tokens)

    @cached_property
    def passage(self) -> str | None:
        return stance.passage(self.tokens)

    @cached_property
    def cause(self) -> str | None:
        return stance.cause(self.tokens)

    @cached_property
    def target(self) -> str | None:
        return stance.target(self.tokens)

    @cached_property
    def damage(self) -> bool:
        return stance.has(self.tokens, "damage")


def _places(record: Record, claim: Claim) -> tuple[frozenset[str], bool, frozenset[str]]:
    """The places a claim names (else those of its article), whether it names them, and their
    countries."""

    def key(p: Place) -> str:
        return str(p.geonameid) if p.geonameid else (p.name or p.text).lower()

    where = [p for p in record.places if p.role != "actor"]
    own = [p for p in where if p.start >= claim.start and p.end <= claim.end]
    if not own and stance.has(stance.words(claim.text), "elsewhere"):
        return frozenset(), False, frozenset()  # "attacks on several other villages"
    chosen = own or where
    countries = frozenset(p.country_code for p in chosen if p.country_code)
    return frozenset(key(p) for p in chosen), bool(own), countries


def _claimant_key(speaker: Speaker | None) -> str:
    """The speaker's identity across articles (``claimants.canonical``: spellings, titles,
    Defense/Defence); a person by the surname, since a name the lexicon lacks is written in full
    in one article and by the surname in the next. Empty for a pronoun or a common noun."""
    found = claimants.of_speaker(speaker)
    if found is None:
        return ""
    if found.kind == "person":
        return "person/" + found.key.rsplit(" ", 1)[-1]
    return found.key


def _read(record: Record, index: int, claim: Claim, before: Said | None) -> Said:
    tokens = stance.words(claim.text)
    speaker = claim.speaker
    key = _claimant_key(speaker)
    side = stance.speaker_side(speaker)
    if before is not None and speaker is not None and stance.is_generic_name(speaker.name):
        # "Mali's army said ... The army said ...": a bare "the army" names the one named before
        # with that noun, if any
        noun = stance.head_noun(speaker.name)
        earlier = before.claim.speaker
        around = ""
        if earlier and earlier.start is not None and earlier.end is not None:
            around = record.article.text[earlier.start : earlier.end + 12]  # "Mali's army"
        if earlier and noun in stance.words(f"{earlier.name or ''} {earlier.text or ''} {around}"):
            key, side = before.key, before.side
    return Said(
        record,
        index,
        claim,
        tokens,
        key,
        side,
        *_places(record, claim),
        parse_day(record.article.published),
        _when(record, claim),
        stance.content(tokens),
        tuple(f for f in record.figures if f.claim == claim.id and f.value is not None),
    )


def _identified(said: Said) -> bool:
    """Known as a party: a name that is more than a common noun ("the ministry"), or a country."""
    speaker = said.claim.speaker
    return bool(said.side.country) or bool(
        speaker and speaker.name and not stance.is_generic_name(speaker.name)
    )


def _opposed(a: Said, b: Said) -> bool:
    if a.key and a.key == b.key:
        return False  # a source revising itself is not a contradiction
    if a.record is not b.record and not (_identified(a) and _identified(b)):
        return False  # "the ministry" of another article may be the very one it is set against
    return not (a.side.country and b.side.country and a.side.country == b.side.country)


def _same_week(a: Said, b: Said) -> bool:
    """Reports within a week of each other, whose claims' own dates (if both give one) meet.
    An undated report's time is unknown: it meets only claims of its own article."""
    if a.record is not b.record and not (a.day and b.day):
        return False
    if a.day and b.day and abs((a.day - b.day).days) > SAME_WEEK:
        return False
    # A report speaks of its own days, or of days before it was published: never of later ones.
    wa = a.when or ("", str(a.day or "9999"))
    wb = b.when or ("", str(b.day or "9999"))
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def _when(record: Record, claim: Claim) -> tuple[str, str] | None:
    """The days a claim's own time expressions cover ("on Monday"), if any is resolved."""
    ranges = [
        t.range
        for t in record.times
        if t.start >= claim.start and t.end <= claim.end and t.range and t.range.begin and t.range.end
    ]
    if not ranges:
        return None
    return min(str(r.begin) for r in ranges), max(str(r.end) for r in ranges)


def _same_country(a: Said, b: Said) -> bool:
    """A claim whose article names only the country ("taken control of Goma" where the town was
    not resolved) may be about any place of it: enough for a status pair, whose holders decide."""
    return bool(a.countries & b.countries) and not (a.own_places and b.own_places)


def _counts_people(said: Said) -> bool:
    return any((f.category or "").startswith(("personnel", "civilians", "prisoners")) for f in said.figures)


def _holder(said: Said) -> tuple[str, stance.Side] | None:
    """(the stance, the side it says holds the place): "release" names the side that left."""
    found = stance.status(said.tokens)
    if found is None or _counts_people(said) or stance.takes_people(said.tokens) or said.denies:
        return None  # "594 servicemen had been captured" is people, "not held" holds nothing
    ground = said.own_places or stance.has(said.tokens, "ground") or bool(said.place_names)
    if stance.has(said.tokens, "not_ground") or not ground:
        return None  # "took part in the fighting", "most were repelled": no ground named
    group, at = found
    if group == "release" and not said.own_places:
        return None  # "troops withdrew to better lines": from where is not said
    side = stance.subject_side(said.tokens[:at], said.side)
    return (group, side) if side is not None else None


def _status_clash(a: Said, b: Said) -> bool:
    named = a.place_names & b.place_names
    if not (a.places & b.places or named or _same_country(a, b) or len(a.content & b.content) >= 2):
        return False  # ground held and ground taken must be one ground, even in one article
    ha, hb = a.holder, b.holder
    if ha is None or hb is None or {ha[0], hb[0]} == {"change"}:
        return False
    (ga, sa), (gb, sb) = ha, hb
    if "release" in (ga, gb):
        if ga == gb:
            return False
        left, other = (sa, sb) if ga == "release" else (sb, sa)
        return left.same(other)  # one says X left, the other that X still holds it
    if ga == gb == "hold" and bool(sa.country) != bool(sb.country):
        # Two claims that a side holds the ground clash only if the holders surely differ:
        # "Ukrainian forces held..." and a commander's "his forces controlled..." may be one side.
        return False
    return not sa.same(sb)


def _interval(f: Figure) -> tuple[float, float]:
    """The values a figure allows: "at least 60,000" has no top, "a few hundred" (a vague count
    names an order of magnitude) stays below a thousand."""
    value = float(f.value or 0.0)
    low = float(f.low if f.low is not None else value)
    high = float(f.high if f.high is not None else value)
    if has_any(f.text, "vague_counts") and value > 0:
        low, high = value / 3, 10 ** (math.floor(math.log10(value)) + 1)
    elif f.qualifier in ("over", "at_least"):
        high = float("inf")
    elif f.qualifier in ("under", "at_most"):
        low = 0.0
    return low, high


def _counts(said: Said) -> list[Figure]:
    """Figures that say what they count ("31 people"): a bare number ("between 26 and 30
    October") is a date or a rank, not a toll."""
    return [f for f in said.figures if not f.text.replace(",", "").strip().isdigit()]


def _figure_clash(a: Said, b: Said) -> bool:
    if not a.content & b.content:
        return False  # "thousands were leaving" and "48,000 remained" count two things
    # One thing: the claims name no two different countries ("Russia had lost 1,300" and
    # "Ukraine had lost 2,100" count two sides' losses; figure sides are too often unset).
    ca, cb = stance.country_in(a.tokens), stance.country_in(b.tokens)
    if ca and cb and ca != cb:
        return False
    for fa in _counts(a):
        for fb in _counts(b):
            if fa.category != fb.category or fa.unit != fb.unit or fa.category in (None, "other"):
                continue
            if (
                fa.period
                and fb.period
                and (fa.period.begin, fa.period.end) != (fb.period.begin, fb.period.end)
            ):
                continue  # "300 during the day" and "5,000 since the incursion" count two periods
            (la, ha), (lb, hb) = _interval(fa), _interval(fb)
            if la > hb * TOLERANCE or lb > ha * TOLERANCE:
                return True
    return False


def _other_clash(a: Said, b: Said, shared: int) -> bool:
    ca, cb = a.cause, b.cause
    if ca and cb and ca != cb and shared:
        return True
    if a.record is not b.record:
        return False  # "the strike", "the building": one strike is told apart only in one article
    ta, tb = a.target, b.target
    return bool(ta and tb and ta != tb and (a.damage or b.damage))


def _kind(a: Said, b: Said) -> str | None:
    """What makes the two claims unable to both hold, or None."""
    if _status_clash(a, b):
        return "status"
    truce = {a.truce, b.truce}
    ways = {a.passage, b.passage}
    if truce == {"broken", "kept"} or ways == {"blocked", "open"}:
        return "negation"
    if _figure_clash(a, b):
        return "figure"
    shared = len(a.content & b.content)
    if _other_clash(a, b, shared):
        return "other"
    denies_a, denies_b = a.denies, b.denies
    if denies_a != denies_b:
        denial, other = (a, b) if denies_a else (b, a)
        # A denial answers the claim that asserts what it denies: the denied verb, or at least two
        # content words, are in the other claim; a shared setting alone ("the plant") is a topic.
        if shared >= 2 or stance.denied(denial.tokens) & other.content:
            return "negation"
    return None


def _denial(a: Said, b: Said) -> tuple[str, int] | None:
    """The claim of a negation pair that denies (it answers one assertion), if one does."""
    da, db = a.denies, b.denies
    if da == db:
        return None
    said = a if da else b
    return (said.record.article.id, said.index)


def _side(said: Said) -> dict[str, Any]:
    return {
        "article": said.record.article.id,
        "claim": said.index,
        "start": said.claim.start,
        "end": said.claim.end,
        "text": said.claim.text,
    }


def _who(said: Said) -> str:
    speaker = said.claim.speaker
    return (speaker.name or speaker.kind or "") if speaker else said.record.article.outlet or "unknown"


def _claims(records: list[Record], skip: frozenset[str]) -> list[Said]:
    """The story's assertions (predictions assert nothing yet), each with who says it."""
    out: list[Said] = []
    for record in records:
        if record.article.id in skip:
            continue
        named: Said | None = None
        for i, claim in enumerate(record.claims):
            said = _read(record, i, claim, named)
            if claim.speaker and claim.speaker.name and not stance.is_generic_name(claim.speaker.name):
                named = said
            if not stance.is_prediction(claim) and not claim.hedges:
                out.append(said)
    return out


def contradictions(records: list[Record], skip: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    claims = _claims(records, skip)
    pairs: list[tuple[int, str, Said, Said]] = []
    for a, b in combinations(claims, 2):
        if a.claim.text == b.claim.text or not _opposed(a, b) or not _same_week(a, b):
            continue
        # One thing: one article, a common place, or two content words in common.
        if a.record is b.record or a.places & b.places or len(a.content & b.content) >= 2:
            kind = _kind(a, b)
        else:
            kind = "status" if _status_clash(a, b) else None
        if kind:
            # Most about one thing first; two parties of known, different sides before an anonymous one.
            opposed = int(a.side.known() and b.side.known() and not a.side.same(b.side))
            named = len(a.places & b.places) if a.own_places and b.own_places else 0
            pairs.append((len(a.content & b.content) + named + opposed, kind, a, b))
    pairs.sort(key=lambda p: -p[0])  # the pair most about one thing first
    denials: set[tuple[str, int]] = set()
    seen: set[frozenset[str]] = set()
    found: list[dict[str, Any]] = []
    for _, kind, a, b in pairs:
        texts = frozenset((a.claim.text, b.claim.text))
        denial = _denial(a, b) if kind == "negation" else None
        if texts in seen or (denial and denial in denials):
            continue  # copies of a claim give one contradiction; a denial answers one claim
        seen.add(texts)
        if denial:
            denials.add(denial)
        first, second = sorted(
            (a, b), key=lambda s: (s.record.article.published or "", s.record.article.id, s.index)
        )
        found.append(
            {"a": _side(first), "b": _side(second), "kind": kind, "note": f"{_who(first)} vs {_who(second)}"}
        )
    return found
