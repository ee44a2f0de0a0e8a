"""Contradictions from what two claims say, and forecasts settled only by later reports (issue 29).

Records are built by hand, as claim extraction gives them, with text written for these tests."""

from __future__ import annotations

from fogofwar.link.claimants import canonical
from fogofwar.link.contradictions import contradictions
from fogofwar.link.forecasts import forecasts, status_until_settled
from fogofwar.link.stance import is_prediction
from fogofwar.model import Article, Claim, DateRange, Figure, Place, Record, Speaker


def _article(
    article_id: str,
    published: str | None,
    *said: tuple[str, str, str | None],
    places: tuple[tuple[str, int], ...] = (),
    figures: tuple[tuple[str, float, str, str, str], ...] = (),
) -> Record:
    """An article of claims (content, speaker, country), one sentence each; `places` are (name,
    geonameid) found in the text; `figures` are (text, value, qualifier, category, claim id)."""
    text, claims = "", []
    for n, (content, name, country) in enumerate(said, 1):
        lead = f"{name} said "
        start = len(text) + len(lead)
        text += f"{lead}{content}. "
        speaker = Speaker(
            name=name, kind="person" if " " not in name else "organisation", country_code=country
        )
        claims.append(Claim(f"c{n}", content, start, start + len(content), speaker=speaker))
    found = []
    for name, geonameid in places:
        at = text.index(name)
        found.append(Place(name, at, at + len(name), name=name, geonameid=geonameid))
    counted = []
    for fig_text, value, qualifier, category, claim in figures:
        at = text.index(fig_text)
        counted.append(
            Figure(
                fig_text,
                at,
                at + len(fig_text),
                value=value,
                qualifier=qualifier,
                category=category,
                claim=claim,
            )
        )
    article = Article(
        id=article_id, text=text.strip(), outlet="Test Wire", published=published, title=article_id
    )
    return Record(article=article, places=found, claims=claims, figures=counted)


def _pairs(records: list[Record]) -> set[tuple[str, frozenset[str]]]:
    return {(c["kind"], frozenset({c["a"]["text"], c["b"]["text"]})) for c in contradictions(records)}


def test_control_of_a_place_told_by_the_two_sides_is_a_status_contradiction() -> None:
    army = _article(
        "a1",
        "2025-10-26",
        ("its fighters had seized the garrison headquarters in Tawila", "The RSF", None),
        places=(("Tawila", 1),),
    )
    garrison = _article(
        "a2",
        "2025-10-27",
        ("soldiers were still defending the garrison headquarters in Tawila", "Nabil Abdallah", "SD"),
        places=(("Tawila", 1),),
    )
    assert _pairs([army, garrison]) == {
        (
            "status",
            frozenset(
                {
                    "its fighters had seized the garrison headquarters in Tawila",
                    "soldiers were still defending the garrison headquarters in Tawila",
                }
            ),
        )
    }


def test_two_reports_that_the_same_side_holds_a_town_do_not_contradict() -> None:
    took = _article(
        "u1",
        "2025-12-11",
        ("its fighters had taken the town of Kamanyola", "M23", None),
        places=(("Kamanyola", 2),),
    )
    still = _article(
        "u2",
        "2025-12-12",
        ("M23 fighters were still holding positions inside Kamanyola", "Congo's government", "CD"),
        places=(("Kamanyola", 2),),
    )
    left = _article(
        "u3",
        "2025-12-13",
        ("its fighters had withdrawn from Kamanyola", "M23", None),
        places=(("Kamanyola", 2),),
    )
    assert _pairs([took, still]) == set()  # both say M23 holds it
    # "we left" against "they are still there" is a contradiction
    assert {kind for kind, _ in _pairs([still, left])} == {"status"}


def test_control_claims_months_apart_are_not_a_contradiction() -> None:
    seized = _article(
        "g1",
        "2024-08-03",
        ("its fighters had seized the command headquarters in Lashio", "MNDAA", None),
        places=(("Lashio", 3),),
    )
    back = _article(
        "g2",
        "2025-04-22",
        ("troops were still defending the command headquarters in Lashio", "Zaw Min Tun", "MM"),
        places=(("Lashio", 3),),
    )
    assert _pairs([seized, back]) == set()


