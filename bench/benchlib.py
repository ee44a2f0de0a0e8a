"""Helpers shared by the benchmark scripts (standard library only).

Why a module: accuracy.py and throughput.py must find the same ``fogofwar`` executable, the
same shared/ folder and describe the same commit, and render the same kind of Markdown table;
one copy of that code keeps their results comparable.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_SHARED = REPO.parent / "shared"


def parser(doc: str | None, out_name: str, shared_help: str) -> argparse.ArgumentParser:
    """The options every bench script takes: where shared/ is, which fogofwar, where results go."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help=f"the shared/ folder ({shared_help})")
    ap.add_argument("--fogofwar", help="the fogofwar executable (default: found next to this Python / PATH)")
    ap.add_argument("--cmd", help='fogofwar\'s extract command (default: "fogofwar extract --format jsonl")')
    ap.add_argument("--out", type=Path, default=BENCH / "results" / out_name, help="JSON summary")
    ap.add_argument("--table-from", type=Path, help="print the table of an earlier summary and stop")
    return ap


def now_iso() -> str:
    """The current time as an ISO 8601 timestamp in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def find_fogofwar() -> str | None:
    """The ``fogofwar`` console script: next to this Python, then on PATH, then in the repo's .venv."""
    here = Path(sys.executable).parent / "fogofwar"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    on_path = shutil.which("fogofwar")
    if on_path:
        return on_path
    venv = REPO / ".venv" / "bin" / "fogofwar"
    if venv.is_file() and os.access(venv, os.X_OK):
        return str(venv)
    return None


def fogofwar_or_exit(args: argparse.Namespace) -> str:
    """The fogofwar executable --fogofwar names, else the one found; exit with one line if none."""
    exe = args.fogofwar or find_fogofwar()
    if not exe:
        raise SystemExit(f"{Path(sys.argv[0]).name}: no fogofwar executable found (--fogofwar EXE)")
    return str(exe)


def printed_earlier(args: argparse.Namespace, table: Callable[[Any], str]) -> bool:
    """With --table-from: print that earlier summary's table and say so (the script then stops)."""
    if not args.table_from:
        return False
    print(table(json.loads(args.table_from.read_text(encoding="utf-8"))))
    return True


def interpreter_of(script: str) -> str | None:
    """The Python interpreter named by a console script's ``#!`` line, when it names one."""
    try:
        with open(script, "rb") as fh:
            first = fh.readline(4096).decode("utf-8", "replace").strip()
    except OSError:
        return None
    if not first.startswith("#!"):
        return None
    parts = shlex.split(first[2:])
    if parts and Path(parts[0]).name.startswith("python") and Path(parts[0]).is_file():
        return parts[0]
    return None


def git_commit(repo: Path = REPO) -> str | None:
    """The short hash of HEAD, read from .git without running git; None when there is none."""
    git = repo / ".git"
    try:
        if git.is_file():  # a worktree or submodule: "gitdir: PATH"
            target = git.read_text(encoding="utf-8").strip().removeprefix("gitdir:").strip()
            git = (repo / target).resolve()
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not head.startswith("ref:"):
        return head[:9] or None
    ref = head.removeprefix("ref:").strip()
    common = git
    commondir = git / "commondir"
    if commondir.is_file():
        common = (git / commondir.read_text(encoding="utf-8").strip()).resolve()
    for base in (git, common):
        path = base / ref
        if path.is_file():
            sha = path.read_text(encoding="utf-8").strip()
            return sha[:9] or None
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8").splitlines():
            sha, _, name = line.partition(" ")
            if name.strip() == ref:
                return sha[:9]
    return None  # a branch with no commit yet


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub Markdown table; numeric-looking columns are not aligned on purpose (paste-friendly)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def fmt(value: object, digits: int = 3) -> str:
    """A metric for a table cell: floats rounded, None as an em dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def tail(text: str, limit: int = 1500) -> str:
    """The last ``limit`` characters of a (standard error) text, stripped."""
    text = text.strip()
    return text if len(text) <= limit else "…" + text[-limit:]
