"""The athlete's pages: start, profile, plan, today (logging and pain), history, progress.

Each page calls the same use cases as the CLI (``services``, ``coaching``, ``load``,
``progress``); the handlers only read forms and choose what to show. The plan, history and
progress can also be read by a coach the athlete accepted, at ``/athletes/{id}/...``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse

from backcoach import accounts, coaching, services
from backcoach.accounts import Access
from backcoach.catalog import Catalog
from backcoach.errors import BackcoachError
from backcoach.load.monitor import StrainStatus
from backcoach.planning import Program, parse_profile
from backcoach.planning.errors import InvalidProfile
from backcoach.planning.profile import WEEKDAYS
from backcoach.progress import progress
from backcoach.store.database import Database
from backcoach.store.errors import NotFound
from backcoach.training.entries import InvalidEntry, Symptom, new_id
from backcoach.training.progress import ALL_MUSCLES
from backcoach.training.set_spec import parse_set_spec
from backcoach.training.units import Unit, format_load, from_kg
from backcoach.training.users import User
from backcoach.web.deps import CatalogDep, DbDep, PageViewerDep
from backcoach.web.pages.charts import Band, legend, muscle_charts, time_chart
from backcoach.web.pages.render import redirect, render
from backcoach.web.security import Viewer, check_csrf, require_access

router = APIRouter()
Field = Annotated[str, Form()]
Many = Annotated[list[str], Form()]


def local_now() -> datetime:
    """Now, in the server's time zone (the CLI's choice too)."""
    return datetime.now().astimezone()


def strain_now(db: Database, catalog: Catalog, user_id: str) -> StrainStatus:
    """The strain monitor's answer for today."""
    return services.strain_today(db, catalog, user_id)


def owner(db: Database, viewer: Viewer, user_id: str) -> User:
    """The person whose log a ``/athletes/{id}`` page shows, if the viewer may read it."""
    require_access(db, viewer, user_id, Access.READ)
    found = accounts.people(db, [user_id]).get(user_id)
    if found is None:
        raise NotFound("There is nothing here.", "Check the address.")
    return found


def _number(text: str, what: str, whole: bool = False) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InvalidEntry(f"'{text[:20]}' is not a number for {what}.", "Give a number.") from None
    if whole and value != int(value):
        raise InvalidEntry(f"{what.capitalize()} must be a whole number.", "Give a whole number.")
    return value


# start ---------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep) -> Response:
    """Where to go next: the profile and plan to make, today's session, the latest entries."""
    overview = services.summary(db, viewer.id)
    has_profile = coaching.load_profile(db, viewer.id, catalog) is not None
    has_plan = coaching.active_program(db, viewer.id) is not None
    strain = strain_now(db, catalog, viewer.id)
    return render(
        request,
        "home.html",
        {
            "overview": overview,
            "has_profile": has_profile,
            "has_plan": has_plan,
            "warnings": strain.warnings[:3],
            "unit": viewer.user.load_unit,
            "format_load": format_load,
        },
        viewer=viewer,
    )


# profile -------------------------------------------------------------------------------


def _profile_form(catalog: Catalog, data: dict[str, Any]) -> dict[str, Any]:
    loadable = [e for e in catalog.exercises if e.loading == "external"]
    return {
        "data": data,
        "equipment": catalog.equipment,
        "weekdays": WEEKDAYS,
        "loadable": loadable,
        "experiences": ("novice", "intermediate", "advanced"),
        "goals": ("prevention", "return-from-strain", "strength", "muscle"),
        "limitations": ("painful-shoulder", "low-back"),
    }


