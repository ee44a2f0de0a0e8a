"""links kept in the store: each story's items, story generations, forecast keys, text vectors

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_items",
        sa.Column("story_id", sa.String(length=512), primary_key=True, nullable=False),
        sa.Column("kind", sa.String(length=32), primary_key=True, nullable=False),
        sa.Column("idx", sa.Integer(), primary_key=True, nullable=False, autoincrement=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_table(
        "link_stories",
        sa.Column("story_id", sa.String(length=512), primary_key=True, nullable=False),
        sa.Column("gen", sa.Integer(), nullable=False),
        sa.Column("built", sa.Integer(), nullable=True),
    )
    op.create_table(
        "link_forecast_keys",
        sa.Column("key", sa.String(length=40), primary_key=True, nullable=False),
        sa.Column(
            "article_id",
            sa.String(length=512),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
            nullable=False,
        ),
        sa.Column("floor", sa.Integer(), nullable=False),
    )
    op.create_index("ix_link_forecast_keys_article_id", "link_forecast_keys", ["article_id"])
    op.create_table(
        "text_vectors",
        sa.Column("hash", sa.String(length=32), primary_key=True, nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
    )
    state = op.create_table(
        "link_state",
        sa.Column("name", sa.String(length=64), primary_key=True, nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
    )
    # A store linked before this revision has stories but no stored items: reads say so, and
    # `fogofwar relink` builds them (computing them here would load the embedding model).
    linked = op.get_bind().execute(sa.text("SELECT 1 FROM link_signatures LIMIT 1")).first()
    if linked is not None:
        op.bulk_insert(state, [{"name": "items_missing", "value": "linked before revision 0005"}])


def downgrade() -> None:
    op.drop_table("link_state")
    op.drop_table("text_vectors")
    op.drop_index("ix_link_forecast_keys_article_id", table_name="link_forecast_keys")
    op.drop_table("link_forecast_keys")
    op.drop_table("link_stories")
    op.drop_table("link_items")
