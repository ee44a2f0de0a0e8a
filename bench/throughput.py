"""Throughput of ``fogofwar extract`` next to raw spaCy, on the same corpus in the same run.

Why: the figure that matters is fogofwar's articles per second divided by raw spaCy's
(``en_core_web_sm`` over the same texts, ``bench/raw_spacy.py``): the base model's cost is
the floor, and the ratio says what our components, reading and output cost on top of it.
Absolute rates depend on the machine; the ratio, measured in one run on one machine, much less.

    python3 bench/throughput.py                       # sizes 500 and 2000
    python3 bench/throughput.py --sizes 50 --systems raw-spacy
    python3 bench/throughput.py --workers 2           # fogofwar --workers 2, spaCy n_process=2

For each size N the corpus is ``shared/eval/corpus.py --out FILE --n N`` (every dev article,
cycled to N). Each system runs as its own child process, one at a time (2 cores):
  fogofwar    ``fogofwar extract --format jsonl [--workers W] FILE``, standard output to /dev/null;
  raw-spacy   ``PYTHON bench/raw_spacy.py --batch-size B [--n-process W] FILE`` (PYTHON: the
              interpreter of the fogofwar console script, so both use the same spaCy).
Measured per child:
  wall_s           wall-clock seconds from start to exit, INCLUDING interpreter start, imports
                   and model load (so small corpora understate the steady rate);
  articles_per_s   N / wall_s;  chars_per_s  characters of the texts / wall_s;
  user_s, sys_s    CPU seconds of the child and its reaped children (os.wait4);
  peak_rss_kib     ru_maxrss of os.wait4: the peak resident set of the child or of the
                   largest of its reaped children (with --workers > 1, the largest process,
                   not their sum);
  tree_rss_peak_kib  the largest sum of VmRSS over the child and its descendants, sampled from
                   /proc every --sample-interval seconds (shared pages count once per process,
                   so with workers it is an upper bound; 0 disables sampling).
A "startup" measurement runs both commands on a 1-article file, so that
  steady articles/s = (N - 1) / (wall_N - wall_1)
removes the fixed start-up cost; the ratio is reported raw (articles/s ÷ articles/s) and
steady-state. Before measuring, each command runs once unrecorded on the 1-article file to
warm the file cache (--no-warmup to skip). With --repeat R the fastest of R runs is kept.

Then, on the largest corpus, ``bench/component_times.py`` (same interpreter) times the base
spaCy pipeline batched and each of fogofwar's components per Doc, in one process, and a second
table gives each component's seconds, ms per article and cost as a multiple of base spaCy
(--no-components to skip it).

Writes bench/results/throughput.json (--out) and prints a Markdown table. Exit code 1 when a
system could not be run or exited with a code other than 0 or 1.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchlib import (
    BENCH,
    REPO,
    find_fogofwar,
    fmt,
    git_commit,
    interpreter_of,
    md_table,
    now_iso,
)
from benchlib import parser as bench_parser

SYSTEMS = ("fogofwar", "raw-spacy")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_rss_kib(root: int) -> int:
    """Sum of the resident set (KiB) of ``root`` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after "pid (comm) ": state, ppid, ...
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * PAGE_KIB
        except (OSError, IndexError, ValueError):
            continue
    return total


