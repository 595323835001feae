"""Alembic environment: migrations run on the connection backcoach hands over."""

from alembic import context

from backcoach.store.tables import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:
    # Command-line use (alembic revision --autogenerate) during development.
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
