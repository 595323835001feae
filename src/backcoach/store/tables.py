"""SQLAlchemy tables of the training log. Only the store module imports this."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and gives them back aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="athlete")
    unit: Mapped[str] = mapped_column(String(4), default="kg")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="role"),
        CheckConstraint("unit IN ('kg', 'lb')", name="unit"),
    )


class SessionRow(Base):
    __tablename__ = "training_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_training_sessions_user_started", "user_id", "started_at"),)


class SetRow(Base):
    __tablename__ = "sets"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(64))
    variant_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="normal")
    reps: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    side: Mapped[str] = mapped_column(String(8), default="both")
    notes: Mapped[str] = mapped_column(Text, default="")
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # The domain checks these too; the database holds the line if a bug slips past.
    __table_args__ = (
        CheckConstraint("reps IS NULL OR (reps >= 0 AND reps <= 100)", name="reps"),
        CheckConstraint("load_kg IS NULL OR (load_kg >= 0 AND load_kg <= 500)", name="load"),
        CheckConstraint("rpe IS NULL OR (rpe >= 1 AND rpe <= 10)", name="rpe"),
        CheckConstraint("rir IS NULL OR (rir >= 0 AND rir <= 10)", name="rir"),
        CheckConstraint("kind IN ('normal', 'warmup', 'failure', 'dropset')", name="kind"),
        CheckConstraint("side IN ('both', 'left', 'right')", name="side"),
    )


class PainRow(Base):
    __tablename__ = "pain_entries"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    score: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(32))
    felt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    exercise_id: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Red-flag symptom ids, comma-separated (empty for none).
    symptoms: Mapped[str] = mapped_column(String(200), default="", server_default="")

    __table_args__ = (
        CheckConstraint("score >= 0 AND score <= 10", name="score"),
        Index("ix_pain_entries_user_felt", "user_id", "felt_at"),
    )


class BodyWeightRow(Base):
    __tablename__ = "body_weights"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    weight_kg: Mapped[float] = mapped_column(Float)
    measured_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("weight_kg > 0", name="weight"),
        Index("ix_body_weights_user_measured", "user_id", "measured_at"),
    )


Document = JSON().with_variant(JSONB(), "postgresql")


class ProfileRow(Base):
    """A person's training profile, kept as the validated document the planner reads."""

    __tablename__ = "profiles"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, object]] = mapped_column(Document)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PlanRow(Base):
    """A generated program; one per user is active."""

    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    profile: Mapped[dict[str, object]] = mapped_column(Document)
    program: Mapped[dict[str, object]] = mapped_column(Document)

    __table_args__ = (Index("ix_plans_user_active", "user_id", "active"),)


class CoachingStateRow(Base):
    """Where progression stands for a user: current targets per exercise, and any stop."""

    __tablename__ = "coaching_state"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, object]] = mapped_column(Document)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


# Accounts, access and background jobs (the web app and its workers).


class CredentialRow(Base):
    """A person's login secret: an argon2 hash, never the password."""

    __tablename__ = "credentials"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    password_hash: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebSessionRow(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ApiTokenRow(Base):
    """A token for scripts, shown once; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CoachLinkRow(Base):
    """A coach's invitation to an athlete, and the athlete's answer."""

    __tablename__ = "coach_links"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    coach_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    athlete_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="invited")
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("status IN ('invited', 'accepted', 'declined', 'revoked')", name="status"),
        CheckConstraint("coach_id <> athlete_id", name="not_self"),
        Index("ix_coach_links_pair", "coach_id", "athlete_id", unique=True),
        Index("ix_coach_links_athlete", "athlete_id"),
    )


class LoginAttemptRow(Base):
    """A failed sign-in, kept briefly so that every web process sees the same rate limit."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(400))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_login_attempts_key_at", "key", "attempted_at"),)


class FormCheckJobRow(Base):
    """A video form check: the upload, where the work stands, and its report."""

    __tablename__ = "form_check_jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    stage: Mapped[str] = mapped_column(String(200), default="")
    exercise_id: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    upload_path: Mapped[str] = mapped_column(Text)
    annotated_path: Mapped[str | None] = mapped_column(Text)
    report: Mapped[dict[str, object] | None] = mapped_column(Document)
    error: Mapped[str | None] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="status"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress"),
        Index("ix_form_check_jobs_user_created", "user_id", "created_at"),
        Index("ix_form_check_jobs_status", "status"),
    )


class CalendarFeedRow(Base):
    """A person's secret calendar subscription address (revocable: delete the row)."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# Imports and exports (interop): the person's own exercises, name mappings, swim details.


class CustomExerciseRow(Base):
    """An exercise outside the catalog, kept so that an imported history stays complete."""

    __tablename__ = "custom_exercises"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="strength")
    #: Muscle id -> share of the work, when the person has said which muscles it works.
    muscles: Mapped[dict[str, object] | None] = mapped_column(Document)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("kind IN ('strength', 'swim', 'other')", name="kind"),
        Index("ix_custom_exercises_user_name", "user_id", "name", unique=True),
    )


class ExerciseMappingRow(Base):
    """What a name from another app means: a catalog exercise (and variant) or a custom one."""

    __tablename__ = "exercise_mappings"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    #: The other app's name, normalised (see backcoach.naming.normalise).
    source_name: Mapped[str] = mapped_column(String(200), primary_key=True)
    exercise_id: Mapped[str | None] = mapped_column(String(64))
    variant_id: Mapped[str | None] = mapped_column(String(64))
    custom_exercise_id: Mapped[str | None] = mapped_column(
        ForeignKey("custom_exercises.id", ondelete="CASCADE")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("(exercise_id IS NULL) <> (custom_exercise_id IS NULL)", name="one_target"),
    )


class CustomSetRow(Base):
    """A set of a custom exercise: the same fields as a catalog set."""

    __tablename__ = "custom_sets"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    custom_exercise_id: Mapped[str] = mapped_column(
        ForeignKey("custom_exercises.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="normal")
    reps: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    side: Mapped[str] = mapped_column(String(8), default="both")
    notes: Mapped[str] = mapped_column(Text, default="")
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        CheckConstraint("reps IS NULL OR (reps >= 0 AND reps <= 100)", name="reps"),
        CheckConstraint("load_kg IS NULL OR (load_kg >= 0 AND load_kg <= 500)", name="load"),
        CheckConstraint("kind IN ('normal', 'warmup', 'failure', 'dropset')", name="kind"),
    )


class SwimDetailRow(Base):
    """What a watch recorded of a swim set: pool or open water, pool length, laps and lengths."""

    __tablename__ = "swim_details"

    set_id: Mapped[str] = mapped_column(ForeignKey("sets.id", ondelete="CASCADE"), primary_key=True)
    environment: Mapped[str] = mapped_column(String(16))
    pool_length_m: Mapped[float | None] = mapped_column(Float)
    #: Laps, each with its lengths (stroke, stroke count, seconds), as a document.
    laps: Mapped[list[object]] = mapped_column(Document)

    __table_args__ = (CheckConstraint("environment IN ('pool', 'open-water')", name="environment"),)
