"""Links kept in the store: updated at each linking pass, equal to a fresh build, rebuilt by
`fogofwar relink`, and kept right by two ingests running at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from alembic import command as alembic_command
from alembic.config import Config as AlembicConfig
from sqlalchemy import select
from typer.testing import CliRunner

from fogofwar.cli import app
from fogofwar.link import embed as embedding
from fogofwar.link.build import fresh_links, links
from fogofwar.link.index import link_pending
from fogofwar.model import Article, Claim, DateRange, Figure, Record, Speaker
from fogofwar.store import Store

RU_MOD = Speaker(name="Russian Defence Ministry", kind="government", country_code="RU")
UA_STAFF = Speaker(name="Ukrainian General Staff", kind="military", country_code="UA")
MEDIATORS = Speaker(name="Turkish mediators", kind="government", country_code="TR")


def _claim(text: str, said: str, speaker: Speaker, forecast: DateRange | None = None) -> Claim:
    start = text.index(said)
    return Claim("c1", said, start, start + len(said), speaker=speaker, forecast=forecast)


def _figure(text: str, said: str, value: float) -> Figure:
    start = text.index(said)
    return Figure(
        said,
        start,
        start + len(said),
        value=value,
        category="personnel.killed",
        side="UA",
        period=DateRange("2025-03-09", "2025-03-10"),
        claim="c1",
    )


def _article(article_id: str, published: str, title: str, text: str) -> Article:
    return Article(
        id=article_id, text=text, outlet=article_id.split("-")[0], published=published, title=title
    )


def _thread() -> list[list[Record]]:
    """Three batches, oldest first: a village fought over (a contradiction, rival tolls), talks
    that forecast a ceasefire, and, two months on, a report from another story that settles it."""
    captured = (
        "The Russian Defence Ministry said on Monday that its forces had captured the village of "
        "Novoselivka in the Donetsk region and killed 120 Ukrainian soldiers in two days of fighting."
    )
    held = (
        "Ukraine's General Staff said its troops still hold the village of Novoselivka and remain in "
        "control of its western edge, and put its own losses there at 40 soldiers killed."
    )
    talks = (
        "Turkish mediators said a ceasefire between Russia and Ukraine could be in place within days, "
        "after delegations agreed to meet again in Istanbul."
    )
    again = (
        "Fighting for Novoselivka went on for a third day, with artillery fire heard in the nearby "
        "town of Kurakhove and more civilians leaving the area by bus."
    )
    months_later = (
        "Delegations met in Istanbul on Friday. Two months after the proposal for a ceasefire, "
        "no truce is in place and fighting goes on along the front."
    )
    return [
        [
            Record(
                article=_article("dw-1", "2025-03-10", "Russia claims Novoselivka", captured),
                claims=[_claim(captured, captured[39:175], RU_MOD)],
                figures=[_figure(captured, "120 Ukrainian soldiers", 120)],
            ),
            Record(
                article=_article("kp-1", "2025-03-11", "Kyiv says it holds Novoselivka", held),
                claims=[_claim(held, held[29:117], UA_STAFF)],
                figures=[_figure(held, "40 soldiers", 40)],
            ),
            Record(
                article=_article("ap-1", "2025-03-12", "Ceasefire within days, mediators say", talks),
                claims=[
                    _claim(
                        talks,
                        "a ceasefire between Russia and Ukraine could be in place within days",
                        MEDIATORS,
                        DateRange("2025-03-12", "2025-03-19"),
                    )
                ],
            ),
        ],
        [Record(article=_article("dw-2", "2025-03-13", "Third day of fighting", again))],
        [Record(article=_article("ap-9", "2025-05-16", "Istanbul talks, no truce", months_later))],
    ]


def _dumped(found: dict[str, object]) -> str:
    return json.dumps(found, ensure_ascii=False, sort_keys=False)


def test_links_kept_batch_by_batch_equal_a_fresh_build_and_a_relink(tmp_path: Path) -> None:
    batches = _thread()
    with Store(str(tmp_path / "batched.db")) as batched:
        for batch in batches:
            for record in batch:
                batched.save(record)
            link_pending(batched)
            # After every batch: what is kept is what a computation from the records gives.
            assert _dumped(links(batched)) == _dumped(fresh_links(batched))
        kept = _dumped(links(batched))
        found = json.loads(kept)
        # The forecast of the talks is settled by the later report of another story: the story
        # of the forecast was computed again when that report came in.
        (forecast,) = found["forecasts"]
        stories = {a: s["id"] for s in found["stories"] for a in s["articles"]}
        assert stories["ap-9"] != stories["ap-1"]
        assert forecast["resolved_by"] == ["ap-9"]
        with Store(str(tmp_path / "at-once.db")) as at_once:
            for record in (r for batch in batches for r in batch):
                at_once.save(record)
            link_pending(at_once)
            assert _dumped(links(at_once)) == kept
        result = CliRunner().invoke(app, ["relink", "--db", str(tmp_path / "batched.db")])
        assert result.exit_code == 0, result.output
        assert _dumped(links(batched)) == kept


def test_a_read_embeds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(str(tmp_path / "s.db")) as store:
        for record in (r for batch in _thread() for r in batch):
            store.save(record)
        link_pending(store)
        expected = _dumped(fresh_links(store))

        def no_model() -> None:
            raise AssertionError("a read embedded text")

        monkeypatch.setattr(embedding, "_encode", no_model)
        assert _dumped(links(store)) == expected


def _alembic(url: str) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(resources.files("fogofwar.store").joinpath("migrations")))
    cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def test_a_store_linked_before_the_items_were_kept_says_so_until_relinked(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    with Store(db) as store:
        for record in (r for batch in _thread() for r in batch):
            store.save(record)
        link_pending(store, refresh_items=False)  # as an older fogofwar linked: no items
        with store.engine.begin() as conn:
            cfg = _alembic(str(store.engine.url))
            cfg.attributes["connection"] = conn
            alembic_command.downgrade(cfg, "0004")
    runner = CliRunner()
    for command in (["links"], ["sources"], ["links", "--format", "json"]):
        result = runner.invoke(app, [*command, "--db", db])  # opening it migrates it to the newest
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "run `fogofwar relink`" in lines[0], result.stderr
        assert "Traceback" not in result.output
    assert runner.invoke(app, ["relink", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["links", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert result.stdout == _dumped(fresh_links(store)) + "\n"
        assert json.loads(result.stdout)["forecasts"]


def test_two_ingests_of_the_same_input_at_once_both_succeed(db_url: str, tmp_path: Path) -> None:
    articles = tmp_path / "thread.jsonl"
    rows = [
        {
            "id": r.article.id,
            "title": r.article.title,
            "outlet": r.article.outlet,
            "published": r.article.published,
            "text": r.article.text,
        }
        for batch in _thread()
        for r in batch
    ]
    articles.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    run = [sys.executable, "-m", "fogofwar", "ingest", str(articles), "--db", db_url]
    both = [subprocess.Popen(run, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outcomes = [(p.wait(timeout=900), p.stderr.read().decode() if p.stderr else "") for p in both]
    for code, stderr in outcomes:
        assert code == 0, stderr
    with Store(db_url) as store:
        found = links(store)
        assert _dumped(found) == _dumped(fresh_links(store))
        assert sorted(a for s in found["stories"] for a in s["articles"]) == sorted(r["id"] for r in rows)


def test_a_new_article_marks_a_forecast_story_only_when_it_can_enter_the_forecasts_lookup(
    tmp_path: Path,
) -> None:
    """A forecast whose lookup is full (100 candidates, the last sharing 3 buckets) cannot be
    reached by an article sharing 2 of its keys: its story is not recomputed for it."""
    from fogofwar.store import linking, schema

    with Store(str(tmp_path / "s.db")) as store:
        for record in _thread()[0]:
            store.save(record)
        link_pending(store, refresh_items=False)
        keys = [f"s{band}:{band:016x}" for band in range(6)]
        with store.engine.begin() as conn:
            conn.execute(
                schema.link_forecast_keys.insert(),
                [{"key": k, "article_id": "ap-1", "floor": 3} for k in keys[:4]]
                + [{"key": k, "article_id": "dw-1", "floor": 1} for k in keys[4:]],
            )
            story_of = {r.article_id: r.story_id for r in conn.execute(select(schema.link_signatures)).all()}
            assert linking.stories_with_forecasts_near(conn, keys[:2]) == set()
            assert linking.stories_with_forecasts_near(conn, keys[:3]) == {story_of["ap-1"]}
            # A lookup that found fewer than 100 takes any article sharing one bucket.
            assert linking.stories_with_forecasts_near(conn, keys[5:]) == {story_of["dw-1"]}


def test_the_forecast_ledger_and_the_links_list_the_same_forecasts_with_the_same_status(
    tmp_path: Path,
) -> None:
    # The ledger said "11 due / 1 open" where the sources page said "1 due / 11 open": two rules.
    # Now one: only claims about the future, deadline = the window's end, open until it passes.
    from typer.testing import CliRunner

    from fogofwar.cli import app
    from fogofwar.link.build import links
    from fogofwar.link.views import forecast_ledger
    from fogofwar.query import Filters

    rows = [
        {
            "id": "fc-1",
            "published": "2025-03-11",
            "title": "Sudzha under pressure",
            "text": "Russian forces could retake Sudzha by the end of March, a Ukrainian commander said. "
            "He said 594 servicemen had been captured since August and would be exchanged later.",
        },
        {
            "id": "fc-2",
            "published": "2025-04-20",
            "title": "Sudzha retaken",
            "text": "Russian troops retook Sudzha in mid-March, the Russian Defence Ministry said on Sunday.",
        },
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        ledger = forecast_ledger(store, Filters())
        listed = links(store)["forecasts"]
    assert ledger, "the forecast of fc-1 is listed"
    assert {(r["article_id"], r["claim"]) for r in ledger} == {(f["article"], f["claim"]) for f in listed}
    by_claim = {(f["article"], f["claim"]): f for f in listed}
    for row in ledger:
        twin = by_claim[(row["article_id"], row["claim"])]
        assert (row["status"], row["deadline"]) == (twin["status"], twin["deadline"])
    assert not any("had been captured" in r["text"] for r in ledger)
