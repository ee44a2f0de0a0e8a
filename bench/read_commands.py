"""How long the commands that only read take, start-up included, on the demo store.

Why: a command that only reads the store (``--version``, ``articles``, ``show``, ``export``)
must not pay for the NLP stack (spaCy, thinc, torch: seconds to import) that only annotating
needs. Targets: ``fogofwar --version`` under 0.3 s, the others under 1 s.

    python3 bench/read_commands.py                   # a new demo store, 5 runs per command
    python3 bench/read_commands.py --db demo.db --runs 10

Without --db the bundled examples are ingested into a new SQLite store first (``fogofwar demo``,
not timed). Each command then runs --runs times as its own child process, one at a time, its
output thrown away; the wall time of each run is measured from start to exit, and its CPU time
(user + system, from getrusage of the children): on a busy machine the wall time grows with the
load, the CPU time says what the command itself costs. Writes bench/results/read_commands.json
(--out) and prints a Markdown table of min / median / max wall seconds and the median CPU seconds
per command. Exit code 1 when a command fails.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import fmt, fogofwar_or_exit, git_commit, md_table, now_iso, parser, printed_earlier

# (name, arguments after the executable, target in seconds); {id} is the store's newest article.
COMMANDS = [
    ("--version", ["--version"], 0.3),
    ("articles --limit 1", ["articles", "--limit", "1"], 1.0),
    ("show ID", ["show", "{id}"], 1.0),
    ("export --format jsonl", ["export", "--format", "jsonl"], 1.0),
]


def newest_id(exe: str, db: str) -> str:
    listed = subprocess.run(
        [exe, "articles", "--db", db, "--limit", "1", "--format", "jsonl"],
        check=True,
        capture_output=True,
        text=True,
    )
    return str(json.loads(listed.stdout.splitlines()[0])["id"])


def time_command(exe: str, args: list[str], db: str, runs: int) -> dict[str, Any]:
    """Wall seconds of each run; `--db` goes to every command but --version."""
    argv = [exe, *args] + ([] if args == ["--version"] else ["--db", db])
    seconds: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode:
            return {"argv": argv[1:], "error": done.stderr.strip()[-500:] or f"exit {done.returncode}"}
    return {
        "argv": argv[1:],
        "seconds": [round(s, 3) for s in seconds],
        "min_s": round(min(seconds), 3),
        "median_s": round(statistics.median(seconds), 3),
        "max_s": round(max(seconds), 3),
        "cpu_s": [round(s, 3) for s in cpu],
        "median_cpu_s": round(statistics.median(cpu), 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, "read_commands.json", "unused")
    ap.add_argument("--db", help="a filled store (SQLite path or URL) instead of a new demo store")
    ap.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    args = ap.parse_args(argv)
    if printed_earlier(args, table):
        return 0
    exe = fogofwar_or_exit(args)
    with tempfile.TemporaryDirectory(prefix="fogofwar-read-") as tmp:
        db = args.db or str(Path(tmp) / "demo.db")
        if args.db is None:
            subprocess.run([exe, "demo", "--db", db], check=True, stdout=subprocess.DEVNULL)
        article = newest_id(exe, db)
        results: dict[str, dict[str, Any]] = {}
        for name, command, target in COMMANDS:
            run = time_command(exe, [a.replace("{id}", article) for a in command], db, args.runs)
            results[name] = {**run, "target_s": target}
    load = os.getloadavg()[0]
    summary = {
        "when": now_iso(),
        "git": git_commit(),
        "runs": args.runs,
        "load": round(load, 1),
        "commands": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(table(summary))
    return 1 if any("error" in r for r in results.values()) else 0


def table(summary: dict[str, Any]) -> str:
    rows = []
    for name, run in summary["commands"].items():
        if "error" in run:
            rows.append([name, "—", "—", "—", "—", fmt(run["target_s"], 1), run["error"]])
            continue
        met = "yes" if run["median_s"] < run["target_s"] else "no"
        rows.append(
            [
                name,
                fmt(run["min_s"], 2),
                fmt(run["median_s"], 2),
                fmt(run["max_s"], 2),
                fmt(run["median_cpu_s"], 2),
                fmt(run["target_s"], 1),
                met,
            ]
        )
    header = ["command", "min s", "median s", "max s", "median CPU s", "target s", "median under target"]
    head = f"{summary['runs']} runs per command, commit {summary['git']}, load average {summary.get('load')}"
    return head + "\n\n" + md_table(header, rows)


if __name__ == "__main__":
    sys.exit(main())
