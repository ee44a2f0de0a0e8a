"""The events reference line: code each article by the first event keyword in its text.

Why: what a plain keyword lookup gets, the thing most users would write before a pipeline,
so that fogofwar's events read against it. One keyword per ACLED sub-event type (the words of
the type's own name: "clash", "shelling", "air strike", "protest" ...), each with ACLED's event
type and a PLOVER category; the keyword that occurs first in the text codes the main event.
No actors, places, dates or fatalities.

    python3 bench/baselines/events_keywords.py ARTICLES.jsonl    # fogofwar.record/1 JSON Lines

Input and output as ``bench/baselines/empty.py`` (whose reader and record it reuses, from ``jsonl.py``).
Standard library only.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from jsonl import empty_record, write_records

# keyword -> (ACLED event type, sub-event type, PLOVER category); the words of the types' names.
KEYWORDS: dict[str, tuple[str, str, str]] = {
    "clash": ("Battles", "Armed clash", "FIGHT"),
    "battle": ("Battles", "Armed clash", "FIGHT"),
    "regain": ("Battles", "Government regains territory", "FIGHT"),
    "overtake": ("Battles", "Non-state actor overtakes territory", "FIGHT"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "FIGHT"),
    "artillery": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "FIGHT"),
    "missile": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "FIGHT"),
    "air strike": ("Explosions/Remote violence", "Air/drone strike", "FIGHT"),
    "drone": ("Explosions/Remote violence", "Air/drone strike", "FIGHT"),
    "landmine": ("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT"),
    "IED": ("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT"),
    "grenade": ("Explosions/Remote violence", "Grenade", "ASSAULT"),
    "suicide": ("Explosions/Remote violence", "Suicide bomb", "ASSAULT"),
    "civilian": ("Violence against civilians", "Attack", "ASSAULT"),
    "abduct": ("Violence against civilians", "Abduction/forced disappearance", "ASSAULT"),
    "sexual": ("Violence against civilians", "Sexual violence", "ASSAULT"),
    "protest": ("Protests", "Peaceful protest", "PROTEST"),
    "riot": ("Riots", "Violent demonstration", "PROTEST"),
    "mob": ("Riots", "Mob violence", "PROTEST"),
    "agreement": ("Strategic developments", "Agreement", "AGREE"),
    "arrest": ("Strategic developments", "Arrests", "COERCE"),
    "loot": ("Strategic developments", "Looting/property destruction", "COERCE"),
    "headquarters": ("Strategic developments", "Headquarters or base established", "MOBILIZE"),
}
PATTERN = re.compile("|".join(rf"\b{re.escape(k)}" for k in sorted(KEYWORDS, key=len, reverse=True)), re.I)
LOWER = {k.lower(): v for k, v in KEYWORDS.items()}


def record(row: dict[str, Any]) -> dict[str, Any]:
    rec = empty_record(row)
    text = rec["article"]["text"]
    m = PATTERN.search(text)
    if m:
        type_, subtype, plover = LOWER[m.group().lower()]
        rec["events"] = [
            {"id": "e1", "text": m.group(), "start": m.start(), "end": m.end(), "type": type_,
             "subtype": subtype, "plover": plover, "actor1": None, "actor2": None, "place": None,
             "date": None, "fatalities": None, "claim": None, "date_assumed": False}
        ]  # fmt: skip
    return rec


def main(argv: list[str]) -> int:
    code = write_records(argv, record)
    return code if argv else 1  # no file named: nothing was scored


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
