"""Properties every component keeps on any text: it raises nothing, and every span it writes
is the text at its offsets.

The phrases are generated from the lexicons' own words (scales, vague amounts, fractions,
qualifiers, months, weekdays ...), so that a word combination nobody wrote a rule for ("a few
thousand", "a couple of million") is tried as soon as the lexicon makes it possible. One
pipeline is loaded for the module, and the example counts are modest: the whole module runs in
well under a minute on one core.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from fogofwar.annotate import build_record
from fogofwar.knowledge import read_json
from fogofwar.model import Article, Record
from fogofwar.nlp import build_pipeline
from tests.conftest import EXAMPLES

# Hypothesis' deadline is per example; the first one pays for loading lexicons and matchers.
QUICK = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _words(raw: dict[str, Any], *sections: str) -> list[str]:
    """The words of lexicon sections: a table's keys, or a section's "words"/"then" lists."""
    found: list[str] = []
    for name in sections:
        section = raw[name]
        if isinstance(section, list):
            found += [w for w in section if isinstance(w, str)]
            continue
        for key, value in section.items():
            if key in ("words", "then") and isinstance(value, list):
                found += [w for w in value if isinstance(w, str)]
            elif not key.startswith("_"):
                found.append(key)
    return sorted(set(found))


FIGURE_WORDS = read_json("figures")
TIME_WORDS = read_json("times")
NUMBER_PARTS = [
    *_words(
        FIGURE_WORDS,
        "number_words",
        "scales",
        "scale_abbreviations",
        "counting_words",
        "vague_amounts",
        "vague_multiples",
        "vague_multipliers",
        "scale_heads",
        "vague_scales",
        "half_scales",
        "fractions",
        "fraction_heads",
        "unicode_fractions",
        "currencies",
        "qualifiers",
        "open_ends",
    ),
    *("3", "12", "1,200", "2.5", "10 000", "1/4", "-15", "4e3", "of", "and", "a", "half", "+", "-", "to"),
]
TIME_PARTS = (
    _words(
        TIME_WORDS,
        "months",
        "weekdays",
        "seasons",
        "parts_of_day",
        "period_parts",
        "relative",
        "deictic_days",
    )
    + _words(TIME_WORDS, "units", "vague_numbers", "duration_mods", "references", "holidays")
    + [
        "3",
        "2024",
        "31",
        "1999",
        "of",
        "the",
        "on",
        "in",
        "since",
        "until",
        "ago",
    ]
)
COUNTED = ["soldiers", "tanks", "civilians", "drones", "people", "km", "%", "square kilometres", ""]


def _example_sentences() -> list[str]:
    """Real sentences: the bundled example articles cut at full stops."""
    sentences: list[str] = []
    with (EXAMPLES / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            sentences += [s.strip() + "." for s in text.split(". ") if 20 < len(s) < 400]
    return sentences


SENTENCES = _example_sentences()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline(None)


def annotate(nlp: Language, text: str) -> Record:
    """Every component on `text`, one at a time, so that a failure names the component."""
    doc = nlp.make_doc(text)
    doc._.text = text
    doc._.published = "2024-08-25"
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except Exception as exc:
            raise AssertionError(f"{name} raised {type(exc).__name__}: {exc} on {text!r}") from exc
    return build_record(Article(id="t", text=text, source="t"), doc)


def spans(value: Any, path: str = "") -> Iterator[tuple[str, str, int, int]]:
    """(where, written text, start, end) of every span in a record's plain form: an item's text,
    a claim's cue, a speaker's words, a cite."""
    if isinstance(value, list):
        for n, item in enumerate(value):
            yield from spans(item, f"{path}[{n}]")
    elif isinstance(value, dict):
        for text_field, start, end in (("text", "start", "end"), ("cue", "cue_start", "cue_end")):
            if isinstance(value.get(start), int) and isinstance(value.get(text_field), str):
                yield path + "." + text_field, value[text_field], value[start], value[end]
        for key, item in value.items():
            if key != "article":
                yield from spans(item, f"{path}.{key}")


def check(nlp: Language, text: str) -> Record:
    record = annotate(nlp, text)
    for where, written, start, end in spans(record.to_dict()):
        assert 0 <= start <= end <= len(text), (where, start, end, text)
        assert text[start:end] == written, (where, written, text[start:end], text)
    for cite in record.cite_mentions:
        assert 0 <= cite.start <= cite.end <= len(text), (cite, text)
    return record


# ---------------------------------------------------------------------------- the defect


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        # Read as "several thousand" is: at least three of the scale, two for "a couple of".
        ("a few thousand soldiers", 3000, "at_least"),
        ("a few million people", 3_000_000, "at_least"),
        ("a couple of thousand soldiers", 2000, "at_least"),
        ("a couple of million people", 2_000_000, "at_least"),
        ("several dozen thousand troops", 36_000, "at_least"),
        ("a few hundred thousand troops", 300_000, "at_least"),
        ("tens of dozens of tanks", 240, "at_least"),
        ("hundreds of scores of men", 4000, "at_least"),
        # Unchanged: what was read before stays read the same.
        ("several thousand soldiers", 3000, "at_least"),
        ("tens of thousands of people", 20_000, "at_least"),
        ("several hundred thousand troops", 300_000, "at_least"),
        ("two hundred thousand troops", 200_000, "exact"),
    ],
)
def test_a_vague_amount_with_a_scale_is_a_figure(
    nlp: Language, phrase: str, value: float, qualifier: str
) -> None:
    """ "They lost a few thousand soldiers." raised KeyError: 'few' and stopped the run."""
    text = f"They lost {phrase} near Bakhmut."
    record = check(nlp, text)
    (figure,) = [f for f in record.figures if f.start == text.index(phrase)]
    assert (figure.value, figure.qualifier) == (value, qualifier)
    if qualifier == "at_least":
        assert figure.low == value


# ---------------------------------------------------------------------------- the properties

number_phrases = st.lists(st.sampled_from(NUMBER_PARTS), min_size=1, max_size=5).map(" ".join)
# What comes first in an amount ("a few", "several", "two", "tens of", "more than a") ...
HEADS = [
    *_words(FIGURE_WORDS, "vague_multipliers", "scale_heads", "number_words", "qualifiers"),
    *(f"{w} of" for w in _words(FIGURE_WORDS, "vague_multiples")),
    "half a",
    "3",
    "1.5",
]
# ... and what it counts in ("thousand", "dozens", "dozen thousand", "million").
SCALES = _words(FIGURE_WORDS, "scales", "vague_scales", "vague_amounts", "counting_words", "half_scales")
amounts = st.tuples(
    st.sampled_from(HEADS), st.lists(st.sampled_from(SCALES), min_size=1, max_size=2).map(" ".join)
).map(" ".join)


@QUICK
@given(amount=amounts, counted=st.sampled_from(COUNTED))
def test_amounts(nlp: Language, amount: str, counted: str) -> None:
    check(nlp, f"They lost {amount} {counted} in the battle.")


@QUICK
@given(phrase=number_phrases, counted=st.sampled_from(COUNTED), tail=st.sampled_from(NUMBER_PARTS))
def test_number_phrases(nlp: Language, phrase: str, counted: str, tail: str) -> None:
    check(nlp, f"Ukraine said Russia lost {phrase} {counted} {tail} near Avdiivka on Monday.")


@QUICK
@given(phrase=st.lists(st.sampled_from(TIME_PARTS), min_size=1, max_size=6).map(" ".join))
def test_time_phrases(nlp: Language, phrase: str) -> None:
    check(nlp, f"The strike on Kharkiv came {phrase}, officials said.")


QUOTES = ['"', "“", "”", "'", "‘", "’", "«", "»"]


@QUICK
@given(
    opening=st.sampled_from(QUOTES),
    closing=st.sampled_from([*QUOTES, ""]),
    said=st.sampled_from(SENTENCES),
    speaker=st.sampled_from(
        ["Zelensky said", "said a spokesman", "according to Reuters", "the ministry claimed", ""]
    ),
    before=st.sampled_from(SENTENCES),
)
def test_quotes(nlp: Language, opening: str, closing: str, said: str, speaker: str, before: str) -> None:
    check(nlp, f"{before} {opening}{said}{closing} {speaker}.")


@QUICK
@given(sentences=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), cut=st.integers(0, 400))
def test_real_sentences_cut_anywhere(nlp: Language, sentences: list[str], cut: int) -> None:
    text = " ".join(sentences)
    check(nlp, text[: len(text) - cut % max(1, len(text))])


@QUICK
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)),  # lone surrogates are refused at the door
        max_size=200,
    )
)
def test_any_text(nlp: Language, text: str) -> None:
    check(nlp, text)


@QUICK
@given(
    words=st.lists(
        st.sampled_from([*NUMBER_PARTS, *TIME_PARTS, *COUNTED, "killed", "Kyiv", "said", ",", ".", "\n\n"]),
        max_size=25,
    )
)
def test_lexicon_word_salad(nlp: Language, words: list[str]) -> None:
    check(nlp, " ".join(words))
