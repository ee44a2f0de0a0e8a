"""Run every accuracy scorer on every dev set, for fogofwar and the baselines, in one run.

Why: one number out of context says little. This script scores fogofwar and the reference
baselines (today the empty floor, ``bench/baselines/empty.py``) on the same sets with the same
scorers in the same run, writes everything to one JSON file and prints the headline metrics
side by side, so that a change shows as a row that moved and a part that does not beat the
floor is obvious.

    python3 bench/accuracy.py                               # everything (can take a while)
    python3 bench/accuracy.py --limit 20                    # first 20 articles of each set
    python3 bench/accuracy.py --areas places,times --systems fogofwar
    python3 bench/accuracy.py --cmd "fogofwar extract --format jsonl --pipeline my.cfg"
    python3 bench/accuracy.py --table-from bench/results/accuracy.json   # only print the table

The scorers and sets are the ones in shared/ (``../shared`` from the repo root; ``--shared``):
every ``eval/AREA.py`` that has data folders ``data/AREA/SET/`` holding ``articles.jsonl(.gz)``.
Each scorer is run as ``python3 eval/AREA.py --set SET --cmd COMMAND [--limit N]`` from the
repo root; it appends its temporary input file to COMMAND and prints one JSON object of
metrics, which is stored as is under ``runs[].metrics``.

Systems:
  fogofwar        ``fogofwar extract --format jsonl`` (the console script next to this Python,
                  else on PATH, else in the repo's .venv; ``--fogofwar EXE`` / ``--cmd CMD``).
                  Area ``links`` needs a store: ``bench/fogofwar_links.py`` ingests the file
                  into a fresh one and prints ``fogofwar links --format json`` (``--links-cmd``).
                  While fogofwar has no ``links`` (or ``ingest``) command, that area is
                  recorded as ``{"not_implemented": ...}``, which is not a failure.
  baseline-empty  ``bench/baselines/empty.py`` (``--links`` for area links): finds nothing.
  reference       each area's reference line, the tool most users would reach for without
                  fogofwar: ``bench/baselines/AREA_NAME.py`` (e.g. ``times_dateparser.py``), called
                  like empty.py (the articles file appended; for links it prints one links object).
                  An area with no such file shows "no reference".

A scorer that fails (or a system that cannot be run) is recorded as ``{"error": ...}`` and the
run goes on; the exit code is then 1. Sets run one after the other (the machine has 2 cores).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchlib import BENCH, REPO, find_fogofwar, fmt, git_commit, md_table, now_iso, tail
from benchlib import parser as bench_parser

AREA_ORDER = ("places", "times", "figures", "claims", "events", "links")
SYSTEMS = ("fogofwar", "reference", "baseline-empty")

# Headline metrics per area, in display order; a set shows those its scorer reports (the places
# set cir and the events set plover have their own). Dotted names reach into nested objects.
HEADLINES: dict[str, tuple[str, ...]] = {
    "places": ("rec_f1", "acc161", "acc25", "admin1_acc"),
    "times": ("strict_f1", "relaxed_f1", "value_f1"),
    "figures": ("num_value_acc", "value_f1", "span_f1", "fully_right"),
    "claims": ("detect_f1",),
    "events": ("type_acc", "date_acc", "cat_acc"),
    "links": ("dup_f1", "story_bcubed_f1"),
}


@dataclass
class System:
    """How to run one system: its command per kind of scorer, or why it cannot run."""

    name: str
    extract_cmd: str | None  # appended with the articles file; prints fogofwar.record/1 lines
    links_cmd: str | None  # appended with the articles file; prints one fogofwar.links/1 object
    extract_problem: str | None = None  # {"error": ...} when extract_cmd is None
    links_problem: dict[str, str] | None = None  # {"error": ...} or {"not_implemented": ...}
    by_area: dict[str, str] | None = None  # a command per area (the reference lines), else None

    def command(self, area: str) -> tuple[str | None, dict[str, str] | None]:
        """The command for a scorer of `area`, or None with the problem to record instead."""
        if self.by_area is not None:
            cmd = self.by_area.get(area)
            return cmd, None if cmd else {"not_implemented": f"no bench/baselines/{area}_*.py"}
        if area == "links":
            return self.links_cmd, self.links_problem
        return self.extract_cmd, {"error": self.extract_problem or "no command"}


def reference_commands(py: str) -> dict[str, str]:
    """The reference line of each area: bench/baselines/AREA_NAME.py (the first, by name)."""
    found: dict[str, str] = {}
    for script in sorted((BENCH / "baselines").glob("*_*.py")):
        area = script.name.split("_", 1)[0]
        if area in AREA_ORDER:
            found.setdefault(area, f"{py} {shlex.quote(str(script))}")
    return found


def discover(shared: Path, areas: list[str] | None, sets: list[str] | None) -> list[tuple[str, str]]:
    """(area, set) pairs with a scorer and an articles file, areas in the README's order."""
    found = {
        (p.parent.parent.name, p.parent.name)
        for p in (shared / "data").glob("*/*/articles.jsonl*")
        if p.name in ("articles.jsonl", "articles.jsonl.gz")
        and (shared / "eval" / f"{p.parent.parent.name}.py").is_file()
    }
    rank = {area: i for i, area in enumerate(AREA_ORDER)}
    return sorted(
        (
            (area, set_name)
            for area, set_name in found
            if (not areas or area in areas) and (not sets or set_name in sets)
        ),
        key=lambda pair: (rank.get(pair[0], len(rank)), pair),
    )


