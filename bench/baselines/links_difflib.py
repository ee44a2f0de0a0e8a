"""The links reference line: difflib near-duplicates and nothing else.

Why: it is what a user without fogofwar would script first. Every pair of articles is compared
with difflib's SequenceMatcher (quadratic in the number of articles: fine for a dev set, not for
a store), a pair at ratio 0.8 or more is a duplicate (the earlier article is `a`); there are no
stories, figure groups, contradictions or forecasts.

    python3 bench/baselines/links_difflib.py ARTICLES.jsonl     # one fogofwar.links/1 object

Standard library only.
"""

from __future__ import annotations

import difflib
import gzip
import json
import sys
from itertools import combinations
from pathlib import Path

THRESHOLD = 0.8


def main(argv: list[str]) -> int:
    path = Path(argv[-1])
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows.sort(key=lambda r: (r.get("published") or "", str(r["id"])))
    duplicates = []
    for a, b in combinations(rows, 2):
        matcher = difflib.SequenceMatcher(None, a["text"], b["text"], autojunk=False)
        if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
            continue
        ratio = matcher.ratio()
        if ratio >= THRESHOLD:
            kind = "exact" if a["text"] == b["text"] else "syndicated"
            duplicates.append({"a": str(a["id"]), "b": str(b["id"]), "kind": kind, "score": round(ratio, 3)})
    links = {"schema": "fogofwar.links/1", "duplicates": duplicates, "stories": [], "figure_groups": []}
    links.update(contradictions=[], forecasts=[])
    print(json.dumps(links))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
