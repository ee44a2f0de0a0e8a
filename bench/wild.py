"""fogofwar extract over real web pages of every kind: does any page stop the run?

Runs ``fogofwar extract DIR --format jsonl`` once over the pages of ``shared/data/wild`` (200
real pages: news of every topic, blogs, shops, forums, several languages; see its README),
unpacked into a temporary folder outside the repository unless ``--pages DIR`` names them, and
reports: the exit code, tracebacks on standard error (must be 0), records written, pages with
article text (a record, or an article a component failed on), and the errors by kind (the
problem each error line names, with the input's name and the details left out).

    python3 bench/wild.py
    python3 bench/wild.py --cmd "/work/main/.venv/bin/python -m fogofwar extract --format jsonl"
    python3 bench/wild.py --pages /tmp/wild/pages --out bench/results/wild.json --records /tmp/wild.jsonl
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchlib import find_fogofwar, git_commit, now_iso, parser

# An error line is "error: INPUT: PROBLEM"; its kind is the problem with the details dropped:
# what is in parentheses, and what follows the first ";" or ":".
_ERROR = re.compile(r"^error: (?P<input>.*?\.\w+|[^:]+): (?P<problem>.*)$")
# The problem of a component's failure: "boom failed (KeyError: 'few'); no record".
_COMPONENT = re.compile(r"^(?P<component>\S+) failed \((?P<exception>\w+)")


def error_kind(problem: str) -> str:
    component = _COMPONENT.match(problem)
    if component:
        return f"{component['component']} failed ({component['exception']})"
    kind = re.sub(r"\([^)]*\)", "", problem)
    return " ".join(re.split(r"[;:]", kind, maxsplit=1)[0].split())


def summarise(pages: int, stdout: str, stderr: str, code: int, seconds: float) -> dict[str, Any]:
    records = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    kinds: Counter[str] = Counter()
    failed_in_nlp = 0
    for line in stderr.splitlines():
        m = _ERROR.match(line)
        if m is None:
            continue
        kind = error_kind(m["problem"])
        kinds[kind] += 1
        failed_in_nlp += bool(_COMPONENT.match(m["problem"]))
    return {
        "pages": pages,
        "exit_code": code,
        "tracebacks": stderr.count("Traceback (most recent call last)"),
        "records": len(records),
        "pages_with_article_text": len(records) + failed_in_nlp,
        "errors": sum(kinds.values()),
        "errors_by_kind": dict(kinds.most_common()),
        "seconds": round(seconds, 1),
    }


def unpacked(shared: Path, into: Path) -> Path:
    with tarfile.open(shared / "data" / "wild" / "pages.tar.xz") as tar:
        tar.extractall(into, filter="data")
    return into / "pages"


def main() -> int:
    ap = parser(__doc__, "wild.json", "its data/wild/pages.tar.xz is unpacked and read")
    ap.add_argument("--pages", type=Path, help="a folder of pages (default: the shared tarball, unpacked)")
    ap.add_argument("--records", type=Path, help="also write the records (JSON Lines) here, to compare runs")
    args = ap.parse_args()
    if args.table_from:
        print(json.dumps(json.loads(args.table_from.read_text(encoding="utf-8")), indent=2))
        return 0
    if args.cmd:
        cmd = shlex.split(args.cmd)
    else:
        exe = args.fogofwar or find_fogofwar()
        if exe is None:
            sys.exit("wild: no fogofwar executable found (--fogofwar EXE or --cmd)")
        cmd = [exe, "extract", "--format", "jsonl"]
    with tempfile.TemporaryDirectory(prefix="fogofwar-wild-") as tmp:
        pages = args.pages or unpacked(args.shared, Path(tmp))
        count = sum(1 for p in pages.iterdir() if p.is_file())
        began = time.monotonic()
        done = subprocess.run([*cmd, str(pages)], capture_output=True, text=True, check=False)
        summary = summarise(count, done.stdout, done.stderr, done.returncode, time.monotonic() - began)
    if args.records:
        args.records.write_text(done.stdout, encoding="utf-8")
    summary = {"when": now_iso(), "git": git_commit(), "cmd": cmd, **summary}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return 0 if summary["tracebacks"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
