"""One article as long as the size cap allows, through ``fogofwar extract`` and ``fogofwar ingest``.

Why: an article of many megabytes (a transcript, a report, a feed dump saved as one file) must
be annotated, not refused, with memory bounded whatever its length: the pipeline takes it in
pieces (annotate.PIECE_CHARS). This measures what one such article costs.

    python3 bench/long_article.py                     # 10 MiB - 1 KiB of prose, workers 1
    python3 bench/long_article.py --mib 2 --workers 2

The article is prose: the dev articles of ``shared/eval/corpus.py``, one paragraph after the
other, under one title line, cut at a paragraph to just under --mib MiB (the default cap is
10 MiB, which the file must fit). Each command runs as its own child process, one at a time:
  extract   ``fogofwar extract --format jsonl [--workers W] FILE``, its output kept and checked
            (one record, every span's text equal to text[start:end]);
  ingest    ``fogofwar ingest [--workers W] --db SQLITE FILE`` into a new SQLite store.
Measured per child (as in throughput.py): wall_s (start-up and model load included), user_s,
sys_s, peak_rss_kib (os.wait4's ru_maxrss: the largest single process) and tree_rss_peak_kib
(the process tree's sampled RSS sum). Writes bench/results/long_article.json (--out) and prints
a Markdown table. Exit code 1 when a command fails or its record breaks the offsets contract.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchlib import fmt, fogofwar_or_exit, git_commit, md_table, now_iso, parser, printed_earlier
from throughput import run_child


def prose(shared: Path, target_bytes: int, work: Path) -> str:
    """Paragraphs of real reporting, repeated as needed, to just under target_bytes of UTF-8."""
    corpus = work / "corpus.jsonl"
    subprocess.run([sys.executable, str(shared / "eval" / "corpus.py"), "--out", str(corpus)], check=True)
    texts = [json.loads(line)["text"].strip() for line in corpus.read_text(encoding="utf-8").splitlines()]
    parts, size, i = ["A long report from the front\n\n"], 0, 0
    while True:
        paragraph = texts[i % len(texts)] + "\n\n"
        grown = size + len(paragraph.encode("utf-8"))
        if grown > target_bytes - len(parts[0]):
            break
        parts.append(paragraph)
        size, i = grown, i + 1
    return "".join(parts)


def bad_spans(record: dict[str, Any]) -> int:
    text = record["article"]["text"]
    bad = 0
    for part in ("entities", "places", "times", "figures", "claims", "events"):
        for item in record.get(part) or []:
            if "start" in item and text[item["start"] : item["end"]] != item["text"]:
                bad += 1
    return bad


def extract_run(exe: str, workers: list[str], article: Path, out: Path, interval: float) -> dict[str, Any]:
    run = run_child([exe, "extract", "--format", "jsonl", *workers, str(article)], out, interval)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
    run["records"] = len(records)
    run["entities"] = len(records[0]["entities"]) if records else 0
    run["bad_spans"] = sum(bad_spans(r) for r in records)
    return run


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "long_article.json", "for the corpus script")
    ap.add_argument("--mib", type=float, default=10.0, help="the article's size cap in MiB (default 10)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--sample-interval", type=float, default=0.2)
    ap.add_argument("--only", choices=["extract", "ingest"], help="run one of the two commands")
    args = ap.parse_args(argv)
    if printed_earlier(args, table):
        return 0
    exe = fogofwar_or_exit(args)
    cap = int(args.mib * 1024 * 1024)
    workers = ["--workers", str(args.workers)] if args.workers > 1 else []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        article = work / "long.txt"
        text = prose(args.shared, cap - 1024, work)
        article.write_text(text, encoding="utf-8")
        out = work / "out.jsonl"
        runs: dict[str, dict[str, Any]] = {}
        if args.only != "ingest":
            runs["extract"] = extract_run(exe, workers, article, out, args.sample_interval)
        if args.only != "extract":
            runs["ingest"] = run_child(
                [exe, "ingest", *workers, "--db", str(work / "store.db"), str(article)],
                None,
                args.sample_interval,
            )
    summary = {
        "when": now_iso(),
        "git": git_commit(),
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "workers": args.workers,
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(table(summary))
    failed = any("error" in r or r.get("returncode") for r in runs.values())
    extract = runs.get("extract", {"records": 1, "bad_spans": 0})
    contract = extract.get("records") == 1 and extract.get("bad_spans") == 0
    return 1 if failed or not contract else 0


def table(summary: dict[str, Any]) -> str:
    rows = []
    for name, run in summary["runs"].items():
        mib = (run.get("peak_rss_kib") or 0) / 1024
        tree = (run.get("tree_rss_peak_kib") or 0) / 1024
        rows.append(
            [
                name,
                f"{summary['bytes']:,}",
                fmt(run.get("wall_s"), 1),
                fmt(run.get("user_s"), 1),
                f"{mib:,.0f}",
                f"{tree:,.0f}",
                run.get("error") or f"exit {run.get('returncode')}",
            ]
        )
    header = ["command", "bytes", "wall s", "user s", "peak RSS MiB", "tree peak MiB", "result"]
    return (
        f"{summary['chars']:,} characters, workers {summary['workers']}, commit {summary['git']}\n\n"
        + md_table(header, rows)
    )


if __name__ == "__main__":
    sys.exit(main())
