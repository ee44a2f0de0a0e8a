"""One registry of record parts: the store, the JSON Schema and the record agree with it, and a
part added to it (and to nothing else but its component) comes through long articles whole."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from fogofwar import annotate, parts
from fogofwar.model import Article, Claim, Record
from fogofwar.parts import PARTS, RecordPart
from fogofwar.schemas import record_schema
from fogofwar.store.rows import column_names
from fogofwar.store.schema import PART_TABLES


def test_each_part_is_stored_in_its_table_with_a_column_for_every_field() -> None:
    # A field without a column would be lost on save; a column without a field is a migration
    # that the record never fills.
    assert list(PART_TABLES) == [part.name for part in PARTS]
    for part in PARTS:
        table = PART_TABLES[part.name]
        assert table.name == part.table
        assert set(table.c.keys()) - {"article_id", "idx"} == set(column_names(part.item)), part.name


def _properties(schema: dict[str, Any], node: dict[str, Any]) -> set[str]:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].removeprefix("#/$defs/")]
    return set(node["properties"])


def test_the_json_schema_documents_every_part_and_every_field() -> None:
    schema = record_schema()
    assert set(schema["properties"]) - {"schema", "article"} == {part.name for part in PARTS}
    for part in PARTS:
        items = schema["properties"][part.name]["items"]
        assert set(items["properties"]) == {f.name for f in dataclasses.fields(part.item)}, part.name
        for name, nested in part.nested.items():
            documented = _properties(schema, items["properties"][name])
            assert documented == {f.name for f in dataclasses.fields(nested)}, f"{part.name}.{name}"


def test_a_record_prints_every_part_in_registry_order_even_when_empty() -> None:
    printed = Record(article=Article(id="a", text="")).to_dict()
    assert list(printed) == ["schema", "article", *(part.name for part in PARTS)]


def test_a_registry_row_naming_a_field_its_item_lacks_is_refused() -> None:
    # Merging pieces would otherwise skip the misspelt offset and leave it pointing into a piece.
    with pytest.raises(TypeError, match=r"no field 'speaker\.begin'"):
        RecordPart("claims", Claim, table="claims", doc_extension="claims", offsets=("speaker.begin",))


# The toy part: a word the article says again, with the position of its first mention.
@dataclass
class Echo:
    id: str
    text: str
    start: int
    end: int
    first: int | None = None  # index into the echoes of the first mention of the same word


ECHO = RecordPart(
    "echoes", Echo, table="echoes", doc_extension="echoes", id_prefix="x", index_fields={"first": "echoes"}
)
ECHOED = {"Kursk", "Sudzha"}

# A part in parts.PARTS gets its extension from fogofwar.nlp at import; the toy part is
# registered later, so its component says so itself.
if not Doc.has_extension("echoes"):
    Doc.set_extension("echoes", default=None)


@Language.component("fogofwar_test_echoes")
def find_echoes(doc: Doc) -> Doc:
    found: list[dict[str, Any]] = []
    first: dict[str, int] = {}
    for token in doc:
        if token.text in ECHOED:
            n = len(found)
            end = token.idx + len(token.text)
            found.append({"id": f"x{n + 1}", "text": token.text, "start": token.idx, "end": end})
            found[-1]["first"] = first.setdefault(token.text, n)
    doc._.echoes = found
    return doc


PARAGRAPH = "Kursk came under fire. Sudzha was shelled overnight, and Kursk again at dawn.\n\n"


def test_a_new_part_comes_through_an_article_cut_into_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Adding a part: a row in the registry and a component, nothing in annotate or the model.
    monkeypatch.setattr(parts, "PARTS", (*parts.PARTS, ECHO))
    config = tmp_path / "echoes.cfg"
    config.write_text(
        '[fogofwar]\nbase = "blank:en"\ncomponents = ["echoes"]\n\n'
        '[components]\n\n[components.echoes]\nfactory = "fogofwar_test_echoes"\n',
        encoding="utf-8",
    )
    text = PARAGRAPH * 6
    article = Article(id="long", text=text, source="long")
    (whole,) = annotate.extract_articles([article], pipeline=str(config))
    monkeypatch.setattr(annotate, "PIECE_CHARS", 2 * len(PARAGRAPH))
    assert len(annotate.pieces(text, annotate.PIECE_CHARS)) == 3
    (cut,) = annotate.extract_articles([article], pipeline=str(config))

    echoes: list[Echo] = cut.part("echoes")
    # None dropped, each at its place in the whole text, ids numbered on across the pieces.
    assert [(e.text, e.start, e.end) for e in echoes] == [
        (e.text, e.start, e.end) for e in whole.part("echoes")
    ]
    assert all(text[e.start : e.end] == e.text for e in echoes)
    assert [e.id for e in echoes] == [f"x{n}" for n in range(1, 19)]
    # Each piece's first mentions, pointed at by position in the merged list.
    for n, echo in enumerate(echoes):
        assert echo.first is not None and echo.first <= n
        assert echoes[echo.first].text == echo.text and echoes[echo.first].first == echo.first
    assert sorted({e.first for e in echoes if e.first is not None}) == [0, 1, 6, 7, 12, 13]
    assert cut.to_dict()["echoes"] == [dataclasses.asdict(e) for e in echoes]
