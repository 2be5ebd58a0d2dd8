"""Alembic environment of the debate store: run by Store.setup() on the connection it hands over.

To write a new revision by hand: `alembic -x url=sqlite:////tmp/x.sqlite revision -m "..."`
from this folder is not needed; copy versions/0001_debate.py and chain down_revision.
"""

from __future__ import annotations

from alembic import context

from odd17.debate.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("The debate migrations run through odd17.debate.store.Store.setup(), which hands over a connection.")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