class TreeSampler(threading.Thread):
    """Samples the process tree's total RSS until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss_kib(self.pid))
            self.done.wait(self.interval)


def run_child(argv: list[str], stdout: Path | None, interval: float) -> dict[str, Any]:
    """Run one command as a child process; wall time, exit code and resource use from os.wait4."""
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=REPO)
        except OSError as exc:
            return {"error": f"cannot run {argv[0]}: {exc}"}
        sampler = TreeSampler(proc.pid, interval) if interval > 0 else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        if sampler:
            sampler.done.set()
            sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    result: dict[str, Any] = {
        "wall_s": round(wall, 3),
        "user_s": round(usage.ru_utime, 3),
        "sys_s": round(usage.ru_stime, 3),
        "peak_rss_kib": usage.ru_maxrss,  # KiB on Linux
        "tree_rss_peak_kib": sampler.peak if sampler else None,
        "returncode": proc.returncode,
    }
    if proc.returncode not in (0, 1):
        result["error"] = f"exit code {proc.returncode}: {stderr.strip()[-1500:]}"
    elif stderr.strip():
        result["stderr_tail"] = stderr.strip()[-500:]
    return result


def count(path: Path) -> tuple[int, int]:
    """Articles and characters of text in a JSON Lines corpus."""
    n = chars = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                n += 1
                chars += len(json.loads(line).get("text") or "")
    return n, chars


def build_corpus(shared: Path, out: Path, n: int) -> None:
    """Write an N-article corpus with the shared corpus script (stdlib only, any Python)."""
    subprocess.run(
        [sys.executable, str(shared / "eval" / "corpus.py"), "--out", str(out), "--n", str(n)],
        check=True,
        stderr=subprocess.DEVNULL,
    )


def spacy_python(fogofwar: str | None) -> str:
    """The Python to run raw spaCy with: fogofwar's own, else this one if it has spaCy, else .venv's."""
    if fogofwar and (python := interpreter_of(fogofwar)):
        return python
    if importlib.util.find_spec("spacy") is not None:
        return sys.executable
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.is_file() else sys.executable


class Bench:
    """The commands of the systems under test and how to measure them on one file."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.commands: dict[str, list[str]] = {}
        self.problems: dict[str, str] = {}
        exe = args.fogofwar or find_fogofwar()
        if "fogofwar" in args.systems:
            if args.cmd:
                self.commands["fogofwar"] = shlex.split(args.cmd)
            elif exe:
                self.commands["fogofwar"] = [exe, "extract", "--format", "jsonl"]
            else:
                self.problems["fogofwar"] = (
                    "no fogofwar executable (looked next to this Python, on PATH, .venv)"
                )
            if args.workers and "fogofwar" in self.commands:
                self.commands["fogofwar"] += ["--workers", str(args.workers)]
        if "raw-spacy" in args.systems:
            python = args.python or spacy_python(exe)
            cmd = [python, str(BENCH / "raw_spacy.py"), "--batch-size", str(args.batch_size)]
            self.commands["raw-spacy"] = cmd + (["--n-process", str(args.workers)] if args.workers else [])

    def measure(self, system: str, path: Path, n: int, chars: int, tmp: Path) -> dict[str, Any]:
        """The best (fastest) of --repeat runs of one system on one file, with rates."""
        if system in self.problems:
            return {"error": self.problems[system]}
        best: dict[str, Any] | None = None
        for _ in range(self.args.repeat):
            stdout = tmp / "raw_spacy.json" if system == "raw-spacy" else None
            result = run_child([*self.commands[system], str(path)], stdout, self.args.sample_interval)
            if "error" in result:
                return result
            if stdout is not None:
                with contextlib.suppress(ValueError):  # the report is extra information
                    result["report"] = json.loads(stdout.read_text(encoding="utf-8"))
            if best is None or result["wall_s"] < best["wall_s"]:
                best = result
        assert best is not None
        wall = best["wall_s"] or 1e-9
        best["articles_per_s"] = round(n / wall, 3)
        best["chars_per_s"] = round(chars / wall, 1)
        return best


def steady(n: int, chars: int, run: dict[str, Any], startup: dict[str, Any], one_chars: int) -> None:
    """Add steady-state rates: the work beyond the 1-article run over the time beyond it."""
    if "error" in run or "error" in startup:
        return
    extra = run["wall_s"] - startup["wall_s"]
    if n > 1 and extra > 0:
        run["steady_articles_per_s"] = round((n - 1) / extra, 3)
        run["steady_chars_per_s"] = round((chars - one_chars) / extra, 1)


