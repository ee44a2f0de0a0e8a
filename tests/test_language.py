"""Every article's language is named, and the English components read only English articles."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import jsonschema
import pytest
from typer.testing import CliRunner

from fogofwar import extract
from fogofwar.annotate import PIECE_CHARS, extract_articles
from fogofwar.api import create_app
from fogofwar.language import article_language, code
from fogofwar.model import Article
from fogofwar.parts import PARTS
from fogofwar.query import get_record
from fogofwar.schemas import record_schema
from fogofwar.store import Store
from tests.conftest import invoke
from tests.serving import serve

# Written for these tests: one report of the same shelling in four languages.
GERMAN = (
    "Die russische Armee hat am Montag nach Angaben des ukrainischen Generalstabs mehrere Dörfer "
    "in der Region Charkiw mit Artillerie beschossen. Dabei wurden drei Zivilisten getötet und "
    "zwölf weitere verletzt, teilte der Gouverneur mit."
)
RUSSIAN = (
    "Российские войска в понедельник обстреляли из артиллерии несколько сёл в Харьковской "
    "области, сообщил Генеральный штаб Украины. Погибли три мирных жителя, ещё двенадцать "
    "человек ранены, заявил губернатор."
)
KOREAN = (
    "우크라이나 총참모부에 따르면 러시아군은 월요일 하르키우 지역의 여러 마을을 포격했다. "
    "주지사는 이 공격으로 민간인 3명이 숨지고 12명이 다쳤다고 밝혔다."
)
ENGLISH = (
    "Russian forces shelled several villages in the Kharkiv region on Monday, killing three "
    "civilians and wounding twelve, the governor said, according to Reuters."
)
EVERY_PART = [*(part.name for part in PARTS), "cites"]


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (RUSSIAN, "ru"), (KOREAN, "ko")])
def test_a_non_english_article_is_named_and_not_read_by_the_english_rules(text: str, language: str) -> None:
    record = extract(text, published="2024-05-06", title=None, outlet="Desk", url="https://example.org/a")
    out = record.to_dict()
    assert out["article"]["language"] == language
    # Kept: the text and the metadata. Not read: every part (the English rules coded events
    # from German text before).
    assert out["article"]["text"] == text
    assert out["article"]["outlet"] == "Desk" and out["article"]["published"] == "2024-05-06"
    assert out["article"]["parts_ran"] == []
    assert all(out[part.name] == [] for part in PARTS)
    jsonschema.validate(out, record_schema())


def test_an_english_article_is_read_whole_and_says_so() -> None:
    out = extract(ENGLISH, published="2024-05-06").to_dict()
    assert out["article"]["language"] == "en"
    assert out["article"]["parts_ran"] == EVERY_PART
    assert out["events"] and out["places"] and out["article"]["cites"] == ["Reuters"]
    jsonschema.validate(out, record_schema())


def test_a_long_english_article_read_in_pieces_says_every_part_ran() -> None:
    text = "\n\n".join([ENGLISH] * (2 * PIECE_CHARS // len(ENGLISH)))
    assert len(text) > PIECE_CHARS
    assert extract(text).article.parts_ran == EVERY_PART


@pytest.mark.parametrize("workers", [1, 2])
def test_a_mixed_stream_comes_out_in_order_each_article_read_or_not(workers: int) -> None:
    texts = [GERMAN, ENGLISH, RUSSIAN, ENGLISH, KOREAN]
    articles = [Article(id=f"a{n}", text=text) for n, text in enumerate(texts)]
    records = list(extract_articles(articles, workers=workers, batch_size=2))
    assert [r.article.id for r in records] == ["a0", "a1", "a2", "a3", "a4"]
    assert [r.article.language for r in records] == ["de", "en", "ru", "en", "ko"]
    assert [bool(r.article.parts_ran) for r in records] == [False, True, False, True, False]
    assert [bool(r.events) for r in records] == [False, True, False, True, False]


def test_text_that_is_not_unicode_does_not_stop_the_language_step() -> None:
    assert article_language(None, GERMAN + " \ud800", None, "en") == "de"


def test_a_short_english_text_stays_english() -> None:
    # fastText calls these Norwegian and Czech; too short to say.
    for text in ("Helicopters over Luhansk", "45 Js l", "Widescale damage in Saltivka, Kharkiv"):
        record = extract(text)
        assert record.article.language == "en" and record.article.parts_ran == EVERY_PART, text


def test_a_short_text_keeps_its_declared_language_and_a_long_one_is_identified() -> None:
    assert article_language(None, "Drei Tote in Charkiw", "de", "en") == "de"
    assert article_language(None, "Drei Tote in Charkiw", "English", "en") == "en"  # not a tag
    # A feed that declares English for a German article is overruled.
    assert article_language(None, GERMAN, "en-US", "en") == "de"
    assert code("en-US") == "en" and code("pt_BR") == "pt" and code("als") == "de"


def test_a_german_article_in_jsonl_keeps_its_cites_from_markup(tmp_path: Path, cli: CliRunner) -> None:
    path = tmp_path / "in.jsonl"
    row = {"id": "de-1", "text": GERMAN, "language": "en", "cites": ["dpa"], "published": "2024-05-06"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    code_, out, err = invoke(cli, "extract", str(path), "--format", "jsonl")
    assert code_ == 0, err
    article = json.loads(out)["article"]
    assert (article["language"], article["cites"], article["parts_ran"]) == ("de", ["dpa"], [])


@pytest.fixture
def four_languages(tmp_path: Path, cli: CliRunner, db_url: str) -> str:
    path = tmp_path / "four.jsonl"
    rows = [
        {"id": f"{lang}-1", "text": text, "published": "2024-05-06"}
        for lang, text in (("de", GERMAN), ("ru", RUSSIAN), ("ko", KOREAN), ("en", ENGLISH))
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    code_, _, err = invoke(cli, "ingest", str(path), "--db", db_url)
    assert code_ == 0 and "4 stored" in err, err
    return db_url


def test_articles_filter_by_language(four_languages: str, cli: CliRunner) -> None:
    for language in ("de", "ru", "ko", "en", "DE"):
        code_, out, err = invoke(
            cli, "articles", "--db", four_languages, "--language", language, "-f", "jsonl"
        )
        assert code_ == 0, err
        rows = [json.loads(line) for line in out.splitlines()]
        assert [(r["id"], r["language"]) for r in rows] == [(f"{language.lower()}-1", language.lower())]
    code_, out, _ = invoke(cli, "articles", "--db", four_languages, "--language", "fr", "-f", "jsonl")
    assert code_ == 0 and out == ""


def test_the_stored_record_says_what_ran(four_languages: str) -> None:
    store = Store(four_languages)
    try:
        german, english = get_record(store, "de-1"), get_record(store, "en-1")
    finally:
        store.close()
    assert german is not None and english is not None
    assert (german.article.language, german.article.parts_ran, german.events) == ("de", [], [])
    assert (english.article.language, english.article.parts_ran) == ("en", EVERY_PART)


def test_the_api_filters_by_language(four_languages: str) -> None:
    store = Store(four_languages)
    try:
        with serve(create_app(store)) as base, httpx.Client(base_url=base, timeout=60) as client:
            body = client.get("/api/articles", params={"language": "ru"}).json()
            assert [(i["id"], i["language"]) for i in body["items"]] == [("ru-1", "ru")]
            assert len(client.get("/api/articles").json()["items"]) == 4
            assert client.get("/api/articles", params={"language": "r%"}).status_code == 422
            record = client.get("/api/articles/ko-1").json()
            assert (record["article"]["language"], record["article"]["parts_ran"]) == ("ko", [])
    finally:
        store.close()
