"""Test data and a real server for the serving tests: records with every part, uvicorn on loopback.

The records are built from the real dataclasses of model.py and saved with Store.save: the
parts pipeline components will fill are mostly empty on today's store, and the views must be
tested on parts that exist.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import uvicorn

from fogofwar.model import Article, Claim, DateRange, Event, Figure, Place, Record, Speaker, TimeRef
from fogofwar.store import Store


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


# Each part is built from the words it covers in the text: its offsets are found, not typed.


def _place(text: str, needle: str, **kw: Any) -> Place:
    return Place(needle, *_span(text, needle), **kw)


def _figure(text: str, needle: str, **kw: Any) -> Figure:
    return Figure(needle, *_span(text, needle), **kw)


def _event(text: str, item_id: str, needle: str, **kw: Any) -> Event:
    return Event(item_id, needle, *_span(text, needle), **kw)


def _claim(text: str, item_id: str, needle: str, *, cue: str = "said", **kw: Any) -> Claim:
    return Claim(item_id, needle, *_span(text, needle), cue=cue, **kw)


def _kyiv() -> Record:
    text = (
        "Ukraine's army chief Oleksandr Syrskyi said, according to Reuters, that his troops reportedly "
        "control 1,000 square km of Russia's Kursk region, including the town of Sudzha, "
        "after fighting on August 9."
    )
    cue_start, cue_end = _span(text, "said")
    speaker_start, speaker_end = _span(text, "Oleksandr Syrskyi")
    return Record(
        article=Article(
            id="test/kyiv-post-syrskyi",
            text=text,
            title="Syrskyi: 1,000 square km under control",
            outlet="Kyiv Post",
            published="2024-08-10",
            cites=["Reuters"],
        ),
        places=[
            _place(text, "Kursk", name="Kursk Oblast", lat=51.5, lon=36.0, country_code="RU", kind="admin1"),
            _place(
                text,
                "Sudzha",
                name="Sudzha",
                lat=51.19,
                lon=35.27,
                country_code="RU",
                admin1="Kursk",
                kind="populated_place",
            ),
        ],
        times=[
            TimeRef(
                "August 9",
                *_span(text, "August 9"),
                kind="date",
                timex_type="DATE",
                value="2024-08-09",
                range=DateRange("2024-08-09", "2024-08-09"),
            )
        ],
        figures=[
            _figure(
                text,
                "1,000 square km",
                value=1000.0,
                category="territory.area",
                side="UA",
                period=DateRange(None, "2024-08-10"),
                claim="c1",
            ),
        ],
        claims=[
            _claim(
                text,
                "c1",
                "his troops reportedly control 1,000 square km",
                cue_start=cue_start,
                cue_end=cue_end,
                speaker=Speaker(
                    name="Oleksandr Syrskyi",
                    kind="military",
                    country_code="UA",
                    text="Oleksandr Syrskyi",
                    start=speaker_start,
                    end=speaker_end,
                ),
                via=["Reuters"],
                hedges=["reportedly"],
            ),
        ],
        events=[
            _event(
                text,
                "e1",
                "fighting on August 9",
                type="Battles",
                subtype="Armed clash",
                actor1="Military Forces of Ukraine",
                actor2="Military Forces of Russia",
                place=1,
                date=DateRange("2024-08-09", "2024-08-09"),
            ),
        ],
    )


def _tass() -> Record:
    text = (
        "The Russian Defence Ministry said Ukraine lost up to 300 servicemen near Belgorod over the day, "
        "and said the offensive would be stopped by the end of September."
    )
    mod = Speaker(name="Russian Defence Ministry", kind="military", country_code="RU")
    return Record(
        article=Article(
            id="test/tass-mod-300",
            text=text,
            title="MoD: up to 300 Ukrainian servicemen lost",
            outlet="TASS",
            published="2024-08-20",
        ),
        places=[
            _place(
                text,
                "Belgorod",
                name="Belgorod",
                lat=50.6,
                lon=36.6,
                country_code="RU",
                kind="populated_place",
            )
        ],
        figures=[
            _figure(
                text,
                "up to 300 servicemen",
                value=300.0,
                qualifier="at_most",
                category="personnel.casualties",
                side="UA",
                period=DateRange("2024-08-19", "2024-08-19"),
                claim="c1",
            )
        ],
        claims=[
            _claim(text, "c1", "Ukraine lost up to 300 servicemen near Belgorod", speaker=mod),
            _claim(
                text,
                "c2",
                "the offensive would be stopped by the end of September",
                speaker=mod,
                forecast=DateRange("2024-09-01", "2024-09-30"),
            ),
        ],
    )


def _reuters() -> Record:
    text = (
        "A drone struck an energy facility in Pokrovsk on September 4, officials in an unnamed village said."
    )
    return Record(
        article=Article(
            id="test/reuters-pokrovsk",
            text=text,
            title="Drone strikes Pokrovsk energy facility",
            outlet="Reuters",
            published="2024-09-05",
        ),
        places=[
            _place(
                text,
                "Pokrovsk",
                name="Pokrovsk",
                lat=48.28,
                lon=37.18,
                country_code="UA",
                admin1="Donetsk",
                kind="populated_place",
            ),
            _place(text, "an unnamed village"),  # no coordinates: no marker
        ],
        claims=[
            _claim(
                text,
                "c1",
                text[: text.index(",")],
                speaker=Speaker(kind="government", anonymous=True),
                forecast=DateRange("2024-09-10", "2025-03-31"),
            )
        ],
        events=[
            _event(
                text,
                "e1",
                "A drone struck an energy facility",
                type="Explosions/Remote violence",
                subtype="Air/drone strike",
                place=0,
                date=DateRange("2024-09-04", "2024-09-04"),
                fatalities=0,
            )
        ],
    )


def sample_records() -> list[Record]:
    """Three articles with every part: places (one without coordinates), claims with chains,
    hedges and forecasts, figures with claimants, events at places."""
    return [_kyiv(), _tass(), _reuters()]


def plain_records(n: int, *, start_day: int = 1) -> list[Record]:
    """`n` parts-less articles over August 2024 (for pagination): what today's pipeline stores."""
    return [
        Record(
            article=Article(
                id=f"test/plain-{i:03d}",
                text=f"Plain article number {i} about the front.",
                title=f"Plain {i}",
                outlet="BBC" if i % 2 else "AP",
                published=None if i % 7 == 0 else f"2024-08-{start_day + i % 28:02d}",
            )
        )
        for i in range(n)
    ]


