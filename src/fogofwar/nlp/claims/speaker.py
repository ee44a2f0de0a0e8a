"""Who says it: the speaker a claim's phrase names, typed from the lexicon, and the chain of
outlets (``via``) between the article and that speaker.

A phrase is read once into a :class:`SpeakerPhrase`; a back reference to an earlier speaker
(:mod:`fogofwar.nlp.claims.back_reference`) comes first, then the first rule of
``_DESCRIPTIONS`` that recognises the phrase describes the speaker."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from fogofwar.nlp.claims.back_reference import back_reference
from fogofwar.nlp.claims.candidate import Candidate, TokenSpan
from fogofwar.nlp.claims.known_speakers import (
    History,
    Speaker,
    anonymous_speaker,
    context_affiliation,
    country_code,
    named_speaker,
)
from fogofwar.nlp.claims.lexicon import ClaimWords, NameHits
from fogofwar.nlp.claims.persons import antecedent
from fogofwar.nlp.claims.spans import mention, phrase, root_in
from fogofwar.nlp.doctext import doc_text


@dataclass
class SpeakerContext:
    """The Doc being read, with what the speaker rules share across its claims."""

    words: ClaimWords
    doc: Doc
    names: NameHits
    history: History  # the speakers found so far, with their via, in order


@lru_cache(maxsize=8)
def _article_prefix(articles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(re.escape(a) for a in articles) + r")\s+", re.I)


def _strip_determiner(words: ClaimWords, text: str) -> str:
    text = _article_prefix(words.articles).sub("", text.strip())
    return text.strip(" ,.;:")


def source_line_outlets(doc: Doc) -> list[str]:
    """Outlets of a "Source: X" line of its own or of a wire dateline ("KHARTOUM (Reuters) -"):
    they stand between the article and every claim."""
    out = []
    for name, start, _end, cue in doc._.cites or []:
        line_start = doc_text(doc).rfind("\n", 0, start) + 1
        if cue == "dateline" or (
            cue == "Source:" and re.match(r"\s*Sources?\s*:", doc_text(doc)[line_start:start])
        ):
            out.append(name)
    return out


def _after_dateline(doc: Doc, span: TokenSpan) -> TokenSpan:
    """A speaker phrase without the wire dateline the parse may have joined to it."""
    ends = [end for _name, _start, end, cue in doc._.cites or [] if cue == "dateline"]
    if not ends:
        return span
    start, stop = span
    while start < stop - 1 and doc[start].idx < ends[0] + 3:
        start += 1
    return start, stop


# ---------------------------------------------------------------------- the speaker of a claim


def speaker_of(ctx: SpeakerContext, cand: Candidate) -> tuple[Speaker | None, list[str]]:
    """The claim's speaker and the outlets between it and the article, nearest first."""
    doc = ctx.doc
    via: list[str] = []
    for span in cand.via_tokens:
        outlet = _outlet_in(ctx, span) or _listening_organisation(ctx, span)
        if outlet:
            via.append(outlet)
    if cand.unstated or cand.speaker is None:
        return anonymous_speaker(None), via
    speaker_span = _document_owner(ctx.words, doc, _after_dateline(doc, cand.speaker))
    described, inherited = describe(ctx, speaker_span)
    if cand.cited is not None and _unlisted_organisation(ctx, described, speaker_span):
        # "the Sudan Tribune reported, quoting a local administrator": who relays a source with a
        # reporting verb is an outlet, listed or not.
        described = {**described, "kind": "outlet", "affiliation": described.get("name")}
    if described.get("kind") == "outlet":
        # An outlet that relays someone ("Reuters reported, citing three sources"): the relayed
        # source is the speaker and the outlet joins the chain.
        if cand.cited is not None:
            cited_span = _document_owner(ctx.words, doc, cand.cited)
            cited, cited_via = describe(ctx, cited_span)
            if cited.get("kind") == "outlet":
                # "Interfax, citing a report by the Washington Post, said ...": the Post speaks.
                return cited, [*via, described["name"]]
            return cited, [*via, described["name"], *cited_via]
        if cand.kind in ("according", "citing", "source") and described.get("name"):
            group = _unnamed_subject(ctx, cand)
            if group is not None:
                # "According to a report in the Guardian, British officials are divided ...":
                # the officials speak, through the outlet.
                return group, [*via, described["name"]]
            return described, via
    elif cand.cited is not None:
        outlet = _outlet_in(ctx, cand.cited)
        if outlet:
            via.append(outlet)
    return described, [*inherited, *via]


