"""Build bench/gold/claims/claims27_{dev,untouched} from claims27_passages.py.

Usage: python3 bench/gold/claims/build_claims27.py   (rewrites both folders' jsonl files)
Every span is located in the passage and checked (text[start:end] == string); a string that is
missing, or a content string that occurs twice, stops the build with its passage id.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from claims27_passages import OPEN, PASSAGES  # noqa: E402

OUTLET = "Frontline Digest"


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def nearest(spans: list[tuple[int, int]], anchor: tuple[int, int]) -> tuple[int, int]:
    def distance(span: tuple[int, int]) -> int:
        if span[1] <= anchor[0]:
            return anchor[0] - span[1]
        if anchor[1] <= span[0]:
            return span[0] - anchor[1]
        return 0

    return min(spans, key=lambda s: (distance(s), s[0]))


def gold_claim(pid: str, text: str, claim: dict[str, Any]) -> dict[str, Any]:
    found = occurrences(text, claim["content"])
    if len(found) != 1:
        raise SystemExit(f"{pid}: content {claim['content']!r} found {len(found)} times")
    content = found[0]
    cues = occurrences(text, claim["cue"])
    if not cues:
        raise SystemExit(f"{pid}: cue {claim['cue']!r} not found")
    cue = nearest(cues, content)
    speaker: dict[str, Any] = {
        "name": claim["name"],
        "kind": claim["kind"],
        "affiliation": claim["affiliation"],
        "anonymous": claim["kind"] == "anonymous",
    }
    if claim["mention"] is not None:
        mentions = [m for m in occurrences(text, claim["mention"]) if m != content]
        if not mentions:
            raise SystemExit(f"{pid}: speaker {claim['mention']!r} not found")
        mention = nearest(mentions, cue)
        speaker.update(text=claim["mention"], start=mention[0], end=mention[1])
    forecast = claim["forecast"]
    return {
        "text": claim["content"],
        "start": content[0],
        "end": content[1],
        "cue": claim["cue"],
        "cue_start": cue[0],
        "cue_end": cue[1],
        "speaker": speaker,
        "via": claim["via"],
        "hedged": bool(claim["hedges"]),
        "hedges": claim["hedges"],
        "forecast": forecast is not False,
        "forecast_end": forecast if forecast not in (False, OPEN) else None,
    }


def main() -> None:
    rows: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {
        "dev": ([], []),
        "untouched": ([], []),
    }
    for number, (split, published, title, text, claims) in enumerate(PASSAGES, start=1):
        pid = f"claims27-{number:03d}"
        articles, golds = rows[split]
        articles.append({"id": pid, "text": text, "title": title, "outlet": OUTLET, "published": published})
        golds.append({"id": pid, "claims": [gold_claim(pid, text, c) for c in claims]})
        for claim in golds[-1]["claims"]:
            assert text[claim["start"] : claim["end"]] == claim["text"]
            assert text[claim["cue_start"] : claim["cue_end"]] == claim["cue"]
    for split, (articles, golds) in rows.items():
        folder = HERE / f"claims27_{split}"
        folder.mkdir(exist_ok=True)
        for name, items in (("articles", articles), ("gold", golds)):
            with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as out:
                for item in items:
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
        n_claims = sum(len(g["claims"]) for g in golds)
        print(f"{folder.name}: {len(articles)} passages, {n_claims} claims")


if __name__ == "__main__":
    main()
