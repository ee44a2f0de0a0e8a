#!/usr/bin/env python3
"""Load on `fogofwar serve`: N concurrent clients on loopback for S seconds, per route.

Starts `fogofwar serve` over a store (read-only, on a free 127.0.0.1 port), collects article
ids and list cursors first, then runs N client threads, each with its own keep-alive HTTP
connection, for S seconds. Each client takes the routes in turn (--routes): the article list
(first page or a later page by cursor), one record, the GeoJSON of places, and the web UI's
desk: the events GeoJSON, the timeline's overview, stories, one story, contradictions, an
article's links, figures, forecasts and sources. Bounded in time (S seconds plus a timeout per
request, --timeout) and in count (--max-requests). Reports requests/s, p50/p95/max latency and
errors per route; the JSON summary goes to bench/results/load.json.

With --pages, each page of the web UI is also opened cold (a new Chromium profile, nothing
cached) and the time from navigation to the view drawn (the page's own `ready` mark, set when
its data is on screen) is reported: the first meaningful paint. That part needs selenium and
Debian's chromium; the load part is standard library only, like the other bench scripts.

    python3 ../shared/eval/corpus.py --out /tmp/corpus --n 2000
    fogofwar ingest /tmp/corpus --db /tmp/load.db      # or bench/desk_store.py
    python3 bench/load.py --db /tmp/load.db --pages
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from benchlib import BENCH, find_fogofwar, git_commit, md_table, now_iso

ROUTES = (
    "list",
    "record",
    "geojson",
    "events",
    "overview",
    "stories",
    "story",
    "contradictions",
    "article_links",
    "figures",
    "forecasts",
    "sources",
)
# Paths without a parameter drawn per request.
FIXED = {
    "geojson": "/api/places.geojson",
    "events": "/api/events.geojson",
    "overview": "/api/overview",
    "stories": "/api/stories",
    "contradictions": "/api/contradictions",
    "figures": "/api/figures?limit=1000",
    "forecasts": "/api/forecasts",
    "sources": "/api/sources",
}
PAGES = ("#/", "#/stories", "#/contradictions", "#/figures", "#/forecasts", "#/sources")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def wait_up(port: int, proc: subprocess.Popen[bytes], limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"fogofwar serve exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"fogofwar serve did not start within {limit:g} s")


def story_ids(port: int) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    status, body = get(conn, "/api/stories")
    conn.close()
    return [s["id"] for s in json.loads(body)["items"]] if status == 200 else []


def collect(port: int, pages: int) -> tuple[list[str], list[str]]:
    """Article ids and list cursors, by walking the list the way a client would."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    ids: list[str] = []
    cursors: list[str] = []
    cursor = None
    for _ in range(pages):
        query = {"limit": "50", **({"cursor": cursor} if cursor else {})}
        status, body = get(conn, "/api/articles?" + urllib.parse.urlencode(query))
        if status != 200:
            sys.exit(f"/api/articles answered {status}")
        page = json.loads(body)
        ids += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        cursors.append(cursor)
    conn.close()
    if not ids:
        sys.exit("the store holds no articles: ingest a corpus first")
    return ids, cursors


