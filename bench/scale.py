"""Scale of ``fogofwar ingest`` into PostgreSQL: one process vs ``--dask local:N``, by corpus size.

    python3 bench/scale.py                                  # sizes 500,2000,5000; single, local:2
    python3 bench/scale.py --sizes 500,2000 --modes single,local:2
    python3 bench/scale.py --sizes 2000 --modes single,single+link       # linking's cost at ingest
    python3 bench/scale.py --pg 'postgresql://user@host/postgres'   # an existing server
    python3 bench/scale.py --table-from bench/results/scale.json

Why: a backfill of millions of articles must cost the same per article at any size (no
hidden growth), keep each process's memory flat, and go faster with more workers. For each
size N the corpus is ``shared/eval/corpus.py --out FILE --n N``. That script cycles its ~1,000
distinct articles to reach N; a copy's text gets its copy number appended ("(copy 2)"), since
ingest stores a text once and would otherwise annotate only the first ~1,000 (--keep-copies
to measure that instead).

Each mode runs ``fogofwar ingest FILE --db URL --no-link [--dask MODE]`` as a child process into a new,
empty database on the same server, one run at a time (2 cores); mode ``single+link`` is one
process without ``--no-link``, so that linking on vs off is one ratio. Without --pg a throwaway
server is started from PostgreSQL's binaries with its default durability (fsync on, every
commit synced): the write rate is that of a real server, not of a test one.

Figures per run (JSON: all of them; table: the main ones):
  wall_s            the child's wall-clock time, INCLUDING start-up (imports, model load and,
                    with --dask, the LocalCluster's start);
  art_per_s         N / wall_s; per_worker = art_per_s / workers (1 for single);
  cpu_s             user + system CPU seconds of the child and every process it reaped (the
                    Dask workers included): cost_ms = 1000 * cpu_s / N, the cost per article;
  worker_ms         1000 * wall_s * workers / N: worker-time per article, what a cluster bills;
  peak_mib          the peak resident set (VmHWM, sampled from /proc) of each process of the
                    run: the client, and for Dask the largest nanny and the largest worker;
  stored            from the run's summary line (must equal the distinct articles of N).
And once, after the largest single-process run: the store's write rate with no NLP
(``bench/store_rate.py``: the stored records saved again into an empty database by one writer).

Writes bench/results/scale.json (--out) and prints a Markdown table.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchlib import (
    BENCH,
    REPO,
    fmt,
    fogofwar_or_exit,
    git_commit,
    interpreter_of,
    md_table,
    now_iso,
    printed_earlier,
)
from benchlib import parser as bench_parser

SUMMARY = re.compile(r"(\d+) articles read: (\d+) stored, (\d+) already stored, (\d+) failed")


def descendants(root: int) -> dict[int, int]:
    """pid -> depth below `root` (root itself at 0), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    stat = fh.read().decode("ascii", "replace")
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            if len(fields) > 1:
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    depth, todo = {root: 0}, [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, ()):
            depth[child] = depth[pid] + 1
            todo.append(child)
    return depth


