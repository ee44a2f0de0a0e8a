"""The routes that run the pipeline: POST /api/extract (stores nothing) and POST /api/ingest
(with the token), which stores and links through the one ingest path, `batch.ingest_articles`.

spaCy is imported on first use: it takes seconds to import, and a read-only server (each of
its workers) should not wait for it to start.
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, model_validator

from fogofwar.api.guard import public_only
from fogofwar.api.options import AppState, State
from fogofwar.errors import FogofwarError, InputError, is_warning
from fogofwar.ingest import IngestOptions, read_inputs
from fogofwar.model import Article, Record
from fogofwar.textcheck import text_problem

router = APIRouter()


class ExtractIn(BaseModel):
    text: str = Field(min_length=1, description="The article's text.")
    published: date | None = None
    outlet: str | None = Field(default=None, max_length=256)
    title: str | None = Field(default=None, max_length=2000)


class IngestIn(BaseModel):
    """Either `text` (with optional metadata and an id) or a public `url` to fetch."""

    text: str | None = Field(default=None, min_length=1)
    url: str | None = Field(default=None, max_length=2048, pattern=r"^https?://")
    id: str | None = Field(default=None, max_length=512)
    published: date | None = None
    outlet: str | None = Field(default=None, max_length=256)
    title: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def one_source(self) -> IngestIn:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text and url")
        return self


@router.post("/api/extract", summary="The record of posted text; nothing is stored")
async def api_extract(state: State, body: ExtractIn) -> dict[str, Any]:
    article = Article(
        id="posted",
        text=body.text,
        title=body.title,
        outlet=body.outlet,
        published=body.published.isoformat() if body.published else None,
    )
    _refuse_unstorable(article, storing=False)  # nothing is stored: as fogofwar.extract
    return (await run_in_threadpool(_annotate, state, article)).to_dict()


def _refuse_unstorable(article: Article, *, storing: bool = True) -> None:
    """The one storability rule of the CLI and the library (textcheck): a 422 naming the field."""
    problem = text_problem(article, storing=storing)
    if problem:
        raise HTTPException(422, problem)


def _annotate(state: AppState, article: Article) -> Record:
    from fogofwar.annotate import extract_articles

    with state.nlp_lock:
        try:
            return next(extract_articles([article]))
        except FogofwarError as exc:  # a component failed on this text: say so, as the CLI does
            raise HTTPException(422, exc.problem if isinstance(exc, InputError) else str(exc)) from None


def _authorised(state: State, authorization: Annotated[str | None, Header()] = None) -> None:
    token = state.options.token
    if not state.options.allow_ingest or token is None:
        raise HTTPException(403, "this server is read-only (start it with --allow-ingest)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given:
        raise HTTPException(401, "a token is needed: Authorization: Bearer $FOGOFWAR_TOKEN")
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(403, "wrong token")


@router.post(
    "/api/ingest",
    summary="Store the record of posted text or a public URL (token)",
    dependencies=[Depends(_authorised)],
)
async def api_ingest(state: State, body: IngestIn) -> dict[str, Any]:
    return await run_in_threadpool(_ingest, state, body)


def _posted_articles(state: AppState, body: IngestIn) -> list[Article]:
    """The article posted, or those the URL gives; a URL that cannot be read is a 422."""
    published = body.published.isoformat() if body.published else None
    if body.url is None:
        assert body.text is not None
        article_id = body.id or f"posted:{Article(id='', text=body.text).hash[:16]}"
        article = Article(article_id, body.text, body.title, body.outlet, published, source=article_id)
        _refuse_unstorable(article)
        return [article]
    guard = public_only(state.options.fetch_allow)
    options = IngestOptions(
        published=published, max_bytes=state.options.max_body, url_guard=guard, url_transport=guard.transport
    )
    items = list(read_inputs([body.url], options))
    errors = [str(i) for i in items if isinstance(i, FogofwarError) and not is_warning(i)]
    if errors:
        raise HTTPException(422, errors[0])
    return [i for i in items if isinstance(i, Article)]


def _ingest(state: AppState, body: IngestIn) -> dict[str, Any]:
    from fogofwar.batch import ingest_articles

    articles = _posted_articles(state, body)
    stored: list[str] = []
    with state.nlp_lock:
        report = ingest_articles(
            state.store, articles, link=True, on_stored=lambda article: stored.append(article.id)
        )
    if report.errors:
        # An article the store refused (an id held by other text, say) is a conflict; a failed
        # linking pass leaves what was posted stored, not linked: the server's own failure.
        raise HTTPException(409 if report.unstored else 500, str(report.errors[0]))
    return {"stored": stored, "read": len(articles)}
