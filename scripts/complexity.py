"""Fail when a function is a maze: cyclomatic complexity over 25 (radon) or over 80 lines.

Run by scripts/test next to ruff and mypy, on src/fogofwar. Alembic migrations are left out:
each is a frozen list of DDL statements, long by nature and never edited after it lands.

    python scripts/complexity.py [--max-cc 25] [--max-lines 80] [PATH ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Class, Function

ROOT = Path(__file__).resolve().parent.parent


def blocks(path: Path) -> list[Function]:
    """Every function and method of a file once (radon lists a method under its class and again
    on its own), closures too."""
    found: dict[tuple[int, str], Function] = {}

    def walk(items: list[Function | Class]) -> None:
        for item in items:
            if isinstance(item, Class):
                walk(list(item.methods))
            else:
                found.setdefault((item.lineno, item.name), item)
                walk(list(item.closures))

    walk(list(cc_visit(path.read_text(encoding="utf-8"))))
    return list(found.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT / "src" / "fogofwar"])
    ap.add_argument("--max-cc", type=int, default=25)
    ap.add_argument("--max-lines", type=int, default=80)
    args = ap.parse_args()
    files = [p for root in args.paths for p in ([root] if root.is_file() else sorted(root.rglob("*.py")))]
    bad: list[str] = []
    for path in files:
        if "migrations" in path.parts:
            continue
        for fn in blocks(path):
            lines = fn.endline - fn.lineno + 1
            if fn.complexity > args.max_cc or lines > args.max_lines:
                name = f"{fn.classname}.{fn.name}" if fn.classname else fn.name
                rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                bad.append(f"{rel}:{fn.lineno}: {name}: complexity {fn.complexity}, {lines} lines")
    for line in bad:
        print(line)
    if bad:
        print(f"{len(bad)} functions over complexity {args.max_cc} or {args.max_lines} lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
