"""A real browser for the review site's tests: Debian's Chromium, driven by Playwright for Python.

Playwright is pointed at the system browser (`make test` installs the `chromium` package when it is
missing; Playwright's own browser downloads are never used). Every page opened here records what a person
would not see but a broken site shows: console errors, uncaught exceptions, and any request that leaves
the site's folder (a CDN, a web font, a tracker), which is blocked and listed.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Request, Route, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}  # a laptop screen: what a steward sees first


@dataclass
class Watched:
    """A page and what went wrong on it."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors + self.outside_requests + self.dialogs


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _keep_on_disk(route: Route, request: Request, watched: Watched) -> None:
    if request.url.startswith(("file://", "data:")):
        route.continue_()
    else:
        watched.outside_requests.append(f"request outside the site: {request.url}")
        route.abort()


@contextmanager
def open_page(browser: Browser, path: Path) -> Iterator[Watched]:
    """`path` opened from disk in a fresh context; the page is loaded when this yields."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watched = Watched(page)
    page.on("console", lambda msg: watched.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: watched.page_errors.append(str(err)))
    page.on("dialog", lambda dialog: (watched.dialogs.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    context.route("**/*", lambda route, request: _keep_on_disk(route, request, watched))
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        yield watched
    finally:
        context.close()
