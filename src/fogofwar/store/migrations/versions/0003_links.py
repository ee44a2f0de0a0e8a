"""links: signatures, LSH buckets, duplicates, reference series

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _article_fk(name: str, primary_key: bool = True) -> sa.Column[str]:
    return sa.Column(
        name,
        sa.String(length=512),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "link_signatures",
        _article_fk("article_id"),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.Column("story_id", sa.String(length=512), nullable=False),
    )
    op.create_index("ix_link_signatures_story_id", "link_signatures", ["story_id"])
    op.create_table(
        "link_buckets",
        sa.Column("key", sa.String(length=40), primary_key=True, nullable=False),
        _article_fk("article_id"),
    )
    op.create_table(
        "duplicates",
        _article_fk("a"),
        _article_fk("b"),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
    )
    op.create_index("ix_duplicates_b", "duplicates", ["b"])
    op.create_table(
        "reference_series",
        sa.Column("name", sa.String(length=256), primary_key=True, nullable=False),
        sa.Column("claimant", sa.String(length=256), nullable=False),
        sa.Column("side", sa.String(length=2), nullable=True),
        sa.Column("cumulative", sa.Boolean(), nullable=False),
        sa.Column("tracked", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reference_values",
        sa.Column(
            "series",
            sa.String(length=256),
            sa.ForeignKey("reference_series.name", ondelete="CASCADE"),
            primary_key=True,
            nullable=False,
        ),
        sa.Column("category", sa.String(length=128), primary_key=True, nullable=False),
        sa.Column("day", sa.Date(), primary_key=True, nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reference_values")
    op.drop_table("reference_series")
    op.drop_index("ix_duplicates_b", table_name="duplicates")
    op.drop_table("duplicates")
    op.drop_table("link_buckets")
    op.drop_index("ix_link_signatures_story_id", table_name="link_signatures")
    op.drop_table("link_signatures")
