"""Bundled reference data (outlets, lexicons, the gazetteer's curated table) and their loaders.

Every lexicon is a documented JSON file in this folder, read by one typed loader here. A loader
takes a *source*: the name of a bundled file ("claims" -> ``knowledge/claims.json``) or the path
of a file of the same shape, so that a user swaps a lexicon through ``pipeline.cfg`` (each
component names its lexicon in its config, the way spaCy components name their patterns) without
touching code. Loaders cache by source: a lexicon is read once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from fogofwar.errors import FogofwarError


def read_json(source: str) -> dict[str, Any]:
    """The JSON object of a lexicon: a bundled name ("claims") or a file path ("my/claims.json").

    A name is a bare word of the bundled files; anything with a slash or a ``.json`` suffix is a
    path. A missing or malformed file is one clear error naming it, not a traceback."""
    is_path = "/" in source or "\\" in source or source.endswith(".json")
    try:
        if is_path:
            text = Path(source).read_text(encoding="utf-8")
        else:
            text = resources.files(__package__).joinpath(f"{source}.json").read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        where = source if is_path else f"knowledge/{source}.json"
        raise FogofwarError(
            f"{where}: cannot read the lexicon ({getattr(exc, 'strerror', None) or exc})"
        ) from None
    except ValueError as exc:
        raise FogofwarError(f"{source}: not a valid JSON lexicon ({exc})") from None
    if not isinstance(data, dict):
        raise FogofwarError(f"{source}: a lexicon must be a JSON object, not {type(data).__name__}")
    return data


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    kind: str  # agency|newspaper|broadcaster|online|aggregator|think_tank
    country_code: str | None


@lru_cache(maxsize=4)
def outlets(source: str = "outlets") -> tuple[Outlet, ...]:
    """News outlets and agencies that articles cite as sources (knowledge/outlets.json)."""
    raw = read_json(source)
    return tuple(
        Outlet(o["name"], tuple(o.get("aliases", [])), o["kind"], o.get("country_code"))
        for o in raw["outlets"]
    )


@lru_cache(maxsize=4)
def time_words(source: str = "times") -> dict[str, dict[str, object]]:
    """The vocabulary of the times grammar (knowledge/times.json), each list without its `_about` note."""
    raw = read_json(source)
    return {
        key: {k: v for k, v in value.items() if k != "_about"}
        for key, value in raw.items()
        if isinstance(value, dict)
    }


@lru_cache(maxsize=4)
def claims_lexicon(source: str = "claims") -> dict[str, Any]:
    """The words the claims component reads (knowledge/claims.json; each section documents itself)."""
    return read_json(source)


@lru_cache(maxsize=4)
def link_lexicon(source: str = "link_lexicon") -> dict[str, Any]:
    """The words linking across articles reads (knowledge/link_lexicon.json)."""
    return read_json(source)


@lru_cache(maxsize=4)
def event_taxonomy(source: str = "events") -> dict[str, Any]:
    """ACLED's event types, the PLOVER mapping, cue lexicons and actor names (knowledge/events.json).

    Plain data, read once; ``fogofwar.nlp.events`` compiles it into its matchers."""
    return read_json(source)


@dataclass(frozen=True)
class FigureLexicon:
    """What the figures component knows about conflict figures (knowledge/figures.json).

    things: lower-case surface form -> class (a category such as "equipment.tank", or a stem,
    "personnel", "civilians", "prisoners", completed by an outcome word); outcomes: lower-case
    word -> {stem: last category part}; sides: surface form (case as written) -> ISO code.

    The fields after `wars` are the words the figures patterns are built from, one per section
    (or list of a section) of the file, which documents each; amounts are floats."""

    categories: tuple[str, ...]
    things: dict[str, str]
    outcomes: dict[str, dict[str, str]]
    sides: dict[str, str]
    opponents: dict[str, str]
    hostile: frozenset[str]
    own: frozenset[str]
    wars: dict[str, tuple[str, tuple[str, ...]]]  # side -> (began YYYY-MM-DD, what the war is called)
    # reading a number and its qualifier
    number_words: tuple[str, ...]
    scales: dict[str, float]
    scale_abbreviations: dict[str, float]
    scale_letters: dict[str, float]
    currency_scale_letters: dict[str, float]
    counting_words: dict[str, float]
    vague_amounts: dict[str, float]
    vague_multiples: dict[str, float]
    vague_multipliers: dict[str, float]
    scale_heads: tuple[str, ...]
    vague_scales: tuple[str, ...]
    vague_second_scales: tuple[str, ...]
    half_scales: tuple[str, ...]
    fractions: dict[str, float]
    fraction_heads: tuple[str, ...]
    share_denominators: dict[str, float]
    unicode_fractions: dict[str, float]
    currencies: dict[str, str]  # sign as written -> ISO 4217
    qualifiers: dict[str, str]  # phrase -> over|at_least|under|at_most|about
    particle_verbs: tuple[str, ...]
    range_openers: tuple[str, ...]
    range_joiners: tuple[str, ...]
    unit_range_joiners: tuple[str, ...]
    open_ends: tuple[str, ...]
    units: dict[str, tuple[str, ...]]  # unit -> the words that write it
    hyphenated_units: tuple[str, ...]
    time_modifiers: tuple[str, ...]
    time_units: tuple[str, ...]
    time_units_not_before: tuple[str, ...]
    numbering_words: tuple[str, ...]
    months: tuple[str, ...]
    year_context: tuple[str, ...]
    # what a number counts
    subcount_openers: tuple[str, ...]
    of_them: tuple[str, ...]
    of_owner_determiners: tuple[str, ...]
    skipped_determiners: tuple[str, ...]
    possessive_determiners: tuple[str, ...]
    not_count_nouns: tuple[str, ...]
    not_count_hedges: tuple[str, ...]
    needs: tuple[str, ...]
    civilian_tallies: tuple[str, ...]
    # whose it is
    origin_words: tuple[str, ...]
    each_quantifiers: tuple[str, ...]
    each_parties: tuple[str, ...]
    aid_words: tuple[str, ...]
    own_loss_words: tuple[str, ...]
    passive_auxiliaries: tuple[str, ...]
    speech_words: tuple[str, ...]
    locative: tuple[str, ...]
    agent_prepositions: tuple[str, ...]
    pronoun_agents: tuple[str, ...]
    tallies: tuple[str, ...]
    ceding: tuple[str, ...]
    # the time it covers
    carry_period: tuple[str, ...]
    stocks_after: tuple[str, ...]
    stocks_not_passive: tuple[str, ...]
    stock_adverbs: tuple[str, ...]
    stock_verbs: tuple[str, ...]
    speech_time_verbs: tuple[str, ...]
    speech_time_then: tuple[str, ...]
    present_times: tuple[str, ...]
    dateline_dashes: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    war_starts: tuple[str, ...]
    war_modifiers: tuple[str, ...]
    war_counts: tuple[str, ...]
    war_names: tuple[str, ...]


def _plural(word: str) -> str:
    """English plural of the last word of a term ("infantry fighting vehicle" -> "...vehicles")."""
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


# FigureLexicon's word lists: field -> (section of figures.json, its list).
_FIGURE_WORD_LISTS = {
    "number_words": ("number_words", "words"),
    "scale_heads": ("scale_heads", "words"),
    "vague_scales": ("vague_scales", "words"),
    "vague_second_scales": ("vague_scales", "then"),
    "half_scales": ("half_scales", "words"),
    "fraction_heads": ("fraction_heads", "words"),
    "particle_verbs": ("particle_verbs", "words"),
    "range_openers": ("range_openers", "words"),
    "range_joiners": ("range_joiners", "words"),
    "unit_range_joiners": ("unit_range_joiners", "words"),
    "open_ends": ("open_ends", "words"),
    "hyphenated_units": ("units", "hyphenated"),
    "time_modifiers": ("time_units", "modifiers"),
    "time_units": ("time_units", "words"),
    "time_units_not_before": ("time_units", "not_before"),
    "numbering_words": ("numbering_words", "words"),
    "months": ("months", "words"),
    "year_context": ("year_context", "words"),
    "subcount_openers": ("subcount_openers", "words"),
    "of_them": ("of_them", "words"),
    "of_owner_determiners": ("determiners", "of_owner"),
    "skipped_determiners": ("determiners", "skipped"),
    "possessive_determiners": ("determiners", "possessive"),
    "not_count_nouns": ("not_count_nouns", "nouns"),
    "not_count_hedges": ("not_count_nouns", "hedges"),
    "needs": ("needs", "words"),
    "civilian_tallies": ("civilian_tallies", "words"),
    "origin_words": ("origin_words", "words"),
    "each_quantifiers": ("each_side", "quantifiers"),
    "each_parties": ("each_side", "parties"),
    "aid_words": ("aid_words", "words"),
    "own_loss_words": ("own_loss_words", "words"),
    "passive_auxiliaries": ("passive_auxiliaries", "words"),
    "speech_words": ("speech_words", "words"),
    "locative": ("locative", "words"),
    "agent_prepositions": ("agent_prepositions", "words"),
    "pronoun_agents": ("pronoun_agents", "words"),
    "tallies": ("tallies", "words"),
    "ceding": ("ceding", "words"),
    "carry_period": ("carry_period", "words"),
    "stocks_after": ("stocks", "after"),
    "stocks_not_passive": ("stocks", "not_passive"),
    "stock_adverbs": ("stocks", "adverbs"),
    "stock_verbs": ("stocks", "verbs"),
    "speech_time_verbs": ("speech_times", "verbs"),
    "speech_time_then": ("speech_times", "then"),
    "present_times": ("present_times", "words"),
    "dateline_dashes": ("dateline", "words"),
    "clause_breaks": ("clause_breaks", "words"),
    "war_starts": ("war_anchor", "starts"),
    "war_modifiers": ("war_anchor", "modifiers"),
    "war_counts": ("war_anchor", "counts"),
    "war_names": ("war_anchor", "wars"),
}
# FigureLexicon's amounts (word -> float) and names (word -> str): each field is a section.
_FIGURE_AMOUNTS = (
    "scales", "scale_abbreviations", "scale_letters", "currency_scale_letters", "counting_words",
    "vague_amounts", "vague_multiples", "vague_multipliers", "fractions", "unicode_fractions",
    "share_denominators",
)  # fmt: skip
_FIGURE_NAMES = ("currencies", "qualifiers")


@lru_cache(maxsize=4)
def figure_lexicon(source: str = "figures") -> FigureLexicon:
    raw = read_json(source)
    things: dict[str, str] = {}
    for cls, terms in raw["things"].items():
        for term in terms:
            # "singular|plural" where the plural is irregular (or the same); else made here.
            singular, _, plural = term.partition("|")
            things.setdefault(singular, cls)
            things.setdefault(plural or _plural(singular), cls)
    outcomes: dict[str, dict[str, str]] = {}
    for stem, subs in raw["outcomes"].items():
        for sub, words in subs.items():
            for word in words:
                outcomes.setdefault(word, {}).setdefault(stem, sub)
    sides = {form: code for code, forms in raw["sides"].items() for form in forms}
    vocabulary: dict[str, Any] = {
        field: tuple(raw[section][key]) for field, (section, key) in _FIGURE_WORD_LISTS.items()
    }
    for field in _FIGURE_AMOUNTS:
        vocabulary[field] = {k: float(v) for k, v in raw[field].items() if k != "_about"}
    for field in _FIGURE_NAMES:
        vocabulary[field] = {k: str(v) for k, v in raw[field].items() if k != "_about"}
    return FigureLexicon(
        categories=tuple(raw["categories"]),
        things=things,
        outcomes=outcomes,
        sides=sides,
        opponents=dict(raw["opponents"]),
        hostile=frozenset(raw["hostile"]),
        own=frozenset(raw["own"]),
        wars={
            code: (war["began"], tuple(war["words"])) for code, war in raw["wars"].items() if code != "_about"
        },
        units={unit: tuple(forms) for unit, forms in raw["units"]["words"].items()},
        **vocabulary,
    )
