"""Check that a change leaves fogofwar's output byte-identical to a given commit's.

For a refactor that must change no output: runs ``fogofwar extract --format jsonl`` on every dev
set in ``shared/data`` and on ``examples/``, and ``ingest`` + ``links`` + ``export --format jsonl``
+ ``sources`` on ``examples/``, at the work tree and at ``--against COMMIT`` (checked out in a
temporary git worktree and run with the same Python, its ``src/`` first on ``sys.path``), then
compares the two outputs byte for byte. The commit's outputs are cached under
``~/.cache/fogofwar-bench/outputs/SHA/`` (a commit does not change), so a second check costs
only the work tree's run.

    python3 bench/records_unchanged.py --against 6945c1b            # all sets and examples
    python3 bench/records_unchanged.py --against 6945c1b --only examples,claims/conflict

Exit status 0 when every output matches, 1 when one differs (the first differing records are
printed, field by field), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchlib import DEFAULT_SHARED, REPO

CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "fogofwar-bench" / "outputs"


def dev_sets(shared: Path) -> Iterator[tuple[str, Path]]:
    """(AREA/SET, its articles.jsonl.gz) for every dev set."""
    for path in sorted((shared / "data").glob("*/*/articles.jsonl.gz")):
        yield f"{path.parent.parent.name}/{path.parent.name}", path


def resolve(commit: str) -> str:
    out = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--verify", f"{commit}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        sys.exit(f"records_unchanged: {commit}: not a commit of this repository")
    return out.stdout.strip()


def run(src: Path, args: list[str], cwd: Path) -> bytes:
    """``python -m fogofwar ARGS`` with ``src`` first on the path; its standard output."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "fogofwar", *args], cwd=cwd, env=env, capture_output=True, check=False
    )
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip()[-2000:]
        raise SystemExit(f"records_unchanged: fogofwar {' '.join(args[:2])} failed in {src}:\n{tail}")
    return done.stdout


def outputs(src: Path, names: list[str], shared: Path, examples: Path) -> Iterator[tuple[str, bytes]]:
    """(name, output) for each of `names`: a dev set, 'examples' (extract) or 'examples-links'."""
    sets = dict(dev_sets(shared))
    with tempfile.TemporaryDirectory(prefix="fogofwar-unchanged-") as tmp:
        work = Path(tmp)
        # The examples' record ids are their paths as given: a copy under a relative name keeps
        # them the same from any checkout (the main tree, a worktree, the commit's).
        shutil.copytree(examples, work / "examples")
        for name in names:
            if name == "examples":
                yield name, run(src, ["extract", "--format", "jsonl", "examples"], work)
            elif name == "examples-links":
                db = work / "links.db"
                db.unlink(missing_ok=True)
                run(src, ["ingest", "--db", str(db), "examples"], work)
                out = run(src, ["links", "--db", str(db), "--format", "json"], work)
                out += run(src, ["export", "--db", str(db), "--format", "jsonl"], work)
                out += run(src, ["sources", "--db", str(db), "--format", "json"], work)
                yield name, out
            else:
                plain = work / (name.replace("/", "_") + ".jsonl")
                with gzip.open(sets[name], "rb") as fh:
                    plain.write_bytes(fh.read())
                yield name, run(src, ["extract", "--format", "jsonl", str(plain)], work)


def cached_outputs(sha: str, names: list[str], shared: Path, examples: Path) -> dict[str, bytes]:
    folder = CACHE / sha
    missing = [n for n in names if not (folder / _file(n)).is_file()]
    if missing:
        with tempfile.TemporaryDirectory(prefix="fogofwar-at-") as tmp:
            tree = Path(tmp) / "tree"
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(tree), sha], check=True
            )
            try:
                folder.mkdir(parents=True, exist_ok=True)
                for name, out in outputs(tree / "src", missing, shared, examples):
                    print(f"  {sha[:9]}: {name}", file=sys.stderr)
                    (folder / _file(name)).write_bytes(out)
            finally:
                remove = ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)]
                subprocess.run(remove, check=False)
    return {n: (folder / _file(n)).read_bytes() for n in names}


def _file(name: str) -> str:
    # ".v2": since the examples have been run under a relative path (ids the same from any tree).
    return name.replace("/", "_") + ".v2.out"


def describe(name: str, before: bytes, after: bytes, limit: int = 3) -> None:
    """The first differing lines, by record id and field where they are records."""
    old, new = before.splitlines(), after.splitlines()
    print(f"DIFFERS {name}: {len(old)} lines before, {len(new)} after")
    shown = 0
    for a, b in zip(old, new, strict=False):
        if a == b:
            continue
        try:
            ra, rb = json.loads(a), json.loads(b)
        except ValueError:
            print(f"  - {a[:300]!r}\n  + {b[:300]!r}")
        else:
            rid = (ra.get("article") or {}).get("id") if isinstance(ra, dict) else None
            keys = sorted(set(ra) | set(rb)) if isinstance(ra, dict) and isinstance(rb, dict) else []
            for key in keys:
                if ra.get(key) != rb.get(key):
                    print(f"  {rid or '?'} [{key}]\n    - {json.dumps(ra.get(key))[:400]}")
                    print(f"    + {json.dumps(rb.get(key))[:400]}")
        shown += 1
        if shown >= limit:
            break


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--against", required=True, help="the commit whose outputs must be matched")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--only", help="comma-separated names: AREA/SET, examples, examples-links")
    args = ap.parse_args()
    if not (args.shared / "data").is_dir():
        print(f"records_unchanged: {args.shared}: no data/ folder (pass --shared)", file=sys.stderr)
        return 2
    names = [n for n, _ in dev_sets(args.shared)] + ["examples", "examples-links"]
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            print(f"records_unchanged: unknown output {', '.join(unknown)} (known: {', '.join(names)})")
            return 2
        names = wanted
    sha = resolve(args.against)
    examples = REPO / "examples"
    before = cached_outputs(sha, names, args.shared, examples)
    differ = 0
    for name, after in outputs(REPO / "src", names, args.shared, examples):
        if after == before[name]:
            print(f"same    {name} ({len(after.splitlines())} lines)")
        else:
            differ += 1
            describe(name, before[name], after)
    print(f"{len(names) - differ} of {len(names)} outputs identical to {sha[:9]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
