"""interop: custom exercises, exercise mappings, custom sets and swim details

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "custom_exercises",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "muscles",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('strength', 'swim', 'other')", name=op.f("ck_custom_exercises_kind")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_custom_exercises_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_exercises")),
    )
    with op.batch_alter_table("custom_exercises", schema=None) as batch_op:
        batch_op.create_index("ix_custom_exercises_user_name", ["user_id", "name"], unique=True)

    op.create_table(
        "custom_sets",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("custom_exercise_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("load_kg", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("rir", sa.Integer(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('normal', 'warmup', 'failure', 'dropset')", name=op.f("ck_custom_sets_kind")
        ),
        sa.CheckConstraint(
            "load_kg IS NULL OR (load_kg >= 0 AND load_kg <= 500)", name=op.f("ck_custom_sets_load")
        ),
        sa.CheckConstraint(
            "reps IS NULL OR (reps >= 0 AND reps <= 100)", name=op.f("ck_custom_sets_reps")
        ),
        sa.ForeignKeyConstraint(
            ["custom_exercise_id"],
            ["custom_exercises.id"],
            name=op.f("fk_custom_sets_custom_exercise_id_custom_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_custom_sets_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_sets")),
    )
    with op.batch_alter_table("custom_sets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_custom_sets_custom_exercise_id"), ["custom_exercise_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_custom_sets_session_id"), ["session_id"], unique=False)

    op.create_table(
        "exercise_mappings",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("exercise_id", sa.String(length=64), nullable=True),
        sa.Column("variant_id", sa.String(length=64), nullable=True),
        sa.Column("custom_exercise_id", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(exercise_id IS NULL) <> (custom_exercise_id IS NULL)",
            name=op.f("ck_exercise_mappings_one_target"),
        ),
        sa.ForeignKeyConstraint(
            ["custom_exercise_id"],
            ["custom_exercises.id"],
            name=op.f("fk_exercise_mappings_custom_exercise_id_custom_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_exercise_mappings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "source_name", name=op.f("pk_exercise_mappings")),
    )
    op.create_table(
        "swim_details",
        sa.Column("set_id", sa.String(length=64), nullable=False),
        sa.Column("environment", sa.String(length=16), nullable=False),
        sa.Column("pool_length_m", sa.Float(), nullable=True),
        sa.Column(
            "laps",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "environment IN ('pool', 'open-water')", name=op.f("ck_swim_details_environment")
        ),
        sa.ForeignKeyConstraint(
            ["set_id"], ["sets.id"], name=op.f("fk_swim_details_set_id_sets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("set_id", name=op.f("pk_swim_details")),
    )


def downgrade() -> None:
    op.drop_table("swim_details")
    op.drop_table("exercise_mappings")
    with op.batch_alter_table("custom_sets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custom_sets_session_id"))
        batch_op.drop_index(batch_op.f("ix_custom_sets_custom_exercise_id"))

    op.drop_table("custom_sets")
    with op.batch_alter_table("custom_exercises", schema=None) as batch_op:
        batch_op.drop_index("ix_custom_exercises_user_name")

    op.drop_table("custom_exercises")