def hwm_kib(pid: int) -> tuple[int, str] | None:
    """(peak resident set in KiB, command line) of a live process."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            hwm = next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except (OSError, ValueError):
        return None
    return hwm, cmd


class Sampler(threading.Thread):
    """Every process of the run: its depth, command and the largest VmHWM seen (a peak only grows)."""

    def __init__(self, root: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.seen: dict[int, dict[str, Any]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for pid, depth in descendants(self.root).items():
                got = hwm_kib(pid)
                if got:
                    entry = self.seen.setdefault(pid, {"depth": depth, "cmd": got[1][:160], "hwm_kib": 0})
                    entry["hwm_kib"] = max(entry["hwm_kib"], got[0])
            self.done.wait(self.interval)


def role(entry: dict[str, Any]) -> str:
    """client, worker or helper, from where a process sits in the tree and what it runs. (A
    LocalCluster's nannies and scheduler run inside the client process; each worker is a
    child of it.)"""
    if entry["depth"] == 0:
        return "client"
    return "helper" if "resource_tracker" in entry["cmd"] else "worker"


def run_ingest(argv: list[str], interval: float) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, cwd=REPO
        )
        sampler = Sampler(proc.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    peaks: dict[str, int] = {}
    for entry in sampler.seen.values():
        name = role(entry)
        peaks[name] = max(peaks.get(name, 0), entry["hwm_kib"])
    result: dict[str, Any] = {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "returncode": proc.returncode,
        # The machine is shared: the 1-minute load average before and after says how much of
        # the 2 cores the run had (wall time stretches with it; CPU ms/article much less).
        "load": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "peak_mib": {k: round(v / 1024) for k, v in sorted(peaks.items())},
        "processes": sorted(sampler.seen.values(), key=lambda e: (e["depth"], e["cmd"])),
    }
    summary = SUMMARY.search(stderr)
    if summary:
        result.update(zip(("read", "stored", "already", "failed"), map(int, summary.groups()), strict=True))
    if proc.returncode != 0 or not summary:
        result["error"] = stderr.strip()[-1500:]
    return result


def build_corpus(shared: Path, out: Path, n: int, keep_copies: bool) -> tuple[int, int]:
    """The corpus file; (articles, characters). Copies made distinct unless keep_copies."""
    raw = out.with_suffix(".raw.jsonl")
    subprocess.run(
        [sys.executable, str(shared / "eval" / "corpus.py"), "--out", str(raw), "--n", str(n)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    articles = chars = 0
    with raw.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            row = json.loads(line)
            copy = re.search(r"#(\d+)$", row["id"])
            if copy and not keep_copies:
                row["text"] += f"\n\n(copy {copy.group(1)})"
            articles += 1
            chars += len(row["text"])
            dst.write(json.dumps(row, ensure_ascii=False) + "\n")
    raw.unlink()
    return articles, chars


@contextmanager
def throwaway_server(tmp: Path) -> Any:
    """A PostgreSQL server on a unix socket in `tmp`, with default durability; yields its admin URL."""
    bins = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()],
    )
    if not bins or not (bins[-1] / "initdb").exists():
        raise SystemExit("scale.py: no PostgreSQL server binaries (apt-get install postgresql), and no --pg")
    pg_bin, folder = bins[-1], tmp / "pg"
    folder.mkdir()
    as_pg: list[str] = []
    if os.getuid() == 0:  # initdb refuses to run as root
        shutil.chown(folder, "postgres")
        shutil.chown(tmp, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    run = lambda *a: subprocess.run([*as_pg, *a], check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    run(str(pg_bin / "initdb"), "-D", str(folder / "data"), "-U", "fogofwar", "-A", "trust")
    port = "54399"
    run(
        str(pg_bin / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
        "-o", f"-k {folder} -c listen_addresses='' -p {port}", "start",
    )  # fmt: skip
    try:
        yield f"postgresql://fogofwar@/postgres?host={quote(str(folder))}&port={port}"
    finally:
        run(str(pg_bin / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "stop")


def new_database(python: str, admin: str, name: str) -> str:
    """CREATE DATABASE through fogofwar's own Python (SQLAlchemy); the new database's URL."""
    code = (
        "import sys; from sqlalchemy import create_engine, text; from fogofwar.store import resolve_url\n"
        "e = create_engine(resolve_url(sys.argv[1]), isolation_level='AUTOCOMMIT')\n"
        "with e.connect() as c: c.execute(text(f'CREATE DATABASE \"{sys.argv[2]}\"'))\n"
    )
    subprocess.run([python, "-c", code, admin, name], check=True)
    head, _, query = admin.partition("?")
    return f"{head.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def workers_of(mode: str) -> int:
    return int(mode.split(":", 1)[1]) if mode.startswith("local:") else 1


def derive(run: dict[str, Any], n: int, mode: str) -> None:
    if "error" in run:
        return
    w = workers_of(mode)
    run["workers"] = w
    run["art_per_s"] = round(n / run["wall_s"], 2)
    run["per_worker_art_per_s"] = round(n / run["wall_s"] / w, 2)
    run["cost_ms"] = round(1000 * run["cpu_s"] / n, 1)
    run["worker_ms"] = round(1000 * run["wall_s"] * w / n, 1)


def table(result: dict[str, Any]) -> str:
    header = [
        "articles", "mode", "wall s", "art/s", "per worker art/s", "CPU ms/article", "worker ms/article",
        "peak MiB client / worker", "load", "speed-up",
    ]  # fmt: skip
    rows = []
    for size in result["sizes"]:
        single = size["runs"].get("single", {})
        for mode, run in size["runs"].items():
            if "error" in run:
                rows.append([size["n"], mode, "error", "", "", "", "", "", "", ""])
                continue
            peaks = run["peak_mib"]
            mib = " / ".join(str(peaks[k]) if k in peaks else "—" for k in ("client", "worker"))
            speedup = run["art_per_s"] / single["art_per_s"] if single.get("art_per_s") else None
            rows.append(
                [
                    f"{size['n']:,}", mode, fmt(run["wall_s"], 1), fmt(run["art_per_s"], 2),
                    fmt(run["per_worker_art_per_s"], 2), fmt(run["cost_ms"], 1), fmt(run["worker_ms"], 1),
                    mib, "–".join(str(x) for x in run.get("load", [])), fmt(speedup, 2),
                ]
            )  # fmt: skip
    text = md_table(header, rows)
    if rate := result.get("store_rate"):
        text += (
            f"\n\nStore write rate, one writer, no NLP: {rate.get('per_s')} records/s "
            f"({rate.get('records')} records)"
        )
    return text


def save(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = bench_parser(__doc__, "scale.json", "for eval/corpus.py")
    ap.add_argument("--sizes", default="500,2000,5000", help="corpus sizes, comma-separated")
    ap.add_argument(
        "--modes", default="single,local:2", help="single, single+link and/or local:N, comma-separated"
    )
    ap.add_argument(
        "--pg", help="admin URL of a PostgreSQL server to create databases on (default: start one)"
    )
    ap.add_argument("--keep-copies", action="store_true", help="leave the corpus's cycled copies identical")
    ap.add_argument("--sample-interval", type=float, default=0.5, help="seconds between /proc samples")
    args = ap.parse_args(argv)
    if printed_earlier(args, table):
        return 0
    exe = fogofwar_or_exit(args)
    python = interpreter_of(exe) or sys.executable
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    result: dict[str, Any] = {
        "when": now_iso(), "git": git_commit(), "modes": modes, "keep_copies": args.keep_copies,
        "cpus": os.cpu_count(), "sizes": [],
    }  # fmt: skip
    status = 0
    with tempfile.TemporaryDirectory(prefix="fogofwar-scale-") as tmp_name:
        tmp = Path(tmp_name)
        server = throwaway_server(tmp) if not args.pg else None
        admin = server.__enter__() if server else args.pg
        try:
            result["postgres"] = "throwaway server, default durability (fsync on)" if server else "--pg"
            last_single: str | None = None
            for n in sizes:
                corpus = tmp / f"corpus-{n}.jsonl"
                count, chars = build_corpus(args.shared.resolve(), corpus, n, args.keep_copies)
                size: dict[str, Any] = {"n": count, "chars": chars, "runs": {}}
                for mode in modes:
                    name = f"scale_{n}_{mode.replace(':', '_')}_{os.getpid()}"
                    url = new_database(python, admin, name)
                    # --no-link but in mode single+link: the ingest path alone, and with the
                    # linking pass that ingest runs by default, to compare the two.
                    argv = [exe, "ingest", str(corpus), "--db", url]
                    if mode != "single+link":
                        argv.append("--no-link")
                    if mode.startswith("local:"):
                        argv += ["--dask", mode]
                    print(f"{n} articles, {mode} ...", file=sys.stderr, flush=True)
                    run = run_ingest(argv, args.sample_interval)
                    derive(run, count, mode)
                    size["runs"][mode] = run
                    status |= "error" in run
                    print(
                        f"  {json.dumps({k: v for k, v in run.items() if k != 'processes'})}", file=sys.stderr
                    )
                    save(
                        args.out, {**result, "sizes": [*result["sizes"], size]}
                    )  # a run cut short keeps these
                    if mode == "single" and "error" not in run:
                        last_single = url
                result["sizes"].append(size)
            if last_single:
                target = new_database(python, admin, f"scale_rate_{os.getpid()}")
                got = subprocess.run(
                    [python, str(BENCH / "store_rate.py"), "--from", last_single, "--to", target],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                result["store_rate"] = (
                    json.loads(got.stdout) if got.returncode == 0 else {"error": got.stderr[-800:]}
                )
        finally:
            if server:
                server.__exit__(None, None, None)
    save(args.out, result)
    print(f"wrote {args.out}", file=sys.stderr)
    print(table(result))
    return status


if __name__ == "__main__":
    sys.exit(main())
