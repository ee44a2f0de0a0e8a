"""No article stops a run: a component that raises on one article costs that article only.

The failing component is put in the real pipeline by a config (the bundled components, then
one that raises on a marked text), so everything else is what a user runs: the real model,
``extract_articles``, the CLI in-process and in two worker processes, a real SQLite store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, select
from typer.testing import CliRunner

import fogofwar
from fogofwar import annotate
from fogofwar.annotate import ArticleError, extract_articles
from fogofwar.batch import ingest_articles
from fogofwar.errors import FogofwarError
from fogofwar.model import Article
from fogofwar.nlp import load_config
from fogofwar.store import Store
from fogofwar.store.schema import articles as stored_articles
from tests.conftest import invoke

MARK = "EXPLODE"


class Boom:
    """Raises on a Doc whose text holds MARK, as a component with a bug would."""

    def __call__(self, doc: Doc) -> Doc:
        if MARK in doc.text:
            raise KeyError("few")
        return doc


class BatchBoom(Boom):
    """Raises for the whole batch when one of its Docs holds MARK, as spaCy's trained
    components do (they predict a batch at once)."""

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        batch = list(docs)
        if any(MARK in doc.text for doc in batch):
            raise ValueError("the batch failed")
        yield from batch


for _name, _make in (("fogofwar_test_boom", Boom), ("fogofwar_test_batch_boom", BatchBoom)):
    if not Language.has_factory(_name):
        Language.factory(_name, func=lambda nlp, name, _make=_make: _make())


def config_with(tmp_path: Path, factory: str) -> str:
    """The bundled pipeline with one more component, `factory`, after the others."""
    components = [*load_config()["fogofwar"]["components"], "boom"]
    path = tmp_path / f"{factory}.cfg"
    path.write_text(
        f"[fogofwar]\ncomponents = {json.dumps(components)}\n\n"
        f'[components]\n\n[components.boom]\nfactory = "{factory}"\n',
        encoding="utf-8",
    )
    return str(path)


GOOD = [
    "Russian forces shelled Kharkiv on Monday, killing three civilians, officials said.",
    "Ukraine said it shot down 12 drones over Odesa overnight.",
    "About 200 soldiers were wounded near Bakhmut, according to Reuters.",
    "Fighting continued near Avdiivka, the General Staff said.",
]


def articles(bad_at: int | None) -> list[Article]:
    texts = list(GOOD)
    if bad_at is not None:
        texts.insert(bad_at, f"They lost a few thousand soldiers. {MARK}")
    return [Article(id=f"a{n}", text=t, source=f"src/a{n}.txt") for n, t in enumerate(texts)]


@pytest.fixture(scope="module")
def clean() -> dict[str, dict[str, object]]:
    """The records of the good articles in a run without a failure."""
    return {r.article.id: r.to_dict() for r in extract_articles(articles(None))}


@pytest.mark.parametrize("factory", ["fogofwar_test_boom", "fogofwar_test_batch_boom"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_article_costs_only_itself(
    tmp_path: Path, clean: dict[str, dict[str, object]], factory: str, workers: int
) -> None:
    errors: list[ArticleError] = []
    given = articles(bad_at=2)
    records = list(
        extract_articles(
            given, pipeline=config_with(tmp_path, factory), workers=workers, on_error=errors.append
        )
    )
    # Every other article, in order, with the record it has in a run where nothing fails.
    ids = [a.id for a in given if MARK not in a.text]
    assert [r.article.id for r in records] == ids
    for record, good in zip(records, articles(None), strict=True):
        assert record.to_dict() == {**clean[good.id], "article": record.to_dict()["article"]}
    # One error, naming the article and the component, and saying what went wrong.
    (error,) = errors
    assert str(error).startswith("src/a2.txt: boom failed (")
    assert "KeyError: 'few'" in str(error) and error.component == "boom"


def test_a_failing_piece_costs_its_whole_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long article cut into pieces: one piece failing leaves no half record."""
    monkeypatch.setattr(annotate, "PIECE_CHARS", 200)
    long_text = "\n\n".join([*GOOD, f"A strike hit the depot. {MARK}", *GOOD])
    given = [Article(id="long", text=long_text, source="long"), *articles(None)]
    errors: list[ArticleError] = []
    records = list(
        extract_articles(given, pipeline=config_with(tmp_path, "fogofwar_test_boom"), on_error=errors.append)
    )
    assert [r.article.id for r in records] == [a.id for a in articles(None)]
    assert [e.source for e in errors] == ["long"]


