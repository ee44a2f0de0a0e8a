"""The figures component: numbers, qualifiers, categories, sides, sub-counts, periods, non-figures.

Every sentence here was written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from fogofwar.annotate import extract
from fogofwar.knowledge import figure_lexicon
from fogofwar.nlp import build_pipeline
from fogofwar.nlp.figures import FiguresFinder


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def run(nlp: Language, text: str, published: str | None = "2024-03-10", times: Any = None) -> Doc:
    """The pipeline over `text`; `times` (a list of TimeRef dicts) replaces what the times
    component found, so that period rules are tested on their own."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for name, proc in nlp.pipeline:
        if name == "fogofwar_figures" and times is not None:
            doc._.times = times
        doc = proc(doc)
    return doc


def figures(nlp: Language, text: str, **kw: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = run(nlp, text, **kw)._.figures
    for f in found:
        assert text[f["start"] : f["end"]] == f["text"]
    return found


def one(nlp: Language, text: str, needle: str, **kw: Any) -> dict[str, Any]:
    """The figure whose span contains `needle`."""
    hits = [f for f in figures(nlp, text, **kw) if needle in f["text"]]
    assert len(hits) == 1, (needle, figures(nlp, text, **kw))
    return hits[0]


def time_ref(text: str, phrase: str, begin: str, end: str | None = None) -> dict[str, Any]:
    start = text.index(phrase)
    return {
        "text": phrase,
        "start": start,
        "end": start + len(phrase),
        "kind": "interval",
        "timex_type": "DATE",
        "value": begin,
        "range": {"begin": begin, "end": end or begin},
        "mod": None,
    }


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "needle", "value", "low", "high", "qualifier"),
    [
        ("Rescuers pulled 1,250 wounded soldiers from the ruins.", "1,250", 1250, None, None, "exact"),
        ("The brigade lost five tanks near the river.", "five tanks", 5, None, None, "exact"),
        (
            "The army lost twenty-five thousand soldiers in the winter.",
            "twenty-five",
            25000,
            None,
            None,
            "exact",
        ),
        ("Militias fired a dozen drones at the depot.", "a dozen", 12, None, None, "exact"),
        ("Hundreds of civilians sheltered in the metro.", "Hundreds", 200, 200, None, "at_least"),
        ("Several hundred troops crossed the river.", "Several hundred", 300, 300, None, "at_least"),
        ("Dozens of soldiers were wounded in the raid.", "Dozens", 24, 24, None, "at_least"),
        ("Some 1.2 million people fled the province.", "1.2 million", 1_200_000, None, None, "about"),
        ("Half a million people fled the coast.", "Half a million", 500_000, None, None, "exact"),
        ("Officials said 1,000+ troops massed at the border.", "1,000+", 1000, 1000, None, "over"),
        ("Between 50 and 60 drones were launched.", "50 and 60", 55, 50, 60, "range"),
        ("Air defences downed 50-60 drones.", "50-60", 55, 50, 60, "range"),
        ("Guards said 30 to 40 soldiers surrendered.", "30 to 40", 35, 30, 40, "range"),
        ("They lost 12 tanks or more in the assault.", "12 tanks", 12, 12, None, "at_least"),
    ],
)
def test_numbers(
    nlp: Language, text: str, needle: str, value: float, low: float | None, high: float | None, qualifier: str
) -> None:
    f = one(nlp, text, needle)
    assert (f["value"], f["low"], f["high"], f["qualifier"]) == (value, low, high, qualifier)


