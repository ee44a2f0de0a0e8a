"""record fields for the record's parts: place score/role, time mod, figure unit/parent,
speaker role, event date_assumed

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMNS: list[tuple[str, sa.Column[object]]] = [
    ("places", sa.Column("score", sa.Float(), nullable=True)),
    ("places", sa.Column("role", sa.String(length=16), nullable=True)),
    ("times", sa.Column("mod", sa.String(length=16), nullable=True)),
    ("figures", sa.Column("unit", sa.String(length=32), nullable=True)),
    ("figures", sa.Column("parent", sa.Integer(), nullable=True)),
    ("claims", sa.Column("speaker_role", sa.Text(), nullable=True)),
    ("events", sa.Column("date_assumed", sa.Boolean(), nullable=True)),
]


def upgrade() -> None:
    for table, column in _COLUMNS:
        # batch mode: SQLite cannot ALTER every kind of column in place; Alembic copies the table.
        with op.batch_alter_table(table) as batch:
            batch.add_column(column)


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column.name)