def test_a_denial_in_other_words_and_a_truce_broken_or_kept_are_negations() -> None:
    stalling = _article(
        "i3",
        "2025-06-14",
        ("Kyiv was stalling the return of the bodies of fallen soldiers", "Vladimir Medinsky", "RU"),
        (
            "it had held nothing up and was ready to receive the bodies",
            "Ukraine's Coordination Headquarters",
            "UA",
        ),
    )
    truce = _article(
        "n3",
        "2025-08-25",
        ("the army had shelled its positions near Uvira in breach of the truce", "The M23", None),
        ("it had respected the ceasefire and only returned fire", "Congo's army", "CD"),
    )
    assert {kind for kind, _ in _pairs([stalling])} == {"negation"}
    assert {kind for kind, _ in _pairs([truce])} == {"negation"}


def test_claims_that_only_share_a_topic_are_not_paired() -> None:
    plant = _article(
        "z1",
        "2025-09-24",
        ("the plant lies less than 100 km from the border", "Rafael Grossi", None),
        ("security around the plant had been reinforced", "The IAEA", None),
        ("Russian shelling near the plant had not stopped for a week", "Zelenskyy", "UA"),
    )
    assert _pairs([plant]) == set()


def test_a_speaker_is_never_set_against_himself_under_another_spelling() -> None:
    said = _article(
        "k1",
        "2025-11-25",
        ("Russian forces had captured the railway station in Kupiansk", "Volodymyr Zelensky", None),
        places=(("Kupiansk", 4),),
    )
    again = _article(
        "k2",
        "2025-11-27",
        ("Russian infiltrators were still holding the railway station in Kupiansk", "Zelenskyy", None),
        places=(("Kupiansk", 4),),
    )
    assert canonical("Volodymyr Zelensky", "person") == canonical("President Zelenskyy", "person")
    assert canonical("Russia's Defense Ministry") == canonical("Russia's Defence Ministry")
    assert _pairs([said, again]) == set()


def test_one_toll_told_two_ways_is_a_figure_contradiction_unless_the_qualifiers_agree() -> None:
    hit = _article(
        "b1",
        "2025-09-01",
        (
            "its drones had destroyed 12 helicopters at the airfield in Berdiansk",
            "Ukraine's General Staff",
            "UA",
        ),
        places=(("Berdiansk", 5),),
        figures=(("12 helicopters", 12, "exact", "equipment.helicopter", "c1"),),
    )
    damaged = _article(
        "b2",
        "2025-09-02",
        ("five helicopters had been damaged at the airfield in Berdiansk", "Russia's defence ministry", "RU"),
        places=(("Berdiansk", 5),),
        figures=(("five helicopters", 5, "exact", "equipment.helicopter", "c1"),),
    )
    assert {kind for kind, _ in _pairs([hit, damaged])} == {"figure"}
    fled_un = _article(
        "f1",
        "2025-10-30",
        ("at least 60,000 people had fled El Fasher", "The United Nations", None),
        places=(("El Fasher", 6),),
        figures=(("at least 60,000 people", 60000, "at_least", "civilians.displaced", "c1"),),
    )
    fled_iom = _article(
        "f2",
        "2025-11-01",
        ("about 71,000 people had fled El Fasher", "The IOM", None),
        places=(("El Fasher", 6),),
        figures=(("about 71,000 people", 71000, "about", "civilians.displaced", "c1"),),
    )
    assert _pairs([fled_un, fled_iom]) == set()


def _forecast(article_id: str, published: str | None, text: str, window: DateRange) -> Record:
    record = _article(article_id, published, (text, "Analysts", None))
    record.claims[0].forecast = window
    return record


def _plain(article_id: str, published: str | None, text: str) -> Record:
    return Record(
        article=Article(id=article_id, text=text, outlet="Test Wire", published=published, title=article_id)
    )


