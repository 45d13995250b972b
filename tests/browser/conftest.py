"""Fixtures for the browser tests: a real ``streamlit run`` server and headless Chromium.

- ``app_server`` (module scope) starts the app once per test module and yields
  its URL. It runs ``app.py`` unless the module names another script in a
  module-level ``APP_SCRIPT = "path/relative/to/repo.py"``. Its log is printed
  at teardown when a test of that module failed.
- ``browser`` (session scope): Debian's Chromium driven by Playwright, headless.
- ``page``: a fresh 1920x1080 tab (the projector's screen) per test.
- ``app``: ``page`` already opened on the app's URL and loaded.

Other modules can start more servers with ``helpers.StreamlitServer(script)``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import helpers

VIEWPORT = {"width": 1920, "height": 1080}

# Module node ids (and test node ids) whose tests failed; read at teardown to
# decide whether to print the server log and take a failure screenshot.
_FAILED: set[str] = set()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        _FAILED.add(item.nodeid)
        _FAILED.add(item.nodeid.split("::")[0])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def app_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """Start ``streamlit run <APP_SCRIPT or app.py>`` on a free port; yield its URL."""
    script = getattr(request.module, "APP_SCRIPT", "app.py")
    server = helpers.StreamlitServer(script)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
        if request.node.nodeid in _FAILED or os.environ.get("PRINT_SERVER_LOG"):
            print(f"\n----- streamlit server log ({script}, {server.url}) -----")
            print(server.log())
            print("----- end of server log -----")
        server.close()


@pytest.fixture(scope="session")
def browser() -> Iterator["object"]:
    """Headless Debian Chromium (never a downloaded browser)."""
    if not Path(helpers.CHROMIUM).exists():
        pytest.fail(
            f"{helpers.CHROMIUM} is missing: run `bash scripts/test.sh`, which installs "
            "Debian's chromium package, or `apt-get install -y chromium`."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=helpers.CHROMIUM, headless=True, args=helpers.CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A new 1920x1080 tab; on failure its last view is saved as FAILED-<test>.png."""
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    try:
        yield tab
    finally:
        if request.node.nodeid in _FAILED:
            try:
                name = "FAILED-" + request.node.name.replace("/", "_")
                path = helpers.screenshot(tab, name, full_page=True)
                print(f"\nscreenshot of the failure: {path}")
            except Exception as exc:  # the page may be gone; the failure itself matters more
                print(f"\nno failure screenshot: {exc}")
        context.close()


@pytest.fixture
def app(page, app_server: str):
    """The app opened at its home page, its first script run finished."""
    page.goto(app_server)
    helpers.wait_for_app_run(page)
    return page