def _listening_organisation(ctx: SpeakerContext, span: TokenSpan) -> str | None:
    """ "He told Al Arabiya": a listener that spaCy names ORG and the lexicon does not know as a
    body or state is an outlet."""
    head = root_in(ctx.doc, *span)
    if head is None or head.ent_type_ != "ORG" or any(i in ctx.names for i in range(*span)):
        return None
    ent = next((e for e in ctx.doc.ents if e.start <= head.i < e.end), None)
    return _strip_determiner(ctx.words, ent.text) if ent is not None else None


def _unlisted_organisation(ctx: SpeakerContext, described: Speaker, span: TokenSpan) -> bool:
    """An organisation named by spaCy (ORG) that is not a body of the lexicon."""
    if described.get("kind") not in ("organisation", None) or not described.get("name"):
        return False
    head = root_in(ctx.doc, *span)
    if head is None or head.ent_type_ != "ORG":
        return False
    return not any((hit := ctx.names.get(i)) is not None and hit.label == "BODY" for i in range(*span))


def _unnamed_subject(ctx: SpeakerContext, cand: Candidate) -> Speaker | None:
    """The unnamed group the content is about when it reports their stance ("officials are
    divided", "sources believe"): the subject of the content's head, a plural anonymous noun."""
    head = root_in(ctx.doc, *cand.content)
    if head is None:
        return None
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.tag_ != "NNS" or subj.lemma_.lower() not in ctx.words.anonymous:
        return None
    speaker, _via = describe(ctx, phrase(subj))
    return speaker if speaker.get("kind") == "anonymous" else None


def _document_owner(words: ClaimWords, doc: Doc, span: TokenSpan) -> TokenSpan:
    """ "X's latest update", "a report by X", "figures from X": X; else the phrase itself."""
    head = root_in(doc, *span)
    if head is None or head.lemma_.lower() not in words.documents:
        return span
    for child in head.children:
        if child.dep_ == "poss":
            start, end = phrase(child)
            while end - 1 > start and doc[end - 1].dep_ == "case":  # the "'s" is not the owner
                end -= 1
            return start, end
        if child.dep_ == "prep" and child.lower_ in words.owner_prepositions:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_):
                return phrase(pobj)
    for child in head.children:
        if child.dep_ == "compound" and (child.pos_ == "PROPN" or child.ent_type_):
            return child.left_edge.i, child.i + 1
    return span


def _outlet_in(ctx: SpeakerContext, span: TokenSpan) -> str | None:
    doc = ctx.doc
    for i in range(*span):
        hit = ctx.names.get(i)
        if hit and hit.label == "OUTLET":
            return ctx.words.outlet_of[hit.text]
    for name, start, end, _cue in doc._.cites or []:
        if doc[span[0]].idx <= start and end <= doc[span[1] - 1].idx + len(doc[span[1] - 1]):
            return str(name)
    return None


# ---------------------------------------------------------------------- what a phrase names