def test_extract_of_one_text_says_which_component_failed(tmp_path: Path) -> None:
    """Without an error handler (``fogofwar.extract``), the error is raised, as one FogofwarError."""
    with pytest.raises(FogofwarError, match=r"^text: boom failed \(KeyError: 'few'\); no record$"):
        next(
            extract_articles(
                [Article(id="text", text=MARK, source="text")],
                pipeline=config_with(tmp_path, "fogofwar_test_boom"),
            )
        )
    assert fogofwar.extract("They lost a few thousand soldiers.").figures[0].value == 3000


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n, text in enumerate(GOOD):
        (inputs / f"good{n}.txt").write_text(text + "\n", encoding="utf-8")
    (inputs / "bad.txt").write_text(f"They lost a few thousand soldiers. {MARK}\n", encoding="utf-8")
    return inputs


@pytest.mark.parametrize("workers", ["1", "2"])
def test_extract_says_one_line_and_goes_on(tmp_path: Path, folder: Path, workers: str) -> None:
    config = config_with(tmp_path, "fogofwar_test_boom")
    code, out, err = invoke(
        CliRunner(), "extract", str(folder), "--pipeline", config, "--workers", workers, "--format", "jsonl"
    )
    assert code == 1
    assert sorted(Path(json.loads(line)["article"]["id"]).name for line in out.splitlines()) == [
        f"good{n}.txt" for n in range(len(GOOD))
    ]
    assert err.splitlines() == [f"error: {folder / 'bad.txt'}: boom failed (KeyError: 'few'); no record"]


def test_ingest_stores_the_good_articles_beside_a_failing_one(tmp_path: Path, folder: Path) -> None:
    """19 good articles and one a component fails on: 19 stored, one failure said and counted."""
    for n in range(len(GOOD), 19):
        (folder / f"good{n}.txt").write_text(f"{GOOD[n % len(GOOD)]} Report {n}.\n", encoding="utf-8")
    db = str(tmp_path / "store.db")
    config = config_with(tmp_path, "fogofwar_test_boom")
    code, _, err = invoke(CliRunner(), "ingest", str(folder), "--db", db, "--pipeline", config, "--no-link")
    assert code == 1
    assert f"error: {folder / 'bad.txt'}: boom failed (KeyError: 'few'); no record" in err.splitlines()
    assert "20 articles read: 19 stored, 0 already stored, 1 failed" in err
    assert "Traceback" not in err
    with Store(db) as store, store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(stored_articles)).scalar_one() == 19


def test_copies_of_a_failing_article_are_said_not_stored(tmp_path: Path) -> None:
    """The same failing text twice in a run: both said, neither stored, every article counted."""
    bad = f"They lost a few thousand soldiers. {MARK}"
    given = [
        Article(id="bad", text=bad, source="bad"),
        Article(id="bad-copy", text=bad, source="bad-copy"),
        Article(id="good", text=GOOD[0], source="good"),
    ]
    with Store(str(tmp_path / "store.db")) as store:
        report = ingest_articles(store, given, pipeline=config_with(tmp_path, "fogofwar_test_boom"))
    assert (report.read, report.stored, report.unstored, report.done) == (3, 1, 2, 3)
    assert [str(e).split(":")[0] for e in report.errors] == ["bad", "bad-copy"]


def test_the_api_answers_a_failing_component_with_a_422_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    from fogofwar.api import ServeOptions, create_app
    from tests.serving import serve

    # The server builds the bundled pipeline; here it gets the one with the failing component.
    failing = config_with(tmp_path, "fogofwar_test_boom")
    bundled = annotate.build_pipeline
    monkeypatch.setattr(annotate, "build_pipeline", lambda _pipeline=None: bundled(failing))
    store = Store(f"sqlite:///{tmp_path / 'api.db'}")
    app = create_app(store, ServeOptions(allow_ingest=True, token="t0ken", cache_seconds=0))
    with serve(app) as base, httpx.Client(base_url=base, timeout=120) as client:
        bad = client.post("/api/extract", json={"text": f"Shelling near Kharkiv. {MARK}"})
        good = client.post("/api/extract", json={"text": GOOD[0]})
    assert bad.status_code == 422
    assert "boom failed (KeyError" in bad.text and "Traceback" not in bad.text
    assert good.status_code == 200 and good.json()["article"]["text"] == GOOD[0]
