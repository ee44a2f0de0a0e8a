"""The store's schema (SQLAlchemy Core): one table per record part, one row per item.

Columns are the record's fields flattened (``range.begin`` -> ``range_begin``, ``speaker.kind``
-> ``speaker_kind``) so parts can be filtered and joined in SQL; only lists of free-form
strings (a claim's ``via`` and ``hedges``) are JSON. Offsets are ``char_start``/``char_end``
because END is reserved in SQL. Every change here needs a migration in ``migrations/``
(tests compare the migrated database with this metadata).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from fogofwar.parts import PARTS

metadata = MetaData()

# The revisions of the migrations in migrations/versions, oldest first (a test holds them
# equal): a store already at the newest is opened without loading Alembic, which read commands
# need not pay, and a store at a revision not listed here is refused untouched.
REVISIONS = ("0001", "0002", "0003", "0004", "0005")
HEAD_REVISION = REVISIONS[-1]

articles = Table(
    "articles",
    metadata,
    Column("id", String(512), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", String(256)),
    Column("published", Date),
    Column("url", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("source", Text),
    Column("schema", String(32), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # The record parts read from the text (Article.parts_ran); NULL for rows stored before.
    Column("parts_ran", JSON),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_language", "language"),
)

# The same text arriving again under another id (a wire story re-run word for word) is stored
# once; the other ids are kept here, with their own metadata, so nothing said about them is lost.
article_aliases = Table(
    "article_aliases",
    metadata,
    Column("id", String(512), primary_key=True),
    Column("article_id", String(512), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("title", Text),
    Column("outlet", String(256)),
    Column("published", Date),
    Column("url", Text),
    Column("source", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_article_aliases_article_id", "article_id"),
)


def _part(name: str, *columns: Column[object], spans: bool = True) -> Table:
    """A record part: rows keyed by (article, position in the record's list)."""
    keys: list[Column[object]] = [
        Column("article_id", String(512), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        Column("idx", Integer, primary_key=True, autoincrement=False),
    ]
    if spans:
        keys += [
            Column("text", Text, nullable=False),
            Column("char_start", Integer),
            Column("char_end", Integer),
        ]
    return Table(name, metadata, *keys, *columns)


# Cites without offsets come from input metadata (a JSONL `cites` list).
cites = _part("cites", Column("name", String(256), nullable=False), Column("cue", String(128)), spans=False)
cites.append_column(Column("char_start", Integer))
cites.append_column(Column("char_end", Integer))

entities = _part("entities", Column("label", String(32), nullable=False))

places = _part(
    "places",
    Column("name", Text),
    Column("geonameid", BigInteger),
    Column("lat", Float),
    Column("lon", Float),
    Column("country_code", String(2)),
    Column("admin1", String(64)),
    Column("kind", String(32)),
    Column("score", Float),
    Column("role", String(16)),
)

times = _part(
    "times",
    Column("kind", String(16), nullable=False),
    Column("timex_type", String(16)),
    Column("value", String(64)),
    Column("range_begin", String(10)),
    Column("range_end", String(10)),
    Column("mod", String(16)),
)

figures = _part(
    "figures",
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("qualifier", String(16), nullable=False),
    Column("category", String(128)),
    Column("side", String(2)),
    Column("period_begin", String(10)),
    Column("period_end", String(10)),
    Column("claim", String(64)),
    Column("unit", String(32)),
    Column("parent", Integer),
)

claims = _part(
    "claims",
    Column("item_id", String(64), nullable=False),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker_name", Text),
    Column("speaker_kind", String(32)),
    Column("speaker_affiliation", Text),
    Column("speaker_country_code", String(2)),
    Column("speaker_anonymous", Boolean),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_role", Text),
    Column("via", JSON),
    Column("hedges", JSON),
    Column("forecast_begin", String(10)),
    Column("forecast_end", String(10)),
)

events = _part(
    "events",
    Column("item_id", String(64), nullable=False),
    Column("type", String(64)),
    Column("subtype", String(64)),
    Column("plover", String(64)),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("place", Integer),
    Column("date_begin", String(10)),
    Column("date_end", String(10)),
    Column("fatalities", Integer),
    Column("claim", String(64)),
    Column("date_assumed", Boolean),
)

# Record part name -> its table, in record order (parts.PARTS names each part's table; a part
# without one here fails at import, before any article is annotated).
PART_TABLES: dict[str, Table] = {part.name: metadata.tables[part.table] for part in PARTS}

# Across articles (link/). What linking one new article finds is kept here, so that `fogofwar
# links` reads it instead of comparing every pair of stored articles again.

# One row per linked article: its signatures and the story it joined.
link_signatures = Table(
    "link_signatures",
    metadata,
    Column("article_id", String(512), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
    Column("embedding", LargeBinary, nullable=False),
    Column("story_id", String(512), nullable=False),
    Index("ix_link_signatures_story_id", "story_id"),
)

# LSH buckets: "d<band>:<hash>" for copies, "s<band>:<hash>" for stories (link/signatures.py).
link_buckets = Table(
    "link_buckets",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("article_id", String(512), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

# Near and syndicated copies between stored articles (exact copies are article_aliases).
duplicates = Table(
    "duplicates",
    metadata,
    Column("a", String(512), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("b", String(512), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Index("ix_duplicates_b", "b"),
)

# What each story's links are, kept so that a read is a lookup (link/build.py): the story's figure
# groups, contradictions and forecasts, one row per item as ``fogofwar.links/1`` shows it (a
# forecast's status as computed; `open`/`due` are derived again when read, from its deadline).
link_items = Table(
    "link_items",
    metadata,
    Column("story_id", String(512), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("data", JSON, nullable=False),
)

# Each story's generation: bumped whenever something its items depend on changes (an article
# joins it, an article enters the evidence of one of its forecasts, a reference series is
# loaded); `built` is the generation its stored items were computed at (NULL: never). A story
# with built < gen is recomputed by the next linking pass.
link_stories = Table(
    "link_stories",
    metadata,
    Column("story_id", String(512), primary_key=True),
    Column("gen", Integer, nullable=False),
    Column("built", Integer),
)

# Where a stored forecast looks for evidence: the story buckets of its article and the probe keys
# of its claim's embedding (link/index.story_neighbours), each lookup keeping its 100 candidates
# sharing the most buckets. `floor`: the fewest buckets a new article must share with the lookup
# to enter those 100 (1 while fewer were found; the lowest over an article's lookups). A new
# article sharing that many of these keys may settle the forecast: its story is recomputed.
link_forecast_keys = Table(
    "link_forecast_keys",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("article_id", String(512), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("floor", Integer, nullable=False),
    Index("ix_link_forecast_keys_article_id", "article_id"),
)

# Sentence and claim embeddings (link/embed.py), keyed by a hash of the text: each text is
# embedded once, whichever story or forecast reads it again. Emptied by `fogofwar relink`.
text_vectors = Table(
    "text_vectors",
    metadata,
    Column("hash", String(32), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)

# Flags about the link tables as a whole: "items_missing" when a store linked by an older
# fogofwar has no stored items yet (`fogofwar relink` builds them).
link_state = Table(
    "link_state",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text),
)

# Reference series (`fogofwar reference load`): a claimant's daily values per figure category,
# stored sparse as published (a row only where the value changed; carried forward in `tracked`).
reference_series = Table(
    "reference_series",
    metadata,
    Column("name", String(256), primary_key=True),
    Column("claimant", String(256), nullable=False),
    Column("side", String(2)),
    Column("cumulative", Boolean, nullable=False),
    Column("tracked", JSON, nullable=False),  # {category: [first day, last day]}
    Column("source", Text),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

reference_values = Table(
    "reference_values",
    metadata,
    Column("series", String(256), ForeignKey("reference_series.name", ondelete="CASCADE"), primary_key=True),
    Column("category", String(128), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("value", Float, nullable=False),
)