@dataclass
class SpeakerPhrase:
    """What the speaker rules read off a phrase, once."""

    phrase: Span
    head: Token
    head_lemma: str
    head_lower: str
    lower: str  # the phrase's text, lower case
    base: dict[str, Any]  # where the mention is: text, start, end
    name: str  # the mention without its determiner
    people: list[Span]
    country: str | None  # ISO code of a country named in the phrase
    body: tuple[str, str, str | None] | None  # (name, kind, affiliation) of a body named in it
    outlet: str | None
    anonymous: bool  # an anonymity phrase ("on condition of anonymity")
    military_word: bool  # a word that makes an agency military

    @property
    def body_affiliation(self) -> str | None:
        return self.body[2] if self.body else None


def _read_phrase(ctx: SpeakerContext, span: TokenSpan) -> SpeakerPhrase:
    words, doc, names = ctx.words, ctx.doc, ctx.names
    start, end = span
    whole = doc[start:end]
    head = root_in(doc, start, end) or whole[0]
    mention_start, mention_end = mention(words, doc, span)
    m = doc[mention_start:mention_end]
    hits = [names[i] for i in range(start, end) if i in names]
    lower = whole.text.lower()
    return SpeakerPhrase(
        phrase=whole,
        head=head,
        head_lemma=head.lemma_.lower(),
        head_lower=head.lower_,
        lower=lower,
        base={"text": m.text, "start": m.start_char, "end": m.end_char},
        name=_strip_determiner(words, m.text),
        people=[e for e in whole.ents if e.label_ == "PERSON"],
        country=next((words.country_of[h.text] for h in hits if h.label == "COUNTRY"), None),
        body=next((words.body_of[h.text] for h in hits if h.label == "BODY"), None),
        outlet=next((words.outlet_of[h.text] for h in hits if h.label == "OUTLET"), None),
        anonymous=any(p in lower for p in words.anonymity),
        military_word=any(t.lower_ in words.military_modifiers for t in whole),
    )


def describe(ctx: SpeakerContext, span: TokenSpan) -> tuple[Speaker, list[str]]:
    """The speaker a phrase names, and the via it inherits when it points back to an earlier one."""
    ph = _read_phrase(ctx, span)
    if len(ph.phrase) == 1 and ph.head_lower in ctx.words.pronouns_person:
        person = _pronoun_person(ctx, ph)
        if person is not None:
            return person
    again = _named_again(ctx, ph)
    if again is not None:
        return again
    # Back-references first: "he", "the official", "the ministry", "one of the sources".
    back = back_reference(ctx.words, ctx.doc, ph.phrase, ph.head, ctx.history)
    if back is not None:
        earlier, via = back
        return {**earlier, **ph.base}, via
    for rule in _DESCRIPTIONS:
        speaker = rule(ctx, ph)
        if speaker is not None:
            return speaker, []
    raise AssertionError("the last description applies to every phrase")


def _pronoun_person(ctx: SpeakerContext, ph: SpeakerPhrase) -> tuple[Speaker, list[str]] | None:
    """ "he said", "she added": the nearest earlier person of that gender (:mod:`.persons`)."""
    found = antecedent(ctx.words, ctx.doc, ctx.names, ctx.history, ph.phrase)
    if found is None:
        return None
    if found.earlier is not None:
        earlier, via = found.earlier
        return {**earlier, **ph.base}, via
    assert found.entity is not None
    described, _via = describe(ctx, _noun_phrase_of(found.entity))
    if described.get("kind") != "person" or described.get("name") != found.name:
        described = named_speaker(found.name, "person", None)
    return {**described, **ph.base, "kind": "person"}, []


def _noun_phrase_of(entity: Span) -> TokenSpan:
    """The phrase a name stands in: "Ukraine's economy minister, Yulia Svyrydenko"."""
    tok = entity.root
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "appos":
        tok = tok.head
    return phrase(tok)