def ratio(a: dict[str, Any] | None, b: dict[str, Any] | None, key: str) -> float | None:
    """a[key] / b[key] (fogofwar's rate over raw spaCy's), None when either is missing."""
    if not a or not b or a.get(key) is None or not b.get(key):
        return None
    return round(float(a[key]) / float(b[key]), 4)


def table(result: dict[str, Any]) -> str:
    """The Markdown table: one row per corpus size (the startup run first)."""
    rows = []
    # With workers, the largest single process understates memory: show the sampled tree sum.
    tree = (result.get("workers") or 1) > 1
    rss_key, rss_label = ("tree_rss_peak_kib", "tree peak MiB") if tree else ("peak_rss_kib", "peak MiB")
    for entry in [result["startup"], *result["sizes"]]:
        fog, raw = entry.get("fogofwar"), entry.get("raw-spacy")

        def get(run: dict[str, Any] | None, key: str) -> Any:
            if run is None:
                return None
            return "error" if "error" in run else run.get(key)

        def mib(run: dict[str, Any] | None) -> str:
            value = get(run, rss_key)
            return value if isinstance(value, str) else fmt(value / 1024 if value else None, 0)

        label = f"{entry['articles']} (startup)" if entry is result["startup"] else str(entry["articles"])
        rows.append(
            [
                label,
                f"{entry['chars']:,}",
                fmt(get(fog, "wall_s"), 2),
                fmt(get(raw, "wall_s"), 2),
                fmt(get(fog, "articles_per_s"), 2),
                fmt(get(raw, "articles_per_s"), 2),
                fmt(get(fog, "steady_articles_per_s"), 2),
                fmt(get(raw, "steady_articles_per_s"), 2),
                fmt(entry.get("ratio"), 3),
                fmt(entry.get("ratio_steady"), 3),
                mib(fog),
                mib(raw),
            ]
        )
    header = [
        "articles",
        "chars",
        "fogofwar s",
        "spaCy s",
        "fogofwar art/s",
        "spaCy art/s",
        "fogofwar steady art/s",
        "spaCy steady art/s",
        "ratio",
        "steady ratio",
        f"fogofwar {rss_label}",
        f"spaCy {rss_label}",
    ]
    return md_table(header, rows)


def component_table(result: dict[str, Any]) -> str:
    """Per component: seconds, ms per article, and its cost as a share of the base spaCy pipeline."""
    got = result.get("components")
    if not got or "error" in got:
        return f"components: {got.get('error') if got else 'not measured'}"
    n, base = got["articles"], got["base_s"]
    rows = [["spaCy base pipeline (batched)", fmt(base, 2), fmt(1000 * base / n, 1), "1.000"]]
    for name, seconds in got["components"].items():
        rows.append([name, fmt(seconds, 2), fmt(1000 * seconds / n, 1), fmt(seconds / base, 3)])
    ours = sum(got["components"].values())
    rows.append(["all fogofwar components", fmt(ours, 2), fmt(1000 * ours / n, 1), fmt(ours / base, 3)])
    caption = f"components on {n:,} articles ({got['chars']:,} characters, {got['pieces']:,} pieces)"
    return caption + "\n\n" + md_table(["component", "s", "ms/article", "x base spaCy"], rows)