def reference_series_file(path: Path) -> Path:
    """A reference series in the shape of shared/data/reference (sparse daily rows of running
    totals, carried forward within `tracked`), with made-up values: one claimant's count of
    Russian tanks and personnel lost, over the months of examples/ (July 2024 to May 2025)."""
    first, last = date(2024, 7, 1), date(2025, 5, 1)
    rows: list[dict[str, Any]] = []
    day, tanks, killed = first, 8000, 560_000
    while day <= last:
        row: dict[str, Any] = {"date": day.isoformat()}
        n = (day - first).days
        if n % 3 == 0:  # a change every third day: the days between carry the last value
            tanks += 4 + n % 5
            row["equipment.tank"] = tanks
        killed += 1000 + (n * 37) % 400
        row["personnel.killed"] = killed
        rows.append(row)
        day += timedelta(days=1)
    tracked = {"equipment.tank": [first.isoformat(), last.isoformat()]}
    tracked["personnel.killed"] = [first.isoformat(), last.isoformat()]
    path.write_text(
        json.dumps(
            {
                "source": "made up for the tests of fogofwar",
                "claimant": "Test General Staff",
                "side": "RU",
                "cumulative": True,
                "first_date": first.isoformat(),
                "last_date": last.isoformat(),
                "tracked": tracked,
                "series": rows,
            }
        ),
        encoding="utf-8",
    )
    return path


def save_all(store: Store, records: list[Record]) -> None:
    for record in records:
        store.save(record)


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
