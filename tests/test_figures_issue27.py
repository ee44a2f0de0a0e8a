"""Figures on reporting the rules were not written on (issue 27): periods only from a time the
figure's clause has, sides from who does what to whom, categories from the lexicon, and numbers
that are no figures. Every sentence here was written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from fogofwar.nlp import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def figures(nlp: Language, text: str, published: str = "2025-04-10") -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.published = published
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    found: list[dict[str, Any]] = doc._.figures
    for f in found:
        assert text[f["start"] : f["end"]] == f["text"]
    return found


def one(nlp: Language, text: str, needle: str, published: str = "2025-04-10") -> dict[str, Any]:
    """The figure whose span contains `needle`."""
    hits = [f for f in figures(nlp, text, published) if needle in f["text"]]
    assert len(hits) == 1, (needle, figures(nlp, text, published))
    return hits[0]


def begin(fig: dict[str, Any]) -> str | None:
    return (fig["period"] or {}).get("begin")


# ---------------------------------------------------------------------- period
def test_a_date_in_a_relative_clause_on_another_noun_is_no_period(nlp: Language) -> None:
    text = "The army plans to draft 3,000 men a month under a decree it signed in January."
    assert begin(one(nlp, text, "3,000")) is None


def test_a_dateline_dates_the_dispatch_not_the_figure(nlp: Language) -> None:
    text = (
        "KYIV, Feb 18 (Northern Wire) - Ukraine's 110th Brigade said it had left the town after Russian "
        "forces massed some 40,000 troops around it."
    )
    assert begin(one(nlp, text, "40,000", published="2024-02-18")) is None


def test_now_marks_a_stock_with_no_period(nlp: Language) -> None:
    text = (
        "Kyiv has between 8,000 and 9,000 troops in the bridgehead, officials said, and the brigades "
        "now control 600 square kilometres."
    )
    assert begin(one(nlp, text, "8,000")) is None
    assert begin(one(nlp, text, "600 square")) is None


def test_since_a_month_still_to_come_this_year_is_last_years(nlp: Language) -> None:
    text = "The militia has fired 140 rockets towards the border towns since October, the army says."
    assert begin(one(nlp, text, "140 rockets", published="2024-08-01")) == "2023-10-01"


def test_a_new_live_blog_entry_takes_no_period_from_the_one_before(nlp: Language) -> None:
    text = (
        "10:05 - The army says it has called up 50,000 reservists since Monday. "
        "09:40 - The ministry says 800 people have been killed in the strikes."
    )
    assert begin(one(nlp, text, "800 people", published="2025-04-10")) is None


def test_a_clause_on_the_figures_own_noun_dates_it(nlp: Language) -> None:
    text = "The group freed four Thai farmworkers held in the tunnels on Sunday, the mediators said."
    assert begin(one(nlp, text, "four Thai", published="2025-04-10")) == "2025-04-06"


def test_since_a_day_clauses_before_the_figure_dates_it(nlp: Language) -> None:
    text = (
        "Since the assault on Toretsk began on 3 March, Russian units have crossed the canal, "
        "taken the mine and, by Kyiv's count, lost more than 1,800 fighters killed."
    )
    fig = one(nlp, text, "1,800")
    assert begin(fig) == "2025-03-03"
    assert fig["side"] == "RU"


# ---------------------------------------------------------------------- side
def test_drones_are_the_launchers_and_the_dead_where_they_fell(nlp: Language) -> None:
    text = "Militants fired mortars at a market in Bamako on Friday, killing 40 people."
    assert one(nlp, text, "40 people")["side"] == "ML"


def test_the_owner_of_a_tally_owns_its_amount(nlp: Language) -> None:
    text = "Ukraine's defence ministry puts Russia's losses at roughly 700,000 killed and wounded."
    assert one(nlp, text, "700,000")["side"] == "RU"
    text = "Ukraine's General Staff counts Russian losses at about 900,000 personnel and 11,000 tanks."
    assert [f["side"] for f in figures(nlp, text)] == ["RU", "RU"]


def test_a_side_in_another_clause_is_not_the_actor(nlp: Language) -> None:
    text = (
        "US and British warships struck radar sites in Yemen overnight, after the group launched 15 "
        "drones at shipping."
    )
    assert one(nlp, text, "15 drones")["side"] == "YE"


def test_a_verb_joined_to_another_shares_its_subject(nlp: Language) -> None:
    text = (
        "The militia has fired 90 rockets towards Israel since June, the Israeli army says; a rocket "
        "that hit a kibbutz on 3 July killed a farmer and wounded six people."
    )
    assert one(nlp, text, "six people", published="2024-08-01")["side"] == "IL"


def test_ground_ceded_is_the_other_sides(nlp: Language) -> None:
    text = "Ukraine's army has lost control of about 60 square kilometres near Kupiansk, analysts said."
    assert one(nlp, text, "60 square")["side"] == "RU"


def test_a_foreign_contingent_is_its_own_side(nlp: Language) -> None:
    fig = one(nlp, "Nine Malawian peacekeepers were killed near Sake on Thursday.", "Nine")
    assert (fig["side"], fig["category"]) == ("MW", "personnel.killed")
    fig = one(nlp, "Rwanda has about 4,000 soldiers inside Congo, the experts wrote.", "4,000")
    assert (fig["side"], fig["category"]) == ("RW", "personnel.troops")


# ---------------------------------------------------------------------- category
def test_prisoners_swapped_one_for_one(nlp: Language) -> None:
    found = figures(nlp, "Kyiv and Moscow swapped 84 for 84 on Thursday.")
    assert [(f["value"], f["category"], f["side"]) for f in found] == [
        (84, "prisoners.exchanged", None),
        (84, "prisoners.exchanged", None),
    ]


def test_an_execution_kills_whatever_the_phrase_says(nlp: Language) -> None:
    fig = one(nlp, "Russian troops executed 16 captured Ukrainian soldiers near Pokrovsk.", "16")
    assert (fig["category"], fig["side"]) == ("personnel.killed", "UA")


def test_killed_or_wounded_stays_casualties(nlp: Language) -> None:
    text = "Moscow said its forces had killed or wounded more than 900 Ukrainian troops over the past day."
    assert one(nlp, text, "900")["category"] == "personnel.casualties"


def test_staff_of_an_agency_killed_are_civilians(nlp: Language) -> None:
    text = "The agency for refugees says 40 of its staff in the enclave have been killed since the war began."
    assert one(nlp, text, "40 of its staff")["category"] == "civilians.killed"


def test_a_staff_that_commands_is_no_staff_killed(nlp: Language) -> None:
    text = "On Monday the Joint Chiefs of Staff gave a similar figure of around 1,100 casualties."
    assert one(nlp, text, "1,100")["category"] == "personnel.casualties"


def test_a_health_ministry_toll_counts_civilians(nlp: Language) -> None:
    text = "The death toll in the enclave has passed 12,000, the health ministry said on Friday."
    fig = one(nlp, text, "12,000")
    assert (fig["category"], begin(fig)) == ("civilians.killed", None)


def test_badly_wounded_soldiers_handed_over_are_an_exchange(nlp: Language) -> None:
    text = "Moscow also handed over 12 badly wounded Ukrainian soldiers."
    fig = one(nlp, text, "12")
    assert (fig["category"], fig["side"]) == ("prisoners.exchanged", "UA")


def test_artillery_units(nlp: Language) -> None:
    text = "The ministry said its forces destroyed 14 artillery units in the past week."
    assert one(nlp, text, "14")["category"] == "equipment.artillery"


def test_nine_in_ten_is_a_share(nlp: Language) -> None:
    fig = one(nlp, "Nine in ten people in the camps have been displaced at least twice.", "Nine")
    assert (fig["value"], fig["unit"]) == (0.9, "share")
    assert not [f for f in figures(nlp, "Two in 3 days is their pace.") if f["unit"] == "share"]


# ---------------------------------------------------------------------- no figures
@pytest.mark.parametrize(
    "text, number",
    [
        (
            "Bashar al-Assad, 59, fled to Moscow after rebels took the capital, where 40 soldiers deserted.",
            "59",
        ),
        ("The toll rose between 12 and 15 March, when 30 people were killed.", "12"),
        ("Convoys moved south along Route 4 after 20 trucks were hit.", "4"),
        ("A 24-hour hotline, 1551, takes reports; 35 people were injured.", "1551"),
    ],
)
def test_numbers_that_are_no_figures(nlp: Language, text: str, number: str) -> None:
    found = figures(nlp, text)
    assert [f for f in found if f["category"] != "other"], "the real figure is still found"
    assert not [f for f in found if f["text"].strip() == number or f["text"].startswith(number + " ")]


def test_the_number_of_a_name_counts_nothing(nlp: Language) -> None:
    text = (
        "The alliance says it has taken 100 outposts and four towns since launching Operation 1027 on "
        "27 October."
    )
    found = figures(nlp, text, published="2023-11-10")
    assert [f["category"] for f in found if f["text"] == "1027"] == ["other"]
    assert [f["category"] for f in found if f["text"] != "1027"] == ["territory", "territory"]