def seed_places(db: str, per_article: int, out: Path) -> str:
    """A copy of an SQLite store with `per_article` places with coordinates added to every article.

    Today's pipeline finds no places, so the GeoJSON route would serve an empty collection:
    this gives it the size it will have once places exist. The places are marked as synthetic
    (kind 'bench') and go into a copy; the store given is not touched.
    """
    source = sqlite3.connect(db.removeprefix("sqlite:///"))
    out.unlink(missing_ok=True)
    with sqlite3.connect(out) as copy:
        source.backup(copy)  # with what is still in the WAL file, unlike a file copy
    source.close()
    rng = random.Random(0)
    with sqlite3.connect(out) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        rows = [
            (
                article_id,
                1000 + k,
                "Place",
                0,
                5,
                f"Place {k}",
                44 + rng.random() * 8,
                30 + rng.random() * 10,
                "UA",
                "bench",
            )
            for article_id in ids
            for k in range(per_article)
        ]
        conn.executemany(
            "INSERT INTO places (article_id, idx, text, char_start, char_end, name, lat, lon,"
            " country_code, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return str(out)


def path_for(route: str, rng: random.Random, ids: list[str], cursors: list[str], stories: list[str]) -> str:
    if route == "list":
        if cursors and rng.random() < 0.5:
            return "/api/articles?" + urllib.parse.urlencode({"limit": "50", "cursor": rng.choice(cursors)})
        return "/api/articles?limit=50"
    if route == "record":
        return "/api/articles/" + urllib.parse.quote(rng.choice(ids), safe="")
    if route == "story":
        return "/api/stories/" + urllib.parse.quote(rng.choice(stories or ["none"]), safe="")
    if route == "article_links":
        return "/api/article-links/" + urllib.parse.quote(rng.choice(ids), safe="")
    return FIXED[route]


def page_paints(port: int, pages: tuple[str, ...], limit: float) -> dict[str, float]:
    """Milliseconds from navigation to each page's view drawn, each in a cold browser."""
    import shutil
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    out: dict[str, float] = {}
    for page in pages:
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        profile = tempfile.mkdtemp(prefix="fogofwar-load-")
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(
            service=Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"),
            options=options,
        )
        try:
            driver.get(f"http://127.0.0.1:{port}/{page}")
            WebDriverWait(driver, limit).until(
                lambda d: d.execute_script("return window.fogofwar && window.fogofwar.firstReady")
            )
            out[page] = float(driver.execute_script("return window.fogofwar.firstReady"))
        except Exception as error:  # a page that never drew: reported, the others still run
            print(f"{page}: not drawn within {limit:g} s ({type(error).__name__})", file=sys.stderr)
            out[page] = float("nan")
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
    return out


def client(
    port: int,
    stop_at: float,
    seed: int,
    ids: list[str],
    cursors: list[str],
    stories: list[str],
    routes: tuple[str, ...],
    timeout: float,
    results: dict[str, list[float]],
    errors: dict[str, int],
    budget: list[int],
    lock: threading.Lock,
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    turn = seed
    while time.monotonic() < stop_at:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        route = routes[turn % len(routes)]
        turn += 1
        path = path_for(route, rng, ids, cursors, stories)
        started = time.perf_counter()
        try:
            status, _ = get(conn, path)
            ok = status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        elapsed = time.perf_counter() - started
        with lock:
            if ok:
                results[route].append(elapsed)
            else:
                errors[route] += 1
    conn.close()


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the store to serve (SQLite path or SQLAlchemy URL)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2, help="fogofwar serve --workers")
    ap.add_argument("--cache-seconds", type=float, default=5.0, help="fogofwar serve --cache-seconds")
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many requests")
    ap.add_argument(
        "--seed-places",
        type=int,
        default=0,
        help="serve a copy of the (SQLite) store with this many synthetic places per article",
    )
    ap.add_argument("--routes", default=",".join(ROUTES), help=f"comma-separated, of {', '.join(ROUTES)}")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    ap.add_argument("--pages", action="store_true", help="also time each web page's first paint, cold")
    ap.add_argument("--fogofwar", help="the fogofwar executable (default: next to this Python / PATH)")
    ap.add_argument("--out", type=Path, default=BENCH / "results" / "load.json")
    args = ap.parse_args()
    routes = tuple(r for r in args.routes.split(",") if r)
    unknown = [r for r in routes if r not in ROUTES]
    if unknown or not routes:
        sys.exit(f"--routes: {', '.join(unknown) or 'none given'}: not one of {', '.join(ROUTES)}")

    exe = args.fogofwar or find_fogofwar()
    if exe is None:
        sys.exit("fogofwar not found: install it (pip install -e .) or pass --fogofwar")
    db = args.db
    if args.seed_places:
        db = seed_places(db, args.seed_places, args.out.with_suffix(".db"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "FOGOFWAR_TOKEN"}
    command = [exe, "serve", "--db", db, "--port", str(port), "--workers", str(args.workers)]
    command += ["--cache-seconds", str(args.cache_seconds)]
    proc = subprocess.Popen(command, env=env)
    try:
        wait_up(port, proc)
        # Cold first: the pages are timed before any request has warmed the server's caches.
        paints = page_paints(port, PAGES, 60) if args.pages else {}
        ids, cursors = collect(port, pages=40)
        stories = story_ids(port)
        results: dict[str, list[float]] = {r: [] for r in routes}
        errors = dict.fromkeys(routes, 0)
        lock = threading.Lock()
        budget = [args.max_requests]
        started = time.monotonic()
        stop_at = started + args.seconds
        threads = [
            threading.Thread(
                target=client,
                args=(
                    port,
                    stop_at,
                    seed,
                    ids,
                    cursors,
                    stories,
                    routes,
                    args.timeout,
                    results,
                    errors,
                    budget,
                    lock,
                ),
            )
            for seed in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        if args.seed_places:
            Path(db).unlink(missing_ok=True)

    summary = {
        "when": now_iso(),
        "commit": git_commit(),
        "db": args.db,
        "synthetic_places_per_article": args.seed_places,
        "articles_seen": len(ids),
        "clients": args.clients,
        "workers": args.workers,
        "cache_seconds": args.cache_seconds,
        "seconds": round(wall, 1),
        "routes": {
            r: {
                "requests": len(results[r]),
                "req_per_s": len(results[r]) / wall,
                "p50_ms": pct(results[r], 50) * 1000,
                "p95_ms": pct(results[r], 95) * 1000,
                "max_ms": max(results[r], default=float("nan")) * 1000,
                "errors": errors[r],
            }
            for r in routes
        },
        "first_paint_ms": paints,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    rows = [
        [
            r,
            str(s["requests"]),
            f"{s['req_per_s']:.1f}",
            f"{s['p50_ms']:.1f}",
            f"{s['p95_ms']:.1f}",
            f"{s['max_ms']:.1f}",
            str(s["errors"]),
        ]
        for r, s in summary["routes"].items()
    ]
    print(md_table(["route", "requests", "req/s", "p50 ms", "p95 ms", "max ms", "errors"], rows))
    if paints:
        print(
            "\n" + md_table(["page (cold)", "first paint ms"], [[p, f"{ms:.0f}"] for p, ms in paints.items()])
        )
    print(f"\n{args.clients} clients, {wall:.1f} s, {len(ids)} article ids sampled; summary -> {args.out}")


if __name__ == "__main__":
    main()
