"""The live debate: debates, their questions, participants, answers, join attempts.

Revision ID: 0001_debate
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_debate"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "debates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(6), nullable=False, unique=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("region", sa.String(3), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("open_question", sa.String(64), nullable=True),
        sa.Column("participants", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "debate_items",
        sa.Column("debate_id", sa.Integer, sa.ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("question_id", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("revealed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "participants",
        sa.Column("debate_id", sa.Integer, sa.ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("device_key", sa.String(64), primary_key=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.UniqueConstraint("debate_id", "number", name="uq_participants_number"),
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("debate_id", sa.Integer, sa.ForeignKey("debates.id", ondelete="CASCADE"), nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("device_key", sa.String(64), nullable=False),
        sa.Column("participant", sa.Integer, nullable=False),
        sa.Column("choice", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("debate_id", "question_id", "device_key", name="uq_answers_device"),
    )
    op.create_table(
        "join_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("device_key", sa.String(64), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_join_attempts_device_key", "join_attempts", ["device_key"])


def downgrade() -> None:
    op.drop_index("ix_join_attempts_device_key", table_name="join_attempts")
    for table in ("join_attempts", "answers", "participants", "debate_items", "debates"):
        op.drop_table(table)