def _named_again(ctx: SpeakerContext, ph: SpeakerPhrase) -> tuple[Speaker, list[str]] | None:
    """ "the General Staff" after "The General Staff of Ukraine's Armed Forces said": a definite
    proper name that is part of an earlier speaker's mention is that speaker, with its via."""
    if ph.phrase[0].lower_ not in ctx.words.definite or ph.head.pos_ != "PROPN" or ph.people:
        return None
    key = ph.name.lower()
    for earlier, via in reversed(ctx.history):
        text = str(earlier.get("text") or "").lower()
        if (
            earlier.get("kind") not in ("person", "anonymous", None)
            and f" {key} " in f" {text} "
            and key != text
        ):
            return {**earlier, **ph.base}, via
    return None


# Each rule: the speaker it recognises in the phrase, or None to let the next rule try.


def _armed_wing(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    """ "The armed wing of Hamas", "Saraya al-Quds, the armed wing of Palestinian Islamic Jihad":
    military, affiliated with the movement named after "of"."""
    words = ctx.words
    for tok in ph.phrase:
        if tok.lower_ not in words.wing_heads or not any(
            c.lower_ in words.wing_modifiers for c in tok.children
        ):
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        movement = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if movement is None:
            continue
        # The movement's name without a possessive in front ("Myanmar's National Unity Government").
        owner = next((c for c in movement.children if c.dep_ == "poss"), None)
        start = owner.right_edge.i + 1 if owner is not None else movement.left_edge.i
        name = _strip_determiner(words, ctx.doc[start : movement.right_edge.i + 1].text)
        body = words.body_of.get(name)
        affiliation = body[2] if body and body[2] else name
        own_name = ph.name if tok.i == ph.head.i else _strip_determiner(words, ph.base["text"])
        return {**named_speaker(own_name, "military", affiliation), **ph.base}
    return None


def _ministry_short_form(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    """ "Russian Defence claims ...": a ministry named without the word "Ministry"."""
    if ph.head_lower in ctx.words.ministry_short_forms and ph.head.pos_ == "PROPN" and ph.country:
        return {**named_speaker(f"{ph.name} Ministry", "government", ph.country), **ph.base}
    return None


def _is_role(tok: Token, roles: frozenset[str]) -> bool:
    return tok.lemma_.lower() in roles or tok.lower_ in roles


def _named_in_apposition(ctx: SpeakerContext, ph: SpeakerPhrase) -> Span | None:
    """ "the United Nations envoy, Ramtane Lamamra", "Saw Thamain Tun, a leader of the Karen
    National Union": a proper name in apposition with a role noun is a person, for the names
    spaCy tags otherwise (ORG, WORK_OF_ART) or not at all."""
    roles = ctx.words.roles
    for tok in ph.phrase:
        if tok.pos_ != "PROPN" or tok.i in ctx.names or tok.ent_type_ in ("GPE", "NORP", "LOC", "FAC"):
            continue
        if tok.dep_ == "appos" and _is_role(tok.head, roles):
            floor = tok.head.i
        elif any(c.dep_ == "appos" and _is_role(c, roles) for c in tok.children):
            floor = tok.left_edge.i - 1
        else:
            continue
        start = tok.i
        while (
            start - 1 > floor
            and tok.doc[start - 1].dep_ in ("compound", "flat", "amod")
            and tok.doc[start - 1].pos_ == "PROPN"
        ):
            start -= 1
        return tok.doc[start : tok.i + 1]
    return None


def _affiliation_near_role(ctx: SpeakerContext, ph: SpeakerPhrase, person: Span) -> str | None:
    """The state or body the person works for: the name nearest before the role noun ("the US
    ambassador to the UN": US; "UNHCR's representative in Chad": UNHCR), else the first one
    named ("who leads the emergency response of MSF in Sudan": MSF), else a non-outlet ORG."""
    words = ctx.words
    hits = []
    for i in range(ph.phrase.start, ph.phrase.end):
        hit = ctx.names.get(i)
        if (
            hit is not None
            and hit.start == i
            and hit.label in ("COUNTRY", "BODY")
            and not person.start <= i < person.end
        ):
            hits.append(hit)
    role = next(
        (t.i for t in ph.phrase if not person.start <= t.i < person.end and t.lemma_.lower() in words.roles),
        None,
    )
    before = [h for h in hits if role is not None and h.end <= role]
    chosen = before[-1] if before else (hits[0] if hits else None)
    if chosen is not None:
        return words.country_of[chosen.text] if chosen.label == "COUNTRY" else words.body_of[chosen.text][2]
    # "a leader of the Karen National Union": an organisation the role is of (not a word of the
    # role's own name, "Defense Secretary").
    org = next(
        (
            e
            for e in ph.phrase.ents
            if e.label_ == "ORG" and e.root.dep_ == "pobj" and not (ph.outlet and ph.outlet in e.text)
        ),
        None,
    )
    return _strip_determiner(words, org.text) if org is not None and role is not None else None


def _person(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    if ph.anonymous:
        return None
    # PERSON entities that are a body or country of the lexicon ("the Houthis") are not people.
    people = [e for e in ph.people if not any(i in ctx.names for i in range(e.start, e.end))]
    named = _named_in_apposition(ctx, ph) if not people else None
    if not people and named is None:
        return None
    person = min(people, key=lambda e: abs(e.root.i - ph.head.i)) if people else named
    assert person is not None
    role = _role(ctx.words, ph.phrase, person)
    affiliation = _affiliation_near_role(ctx, ph, person)
    if affiliation is None:
        affiliation = _known_affiliation(person.text, ctx.history)
    if affiliation is None and (role or any(t.lower_ in ctx.words.possessive for t in ph.phrase)):
        # "Its spokesman X", "Presidential aide X": an office holder of the side in focus.
        affiliation = context_affiliation(ctx.history)
    return {
        "name": person.text,
        "kind": "person",
        "affiliation": affiliation,
        "country_code": country_code(affiliation),
        "anonymous": False,
        "text": person.text,
        "start": person.start_char,
        "end": person.end_char,
        "role": role,
    }


def _outlet(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    if ph.outlet and not ph.anonymous and ph.head_lemma not in ctx.words.anonymous:
        return {**named_speaker(ph.outlet, "outlet", ph.outlet), **ph.base}
    return None


def _unnamed(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    """ "two US officials", "a source", "the spokesman": anonymous, or an unnamed office holder."""
    words = ctx.words
    if not (ph.head_lemma in words.anonymous or ph.head_lower in words.anonymous or ph.anonymous):
        return None
    if (
        ph.head_lemma in words.roles
        and not ph.anonymous
        and ph.head_lemma not in words.anonymous_roles
        and ph.head.tag_ != "NNS"  # "two army officers": a group of office holders is anonymous
    ):
        kind = ph.body[1] if ph.body else "government"
        aff = ph.body[2] if ph.body else ph.country or context_affiliation(ctx.history)
        return {**named_speaker(None, kind, aff), **ph.base, "role": ph.head.text}
    affiliation = ph.country or ph.body_affiliation or _earlier_group_affiliation(ctx, ph)
    return {**anonymous_speaker(affiliation), **ph.base}


# How far back "the officials" may point to the group a sentence introduced without a claim.
_GROUP_LOOKBACK_TOKENS = 80


def _earlier_group_affiliation(ctx: SpeakerContext, ph: SpeakerPhrase) -> str | None:
    """ "Israeli officials briefed reporters. ... one of the officials suggested": the state of
    the group named shortly before (not as a speaker) that a definite phrase points back to."""
    words, doc = ctx.words, ctx.doc
    if ph.phrase[0].lower_ not in words.definite and ph.phrase[0].lower_ not in words.member_quantifiers:
        return None
    of = next((c for c in ph.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else ph.head
    if group is None or group.lemma_.lower() not in words.anonymous:
        return None
    start = max(0, ph.phrase.start - _GROUP_LOOKBACK_TOKENS)
    for tok in reversed(doc[start : ph.phrase.start]):
        if tok.lemma_ != group.lemma_ or tok.i == group.i:
            continue
        hits = [ctx.names[i] for i in range(tok.left_edge.i, tok.i) if i in ctx.names]
        country = next((words.country_of[h.text] for h in hits if h.label == "COUNTRY"), None)
        if country is not None:
            return country
    return None


def _body(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    if ph.body is None or ph.head_lemma in ctx.words.state_heads:
        return None
    name, kind, aff = ph.body
    if kind == "government" and (ph.head_lemma in ctx.words.military or ph.military_word):
        kind = "military"
    return {**named_speaker(name, kind, aff or ph.country), **ph.base}


def _capital(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    """ "Moscow said", "Russia claimed": the capital or country stands for its government."""
    text = ph.phrase.text.strip()
    if text in ctx.words.capitals or (
        len(ph.phrase) <= 2 and ph.head.ent_type_ == "GPE" and ph.country is not None
    ):
        return {**named_speaker(text, "government", ph.country), **ph.base}
    return None


def _military(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    words = ctx.words
    if (
        ph.head_lemma in words.military
        or ph.head_lower in words.military
        or (ph.military_word and ph.head_lemma not in words.state_heads)
    ):
        return {**named_speaker(ph.name, "military", ph.country or ph.body_affiliation), **ph.base}
    return None


def _government(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    words = ctx.words
    if not (ph.head_lemma in words.government or ph.head_lower in words.government):
        return None
    role = ph.head.text if ph.head_lemma in words.roles else None
    country = ph.country
    if country is None and role is not None:
        country = context_affiliation(ctx.history)
    return {**named_speaker(ph.name, "government", country), **ph.base, "role": role}


def _organisation(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    if not (ph.head_lemma in ctx.words.organisation or ph.head.ent_type_ == "ORG"):
        return None
    org = _strip_determiner(ctx.words, next((e.text for e in ph.phrase.ents if e.label_ == "ORG"), ph.name))
    return {**named_speaker(org, "organisation", org), **ph.base}


def _state_by_name(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    if ph.head.ent_type_ in ("GPE", "NORP") and ph.country is not None:
        return {**named_speaker(ph.phrase.text.strip(), "government", ph.country), **ph.base}
    return None


def _proper_name(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    if ph.head.pos_ == "PROPN":
        return {**named_speaker(ph.name, "person", ph.country), **ph.base}
    return None


def _untyped(ctx: SpeakerContext, ph: SpeakerPhrase) -> Speaker | None:
    return {**named_speaker(ph.name, None, ph.country), **ph.base}


_DESCRIPTIONS: tuple[Callable[[SpeakerContext, SpeakerPhrase], Speaker | None], ...] = (
    _armed_wing,
    _ministry_short_form,
    _person,
    _outlet,
    _unnamed,
    _body,
    _capital,
    _military,
    _government,
    _organisation,
    _state_by_name,
    _proper_name,
    _untyped,
)


def _role(words: ClaimWords, whole: Span, person: Span) -> str | None:
    """The speaker's office: "spokesperson" in "X, spokesperson for the ...", "President" in
    "Ukrainian President X"."""
    for t in whole:
        if person.start <= t.i < person.end:
            continue
        if t.lemma_.lower() in words.roles or t.lower_ in words.roles:
            start, end = t.i, t.i + 1
            while start - 1 >= whole.start and whole.doc[start - 1].dep_ == "compound":
                if whole.doc[start - 1].ent_type_ in ("GPE", "NORP", "ORG"):
                    break
                start -= 1
            return whole.doc[start:end].text
    return None


def _known_affiliation(name: str, history: History) -> str | None:
    """The affiliation of the person of the same surname named earlier."""
    last = name.split()[-1]
    for earlier, _via in reversed(history):
        if earlier.get("kind") == "person" and str(earlier.get("name") or "").split()[-1:] == [last]:
            aff = earlier.get("affiliation")
            return str(aff) if aff else None
    return None
