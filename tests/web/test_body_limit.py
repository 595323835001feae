"""Bodies over the limit are refused, with or without a declared length, and store nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from backcoach.services import export_user
from tests.web.conftest import Person, Server


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        step = min(size, total - sent)
        sent += step
        yield b"\0" * step


def test_a_declared_length_over_the_limit_is_refused_at_once(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    answer = ana.client.post(
        "/api/v1/users/me/sets",
        content=b"{" + b" " * (2 * 1024 * 1024) + b"}",
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 413
    assert "too large" in answer.json()["detail"]


def test_a_chunked_body_that_grows_past_the_limit_is_cut_off(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    before = export_user(server.db, ana.id)
    answer = ana.client.post(
        "/api/v1/users/me/sets",
        content=_chunks(3 * 1024 * 1024),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 413
    assert answer.json()["detail"] == "The request is larger than the limit of 1 MB."
    assert export_user(server.db, ana.id)["sessions"] == before["sessions"]


def test_a_chunked_upload_past_the_upload_limit_stores_no_job(
    server: Server, person: Callable[..., Person]
) -> None:
    ana = person()
    boundary = "xyzzy"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()

    def body() -> Iterator[bytes]:
        yield head
        yield from _chunks(6 * 1024 * 1024)  # the fixture's limit is 5 MB
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = ana.client.post(
        "/api/v1/users/me/form-checks",
        content=body(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 413
    assert ana.client.get("/api/v1/users/me/form-checks").json() == []
    uploads = server.config.upload_dir
    assert not uploads.exists() or not any(p.is_file() for p in uploads.rglob("*"))
