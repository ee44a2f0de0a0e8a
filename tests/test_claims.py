"""The `claims` component: who says what, through whom, how sure, and what they predict.

Every sentence here is written for these tests (none comes from an evaluation set)."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

import fogofwar
from fogofwar.model import Claim
from fogofwar.nlp import build_pipeline


def claims_of(text: str, published: str | None = "2024-11-20") -> list[Claim]:
    record = fogofwar.extract(text, published=published)
    for claim in record.claims:
        assert text[claim.start : claim.end] == claim.text
        if claim.cue_start is not None and claim.cue_end is not None:
            assert text[claim.cue_start : claim.cue_end] == claim.cue
        speaker = claim.speaker
        if speaker is not None and speaker.start is not None and speaker.end is not None:
            assert text[speaker.start : speaker.end] == speaker.text
    return record.claims


def only(text: str) -> Claim:
    found = claims_of(text)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def run_with(text: str, published: str, **parts: Any) -> Doc:
    """The pipeline up to claims, with record parts of earlier components set by the test (the
    times and figures components are built elsewhere; their Doc contract is what claims reads)."""
    nlp = build_pipeline()
    doc = nlp.make_doc(text)
    doc._.published = published
    for name, proc in nlp.pipeline:
        if name == "fogofwar_claims":
            for part, value in parts.items():
                setattr(doc._, part, value)
        doc = proc(doc)
    return doc


def time_ref(text: str, phrase: str, begin: str, end: str, **extra: Any) -> dict[str, Any]:
    start = text.index(phrase)
    return {
        "text": phrase,
        "start": start,
        "end": start + len(phrase),
        "kind": extra.pop("kind", "interval"),
        "timex_type": "DATE",
        "value": extra.pop("value", None),
        "range": {"begin": begin, "end": end},
        "mod": None,
    }


# ---------------------------------------------------------------------- cues


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The governor said that two schools had been hit overnight.",
            "said",
            "two schools had been hit overnight",
        ),
        (
            "The mayor says the water supply is back in the eastern districts.",
            "says",
            "the water supply is back",
        ),
        ("A commander told the radio station the bridge was still standing.", "told", "the bridge was still"),
        (
            "The agency stated that the convoy had reached the town.",
            "stated",
            "the convoy had reached the town",
        ),
        ("The report noted that shelling had intensified.", "noted", "shelling had intensified"),
        ("The ministry claimed its units had pushed the enemy back.", "claimed", "its units had pushed"),
        ("The army claims to have downed nine drones.", "claims", "have downed nine drones"),
        ("The minister indicated that talks could resume.", "indicated", "talks could resume"),
        ("The envoy added that aid deliveries had stalled.", "added", "aid deliveries had stalled"),
        ("The commander warned that the dam might fail.", "warned", "the dam might fail"),
        (
            "The president expressed hope that the ceasefire would hold.",
            "expressed hope",
            "the ceasefire would",
        ),
    ],
)
def test_reporting_verbs(text: str, cue: str, content: str) -> None:
    claim = only(text)
    assert claim.cue == cue
    assert content in claim.text
    assert not claim.text.startswith("that ")


def test_according_to_and_update() -> None:
    claim = only("Ten villages changed hands last month, according to the regional administration.")
    assert claim.cue == "according to"
    assert claim.text == "Ten villages changed hands last month"
    assert claim.speaker is not None and claim.speaker.kind == "government"
    claim = only("According to the Institute's latest update, the front line has barely moved.")
    assert claim.speaker is not None and claim.speaker.text == "the Institute"
    assert claim.text == "the front line has barely moved"


def test_cue_after_the_content() -> None:
    text = "The offensive will stall before the rains, suggested one of the officers."
    claim = only(text)
    assert claim.cue == "suggested"
    assert claim.text == "The offensive will stall before the rains"
    text = "The bridge was destroyed, the spokesman said."
    assert only(text).text == "The bridge was destroyed"


def test_cue_interrupting_the_content() -> None:
    claim = only("To hold the line, she said, the brigade needs more shells.")
    assert "the brigade needs more shells" in claim.text


def test_passive_and_reported_forms() -> None:
    claim = only("Four civilians were reported killed in the attack.")
    assert claim.cue == "were reported"
    assert claim.speaker is not None and claim.speaker.kind == "anonymous" and claim.speaker.anonymous
    claim = only("The depot is said to have burned for two days.")
    assert claim.cue == "is said"
    claim = only("It is estimated that a third of the harvest was lost.")
    assert claim.text == "a third of the harvest was lost"
    assert claim.hedges == ["estimated"]


def test_reportedly_is_a_cue_and_a_hedge() -> None:
    claim = only("Government troops reportedly entered the airport.")
    assert claim.cue == "reportedly"
    assert claim.speaker is not None and claim.speaker.anonymous
    assert claim.hedges == ["reportedly"]
    # Inside another claim's content it only weakens that claim.
    claim = only("The mayor said rebels had reportedly entered the airport.")
    assert claim.cue == "said" and claim.hedges == ["reportedly"]


def test_source_in_parentheses_is_the_outlet_speaking() -> None:
    claim = only("The port was struck twice overnight (Source: Reuters).")
    assert claim.text == "The port was struck twice overnight"
    assert claim.speaker is not None and claim.speaker.kind == "outlet" and claim.speaker.name == "Reuters"


def test_quotations() -> None:
    text = '"We will not give up the town," the mayor said.'
    claim = only(text)
    assert claim.text.startswith("We will not give up the town")
    text = 'The colonel said: "The road is open. Trucks are moving."'
    assert "The road is open" in only(text).text


def test_two_clauses_under_one_cue_are_two_claims() -> None:
    found = claims_of("The spokesman said the bridge was hit and that two trucks burned.")
    assert [c.text for c in found] == ["the bridge was hit", "two trucks burned"]
    assert found[0].cue == found[1].cue == "said"


def test_not_claims() -> None:
    assert claims_of("The ministry denied the claim.") == []
    assert claims_of("The city has not commented on the outage.") == []
    assert claims_of("Heavy rain fell on the capital on Monday.") == []


# ---------------------------------------------------------------------- speakers


def test_named_person_with_role_and_affiliation() -> None:
    claim = only("Jane Holloway, spokesperson for the US State Department, said the embassy would stay open.")
    speaker = claim.speaker
    assert speaker is not None
    assert (speaker.name, speaker.kind, speaker.role, speaker.affiliation) == (
        "Jane Holloway",
        "person",
        "spokesperson",
        "US",
    )
    assert speaker.country_code == "US"
    claim = only("Ukrainian Defence Minister Petro Hrytsenko said the shells had arrived.")
    assert claim.speaker is not None and claim.speaker.affiliation == "UA"
    assert claim.speaker.name == "Petro Hrytsenko"


@pytest.mark.parametrize(
    ("text", "kind", "affiliation"),
    [
        ("The Russian Defence Ministry said its jets had struck a depot.", "government", "RU"),
        ("The Pentagon said the shipment had been delayed.", "government", "US"),
        ("Moscow said the drones had been launched from the sea.", "government", "RU"),
        ("Kyiv said the strike had hit a school.", "government", "UA"),
        ("The Israeli military said it had struck a launch site.", "military", "IL"),
        ("The Rapid Support Forces said they had taken the market.", "military", "Rapid Support Forces"),
        (
            "The World Food Programme said stocks would run out in May.",
            "organisation",
            "World Food Programme",
        ),
        ("Bloomberg reported that the talks had stalled.", "outlet", "Bloomberg"),
    ],
)
def test_speaker_kinds(text: str, kind: str, affiliation: str) -> None:
    speaker = only(text).speaker
    assert speaker is not None
    assert (speaker.kind, speaker.affiliation) == (kind, affiliation)


@pytest.mark.parametrize(
    ("text", "affiliation"),
    [
        ("Anonymous US officials believe the lines will hold.", "US"),
        ("Two US officials said the missiles had been moved.", "US"),
        ("Russian officials speaking on condition of anonymity said the base was hit.", "RU"),
        ("A source familiar with the plans said the visit was off.", None),
        ("Western officials said the losses were heavy.", None),
    ],
)
def test_anonymous_sources(text: str, affiliation: str | None) -> None:
    speaker = only(text).speaker
    assert speaker is not None
    assert speaker.kind == "anonymous" and speaker.anonymous and speaker.name is None
    assert speaker.affiliation == affiliation


def test_later_references_resolve_to_the_earlier_speaker() -> None:
    text = (
        "Three Israeli officials said the crossing would reopen. The officials said aid trucks were "
        "waiting. One official said the queue was long, while another official said it was short."
    )
    found = claims_of(text)
    assert len(found) == 4
    for claim in found:
        assert claim.speaker is not None and claim.speaker.kind == "anonymous"
        assert claim.speaker.affiliation == "IL"
    text = "Sudan's health ministry said cholera was spreading. The ministry said clinics were full."
    found = claims_of(text)
    assert [c.speaker.kind for c in found if c.speaker] == ["government", "government"]
    assert [c.speaker.affiliation for c in found if c.speaker] == ["SD", "SD"]
    text = "Finnish President Aino Virtanen said the border was calm. She warned that it could change."
    found = claims_of(text)
    assert found[1].speaker is not None and found[1].speaker.name == "Aino Virtanen"
    assert found[1].speaker.text == "She" and found[1].speaker.affiliation == "FI"


def test_one_of_the_sources() -> None:
    text = (
        "Reuters reported, citing two sources, that the fleet had left port. "
        "The ships would return within weeks, suggested one of the sources."
    )
    found = claims_of(text)
    assert len(found) == 2
    assert found[1].speaker is not None and found[1].speaker.kind == "anonymous"
    assert found[1].via == ["Reuters"]


# ---------------------------------------------------------------------- the chain


def test_chain_outlet_citing_sources() -> None:
    claim = only("Reuters reported, citing three people briefed on the talks, that a deal was near.")
    assert claim.speaker is not None and claim.speaker.kind == "anonymous"
    assert claim.via == ["Reuters"]


def test_chain_outlet_citing_outlet() -> None:
    # The relaying outlet is in the chain; the outlet it cites is the one speaking.
    text = "Interfax, citing a report by the Washington Post, said the refinery had been hit."
    claim = only(text)
    assert claim.via == ["Interfax"]
    assert claim.speaker is not None and claim.speaker.kind == "outlet"
    assert str(claim.speaker.name).removeprefix("The ") == "Washington Post"


def test_chain_from_a_report_in_the_lead() -> None:
    text = (
        "According to a report by the Washington Post, anonymous US officials believe Kyiv may need "
        "to pull back by spring 2025. The officials estimate that a fifth of the ground is lost."
    )
    found = claims_of(text)
    assert len(found) == 2
    for claim in found:
        assert [v.removeprefix("The ") for v in claim.via] == ["Washington Post"]
        assert claim.speaker is not None and claim.speaker.affiliation == "US"


def test_chain_from_a_source_line() -> None:
    text = "Officials in Kharkiv said power was back in most districts.\n\nSource: Bloomberg\n"
    claim = only(text)
    assert claim.via == ["Bloomberg"]


def test_told_an_outlet() -> None:
    claim = only("Two Ukrainian officers told the BBC that the unit had withdrawn.")
    assert claim.via == ["BBC"]
    assert claim.speaker is not None and claim.speaker.affiliation == "UA"


def test_the_publication_is_the_cited_outlet() -> None:
    text = (
        "The Financial Times reported that exports fell. The publication notes that the "
        "figures exclude grain."
    )
    found = claims_of(text)
    assert found[1].speaker is not None
    assert found[1].speaker.kind == "outlet" and found[1].speaker.name == "Financial Times"


# ---------------------------------------------------------------------- hedges and forecasts


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("Officials said the strike may have killed ten people.", ["may"]),
        ("The army said the town could fall.", ["could"]),
        ("Analysts believe the offensive is likely to stall.", ["believe", "likely"]),
        ("The agency said it had low confidence in the figures.", ["low confidence"]),
        ("The ministry said the bridge was destroyed.", []),
    ],
)
def test_hedges(text: str, hedges: list[str]) -> None:
    assert only(text).hedges == hedges


def test_may_the_month_is_no_hedge() -> None:
    assert only("The mayor said the school reopened in May.").hedges == []


def test_forecast_windows_from_times() -> None:
    text = "Anonymous US officials believe Ukraine may need to retreat from the region by spring 2025."
    doc = run_with(text, "2024-11-20", times=[time_ref(text, "spring 2025", "2025-03-01", "2025-05-31")])
    (claim,) = doc._.claims
    assert claim["forecast"] == {"begin": "2024-11-20", "end": "2025-05-31"}
    text = "The governor warned that the grid might fail again before winter."
    doc = run_with(text, "2024-10-15", times=[time_ref(text, "winter", "2024-12-01", "2025-02-28")])
    assert doc._.claims[0]["forecast"]["end"] == "2024-11-30"
    text = "The institute said the reserves could run out within two years."
    times = [time_ref(text, "two years", "", "", kind="duration", value="P2Y")]
    doc = run_with(text, "2025-02-12", times=times)
    assert doc._.claims[0]["forecast"]["end"] == "2027-02-12"


def test_forecast_without_deadline_is_open() -> None:
    claim = only("The commander said his troops will take the hill.")
    assert claim.forecast is not None and claim.forecast.end is None
    assert only("The commander said his troops took the hill.").forecast is None
    # A guess about the past is hedged but not a forecast.
    assert only("Officials said the strike may have killed ten people.").forecast is None


def test_figures_point_to_their_claim() -> None:
    text = "The ministry said 40 soldiers were killed. Another 12 were wounded in the fields."
    figures = [
        {"text": "40", "start": text.index("40"), "end": text.index("40") + 2, "claim": None},
        {"text": "12", "start": text.index("12"), "end": text.index("12") + 2, "claim": None},
    ]
    doc = run_with(text, "2024-05-01", figures=figures)
    assert [f["claim"] for f in doc._.figures] == ["c1", None]


def test_plain_data_on_the_doc() -> None:
    doc = run_with("The mayor said two schools were hit.", "2024-05-01")
    claim = doc._.claims[0]
    assert set(claim) == {f for f in Claim.__dataclass_fields__}
    assert isinstance(claim["speaker"], dict)


def test_forecast_windows_end_to_end() -> None:
    text = "Two US officials believe Kyiv may need to pull back by spring 2025."
    claim = only(text)
    assert claim.forecast is not None and claim.forecast.end == "2025-05-31"
    record = fogofwar.extract(
        "The general warned that the grid might fail before winter.", published="2024-10-15"
    )
    forecast = record.claims[0].forecast
    assert forecast is not None and forecast.end == "2024-11-30"
    record = fogofwar.extract(
        "The spokesman said the army would publish the video later in the day.", published="2023-11-22"
    )
    forecast = record.claims[0].forecast
    assert forecast is not None and forecast.end == "2023-11-22"