def test_fractions_and_percents(nlp: Language) -> None:
    half = one(nlp, "The rebels now hold half of the territory they once claimed.", "half")
    assert (half["value"], half["unit"], half["category"]) == (0.5, "share", "territory")
    third = one(nlp, "Strikes have sunk a third of the enemy fleet, the navy said.", "a third")
    assert third["value"] == pytest.approx(1 / 3)
    assert (third["unit"], third["category"]) == ("share", "equipment.ship")
    pct = one(nlp, "The army retook 40% of the region in May.", "40%")
    assert (pct["value"], pct["unit"]) == (40, "percent")
    pct_word = one(nlp, "Turnout fell to 38 percent this year.", "38 percent")
    assert (pct_word["value"], pct_word["unit"]) == (38, "percent")


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "high"),
    [
        ("more than 900", "over", 900, None),
        ("over 900", "over", 900, None),
        ("at least 900", "at_least", 900, None),
        ("about 900", "about", None, None),
        ("approximately 900", "about", None, None),
        ("nearly 900", "under", None, 900),
        ("fewer than 900", "under", None, 900),
        ("up to 900", "at_most", None, 900),
        ("as many as 900", "at_most", None, 900),
    ],
)
def test_qualifiers(
    nlp: Language, phrase: str, qualifier: str, low: float | None, high: float | None
) -> None:
    f = one(nlp, f"The ministry said {phrase} soldiers had been wounded.", "900")
    assert f["text"].startswith(phrase)
    assert (f["value"], f["qualifier"], f["low"], f["high"]) == (900, qualifier, low, high)


def test_handed_over_is_no_qualifier(nlp: Language) -> None:
    f = one(nlp, "At the border, each side handed over 150 soldiers.", "150")
    assert (f["qualifier"], f["category"], f["side"]) == ("exact", "prisoners.exchanged", None)


# ---------------------------------------------------------------- categories


@pytest.mark.parametrize(
    ("text", "needle", "category"),
    [
        ("The unit destroyed 14 tanks near the village.", "14 tanks", "equipment.tank"),
        ("The unit destroyed 9 armoured vehicles at dawn.", "9 armoured vehicles", "equipment.afv"),
        ("Losses included 11 infantry fighting vehicles.", "11 infantry", "equipment.ifv"),
        ("Losses included 6 armoured personnel carriers.", "6 armoured", "equipment.apc"),
        ("The strike hit 8 artillery systems.", "8 artillery", "equipment.artillery"),
        ("Kyiv received 20 HIMARS last year.", "20 HIMARS", "equipment.mlrs"),
        ("Officials said 4 S-300 batteries were hit.", "4 S-300", "equipment.air_defence"),
        ("The air force said it had downed 31 Shahed drones.", "31 Shahed", "equipment.uav"),
        ("The brigade fielded 18 Leopard 2 tanks.", "18 Leopard 2", "equipment.tank"),
        ("Crews abandoned 3 Bradley fighting vehicles.", "3 Bradley", "equipment.ifv"),
        ("Gunners shot down 2 helicopters over the bay.", "2 helicopters", "equipment.helicopter"),
        ("Pilots lost 5 warplanes in a week.", "5 warplanes", "equipment.aircraft"),
        ("The navy fired 12 cruise missiles.", "12 cruise", "equipment.missile"),
        ("Drones damaged 3 warships in port.", "3 warships", "equipment.ship"),
        ("Saboteurs burned 40 military trucks.", "40 military trucks", "equipment.vehicle"),
        ("At least 120 soldiers were killed in the assault.", "120 soldiers", "personnel.killed"),
        ("The fighting left 300 soldiers wounded.", "300 soldiers", "personnel.wounded"),
        ("The division suffered 2,000 casualties.", "2,000 casualties", "personnel.casualties"),
        ("Guards captured 45 soldiers in the trench.", "45 soldiers", "personnel.captured"),
        ("The general deployed 8,000 troops to the front.", "8,000 troops", "personnel.troops"),
        ("Shelling killed 17 civilians in the market.", "17 civilians", "civilians.killed"),
        ("The blast injured 23 people at the station.", "23 people", "civilians.injured"),
        ("Floods of refugees: 90,000 people fled the town.", "90,000 people", "civilians.displaced"),
        ("The deal freed 40 hostages on Friday.", "40 hostages", "prisoners.exchanged"),
        ("The army took 150 square kilometres in the offensive.", "150 square", "territory"),
        ("Rebels seized 12 villages in the valley.", "12 villages", "territory"),
        ("The convoy of 60 aid trucks waited at the crossing.", "60 aid trucks", "other"),
    ],
)
def test_categories(nlp: Language, text: str, needle: str, category: str) -> None:
    assert one(nlp, text, needle)["category"] == category


