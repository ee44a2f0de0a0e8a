"""Claimants as entities: one canonical claimant per person, body and outlet across articles.

The claims component names a speaker as the article writes it: "Zelenskyy", "President Volodymyr
Zelenskiy", "Russia's Defence Ministry", "the Russian Defense Ministry", "Russian MoD", "He" (a
pronoun it could not resolve), "government". Across articles these are one claimant each, or
none. :func:`canonical` folds a name to a :class:`Claimant` by documented rules
(``knowledge/claimants.json``), in this order:

1. Accents dropped, curly apostrophes made straight. A name that is a known outlet
   (``knowledge/outlets.json``, by its name or an alias) is that outlet.
2. The possessive "'s" is read: after it, a noun that speaks for the owner ("Syrskyi's office",
   "the ministry's press service": ``speaks_for``) leaves the owner; any other lower-case noun
   ("Washington's decision") makes the phrase no claimant.
3. Country words ("Russia's", "Russian", "of Ukraine", "(South Korea)": the ``countries`` table of
   ``knowledge/claims.json``, matched case-sensitively so "US" is a country and "us" a pronoun)
   are taken off as the claimant's side; then articles, determiners and titles ("President",
   "Commander-in-Chief", "Gen.") at the front.
4. What is left decides. Nothing but pronouns, determiners, speaker kinds and common nouns
   ("He", "government", "strikes", "officials", "Some") is no claimant (None), except a body noun
   or nothing at all with a country ("Ukraine's government", "Moscow", "Russia"): that country's
   body. A phrase with a body word ("Ministry", "Staff", "Forces"), or a speaker of kind
   government/military/organisation, is an institution: its wording is folded by ``phrases``
   ("Ministry of Defence", "Defence Ministry", "MoD" -> "defense ministry") and keyed with its
   side, so the Russian and the Ukrainian ministries stay two. Any other capitalised name is a
   person: each word is folded by the transliteration rules ``fold`` (Zelenskyy / Zelenskiy /
   Zelensky -> "zelensky"; Syrskyi / Syrsky / Syrskiy -> "syrsky").
5. A key listed under ``persons`` or ``institutions`` gives that entry's name and side; a person
   matches an entry by folded surname and given name (or its initial), or by the surname alone
   when one entry only has it. An unknown claimant keeps a key of its own: two spellings merge
   only by these rules, never by a similarity score. (Edit distance, rapidfuzz's or difflib's,
   was not used: at any useful cut-off it joins different short surnames ("Budanov" and
   "Bulanov") while the transliteration variants it should join differ in their endings by as
   much as different names do; the ending rules say exactly which differences are spelling.)

:func:`merge_surnames` then joins, within a set of claimants (a story, a store), an unknown
person named by surname alone to the one full name with that surname ("Grossi" -> "Rafael
Grossi" when the lexicon did not know him).

The side is an ISO 3166-1 alpha-2 code: the lexicon entry's, else the country word in the name,
else the speaker's affiliation when it is a code. Outlets have no side (where an outlet is based
is not a side it speaks for). Read commands use this module: it loads no spaCy.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from fogofwar.knowledge import claims_lexicon, outlets, read_json
from fogofwar.model import Speaker

# Claimant kinds: a person, a state's civilian or armed body, a non-state body, a news outlet.
KINDS = ("person", "government", "military", "organisation", "outlet")
_BODY_KINDS = frozenset(("government", "military", "organisation"))

# A word as written: letters and digits, with inner hyphens, dots ("U.S.") and apostrophes.
_WORD = re.compile(r"[A-Za-z0-9]+(?:[.'\-][A-Za-z0-9]+)*\.?")
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])'s?\b")
_PARENS = re.compile(r"[()\[\],;:\"]")
# Lower-case particles inside a person's name ("Mohammed bin Salman", "Ursula von der Leyen").
_PARTICLES = frozenset(("bin", "al", "de", "der", "van", "von", "da", "la", "le", "el"))


@dataclass(frozen=True)
class Claimant:
    """One claimant across articles.

    key: the identity, the same for every spelling of one claimant ("person/volodymyr zelensky",
      "institution/RU/defense ministry", "outlet/reuters"); compare claimants by key.
    name: the name to show (the lexicon's, else the name as written, without title or article).
    kind: person | government | military | organisation | outlet.
    side: ISO 3166-1 alpha-2 code of the state it speaks for, None when unknown or none.
    known: True when the lexicon lists it (its name and side are the lexicon's).
    """

    key: str
    name: str
    kind: str
    side: str | None
    known: bool = False


@dataclass(frozen=True)
class _Lexicon:
    fold: tuple[tuple[re.Pattern[str], str], ...]
    titles: tuple[tuple[str, ...], ...]  # longest first
    never: frozenset[str]  # pronouns, determiners, kinds, common nouns
    determiners: frozenset[str]
    body_nouns: frozenset[str]
    speaks_for: tuple[tuple[str, ...], ...]
    institution_words: frozenset[str]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    countries: tuple[tuple[tuple[str, ...], str], ...]  # (words, code), longest first
    persons: dict[str, Claimant]  # folded full name -> entry
    surnames: dict[str, list[tuple[frozenset[str], Claimant]]]  # folded surname -> (given names, entry)
    institutions: dict[tuple[str | None, str], Claimant]  # (side, folded head) -> entry
    outlets: dict[str, Claimant]  # lower-case name or alias -> outlet


def _ascii(text: str) -> str:
    """Accents dropped, apostrophes straight, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@cache
def _lexicon() -> _Lexicon:
    raw = read_json("claimants")
    never = raw["not_claimants"]
    codes: dict[str, list[str]] = claims_lexicon()["countries"]["codes"]
    countries = sorted(
        ((_words(_ascii(w)), code) for code, names in codes.items() for w in names),
        key=lambda item: -len(item[0]),
    )
    lex = _Lexicon(
        fold=tuple((re.compile(p), r) for p, r, _why in raw["fold"]["rules"]),
        titles=tuple(sorted((tuple(t.split()) for t in raw["titles"]["words"]), key=lambda t: -len(t))),
        never=frozenset(
            w for part in ("pronouns", "determiners", "kinds", "common_nouns") for w in never[part]
        ),
        determiners=frozenset(never["determiners"]) | frozenset(("the", "a", "an")),
        body_nouns=frozenset(raw["body_nouns"]["words"]),
        speaks_for=tuple(
            sorted((tuple(w.split()) for w in raw["speaks_for"]["words"]), key=lambda t: -len(t))
        ),
        institution_words=frozenset(raw["institution_words"]["words"]),
        phrases=tuple((re.compile(rf"\b{re.escape(p)}\b"), r) for p, r in raw["phrases"]["rules"]),
        countries=tuple(countries),
        persons={},
        surnames={},
        institutions={},
        outlets={},
    )
    for outlet in outlets():
        entry = Claimant(f"outlet/{outlet.name.lower()}", outlet.name, "outlet", None, True)
        for name in (outlet.name, *outlet.aliases):
            lex.outlets[_ascii(name).lower()] = entry
    for item in raw["persons"]["items"]:
        key = " ".join(_fold_name(lex, _words(_ascii(item["name"]))))
        entry = Claimant(f"person/{key}", item["name"], "person", item["side"], True)
        for name in (item["name"], *item["aliases"]):
            folded = _fold_name(lex, _words(_ascii(name)))
            lex.persons[" ".join(folded)] = entry
            lex.surnames.setdefault(folded[-1], []).append((frozenset(folded[:-1]), entry))
    for item in raw["institutions"]["items"]:
        side, head = _institution_key(lex, item["name"], item["side"])
        entry = Claimant(f"institution/{side or '-'}/{head}", item["name"], item["kind"], item["side"], True)
        for name in (item["name"], *item["aliases"]):
            named, head = _institution_key(lex, name, None)
            lex.institutions[(named or item["side"], head)] = entry
            if named is None:  # "Pentagon", "IAEA": the name alone says who, whatever side is guessed
                lex.institutions.setdefault((None, head), entry)
    return lex


def _fold_word(lex: _Lexicon, word: str) -> str:
    folded = word.lower().replace(".", "")
    for pattern, replacement in lex.fold:
        folded = pattern.sub(replacement, folded)
    return folded


def _fold_name(lex: _Lexicon, words: Iterable[str]) -> tuple[str, ...]:
    return tuple(_fold_word(lex, w) for w in words if w)


def _take_countries(lex: _Lexicon, words: list[str]) -> tuple[list[str], str | None]:
    """The words without their country words (and an "of"/"in" before one), and the first
    country's code."""
    side: str | None = None
    out: list[str] = []
    i = 0
    while i < len(words):
        for names, code in lex.countries:
            if tuple(words[i : i + len(names)]) == names:
                side = side or code
                while out and out[-1].lower() in ("of", "in", "the", "for"):
                    out.pop()
                i += len(names)
                break
        else:
            out.append(words[i])
            i += 1
    return out, side


def _strip_front(lex: _Lexicon, words: list[str]) -> list[str]:
    """Articles, determiners and titles off the front ("the President", "Commander-in-Chief")."""
    changed = True
    while words and changed:
        changed = False
        low = [w.lower() for w in words]
        if low[0] in lex.determiners:
            words, changed = words[1:], True
            continue
        for title in lex.titles:
            if tuple(low[: len(title)]) == title and len(words) > len(title):
                words, changed = words[len(title) :], True
                break
    return words


def _fold_head(lex: _Lexicon, words: Iterable[str]) -> str:
    head = " ".join(w.lower().replace(".", "") for w in words)
    for pattern, replacement in lex.phrases:
        head = pattern.sub(replacement, head)
    return " ".join(w for w in head.split() if w not in ("the", "a", "an"))


def _institution_key(lex: _Lexicon, name: str, side: str | None) -> tuple[str | None, str]:
    words, found = _take_countries(lex, list(_words(_PARENS.sub(" ", _POSSESSIVE.sub("", _ascii(name))))))
    head = _fold_head(lex, words)
    return (found or side), head or "government"


def _split_possessive(lex: _Lexicon, text: str) -> str | None:
    """The owner of "X's office" / "X's spokesman"; the text itself without a possessive; None
    for a possessive of anything else ("Washington's decision")."""
    match = _POSSESSIVE.search(text)
    if match is None:
        return text
    after = [w.lower() for w in _words(text[match.end() :])]
    owner = _words(text[: match.start()])
    if (
        not after
        or any(w[:1].isupper() for w in _words(text[match.end() :]))
        or _take_countries(lex, list(owner))[0] == [w for w in owner if w.lower() in lex.determiners]
    ):
        # "Russia's Defence Ministry", "Ukraine's air force": a body, named with its country
        return _POSSESSIVE.sub("", text)
    if tuple(after) in lex.speaks_for:
        return text[: match.start()]
    return None


def _person(lex: _Lexicon, words: list[str], side: str | None) -> Claimant:
    folded = _fold_name(lex, words)
    known = lex.persons.get(" ".join(folded))
    if known is None:
        entries = lex.surnames.get(folded[-1], [])
        given = set(folded[:-1])
        fits = [
            e
            for names, e in entries
            if not given or given & names or any(g[:1] == n[:1] and len(g) == 1 for g in given for n in names)
        ]
        if len({e.key for e in fits}) == 1:
            known = fits[0]
    if known is not None:
        return known
    return Claimant(f"person/{' '.join(folded)}", " ".join(words), "person", side)


def _is_person(lex: _Lexicon, words: list[str], kind: str | None) -> bool:
    if kind in _BODY_KINDS:
        return False
    if any(w.lower() in lex.institution_words for w in words):
        return False
    return kind == "person" or (
        len(words) <= 4
        and all(w[:1].isupper() or w in _PARTICLES for w in words[1:])
        and words[0][:1].isupper()
    )


@lru_cache(maxsize=8192)
def canonical(name: str | None, kind: str | None = None, affiliation: str | None = None) -> Claimant | None:
    """The claimant a speaker's name stands for, or None when it names nobody in particular.

    `name` is the speaker's name as written ("Russia's Defence Ministry", "Zelenskyy"); `kind` the
    speaker's kind when known (person | government | military | organisation | outlet |
    anonymous); `affiliation` its state as an ISO code ("UA"), used as the side when the name
    says none. None for a missing name, a pronoun ("He"), a bare common noun ("government",
    "strikes", "officials") or a speaker kind given for a name ("anonymous")."""
    if not name or not name.strip() or kind == "anonymous":
        return None
    lex = _lexicon()
    text = _ascii(name)
    outlet = lex.outlets.get(text.lower()) or lex.outlets.get(re.sub(r"^the ", "", text.lower()))
    if outlet is not None:
        return outlet
    if kind == "outlet":
        return Claimant(f"outlet/{text.lower()}", text, "outlet", None)
    owner = _split_possessive(lex, text)
    if owner is None:
        return None
    words, side = _take_countries(lex, list(_words(_PARENS.sub(" ", owner))))
    side = side or (affiliation if affiliation and len(affiliation) == 2 and affiliation.isupper() else None)
    while words and words[0].lower() in lex.determiners:
        words = words[1:]
    head = _fold_head(lex, words) or "government"
    entry = lex.institutions.get((side, head)) or lex.institutions.get((None, head))
    if entry is not None:
        return entry  # a listed body under any of its names: "Russian MoD", "RSF", "Kremlin"
    if _names_nobody(lex, words, side):
        return None
    person = _strip_front(lex, words)
    if person and _is_person(lex, person, kind) and not any(w.lower() in lex.never for w in person):
        return _person(lex, person, side)
    body_kind = kind if kind in _BODY_KINDS else "organisation" if side is None else "government"
    shown = re.sub(r"^(?:the|a|an) ", "", _PARENS.sub(" ", owner).strip(), flags=re.IGNORECASE)
    return Claimant(f"institution/{side or '-'}/{head}", " ".join(shown.split()), body_kind, side)


def _names_nobody(lex: _Lexicon, words: list[str], side: str | None) -> bool:
    """Pronouns, determiners, kinds, common nouns or a lone title ("He", "government", "strikes",
    "Ukrainian officials", "president"), unless a body noun or nothing with a country ("Ukraine's
    government", "Moscow"); or no capitalised word and no country ("commandant's office")."""
    low = [w.lower() for w in words]
    if all(w in lex.never for w in low) or tuple(low) in lex.titles:
        body = " ".join(low)
        if side is None or (body and body not in lex.body_nouns):
            return True
    return side is None and not any(w[:1].isupper() for w in words)


def of_speaker(speaker: Speaker | None) -> Claimant | None:
    """:func:`canonical` of a record's Speaker (its name, kind and affiliation or country)."""
    if speaker is None:
        return None
    return canonical(speaker.name, speaker.kind, speaker.country_code or speaker.affiliation)


def outlet(name: str | None) -> Claimant | None:
    """The claimant for an article's outlet: the lexicon's outlet, else one keyed by its name."""
    return canonical(name, "outlet") if name and name.strip() else None


def merge_surnames(claimants: Iterable[Claimant]) -> dict[str, Claimant]:
    """key -> the claimant it stands for within these claimants: an unknown person named by one
    word joins the one person of the set with a full name whose folded surname, else whose
    folded given name, it is ("Grossi" -> "Rafael Grossi"; "Oleksandr" -> "Oleksandr Syrskyi" when
    no other Oleksandr is in the set); two or more such persons leave it alone. Every other
    claimant stands for itself."""
    claimants = list(claimants)  # read twice
    surnames: dict[str, set[Claimant]] = {}
    given: dict[str, set[Claimant]] = {}
    for c in claimants:
        parts = c.key.partition("/")[2].split() if c.kind == "person" else []
        if len(parts) > 1:
            surnames.setdefault(parts[-1], set()).add(c)
            given.setdefault(parts[0], set()).add(c)
    out: dict[str, Claimant] = {}
    for c in claimants:
        out.setdefault(c.key, c)
        parts = c.key.partition("/")[2].split()
        if c.kind == "person" and not c.known and len(parts) == 1:
            full = surnames.get(parts[0]) or given.get(parts[0], set())
            if len({f.key for f in full}) == 1:
                out[c.key] = next(iter(full))
    return out


def display_names(names: Iterable[tuple[str, Claimant]]) -> dict[str, str]:
    """key -> the name to show for claimants seen under several spellings: the lexicon's for a
    known one, else the spelling seen most often (the first of equals in sorted order)."""
    seen: dict[str, Counter[str]] = {}
    for written, c in names:
        seen.setdefault(c.key, Counter())[c.name if c.known else written] += 1
    return {k: min(n.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, n in seen.items()}


__all__ = ["KINDS", "Claimant", "canonical", "display_names", "merge_surnames", "of_speaker", "outlet"]