@router.get("/profile", response_class=HTMLResponse)
def profile_page(
    request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """The training profile form, filled in with the stored profile or sensible defaults."""
    stored = coaching.load_profile(db, viewer.id, catalog)
    data: dict[str, Any] = (
        stored.model_dump(mode="json")
        if stored
        else {
            "start_date": local_now().date().isoformat(),
            "experience": "novice",
            "equipment": ["dumbbells", "pull-up-bar"],
            "days_per_week": 3,
            "weekdays": None,
            "minutes_per_session": 45,
            "goal": "prevention",
            "limitations": [],
            "baselines": {"working_weights_kg": {}},
            "weeks": 12,
        }
    )
    context = _profile_form(catalog, data)
    context.update(errors=[], has_profile=stored is not None)
    return render(request, "profile.html", context, viewer=viewer)


@router.post("/profile", response_class=HTMLResponse)
async def save_profile(
    request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """Check and store the profile; problems come back on the form, all at once."""
    form = await request.form()
    token = form.get("csrf_token")
    check_csrf(request, viewer, token if isinstance(token, str) else None)

    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    def many(name: str) -> list[str]:
        return [v for v in form.getlist(name) if isinstance(v, str) and v]

    data: dict[str, Any] = {
        "start_date": text("start_date") or local_now().date().isoformat(),
        "experience": text("experience") or "novice",
        "equipment": many("equipment"),
        "goal": text("goal") or "prevention",
        "limitations": many("limitations"),
        "weekdays": many("weekdays") or None,
    }
    errors: list[str] = []
    baselines: dict[str, Any] = {"working_weights_kg": {}}
    for key, name, whole in (
        ("days_per_week", "days per week", True),
        ("minutes_per_session", "minutes per session", True),
        ("weeks", "weeks", True),
        ("max_pullups", "pull-ups", True),
        ("body_weight_kg", "body weight", False),
    ):
        try:
            value = _number(text(key), name, whole)
        except InvalidEntry as exc:
            errors.append(exc.message)
            continue
        if value is None:
            continue
        if key in ("max_pullups", "body_weight_kg"):
            baselines[key] = int(value) if whole else value
        else:
            data[key] = int(value)
    for ex in catalog.exercises:
        if ex.loading != "external":
            continue
        try:
            kg = _number(text(f"weight_{ex.id}"), f"the {ex.name.lower()} weight")
        except InvalidEntry as exc:
            errors.append(exc.message)
            continue
        if kg is not None:
            baselines["working_weights_kg"][ex.id] = kg
    data["baselines"] = baselines
    if not errors:
        try:
            profile = parse_profile(data, catalog=catalog)
        except InvalidProfile as exc:
            errors.extend(exc.problems)
        else:
            coaching.save_profile(db, viewer.id, profile)
            return redirect("/plan", done="profile")
    context = _profile_form(catalog, data)
    context.update(errors=errors, has_profile=False)
    return render(request, "profile.html", context, viewer=viewer, status=422)


# plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarDay:
    """A cell of the plan's calendar."""

    day: date
    in_month: bool
    session: bool
    deload: bool
    today: bool


def plan_calendar(program: Program, today: date) -> list[tuple[str, list[list[CalendarDay]]]]:
    """The plan's months as weeks of days (Monday first), session days marked."""
    sessions = {s.day: w.deload for w in program.weeks for s in w.sessions}
    if not sessions:
        return []
    first, last = min(sessions), max(sessions)
    months: list[tuple[str, list[list[CalendarDay]]]] = []
    year, month = first.year, first.month
    cal = calendar.Calendar(firstweekday=0)
    while (year, month) <= (last.year, last.month):
        weeks = [
            [
                CalendarDay(d, d.month == month, d in sessions, sessions.get(d, False), d == today)
                for d in week
            ]
            for week in cal.monthdatescalendar(year, month)
        ]
        months.append((date(year, month, 1).strftime("%B %Y"), weeks))
        year, month = year + (month == 12), month % 12 + 1
    return months


def _plan_context(db: Database, catalog: Catalog, person: User) -> dict[str, Any]:
    program = coaching.active_program(db, person.id)
    return {
        "program": program,
        "months": plan_calendar(program, local_now().date()) if program else [],
        "has_profile": coaching.load_profile(db, person.id, catalog) is not None,
        "unit": person.load_unit,
        "person": person,
        "today": local_now().date(),
    }


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep) -> Response:
    """The plan week by week and as a calendar, with what was chosen and why."""
    context = _plan_context(db, catalog, viewer.user)
    return render(request, "plan.html", {**context, "own": True}, viewer=viewer)


@router.post("/plan", response_class=HTMLResponse)
def new_plan(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    catalog: CatalogDep,
    csrf_token: Field = "",
) -> Response:
    """Make a new plan from the profile and the log."""
    check_csrf(request, viewer, csrf_token)
    coaching.make_plan(db, viewer.id, catalog)
    return redirect("/plan", done="plan")


@router.get("/athletes/{user_id}/plan", response_class=HTMLResponse)
def athlete_plan(
    request: Request, user_id: str, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """An athlete's plan, for their coach (read only)."""
    person = owner(db, viewer, user_id)
    context = _plan_context(db, catalog, person)
    return render(request, "plan.html", {**context, "own": False}, viewer=viewer)


# today ---------------------------------------------------------------------------------


@router.get("/today", response_class=HTMLResponse)
def today_page(request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep) -> Response:
    """Today's session, adjusted by progression and the strain monitor, with forms to log."""
    strain = strain_now(db, catalog, viewer.id)
    day = local_now().date()
    try:
        result: coaching.Today | None = coaching.today(db, viewer.id, catalog, day, strain)
    except coaching.NoPlan:
        result = None
    done_today = [
        item
        for item in services.history(db, viewer.id, since=local_now() - timedelta(hours=18))
        if item.session.started_at.astimezone().date() == day
    ]
    rest = request.query_params.get("rest", "")
    return render(
        request,
        "today.html",
        {
            "result": result,
            "day": day,
            "warnings": strain.warnings[:4],
            "exercises": catalog.exercises,
            "regions": catalog.regions,
            "symptoms": list(Symptom),
            "unit": viewer.user.load_unit,
            "client_id": new_id(),
            "done_today": done_today,
            "rest": int(rest) if rest.isdigit() and int(rest) <= 600 else 0,
            "set_text": _set_text,
            "from_kg": from_kg,
            "catalog": catalog,
        },
        viewer=viewer,
    )


def _set_text(entry: Any, unit: Unit) -> str:
    from backcoach.cli.views import set_text

    return set_text(entry, unit)


@router.post("/today/sets", response_class=HTMLResponse)
def log_sets(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    catalog: CatalogDep,
    exercise: Field = "",
    sets: Field = "",
    reps: Field = "",
    load: Field = "",
    minutes: Field = "",
    rpe: Field = "",
    rest: Field = "",
    client_id: Field = "",
    csrf_token: Field = "",
) -> Response:
    """Log one set (reps and load, or a swim's minutes) or a line of sets like 3x8@60kg."""
    check_csrf(request, viewer, csrf_token)
    ex, variant = catalog.resolve(exercise)
    unit = viewer.user.load_unit
    line = sets.strip()
    if not line:
        count = _number(reps, "reps", whole=True)
        kg = _number(load, "the load")
        mins = _number(minutes, "minutes")
        if ex.kind == "swim":
            if mins is None:
                raise InvalidEntry(f"{ex.name} is logged in minutes.", "Give the minutes swum.")
            line = f"{mins:g}min"
        else:
            if count is None:
                raise InvalidEntry("How many reps?", "Give the reps of the set.")
            line = f"{int(count)}" + (f"@{kg:g}{unit.value}" if kg else "")
    spec = parse_set_spec(line)
    if (ex.kind == "swim") == bool(spec.reps):
        how = "by time or distance, e.g. 30min" if ex.kind == "swim" else "in reps, e.g. 3x8@40kg"
        raise InvalidEntry(f"{ex.name} is logged {how}.", "Change the sets and log again.")
    effort = _number(rpe, "RPE")
    coaching.log_and_progress(
        db,
        viewer.id,
        catalog,
        spec,
        exercise_id=ex.id,
        variant_id=variant.id if variant else None,
        rpe=effort,
        client_id=client_id.strip() or None,
    )
    seconds = rest if rest.isdigit() else ""
    return redirect("/today", done="set" if spec.set_count == 1 else "sets", rest=seconds)


@router.post("/today/pain", response_class=HTMLResponse)
def pain_check_in(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    catalog: CatalogDep,
    score: Field = "",
    region: Field = "",
    exercise: Field = "",
    notes: Field = "",
    symptoms: Many = [],  # noqa: B006 - FastAPI copies defaults
    client_id: Field = "",
    csrf_token: Field = "",
) -> Response:
    """Record pain 0-10 in a region, with any red-flag symptoms; a bad one stops training."""
    check_csrf(request, viewer, csrf_token)
    value = _number(score, "pain", whole=True)
    if value is None or not 0 <= value <= 10:
        raise InvalidEntry("Pain must be 0-10.", "Choose 0 (none) to 10 (worst imaginable).")
    where = catalog.region(region or "upper-back")
    chosen = tuple(Symptom(s) for s in symptoms if s in {x.value for x in Symptom})
    entry = services.record_pain(
        db,
        viewer.id,
        int(value),
        where.id,
        exercise_id=catalog.exercise(exercise).id if exercise else None,
        notes=notes.strip(),
        client_id=client_id.strip() or None,
        symptoms=chosen,
    )
    coaching.after_pain(db, viewer.id, catalog, entry)
    return redirect("/today", done="pain")


@router.post("/today/resume", response_class=HTMLResponse)
def resume(
    request: Request,
    viewer: PageViewerDep,
    db: DbDep,
    cleared: Field = "",
    csrf_token: Field = "",
) -> Response:
    """Lift a stop on back training once a clinician has cleared the person."""
    check_csrf(request, viewer, csrf_token)
    if cleared != "yes":
        raise BackcoachError(
            "Back training resumes only once a clinician has cleared you.",
            "Tick the box to confirm that they have.",
        )
    coaching.clear_stop(db, viewer.id)
    return redirect("/today", done="resumed")


# history -------------------------------------------------------------------------------


def _history_context(db: Database, catalog: Catalog, person: User) -> dict[str, Any]:
    items = services.history(db, person.id, limit=60)
    pain = list(reversed(services.training_record(db, person.id).pain))[:30]
    return {
        "items": items,
        "pain": pain,
        "unit": person.load_unit,
        "set_text": _set_text,
        "catalog": catalog,
        "person": person,
    }


@router.get("/history", response_class=HTMLResponse)
def history_page(
    request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """Logged sessions, newest first, and pain check-ins."""
    context = _history_context(db, catalog, viewer.user)
    return render(request, "history.html", {**context, "own": True}, viewer=viewer)


@router.get("/athletes/{user_id}/history", response_class=HTMLResponse)
def athlete_history(
    request: Request, user_id: str, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """An athlete's history, for their coach."""
    person = owner(db, viewer, user_id)
    context = _history_context(db, catalog, person)
    return render(request, "history.html", {**context, "own": False}, viewer=viewer)


# progress ------------------------------------------------------------------------------


def _progress_context(db: Database, catalog: Catalog, person: User, days: int) -> dict[str, Any]:
    p = progress(db, catalog, person.id, days=days, today=local_now().date())
    start, end = p.start, p.end
    e1rm = [
        (s, time_chart(f"Estimated 1RM: {s.label}", [s], start=start, end=end, y_min=None))
        for s in p.e1rm.values()
        if s.points
    ]
    bands = [Band(name, low, high) for name, low, high in p.acwr_zones]
    muscles = muscle_charts(
        p.weekly_volume,
        p.acwr,
        bands,
        order=[m.id for m in catalog.muscles],
        start=start,
        end=end,
        overall=ALL_MUSCLES,
    )
    return {
        "p": p,
        "days": days,
        "e1rm": e1rm,
        "pullups": time_chart("Pull-ups: best set", [p.pullup_reps], start=start, end=end),
        "muscles": muscles,
        "zones": p.acwr_zones,
        "pain": time_chart("Pain over time", [p.pain], start=start, end=end, y_max=10.0),
        "legend": legend,
        "person": person,
    }


def _days(request: Request) -> int:
    raw = request.query_params.get("days", "180")
    return min(730, max(14, int(raw))) if raw.isdigit() else 180


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """Charts: estimated 1RM, pull-ups, weekly volume per muscle, load ratios, pain."""
    context = _progress_context(db, catalog, viewer.user, _days(request))
    return render(request, "progress.html", {**context, "own": True}, viewer=viewer)


@router.get("/athletes/{user_id}/progress", response_class=HTMLResponse)
def athlete_progress(
    request: Request, user_id: str, viewer: PageViewerDep, db: DbDep, catalog: CatalogDep
) -> Response:
    """An athlete's progress charts, for their coach."""
    person = owner(db, viewer, user_id)
    context = _progress_context(db, catalog, person, _days(request))
    return render(request, "progress.html", {**context, "own": False}, viewer=viewer)
