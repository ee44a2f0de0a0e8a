"""What linking one new article costs as the store grows (issue: links must stay flat in cost).

    python3 bench/links_cost.py                      # store sizes 500,1000,5000; 50 new articles
    python3 bench/links_cost.py --sizes 500,2000 --probe 100

For each size N: a fresh SQLite store gets N distinct corpus articles (``../shared/eval/corpus.py``;
cycled articles get their cycle number appended, so they are distinct texts and near-copies of
each other, which crowds the LSH buckets: a harder case than a real store), ingested with a
tokenizer-only pipeline and ``--no-link`` because the NLP stage is not what is measured; then
all N are linked (the index is built, and each story's items kept); then ``--probe`` more
articles are ingested with the full pipeline (so that they carry claims, figures and forecasts:
their stories' items and their forecasts' evidence are real work), ``--no-link``, and linking
them is timed: indexing plus recomputing the stories they touch (``build.refresh``), seconds per
new article, candidates compared per article and stories recomputed per article.
Writes bench/results/links_cost.json and prints a Markdown table.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import REPO, find_fogofwar, git_commit, md_table, now_iso
from benchlib import parser as bench_parser


def corpus(shared: Path, n: int, out: Path) -> None:
    raw = out.with_suffix(".raw.jsonl")
    subprocess.run(
        [sys.executable, str(shared / "eval" / "corpus.py"), "--out", str(raw), "--n", str(n)], check=True
    )
    with raw.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            row = json.loads(line)
            if "#" in row["id"]:  # a cycled copy: make it a distinct text
                row["text"] += f"\n\n(Repeat {row['id'].rsplit('#', 1)[1]}.)"
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")
    raw.unlink()


def tokenizer_only(folder: Path) -> Path:
    import spacy

    spacy.blank("en").to_disk(folder / "blank")
    config = folder / "tokenizer-only.cfg"
    config.write_text(f'[fogofwar]\nbase = "{folder / "blank"}"\ncomponents = ["fogofwar_cites"]\n')
    return config


def measure(exe: str, shared: Path, size: int, probe: int, tmp: Path, config: Path) -> dict[str, Any]:
    from fogofwar.link import build, index
    from fogofwar.store import Store, linking

    articles = tmp / f"c{size}.jsonl"
    corpus(shared, size + probe, articles)
    lines = articles.read_text(encoding="utf-8").splitlines(keepends=True)
    base, new = tmp / f"base{size}.jsonl", tmp / f"new{size}.jsonl"
    base.write_text("".join(lines[:size]), encoding="utf-8")
    new.write_text("".join(lines[size:]), encoding="utf-8")
    db = str(tmp / f"s{size}.db")
    ingest = [exe, "ingest", "--db", db, "--no-link"]
    subprocess.run([*ingest, "--pipeline", str(config), str(base)], check=True, capture_output=True)
    compared: list[int] = []
    original = index._candidates
    refreshed: list[int] = []
    original_refresh = build.refresh

    def counting(*args: Any, **kwargs: Any) -> list[str]:
        found = original(*args, **kwargs)
        compared.append(len(found))
        return found

    def counting_refresh(store: Store, *args: Any, **kwargs: Any) -> int:
        refreshed.append(len(linking.stale_stories(store)))
        return original_refresh(store, *args, **kwargs)

    with Store(db) as store:
        index.link_pending(store)  # the index of the N stored articles (and the model, loaded once)
        stored = len(linking.pending_ids(store)) == 0
        subprocess.run([*ingest, str(new)], check=True, capture_output=True)
        index._candidates = counting  # type: ignore[assignment]
        build.refresh = counting_refresh  # type: ignore[assignment]
        try:
            start = time.perf_counter()
            linked = index.link_pending(store)
            seconds = time.perf_counter() - start
        finally:
            index._candidates = original  # type: ignore[assignment]
            build.refresh = original_refresh  # type: ignore[assignment]
    return {
        "store_size": size,
        "probe": linked,
        "index_complete": stored,
        "seconds": round(seconds, 3),
        "ms_per_article": round(1000 * seconds / max(linked, 1), 2),
        "candidates_per_article": round(sum(compared) / max(linked, 1), 1),
        "stories_recomputed_per_article": round(sum(refreshed) / max(linked, 1), 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, "links_cost.json", "eval/corpus.py")
    ap.add_argument("--sizes", default="500,1000,5000")
    ap.add_argument("--probe", type=int, default=50, help="new articles linked at each size")
    ap.add_argument("--keep", type=Path, help="write the stores into this folder and keep them")
    args = ap.parse_args(argv)
    exe = find_fogofwar()
    if not exe:
        ap.error("no fogofwar executable")
    rows = []
    with tempfile.TemporaryDirectory(prefix="fogofwar-links-cost-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        config = tokenizer_only(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"store of {size} ...", file=sys.stderr, flush=True)
            rows.append(measure(exe, args.shared.resolve(), size, args.probe, tmp, config))
    result = {"when": now_iso(), "git": git_commit(), "runs": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        md_table(
            [
                "stored articles",
                "new articles",
                "ms per new article",
                "candidates compared per article",
                "stories recomputed per article",
            ],
            [
                [
                    f"{r['store_size']:,}",
                    str(r["probe"]),
                    str(r["ms_per_article"]),
                    str(r["candidates_per_article"]),
                    str(r["stories_recomputed_per_article"]),
                ]
                for r in rows
            ],
        )
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