def has_commands(exe: str, commands: list[str]) -> str | None:
    """None when ``exe COMMAND --help`` succeeds for every command, else the first one missing."""
    for command in commands:
        try:
            proc = subprocess.run([exe, command, "--help"], capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired):
            return command
        if proc.returncode != 0:
            return command
    return None


def make_systems(args: argparse.Namespace) -> list[System]:
    """The systems asked for with --systems, their commands resolved."""
    py = shlex.quote(sys.executable)
    out = []
    for name in args.systems:
        if name == "reference":
            out.append(System(name, None, None, by_area=reference_commands(py)))
            continue
        if name == "baseline-empty":
            empty = f"{py} {shlex.quote(str(BENCH / 'baselines' / 'empty.py'))}"
            out.append(System(name, empty, f"{empty} --links"))
            continue
        # fogofwar
        exe = args.fogofwar or find_fogofwar()
        missing = "no fogofwar executable (looked next to this Python, on PATH and in .venv/bin)"
        system = System(name, args.cmd, args.links_cmd)
        if system.extract_cmd is None:
            if exe:
                system.extract_cmd = f"{shlex.quote(exe)} extract --format jsonl"
            else:
                system.extract_problem = missing
        if system.links_cmd is None:
            if not exe:
                system.links_problem = {"error": missing}
            elif lacking := has_commands(exe, ["ingest", "links"]):
                why = f"fogofwar has no `{lacking}` command yet ({exe} {lacking} --help failed)"
                system.links_problem = {"not_implemented": why}
            else:
                wrapper = shlex.quote(str(BENCH / "fogofwar_links.py"))
                system.links_cmd = f"{py} {wrapper} --fogofwar {shlex.quote(exe)}"
        out.append(system)
    return out


def run_scorer(
    shared: Path, area: str, set_name: str, cmd: str, limit: int | None, timeout: float | None
) -> dict[str, Any]:
    """Run one scorer on one set with one command; its metrics, or {"error": ...}."""
    argv = [sys.executable, str(shared / "eval" / f"{area}.py"), "--set", set_name, "--cmd", cmd]
    if limit:
        argv += ["--limit", str(limit)]
    try:
        proc = subprocess.run(
            argv,
            cwd=REPO,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"scorer timed out after {timeout} s"}
    except OSError as exc:
        return {"error": f"cannot run the scorer: {exc}"}
    if proc.returncode != 0:
        return {"error": f"scorer exit code {proc.returncode}: {tail(proc.stderr, 2000)}"}
    try:
        metrics = json.loads(proc.stdout)
    except ValueError:
        return {"error": f"scorer printed no JSON object: {tail(proc.stdout, 500)} {tail(proc.stderr, 1500)}"}
    if not isinstance(metrics, dict):
        return {"error": "scorer printed JSON that is not an object"}
    if proc.stderr.strip():
        metrics["_stderr"] = tail(proc.stderr)  # the scorers' warnings (exit code 1, skipped lines...)
    return metrics


_ABSENT = object()


def get_path(metrics: dict[str, Any], key: str, default: Any = None) -> Any:
    """metrics[key], where a dotted key reaches into nested objects; `default` when absent."""
    value: Any = metrics
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return default
        value = value[part]
    return value


def has_path(metrics: dict[str, Any], key: str) -> bool:
    return get_path(metrics, key, _ABSENT) is not _ABSENT


