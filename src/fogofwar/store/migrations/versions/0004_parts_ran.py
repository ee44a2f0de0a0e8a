"""articles: parts_ran (the record parts read from the text), an index on language

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot ALTER every kind of column in place; Alembic copies the table.
    # Rows stored before keep NULL: which parts were read was not recorded then.
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("parts_ran", sa.JSON(), nullable=True))
    # `articles --language` and /api/articles?language= filter on it.
    op.create_index("ix_articles_language", "articles", ["language"])


def downgrade() -> None:
    op.drop_index("ix_articles_language", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("parts_ran")
