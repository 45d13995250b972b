"""Every page listed in app.py opens through the navigation without an exception."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import APP, ROOT, TIMEOUT

PAGES = sorted(set(re.findall(r'PAGES / "([a-z_]+\.py)"', (ROOT / "app.py").read_text())))


def test_app_lists_every_page_file():
    on_disk = sorted(p.name for p in (ROOT / "pages").glob("*.py"))
    assert PAGES == on_disk


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_without_exception(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.switch_page(f"pages/{page}")
    at.run()
    assert not at.exception, f"{page}: {at.exception}"
    assert not at.error, f"{page}: {[e.value for e in at.error]}"


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_with_memories_stored(page):
    """The Explore pages read the Playground's memories: they must cope with a real set."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page("pages/playground.py")
    at.run()
    at.button(key="playground.builtin_add").click()
    at.run()
    assert len(at.session_state["app.memories"]) == 5
    at.switch_page(f"pages/{page}")
    at.run()
    assert not at.exception, f"{page}: {at.exception}"
