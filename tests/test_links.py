"""Links across articles: copies, stories, figure groups, contradictions, forecasts, sources."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from fogofwar.batch import ingest
from fogofwar.cli import app
from fogofwar.link.contradictions import contradictions
from fogofwar.link.figures import figure_groups
from fogofwar.link.forecasts import forecasts
from fogofwar.link.index import link_pending
from fogofwar.link.reference import load as load_reference
from fogofwar.link.views import links, sources
from fogofwar.model import Article, Claim, DateRange, Figure, Record, Speaker
from fogofwar.store import Store, schema

STRIKE = (
    "Ukrainian sea drones struck a Russian landing ship near the port of Feodosia before dawn on "
    "Tuesday, the navy said. Video released by the military showed a large fire on the deck and "
    "thick smoke over the bay.\n\n"
    "A spokesman for the navy said the vessel had been loading armoured vehicles when it was hit. "
    "Russian officials did not comment on the damage, and local authorities closed the coastal road "
    "for several hours.\n\n"
    "The strike was the third on the Black Sea Fleet this month, as Kyiv presses a campaign to push "
    "Russian warships away from the western part of the sea."
)
# Another outlet re-runs it: a new first line, one sentence trimmed, a word changed.
SYNDICATED = (
    "KYIV (Harbour Times) - Ukrainian sea drones struck a Russian landing ship near the port of "
    "Feodosia before dawn on Tuesday, the navy said. Video released by the military showed a large "
    "fire on the deck and thick smoke over the bay.\n\n"
    "A spokesman for the navy said the vessel had been loading armoured vehicles when it was struck. "
    "Russian officials did not comment on the damage.\n\n"
    "The strike was the third on the Black Sea Fleet this month, as Kyiv presses a campaign to push "
    "Russian warships away from the western part of the sea."
)
FOLLOW_UP = (
    "The Russian landing ship that Ukrainian sea drones struck near Feodosia on Tuesday has sunk, "
    "the navy said on Thursday, citing satellite images of the bay. The Black Sea Fleet has moved "
    "several other vessels away from Crimea after the string of naval drone strikes."
)
OTHER_STORY = (
    "Prisoners of war returned home on Saturday in the largest exchange between Russia and Ukraine "
    "in months, mediated by the United Arab Emirates. Families waited at the border crossing with "
    "flags and photographs of the missing."
)


def _jsonl(path: Path, rows: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _corpus(tmp_path: Path) -> str:
    return _jsonl(
        tmp_path / "thread.jsonl",
        [
            {
                "id": "kl-1",
                "outlet": "Kyiv Ledger",
                "published": "2024-03-05",
                "title": "Drones hit ship",
                "text": STRIKE,
            },
            {
                "id": "wire-1",
                "outlet": "Global Newswire",
                "published": "2024-03-05",
                "title": "Drones hit ship",
                "text": STRIKE,
            },
            {
                "id": "ht-1",
                "outlet": "Harbour Times",
                "published": "2024-03-06",
                "title": "Sea drones strike",
                "text": SYNDICATED,
            },
            {
                "id": "kl-2",
                "outlet": "Kyiv Ledger",
                "published": "2024-03-07",
                "title": "Ship lies on its side",
                "text": FOLLOW_UP,
            },
            {
                "id": "ew-9",
                "outlet": "Eastern Wire",
                "published": "2024-11-30",
                "title": "Prisoners swapped",
                "text": OTHER_STORY,
            },
        ],
    )


def test_copies_and_stories_are_found_and_kept_in_the_store(db_url: str, tmp_path: Path) -> None:
    with Store(db_url) as store:
        report = ingest(store, [_corpus(tmp_path)])
        assert report.stored == 4  # the wire's exact copy is an alias
        assert link_pending(store) == 4
        found = links(store)
        assert found["schema"] == "fogofwar.links/1"
        pairs = {(d["a"], d["b"], d["kind"]) for d in found["duplicates"]}
        assert pairs == {("kl-1", "wire-1", "exact"), ("kl-1", "ht-1", "syndicated")}
        stories = {frozenset(s["articles"]) for s in found["stories"]}
        assert frozenset({"kl-1", "wire-1", "ht-1", "kl-2"}) in stories
        assert frozenset({"ew-9"}) in stories
        # Linking is incremental: what is linked is not linked again.
        assert link_pending(store) == 0
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(schema.link_signatures)).scalar_one() == 4
        # A page of the API asks for the stories of its articles only: the same story, the
        # same duplicates, none of the other stories' parts.
        one = links(store, articles={"ew-9"})
        assert [s["articles"] for s in one["stories"]] == [["ew-9"]]
        assert one["duplicates"] == found["duplicates"]
        assert all(f["article"] == "ew-9" for f in one["forecasts"])
        by_copy = links(store, articles={"wire-1"})  # an alias reaches its story too
        assert {frozenset(s["articles"]) for s in by_copy["stories"]} == {
            frozenset({"kl-1", "wire-1", "ht-1", "kl-2"})
        }


def test_a_revised_article_from_the_same_outlet_is_a_near_copy(tmp_path: Path) -> None:
    revised = STRIKE.replace("before dawn on Tuesday", "early on Tuesday").replace("third", "fourth")
    path = _jsonl(
        tmp_path / "rev.jsonl",
        [
            {"id": "v1", "outlet": "Kyiv Ledger", "published": "2024-03-05", "text": STRIKE},
            {"id": "v2", "outlet": "Kyiv Ledger", "published": "2024-03-05", "text": revised},
        ],
    )
    with Store(str(tmp_path / "s.db")) as store:
        ingest(store, [path])
        link_pending(store)
        assert [(d["a"], d["b"], d["kind"]) for d in links(store)["duplicates"]] == [("v1", "v2", "near")]


def test_links_of_an_empty_store_are_a_valid_empty_object(tmp_path: Path) -> None:
    Store(str(tmp_path / "empty.db")).close()  # `links` reads a store, it makes none
    result = CliRunner().invoke(app, ["links", "--format", "json", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["schema"] == "fogofwar.links/1"
    assert all(
        found[k] == [] for k in ("duplicates", "stories", "figure_groups", "contradictions", "forecasts")
    )


def test_ingest_links_as_it_stores_and_the_cli_prints_the_links(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", _corpus(tmp_path), "--db", db]).exit_code == 0
    with Store(db) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.link_signatures)).scalar_one() == 4
    table = runner.invoke(app, ["links", "--db", db])
    assert table.exit_code == 0 and "syndicated" in table.stdout and "ht-1" in table.stdout


def _series(path: Path, **overrides: object) -> Path:
    data: dict[str, object] = {
        "claimant": "UA General Staff",
        "side": "RU",
        "cumulative": True,
        "tracked": {"equipment.tank": ["2022-02-25", "2024-12-31"]},
        "series": [
            {"date": "2022-02-25", "equipment.tank": 80},
            {"date": "2024-03-01", "equipment.tank": 6700},
            {"date": "2024-03-06", "equipment.tank": 6750},
        ],
    }
    data.update(overrides)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _record(article_id: str, published: str, figures: list[Figure], claims: list[Claim], text: str) -> Record:
    article = Article(id=article_id, text=text, outlet="Kyiv Ledger", published=published, title=article_id)
    return Record(article=article, figures=figures, claims=claims)


def test_figures_of_one_quantity_line_up_with_the_reference_series(tmp_path: Path) -> None:
    text_a = "The General Staff said Russia has lost 6,740 tanks since the invasion began."
    text_b = "Western analysts put Russia's tank losses at about 3,000 since the invasion began."
    since_invasion = DateRange("2022-02-24", "2024-03-06")
    a = _record(
        "gs",
        "2024-03-06",
        [
            Figure(
                "6,740 tanks",
                39,
                50,
                value=6740,
                category="equipment.tank",
                side="RU",
                period=since_invasion,
                claim="c1",
            )
        ],
        [Claim("c1", text_a[23:50], 23, 50, speaker=Speaker(name="General Staff", kind="military"))],
        text_a,
    )
    b = _record(
        "an",
        "2024-03-06",
        [
            Figure(
                "about 3,000",
                51,
                62,
                value=3000,
                qualifier="about",
                category="equipment.tank",
                side="RU",
                period=since_invasion,
                claim="c1",
            )
        ],
        [Claim("c1", text_b[21:62], 21, 62, speaker=Speaker(name="Western analysts", kind="anonymous"))],
        text_b,
    )
    with Store(str(tmp_path / "s.db")) as store:
        for record in (a, b):
            store.save(record)
        load_reference(store, _series(tmp_path / "gs.json"))
        link_pending(store)
        groups = links(store)["figure_groups"]
        assert len(groups) == 1
        group = groups[0]
        assert (group["category"], group["side"], group["disagree"]) == ("equipment.tank", "RU", True)
        by_claimant = {m["claimant"]: m for m in group["members"]}
        # "Western analysts" names nobody in particular: the outlet gives that figure (link.claimants)
        assert by_claimant["General Staff"]["value"] == 6740 and by_claimant["Kyiv Ledger"]["value"] == 3000
        reference = by_claimant["UA General Staff"]
        assert reference["reference"] is True and reference["value"] == 6750  # carried forward to 2024-03-06
        assert group["spread"] == pytest.approx(6750 / 3000, rel=1e-3)
        rows = {(r["kind"], r["name"]): r for r in sources(store)}
        assert rows[("speaker", "General Staff")]["reference_within_10pct"] == 1.0
        assert rows[("outlet", "Kyiv Ledger")]["reference_within_10pct"] == 0.5


def test_a_reference_file_of_the_wrong_shape_is_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    bad = _series(tmp_path / "bad.json", series=[{"date": "2024-13-01", "equipment.tank": 5}])
    result = CliRunner().invoke(app, ["reference", "load", str(bad), "--db", db])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "bad.json" in lines[0] and "2024-13-01" in lines[0]
    with Store(db) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.reference_series)).scalar_one() == 0
    missing = tmp_path / "missing.json"
    missing.write_text('{"claimant": "x"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["reference", "load", str(missing), "--db", db])
    assert result.exit_code == 1 and "missing field(s) tracked, series" in result.stderr


def test_forecasts_are_open_due_or_settled_by_a_later_report() -> None:
    text = "Officials said Russian troops would probably capture the town of Toretsk by the end of June."
    forecast = _record(
        "f1",
        "2024-05-01",
        [],
        [
            Claim(
                "c1",
                text[15:90],
                15,
                90,
                speaker=Speaker(name="Officials", kind="anonymous"),
                forecast=DateRange("2024-05-01", "2024-06-30"),
            )
        ],
        text,
    )
    failed = _record(
        "l1", "2024-07-02", [], [], "Russian troops failed to capture the town of Toretsk by June."
    )
    took = _record("l2", "2024-07-02", [], [], "Russian troops captured the town of Toretsk in late June.")
    unrelated = _record("l3", "2024-07-02", [], [], "Grain exports through the Black Sea rose in June.")

    def judged(*later: Record) -> tuple[str, list[str], str | None]:
        (item,) = forecasts([forecast, *later], as_of="2024-07-02")
        assert (item["text"], item["speaker"]) == (text[15:90], "Officials")
        return item["status"], item["resolved_by"], item["deadline"]

    assert judged(failed) == ("did_not", ["l1"], "2024-06-30")
    assert judged(took) == ("came_true", ["l2"], "2024-06-30")
    assert judged(unrelated) == ("due", [], "2024-06-30")  # the deadline passed, nothing settles it
    (still_open,) = forecasts([forecast], as_of="2024-06-01")
    assert still_open["status"] == "open"


def test_a_denial_of_what_another_source_asserts_is_a_negation_contradiction() -> None:
    said_text = "Kyiv said Russian forces had shelled the hospital in the city centre."
    denied_text = "Moscow said its forces had not shelled the hospital in the city centre."
    said = _record(
        "k1",
        "2024-05-03",
        [],
        [Claim("c1", said_text[10:], 10, len(said_text), speaker=Speaker(name="Kyiv"))],
        said_text,
    )
    denied = _record(
        "m1",
        "2024-05-03",
        [],
        [Claim("c1", denied_text[12:], 12, len(denied_text), speaker=Speaker(name="Moscow"))],
        denied_text,
    )
    held = _record(
        "u1",
        "2024-05-04",
        [],
        [
            Claim(
                "c1",
                "Ukrainian units still hold the northern part of Vovchansk",
                0,
                57,
                speaker=Speaker(name="Kyiv"),
            )
        ],
        "Ukrainian units still hold the northern part of Vovchansk.",
    )
    taken = _record(
        "r1",
        "2024-05-04",
        [],
        [
            Claim(
                "c1",
                "Russian forces captured the northern part of Vovchansk",
                0,
                55,
                speaker=Speaker(name="Moscow"),
            )
        ],
        "Russian forces captured the northern part of Vovchansk.",
    )
    found = contradictions([said, denied, held, taken])
    kinds = {frozenset({c["a"]["article"], c["b"]["article"]}): c["kind"] for c in found}
    assert kinds == {frozenset({"k1", "m1"}): "negation", frozenset({"u1", "r1"}): "status"}
    same_speaker = _record(
        "k2",
        "2024-05-05",
        [],
        [Claim("c1", denied_text[12:], 12, len(denied_text), speaker=Speaker(name="Kyiv"))],
        denied_text,
    )
    assert contradictions([said, same_speaker]) == []  # a source revising itself is not a contradiction


def _forecast(article_id: str, published: str, text: str, deadline: str | None) -> Record:
    """An article that is one forecast claim, as claim extraction would give it."""
    return _record(
        article_id,
        published,
        [],
        [
            Claim(
                "c1",
                text,
                0,
                len(text),
                speaker=Speaker(name="Analysts", kind="anonymous"),
                forecast=DateRange(published, deadline),
            )
        ],
        text + ".",
    )


def test_a_forecast_is_settled_by_what_a_later_report_says_of_its_subject_in_any_words() -> None:
    change = _forecast(
        "f-change",
        "2024-11-02",
        "Ukrainian marines would probably be pushed off the left bank of the Dnipro by the end of the year",
        "2024-12-31",
    )
    hold = _forecast(
        "f-hold",
        "2024-11-02",
        "the marines could keep their bridgehead on the left bank of the Dnipro through the winter",
        "2025-02-28",
    )
    still_there = _record(
        "later-1",
        "2025-03-10",
        [],
        [],
        "Weather closed the airport in Odesa for a day. Ukrainian marines were still holding "
        "positions on the left bank of the Dnipro near Krynky in March, the navy said.",
    )
    # The same subject, told as a prediction again: it settles nothing.
    hedged = _record(
        "later-2",
        "2025-03-10",
        [],
        [],
        "Russian commanders said the marines would probably be pushed off the left bank of the "
        "Dnipro within weeks.",
    )
    by_id = {f["article"]: f for f in forecasts([change, hold, still_there], as_of="2025-03-10")}
    # "still holding" refutes a prediction of change and bears out one of continuation.
    assert (by_id["f-change"]["status"], by_id["f-change"]["resolved_by"]) == ("did_not", ["later-1"])
    assert (by_id["f-hold"]["status"], by_id["f-hold"]["resolved_by"]) == ("came_true", ["later-1"])
    by_id = {f["article"]: f for f in forecasts([change, hold, hedged], as_of="2025-03-10")}
    assert by_id["f-change"]["status"] == "due" and by_id["f-change"]["resolved_by"] == []
    assert by_id["f-hold"]["status"] == "due"


def test_a_forecast_can_be_settled_by_a_report_from_another_story() -> None:
    talks = _forecast(
        "talks-1", "2025-03-12", "mediators hoped a ceasefire could be in place within days", None
    )
    months_later = _record(
        "summit-9",
        "2025-05-16",
        [],
        [],
        "Delegations met in Istanbul on Friday. Two months after the proposal for a ceasefire, "
        "no truce is in place and fighting goes on along the front.",
    )
    (alone,) = forecasts([talks], as_of="2025-05-16")
    assert alone["status"] == "open"
    (item,) = forecasts([talks], as_of="2025-05-16", evidence=lambda _record, _vector: [months_later])
    assert (item["status"], item["resolved_by"]) == ("did_not", ["summit-9"])


def _unit(*weights: float) -> np.ndarray:
    v = np.zeros(384, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def test_an_article_joins_the_story_it_is_close_to_as_a_whole_not_one_close_member(tmp_path: Path) -> None:
    from fogofwar.link import signatures as sig
    from fogofwar.link.index import _best_story, _Pending

    new = _unit(1.0, 0.0, 0.0, 0.0)
    # Story "chain": one member close to the newcomer (cosine 0.7), two about something else.
    # Story "whole": every member fairly close (cosine 0.65).
    members = {
        "chain-1": ("chain", _unit(0.7, 0.714, 0.0, 0.0)),
        "chain-2": ("chain", _unit(0.1, 0.0, 0.995, 0.0)),
        "chain-3": ("chain", _unit(0.1, 0.0, 0.0, 0.995)),
        "whole-1": ("whole", _unit(0.65, 0.76, 0.0, 0.0)),
        "whole-2": ("whole", _unit(0.65, 0.0, 0.76, 0.0)),
        "whole-3": ("whole", _unit(0.65, 0.0, 0.0, 0.76)),
    }
    with Store(str(tmp_path / "s.db")) as store:
        for article_id in members:
            store.save(_record(article_id, "2024-06-01", [], [], f"Report {article_id}."))
        with store.engine.begin() as conn:
            for article_id, (story, vector) in members.items():
                conn.execute(
                    schema.link_signatures.insert().values(
                        article_id=article_id,
                        minhash=b"",
                        embedding=sig.vector_bytes(vector),
                        story_id=story,
                    )
                )
            rows = conn.execute(
                select(
                    schema.link_signatures.c.article_id,
                    schema.link_signatures.c.story_id,
                    schema.link_signatures.c.embedding,
                    schema.articles.c.published,
                ).join(schema.articles, schema.articles.c.id == schema.link_signatures.c.article_id)
            ).all()
            pending = _Pending("new", None, "", None, date(2024, 6, 2))
            assert _best_story(conn, pending, new, list(rows)) == "whole"
            # Alone, the close member of "chain" is enough: nothing else speaks against it.
            chain_only = [r for r in rows if r.story_id == "chain"][:1]
            conn.execute(
                schema.link_signatures.update()
                .where(schema.link_signatures.c.article_id.in_(["chain-2", "chain-3"]))
                .values(story_id="elsewhere")
            )
            assert _best_story(conn, pending, new, chain_only) == "chain"


def test_story_probe_keys_reach_buckets_one_sign_bit_away() -> None:
    from fogofwar.link import signatures as sig

    rng = np.random.default_rng(7)
    vector = _unit(*rng.standard_normal(384))
    probes = set(sig.story_probe_keys(vector))
    assert set(sig.story_keys(vector)) <= probes
    assert len(probes) == sig.STORY_BANDS * (sig.STORY_BITS + 1)
    # A neighbour that crosses exactly one hyperplane of the first band shares that band's probe.
    planes = sig._hyperplanes()
    h = planes[0]
    moved = vector - (2.05 * float(h @ vector) / float(h @ h)) * h
    flipped = (planes @ moved > 0) != (planes @ vector > 0)
    assert flipped[: sig.STORY_BITS].sum() == 1  # with this seed the move crosses no other plane of band 0
    assert sig.story_keys(moved)[0] != sig.story_keys(vector)[0] and sig.story_keys(moved)[0] in probes


def test_figures_group_by_what_they_count_not_by_the_extractors_slips(tmp_path: Path) -> None:
    def fig(text: str, value: float, category: str, side: str | None, claim: str, **kw: Any) -> Figure:
        return Figure(text, 0, len(text), value=value, category=category, side=side, claim=claim, **kw)

    strike = DateRange("2024-05-10", "2024-05-10")
    kyiv = _record(
        "kyiv",
        "2024-05-10",
        [
            fig("At least 31 people", 31, "civilians.killed", "UA", "c1", period=strike),
            fig("28 of them", 28, "civilians.killed", "UA", "c1", period=strike, parent=0),
            fig("several hundred", 300, "civilians.injured", "UA", "c2", period=strike),
            fig("about 68 million tonnes", 68e6, "other", "UA", "c3", unit="tonnes"),
            fig("189 prisoners", 189, "prisoners.exchanged", "UA", "c4", period=strike),
        ],
        [],
        "Kyiv report.",
    )
    wire = _record(
        "wire",
        "2024-05-11",
        [
            fig("at least 36 civilians", 36, "civilians.killed", "RU", "c1", period=strike),
            fig("about 67 million tonnes", 67e6, "other", "RU", "c2", unit="tonnes"),
            fig("about 4,000 residents", 4000, "other", "UA", "c3"),
            fig("150 prisoners", 150, "prisoners.exchanged", "UA", "c4", period=strike),
            fig("25 prisoners", 25, "prisoners.exchanged", "UA", "c5", period=strike),
        ],
        [],
        "Wire report.",
    )
    with Store(str(tmp_path / "s.db")) as store:
        groups = figure_groups(store, [kyiv, wire])
    found = {frozenset(m["text"] for m in g["members"]): g["disagree"] for g in groups}
    assert found == {
        # one toll, whichever side the extractor put it on; the sub-count and the vague amount stay out
        frozenset({"At least 31 people", "at least 36 civilians"}): True,
        # category "other": matched by unit, and 68 against 67 million is rounding
        frozenset({"about 68 million tonnes", "about 67 million tonnes"}): False,
        # 25 is another exchange, not a rival count of this one
        frozenset({"189 prisoners", "150 prisoners"}): True,
    }


def _claims(article_id: str, published: str, *said: tuple[str, str, str]) -> Record:
    """An article of claims (text, speaker, country); the text is the claims, one sentence each."""
    text, claims = "", []
    for n, (content, name, country) in enumerate(said, 1):
        start = len(text)
        text += content + ". "
        claims.append(
            Claim(
                f"c{n}",
                content,
                start,
                start + len(content),
                speaker=Speaker(name=name, country_code=country),
            )
        )
    return _record(article_id, published, [], claims, text.strip())


def test_a_denial_answers_the_one_assertion_it_is_about_between_opposed_parties() -> None:
    kyiv = _claims(
        "kyiv",
        "2024-06-02",
        ("naval drones had sunk the Russian corvette Ivanovets in Donuzlav Bay", "Ukraine's navy", "UA"),
        ("the navy had received twenty new patrol boats from Denmark", "Ukraine's navy", "UA"),
        ("the Russian army had lost 1,100 soldiers in the past day", "General Staff", "UA"),
    )
    copy = _claims("kyiv-copy", "2024-06-02", *[(c.text, "Ukraine's navy", "UA") for c in kyiv.claims])
    moscow = _claims(
        "moscow",
        "2024-06-02",
        (
            "no Russian ships had been damaged in the attack on Donuzlav Bay",
            "Russia's defence ministry",
            "RU",
        ),
        ("Russian troops had captured the village of Staromaiorske", "Russia's defence ministry", "RU"),
        ("the Black Sea Fleet would probably be moved further east", "Russia's defence ministry", "RU"),
    )
    ours = _claims(
        "kyiv-2",
        "2024-06-03",
        ("Ukrainian troops were still holding the village of Staromaiorske", "Ukraine's army", "UA"),
        ("the corvette had not been hit, contrary to earlier reports", "a Ukrainian official", "UA"),
    )
    found = contradictions([kyiv, copy, moscow, ours], skip=frozenset({"kyiv-copy"}))
    pairs = {(c["kind"], frozenset({c["a"]["text"], c["b"]["text"]})) for c in found}
    assert pairs == {
        (
            "negation",
            frozenset(
                {
                    "naval drones had sunk the Russian corvette Ivanovets in Donuzlav Bay",
                    "no Russian ships had been damaged in the attack on Donuzlav Bay",
                }
            ),
        ),
        (
            "status",
            frozenset(
                {
                    "Russian troops had captured the village of Staromaiorske",
                    "Ukrainian troops were still holding the village of Staromaiorske",
                }
            ),
        ),
    }
    # Both sides of every pair speak for different countries: the Ukrainian official's doubt
    # about the navy's claim is not set against it, however close the two are.
    assert all({c["a"]["article"], c["b"]["article"]} & {"moscow"} for c in found)


def test_a_figure_repeated_in_other_words_joins_the_group_of_the_figure_it_repeats(tmp_path: Path) -> None:
    def fig(text: str, value: float, category: str, side: str | None, claim: str) -> Figure:
        swap = DateRange("2024-12-30", "2024-12-30")
        return Figure(text, 0, len(text), value=value, category=category, side=side, claim=claim, period=swap)

    kyiv = _record(
        "kyiv",
        "2024-12-30",
        [
            fig("189 prisoners", 189, "prisoners.exchanged", "UA", "c1"),
            fig("150 Russian servicemen", 150, "prisoners.exchanged", "RU", "c2"),
        ],
        [],
        "Kyiv report.",
    )
    moscow = _record(
        "moscow",
        "2024-12-31",
        [
            fig("150 Ukrainian prisoners", 150, "prisoners.exchanged", "UA", "c1"),
            fig("150 Russian servicemen", 150, "prisoners.exchanged", "RU", "c1"),
            # the extractor's slips: a wrong category, and a nationality for a count of prisoners
            fig("189 people", 189, "civilians.injured", "UA", "c2"),
            fig("150 Russians", 150, "other", "RU", "c3"),
            # no noun at all: what it counts is in its claim
            fig("43", 43, "other", "UA", "c4"),
            fig("at least 38 civilians", 38, "civilians.killed", "RU", "c5"),
        ],
        [
            Claim("c4", "the number of people killed in the shelling of Kherson rose to 43", 0, 10),
        ],
        "Moscow report.",
    )
    copy = _record("copy", "2024-12-31", list(moscow.figures), list(moscow.claims), "Moscow report.")
    with Store(str(tmp_path / "s.db")) as store:
        groups = figure_groups(store, [kyiv, moscow, copy], skip=frozenset({"copy"}))
    found = {(g["side"], frozenset((m["article"], m["text"]) for m in g["members"])) for g in groups}
    assert found == {
        (
            "UA",
            frozenset(
                {("kyiv", "189 prisoners"), ("moscow", "150 Ukrainian prisoners"), ("moscow", "189 people")}
            ),
        ),
        (
            "RU",
            frozenset(
                {
                    ("kyiv", "150 Russian servicemen"),
                    ("moscow", "150 Russian servicemen"),
                    ("moscow", "150 Russians"),
                }
            ),
        ),
        (None, frozenset({("moscow", "43"), ("moscow", "at least 38 civilians")})),
    }


def test_a_forecast_reads_only_the_later_articles_nearest_it_by_lead(monkeypatch: pytest.MonkeyPatch) -> None:
    import fogofwar.link.forecasts as fc

    talks = _forecast(
        "talks-1", "2025-03-12", "mediators hoped a ceasefire could be in place within days", None
    )
    settles = _record(
        "summit", "2025-05-16", [], [], "Two months after the proposal for a ceasefire, no truce is in place."
    )
    other = _record("grain", "2025-05-16", [], [], "Grain exports through the Black Sea rose in May.")
    read: list[str] = []
    plain = fc.sentence_vectors()

    def counting(record: Record) -> list[tuple[str, np.ndarray]]:
        read.append(record.article.id)
        return plain(record)

    monkeypatch.setattr(fc, "MAX_EVIDENCE", 1)
    about = fc.embed([talks.claims[0].text])[0]
    near = {"summit": about, "grain": -about}  # the summit's lead is the nearer one
    (item,) = fc.forecasts([talks, other, settles], as_of="2025-05-16", vectors=counting, leads=near.get)
    assert item["status"] == "did_not" and read == ["summit"]


def test_the_read_model_imports_no_link_code_and_link_code_writes_no_sql() -> None:
    """query sits below link (the flow runs one way), and link reaches the store through query
    and store.linking: no statement of its own."""
    import ast

    import fogofwar

    src = Path(fogofwar.__file__).parent

    def imported(path: Path) -> set[str]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        return names | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}

    assert not {m for m in imported(src / "query.py") if m.startswith("fogofwar.link")}
    for path in sorted((src / "link").glob("*.py")):
        sql = {m for m in imported(path) if m.startswith("sqlalchemy") or m == "fogofwar.store.schema"}
        assert sql <= {"sqlalchemy"}, path.name  # a Connection type passed through, at most
        assert "schema." not in path.read_text(encoding="utf-8"), path.name