EQUIPMENT = "tank afv ifv apc artillery mlrs air_defence aircraft helicopter uav missile ship vehicle"


EQUIPMENT = "tank afv ifv apc artillery mlrs air_defence aircraft helicopter uav missile ship vehicle"


def test_every_category_is_the_scorer_list() -> None:
    """The categories of knowledge/figures.json are the contract of shared/eval/figures.py."""
    expected = {
        *(f"personnel.{s}" for s in ("killed", "wounded", "casualties", "captured", "troops")),
        *(f"equipment.{s}" for s in EQUIPMENT.split()),
        "territory",
        *(f"civilians.{s}" for s in ("killed", "injured", "displaced")),
        "prisoners.exchanged",
        "other",
    }
    assert set(figure_lexicon().categories) == expected


def test_bare_number_counts_what_came_before(nlp: Language) -> None:
    found = figures(nlp, "The enemy fired 60 missiles at the city; 52 were intercepted and another 8 hit.")
    assert [f["category"] for f in found] == ["equipment.missile"] * 3
    found = figures(nlp, "Troops reported 400 casualties. The ministry put the toll at about 350.")
    assert found[-1]["category"] == "personnel.casualties"


# ---------------------------------------------------------------- sub-counts


def test_subcounts_have_a_parent(nlp: Language) -> None:
    text = "The army lost 14 rocket launchers, including four HIMARS, and 30 tanks."
    found = figures(nlp, text)
    assert [f["text"] for f in found] == ["14 rocket launchers", "four HIMARS", "30 tanks"]
    assert [f["parent"] for f in found] == [None, 0, None]
    assert found[1]["category"] == "equipment.mlrs"
    text = "The enemy launched 90 drones overnight and air defences downed 71 of them."
    found = figures(nlp, text)
    assert found[1]["text"] == "71 of them"
    assert (found[1]["parent"], found[1]["category"]) == (0, "equipment.uav")


def test_subcount_of_people_takes_the_whole_category(nlp: Language) -> None:
    found = figures(nlp, "The group released 19 hostages, including 7 Thai nationals and 2 Nepalis.")
    assert found[1]["parent"] == 0 and found[1]["category"] == "prisoners.exchanged"
    assert found[1]["side"] == "TH"


# ---------------------------------------------------------------- sides


@pytest.mark.parametrize(
    ("text", "needle", "side"),
    [
        ("Ukrainian units have lost 40 tanks this month, analysts said.", "40 tanks", "UA"),
        ("North Korean troops have taken over 900 casualties near the border.", "900", "KP"),
        ("Kyiv said its air defences shot down 30 drones.", "30 drones", "RU"),
        ("Moscow said its forces destroyed 6 tanks near the village.", "6 tanks", "UA"),
        ("Russia's army said 25 of its soldiers died in the blast.", "25", "RU"),
        ("The general staff in Kyiv said Russia had lost 1,300 soldiers.", "1,300", "RU"),
        ("Israeli strikes killed 31 people in Gaza, medics said.", "31 people", "PS"),
        ("Russia launched 80 drones at the port.", "80 drones", "RU"),
        ("A soldier said the unit saw 200 Russian soldiers cross the river.", "200 Russian", "RU"),
        ("The rockets were US-made: Ukraine fired 4 ATACMS missiles.", "4 ATACMS", "UA"),
    ],
)
def test_sides(nlp: Language, text: str, needle: str, side: str) -> None:
    assert one(nlp, text, needle)["side"] == side


def test_side_carries_to_later_sentences(nlp: Language) -> None:
    text = "Russian forces lost 1,100 soldiers on the eastern front. A further 300 were wounded."
    found = figures(nlp, text)
    assert [f["side"] for f in found] == ["RU", "RU"]
    assert found[1]["category"] == "personnel.wounded"


def test_lists_share_a_side(nlp: Language) -> None:
    found = figures(nlp, "The defence ministry in Moscow said it destroyed 7 Ukrainian tanks and 12 drones.")
    assert [f["side"] for f in found] == ["UA", "UA"]


