"""Speaker phrases that point back to an earlier speaker: "he", "they", "one of the sources",
"the other", "one official", "the ministry", "the publication"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.claims.known_speakers import History, Speaker, latest, named_speaker
from fogofwar.nlp.claims.lexicon import ClaimWords

Reference = tuple[Speaker, list[str]]


@dataclass
class _Referent:
    """The words of the phrase that say what it points back to: its first word and its head,
    which for "one of the sources" is "sources" (read as "the sources")."""

    first: str
    head: Token
    head_lemma: str
    head_lower: str
    of: Token | None  # the "of" of a partitive phrase


def _is_anonymous(speaker: Speaker) -> bool:
    return speaker.get("kind") == "anonymous"


def back_reference(
    words: ClaimWords, doc: Doc, phrase: Span, head: Token, history: History
) -> Reference | None:
    """The earlier speaker (with its via) the phrase points back to, or None."""
    if not history:
        return None
    head_lower = head.lower_
    if len(phrase) == 1 and head_lower in words.pronouns_person:
        return latest(history, lambda e: e.get("kind") == "person")
    if len(phrase) == 1 and head_lower in words.pronouns_group:
        return latest(history, lambda e: e.get("kind") != "person")
    ref = _referent(words, phrase, head)
    if ref is None:
        return latest(history, _is_anonymous)  # "one of them"
    if ref.head_lower in words.member_heads and len(phrase) <= 2:
        # "the other", "another": a member of the group named before.
        return latest(history, _is_anonymous)
    if ref.first in words.member_openers and ref.head_lemma in words.anonymous:
        return _group_member(phrase, ref, history)
    return _definite_reference(words, doc, phrase, ref, history)


def _referent(words: ClaimWords, phrase: Span, head: Token) -> _Referent | None:
    """What the phrase names; None for "one of them", which names only the group before."""
    ref = _Referent(phrase[0].lower_, head, head.lemma_.lower(), head.lower_, None)
    # "one of the sources", "another official": the group named before.
    ref.of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if ref.of is not None and ref.first in words.member_quantifiers:
        pobj = next((c for c in ref.of.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lower_ in words.pronouns_after_of:
            return None
        if pobj is not None:
            ref.head, ref.head_lemma, ref.head_lower = pobj, pobj.lemma_.lower(), pobj.lower_
            ref.first = "the"
    return ref


def _group_member(phrase: Span, ref: _Referent, history: History) -> Reference | None:
    """ "One official said ...", after "officials estimate ...": a member of that group."""
    found = latest(history, lambda e: _mentions(e, ref.head_lemma))
    if found is not None and not any(t.ent_type_ in ("GPE", "NORP", "ORG") for t in phrase):
        return found
    return None


def _mentions(speaker: Speaker, word: str) -> bool:
    return word in str(speaker.get("text") or "").lower()


def _kind_of_head(words: ClaimWords, head_lemma: str) -> str | None:
    if head_lemma in words.anonymous:
        return "anonymous"
    if head_lemma in words.government:
        return "government"
    if head_lemma in words.military:
        return "military"
    if head_lemma in words.organisation:
        return "organisation"
    return None


def _definite_reference(
    words: ClaimWords, doc: Doc, phrase: Span, ref: _Referent, history: History
) -> Reference | None:
    """ "the official", "the ministry", "the publication": the latest speaker the head names,
    else the latest of the head's kind; an outlet noun is the outlet cited last."""
    head_lemma, head_lower = ref.head_lemma, ref.head_lower
    if ref.first not in words.definite or (
        head_lower not in words.resolving and head_lemma not in words.resolving
    ):
        return None
    if any(t.pos_ == "PROPN" for t in phrase) or len(phrase) > (5 if ref.of is not None else 3):
        return None
    if head_lemma in words.outlet_nouns or head_lower in words.outlet_nouns:
        cited = [c for c in doc._.cites or [] if c[1] < phrase.start_char]
        if cited:
            name = str(cited[-1][0])
            return named_speaker(name, "outlet", name), []
    named = latest(history, lambda e: _mentions(e, head_lemma) or _mentions(e, head_lower))
    if named is not None:
        return named
    wanted = _kind_of_head(words, head_lemma)
    if wanted is None:
        return None
    return latest(history, lambda e: e.get("kind") == wanted)
