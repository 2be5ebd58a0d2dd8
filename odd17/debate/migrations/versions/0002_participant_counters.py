"""Participant numbers from a counter row of their own, so that answers only share-lock their debate.

`debates.participants` stays (unused): dropping a column on SQLite rebuilds the table,
which with foreign keys on would cascade into the answers.

Revision ID: 0002_participant_counters
Revises: 0001_debate
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_participant_counters"
down_revision = "0001_debate"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "participant_counters",
        sa.Column("debate_id", sa.Integer, sa.ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("last_number", sa.Integer, nullable=False, server_default="0"),
    )
    op.execute("INSERT INTO participant_counters (debate_id, last_number) SELECT id, participants FROM debates")


def downgrade() -> None:
    op.execute("UPDATE debates SET participants = (SELECT last_number FROM participant_counters WHERE debate_id = debates.id)")
    op.drop_table("participant_counters")