def measure_components(python: str, path: Path) -> dict[str, Any]:
    """bench/component_times.py on `path`, run with fogofwar's interpreter."""
    got = subprocess.run(
        [python, str(BENCH / "component_times.py"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if got.returncode != 0:
        return {"error": got.stderr.strip()[-800:]}
    result: dict[str, Any] = json.loads(got.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, "throughput.json", "eval/corpus.py")
    ap.add_argument("--sizes", default="500,2000", help="comma list of corpus sizes (articles)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma list of {', '.join(SYSTEMS)}")
    ap.add_argument(
        "--workers", type=int, help="fogofwar --workers N and spaCy n_process=N (default: neither)"
    )
    ap.add_argument(
        "--batch-size", type=int, default=32, help="raw spaCy's batch size (fogofwar's default 32)"
    )
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is kept")
    ap.add_argument(
        "--no-components",
        dest="components",
        action="store_false",
        help="skip the per-component timing (bench/component_times.py) on the largest corpus",
    )
    ap.add_argument("--no-warmup", dest="warmup", action="store_false", help="skip the unrecorded warm-up")
    ap.add_argument("--sample-interval", type=float, default=0.2, help="seconds between /proc RSS samples")
    ap.add_argument("--python", help="the Python for raw spaCy (default: fogofwar's interpreter)")
    ap.add_argument("--corpus-dir", type=Path, help="keep the corpora here (default: a temporary folder)")
    args = ap.parse_args(argv)
    if args.table_from:
        earlier = json.loads(args.table_from.read_text(encoding="utf-8"))
        print(table(earlier))
        if "components" in earlier:
            print()
            print(component_table(earlier))
        return 0
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    if unknown := [s for s in args.systems if s not in SYSTEMS]:
        ap.error(f"unknown system(s) {', '.join(unknown)}; known: {', '.join(SYSTEMS)}")
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or sizes[0] < 2 or args.repeat < 1:
        ap.error("--sizes must be integers >= 2 and --repeat >= 1")
    shared = args.shared.resolve()
    bench = Bench(args)

    result: dict[str, Any] = {
        "when": now_iso(),
        "git": git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "workers": args.workers,
        "batch_size": args.batch_size,
        "repeat": args.repeat,
        "commands": {s: shlex.join(c) + " FILE" for s, c in bench.commands.items()},
        "problems": bench.problems,
        "startup": {},
        "sizes": [],
    }
    failed = bool(bench.problems)
    with tempfile.TemporaryDirectory(prefix="fogofwar-throughput-") as tmpdir:
        tmp = Path(tmpdir)
        corpora = args.corpus_dir or tmp
        corpora.mkdir(parents=True, exist_ok=True)
        one = corpora / "corpus-1.jsonl"
        build_corpus(shared, one, 1)
        _, one_chars = count(one)
        if args.warmup:
            for system in args.systems:
                print(f"warm-up: {system}", file=sys.stderr, flush=True)
                bench.measure(system, one, 1, one_chars, tmp)
        entries = [(1, one, one_chars)]
        for n in sizes:
            path = corpora / f"corpus-{n}.jsonl"
            build_corpus(shared, path, n)
            entries.append((n, path, count(path)[1]))
        for n, path, chars in entries:
            entry: dict[str, Any] = {"articles": n, "chars": chars}
            for system in args.systems:
                print(f"{n} articles: {system} ...", file=sys.stderr, flush=True)
                entry[system] = run = bench.measure(system, path, n, chars, tmp)
                if "error" in run:
                    failed = True
                    print(f"  {system}: {run['error'][:300]}", file=sys.stderr)
                else:
                    print(f"  {run['wall_s']:.2f} s, {run['articles_per_s']:.2f} art/s", file=sys.stderr)
                if n > 1:
                    steady(n, chars, run, result["startup"].get(system, {"error": "none"}), one_chars)
            entry["ratio"] = ratio(entry.get("fogofwar"), entry.get("raw-spacy"), "articles_per_s")
            if n == 1:
                result["startup"] = entry
            else:
                entry["ratio_steady"] = ratio(
                    entry.get("fogofwar"), entry.get("raw-spacy"), "steady_articles_per_s"
                )
                result["sizes"].append(entry)
        if args.components and "fogofwar" in args.systems and entries[1:]:
            n, path, _ = entries[-1]
            print(f"{n} articles: components ...", file=sys.stderr, flush=True)
            python = spacy_python(args.fogofwar or find_fogofwar())
            result["components"] = measure_components(python, path)
            failed |= "error" in result["components"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    print(table(result))
    if "components" in result:
        print()
        print(component_table(result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
