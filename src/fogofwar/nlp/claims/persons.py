"""Who "he" and "she" are: the nearest earlier person of the pronoun's gender.

The people a pronoun can point back to are the persons already speaking in the article (the
history, with their via chain) and the persons spaCy names before it (PERSON entities of two
words or more: one-word PERSON entities are too often places or groups, "Rafah", "Houthis").
A person's gender comes from the lexicon's first names and titles (``knowledge/claims.json``:
gender); a person of unknown gender matches either pronoun. People who have spoken are tried
before people only named."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from fogofwar.nlp.claims.known_speakers import History, Speaker
from fogofwar.nlp.claims.lexicon import ClaimWords, NameHits


@dataclass(frozen=True)
class Antecedent:
    """A person a pronoun may point back to: where it is mentioned, and how the text names it."""

    start_char: int
    name: str
    title: str | None  # the word before the name ("Mrs"), or the speaker's role
    earlier: tuple[Speaker, list[str]] | None  # the history entry when the person already spoke
    entity: Span | None  # the PERSON entity when the person has not spoken yet


def _gender(word: str, female: frozenset[str], male: frozenset[str]) -> str | None:
    return "female" if word in female else "male" if word in male else None


def gender_of(words: ClaimWords, name: str, title: str | None) -> str | None:
    """ "female", "male" or None (unknown) from the title, else the first word as a title or a
    first name."""
    first = name.split()[0].lower() if name.split() else ""
    return (
        _gender((title or "").lower(), words.female_titles, words.male_titles)
        or _gender(first, words.female_titles, words.male_titles)
        or _gender(first, words.female_names, words.male_names)
    )


def pronoun_gender(words: ClaimWords, pronoun: str) -> str | None:
    return _gender(pronoun.lower(), words.female_pronouns, words.male_pronouns)


def _antecedents(
    words: ClaimWords, doc: Doc, names: NameHits, history: History, before: int
) -> list[Antecedent]:
    found: list[Antecedent] = []
    for speaker, via in history:
        start = speaker.get("start")
        if (
            speaker.get("kind") == "person"
            and speaker.get("name")
            and isinstance(start, int)
            and start < before
        ):
            found.append(Antecedent(start, str(speaker["name"]), speaker.get("role"), (speaker, via), None))
    for ent in doc.ents:
        if ent.start_char >= before:
            break
        if ent.label_ != "PERSON" or len(ent) < 2 or any(i in names for i in range(ent.start, ent.end)):
            continue
        title = doc[ent.start - 1].text if ent.start > 0 else None
        found.append(Antecedent(ent.start_char, ent.text, title, None, ent))
    return sorted(found, key=lambda a: -a.start_char)


def antecedent(
    words: ClaimWords, doc: Doc, names: NameHits, history: History, pronoun: Span
) -> Antecedent | None:
    """The nearest earlier person whose gender does not contradict the pronoun's, among those who
    spoke first, then among the others named. A person who spoke before is returned as that
    history entry, wherever it is mentioned again."""
    wanted = pronoun_gender(words, pronoun.text)
    candidates = _antecedents(words, doc, names, history, pronoun.start_char)
    # The people who have spoken come first: a person only named in what somebody says ("X said
    # Y had called") is less often the next speaker than the one speaking.
    speakers = [c for c in candidates if c.earlier is not None]
    ordered = [*speakers, *(c for c in candidates if c.earlier is None)]
    genders = [gender_of(words, c.name, c.title) for c in ordered]
    # A person of the pronoun's gender first, then one whose gender the lexicon does not know.
    known = [c for c, g in zip(ordered, genders, strict=True) if wanted is None or g == wanted]
    unknown = [c for c, g in zip(ordered, genders, strict=True) if wanted is not None and g is None]
    for candidate in [*known, *unknown]:
        if candidate.earlier is None:
            entry = next(
                (
                    e
                    for e in reversed(history)
                    if e[0].get("kind") == "person" and e[0].get("name") == candidate.name
                ),
                None,
            )
            if entry is not None:
                return Antecedent(candidate.start_char, candidate.name, candidate.title, entry, None)
        return candidate
    return None
