"""Shared steps for the browser tests: start the app, wait for it, find and click things.

Modelled on Streamlit's own end-to-end suite: the app is "loaded" when the
``stApp`` element reports a live connection and a finished script run (DOM
attributes, never a sleep); widgets are found by their ``key=`` through the
``.st-key-<key>`` class Streamlit puts on every keyed widget, by test id or by
label text.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

__all__ = [
    "REPO_ROOT",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "StreamlitServer",
    "free_port",
    "screenshot_dir",
    "wait_for_app_run",
    "navigate_to_page",
    "by_key",
    "key_class",
    "click_button",
    "screenshot",
    "expect_no_exception",
    "nav_links",
    "nav_page_names",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# The tests need no network beyond 127.0.0.1: these flags stop Chromium's own
# background connections (updates, sync, safe browsing), which an offline or
# firewalled CI refuses and Chromium keeps retrying. --no-sandbox because CI
# runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# A cold start imports streamlit, numpy and plotly; on a busy 2-core machine
# that has been seen to take well over ten seconds.
SERVER_START_TIMEOUT_S = 90.0
# One script run of a page (training + a trajectory + rendering) on a loaded
# machine; generous so a slow CI machine is not mistaken for a broken app.
APP_RUN_TIMEOUT_MS = 60_000


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def screenshot_dir() -> Path:
    """Where story screenshots go: $SCREENSHOT_DIR, else test-artifacts/screenshots."""
    folder = Path(os.environ.get("SCREENSHOT_DIR", REPO_ROOT / "test-artifacts" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class StreamlitServer:
    """``streamlit run <script>`` on a free 127.0.0.1 port, its output kept in a log file.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(self, script: str | Path = "app.py", *, port: int | None = None) -> None:
        self.script = str(script)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.NamedTemporaryFile(
            mode="w+", prefix="streamlit-", suffix=".log", delete=False
        )
        self.proc: subprocess.Popen | None = None

    def start(self) -> "StreamlitServer":
        cmd = [
            sys.executable, "-m", "streamlit", "run", self.script,
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with code {self.proc.returncode} before it was healthy:\n"
                    + self.log()
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.2)  # polling interval of the health check, not a wait on the app
        self.stop()
        raise RuntimeError(
            f"streamlit did not answer /_stcore/health within {SERVER_START_TIMEOUT_S:.0f} s:\n"
            + self.log()
        )

    def log(self) -> str:
        """Everything the server printed so far."""
        self._log.flush()
        try:
            return Path(self._log.name).read_text(errors="replace")
        except OSError:
            return "<no server log>"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def close(self) -> None:
        """Stop the server and delete its log file."""
        self.stop()
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)

    def __enter__(self) -> "StreamlitServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


# Installed in the page by wait_for_app_run: remembers when the app's connection or
# script state last changed, so a run that follows right after another is not missed.
_WATCH_JS = """
(quietMs) => {
  if (!window.__stRunWatch) {
    window.__stRunWatch = { last: performance.now() };
    new MutationObserver(() => { window.__stRunWatch.last = performance.now(); }).observe(
      document.documentElement,
      { attributes: true, subtree: true,
        attributeFilter: ['data-test-script-state', 'data-test-connection-state'] });
  }
  const app = document.querySelector("[data-testid='stApp']");
  return !!app
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && performance.now() - window.__stRunWatch.last >= quietMs;
}
"""


def wait_for_app_run(
    page: Page, *, timeout: int = APP_RUN_TIMEOUT_MS, settle_ms: int = 100, quiet_ms: int = 300
) -> None:
    """Wait until the app is connected and its script runs have finished.

    "Finished" means ``stApp`` reads ``data-test-script-state="notRunning"`` and
    that state has not changed for ``quiet_ms``: one click can cause two runs in
    a row (a widget callback, then a component reporting its value), and
    Streamlit sends the rerun request a moment after the click, so the state can
    still read ``notRunning`` right after an action (``settle_ms`` covers that).
    """
    if settle_ms:
        page.wait_for_timeout(settle_ms)
    page.wait_for_function(_WATCH_JS, arg=quiet_ms, timeout=timeout, polling=50)


def nav_links(page: Page) -> Locator:
    """The page links of the sidebar navigation."""
    return page.get_by_test_id("stSidebarNav").get_by_test_id("stSidebarNavLink")


def nav_page_names(page: Page) -> list[str]:
    """The page titles shown in the navigation, in order (without their icons)."""
    labels = nav_links(page).get_by_test_id("stMarkdownContainer")
    return [text.strip() for text in labels.all_inner_texts()]


def navigate_to_page(page: Page, title: str) -> None:
    """Click the navigation link named ``title`` and wait for that page's run."""
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    wait_for_app_run(page)


def by_key(page: Page | Locator, key: str) -> Locator:
    """The element of the widget created with ``key=key`` (Streamlit's ``.st-key-<key>``).

    Streamlit replaces every character outside ``[A-Za-z0-9_-]`` by ``-`` in
    that class name, so ``"playground.noise"`` becomes ``st-key-playground-noise``.
    """
    return page.locator(f".{key_class(key)}")


def key_class(key: str) -> str:
    """The CSS class Streamlit gives the widget with ``key=key``."""
    return "st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key.strip())


def click_button(page: Page, label: str | None = None, *, key: str | None = None) -> None:
    """Click a button found by widget key or by its label, then wait for the rerun."""
    if key is not None:
        target = by_key(page, key).get_by_role("button").first
    elif label is not None:
        target = page.get_by_role("button", name=label, exact=True).first
    else:
        raise ValueError("click_button needs a label or a key")
    target.click()
    wait_for_app_run(page)


def screenshot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG of what the page shows now as <screenshot dir>/<name>.png."""
    path = screenshot_dir() / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def expect_no_exception(page: Page) -> None:
    """No Streamlit exception box and no error boundary anywhere on the page."""
    expect(page.get_by_test_id("stException")).to_have_count(0)

