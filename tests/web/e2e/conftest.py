"""A real server and a real browser: uvicorn on a loopback port, Debian's Chromium.

The browser is the one ``scripts/system-packages`` installs (never a download); when it is
missing the tests fail and say how to install it. Screenshots go to ``artifacts/`` beside
this file (git-ignored), named after the test and the step.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import BrowserContext, Page, ViewportSize, sync_playwright

from backcoach.store.database import Database, open_database
from backcoach.web.app import create_app
from backcoach.web.config import WebConfig

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: A phone's screen: the pages are made for it first.
PHONE: ViewportSize = {"width": 375, "height": 812}
#: A laptop's window, to check the wide layouts too.
LAPTOP: ViewportSize = {"width": 1280, "height": 800}


@dataclass
class LiveServer:
    """A running app: its address, where it keeps uploads, and its database."""

    url: str
    upload_dir: Path
    db: Database


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """Server mode (accounts, sign-in) over SQLite, form checks run in the app's thread."""
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    config = WebConfig(
        database_url=url,
        mode="server",
        upload_dir=tmp_path / "uploads",
        max_upload_bytes=20 * 1024 * 1024,
        # Plain http on the loopback address: no TLS to carry a Secure cookie.
        secure_cookies=False,
        jobs="thread",
    )
    db = open_database(url)
    app = create_app(config, db=db)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("The web server did not start.")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", config.upload_dir, db)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        app.state.jobs.close()
        db.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[BrowserContext]:
    """Debian's Chromium, headless, with a fresh profile and no network beyond loopback."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Install it with scripts/system-packages (apt-get install chromium)."
        )
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=PHONE,
            has_touch=True,
            is_mobile=True,
            device_scale_factor=2,
        )
        context.set_default_timeout(15_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Page:
    """The browser's first tab."""
    return browser.pages[0] if browser.pages else browser.new_page()


class Shots:
    """Saves numbered screenshots of one test under ``artifacts/<test>/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def __call__(self, page: Page, name: str) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    """Screenshots kept as test artifacts."""
    return Shots(ARTIFACTS / request.node.name)
