"""Claimants as entities across articles, and figure groups that state their scope (issue 29).

Names and sentences are our own; the lexicon is the bundled knowledge/claimants.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogofwar.link.claimants import canonical, merge_surnames
from fogofwar.link.figures import figure_groups
from fogofwar.link.sources import track_record
from fogofwar.model import Article, Claim, DateRange, Figure, Place, Record, Speaker
from fogofwar.store import Store


def _key(name: str, kind: str | None = None, affiliation: str | None = None) -> str | None:
    found = canonical(name, kind, affiliation)
    return found.key if found else None


def test_zelensky_written_four_ways_is_one_claimant_of_ukraine() -> None:
    names = [
        "Zelensky",
        "Zelenskyy",
        "President Volodymyr Zelenskiy",
        "Ukrainian President Volodymyr Zelenskyi",
    ]
    found = [canonical(n) for n in names]
    assert len({c.key for c in found if c}) == 1 and all(found)
    assert found[0] is not None and (found[0].name, found[0].side) == ("Volodymyr Zelensky", "UA")


def test_syrskyi_written_three_ways_is_one_claimant() -> None:
    keys = {_key(n) for n in ("Syrskyi", "Commander-in-Chief Oleksandr Syrsky", "General Syrskiy's office")}
    assert len(keys) == 1 and None not in keys


def test_defense_and_defence_ministry_are_one_source_per_side() -> None:
    russian = {
        _key(n)
        for n in (
            "Russia's Defence Ministry",
            "the Russian Defense Ministry",
            "Russian MoD",
            "Russia's Ministry of Defence",
        )
    }
    assert russian == {"institution/RU/defense ministry"}
    assert _key("Ukraine's Defence Ministry") == "institution/UA/defense ministry"
    # A ministry named without its country takes the speaker's affiliation as its side.
    assert _key("the Defense Ministry", "government", "RU") == "institution/RU/defense ministry"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("He", "person"),
        ("government", "government"),
        ("strikes", None),
        ("officials", None),
        ("Ukrainian officials", None),
        ("Some", None),
        ("president", None),
        ("Washington's decision", None),
        ("commandant's office", None),
        ("Western analysts", "anonymous"),
        (None, "government"),
    ],
)
def test_pronouns_and_common_nouns_are_never_claimants(name: str | None, kind: str | None) -> None:
    assert canonical(name, kind) is None


def test_a_country_or_its_capital_speaking_is_its_government() -> None:
    assert {_key("Moscow"), _key("Kremlin"), _key("Russia")} == {"institution/RU/government"}
    assert _key("Ukraine's government") == _key("Kyiv") == "institution/UA/government"


def test_an_unlisted_name_folds_its_transliteration_and_its_surname_joins_the_full_name() -> None:
    # Not in the lexicon: the folding rules alone make the spellings one.
    full, other = canonical("Oleksii Hromov", "person"), canonical("Oleksiy Hromov", "person")
    alone = canonical("Hromov", "person")
    assert full and other and alone and full.key == other.key != alone.key
    assert merge_surnames([full, alone])[alone.key] == full
    # Two Hromovs in the set: the surname alone stays apart.
    brother = canonical("Petro Hromov", "person")
    assert brother and merge_surnames([full, brother, alone])[alone.key] == alone


def test_outlets_quoted_as_speakers_are_the_outlet() -> None:
    assert _key("Reuters") == _key("Reuters", "outlet") == "outlet/reuters"
    assert _key("ISW") == _key("Institute for the Study of War")


# --- figure groups -------------------------------------------------------------------------


def _record(
    aid: str, outlet: str, published: str, text: str, figures: list[Figure], **parts: object
) -> Record:
    article = Article(id=aid, text=text, outlet=outlet, published=published, title=aid)
    return Record(article=article, figures=figures, **parts)  # type: ignore[arg-type]


def _figure(text: str, phrase: str, value: float, category: str, side: str, period: DateRange) -> Figure:
    start = text.index(phrase)
    return Figure(
        phrase,
        start,
        start + len(phrase),
        value=value,
        category=category,
        side=side,
        period=period,
        claim="c1",
    )


def _claim(text: str, speaker: Speaker) -> list[Claim]:
    return [Claim("c1", text, 0, len(text), speaker=speaker)]


def _place(text: str, phrase: str, **fields: object) -> Place:
    start = text.index(phrase)
    return Place(phrase, start, start + len(phrase), **fields)  # type: ignore[arg-type]


def _kursk(text: str) -> Place:
    return _place(
        text, "Kursk region", name="Kursk Oblast", kind="admin1", country_code="RU", admin1="Kursk Oblast"
    )


def _groups(tmp_path: Path, records: list[Record]) -> list[dict[str, object]]:
    with Store(str(tmp_path / "s.db")) as store:
        return figure_groups(store, records, frozenset())


def test_a_kursk_toll_is_not_set_against_a_whole_war_total(tmp_path: Path) -> None:
    since_august = DateRange("2024-08-06", "2025-01-10")
    since_invasion = DateRange("2022-02-24", "2025-01-10")
    texts = [
        "Commander Syrskyi said Russian forces had lost 3,500 tanks in the Kursk region since August.",
        "President Zelenskyy said Russia had lost 3,700 tanks in the Kursk region since August.",
        "The General Staff said Russia had lost 8,000 tanks since the full-scale invasion began.",
        "Western estimates put Russian tank losses at 8,400 since the start of the full-scale invasion.",
    ]
    speakers = [
        Speaker("Syrskyi", "person"),
        Speaker("Zelenskyy", "person"),
        Speaker("General Staff", "military", "UA"),
        Speaker("Institute for the Study of War", "organisation"),
    ]
    values = [("3,500 tanks", 3500.0), ("3,700 tanks", 3700.0), ("8,000 tanks", 8000.0), ("8,400", 8400.0)]
    records = []
    for n, (text, speaker, (phrase, value)) in enumerate(zip(texts, speakers, values, strict=True)):
        period = since_august if n < 2 else since_invasion
        places = [_kursk(text)] if n < 2 else []
        figure = _figure(text, phrase, value, "equipment.tank", "RU", period)
        records.append(
            _record(
                f"t{n}",
                "Kyiv Ledger",
                "2025-01-10",
                text,
                [figure],
                claims=_claim(text, speaker),
                places=places,
            )
        )
    groups = _groups(tmp_path, records)
    by_scope = {(g["scope"]["place"], g["scope"]["since"]): g for g in groups}  # type: ignore[index]
    assert set(by_scope) == {("Kursk Oblast", "2024-08-06"), (None, "2022-02-24")}
    kursk = by_scope[("Kursk Oblast", "2024-08-06")]
    assert [m["value"] for m in kursk["members"]] == [3500.0, 3700.0]  # type: ignore[index]
    assert [m["claimant"] for m in kursk["members"]] == ["Oleksandr Syrskyi", "Volodymyr Zelensky"]  # type: ignore[index]


def test_a_regions_toll_and_the_countrys_toll_of_one_day_are_two_groups(tmp_path: Path) -> None:
    day = DateRange("2024-05-19", "2024-05-19")
    texts = [
        "Russian strikes on the Kharkiv region killed 11 civilians on Sunday, the governor said.",
        "The governor said 12 civilians were killed in the Kharkiv region on Sunday.",
        "Across Ukraine, Russian attacks killed 14 civilians on Sunday, the Interior Ministry said.",
        "The interior ministry put the nationwide toll for Sunday at 15 civilians.",
    ]
    records = []
    for n, text in enumerate(texts):
        phrase = next(
            p for p in ("11 civilians", "12 civilians", "14 civilians", "15 civilians") if p in text
        )
        figure = _figure(text, phrase, float(phrase.split()[0]), "civilians.killed", "UA", day)
        places = [
            _place(
                text,
                "Kharkiv region",
                name="Kharkiv Oblast",
                kind="admin1",
                country_code="UA",
                admin1="Kharkiv Oblast",
            )
            if "Kharkiv" in text
            else _place(text, "Ukraine", name="Ukraine", kind="country", country_code="UA")
            if "Ukraine" in text
            else None
        ]
        speaker = Speaker(
            "Oleh Syniehubov" if n < 2 else "Interior Ministry", "person" if n < 2 else "government", "UA"
        )
        records.append(
            _record(
                f"k{n}", "Kyiv Ledger", "2024-05-20", text, [figure],
                claims=_claim(text, speaker), places=[p for p in places if p],
            )
        )  # fmt: skip
    groups = _groups(tmp_path, records)
    scopes = sorted(
        (str(g["scope"]["place"]), g["scope"]["whole"], [m["value"] for m in g["members"]])  # type: ignore[index]
        for g in groups
    )
    assert scopes == [("Kharkiv Oblast", False, [11.0, 12.0]), ("None", True, [14.0, 15.0])]


def test_the_russian_ministry_and_kyiv_line_up_on_one_exchange(tmp_path: Path) -> None:
    day = DateRange("2024-09-14", "2024-09-14")
    moscow = "Russia's Defence Ministry said 103 Ukrainian prisoners of war were handed over on Saturday."
    kyiv = "President Zelenskyy said 103 Ukrainian defenders came home on Saturday."
    records = [
        _record(
            "m", "Eastern Wire", "2024-09-14", moscow,
            [_figure(moscow, "103 Ukrainian prisoners of war", 103.0, "prisoners.exchanged", "UA", day)],
            claims=_claim(moscow, Speaker("Russia's Defence Ministry", "government", "RU")),
        ),
        _record(
            "k", "Kyiv Ledger", "2024-09-14", kyiv,
            [_figure(kyiv, "103 Ukrainian defenders", 103.0, "prisoners.exchanged", "UA", day)],
            claims=_claim(kyiv, Speaker("Zelenskyy", "person")),
        ),
    ]  # fmt: skip
    [group] = _groups(tmp_path, records)
    members = group["members"]
    assert sorted((m["claimant"], m["claimant_side"]) for m in members) == [  # type: ignore[index]
        ("Russian Defence Ministry", "RU"),
        ("Volodymyr Zelensky", "UA"),
    ]
    assert group["claimants"] == 2 and group["disagree"] is False


def test_a_pronoun_speaker_leaves_the_figure_to_the_outlet(tmp_path: Path) -> None:
    day = DateRange("2024-05-19", "2024-05-19")
    a = "He said 40 people were killed in the Kharkiv region."
    b = "Officials said 44 people were killed in the Kharkiv region."
    fa = _figure(a, "40 people", 40.0, "civilians.killed", "UA", day)
    fb = _figure(b, "44 people", 44.0, "civilians.killed", "UA", day)
    records = [
        _record("a", "Kyiv Ledger", "2024-05-20", a, [fa], claims=_claim(a, Speaker("He", "person"))),
        _record(
            "b", "Eastern Wire", "2024-05-20", b, [fb], claims=_claim(b, Speaker("government", "government"))
        ),
    ]
    [group] = _groups(tmp_path, records)
    assert [m["claimant"] for m in group["members"]] == ["Kyiv Ledger", "Eastern Wire"]  # type: ignore[index]


def test_a_figure_of_an_article_without_outlet_whose_speaker_is_nobody_is_unknown(tmp_path: Path) -> None:
    day = DateRange("2024-05-19", "2024-05-19")
    a = "He said 40 people were killed in the Kharkiv region."
    b = "Ukraine's interior ministry said 42 people were killed in the Kharkiv region."
    fa = _figure(a, "40 people", 40.0, "civilians.killed", "UA", day)
    fb = _figure(b, "42 people", 42.0, "civilians.killed", "UA", day)
    records = [
        Record(
            Article(id="a", text=a, published="2024-05-20"),
            figures=[fa],
            claims=_claim(a, Speaker("He", "person")),
        ),
        _record(
            "b",
            "Kyiv Ledger",
            "2024-05-20",
            b,
            [fb],
            claims=_claim(b, Speaker("Ukraine's interior ministry")),
        ),
    ]
    [group] = _groups(tmp_path, records)
    assert [m["claimant"] for m in group["members"]] == ["unknown", "Ukrainian Interior Ministry"]  # type: ignore[index]


def test_sources_has_one_row_per_claimant_and_none_for_pronouns() -> None:
    forecasts = [
        {"article": "a", "speaker": speaker, "status": "open"}
        for speaker in (
            "Zelensky",
            "Zelenskyy",
            "He",
            "government",
            "Reuters",
            "Russian MoD",
            "Russia's Defence Ministry",
        )
    ]
    rows = track_record({"forecasts": forecasts}, {"a": "Reuters"})
    by_name = {(r["kind"], r["name"]): r for r in rows}
    assert set(by_name) == {
        ("outlet", "Reuters"),
        ("speaker", "Volodymyr Zelensky"),
        ("speaker", "Russian Defence Ministry"),
    }
    assert by_name[("speaker", "Volodymyr Zelensky")]["forecasts"] == 2
    assert by_name[("speaker", "Russian Defence Ministry")]["side"] == "RU"
    # Reuters printed all seven and is quoted once: seven, not eight.
    assert by_name[("outlet", "Reuters")]["forecasts"] == 7


def test_the_links_table_says_each_figure_groups_scope() -> None:
    # Two tolls of one category and side are only comparable when their scopes match: the
    # terminal table must say which place and first day a group counts.
    from rich.console import Console

    from fogofwar.render import links_tables

    group = {
        "category": "personnel.casualties",
        "side": "UA",
        "scope": {"place": "Kursk Oblast", "whole": False, "since": "2024-08-06"},
        "members": [{"value": 5000.0, "claimant": "Russian Defence Ministry"}],
        "spread": 1.0,
        "disagree": False,
    }
    empty = {"duplicates": [], "stories": [], "contradictions": [], "forecasts": []}
    console = Console(width=200, record=True)
    console.print(links_tables({**empty, "figure_groups": [group]}))
    assert "Kursk Oblast, since 2024-08-06" in console.export_text()
