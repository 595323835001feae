"""Every API route, called by everyone who might: nobody reads or changes what is not theirs.

The routes are read from the app itself, so a new route without a row in ``MATRIX`` fails
this test. Each row gives the status expected for each caller:

- ``anon``: no credentials;
- ``other``: another athlete;
- ``pending``: a coach the owner was invited by but has not accepted;
- ``coach``: a coach the owner accepted (reads, never changes);
- ``owner``: the person whose records the URL names;
- ``admin``: an admin of the practice.

Every call uses real ids of the owner's records. After every refused call the owner's stored
state (log, profile, plan, coaching state, tokens, links, form checks) is unchanged, and no
refused or unrelated caller's answer contains an id of the owner's records.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from backcoach import accounts
from backcoach.services import export_user
from backcoach.store.jobs_repository import JobsRepository
from backcoach.training.entries import utc_now
from tests.web.api.records import PROFILE, accepted_coach, log_set, stored_state, with_plan
from tests.web.conftest import PASSWORD, Person, Server

ROLES = ("anon", "other", "pending", "coach", "owner", "admin")


def row(anon: int, other: int, pending: int, coach: int, owner: int, admin: int) -> dict[str, int]:
    """Expected statuses, in the order of ROLES."""
    return dict(zip(ROLES, (anon, other, pending, coach, owner, admin), strict=True))


PUBLIC = row(200, 200, 200, 200, 200, 200)
#: The owner's log: only the owner, an accepted coach and admins read it ...
READ = row(401, 404, 404, 200, 200, 200)
#: ... and only the owner and admins change it.
WRITE_200 = row(401, 404, 404, 403, 200, 200)
WRITE_201 = row(401, 404, 404, 403, 201, 201)
WRITE_204 = row(401, 404, 404, 403, 204, 204)
#: Things of one's own (``/me``): everyone signed in gets their own.
OWN = row(401, 200, 200, 200, 200, 200)
OWN_201 = row(401, 201, 201, 201, 201, 201)

MATRIX: dict[str, dict[str, int]] = {
    "POST /api/v1/accounts": row(201, 201, 201, 201, 201, 201),
    "POST /api/v1/session": PUBLIC,
    "DELETE /api/v1/session": row(401, 204, 204, 204, 204, 204),
    "GET /api/v1/me": OWN,
    "GET /api/v1/exercises": PUBLIC,
    "GET /api/v1/exercises/{name}": PUBLIC,
    "GET /api/v1/exercises/{name}/muscle-map.svg": PUBLIC,
    "GET /api/v1/users/{user_id}/profile": READ,
    "PUT /api/v1/users/{user_id}/profile": WRITE_200,
    "GET /api/v1/users/{user_id}/plan": READ,
    "POST /api/v1/users/{user_id}/plan": WRITE_201,
    "GET /api/v1/users/{user_id}/today": READ,
    "POST /api/v1/users/{user_id}/sets": WRITE_201,
    "GET /api/v1/users/{user_id}/sessions": READ,
    "POST /api/v1/users/{user_id}/pain": WRITE_201,
    "GET /api/v1/users/{user_id}/pain": READ,
    "POST /api/v1/users/{user_id}/body-weight": WRITE_201,
    "GET /api/v1/users/{user_id}/body-weight": READ,
    "GET /api/v1/users/{user_id}/status": READ,
    "GET /api/v1/me/tokens": OWN,
    "POST /api/v1/me/tokens": OWN_201,
    # Tokens and invitations are answered only by their owner: everyone else, admins
    # included, finds nothing under their own /me.
    "DELETE /api/v1/me/tokens/{token_id}": row(401, 404, 404, 404, 204, 404),
    "GET /api/v1/me/coach-links": OWN,
    # Athletes cannot invite; coaches (and admins) can, and inviting again is harmless.
    "POST /api/v1/me/coach-links": row(401, 403, 201, 201, 403, 201),
    "POST /api/v1/me/coach-links/{link_id}/accept": row(401, 404, 404, 404, 200, 404),
    "POST /api/v1/me/coach-links/{link_id}/decline": row(401, 404, 404, 404, 200, 404),
    # Either side of a link may end it: here the pending coach's own invitation.
    "DELETE /api/v1/me/coach-links/{link_id}": row(401, 404, 204, 404, 204, 404),
    "GET /api/v1/me/athletes": OWN,
    "GET /api/v1/users": row(401, 403, 403, 403, 403, 200),
    # Form checks: the upload here is not a video, so those allowed to send one get 422.
    "POST /api/v1/users/{user_id}/form-checks": row(401, 404, 404, 403, 422, 422),
    "GET /api/v1/users/{user_id}/form-checks": READ,
    "GET /api/v1/users/{user_id}/form-checks/{job_id}": READ,
    "GET /api/v1/users/{user_id}/form-checks/{job_id}/video": READ,
    "DELETE /api/v1/users/{user_id}/form-checks/{job_id}": WRITE_204,
    "GET /api/v1/users/{user_id}/progress": READ,
    # Interop: the import here is not a training file, so those allowed to send it get
    # 422; a restore is refused while the log has entries (409).
    "POST /api/v1/users/{user_id}/imports": row(401, 404, 404, 403, 422, 422),
    "GET /api/v1/users/{user_id}/export": READ,
    "POST /api/v1/users/{user_id}/restore": row(401, 404, 404, 403, 409, 409),
    "POST /api/v1/me/calendar-feed": OWN_201,
    "DELETE /api/v1/me/calendar-feed": row(401, 204, 204, 204, 204, 204),
}


@dataclass
class World:
    """The owner with records of every kind, and everyone else who might ask."""

    server: Server
    people: dict[str, Person]
    anon: TestClient
    #: Ids of the owner's records that no one without access may ever see.
    secrets: set[str] = field(default_factory=set)

    @property
    def owner(self) -> Person:
        """The person whose records the URLs name."""
        return self.people["owner"]

    def client(self, role: str) -> TestClient:
        """The signed-in client of a role (a fresh anonymous one for ``anon``)."""
        return self.server.client() if role == "anon" else self.people[role].client

    def fresh_client(self, role: str) -> TestClient:
        """A new client signed in as the role, for calls that sign in, out or up."""
        client = self.server.client()
        if role == "anon":
            return client
        answer = client.post(
            "/api/v1/session", json={"email": self.people[role].email, "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        return client

    def token(self) -> str:
        """A new live token of the owner's."""
        made = accounts.create_api_token(self.server.db, self.owner.id, "matrix")
        self.secrets.add(made.token.id)
        return made.token.id

    def invitation(self) -> str:
        """The pending coach's invitation to the owner, open again (status invited)."""
        coach = self.people["pending"]
        user = accounts.people(self.server.db, [coach.id])[coach.id]
        for link in accounts.links_of(self.server.db, coach.id):
            if link.athlete_id == self.owner.id and link.status != "revoked":
                accounts.revoke_link(self.server.db, coach.id, link.id)
        return accounts.invite(self.server.db, user, self.owner.email).id

    def form_check(self) -> str:
        """A finished form check of the owner's, with its annotated video on disk."""
        job_id = str(uuid.uuid4())
        owner = self.owner.id
        folder = self.server.config.upload_dir / owner / job_id
        folder.mkdir(parents=True)
        (folder / "annotated.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
        now = utc_now()
        with self.server.db.session(write=True) as s:
            repo = JobsRepository(s)
            repo.add(job_id, owner, "bent-over-row", "set.mp4", f"{owner}/{job_id}/x.mp4", now)
            repo.claim(job_id, now)
            repo.finish(job_id, {"reps": []}, f"{owner}/{job_id}/annotated.mp4", now)
        self.secrets.add(job_id)
        return job_id


def make_world(server: Server, person: Callable[..., Person]) -> World:
    people = {
        "owner": person("athlete", "Owner"),
        "other": person("athlete", "Other"),
        "pending": person("coach", "Pending"),
        "coach": person("coach", "Coach"),
        "admin": person("admin"),
    }
    world = World(server, people, server.client())
    owner = world.owner
    with_plan(owner.client)
    stored = log_set(owner.client, id=f"owner-set-{uuid.uuid4().hex[:6]}")
    pain = owner.client.post("/api/v1/users/me/pain", json={"score": 2, "region": "neck"})
    weight = owner.client.post("/api/v1/users/me/body-weight", json={"weight_kg": 70})
    world.secrets |= {stored["id"], stored["session_id"], pain.json()["pain"]["id"]}
    world.secrets.add(weight.json()["id"])
    accepted_coach(people["coach"].client, owner.client, owner.email)
    world.invitation()
    return world


@dataclass
class Call:
    """One request: its path parameters and body, made fresh for each caller."""

    path: dict[str, str]
    json: Any = None
    files: Any = None
    fresh_client: bool = False


def prepare(key: str, world: World) -> Call:
    """The request for route ``key`` against the owner's real records."""
    owner = world.owner
    path = {"user_id": owner.id, "name": "row"}
    if "{token_id}" in key:
        path["token_id"] = world.token()
    if "{link_id}" in key:
        path["link_id"] = world.invitation()
    if "{job_id}" in key:
        path["job_id"] = world.form_check()
    bodies: dict[str, Any] = {
        "POST /api/v1/accounts": {
            "email": f"new-{uuid.uuid4().hex[:8]}@example.com",
            "password": PASSWORD,
        },
        "POST /api/v1/session": {"email": owner.email, "password": PASSWORD},
        "PUT /api/v1/users/{user_id}/profile": {**PROFILE, "start_date": "2026-12-07"},
        "POST /api/v1/users/{user_id}/sets": {
            "id": uuid.uuid4().hex,
            "exercise": "row",
            "reps": 8,
            "load_kg": 40,
        },
        "POST /api/v1/users/{user_id}/pain": {"score": 1, "region": "neck"},
        "POST /api/v1/users/{user_id}/body-weight": {"weight_kg": 71},
        "POST /api/v1/me/tokens": {"name": "script"},
        "POST /api/v1/me/coach-links": {"athlete_email": owner.email},
    }
    files = None
    if key == "POST /api/v1/users/{user_id}/form-checks":
        files = {"file": ("set.mp4", b"this is not a video", "video/mp4")}
    if key == "POST /api/v1/users/{user_id}/imports":
        files = {"file": ("strong.csv", b"\x00\x01 not a training file", "text/csv")}
    if key == "POST /api/v1/users/{user_id}/restore":
        bodies[key] = export_user(world.server.db, owner.id)
    # Registering and signing in or out change whose cookie a client holds: use a new one.
    signs = key.endswith((" /api/v1/session", " /api/v1/accounts"))
    return Call(path, bodies.get(key), files, signs)


def api_routes(server: Server) -> list[str]:
    """ "METHOD /path" of every route the app serves under /api/v1 (included routers too)."""
    keys: list[str] = []
    for route in iter_route_contexts(server.app.routes):
        path = route.path or ""
        if isinstance(route.original_route, APIRoute) and path.startswith("/api/v1"):
            keys.extend(f"{m} {path}" for m in sorted(route.methods or ()))
    return keys


def test_every_api_route_has_a_row_in_the_matrix(server: Server) -> None:
    routes = set(api_routes(server))
    assert routes - set(MATRIX) == set(), "add these routes to MATRIX"
    assert set(MATRIX) - routes == set(), "these MATRIX rows name no route"


def test_each_caller_gets_the_expected_status_on_every_route_and_nothing_leaks(
    server: Server, person: Callable[..., Person]
) -> None:
    world = make_world(server, person)
    owner_id = world.owner.id
    problems: list[str] = []
    for key in api_routes(server):
        method, template = key.split(" ", 1)
        for role in ROLES:
            call = prepare(key, world)
            client = world.fresh_client(role) if call.fresh_client else world.client(role)
            url = template.format(**call.path)
            expected = MATRIX[key][role]
            before = stored_state(server.db, owner_id) if expected >= 400 else None
            answer = client.request(method, url, json=call.json, files=call.files)
            if answer.status_code != expected:
                problems.append(f"{key} as {role}: {answer.status_code}, not {expected}")
                continue
            if expected >= 400 and stored_state(server.db, owner_id) != before:
                problems.append(f"{key} as {role}: refused, yet the owner's records changed")
            if expected >= 400:
                body = answer.json()
                if not (body.get("detail") and "hint" in body and body["status"] == expected):
                    problems.append(f"{key} as {role}: the error lacks detail/hint/status")
            outsiders = ("anon", "other", "pending") if expected < 400 else ROLES[:-2]
            if role in outsiders or expected >= 400:
                # An id the caller sent may be echoed back; any other is a leak.
                leaked = [s for s in world.secrets if s in answer.text and s not in url]
                if leaked and role != "owner":
                    problems.append(f"{key} as {role}: the answer shows {leaked}")
    assert not problems, "\n".join(["", *problems])