# ---------------------------------------------------------------- periods (from doc._.times)


def test_period_from_times(nlp: Language) -> None:
    text = "Russia lost 1,100 soldiers over the past day."
    times = [time_ref(text, "the past day", "2024-03-09", "2024-03-10")]
    f = one(nlp, text, "1,100", times=times)
    assert f["period"] == {"begin": "2024-03-09", "end": "2024-03-10"}


def test_period_from_the_times_component(nlp: Language) -> None:
    """The same through the real pipeline: the times component resolves "the past day"."""
    f = one(nlp, "Russia lost 1,100 soldiers over the past day, Kyiv said.", "1,100", published="2024-03-10")
    assert f["period"] is not None and f["period"]["begin"] == "2024-03-09"
    f = one(nlp, "Since March 1, the army has lost 80 tanks.", "80 tanks", published="2024-03-10")
    assert f["period"] is not None and f["period"]["begin"] == "2024-03-01"


def test_period_skips_when_someone_spoke(nlp: Language) -> None:
    text = "Russian forces lost 450 soldiers, Kyiv said on Saturday."
    f = one(nlp, text, "450", times=[time_ref(text, "Saturday", "2024-03-09")])
    assert f["period"] is None


def test_period_carries_and_subcounts_keep_it(nlp: Language) -> None:
    text = (
        "Since March 1, the army has lost 80 tanks, including 12 Leopard 2 tanks. "
        "In the same period it lost 35 artillery systems."
    )
    times = [time_ref(text, "March 1", "2024-03-01", "2024-03-10")]
    found = figures(nlp, text, times=times)
    assert [f["period"]["begin"] if f["period"] else None for f in found] == ["2024-03-01"] * 3


def test_period_war_start_and_stocks(nlp: Language) -> None:
    f = one(
        nlp, "Russia has lost 9,000 tanks since the full-scale invasion began, Kyiv says.", "9,000", times=[]
    )
    assert f["period"] == {"begin": "2022-02-24", "end": None}
    f = one(nlp, "Around 2 million people are displaced inside the country.", "2 million", times=[])
    assert f["period"] is None


# ---------------------------------------------------------------- non-figures


def test_non_figures_stay_out(nlp: Language) -> None:
    text = (
        "In 2023 the 93rd Brigade moved 40 km east. At 6:15 a.m. on March 3, a 25-year-old medic, "
        "aged 25, was hit; the Kh-22 missile cost $3 million, page 12 of the report says. "
        "The town, home to 60,000 people, held out for 18 months."
    )
    found = figures(nlp, text)
    assert all(f["category"] == "other" for f in found), found
    texts = " | ".join(f["text"] for f in found)
    for absent in ("2023", "93", "6:15", "March 3", "25", "22", "12", "18"):
        assert absent not in texts, (absent, texts)


def test_keep_time_quantities_keeps_durations_as_other() -> None:
    nlp = build_pipeline()
    finder = FiguresFinder(nlp, keep_time_quantities=True)
    doc = nlp("The siege lasted 224 days, and the town fell in 2023.")
    finder(doc)
    found = {f["text"]: f for f in doc._.figures}
    assert found["224 days"]["category"] == "other"
    assert found["2023"]["category"] == "other"


# ---------------------------------------------------------------- the record


def test_figures_are_plain_data_in_the_record(nlp: Language) -> None:
    doc = run(nlp, "Ukraine said 1,500 Russian soldiers were killed, including 40 officers.")
    assert srsly.msgpack_loads(srsly.msgpack_dumps(doc._.figures)) == doc._.figures
    record = extract("Ukraine said 1,500 Russian soldiers were killed, including 40 officers.")
    assert [f.text for f in record.figures] == ["1,500 Russian soldiers", "40 officers"]
    assert record.figures[1].parent == 0


def test_a_megabyte_of_digits_and_commas() -> None:
    """One pass with bounded look-arounds: a long run of numbers is read, not backtracked over
    (no timing here; the benchmark measures speed)."""
    text = "1,234,567," * 100_000
    record = extract(text)
    for f in record.figures:
        assert text[f.start : f.end] == f.text