def test_a_forecast_is_settled_only_by_a_report_published_after_it_with_the_deciding_sentence() -> None:
    forecast = _forecast(
        "f1",
        "2025-01-28",
        "the rebels could enter Bukavu by the end of February",
        DateRange("2025-01-28", "2025-02-28"),
    )
    before = _plain("e0", "2025-01-20", "Rebel fighters entered Bukavu on Monday, residents said.")
    after = _plain(
        "e1",
        "2025-02-16",
        "Weather was cold. Rebel fighters entered the centre of Bukavu on Sunday, residents said.",
    )
    (alone,) = forecasts([forecast, before], as_of="2025-03-01")
    assert (alone["status"], alone["resolved_by"], alone["settled_by"]) == ("due", [], None)
    (item,) = forecasts([forecast, before, after], as_of="2025-03-01")
    assert (item["status"], item["resolved_by"]) == ("came_true", ["e1"])
    deciding = item["settled_by"]
    assert deciding["article"] == "e1"
    assert after.article.text[deciding["start"] : deciding["end"]] == deciding["text"]
    assert "entered the centre of Bukavu" in deciding["text"]


def test_an_undated_forecast_is_not_settled_by_a_report_from_before_its_window() -> None:
    undated = _forecast(
        "o1",
        None,
        "Russian forces could reach the border of Dnipropetrovsk region by the end of summer 2025",
        DateRange(None, "2025-08-31"),
    )
    earlier = _plain(
        "o2",
        "2024-11-10",
        "Russian troops advanced towards the border of Dnipropetrovsk region, the ministry said.",
    )
    (item,) = forecasts([undated, earlier], as_of="2025-12-01")
    assert (item["status"], item["resolved_by"]) == ("due", [])


def test_past_statements_are_not_forecasts() -> None:
    past = _forecast(
        "p1",
        "2024-11-10",
        "594 servicemen had been captured since the offensive began",
        DateRange("2024-11-10", None),
    )
    plan = _forecast(
        "p2", "2025-06-02", "the sites would reopen on Thursday", DateRange("2025-06-02", "2025-06-05")
    )
    assert not is_prediction(past.claims[0])
    assert is_prediction(plan.claims[0])
    assert [f["article"] for f in forecasts([past, plan], as_of="2025-06-03")] == ["p2"]


def test_a_forecast_is_open_until_its_window_ends_then_due() -> None:
    assert status_until_settled("2025-06-05", "2025-06-05") == "open"
    assert status_until_settled("2025-06-05", "2025-06-06") == "due"
    assert status_until_settled(None, "2025-06-06") == "open"
    # a window read as ending before its own article is no deadline, not an overdue one
    misread = _forecast(
        "m1",
        "2025-05-16",
        "the group could strike the town again before the end of September",
        DateRange("2025-05-16", "2025-05-15"),
    )
    (item,) = forecasts([misread], as_of="2025-06-01")
    assert (item["deadline"], item["status"]) == (None, "open")


def test_people_taken_undated_reports_and_an_unnamed_ministry_make_no_contradiction() -> None:
    held = _article(
        "s1",
        "2024-08-12",
        (
            "Ukrainian forces controlled about 1,000 square kilometres of the Kursk region",
            "Oleksandr Syrskyi",
            "UA",
        ),
        places=(("Kursk", 7),),
    )
    prisoners = _article(
        "s2",
        "2024-08-13",
        (
            "the Russian servicemen who were released had been captured in the Kursk region",
            "Russia's defence ministry",
            "RU",
        ),
        places=(("Kursk", 7),),
    )
    assert _pairs([held, prisoners]) == set()  # servicemen captured are people taken, not ground
    undated = _article(
        "s3",
        None,
        ("its forces had retaken the Kursk region", "Russia's defence ministry", "RU"),
        places=(("Kursk", 7),),
    )
    assert _pairs([held, undated]) == set()  # when it was said is unknown
    unnamed = _article(
        "s4",
        "2024-08-13",
        ("its forces had retaken the Kursk region", "the ministry", None),
        places=(("Kursk", 7),),
    )
    assert _pairs([held, unnamed]) == set()  # "the ministry" of another article is no known party
    named = _article(
        "s5",
        "2024-08-13",
        ("its forces had retaken the Kursk region", "Russia's defence ministry", "RU"),
        places=(("Kursk", 7),),
    )
    assert {kind for kind, _ in _pairs([held, named])} == {"status"}
