"""The `times` component: each expression's exact span, TIMEX3 value and calendar range, on the
article's own date; and the wire-copy text shape that used to lose that date."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import spacy

import fogofwar
from fogofwar.ingest import IngestOptions, read_inputs
from fogofwar.model import Article
from fogofwar.nlp.times import TimesFinder, find_times, value_range
from fogofwar.nlp.times.grammar import RULE_NAMES, time_grammar
from fogofwar.nlp.times.resolve import RULES

SUNDAY = "2024-08-25"  # a Sunday


def times(text: str, published: str | None = SUNDAY) -> list[dict[str, Any]]:
    found = find_times(text, published)
    for item in found:
        assert text[item["start"] : item["end"]] == item["text"]
    return found


def one(text: str, span: str, published: str | None = SUNDAY) -> dict[str, Any]:
    """The item whose text is `span` (which must be found exactly once)."""
    hits = [t for t in times(text, published) if t["text"] == span]
    assert len(hits) == 1, (span, times(text, published))
    return hits[0]


def rng(item: dict[str, Any]) -> tuple[str | None, str | None] | None:
    r = item["range"]
    return None if r is None else (r["begin"], r["end"])


@pytest.mark.parametrize(
    ("text", "span", "value", "days"),
    [
        (
            "Troops crossed the border on August 6, officials said.",
            "August 6",
            "2024-08-06",
            ("2024-08-06",) * 2,
        ),
        (
            "The offensive began on 6 August 2024 near Sudzha.",
            "6 August 2024",
            "2024-08-06",
            ("2024-08-06",) * 2,
        ),
        ("Shelling resumed on Aug. 6 at dawn.", "Aug. 6", "2024-08-06", ("2024-08-06",) * 2),
        ("The order is dated 2024-08-06 in the files.", "2024-08-06", "2024-08-06", ("2024-08-06",) * 2),
        (
            "Drones struck the depot on the 6th, the governor said.",
            "the 6th",
            "2024-08-06",
            ("2024-08-06",) * 2,
        ),
        (
            "The ministry said on Saturday that two villages fell.",
            "Saturday",
            "2024-08-24",
            ("2024-08-24",) * 2,
        ),
        ("Kyiv reported the strike yesterday.", "yesterday", "2024-08-24", ("2024-08-24",) * 2),
        (
            "Fighting intensified last week near Korenevo.",
            "last week",
            "2024-W33",
            ("2024-08-12", "2024-08-18"),
        ),
        (
            "Russia shelled the town in March, residents said.",
            "March",
            "2024-03",
            ("2024-03-01", "2024-03-31"),
        ),
        ("The bridge was built in 1958.", "1958", "1958", ("1958-01-01", "1958-12-31")),
        (
            "Ukraine may need to withdraw in spring 2025.",
            "spring 2025",
            "2025-SP",
            ("2025-03-01", "2025-05-31"),
        ),
        (
            "Officials expect a new push early next year.",
            "early next year",
            "2025",
            ("2025-01-01", "2025-12-31"),
        ),
        ("Grain exports collapsed in the 1990s.", "the 1990s", "199", ("1990-01-01", "1999-12-31")),
        ("Revenue fell in 2024-Q1 and again later.", "2024-Q1", "2024-Q1", ("2024-01-01", "2024-03-31")),
        (
            "Losses peaked in the first quarter of 2024.",
            "the first quarter of 2024",
            "2024-Q1",
            ("2024-01-01", "2024-03-31"),
        ),
    ],
)
def test_dates_resolve_on_the_publication_date(
    text: str, span: str, value: str, days: tuple[str, str]
) -> None:
    item = one(text, span)
    assert item["value"] == value
    assert rng(item) == days
    assert item["timex_type"] == "DATE"
    assert item["kind"] == "date"


def test_period_parts_carry_their_mod() -> None:
    assert one("Officials expect a new push early next year.", "early next year")["mod"] == "START"
    assert one("Ammunition ran low in late 2023.", "late 2023")["mod"] == "END"


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("The siege lasted three days before the garrison left.", "three days", "P3D", None),
        ("The town has been occupied for more than two years.", "more than two years", "P2Y", "MORE_THAN"),
        ("Talks went on for about six months.", "about six months", "P6M", "APPROX"),
        ("Residents spent 36 hours in shelters.", "36 hours", "PT36H", None),
        ("The fighting has lasted for years.", "years", "PXY", None),
    ],
)
def test_durations(text: str, span: str, value: str, mod: str | None) -> None:
    item = one(text, span)
    assert (item["kind"], item["timex_type"], item["value"], item["mod"]) == (
        "duration",
        "DURATION",
        value,
        mod,
    )


def test_anchored_durations_cover_the_stretch_before_or_after_publication() -> None:
    # Figures read these as the period a count covers.
    past = one("Russia lost 40 tanks in the past week, Kyiv said.", "the past week")
    assert (past["value"], rng(past)) == ("P1W", ("2024-08-18", "2024-08-25"))
    day = one("Over the past day, 12 attacks were repelled.", "the past day")
    assert (day["value"], rng(day), day["mod"]) == ("P1D", ("2024-08-24", "2024-08-25"), None)
    coming = one("More troops will arrive in the coming months.", "the coming months")
    assert (coming["value"], rng(coming)) == ("PXM", (SUNDAY, None))


def test_since_and_by_make_intervals_to_and_from_publication() -> None:
    since = one("Since the incursion began on August 6, Ukraine has taken 1,000 km2.", "August 6")
    assert (since["kind"], since["value"], rng(since)) == ("interval", "2024-08-06", ("2024-08-06", SUNDAY))
    # A forecast deadline: the claims work reads the range end.
    by = one("Ukraine may be forced to retreat by spring 2025, the report said.", "spring 2025")
    assert (by["kind"], by["value"], rng(by)) == ("interval", "2025-SP", (SUNDAY, "2025-05-31"))
    end = one("The line must hold by the end of the year.", "the end of the year")
    assert (end["kind"], end["value"], end["mod"], rng(end)) == (
        "interval",
        "2024",
        "END",
        (SUNDAY, "2024-12-31"),
    )
    start = one("Prices have risen from the start of the new year.", "the start of the new year")
    assert (start["kind"], start["value"], start["mod"], rng(start)) == (
        "interval",
        "2025",
        "START",
        ("2025-01-01", None),
    )


def test_sets_and_references() -> None:
    every = one("Air-raid sirens sound every day in Kharkiv.", "every day")
    assert (every["kind"], every["timex_type"], every["value"]) == ("set", "SET", "P1D")
    assert one("Drones fly over the city every Monday.", "every Monday")["value"] == "XXXX-WXX-1"
    assert one("The front is quiet now.", "now")["value"] == "PRESENT_REF"
    assert one("Recent strikes hit the grid.", "Recent")["value"] == "PAST_REF"


def test_weekdays_follow_the_tense() -> None:
    # In a parsed Doc the verb decides; on plain text, a future cue in the clause.
    assert one("The envoy will visit Kyiv on Tuesday.", "Tuesday")["value"] == "2024-08-27"
    assert one("The envoy visited Kyiv on Tuesday.", "Tuesday")["value"] == "2024-08-20"
    record = fogofwar.extract(
        "The envoy will visit Kyiv on Tuesday. He met Zelensky on Friday.", published=SUNDAY
    )
    assert [(t.text, t.value) for t in record.times] == [("Tuesday", "2024-08-27"), ("Friday", "2024-08-23")]


def test_spans_stay_exact() -> None:
    text = "Since Monday, Russian forces (who arrived in May) have advanced, Kyiv said Friday's."
    assert [t["text"] for t in times(text)] == ["Monday", "May", "Friday"]
    # Words that only look like dates are left alone.
    assert times("You may march on, Jan said; the fall of the city came after 1,998 shells.") == []


def test_no_publication_date_leaves_relative_expressions_unresolved() -> None:
    text = (
        "On Saturday, troops advanced; by spring 2025 the line may hold. Last week was quiet, since August 6."
    )
    found = {t["text"]: t for t in times(text, published=None)}
    saturday = found["Saturday"]
    assert (saturday["kind"], saturday["range"]) == ("unresolved", None)
    assert saturday["value"] == "XXXX-WXX-6"  # what TIMEX3 can say without a year
    assert found["Last week"]["kind"] == "unresolved" and found["Last week"]["value"] is None
    assert found["August 6"]["value"] == "XXXX-08-06" and found["August 6"]["kind"] == "unresolved"
    assert found["spring 2025"]["value"] == "2025-SP"  # needs no publication date
    assert found["spring 2025"]["range"] == {"begin": None, "end": "2025-05-31"}
    for item in found.values():  # never a guessed year
        assert (
            not re.search(r"\b(?:19|20)\d\d\b", str(item["range"]) + str(item["value"]))
            or "2025" in item["text"]
        )


def test_value_range_of_timex_values() -> None:
    assert value_range("2024-WI") == (value_range("2024-12-01")[0], value_range("2025-02-28")[0])  # type: ignore[index]
    assert value_range("2024-W33-WE") == (value_range("2024-08-17")[0], value_range("2024-08-18")[0])  # type: ignore[index]
    assert value_range("PXY") is None


def test_the_component_writes_plain_data_to_the_doc() -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Kyiv said on Saturday that it held the town.")
    doc._.published = SUNDAY
    doc = TimesFinder(nlp)(doc)
    assert doc._.times == [
        {
            "text": "Saturday",
            "start": 13,
            "end": 21,
            "kind": "date",
            "timex_type": "DATE",
            "value": "2024-08-24",
            "range": {"begin": "2024-08-24", "end": "2024-08-24"},
            "mod": None,
        }
    ]


def test_pathological_text_does_not_backtrack() -> None:
    """A megabyte of digits, dashes and month names, and 20,000 repeated sentences: the pattern
    has no nested open-ended repeats, so both go through in one linear pass (seconds)."""
    nlp = spacy.blank("en")
    nlp.max_length = 3_000_000
    finder = TimesFinder(nlp)
    noise = ("2024-08- 12-- 0-1-2-3 August 6- May--March 1999-- 31 12:- Aug. -- " * 20_000)[:1_000_000]
    doc = nlp.make_doc(noise)
    doc._.published = SUNDAY
    assert finder(doc)._.times  # it does find the real dates in there
    repeated = "Since the incursion began on August 6, troops have advanced for three days. " * 20_000
    doc = nlp.make_doc(repeated)
    doc._.published = SUNDAY
    assert len(finder(doc)._.times) == 40_000


def test_every_grammar_rule_has_its_resolver_rule() -> None:
    assert list(RULES) == list(RULE_NAMES)


def test_the_lexicon_is_named_in_the_config_and_compiled_once(tmp_path: Path) -> None:
    lexicon = json.loads(files("fogofwar.knowledge").joinpath("times.json").read_text(encoding="utf-8"))
    lexicon["months"]["Augusto"] = 8
    path = tmp_path / "my-times.json"
    path.write_text(json.dumps(lexicon), encoding="utf-8")
    assert time_grammar() is time_grammar("times")
    nlp = spacy.blank("en")
    finder = nlp.add_pipe("fogofwar_times", config={"lexicon": str(path)})
    doc = nlp.make_doc("Kyiv said on Augusto 6 that it held the town.")
    doc._.published = SUNDAY
    assert [t["value"] for t in finder(doc)._.times] == ["2024-08-06"]
    assert [t["value"] for t in find_times("on Augusto 6", SUNDAY)] == []


# --- the wire-copy shape (ingest/text.py) --------------------------------------------------------


def read_text_file(tmp_path: Path, content: str) -> Article:
    path = tmp_path / "wire.txt"
    path.write_text(content, encoding="utf-8")
    [article] = [a for a in read_inputs([str(path)], IngestOptions()) if isinstance(a, Article)]
    return article


WIRE = (
    " date 2024-08-25 (MENAFN) The White House is wary of a wider war, officials say. According to a report "
    "by the Washington Post published on Saturday, officials in Kyiv expect the offensive to stall.\n\n\n"
    "A second paragraph says the front moved little over the past week.\n\n"
    "Support us or become our patron!\n"
    "Subscribe to our newsletter\n"
)


def test_a_wire_copy_without_title_keeps_its_dateline_date_and_cite(tmp_path: Path) -> None:
    """A wire copy whose first line is its dateline: no title is made of it, the dateline gives
    the date and the outlet, that date anchors the relative days of the text, and the outlet it
    credits ("a report by the Washington Post") is a cite of the record."""
    article = read_text_file(tmp_path, WIRE)
    assert article.title is None
    assert article.text == WIRE  # all body, kept exactly
    assert (article.published, article.outlet) == ("2024-08-25", "MENAFN")
    rec = next(fogofwar.extract_articles([article]))
    assert (rec.article.published, rec.article.outlet) == ("2024-08-25", "MENAFN")
    # "Saturday" is read on the dateline's Sunday: the day before, not a Saturday of today's week.
    saturday = [t for t in rec.times if t.text == "Saturday"]
    assert [t.value for t in saturday] == ["2024-08-24"]
    assert [t.value for t in rec.times if t.text == "2024-08-25"] == ["2024-08-25"]
    assert rec.article.cites == ["The Washington Post"]
    # The cite points back at where the text credits it.
    post = WIRE.index("Washington Post")
    assert [(m.name, m.start, m.end) for m in rec.cite_mentions] == [
        ("The Washington Post", post, post + len("Washington Post"))
    ]


@pytest.mark.parametrize(
    ("title", "cite"),
    [
        ("Ukraine's forces may retreat – Bloomberg", "Bloomberg"),
        ("Kursk offensive stalls | Reuters", "Reuters"),
        ("Front line holds near Pokrovsk - The Kyiv Independent", "The Kyiv Independent"),
        ("Kursk incursion, day 19", None),
        ("Russia-Ukraine war - live", None),
    ],
)
def test_a_title_credit_is_a_cite(tmp_path: Path, title: str, cite: str | None) -> None:
    article = read_text_file(tmp_path, f"{title}\n\nKyiv said on Saturday that the line held.\n")
    assert article.title == title
    assert article.cites == ([cite] if cite else [])


def test_a_long_first_line_is_body(tmp_path: Path) -> None:
    lead = "Ukrainian troops pushed deeper into the Kursk region. Russia said it had stopped them. " * 3
    article = read_text_file(tmp_path, f"{lead}\n\nMore text follows here.\n")
    assert article.title is None
    assert article.text.startswith(lead)
