"""The debate store's tables (SQLAlchemy Core); their history is the Alembic migrations beside them."""

from __future__ import annotations

import sqlalchemy as sa

from odd17.debate import rules

metadata = sa.MetaData()
debates = sa.Table(
    "debates",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("code", sa.String(6), nullable=False, unique=True),
    sa.Column("title", sa.String(rules.MAX_TITLE), nullable=False),
    sa.Column("region", sa.String(3), nullable=False),
    sa.Column("secret_hash", sa.String(64), nullable=False),
    sa.Column("open_question", sa.String(64), nullable=True),
    sa.Column("participants", sa.Integer, nullable=False, server_default="0"),  # unused since 0002 (see participant_counters)
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
items = sa.Table(  # the questions of one debate, with their state and a snapshot of their answers
    "debate_items",
    metadata,
    sa.Column("debate_id", sa.Integer, sa.ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("question_id", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("options", sa.Text, nullable=False),
    sa.Column("revealed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
)
counters = sa.Table(  # last participant number per debate; its own row so answers only share-lock the debate
    "participant_counters",
    metadata,
    sa.Column("debate_id", sa.Integer, sa.ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("last_number", sa.Integer, nullable=False, server_default="0"),
)
participants = sa.Table(
    "participants",
    metadata,
    sa.Column("debate_id", sa.Integer, sa.ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("device_key", sa.String(64), primary_key=True),
    sa.Column("number", sa.Integer, nullable=False),
    sa.UniqueConstraint("debate_id", "number", name="uq_participants_number"),
)
answers = sa.Table(
    "answers",
    metadata,
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
join_attempts = sa.Table(  # unknown codes typed per device, kept JOIN_WINDOW_MINUTES
    "join_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("device_key", sa.String(64), nullable=False, index=True),
    sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
)
