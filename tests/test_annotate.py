"""Long articles: split into bounded pieces for the pipeline, merged back with exact offsets."""

from __future__ import annotations

import itertools

import pytest

import fogofwar
from fogofwar import annotate
from fogofwar.annotate import merge_records, pieces
from fogofwar.model import Article, Claim, DateRange, Event, Figure, Place, Record, Speaker

PARAGRAPH = (
    "Ukrainian forces pushed deeper into the Kursk region on Tuesday, according to a report by "
    "the Washington Post. Local officials said several villages had been evacuated overnight.\n\n"
)


def test_pieces_cover_the_text_in_order_and_stay_under_the_limit() -> None:
    text = PARAGRAPH * 40
    spans = pieces(text, limit=1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < end - start <= 1000 for start, end in spans)
    # Cut where a paragraph ends, so no sentence is split between two Docs.
    assert all(text[start:end].endswith("\n\n") for start, end in spans[:-1])


def test_pieces_of_text_without_any_break_are_cut_at_the_limit() -> None:
    text = "x" * 2500
    assert pieces(text, limit=1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_an_article_longer_than_spacys_max_length_is_cut_into_docs_spacy_accepts() -> None:
    text = "x. " * 400_000  # 1.2 million characters: spaCy's E088 for one Doc
    spans = pieces(text)
    assert max(end - start for start, end in spans) <= annotate.PIECE_CHARS < 1_000_000
    assert "".join(text[s:e] for s, e in spans) == text


@pytest.mark.parametrize("workers", [1, 2])
def test_a_long_article_goes_through_in_pieces_with_exact_offsets(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(annotate, "PIECE_CHARS", 600)
    text = PARAGRAPH * 12
    long = Article(id="long", text=text, published="2024-08-20", source="long")
    short = Article(id="short", text=PARAGRAPH, source="short")
    records = list(annotate.extract_articles([short, long, short], workers=workers))
    assert [r.article.id for r in records] == ["short", "long", "short"]
    record = records[1]
    assert record.article.text == text and record.article.published == "2024-08-20"
    assert record.article.cites == ["The Washington Post"]
    # Every piece's cite is found, at its place in the whole text.
    assert len(record.cite_mentions) == 12
    for cite in record.cite_mentions:
        assert text[cite.start : cite.end] in ("the Washington Post", "Washington Post")
    for entity in record.entities:
        assert text[entity.start : entity.end] == entity.text
    assert records[0].to_dict() == records[2].to_dict()


def test_merging_pieces_renumbers_claims_and_indexes_into_the_whole_record() -> None:
    article = Article(id="a", text="0123456789" * 3)

    def piece() -> Record:
        speaker = Speaker(name="ministry", text="x", start=1, end=2)
        return Record(
            article=article,
            places=[Place(text="2", start=2, end=3)],
            figures=[
                Figure(text="3", start=3, end=4, claim="c1"),
                Figure(text="4", start=4, end=5, parent=0, claim="c1"),
            ],
            claims=[Claim(id="c1", text="56", start=5, end=7, cue_start=7, cue_end=8, speaker=speaker)],
            events=[
                Event(id="e1", text="9", start=9, end=10, place=0, claim="c1", date=DateRange("2024-08-06"))
            ],
        )

    merged = merge_records(article, [(0, piece()), (10, piece())])
    assert [c.id for c in merged.claims] == ["c1", "c2"]
    assert [f.claim for f in merged.figures] == ["c1", "c1", "c2", "c2"]
    assert [f.parent for f in merged.figures] == [None, 0, None, 2]
    assert [(e.id, e.place, e.claim) for e in merged.events] == [("e1", 0, "c1"), ("e2", 1, "c2")]
    second = merged.claims[1]
    assert (second.start, second.end, second.cue_start, second.cue_end) == (15, 17, 17, 18)
    assert second.speaker is not None and (second.speaker.start, second.speaker.end) == (11, 12)
    for part in ("places", "figures", "claims", "events"):
        for item in getattr(merged, part):
            assert article.text[item.start : item.end] == item.text


def test_extract_refuses_a_lone_surrogate_with_the_reason_not_a_unicode_traceback() -> None:
    # fogofwar.extract() is the library's entry point: a lone surrogate (from a JSON "\ud800"
    # escape) used to raise UnicodeEncodeError from inside spaCy's tokenizer.
    with pytest.raises(
        fogofwar.InputError, match=r"^notes\.txt: text holds a lone surrogate .* at character 5"
    ):
        fogofwar.extract("Kyiv \ud800 was shelled.", id="notes.txt")
    # NUL is Unicode: refused by ingest only because PostgreSQL cannot store it, and extract
    # stores nothing.
    assert fogofwar.extract("Kyiv \x00 was shelled.").article.text == "Kyiv \x00 was shelled."