def cell(metrics: dict[str, Any] | None, keys: list[str]) -> str:
    """One system's headline values for one set, joined with " / ", with contract warnings."""
    if metrics is None:
        return "not run"
    if "error" in metrics:
        return "error"
    if "not_implemented" in metrics:
        return "no reference" if "baselines" in str(metrics["not_implemented"]) else "not yet implemented"
    text = " / ".join(fmt(get_path(metrics, k)) for k in keys) if keys else "—"
    warnings = [f"{k} {metrics[k]}" for k in ("missing_records", "bad_spans") if metrics.get(k)]
    return text + (f" ({', '.join(warnings)}!)" if warnings else "")


def table(runs: list[dict[str, Any]]) -> str:
    """The Markdown table: one row per area/set, one column per system."""
    systems: list[str] = []
    pairs: list[tuple[str, str]] = []
    by_key: dict[tuple[str, str, str], dict[str, Any]] = {}
    for run in runs:
        if run["system"] not in systems:
            systems.append(run["system"])
        if (run["area"], run["set"]) not in pairs:
            pairs.append((run["area"], run["set"]))
        by_key[(run["area"], run["set"], run["system"])] = run["metrics"]
    rows = []
    for area, set_name in pairs:
        found = [by_key.get((area, set_name, s)) for s in systems]
        ok = [m for m in found if m and "error" not in m and "not_implemented" not in m]
        keys = [k for k in HEADLINES.get(area, ()) if any(has_path(m, k) for m in ok)]
        articles = next((m.get("articles") for m in ok if m.get("articles") is not None), None)
        rows.append(
            [area, set_name, fmt(articles), " / ".join(keys) or "—"]
            + [cell(by_key.get((area, set_name, s)), keys) for s in systems]
        )
    return md_table(["area", "set", "articles", "metrics", *systems], rows)


def split_list(text: str | None) -> list[str] | None:
    return [x.strip() for x in text.split(",") if x.strip()] if text else None


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, "accuracy.json", "eval/, data/")
    ap.add_argument("--areas", help="comma list of areas (default: all with a scorer and data)")
    ap.add_argument("--sets", help="comma list of set names (default: all)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma list of {', '.join(SYSTEMS)}")
    ap.add_argument("--limit", type=int, help="passed to the scorers: score the first N articles of each set")
    ap.add_argument("--links-cmd", help="fogofwar's links command (default: bench/fogofwar_links.py)")
    ap.add_argument("--timeout", type=float, help="seconds one scorer run may take (default: no limit)")
    args = ap.parse_args(argv)

    if args.table_from:
        print(table(json.loads(args.table_from.read_text(encoding="utf-8"))["runs"]))
        return 0
    args.systems = split_list(args.systems) or []
    unknown = [s for s in args.systems if s not in SYSTEMS]
    if unknown:
        ap.error(f"unknown system(s) {', '.join(unknown)}; known: {', '.join(SYSTEMS)}")
    shared = args.shared.resolve()
    if not (shared / "eval").is_dir():
        ap.error(f"{shared}: no eval/ folder (give --shared DIR)")
    pairs = discover(shared, split_list(args.areas), split_list(args.sets))
    if not pairs:
        ap.error(f"no scorer/data set matches under {shared}")
    systems = make_systems(args)

    summary: dict[str, Any] = {"when": now_iso(), "git": git_commit(), "limit": args.limit, "runs": []}
    summary["systems"] = {
        s.name: s.by_area or {"extract": s.extract_cmd, "links": s.links_cmd} for s in systems
    }
    failed = 0
    total = len(pairs) * len(systems)
    for i, ((area, set_name), system) in enumerate(((p, s) for p in pairs for s in systems), 1):
        cmd, problem = system.command(area)
        start = time.perf_counter()
        if cmd is None:
            metrics: dict[str, Any] = dict(problem or {"error": "no command"})
        else:
            print(f"[{i}/{total}] {area}/{set_name} {system.name} ...", file=sys.stderr, flush=True)
            metrics = run_scorer(shared, area, set_name, cmd, args.limit, args.timeout)
        seconds = round(time.perf_counter() - start, 2)
        if "error" in metrics:
            failed += 1
            print(f"  {area}/{set_name} {system.name}: {metrics['error'][:300]}", file=sys.stderr)
        summary["runs"].append(
            {"area": area, "set": set_name, "system": system.name, "metrics": metrics, "seconds": seconds}
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}" + (f"; {failed} run(s) failed" if failed else ""), file=sys.stderr)
    print(table(summary["runs"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
