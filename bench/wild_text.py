"""Words kept per page by fogofwar's HTML reading, old settings against new, on real pages.

    mkdir -p /tmp/wild-text && tar -xJf ../shared/data/wild/pages.tar.xz -C /tmp/wild-text
    PYTHONPATH=src python bench/wild_text.py /tmp/wild-text/pages [--examples 4] [--others]

"old" is the reading before issue 25 (trafilatura with favor_precision, tables off, its fast
pass, the full cascade only when the fast pass found nothing, and then only 25 words or more);
"new" is `fogofwar.ingest.html` as it is. There are no reference bodies for these pages (no
installed package ships trafilatura's evaluation data), so this reports word counts, pages with
no text, the CPU time of each, titles changed, and for the pages where the two differ most,
the start of what the new reading gains or loses; `--others` adds five more trafilatura settings
to the table (one extraction each). Run with fogofwar's Python (it imports fogofwar).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from fogofwar.errors import InputError, InputWarning
from fogofwar.ingest.encoding import decode_input
from fogofwar.ingest.html import parse_html

OLD_MIN_FALLBACK_WORDS = 25


def _extract(html: str, **settings: bool) -> tuple[str, str | None]:
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, **settings)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    return text, getattr(doc, "title", None) if doc is not None else None


def old_reading(html: str) -> tuple[str, str | None]:
    """(text, title) as fogofwar read a page before issue 25; text "" where it found none."""
    old = {"include_tables": False, "favor_precision": True}
    text, title = _extract(html, fast=True, **old)
    if not text:
        text, title = _extract(html, fast=False, **old)
        if len(text.split()) < OLD_MIN_FALLBACK_WORDS:
            text = ""
    return text, title


def new_reading(html: str, name: str) -> tuple[str, str | None]:
    try:
        article = parse_html(html, article_id=name, source=name)
    except InputError:
        return "", None
    return article.text, article.title


# Other settings, for the comparison table only (words and CPU; comments off in all).
OTHER_SETTINGS = {
    "precision, tables, full cascade": {"favor_precision": True, "include_tables": True, "fast": False},
    "balanced, tables, fast pass only": {"include_tables": True, "fast": True},
    "balanced, tables, full cascade always": {"include_tables": True, "fast": False},
    "balanced, no tables, full cascade always": {"include_tables": False, "fast": False},
    "recall, tables, full cascade always": {"favor_recall": True, "include_tables": True, "fast": False},
}


def _excerpt(words: list[str], n: int = 40) -> str:
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


@dataclass
class Measured:
    rows: list[dict[str, object]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # pages no declared encoding decodes
    warned: list[str] = field(default_factory=list)  # pages read with bytes replaced
    cpu: dict[str, float] = field(default_factory=lambda: {"old": 0.0, "new": 0.0})
    other_words: dict[str, list[int]] = field(default_factory=dict)  # OTHER_SETTINGS' words per page


def measure(folder: Path, others: bool = False) -> Measured:
    result = Measured()
    rows, cpu = result.rows, result.cpu
    for path in sorted(folder.iterdir()):
        warnings: list[InputWarning] = []
        try:
            html = decode_input(path.read_bytes(), path.name, warnings=warnings)
        except InputError as exc:
            result.refused.append(str(exc))
            continue
        result.warned.extend(str(w) for w in warnings)
        started = time.process_time()
        old_text, old_title = old_reading(html)
        cpu["old"] += time.process_time() - started
        started = time.process_time()
        new_text, new_title = new_reading(html, path.name)
        cpu["new"] += time.process_time() - started
        rows.append(
            {
                "page": path.name,
                "old_words": len(old_text.split()),
                "new_words": len(new_text.split()),
                "old_text": old_text,
                "new_text": new_text,
                "old_title": old_title,
                "new_title": new_title,
            }
        )
        if others:
            _other_settings(html, result)
    return result


def _other_settings(html: str, result: Measured) -> None:
    for name, settings in OTHER_SETTINGS.items():
        started = time.process_time()
        text, _ = _extract(html, **settings)
        result.cpu[name] = result.cpu.get(name, 0.0) + time.process_time() - started
        result.other_words.setdefault(name, []).append(len(text.split()))


def _gained_and_lost(row: dict[str, object]) -> tuple[list[str], list[str]]:
    """The new text's lines the old one lacks, and the old text's lines the new one lacks."""
    old_lines = [line for line in str(row["old_text"]).splitlines() if line.strip()]
    new_lines = [line for line in str(row["new_text"]).splitlines() if line.strip()]
    old_set, new_set = set(old_lines), set(new_lines)
    gained = [w for line in new_lines if line not in old_set for w in line.split()]
    lost = [w for line in old_lines if line not in new_set for w in line.split()]
    return gained, lost


def _totals(result: Measured) -> None:
    print("\n| reading | words kept | median per page | pages with no text | pages under 25 words | CPU s |")
    print("|---|---|---|---|---|---|")
    words = {which: [int(str(r[f"{which}_words"])) for r in result.rows] for which in ("old", "new")}
    words.update(result.other_words)  # one extraction each, no fallback rule: for comparison
    for which, counts in words.items():
        empty = sum(c == 0 for c in counts)
        under = sum(0 < c < OLD_MIN_FALLBACK_WORDS for c in counts)
        median = statistics.median(counts)
        print(f"| {which} | {sum(counts)} | {median:.0f} | {empty} | {under} | {result.cpu[which]:.1f} |")


def _change(row: dict[str, object]) -> int:
    return int(str(row["new_words"])) - int(str(row["old_words"]))


def _differences(rows: list[dict[str, object]], examples: int) -> None:
    differ = [r for r in rows if r["old_text"] != r["new_text"]]
    more = sum(_change(r) > 0 for r in differ)
    fewer = sum(_change(r) < 0 for r in differ)
    print(
        f"\npages whose text differs: {len(differ)} ({more} longer, {fewer} shorter, "
        f"{len(differ) - more - fewer} same length)"
    )
    gone = [r["page"] for r in rows if r["old_words"] and not r["new_words"]]
    found = [r["page"] for r in rows if r["new_words"] and not r["old_words"]]
    print(f"pages with text only in the old reading: {gone}")
    print(f"pages with text only in the new reading: {found}")
    by_change = sorted(differ, key=_change)
    picks = by_change[-examples:][::-1] + by_change[:examples]
    print("\nlargest changes (words old -> new; lines gained / lost, first words):")
    for r in picks:
        gained, lost = _gained_and_lost(r)
        print(f"- {r['page']}: {r['old_words']} -> {r['new_words']}")
        if gained:
            print(f"    gained: {_excerpt(gained)}")
        if lost:
            print(f"    lost:   {_excerpt(lost)}")


def report(result: Measured, examples: int) -> None:
    rows = result.rows
    print(f"pages read: {len(rows)}; refused before extraction: {len(result.refused)}")
    for line in result.refused:
        print(f"  refused: {line}")
    for line in result.warned:
        print(f"  warned: {line}")
    _totals(result)
    _differences(rows, examples)
    titles = [r for r in rows if r["old_title"] != r["new_title"]]
    print(f"\ntitles changed: {len(titles)}")
    for r in titles:
        print(f"  {r['page']}: {r['old_title']!r} -> {r['new_title']!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("pages", type=Path, help="the folder of .html pages (shared/data/wild unpacked)")
    ap.add_argument("--examples", type=int, default=4, help="pages shown at each end of the change")
    ap.add_argument("--others", action="store_true", help="also count words with other trafilatura settings")
    ap.add_argument("--out", type=Path, help="write the per-page word counts and titles as JSON")
    args = ap.parse_args()
    if not args.pages.is_dir():
        print(f"error: {args.pages}: not a folder (unpack ../shared/data/wild/pages.tar.xz first)")
        return 2
    result = measure(args.pages, others=args.others)
    report(result, args.examples)
    if args.out:
        slim = [{k: v for k, v in r.items() if not k.endswith("_text")} for r in result.rows]
        summary = {"rows": slim, "refused": result.refused, "warned": result.warned, "cpu": result.cpu}
        args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
