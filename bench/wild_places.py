"""Places on pages nobody chose: names of people and organisations put on the map, and how many
points are only a country's or a region's.

Runs the pipeline up to the places component (the later components do not change places) over
every page of a folder of real web pages (``shared/data/wild``, unpacked outside the repository:
``mkdir -p DIR && tar -xJf ../shared/data/wild/pages.tar.xz -C DIR``) and counts:

* ``in_person_org``: places drawn on a map (lat/lon, and no ``role: "actor"``) whose span lies
  inside, or overlaps, one of spaCy's PERSON or ORG entities ("Vladimir" of "Vladimir Putin",
  "Switch" of "Nintendo Switch"). The target is none; what remains is where the entity is
  spaCy's mistake and the text puts the name in space ("fighting around Goma", Goma tagged
  PERSON), or a non-English page the English model reads as names.
* ``in_person_org_actor``: the same with ``role: "actor"``: a place an organisation is named
  after ("the Ohio Supreme Court"), kept in the list but not drawn.
* ``country_admin1_share``: the share of drawn places whose kind is "country" or "admin1",
  i.e. a point that stands for a whole country or region rather than where something is.
* ``by_kind``: drawn places by kind; ``no_kind``: drawn places without one (target: none).

    python bench/wild_places.py /tmp/wild-places/pages
    python bench/wild_places.py /tmp/wild-places/pages --show 20   # also list the offending spans

Measured on 2026-12-07 (196 pages read, 4 refused), before and after issue 25's places work,
all pages through the places component: places drawn inside a PERSON/ORG entity 563 -> 107.
With the language step in front, as in the pipeline (168 pages are not English and are not
read by the English components; 29 are): 282 drawn places, 40 inside a PERSON/ORG entity
(mostly a place inside an organisation's name that is not yet given ``role: "actor"``:
"Clemson University", "the Texas Women's Health Program"), 31 more kept as actors, country or
admin1 share 0.496, no drawn place without a kind.

A page whose text the reader refuses is counted in ``unread``; a page a component fails on is
counted in ``failed`` with one line naming it (never a traceback). Results go to
``bench/results/wild_places.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from benchlib import BENCH, now_iso

PLACE_PIPES = ("fogofwar_cites", "fogofwar_times", "fogofwar_places")
PERSON_ORG = ("PERSON", "ORG")


def _inside_person_org(doc: Any, place: dict[str, Any]) -> str | None:
    """The PERSON/ORG entity a place's span overlaps, as "LABEL: text", or None."""
    for ent in doc.ents:
        if ent.label_ in PERSON_ORG and ent.start_char < place["end"] and place["start"] < ent.end_char:
            return f"{ent.label_}: {ent.text}"
    return None


def measure(pages: Path, show: int) -> dict[str, Any]:
    from fogofwar.annotate import pieces, with_language
    from fogofwar.errors import FogofwarError
    from fogofwar.ingest import IngestOptions, articles_only, read_inputs
    from fogofwar.nlp import build_pipeline

    nlp = build_pipeline()
    later = [name for name in nlp.pipe_names if name.startswith("fogofwar_") and name not in PLACE_PIPES]
    unread: list[str] = []
    kinds: Counter[str] = Counter()
    offending: list[dict[str, Any]] = []
    failed = pages_read = actors = other_language = 0
    articles = articles_only(read_inputs([str(pages)], IngestOptions()), lambda e: unread.append(str(e)))
    with nlp.select_pipes(disable=later):
        for article in articles:
            pages_read += 1
            # The language step runs first, as in the pipeline: the English components never see
            # a page in another language.
            if with_language(article, nlp.lang).language != nlp.lang:
                other_language += 1
                continue
            for start, end in pieces(article.text):
                doc = nlp.make_doc(article.text[start:end])
                doc._.text = doc.text
                doc._.outlet = article.outlet
                try:
                    doc = nlp(doc)
                except (FogofwarError, ValueError, KeyError, IndexError) as exc:
                    failed += 1
                    print(f"{article.source}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    continue
                for place in doc._.places:
                    if place["lat"] is None:
                        continue
                    ent = _inside_person_org(doc, place)
                    if place["role"] == "actor":
                        actors += ent is not None
                        continue
                    kinds[place["kind"] or "none"] += 1
                    if ent is not None:
                        offending.append(
                            {
                                "page": article.source,
                                "text": place["text"],
                                "name": place["name"],
                                "country_code": place["country_code"],
                                "entity": ent,
                            }
                        )
    resolved = sum(kinds.values())
    return {
        "when": now_iso(),
        "pages": pages_read,
        "unread": len(unread),
        "failed": failed,
        "other_language": other_language,  # pages the English components do not read
        "drawn_places": resolved,
        "in_person_org": len(offending),
        "in_person_org_actor": actors,
        "country_admin1_share": round((kinds["country"] + kinds["admin1"]) / resolved, 3)
        if resolved
        else None,
        "by_kind": dict(kinds.most_common()),
        "no_kind": kinds["none"],
        "examples": offending[:show],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("pages", type=Path, help="the folder of unpacked wild pages")
    ap.add_argument("--show", type=int, default=10, help="list up to N places inside a PERSON/ORG")
    ap.add_argument("--out", type=Path, default=BENCH / "results" / "wild_places.json")
    args = ap.parse_args()
    if not args.pages.is_dir():
        raise SystemExit(f"{args.pages}: not a folder of pages (unpack shared/data/wild/pages.tar.xz first)")
    result = measure(args.pages, args.show)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
